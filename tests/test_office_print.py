"""Office files leave the tool to be printed, signed and stamped: the form
prints on A4 at a readable size with a national heading, a signature block
and page numbers, speaks to people (option labels, never program values),
and protects what is not theirs to type; the results workbook ranks each
group under its own heading. These checks read the files' settings and need
no renderer (`test_office_render.py` looks at the rendered pages)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cchc_score._api import catalog
from cchc_score.cli import main
from cchc_score.office._layout import FORM_COLUMNS, HEADER_ROW, LETTERS, PRINTED
from cchc_score.rules import Choice

openpyxl = pytest.importorskip("openpyxl")

SET = "ca-tinh-2024-bang2"
UNIT = "Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06) – Công an tỉnh Ví Dụ"

#: A4 landscape (297 mm) less the form's margins (0.4 in each side)
PRINTABLE_MM = 297 - 2 * 0.4 * 25.4
#: Excel's column width unit: a digit of the default 11 pt font, 7 px at
#: 96 dpi, plus 5 px of padding per column
MM_PER_PX = 25.4 / 96
BODY_PT = 11


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("print") / "form.xlsx"
    assert main(["template", SET, "-o", str(path), "--unit", "vd-pc06", "--name", UNIT]) == 0
    return openpyxl.load_workbook(path)["Tự chấm"]


def _rows(ws: Any) -> dict[str, int]:
    return {str(ws.cell(r, 1).value): r for r in range(HEADER_ROW + 1, ws.max_row + 1)
            if ws.cell(r, 1).value}


def test_form_prints_only_its_official_columns_on_a4_at_nine_points_or_more(form: Any) -> None:
    """The print area is the first PRINTED columns (STT to Ghi chú) fitted to
    the width of an A4 landscape page; those columns are narrow enough that
    fitting them keeps the 11 pt text at 9 pt or more."""
    assert form.page_setup.orientation == "landscape" and form.page_setup.paperSize == 9
    assert form.sheet_properties.pageSetUpPr.fitToPage and form.page_setup.fitToWidth == 1
    area = str(form.print_area).replace("$", "")
    assert re.search(r"A1:I\d+", area), area
    assert [c.field for c in FORM_COLUMNS[:PRINTED]] == [
        "code", "title", "max", "self", "appraised", "ev_number", "ev_date", "ev_title", "notes"]
    width_mm = sum((c.width * 7 + 5) * MM_PER_PX for c in FORM_COLUMNS[:PRINTED])
    scale = min(1.0, PRINTABLE_MM / width_mm)
    assert BODY_PT * scale >= 9, f"{width_mm:.0f} mm of columns print at {BODY_PT * scale:.1f} pt"


def test_form_prompts_name_the_options_never_program_values(form: Any) -> None:
    """The guidance column says "Chọn: Ban hành kịp thời / …" with each
    option's points; no true/false, no option keys."""
    criteria = catalog().load(SET)
    rows = _rows(form)
    keys = {o.key for leaf in criteria.leaves() if isinstance(leaf.rule, Choice)
            for o in leaf.rule.options}
    hint_col = LETTERS["hint"] + 1
    seen_choice = False
    for leaf in criteria.leaves():
        hint = str(form.cell(rows[leaf.code], hint_col).value or "")
        words = set(re.findall(r"[\w-]+", hint.casefold()))
        assert not words & {"true", "false"}, (leaf.code, hint)
        assert not any(f"“{k}”" in hint or f'"{k}"' in hint for k in keys), (leaf.code, hint)
        assert not {k for k in keys if "-" in k} & words, (leaf.code, hint)
        if isinstance(leaf.rule, Choice):
            seen_choice = True
            labels = " / ".join(o.label for o in leaf.rule.options)
            assert hint.splitlines()[0] == f"Chọn: {labels}"
            for option in leaf.rule.options:
                assert any(line.startswith(f"{option.label}: ") for line in hint.splitlines())
    assert seen_choice


def test_form_is_protected_except_the_cells_people_fill(form: Any) -> None:
    """The sheet is protected without a password; fact, points, evidence and
    note cells of a leaf are unlocked; codes, titles, maxima, guidance and
    the sums of parent rows are locked."""
    assert form.protection.sheet and not form.protection.password
    rows = _rows(form)
    leaf, parent = rows["1.1.1"], rows["1.1"]
    for field in ("value", "self", "appraised", "ev_number", "ev_date", "ev_title", "notes",
                  "explanation", "na", "reason"):
        assert not form.cell(leaf, LETTERS[field] + 1).protection.locked, field
    for field in ("code", "title", "max", "hint"):
        assert form.cell(leaf, LETTERS[field] + 1).protection.locked, field
    for field in ("self", "appraised"):
        cell = form.cell(parent, LETTERS[field] + 1)
        assert str(cell.value).startswith("=SUM(") and cell.protection.locked


def test_form_has_the_national_heading_a_signature_block_and_page_numbers(form: Any) -> None:
    """Rows 1-2: the parent body and the unit on the left, Quốc hiệu and
    tiêu ngữ on the right; below the total, the preparer and the head of
    the unit (signature and seal); "Trang x/y" in the footer."""
    assert form.cell(1, 1).value == "CÔNG AN TỈNH VÍ DỤ"
    assert form.cell(2, 1).value == "PHÒNG CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI (PC06)"
    texts = {str(c.value) for row in form.iter_rows(max_row=2) for c in row if c.value}
    assert {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"} <= texts
    total = next(r for r in range(HEADER_ROW, form.max_row + 1)
                 if form.cell(r, 2).value == "Tổng cộng")
    below = {str(c.value) for row in form.iter_rows(min_row=total + 1) for c in row if c.value}
    assert {"NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"} <= below
    area_end = int(re.findall(r"\d+", str(form.print_area))[-1])
    assert area_end >= max(r for r in range(total, form.max_row + 1)
                           if any(c.value for c in form[r]))
    assert form.oddFooter.center.text == "Trang &P/&N"


def test_a_form_with_its_signature_block_reads_back_cleanly(tmp_path: Path) -> None:
    """The rows after the total (signature block) are not read as criteria:
    a blank form scores with no error."""
    path = tmp_path / "form.xlsx"
    assert main(["template", SET, "-o", str(path), "--unit", "vd-pc06", "--name", UNIT]) == 0
    from cchc_score import score_files

    batch = score_files([path])
    assert not batch.failed, [i.render("en") for i in batch.issues]
    assert not [i for i in batch.issues if "signature" in i.render("en").casefold()]


@pytest.fixture(scope="module")
def results_book(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from cchc_score.cli import demo_dir

    path = tmp_path_factory.mktemp("print") / "ket-qua.xlsx"
    assert main(["score", str(demo_dir()), "--stage", "appraised", "-o", str(path)]) == 0
    return openpyxl.load_workbook(path)


def test_results_rank_each_group_under_its_heading_from_a_new_page(results_book: Any) -> None:
    """The ranking sheet: one header row (repeated on every printed page,
    with an autofilter over the table), then each group's heading and its
    units ranked 1.., each group after the first from a new page."""
    ws = results_book["Xếp hạng"]
    assert str(ws.print_title_rows).replace("$", "") == "3:3"
    assert ws.auto_filter.ref.startswith("A3:")
    headings = [r for r in range(4, ws.max_row + 1)
                if str(ws.cell(r, 1).value or "").startswith("Xếp hạng nhóm")]
    assert [ws.cell(r, 1).value for r in headings] == ["Xếp hạng nhóm “co-tthc”",
                                                      "Xếp hạng nhóm “khong-tthc”"]
    assert [b.id for b in ws.row_breaks.brk] == [headings[1] - 1]
    for start, end in zip(headings, [*headings[1:], ws.max_row + 1], strict=True):
        ranks = [ws.cell(r, 1).value for r in range(start + 1, end)]
        assert ranks[0] == 1 and ranks == sorted(ranks)
    assert ws.oddFooter.center.text == "Trang &P/&N"


def test_results_show_a_band_column_only_where_the_set_has_bands(results_book: Any) -> None:
    """The demo's sets have no bands: no empty "Xếp loại" column."""
    header = [c.value for c in results_book["Xếp hạng"][3]]
    assert "Xếp loại" not in header and "Chỉ số" in header


def test_results_sheets_print_on_a4_at_nine_points_or_more(results_book: Any) -> None:
    """Every sheet is fitted to the width of an A4 landscape page, its
    columns narrow enough for the 11 pt text to print at 9 pt or more, with
    page numbers in the footer."""
    letter = openpyxl.utils.get_column_letter
    for ws in results_book.worksheets:
        assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1, ws.title
        assert ws.oddFooter.center.text == "Trang &P/&N", ws.title
        used = range(1, ws.max_column + 1)
        width_mm = sum(((ws.column_dimensions[letter(c)].width or 8.43) * 7 + 5) * MM_PER_PX
                       for c in used)
        page = PRINTABLE_MM if ws.page_setup.orientation == "landscape" else 210 - 20
        assert BODY_PT * min(1.0, page / width_mm) >= 9, ws.title
