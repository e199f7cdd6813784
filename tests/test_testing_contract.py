"""The testing kit's RuleContract, as a plugin author uses it: any number
of contracts in one session, any value type, and the defects it must catch
with their counter-example (an off-by-one bound, a decreasing checklist)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from cchc_score import Context, InvalidValue, Outcome, Params, Rule, msg
from cchc_score.rules import (
    Bonus,
    Choice,
    Deadline,
    Deduction,
    Manual,
    Proportional,
    Survey,
    Tiers,
    YesNo,
    parse_percent,
)
from cchc_score.testing import RuleContract, ValueBand

D = Decimal


# -- contracts of built-in kinds: several subclasses in one session --------------


class TestYesNoContract(RuleContract):
    kind = YesNo
    params = ({}, {"yes": D("0.5"), "no": 1})
    bad_values = ("có lẽ", 7)


class TestTiersContract(RuleContract):
    kind = Tiers
    node_max = D(2)
    params = (
        {"over": "percent", "tiers": [{"min": 100, "points": 2}, {"min": 95, "points": 1}]},
        {"over": "number", "tiers": [{"above": 5, "points": 2}, {"min": 3, "points": 1}]},
        # a count of violations: points fall as the count rises (not monotone)
        {"over": "number", "below": 2, "tiers": [{"min": 3, "points": 0},
                                                 {"min": 1, "points": 1}]},
    )
    bad_values = (-1, "nhiều")


class TestChoiceContract(RuleContract):
    kind = Choice
    params = ({"options": [{"key": "dat", "points": 1}, {"key": "mot-phan", "points": 0.5},
                           {"key": "khong", "points": 0}]},)
    bad_values = ("có", 1)


class TestProportionalContract(RuleContract):
    kind = Proportional
    node_max = D("1.5")
    params = ({"floor": 50}, {})
    bad_values = (101, "-3")


class TestDeductionContract(RuleContract):
    kind = Deduction
    node_max = D(2)
    params = ({"per_item": D("0.25"), "floor": D("0.5")},)
    bad_values = ("1.5", -2)


class TestManualContract(RuleContract):
    kind = Manual
    params = ({"step": D("0.25")},)
    bad_values = ("0.3", 2)


def test_no_health_check_is_suppressed_for_the_contracts() -> None:
    """The contracts above run in one session under the project's profile,
    which does not suppress Hypothesis's differing_executors check."""
    assert HealthCheck.differing_executors not in settings.default.suppress_health_check
    name = "test_points_are_bounded_deterministic_and_explained"
    assert getattr(TestYesNoContract, name) is not getattr(TestTiersContract, name)


# -- defects the contract catches ----------------------------------------------


@attrs.frozen
class FromNinetyFive(Rule):
    """A plugin-style kind: "từ 95%: full points; dưới 95%: none", written
    with an off-by-one bound (95 itself falls below)."""

    kind: ClassVar[str] = "test_from_95"
    value_type: ClassVar[str] = "percent"
    max: Decimal

    @property
    def monotone(self) -> bool:
        return True

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> FromNinetyFive:
        return cls(node_max)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        return parse_percent(raw)

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        points = self.max if value > 95 else D(0)  # the bug: should be >=
        return Outcome(points, msg("out.manual", points=points, max=self.max))

    def value_bands(self) -> tuple[ValueBand, ...]:
        return (ValueBand(D(95), D(100), self.max, True, True),
                ValueBand(D(0), D(95), D(0), True, False))

    def example(self) -> Any:
        return 100

    def strategy(self) -> st.SearchStrategy[Any]:
        return st.decimals(0, 100, places=1)


class OffByOneContract(RuleContract):  # not collected: run by the test below
    kind = FromNinetyFive


def test_an_off_by_one_bound_fails_with_the_counter_example_95() -> None:
    """A kind scoring 95 below its band "từ 95%" fails the contract, and the
    failure names 95 and the band it should be in."""
    with pytest.raises(AssertionError) as failure:
        OffByOneContract().test_bands_bounds_and_errors_hold_at_the_edges()
    text = str(failure.value)
    assert "the value 95 scores 0, but its band [95, 100] → 1 gives 1" in text


@attrs.frozen
class DecreasingChecklist(Rule):
    """A checklist (a tuple of ticked items) that claims to be monotone but
    gives fewer points for more ticks."""

    kind: ClassVar[str] = "test_checklist"
    value_type: ClassVar[str] = "checklist"
    max: Decimal

    @property
    def monotone(self) -> bool:
        return True

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> DecreasingChecklist:
        return cls(node_max)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> tuple[bool, ...]:
        if not isinstance(raw, list | tuple) or len(raw) != 3 or not all(
                isinstance(x, bool) for x in raw):
            raise InvalidValue(msg("val.bool", raw=str(raw)))
        return tuple(raw)

    def score(self, value: tuple[bool, ...], ctx: Context) -> Outcome:
        points = self.max * (3 - sum(value)) / 3  # the bug: falls as items are ticked
        return Outcome(points, msg("out.manual", points=points, max=self.max))

    def example(self) -> Any:
        return [False, False, False]

    def strategy(self) -> st.SearchStrategy[Any]:
        return st.lists(st.booleans(), min_size=3, max_size=3)


class ChecklistContract(RuleContract):
    kind = DecreasingChecklist


def test_a_decreasing_checklist_fails_the_monotone_check() -> None:
    """The kit derives the checklist's order (item by item) and finds two
    values where ticking more scores less."""
    with pytest.raises(AssertionError, match="claims monotone, but"):
        ChecklistContract().test_a_larger_value_never_scores_less_where_monotone()
    with pytest.raises(AssertionError, match="a larger value never scores less"):
        ChecklistContract().test_bands_bounds_and_errors_hold_at_the_edges()


def test_a_deviation_needs_a_reason() -> None:
    """Declaring a check as a deviation without saying why fails."""

    class Silent(RuleContract):
        kind = YesNo
        deviations: ClassVar[dict[str, str]] = {"reach": ""}

    with pytest.raises(AssertionError, match="needs a reason"):
        Silent().test_best_is_the_maximum_and_the_example_reaches_it()


@attrs.frozen
class Crashes(Rule):
    kind: ClassVar[str] = "test_crashes"
    value_type: ClassVar[str] = "number"
    max: Decimal

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Crashes:
        return cls(node_max)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        return Decimal(raw)  # TypeError on a list, InvalidOperation on "abc"

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        return Outcome(min(self.max, value), msg("out.manual", points=value, max=self.max))

    def example(self) -> Any:
        return 1


def test_a_kind_crashing_on_a_bad_value_fails_naming_the_value() -> None:
    """A kind that lets a TypeError escape for a junk value fails the
    contract, the message naming the value and the exception."""

    class CrashContract(RuleContract):
        kind = Crashes

    with pytest.raises(AssertionError, match=r"raises (TypeError|InvalidOperation)"):
        CrashContract().test_bad_values_are_refused_naming_the_leaf()


class TestDeadlineContract(RuleContract):
    kind = Deadline
    params = ({"due": "03-31", "late": [{"days": 15, "points": D("0.5")}]},)
    bad_values = ("31/02/2024", 5)


class TestBonusContract(RuleContract):
    kind = Bonus
    params = ({"per_item": D("0.25")},)
    bad_values = (-1, "1.5")


class TestSurveyContract(RuleContract):
    kind = Survey
    node_max = D(2)
    params = ({}, {"weights": {"hai-long": 100, "binh-thuong": 50, "khong": 0}})
    bad_values = (101, {"khac": 3}, {"hai-long": 0})


class TestRatioTiersContract(RuleContract):
    kind = Tiers
    node_max = D(2)
    params = ({"over": "ratio", "zero_denominator": "na",
               "tiers": [{"min": 100, "points": 2}, {"min": 75, "points": 1}]},
              {"over": "ratio", "tiers": [{"above": 90, "points": 2}, {"min": 50, "points": 1}]})
    bad_values = ("3/2", "a/b", {"num": 1})


class TestRatioProportionalContract(RuleContract):
    kind = Proportional
    params = ({"over": "ratio", "zero_denominator": "zero"},)
    bad_values = ("5/4",)


@attrs.frozen
class UnorderedLevels(Rule):
    """Claims monotone over named levels, with no order given or derivable."""

    kind: ClassVar[str] = "test_levels"
    value_type: ClassVar[str] = "level"
    max: Decimal

    @property
    def monotone(self) -> bool:
        return True

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> UnorderedLevels:
        return cls(node_max)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> str:
        if raw not in ("tot", "kha", "kem"):
            raise InvalidValue(msg("val.bool", raw=str(raw)))
        return str(raw)

    def score(self, value: str, ctx: Context) -> Outcome:
        points = {"tot": self.max, "kha": self.max / 2}.get(value, D(0))
        return Outcome(points, msg("out.manual", points=points, max=self.max))

    def example(self) -> Any:
        return "tot"

    def strategy(self) -> st.SearchStrategy[Any]:
        return st.sampled_from(["tot", "kha", "kem"])


def test_a_monotone_claim_without_an_order_fails_instead_of_passing() -> None:
    """A kind claiming monotone whose values the kit cannot order fails the
    contract (it never passes silently); giving an `order` makes it pass."""

    class Unordered(RuleContract):
        kind = UnorderedLevels

    with pytest.raises(AssertionError, match="cannot be compared"):
        Unordered().test_bands_bounds_and_errors_hold_at_the_edges()

    class Ordered(RuleContract):
        kind = UnorderedLevels
        order = staticmethod({"kem": 0, "kha": 1, "tot": 2}.get)

    Ordered().test_bands_bounds_and_errors_hold_at_the_edges()
    Ordered().test_a_larger_value_never_scores_less_where_monotone()
