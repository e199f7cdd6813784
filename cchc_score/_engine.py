"""Scoring: pure functions from (criteria set, assessment) to results
(ranking many results is `_ranking`).

One representation (docs/criteria-format.md, "Precision"): Decimal end to
end, and the only rounding is the set's `precision` applied once to each
leaf's points (`carry`, whatever stage or pool they end up in) and once to
the index (`divide`). Every other figure is an exact sum of carried leaves,
so two units with equal totals have equal figures everywhere, and ranks and
bands use the published index (the carried index rounded to `decimals`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from ._i18n import Msg, msg
from ._model import (
    Appraisal,
    Assessment,
    CriteriaSet,
    Issue,
    Location,
    Node,
    NodeResult,
    Role,
    Round,
    RoundChange,
    Stage,
    StageTotal,
    UnitResult,
)
from ._numbers import carry, divide, quantize
from ._rounds import na_decision, present, rounds_upto
from .exceptions import RuleFailed
from .rules import Context, Outcome, guarded
from .rules._base import shown

ZERO = Decimal(0)

@attrs.define
class _Scorer:
    criteria: CriteriaSet
    assessment: Assessment
    stage: Stage
    issues: list[Issue] = attrs.field(factory=list)
    rounds: tuple[Round, ...] = attrs.field(init=False)
    _ctx: Context | None = attrs.field(default=None, init=False)

    def __attrs_post_init__(self) -> None:
        self.rounds = rounds_upto(self.stage)

    def context(self) -> Context:
        """What every rule of this unit sees, built once per unit (the
        declared facts are a dict of every answer), not once per leaf."""
        if self._ctx is None:
            self._ctx = Context(self.assessment.year, self.assessment.unit,
                                declared_facts(self.assessment, self.stage))
        return self._ctx

    def where(self, code: str | None = None) -> Location:
        return Location(self.assessment.path, code)

    def node(self, node: Node, inherited_na: Msg | None, role: Role | None = None) -> NodeResult:
        if role is not None and node.role != role:
            # `role` is written on the component only; what it holds counts the
            # same way: a penalty item with no violation has lost nothing, and
            # more violations are never a gain.
            node = attrs.evolve(node, role=role)
        na = inherited_na
        rejected = None
        if na is None and node.code in self.assessment.not_applicable:
            rejected = na_decision(self.assessment, node.code, self.rounds)
            if rejected is None or rejected.na != "reject":
                rejected = None
                na = msg("out.na", reason=self.assessment.not_applicable[node.code] or "—")
        applies = node.applies
        if na is None and (applies.any or applies.none) and \
                not applies.to(self.assessment.unit.tags):
            na = msg("out.na.tags")
        if node.children:
            kids = tuple([self.node(k, na, node.role) for k in node.children])
            result = _parent(node, kids, na)
        elif na is not None:
            self.ignored(node)
            return _not_applicable(node, na)
        else:
            result = self.leaf(node, rejected)
        if rejected is not None and not node.is_leaf:
            # The council rejected the claim: the node is scored and its
            # maximum returns to the unit's denominator.
            self.reason_needed(rejected)
            result = attrs.evolve(result, trail=(_change(rejected, None, result.points,
                                                         msg("out.na_rejected")),))
        return result

    def ignored(self, node: Node) -> None:
        """Warn about what a not-applicable leaf leaves unscored: the unit's
        declared fact and, at the appraised stage, the council's entry."""
        answer = self.assessment.answers.get(node.code)
        if answer is not None and answer.value is not None:
            self.issues.append(Issue("warning", msg("num.ignored_answer", code=node.code),
                                     self.where(node.code)))
        entry = self.assessment.appraisal.get(node.code)
        if self.stage == "appraised" and entry is not None and entry.changes_score:
            self.issues.append(Issue("warning", msg("num.ignored_appraisal", code=node.code),
                                     self.where(node.code)))

    def settle(self, node: Node, out: Outcome, *, carried: bool = False) -> Outcome:
        """A rule's outcome as the engine carries it: rounded once to the
        set's precision, then bounded by the leaf's maximum (for bonus and
        penalty it is the cap). Self and appraised points both pass here, so
        a leaf's self points are the same figure in every stage. `carried`:
        `rule_score` already carried them."""
        if out.na or out.pending:
            return out
        points = out.points if carried else carry(out.points, self.criteria.precision)
        points = min(max(points, ZERO), node.max)
        if node.role == "penalty":
            # the rule counts violations up; say that its points come off
            out = attrs.evolve(out, explanation=msg(
                "num.penalty_out" if points else "num.penalty_none",
                inner=out.explanation, points=points))
        return out if points == out.points else attrs.evolve(out, points=points)

    def settled(self, node: Node, value: Any, ctx: Context) -> Outcome:
        """`settle(rule_score(...))` in one step: the points are carried once."""
        return self.settle(node, rule_score(node, value, ctx, self.criteria.precision),
                           carried=True)

    def latest_entry(self, code: str) -> Appraisal | None:
        """The last entry that scores `code` among the rounds applied."""
        found = None
        for name in self.rounds:
            entry = self.assessment.entries(name).get(code)
            if entry is not None and entry.changes_score:
                found = entry
        return found

    def reason_needed(self, entry: Appraisal) -> None:
        if entry.reason is None:
            key = "asm.appraisal_reason" if entry.round == "round1" else "asm.round_reason"
            self.issues.append(Issue("warning", msg(key, code=entry.code,
                                                    round=msg(f"rep.stage.{entry.round}")),
                                     self.where(entry.code)))

    def leaf(self, node: Node, rejected: Appraisal | None = None) -> NodeResult:
        assert node.rule is not None
        ctx = self.context()
        if node.rule.group_relative:
            entry = self.latest_entry(node.code)
            if not (entry is not None and entry.points is not None):
                # scored with the whole group by `_group.score_groups`
                return _pending(node, msg("grp.waiting"))
        if node.method == "survey":
            if node.code not in self.assessment.survey:
                return _pending(node, msg("out.pending"))
            out = self.settled(node, self.assessment.survey[node.code], ctx)
            return _scored(node, out)
        answer = self.assessment.answers.get(node.code)
        if answer is None or answer.value is None:
            own = Outcome(ZERO, msg("out.unanswered", max=node.max))
        else:
            own = self.settled(node, answer.value, ctx)
            if answer.claimed is not None and answer.claimed != own.points:
                self.issues.append(Issue("warning", msg(
                    "asm.claimed_differs", code=node.code, claimed=answer.claimed,
                    points=own.points), self.where(node.code)))
        at_risk = ZERO
        # a penalty claimed without evidence puts nothing at risk: the
        # council can only find more violations, never fewer
        if (node.evidence == "required" and answer is not None and not answer.evidence
                and not own.na and node.role != "penalty"):
            at_risk = own.points
        result = _scored(node, own, at_risk=at_risk)
        if self.stage == "self":
            return result
        # Each round's entry replaces the previous stage's outcome; the trail
        # keeps every round that moved the points (or ruled on the claim).
        out, last, trail = own, None, []
        before: Decimal | None = None if rejected is not None else result.points
        for name in self.rounds:
            entry = self.assessment.entries(name).get(node.code)
            rules_on_claim = rejected is not None and rejected.round == name
            if entry is None or not (entry.changes_score or rules_on_claim):
                continue
            if entry.changes_score:
                out, last = self.entry_outcome(node, entry, ctx), entry
            after = _scored(node, out).points
            if after != before or rules_on_claim:
                if after != before:
                    self.reason_needed(entry)
                trail.append(_change(entry, before, after, out.explanation))
            before = after
        if last is None and not trail:
            return attrs.evolve(result, self_points=own.points)
        return attrs.evolve(_scored(node, out, at_risk=ZERO if last else at_risk),
                            self_points=own.points, self_explanation=own.explanation,
                            appraisal_reason=(last or rejected or out_of_rounds).reason,
                            trail=tuple(trail))

    def entry_outcome(self, node: Node, entry: Appraisal, ctx: Context) -> Outcome:
        assert node.rule is not None
        if entry.points is not None:
            return self.settle(node, Outcome(entry.points, msg(
                "out.appraised_points", points=entry.points, max=node.max,
                reason=entry.reason or "—")))
        inner = rule_score(node, entry.value, ctx, self.criteria.precision)
        key = "out.explained_value" if entry.round == "explanation" else "out.appraised_value"
        return self.settle(node, attrs.evolve(inner, explanation=msg(
            key, inner=inner.explanation)))


#: no entry: what a leaf's reason falls back on
out_of_rounds = Appraisal("")


def _change(entry: Appraisal, before: Decimal | None, after: Decimal | None,
            explanation: Msg | None) -> RoundChange:
    return RoundChange(entry.round, before, after, explanation, entry.reason, entry.who,
                       entry.date, entry.na, entry.evidence)


def rule_score(node: Node, value: Any, ctx: Context, precision: int) -> Outcome:
    """A leaf's rule applied to a value, held to the Rule contract: an
    `Outcome` whose points lie within 0..the leaf's maximum. Anything else
    (an exception, 1000 points) is `RuleFailed`, never silently capped."""
    rule = node.rule
    assert rule is not None
    out = guarded(rule.kind, node.code, "score", lambda: rule.score(value, ctx))
    if not isinstance(out, Outcome):
        raise RuleFailed(rule.kind, node.code, "score", f"returned {shown(out)[:80]}, "
                         "not an Outcome")
    if out.na:
        return out
    points = out.points
    carried = carry(points, precision) if isinstance(points, Decimal) else None
    if carried is None or not ZERO <= carried <= node.max:
        raise RuleFailed(rule.kind, node.code, "score",
                         f"returned {shown(points)} points, outside 0..{node.max}")
    # carried: the same points, or rounded to the set's precision (`settle`)
    return out if carried == points else attrs.evolve(out, points=carried)


def declared_facts(assessment: Assessment, stage: Stage) -> dict[str, Any]:
    """Leaf code → the fact that scores it: the unit's value, or after the
    self-assessment the latest round's corrected value (None when a round set
    points directly, so no fact is known)."""
    values = {code: answer.value for code, answer in assessment.answers.items()}
    for name in rounds_upto(stage):
        values.update({code: entry.value for code, entry in assessment.entries(name).items()
                       if entry.changes_score})
    return values


def _pending(node: Node, why: Msg) -> NodeResult:
    """Waiting for data: neither earned nor lost, out of the unit's maximum."""
    return NodeResult(node.code, node.title, ZERO, ZERO, node.max, ZERO, pending=True,
                      explanation=why, role=node.role, method=node.method)


def _scored(node: Node, out: Outcome, at_risk: Decimal = ZERO) -> NodeResult:
    if out.na:
        return _not_applicable(node, out.explanation)
    if out.pending:
        return _pending(node, out.explanation)
    points = out.points  # settled: carried and bounded by the leaf's maximum
    lost = node.max - points if node.role == "score" else ZERO
    return NodeResult(node.code, node.title, points, node.max, node.max, lost,
                      explanation=out.explanation, role=node.role, method=node.method,
                      at_risk=at_risk)


def _not_applicable(node: Node, why: Msg) -> NodeResult:
    return NodeResult(node.code, node.title, ZERO, ZERO, node.max, ZERO, na=True,
                      explanation=why, role=node.role, method=node.method)


def _parent(node: Node, kids: tuple[NodeResult, ...], na: Msg | None) -> NodeResult:
    points = node_max = lost = at_risk = ZERO
    all_na, pending = True, False
    for k in kids:  # one pass: a parent is built for every unit
        points += k.points
        node_max += k.max
        lost += k.lost
        at_risk += k.at_risk
        all_na = all_na and k.na
        pending = pending or k.pending
    return NodeResult(
        node.code, node.title, points, node_max, node.max, lost,
        na=na is not None or all_na,
        pending=pending,
        explanation=na if na is not None else (kids[0].explanation if all_na else None),
        children=kids, role=node.role, method=node.method, at_risk=at_risk,
    )


#: applied to each unit's result after scoring; the plugin facade
#: (`plugins.Registry.finish`) supplies one that runs the plugins' result
#: adjustments and classification, so the engine never calls plugin hooks
Finisher = Callable[[UnitResult, Assessment], UnitResult]

def score(criteria: CriteriaSet, assessment: Assessment, stage: Stage = "self",
          issues: Iterable[Issue] = (), *, finish: Finisher | None = None) -> UnitResult:
    """Score one unit. `issues` are carried into the result (e.g. the loader's
    warnings); `finish`, when given, post-processes the result. After the
    self-assessment the result also carries the unit scored at the self
    stage (`self_result`), finished the same way, and the total of every
    stage present up to `stage`, side by side (`stages`)."""
    result = _score_stage(criteria, assessment, stage, issues, finish)
    if stage == "self":
        return result
    own = _score_stage(criteria, assessment, "self", (), finish)
    # one figure for the self-assessed pool in every stage, whatever a round
    # did to a leaf's applicability
    pools = {**result.pools, "self": own.pools.get("self", ZERO)}
    stages = present(assessment, stage)
    totals = [StageTotal("self", own.points, own.max, own.index)]
    for between in stages[1:-1]:
        at = _score_stage(criteria, assessment, between, (), finish)
        totals.append(StageTotal(between, at.points, at.max, at.index))
    if len(stages) > 1:
        totals.append(StageTotal(stages[-1], result.points, result.max, result.index))
    return attrs.evolve(result, self_result=own, pools=pools, stages=tuple(totals))


def _score_stage(criteria: CriteriaSet, assessment: Assessment, stage: Stage,
                 issues: Iterable[Issue], finish: Finisher | None) -> UnitResult:
    scorer = _Scorer(criteria, assessment, stage, list(issues))
    nodes = tuple(scorer.node(root, None) for root in criteria.roots)
    result = summarise(criteria, assessment, stage, nodes,
                       [*scorer.issues, *unanswered_warning(nodes, assessment)])
    return finish(result, assessment) if finish is not None else result


def summarise(criteria: CriteriaSet, assessment: Assessment, stage: Stage,
              nodes: tuple[NodeResult, ...], issues: list[Issue]) -> UnitResult:
    """Pools, total, index and band from a result tree. Plugins that adjust a
    result rebuild it through this function."""
    scored = [n for n in nodes if n.role == "score"]
    earned = sum((n.points for n in scored), ZERO)
    bonus = sum((n.points for n in nodes if n.role == "bonus"), ZERO)
    penalty = sum((n.points for n in nodes if n.role == "penalty"), ZERO)
    unit_max = sum((n.max for n in scored), ZERO)
    raw = earned + bonus - penalty
    points = min(max(raw, ZERO), unit_max)
    if points != raw:
        issues = [*issues, Issue("warning", msg("asm.clamped", raw=raw, max=unit_max),
                                 Location(assessment.path))]
    index = divide(points * criteria.scale, unit_max, criteria.precision) if unit_max else ZERO
    pools = _pools(scored, stage)
    pools["bonus"] = bonus
    pools["penalty"] = penalty
    return UnitResult(
        unit=assessment.unit, criteria=criteria, year=assessment.year, stage=stage,
        points=points, max=unit_max, index=index, nodes=nodes, pools=pools,
        band=criteria.band_for(quantize(index, criteria.decimals)), issues=tuple(issues),
        source=assessment.path, assessment=assessment,
    )


def _pools(scored: list[NodeResult], stage: Stage) -> dict[str, Decimal]:
    own = appraised = survey = ZERO
    for x in _leaves(scored):  # one pass: pools are summed for every unit
        if x.na:
            continue
        if x.method == "self":
            own += x.self_points if x.self_points is not None else x.points
            appraised += x.points
        elif x.method == "survey":
            survey += x.points
    pools = {"self": own}
    if stage != "self":
        pools["appraised"] = appraised
    pools["survey"] = survey
    return pools


def _leaves(nodes: Iterable[NodeResult]) -> list[NodeResult]:
    """The leaves under `nodes`, depth first in code order."""
    found: list[NodeResult] = []
    stack = list(nodes)
    stack.reverse()
    while stack:
        node = stack.pop()
        if node.children:
            stack.extend(reversed(node.children))
        else:
            found.append(node)
    return found


def unanswered_warning(nodes: Iterable[NodeResult], assessment: Assessment) -> list[Issue]:
    """One warning listing the applicable self-assessed leaves the unit left
    blank (they score 0), or none; a leaf a round scored is not blank."""
    answers = assessment.answers
    blank = [n.code for n in _leaves(nodes)
             if not n.na and n.method == "self" and not n.trail
             and getattr(answers.get(n.code), "value", None) is None]
    if not blank:
        return []
    return [Issue("warning", msg("asm.unanswered", count=len(blank), codes=abbreviate(blank)),
                  Location(assessment.path))]


def abbreviate(codes: list[str], limit: int = 8) -> str:
    shown = ", ".join(codes[:limit])
    return shown + (f", … (+{len(codes) - limit})" if len(codes) > limit else "")
