"""The engine's invariants as one public check, for any results: the core's
property tests use it, and a plugin author runs it over his own set and
plugins (`registry=`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs

from .._engine import score as engine_score
from .._model import Assessment, CriteriaSet, NodeResult, Stage, UnitResult
from .._numbers import divide
from .._ranking import rank as engine_rank
from ..plugins import Registry

ZERO = Decimal(0)
Scorer = Callable[[CriteriaSet, Assessment, Stage], UnitResult]
Ranker = Callable[[Sequence[UnitResult]], list[UnitResult]]


class InvariantError(AssertionError):
    """Some engine invariants do not hold; `problems` lists each, one line
    naming the unit and the node code."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def check_invariants(results: Sequence[UnitResult], *, registry: Registry | None = None,
                     not_applicable: bool = True, ties_shared: bool | None = None) -> None:
    """Check the engine's invariants over `results` (scored units, ranked or
    not) and raise `InvariantError` listing every one that fails:

    - at every scored node 0 ≤ points ≤ max ≤ declared max, lost == max −
      points exactly, a parent's points and lost are its children's sums; a
      not-applicable node and a pending one count for nothing;
    - the pools add up, the index is points / max × scale (to the set's
      precision) within 0..scale, and the band is the set's for the index
      (unless a plugin classifies);
    - claiming a node not applicable (each component, and one leaf, re-scored
      from the unit's assessment) removes exactly its maximum and its points
      and changes no node outside it and its ancestors;
    - ranking: ranks start at 1 in each group, `rank_of` is the group's
      size, a higher published index ranks better, equal ones share a rank
      (unless a plugin breaks ties), and ranking the results in another
      order gives every unit the same rank.

    With `registry`, scoring and ranking go through its plugins (their
    `adjust_result`, `classify`, `tie_break` and tie policies), as the
    command line does. `not_applicable=False` skips the re-scoring (a plugin
    that rescales a unit's result, say)."""
    problems: list[str] = []
    scorer: Scorer = (
        (lambda c, a, s: engine_score(c, a, s, finish=registry.finish)) if registry
        else (lambda c, a, s: engine_score(c, a, s)))
    tie_break = registry.tie_breaker() if registry else None
    ranker: Ranker = (
        (lambda rs: engine_rank(rs, registry.tie_policies, tie_break=tie_break)) if registry
        else (lambda rs: engine_rank(rs)))
    for result in results:
        problems.extend(_tree(result))
        problems.extend(_totals(result, classified=registry is not None))
        if not_applicable and result.assessment is not None:
            problems.extend(_not_applicable(result, result.assessment, scorer))
    shared = ties_shared if ties_shared is not None else tie_break is None
    problems.extend(_ranks(results, ranker, shared))
    if problems:
        raise InvariantError(problems)


def _scored(result: UnitResult) -> list[NodeResult]:
    return [n for n in result.walk() if n.role == "score"]


def _tree(result: UnitResult) -> list[str]:
    out: list[str] = []
    unit = result.unit.id
    for node in _scored(result):
        where = f"{unit} {node.code}"
        if not ZERO <= node.points <= node.max <= node.declared_max:
            out.append(f"{where}: points {node.points}, max {node.max}, declared "
                       f"{node.declared_max} not in order 0 ≤ points ≤ max ≤ declared")
        if node.lost != node.max - node.points:
            out.append(f"{where}: lost {node.lost} ≠ max {node.max} − points {node.points}")
        # a parent is "pending" when any leaf under it is: only a leaf counts nothing
        if (node.na or (node.pending and node.is_leaf)) and (node.max or node.points or node.lost):
            out.append(f"{where}: not applicable or pending, yet counts {node.points}/{node.max}")
        if node.na and not all(c.na for c in node.walk()):
            out.append(f"{where}: not applicable, but a child is applicable")
        if node.children:
            for name in ("points", "lost", "max"):
                total = sum((getattr(c, name) for c in node.children), ZERO)
                if getattr(node, name) != total:
                    out.append(f"{where}: {name} {getattr(node, name)} ≠ the children's "
                               f"sum {total}")
    return out


def _totals(result: UnitResult, *, classified: bool) -> list[str]:
    out: list[str] = []
    unit, criteria = result.unit.id, result.criteria
    scored = [n for n in result.nodes if n.role == "score"]
    if result.max != sum((n.max for n in scored), ZERO):
        out.append(f"{unit}: max {result.max} ≠ the components' sum")
    if result.lost != result.max - sum((n.points for n in scored), ZERO):
        out.append(f"{unit}: lost {result.lost} ≠ max − the components' points")
    leaves = [x for n in scored for x in n.walk() if x.is_leaf and not x.na]
    own = "appraised" if result.appraised else "self"
    pooled = result.pools.get(own, ZERO) + result.pools.get("survey", ZERO)
    if pooled != sum((x.points for x in leaves), ZERO):
        out.append(f"{unit}: pools {own} + survey = {pooled} ≠ the leaves' points")
    if not ZERO <= result.points <= result.max:
        out.append(f"{unit}: points {result.points} outside 0..{result.max}")
    if result.max:
        expected = divide(result.points * criteria.scale, result.max, criteria.precision)
        if result.index != expected:
            out.append(f"{unit}: index {result.index} ≠ points / max × scale = {expected}")
    if not ZERO <= result.index <= criteria.scale:
        out.append(f"{unit}: index {result.index} outside 0..{criteria.scale}")
    if not classified and result.band != criteria.band_for(result.published_index):
        out.append(f"{unit}: band {result.band!r} ≠ the set's "
                   f"{criteria.band_for(result.published_index)!r}")
    return out


def _candidates(result: UnitResult) -> list[NodeResult]:
    """Nodes worth claiming not applicable: each component and the first
    leaf, all applicable, none scored by the survey."""
    def fits(node: NodeResult) -> bool:
        return node.role == "score" and not any(
            x.na or x.pending or x.method == "survey" for x in node.walk())

    roots = [n for n in result.nodes if fits(n)]
    leaves = [x for n in roots for x in n.walk() if x.is_leaf][:1]
    return roots + [x for x in leaves if x not in roots]


def _not_applicable(result: UnitResult, assessment: Assessment, scorer: Scorer) -> list[str]:
    out: list[str] = []
    before = scorer(result.criteria, assessment, result.stage)
    earned = sum((n.points for n in before.nodes if n.role == "score"), ZERO)
    for target in _candidates(before):
        claims = {**assessment.not_applicable, target.code: "kiểm tra bất biến"}
        after = scorer(result.criteria, attrs.evolve(assessment, not_applicable=claims),
                       result.stage)
        where = f"{result.unit.id} {target.code} claimed not applicable"
        if after.max != before.max - target.max:
            out.append(f"{where}: max {before.max} → {after.max}, not − {target.max}")
        now = sum((n.points for n in after.nodes if n.role == "score"), ZERO)
        if now != earned - target.points:
            out.append(f"{where}: points {earned} → {now}, not − {target.points}")
        related = target.code.split(".")
        ancestors = {".".join(related[:i]) for i in range(1, len(related))}
        for node in before.walk():
            if node.code in ancestors or node.code == target.code or \
                    node.code.startswith(target.code + "."):
                continue
            if after.node(node.code) != node:
                out.append(f"{where}: {node.code} changed")
                break
    return out


def _ranks(results: Sequence[UnitResult], ranker: Ranker, shared: bool) -> list[str]:
    out: list[str] = []
    ranked = [r for r in results if r.rank is not None]
    groups: dict[str, list[UnitResult]] = {}
    for r in ranked:
        groups.setdefault(r.unit.group, []).append(r)
    for group, members in groups.items():
        ranks = sorted(m.rank or 0 for m in members)
        if ranks[0] != 1:
            out.append(f"group {group}: the best rank is {ranks[0]}, not 1")
        for a in members:
            if a.rank_of != len(members):
                out.append(f"{a.unit.id}: rank of {a.rank_of}, the group has {len(members)}")
            for b in members:
                if a.published_index > b.published_index and not (a.rank or 0) < (b.rank or 0):
                    out.append(f"{a.unit.id} ({a.published_index}) does not rank above "
                               f"{b.unit.id} ({b.published_index})")
                if shared and a.published_index == b.published_index and a.rank != b.rank:
                    out.append(f"{a.unit.id} and {b.unit.id}: equal index, ranks "
                               f"{a.rank} and {b.rank}")
    if len(results) > 1:
        first = {r.unit.id: (r.rank, r.rank_of) for r in ranker(list(results))}
        for order in (list(reversed(results)), [*results[1:], results[0]]):
            again = {r.unit.id: (r.rank, r.rank_of) for r in ranker(order)}
            if again != first:
                out.append("ranking the same results in another order changes ranks: "
                           f"{sorted(set(again.items()) ^ set(first.items()))}")
                break
    return out
