"""Probing a rule from the outside: the order of its values, the bands of
values its decision defines, and the values worth trying at their edges.

Shared by the testing kit (`RuleContract`) and `cchc-score check --deep`, so
that both find the same defects with the same counter-examples. Nothing here
needs Hypothesis.

A rule kind may help (all optional, duck-typed):

- ``value_bands()`` → the bands of values the decision's text defines, as
  `ValueBand`s on one numeric axis (a count, a percentage); built-in
  ``tiers`` derive theirs from their thresholds;
- ``raw_for(x)`` → the raw value a unit would declare for the point ``x`` of
  that axis (default: ``x`` itself; a ratio's share becomes ``"n/d"``);
- ``order_key(value)`` → a key ordering parsed values from worse to better
  where the kind claims ``monotone`` (default: derived, see `compare`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from .rules import Ratio, Rule, Tiers

ZERO = Decimal(0)
HUNDRED = Decimal(100)
#: how far inside or outside a bound the probes look
EPSILON = Decimal("0.01")


@attrs.frozen
class ValueBand:
    """Values from `lo` to `hi` (None: unbounded) score `points`; each end
    is closed (the bound belongs to the band: "từ 95%") or open ("dưới 100%")."""

    lo: Decimal | None
    hi: Decimal | None
    points: Decimal
    lo_closed: bool = True
    hi_closed: bool = False

    def __contains__(self, x: object) -> bool:
        if not isinstance(x, Decimal):
            return False
        if self.lo is not None and (x < self.lo or (x == self.lo and not self.lo_closed)):
            return False
        return not (self.hi is not None and (x > self.hi or (x == self.hi and not self.hi_closed)))

    @property
    def empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_closed and self.hi_closed))

    def __str__(self) -> str:
        left = "(-∞" if self.lo is None else ("[" if self.lo_closed else "(") + _plain(self.lo)
        right = "+∞)" if self.hi is None else _plain(self.hi) + ("]" if self.hi_closed else ")")
        return f"{left}, {right} → {_plain(self.points)}"


def _plain(x: Decimal) -> str:
    text = format(x.normalize(), "f") if x == x.to_integral_value() else format(x, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# -- bands ---------------------------------------------------------------------


def bands(rule: Rule) -> tuple[ValueBand, ...]:
    """The rule's bands of values, from `value_bands()` or, for the built-in
    `tiers`, from its thresholds; () when the kind has none."""
    own = getattr(rule, "value_bands", None)
    if callable(own):
        return tuple(own())
    if isinstance(rule, Tiers):
        return _tiers_bands(rule)
    return ()


def axis_top(rule: Rule) -> Decimal | None:
    """The largest value of the band axis: 100 for shares, none for counts."""
    top = getattr(rule, "axis_top", None)
    if top is not None:
        return top  # type: ignore[no-any-return]
    over = getattr(rule, "over", None) or rule.value_type
    return HUNDRED if over in ("percent", "ratio") else None


def _tiers_bands(rule: Tiers) -> tuple[ValueBand, ...]:
    out: list[ValueBand] = []
    hi, hi_closed = axis_top(rule), True
    for tier in rule.tiers:
        out.append(ValueBand(tier.threshold, hi, tier.points, tier.inclusive, hi_closed))
        hi, hi_closed = tier.threshold, not tier.inclusive
    out.append(ValueBand(ZERO, hi, rule.below, True, hi_closed))
    return tuple(b for b in out if not b.empty)


def raw_for(rule: Rule, x: Decimal) -> Any:
    """The raw value that declares the point `x` of the rule's band axis."""
    own = getattr(rule, "raw_for", None)
    if callable(own):
        return own(x)
    if getattr(rule, "over", None) == "ratio":
        num, den = (x / HUNDRED).as_integer_ratio()
        return f"{num}/{den}"
    return x


@attrs.frozen
class Gap:
    """Values in no band (`overlap` False) or in two (`overlap` True)."""

    witness: Decimal
    overlap: bool
    first: ValueBand
    second: ValueBand | None = None


def gaps_and_overlaps(found: Sequence[ValueBand], top: Decimal | None) -> list[Gap]:
    """Every stretch of the axis 0..top in no band, and every stretch in two
    bands, each with its smallest value among the bounds and the midpoints
    between them (membership is constant between two consecutive bounds, so
    these values see every case)."""
    live = [b for b in found if not b.empty]
    problems: list[Gap] = []
    previous: tuple[ValueBand, ...] | None = None
    for x in _sweep(live, top):
        inside = tuple(b for b in live if x in b)
        if len(inside) != 1 and inside != previous:
            if inside:
                problems.append(Gap(x, True, inside[0], inside[1]))
            else:  # name the band just below the gap, or the first one
                below = [b for b in live if b.hi is not None and b.hi <= x]
                near = max(below, key=lambda b: b.hi or ZERO) if below else None
                problems.append(Gap(x, False, near or (live[0] if live else _NONE)))
        previous = inside
    return problems


_NONE = ValueBand(None, None, ZERO)


def _sweep(found: Sequence[ValueBand], top: Decimal | None) -> list[Decimal]:
    bounds = sorted({ZERO, *(x for b in found for x in (b.lo, b.hi) if x is not None),
                     *([top] if top is not None else [])})
    bounds = [x for x in bounds if x >= 0 and (top is None or x <= top)]
    values = list(bounds)
    values += [(a + b) / 2 for a, b in itertools.pairwise(bounds)]
    if top is None:
        values.append(bounds[-1] + 1)
    return sorted(values)


def probes(found: Iterable[ValueBand], top: Decimal | None) -> list[Decimal]:
    """Values worth scoring: every bound, just inside and just outside it,
    the whole numbers beside it, and a value inside each band."""
    points: set[Decimal] = {ZERO}
    for band in found:
        for bound in (band.lo, band.hi):
            if bound is not None:
                points.update({bound, bound - EPSILON, bound + EPSILON, bound - 1, bound + 1})
        if band.lo is not None and band.hi is not None:
            points.add((band.lo + band.hi) / 2)
    return sorted(x for x in points if x >= 0 and (top is None or x <= top))


# -- order of values -------------------------------------------------------------


def compare(a: Any, b: Any, key: Callable[[Any], Any] | None = None) -> int | None:
    """-1, 0 or 1 when `a` is below, equal to or above `b` in the order of
    facts, None when they are not comparable.

    With `key`, the order of the keys. Otherwise derived from the values:
    numbers and yes/no (false < true) by value, ratios by their share (0/0,
    "nothing arose", has none), sets by inclusion, and tuples, lists and
    mappings item by item (a checklist: ticking one more item is "more");
    anything else (dates, named options) has no order.
    """
    if key is not None:
        ka, kb = key(a), key(b)
        if ka is None or kb is None:
            return None
        return int((ka > kb) - (ka < kb))
    if isinstance(a, bool | int | Decimal) and isinstance(b, bool | int | Decimal):
        return (a > b) - (a < b)
    if isinstance(a, Ratio) and isinstance(b, Ratio):
        if a.den == 0 or b.den == 0:
            return None
        left, right = a.num * b.den, b.num * a.den
        return (left > right) - (left < right)
    if isinstance(a, frozenset | set) and isinstance(b, frozenset | set):
        if a == b:
            return 0
        return -1 if a < b else 1 if a > b else None
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        if set(a) != set(b):
            return None
        return _componentwise([compare(a[k], b[k]) for k in a])
    if isinstance(a, tuple | list) and isinstance(b, tuple | list) and len(a) == len(b):
        return _componentwise([compare(x, y) for x, y in zip(a, b, strict=True)])
    return None


def _componentwise(parts: list[int | None]) -> int | None:
    if None in parts:
        return None
    if all(p == 0 for p in parts):
        return 0
    if all(p is not None and p <= 0 for p in parts):
        return -1
    if all(p is not None and p >= 0 for p in parts):
        return 1
    return None


def order_key(rule: Rule) -> Callable[[Any], Any] | None:
    """The kind's own `order_key`, if it supplies one."""
    own = getattr(rule, "order_key", None)
    return own if callable(own) else None

