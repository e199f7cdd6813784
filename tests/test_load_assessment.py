"""Loading assessment files: every declared value is checked against its
leaf's rule, every problem is reported with the file, the code and the key,
and forgivable slips are warnings that still let the file score."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score import Assessment, CriteriaSet, Issue
from cchc_score.load import check_criteria, parse_assessment, parse_criteria, read_assessment
from cchc_score.rules import Ratio, RuleKinds

from .conftest import CRITERIA

KINDS = RuleKinds.builtin()
D = Decimal
FILE = "pc06-2024.toml"


def _set() -> CriteriaSet:
    leaf = {"evidence": "required"}
    data = {
        "schema": 1, "id": "thu-nghiem", "title": "Bộ chỉ số thử nghiệm", "group": "co-tthc",
        "years": [2024, 2024], "scale": 8, "source": {"issuer": "UBND", "decision": "1/QĐ"},
        "nodes": [
            {"code": "1", "title": "Chỉ đạo, điều hành", "max": D(5)},
            {"code": "1.1", "title": "Kế hoạch", "max": D(3)},
            {**leaf, "code": "1.1.1", "title": "Ban hành kế hoạch", "max": D(1),
             "rule": {"kind": "choice", "options": [
                 {"key": "kip-thoi", "label": "Ban hành kịp thời", "points": D(1)},
                 {"key": "khong-kip-thoi", "label": "Ban hành không kịp thời",
                  "points": D("0.5")},
                 {"key": "khong-ban-hanh", "label": "Không ban hành", "points": D(0)}]}},
            {**leaf, "code": "1.1.2", "title": "Mức độ thực hiện kế hoạch", "max": D(1),
             "rule": {"kind": "tiers", "over": "percent",
                      "tiers": [{"min": D(100), "points": D(1)},
                                {"min": D(50), "points": D("0.5")}]}},
            {**leaf, "code": "1.1.3", "title": "Báo cáo đúng hạn", "max": D(1),
             "rule": {"kind": "tiers", "over": "ratio",
                      "tiers": [{"min": D(100), "points": D(1)},
                                {"min": D(75), "points": D("0.5")}]}},
            {**leaf, "code": "1.2", "title": "Văn bản chậm", "max": D(2),
             "rule": {"kind": "deduction", "per_item": D("0.5")}},
            {"code": "2", "title": "Mức độ hài lòng", "max": D(3)},
            {"code": "2.1", "title": "Hài lòng về TTHC", "max": D("1.5"), "method": "survey",
             "rule": {"kind": "survey"}},
            {"code": "2.2", "title": "Hài lòng về cán bộ", "max": D("1.5"), "method": "survey",
             "rule": {"kind": "survey", "weights": {"A": D(100), "B": D(60), "C": D(20),
                                                    "D": D(0)}}},
        ],
    }
    criteria, issues = parse_criteria(data, "thu-nghiem.toml", KINDS)
    assert criteria is not None and issues == [], [i.render("en") for i in issues]
    return criteria


CRITERIA_SET = _set()


def base(**changes: Any) -> dict[str, Any]:
    """A valid assessment, with top-level tables replaced by `changes`."""
    data: dict[str, Any] = {
        "schema": 1, "criteria": "thu-nghiem", "year": 2024,
        "unit": {"id": "pc06", "name": "Phòng PC06", "group": "co-tthc", "tags": ["tthc"]},
        "answers": {
            "1.1.1": {"value": "kip-thoi", "evidence": [
                {"number": "41/KH-PC06", "date": dt.date(2024, 1, 20), "title": "Kế hoạch"}],
                "note": "Ban hành đúng hạn"},
            "1.1.2": D("96.5"),
            "1.1.3": "11/12",
            "1.2": 1,
        },
        "survey": {"2.1": D("92.5"), "2.2": {"A": 120, "B": 40, "C": 10, "D": 2}},
    }
    data.update(changes)
    return data


def parse(data: dict[str, Any]) -> tuple[Assessment | None, list[Issue]]:
    return parse_assessment(data, FILE, CRITERIA_SET)


def only(issues: list[Issue], level: str = "error") -> Issue:
    found = [i for i in issues if i.level == level]
    assert len(found) == 1, [i.render("en") for i in issues]
    return found[0]


def answers(**extra: Any) -> dict[str, Any]:
    return {**base()["answers"], **{k.replace("_", "."): v for k, v in extra.items()}}


# -- a valid file --------------------------------------------------------------------------


def test_a_valid_assessment_parses_its_facts() -> None:
    assessment, issues = parse(base())
    assert issues == [] and assessment is not None
    assert assessment.unit.tags == frozenset({"tthc"})
    assert assessment.answers["1.1.2"].value == D("96.5")
    assert assessment.answers["1.1.3"].value == Ratio(D(11), D(12))
    evidence = assessment.answers["1.1.1"].evidence[0]
    assert (evidence.number, evidence.date) == ("41/KH-PC06", dt.date(2024, 1, 20))
    assert assessment.survey["2.2"] == {"A": 120, "B": 40, "C": 10, "D": 2}


def test_evidence_fields_are_kept_as_written() -> None:
    """A document cited as evidence keeps every field: a page or number
    typed as a TOML number reads as its text, a date written as text is a
    date, a bare string is the document's title, and absent fields are None."""
    cited = [{"number": 41, "date": "20/01/2024", "title": "Kế hoạch", "page": 12},
             "Báo cáo tổng kết", {"file": "kh.pdf"}]
    data = base(answers=answers(**{"1_1_1": {"value": "kip-thoi", "evidence": cited}}))
    assessment, issues = parse(data)
    assert issues == [] and assessment is not None
    first, second, third = assessment.answers["1.1.1"].evidence
    assert (first.number, first.date, first.title, first.page, first.file) == (
        "41", dt.date(2024, 1, 20), "Kế hoạch", "12", None)
    assert (second.title, second.number) == ("Báo cáo tổng kết", None)
    assert (third.file, third.title, third.date) == ("kh.pdf", None, None)


def test_decimal_comma_strings_are_accepted() -> None:
    """"96,5" in a string is 96.5, in the shorthand, the full form and the survey."""
    data = base(answers=answers(**{"1_1_2": {"value": "96,5"}, "1_1_3": "11,0/12"}),
                survey={"2.1": "92,5 %"})
    assessment, issues = parse(data)
    assert issues == [] and assessment is not None
    assert assessment.answers["1.1.2"].value == D("96.5")
    assert assessment.answers["1.1.3"].value == Ratio(D(11), D(12))
    assert assessment.survey["2.1"] == D("92.5")


def test_option_labels_are_accepted_in_any_normalisation_form() -> None:
    import unicodedata

    label = unicodedata.normalize("NFD", "Ban hành không kịp thời")
    assessment, issues = parse(base(answers=answers(**{"1_1_1": label})))
    assert issues == [] and assessment is not None
    assert assessment.answers["1.1.1"].value.key == "khong-kip-thoi"


def test_an_assessment_file_with_bom_and_crlf_reads(tmp_path: Path) -> None:
    text = ('schema = 1\ncriteria = "thu-nghiem"\nyear = 2024\n[unit]\nid = "pc06"\n'
            'name = "Phòng PC06"\ngroup = "co-tthc"\n[answers]\n"1.1.2" = "96,5"\n'
            '"1.1.3" = { num = 11, den = 12 }\n')
    path = tmp_path / FILE
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    data, issues = read_assessment(path)
    assert issues == [] and data is not None
    assessment, issues = parse_assessment(data, str(path), CRITERIA_SET)
    assert assessment is not None and issues == []
    assert assessment.answers["1.1.3"].value == Ratio(D(11), D(12))


# -- errors, each naming the file, the code and the key ------------------------------------------


def test_unknown_code_suggests_a_close_one() -> None:
    _, issues = parse(base(answers=answers(**{"1_1_9": True})))
    issue = only(issues)
    assert (issue.where.file, issue.where.code, issue.where.key) == (FILE, "1.1.9", "answers")
    en, vi = issue.message.render("en"), issue.message.render("vi")
    assert en.startswith("code “1.1.9” is not in the criteria set (did you mean “1.1.")
    assert "mã “1.1.9” không có trong bộ chỉ số (có phải “1.1." in vi
    suggested = en.split("did you mean “")[1].split("”")[0]
    assert suggested in CRITERIA_SET and CRITERIA_SET.node(suggested).is_leaf


def test_unknown_code_in_the_bundled_set_suggests_a_sibling() -> None:
    criteria, _ = check_criteria(CRITERIA / "ca-tinh-2024-bang2.toml", KINDS)
    assert criteria is not None
    data = base(criteria="ca-tinh-2024-bang2", answers={"1.1.9": True}, survey={})
    _, issues = parse_assessment(data, FILE, criteria)
    issue = only(issues)
    assert "(có phải “1.1.4”?)" in issue.message.render("vi")


def test_a_far_off_code_gets_no_suggestion() -> None:
    _, issues = parse(base(answers=answers(**{"99_99_99": True})))
    assert "did you mean" not in only(issues).message.render("en")


@pytest.mark.parametrize(("code", "raw", "needles"), [
    ("1.1.2", 120, ["“1.1.2”", "0–100%", "120"]),
    ("1.1.2", "120%", ["“1.1.2”", "0–100%"]),
    ("1.1.3", "13/12", ["“1.1.3”", "numerator 13 is greater than denominator 12"]),
    ("1.1.3", {"num": 13, "den": 12}, ["“1.1.3”", "numerator 13"]),
    ("1.2", -1, ["“1.2”", "must not be negative: -1"]),
    ("1.2", "1,5", ["“1.2”", "whole number"]),
    ("1.1.1", "som", ["“1.1.1”", "“som” is not a valid option", "kip-thoi"]),
    ("1.1.2", "nhiều", ["“1.1.2”", "expected a number"]),
])
def test_wrong_values_name_the_code_and_the_problem(code: str, raw: Any,
                                                    needles: list[str]) -> None:
    _, issues = parse(base(answers=answers(**{code.replace(".", "_"): raw})))
    issue = only(issues)
    assert (issue.where.file, issue.where.code, issue.where.key) == (FILE, code,
                                                                    "answers.value")
    en = issue.message.render("en")
    for needle in needles:
        assert needle in en
    assert f"tiêu chí “{code}”" in issue.message.render("vi")


def test_a_value_on_a_criterion_with_sub_criteria() -> None:
    _, issues = parse(base(answers=answers(**{"1_1": "kip-thoi"})))
    issue = only(issues)
    assert (issue.where.code, issue.where.key) == ("1.1", "answers")
    assert "1.1.1, 1.1.2, 1.1.3" in issue.message.render("vi")


def test_a_unit_may_not_self_score_a_survey_leaf() -> None:
    _, issues = parse(base(answers=answers(**{"2_1": 95})))
    issue = only(issues)
    assert (issue.where.code, issue.where.key) == ("2.1", "answers")
    assert "[survey]" in issue.message.render("en")
    assert "điều tra xã hội học" in issue.message.render("vi")


def test_survey_values_only_on_survey_leaves_and_checked() -> None:
    _, issues = parse(base(survey={"1.1.2": 90, "2.1": 101, "2.2": {"A": 3, "E": 1}}))
    found = sorted((i.where.code, i.where.key) for i in issues if i.level == "error")
    assert found == [("1.1.2", "survey"), ("2.1", "survey"), ("2.2", "survey")]


def test_appraisal_with_both_value_and_points() -> None:
    _, issues = parse(base(appraisal={"1.1.2": {"value": 80, "points": D("0.5"),
                                                "reason": "Chưa hoàn thành 2/10 nhiệm vụ"}}))
    issue = only(issues)
    assert (issue.where.code, issue.where.key) == ("1.1.2", "appraisal")
    assert "not both" in issue.message.render("en")


@pytest.mark.parametrize(("entry", "key"), [
    ({"reason": "thiếu"}, "appraisal"),
    ({"points": D("1.5"), "reason": "vượt"}, "appraisal.points"),
    ({"value": 120, "reason": "sai"}, "appraisal.value"),
    ({"points": 1, "ly_do": "x"}, "appraisal.ly_do"),
])
def test_bad_appraisal_entries(entry: dict[str, Any], key: str) -> None:
    _, issues = parse(base(appraisal={"1.1.2": entry}))
    issue = only(issues)
    assert (issue.where.code, issue.where.key) == ("1.1.2", key)


def test_appraisal_points_and_values_are_kept() -> None:
    assessment, issues = parse(base(appraisal={
        "1.1.2": {"value": "80,5", "reason": "Kế hoạch có 2/10 nhiệm vụ chưa hoàn thành"},
        "1.2": {"points": "0,5", "reason": "Nhiều văn bản chậm"}}))
    assert issues == [] and assessment is not None
    assert assessment.appraisal["1.1.2"].value == D("80.5")
    assert assessment.appraisal["1.2"].points == D("0.5")


def test_unknown_top_level_key() -> None:
    _, issues = parse(base(answer={"1.1.2": 90}))
    issue = only(issues)
    assert (issue.where.file, issue.where.code, issue.where.key) == (FILE, None, "answer")


def test_unknown_key_inside_an_answer() -> None:
    _, issues = parse(base(answers=answers(**{"1_1_2": {"value": 90, "evidense": ["KH 1"]}})))
    issue = only(issues)
    assert (issue.where.code, issue.where.key) == ("1.1.2", "answers.evidense")


def test_missing_unit_keys_are_each_named() -> None:
    assessment, issues = parse(base(unit={"id": "pc06", "name": " "}))
    assert assessment is None
    assert sorted(i.where.key or "" for i in issues if i.level == "error") == [
        "unit.group", "unit.name"]
    assert any("“unit.group”" in i.message.render("vi") for i in issues)


def test_missing_top_level_keys() -> None:
    data = base()
    for key in ("unit", "year", "criteria"):
        del data[key]
    assessment, issues = parse(data)
    assert assessment is None
    assert sorted(i.where.key or "" for i in issues if i.level == "error") == [
        "criteria", "unit", "year"]


def test_every_problem_is_reported_at_once() -> None:
    data = base(extra=1, answers=answers(**{"1_1_9": 1, "1_1_2": 120, "1_2": -1}),
                appraisal={"1.1.3": {"value": "1/2", "points": 0}})
    _, issues = parse(data)
    assert sorted((i.where.code or "", i.where.key or "") for i in issues) == [
        ("", "extra"), ("1.1.2", "answers.value"), ("1.1.3", "appraisal"),
        ("1.1.9", "answers"), ("1.2", "answers.value")]


# -- warnings: the file still scores ---------------------------------------------------------------


def test_not_applicable_without_a_reason_is_a_warning() -> None:
    assessment, issues = parse(base(not_applicable={"1.2": "  ", "2": "Không tổ chức khảo sát"}))
    assert assessment is not None
    issue = only(issues, "warning")
    assert (issue.where.code, issue.where.key) == ("1.2", "not_applicable")
    assert "không ghi lý do" in issue.message.render("vi")
    assert assessment.not_applicable == {"1.2": "", "2": "Không tổ chức khảo sát"}


def test_not_applicable_on_an_unknown_code_is_an_error() -> None:
    _, issues = parse(base(not_applicable={"3.3": "Không có TTHC"}))
    assert (only(issues).where.code, only(issues).where.key) == ("3.3", "not_applicable")


@pytest.mark.parametrize(("changes", "key"), [
    ({"year": 2023}, "year"),
    ({"unit": {"id": "px01", "name": "PX01", "group": "khong-tthc"}}, "unit.group"),
    ({"criteria": "bo-khac"}, "criteria"),
])
def test_forgivable_mismatches_are_warnings(changes: dict[str, Any], key: str) -> None:
    assessment, issues = parse(base(**changes))
    assert assessment is not None
    assert only(issues, "warning").where.key == key


def test_appraisal_of_a_survey_leaf_is_an_error() -> None:
    """Survey leaves come from [survey] only; an appraisal entry there would be
    ignored, so it is refused with the code named."""
    data = {"schema": 1, "criteria": "ca-tinh-2024-bang2", "year": 2024,
            "unit": {"id": "u", "name": "U", "group": "co-tthc"},
            "survey": {"3.2.2": 90},
            "appraisal": {"3.2.2": {"points": 0, "reason": "x"}}}
    criteria, _ = check_criteria(CRITERIA / "ca-tinh-2024-bang2.toml", KINDS)
    assert criteria is not None
    assessment, issues = parse_assessment(data, "u.toml", criteria)
    assert assessment is None
    [issue] = [i for i in issues if i.level == "error"]
    assert issue.code == "3.2.2" and "[survey]" in issue.message.render("vi")
