"""Looks shared by the workbooks we write: header cells, fills, borders,
column widths and print setup (A4 landscape, header rows repeated)."""

from __future__ import annotations

import copy
import functools
import weakref
from collections.abc import Callable, Collection, Sequence
from typing import Any

HEADER_FILL = "DDEBF7"
COMPONENT_FILL = "E7E6E6"
INPUT_FILL = "FFF2CC"
SURVEY_FILL = "EDEDED"
LOST_FILL = "F8CBAD"


def styles() -> Any:
    from ._deps import openpyxl

    return openpyxl().styles


# The style values below are built once and shared by every cell: openpyxl
# interns each value a cell is given by comparing it with the workbook's
# (slow for a new object each time), and the values are never changed in place.


@functools.cache
def fill(color: str) -> Any:
    return styles().PatternFill("solid", start_color=color, end_color=color)


@functools.cache
def thin_border() -> Any:
    s = styles()
    side = s.Side(style="thin", color="999999")
    return s.Border(left=side, right=side, top=side, bottom=side)


@functools.cache
def _body_alignment(wrap: bool) -> Any:
    return styles().Alignment(vertical="top", wrap_text=wrap)


@functools.cache
def _font(bold: bool, italic: bool) -> Any:
    return styles().Font(bold=bold, italic=italic)


def header_row(ws: Any, row: int, headers: Sequence[str]) -> None:
    def look(cell: Any) -> None:
        s = styles()
        cell.font = s.Font(bold=True)
        cell.fill = fill(HEADER_FILL)
        cell.alignment = s.Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = thin_border()

    for col, text in enumerate(headers, start=1):
        _styled(ws.cell(row, col, text), ("header",), look)


def group_row(ws: Any, row: int, text: str, columns: int) -> None:
    """A group's heading inside a table: bold, shaded, across the table."""
    def look(cell: Any) -> None:
        cell.font = _font(True, False)
        cell.fill = fill(COMPONENT_FILL)
        cell.alignment = styles().Alignment(vertical="center")

    _styled(ws.cell(row, 1, text), ("group",), look)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    ws.row_dimensions[row].height = 20


def page_break(ws: Any, after_row: int) -> None:
    """Start a new printed page after `after_row`."""
    from ._deps import openpyxl

    ws.row_breaks.append(openpyxl().worksheet.pagebreak.Break(id=after_row))


def title_row(ws: Any, row: int, text: str, columns: int, *, size: int = 12,
              bold: bool = True) -> None:
    def look(cell: Any) -> None:
        s = styles()
        cell.font = s.Font(bold=bold, size=size)
        cell.alignment = s.Alignment(horizontal="center", vertical="center", wrap_text=True)

    _styled(ws.cell(row, 1, text), ("title", bold, size), look)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)


def widths(ws: Any, sizes: Sequence[int]) -> None:
    from ._deps import openpyxl

    letter = openpyxl().utils.get_column_letter
    for i, size in enumerate(sizes, start=1):
        ws.column_dimensions[letter(i)].width = size


def print_setup(ws: Any, header_row_number: int, columns: int,
                last_row: int | None = None) -> None:
    """A4 landscape, fit to the page width, the header row repeated on every
    page, narrow margins: how these tables are printed and signed. The
    print area ends at `last_row`, by default the sheet's last row."""
    from ._deps import openpyxl

    letter = openpyxl().utils.get_column_letter
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row_number}:{header_row_number}"
    last = ws.max_row if last_row is None else max(ws.max_row, last_row)
    ws.print_area = f"A1:{letter(columns)}{max(last, header_row_number)}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def protect(ws: Any) -> None:
    """Lock the sheet without a password, as offices expect (Review →
    Unprotect Sheet undoes it): formulas, codes and maxima cannot be typed
    over by mistake, only cells marked with `unlock` take input. Rows and
    columns may still be resized."""
    protection = ws.protection
    protection.sheet = True
    protection.formatRows = False
    protection.formatColumns = False
    protection.formatCells = False


@functools.cache
def _unlocked() -> Any:
    return styles().Protection(locked=False)


def unlock(cell: Any) -> None:
    cell.protection = _unlocked()


def body_cell(cell: Any, *, wrap: bool = False, bold: bool = False, italic: bool = False,
              color: str | None = None, number_format: str | None = None,
              font_color: str | None = None) -> None:
    """A table cell's look (thin border, top-aligned, optional wrap, bold,
    italic, fill, number format, font colour), registered once per workbook
    and look as a named style. Setting border, alignment, font and fill one
    by one made openpyxl hash each value against the workbook's for every
    cell (most of the time of a large results workbook); even assigning
    the style by name looks it up in a list: the style ids it stands for
    are copied into the cell instead (openpyxl's `StyleArray`)."""
    cell._style = copy.copy(body_style(cell.parent.parent, wrap=wrap, bold=bold, italic=italic,
                                       color=color, number_format=number_format,
                                       font_color=font_color))


def body_style(wb: Any, *, wrap: bool = False, bold: bool = False, italic: bool = False,
               color: str | None = None, number_format: str | None = None,
               font_color: str | None = None) -> Any:
    """The style ids of a table cell's look in `wb` (see `body_cell`), the
    same object for the same look: not to be changed."""
    return _named(wb, (wrap, bold, italic, color, number_format, font_color))


#: workbook → {look: the style ids of its named style}
_NAMED: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Any]] = \
    weakref.WeakKeyDictionary()


def _named(wb: Any, look: tuple[Any, ...]) -> Any:
    looks = _NAMED.setdefault(wb, {})
    ids = looks.get(look)
    if ids is None:
        wrap, bold, italic, color, number_format, font_color = look
        s = styles()
        if bold or italic or font_color:
            font = s.Font(bold=bold, italic=italic, color=font_color)
        else:
            font = copy.copy(s.fonts.DEFAULT_FONT)  # what an unstyled cell shows
        style = s.NamedStyle(
            name=f"cchc {len(looks) + 1}", font=font,
            fill=fill(color) if color else s.PatternFill(), border=thin_border(),
            alignment=_body_alignment(wrap), number_format=number_format or "General")
        wb.add_named_style(style)
        ids = looks[look] = style.as_tuple()
    return ids


#: workbook → {key: the style ids `_styled` gave a cell for that key}
_STYLED: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Any]] = \
    weakref.WeakKeyDictionary()


def _styled(cell: Any, key: tuple[Any, ...], look: Callable[[Any], None]) -> None:
    """Give `cell` the look `look` gives it, worked out once per workbook
    and `key`: the other cells get the style ids it came to (assigning each
    font, fill and alignment makes openpyxl hash it against the workbook's)."""
    done = _STYLED.setdefault(cell.parent.parent, {})
    ids = done.get(key)
    if ids is None:
        look(cell)
        done[key] = copy.copy(cell._style)
    else:
        cell._style = copy.copy(ids)


#: points per line of 11 pt text, and characters per unit of column width
#: (Vietnamese text with diacritics runs a little wider than the digits
#: Excel's unit is measured in)
LINE_HEIGHT = 15.0
CHARS_PER_WIDTH = 1.1


def chars_per_line(ws: Any, column: int) -> int:
    """How many characters of 11 pt text a line of the column holds."""
    from ._deps import openpyxl

    width = ws.column_dimensions[openpyxl().utils.get_column_letter(column)].width
    return max(1, int((width or 10) * CHARS_PER_WIDTH))


def lines_of(value: Any, per_line: int) -> int:
    """The lines a cell's value takes wrapped at `per_line` characters (1
    for anything but text)."""
    if not isinstance(value, str):
        return 1
    return max(1, sum(-(-max(len(part), 1) // per_line) for part in value.split("\n")))


def fit_heights(ws: Any, first: int, last: int,
                wrap_columns: Collection[int] | None = None) -> None:
    """Set each row's height to show its wrapped text whole, from the column
    widths (so call it after `widths`). Excel and LibreOffice do not
    re-measure the rows of a file they open: wrapped text would be cut off
    at one line. `wrap_columns`: the columns that wrap, when the caller
    knows them (then only the values are read, not each cell's style)."""
    columns = ws.max_column  # computed over every cell: once, not per row
    per_line = [chars_per_line(ws, col) for col in range(1, columns + 1)]
    rows = ws.iter_rows(min_row=first, max_row=last, max_col=columns,
                        values_only=wrap_columns is not None)
    for row, cells in enumerate(rows, start=first):
        if wrap_columns is not None:
            texts = [(cells[c - 1], per_line[c - 1]) for c in wrap_columns if c <= columns]
        else:
            texts = [(cell.value, per_line[cell.column - 1]) for cell in cells
                     if cell.alignment and cell.alignment.wrap_text]
        lines = max((lines_of(value, width) for value, width in texts), default=1)
        ws.row_dimensions[row].height = lines * LINE_HEIGHT
