"""Appraisal entries of every unit from one province-wide table (CSV or
xlsx), so that the council never edits a unit's file.

Columns (header names, any order, any case; Vietnamese names accepted):
``unit``, ``round`` (1, 2, giải trình, phúc khảo, or round1, explanation,
round2, appeal), ``code``, and ``points`` or ``value`` or ``na`` (accept /
reject a not-applicable claim); optional ``reason``, ``who``, ``date``.
Entries are merged into each unit's data exactly as if they were written in
its file's round table (replacing an entry there for the same code), and are
then checked like any entry; a problem is reported at its line of the table.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ._i18n import msg
from ._model import Issue, Location, Round
from ._rounds import ROUND_NAMES, TABLES
from ._survey import open_csv
from .exceptions import InputError

#: header names → column, casefolded
HEADERS = {
    "unit": "unit", "đơn vị": "unit", "don vi": "unit",
    "round": "round", "vòng": "round", "vong": "round",
    "code": "code", "mã": "code", "ma": "code",
    "points": "points", "điểm": "points", "diem": "points",
    "value": "value", "giá trị": "value", "gia tri": "value",
    "reason": "reason", "lý do": "reason", "ly do": "reason",
    "who": "who", "người chấm": "who", "nguoi cham": "who",
    "date": "date", "ngày": "date", "ngay": "date",
    "na": "na",
}
ENTRY = ("points", "value", "reason", "who", "date", "na")


@attrs.frozen
class AppraisalTable:
    """Entries read: unit id → table key ("appraisal", "reappraisal", …) →
    code → raw entry; the line each came from; the issues."""

    path: Path
    values: dict[str, dict[str, dict[str, dict[str, Any]]]]
    lines: dict[tuple[str, str, str], int]
    issues: list[Issue]

    def where(self, unit: str, table: str | None = None, code: str | None = None
              ) -> Location:
        line = self.lines.get((unit, table or "", code or ""))
        if line is None:
            line = min((n for (u, _, _), n in self.lines.items() if u == unit), default=None)
        return Location(str(self.path), code, row=line)

    def merge(self, unit: str, data: dict[str, Any]) -> dict[str, Any]:
        """The unit's data with the table's entries added to its rounds."""
        mine = self.values.get(unit)
        if not mine:
            return data
        data = dict(data)
        for table, entries in mine.items():
            current = data.get(table, {})
            if isinstance(current, dict):  # (not a table: left for the loader to report)
                data[table] = {**current, **entries}
        return data


def read_appraisal(path: Path) -> AppraisalTable:
    values: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    lines: dict[tuple[str, str, str], int] = {}
    issues: list[Issue] = []
    try:
        rows = list(_xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm")
                    else _csv_rows(path, issues))
    except InputError as e:
        return AppraisalTable(path, {}, {}, list(e.issues))
    except csv.Error as e:  # a NUL byte, an unclosed quote at the end
        return AppraisalTable(path, {}, {}, [Issue("error", msg("crit.read", error=e),
                                                   Location(str(path)))])
    for line, row in rows:
        unit, code = row.get("unit", ""), row.get("code", "")
        if not unit and not code:
            continue
        where = Location(str(path), code or None, row=line)
        name: Round | None = ROUND_NAMES.get(" ".join(row.get("round", "").casefold().split()))
        if name is None:
            issues.append(Issue("error", msg("apr.round", raw=row.get("round", "")), where,))
            continue
        table = TABLES[name]
        if (unit, table, code) in lines:
            issues.append(Issue("error", msg("apr.duplicate", unit=unit, code=code,
                                             round=msg(f"rep.stage.{name}"),
                                             first=lines[unit, table, code]), where))
            continue
        lines[unit, table, code] = line
        values.setdefault(unit, {}).setdefault(table, {})[code] = {
            k: row[k] for k in ENTRY if row.get(k)}
    return AppraisalTable(path, values, lines, issues)


def _csv_rows(path: Path, issues: list[Issue]) -> Iterator[tuple[int, dict[str, str]]]:
    reader, problems = open_csv(path, tuple(HEADERS), ("unit", "round", "code"),
                                "apr.missing_column")
    issues.extend(problems)
    if reader is None:
        return
    reader.fieldnames = [HEADERS.get(f, f) for f in reader.fieldnames or []]
    for row in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    from .office._deps import load_workbook

    sheet = load_workbook(path).worksheets[0]
    header: list[str] = []
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        texts = [_cell(v) for v in cells]
        if not header:
            header = [HEADERS.get(t.casefold(), t.casefold()) for t in texts]
            missing = [k for k in ("unit", "round", "code") if k not in header]
            if missing:
                raise InputError([Issue("error", msg("apr.missing_column", column=missing[0]),
                                        Location(str(path)))])
            continue
        yield number, dict(zip(header, texts, strict=False))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):  # a datetime typed in Excel
        return str(value.date())
    return str(value).strip()
