"""Writing a unit's entries back into its filled Excel form: the web page
saves a form the way it saves a TOML file, into the cells the form is read
from (`_read_form`), so that reading it again gives the same data.

Only the cells of the leaves' entries change (the declared value or its
numerator and denominator, the evidence, the note, the not-applicable
reason); headings, formulas, drop-down lists, print set-up, the council's
columns and every other sheet stay as they are.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._i18n import msg
from .._model import CriteriaSet, Issue, Location
from .._numbers import NumberError, parse_decimal
from ..exceptions import InputError
from ..load._assessment import _is_full_form
from ..rules import Choice, YesNo
from ._deps import load_workbook
from ._read_form import _FormReader
from ._template import DATE_FORMAT


def fill_form(path: Path, data: Mapping[str, Any], criteria: CriteriaSet,
              lang: str = "vi") -> bytes:
    """The form at `path` with the entries of `data` (assessment data, as
    `read_form` gives) written into its leaves' rows, as .xlsx bytes."""
    wb = load_workbook(path, data_only=False)  # keep the form's formulas
    reader = _FormReader(path)
    found = reader.table(wb)
    if found is None:
        raise InputError([Issue("error", msg("office.form_no_table", sheets=wb.sheetnames),
                                Location(str(path)))])
    ws, header_row, columns = found
    reader.body(ws, header_row, columns)
    answers = data.get("answers") or {}
    claims = data.get("not_applicable") or {}
    for code, row in reader.rows.items():
        if code not in criteria:
            continue
        node = criteria.node(code)
        if not node.is_leaf or node.method == "survey":
            continue
        cells = _Row(ws, row, columns)
        raw = answers.get(code)
        entry: Mapping[str, Any] = {}
        if isinstance(raw, Mapping) and _is_full_form(raw):
            entry = raw
        elif raw is not None:
            entry = {"value": raw}  # the value alone
        _value(cells, entry.get("value"), node.rule, lang)
        _evidence(cells, entry.get("evidence"))
        note = entry.get("note")
        if "notes" in columns:
            cells.put("notes", note or None)
            cells.put("explanation", None)  # read back joined with the notes
        else:
            cells.put("explanation", note or None)
        cells.put("na", claims.get(code) if isinstance(claims, Mapping) else None)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class _Row:
    """The cells of one row, by the form's field names."""

    def __init__(self, ws: Any, row: int, columns: Mapping[str, int]) -> None:
        self.ws, self.row, self.columns = ws, row, columns

    def has(self, field: str) -> bool:
        return field in self.columns

    def cell(self, field: str) -> Any:
        return self.ws.cell(self.row, self.columns[field] + 1)

    def put(self, field: str, value: Any) -> None:
        if field not in self.columns:
            return
        cell = self.cell(field)
        if isinstance(value, Decimal) and "%" in (cell.number_format or ""):
            value = value / 100  # a cell shown as a percentage holds the fraction
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT


def _ratio(value: Any) -> tuple[Decimal, Decimal] | None:
    """A ratio's numerator and denominator, when `value` is one."""
    parts: list[Any] | None = None
    if isinstance(value, Mapping) and set(value) == {"num", "den"}:
        parts = [value["num"], value["den"]]
    elif isinstance(value, list) and len(value) == 2:
        parts = list(value)
    elif isinstance(value, str) and value.count("/") == 1:
        parts = value.split("/")
    if parts is None:
        return None
    try:
        return parse_decimal(parts[0]), parse_decimal(parts[1])
    except NumberError:
        return None


def _value(cells: _Row, value: Any, rule: Any, lang: str) -> None:
    ratio = _ratio(value)
    if ratio is not None and cells.has("num") and cells.has("den"):
        cells.put("num", ratio[0])
        cells.put("den", ratio[1])
        cells.put("value", None)
        return
    cells.put("num", None)
    cells.put("den", None)
    if isinstance(value, bool) and isinstance(rule, YesNo):
        # the label the form's drop-down list offers
        label = rule.yes_label if value else rule.no_label
        value = label or msg("yes" if value else "no").render(lang).capitalize()
    elif isinstance(value, str) and isinstance(rule, Choice):
        value = next((o.label for o in rule.options if o.key == value), value)
    cells.put("value", value)


def _evidence(cells: _Row, evidence: Any) -> None:
    """The first document's number, date and title; the titles of the
    others on their own lines below it (the form has one row per leaf)."""
    items = evidence if isinstance(evidence, list) else [evidence] if evidence else []
    first = items[0] if items and isinstance(items[0], Mapping) else {}
    titles = [str(first.get("title") or "")] if first else []
    for item in items[1 if first else 0:]:
        title = item.get("title") or item.get("number") if isinstance(item, Mapping) else item
        if title:
            titles.append(str(title))
    cells.put("ev_number", first.get("number") or None)
    date = first.get("date")
    cells.put("ev_date", date if isinstance(date, dt.date) else None)
    cells.put("ev_title", "\n".join(t for t in titles if t) or None)
