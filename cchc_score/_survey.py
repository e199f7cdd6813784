"""Survey results for many units from one CSV file.

Columns (header names, any order): ``unit`` (unit id), ``code`` (survey
leaf), and either ``value`` (a satisfaction share in percent) or one column
per answer option of a weighted survey rule (``A``, ``B``, ...). UTF-8 with or
without BOM, or UTF-16 with BOM (Excel's "Unicode Text"); ``;``, ``,`` or tab
separators; decimal commas accepted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ._i18n import msg
from ._io_errors import read_problem
from ._model import Issue, Location
from ._toml import read_text


@attrs.frozen
class Survey:
    """A survey CSV read: unit id → {code → raw value}, the line each
    (unit, code) came from (so that a bad value is reported where it is
    written, not in the unit's assessment file), and the issues."""

    path: Path
    values: dict[str, dict[str, Any]]
    lines: dict[tuple[str, str], int]
    issues: list[Issue]

    def where(self, unit: str, code: str | None = None) -> Location:
        line = self.lines.get((unit, code)) if code is not None else min(
            (n for (u, _), n in self.lines.items() if u == unit), default=None)
        return Location(str(self.path), code, row=line)


def _delimiter(text: str) -> str:
    """The separator of the header line: whichever of comma, semicolon (Excel
    with a decimal comma) and tab it holds most of, comma when none. Counted
    in one pass: csv.Sniffer's guess is quadratic in the line's length. A
    header without any separator is then reported as missing columns."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_survey(path: Path) -> Survey:
    """Map unit id → {code → raw value}, with the line of every value; the
    values are checked later against each leaf's rule, like values typed in
    an assessment. A row whose value cells are all blank is skipped: that
    leaf has no result yet (pending)."""
    values: dict[str, dict[str, Any]] = {}
    lines: dict[tuple[str, str], int] = {}
    reader, issues = open_csv(path, _COLUMNS, ("unit", "code"), "svy.missing_column")
    if reader is not None:
        try:
            _rows(reader, path, values, lines, issues)
        except csv.Error as e:  # a NUL byte, an unclosed quote at the end
            issues.append(Issue("error", msg("crit.read", error=e),
                                Location(str(path), row=reader.line_num)))
    return Survey(path, values, lines, issues)


def open_csv(path: Path, columns: Sequence[str], required: Sequence[str], missing: str
             ) -> tuple[csv.DictReader[str] | None, list[Issue]]:
    """A CSV table exported from Excel, ready to read by header name:
    `columns` are matched whatever their case (others keep theirs), each of
    `required` missing is an error (message `missing`); the separator
    (``;``, ``,`` or tab) is the header's commonest (`_delimiter`)."""
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as e:
        return None, [Issue("error", msg("crit.read", error=read_problem(e)),
                            Location(str(path)))]
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text))
    try:
        # "Unit", "CODE" as typed in Excel; answer options (A, B, …) keep their case.
        fields = [f.strip() for f in reader.fieldnames or []]
    except csv.Error as e:
        return None, [Issue("error", msg("crit.read", error=e), Location(str(path), row=1))]
    reader.fieldnames = [f.casefold() if f.casefold() in columns else f for f in fields]
    issues = [Issue("error", msg(missing, column=key), Location(str(path)))
              for key in required if key not in reader.fieldnames]
    return (None if issues else reader), issues


def _rows(reader: csv.DictReader[str], path: Path, values: dict[str, dict[str, Any]],
          lines: dict[tuple[str, str], int], issues: list[Issue]) -> None:
    for row in reader:
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        unit, code = row.pop("unit"), row.pop("code")
        if not unit and not code:
            continue
        if row.get("value"):
            raw: Any = row["value"]
        else:
            raw = {k: v for k, v in row.items() if k != "value" and v}
            if not raw:
                continue
        if (unit, code) in lines:
            issues.append(Issue("error", msg("svy.duplicate", unit=unit, code=code,
                                             first=lines[unit, code]),
                                Location(str(path), code, row=reader.line_num)))
            continue
        lines[unit, code] = reader.line_num
        values.setdefault(unit, {})[code] = raw


#: the fixed columns, matched whatever their case
_COLUMNS = ("unit", "code", "value")
