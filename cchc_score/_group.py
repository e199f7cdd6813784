"""The group stage: after every unit of a run is scored, leaves whose rule
kind is group-relative (`Rule.group_relative`) are scored once per group
from all the group's facts, and each unit's result is rebuilt around them.
Ranks are computed after this stage.

Also `with_outcomes`, the one way to change leaves of a finished result
(used here and by plugins): parents, pools, total, index and band are
recomputed by the engine, so the result always adds up."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ._engine import _parent, _scored, declared_facts, summarise
from ._i18n import msg
from ._model import Node, NodeResult, UnitResult
from ._numbers import carry
from .exceptions import RuleFailed
from .rules import Context, Outcome, guarded
from .rules._base import shown

ZERO = Decimal(0)


def replace_leaves(result: UnitResult, leaves: Mapping[str, NodeResult]) -> UnitResult:
    """`result` with the leaf results `leaves` (by code) put in, everything
    above them recomputed. Leaves under a not-applicable node stay as they
    are."""
    assert result.assessment is not None, "a result rebuilt needs its assessment"

    def visit(node: Node, res: NodeResult) -> NodeResult:
        if res.is_leaf:
            return leaves.get(node.code, res)
        if res.na:
            return res
        kids = tuple(visit(n, r) for n, r in zip(node.children, res.children, strict=True))
        if all(k is r for k, r in zip(kids, res.children, strict=True)):
            return res
        # the role is written on the component only: keep the one scored with
        return _parent(attrs.evolve(node, role=res.role), kids, None)

    criteria = result.criteria
    nodes = tuple(visit(n, r) for n, r in zip(criteria.roots, result.nodes, strict=True))
    issues = [i for i in result.issues if i.message.key != "asm.clamped"]
    rebuilt = summarise(criteria, result.assessment, result.stage, nodes, issues)
    return attrs.evolve(rebuilt, source=result.source)


def with_outcomes(result: UnitResult, outcomes: Mapping[str, Outcome], *,
                  at_risk: bool = False) -> UnitResult:
    """`result` with the leaves `outcomes` (by code) scored by those outcomes
    instead, as the engine would have scored them; the rest recomputed.
    Points are held to 0..the leaf's maximum (the engine's rule). With
    `at_risk`, points claimed without the evidence a leaf requires are
    marked at risk, as the engine marks them."""
    leaves = {}
    answers = result.assessment.answers if result.assessment is not None else {}
    for code, outcome in outcomes.items():
        node = result.criteria.node(code)
        current = result.node(code)
        if current.na and not outcome.na:
            continue  # not applicable to this unit: nothing to score
        if not (outcome.na or outcome.pending):  # settled as the engine settles
            points = carry(outcome.points, result.criteria.precision)
            outcome = attrs.evolve(outcome, points=min(max(points, ZERO), node.max))
        answer = answers.get(code)
        risky = (at_risk and node.evidence == "required" and answer is not None
                 and not answer.evidence and not outcome.na and not outcome.pending)
        leaves[code] = _scored(attrs.evolve(node, role=current.role), outcome,
                               at_risk=outcome.points if risky else ZERO)
    return replace_leaves(result, leaves)


@attrs.frozen
class GroupFailure:
    """A group-relative rule that failed: the failure, and the units of the
    group whose results it leaves unscored."""

    failure: RuleFailed
    units: tuple[str, ...]


def score_groups(results: Sequence[UnitResult]
                 ) -> tuple[list[UnitResult], list[GroupFailure]]:
    """Score the group-relative leaves of `results`, group by group (units
    of the same group, criteria set and year); return the rebuilt results
    and the failures (whose units are left out)."""
    groups: dict[tuple[str, str, int, str], list[UnitResult]] = {}
    for result in results:
        if not result.criteria.group_relative:  # most sets: no such leaf to look for
            continue
        for leaf in result.walk():
            if leaf.is_leaf and leaf.pending and _relative(result, leaf.code):
                key = (result.unit.group, result.criteria.id, result.year, leaf.code)
                groups.setdefault(key, []).append(result)
    outcomes: dict[str, dict[str, Outcome]] = {}
    failures: list[GroupFailure] = []
    refused: set[str] = set()
    for (_, _, year, code), members in sorted(groups.items()):
        try:
            found = _score_group(members, code, year)
        except RuleFailed as e:
            units = tuple(m.unit.id for m in members)
            failures.append(GroupFailure(e, units))
            refused.update(units)
            continue
        for unit, outcome in found.items():
            outcomes.setdefault(unit, {})[code] = outcome
    rebuilt = [with_outcomes(r, outcomes[r.unit.id], at_risk=True) if r.unit.id in outcomes
               else r
               for r in results if r.unit.id not in refused]
    return rebuilt, failures


def _relative(result: UnitResult, code: str) -> bool:
    rule = result.criteria.node(code).rule
    return rule is not None and rule.group_relative


def _score_group(members: list[UnitResult], code: str, year: int) -> dict[str, Outcome]:
    node = members[0].criteria.node(code)
    precision = members[0].criteria.precision
    rule = node.rule
    assert rule is not None
    values = {}
    for member in members:
        assert member.assessment is not None
        value = declared_facts(member.assessment, member.stage).get(code)
        if value is not None:
            values[member.unit.id] = value
    found = guarded(rule.kind, code, "score_group",
                    lambda: rule.score_group(values, Context(year)))
    if not isinstance(found, Mapping) or set(found) != set(values):
        got = sorted(found) if isinstance(found, Mapping) else shown(found)[:80]
        raise RuleFailed(rule.kind, code, "score_group",
                         f"returned outcomes for {got}, not for the units {sorted(values)}")
    for outcome in found.values():
        if not isinstance(outcome, Outcome) or not (outcome.na or outcome.pending or (
                ZERO <= carry(outcome.points, precision) <= node.max)):
            raise RuleFailed(rule.kind, code, "score_group", f"returned {shown(outcome)[:80]}, "
                             f"not an Outcome within 0..{node.max}")
    unanswered = Outcome(ZERO, msg("out.unanswered", max=node.max))
    return {m.unit.id: found.get(m.unit.id, unanswered) for m in members}
