"""Kinds that count items: a deduction per item (with a floor) and a bonus
per item (with a cap)."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any, ClassVar

import attrs

from .._i18n import Msg, msg
from .._numbers import plain
from ._base import (
    ZERO,
    Context,
    Outcome,
    Params,
    Rule,
    Step,
    parse_number,
)
from ._explain import _out


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
