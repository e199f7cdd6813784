"""`RuleContract`: the tests every rule kind must pass, for a plugin's tests
to subclass."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from hypothesis import given
from hypothesis import strategies as st

from .._deep import JUNK, Finding, _sample, candidates, check_rule
from .._i18n import LANGS
from .._probe import compare, order_key
from ..rules import Context, InvalidValue, Rule, RuleKinds
from ..rules._base import shown
from ._strategies import values

#: the checks a contract may declare as deviations, each with a reason
CHECKS = ("reach", "bands", "gap", "overlap", "monotone", "next_step", "errors", "range",
          "explanation", "worst")


class RuleContract:
    """Subclass in a pytest module to check a rule kind's contract::

        class TestQuarterly(RuleContract):
            kind = Quarterly
            params = ({},)                 # parameter tables, as in a criteria file
            node_max = Decimal(2)
            bad_values = (5, -1, "nhiều")  # raw values the rule must refuse

    For values drawn by Hypothesis (the kind's `strategy()` for a plugin's
    kind): points are a Decimal within 0..`best()` ≤ `node_max`, the same
    every time, explained in both languages whenever below the maximum; the
    best value (`example()`) scores `best()`, which is `node_max`; the worst
    (`worst()`, when the kind has one) scores the least; where the rule
    claims `monotone`, a larger value never scores less in the order the
    kind's `order_key` (or the contract's `order`) gives or the kit derives
    (numbers, shares, yes/no, sets by inclusion, checklists item by item);
    the bands the rule declares (`value_bands()`, built in for `tiers`) have
    no gap or overlap and agree with its scores at every bound; a
    `next_step` scores what it promises; a bad value is refused with
    `InvalidValue`, never another exception, and an assessment file holding
    it gets an error naming the leaf.

    `deviations` maps a check's name (see `CHECKS`) to the reason the kind
    may break it ("as printed in Quyết định 123: the top band gives 0,5").
    Any number of subclasses run in one session: each gets its own tests.
    """

    kind: ClassVar[type[Rule]]
    params: ClassVar[Sequence[Mapping[str, Any]]] = ({},)
    node_max: ClassVar[Decimal] = Decimal(1)
    bad_values: ClassVar[Sequence[Any]] = ()
    #: a key ordering parsed values from worse to better (default: the
    #: kind's `order_key`, else derived)
    order: ClassVar[Callable[[Any], Any] | None] = None
    deviations: ClassVar[Mapping[str, str]] = {}
    year: ClassVar[int] = 2024

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Hypothesis refuses one @given function run with different `self`
        # types (its differing_executors health check): every subclass gets
        # its own test functions.
        super().__init_subclass__(**kwargs)
        for name, check in _PROPERTIES.items():
            setattr(cls, name, _property(name, check))

    # -- helpers ---------------------------------------------------------------

    @property
    def ctx(self) -> Context:
        return Context(self.year)

    def rules(self) -> list[Rule]:
        """One rule per parameter table, built through a registry holding the
        built-in kinds and this one."""
        kinds = RuleKinds.builtin()
        if kinds.get(self.kind.kind) is not self.kind:
            kinds = RuleKinds()
            kinds.register(self.kind, "test")
        return [kinds.build({"kind": self.kind.kind, **p}, self.node_max) for p in self.params]

    def skipped(self) -> list[str]:
        for check, reason in self.deviations.items():
            assert check in CHECKS, f"unknown check {check!r} in deviations; one of {CHECKS}"
            assert isinstance(reason, str) and reason.strip(), \
                f"the deviation {check!r} needs a reason"
        return list(self.deviations)

    def _key(self, rule: Rule) -> Callable[[Any], Any] | None:
        order = type(self).order
        return order if order is not None else order_key(rule)

    # -- plain tests -------------------------------------------------------------

    def test_best_is_the_maximum_and_the_example_reaches_it(self) -> None:
        """best() is within 0..node_max, equal to it unless declared, and
        example() scores exactly best()."""
        skip = self.skipped()
        for rule in self.rules():
            best = rule.best()
            assert isinstance(best, Decimal) and Decimal(0) <= best <= self.node_max, best
            if "reach" not in skip:
                assert best == self.node_max, (
                    f"{rule.kind} {rule}: no value reaches the maximum {self.node_max} "
                    f"(best {best}); declare deviations={{'reach': reason}} if the text says so")
                example = rule.example()
                points = rule.score(rule.parse_value(example), self.ctx).points
                assert points == best, f"example {shown(example)} scores {points}, not {best}"

    def test_bands_bounds_and_errors_hold_at_the_edges(self) -> None:
        """The deep check over every bound of the rule's bands (from each
        side), its example and its grid: no gap, overlap, off-by-one bound,
        unreachable best, crash on a bad value, or broken next step. The
        failure names the smallest counter-example."""
        skip = self.skipped()
        for rule in self.rules():
            raw = candidates(rule, self.ctx) + _sample(rule) + list(self.bad_values)
            findings = check_rule(rule, self.node_max, raw, ctx=self.ctx,
                                  order=self._key(rule), skip=[*skip, "reach"])
            _fail_on(rule, findings)

    def test_bad_values_are_refused_naming_the_leaf(self) -> None:
        """Each bad value (and odd junk) raises InvalidValue with a message in
        both languages, and an assessment file declaring it gets an error
        naming the leaf's code, never a traceback."""
        from ..load import parse_assessment, parse_criteria

        for params in self.params:
            kinds = RuleKinds.builtin()
            if kinds.get(self.kind.kind) is not self.kind:
                kinds.register(self.kind, "test")
            criteria, issues = parse_criteria(_one_leaf(self.kind.kind, params, self.node_max),
                                              "contract.toml", kinds)
            assert criteria is not None, [i.render("en") for i in issues]
            rule = criteria.node("1.1").rule
            assert rule is not None
            for raw in (*self.bad_values, *JUNK):
                try:
                    rule.parse_value(raw)
                except InvalidValue as e:
                    assert all(e.message.render(lang) for lang in LANGS)
                except Exception as e:  # pragma: no cover - the failure message
                    raise AssertionError(
                        f"{rule.kind}: {shown(raw)} raises {type(e).__name__}: {e}, "
                        "not InvalidValue") from e
                else:
                    assert raw not in self.bad_values, \
                        f"{rule.kind} accepted the bad value {shown(raw)}"
                    continue
                file = {"schema": 1, "criteria": "contract", "year": self.year,
                        "unit": {"id": "u", "name": "U", "group": "g"},
                        "answers": {"1.1": {"value": raw}}}
                _, problems = parse_assessment(file, "unit.toml", criteria)
                assert any(p.level == "error" and p.code == "1.1" for p in problems), \
                    f"{shown(raw)}: no error naming 1.1 in {[p.render('en') for p in problems]}"

    # -- properties (wrapped per subclass by __init_subclass__) ------------------

    def _points(self, data: st.DataObject) -> None:
        """Any valid value scores a Decimal within 0..best() ≤ node_max, the
        same every time, with an explanation in both languages."""
        skip = self.skipped()
        for rule in self.rules():
            raw = data.draw(values(rule), label=f"{rule.kind} value")
            value = rule.parse_value(raw)
            first, again = rule.score(value, self.ctx), rule.score(rule.parse_value(raw), self.ctx)
            assert first == again, f"{shown(raw)} scored {first.points} then {again.points}"
            assert isinstance(first.points, Decimal), type(first.points)
            if "range" not in skip:
                assert Decimal(0) <= first.points <= rule.best() <= self.node_max, first.points
            if "explanation" not in skip:
                for lang in LANGS:
                    assert first.explanation.render(lang), f"{shown(raw)}: no explanation"

    def _monotone(self, data: st.DataObject) -> None:
        """Where the rule claims monotone, of two comparable values the
        larger never scores less (order: `order`, the kind's `order_key`, or
        derived)."""
        if "monotone" in self.skipped():
            return
        for rule in self.rules():
            if not rule.monotone:
                continue
            key = self._key(rule)
            raws = [rule.example(), *data.draw(st.lists(values(rule), min_size=2, max_size=8),
                                                label=f"{rule.kind} values")]
            facts = [(raw, rule.parse_value(raw)) for raw in raws]
            scored = [(raw, v, rule.score(v, self.ctx)) for raw, v in facts]
            for low_raw, low, low_out in scored:
                for high_raw, high, high_out in scored:
                    if low_out.na or high_out.na or compare(low, high, key) != -1:
                        continue
                    assert low_out.points <= high_out.points, (
                        f"{rule.kind} claims monotone, but {shown(low_raw)} scores "
                        f"{low_out.points} and the larger {shown(high_raw)} "
                        f"{high_out.points}")

    def _worst(self, data: st.DataObject) -> None:
        """The kind's worst() value scores no more than any value."""
        if "worst" in self.skipped():
            return
        for rule in self.rules():
            worst = getattr(rule, "worst", None)
            if not callable(worst):
                continue
            floor = rule.score(rule.parse_value(worst()), self.ctx).points
            raw = data.draw(values(rule), label=f"{rule.kind} value")
            points = rule.score(rule.parse_value(raw), self.ctx).points
            assert floor <= points, f"worst() scores {floor} but {shown(raw)} scores {points}"

    def _next_step(self, data: st.DataObject) -> None:
        """A next step is worth more than the value's points and its example
        value scores exactly what it promises."""
        if "next_step" in self.skipped():
            return
        for rule in self.rules():
            raw = data.draw(values(rule), label=f"{rule.kind} value")
            value = rule.parse_value(raw)
            now = rule.score(value, self.ctx)
            if now.na:
                continue
            step = rule.next_step(value, now.points, self.ctx)
            if step is None:
                continue
            assert step.points > now.points, f"{shown(raw)}: a next step worth no more"
            if step.example is not None:
                promised = rule.score(rule.parse_value(step.example), self.ctx).points
                assert promised == step.points, (
                    f"for {shown(raw)} the next step promises {step.points} with "
                    f"{step.example}, which scores {promised}")


_PROPERTIES: dict[str, Callable[[RuleContract, st.DataObject], None]] = {
    "test_points_are_bounded_deterministic_and_explained": RuleContract._points,
    "test_a_larger_value_never_scores_less_where_monotone": RuleContract._monotone,
    "test_the_worst_value_scores_the_least": RuleContract._worst,
    "test_next_step_scores_what_it_promises": RuleContract._next_step,
}


def _property(name: str, check: Callable[[RuleContract, st.DataObject], None]
              ) -> Callable[..., None]:
    @given(data=st.data())
    def test(self: RuleContract, data: st.DataObject) -> None:
        check(self, data)

    test.__name__ = test.__qualname__ = name
    test.__doc__ = check.__doc__
    return test


def _fail_on(rule: Rule, findings: list[Finding]) -> None:
    bad = [f for f in findings if f.level == "error" or f.check == "next_step"]
    if bad:
        lines = [f"{f.check}: {f.message.render('en')}" for f in bad]
        raise AssertionError(f"{rule.kind} {rule}:\n  " + "\n  ".join(lines))


def _one_leaf(kind: str, params: Mapping[str, Any], node_max: Decimal) -> dict[str, Any]:
    return {"schema": 1, "id": "contract", "title": "contract", "group": "g",
            "years": [2020, 2030], "source": {"issuer": "test", "decision": "test"},
            "nodes": [{"code": "1", "title": "A", "max": node_max},
                      {"code": "1.1", "title": "a", "max": node_max,
                       "rule": {"kind": kind, **params}}]}
