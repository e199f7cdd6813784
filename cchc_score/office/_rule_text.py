"""Turning a leaf's printed scoring options into a rule.

Official criteria annexes print, under each sub-criterion, one row per
scoring option: "Thực hiện từ 70% - 100% kế hoạch: 2", "Có từ 01 - 02 hình
thức: 1,5", "Không ban hành: 0". This module reads those texts:

- percentage bands ("từ 70% - 100%", "từ 50% - dưới 70%", "dưới 50%",
  "trên 90%", "đạt ¾ số lượng trở lên") → `tiers` over a percent (or over a
  ratio when the text counts a fraction of items, "¾ số lượng");
- counts ("có từ 3 tin, bài trở lên", "từ 1-2") → `tiers` over a number;
- two options worth the maximum and 0 ("có / không") → `yes_no`;
- other named options → `choice`;
- anything else → `manual`, bounded by the maximum, with a warning.

Bands are read half-open, as the decisions mean them: a tier's lower bound
decides, and where the printed bounds disagree ("từ 50% - 70%" under "từ
70% - 100%") the disagreement is reported, never silently papered over.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from .._i18n import Msg, msg
from ..rules import InvalidParams, RuleKinds, fold, label_key
from ._cells import number as cell_number
from ._option_text import OptionRow, has_points, option_from_cells, stray_quote

__all__ = ["OptionRow", "Problem", "Reading", "has_points", "option_from_cells", "read_rule",
           "slug"]

ZERO = Decimal(0)
HUNDRED = Decimal(100)

_FRACTIONS = {"¼": Decimal(25), "½": Decimal(50), "¾": Decimal(75)}
_QUANTITY = re.compile(
    r"(?P<frac>[¼½¾])"
    r"|(?<![\d/])(?P<n>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?![\d/])"
    r"|(?P<num>\d+(?:[.,]\d+)?)(?P<pct>\s*%)?"
)
_NEGATION = re.compile(r"(^|\s)(không|chưa)(\s|$)")
_FULL = re.compile(r"(đầy đủ|tất cả|toàn bộ)")
_SURVEY = re.compile(r"(ý kiến được hỏi|hài lòng)")


@attrs.frozen
class Problem:
    """Something about the source a person should know: level, message, row."""

    level: str
    message: Msg
    row: int | None = None


@attrs.frozen
class Reading:
    """What the options of one leaf mean: the rule table to write, the
    leaf's method, and the problems met on the way."""

    rule: dict[str, Any]
    method: str = "self"
    problems: tuple[Problem, ...] = ()

    @property
    def manual(self) -> bool:
        return self.rule.get("kind") == "manual"


# -- bands ----------------------------------------------------------------------


@attrs.frozen
class _Band:
    option: OptionRow
    lo: Decimal | None = None
    lo_incl: bool = True
    hi: Decimal | None = None
    hi_incl: bool = False
    role: str = "band"  # band | full | none
    fraction: bool = False
    percent: bool = False
    missing_upper: bool = False
    stray_up: bool = False
    unit: str | None = None


def _clean(words: str) -> str:
    t = unicodedata.normalize("NFC", words).casefold()
    t = re.sub(r"[–—−]", "-", t)
    t = re.sub(r"\([^)]*\)", " ", t)  # explanations in brackets carry no bounds
    t = re.sub(r"(\d)\s+%", r"\1%", t)
    return re.sub(r"\s+", " ", t).strip()


def _quantities(t: str) -> list[tuple[Decimal, bool, bool, int, int]]:
    """(value in %, is_percent, is_fraction, start, end) of each quantity,
    skipping years ("năm 2024"), durations ("01 tháng") and document numbers."""
    found = []
    for m in _QUANTITY.finditer(t):
        before, after = t[:m.start()], t[m.end():]
        if re.search(r"(năm|số|ngày|tháng)\s*$", before) and not m.group("pct"):
            continue
        if re.match(r"\s*(ngày|tháng|năm|giờ|/[^\d])", after):
            continue
        if m.group("frac"):
            found.append((_FRACTIONS[m.group("frac")], False, True, m.start(), m.end()))
        elif m.group("n"):
            num, den = int(m.group("n")), int(m.group("d"))
            share = Decimal(num) * HUNDRED / Decimal(den) if den else None
            if share is None or num > den or share != share.quantize(Decimal("0.01")):
                continue
            found.append((share.normalize() if share % 1 else Decimal(int(share)),
                          False, True, m.start(), m.end()))
        else:
            value = cell_number(m.group("num"))  # guarded: 30 digits is no quantity
            if value is not None:
                found.append((value, bool(m.group("pct")), False, m.start(), m.end()))
    return found


def _unit_after(t: str) -> str | None:
    m = re.match(r"\s*%?\s*([^\d:;%]+?)(?:\s+(?:về|trở lên|trở xuống|trong|được|của|nào)\b.*)?$",
                 t)
    if not m:
        return None
    unit = m.group(1).strip(" ,.-")
    return unit or None


def _band(option: OptionRow) -> _Band | None:
    """Read one option as a band, a "full" option (đầy đủ, tất cả), a
    "none" option (không thực hiện) or nothing band-like (None)."""
    t = _clean(option.label)
    qs = _quantities(t)
    if not qs:
        if _NEGATION.search(t):
            return _Band(option, role="none")
        if _FULL.search(t):
            return _Band(option, lo=HUNDRED, role="full", percent=True)
        return None
    first = qs[0]
    fraction = any(q[2] for q in qs[:2])
    percent = any(q[1] for q in qs[:2])
    before = t[:first[3]]
    lo_excl = bool(re.search(r"(^|\s)trên\s*$", before))
    if len(qs) >= 2:
        second = qs[1]
        between = t[first[4]:second[3]]
        m = re.fullmatch(r"\s*%?\s*(-|đến|tới|~)\s*(dưới\s*)?", between)
        if m:
            after = t[second[4]:]
            return _Band(option, lo=first[0], lo_incl=not lo_excl, hi=second[0],
                         hi_incl=not m.group(2), fraction=fraction, percent=percent,
                         stray_up="trở lên" in after, unit=_unit_after(after))
    after = t[first[4]:]
    value = first[0]
    if re.search(r"(^|\s)dưới\s*$", before):
        return _Band(option, hi=value, hi_incl=False, fraction=fraction, percent=percent,
                     unit=_unit_after(after))
    if re.search(r"(không quá|tối đa|không vượt quá)\s*$", before) or "trở xuống" in after:
        return _Band(option, hi=value, hi_incl=True, fraction=fraction, percent=percent,
                     unit=_unit_after(after))
    if lo_excl:
        return _Band(option, lo=value, lo_incl=False, fraction=fraction, percent=percent,
                     unit=_unit_after(after))
    if re.match(r"\s*%?\s*(-|đến)\s*(dưới)?\s*(?!\s*\d)", after):
        # "từ 50 đến dưới số nhiệm vụ": the upper bound is missing in the source.
        return _Band(option, lo=value, fraction=fraction, percent=percent, missing_upper=True,
                     unit=_unit_after(re.sub(r"^\s*%?\s*(-|đến)\s*(dưới)?", "", after)))
    lower_words = re.search(r"(^|\s)(từ|ít nhất|tối thiểu)\s*$", before)
    if "trở lên" in after or lower_words or first[1] or first[2]:
        return _Band(option, lo=value, fraction=fraction, percent=percent,
                     unit=_unit_after(after))
    return None


def _read_bands(node_max: Decimal, options: Sequence[OptionRow]
                ) -> tuple[dict[str, Any], list[Problem]] | None:
    """The tiers rule for options that are all bands, or None."""
    bands = [_band(o) for o in options]
    if any(b is None for b in bands):
        return None
    found = [b for b in bands if b is not None]
    numeric = [b for b in found if b.role == "band"]
    full = [b for b in found if b.role == "full"]
    none = [b for b in found if b.role == "none"]
    if not numeric or len(full) > 1 or len(none) > 1:
        return None
    over = ("ratio" if any(b.fraction for b in numeric)
            else "percent" if any(b.percent for b in numeric) or full else "number")
    problems: list[Problem] = []
    only_hi = [b for b in numeric if b.lo is None]
    with_lo = [b for b in numeric + full if b.lo is not None]
    if len(only_hi) > 1 or not with_lo:
        return None
    below = ZERO
    lowest = min(b.lo for b in with_lo if b.lo is not None)
    if only_hi and only_hi[0].hi != lowest:
        low = only_hi[0]
        problems.append(Problem("warning", msg("office.band_gap", text=low.option.label,
                                               lo=ZERO, hi=lowest), low.option.row))
    if only_hi and none:
        # "có thực hiện nhưng dưới 5%" next to "không thực hiện": above zero.
        with_lo.append(attrs.evolve(only_hi[0], lo=ZERO, lo_incl=False))
        below = _points(none[0])
    elif only_hi:
        below = _points(only_hi[0])
    elif none:
        below = _points(none[0])
    with_lo.sort(key=lambda b: (b.lo, not b.lo_incl), reverse=True)
    for upper, lower in itertools.pairwise(with_lo):
        assert upper.lo is not None and lower.lo is not None
        if upper.lo == lower.lo and upper.lo_incl == lower.lo_incl:
            return None
        if lower.missing_upper:
            problems.append(Problem("warning", msg("office.band_no_upper", text=lower.option.label,
                                                   lo=lower.lo, hi=upper.lo), lower.option.row))
        elif lower.hi is not None and not _meets(lower, upper, over):
            key = ("office.band_overlap" if lower.hi == upper.lo else "office.band_gap")
            problems.append(Problem("warning", msg(key, text=lower.option.label, lo=lower.lo,
                                                   hi=upper.lo), lower.option.row))
        if _points(lower) > _points(upper):
            problems.append(Problem("warning", msg("office.band_points_order",
                                                   text=lower.option.label), lower.option.row))
    for b in numeric:
        if b.stray_up:
            problems.append(Problem("warning", msg("office.band_stray_up", text=b.option.label),
                                    b.option.row))
    rule: dict[str, Any] = {"kind": "tiers", "over": over, "tiers": [
        {("min" if b.lo_incl else "above"): b.lo, "points": _points(b)} for b in with_lo]}
    rule["below"] = below
    if over == "ratio":
        rule["zero_denominator"] = "full"
    if over == "number":
        unit = next((b.unit for b in with_lo if b.unit), None)
        if unit:
            rule["unit"] = unit
    if over == "percent" and any(b.lo is not None and b.lo > HUNDRED for b in with_lo):
        return None
    return rule, problems


def _meets(lower: _Band, upper: _Band, over: str) -> bool:
    """Whether a band's printed upper bound is exactly where the next band starts."""
    assert lower.hi is not None and upper.lo is not None
    if lower.hi == upper.lo:
        return lower.hi_incl != upper.lo_incl
    # Counts: "từ 1-2" below "từ 3" leaves no whole number out.
    return (over == "number" and lower.hi_incl and upper.lo_incl
            and upper.lo == lower.hi + 1 and lower.hi == lower.hi.to_integral_value())


def _points(band: _Band) -> Decimal:
    return band.option.points if band.option.points is not None else ZERO


# -- named options ----------------------------------------------------------------


def slug(label: str) -> str:
    """A short ASCII key for an option label: its first six words without
    diacritics ("Ban hành kịp thời (…)" → "ban-hanh-kip-thoi"); see
    `rules.label_key`, which answers are also matched by."""
    return label_key(label, 6) or "lua-chon"


def _named(node_max: Decimal, options: Sequence[OptionRow]) -> dict[str, Any] | None:
    labels = [o.label for o in options]
    if any(not label for label in labels):
        return None
    short = [o.short_label for o in options]
    if len({fold(s) for s in short}) == len(short):
        labels = short
    if len({fold(label) for label in labels}) != len(labels):
        return None
    points = [o.points for o in options]
    assert all(p is not None for p in points)
    ranked = sorted(options, key=lambda o: o.points or ZERO, reverse=True)
    if len(options) == 1 and ranked[0].points == node_max:
        return {"kind": "yes_no", "yes": node_max, "no": ZERO, "yes_label": labels[0]}
    if len(options) == 2 and ranked[1].points == 0 and (ranked[0].points or ZERO) > 0:
        yes, no = (0, 1) if ranked[0] is options[0] else (1, 0)
        return {"kind": "yes_no", "yes": ranked[0].points, "no": ZERO,
                "yes_label": labels[yes], "no_label": labels[no]}
    if len(options) < 2:
        return None
    keys: list[str] = []
    for label in labels:
        key = base = slug(label)
        n = 2
        while key in keys:
            key, n = f"{base}-{n}", n + 1
        keys.append(key)
    return {"kind": "choice", "options": [
        {"key": k, "label": label, "points": o.points}
        for k, label, o in zip(keys, labels, options, strict=True)]}


# -- the whole leaf -----------------------------------------------------------------


def read_rule(code: str, node_max: Decimal, options: Sequence[OptionRow],
              kinds: RuleKinds | None = None) -> Reading:
    """The rule for a leaf from its printed options. Never fails: what it
    cannot read becomes `manual` with a warning (a person finishes it)."""
    problems: list[Problem] = []
    capped: list[OptionRow] = []
    for option in options:
        if option.points is not None and option.points > node_max:
            problems.append(Problem("warning", msg("office.option_over", text=option.label,
                                                   points=option.points, max=node_max),
                                    option.row))
            option = attrs.evolve(option, points=node_max)
        capped.append(option)
    for option in capped:
        if stray_quote(option.label):
            problems.append(Problem("warning", msg("office.stray_quote", text=option.label),
                                    option.row))
    method = "survey" if any(_SURVEY.search(_clean(o.label)) for o in capped) else "self"
    if not capped:
        return _manual(node_max, problems, msg("office.no_options", code=code), None)
    missing = [o for o in capped if o.points is None]
    if missing:
        return _manual(node_max, problems, msg("office.option_no_points", code=code,
                                               text=missing[0].label), missing[0].row)
    rule: dict[str, Any] | None = None
    banded = _read_bands(node_max, capped)
    if banded is not None:
        rule, band_problems = banded
        problems.extend(band_problems)
    else:
        rule = _named(node_max, capped)
    if rule is None:
        return _manual(node_max, problems, msg("office.unreadable_options", code=code),
                       capped[0].row, method)
    try:
        built = (kinds or RuleKinds.builtin()).build(rule, node_max)
    except InvalidParams:
        return _manual(node_max, problems, msg("office.unreadable_options", code=code),
                       capped[0].row, method)
    if built.best() < node_max:
        problems.append(Problem("warning", msg("office.best_under", best=built.best(),
                                               max=node_max), None))
    return Reading(rule, method, tuple(problems))


def _manual(node_max: Decimal, problems: list[Problem], why: Msg, row: int | None,
            method: str = "self") -> Reading:
    problems.append(Problem("warning", why, row))
    return Reading({"kind": "manual"}, method, tuple(problems))
