"""Reading a filled self-assessment form (.xlsx) into the same raw data an
assessment TOML file gives, so that `parse_assessment` checks it and the
engine scores it exactly as the TOML.

People do things to workbooks: they move, hide or insert columns, add
sheets, merge cells, type numbers as text with a decimal comma, format a
share as 96%, leave formulas. So the table is found by its header words on
whichever sheet has it, values are read from the cached results of
formulas, and every value is read as the person meant it (`_cells`). Each
code's row is kept so that problems can say where they are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .._i18n import Msg, msg
from .._io_errors import os_problem
from .._model import Issue, Location
from ..rules import InvalidValue, parse_date
from . import _cells
from ._deps import load_workbook
from ._layout import EMBED_SHEET, FORM_FIELDS, HEADERS, INFO_FIELDS, INFO_SHEET


@attrs.frozen
class Form:
    """A form as assessment data: `data` is what `parse_assessment` takes,
    `rows` the workbook row of each code, `issues` what reading found."""

    data: dict[str, Any] | None
    rows: Mapping[str, int]
    issues: tuple[Issue, ...]
    sheet: str = ""


#: the title of the total row that closes the table (diacritics removed)
TOTAL_WORDS = frozenset({"tong cong", "tong", "cong", "total"})


def is_form(path: Path) -> bool:
    """Cheaply, without openpyxl: whether an .xlsx file has our unit sheet
    (used when a folder is scored, to skip results workbooks and others)."""
    return sniff_form(path) is True


def sniff_form(path: Path) -> bool | Msg:
    """Whether an .xlsx file is a form (True) or another workbook (False);
    or why it cannot be told: unreadable, truncated, not a zip. Scoring a
    folder reports those: skipped, a unit would vanish from the ranking."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml").decode("utf-8", "replace")
    except OSError as e:
        return os_problem(e)
    except KeyError:  # a zip, but no workbook in it
        return msg("office.not_zip")
    except Exception:  # BadZipFile, a truncated member (EOFError, zlib.error), …
        return msg("office.not_zip")
    return f'name="{INFO_SHEET}"' in book


def read_form(path: Path | str) -> Form:
    path = Path(path)
    wb = load_workbook(path)
    reader = _FormReader(path)
    found = reader.table(wb)
    if found is None:
        reader.error(msg("office.form_no_table", sheets=wb.sheetnames), None, None)
        return Form(None, {}, tuple(reader.issues))
    ws, header_row, columns = found
    if "value" not in columns:
        # Found by its Tử số/Mẫu số columns alone: every other declared value
        # would be read as blank (0 points) without this word.
        reader.warn(msg("office.form_no_value", column=HEADERS["value"], sheet=ws.title), None,
                    header_row)
    data: dict[str, Any] = {"schema": 1}
    data.update(reader.info(wb))
    data.update(reader.body(ws, header_row, columns))
    embedded = _embedded(wb)
    if embedded is not None:
        data["embedded"] = embedded
    return Form(data, reader.rows, tuple(reader.issues), ws.title)


def _embedded(wb: Any) -> dict[str, str] | None:
    """The criteria set the form was made from (`office._template.embed_sheet`)."""
    if EMBED_SHEET not in wb.sheetnames:
        return None
    ws = wb[EMBED_SHEET]
    cells = [c[0].value for c in ws.iter_rows(min_row=2, max_col=1)]
    if not cells or not isinstance(cells[0], str):
        return None
    text = "".join(v for v in cells[1:] if isinstance(v, str))
    return {"criteria_hash": cells[0], "criteria_text": text}


class _FormReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.issues: list[Issue] = []
        self.rows: dict[str, int] = {}

    def error(self, message: Msg, code: str | None, row: int | None, key: str | None = None
              ) -> None:
        self.issues.append(Issue("error", message, Location(str(self.path), code, key, row)))

    def warn(self, message: Msg, code: str | None, row: int | None, key: str | None = None
             ) -> None:
        self.issues.append(Issue("warning", message, Location(str(self.path), code, key, row)))

    def table(self, wb: Any) -> tuple[Any, int, dict[str, int]] | None:
        sheets = sorted(wb.worksheets, key=lambda ws: ws.sheet_state != "visible")
        for ws in sheets:
            rows = ((r[0].row, [c.value for c in r]) for r in ws.iter_rows(max_col=60) if r)
            found = _cells.find_header(rows, FORM_FIELDS, ("code", "title"))
            if found is not None and ("value" in found[1] or "num" in found[1]):
                return ws, found[0], found[1]
        return None

    # -- the unit sheet --------------------------------------------------------------

    def info(self, wb: Any) -> dict[str, Any]:
        sheet = next((ws for ws in wb.worksheets
                      if _cells.plain_fold(ws.title) == _cells.plain_fold(INFO_SHEET)), None)
        if sheet is None:
            self.error(msg("office.form_no_info", sheet=INFO_SHEET), None, None)
            return {}
        fields = {f.key: f.words for f in INFO_FIELDS}
        found: dict[str, Any] = {}
        for r, (label_cell, value_cell) in _cells.used_rows(sheet, max_col=2):
            label = label_cell.value if label_cell is not None else None
            value = value_cell.value if value_cell is not None else None
            for key in _cells.match_headers([label], fields):
                if key not in found:
                    found[key] = (value, r)
        data: dict[str, Any] = {}
        unit: dict[str, Any] = {}
        for key, (value, row) in found.items():
            words = _cells.text(value)
            if key == "year":
                number = _cells.number(value)
                if number is None or number != number.to_integral_value():
                    if words:
                        self.error(msg("office.form_year", raw=words), None, row, "year")
                    continue
                data["year"] = int(number)
            elif key == "criteria":
                if words:
                    data["criteria"] = words
            elif key == "unit.tags":
                unit["tags"] = [t.strip() for t in re.split(r"[,;]", words) if t.strip()]
            elif words:
                unit[key.partition(".")[2]] = words
        data["unit"] = unit
        return data

    # -- the table -----------------------------------------------------------------------

    def body(self, ws: Any, header_row: int, columns: dict[str, int]) -> dict[str, Any]:
        merged = _cells.merged_across(ws)
        entries: list[tuple[str, int, dict[str, Any]]] = []
        width = max(columns.values()) + 1
        for r, row in _cells.used_rows(ws, header_row + 1, width):
            cells: dict[str, Any] = {}
            for field, col in columns.items():
                cell = row[col]
                raw = cell.value if cell is not None else None
                if raw is None:
                    raw = merged.get((r, col + 1))
                if isinstance(raw, str) and raw.startswith("="):
                    raw = None  # a formula without a cached value: Excel never computed it
                cells[field] = (raw, cell.number_format if cell is not None else "General")
            code = _cells.code(cells["code"][0])
            if not code and _cells.plain_fold(_cells.text(cells["title"][0])) in TOTAL_WORDS:
                break  # the table ends at its total; a signature block may follow
            if not code:
                filled = [f for f in ("value", "num", "den", "ev_number", "ev_title")
                          if f in cells and _cells.text(cells[f][0])]
                if filled:
                    self.warn(msg("office.form_no_code"), None, r)
                continue
            if code in self.rows:
                self.warn(msg("office.form_dup_code", code=code, first=self.rows[code]), code, r)
                continue
            self.rows[code] = r
            entries.append((code, r, cells))
        parents = {c.rpartition(".")[0] for c, _, _ in entries}
        answers: dict[str, Any] = {}
        appraisal: dict[str, Any] = {}
        not_applicable: dict[str, Any] = {}
        for code, r, cells in entries:
            reason = _cells.text(cells.get("na", (None,))[0])
            if reason:
                not_applicable[code] = reason
            answer = self.answer(code, r, cells, leaf=code not in parents)
            if answer:
                answers[code] = answer
            if code not in parents and "appraised" in cells:
                points = cells["appraised"][0]
                if _cells.text(points):
                    entry: dict[str, Any] = {"points": self.number(code, r, "appraised",
                                                                   cells["appraised"])}
                    comment = _cells.text(cells.get("reason", (None,))[0])
                    if comment:
                        entry["reason"] = comment
                    appraisal[code] = entry
        data: dict[str, Any] = {"answers": answers}
        if not_applicable:
            data["not_applicable"] = not_applicable
        if appraisal:
            data["appraisal"] = appraisal
        return data

    def number(self, code: str, r: int, field: str, cell: tuple[Any, str]) -> Any:
        raw, number_format = cell
        value = _cells.number(raw, number_format)
        if value is None:
            self.error(msg("office.form_bad_number", code=code, column=HEADERS[field],
                           raw=_cells.text(raw)), code, r)
            return _cells.text(raw)
        return value

    def answer(self, code: str, r: int, cells: dict[str, Any], *, leaf: bool) -> dict[str, Any]:
        """The answer table for one row: value (or num/den), evidence, note,
        typed self-score. Typed points on a row that has sub-criteria are
        the form's own sums, not a claim."""
        answer: dict[str, Any] = {}
        num = cells.get("num", (None, ""))
        den = cells.get("den", (None, ""))
        has_num, has_den = bool(_cells.text(num[0])), bool(_cells.text(den[0]))
        if has_num and has_den:
            answer["value"] = {"num": _cells.value(*num), "den": _cells.value(*den)}
        elif has_num or has_den:
            self.error(msg("office.form_half_ratio", code=code), code, r)
        elif "value" in cells:
            value = _cells.value(*cells["value"])
            if value is not None:
                answer["value"] = value
        evidence = self.evidence(code, r, cells)
        if evidence:
            answer["evidence"] = evidence
        notes = [_cells.text(cells.get(f, (None,))[0]) for f in ("explanation", "notes")]
        note = "\n".join(n for n in notes if n)
        if note:
            answer["note"] = note
        if leaf and "self" in cells and _cells.text(cells["self"][0]):
            answer["points"] = self.number(code, r, "self", cells["self"])
        return answer

    def evidence(self, code: str, r: int, cells: dict[str, Any]) -> list[Any]:
        number = _cells.text(cells.get("ev_number", (None,))[0])
        raw_date = cells.get("ev_date", (None, ""))[0]
        titles = [t.strip() for t in str(cells.get("ev_title", (None,))[0] or "").splitlines()
                  if t.strip()]
        if not (number or titles or _cells.text(raw_date)):
            return []
        first: dict[str, Any] = {}
        if number:
            first["number"] = number
        if _cells.text(raw_date):
            try:
                date: dt.date | str = parse_date(_cells.value(raw_date))
            except InvalidValue:
                date = ""
            if isinstance(date, dt.date):
                first["date"] = date
            else:  # not a date; parse_date's MISSING ("không") is no document date either
                self.error(msg("office.form_bad_date", code=code, raw=_cells.text(raw_date)),
                           code, r)
        if titles:
            first["title"] = _cells.text(titles[0])
        return [first, *(_cells.text(t) for t in titles[1:])]
