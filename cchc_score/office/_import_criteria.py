"""`cchc-score import-criteria`: read a province's criteria annex (the Excel
table units fill in by hand, or the Word tables of a decision's annex) and
write a criteria file.

The official layout is STT (code), the title, the maximum, then the self,
appraisal and final points and notes; under each sub-criterion one row per
scoring option, with no code. Civil layouts (Word annexes mostly) number
components I, II or A, B, put the options inside the title cell or in a
guidance column, and write points as "1 điểm" or "0,5đ" (`_annex_rows`).
Columns are found by their header words and checked against their content
(`_annex`), so a moved column or helper formulas beside the table do not
matter.

Nothing is repaired silently. A mistyped or duplicate code, a code that
does not fit under the row above, a parent whose children do not add up, an
option above its maximum: each is reported with its row. With `fix_codes`
suspicious codes are repaired by the table's structure (`_code_repair`),
every repair listed with its row, the code read and the code chosen and
why; when two repairs fit equally the import stops and names both. Option
rows that were given codes by mistake ("2.4.1 Có ban hành: 0,5", "2.4.2
Không ban hành: 0" under a 2.4 worth 0,5) become the options of their
parent, with a warning naming the rows.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .._i18n import Msg, msg
from .._model import Issue, Location
from ..exceptions import InputError
from ..rules import RuleKinds
from . import _annex
from ._annex_rows import NodeRow, read_rows
from ._deps import load_workbook
from ._import_codes import assign_codes
from ._import_write import Meta, Source, set_id, walk, write
from ._option_text import OptionRow, has_points
from ._rule_text import Problem, read_rule

__all__ = ["Imported", "Meta", "import_criteria", "set_id"]

_YEAR = re.compile(r"năm\s+(20\d\d)", re.IGNORECASE)
#: how an option's text starts ("Có …", "Không …", "Từ 70% …", "Dưới …")
_OPTION_SHAPE = re.compile(r"^(có|không|chưa|từ|dưới|trên|đạt|đầy đủ|đúng|chậm|\d+\s*%)(\s|$)",
                           re.IGNORECASE)
#: files that must be converted first, with the format to save them as
_CONVERT = {".xls": "xlsx", ".ods": "xlsx", ".doc": "docx", ".odt": "docx", ".rtf": "docx"}


@attrs.frozen
class Imported:
    """The result of an import: the TOML text (None when there are errors),
    every issue, and counts for the summary line."""

    text: str | None
    issues: tuple[Issue, ...]
    nodes: int = 0
    leaves: int = 0
    manual: int = 0
    total: Decimal = Decimal(0)
    id: str = ""

    @property
    def failed(self) -> bool:
        return self.text is None


_NO_META = Meta()


def import_criteria(path: Path | str, meta: Meta = _NO_META, *, fix_codes: bool = False,
                    lang: str = "vi", kinds: RuleKinds | None = None,
                    sheet: str | None = None) -> Imported:
    """Read a criteria annex (.xlsx, or .docx) and return the criteria file text."""
    path = Path(path)
    reader = _Reader(path, fix_codes, kinds or RuleKinds.builtin())
    suffix = path.suffix.lower()
    if suffix in _CONVERT:
        raise InputError([Issue("error", _convert(path, suffix), Location(str(path)))])
    extra: list[str] = []
    if suffix in (".docx", ".docm"):
        from ._annex_word import read_docx

        annex, extra = read_docx(path)
        for table, count in annex.skipped:
            reader.warn(msg("office.word_table_skipped", table=table, rows=count), None, None)
        if not annex.found_header:
            reader.error(msg("office.no_word_table"), None, None)
            return Imported(None, tuple(reader.issues))
    else:
        annex = reader.locate(load_workbook(path), sheet)
    roots = reader.read(annex)
    if reader.failed or not roots:
        if not roots and not reader.failed:
            reader.error(msg("office.no_nodes"), None, None)
        return Imported(None, tuple(reader.issues))
    year = meta.year or reader.year(annex.heading, extra)
    if year is None:
        reader.error(msg("office.no_year"), None, None)
        return Imported(None, tuple(reader.issues))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    source = Source(path, annex.heading, digest, annex.where, annex.header_row)
    text = write(source, reader.issues, roots, meta, year, lang)
    errors = _verify(text, path, reader.kinds)
    if errors:  # a bug of ours, or a --id the loader refuses: never write a broken file
        return Imported(None, (*reader.issues, *errors))
    nodes = [n for r in roots for n in walk(r)]
    leaves = [n for n in nodes if not n.children]
    return Imported(text, tuple(reader.issues), len(nodes), len(leaves),
                    sum(1 for n in leaves if n.reading is not None and n.reading.manual),
                    sum((r.max or Decimal(0) for r in roots), Decimal(0)),
                    meta.id or set_id(path))


def _convert(path: Path, suffix: str) -> Msg:
    """What to do with a file that must be saved in another format first:
    an old binary Excel or Word file is named as such."""
    try:
        with open(path, "rb") as handle:
            old = handle.read(4) == b"\xd0\xcf\x11\xe0"
    except OSError:
        old = False
    if old and suffix in (".xls", ".doc"):
        return msg("office.unreadable" if suffix == ".xls" else "office.unreadable_docx",
                   error=msg("office.xls" if suffix == ".xls" else "office.doc"))
    return msg("office.convert", suffix=suffix, target=_CONVERT[suffix])


def _verify(text: str, path: Path, kinds: RuleKinds) -> list[Issue]:
    """The errors `cchc-score check` would report on the output."""
    from .._toml import parse_toml
    from ..load import parse_criteria

    data = parse_toml(text)
    _, issues = parse_criteria(data, f"{path} → TOML", kinds)
    return [i for i in issues if i.level == "error"]


class _Reader:
    def __init__(self, path: Path, fix_codes: bool, kinds: RuleKinds) -> None:
        self.path = path
        self.fix_codes = fix_codes
        self.kinds = kinds
        self.issues: list[Issue] = []
        self.rows: list[NodeRow] = []
        self.total: Decimal | None = None
        self.total_row: int | None = None
        self.texts: list[str] = []

    # -- issues --------------------------------------------------------------------

    def error(self, message: Msg, code: str | None, row: int | None) -> None:
        self.issues.append(Issue("error", message, Location(str(self.path), code, row=row)))

    def warn(self, message: Msg, code: str | None, row: int | None) -> None:
        self.issues.append(Issue("warning", message, Location(str(self.path), code, row=row)))

    def report(self, level: str, message: Msg, code: str | None, row: int | None) -> None:
        (self.error if level == "error" else self.warn)(message, code, row)

    @property
    def failed(self) -> bool:
        return any(i.level == "error" for i in self.issues)

    # -- the table -------------------------------------------------------------------

    def locate(self, wb: Any, wanted: str | None) -> _annex.Annex:
        sheets = list(wb.worksheets)
        if wanted is not None:
            sheets = [ws for ws in sheets if ws.title == wanted]
            if not sheets:
                raise InputError([Issue("error", msg("office.no_sheet", sheet=wanted,
                                                     sheets=wb.sheetnames),
                                        Location(str(self.path)))])
        sheets.sort(key=lambda ws: ws.sheet_state != "visible")
        for ws in sheets:
            rows = ((r[0].row, [c.value for c in r]) for r in ws.iter_rows(max_col=30)
                    if r)
            found = _annex.find_roles(rows)
            if found is not None:
                return _annex.read_sheet(ws, found[0], found[1])
        if not sheets:  # a workbook whose every sheet was deleted by another program
            raise InputError([Issue("error", msg("office.no_sheets"),
                                    Location(str(self.path)))])
        ws = sheets[0]
        self.warn(msg("office.no_header", sheet=ws.title), None, None)
        return _annex.read_sheet(ws, 0, {})

    def read(self, annex: _annex.Annex) -> list[NodeRow]:
        found = read_rows(annex, self.fix_codes, self.report)
        self.rows, self.texts = found.nodes, found.texts
        self.total, self.total_row = found.total, found.total_row
        roots = self.build_tree()
        for row, component, value in found.subtotals:
            if roots and component.max is not None and component.max != value:
                self.warn(msg("office.subtotal_differs", code=component.code, total=value,
                              max=component.max), component.code, row)
        return roots

    # -- codes and the tree --------------------------------------------------------

    def assign_codes(self) -> None:
        assign_codes(self.rows, self.fix_codes, self.report)

    def build_tree(self) -> list[NodeRow]:
        self.assign_codes()
        if self.failed:
            return []
        by_code = {n.code: n for n in self.rows}
        roots: list[NodeRow] = []
        for node in self.rows:
            parent = node.code.rpartition(".")[0]
            if parent:
                by_code[parent].children.append(node)
            else:
                roots.append(node)
        for node in self.rows:
            if node.children:
                self._options_by_shape(node)
        self.rows = [n for r in roots for n in walk(r)]
        for node in reversed(self.rows):  # children before parents
            if node.max is None and node.children and all(k.max is not None
                                                           for k in node.children):
                node.max = sum((k.max for k in node.children if k.max is not None), Decimal(0))
        for node in self.rows:
            if node.max is None:
                self.error(msg("office.no_max", code=node.code), node.code, node.row)
            elif node.children:
                self._check_parent(node)
            else:
                node.reading = read_rule(node.code, node.max, node.options, self.kinds)
                for problem in node.reading.problems:
                    self._problem(problem, node)
        declared = sum((r.max or Decimal(0) for r in roots), Decimal(0))
        if self.total is not None and self.total != declared:
            self.warn(msg("office.total_differs", total=self.total, sum=declared), None,
                      self.total_row)
        return roots

    def _options_by_shape(self, node: NodeRow) -> None:
        """Coded rows that are really the options of `node`: leaves without
        options of their own, worded as options, the best worth the node's
        maximum, and together not adding up to it (or one worth 0)."""
        kids = node.children
        if (node.max is None or len(kids) < 2 or node.options
                or any(k.children or k.options or k.max is None for k in kids)):
            return
        if not all(_OPTION_SHAPE.match(k.title) or has_points(k.title) for k in kids):
            return
        worth = [k.max for k in kids if k.max is not None]
        if max(worth) != node.max or (sum(worth) == node.max and min(worth) != 0):
            return
        node.options = [OptionRow(k.title, k.max, k.row) for k in kids]
        node.children = []
        self.warn(msg("office.options_coded", code=node.code,
                      rows=", ".join(str(k.row) for k in kids),
                      codes=", ".join(k.printed for k in kids)), node.code, kids[0].row)

    def _check_parent(self, node: NodeRow) -> None:
        if node.options:
            self.warn(msg("office.options_on_parent", code=node.code, count=len(node.options)),
                      node.code, node.options[0].row)
        kids = [k.max for k in node.children]
        if node.max is None or any(k is None for k in kids):
            return
        total = sum((k for k in kids if k is not None), Decimal(0))
        if total != node.max:
            self.error(msg("office.sum", code=node.code, max=node.max, total=total,
                           children=", ".join(f"{k.code}: {k.max}" for k in node.children)),
                       node.code, node.row)

    def _problem(self, problem: Problem, node: NodeRow) -> None:
        row = problem.row if problem.row is not None else node.row
        if problem.level == "error":
            self.error(problem.message, node.code, row)
        else:
            self.warn(problem.message, node.code, row)

    def year(self, heading: str, extra: list[str]) -> int | None:
        for words in [heading, *self.texts, *extra]:
            m = _YEAR.search(words)
            if m:
                return int(m.group(1))
        for node in self.rows:
            for option in node.options:
                m = _YEAR.search(option.text)
                if m:
                    return int(m.group(1))
        return None
