"""Where to gain: leaves ranked by the points the unit could recover, each
with the next band of its rule and a value to try; and the rule kinds'
`next_step`, stated as properties over every built-in kind."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_score import score_files
from cchc_score._api import catalog
from cchc_score._gains import Gain, gains
from cchc_score.report import Options, TextReport
from cchc_score.rules import (
    Bonus,
    Choice,
    Context,
    Deadline,
    Deduction,
    Ratio,
    Rule,
    RuleKinds,
    Survey,
    Tiers,
    YesNo,
)
from cchc_score.testing import values

from .conftest import CRITERIA
from .report_kit import flat, index_of, line_with, run, write_set, write_unit

CTX = Context(2024)
D = Decimal

HANDMADE: list[tuple[dict[str, Any], Decimal]] = [
    ({"kind": "deadline", "due": "01-31", "late_points": D("0.25"),
      "late": [{"days": 15, "points": D("0.75")}, {"days": 30, "points": D("0.5")}]}, D(1)),
    ({"kind": "deadline", "due": "12-31", "year_offset": -1, "missing": D(0)}, D(1)),
    ({"kind": "proportional", "over": "percent", "floor": 50}, D(2)),
    ({"kind": "proportional", "over": "ratio"}, D(1)),
    ({"kind": "deduction", "per_item": D("0.25"), "floor": D("0.5")}, D(2)),
    ({"kind": "bonus", "per_item": D("0.5"), "cap": 2}, D(2)),
    ({"kind": "manual", "step": D("0.25")}, D(1)),
    ({"kind": "manual"}, D(1)),
    ({"kind": "tiers", "over": "number", "tiers": [
        {"above": 5, "points": 2}, {"min": 3, "points": 1}, {"above": D("1.5"), "points": D("0.5")}]},
     D(2)),
    ({"kind": "tiers", "over": "percent", "below": D("0.25"), "tiers": [
        {"above": 90, "points": 2}, {"min": 90, "points": D("1.5")}, {"above": 50, "points": 1}]},
     D(2)),
    ({"kind": "tiers", "over": "ratio", "zero_denominator": "zero", "tiers": [
        {"min": 100, "points": 1}, {"above": D("66.6"), "points": D("0.5")}]}, D(1)),
    ({"kind": "yes_no", "yes": D("0.5"), "no": 1}, D(1)),
    # 0/1 cannot reach "từ 75% đến dưới 100%": its next band is 1/1, 100 %
    ({"kind": "tiers", "over": "ratio", "tiers": [
        {"min": 100, "points": 2}, {"min": 75, "points": 1}]}, D(2)),
    # inverted: fewer items score more, the best band is below every tier
    ({"kind": "tiers", "over": "number", "below": 1, "tiers": [
        {"min": 3, "points": 0}, {"min": 1, "points": D("0.5")}]}, D(1)),
    ({"kind": "tiers", "over": "ratio", "below": 2, "tiers": [
        {"above": 10, "points": 0}, {"above": 0, "points": 1}]}, D(2)),
]


def _rules() -> list[Rule]:
    kinds = RuleKinds.builtin()
    built = [kinds.build(raw, maximum) for raw, maximum in HANDMADE]
    cat = catalog()
    bundled = [node.rule for path in sorted(CRITERIA.glob("*.toml"))
               for node in cat.load(path).leaves() if node.rule is not None]
    # Survey leaves are the province's to fill, never the unit's: no next step.
    return [r for r in built + bundled if not isinstance(r, Survey)]


RULES = _rules()
#: kinds whose outcomes come in bands: nothing scores between a value's
#: points and its next step
BANDED = (YesNo, Choice, Deadline, Tiers, Deduction, Bonus)


@given(data=st.data())
def test_next_step_scores_more_and_its_example_scores_exactly_that(data: st.DataObject) -> None:
    """For any rule and declared fact: there is no next step only when no
    fact scores more; otherwise it is worth more than the fact scores, the
    value it suggests scores exactly its points, for banded kinds no other
    fact scores in between (it is the *next* band), and knowing only the
    points gives a step worth the same."""
    rule = data.draw(st.sampled_from(RULES))
    fact = rule.parse_value(data.draw(values(rule)))
    now = rule.score(fact, CTX)
    if now.na or (isinstance(fact, Ratio) and fact.den == 0):
        return  # "none arose" is a fact to report, not a band to climb
    step = rule.next_step(fact, now.points, CTX)
    if isinstance(fact, Ratio):
        # The unit controls the numerator, not how many items arose: the
        # next band is the next one some count out of the same total reaches.
        other_fact: Any = Ratio(D(data.draw(st.integers(0, int(fact.den)))), fact.den)
    else:
        other_fact = rule.parse_value(data.draw(values(rule)))
    other = rule.score(other_fact, CTX)
    if step is None:
        assert other.points <= now.points
        return
    assert step.points > now.points
    if step.example is not None:
        assert rule.score(rule.parse_value(step.example), CTX).points == step.points
    if isinstance(rule, BANDED):
        assert not now.points < other.points < step.points
    blind = rule.next_step(None, now.points, CTX)
    assert blind is not None
    if isinstance(fact, Ratio):
        assert blind.points <= step.points  # any total: perhaps a closer band
    else:
        assert blind.points == step.points


def test_best_outcome_has_no_next_step() -> None:
    """At the rule's best outcome there is nothing left to suggest; a kind
    that does not implement `next_step` suggests nothing."""
    for rule in RULES:
        assert rule.next_step(None, rule.best(), CTX) is None
    assert Rule.next_step(RULES[0], None, D(0), CTX) is None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_set(tmp_path)
    return tmp_path


def test_gains_are_ranked_by_recoverable_points_with_the_next_band(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--gains lists the leaves that could score more, most recoverable
    first, each with what to declare for the next band, its points, and the
    value to try; leaves at their maximum and survey leaves are not listed."""
    path = write_unit(folder, "a", {"1.1": '{ value = "150/200", evidence = ["x"] }',
                                    "1.3": '{ value = 60, evidence = ["x"] }',
                                    "2.2": '{ value = 3, evidence = ["x"] }'}, survey="50")
    code, out, _ = run(["score", str(path), "--gains"], capsys)
    assert code == 0
    section = flat(out[index_of(out, "Nơi có thể tăng điểm"):])
    assert section.startswith("Nơi có thể tăng điểm: 4,00 điểm có thể lấy lại ở 3 tiêu chí")
    first, second, third = (index_of(section, f"+{p} {c}") for p, c in
                            (("2,00", "1.1"), ("1,50", "2.2"), ("0,50", "1.3")))
    assert first < second < third
    assert ("Bậc tiếp theo: đạt mức từ 95% đến dưới 100%: ít nhất 190/200 → 1,00/2,00 điểm "
            "(+1,00)") in section
    assert "thử: --set 1.1=190/200" in section
    assert "Bậc tiếp theo: giảm còn 2 văn bản → 1,00/2,00 điểm (+0,50)" in section
    assert "Bậc tiếp theo: đạt mức 100% → 1,00/1,00 điểm (+0,50)" in section
    assert "3.1" not in section and "1.2" not in section


def test_council_decided_leaf_has_no_value_to_try(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At the appraised stage the council's corrected fact is the one the
    next band starts from, and no --set value is suggested (it would only
    change the unit's own value)."""
    path = write_unit(folder, "a", extra='[appraisal."1.3"]\nvalue = 40\nreason = "Chưa đạt"\n')
    _, out, _ = run(["score", str(path), "--gains", "--stage", "appraised"], capsys)
    section = flat(out[index_of(out, "Nơi có thể tăng điểm"):])
    assert "Bậc tiếp theo: đạt mức từ 50% đến dưới 100% → 0,50/1,00 điểm (+0,50)" in section
    assert "--set 1.3" not in section


def test_leaf_that_cannot_reach_its_maximum_is_not_recoverable(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A rule whose best outcome is below the leaf's maximum (a defect kept
    as printed) loses points that no declaration can recover."""
    text = (folder / "mini.toml").read_text(encoding="utf-8").replace(
        '{ key = "du", label = "Đầy đủ", points = 2 }', '{ key = "du", label = "Đầy đủ", points = 1.5 }')
    write_set(folder, text)
    path = write_unit(folder, "a")
    _, out, _ = run(["score", str(path), "--gains"], capsys)
    assert line_with(out, "−0,50  2.1")
    assert "Không còn điểm nào có thể lấy lại từ nội dung kê khai." in out


def test_a_rule_without_a_next_band_is_still_ranked(folder: Path) -> None:
    """A gain whose rule suggests no next band is listed with its
    recoverable points and says so."""
    result = score_files([write_unit(folder, "a", {"1.2": '{ value = false, evidence = ["x"] }'})]
                         ).results[0]
    found = gains(result, {})
    assert [(g.node.code, g.recoverable) for g in found] == [("1.2", D(1))]
    bare = [Gain(found[0].node, found[0].recoverable, None)]
    out = TextReport().render([result], Options(width=80, gains={"a": bare}))
    assert "+1,00  1.2" in out and "Quy tắc không gợi ý được bậc tiếp theo." in out


def test_a_ratio_step_lands_in_the_band_it_names() -> None:
    """0 of 1 dossiers cannot reach "từ 75% đến dưới 100%": the step offered
    is 1/1, worth the 100 % band's 2 points, the points 1/1 really scores."""
    rule = RuleKinds.builtin().build({"kind": "tiers", "over": "ratio", "tiers": [
        {"min": 100, "points": 2}, {"min": 75, "points": 1}]}, D(2))
    step = rule.next_step(Ratio(D(0), D(1)), D(0), CTX)
    assert step is not None and step.example == "1/1" and step.points == 2
    step = rule.next_step(Ratio(D(0), D(4)), D(0), CTX)
    assert step is not None and step.example == "3/4" and step.points == 1


def test_inverted_tiers_suggest_fewer_items() -> None:
    """Tiers where fewer items score more (violations: 3 or more → 0, 1 or
    more → 0,5, none → 1) suggest the band below: from 4 items, 1 item for
    0,5; from 1 item, 0 items for the full point."""
    rule = RuleKinds.builtin().build({"kind": "tiers", "over": "number", "below": 1, "tiers": [
        {"min": 3, "points": 0}, {"min": 1, "points": D("0.5")}]}, D(1))
    step = rule.next_step(D(4), D(0), CTX)
    assert step is not None and step.points == D("0.5") and step.example == "1"
    step = rule.next_step(D(1), D("0.5"), CTX)
    assert step is not None and step.points == 1 and step.example == "0"
