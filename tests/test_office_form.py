"""The Excel self-assessment form: `template … -o FORM.xlsx` writes it,
`score FORM.xlsx` reads it back and scores exactly as the TOML assessment
with the same facts, whatever people did to the workbook."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score import score_files
from cchc_score._toml_write import string, value
from cchc_score.cli import main
from cchc_score.office._layout import HEADER_ROW, LETTERS
from cchc_score.rules import Choice, Tiers, YesNo

from .test_office_support import form_rows, openpyxl, set_cached_values

SET = "ca-tinh-2024-bang1"


def col(field: str) -> int:
    return LETTERS[field] + 1


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("form") / "blank.xlsx"
    assert main(["template", SET, "-o", str(path), "--unit", "px01",
                 "--name", "Phòng Tham mưu"]) == 0
    return path


@pytest.fixture(scope="module")
def criteria():  # type: ignore[no-untyped-def]
    from cchc_score._api import catalog

    return catalog().load(SET)


def facts(criteria) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One fact per leaf, as an assessment TOML would hold it: every kind
    of value, several outcomes."""
    out: dict[str, Any] = {}
    shares = [Decimal(96), Decimal("69.99"), Decimal(50), Decimal("12.5"), Decimal(100)]
    for i, leaf in enumerate(criteria.leaves()):
        rule = leaf.rule
        if isinstance(rule, YesNo):
            out[leaf.code] = i % 3 != 0
        elif isinstance(rule, Choice):
            out[leaf.code] = rule.options[i % len(rule.options)].key
        elif isinstance(rule, Tiers) and rule.over == "ratio":
            out[leaf.code] = ["3/4", "4/4", "1/3"][i % 3]
        elif isinstance(rule, Tiers) and rule.over == "percent":
            out[leaf.code] = shares[i % len(shares)]
        else:
            out[leaf.code] = i % 4
    return out


def fill(path: Path, criteria, facts: dict[str, Any], *,  # type: ignore[no-untyped-def]
         evidence: bool = True) -> Any:
    """Fill the form as a person would: labels from the drop-down lists,
    numbers in their cells, evidence for every third leaf."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Tự chấm"]
    rows = form_rows(ws)
    for i, (code, fact) in enumerate(facts.items()):
        r = rows[code]
        rule = criteria.node(code).rule
        if isinstance(rule, YesNo):
            ws.cell(r, col("value"), rule.yes_label if fact else rule.no_label)
        elif isinstance(rule, Choice):
            ws.cell(r, col("value"), next(o.label for o in rule.options if o.key == fact))
        elif isinstance(fact, str) and "/" in fact:
            num, den = fact.split("/")
            ws.cell(r, col("num"), int(num))
            ws.cell(r, col("den"), int(den))
        else:
            ws.cell(r, col("value"), fact)
        if evidence and i % 3 == 0:
            ws.cell(r, col("ev_number"), f"{i}/KH-PX01")
            ws.cell(r, col("ev_date"), dt.datetime(2024, 3, 1))
            ws.cell(r, col("ev_title"), "Kế hoạch cải cách hành chính")
    return wb


def toml(path: Path, facts: dict[str, Any], *, evidence: bool = True) -> Path:
    lines = ["schema = 1", f'criteria = "{SET}"', "year = 2024", "[unit]", 'id = "px01"',
             'name = "Phòng Tham mưu"', 'group = "khong-tthc"', "tags = []"]
    for i, (code, fact) in enumerate(facts.items()):
        lines += [f"[answers.{string(code)}]", f"value = {value(fact)}"]
        if evidence and i % 3 == 0:
            lines.append(f'evidence = [{{ number = "{i}/KH-PX01", date = 2024-03-01, '
                         f'title = "Kế hoạch cải cách hành chính" }}]')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def outcome(path: Path) -> list[tuple[Any, ...]]:
    batch = score_files([path])
    assert not batch.failed, [i.render("en") for i in batch.issues]
    [result] = batch.results
    return [(result.points, result.max, result.index, result.unit)] + [
        (n.code, n.points, n.lost, n.at_risk, n.na) for n in result.walk()]


def test_template_writes_the_official_layout_with_validation(blank: Path, criteria) -> None:  # type: ignore[no-untyped-def]
    """The printed columns first (official points, evidence, notes), then the
    fact-entry ones; one row per node; drop-down lists for options, numeric
    limits for shares; frozen header; A4 landscape with the header row
    repeated; readable widths; the unit sheet."""
    wb = openpyxl.load_workbook(blank)
    assert wb.sheetnames[:2] == ["Tự chấm", "Thông tin"]
    ws = wb["Tự chấm"]
    header = [ws.cell(HEADER_ROW, c).value for c in range(1, 10)]
    assert header == ["STT", "Lĩnh vực/ Tiêu chí/ Tiêu chí thành phần",
                      "Điểm tối đa (chuẩn)", "Điểm tự chấm", "Điểm thẩm định",
                      "Số văn bản kiểm chứng", "Ngày văn bản",
                      "Trích yếu / tên tài liệu kiểm chứng", "Ghi chú"]
    rows = form_rows(ws)
    assert [c for c in rows if c[0].isdigit()] == list(criteria.codes)
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows in (f"{HEADER_ROW}:{HEADER_ROW}", f"${HEADER_ROW}:${HEADER_ROW}")
    assert ws.column_dimensions["B"].width >= 40
    checks = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}

    def rule_of(cell: str) -> Any:
        return next(dv for ref, dv in checks.items() if cell in ref.split())

    choice = ws.cell(rows["1.1.1"], col("value")).coordinate
    assert rule_of(choice).type == "list" and "DanhSach" in rule_of(choice).formula1
    share = ws.cell(rows["1.1.4"], col("value")).coordinate
    assert (rule_of(share).type, rule_of(share).formula2) == ("decimal", "100")
    num = ws.cell(rows["1.2.1"], col("num")).coordinate
    assert rule_of(num).type == "whole"
    hint = ws.cell(rows["1.1.4"], col("hint")).value
    assert "từ 50% đến dưới 100%" in hint
    info = {r[0].value: r[1].value for r in wb["Thông tin"].iter_rows(min_row=2, max_row=7)}
    assert info["Bộ chỉ số (mã)"] == SET and info["Mã đơn vị"] == "px01"
    assert info["Tên đơn vị"] == "Phòng Tham mưu" and info["Năm đánh giá"] == 2024


def test_blank_form_scores_zero_with_warnings(blank: Path) -> None:
    batch = score_files([blank])
    assert not batch.failed
    assert batch.results[0].points == 0


def test_filled_form_scores_exactly_as_the_toml(blank: Path, criteria, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A form filled by a script with openpyxl and the TOML assessment with
    the same facts give the same points, lost points, evidence risk and
    index at every node."""
    given = facts(criteria)
    form = tmp_path / "px01.xlsx"
    fill(blank, criteria, given).save(form)
    assert outcome(form) == outcome(toml(tmp_path / "px01.toml", given))


def test_what_people_do_to_workbooks_still_scores(blank: Path, criteria,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    """A moved and a hidden column, an extra sheet in front, merged notes,
    numbers stored as text, a decimal comma and a share formatted as a
    percentage: the same score as the clean form."""
    given = facts(criteria)
    wb = fill(blank, criteria, given)
    ws = wb["Tự chấm"]
    rows = form_rows(ws)
    share = next(c for c, v in given.items() if v == Decimal("69.99"))
    ws.cell(rows[share], col("value"), "69,99")
    count = next(c for c, v in given.items() if isinstance(v, int) and not isinstance(v, bool))
    ws.cell(rows[count], col("value"), f" {given[count]} ")
    pct = next(c for c, v in given.items() if v == Decimal(96))
    ws.cell(rows[pct], col("value"), 0.96).number_format = "0%"
    ws.move_range(f"G{HEADER_ROW}:G{ws.max_row}", cols=12)
    ws.column_dimensions["H"].hidden = True
    ws.merge_cells(start_row=rows["1.1"], start_column=col("notes"), end_row=rows["1.1.4"],
                   end_column=col("notes"))
    wb.create_sheet("Hướng dẫn", 0).cell(1, 1, "STT")
    messy = tmp_path / "messy.xlsx"
    wb.save(messy)
    clean = tmp_path / "clean.xlsx"
    fill(blank, criteria, given).save(clean)
    assert outcome(messy) == outcome(clean)


def test_formulas_are_read_from_their_cached_values(blank: Path, criteria,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    """A fact typed as a formula is read as the value Excel showed."""
    given = facts(criteria)
    wb = fill(blank, criteria, given)
    ws = wb["Tự chấm"]
    code = next(c for c, v in given.items() if v == Decimal(96))
    cell = ws.cell(form_rows(ws)[code], col("value"), "=90+6")
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    set_cached_values(path, {cell.coordinate: 96})
    clean = tmp_path / "clean.xlsx"
    fill(blank, criteria, given).save(clean)
    assert outcome(path) == outcome(clean)


def test_unknown_code_is_reported_with_its_row(blank: Path, criteria, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A code typed over in the STT column is named with its row; exit 1."""
    wb = fill(blank, criteria, facts(criteria))
    ws = wb["Tự chấm"]
    r = form_rows(ws)["1.3.2"]
    ws.cell(r, col("code"), "1.3.9")
    path = tmp_path / "typo.xlsx"
    wb.save(path)
    assert main(["score", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"dòng {r}" in err and "1.3.9" in err and "Traceback" not in err
    batch = score_files([path])
    [issue] = [i for i in batch.issues if i.level == "error"]
    assert (issue.code, issue.where.row) == ("1.3.9", r)


def test_typed_self_scores_that_disagree_are_reported_per_code(
        blank: Path, criteria, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """"Điểm tự chấm" typed on the paper form is compared with the computed
    points: a disagreement is a warning naming the code and its row; an
    agreeing one is silent."""
    given = facts(criteria)
    wb = fill(blank, criteria, given)
    ws = wb["Tự chấm"]
    rows = form_rows(ws)
    ws.cell(rows["1.1.2"], col("self"), "0,5")
    ws.cell(rows["1.3.1"], col("self"), 1 if given["1.3.1"] else 0)
    path = tmp_path / "claims.xlsx"
    wb.save(path)
    batch = score_files([path])
    assert not batch.failed
    claims = [i for i in batch.results[0].issues if i.message.key == "asm.claimed_differs"]
    assert [(i.code, i.where.row) for i in claims] == [("1.1.2", rows["1.1.2"])]


def test_appraisal_column_feeds_the_appraised_stage(blank: Path, criteria,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    given = facts(criteria)
    wb = fill(blank, criteria, given)
    ws = wb["Tự chấm"]
    r = form_rows(ws)["1.1.2"]
    ws.cell(r, col("appraised"), 0)
    ws.cell(r, col("reason"), "Chưa đủ nhiệm vụ")
    path = tmp_path / "appraised.xlsx"
    wb.save(path)
    result = score_files([path], stage="appraised").results[0]
    node = result.node("1.1.2")
    assert node.points == 0 and node.appraisal_reason == "Chưa đủ nhiệm vụ"


@pytest.mark.parametrize(("field", "raw", "key"), [
    ("num", 3, "office.form_half_ratio"),
    ("ev_date", "31/02/2024", "office.form_bad_date"),
])
def test_half_filled_cells_are_errors_with_rows(blank: Path, criteria, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                field: str, raw: Any, key: str) -> None:
    wb = openpyxl.load_workbook(blank)
    ws = wb["Tự chấm"]
    r = form_rows(ws)["1.2.1"]
    ws.cell(r, col(field), raw)
    path = tmp_path / "half.xlsx"
    wb.save(path)
    batch = score_files([path])
    assert batch.failed
    assert [(i.code, i.where.row) for i in batch.issues if i.message.key == key] == [
        ("1.2.1", r)]


def test_folder_scores_forms_and_toml_together(blank: Path, criteria, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A folder with a filled form, a TOML assessment and a results
    workbook: the two assessments are ranked; the results file is skipped."""
    given = facts(criteria)
    fill(blank, criteria, given).save(tmp_path / "px01.xlsx")
    other = toml(tmp_path / "px05.toml", given).read_text(encoding="utf-8")
    (tmp_path / "px05.toml").write_text(other.replace('id = "px01"', 'id = "px05"'),
                                        encoding="utf-8")
    assert main(["score", str(tmp_path / "px05.toml"), "--format", "xlsx", "-o",
                 str(tmp_path / "results.xlsx")]) == 0
    batch = score_files([tmp_path])
    assert not batch.failed
    assert sorted(r.unit.id for r in batch.results) == ["px01", "px05"]
    assert [r.rank for r in batch.results] == [1, 1]


def test_a_criteria_workbook_is_not_a_form(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Scoring the criteria annex itself says no form table was found."""
    from .test_office_support import criteria_workbook

    book = criteria_workbook(tmp_path / "bang.xlsx")
    assert main(["score", str(book), "--criteria", SET]) == 1
    err = capsys.readouterr().err
    assert "bang.xlsx" in err and "Traceback" not in err


def test_xlsx_template_needs_an_output_file_and_never_overwrites(
        blank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = blank.read_bytes()
    assert main(["template", SET, "-o", str(blank)]) == 1
    assert blank.read_bytes() == before
