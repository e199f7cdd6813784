"""Checks of what a criteria set's rules mean, beyond their syntax: each
returns (message, node code, key) for the loader to report as a warning."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .._i18n import Msg, msg
from .._model import Node
from ..rules import Context


def penalty_problems(roots: Iterable[Node], year: int) -> list[tuple[Msg, str, str]]:
    """A penalty's points are subtracted, so its rule must count up with the
    violations: no violation scores 0 and one more never scores less. A
    `deduction` (which starts at its maximum) or a yes/no the wrong way round
    would subtract from a unit with a clean record."""
    ctx = Context(year)
    problems = []
    for root in roots:
        if root.role != "penalty":
            continue
        for leaf in root.walk():
            if leaf.rule is None or not leaf.is_leaf:
                continue
            clean, one = _points(leaf, 0, ctx), _points(leaf, 1, ctx)
            if clean is not None and clean > 0:
                problems.append((msg("num.penalty_clean", kind=leaf.rule.kind, points=clean),
                                 leaf.code, "rule"))
            elif clean is not None and one is not None and one < clean:
                problems.append((msg("num.penalty_falls", kind=leaf.rule.kind),
                                 leaf.code, "rule"))
    return problems


def _points(leaf: Node, count: int, ctx: Context) -> Decimal | None:
    """The points of `count` violations (or, for a yes/no, of "no" when
    count is 0), or None when the rule takes no such fact."""
    assert leaf.rule is not None
    raw: Any = bool(count) if leaf.rule.value_type == "bool" else count
    try:
        outcome = leaf.rule.score(leaf.rule.parse_value(raw), ctx)
    except Exception:  # a rule that takes no count, or a plugin's that fails:
        return None    # the check is advice; scoring reports real failures
    return None if outcome.na else outcome.points
