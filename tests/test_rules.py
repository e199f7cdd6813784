"""The built-in rule kinds: points for representative facts, half-open band
edges, the one-line explanation in Vietnamese and English, how raw values are
read (decimal commas, ratios, dates, NFD labels) and how bad values fail."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Any

import pytest

from cchc_score.rules import Context, InvalidParams, InvalidValue, Outcome, Rule, RuleKinds

KINDS = RuleKinds.builtin()
CTX = Context(year=2024)
D = Decimal


def build(node_max: str | int, **params: Any) -> Rule:
    """A rule as a criteria file declares it: `rule = { kind = ..., ... }`."""
    return KINDS.build(params, D(node_max))


def outcome(rule: Rule, raw: Any, year: int = 2024) -> Outcome:
    return rule.score(rule.parse_value(raw), Context(year=year))


def points(rule: Rule, raw: Any, year: int = 2024) -> Decimal:
    return outcome(rule, raw, year).points


def refusal(rule: Rule, raw: Any) -> tuple[str, str]:
    """The (vi, en) message of the InvalidValue a bad value raises."""
    with pytest.raises(InvalidValue) as caught:
        rule.parse_value(raw)
    return caught.value.message.render("vi"), caught.value.message.render("en")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# -- the must-have: "Tỷ lệ 96,5% (193/200) thuộc mức từ 95% đến dưới 100% → 1/2 điểm" --


RATIO_2 = {"kind": "tiers", "over": "ratio",
           "tiers": [{"min": D(100), "points": D(2)}, {"min": D(95), "points": D(1)}]}


def test_ratio_193_of_200_scores_one_point_with_the_decisions_words() -> None:
    """193/200 is 96.5 %: the 95–100 % band, exactly 1 of 2 points, explained
    with a decimal comma and the decision's own band words."""
    rule = KINDS.build(RATIO_2, D(2))
    result = outcome(rule, "193/200")
    assert result.points == D("1")
    assert isinstance(result.points, Decimal)
    vi = result.explanation.render("vi")
    assert "96,5%" in vi and "193/200" in vi
    assert "từ 95% đến dưới 100%" in vi
    assert vi.endswith("→ 1/2 điểm")
    en = result.explanation.render("en")
    assert "96.5%" in en and "from 95% to under 100%" in en and "1/2 points" in en


def test_ratio_accepts_a_table_a_string_and_a_pair_alike() -> None:
    """{ num, den }, "num/den" (with spaces or decimal commas) and a pair are
    the same fact."""
    rule = KINDS.build(RATIO_2, D(2))
    forms = ["193/200", " 193 / 200 ", {"num": 193, "den": 200}, {"num": D(193), "den": D(200)},
             [193, 200], "193,0/200"]
    assert {outcome(rule, f).points for f in forms} == {D(1)}


@pytest.mark.parametrize(("raw", "expected", "band"), [
    ("200/200", "2", "100%"),
    ("190/200", "1", "từ 95% đến dưới 100%"),      # exactly at 95 %
    ("189/200", "0", "dưới 95%"),                 # 94.5 %: just below
    ("1899/2000", "0", "dưới 95%"),               # 94.95 %
    ("199/200", "1", "từ 95% đến dưới 100%"),      # 99.5 %: just below 100
])
def test_ratio_band_edges_are_half_open(raw: str, expected: str, band: str) -> None:
    """Exactly at a threshold belongs to that band; just below falls to the next."""
    result = outcome(KINDS.build(RATIO_2, D(2)), raw)
    assert result.points == D(expected)
    assert band in result.explanation.render("vi")


def test_ratio_comparison_is_exact_for_repeating_shares() -> None:
    """2/3 is 66.666…%: compared exactly, not rounded up to a 66.67 % tier."""
    rule = build(1, kind="tiers", over="ratio",
                 tiers=[{"min": D("66.67"), "points": 1}, {"min": D(50), "points": D("0.5")}])
    assert points(rule, "2/3") == D("0.5")
    assert "66,67%" in outcome(rule, "2/3").explanation.render("vi")  # shown rounded
    assert points(rule, "6667/10000") == D(1)


@pytest.mark.parametrize(("policy", "expected", "na", "words"), [
    ("full", "2", False, "Không phát sinh (0/0) → đạt tối đa 2/2 điểm"),
    ("zero", "0", False, "Không phát sinh (0/0) → 0/2 điểm"),
    ("na", "0", True, "Không phát sinh (0/0) → không áp dụng"),
])
def test_zero_denominator_policies(policy: str, expected: str, na: bool, words: str) -> None:
    """0/0 ("không phát sinh") scores full, zero or makes the leaf not
    applicable, as the set declares."""
    rule = KINDS.build({**RATIO_2, "zero_denominator": policy}, D(2))
    result = outcome(rule, "0/0")
    assert (result.points, result.na) == (D(expected), na)
    assert words in result.explanation.render("vi")


def test_zero_denominator_defaults_to_full() -> None:
    assert outcome(KINDS.build(RATIO_2, D(2)), {"num": 0, "den": 0}).points == D(2)


def test_ratio_errors_name_the_problem() -> None:
    """A numerator above its denominator, a negative count or a shapeless
    value is refused with a message that says which."""
    rule = KINDS.build(RATIO_2, D(2))
    vi, en = refusal(rule, "201/200")
    assert "tử số 201 lớn hơn mẫu số 200" in vi
    assert "numerator 201 is greater than denominator 200" in en
    assert "-1" in refusal(rule, "-1/200")[1] and "negative" in refusal(rule, "-1/200")[1]
    assert "193/200" in refusal(rule, 193)[1]  # the message shows the expected form
    refusal(rule, {"num": 1})
    refusal(rule, {"num": 1, "den": 2, "extra": 3})
    assert "greater" in refusal(rule, "5/0")[1]


# -- tiers over a percentage and a number ----------------------------------------------


PERCENT = {"kind": "tiers", "over": "percent",
           "tiers": [{"above": D(90), "points": D(2)}, {"min": D(50), "points": D(1)}],
           "below": D("0.25")}


@pytest.mark.parametrize(("raw", "expected", "band"), [
    (100, "2", "trên 90%"),
    ("90,5", "2", "trên 90%"),          # decimal comma
    ("90.001", "2", "trên 90%"),
    (90, "1", "từ 50% đến 90%"),        # "above 90" excludes 90: closed on the right
    (D(50), "1", "từ 50% đến 90%"),
    ("49,99", "0.25", "dưới 50%"),
    (0, "0.25", "dưới 50%"),
])
def test_percent_tiers_with_above_bounds(raw: Any, expected: str, band: str) -> None:
    """`above = 90` means 90 < v ("trên 90%"); the band under it then reads
    "từ 50% đến 90%" (90 included); `below` scores what reaches no tier."""
    result = outcome(KINDS.build(PERCENT, D(2)), raw)
    assert result.points == D(expected)
    assert band in result.explanation.render("vi")


def test_percent_accepts_a_percent_sign_and_spaces() -> None:
    rule = KINDS.build(PERCENT, D(2))
    assert points(rule, " 96,5 % ") == D(2)
    assert "96,5%" in outcome(rule, "96,5%").explanation.render("vi")
    assert "96.5%" in outcome(rule, "96,5%").explanation.render("en")


@pytest.mark.parametrize("raw", [D(120), "120%", "100,01", "-1", "abc", True, None])
def test_percent_out_of_range_or_garbage_is_refused(raw: Any) -> None:
    vi, en = refusal(KINDS.build(PERCENT, D(2)), raw)
    assert vi and en


def test_a_120_percent_share_is_refused_as_out_of_range() -> None:
    vi, en = refusal(KINDS.build(PERCENT, D(2)), 120)
    assert "0–100%" in vi and "120" in vi
    assert "within 0–100%" in en


def test_an_above_bound_under_a_min_bound_leaves_the_band_open_on_the_right() -> None:
    """tiers min 100, above 90: the second band is "trên 90% đến dưới 100%"."""
    rule = build(2, kind="tiers", over="percent",
                 tiers=[{"min": 100, "points": 2}, {"above": 90, "points": 1}])
    assert "trên 90% đến dưới 100%" in outcome(rule, 95).explanation.render("vi")
    assert "over 90% to under 100%" in outcome(rule, 95).explanation.render("en")
    assert outcome(rule, 90).points == 0
    assert "không quá 90%" in outcome(rule, 90).explanation.render("vi")


NUMBER = {"kind": "tiers", "over": "number", "unit": "tin, bài",
          "tiers": [{"min": 3, "points": 1}, {"min": 1, "points": D("0.5")}]}


@pytest.mark.parametrize(("raw", "expected", "band"), [
    (0, "0", "dưới 1"),
    (1, "0.5", "từ 1 đến dưới 3"),
    (2, "0.5", "từ 1 đến dưới 3"),
    (3, "1", "từ 3 trở lên"),
    ("25", "1", "từ 3 trở lên"),
])
def test_number_tiers(raw: Any, expected: str, band: str) -> None:
    """Counts: "có từ 3 tin, bài trở lên: 1; từ 1–2: 0,5; không: 0"."""
    result = outcome(KINDS.build(NUMBER, D(1)), raw)
    assert result.points == D(expected)
    vi = result.explanation.render("vi")
    assert band in vi and f"Số lượng {raw} tin, bài" in vi


def test_number_tiers_refuse_a_negative_count() -> None:
    vi, en = refusal(KINDS.build(NUMBER, D(1)), -1)
    assert "không được âm" in vi and "negative" in en


def test_tiers_with_all_points_below_max_cannot_reach_it() -> None:
    rule = build(2, kind="tiers", over="percent", tiers=[{"min": 50, "points": 1}])
    assert rule.best() == D(1)


@pytest.mark.parametrize(("params", "key"), [
    ({"tiers": [{"min": 90, "points": 1}, {"min": 95, "points": D("0.5")}]}, "tiers[1]"),
    ({"tiers": [{"min": 90, "points": 1}, {"min": 90, "points": D("0.5")}]}, "tiers[1]"),
    ({"tiers": [{"min": 90, "above": 80, "points": 1}]}, "tiers[0]"),
    ({"tiers": [{"min": 90}]}, "tiers[0]"),
    ({"tiers": [{"min": 120, "points": 1}]}, "tiers[0].min"),
    ({"tiers": []}, "tiers"),
    ({"over": "share", "tiers": [{"min": 1, "points": 1}]}, "over"),
    ({"zero_denominator": "skip", "tiers": [{"min": 1, "points": 1}]}, "zero_denominator"),
    ({"tiers": [{"min": 1, "points": 1}], "bellow": 0}, "bellow"),
])
def test_bad_tier_parameters_are_located(params: dict[str, Any], key: str) -> None:
    """Thresholds that do not strictly decrease, a tier with both or neither
    bound, a share above 100 %, an unknown `over` or parameter: each problem
    carries its key path."""
    raw = {"kind": "tiers", "over": "percent", **params}
    with pytest.raises(InvalidParams) as caught:
        KINDS.build(raw, D(1))
    assert key in [k for k, _ in caught.value.problems]
    for _, message in caught.value.problems:
        assert message.render("vi") and message.render("en")


def test_a_ratio_tier_above_100_percent_is_unreachable_and_refused() -> None:
    with pytest.raises(InvalidParams) as caught:
        build(1, kind="tiers", over="ratio", tiers=[{"min": 101, "points": 1}])
    assert [k for k, _ in caught.value.problems] == ["tiers[0].min"]


# -- yes / no ------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    (True, "1"), (False, "0"), ("có", "1"), ("Có", "1"), (nfd("có"), "1"), ("yes", "1"),
    ("không", "0"), (nfd("KHÔNG"), "0"), ("no", "0"), (1, "1"), (0, "0"), ("x", "1"),
])
def test_yes_no_reads_the_words_people_write(raw: Any, expected: str) -> None:
    assert points(build(1, kind="yes_no"), raw) == D(expected)


def test_yes_no_with_custom_points_and_labels() -> None:
    """The printed labels are accepted as values (in any normalisation form)
    and shown in the explanation."""
    rule = build("0.5", kind="yes_no", yes=D("0.5"), no=0,
                 yes_label="Có ban hành văn bản", no_label="Không ban hành")
    result = outcome(rule, nfd("có ban hành văn bản"))
    assert result.points == D("0.5")
    assert result.explanation.render("vi") == "Có ban hành văn bản → 0,5/0,5 điểm"
    assert outcome(rule, "Không ban hành").points == 0
    assert outcome(rule, False).explanation.render("en") == "Không ban hành → 0/0.5 points"


def test_yes_no_default_labels_are_translated() -> None:
    result = outcome(build(1, kind="yes_no"), True)
    assert result.explanation.render("vi") == "có → 1/1 điểm"
    assert result.explanation.render("en") == "yes → 1/1 points"


@pytest.mark.parametrize("raw", ["có lẽ", 2, D("0.5"), None, [True]])
def test_yes_no_refuses_anything_else(raw: Any) -> None:
    vi, en = refusal(build(1, kind="yes_no"), raw)
    assert "có/không" in vi and "yes/no" in en


# -- choice ---------------------------------------------------------------------------


CHOICE = {"kind": "choice", "options": [
    {"key": "dat", "label": "Đạt yêu cầu", "points": 1},
    {"key": "chua-dat", "label": "Chưa đạt yêu cầu", "points": D("0.5")},
    {"key": "khong", "label": "Không thực hiện", "points": 0},
]}


@pytest.mark.parametrize(("raw", "expected"), [
    ("dat", "1"), ("DAT", "1"), ("chua-dat", "0.5"), ("khong", "0"),
    ("Chưa đạt yêu cầu", "0.5"),
    (nfd("Chưa đạt yêu cầu"), "0.5"),          # NFD label, NFC in the criteria file
    (nfd("  chưa  ĐẠT yêu cầu "), "0.5"),      # case and spaces too
])
def test_choice_by_key_or_label(raw: str, expected: str) -> None:
    assert points(KINDS.build(CHOICE, D(1)), raw) == D(expected)


def test_choice_with_nfd_keys_in_the_criteria_matches_nfc_values() -> None:
    rule = build(1, kind="choice", options=[{"key": nfd("đạt"), "points": 1},
                                            {"key": "không", "points": 0}])
    assert points(rule, "đạt") == 1
    assert points(rule, nfd("KHÔNG")) == 0


def test_choice_explanation_names_the_label() -> None:
    result = outcome(KINDS.build(CHOICE, D(1)), "chua-dat")
    assert result.explanation.render("vi") == "Chọn “Chưa đạt yêu cầu” → 0,5/1 điểm"
    assert result.explanation.render("en") == "Chose “Chưa đạt yêu cầu” → 0.5/1 points"


def test_unknown_option_lists_the_options() -> None:
    vi, en = refusal(KINDS.build(CHOICE, D(1)), "gioi")
    assert "“gioi” không phải là lựa chọn hợp lệ" in vi
    assert "dat, chua-dat, khong" in en


def test_choice_parameter_problems() -> None:
    """Duplicate keys (ignoring case), missing points and unknown option keys
    are reported together."""
    with pytest.raises(InvalidParams) as caught:
        build(1, kind="choice", options=[{"key": "a", "points": 1}, {"key": "A", "points": 0},
                                         {"key": "b"}, {"key": "c", "points": 0, "diem": 1}])
    keys = [k for k, _ in caught.value.problems]
    assert keys == ["options[1].key", "options[2].points", "options[3].diem"]


# -- deadline -------------------------------------------------------------------------


PLAN = {"kind": "deadline", "due": "12-31", "year_offset": -1,
        "late": [{"days": 30, "points": D("0.5")}]}


@pytest.mark.parametrize(("raw", "expected"), [
    (dt.date(2023, 12, 1), "1"),
    (dt.date(2023, 12, 31), "1"),      # on the due date: on time
    ("31/12/2023", "1"),               # dd/mm/yyyy
    ("2023-12-31", "1"),               # ISO
    (dt.datetime(2023, 12, 31, 16, 30), "1"),
    ("2024-01-01", "0.5"),             # one day late
    ("30/01/2024", "0.5"),             # 30 days late: still within the 30
    ("31.01.2024", "0"),               # 31 days late
    (False, "0"), ("không", "0"), (nfd("Không"), "0"),
])
def test_plan_due_before_the_assessment_year(raw: Any, expected: str) -> None:
    """A plan due 31/12 of the year before (year_offset = -1): on time, late
    within 30 days (0.5), later (0), or not issued (0)."""
    assert points(KINDS.build(PLAN, D(1)), raw) == D(expected)


def test_deadline_explanations() -> None:
    rule = KINDS.build(PLAN, D(1))
    assert outcome(rule, "2023-12-20").explanation.render("vi") == (
        "Ban hành ngày 20/12/2023, đúng hạn 31/12/2023 → 1/1 điểm")
    late = outcome(rule, "2024-01-12").explanation
    assert late.render("vi") == (
        "Ban hành ngày 12/01/2024, chậm 12 ngày so với hạn 31/12/2023 → 0,5/1 điểm")
    assert "12 days after the due date 2023-12-31" in late.render("en")
    assert outcome(rule, False).explanation.render("vi") == (
        "Không ban hành (hạn 31/12/2023) → 0/1 điểm")


def test_due_date_moves_with_the_assessment_year() -> None:
    """The same date is on time for one year and late for the previous one."""
    rule = build(1, kind="deadline", due="01-31")
    assert points(rule, "2025-01-20", year=2025) == 1
    assert points(rule, "2025-01-20", year=2024) == 0
    assert points(rule, "2024-02-01", year=2024) == 0


def test_several_late_steps_and_custom_outcomes() -> None:
    rule = build(2, kind="deadline", due="03-15", on_time=2, late_points=D("0.25"),
                 missing=0, late=[{"days": 10, "points": D("1.5")}, {"days": 30, "points": 1}])
    assert [points(rule, d) for d in ("2024-03-15", "2024-03-25", "2024-03-26",
                                      "2024-04-14", "2024-04-15", False)] == [
        2, D("1.5"), 1, 1, D("0.25"), 0]


def test_deadline_on_29_february_falls_back_in_common_years() -> None:
    rule = build(1, kind="deadline", due="02-29")
    assert points(rule, "2025-02-28", year=2025) == 1
    assert points(rule, "2025-03-01", year=2025) == 0
    assert points(rule, "2024-02-29", year=2024) == 1


@pytest.mark.parametrize("raw", ["2024-13-01", "32/01/2024", "hôm qua", 20240101, True])
def test_deadline_refuses_what_is_not_a_date(raw: Any) -> None:
    vi, en = refusal(KINDS.build(PLAN, D(1)), raw)
    assert "YYYY-MM-DD" in vi and "false" in en


@pytest.mark.parametrize(("params", "key"), [
    ({"due": "31-12"}, "due"),
    ({"due": "02-30"}, "due"),
    ({}, "due"),
    ({"due": "12-31", "year_offset": "-1"}, "year_offset"),
    ({"due": "12-31", "late": [{"days": 30, "points": 1}, {"days": 10, "points": 0}]},
     "late[1].days"),
    ({"due": "12-31", "late": [{"days": 0, "points": 1}]}, "late[0].days"),
])
def test_bad_deadline_parameters(params: dict[str, Any], key: str) -> None:
    with pytest.raises(InvalidParams) as caught:
        build(1, kind="deadline", **params)
    assert key in [k for k, _ in caught.value.problems]


# -- proportional ---------------------------------------------------------------------


def test_proportional_is_max_times_the_share() -> None:
    rule = build(2, kind="proportional")
    assert points(rule, "96,5") == D("1.93")
    assert points(rule, 100) == 2 and points(rule, 0) == 0
    assert outcome(rule, "96,5").explanation.render("vi") == "Tỷ lệ 96,5% × 2 điểm → 1,93/2 điểm"


def test_proportional_over_a_ratio_is_exact() -> None:
    """2 × 1/3 stays exact in the points; the explanation shows it readably."""
    rule = build(2, kind="proportional", over="ratio")
    result = outcome(rule, "1/3")
    assert result.points == D(2) * D(1) / D(3)
    vi = result.explanation.render("vi")
    assert "33,33%" in vi and "0,6667/2 điểm" in vi
    assert points(rule, "193/200") == D("1.93")


def test_proportional_floor_is_inclusive() -> None:
    """A share below `floor` % scores 0; exactly at the floor scores its share."""
    rule = build(2, kind="proportional", floor=50)
    assert points(rule, 50) == 1
    assert points(rule, "49,9") == 0
    assert outcome(rule, "49,9").explanation.render("vi") == (
        "Tỷ lệ 49,9% dưới mức sàn 50% → 0/2 điểm")


def test_proportional_ratio_with_floor_and_zero_denominator() -> None:
    rule = build(2, kind="proportional", over="ratio", floor=50, zero_denominator="na")
    assert points(rule, "99/200") == 0
    assert points(rule, "100/200") == 1
    assert outcome(rule, "0/0").na is True


def test_proportional_refuses_a_floor_above_100() -> None:
    with pytest.raises(InvalidParams):
        build(2, kind="proportional", floor=101)


# -- deduction and bonus ----------------------------------------------------------------


def test_deduction_per_item_with_floor() -> None:
    rule = build(2, kind="deduction", per_item=D("0.25"), floor=D("0.5"), unit="văn bản chậm")
    assert [points(rule, n) for n in (0, 1, 4, 6, 7, 100)] == [
        2, D("1.75"), 1, D("0.5"), D("0.5"), D("0.5")]
    assert outcome(rule, 3).explanation.render("vi") == (
        "3 văn bản chậm × 0,25 điểm trừ → 1,25/2 điểm")


def test_deduction_without_unit_reads_cleanly() -> None:
    result = outcome(build(1, kind="deduction", per_item=D("0.5")), 1)
    assert result.explanation.render("vi") == "1 mục × 0,5 điểm trừ → 0,5/1 điểm"
    assert result.explanation.render("en") == "1 items × 0.5 points off → 0.5/1 points"


@pytest.mark.parametrize("raw", [-1, "1,5", "nhiều"])
def test_deduction_counts_are_whole_and_not_negative(raw: Any) -> None:
    vi, _ = refusal(build(1, kind="deduction", per_item=1), raw)
    assert str(raw).lstrip("-") in vi


@pytest.mark.parametrize(("params", "key"), [
    ({}, "per_item"), ({"per_item": 0}, "per_item"), ({"per_item": -1}, "per_item"),
    ({"per_item": 1, "floor": 3}, "floor"),
])
def test_bad_deduction_parameters(params: dict[str, Any], key: str) -> None:
    """per_item is required and positive; a floor above the maximum would
    score above it."""
    with pytest.raises(InvalidParams) as caught:
        build(2, kind="deduction", **params)
    assert key in [k for k, _ in caught.value.problems]


def test_bonus_per_item_with_cap() -> None:
    rule = build(2, kind="bonus", per_item=D("0.5"), cap=D("1.5"), unit="sáng kiến")
    assert [points(rule, n) for n in (0, 1, 2, 3, 4, 50)] == [
        0, D("0.5"), 1, D("1.5"), D("1.5"), D("1.5")]
    assert rule.best() == D("1.5")
    assert outcome(rule, 4).explanation.render("vi") == (
        "4 sáng kiến × 0,5 điểm (tối đa 1,5) → 1,5/2 điểm")


def test_bonus_cap_defaults_to_the_maximum() -> None:
    rule = build(2, kind="bonus", per_item=D("0.5"))
    assert rule.best() == 2 and points(rule, 10) == 2


def test_bonus_refuses_a_negative_count() -> None:
    vi, en = refusal(build(2, kind="bonus", per_item=1), -2)
    assert "không được âm: -2" in vi and "must not be negative" in en


# -- survey ------------------------------------------------------------------------------


def test_survey_share() -> None:
    rule = build("1.5", kind="survey")
    assert points(rule, "92,5") == D("1.3875")
    assert outcome(rule, 80).explanation.render("vi") == (
        "Khảo sát: 80% hài lòng → 1,2/1,5 điểm")
    vi, _ = refusal(rule, 120)
    assert "0–100%" in vi


WEIGHTS = {"kind": "survey", "weights": {"A": 100, "B": 60, "C": 20, "D": 0}}


def test_weighted_survey_answers() -> None:
    """Share = Σ count × weight / Σ count; A/B/C/D weigh 100/60/20/0 %."""
    rule = KINDS.build(WEIGHTS, D(2))
    assert points(rule, {"A": 10}) == 2
    assert points(rule, {"B": 5, "D": 5}) == D("0.6")
    assert points(rule, {"A": 1, "B": 1, "C": 1, "D": 1}) == D("0.9")
    # 120 A, 40 B, 10 C, 2 D → (12000 + 2400 + 200) / 172 = 84.88…%
    result = outcome(rule, {"A": 120, "B": 40, "C": 10, "D": 2})
    assert result.points == D(2) * D(14600) / D(172) / D(100)
    vi = result.explanation.render("vi")
    assert "A: 120, B: 40, C: 10, D: 2" in vi and "A 100%, B 60%, C 20%, D 0%" in vi
    assert "84,88%" in vi and "1,6977/2 điểm" in vi


def test_weighted_survey_options_ignore_case() -> None:
    rule = KINDS.build(WEIGHTS, D(2))
    assert points(rule, {"a": 1, "A": 1, "d": 2}) == 1


@pytest.mark.parametrize(("raw", "needle"), [
    ({"E": 3}, "E"), ({"A": -1}, "-1"), ({"A": 0, "B": 0}, "A, B, C, D"), (90, "A, B, C, D"),
])
def test_weighted_survey_refuses_bad_counts(raw: Any, needle: str) -> None:
    vi, en = refusal(KINDS.build(WEIGHTS, D(2)), raw)
    assert needle in vi and needle in en


def test_weighted_survey_below_100_cannot_reach_the_maximum() -> None:
    rule = build(2, kind="survey", weights={"A": 80, "B": 40})
    assert rule.best() == D("1.6")


def test_survey_weight_above_100_is_refused() -> None:
    with pytest.raises(InvalidParams) as caught:
        build(2, kind="survey", weights={"A": 120})
    assert [k for k, _ in caught.value.problems] == ["weights.A"]


# -- manual -------------------------------------------------------------------------------


def test_manual_points_with_step() -> None:
    rule = build(1, kind="manual", step=D("0.25"))
    assert points(rule, "0,75") == D("0.75")
    assert points(rule, 1) == 1 and points(rule, 0) == 0
    assert outcome(rule, "0,75").explanation.render("vi") == (
        "Điểm chấm trực tiếp → 0,75/1 điểm")


def test_manual_points_above_max_or_off_step_are_refused() -> None:
    rule = build(1, kind="manual", step=D("0.25"))
    vi, en = refusal(rule, "1,25")
    assert "0–1" in vi and "1,25" in vi and "within 0–1" in en
    vi, en = refusal(rule, "0,3")
    assert "bội số của 0,25" in vi and "0,3" in vi and "multiple of 0.25" in en
    assert "0–1" in refusal(rule, -1)[0]
    assert "0–1" in refusal(rule, "nhiều")[0]


def test_manual_without_step_takes_any_points_up_to_max() -> None:
    rule = build("1.5", kind="manual")
    assert points(rule, "1,37") == D("1.37")
    refusal(rule, "1,51")


def test_manual_best_is_the_highest_step_under_max() -> None:
    assert build(1, kind="manual", step=D("0.3")).best() == D("0.9")
    assert build(1, kind="manual", step=D("0.25")).best() == 1


# -- the registry ------------------------------------------------------------------------


def test_all_builtin_kinds_are_registered() -> None:
    assert set(KINDS) == {"yes_no", "choice", "deadline", "tiers", "proportional",
                          "deduction", "bonus", "survey", "manual", "group_share"}


def test_unknown_parameters_list_the_allowed_ones() -> None:
    with pytest.raises(InvalidParams) as caught:
        build(1, kind="yes_no", yes=1, yess=1)
    [(key, message)] = caught.value.problems
    assert key == "yess"
    en = message.render("en")
    assert "“yess”" in en and "yes_no" in en and "no_label" in en


def test_several_parameter_problems_are_reported_together() -> None:
    with pytest.raises(InvalidParams) as caught:
        build(1, kind="bonus", per_item=-1, cap="nhiều", extra=1)
    assert sorted(k for k, _ in caught.value.problems) == ["cap", "extra", "per_item"]


@pytest.mark.parametrize("raw", [
    {"kind": "yes_no"},
    CHOICE,
    PLAN,
    RATIO_2,
    PERCENT,
    NUMBER,
    {"kind": "proportional", "over": "ratio"},
    {"kind": "deduction", "per_item": D("0.25")},
    {"kind": "bonus", "per_item": D("0.5")},
    {"kind": "survey"},
    WEIGHTS,
    {"kind": "manual", "step": D("0.25")},
])
def test_every_kinds_example_scores_its_best(raw: dict[str, Any]) -> None:
    """Templates offer `example()`; it must be a valid value that reaches best()."""
    rule = KINDS.build(raw, D(2))
    assert points(rule, rule.example()) == rule.best()


# -- what a unit can actually reach ------------------------------------------------------


def test_tiers_may_fall_as_a_count_rises() -> None:
    """"Không vi phạm: 1; 1–2 vụ: 0,5; từ 3 vụ: 0" is a valid tiers rule; it
    does not claim to be monotone, and its best is reached with no violation."""
    rule = build(1, kind="tiers", over="number", below=1, unit="vụ vi phạm",
                 tiers=[{"min": 3, "points": 0}, {"min": 1, "points": D("0.5")}])
    assert [points(rule, n) for n in (0, 1, 2, 3, 9)] == [1, D("0.5"), D("0.5"), 0, 0]
    assert rule.monotone is False and KINDS.build(RATIO_2, D(2)).monotone is True
    assert rule.best() == 1 and points(rule, rule.example()) == 1


def test_best_leaves_out_bands_no_value_reaches() -> None:
    """`below` under `min = 0` and `above = 100` of a share can never score."""
    rule = build(2, kind="tiers", over="percent", below=2,
                 tiers=[{"above": 100, "points": 2}, {"min": 50, "points": 1},
                        {"min": 0, "points": D("0.5")}])
    assert rule.best() == 1
    assert points(rule, 100) == 1 and points(rule, 0) == D("0.5")


def test_bonus_example_reaches_the_cap_with_fractional_items() -> None:
    """0.25 ÷ 0.02 = 12.5 items: the example is 13, which reaches the cap."""
    rule = build("0.25", kind="bonus", per_item=D("0.02"))
    assert rule.example() == 13 and points(rule, 13) == D("0.25")


def test_deadline_example_is_the_best_outcome_for_the_year() -> None:
    rule = KINDS.build(PLAN, D(1))
    assert rule.example() == dt.date(2023, 12, 31)
    assert points(rule, rule.example()) == 1


def test_a_mistyped_option_gets_a_suggestion() -> None:
    """“kip thoi” (a space for the dash) suggests the key “kip-thoi”; a word
    far from every option gets the list only."""
    rule = build(1, kind="choice", options=[
        {"key": "kip-thoi", "label": "Ban hành kịp thời", "points": 1},
        {"key": "khong-ban-hanh", "label": "Không ban hành", "points": 0}])
    vi, en = refusal(rule, "kip thoi")
    assert "(có phải “kip-thoi”?)" in vi and "did you mean “kip-thoi”" in en
    vi, _ = refusal(rule, "zzz")
    assert "có phải" not in vi and "kip-thoi, khong-ban-hanh" in vi
