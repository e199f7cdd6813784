"""`cchc-score import-criteria`: read a province's criteria annex (the Excel
table units fill in by hand) and write a criteria file.

The layout is the official one: STT (code), the title, the maximum, then the
self, appraisal and final points and notes; under each sub-criterion one row
per scoring option, with no code. Columns are found by their header words,
so a moved column or helper formulas beside the table do not matter.

Nothing is repaired silently. A mistyped or duplicate code, a code that
does not fit under the row above, a parent whose children do not add up, an
option above its maximum: each is reported with its workbook row. With
`fix_codes` the codes are renumbered by row order and every change is
reported (and listed in the output's `defects`).
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .. import _toml_write as tw
from .._i18n import Msg, msg
from .._model import Issue, Location
from .._version import __version__
from ..exceptions import InputError
from ..rules import RuleKinds
from . import _cells
from ._deps import load_workbook
from ._rule_text import OptionRow, Problem, Reading, option_from_cells, read_rule

CODE = re.compile(r"^\d+(\.\d+)*$")
HEADER = {
    "code": ("=stt", "=tt", "=ma", "ma so", "ma tieu chi", "stt"),
    "title": ("tieu chi", "noi dung", "linh vuc"),
    "max": ("toi da", "diem chuan"),
}
_TOTAL = re.compile(r"^(tong cong|tong so diem|tong diem|tong)\s*:?$")
_YEAR = re.compile(r"năm\s+(20\d\d)", re.IGNORECASE)


@attrs.frozen
class Meta:
    """What the command line may say about the set (None: from the workbook)."""

    id: str | None = None
    title: str | None = None
    group: str | None = None
    year: int | None = None
    issuer: str | None = None
    decision: str | None = None


@attrs.define
class _NodeRow:
    row: int
    printed: str
    depth: int
    title: str
    max: Decimal | None
    options: list[OptionRow] = attrs.field(factory=list)
    code: str = ""
    children: list[_NodeRow] = attrs.field(factory=list)
    reading: Reading | None = None


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


def import_criteria(path: Path | str, meta: Meta = Meta(), *, fix_codes: bool = False,
                    lang: str = "vi", kinds: RuleKinds | None = None,
                    sheet: str | None = None) -> Imported:
    """Read a criteria workbook and return the criteria file text."""
    path = Path(path)
    reader = _Reader(path, fix_codes, kinds or RuleKinds.builtin())
    wb = load_workbook(path)
    ws, header_row, columns = reader.locate(wb, sheet)
    reader.read_rows(ws, header_row, columns)
    roots = reader.build_tree()
    if reader.failed or not roots:
        if not roots and not reader.failed:
            reader.error(msg("office.no_nodes"), None, None)
        return Imported(None, tuple(reader.issues))
    year = meta.year or reader.year()
    if year is None:
        reader.error(msg("office.no_year"), None, None)
        return Imported(None, tuple(reader.issues))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    text = _write(reader, roots, meta, year, digest, ws.title, header_row, lang)
    errors = _verify(text, path, reader.kinds)
    if errors:  # a bug of ours, or a --id the loader refuses: never write a broken file
        return Imported(None, (*reader.issues, *errors))
    nodes = [n for r in roots for n in _walk(r)]
    leaves = [n for n in nodes if not n.children]
    return Imported(text, tuple(reader.issues), len(nodes), len(leaves),
                    sum(1 for n in leaves if n.reading is not None and n.reading.manual),
                    sum((r.max or Decimal(0) for r in roots), Decimal(0)),
                    meta.id or set_id(path))


def _verify(text: str, path: Path, kinds: RuleKinds) -> list[Issue]:
    """The errors `cchc-score check` would report on the output."""
    from ..load import parse_criteria

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    data = tomllib.loads(text, parse_float=Decimal)
    _, issues = parse_criteria(data, f"{path} → TOML", kinds)
    return [i for i in issues if i.level == "error"]


def set_id(path: Path) -> str:
    """A criteria-set id from a file name ("Bảng 1.xlsx" → "bang-1")."""
    words = re.findall(r"[a-z0-9]+", _cells.plain_fold(path.stem))
    return "-".join(words) or "bo-chi-so"


def _walk(node: _NodeRow) -> list[_NodeRow]:
    out = [node]
    for child in node.children:
        out.extend(_walk(child))
    return out


class _Reader:
    def __init__(self, path: Path, fix_codes: bool, kinds: RuleKinds) -> None:
        self.path = path
        self.fix_codes = fix_codes
        self.kinds = kinds
        self.issues: list[Issue] = []
        self.rows: list[_NodeRow] = []
        self.heading: str = ""
        self.total: Decimal | None = None
        self.total_row: int | None = None
        self.texts: list[str] = []

    # -- issues --------------------------------------------------------------------

    def error(self, message: Msg, code: str | None, row: int | None) -> None:
        self.issues.append(Issue("error", message, Location(str(self.path), code, row=row)))

    def warn(self, message: Msg, code: str | None, row: int | None) -> None:
        self.issues.append(Issue("warning", message, Location(str(self.path), code, row=row)))

    @property
    def failed(self) -> bool:
        return any(i.level == "error" for i in self.issues)

    # -- the table -------------------------------------------------------------------

    def locate(self, wb: Any, wanted: str | None) -> tuple[Any, int, dict[str, int]]:
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
            found = _cells.find_header(rows, HEADER, ("code", "title", "max"))
            if found is not None:
                return ws, found[0], found[1]
        ws = sheets[0]
        self.warn(msg("office.no_header", sheet=ws.title), None, None)
        return ws, 0, {"code": 0, "title": 1, "max": 2}

    def read_rows(self, ws: Any, header_row: int, columns: dict[str, int]) -> None:
        merged = _cells.merged_across(ws)
        for r in range(1, header_row):
            for c in range(1, 12):
                words = _cells.text(ws.cell(r, c).value)
                if len(words) > len(self.heading):
                    self.heading = words

        def cell(r: int, field: str) -> Any:
            c = columns[field] + 1
            raw = ws.cell(r, c).value
            return merged.get((r, c)) if raw is None else raw

        current: _NodeRow | None = None
        for r in range(header_row + 1, ws.max_row + 1):
            code_cell, title_cell, max_cell = cell(r, "code"), cell(r, "title"), cell(r, "max")
            code, title = _cells.code(code_cell), _cells.text(title_cell)
            if not code and not title and not _cells.text(max_cell):
                continue
            folded_code, folded_title = _cells.plain_fold(code), _cells.plain_fold(title)
            if folded_code.startswith("ghi chu") or folded_title.startswith("ghi chu"):
                break
            if re.fullmatch(r"\(?\d+\)?", title) and re.fullmatch(r"\(?\d*\)?", code):
                continue  # the "(1) (2) (3)" column-numbering row under a header
            if not CODE.match(code) and _TOTAL.match(folded_title):
                self.total = _cells.number(max_cell)
                self.total_row = r
                break
            self.texts.append(title)
            if CODE.match(code) or re.search(r"\d", code):
                if not CODE.match(code):
                    groups = re.findall(r"\d+", code)
                    if not self.fix_codes:
                        self.error(msg("office.bad_code", code=code), code, r)
                    depth = len(groups)
                else:
                    depth = code.count(".") + 1
                node_max = _cells.number(max_cell)
                if node_max is None:
                    self.error(msg("office.no_max", code=code), code, r)
                current = _NodeRow(r, code, depth, title, node_max)
                self.rows.append(current)
                continue
            if current is None:
                self.warn(msg("office.option_before_node", text=title), None, r)
                continue
            option, problem = option_from_cells(title_cell, max_cell, r)
            if problem is not None:
                self.warn(problem, current.printed, r)
            current.options.append(option)

    # -- codes and the tree --------------------------------------------------------

    def assign_codes(self) -> None:
        path: list[int] = []
        seen: dict[str, int] = {}
        for node in self.rows:
            depth = node.depth
            if depth > len(path) + 1:
                self.error(msg("office.level_jump", code=node.printed,
                               parent=".".join(map(str, path)) or "—"), node.printed, node.row)
                depth = len(path) + 1
            expected = [*path[:depth - 1], (path[depth - 1] + 1) if len(path) >= depth else 1]
            want = ".".join(map(str, expected))
            printed = node.printed
            if self.fix_codes:
                if printed != want:
                    key = "office.code_fixed_dup" if printed in seen else "office.code_fixed"
                    self.warn(msg(key, old=printed, new=want,
                                  first=seen.get(printed, "")), want, node.row)
                node.code = want
                path = expected
            else:
                node.code = printed
                if not CODE.match(printed):
                    path = expected
                elif printed in seen:
                    self.error(msg("office.dup_code", code=printed, first=seen[printed],
                                   expected=want), printed, node.row)
                    path = expected
                elif printed.rpartition(".")[0] != want.rpartition(".")[0]:
                    self.error(msg("office.misplaced_code", code=printed, expected=want),
                               printed, node.row)
                    path = expected
                else:
                    if printed != want:
                        self.warn(msg("office.code_order", code=printed, expected=want),
                                  printed, node.row)
                    path = [int(p) for p in printed.split(".")]
            seen.setdefault(printed, node.row)

    def build_tree(self) -> list[_NodeRow]:
        self.assign_codes()
        if self.failed:
            return []
        by_code = {n.code: n for n in self.rows}
        roots: list[_NodeRow] = []
        for node in self.rows:
            parent = node.code.rpartition(".")[0]
            if parent:
                by_code[parent].children.append(node)
            else:
                roots.append(node)
        for node in self.rows:
            if node.children:
                self._check_parent(node)
            elif node.max is not None:
                node.reading = read_rule(node.code, node.max, node.options, self.kinds)
                for problem in node.reading.problems:
                    self._problem(problem, node)
        declared = sum((r.max or Decimal(0) for r in roots), Decimal(0))
        if self.total is not None and self.total != declared:
            self.warn(msg("office.total_differs", total=self.total, sum=declared), None,
                      self.total_row)
        return roots

    def _check_parent(self, node: _NodeRow) -> None:
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

    def _problem(self, problem: Problem, node: _NodeRow) -> None:
        row = problem.row if problem.row is not None else node.row
        if problem.level == "error":
            self.error(problem.message, node.code, row)
        else:
            self.warn(problem.message, node.code, row)

    def year(self) -> int | None:
        for words in [self.heading, *self.texts]:
            m = _YEAR.search(words)
            if m:
                return int(m.group(1))
        for node in self.rows:
            for option in node.options:
                m = _YEAR.search(option.text)
                if m:
                    return int(m.group(1))
        return None


# -- writing the criteria file -----------------------------------------------------------


def _write(reader: _Reader, roots: Sequence[_NodeRow], meta: Meta, year: int, digest: str,
           sheet: str, header_row: int, lang: str) -> str:
    name = reader.path.name
    title = meta.title or reader.heading or name
    set_ident = meta.id or set_id(reader.path)
    nodes = [n for r in roots for n in _walk(r)]
    leaves = [n for n in nodes if not n.children]
    manual = [n.code for n in leaves if n.reading is not None and n.reading.manual]
    by_row = sorted(reader.issues, key=lambda i: i.where.row or 0)  # stable: same row keeps order
    defects = [_defect(i, lang) for i in by_row]
    def t(name: str, /, **kw: Any) -> str:
        return msg(name, **kw).render(lang)

    lines = tw.comment(title)
    lines += ["#"]
    lines += tw.comment(t("office.hdr_imported", file=name, version=__version__))
    lines += [f"#   sha256: {digest}"]
    lines += tw.comment(t("office.hdr_counts", sheet=sheet, row=header_row, nodes=len(nodes),
                          leaves=len(leaves), manual=len(manual)))
    if defects:
        lines += ["#", *tw.comment(t("office.hdr_defects"))]
        lines += [f"#   - {d}" for d in defects]
    if manual:
        lines += ["#", *tw.comment(t("office.hdr_manual", codes=", ".join(manual)))]
    lines.append("")
    lines += tw.assignments({
        "schema": 1, "id": set_ident, "title": title, "group": meta.group or "chung",
        "years": [year, year], "scale": 100, "decimals": 2, "ties": "shared"})
    source: dict[str, Any] = {
        "issuer": meta.issuer or t("office.unknown_issuer"),
        "decision": meta.decision or t("office.unknown_decision"),
        "note": t("office.src_note", file=name),
        "provenance": t("office.src_provenance", file=name, digest=digest, sheet=sheet),
    }
    lines += ["", "[source]", *tw.assignments(source)]
    if defects:  # one per line: assignments() would write the list on one line
        lines.append("defects = [")
        lines += [f"  {tw.string(d)}," for d in defects]
        lines.append("]")
    for node in nodes:
        lines += ["", *_node_lines(node, t)]
    return "\n".join(lines) + "\n"


def _defect(issue: Issue, lang: str) -> str:
    where = msg("office.at_row", row=issue.where.row).render(lang) if issue.where.row else ""
    code = f"{issue.where.code}: " if issue.where.code else ""
    return f"{where}{code}{issue.message.render(lang)}"


def _node_lines(node: _NodeRow, t: Any) -> list[str]:
    lines: list[str] = []
    reading = node.reading
    if reading is not None and reading.manual:
        lines += tw.comment(t("office.node_manual"))
    if reading is not None and reading.method == "survey":
        lines += tw.comment(t("office.node_survey"))
    lines.append("[[nodes]]")
    table: dict[str, Any] = {"code": node.code, "title": node.title, "max": node.max}
    if reading is not None:
        if reading.method == "survey":
            table["method"] = "survey"
            table["evidence"] = "none"
        if node.options:
            table["source_text"] = "; ".join(o.text for o in node.options)
    lines += tw.assignments(table)
    if reading is not None:
        lines.append("[nodes.rule]")
        lines += tw.assignments(reading.rule)
    return lines
