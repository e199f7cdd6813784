"""Province data tables (``--data FILE.csv|xlsx``, repeatable): figures the
Sở Nội vụ holds for every unit (online dossiers and on-time rates from the
public-service portal, say), one row per unit and leaf.

Columns (header names, any order, any case): ``unit``, ``code``, ``value``
and optionally ``source`` (where the figure comes from: "Cổng DVC
30/11/2024"). A figure replaces the value the unit declared for that leaf;
the leaf's explanation then names the table and the source, and shows the
unit's own value beside it when the two differ. CSV as for ``--survey``
(UTF-8 or UTF-16, ``;``/``,``/tab, decimal commas); an .xlsx table is read
from its first sheet, header in the first row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ._i18n import msg
from ._model import Assessment, Issue, Location, NodeResult, UnitResult
from ._survey import open_csv
from .exceptions import RuleFailed
from .rules import InvalidValue, guarded

COLUMNS = ("unit", "code", "value", "source")


@attrs.frozen
class Figure:
    """One province figure: the raw value, its source, and where it is written."""

    raw: Any
    source: str
    file: str
    row: int


@attrs.frozen
class DataTables:
    """Every figure of the tables given: unit id → {code → Figure}."""

    values: dict[str, dict[str, Figure]]
    issues: list[Issue]
    files: tuple[Path, ...] = ()

    def where(self, unit: str, code: str | None = None) -> Location:
        figures = self.values.get(unit, {})
        figure = figures.get(code) if code is not None else next(iter(figures.values()), None)
        if figure is None:
            return Location(str(self.files[0]) if self.files else None, code)
        return Location(figure.file, code, row=figure.row)


def read_data(paths: Sequence[Path]) -> DataTables:
    """Read every table; the same (unit, code) twice, in one table or two, is
    an error naming both places."""
    values: dict[str, dict[str, Figure]] = {}
    issues: list[Issue] = []
    for path in paths:
        for unit, code, raw, source, row in _rows(path, issues):
            known = values.get(unit, {}).get(code)
            if known is not None:
                issues.append(Issue("error", msg("data.duplicate", unit=unit, code=code,
                                                 first=f"{Path(known.file).name}:{known.row}"),
                                    Location(str(path), code, row=row)))
                continue
            values.setdefault(unit, {})[code] = Figure(raw, source, str(path), row)
    return DataTables(values, issues, tuple(paths))


def _rows(path: Path, issues: list[Issue]) -> Iterable[tuple[str, str, Any, str, int]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(path, issues)
        return
    reader, found = open_csv(path, COLUMNS, ("unit", "code", "value"), "data.missing_column")
    issues.extend(found)
    if reader is None:
        return
    try:
        for row in reader:
            cells = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            if (cells.get("unit") or cells.get("code")) and cells.get("value"):
                yield (cells["unit"], cells["code"], cells["value"],
                       cells.get("source", ""), reader.line_num)
    except csv.Error as e:
        issues.append(Issue("error", msg("crit.read", error=e),
                            Location(str(path), row=reader.line_num)))


def _xlsx_rows(path: Path, issues: list[Issue]) -> Iterable[tuple[str, str, Any, str, int]]:
    from .exceptions import InputError
    from .office._deps import load_workbook  # openpyxl, limits, clean errors

    try:
        rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    except InputError as e:  # no openpyxl, not a workbook, too large: said plainly
        issues.extend(e.issues)
        return
    header = [str(c).strip().casefold() if c is not None else "" for c in (rows or [()])[0]]
    missing = [c for c in ("unit", "code", "value") if c not in header]
    issues.extend(Issue("error", msg("data.missing_column", column=c), Location(str(path)))
                  for c in missing)
    if missing:
        return
    at = {name: header.index(name) for name in COLUMNS if name in header}
    for number, row in enumerate(rows[1:], start=2):
        def cell(name: str, row: Sequence[Any] = row) -> Any:
            i = at.get(name)
            return row[i] if i is not None and i < len(row) else None
        unit, code, value = cell("unit"), cell("code"), cell("value")
        if unit is None or code is None or value is None or str(value).strip() == "":
            continue
        if isinstance(value, float):  # Excel stores numbers as binary floats: 96.5 as typed
            value = Decimal(repr(value))
        yield str(unit).strip(), str(code).strip(), value, str(cell("source") or ""), number


def declared(data: Mapping[str, Any], code: str) -> Any:
    """The value the unit itself declared at `code` (before the tables)."""
    answers = data.get("answers")
    current = answers.get(code) if isinstance(answers, Mapping) else None
    # as `_unit_job._merge` reads it: a table with "value" is the full form
    return current.get("value") if isinstance(current, Mapping) and "value" in current \
        else current


def relocate(issues: Iterable[Issue], tables: DataTables, unit: str, path: Path
             ) -> list[Issue]:
    """Problems with a figure are reported at its row in its table: the
    unit's file does not contain it."""
    mine = tables.values.get(unit, {})
    return [attrs.evolve(i, where=attrs.evolve(tables.where(unit, i.where.code),
                                               key=i.where.key))
            if i.where.file == str(path) and i.where.code in mine
            and (i.where.key or "").startswith("answers") else i
            for i in issues]


def annotate(result: UnitResult, figures: Mapping[str, Figure],
             own: Mapping[str, Any]) -> UnitResult:
    """Each leaf scored from a province figure says so: the table, the
    source, and the unit's own value when it differs from the figure."""
    from ._group import replace_leaves

    assessment = result.assessment
    leaves: dict[str, NodeResult] = {}
    for code, figure in figures.items():
        if code not in result.criteria:
            continue
        node = result.node(code)
        if not node.is_leaf or node.na:
            continue
        differs = _differs(result, assessment, code, own.get(code), figure)
        where = Path(figure.file).name + (f", {figure.source}" if figure.source else "")
        note = msg("data.explained", inner=node.explanation or "", where=where,
                   own=msg("data.own", value=str(own[code])) if differs else "")
        leaves[code] = attrs.evolve(node, explanation=note)
    return replace_leaves(result, leaves) if leaves else result


def _differs(result: UnitResult, assessment: Assessment | None, code: str, own: Any,
             figure: Figure) -> bool:
    """Whether the unit declared something else than the figure (compared
    as the rule reads both: 96,5 and 96.50 are the same)."""
    if own is None:
        return False
    rule = result.criteria.node(code).rule
    if rule is None:
        return str(own) != str(figure.raw)
    try:
        return bool(guarded(rule.kind, code, "parse_value", lambda: rule.parse_value(own))
                    != guarded(rule.kind, code, "parse_value",
                               lambda: rule.parse_value(figure.raw)))
    except (InvalidValue, RuleFailed):
        return str(own) != str(figure.raw)
