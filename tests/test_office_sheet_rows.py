"""The results workbook's unit tables are written straight as sheet XML
(`office._sheet_rows`): the file is the one openpyxl writes for the same
cells, byte for byte, whatever the cells hold, and the zip is as stable."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score.office import _style as st
from cchc_score.office._sheet_rows import SheetRows, save
from cchc_score.office._stable import stable_zip

from .test_office_support import openpyxl

WHEN = dt.datetime(2025, 1, 2)
#: what a table cell can hold, the awkward cases included: markup
#: characters, padding, line breaks, a carriage return, non-ASCII and
#: non-BMP text, a leading "=" (openpyxl writes a formula), an error
#: value, a text longer than a cell holds, numbers of every type
VALUES: list[Any] = [
    "1.2", "Tiêu chí có dấu: Đánh giá & <xếp> loại \"A\" 'B'", None, Decimal("1.50"),
    Decimal("-0.25"), 7, 2.5, "", "  lề trái", "lề phải ", "dòng một\ndòng hai\n",
    "cr\r\nlf\tvà tab", "😀 ngoài BMP", "=1+2", "#N/A", "x" * 40_000, Decimal("1E+2"),
    "a" * 130, "]]>",
]


def _table(wb: Any, ws: Any) -> list[tuple[list[Any], list[Any]]]:
    """Rows of `VALUES` in nine columns, each cell with its own look."""
    rows = []
    for start in range(0, len(VALUES), 9):
        values = VALUES[start:start + 9]
        looks = [st.body_style(wb, wrap=c % 2 == 0, bold=c == 1, italic=c == 3,
                               color=st.LOST_FILL if c == 5 else None,
                               number_format="0.00" if isinstance(v, Decimal) else None)
                 for c, v in enumerate(values, start=1)]
        rows.append((values, looks))
    return rows


def _workbook() -> tuple[Any, Any]:
    wb = openpyxl.Workbook()
    ws = wb.active
    st.title_row(ws, 1, "Tiêu đề", 9)
    st.header_row(ws, 2, [f"Cột {c}" for c in range(1, 10)])
    st.widths(ws, [7, 44, 9, 9, 9, 9, 18, 8, 42])
    return wb, ws


def _both() -> tuple[bytes, bytes]:
    """The table written as rows, and cell by cell through openpyxl."""
    slow_wb, slow = _workbook()
    for r, (values, looks) in enumerate(_table(slow_wb, slow), start=3):
        for c, (value, look) in enumerate(zip(values, looks, strict=True), start=1):
            slow.cell(r, c, value)._style = look
    st.fit_heights(slow, 3, slow.max_row, wrap_columns=(2, 7, 9))

    fast_wb, fast = _workbook()
    rows = SheetRows(fast, 3, wrap=(2, 7, 9))
    for values, looks in _table(fast_wb, fast):
        rows.add(values, looks)
    assert rows.last == slow.max_row
    return save(fast_wb, [rows], WHEN), save(slow_wb, [], WHEN)


def test_table_rows_are_the_bytes_openpyxl_writes_for_the_same_cells() -> None:
    """A table written as rows is the same file as the same values and
    looks written cell by cell through openpyxl, row heights fitted to the
    wrapped columns included."""
    if not openpyxl.LXML:
        pytest.skip("openpyxl writes through the standard library: see the test below")
    fast, slow = _both()
    assert fast == slow


def _read(data: bytes) -> Any:
    """What a reader of the sheet sees: each cell's value, type and look,
    the row heights, merged ranges and the sheet's stated dimension."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    cells = [(c.coordinate, c.value, c.data_type, *map(copy.copy, (  # the styles, not proxies
        c.font, c.fill, c.border, c.alignment)), c.number_format)
        for row in ws.iter_rows() for c in row]
    heights = {r: d.height for r, d in ws.row_dimensions.items()}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        dimension = re.search(rb'<dimension ref="([^"]*)"', z.read("xl/worksheets/sheet1.xml"))
    assert dimension is not None
    return cells, heights, sorted(map(str, ws.merged_cells.ranges)), dimension.group(1)


def test_without_lxml_the_rows_read_as_openpyxls_own_cells(tmp_path: Path) -> None:
    """Where lxml is not installed (openpyxl then writes its XML through the
    standard library) the rows written straight still read as openpyxl's
    own cells would: values, types, looks, heights, the sheet's dimension
    (a carriage return in a text is kept, as through lxml)."""
    script = ("import sys; sys.modules['lxml'] = None; import openpyxl; assert not openpyxl.LXML;"
              "from pathlib import Path; from tests.test_office_sheet_rows import _both;"
              "fast, slow = _both(); folder = Path(sys.argv[1]);"
              "(folder / 'fast.xlsx').write_bytes(fast); (folder / 'slow.xlsx').write_bytes(slow)")
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True,
                   cwd=Path(__file__).parent.parent)
    fast = _read((tmp_path / "fast.xlsx").read_bytes())
    slow = _read((tmp_path / "slow.xlsx").read_bytes())
    assert fast[1:] == slow[1:] and fast[3] == b"A1:I5"

    def crlf(cells: list[Any]) -> list[Any]:
        return [(c[0], c[1].replace("\r\n", "\n"), *c[2:]) if isinstance(c[1], str) else c
                for c in cells]
    # The one difference: a carriage return is kept (as lxml keeps it); the
    # standard library's writer leaves it bare and a reader drops it.
    assert crlf(fast[0]) == slow[0] and crlf(fast[0]) != fast[0]


def test_a_character_a_worksheet_cannot_hold_is_refused_as_by_openpyxl() -> None:
    """A control character in a text is openpyxl's IllegalCharacterError,
    never a damaged file."""
    wb, ws = _workbook()
    rows = SheetRows(ws, 3, wrap=(2,))
    rows.add(["ok", "bell \x07"], [st.body_style(wb)] * 2)
    with pytest.raises(openpyxl.utils.exceptions.IllegalCharacterError):
        save(wb, [rows], WHEN)
    with pytest.raises(openpyxl.utils.exceptions.IllegalCharacterError):
        ws.cell(3, 2, "bell \x07")


def test_saved_workbook_is_stable_zip_of_openpyxls_own_save() -> None:
    """Saving straight into a stable zip gives the bytes of openpyxl's
    save made stable afterwards: members in order, dated 1980-01-01,
    their permissions kept, the modification time the one given."""
    books = []
    for _ in range(2):  # openpyxl changes a workbook as it saves it: one each
        wb, ws = _workbook()
        wb.properties.created = WHEN
        ws.cell(3, 1, "giá trị")
        books.append(wb)
    plain = io.BytesIO()
    books[0].save(plain)
    direct = save(books[1], [], WHEN)
    assert direct == stable_zip(plain.getvalue(), WHEN)
    with zipfile.ZipFile(io.BytesIO(direct)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2025-01-02T00:00:00Z" in z.read("docProps/core.xml")
