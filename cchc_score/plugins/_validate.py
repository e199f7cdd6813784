"""Checks on what plugins hand back: a result adjusted by a plugin must
still add up, so that a published figure is never one the engine itself
could not have produced (1000 points out of 100, a parent that is not the
sum of its parts)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .._i18n import Msg, msg
from .._model import Node, NodeResult, UnitResult

ZERO = Decimal(0)


def result_problem(result: UnitResult) -> Msg | None:
    """Why `result` is not a consistent result of its criteria set, or None."""
    criteria = result.criteria
    problem = _tree_problem(criteria.roots, result.nodes)
    if problem is not None:
        return problem
    scored = [n for n in result.nodes if n.role == "score"]
    unit_max = sum((n.max for n in scored), ZERO)
    raw = (sum((n.points for n in scored), ZERO)
           + sum((n.points for n in result.nodes if n.role == "bonus"), ZERO)
           - sum((n.points for n in result.nodes if n.role == "penalty"), ZERO))
    if not ZERO <= result.points <= result.max or result.max != unit_max:
        return msg("res.total_range", points=result.points, max=unit_max)
    if result.points != min(max(raw, ZERO), unit_max):
        return msg("res.node_sum", code="Σ", points=result.points, total=raw)
    return None


def _tree_problem(nodes: Iterable[Node], results: Iterable[NodeResult]) -> Msg | None:
    nodes, results = list(nodes), list(results)
    if [n.code for n in nodes] != [r.code for r in results]:
        return msg("res.tree")
    for node, res in zip(nodes, results, strict=True):
        if not ZERO <= res.points <= res.max <= node.max:
            return msg("res.node_range", code=res.code, points=res.points, max=node.max)
        if res.role == "score" and res.lost != res.max - res.points:
            return msg("res.node_lost", code=res.code, lost=res.lost, max=res.max,
                       points=res.points)
        if node.is_leaf:
            continue
        problem = _tree_problem(node.children, res.children)
        if problem is not None:
            return problem
        total = sum((k.points for k in res.children), ZERO)
        if res.points != total:
            return msg("res.node_sum", code=res.code, points=res.points, total=total)
    return None
