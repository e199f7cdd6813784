"""The testing kit's strategies and `check_invariants`, as a plugin author
uses them over his own kinds, set and plugins."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import attrs
import cchc_hanam
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_score import (
    Assessment,
    Context,
    CriteriaSet,
    Issue,
    Location,
    Outcome,
    Params,
    Rule,
    Unit,
    catalog,
    hookimpl,
    msg,
    rank,
    score,
)
from cchc_score.plugins import Registry
from cchc_score.rules import parse_number
from cchc_score.testing import (
    InvariantError,
    assessments,
    check_invariants,
    criteria_sets,
)

D = Decimal


@attrs.frozen
class Weighted(Rule):
    """A plugin kind with a parameter: `weight` × the declared count, capped."""

    kind: ClassVar[str] = "test_weighted"
    value_type: ClassVar[str] = "count"
    max: Decimal
    weight: Decimal

    @property
    def monotone(self) -> bool:
        return True

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Weighted:
        return cls(node_max, params.decimal("weight", required=True, positive=True) or D(1))

    @classmethod
    def params_strategy(cls, node_max: Decimal) -> st.SearchStrategy[dict[str, Any]]:
        return st.sampled_from([D("0.25"), D("0.5"), D(1)]).map(lambda w: {"weight": w})

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        return parse_number(raw, integer=True)

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        points = min(self.max, value * self.weight)
        return Outcome(points, msg("out.manual", points=points, max=self.max))

    def strategy(self) -> st.SearchStrategy[Any]:
        return st.integers(0, 12)

    def example(self) -> Any:
        return 100


class Province:
    """A plugin: its kind, and a rule that component 1 may never be claimed
    not applicable (an error, so the unit would be left unscored)."""

    @hookimpl
    def register_rule_kinds(self, register: Any) -> None:
        register(Weighted)

    @hookimpl
    def check_assessment(self, criteria: CriteriaSet, assessment: Assessment) -> list[Issue]:
        return [Issue("error", msg("asm.na_reason", code=code), Location(None, code))
                for code in assessment.not_applicable if code == "1" or code.startswith("1.")]


def province() -> Registry:
    reg = Registry.build(entry_points=False)
    reg.add(Province(), "province")
    return reg


REG = province()


@settings(max_examples=30)
@given(data=st.data())
def test_criteria_sets_use_the_kinds_asked_for_including_a_plugins(data: st.DataObject) -> None:
    """criteria_sets(kinds=...) builds valid sets whose non-survey leaves use
    only those kinds; a plugin kind gets its tables from params_strategy and
    its values from strategy()."""
    criteria = data.draw(criteria_sets(kinds=["test_weighted", "yes_no"], registry=REG))
    used = {leaf.rule.kind for leaf in criteria.leaves()
            if leaf.rule is not None and leaf.method != "survey"}
    assert used <= {"test_weighted", "yes_no"}
    assessment = data.draw(assessments(criteria, registry=REG))
    for code, answer in assessment.answers.items():
        rule = criteria.node(code).rule
        if rule is not None and rule.kind == "test_weighted":
            assert isinstance(answer.value, Decimal) and 0 <= answer.value <= 12


@settings(max_examples=40)
@given(data=st.data())
def test_assessments_honour_the_plugins_checks_and_exclusions(data: st.DataObject) -> None:
    """With registry=, no drawn assessment breaks a plugin's check (here:
    component 1 may not be claimed not applicable); exclude_na keeps codes
    out of the claims; the engine invariants hold through the plugin."""
    criteria = data.draw(criteria_sets(registry=REG))
    assessment = data.draw(assessments(criteria, registry=REG, exclude_na=["2"]))
    assert not [i for i in REG.check_assessment(criteria, assessment) if i.level == "error"]
    assert not any(c == "2" or c.startswith("2.") for c in assessment.not_applicable)
    check_invariants([score(criteria, assessment, finish=REG.finish)], registry=REG)


@settings(max_examples=25)
@given(data=st.data(), stage=st.sampled_from(["self", "appraised"]))
def test_check_invariants_holds_for_any_set_and_units(data: st.DataObject, stage: str) -> None:
    """For any generated set and units, scored and ranked by the engine,
    check_invariants finds nothing (it re-scores not-applicable claims and
    re-ranks in other orders itself)."""
    criteria = data.draw(criteria_sets())
    results = [score(criteria, data.draw(assessments(criteria, unit=Unit(
        f"u{i}", f"Đơn vị {i}", data.draw(st.sampled_from(["a", "b"]))))), stage)  # type: ignore[arg-type]
        for i in range(data.draw(st.integers(1, 4)))]
    check_invariants(rank(results))


@settings(max_examples=20)
@given(data=st.data())
def test_check_invariants_with_the_hanam_plugin(data: st.DataObject) -> None:
    """A plugin author's few lines: units of the Hà Nam set, some without
    administrative procedures, scored through the plugin, keep every
    invariant (the plugin's own rescaling is not re-scored)."""
    reg = Registry.build(entry_points=False)
    reg.add(cchc_hanam, "cchc_hanam")
    criteria = catalog(reg).load("hanam-2023-so-nganh-minh-hoa")
    results = []
    for i in range(3):
        tags = frozenset(data.draw(st.sampled_from([(), (cchc_hanam.TAG_NO_TTHC,)])))
        unit = Unit(f"so-{i}", f"Sở {i}", criteria.group, tags)
        assessment = data.draw(assessments(criteria, unit=unit, registry=reg))
        results.append(score(criteria, assessment, finish=reg.finish))
    check_invariants(rank(results, reg.tie_policies, tie_break=reg.tie_breaker()),
                     registry=reg, not_applicable=False)


def test_a_broken_result_is_named_by_unit_and_code() -> None:
    """check_invariants reports each broken invariant with the unit and the
    node code: a lost that does not add up, a rank that ignores the index."""
    criteria = catalog().load("ca-tinh-2024-bang1")
    unit = Unit("u", "U", criteria.group)
    good = score(criteria, Assessment(criteria.id, 2024, unit))
    check_invariants([good])
    leaf = next(n for n in good.walk() if n.is_leaf)
    broken_leaf = attrs.evolve(leaf, lost=leaf.lost + 1)

    def swap(node: Any) -> Any:
        if node.code == leaf.code:
            return broken_leaf
        return attrs.evolve(node, children=tuple(swap(c) for c in node.children))

    broken = attrs.evolve(good, nodes=tuple(swap(n) for n in good.nodes))
    with pytest.raises(InvariantError) as failure:
        check_invariants([broken], not_applicable=False)
    assert f"u {leaf.code}: lost" in str(failure.value)
    other = attrs.evolve(good, unit=Unit("v", "V", criteria.group), index=good.index + 1)
    misranked = [attrs.evolve(good, rank=1, rank_of=2), attrs.evolve(other, rank=2, rank_of=2)]
    with pytest.raises(InvariantError, match="does not rank above"):
        check_invariants(misranked, not_applicable=False)
