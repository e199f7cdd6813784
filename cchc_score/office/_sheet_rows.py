"""Table rows written straight into a worksheet's XML when the workbook is
saved, instead of as openpyxl cells.

A province's results workbook holds a couple of hundred thousand table
cells. As openpyxl cells each is an object with a value, a style and a
coordinate, which openpyxl then looks up, sorts and serialises one XML
element at a time: most of the time spent writing the workbook. The unit
sheets' table rows are instead kept as values and styles (`SheetRows`) and,
when the workbook is saved (`save`), written as the XML openpyxl writes for
the same cells: the same file, byte for byte (a test compares them).

Everything else stays openpyxl's: the titles and header above the rows,
merged ranges, column widths, print setup, frozen panes, the styles part.
Only the rows after the sheet's own cells are ours.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from . import _style as st
from ._stable import StableZipFile

#: characters a worksheet cannot hold (openpyxl refuses them the same way)
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: texts Excel reads as error values, not text (as openpyxl writes them)
_ERRORS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
#: the longest text a cell holds
_TEXT_LIMIT = 32767
#: (openpyxl writes `<x/>` through lxml, `<x />` through the standard library)
_DIMENSION = re.compile(rb'<dimension ref="([^"]*)"\s*/>')
_EMPTY_DATA = re.compile(rb"<sheetData\s*/>")


class SheetRows:
    """The table rows of one worksheet, from `first` down, kept until the
    workbook is saved. Each row's height is fitted to the text of its
    `wrap` columns at the sheet's column widths (`_style.fit_heights`'s
    rule), so set the widths first."""

    def __init__(self, ws: Any, first: int, wrap: Sequence[int]) -> None:
        self.ws = ws
        self.first = first
        self._per_line = {c: st.chars_per_line(ws, c) for c in wrap}
        self._rows: list[tuple[list[Any], list[Any], float]] = []

    @property
    def last(self) -> int:
        """The last row number taken (the one above `first` when empty)."""
        return self.first + len(self._rows) - 1

    def add(self, values: list[Any], styles: list[Any]) -> int:
        """Add a row of cell values (text, numbers, None) and their styles
        (`_style.body_style`); returns its row number."""
        values = [v[:_TEXT_LIMIT] if isinstance(v, str) and len(v) > _TEXT_LIMIT else v
                  for v in values]  # where openpyxl cuts a text (Excel's limit)
        lines = max((st.lines_of(values[c - 1], width) for c, width in self._per_line.items()
                     if c <= len(values)), default=1)
        self._rows.append((values, styles, lines * st.LINE_HEIGHT))
        return self.last

    def xml(self, style_ids: dict[Any, int], cell_styles: Any) -> bytes:
        """The rows as `<row>` elements, as openpyxl writes them. A style
        gets its number in the workbook the first time a cell uses it, as
        when openpyxl writes the cell."""
        from ._deps import openpyxl

        safe = openpyxl().compat.safe_string
        letters = [openpyxl().utils.get_column_letter(c) for c in range(1, 1 + max(
            (len(v) for v, _, _ in self._rows), default=0))]
        out: list[str] = []
        for row, (values, styles, height) in enumerate(self._rows, start=self.first):
            out.append(f'<row r="{row}" ht="{safe(height)}" customHeight="1">')
            for letter, value, style in zip(letters, values, styles, strict=False):
                sid = style_ids.get(id(style))
                if sid is None:
                    sid = style_ids[id(style)] = cell_styles.add(style)
                out.append(_cell(f'{letter}{row}" s="{sid}', value, safe))
            out.append("</row>")
        return "".join(out).encode("ascii", "xmlcharrefreplace")


def _cell(ref: str, value: Any, safe: Any) -> str:
    """One styled cell's element, as openpyxl's `lxml_write_cell` writes it
    (`ref`: its coordinate and style attribute values)."""
    if value is None:
        return f'<c r="{ref}" t="n"></c>'
    if isinstance(value, str):
        if _ILLEGAL.search(value):
            from ._deps import openpyxl

            raise openpyxl().utils.exceptions.IllegalCharacterError(
                f"{value} cannot be used in worksheets.")
        if not value:
            return f'<c r="{ref}" t="inlineStr"></c>'
        if len(value) > 1 and value.startswith("="):
            return f'<c r="{ref}"><f>{_escape(value[1:])}</f><v></v></c>'
        if value in _ERRORS:
            return f'<c r="{ref}" t="e"><v>{_escape(value)}</v></c>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
    if type(value) is Decimal and value.is_finite():
        # most cells: safe_string's text, through a float ("1.50" is 1.5;
        # Decimal's own format would keep the zero)
        return f'<c r="{ref}" t="n"><v>{"%.16g" % value}</v></c>'  # noqa: UP031
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f'<c r="{ref}" t="n"><v>{safe(value)}</v></c>'
    raise TypeError(f"a table cell holds text, a number or None, not {value!r}")


def _escape(text: str) -> str:
    """Text content escaped as lxml escapes it (non-ASCII characters become
    character references when the whole row is encoded)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


class _RowsZip(StableZipFile):
    """The workbook's zip: each worksheet with `SheetRows` gets them
    appended to its `<sheetData>` as openpyxl hands the sheet over."""

    def __init__(self, file: Any, rows: Sequence[SheetRows], cell_styles: Any) -> None:
        super().__init__(file)
        self._pending = list(rows)
        self._cell_styles = cell_styles
        self._style_ids: dict[Any, int] = {}

    def member(self, name: str, data: bytes) -> bytes:
        for i, rows in enumerate(self._pending):
            if rows.ws.path.lstrip("/") == name:  # sheets come in order: the first one
                del self._pending[i]
                return _splice(data, rows, rows.xml(self._style_ids, self._cell_styles))
        return data


def _splice(sheet: bytes, rows: SheetRows, xml: bytes) -> bytes:
    """`xml` (rows from `rows.first`) at the end of the sheet's `<sheetData>`,
    and the sheet's dimension widened to them."""
    end = sheet.find(b"</sheetData>")
    if end < 0:
        sheet = _EMPTY_DATA.sub(b"<sheetData></sheetData>", sheet, count=1)
        end = sheet.find(b"</sheetData>")
    last = re.search(rb'<row r="(\d+)"', sheet[sheet.rfind(b"<row ", 0, end):end] or b"")
    if end < 0 or (last is not None and int(last.group(1)) >= rows.first):
        raise ValueError(f"{rows.ws.title}: openpyxl's own rows must end above row {rows.first}")
    if rows.last >= rows.first:
        sheet = sheet[:end] + xml + sheet[end:]
        sheet = _DIMENSION.sub(lambda m: b'<dimension ref="%s"/>' % _widened(
            m.group(1).decode(), rows).encode(), sheet, count=1)
    return sheet


def _widened(ref: str, rows: SheetRows) -> str:
    """A sheet's dimension (`A1:I5`) taking in the rows."""
    from ._deps import openpyxl

    utils = openpyxl().utils
    min_col, min_row, max_col, max_row = utils.range_boundaries(ref)
    width = max(len(values) for values, _, _ in rows._rows)
    return (f"{utils.get_column_letter(min(min_col, 1))}{min(min_row, rows.first)}:"
            f"{utils.get_column_letter(max(max_col, width))}{max(max_row, rows.last)}")


def save(wb: Any, rows: Sequence[SheetRows], modified: dt.datetime) -> bytes:
    """The workbook as bytes, with the rows of each `SheetRows`, every zip
    member dated 1980-01-01 and `modified` as its modification time (the
    same bytes for the same contents)."""
    from ._deps import openpyxl

    wb.properties.modified = modified  # openpyxl's `save` would write the time of saving
    out = io.BytesIO()
    archive = _RowsZip(out, rows, wb._cell_styles)  # the workbook's cell styles, by number
    openpyxl().writer.excel.ExcelWriter(wb, archive).save()
    return out.getvalue()
