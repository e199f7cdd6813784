"""Office files read well when opened: wrapped text is not cut off at one
line, and Word tables give the wide columns their room."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cchc_score.cli import demo_dir, main
from cchc_score.office._layout import HEADER_ROW, LETTERS

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")


def test_form_rows_are_tall_enough_for_their_wrapped_text(tmp_path: Path) -> None:
    """A leaf whose scoring hint has four lines gets a row of at least four
    lines; a one-line component row stays one line high."""
    out = tmp_path / "form.xlsx"
    assert main(["template", "ca-tinh-2024-bang2", "-o", str(out), "--unit", "pc06"]) == 0
    ws = openpyxl.load_workbook(out)["Tự chấm"]
    rows = {ws.cell(r, 1).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    hint_lines = str(ws.cell(rows["1.1.1"], LETTERS["hint"] + 1).value).count("\n") + 1
    assert hint_lines >= 4
    assert ws.row_dimensions[rows["1.1.1"]].height >= hint_lines * 15
    assert ws.row_dimensions[rows["1"]].height == 15


def test_word_tables_give_the_unit_column_its_width(tmp_path: Path) -> None:
    """The unit name column of the ranking is wider than the rank column in
    the table grid (which LibreOffice reads), not only in Word's cells."""
    out = tmp_path / "demo.docx"
    assert main(["score", str(demo_dir()), "-o", str(out)]) == 0
    table = docx.Document(io.BytesIO(out.read_bytes())).tables[1]  # [0]: the national heading
    grid = table._tbl.tblGrid.gridCol_lst
    assert grid[2].w > 3 * grid[0].w
