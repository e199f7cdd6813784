"""Invariants of the scoring engine, for random criteria sets and answers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_score import Assessment, NodeResult, Unit, UnitResult, rank, score
from cchc_score.testing import assessments, criteria_sets

ZERO = Decimal(0)


def _scored_nodes(result: UnitResult) -> list[NodeResult]:
    return [n for n in result.walk() if n.role == "score"]


@given(data=st.data(), stage=st.sampled_from(["self", "appraised"]))
def test_points_within_zero_and_max_at_every_node(data: st.DataObject, stage: str) -> None:
    """No node ever scores below 0 or above the maximum that counts for it."""
    criteria = data.draw(criteria_sets())
    result = score(criteria, data.draw(assessments(criteria)), stage)  # type: ignore[arg-type]
    for node in _scored_nodes(result):
        assert ZERO <= node.points <= node.max <= node.declared_max, node.code
    assert ZERO <= result.points <= result.max


@given(data=st.data(), stage=st.sampled_from(["self", "appraised"]))
def test_lost_adds_up_exactly(data: st.DataObject, stage: str) -> None:
    """At every node lost == max − points exactly, a parent's lost is the sum
    of its children's, and the leaves' lost add up to the unit's max − points."""
    criteria = data.draw(criteria_sets())
    result = score(criteria, data.draw(assessments(criteria)), stage)  # type: ignore[arg-type]
    for node in _scored_nodes(result):
        assert node.lost == node.max - node.points, node.code
        if node.children:
            assert node.lost == sum((c.lost for c in node.children), ZERO)
    leaves_lost = sum((n.lost for n in result.walk() if n.is_leaf), ZERO)
    assert leaves_lost == result.max - result.points


@given(data=st.data())
def test_index_within_scale(data: st.DataObject) -> None:
    """The index is points / applicable max × scale, rounded half-up once to
    the set's precision, within 0..scale."""
    criteria = data.draw(criteria_sets())
    result = score(criteria, data.draw(assessments(criteria)))
    assert ZERO <= result.index <= criteria.scale
    if result.max:
        with localcontext(prec=80):
            exact = result.points * criteria.scale / result.max
        assert result.index == exact.quantize(Decimal(1).scaleb(-criteria.precision),
                                              rounding=ROUND_HALF_UP)


@given(data=st.data())
def test_not_applicable_removes_exactly_its_maximum(data: st.DataObject) -> None:
    """Claiming a node not applicable lowers the unit's maximum by exactly the
    node's maximum and its points by exactly what it had earned; every node
    outside it and its ancestors is unchanged."""
    criteria = data.draw(criteria_sets(survey=False))
    base = data.draw(assessments(criteria, not_applicable=False))
    before = score(criteria, base)
    # Nodes whose every leaf is applicable to start with (a 0/0 "na" tier
    # already removed itself).
    candidates = [n for n in before.walk() if n.role == "score" and not any(
        x.na for x in n.walk())]
    target = data.draw(st.sampled_from(candidates))
    after = score(criteria, attrs.evolve(base, not_applicable={target.code: "không có TTHC"}))
    assert after.max == before.max - target.declared_max
    assert after.points == before.points - target.points
    assert all(n.na for n in after.node(target.code).walk())
    prefix = target.code + "."
    related = {c for c in before.criteria.codes
               if c == target.code or c.startswith(prefix) or target.code.startswith(c + ".")}
    for node in before.walk():
        if node.code not in related:
            assert after.node(node.code) == node


@settings(max_examples=50)
@given(data=st.data())
def test_ranking_does_not_depend_on_input_order(data: st.DataObject) -> None:
    """Shuffling the input files changes no unit's rank."""
    criteria = data.draw(criteria_sets())
    results = []
    for i in range(data.draw(st.integers(2, 6))):
        unit = Unit(f"u{i}", f"Đơn vị {i}", data.draw(st.sampled_from(["a", "b"])))
        results.append(score(criteria, data.draw(assessments(criteria, unit=unit))))
    shuffled = data.draw(st.permutations(results))
    ranks = {r.unit.id: (r.rank, r.rank_of) for r in rank(results)}
    assert {r.unit.id: (r.rank, r.rank_of) for r in rank(shuffled)} == ranks


@settings(max_examples=50)
@given(data=st.data())
def test_equal_published_indexes_share_a_rank(data: st.DataObject) -> None:
    """Within a group, units with equal published indexes share a rank; a
    higher index always ranks better; ranks start at 1."""
    criteria = data.draw(criteria_sets())
    results = []
    for i in range(data.draw(st.integers(2, 6))):
        unit = Unit(f"u{i}", f"Đơn vị {i}", "nhom")
        base = data.draw(assessments(criteria, unit=unit))
        # Half the time copy the first unit's answers, forcing exact ties.
        if results and data.draw(st.booleans()):
            base = attrs.evolve(results[0][1], unit=unit)
        results.append((score(criteria, base), base))
    ranked = rank([r for r, _ in results])
    assert min(r.rank or 0 for r in ranked) == 1
    for a in ranked:
        for b in ranked:
            if a.published_index == b.published_index:
                assert a.rank == b.rank
            elif a.published_index > b.published_index:
                assert (a.rank or 0) < (b.rank or 0)


def test_shared_and_dense_tie_policies() -> None:
    """1, 2, 2, 4 by default; 1, 2, 2, 3 when the set says dense."""
    from cchc_score import dense_ranks, shared_ranks

    indexes = [Decimal("95.5"), Decimal("90"), Decimal("90"), Decimal("80")]
    assert shared_ranks(indexes) == [1, 2, 2, 4]
    assert dense_ranks(indexes) == [1, 2, 2, 3]


def test_pending_survey_is_neither_earned_nor_lost() -> None:
    """A survey leaf without a value leaves the denominator and is flagged
    pending, and its parents say so too."""
    from cchc_score import RuleKinds, parse_criteria

    data = {
        "schema": 1, "id": "x", "title": "x", "group": "g", "years": [2024, 2024],
        "source": {"issuer": "x", "decision": "x"},
        "nodes": [
            {"code": "1", "title": "A", "max": Decimal(3)},
            {"code": "1.1", "title": "a", "max": Decimal(1), "rule": {"kind": "yes_no"}},
            {"code": "1.2", "title": "b", "max": Decimal(2), "method": "survey",
             "rule": {"kind": "survey"}},
        ],
    }
    criteria, _ = parse_criteria(data, "x.toml", RuleKinds.builtin())
    assert criteria is not None
    from cchc_score import Answer

    unit = Unit("u", "U", "g")
    pending = score(criteria, Assessment("x", 2024, unit, {"1.1": Answer("1.1", True)}))
    assert (pending.points, pending.max, pending.index) == (1, 1, 100)
    assert pending.node("1.2").pending and pending.node("1").pending
    assert pending.node("1.2").lost == 0
    done = score(criteria, Assessment("x", 2024, unit, {"1.1": Answer("1.1", True)},
                                      survey={"1.2": Decimal(50)}))
    assert (done.points, done.max) == (2, 3)
    assert done.pools["survey"] == 1 and done.pools["self"] == 1
