"""The engine over a province's season, step by step: units answer, change
and retract answers, claim not-applicable and have it rejected, get
appraisal entries and survey values, join and leave. After every step each
unit's totals, lost points per node and rank (both stages) agree with a
small reference model kept here, which scores each leaf with its rule and
adds up by hand."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from cchc_score import CriteriaSet, Node, UnitResult, parse_assessment, rank, score
from cchc_score._numbers import carry, divide, quantize
from cchc_score.rules import Context
from cchc_score.testing import criteria_sets, decimals, values

ZERO = Decimal(0)


class Model:
    """What a careful reader of the set computes for one unit at one stage."""

    def __init__(self, criteria: CriteriaSet, data: dict[str, Any], stage: str) -> None:
        self.criteria, self.data, self.stage = criteria, data, stage
        self.ctx = Context(data["year"])
        self.leaves: dict[str, tuple[Decimal, Decimal] | None] = {}  # code → (points, max)
        for leaf in criteria.leaves():
            self.leaves[leaf.code] = self._leaf(leaf)
        counted = [v for v in self.leaves.values() if v is not None]
        self.points = sum((p for p, _ in counted), ZERO)
        self.max = sum((m for _, m in counted), ZERO)
        precision = criteria.precision
        self.index = divide(self.points * criteria.scale, self.max, precision) if self.max \
            else ZERO
        self.published = quantize(self.index, criteria.decimals)

    def _claimed(self, code: str) -> bool:
        parts = code.split(".")
        return any(".".join(parts[:i]) in self.data["not_applicable"]
                   for i in range(1, len(parts) + 1))

    def _leaf(self, leaf: Node) -> tuple[Decimal, Decimal] | None:
        """(points, max) for a counted leaf; None when not applicable or pending."""
        assert leaf.rule is not None
        if self._claimed(leaf.code):
            return None
        if leaf.method == "survey":
            raw = self.data["survey"].get(leaf.code)
            return None if raw is None else self._score(leaf, raw)
        entry = self.data["appraisal"].get(leaf.code)
        if self.stage == "appraised" and entry is not None:
            if "points" in entry:
                return entry["points"], leaf.max
            return self._score(leaf, entry["value"])
        answer = self.data["answers"].get(leaf.code)
        return (ZERO, leaf.max) if answer is None else self._score(leaf, answer["value"])

    def _score(self, leaf: Node, raw: Any) -> tuple[Decimal, Decimal] | None:
        assert leaf.rule is not None
        out = leaf.rule.score(leaf.rule.parse_value(raw), self.ctx)
        if out.na:
            return None
        return min(max(carry(out.points, self.criteria.precision), ZERO), leaf.max), leaf.max


def model_ranks(models: dict[str, tuple[str, Model]], ties: str) -> dict[str, int]:
    """1 + the units of the group above (shared) or the distinct indexes above (dense)."""
    ranks = {}
    for uid, (group, m) in models.items():
        above = [o.published for g, o in models.values() if g == group and o.published > m.published]
        ranks[uid] = 1 + (len(set(above)) if ties == "dense" else len(above))
    return ranks


class Season(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.units: dict[str, dict[str, Any]] = {}
        self.next_id = 0

    @initialize(criteria=criteria_sets())
    def load_set(self, criteria: CriteriaSet) -> None:
        self.criteria = criteria
        self.leaves = list(criteria.leaves())
        self.own = [x for x in self.leaves if x.method != "survey"]
        self.survey = [x for x in self.leaves if x.method == "survey"]
        for group in ("nhom-a", "nhom-b"):  # a season starts with units
            self.add_unit(group)

    # -- steps ------------------------------------------------------------------

    @rule(group=st.sampled_from(["nhom-a", "nhom-b"]))
    def add_unit(self, group: str) -> None:
        uid = f"u{self.next_id}"
        self.next_id += 1
        self.units[uid] = {"schema": 1, "criteria": self.criteria.id,
                           "year": self.criteria.years[0],
                           "unit": {"id": uid, "name": f"Đơn vị {uid}", "group": group},
                           "answers": {}, "not_applicable": {}, "appraisal": {}, "survey": {}}

    @precondition(lambda self: self.units)
    @rule(data=st.data())
    def remove_unit(self, data: st.DataObject) -> None:
        del self.units[data.draw(st.sampled_from(sorted(self.units)))]

    @precondition(lambda self: self.units)
    @rule(data=st.data())
    def answer_or_change(self, data: st.DataObject) -> None:
        unit, leaf = self._pick(data, self.own)
        self._try(unit, "answers", leaf.code, {"value": data.draw(values(leaf.rule))})

    @precondition(lambda self: self.units)
    @rule(data=st.data())
    def retract(self, data: st.DataObject) -> None:
        unit, leaf = self._pick(data, self.own)
        self.units[unit]["answers"].pop(leaf.code, None)

    @precondition(lambda self: self.units)
    @rule(data=st.data())
    def claim_not_applicable(self, data: st.DataObject) -> None:
        uid = data.draw(st.sampled_from(sorted(self.units)))
        code = data.draw(st.sampled_from(self.criteria.codes))
        self._try(uid, "not_applicable", code, "không có nhiệm vụ")

    @precondition(lambda self: any(u["not_applicable"] for u in self.units.values()))
    @rule(data=st.data())
    def reject_not_applicable(self, data: st.DataObject) -> None:
        uid = data.draw(st.sampled_from(sorted(u for u in self.units
                                              if self.units[u]["not_applicable"])))
        claims = self.units[uid]["not_applicable"]
        del claims[data.draw(st.sampled_from(sorted(claims)))]

    @precondition(lambda self: self.units)
    @rule(data=st.data())
    def appraise(self, data: st.DataObject) -> None:
        unit, leaf = self._pick(data, self.own)
        entry = ({"points": data.draw(decimals(0, leaf.max, 2))} if data.draw(st.booleans())
                 else {"value": data.draw(values(leaf.rule))})
        self._try(unit, "appraisal", leaf.code, {**entry, "reason": "Hội đồng thẩm định"})

    @precondition(lambda self: self.units and self.survey)
    @rule(data=st.data())
    def survey_result(self, data: st.DataObject) -> None:
        unit, leaf = self._pick(data, self.survey)
        self._try(unit, "survey", leaf.code, data.draw(values(leaf.rule)))

    def _pick(self, data: st.DataObject, leaves: list[Node]) -> tuple[str, Node]:
        return (data.draw(st.sampled_from(sorted(self.units))),
                data.draw(st.sampled_from(leaves)))

    def _try(self, uid: str, table: str, code: str, value: Any) -> None:
        """Make the change unless the loader refuses the file it gives (the
        unit would correct it): the season only holds files that score."""
        before = copy.deepcopy(self.units[uid])
        self.units[uid][table][code] = value
        if self._load(uid) is None:
            self.units[uid] = before

    def _load(self, uid: str) -> Any:
        assessment, issues = parse_assessment(self.units[uid], f"{uid}.toml", self.criteria)
        return None if any(i.level == "error" for i in issues) else assessment

    # -- what must hold after every step ------------------------------------------

    @invariant()
    def engine_agrees_with_the_model(self) -> None:
        if not hasattr(self, "criteria"):
            return
        for stage in ("self", "appraised"):
            results: dict[str, UnitResult] = {}
            for uid in self.units:
                assessment = self._load(uid)
                assert assessment is not None, uid
                results[uid] = score(self.criteria, assessment, stage)  # type: ignore[arg-type]
            ranked = {r.unit.id: r for r in rank(list(results.values()))}
            models = {uid: (u["unit"]["group"], Model(self.criteria, u, stage))
                      for uid, u in self.units.items()}
            for uid, (_, m) in models.items():
                got = ranked[uid]
                assert (got.points, got.max, got.index) == (m.points, m.max, m.index), \
                    (uid, stage)
                for code, expected in m.leaves.items():
                    node = got.node(code)
                    if expected is None:
                        assert node.max == ZERO and node.points == ZERO and node.lost == ZERO
                    else:
                        assert (node.points, node.lost) == (expected[0], expected[1] - expected[0])
                for root in got.nodes:
                    counted = [m.leaves[x.code] for x in root.walk() if x.is_leaf]
                    lost = sum((mx - p for p, mx in filter(None, counted)), ZERO)
                    assert root.lost == lost, (uid, root.code)
                assert got.lost == got.max - got.points
            assert {u: r.rank for u, r in ranked.items()} == model_ranks(models,
                                                                       self.criteria.ties)


Season.TestCase.settings = settings(max_examples=30, stateful_step_count=25)
TestSeason = Season.TestCase
