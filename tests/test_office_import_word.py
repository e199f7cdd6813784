"""`import-criteria ANNEX.docx`: the criteria tables of a decision's annex
published in Word, in a civil layout (tests/annex_kit.py builds it as a
province types it), become the same criteria set as a hand-written twin,
and score every assessment the same."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score import CriteriaSet, parse_assessment, score
from cchc_score.cli import main
from cchc_score.load import check_criteria
from cchc_score.office import Meta, import_criteria
from cchc_score.rules import Choice, Manual, RuleKinds, Tiers, YesNo

from .annex_kit import FIRST, HEADER, SECOND, TWIN, civil_annex

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

openpyxl = pytest.importorskip("openpyxl")

KINDS = RuleKinds.builtin()
META = Meta(id="vi-du-2025", title="Bộ chỉ số Ví Dụ 2025", group="so-nganh",
            issuer="UBND tỉnh Ví Dụ", decision="123/QĐ-UBND")


def _load(path: Path, text: str) -> CriteriaSet:
    path.write_text(text, encoding="utf-8")
    criteria, issues = check_criteria(path, KINDS)
    assert criteria is not None, [i.render("en") for i in issues]
    assert not [i for i in issues if i.level == "error"], [i.render("en") for i in issues]
    return criteria


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> tuple[CriteriaSet, CriteriaSet, Any]:
    folder = tmp_path_factory.mktemp("annex")
    imported = import_criteria(civil_annex(folder / "phu-luc.docx"), META)
    assert imported.text is not None, [i.render("en") for i in imported.issues]
    return (_load(folder / "imported.toml", imported.text), _load(folder / "twin.toml", TWIN),
            imported)


def _rule(rule: Any) -> Any:
    if isinstance(rule, Tiers):
        return (rule.over, rule.tiers, rule.below)
    if isinstance(rule, Choice):
        return [(o.label, o.points) for o in rule.options]
    if isinstance(rule, YesNo):
        return (rule.yes, rule.no)
    return type(rule).__name__


def test_civil_word_annex_imports_with_every_maximum_and_rule_of_its_twin(
        sets: tuple[CriteriaSet, CriteriaSet, Any]) -> None:
    """Components I-III, criteria 1-6 numbered across components, lettered
    sub-criteria, options in the title cell (line breaks, "-" and "+"
    bullets), in a guidance column and on merged-down rows, points as "1
    điểm", "0,5đ", "1,0": the tree (codes, titles, maxima, the blank
    criterion maximum summed from its children) and every rule equal the
    hand-written twin's, and no leaf is left to manual scoring (≤ 5%)."""
    imported, twin, result = sets
    assert [(n.code, n.title, n.max) for n in imported.walk()] == [
        (n.code, n.title, n.max) for n in twin.walk()]
    assert imported.total == 100 and imported.node("1.1").max == 3
    for leaf in twin.leaves():
        assert _rule(imported.node(leaf.code).rule) == _rule(leaf.rule), leaf.code
    leaves = list(imported.leaves())
    manual = [n for n in leaves if isinstance(n.rule, Manual)]
    assert len(manual) <= Decimal("0.05") * len(leaves) and result.manual == len(manual)
    assert not [i for i in result.issues if i.level == "error"]


ANSWERS = [
    {"1.1.1": "Ban hành chậm", "1.1.2": "96,5", "1.2.1": True, "1.2.2": 3, "1.3": 30,
     "2.1": "cong-khai-khong-day-du", "2.2.1": 100, "2.2.2": False,
     "3.1": "Thực hiện chưa đúng quy định"},
    {"1.1.1": "ban-hanh-kip-thoi", "1.1.2": 100, "1.2.1": False, "1.2.2": 5, "1.3": "29,99",
     "2.1": "Công khai đầy đủ, đúng quy định", "2.2.1": "94.99", "2.2.2": True,
     "3.1": "thuc-hien-dung-quy-dinh"},
    {"1.1.1": "KHÔNG BAN HÀNH", "1.1.2": 0, "1.2.1": True, "1.2.2": 0, "1.3": 0,
     "2.1": "khong-cong-khai", "2.2.1": 95, "2.2.2": True, "3.1": "Không thực hiện"},
]


@pytest.mark.parametrize("answers", ANSWERS)
def test_imported_annex_scores_every_assessment_like_its_twin(
        sets: tuple[CriteriaSet, CriteriaSet, Any], answers: dict[str, Any]) -> None:
    """The same assessment (options answered by label, in capitals, or by
    the label's ASCII key) scores the same node by node and in total with
    the imported set and the hand-written twin, whose keys differ for 2.1."""
    imported, twin, _ = sets
    results = []
    for criteria in (imported, twin):
        data = {"criteria": criteria.id, "year": 2025, "answers": answers,
                "unit": {"id": "u", "name": "Sở Ví Dụ", "group": "so-nganh"}}
        assessment, issues = parse_assessment(data, "u.toml", criteria)
        assert assessment is not None, [i.render("en") for i in issues]
        results.append(score(criteria, assessment))
    a, b = results
    assert [(n.code, n.points, n.lost) for n in a.walk()] == [
        (n.code, n.points, n.lost) for n in b.walk()]
    assert (a.points, a.max, a.index) == (b.points, b.max, b.index)
    assert a.points > 0


def test_the_same_annex_typed_in_excel_imports_to_the_same_set(
        tmp_path: Path, sets: tuple[CriteriaSet, CriteriaSet, Any]) -> None:
    """Column roles come from the header words and the content in .xlsx as
    in .docx: the civil layout typed in a workbook (title cell with line
    breaks, merged cells, guidance and evidence columns) gives the same set."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(1, 1, "BỘ CHỈ SỐ ĐÁNH GIÁ CẢI CÁCH HÀNH CHÍNH NĂM 2025")
    for c, text in enumerate(HEADER, 1):
        ws.cell(3, c, text)
    r = 4
    for row in [*FIRST, *SECOND]:
        for c, value in enumerate(row, 1):
            if value not in ("MERGE", "ACROSS", ""):
                ws.cell(r, c, value)
        if row[1] == "ACROSS":
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        r += 1
    book = tmp_path / "phu-luc.xlsx"
    wb.save(book)
    result = import_criteria(book, META)
    assert result.text is not None, [i.render("en") for i in result.issues]
    imported = _load(tmp_path / "x.toml", result.text)
    word, _, _ = sets
    assert [(n.code, n.title, n.max, _rule(n.rule) if n.is_leaf else None)
            for n in imported.walk()] == [
        (n.code, n.title, n.max, _rule(n.rule) if n.is_leaf else None) for n in word.walk()]


def test_a_subtotal_row_that_disagrees_with_its_component_is_reported(tmp_path: Path) -> None:
    """"Cộng lĩnh vực I: 11" under a component worth 10 is a warning naming
    the component and the row; the set is still written."""
    first = [(*row[:2], "11", *row[3:]) if row[1] == "Cộng lĩnh vực I" else row
             for row in FIRST]
    result = import_criteria(civil_annex(tmp_path / "phu-luc.docx", first=first), META)
    assert result.text is not None
    [warning] = [i for i in result.issues if i.message.key == "office.subtotal_differs"]
    assert warning.code == "1" and warning.where.row == 14 and "11" in warning.render("vi")


def test_cli_imports_a_word_annex(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`import-criteria phu-luc.docx -o set.toml` writes a file `check`
    accepts, citing the Word file and its hash, and says how many nodes and
    manual leaves it has."""
    annex = civil_annex(tmp_path / "phu-luc.docx")
    out = tmp_path / "set.toml"
    assert main(["import-criteria", str(annex), "-o", str(out), "--id", "vi-du"]) == 0
    assert "15 nút" in capsys.readouterr().err
    assert main(["check", str(out)]) == 0
    assert "phu-luc.docx, sha256:" in out.read_text(encoding="utf-8")
    assert "các bảng tiêu chí" in out.read_text(encoding="utf-8")


def test_a_word_file_without_a_criteria_table_is_one_clean_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A .docx with no criteria table: exit 1, the file named, no traceback."""
    import docx

    document = docx.Document()
    document.add_paragraph("Quyết định ban hành bộ chỉ số")
    path = tmp_path / "qd.docx"
    document.save(str(path))
    assert main(["import-criteria", str(path)]) == 1
    err = capsys.readouterr().err
    assert "qd.docx" in err and "bảng tiêu chí" in err and "Traceback" not in err


@pytest.mark.parametrize(("name", "data", "vi", "en"), [
    ("phu-luc.ods", b"PK\x03\x04", "lưu lại dạng .xlsx", "save it as .xlsx"),
    ("phu-luc.doc", b"\xd0\xcf\x11\xe0" + bytes(60), "Word 97–2003 (.doc)",
     "Word Document (.docx)"),
    ("phu-luc.xls", b"<html><table></table></html>", "soffice --headless --convert-to xlsx",
     "save it as .xlsx"),
])
def test_files_to_convert_first_say_how_in_the_users_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes,
        vi: str, en: str) -> None:
    """.ods, an old .doc and an .xls that is not a real workbook: exit 1
    with a message saying how to convert, in Vietnamese or English."""
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["import-criteria", str(path)]) == 1
    assert vi in capsys.readouterr().err
    assert main(["--lang", "en", "import-criteria", str(path)]) == 1
    err = capsys.readouterr().err
    assert en in err and name in err and "Traceback" not in err


def test_subtotal_rows_are_skipped_but_options_that_look_alike_are_kept(tmp_path: Path) -> None:
    """"Công khai đầy đủ: 2" folds to the same letters as "Cộng …" but is an
    option, not a subtotal: it stays the first option of its leaf, and a
    "Cộng: 10" row below the component adds no option."""
    from .test_office_support import SMALL, criteria_workbook, replace_rows

    rows = replace_rows(SMALL, {3: (None, "Công khai đầy đủ: 2", "2")})
    rows = [*rows[:26], (None, "Cộng: 10", "10"), *rows[26:]]
    result = import_criteria(criteria_workbook(tmp_path / "bang.xlsx", rows))
    assert result.text is not None
    criteria = _load(tmp_path / "x.toml", result.text)
    assert criteria.node("1.1.1").rule.options[0].label == "Công khai đầy đủ"
    assert criteria.node("1.2.3").rule.kind == "yes_no"
    assert not [i for i in result.issues if i.message.key == "office.subtotal_differs"]


def test_a_table_without_a_header_row_has_its_columns_told_by_content(tmp_path: Path) -> None:
    """No header row, and the title, points and code columns in that order:
    the code column is the one holding codes, the maximum the one holding
    numbers, the title the longest text; the set equals the headed
    table's, with a warning that the columns were told by content."""
    from .test_office_support import SMALL, criteria_workbook

    headed = import_criteria(criteria_workbook(tmp_path / "headed.xlsx"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(1, 1, "BẢNG ĐIỂM CẢI CÁCH HÀNH CHÍNH NĂM 2024")
    for r, (code, title, points) in enumerate(SMALL, 3):
        ws.cell(r, 1, title)
        if points is not None:
            ws.cell(r, 2, points)
        if code is not None:
            ws.cell(r, 3, code)
    wb.save(tmp_path / "bare.xlsx")
    bare = import_criteria(tmp_path / "bare.xlsx")
    assert bare.text is not None and headed.text is not None
    a, b = _load(tmp_path / "a.toml", bare.text), _load(tmp_path / "b.toml", headed.text)
    assert [(n.code, n.title, n.max, _rule(n.rule) if n.is_leaf else None) for n in a.walk()] == [
        (n.code, n.title, n.max, _rule(n.rule) if n.is_leaf else None) for n in b.walk()]
    assert any(i.message.key == "office.no_header" for i in bare.issues)


def test_lettered_components_and_bracketed_letters_read_like_roman_numerals(
        tmp_path: Path, sets: tuple[CriteriaSet, CriteriaSet, Any]) -> None:
    """Components numbered A, B, C (one written "C. …" across two cells) and
    sub-criteria written "(a)", "b)" give the same set as I, II, III."""
    names = {"I": "A", "II": "B", "a": "(a)", "b": "b)"}
    first = [(names.get(r[0], r[0]), *r[1:]) for r in FIRST]
    second = [(names.get(r[0], r[0]).replace("III.", "C."), *r[1:]) for r in SECOND]
    result = import_criteria(civil_annex(tmp_path / "phu-luc.docx", first, second), META)
    assert result.text is not None, [i.render("en") for i in result.issues]
    lettered = _load(tmp_path / "x.toml", result.text)
    _, twin, _ = sets
    assert [(n.code, n.title, n.max) for n in lettered.walk()] == [
        (n.code, n.title, n.max) for n in twin.walk()]


def test_a_word_annex_gets_the_same_code_repairs(tmp_path: Path) -> None:
    """A Word table in the official numbering with "1.21" for 1.2.1 is
    repaired by structure with --fix-codes, as a workbook is."""
    import docx

    from .test_office_support import SMALL, replace_rows

    rows = replace_rows(SMALL, {15: ("1.21", "Tin, bài về cải cách hành chính", 1)})
    document = docx.Document()
    document.add_paragraph("BẢNG ĐIỂM CẢI CÁCH HÀNH CHÍNH NĂM 2024")
    table = document.add_table(rows=1, cols=3)
    for i, text in enumerate(("STT", "Tiêu chí", "Điểm tối đa")):
        table.cell(0, i).text = text
    for code, title, points in rows:
        cells = table.add_row().cells
        cells[0].text = "" if code is None else str(code).strip()
        cells[1].text = title
        cells[2].text = "" if points is None else str(points)
    document.save(str(tmp_path / "bang.docx"))
    result = import_criteria(tmp_path / "bang.docx", fix_codes=True)
    assert result.text is not None, [i.render("en") for i in result.issues]
    [fix] = [i for i in result.issues if i.message.key == "office.code_fixed"]
    assert fix.code == "1.2.1" and "“1.21” → “1.2.1”" in fix.render("vi")
    assert "1.2.1" in _load(tmp_path / "x.toml", result.text).codes


def test_civil_labels_become_dotted_codes_only_in_sequence() -> None:
    """I, II (or A, B) are components; criteria numbered on across them
    count from each component's first; a, b under a criterion are its
    sub-criteria; a letter or numeral out of sequence (a stray "x", a "IV"
    after I) is no code."""
    from cchc_score.office._annex_rows import Labeler

    labels = Labeler()
    got = [labels.code(x) for x in
           ["I", "1", "a", "b", "x", "2", "II.", "3", "(a)", "IV", "B", "C-", "4", "D:", "5)"]]
    assert got == ["1", "1.1", "1.1.1", "1.1.2", None, "1.2", "2", "2.1", "2.1.1", None, None,
                   "3", "3.1", "4", "4.1"]
    plain = Labeler()
    assert [plain.code(x) for x in ["1", "1.1", "1.1.1", "1.2"]] == ["1", "1.1", "1.1.1", "1.2"]


@pytest.mark.parametrize(("cells", "header"), [
    (["STT", "Nội dung tiêu chí", "Điểm tối đa"], True),
    ([None, None, "Tối đa", "Tự chấm", "Thẩm định"], True),  # a two-row header's second row
    ([None, "Có kế hoạch: 1", "1"], False),
    (["1.1", "Tiêu chí", "2"], False),
    ([None, "Điểm", None], False),
])
def test_repeated_header_rows_are_told_from_data(cells: list[Any], header: bool) -> None:
    """A header row pasted again (either row of a two-row header) is
    skipped; an option, a criterion or a lone word is not a header."""
    from cchc_score.office._annex import is_header

    assert is_header(cells) is header


def test_a_criterion_whose_words_look_like_headers_is_kept() -> None:
    """"Công khai nội dung" beside "Tài liệu công khai" reads like header
    words but is a criterion's row, not a header pasted again."""
    from cchc_score.office._annex import is_header

    assert not is_header(["2.1", "Công khai nội dung", "2", None, "Tài liệu công khai"])
    assert not is_header([None, "Công khai nội dung", None, None, "Tài liệu công khai"])
    roles = {"code": 0, "title": 1, "max": 2}
    assert not is_header([None, "Cấp mã số hồ sơ", "1", "Chấm theo nội dung"], roles)
    assert is_header(["STT", "Nội dung tiêu chí", "Điểm tối đa"], roles)


def test_a_headerless_word_table_of_another_width_is_left_out_with_a_warning(
        tmp_path: Path) -> None:
    """A table after the criteria with codes but no header and another
    number of columns is not read as criteria, and the import says so
    (table number and rows) rather than dropping it silently."""
    import docx

    path = civil_annex(tmp_path / "phu-luc.docx")
    document = docx.Document(str(path))
    extra = document.add_table(rows=2, cols=3)
    extra.cell(0, 0).text = "7.1"
    extra.cell(0, 1).text = "Tiêu chí bị tách sang bảng khác"
    document.save(str(path))
    result = import_criteria(path, META)
    assert result.text is not None
    [warning] = [i for i in result.issues if i.message.key == "office.word_table_skipped"]
    assert "bảng thứ 5 của tệp Word (2 dòng)" in warning.render("vi")


def _retitle(path: Path, paragraphs: list[str], title_row: str | None = None) -> Path:
    """The civil annex with its heading paragraphs replaced by `paragraphs`
    (the rest emptied) and, with `title_row`, a row merged across above the
    first criteria table's header."""
    import copy

    import docx

    document = docx.Document(str(path))
    heading = document.paragraphs[:3]  # PHỤ LỤC, BỘ CHỈ SỐ …, (Kèm theo …)
    for paragraph, text in zip(heading, [*paragraphs, "", "", ""][:3], strict=True):
        paragraph.text = text
    if title_row is not None:
        table = document.tables[1]
        first = table._tbl.tr_lst[0]
        first.addprevious(copy.deepcopy(first))
        row = table.rows[0]
        merged = row.cells[0].merge(row.cells[-1])
        merged.text = title_row
    document.save(str(path))
    return path


def _title(path: Path) -> str:
    imported = import_criteria(path, Meta(id="vi-du-2025", group="so-nganh", year=2025,
                                          issuer="UBND tỉnh Ví Dụ", decision="123/QĐ-UBND"))
    assert imported.text is not None, [i.render("en") for i in imported.issues]
    title: str = tomllib.loads(imported.text)["title"]
    return title


@pytest.mark.parametrize(("paragraphs", "title_row", "expected"), [
    (["PHỤ LỤC I", "Bảng II – Mức điểm CCHC của các sở, ban, ngành năm 2025",
      "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15/01/2025)"], None,
     "Bảng II – Mức điểm CCHC của các sở, ban, ngành năm 2025"),
    (["PHỤ LỤC I", "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15/01/2025)"],
     "BẢNG I – ĐIỂM CCHC CÁC SỞ, BAN, NGÀNH NĂM 2025", "BẢNG I – ĐIỂM CCHC CÁC SỞ, BAN, NGÀNH NĂM 2025"),
    (["PHỤ LỤC I", "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15/01/2025)"], None, "PHỤ LỤC I"),
])
def test_the_sets_title_is_the_tables_own_title_when_there_is_one(
        tmp_path: Path, paragraphs: list[str], title_row: str | None, expected: str) -> None:
    """Without --title, an annex's set is titled by the table's own title row
    (merged above the header) or its "Bảng II – …" heading, not by the
    annex's first paragraph ("PHỤ LỤC I"), which is the title only when
    nothing better is there."""
    path = _retitle(civil_annex(tmp_path / "phu-luc.docx"), paragraphs, title_row)
    assert _title(path) == expected
