"""Reading the criteria tables of a decision's annex published as Word
(.docx), with python-docx (the `word` extra, imported lazily).

A decision's annex often spreads its table over several Word tables (one
per page or per component), repeats the header row on each, merges cells
down (a code or a title beside its option rows) and across (a component's
title over the whole row). The tables are read in order into one list of
`AnnexRow`s:

- tables before the first one with a criteria header (a heading laid out
  as a table, the "CỘNG HÒA …" block) are skipped, as are the tables after
  the criteria that have a header of their own but not a criteria one;
- a repeated header row, and the "(1) (2) (3)" column-numbering row, are
  skipped;
- a cell merged down reads blank below its first row (as in Excel), a cell
  merged across reads the same value in each column it covers;
- a cell's paragraphs are joined by line breaks, so options written on
  their own lines inside a title cell stay apart.

Rows are numbered across the criteria tables from 1 (the first table's
header row), the number a message gives as its "row".
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

from .._i18n import msg
from .._io_errors import os_problem
from .._model import Issue, Location
from ..exceptions import InputError
from . import _annex, _cells


def _docx(path: Path) -> Any:
    try:
        return importlib.import_module("docx")
    except ImportError:
        raise InputError([Issue("error", msg("office.no_docx"), Location(str(path)))]) from None


def open_document(path: Path) -> Any:
    module = _docx(path)
    try:
        return module.Document(str(path))
    except OSError as e:
        raise InputError([Issue("error", msg("crit.read", error=os_problem(e)),
                                Location(str(path)))]) from None
    except Exception as e:  # python-docx raises many kinds for a damaged file
        with open(path, "rb") as handle:
            old = handle.read(4) == b"\xd0\xcf\x11\xe0"
        why: Any = msg("office.doc") if old else (str(e).splitlines() or [type(e).__name__])[0]
        raise InputError([Issue("error", msg("office.unreadable_docx", error=why),
                                Location(str(path)))]) from None


_CODED = re.compile(r"^\d+(\.\d+)+$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BREAKS = {f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}tab": " "}


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs, one per line (a line break inside a paragraph
    also starts a line)."""
    lines = []
    for p in tc.iter(f"{_W}p"):
        words = "".join(e.text or "" if e.tag == f"{_W}t" else _BREAKS.get(e.tag, "")
                        for e in p.iter())
        if words.strip():
            lines.append(words)
    return "\n".join(lines)


def table_rows(table: Any) -> list[list[Any]]:
    """The grid of one table: merged-down cells blank after their first
    row, merged-across cells repeated in each column they cover."""
    grid: list[list[Any]] = []
    for tr in table._tbl.tr_lst:
        cells: list[Any] = []
        for tc in tr.tc_lst:
            value: Any = None if tc.vMerge == "continue" else (_cell_text(tc) or None)
            cells.extend([value] * max(tc.grid_span, 1))
        grid.append(cells)
    return grid


def read_docx(path: Path) -> tuple[_annex.Annex, list[str]]:
    """The annex's criteria rows, and the document's paragraphs (for the
    heading and the year)."""
    document = open_document(path)
    paragraphs = [_cells.text(p.text) for p in document.paragraphs if p.text.strip()]
    rows: list[_annex.AnnexRow] = []
    number = 0
    header_row = 0
    roles: dict[str, int] | None = None
    width = 0
    title = ""
    skipped: list[tuple[int, int]] = []
    for index, table in enumerate(document.tables, 1):
        grid = table_rows(table)
        if not grid:
            continue
        found = _annex.find_roles(enumerate(grid), limit=5)
        if found is not None:
            start, columns = found
            data = grid[start + 1:]
            roles = _annex.complete_roles(columns, data)
            if not header_row:
                header_row = number + start + 1
                title = _longest(c for r in grid[:start] for c in r)
        elif roles is None or len(grid[0]) != width:
            # the heading block before the criteria, a signature block after;
            # a table holding codes is said to be left out, never dropped silently
            if roles is not None and any(_CODED.match(_cells.code(c)) for r in grid for c in r):
                skipped.append((index, len(grid)))
            continue
        else:
            start, data = -1, grid
        width = len(grid[0])
        number += start + 1
        for cells in data:
            number += 1
            if _annex.is_header(cells, roles):
                continue
            rows.append(_annex.annex_row(number, cells, roles))
    return _annex.Annex(tuple(rows), title or heading(paragraphs), "Word", header_row,
                        roles is not None, tuple(skipped)), paragraphs


#: a table's own heading paragraph: "Bảng II – …", "BẢNG 1. …"
_TABLE_HEADING = re.compile(r"bang\s+([0-9]+|[ivxlc]+)\b")


def heading(paragraphs: list[str]) -> str:
    """The set's title among the document's paragraphs: the table's own
    heading ("Bảng II – …") when there is one, else the longest paragraph
    naming criteria, else the first ("PHỤ LỤC I" says only which annex)."""
    for paragraph in paragraphs:
        if _TABLE_HEADING.match(_cells.plain_fold(paragraph)):
            return paragraph
    return max((p for p in paragraphs if "chỉ số" in p.casefold() or "tiêu chí" in
                p.casefold()), key=len, default=paragraphs[0] if paragraphs else "")


def _longest(cells: Any) -> str:
    """The longest text among `cells`: a title row merged above the header
    reads the same text in each column it covers."""
    return max((_cells.text(c) for c in cells), key=len, default="")
