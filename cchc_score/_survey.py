"""Survey results for many units from one CSV file.

Columns (header names, any order): ``unit`` (unit id), ``code`` (survey
leaf), and either ``value`` (a satisfaction share in percent) or one column
per answer option of a weighted survey rule (``A``, ``B``, ...). UTF-8 with or
without BOM; ``;`` or ``,`` separators; decimal commas accepted.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ._i18n import msg
from ._model import Issue, Location
from ._toml import read_text


def read_survey_csv(path: Path) -> tuple[dict[str, dict[str, Any]], list[Issue]]:
    """Map unit id → {code → raw value}; values are checked later against the
    rule of each leaf, like values typed in an assessment."""
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as e:
        return {}, [Issue("error", msg("crit.read", error=e), Location(str(path)))]
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = [f.strip() for f in reader.fieldnames or []]
    issues: list[Issue] = []
    for key in ("unit", "code"):
        if key not in fields:
            issues.append(Issue("error", msg("crit.missing_key", key=key), Location(str(path))))
    if issues:
        return {}, issues
    values: dict[str, dict[str, Any]] = {}
    for row in reader:
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        unit, code = row.pop("unit"), row.pop("code")
        if not unit and not code:
            continue
        if row.get("value"):
            raw: Any = row["value"]
        else:
            raw = {k: v for k, v in row.items() if k != "value" and v}
        values.setdefault(unit, {})[code] = raw
    return values, issues
