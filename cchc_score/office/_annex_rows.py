"""From an annex's rows to coded nodes and their printed options.

Two layouts are read:

- the official workbook: a code on each criterion's row, one row per
  scoring option below it with no code ("Ban hành kịp thời: 2");
- civil layouts of a decision's annex: components numbered I, II, III or
  A, B, C with criteria numbered 1, 2 (or 1.1) inside them and
  sub-criteria lettered a, b, c; the options written inside the title cell
  after a line break or as bullets ("- Ban hành kịp thời: 1 điểm"), or in a
  guidance column; points as "1 điểm", "0,5đ", "1,0".

Civil numbering is turned into dotted codes by position: the k-th
component is "k", a criterion numbered n inside it "k.n" (numbering that
runs on across components, 1-5 then 6-9, is counted from the component's
first), its lettered sub-criteria "k.n.1", "k.n.2". A hand-written twin of
such an annex uses the same codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from .._i18n import Msg, msg
from . import _cells
from ._annex import Annex, points
from ._option_text import OptionRow, has_points, option_from_cells
from ._rule_text import Reading

CODE = re.compile(r"^\d+(\.\d+)*$")
_ROMAN = re.compile(r"^(?=[IVXLC])(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_UPPER = re.compile(r"^[A-H]$")
_LOWER = re.compile(r"^[a-zđ]$")
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_LEADING = re.compile(r"^\s*((?:[IVXLC]+|[A-H]|[a-zđ]|\d+(?:\.\d+)*)(?:[.)]|\s*[-–:]))\s*(\S.*)$",
                      re.DOTALL)
_BULLET = re.compile(r"^\s*[-–—+•*·]\s*")
_TOTAL = re.compile(r"^(tong cong|tong so diem|tong diem|tong)\s*:?\s*(?P<n>\d+(?:[.,]\d+)?)?"
                    r"\s*(diem|d)?$")
#: a component's subtotal row ("Cộng lĩnh vực I", "Cộng: 12", "Tổng điểm phần II"),
#: never an option ("Công khai …" folds to "cong khai")
_SUBTOTAL = re.compile(r"^(cong\s*(:|\(|\d|$|linh vuc|phan\b|muc\b|[ivx]+\b)"
                       r"|(tong cong|tong diem|tong so diem)\b.*(linh vuc|phan|muc|\b[ivx]+\b))")
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:diem|d)?\s*$")

Report = Callable[[str, Msg, str | None, int | None], None]


@attrs.define
class NodeRow:
    row: int
    printed: str
    depth: int
    title: str
    max: Decimal | None
    options: list[OptionRow] = attrs.field(factory=list)
    code: str = ""
    children: list[NodeRow] = attrs.field(factory=list)
    reading: Reading | None = None


@attrs.frozen
class Rows:
    """What the rows of an annex hold: the coded nodes in order, the total
    row (if any), the components' subtotal rows (row, component, value) and
    every title (where the year may be written)."""

    nodes: list[NodeRow]
    total: Decimal | None
    total_row: int | None
    texts: list[str]
    subtotals: list[tuple[int, NodeRow, Decimal]] = attrs.field(factory=list)


def _lines(value: Any) -> list[str]:
    """A cell's lines (Word paragraphs, Excel line breaks), each tidied."""
    if value is None:
        return []
    raw = value if isinstance(value, str) else _cells.text(value)
    return [t for t in (_cells.text(line) for line in raw.splitlines()) if t]


def split_title(value: Any, first_is_title: bool = True) -> tuple[str, list[str]]:
    """A title cell → (the title, the option lines written inside it). An
    option line starts with a bullet or ends with its points ("…: 1 điểm");
    a line after an option that is neither continues that option. The
    first line is the title (a criterion's row), unless `first_is_title`
    is false (a guidance cell, a row of options)."""
    lines = _lines(value)
    title: list[str] = []
    options: list[str] = []
    for i, line in enumerate(lines):
        bullet = bool(_BULLET.match(line))
        if (i or not first_is_title) and (bullet or has_points(line)):
            options.append(_BULLET.sub("", line))
        elif options:
            options[-1] = f"{options[-1]} {line}"
        else:
            title.append(line)
    return " ".join(title), options


def guide_options(value: Any) -> list[str]:
    """The options of a guidance cell: its bulleted or pointed lines (an
    introduction ending with ":" is not one)."""
    _, options = split_title(value, first_is_title=False)
    return options


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


class Labeler:
    """Dotted codes for civil numbering (I/A components, a/b sub-criteria);
    plain dotted codes pass through unchanged. A letter or numeral counts
    only in sequence (the next component, the next letter under the same
    criterion): a stray "x" in the STT column is not a sub-criterion."""

    def __init__(self) -> None:
        self.component = 0
        self.offset: int | None = None
        self.numbered = ""  # the last numbered node's code
        self.letter = 0  # the last letter under it

    def code(self, label: str) -> str | None:
        bare = label.rstrip(".):-–").lstrip("(")
        nxt = self.component + 1
        if ((_ROMAN.match(bare) and _roman(bare) == nxt)
                or (_UPPER.match(bare) and ord(bare) - ord("A") + 1 == nxt)):
            self.component = nxt
            self.offset = None
            self.numbered, self.letter = str(self.component), 0
            return self.numbered
        if _LOWER.match(bare) and self.numbered:
            if _LETTERS.index(bare) != self.letter:
                return None
            self.letter += 1
            return f"{self.numbered}.{self.letter}"
        if not CODE.match(bare):
            return None
        self.letter = 0
        if not self.component:
            self.numbered = bare
            return bare
        parts = [int(p) for p in bare.split(".")]
        if self.offset is None:
            self.offset = parts[0] - 1
        parts[0] = max(parts[0] - self.offset, 1)
        self.numbered = ".".join(map(str, [self.component, *parts]))
        return self.numbered


def _label_and_title(code_cell: Any, title_cell: Any) -> tuple[str, Any]:
    """The code and the title, when a row's text is merged across both
    cells ("I. CÔNG TÁC CHỈ ĐẠO" over the STT and title columns) or the
    title cell starts with the label."""
    code = _cells.code(code_cell)
    raw = code_cell if isinstance(code_cell, str) else None
    if raw is not None and (not _cells.text(title_cell) or
                            _cells.text(title_cell) == _cells.text(raw)):
        m = _LEADING.match(raw)
        if m and len(_cells.text(raw)) > len(m.group(1)) + 1:
            return m.group(1), m.group(2)
    return code, title_cell


def read_rows(annex: Annex, fix_codes: bool, report: Report) -> Rows:
    labeler = Labeler()
    nodes: list[NodeRow] = []
    texts: list[str] = []
    total: Decimal | None = None
    total_row: int | None = None
    current: NodeRow | None = None
    subtotals: list[tuple[int, NodeRow, Decimal]] = []
    for line in annex.rows:
        r = line.row
        label, title_cell = _label_and_title(line.code, line.title)
        code = _cells.code(label)
        title, inline = split_title(title_cell)
        guide = guide_options(line.guide)
        whole = _cells.text(title_cell)
        if not code and not whole and not _cells.text(line.max) and not _cells.text(line.guide):
            continue
        folded_code, folded_title = _cells.plain_fold(code), _cells.plain_fold(whole)
        if folded_code.startswith("ghi chu") or folded_title.startswith("ghi chu"):
            break
        if re.fullmatch(r"\(?\d+\)?", whole) and re.fullmatch(r"\(?\d*\)?", code):
            continue  # the "(1) (2) (3)" column-numbering row under a header
        total_match = _TOTAL.match(folded_title)
        if not code and total_match:
            total, total_row = points(line.max) or points(total_match.group("n")), r
            break
        if not code and _SUBTOTAL.match(folded_title):
            # "Cộng lĩnh vực I": checked against the component above it
            written = _NUMBER.search(folded_title)
            value = points(line.max) or (points(written.group(1)) if written else None)
            component = next((n for n in reversed(nodes) if n.depth == 1), None)
            if value is not None and component is not None:
                subtotals.append((r, component, value))
            continue
        texts.append(title)
        printed = labeler.code(code) if code else None
        if printed is None and code and re.search(r"\d", code):
            printed = code
            if not fix_codes:
                report("error", msg("office.bad_code", code=code), code, r)
        if printed is not None:
            depth = len(re.findall(r"\d+", printed))
            current = NodeRow(r, printed, depth, title, points(line.max))
            current.options += [_option(t, r) for t in inline + guide]
            nodes.append(current)
            continue
        if current is None:
            report("warning", msg("office.option_before_node", text=title), None, r)
            continue
        texts_here = _option_texts(title_cell) + _option_texts(line.guide)
        if len(texts_here) == 1:
            option, problem = option_from_cells(texts_here[0], line.max, r)
            if problem is not None:
                report("warning", problem, current.printed, r)
            current.options.append(option)
        else:
            current.options += [_option(t, r) for t in texts_here]
    return Rows(nodes, total, total_row, texts, subtotals)


def _option_texts(value: Any) -> list[str]:
    """The options on a row without a code: each bulleted or pointed line
    when there are several, else the whole cell as one option."""
    _, options = split_title(value, first_is_title=False)
    if len(options) >= 2:
        return options
    whole = _BULLET.sub("", _cells.text(value))
    return [whole] if whole else []


def _option(words: str, row: int) -> OptionRow:
    option, _ = option_from_cells(words, None, row)
    return option
