"""What a spreadsheet cell holds, read the way a person meant it: numbers
stored as text, decimal commas, percentages formatted as 96%, dates, merged
ranges, stray spaces; and headers recognised by their words, not their column."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from .._numbers import read_number, spell
from ..rules import ascii_fold

_SPACES = re.compile(r"\s+")


def text(value: Any) -> str:
    """A cell as text: NFC, whitespace (newlines, non-breaking spaces) collapsed."""
    if value is None:
        return ""
    if isinstance(value, float | Decimal) or (isinstance(value, int)
                                               and not isinstance(value, bool)):
        value = spell(value)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ")).strip()


def plain_fold(value: Any) -> str:
    """Lower case without diacritics ("Điểm tự chấm" → "diem tu cham"), for
    matching headers and labels typed with or without accents."""
    return ascii_fold(text(value))


def number(value: Any, number_format: str = "General") -> Decimal | None:
    """A cell as an exact number, or None when it is not one.

    Floats go through their shortest repr (96.5, never 96.4999…). A cell
    formatted as a percentage holds a fraction (0.965 shown as 96.5%): it is
    returned in percent, as the forms ask for. Every number goes through
    `parse_decimal`'s guard: 17 digits, 1e-30 or NaN is None, not a traceback.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal | str):
        result = read_number(value)
        if result is not None and "%" in (number_format or "") and not isinstance(value, str):
            result = result * 100
        return result
    return None


def value(value: Any, number_format: str = "General") -> Any:
    """A fact cell as the raw value an assessment file would hold: None when
    blank, a date for a date cell, an exact Decimal for a number, else the
    text (which the rules parse, decimal commas included)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date | bool):
        return value
    if isinstance(value, int | float | Decimal):
        # A number out of range stays the text it is, for the rule to refuse
        # with its code: read as blank it would silently score nothing.
        found = number(value, number_format)
        return found if found is not None else spell(value)
    t = text(value)
    return t or None


def code(value: Any) -> str:
    """The STT/code cell as text: 3.1 typed as a number reads "3.1"; stray
    spaces anywhere are dropped; a trailing dot ("1.") is dropped."""
    if value is None or isinstance(value, bool):
        return ""
    raw = spell(value) if isinstance(value, float | Decimal) else str(value)
    raw = re.sub(r"\s+", "", unicodedata.normalize("NFC", raw).replace("\u00a0", ""))
    return raw.rstrip(".") if re.fullmatch(r"\d+(\.\d+)*\.", raw) else raw


def used_rows(ws: Any, min_row: int = 1, max_col: int | None = None
              ) -> Iterator[tuple[int, list[Any]]]:
    """The rows of `ws` from `min_row` that hold a cell in the first `max_col`
    columns, in order, each as its cells (None where there is none).

    By the cells the sheet stores, not its nominal dimension: one stray
    cell at row 1,048,576 costs one row, not a million rows of blank cells
    (openpyxl's `iter_rows` creates every cell of the range it walks).
    """
    stored = ws._cells  # openpyxl keeps the cells read from the file by (row, column)
    width = max_col if max_col is not None else max((c for _, c in stored), default=0)
    rows = sorted({r for r, c in stored if r >= min_row and c <= width})
    for r in rows:
        yield r, [stored.get((r, c)) for c in range(1, width + 1)]


def merged_across(ws: Any) -> dict[tuple[int, int], Any]:
    """(row, column) of every cell hidden on the first row of a merged range
    → the value of the range's top-left cell, where Excel keeps it: a title
    merged across columns on its own row reads in each of them. The rows
    below are left out: repeated down them, a code or a value would be read
    once per row."""
    found: dict[tuple[int, int], Any] = {}
    for rng in ws.merged_cells.ranges:
        top = ws.cell(rng.min_row, rng.min_col).value
        for c in range(rng.min_col + 1, rng.max_col + 1):
            found[(rng.min_row, c)] = top
    return found


def find_header(rows: Iterable[tuple[int, Sequence[Any]]],
                fields: Mapping[str, Sequence[str]], required: Sequence[str],
                limit: int = 40) -> tuple[int, dict[str, int]] | None:
    """The first row (within `limit` rows) whose cells name every `required`
    field. `fields` maps a field to the words that identify its header
    (matched without diacritics, first field first, each cell used once).
    Returns (row number, field → 0-based column)."""
    for count, (row_number, cells) in enumerate(rows):
        if count >= limit:
            break
        columns = match_headers(cells, fields)
        if all(f in columns for f in required):
            return row_number, columns
    return None


def match_headers(cells: Sequence[Any], fields: Mapping[str, Sequence[str]]) -> dict[str, int]:
    headers = [(i, plain_fold(c)) for i, c in enumerate(cells) if isinstance(c, str) and c.strip()]
    taken: set[int] = set()
    columns: dict[str, int] = {}
    for field, words in fields.items():
        for i, head in headers:
            if i in taken:
                continue
            if any(_matches(head, w) for w in words):
                columns[field] = i
                taken.add(i)
                break
    return columns


def _matches(head: str, word: str) -> bool:
    if word.startswith("="):
        return head == word[1:]
    return word in head
