"""The built-in rule kinds (DESIGN §2.2). Registered through the plugin hooks
like any province's kinds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
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
    fold,
    parse_bool,
    parse_date,
    parse_number,
    parse_percent,
    parse_ratio,
)


def _out(key: str, points: Decimal, node_max: Decimal, **args: Any) -> Outcome:
    return Outcome(points, msg(key, points=points, max=node_max, **args))


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
        if isinstance(raw, str):
            wanted = fold(raw)
            for option in self.options:
                if wanted in (fold(option.key), fold(option.label)):
                    return option
        raise InvalidValue(msg("val.choice", raw=raw, options=[o.key for o in self.options]))

    def score(self, value: Option, ctx: Context) -> Outcome:
        return _out("out.choice", value.points, self.max, label=value.label)

    def describe_value(self) -> str:
        return " | ".join(o.key for o in self.options)

    def example(self) -> Any:
        return max(self.options, key=lambda o: o.points).key


# -- deadline ---------------------------------------------------------------------


@attrs.frozen
class Late:
    days: int
    points: Decimal


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
        lates: list[Late] = []
        for i, raw in enumerate(params.tables("late")):
            days = raw.get("days")
            points = params.check_decimal(f"late[{i}].points", raw.get("points", ZERO))
            if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
                params.problem(f"late[{i}].days", msg("par.type", key="days",
                                                      problem=msg("par.positive")))
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
        return self.due_date(2024).replace(year=2024) if self.year_offset == 0 else "2024-01-01"


# -- numeric facts shared by tiers and proportional --------------------------------

_OVER = ("number", "percent", "ratio")
_ZERO_DEN = ("full", "na", "zero")


def _read_fact(over: str, raw: Any) -> Decimal | Ratio:
    if over == "ratio":
        return parse_ratio(raw)
    if over == "percent":
        return parse_percent(raw)
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
    monotone: ClassVar[bool] = True
    max: Decimal
    over: str
    tiers: tuple[Tier, ...]
    below: Decimal
    zero_denominator: str = "full"
    unit: str | None = None

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
            if over == "percent" and threshold > HUNDRED:
                params.problem(f"tiers[{i}].{bounds[0]}", msg("val.percent", raw=threshold))
            tier = Tier(threshold, bounds[0] == "min", points)
            if tiers and not _strictly_below(tier, tiers[-1]):
                params.problem(f"tiers[{i}]", msg("par.tiers_order", a=tiers[-1].threshold,
                                                  b=tier.threshold))
            tiers.append(tier)
        zero_den = params.text("zero_denominator", "full", choices=_ZERO_DEN) or "full"
        return cls(node_max, over, tuple(tiers), params.decimal("below", ZERO) or ZERO,
                   zero_den, params.text("unit"))

    @property
    def value_type_name(self) -> str:
        return self.over

    def best(self) -> Decimal:
        candidates = [t.points for t in self.tiers] + [self.below]
        if self.over == "ratio" and self.zero_denominator == "full":
            candidates.append(self.max)
        return max(candidates)

    def parse_value(self, raw: Any) -> Decimal | Ratio:
        return _read_fact(self.over, raw)

    def score(self, value: Decimal | Ratio, ctx: Context) -> Outcome:
        if isinstance(value, Ratio):
            if value.den == 0:
                return _zero_denominator(self.zero_denominator, self.max)
            index = next((i for i, t in enumerate(self.tiers) if t.admits_ratio(value)), None)
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
        key = ("band.min" if tier.inclusive else "band.above") + ("_lt" if upper.inclusive else "_le")
        return msg(key, lo=lo, hi=upper.threshold, u=u)

    def describe_value(self) -> str:
        return {"ratio": "num/den", "percent": "0–100 (%)"}.get(self.over, "số lượng")

    def example(self) -> Any:
        top = self.tiers[0]
        if self.over == "ratio":
            return "1/1" if top.threshold <= HUNDRED else "0/0"
        bump = 0 if top.inclusive else 1
        return top.threshold + bump if self.over == "number" else min(HUNDRED, top.threshold + bump)


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
    monotone: ClassVar[bool] = True
    max: Decimal
    over: str
    floor: Decimal | None
    zero_denominator: str = "full"

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Proportional:
        over = params.text("over", "percent", choices=("percent", "ratio")) or "percent"
        floor = params.decimal("floor")
        if floor is not None and floor > HUNDRED:
            params.problem("floor", msg("val.percent", raw=floor))
        zero_den = params.text("zero_denominator", "full", choices=_ZERO_DEN) or "full"
        return cls(node_max, over, floor, zero_den)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal | Ratio:
        return _read_fact(self.over, raw)

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


# -- per-item deduction and bonus ---------------------------------------------------


@attrs.frozen
class Deduction(Rule):
    kind: ClassVar[str] = "deduction"
    value_type: ClassVar[str] = "count"
    max: Decimal
    per_item: Decimal
    floor: Decimal
    unit: str | None = None

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Deduction:
        per_item = params.decimal("per_item", required=True, positive=True) or Decimal(1)
        return cls(node_max, per_item, params.decimal("floor", ZERO) or ZERO, params.text("unit"))

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        return parse_number(raw, integer=True)

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        points = max(self.floor, self.max - value * self.per_item)
        return _out("out.deduction", points, self.max, count=value, unit=self.unit or "",
                    per_item=self.per_item)

    def describe_value(self) -> str:
        return "số lượng" + (f" {self.unit}" if self.unit else "")

    def example(self) -> Any:
        return 0


@attrs.frozen
class Bonus(Rule):
    kind: ClassVar[str] = "bonus"
    value_type: ClassVar[str] = "count"
    monotone: ClassVar[bool] = True
    max: Decimal
    per_item: Decimal
    cap: Decimal
    unit: str | None = None

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Bonus:
        per_item = params.decimal("per_item", required=True, positive=True) or Decimal(1)
        return cls(node_max, per_item, params.decimal("cap", node_max) or ZERO, params.text("unit"))

    def best(self) -> Decimal:
        return self.cap

    def parse_value(self, raw: Any) -> Decimal:
        return parse_number(raw, integer=True)

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        points = min(self.cap, value * self.per_item)
        return _out("out.bonus", points, self.max, count=value, unit=self.unit or "",
                    per_item=self.per_item, cap=self.cap)

    def describe_value(self) -> str:
        return "số lượng" + (f" {self.unit}" if self.unit else "")

    def example(self) -> Any:
        return int(-(-self.cap // self.per_item))


# -- survey -------------------------------------------------------------------------


@attrs.frozen
class Survey(Rule):
    kind: ClassVar[str] = "survey"
    value_type: ClassVar[str] = "percent"
    max: Decimal
    weights: Mapping[str, Decimal] | None = None

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
            raise InvalidValue(msg("val.answers", raw=repr(raw), options=list(self.weights)))
        counts: dict[str, Decimal] = {}
        for option, count in raw.items():
            if option not in self.weights:
                raise InvalidValue(msg("val.answers_unknown", option=option,
                                       options=list(self.weights)))
            counts[option] = parse_number(count, integer=True)
        if sum(counts.values(), ZERO) == 0:
            raise InvalidValue(msg("val.answers", raw=repr(raw), options=list(self.weights)))
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

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Manual:
        return cls(node_max, params.decimal("step", positive=True))

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
            raise InvalidValue(msg("val.points_range", max=self.max, raw=raw))
        if self.step is not None and value % self.step != 0:
            raise InvalidValue(msg("val.points_step", step=self.step, raw=raw))
        return value

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        return _out("out.manual", value, self.max)

    def describe_value(self) -> str:
        return f"0–{plain(self.max)}" + (f", bước {plain(self.step)}" if self.step else "")

    def example(self) -> Any:
        return self.best()


BUILTIN_KINDS: tuple[type[Rule], ...] = (
    YesNo, Choice, Deadline, Tiers, Proportional, Deduction, Bonus, Survey, Manual,
)
