"""A criteria annex as rows of cells, whatever file it came from.

An annex is a table: a code (STT), the criterion's title, its maximum, and
in civil layouts a guidance column ("Hướng dẫn chấm / Thang điểm") and an
evidence column ("Tài liệu kiểm chứng"). Excel workbooks and Word tables
are both read into `AnnexRow`s holding the raw cells of those roles, so
that the same row reading, checks and repairs apply to both.

Column roles are found from the header's words first, then checked and
completed from the content: the maximum is the column whose cells are
mostly numbers ("1", "0,5", "1 điểm", "0,5đ"), the code the one that
mostly holds codes (1.2, II, a), the title the one with the longest text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from . import _cells

#: header words of each role, first role first (each header cell is used once);
#: "guide" comes before "title" so that "Hướng dẫn chấm tiêu chí" is guidance
FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("=stt", "=tt", "=ma", "ma so", "ma tieu chi", "stt", "so tt", "so thu tu"),
    "guide": ("huong dan", "cach cham", "phuong phap cham", "cach tinh diem", "thang diem",
              "muc cham"),
    "title": ("tieu chi", "noi dung", "linh vuc"),
    "max": ("toi da", "diem chuan", "=diem", "=so diem", "diem quy dinh"),
    "evidence": ("kiem chung", "tai lieu"),
    "scored": ("tu cham", "tham dinh", "dat duoc", "ghi chu"),
}
ROLES = ("code", "title", "max", "guide")
_POINTS_WORD = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:điểm|đ)?\s*\.?$", re.IGNORECASE)
_LABEL = re.compile(r"^(?:[IVXLC]+|[A-Za-zđĐ]|\d+(?:\.\d+)*)[.)]?$")


@attrs.frozen
class AnnexRow:
    """The cells of one table row by role (raw values; None when absent)."""

    row: int
    code: Any = None
    title: Any = None
    max: Any = None
    guide: Any = None


@attrs.frozen
class Annex:
    """The rows of an annex's criteria table(s), with where they came from."""

    rows: tuple[AnnexRow, ...]
    heading: str
    where: str
    header_row: int
    found_header: bool = True
    #: Word tables after the criteria began that were left out although they
    #: hold codes (no header, another number of columns): (table number, rows)
    skipped: tuple[tuple[int, int], ...] = ()


def points(value: Any) -> Decimal | None:
    """A maximum or an option's points as a number: 1, "0,5", "1,0",
    "1 điểm", "0,5đ" (the words go, the number is read by `_cells.number`)."""
    if isinstance(value, str):
        m = _POINTS_WORD.match(_cells.text(value))
        if m is None:
            return None
        value = m.group(1)
    return _cells.number(value)


def find_roles(rows: Iterable[tuple[int, Sequence[Any]]], limit: int = 40
               ) -> tuple[int, dict[str, int]] | None:
    """The header row (within `limit` rows) naming a code and a title
    column, and the role → 0-based column map it gives."""
    for count, (number, cells) in enumerate(rows):
        if count >= limit:
            break
        columns = _cells.match_headers(cells, FIELDS)
        if "code" in columns and "title" in columns and ("max" in columns or "guide" in columns
                                                          or len(columns) >= 3):
            return number, columns
    return None


def is_header(cells: Sequence[Any], roles: dict[str, int] | None = None) -> bool:
    """A header row repeated further down (Word repeats it on every page,
    and people paste it again): its code and title cells (where `roles`
    puts them) hold the header's words."""
    columns = _cells.match_headers(cells, FIELDS)
    if roles is not None and "code" in roles and "title" in roles:
        if columns.get("code") == roles["code"] and columns.get("title") == roles["title"]:
            return True
    elif "code" in columns and "title" in columns:
        return True
    # the second row of a two-row header, under a merged "Điểm": only the
    # points columns' words ("Tối đa | Tự chấm | Thẩm định"), never a title
    words = {_cells.plain_fold(c) for c in cells if isinstance(c, str) and c.strip()}
    return len(words) >= 2 and all(
        _cells.match_headers([w], {"any": (*FIELDS["max"], *FIELDS["scored"])}) for w in words)


def complete_roles(columns: dict[str, int], data: Sequence[Sequence[Any]]) -> dict[str, int]:
    """Check the header's roles against the content and fill in the
    missing ones: a "max" column must mostly hold numbers (else the most
    numeric free column is the maximum, a guidance column that holds only
    numbers included); a missing code or title column is the one that
    mostly holds codes, or the longest text."""
    width = max((len(r) for r in data), default=0)
    roles = dict(columns)
    numeric = {c: _share(data, c, lambda v: points(v) is not None) for c in range(width)}
    taken = set(roles.values())
    if "max" not in roles or numeric.get(roles["max"], 0) < 0.5:
        free = [c for c in range(width) if (c not in taken or c == roles.get("guide"))
                and c != roles.get("code") and c != roles.get("title")]
        best = max(free, key=lambda c: numeric[c], default=None)
        if best is not None and numeric[best] >= 0.5:
            if roles.get("guide") == best:
                del roles["guide"]
            roles["max"] = best
    if "code" not in roles:
        coded = {c: _share(data, c, lambda v: bool(_LABEL.match(_cells.code(v))))
                 for c in range(width) if c not in roles.values()}
        best = max(coded, key=lambda c: coded[c], default=None)
        if best is not None and coded[best] >= 0.3:
            roles["code"] = best
    if "title" not in roles:
        lengths = {c: sum(len(_cells.text(r[c])) for r in data if c < len(r))
                   for c in range(width) if c not in roles.values()}
        best = max(lengths, key=lambda c: lengths[c], default=None)
        if best is not None:
            roles["title"] = best
    return roles


def _share(data: Sequence[Sequence[Any]], column: int, test: Any) -> float:
    values = [r[column] for r in data if column < len(r) and _cells.text(r[column])]
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def by_content(data: Sequence[Sequence[Any]]) -> dict[str, int]:
    """Roles for a table without a header row, from the content alone."""
    return complete_roles({}, data)


def annex_row(number: int, cells: Sequence[Any], roles: dict[str, int]) -> AnnexRow:
    def get(role: str) -> Any:
        c = roles.get(role)
        return cells[c] if c is not None and c < len(cells) else None

    return AnnexRow(number, get("code"), get("title"), get("max"), get("guide"))


# -- Excel ---------------------------------------------------------------------------


def read_sheet(ws: Any, header_row: int, columns: dict[str, int]) -> Annex:
    """The rows of a worksheet below its header. A cell hidden in a range
    merged across reads the range's value (a title merged over the points
    columns); down a merged range it stays blank."""
    merged = _cells.merged_across(ws)
    heading = ""
    for r in range(1, header_row):
        for c in range(1, 12):
            words = _cells.text(ws.cell(r, c).value)
            if len(words) > len(heading):
                heading = words
    width = max(columns.values()) + 1 if columns else min(ws.max_column or 1, 30)
    grid: list[tuple[int, list[Any]]] = []
    # by the rows the sheet stores: a stray cell in the last row costs one row
    for r, cells in _cells.used_rows(ws, header_row + 1, max(width, 1)):
        values = [c.value if c is not None and c.value is not None else merged.get((r, i + 1))
                  for i, c in enumerate(cells)]
        grid.append((r, values))
    roles = complete_roles(columns, [v for _, v in grid]) if columns else by_content(
        [v for _, v in grid])
    rows = tuple(annex_row(r, v, roles) for r, v in grid if not is_header(v, roles))
    return Annex(rows, heading, ws.title, header_row, bool(columns))
