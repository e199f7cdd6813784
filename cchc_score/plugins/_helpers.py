"""Helpers for plugins that adjust results: both rebuild the result through
the engine, so that it still adds up (and passes the facade's checks)."""

from __future__ import annotations

from collections.abc import Iterable

from .. import _engine
from .._group import with_outcomes
from .._i18n import Msg
from .._model import Assessment, Node, NodeResult, UnitResult

__all__ = ["mark_not_applicable", "with_outcomes"]


def mark_not_applicable(result: UnitResult, assessment: Assessment, codes: Iterable[str],
                        reason: Msg) -> UnitResult:
    """The result with the nodes `codes` (and everything under them) not
    applicable, rebuilt through `_engine.summarise`: the same numbers as if
    the assessment had claimed them not applicable. Codes the set lacks and
    nodes already not applicable are left alone."""
    wanted = set(codes)
    criteria = result.criteria

    def na_tree(node: Node) -> NodeResult:
        if node.is_leaf:
            return _engine._not_applicable(node, reason)
        return _engine._parent(node, tuple(na_tree(k) for k in node.children), reason)

    def visit(node: Node, res: NodeResult) -> NodeResult:
        if res.na:
            return res
        if node.code in wanted:
            return na_tree(node)
        if res.is_leaf:
            return res
        kids = tuple(visit(n, r) for n, r in zip(node.children, res.children, strict=True))
        if all(k is r for k, r in zip(kids, res.children, strict=True)):
            return res
        return _engine._parent(node, kids, None)

    nodes = tuple(visit(n, r) for n, r in zip(criteria.roots, result.nodes, strict=True))
    if all(n is r for n, r in zip(nodes, result.nodes, strict=True)):
        return result
    issues = [i for i in result.issues if i.message.key not in ("asm.unanswered", "asm.clamped")]
    issues += _engine.unanswered_warning(nodes, assessment)
    return _engine.summarise(criteria, assessment, result.stage, nodes, issues)
