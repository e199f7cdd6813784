"""Writing an imported criteria table as a criteria file: a header that
cites the source (file, sha256, sheet), lists the source's defects and the
leaves left to finish by hand, then the set's keys and one `[[nodes]]` table
per node (a node's printed options kept in `source_text`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .. import _toml_write as tw
from .._i18n import msg
from .._model import Issue
from .._version import __version__
from . import _cells
from ._annex_rows import NodeRow


@attrs.frozen
class Meta:
    """What the command line may say about the set (None: from the workbook)."""

    id: str | None = None
    title: str | None = None
    group: str | None = None
    year: int | None = None
    issuer: str | None = None
    decision: str | None = None


def set_id(path: Path) -> str:
    """A criteria-set id from a file name ("Bảng 1.xlsx" → "bang-1")."""
    words = re.findall(r"[a-z0-9]+", _cells.plain_fold(path.stem))
    return "-".join(words) or "bo-chi-so"


def walk(node: NodeRow) -> list[NodeRow]:
    out = [node]
    for child in node.children:
        out.extend(walk(child))
    return out


@attrs.frozen
class Source:
    """Where the table came from, for the header and `[source]`."""

    path: Path
    heading: str
    digest: str
    sheet: str
    header_row: int


def write(source: Source, issues: Sequence[Issue], roots: Sequence[NodeRow], meta: Meta,
          year: int, lang: str) -> str:
    name = source.path.name
    title = meta.title or source.heading or name
    set_ident = meta.id or set_id(source.path)
    digest, sheet, header_row = source.digest, source.sheet, source.header_row
    nodes = [n for r in roots for n in walk(r)]
    leaves = [n for n in nodes if not n.children]
    manual = [n.code for n in leaves if n.reading is not None and n.reading.manual]
    by_row = sorted(issues, key=lambda i: i.where.row or 0)  # stable: same row keeps order
    defects = [_defect(i, lang) for i in by_row]
    def t(name: str, /, **kw: Any) -> str:
        return msg(name, **kw).render(lang)

    lines = tw.comment(title)
    lines += ["#"]
    lines += tw.comment(t("office.hdr_imported", file=name, version=__version__))
    lines += [f"#   sha256: {digest}"]
    word = source.path.suffix.lower() in (".docx", ".docm")
    lines += tw.comment(t("office.hdr_counts_word" if word else "office.hdr_counts", sheet=sheet,
                          row=header_row, nodes=len(nodes),
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
    table: dict[str, Any] = {
        "issuer": meta.issuer or t("office.unknown_issuer"),
        "decision": meta.decision or t("office.unknown_decision"),
        "note": t("office.src_note", file=name),
        "provenance": t("office.src_provenance_word" if word else "office.src_provenance",
                        file=name, digest=digest, sheet=sheet),
    }
    lines += ["", "[source]", *tw.assignments(table)]
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


def _node_lines(node: NodeRow, t: Any) -> list[str]:
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
