"""Kinds over a number, a percentage or a ratio: tiers (bands) and
proportional points."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from itertools import pairwise
from typing import Any, ClassVar

import attrs

from .._i18n import Msg, msg
from .._numbers import plain
from ._base import (
    HUNDRED,
    ZERO,
    Context,
    Outcome,
    Params,
    Ratio,
    Rule,
    Step,
    parse_number,
    parse_percent,
    parse_ratio,
)
from ._explain import _out, _share_text

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
    _labels: tuple[Msg, ...] = attrs.field(init=False, eq=False, repr=False)

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
        if not self._labels:
            return self._band_words(index)
        return self._labels[-1 if index is None else index]

    def __attrs_post_init__(self) -> None:
        # The words of each band, once per set rather than once per unit
        # (the last is "below every tier"; none while the tiers are wrong).
        labels: tuple[Msg, ...] = ()
        if self.tiers:
            labels = (*(self._band_words(i) for i in range(len(self.tiers))),
                      self._band_words(None))
        object.__setattr__(self, "_labels", labels)

    def _band_words(self, index: int | None) -> Msg:
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
