"""Giving each coded row of an imported table its code.

Without `--fix-codes` the printed codes are kept. Where they do not make a
tree (a repeated code, a code under the wrong parent), the table's
structure (`_code_repair`) says which row is at fault and what it probably
should be: "3.21" is reported as the row to fix (probably 3.2.1), not the
3.2.2 below it that no longer fits. With `--fix-codes` those repairs are
made, each listed; a repair two readings fit equally stops the import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .._i18n import Msg, msg
from . import _code_repair
from ._annex_rows import CODE, NodeRow

Report = Callable[[str, Msg, "str | None", "int | None"], None]


def assign_codes(rows: Sequence[NodeRow], fix_codes: bool, report: Report) -> None:
    if fix_codes:
        _repair(rows, report)
        return
    found: list[tuple[str, Msg, str | None, int | None]] = []
    _as_printed(rows, lambda *issue: found.append(issue))
    if any(level == "error" for level, *_ in found) and _suggest(rows, report):
        return
    for issue in found:
        report(*issue)


def _as_printed(rows: Sequence[NodeRow], report: Report) -> None:
    """Keep the printed codes; report what does not follow by row order."""
    path: list[int] = []
    seen: dict[str, int] = {}
    for node in rows:
        depth = node.depth
        if depth > len(path) + 1:
            report("error", msg("office.level_jump", code=node.printed,
                                parent=".".join(map(str, path)) or "—"), node.printed, node.row)
            depth = len(path) + 1
        expected = [*path[:depth - 1], (path[depth - 1] + 1) if len(path) >= depth else 1]
        want = ".".join(map(str, expected))
        printed = node.printed
        node.code = printed
        if not CODE.match(printed):
            path = expected
        elif printed in seen:
            report("error", msg("office.dup_code", code=printed, first=seen[printed],
                                expected=want), printed, node.row)
            path = expected
        elif printed.rpartition(".")[0] != want.rpartition(".")[0]:
            report("error", msg("office.misplaced_code", code=printed, expected=want),
                   printed, node.row)
            path = expected
        else:
            if printed != want:
                report("warning", msg("office.code_order", code=printed, expected=want),
                       printed, node.row)
            path = [int(p) for p in printed.split(".")]
        seen.setdefault(printed, node.row)


def _entries(rows: Sequence[NodeRow]) -> list[_code_repair.Entry]:
    return [_code_repair.Entry(n.row, n.printed, n.title, n.max, bool(n.options)) for n in rows]


def _why(fix: _code_repair.Repair) -> Msg:
    why = msg(f"office.why_{fix.why}")
    if fix.rejected:
        why = msg("office.why_rejected", why=why, others=[f"“{c}”" for c in fix.rejected])
    return why


def _suggest(rows: Sequence[NodeRow], report: Report) -> bool:
    """Errors on the rows the structure says are wrong, each with the code
    it points to; False when it finds nothing to say (the row-order errors
    stand)."""
    _, repairs, unsure = _code_repair.repair(_entries(rows))
    said = False
    for fix in repairs:
        if fix.why == "malformed":
            continue  # reported when the row was read
        if fix.first is not None:
            report("error", msg("office.dup_code", code=fix.printed, first=fix.first,
                                expected=fix.code), fix.printed, fix.row)
        else:
            report("error", msg("office.code_suspect", code=fix.printed, expected=fix.code,
                                why=_why(fix)), fix.printed, fix.row)
        said = True
    return _ambiguous(unsure, report) or said


def _ambiguous(unsure: Sequence[_code_repair.Ambiguity], report: Report) -> bool:
    for doubt in unsure:
        report("error", msg("office.code_ambiguous", code=doubt.printed, options=[
            msg("office.candidate", code=c, why=msg(f"office.why_{w}"))
            for c, w in doubt.candidates]), doubt.printed, doubt.row)
    return bool(unsure)


def _repair(rows: Sequence[NodeRow], report: Report) -> None:
    codes, repairs, unsure = _code_repair.repair(_entries(rows))
    for node, code in zip(rows, codes, strict=True):
        node.code = code
    for fix in repairs:
        if fix.first is not None:
            report("warning", msg("office.code_fixed_dup", old=fix.printed, new=fix.code,
                                  first=fix.first, why=_why(fix)), fix.code, fix.row)
        else:
            report("warning", msg("office.code_fixed", old=fix.printed, new=fix.code,
                                  why=_why(fix)), fix.code, fix.row)
    _ambiguous(unsure, report)
