"""One printed scoring option: its words, its points, its row.

Points are read from the option's own words where it states them (": 0,5",
"1 điểm", "0,5đ", "(1 điểm)", "1 điểm: nếu …"), else from the points cell
beside it; when both are given and differ the words win (they are what the
decision says) and the difference is reported.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs

from .._i18n import Msg, msg
from ._cells import number as cell_number
from ._cells import text as cell_text

#: an option's points written in its text: a trailing ": 0,5" / ":2" / ": 1.5 điểm",
#: or (civil layouts) a trailing "1 điểm", "0,5đ", "(1 điểm)", "- 1 điểm", or
#: a leading "1 điểm: …" / "1 điểm - nếu …"
_POINTS = re.compile(
    r"(?:[:：]\s*(?P<a>\d+(?:[.,]\d+)?)\s*(?:điểm|đ)?\.?"
    r"|(?:\(\s*|[-–—=]\s*|,\s*|\s)(?:được\s+|đạt\s+|cho\s+)?(?P<b>\d+(?:[.,]\d+)?)\s*"
    r"(?:điểm|đ)\s*\)?\.?)\s*$"
    r"|^\s*(?P<c>\d+(?:[.,]\d+)?)\s*(?:điểm|đ)\s*[:：\-–—]\s*(?:nếu\s+)?",
    re.IGNORECASE)


def _points_text(words: str) -> str | None:
    m = _POINTS.search(words)
    return (m.group("a") or m.group("b") or m.group("c")) if m else None


def has_points(words: str) -> bool:
    """Whether a line states its points ("…: 1", "… 1 điểm", "0,5đ")."""
    return _POINTS.search(words) is not None
@attrs.frozen
class OptionRow:
    """One printed option under a leaf: its text, its points, its row."""

    text: str
    points: Decimal | None
    row: int | None = None

    @property
    def label(self) -> str:
        """The option's words without the trailing points (": 0,5")."""
        label = _POINTS.sub("", self.text).strip().rstrip(":").strip()
        return label[:1].upper() + label[1:] if _POINTS.match(self.text) else label

    @property
    def short_label(self) -> str:
        """The label without explanations in brackets and stray quotation
        marks: what a drop-down list shows (the full text stays in the
        criteria file's `source_text`)."""
        t = re.sub(r"\s*\([^)]*\)", "", self.label)
        if stray_quote(t):
            t = re.sub(r"[\"“”]", "", t)
        return re.sub(r"\s+", " ", t).strip(" :") or self.label


def stray_quote(words: str) -> bool:
    """An opening or closing quotation mark without its pair."""
    return words.count('"') % 2 == 1 or words.count("“") != words.count("”")


def option_from_cells(title: Any, points_cell: Any, row: int | None = None
                      ) -> tuple[OptionRow, Msg | None]:
    """An option from its title and points cells. Points come from the
    points cell, else from the text's ": 0,5" suffix; when both are given
    and differ the text wins (it is what the decision says) and a problem
    is returned."""
    words = cell_text(title)
    written = _points_text(words)
    from_text = cell_number(written) if written is not None else None
    from_cell: Decimal | None = None
    if points_cell is not None and cell_text(points_cell):
        from_cell = cell_number(points_cell if not isinstance(points_cell, str)
                                else cell_text(points_cell))
    problem = None
    if from_text is not None and from_cell is not None and from_text != from_cell:
        problem = msg("office.points_differ", text=from_text, cell=from_cell)
    points = from_text if from_text is not None else from_cell
    return OptionRow(words, points, row), problem
