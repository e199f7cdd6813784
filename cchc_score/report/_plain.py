"""The terminal views' tables and lines as plain text (no colour, no escape
code) without rich's console, which costs a one-file `score` about a fifth
of its run to import and drive.

The views build a `Table` (a description: columns, rows, sections) and hand
it, and their lines of text, to the console `_rich.make_console` chose: a
colour terminal gets rich's `Console` (a `Table` becomes rich's own table
there, `__rich__`); everything else gets `PlainConsole`, which lays the
same table out with rich's own rules and measures (`rich.cells`,
`rich._wrap`, `rich._ratio`: cheap modules), so the text is the same to the
character: column widths measured, shrunk and re-measured as
`rich.table.Table` does, cells wrapped and justified as `rich.text.Text`
does. A test draws random tables both ways and compares them. A table it
does not handle (fewer columns than cells, a cell too narrow to draw) is
handed to rich itself, and so is every table on Windows (where rich draws
boxes differently in legacy consoles).
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

try:  # rich's own measures: private modules, so a rich without them gets rich's console
    from rich._ratio import ratio_reduce
    from rich._wrap import divide_line
    from rich.cells import cell_len, set_cell_size
except ImportError:  # pragma: no cover - every rich this project supports has them
    AVAILABLE = False
else:
    AVAILABLE = True

if TYPE_CHECKING:
    from rich.table import Table as RichTable
    from rich.text import Text

#: the control characters rich's `Text` drops (`rich.control.STRIP_CONTROL_CODES`)
STRIP_CONTROL_CODES = (7, 8, 11, 12, 13)
_STRIP = dict.fromkeys(STRIP_CONTROL_CODES)
_TRAILING_SPACE = re.compile(r"\s+$")
#: the line under a table's header (`rich.box.SIMPLE_HEAD`)
_HEAD_RULE = "─"


class Styled:
    """A cell drawn in a style (in colour only): rich's `Text(text, style=…)`."""

    def __init__(self, text: str, style: str) -> None:
        self.text = text
        self.style = style

    def __rich__(self) -> Text:
        from rich.text import Text

        return Text(self.text, style=self.style)


Cell = str | Styled | None


class Column:
    def __init__(self, header: str, justify: str) -> None:
        self.header = header
        self.justify = justify
        #: never wrapped: a narrow table crops it instead
        self.no_wrap = False


class Row:
    def __init__(self, cells: Sequence[Cell], style: str | None) -> None:
        self.cells = list(cells)
        self.style = style
        self.end_section = False


class Table:
    """A table with light rules (`box`: a rule under the header, a blank line
    between sections) or a borderless list, as `_rich.table` describes it."""

    def __init__(self, title: str | None = None, *, header: bool = True,
                 box: bool = True) -> None:
        self.title = title
        self.header = header
        self.box = box
        self.columns: list[Column] = []
        self.rows: list[Row] = []

    def add_column(self, header: str, justify: str) -> None:
        self.columns.append(Column(header, justify))

    def add_row(self, *cells: Cell, style: str | None = None) -> None:
        self.rows.append(Row(cells, style))

    def add_section(self) -> None:
        if self.rows:
            self.rows[-1].end_section = True

    def __rich__(self) -> RichTable:
        """rich's own table: the colour terminal's, and the plain drawing's
        fallback."""
        from rich import box as boxes
        from rich.table import Table as RichTable

        made = RichTable(title=self.title, title_justify="left", title_style="bold",
                         show_header=self.header,
                         box=boxes.SIMPLE_HEAD if self.box else None, pad_edge=False,
                         collapse_padding=self.box, show_edge=False)
        for column in self.columns:
            # fold, not the default ellipsis: on a narrow terminal a number or a
            # code wraps onto a second line instead of losing digits ("100,…").
            made.add_column(column.header, justify=column.justify,  # type: ignore[arg-type]
                            overflow="fold", no_wrap=column.no_wrap)
        for row in self.rows:
            made.add_row(*row.cells, style=row.style, end_section=row.end_section)
        return made


class _Unsupported(Exception):
    """A table the plain drawing leaves to rich."""


class PlainConsole:
    """What the text views print with when the output is no colour terminal:
    `print` a line of text (wrapped at the width), a `Table`, or nothing (a
    blank line), into `file`."""

    is_terminal = False

    def __init__(self, file: io.StringIO, width: int) -> None:
        self.file = file
        self.width = width

    def print(self, item: str | Table | None = None, *, style: str | None = None) -> None:
        if item is None:
            self.file.write("\n")
            return
        if isinstance(item, str):
            lines = wrap(_clean(item), self.width, "default", no_wrap=False)
        else:
            try:
                lines = list(_table_lines(item, self.width))
            except _Unsupported:
                lines = _by_rich(item, self.width)
        for line in lines:
            if cell_len(line) > self.width:
                line = set_cell_size(line, self.width)
            self.file.write(line + "\n")


def _by_rich(table: Table, width: int) -> list[str]:
    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=width, force_terminal=False, no_color=True, color_system=None,
            highlight=False, markup=False, emoji=False, soft_wrap=False).print(table)
    return out.getvalue().splitlines()


def _clean(text: str) -> str:
    return text.translate(_STRIP)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    return _clean(cell.text if isinstance(cell, Styled) else cell)


# -- text: `rich.text.Text.wrap` ------------------------------------------------------


def wrap(text: str, width: int, justify: str, *, no_wrap: bool) -> list[str]:
    """The lines `Text(text).wrap(width, justify=…, overflow="fold")` gives."""
    lines: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            line = _expand_tabs(line)
        if no_wrap:
            pieces = [line]
        else:
            offsets = divide_line(line, width, fold=True)
            pieces = [_rstrip_end(p, width) for p in _divide(line, offsets)]
        if justify == "left":
            pieces = [_truncate(p, width, pad=True) for p in pieces]
        elif justify == "right":
            pieces = [_pad_left(_truncate(p.rstrip(), width), width) for p in pieces]
        elif justify != "default":
            raise _Unsupported(justify)
        lines.extend(_truncate(p, width) for p in pieces)
    return lines


def _divide(text: str, offsets: list[int]) -> list[str]:
    bounds = [0, *offsets, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _rstrip_end(text: str, size: int) -> str:
    """Whitespace beyond `size` removed from the end (`Text.rstrip_end`)."""
    if len(text) > size:
        found = _TRAILING_SPACE.search(text)
        if found is not None:
            return text[:-min(len(found.group(0)), len(text) - size)]
    return text


def _truncate(text: str, width: int, *, pad: bool = False) -> str:
    length = cell_len(text)
    if length > width:
        text = set_cell_size(text, width)
    if pad and length < width:
        text += " " * (width - length)
    return text


def _pad_left(text: str, width: int) -> str:
    return " " * (width - cell_len(text)) + text


def _expand_tabs(line: str, tab_size: int = 8) -> str:
    parts = re.split(r"(?<=\t)", line)
    out = []
    position = 0
    for part in parts:
        if part.endswith("\t"):
            part = part[:-1] + " "
            position += cell_len(part)
            remainder = position % tab_size
            if remainder:
                part += " " * (tab_size - remainder)
                position += tab_size - remainder
        else:
            position += cell_len(part)
        out.append(part)
    return "".join(out)


# -- tables: `rich.table.Table` with pad_edge=False, show_edge=False -----------------


def _measure_text(text: str) -> tuple[int, int]:
    """(min, max) cells of a text: its longest word, its longest line."""
    lines = text.splitlines()
    widest = max(cell_len(line) for line in lines) if lines else 0
    words = text.split()
    return (max(cell_len(word) for word in words) if words else widest), widest


def _normalize(low: int, high: int) -> tuple[int, int]:
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def _measure(text: str, left: int, right: int, max_width: int) -> tuple[int, int]:
    """`Measurement.get` of a padded cell."""
    if max_width < 1:
        return 0, 0
    if max_width - left - right < 1:
        low, high = max_width, max_width
    else:
        low, high = _measure_text(text)  # the inner text, measured at the same width
        low, high = _normalize(low, high)
        low, high = min(low, max_width), min(high, max_width)
        if high < 1:
            low, high = 0, 0
        else:
            low, high = _normalize(low, high)
        low, high = min(low + left + right, max_width), min(high + left + right, max_width)
    low, high = _normalize(low, high)
    low, high = min(low, max_width), min(high, max_width)
    if high < 1:
        return 0, 0
    return _normalize(low, high)


def _paddings(table: Table) -> list[tuple[int, int]]:
    """(left, right) padding of each column's cells."""
    count = len(table.columns)
    out = []
    for i in range(count):
        left, right = 1, 1
        if table.box and i:  # collapse_padding
            left = 0
        if i == 0:
            left = 0
        if i == count - 1:
            right = 0
        out.append((left, right))
    return out


def _cells(table: Table, index: int) -> list[str]:
    column = table.columns[index]
    cells = [_text(row.cells[index]) for row in table.rows]
    return [_clean(column.header), *cells] if table.header else cells


def _measure_column(table: Table, index: int, max_width: int,
                    padding: tuple[int, int]) -> tuple[int, int]:
    if max_width < 1:
        return 0, 0
    measured = [_measure(text, *padding, max_width) for text in _cells(table, index)]
    low = max(m[0] for m in measured) if measured else 1
    high = max(m[1] for m in measured) if measured else max_width
    return min(low, max_width), min(high, max_width)


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """`Table._collapse_widths`: the widest wrapable columns shrunk first."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(w if ok and w != widest else 0
                         for w, ok in zip(widths, wrapable, strict=True))
            difference = widest - second
            ratios = [1 if (w == widest and ok) else 0
                      for w, ok in zip(widths, wrapable, strict=True)]
            if not any(ratios) or not difference:
                break
            widths = ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths),
                                  widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _widths(table: Table, max_width: int, paddings: list[tuple[int, int]]) -> list[int]:
    """`Table._calculate_column_widths` (no expand, no fixed widths)."""
    count = len(table.columns)
    widths = [_measure_column(table, i, max_width, paddings[i])[1] or 1 for i in range(count)]
    if sum(widths) > max_width:
        widths = _collapse(widths, [not c.no_wrap for c in table.columns], max_width)
        if sum(widths) > max_width:
            widths = ratio_reduce(sum(widths) - max_width, [1] * count, widths, widths)
        widths = [_measure_column(table, i, width, paddings[i])[1] or 0
                  for i, width in enumerate(widths)]
    return widths


def _draw_cell(text: str, width: int, padding: tuple[int, int], column: Column
               ) -> list[str]:
    left, right = padding
    inner = width - left - right
    if inner < 1:
        raise _Unsupported("no room for a cell")
    lines = wrap(text, inner, column.justify, no_wrap=column.no_wrap)
    return [" " * left + set_cell_size(line, inner) + " " * right for line in lines]


def _table_lines(table: Table, width: int) -> Iterator[str]:
    if not table.columns:
        yield ""
        return
    if any(len(row.cells) > len(table.columns) for row in table.rows):
        raise _Unsupported("more cells than columns")
    for row in table.rows:
        row.cells += [None] * (len(table.columns) - len(row.cells))
    extra = len(table.columns) - 1 if table.box else 0
    paddings = _paddings(table)
    widths = _widths(table, width - extra, paddings)
    table_width = sum(widths) + extra
    if any(w < 1 for w in widths):
        raise _Unsupported("a column of no width")
    rows: list[tuple[list[str], bool, bool]] = []  # cells, header, end of section
    if table.header:
        rows.append(([_clean(c.header) for c in table.columns], True, False))
    rows += [([_text(c) for c in row.cells], False, row.end_section) for row in table.rows]
    if table.title:
        yield from wrap(_clean(table.title), table_width, "left", no_wrap=False)
    divider = " " if table.box else ""
    for number, (texts, header, end_section) in enumerate(rows):
        drawn = [_draw_cell(text, w, padding, column) for text, w, padding, column
                 in zip(texts, widths, paddings, table.columns, strict=True)]
        height = max(len(lines) for lines in drawn)
        for lines, w in zip(drawn, widths, strict=True):
            blank = [" " * w] * (height - len(lines))
            lines[:] = [*blank, *lines] if header else [*lines, *blank]
        for line_no in range(height):
            yield divider.join(lines[line_no] for lines in drawn)
        last = number == len(rows) - 1
        if table.box and header:
            yield _HEAD_RULE * table_width
        elif table.box and end_section and not last:
            yield " " * table_width


def plain_table_text(table: Table, width: int) -> str:
    """The table as `PlainConsole` prints it (tests compare it with rich's)."""
    out = io.StringIO()
    PlainConsole(out, width).print(table)
    return out.getvalue()


def rich_table_text(table: Any, width: int) -> str:
    """The same table printed by rich's console (plain, no colour)."""
    return "\n".join(_by_rich(table, width)) + "\n"
