"""The built-in group-relative kind: points in proportion to the unit's
figure against its group's mean or best (DESIGN §2.2, "plugins add more";
issue 10). Scored by the engine's group stage (`_group.score_groups`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from .._i18n import msg
from ._base import (
    HUNDRED,
    ZERO,
    Context,
    Outcome,
    Params,
    Rule,
    Step,
    parse_number,
    parse_percent,
)
from ._explain import _points_text, _share_text


@attrs.frozen
class GroupShare(Rule):
    """``kind = "group_share"``: max × figure ÷ the group's mean (or best),
    at most the maximum. A unit at or above the reference earns full
    points; when every unit declares 0 nobody earns any. With ``over =
    "percent"`` the figure is a percentage (0–100), else any number ≥ 0."""

    kind: ClassVar[str] = "group_share"
    value_type: ClassVar[str] = "percent"
    group_relative: ClassVar[bool] = True
    max: Decimal
    over: str = "percent"
    against: str = "mean"

    @property
    def monotone(self) -> bool:
        return True

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> GroupShare:
        over = params.text("over", "percent", choices=("percent", "number")) or "percent"
        against = params.text("against", "mean", choices=("mean", "best")) or "mean"
        return cls(node_max, over, against)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        return parse_percent(raw) if self.over == "percent" else parse_number(raw)

    def reference(self, figures: list[Decimal]) -> Decimal:
        if not figures:
            return ZERO
        return sum(figures, ZERO) / len(figures) if self.against == "mean" else max(figures)

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        """On its own (a group of one) the unit is its own reference."""
        return self.score_group({"": value}, ctx)[""]

    def score_group(self, values: Mapping[str, Decimal], ctx: Context) -> dict[str, Outcome]:
        figures = list(values.values())
        total = sum(figures, ZERO)
        reference = self.reference(figures)
        shown = _share_text(reference)
        out = {}
        for unit, value in values.items():
            if reference == 0:
                points = ZERO
            elif self.against == "mean":  # one division: max × v × n / Σ
                points = min(self.max, self.max * value * len(figures) / total)
            else:
                points = min(self.max, self.max * value / reference)
            out[unit] = Outcome(points, msg(
                "out.group_share", value=_share_text(value), figure=shown,
                unit="%" if self.over == "percent" else "",
                against=msg(f"grp.{self.against}"), points=_points_text(points), max=self.max))
        return out

    def describe_value(self) -> str:
        return "0–100 (%)" if self.over == "percent" else "≥ 0"

    def example(self) -> Any:
        return HUNDRED if self.over == "percent" else Decimal(1)

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        """The group's figure is not known to one unit: no value to suggest."""
        return None
