"""The manual kind: points typed in, bounded, with an optional step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import attrs

from .._i18n import msg
from .._numbers import plain
from ._base import (
    Context,
    InvalidValue,
    Outcome,
    Params,
    Rule,
    Step,
    parse_number,
)
from ._explain import _out


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
