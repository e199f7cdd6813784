"""Reading a leaf's printed options into a rule (the heart of the criteria
importer): the wordings found in real annexes, and the band invariant."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_score.office._rule_text import option_from_cells, read_rule
from cchc_score.rules import Context, RuleKinds

KINDS = RuleKinds.builtin()
CTX = Context(2024)


def _rule(node_max: str, *texts: str):  # type: ignore[no-untyped-def]
    options = [option_from_cells(t, None, i)[0] for i, t in enumerate(texts, start=10)]
    reading = read_rule("9.9", Decimal(node_max), options, KINDS)
    return reading, KINDS.build(reading.rule, Decimal(node_max))


def _points(rule, raw) -> Decimal:  # type: ignore[no-untyped-def]
    return rule.score(rule.parse_value(raw), CTX).points


@pytest.mark.parametrize(("text", "points"), [
    ("Ban hành không kịp thời: 0,5", Decimal("0.5")),
    ("Ban hành không kịp thời: 0.5", Decimal("0.5")),
    ("Có thực hiện:1", Decimal(1)),
    ("Từ 30% - dưới 50% số TTHC có phát sinh hồ sơ: 0,125", Decimal("0.125")),
])
def test_points_are_read_from_the_text_with_comma_or_point(text: str, points: Decimal) -> None:
    """"0,5" and "0.5" are the same half point; the label loses the suffix."""
    option, problem = option_from_cells(text, None)
    assert option.points == points and problem is None
    assert not option.label.endswith(":") and str(points).replace(".", ",") not in option.label


def test_points_cell_is_used_when_the_text_has_none() -> None:
    option, _ = option_from_cells("Đạt yêu cầu", "1,5")
    assert option.points == Decimal("1.5")


@pytest.mark.parametrize(("texts", "over", "cases"), [
    (("Từ 70% - 100% kế hoạch: 2", "Từ 50% - dưới 70% kế hoạch: 1", "Dưới 50%: 0"),
     "percent", {"96": 2, "69.99": 1, "50": 1, "49,9": 0}),
    (("Trên 90% hồ sơ: 1", "Từ 50% đến 90%: 0,5", "Dưới 50%: 0"),
     "percent", {"90": Decimal("0.5"), "90.5": 1, "50": Decimal("0.5"), "10": 0}),
    (("Đạt 100% : 1,5", "Đạt từ 80% đến dưới 100%: 1", "Đạt từ 50% đến dưới 80%: 0,5",
      "Đạt dưới 50%: 0"), "percent", {"100": Decimal("1.5"), "99.9": 1, "79": Decimal("0.5")}),
    (("Đầy đủ các báo cáo: 2", "Báo cáo đạt ¾ số lượng trở lên: 1",
      "Báo cáo đạt dưới ¾ số lượng: 0"), "ratio", {"4/4": 2, "3/4": 1, "5/7": 0}),
    (("Có 03 hình thức trở lên: 3", "Có từ 01 - 02 hình thức: 1,5", "Không có hình thức nào: 0"),
     "number", {"5": 3, "2": Decimal("1.5"), "1": Decimal("1.5"), "0": 0}),
    (("Từ 5% số hồ sơ TTHC trở lên: 0,25", "Có thực hiện nhưng dưới 5%: 0,15",
      "Không thực hiện: 0"), "percent", {"5": Decimal("0.25"), "1": Decimal("0.15"), "0": 0}),
    (("Từ 15% các thủ tục được rà soát: 2", "Dưới 15% các thủ tục: 0"),
     "percent", {"15": 2, "14.99": 0}),
    (("Đạt 50 % trở lên: 2", "Đạt từ 20% - dưới 50%: 1", "Đạt dưới 20%: 0"),
     "percent", {"50": 2, "20": 1, "19": 0}),
])
def test_bands_become_tiers_scoring_at_their_bounds(texts, over, cases) -> None:  # type: ignore[no-untyped-def]
    """Percentage bands, "trên 90%", "¾ số lượng", counts, and "có thực hiện
    nhưng dưới 5%" next to "không thực hiện" score each value in its band."""
    reading, rule = _rule(str(max(_option_points(texts))), *texts)
    assert reading.rule["kind"] == "tiers" and rule.over == over
    assert {v: _points(rule, v) for v in cases} == cases


def _option_points(texts: tuple[str, ...]) -> list[Decimal]:
    return [option_from_cells(t, None)[0].points or Decimal(0) for t in texts]


def test_overlapping_and_open_bounds_are_reported_not_hidden() -> None:
    """"từ 50% - 70%" under "từ 70% - 100%", a missing upper bound and a
    range with a stray "trở lên" each give a warning with the option's row."""
    reading, _ = _rule("2", "Từ 70% - 100%: 2", "Từ 50% - 70%: 1", "Dưới 50%: 0")
    assert [(p.level, p.row, p.message.key) for p in reading.problems] == [
        ("warning", 11, "office.band_overlap")]
    reading, _ = _rule("2", "Hoàn thành 100% số nhiệm vụ: 2",
                       "Hoàn thành từ 75 đến dưới 100% số nhiệm vụ: 1",
                       "Hoàn thành từ 50 đến dưới số nhiệm vụ được giao: 0,5",
                       "Hoàn thành dưới 50%: 0")
    assert [p.message.key for p in reading.problems] == ["office.band_no_upper"]
    reading, _ = _rule("1", "Có từ 3 tin, bài trở lên: 1", "Có từ 1-2 tin, bài trở lên: 0,5",
                       "Không thực hiện: 0")
    assert [p.message.key for p in reading.problems] == ["office.band_stray_up"]


def test_two_named_options_worth_max_and_zero_are_yes_no() -> None:
    reading, rule = _rule("1", "Có thực hiện: 1", "Không thực hiện: 0")
    assert reading.rule["kind"] == "yes_no"
    assert _points(rule, "Có thực hiện") == 1 and _points(rule, False) == 0


def test_qualitative_options_with_numbers_in_brackets_are_a_choice() -> None:
    """Numbers inside brackets or years ("01 tháng", "năm 2024") are not
    bands: three named options make a choice with short keys."""
    reading, rule = _rule(
        "1", "Ban hành kịp thời (không quá 01 tháng sau khi Công an tỉnh ban hành năm 2024): 1",
        "Ban hành không kịp thời (quá 01 tháng): 0.5", "Không ban hành: 0")
    assert reading.rule["kind"] == "choice"
    assert [o.key for o in rule.options] == ["ban-hanh-kip-thoi", "ban-hanh-khong-kip-thoi",
                                             "khong-ban-hanh"]
    assert _points(rule, "Ban hành không kịp thời") == Decimal("0.5")


def test_satisfaction_bands_are_survey_leaves() -> None:
    reading, _ = _rule("1", "100% ý kiến được hỏi hài lòng: 1", "Từ 70% - dưới 100%: 0,5",
                       "Dưới 70%: 0")
    assert reading.method == "survey"


@pytest.mark.parametrize("texts", [
    (),
    ("Hội đồng xem xét, đánh giá",),
    ("Tốt: 1", "Tốt: 0,5"),
    ("Từ 70% - 100%: 2", "Từ 70% - 100%: 1"),
])
def test_what_cannot_be_read_is_manual_with_a_warning(texts: tuple[str, ...]) -> None:
    """No options, options without points, duplicate labels, two bands with
    the same bound: manual points within the maximum, and a warning."""
    reading, rule = _rule("2", *texts)
    assert reading.manual and rule.kind == "manual" and rule.max == 2
    assert any(p.level == "warning" for p in reading.problems)


def test_option_above_the_maximum_is_capped_and_reported() -> None:
    reading, rule = _rule("0.5", "Có ban hành văn bản: 1", "Không ban hành văn bản: 0")
    assert rule.best() == Decimal("0.5")
    assert [(p.message.key, p.row) for p in reading.problems] == [("office.option_over", 10)]


@given(st.lists(st.integers(1, 99), min_size=1, max_size=4, unique=True),
       st.integers(0, 10000))
def test_printed_bands_score_every_share_in_its_band(bounds: list[int], hundredths: int) -> None:
    """For any bands "từ a% - 100%", "từ b% - dưới a%", …, "dưới z%", a
    share scores the points of the band that contains it (half-open)."""
    bounds = sorted(bounds, reverse=True)
    texts = [f"Từ {bounds[0]}% - 100%: {len(bounds)}"]
    texts += [f"Từ {lo}% - dưới {hi}%: {len(bounds) - i - 1}"
              for i, (hi, lo) in enumerate(itertools.pairwise(bounds), start=0)]
    texts.append(f"Dưới {bounds[-1]}%: 0")
    reading, rule = _rule(str(len(bounds)), *texts)
    assert not reading.problems and rule.kind == "tiers"
    share = Decimal(hundredths) / 100
    expected = sum(1 for b in bounds if share >= b)
    assert _points(rule, share) == expected
