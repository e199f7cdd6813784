"""Where a unit could still gain points.

`gains()` ranks the leaves by the points the unit could recover and, for each,
asks its rule for the next band (`Rule.next_step`): what the unit would have
to declare to score more. The result tree keeps no declared facts, so the
facts come from the assessment (`declared_values`) the unit was scored with.

`parse_set` reads the what-if option `--set [UNIT:]CODE=VALUE`; the scoring
itself is `_api.score_files(..., overrides=...)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ._engine import declared_facts
from ._model import NodeResult, UnitResult
from ._numbers import carry
from .exceptions import RuleFailed
from .rules import Context, Rule, Step, guarded

ZERO = Decimal(0)


@attrs.frozen
class Gain:
    """A leaf that could score more: `recoverable` is the rule's best outcome
    (capped at the leaf's maximum) minus its points; `step` the next band."""

    node: NodeResult
    recoverable: Decimal
    step: Step | None = None

    @property
    def step_gain(self) -> Decimal:
        """Points the next band adds."""
        return self.step.points - self.node.points if self.step else ZERO


#: the facts a unit was scored with, by leaf code
declared_values = declared_facts


def gains(result: UnitResult, values: Mapping[str, Any]) -> list[Gain]:
    """Self-assessed leaves that could score more, most recoverable first
    (then the larger next step, then criteria order). Survey leaves are left
    out: the unit does not declare them; so are penalties."""
    ctx = Context(result.year, result.unit, values)
    found: list[Gain] = []
    for node in result.walk():
        if (not node.is_leaf or node.na or node.pending or node.method != "self"
                or node.role == "penalty"):
            continue
        rule = result.criteria.node(node.code).rule
        if rule is None:
            continue
        best = rule.best() if node.role == "bonus" else min(rule.best(), node.declared_max)
        if best <= node.points:
            continue
        step = _next_step(rule, node, values.get(node.code), ctx)
        if step is not None:
            # the points the engine would carry for that value (one precision)
            points = carry(step.points, result.criteria.precision)
            step = attrs.evolve(step, points=min(points, node.declared_max)
                                if node.role == "score" else points)
        if step is not None and step.points <= node.points:
            step = None
        if step is not None and node.self_explanation is not None:
            # The council's entry scores this leaf: `--set` would move only
            # the unit's own value, so no value is suggested to try.
            step = attrs.evolve(step, example=None)
        found.append(Gain(node, best - node.points, step))
    return sorted(found, key=lambda g: (-g.recoverable, -g.step_gain))


def _next_step(rule: Rule, node: NodeResult, value: Any, ctx: Context) -> Step | None:
    """The rule's next band; a plugin kind whose next_step fails costs only
    its suggestion."""
    try:
        return guarded(rule.kind, node.code, "next_step",
                       lambda: rule.next_step(value, node.points, ctx))
    except RuleFailed:
        return None


def unit_gains(result: UnitResult) -> list[Gain]:
    """`gains()` for a scored unit, from the facts it was scored with (what-if
    values included, since those results come from a re-scoring)."""
    assessment = result.assessment
    values = declared_values(assessment, result.stage) if assessment is not None else {}
    return gains(result, values)


def parse_set(text: str) -> tuple[str | None, str, str] | None:
    """`[UNIT:]CODE=VALUE` → (unit or None, code, value); None when malformed.
    The value stays a string: each rule reads it as it reads a typed cell
    ("96,5", "193/200", "true", "2024-01-15", an option key)."""
    target, sep, value = text.partition("=")
    unit, colon, code = target.rpartition(":")
    code, value = code.strip(), value.strip()
    if not sep or not code or not value or (colon and not unit.strip()):
        return None
    return (unit.strip() or None), code, value


def overrides_from(sets: Sequence[tuple[str | None, str, str]], default_unit: str
                   ) -> dict[str, dict[str, Any]]:
    """Parsed `--set` options → `score_files(overrides=...)`."""
    out: dict[str, dict[str, Any]] = {}
    for unit, code, value in sets:
        out.setdefault(unit or default_unit, {})[code] = value
    return out
