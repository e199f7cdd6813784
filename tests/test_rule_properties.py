"""Properties every built-in rule kind keeps, for random valid parameters and
random valid facts: points stay within 0 ≤ points ≤ best() ≤ max, scoring is
deterministic, monotone kinds never score less for a larger fact (deduction
never more), a ratio's tiers agree with the exact percentage, and every
explanation renders in both languages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from cchc_score.rules import (
    Choice,
    Context,
    Deadline,
    Deduction,
    Proportional,
    Ratio,
    Rule,
    RuleKinds,
    Survey,
    Tiers,
)

KINDS = RuleKinds.builtin()
ZERO = Decimal(0)
HUNDRED = Decimal(100)
Draw = Callable[[st.SearchStrategy[Any]], Any]


def amounts(lo: Decimal | int, hi: Decimal | int, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=lo, max_value=hi, places=places, allow_nan=False,
                       allow_infinity=False)


maxima = st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal(1), Decimal("1.5"),
                          Decimal(2), Decimal("14.50"), Decimal(4)])


# -- random valid parameter tables, one strategy per kind -----------------------------


def _yes_no(draw: Draw, m: Decimal) -> dict[str, Any]:
    return {"kind": "yes_no", "yes": draw(amounts(0, m)), "no": draw(amounts(0, m))}


def _choice(draw: Draw, m: Decimal) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from(["dat", "chua-dat", "khong", "một-phần", "Tốt"]),
                         min_size=1, max_size=4, unique=True))
    return {"kind": "choice",
            "options": [{"key": k, "points": draw(amounts(0, m))} for k in keys]}


def _deadline(draw: Draw, m: Decimal, decreasing: bool = False) -> dict[str, Any]:
    days = sorted(draw(st.lists(st.integers(1, 120), max_size=3, unique=True)))
    on_time = draw(amounts(0, m))
    if decreasing:  # each later step scores no more than the one before
        steps = sorted((draw(amounts(0, on_time)) for _ in days), reverse=True)
        late_points = draw(amounts(0, min(steps, default=on_time)))
        missing = draw(amounts(0, late_points))
    else:
        steps = [draw(amounts(0, m)) for _ in days]
        late_points, missing = draw(amounts(0, m)), draw(amounts(0, m))
    month = draw(st.integers(1, 12))
    return {"kind": "deadline", "due": f"{month:02d}-{draw(st.integers(1, 28)):02d}",
            "year_offset": draw(st.integers(-1, 1)), "on_time": on_time,
            "late": [{"days": d, "points": p} for d, p in zip(days, steps, strict=True)],
            "late_points": late_points, "missing": missing}


def _tiers(draw: Draw, m: Decimal, over: str | None = None,
           ordered: bool | None = None) -> dict[str, Any]:
    """Tiers with strictly decreasing thresholds; `ordered` points fall
    with them (the usual "100%: 2; từ 95%: 1; dưới: 0"), otherwise any order
    (a count of violations: "từ 3 vụ: 0; 1–2 vụ: 0,5; không: 1")."""
    over = over or draw(st.sampled_from(["number", "percent", "ratio"]))
    top = 1000 if over == "number" else 100
    thresholds = sorted(draw(st.lists(amounts(0, top, 1), min_size=1, max_size=4, unique=True)),
                        reverse=True)
    scores = [draw(amounts(0, m)) for _ in range(len(thresholds) + 1)]
    if ordered if ordered is not None else draw(st.booleans()):
        scores.sort(reverse=True)
    table: dict[str, Any] = {
        "kind": "tiers", "over": over, "below": scores[-1],
        "tiers": [{draw(st.sampled_from(["min", "above"])): t, "points": p}
                  for t, p in zip(thresholds, scores, strict=False)],
    }
    if over == "ratio":
        table["zero_denominator"] = draw(st.sampled_from(["full", "na", "zero"]))
    return table


def _proportional(draw: Draw, m: Decimal) -> dict[str, Any]:
    table: dict[str, Any] = {"kind": "proportional",
                             "over": draw(st.sampled_from(["percent", "ratio"])),
                             "zero_denominator": draw(st.sampled_from(["full", "na", "zero"]))}
    if draw(st.booleans()):
        table["floor"] = draw(amounts(0, 100, 1))
    return table


def _deduction(draw: Draw, m: Decimal) -> dict[str, Any]:
    return {"kind": "deduction", "per_item": draw(amounts(Decimal("0.01"), m)),
            "floor": draw(amounts(0, m))}


def _bonus(draw: Draw, m: Decimal) -> dict[str, Any]:
    table = {"kind": "bonus", "per_item": draw(amounts(Decimal("0.01"), m))}
    if draw(st.booleans()):
        table["cap"] = draw(amounts(0, m))
    return table


def _survey(draw: Draw, m: Decimal) -> dict[str, Any]:
    if draw(st.booleans()):
        return {"kind": "survey"}
    options = draw(st.lists(st.sampled_from("ABCDE"), min_size=1, max_size=5, unique=True))
    return {"kind": "survey", "weights": {o: draw(amounts(0, 100, 0)) for o in options}}


def _manual(draw: Draw, m: Decimal) -> dict[str, Any]:
    table: dict[str, Any] = {"kind": "manual"}
    if draw(st.booleans()):
        table["step"] = draw(st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal("0.1"),
                                              Decimal("0.3"), Decimal(1)]))
    return table


PARAMS: dict[str, Callable[..., dict[str, Any]]] = {
    "yes_no": _yes_no, "choice": _choice, "deadline": _deadline, "tiers": _tiers,
    "proportional": _proportional, "deduction": _deduction, "bonus": _bonus,
    "survey": _survey, "manual": _manual,
}


@st.composite
def rules(draw: st.DrawFn, /, kind: str | None = None, **options: Any) -> Rule:
    """A rule built from a random valid parameter table of `kind` (any kind
    when None), for a random maximum."""
    name = kind or draw(st.sampled_from(sorted(PARAMS)))
    node_max = draw(maxima)
    return KINDS.build(PARAMS[name](draw, node_max, **options), node_max)


# -- random valid facts for a rule, in the forms people write them ------------------------


def _comma(value: Decimal) -> str:
    return f"{value:f}".replace(".", ",")


def percents() -> st.SearchStrategy[Any]:
    exact = amounts(0, 100, 3)
    return st.one_of(exact, exact.map(_comma), exact.map(lambda v: f"{_comma(v)}%"))


def ratios(with_zero: bool = True) -> st.SearchStrategy[Any]:
    dens = st.integers(0 if with_zero else 1, 400)
    pairs = dens.flatmap(lambda den: st.tuples(st.integers(0, den), st.just(den)))
    return pairs.flatmap(lambda p: st.sampled_from(
        [f"{p[0]}/{p[1]}", {"num": p[0], "den": p[1]}, [Decimal(p[0]), Decimal(p[1])]]))


def facts(rule: Rule) -> st.SearchStrategy[Any]:
    if rule.kind == "yes_no":
        return st.sampled_from([True, False, "có", "không", "Có", "KHÔNG"])
    if isinstance(rule, Choice):
        return st.sampled_from([o.key for o in rule.options] + [o.label for o in rule.options])
    if isinstance(rule, Deadline):
        due = rule.due_date(2024)
        dates = st.integers(-60, 200).map(lambda d: due + dt.timedelta(days=d))
        return st.one_of(dates, dates.map(lambda d: d.strftime("%d/%m/%Y")), st.just(False))
    if isinstance(rule, Tiers | Proportional):
        if rule.over == "ratio":
            return ratios()
        if rule.over == "percent":
            return percents()
        return st.one_of(st.integers(0, 2000), amounts(0, 2000, 1))
    if rule.kind in ("deduction", "bonus"):
        return st.one_of(st.integers(0, 60), st.integers(0, 60).map(str))
    if isinstance(rule, Survey):
        if rule.weights is None:
            return percents()
        return st.dictionaries(st.sampled_from(sorted(rule.weights)), st.integers(0, 500),
                               min_size=1).filter(lambda d: sum(d.values()) > 0)
    if rule.kind == "manual":
        step = getattr(rule, "step", None)
        if step is None:
            return amounts(0, rule.max)
        return st.integers(0, int(rule.max // step)).map(lambda n: n * step)
    raise AssertionError(rule.kind)


CTX = Context(year=2024)


# -- the properties ------------------------------------------------------------------------


@given(data=st.data())
def test_points_stay_within_best_and_max(data: st.DataObject) -> None:
    """For any valid rule and fact: 0 ≤ points ≤ best() ≤ max."""
    rule = data.draw(rules())
    outcome = rule.score(rule.parse_value(data.draw(facts(rule))), CTX)
    assert isinstance(outcome.points, Decimal)
    assert ZERO <= outcome.points <= rule.best() <= rule.max
    if outcome.na:
        assert outcome.points == ZERO


@given(data=st.data())
def test_scoring_is_deterministic(data: st.DataObject) -> None:
    """Parsing and scoring the same fact twice gives the same outcome."""
    rule = data.draw(rules())
    raw = data.draw(facts(rule))
    assert rule.score(rule.parse_value(raw), CTX) == rule.score(rule.parse_value(raw), CTX)


@given(data=st.data())
def test_explanations_render_in_both_languages(data: st.DataObject) -> None:
    """Every outcome explains itself in Vietnamese and English, every
    placeholder filled, numbers written the way each language writes them."""
    rule = data.draw(rules())
    outcome = rule.score(rule.parse_value(data.draw(facts(rule))), CTX)
    vi, en = outcome.explanation.render("vi"), outcome.explanation.render("en")
    for text in (vi, en):
        assert text and "{" not in text and "}" not in text
    if outcome.na:
        assert vi.endswith("không áp dụng") and en.endswith("not applicable")
    else:  # "→ 0,5/1 điểm" and "→ 0.5/1 points"
        assert re.search(r"→ (đạt tối đa )?\d+(,\d+)?/\d+(,\d+)? điểm", vi), vi
        assert re.search(r"→ (full )?\d+(\.\d+)?/\d+(\.\d+)? points", en), en


def _share(value: Any) -> Fraction | None:
    """A parsed numeric fact as an exact fraction (None for 0/0)."""
    if isinstance(value, Ratio):
        return None if value.den == 0 else Fraction(value.num) / Fraction(value.den)
    return Fraction(value)


@given(data=st.data())
def test_monotone_kinds_never_score_less_for_a_larger_fact(data: st.DataObject) -> None:
    """Tiers whose points fall with their thresholds, proportional, bonus and a
    plain survey share claim `monotone` and keep it: a larger fact never scores
    less. Deduction is the other way round: more items never score more."""
    kind = data.draw(st.sampled_from(["tiers", "proportional", "bonus", "deduction", "survey"]))
    rule = data.draw(rules(kind))
    if kind == "tiers":
        steps = [t.points for t in rule.tiers] + [rule.below]  # type: ignore[attr-defined]
        assert rule.monotone is (steps == sorted(steps, reverse=True))
    elif kind == "survey":
        assert rule.monotone is (rule.weights is None)  # type: ignore[attr-defined]
    else:
        assert rule.monotone is (kind != "deduction")
    assume(rule.monotone or kind == "deduction")
    a, b = (rule.parse_value(data.draw(facts(rule))) for _ in range(2))
    sa, sb = _share(a), _share(b)
    if sa is None or sb is None or sa == sb:  # 0/0 has no place in the order
        return
    low, high = (a, b) if sa < sb else (b, a)
    lo_points, hi_points = rule.score(low, CTX).points, rule.score(high, CTX).points
    if isinstance(rule, Deduction):
        assert hi_points <= lo_points
    else:
        assert lo_points <= hi_points


@given(data=st.data())
def test_a_later_date_never_scores_more_when_late_steps_decrease(data: st.DataObject) -> None:
    """With on-time ≥ each late step ≥ late ≥ missing, issuing later never helps."""
    rule = data.draw(rules("deadline", decreasing=True))
    assert isinstance(rule, Deadline)
    dates = st.integers(-60, 200).map(lambda d: rule.due_date(2024) + dt.timedelta(days=d))
    early, late = sorted([data.draw(dates), data.draw(dates)])
    assert rule.score(late, CTX).points <= rule.score(early, CTX).points
    assert rule.score(rule.parse_value(False), CTX).points <= rule.score(late, CTX).points


@given(data=st.data())
def test_a_ratios_tiers_agree_with_the_exact_percent(data: st.DataObject) -> None:
    """num/den scores like the percentage num × 100 / den, whenever that
    percentage is an exact decimal; the share is never rounded to a tier."""
    table = _tiers(data.draw, data.draw(maxima), over="ratio")
    node_max = data.draw(maxima)
    ratio_rule = KINDS.build(table, node_max)
    percent_rule = KINDS.build({**table, "over": "percent", "zero_denominator": "full"}, node_max)
    den = data.draw(st.sampled_from([1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80, 125, 200, 400,
                                     625, 1000]))
    num = data.draw(st.integers(0, den))
    percent = Decimal(num * 100) / Decimal(den)
    assert Fraction(percent) == Fraction(num * 100, den)  # exact by the choice of den
    got = ratio_rule.score(ratio_rule.parse_value(f"{num}/{den}"), CTX).points
    assert got == percent_rule.score(percent_rule.parse_value(percent), CTX).points


@given(data=st.data())
def test_ratio_tiers_match_an_exact_fraction_model(data: st.DataObject) -> None:
    """For any num/den (repeating shares included) the tier chosen is the
    first whose bound admits the exact fraction num × 100 / den."""
    table = _tiers(data.draw, Decimal(2), over="ratio")
    rule = KINDS.build(table, Decimal(2))
    den = data.draw(st.integers(1, 10_000))
    num = data.draw(st.integers(0, den))
    share = Fraction(num * 100, den)
    expected = next((t["points"] for t in table["tiers"]
                     if (share >= Fraction(t["min"]) if "min" in t
                         else share > Fraction(t["above"]))), table["below"])
    assert rule.score(rule.parse_value({"num": num, "den": den}), CTX).points == expected


@given(value=amounts(0, 100, 3))
def test_a_decimal_comma_reads_like_a_decimal_point(value: Decimal) -> None:
    """ "96,5" and 96.5 are the same fact for every rule over a percentage."""
    for table in ({"kind": "proportional"}, {"kind": "survey"},
                  {"kind": "tiers", "over": "percent",
                   "tiers": [{"min": 95, "points": 1}, {"above": 50, "points": 0.5}]}):
        rule = KINDS.build(table, Decimal(1))
        assert rule.parse_value(_comma(value)) == rule.parse_value(value)
        assert rule.parse_value(f" {_comma(value)} %") == value


@given(data=st.data())
def test_proportional_is_max_times_share_above_the_floor(data: st.DataObject) -> None:
    """Points = max × share (exact, or to Decimal's 28 digits for a repeating
    ratio such as 1/3); a share under the floor scores 0."""
    rule = data.draw(rules("proportional"))
    assert isinstance(rule, Proportional)
    value = rule.parse_value(data.draw(facts(rule)))
    share = _share(value)
    assume(share is not None)
    assert share is not None
    percent = share * 100 if isinstance(value, Ratio) else share
    got = Fraction(rule.score(value, CTX).points)
    if rule.floor is not None and percent < Fraction(rule.floor):
        assert got == 0
    else:
        assert abs(got - Fraction(rule.max) * percent / 100) < Fraction(1, 10**20)


@given(data=st.data())
def test_every_kind_reaches_its_best_with_its_example(data: st.DataObject) -> None:
    """`example()` (used by templates) is a valid fact that scores best()."""
    rule = data.draw(rules())
    assert rule.score(rule.parse_value(rule.example()), CTX).points == rule.best()
