"""The list of a province's units (one CSV: id, name, group, tags), from
which `template --units` writes one blank form per unit."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import attrs

from ._i18n import msg
from ._model import Issue, Location
from ._survey import open_csv

COLUMNS = ("id", "name", "group", "tags")


@attrs.frozen
class UnitRow:
    id: str
    name: str
    group: str | None = None
    tags: tuple[str, ...] = ()


def read_units(path: Path) -> tuple[list[UnitRow], list[Issue]]:
    """Every unit of the CSV (a row without an id is skipped); a repeated
    id is an error at its line."""
    reader, issues = open_csv(path, COLUMNS, ("id", "name"), "units.missing_column")
    units: list[UnitRow] = []
    if reader is None:
        return units, issues
    seen: set[str] = set()
    try:
        for row in reader:
            cells = {k: (v or "").strip() for k, v in row.items() if k}
            uid = cells.get("id", "")
            if not uid:
                continue
            if uid in seen:
                issues.append(Issue("error", msg("units.dup", id=uid),
                                    Location(str(path), row=reader.line_num)))
                continue
            seen.add(uid)
            tags = tuple(t.strip() for t in re.split(r"[,;]", cells.get("tags", "")) if t.strip())
            units.append(UnitRow(uid, cells.get("name") or uid, cells.get("group") or None, tags))
    except csv.Error as e:
        issues.append(Issue("error", msg("crit.read", error=e),
                            Location(str(path), row=reader.line_num)))
    return units, issues
