"""The built-in rule kinds (DESIGN §2.2). Registered through the plugin hooks
like any province's kinds."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from itertools import pairwise
from typing import Any, ClassVar

import attrs

from .._i18n import Msg, msg
from .._numbers import plain, quantize
from ._base import (
    HUNDRED,
    MISSING,
    ZERO,
    Context,
    InvalidValue,
    Outcome,
    Params,
    Ratio,
    Rule,
    Step,
    fold,
    label_key,
    parse_bool,
    parse_date,
    parse_number,
    parse_percent,
    parse_ratio,
    shown,
)


def _out(key: str, points: Decimal, node_max: Decimal, **args: Any) -> Outcome:
    return Outcome(points, msg(key, points=_points_text(points), max=node_max, **args))


def _points_text(points: Decimal) -> Decimal:
    """Points as shown in an explanation. A weighted survey or a proportional
    share can give 1.697674418604651162790697674; four places keep every
    quarter, eighth and sixteenth of a point exact and the line readable.
    `Outcome.points` stays exact; published figures round per the set."""
    return Decimal(plain(quantize(points, 4)))


def _share_text(share: Decimal) -> Decimal:
    """A share as people read it in an explanation (96.5, 33.33); scoring
    always uses the exact value."""
    return Decimal(plain(quantize(share, 2)))


# -- yes / no -------------------------------------------------------------------


@attrs.frozen
class YesNo(Rule):
    kind: ClassVar[str] = "yes_no"
    value_type: ClassVar[str] = "bool"
    max: Decimal
    yes: Decimal
    no: Decimal
    yes_label: str | None = None
    no_label: str | None = None

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> YesNo:
        return cls(
            node_max,
            params.decimal("yes", node_max) or ZERO,
            params.decimal("no", ZERO) or ZERO,
            params.text("yes_label"),
            params.text("no_label"),
        )

    def best(self) -> Decimal:
        return max(self.yes, self.no)

    def parse_value(self, raw: Any) -> bool:
        if isinstance(raw, str) and self.yes_label and fold(raw) == fold(self.yes_label):
            return True
        if isinstance(raw, str) and self.no_label and fold(raw) == fold(self.no_label):
            return False
        return parse_bool(raw)

    def score(self, value: bool, ctx: Context) -> Outcome:
        label: str | Msg = (self.yes_label or msg("yes")) if value else (self.no_label or msg("no"))
        return _out("out.yes_no", self.yes if value else self.no, self.max, label=label)

    def describe_value(self) -> str:
        return "true / false"

    def example(self) -> Any:
        return self.yes >= self.no

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        better = [answer for answer in (True, False)
                  if (self.yes if answer else self.no) > points]
        if not better:
            return None
        answer = min(better, key=lambda a: self.yes if a else self.no)
        label = (self.yes_label or msg("yes")) if answer else (self.no_label or msg("no"))
        return Step(self.yes if answer else self.no, msg("need.option", label=label),
                    "true" if answer else "false")


# -- choice -----------------------------------------------------------------------


@attrs.frozen
class Option:
    key: str
    label: str
    points: Decimal


@attrs.frozen
class Choice(Rule):
    kind: ClassVar[str] = "choice"
    value_type: ClassVar[str] = "choice"
    max: Decimal
    options: tuple[Option, ...]

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Choice:
        options: list[Option] = []
        seen: set[str] = set()
        for i, raw in enumerate(params.tables("options", required=True)):
            where = f"options[{i}]"
            key, label, points = raw.get("key"), raw.get("label"), raw.get("points")
            extra = set(raw) - {"key", "label", "points"}
            for bad in sorted(extra):
                params.problem(f"{where}.{bad}", msg("par.unknown", key=bad, kind="choice",
                                                     allowed=["key", "label", "points"]))
            if not isinstance(key, str) or not key.strip():
                params.problem(f"{where}.key", msg("par.missing", key="key"))
                continue
            if fold(key) in seen:
                params.problem(f"{where}.key", msg("par.dup_key", key=key))
            seen.add(fold(key))
            value = params.check_decimal(f"{where}.points", points) if points is not None else None
            if points is None:
                params.problem(f"{where}.points", msg("par.missing", key="points"))
            options.append(Option(key, label if isinstance(label, str) else key, value or ZERO))
        return cls(node_max, tuple(options))

    def best(self) -> Decimal:
        return max((o.points for o in self.options), default=ZERO)

    def parse_value(self, raw: Any) -> Option:
        """An option by its key or its label, the label also in its ASCII
        form (`label_key`): a set imported from an annex and one written by
        hand that name the same options accept the same answers, whatever
        keys each chose ("Ban hành kịp thời", "ban-hanh-kip-thoi")."""
        if isinstance(raw, str):
            wanted = fold(raw)
            for option in self.options:
                if wanted in (fold(option.key), fold(option.label)):
                    return option
            ascii_form = label_key(raw)
            matches = [o for o in self.options if ascii_form and ascii_form == label_key(o.label)]
            if len(matches) == 1:
                return matches[0]
        raise InvalidValue(msg("val.choice", raw=raw, options=[o.key for o in self.options],
                               hint=self._suggest(raw)))

    def _suggest(self, raw: Any) -> Msg | str:
        """" (có phải “kip-thoi”?)" for a near miss of a key or a label."""
        if not isinstance(raw, str):
            return ""
        names = {fold(o.key): o.key for o in self.options}
        names.update({fold(o.label): o.key for o in self.options})
        close = difflib.get_close_matches(fold(raw), list(names), 1, cutoff=0.6)
        return msg("asm.did_you_mean", suggestion=names[close[0]]) if close else ""

    def score(self, value: Option, ctx: Context) -> Outcome:
        return _out("out.choice", value.points, self.max, label=value.label)

    def describe_value(self) -> str:
        return " | ".join(o.key for o in self.options)

    def example(self) -> Any:
        return max(self.options, key=lambda o: o.points).key

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        better = [o for o in self.options if o.points > points]
        if not better:
            return None
        option = min(better, key=lambda o: o.points)
        return Step(option.points, msg("need.option", label=option.label), option.key)


# -- deadline ---------------------------------------------------------------------


@attrs.frozen
class Late:
    days: int
    points: Decimal


#: bounds that keep every date a deadline computes within the calendar
#: (assessment years are 1900–2999): a plan due years ahead, a ten-year grace
MAX_YEAR_OFFSET = 10
MAX_LATE_DAYS = 3660


@attrs.frozen
class Deadline(Rule):
    kind: ClassVar[str] = "deadline"
    value_type: ClassVar[str] = "date"
    max: Decimal
    month: int
    day: int
    year_offset: int
    on_time: Decimal
    late: tuple[Late, ...]
    late_points: Decimal
    missing: Decimal

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Deadline:
        due = params.text("due", "12-31", required=True) or "12-31"
        month = day = 0
        try:
            month_s, day_s = due.split("-")
            month, day = int(month_s), int(day_s)
            dt.date(2024, month, day)  # a leap year accepts 02-29
        except ValueError:
            params.problem("due", msg("par.type", key="due", problem=msg("par.due")))
        offset = params.get("year_offset", 0)
        if not isinstance(offset, int) or isinstance(offset, bool):
            params.problem("year_offset", msg("par.type", key="year_offset",
                                              problem=msg("val.integer", raw=offset)))
            offset = 0
        elif abs(offset) > MAX_YEAR_OFFSET:  # a due date a century away overflows dates
            params.problem("year_offset", msg("par.type", key="year_offset", problem=msg(
                "val.between", first=-MAX_YEAR_OFFSET, last=MAX_YEAR_OFFSET, raw=offset)))
            offset = 0
        lates: list[Late] = []
        for i, raw in enumerate(params.tables("late")):
            days = raw.get("days")
            points = params.check_decimal(f"late[{i}].points", raw.get("points", ZERO))
            if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
                params.problem(f"late[{i}].days", msg("par.type", key="days",
                                                      problem=msg("par.positive")))
                continue
            if days > MAX_LATE_DAYS:
                params.problem(f"late[{i}].days", msg("par.type", key="days", problem=msg(
                    "val.between", first=1, last=MAX_LATE_DAYS, raw=days)))
                continue
            if lates and days <= lates[-1].days:
                params.problem(f"late[{i}].days", msg("par.late_order"))
            lates.append(Late(days, points or ZERO))
        return cls(
            node_max, month, day, offset,
            params.decimal("on_time", node_max) or ZERO,
            tuple(lates),
            params.decimal("late_points", ZERO) or ZERO,
            params.decimal("missing", ZERO) or ZERO,
        )

    def due_date(self, year: int) -> dt.date:
        # 02-29 in a common year falls back to 02-28.
        target_year = year + self.year_offset
        try:
            return dt.date(target_year, self.month, self.day)
        except ValueError:
            return dt.date(target_year, self.month, self.day - 1)

    def best(self) -> Decimal:
        return max([self.on_time, self.late_points, self.missing, *(x.points for x in self.late)])

    def parse_value(self, raw: Any) -> dt.date | str:
        return parse_date(raw)

    def score(self, value: dt.date | str, ctx: Context) -> Outcome:
        due = self.due_date(ctx.year)
        if value == MISSING or not isinstance(value, dt.date):
            return _out("out.deadline.missing", self.missing, self.max, due=due)
        days = (value - due).days
        if days <= 0:
            return _out("out.deadline.on_time", self.on_time, self.max, date=value, due=due)
        points = next((x.points for x in self.late if days <= x.days), self.late_points)
        return _out("out.deadline.late", points, self.max, date=value, due=due, days=days)

    def describe_value(self) -> str:
        return "YYYY-MM-DD | false"

    def example(self) -> Any:
        # For 2024: the due date itself (on time), a late date or not issued,
        # whichever the rule rewards most (on time when tied).
        due = self.due_date(2024)
        last = self.late[-1].days if self.late else 0
        options: list[tuple[Decimal, dt.date | bool]] = [
            (self.on_time, due),
            *((x.points, due + dt.timedelta(days=x.days)) for x in self.late),
            (self.late_points, due + dt.timedelta(days=last + 1)),
            (self.missing, False),
        ]
        return max(options, key=lambda pair: pair[0])[1]

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        due = self.due_date(ctx.year)
        after = due + dt.timedelta(days=(self.late[-1].days if self.late else 0) + 1)
        # Easiest first, so that among equal points the latest date is suggested.
        steps = [Step(self.late_points, msg("need.issue"), after.isoformat())]
        for late in reversed(self.late):
            date = due + dt.timedelta(days=late.days)
            steps.append(Step(late.points, msg("need.late_by", date=date, days=late.days),
                              date.isoformat()))
        steps.append(Step(self.on_time, msg("need.on_time", due=due), due.isoformat()))
        better = [step for step in steps if step.points > points]
        return min(better, key=lambda step: step.points) if better else None


# -- numeric facts shared by tiers and proportional --------------------------------

_OVER = ("number", "percent", "ratio")
_ZERO_DEN = ("full", "na", "zero")


#: what a unit writes on a percent leaf when nothing arose (0 of 0 dossiers)
_NONE_AROSE = {"0/0", "không phát sinh", "khong phat sinh", "none", "none arose"}


def _read_fact(over: str, raw: Any, *, none_arose: bool = False,
               above_100: bool = False) -> Decimal | Ratio:
    """A numeric fact. On a percent leaf that declares `zero_denominator`,
    "không phát sinh" (or 0/0) reads as 0/0, scored by that policy; with
    `above_100`, a share over 100 % (a plan over-fulfilled) is accepted."""
    if over == "ratio":
        return parse_ratio(raw)
    if over == "percent":
        if none_arose and isinstance(raw, str) and " ".join(raw.split()).lower() in _NONE_AROSE:
            return Ratio(ZERO, ZERO)
        return parse_number(raw) if above_100 else parse_percent(raw)
    return parse_number(raw)


@attrs.frozen
class Tier:
    threshold: Decimal
    inclusive: bool  # min (≥) when True, above (>) when False
    points: Decimal

    def admits(self, value: Decimal) -> bool:
        return value >= self.threshold if self.inclusive else value > self.threshold

    def admits_ratio(self, ratio: Ratio) -> bool:
        # Exact: compare num × 100 with threshold × den, no division.
        left, right = ratio.num * HUNDRED, self.threshold * ratio.den
        return left >= right if self.inclusive else left > right


@attrs.frozen
class Tiers(Rule):
    kind: ClassVar[str] = "tiers"
    value_type: ClassVar[str] = "number"
    max: Decimal
    over: str
    tiers: tuple[Tier, ...]
    below: Decimal
    zero_denominator: str = "full"
    unit: str | None = None
    #: a percent leaf that says what "nothing arose" scores (its own
    #: `zero_denominator`), so a unit may declare "không phát sinh"
    none_arose: bool = False
    #: a percent leaf whose share may exceed 100 % (a plan over-fulfilled)
    above_100: bool = False

    @property
    def monotone(self) -> bool:
        # Monotone when the points do not rise going down the tiers to `below`.
        steps = [t.points for t in self.tiers] + [self.below]
        return all(a >= b for a, b in pairwise(steps))

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Tiers:
        over = params.text("over", "number", required=True, choices=_OVER) or "number"
        tiers: list[Tier] = []
        for i, raw in enumerate(params.tables("tiers", required=True)):
            bounds = [k for k in ("min", "above") if k in raw]
            extra = set(raw) - {"min", "above", "points"}
            if len(bounds) != 1 or "points" not in raw or extra:
                params.problem(f"tiers[{i}]", msg("par.tier_bound"))
                continue
            threshold = params.check_decimal(f"tiers[{i}].{bounds[0]}", raw[bounds[0]])
            points = params.check_decimal(f"tiers[{i}].points", raw["points"])
            if threshold is None or points is None:
                continue
            if over in ("percent", "ratio") and threshold > HUNDRED and not (
                    over == "percent" and params.raw.get("above_100") is True):
                params.problem(f"tiers[{i}].{bounds[0]}", msg("val.percent", raw=threshold))
            tier = Tier(threshold, bounds[0] == "min", points)
            if tiers and not _strictly_below(tier, tiers[-1]):
                params.problem(f"tiers[{i}]", msg("par.tiers_order", a=tiers[-1].threshold,
                                                  b=tier.threshold))
            tiers.append(tier)
        zero_den = params.text("zero_denominator", "full", choices=_ZERO_DEN) or "full"
        return cls(node_max, over, tuple(tiers), params.decimal("below", ZERO) or ZERO,
                   zero_den, params.text("unit"),
                   none_arose=over == "percent" and "zero_denominator" in params.raw,
                   above_100=_above_100(params, over))

    @property
    def value_type_name(self) -> str:
        return self.over

    def best(self) -> Decimal:
        return max(points for points, _ in self._reachable())

    def _reachable(self) -> list[tuple[Decimal, Any]]:
        """(points, a raw value that scores them) for every outcome some value
        reaches: each band, `below`, and 0/0 for a ratio. A band no value can
        reach (`below` under `min = 0`, `above = 100` of a share) is left out,
        so that best() is what a unit can actually score."""
        reachable: list[tuple[Decimal, Any]] = []
        for index in [*range(len(self.tiers)), None]:
            value = self._band_value(index)
            if value is not None:
                points = self.below if index is None else self.tiers[index].points
                if self.over == "ratio":
                    num, den = value.as_integer_ratio()
                    reachable.append((points, f"{num}/{den * 100}"))
                else:
                    reachable.append((points, value))
        if (self.over == "ratio" or self.none_arose) and self.zero_denominator != "na":
            reachable.append((self.max if self.zero_denominator == "full" else ZERO, "0/0"))
        return reachable

    def _band_value(self, index: int | None) -> Decimal | None:
        """A value inside band `index` (None: below every tier), or None when
        the band is empty."""
        if index is None:
            last = self.tiers[-1]
            if not last.inclusive:
                return last.threshold  # "not above X" includes X itself
            return ZERO if last.threshold > 0 else None
        tier = self.tiers[index]
        if tier.inclusive:
            value = tier.threshold
        else:  # strictly between this bound and the next one up
            upper = self.tiers[index - 1].threshold if index else (
                tier.threshold + 2 if self.over == "number" else HUNDRED)
            value = (tier.threshold + upper) / 2
        if not tier.admits(value) or (self.over != "number" and value > HUNDRED
                                      and not self.above_100):
            return None
        return value

    def parse_value(self, raw: Any) -> Decimal | Ratio:
        return _read_fact(self.over, raw, none_arose=self.none_arose, above_100=self.above_100)

    def score(self, value: Decimal | Ratio, ctx: Context) -> Outcome:
        if isinstance(value, Ratio):
            if value.den == 0:
                return _zero_denominator(self.zero_denominator, self.max)
            index = self._index_of(value)
        else:
            index = next((i for i, t in enumerate(self.tiers) if t.admits(value)), None)
        points = self.below if index is None else self.tiers[index].points
        band = self.band_label(index)
        if isinstance(value, Ratio):
            return _out("out.tiers.ratio", points, self.max, share=_share_text(value.share),
                        num=value.num, den=value.den, band=band)
        if self.over == "percent":
            return _out("out.tiers.percent", points, self.max, share=value, band=band)
        unit = f" {self.unit}" if self.unit else ""
        return _out("out.tiers.number", points, self.max, value=value, unit=unit, band=band)

    def band_label(self, index: int | None) -> Msg:
        """The words of the decision for tier `index` (None: below every tier),
        e.g. "từ 95% đến dưới 100%"."""
        u = "" if self.over == "number" else "%"
        if index is None:
            lowest = self.tiers[-1]
            return msg("band.below" if lowest.inclusive else "band.at_most",
                       hi=lowest.threshold, u=u)
        tier = self.tiers[index]
        lo = tier.threshold
        if index == 0:
            if self.over != "number" and tier.inclusive and lo == HUNDRED:
                return msg("band.exact", value=lo, u=u)
            return msg("band.min" if tier.inclusive else "band.above", lo=lo, u=u)
        upper = self.tiers[index - 1]
        # The upper tier's bound decides whether this band is closed on the right.
        key = ("band.min" if tier.inclusive else "band.above") + (
            "_lt" if upper.inclusive else "_le")
        return msg(key, lo=lo, hi=upper.threshold, u=u)

    def describe_value(self) -> str:
        return {"ratio": "num/den", "percent": "0–100 (%)"}.get(self.over, "số lượng")

    def example(self) -> Any:
        return max(self._reachable(), key=lambda pair: pair[0])[1]

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        if isinstance(value, Ratio) and value.den == 0:
            return None  # "không phát sinh": there is nothing else to declare
        # Every band worth more than the current points (the `below` band too:
        # with inverted tiers fewer items score more) with a fact that lands
        # in exactly that band; for a ratio, a numerator out of the unit's own
        # denominator, so a band its denominator cannot reach is skipped.
        steps: list[tuple[Decimal, int, Step]] = []
        for index in [*range(len(self.tiers)), None]:
            worth = self.below if index is None else self.tiers[index].points
            if worth <= points:
                continue
            step = self._step_into(index, worth, value)
            if step is not None:
                order = len(self.tiers) if index is None else index
                steps.append((worth, -order, step))
        # The fewest points above the current ones; among equals the lowest band.
        return min(steps, key=lambda s: (s[0], s[1]))[2] if steps else None

    def _step_into(self, index: int | None, worth: Decimal, value: Any) -> Step | None:
        band = self.band_label(index)
        if isinstance(value, Ratio):
            num = self._numerator_in(index, value.den)
            if num is None:
                return None
            return Step(worth, msg("need.band_ratio", band=band, num=num, den=value.den),
                        f"{plain(num)}/{plain(value.den)}")
        fact = self._band_value(index)
        if fact is None:
            return None
        if self.over == "ratio":
            return Step(worth, msg("need.band", band=band))
        return Step(worth, msg("need.band", band=band), plain(fact))

    def _numerator_in(self, index: int | None, den: Decimal) -> Decimal | None:
        """The fewest items out of `den` whose share falls in band `index`
        (None: below every tier), or None when no count out of `den` does."""
        if index is None:
            num = ZERO
        else:
            tier = self.tiers[index]
            num = _least_numerator(tier.threshold, tier.inclusive, den)
        if num > den or self._index_of(Ratio(num, den)) != index:
            return None
        return num

    def _index_of(self, ratio: Ratio) -> int | None:
        return next((i for i, t in enumerate(self.tiers) if t.admits_ratio(ratio)), None)


def _least_numerator(threshold: Decimal, inclusive: bool, den: Decimal) -> Decimal:
    """The fewest items out of `den` whose share reaches `threshold` %."""
    exact = threshold * den / HUNDRED
    if inclusive:
        return exact.to_integral_value(rounding=ROUND_CEILING)
    return exact.to_integral_value(rounding=ROUND_FLOOR) + 1


def _above_100(params: Params, over: str) -> bool:
    value = params.get("above_100", False)
    if not isinstance(value, bool) or (value and over != "percent"):
        params.problem("above_100", msg("num.above_100"))
        return False
    return value


def _strictly_below(tier: Tier, upper: Tier) -> bool:
    if tier.threshold != upper.threshold:
        return tier.threshold < upper.threshold
    # "above X" over "min X" is a valid (empty-looking) split: v > X, then v == X.
    return upper.inclusive is False and tier.inclusive is True


def _zero_denominator(policy: str, node_max: Decimal) -> Outcome:
    if policy == "na":
        return Outcome(ZERO, msg("out.zero_den.na"), na=True)
    points = node_max if policy == "full" else ZERO
    return _out(f"out.zero_den.{policy}", points, node_max)


# -- proportional -----------------------------------------------------------------


@attrs.frozen
class Proportional(Rule):
    kind: ClassVar[str] = "proportional"
    value_type: ClassVar[str] = "percent"
    max: Decimal
    over: str
    floor: Decimal | None
    zero_denominator: str = "full"
    none_arose: bool = False  # as on Tiers

    @property
    def monotone(self) -> bool:
        return True

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Proportional:
        over = params.text("over", "percent", choices=("percent", "ratio")) or "percent"
        floor = params.decimal("floor")
        if floor is not None and floor > HUNDRED:
            params.problem("floor", msg("val.percent", raw=floor))
        zero_den = params.text("zero_denominator", "full", choices=_ZERO_DEN) or "full"
        return cls(node_max, over, floor, zero_den,
                   none_arose=over == "percent" and "zero_denominator" in params.raw)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal | Ratio:
        return _read_fact(self.over, raw, none_arose=self.none_arose)

    def score(self, value: Decimal | Ratio, ctx: Context) -> Outcome:
        if isinstance(value, Ratio):
            if value.den == 0:
                return _zero_denominator(self.zero_denominator, self.max)
            share = value.share
            points = self.max * value.num / value.den
        else:
            share = value
            points = self.max * value / HUNDRED
        if self.floor is not None and share < self.floor:
            return _out("out.proportional.floor", ZERO, self.max, share=_share_text(share),
                        floor=self.floor)
        return _out("out.proportional", points, self.max, share=_share_text(share))

    def describe_value(self) -> str:
        return "num/den" if self.over == "ratio" else "0–100 (%)"

    def example(self) -> Any:
        return "1/1" if self.over == "ratio" else HUNDRED

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        if points >= self.max or (isinstance(value, Ratio) and value.den == 0):
            return None
        if isinstance(value, Ratio):
            share = value.share
        else:
            share = value if isinstance(value, Decimal) else points * HUNDRED / self.max
        # Below the floor the next band is the floor itself; above it, 100 %.
        target = self.floor if self.floor and share < self.floor else HUNDRED
        if isinstance(value, Ratio):
            num = _least_numerator(target, True, value.den)
            return Step(self.max * num / value.den,
                        msg("need.share_ratio", share=target, num=num, den=value.den),
                        f"{plain(num)}/{plain(value.den)}")
        return Step(self.max * target / HUNDRED, msg("need.share", share=target), plain(target))


# -- per-item deduction and bonus ---------------------------------------------------


def _unit(unit: str | None) -> str | Msg:
    """What is counted, for "{count} {unit} × …"; a neutral word when unnamed."""
    return unit or msg("unit.items")


class _PerItem:
    """What the per-item kinds share: the fact is a whole count of items."""

    value_type: ClassVar[str] = "count"
    unit: str | None

    def parse_value(self, raw: Any) -> Decimal:
        return parse_number(raw, integer=True)

    def describe_value(self) -> str:
        return "số lượng" + (f" {self.unit}" if self.unit else "")


@attrs.frozen
class Deduction(_PerItem, Rule):
    kind: ClassVar[str] = "deduction"
    max: Decimal
    per_item: Decimal
    floor: Decimal
    unit: str | None = None

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Deduction:
        per_item = params.decimal("per_item", required=True, positive=True) or Decimal(1)
        floor = params.decimal("floor", ZERO) or ZERO
        if floor > node_max:  # a floor above the maximum would score above it
            params.problem("floor", msg("par.type", key="floor",
                                        problem=msg("par.at_most", max=node_max)))
            floor = ZERO
        return cls(node_max, per_item, floor, params.text("unit"))

    def best(self) -> Decimal:
        return self.max

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        points = max(self.floor, self.max - value * self.per_item)
        return _out("out.deduction", points, self.max, count=value, unit=_unit(self.unit),
                    per_item=self.per_item)

    def example(self) -> Any:
        return 0

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        if points > self.floor:
            count = value if isinstance(value, Decimal) else (self.max - points) / self.per_item
            target = count.to_integral_value(rounding=ROUND_CEILING) - 1
        else:  # at the floor: the most items that still score above it
            room = (self.max - self.floor) / self.per_item
            target = room.to_integral_value(rounding=ROUND_CEILING) - 1
        step = max(self.floor, self.max - target * self.per_item)
        if target < 0 or step <= points:
            return None
        return Step(step, msg("need.fewer", count=target, unit=_unit(self.unit)), plain(target))


@attrs.frozen
class Bonus(_PerItem, Rule):
    kind: ClassVar[str] = "bonus"
    max: Decimal
    per_item: Decimal
    cap: Decimal
    unit: str | None = None

    @property
    def monotone(self) -> bool:
        return True

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Bonus:
        per_item = params.decimal("per_item", required=True, positive=True) or Decimal(1)
        return cls(node_max, per_item, params.decimal("cap", node_max) or ZERO, params.text("unit"))

    def best(self) -> Decimal:
        return self.cap

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        points = min(self.cap, value * self.per_item)
        return _out("out.bonus", points, self.max, count=value, unit=_unit(self.unit),
                    per_item=self.per_item, cap=self.cap)

    def example(self) -> Any:
        # The fewest items that reach the cap. (Decimal's // truncates toward
        # zero, so the -(-a // b) ceiling idiom does not work here.)
        return int((self.cap / self.per_item).to_integral_value(rounding=ROUND_CEILING))

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        if points >= self.cap:
            return None
        count = value if isinstance(value, Decimal) else points / self.per_item
        target = count.to_integral_value(rounding=ROUND_FLOOR) + 1
        return Step(min(self.cap, target * self.per_item),
                    msg("need.more", count=target, unit=_unit(self.unit)), plain(target))


# -- survey -------------------------------------------------------------------------


@attrs.frozen
class Survey(Rule):
    kind: ClassVar[str] = "survey"
    value_type: ClassVar[str] = "percent"
    max: Decimal
    weights: Mapping[str, Decimal] | None = None

    @property
    def monotone(self) -> bool:
        # A plain share is; answer counts have no single order.
        return self.weights is None

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Survey:
        raw = params.get("weights")
        if raw is None:
            return cls(node_max)
        weights: dict[str, Decimal] = {}
        if not isinstance(raw, Mapping) or not raw:
            params.problem("weights", msg("par.type", key="weights", problem=msg("par.table")))
        else:
            for option, weight in raw.items():
                value = params.check_decimal(f"weights.{option}", weight)
                if value is not None and value > HUNDRED:
                    params.problem(f"weights.{option}", msg("val.percent", raw=value))
                weights[str(option)] = value or ZERO
        return cls(node_max, weights)

    def best(self) -> Decimal:
        if self.weights is not None and max(self.weights.values(), default=ZERO) < HUNDRED:
            return self.max * max(self.weights.values(), default=ZERO) / HUNDRED
        return self.max

    def parse_value(self, raw: Any) -> Decimal | Mapping[str, Decimal]:
        if self.weights is None:
            return parse_percent(raw)
        if not isinstance(raw, Mapping):
            raise InvalidValue(msg("val.answers", raw=shown(raw), options=list(self.weights)))
        by_fold = {fold(o): o for o in self.weights}
        counts: dict[str, Decimal] = {}
        for option, count in raw.items():
            # "a" or an NFD-typed label still names option "A".
            key = option if option in self.weights else by_fold.get(fold(str(option)))
            if key is None:
                raise InvalidValue(msg("val.answers_unknown", option=option,
                                       options=list(self.weights)))
            counts[key] = counts.get(key, ZERO) + parse_number(count, integer=True)
        if sum(counts.values(), ZERO) == 0:
            raise InvalidValue(msg("val.answers", raw=shown(raw), options=list(self.weights)))
        return counts

    def score(self, value: Decimal | Mapping[str, Decimal], ctx: Context) -> Outcome:
        if not isinstance(value, Mapping):
            return _out("out.survey.share", self.max * value / HUNDRED, self.max, share=value)
        assert self.weights is not None
        total = sum(value.values(), ZERO)
        share = sum((n * self.weights[o] for o, n in value.items()), ZERO) / total
        answers = ", ".join(f"{o}: {plain(n)}" for o, n in value.items())
        weights = ", ".join(f"{o} {plain(w)}%" for o, w in self.weights.items())
        return _out("out.survey.weighted", self.max * share / HUNDRED, self.max,
                    answers=answers, weights=weights, share=_share_text(share))

    def describe_value(self) -> str:
        return "0–100 (%)" if self.weights is None else "{ " + ", ".join(
            f"{o} = ..." for o in self.weights) + " }"

    def example(self) -> Any:
        if self.weights is None:
            return HUNDRED
        return {max(self.weights, key=lambda o: self.weights[o]): 1}  # type: ignore[index]


# -- manual points ------------------------------------------------------------------


@attrs.frozen
class Manual(Rule):
    kind: ClassVar[str] = "manual"
    value_type: ClassVar[str] = "points"
    max: Decimal
    step: Decimal | None = None

    #: steps in the range 0..max beyond which a step is a typo (1e-28 made
    #: `max // step` overflow Decimal's 28 digits: a traceback)
    MAX_STEPS: ClassVar[int] = 1_000_000

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Manual:
        step = params.decimal("step", positive=True)
        if step is not None and node_max / step > cls.MAX_STEPS:
            params.problem("step", msg("par.type", key="step", problem=msg(
                "lim.step", step=step, max=node_max, count=cls.MAX_STEPS)))
            step = None
        return cls(node_max, step)

    def best(self) -> Decimal:
        if self.step is None:
            return self.max
        return (self.max // self.step) * self.step

    def parse_value(self, raw: Any) -> Decimal:
        try:
            value = parse_number(raw)
        except InvalidValue:
            raise InvalidValue(msg("val.points_range", max=self.max, raw=raw)) from None
        if value > self.max:
            raise InvalidValue(msg("val.points_range", max=self.max, raw=value))
        if self.step is not None and value % self.step != 0:
            raise InvalidValue(msg("val.points_step", step=self.step, raw=value))
        return value

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        return _out("out.manual", value, self.max)

    def describe_value(self) -> str:
        return f"0–{plain(self.max)}" + (f", bước {plain(self.step)}" if self.step else "")

    def example(self) -> Any:
        return self.best()

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        if points >= self.best():
            return None
        target = min(self.best(), points + self.step) if self.step else self.max
        return Step(target, msg("need.points", points=target), plain(target))


BUILTIN_KINDS: tuple[type[Rule], ...] = (
    YesNo, Choice, Deadline, Tiers, Proportional, Deduction, Bonus, Survey, Manual,
)
