"""Fuzzing: criteria files, assessment files, Excel forms and criteria
workbooks mutated by Hypothesis (values of every type and magnitude, lines
and rows deleted and duplicated, sheets deleted and added, merged cells,
formulas without cached values, control characters, huge dimensions). Each
mutant is loaded, checked, scored and rendered: the outcome is a result or
issues that render in both languages, never an exception.

CI runs a small fixed budget (profile ``ci``); ``make fuzz`` runs the same
tests with random seeds and ``FUZZ_EXAMPLES`` examples each, for as long as
asked (``make fuzz FUZZ_ARGS=tests/test_hardening_fuzz.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_score import score_files
from cchc_score._api import catalog
from cchc_score.exceptions import InputError
from cchc_score.report import FORMATS, Options

from .test_office_support import criteria_workbook, openpyxl

ROOT = Path(__file__).resolve().parent.parent
SET = "ca-tinh-2024-bang1"


def budget(ci: int) -> Any:
    """`ci` examples in the suite; FUZZ_EXAMPLES under `make fuzz`."""
    return settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES") or ci))


# -- what people type -------------------------------------------------------------------

#: numbers of every magnitude, as a TOML or a cell would hold them
magnitudes = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e-300, 1e-30, 1e-28, 5e-324, 1e15, 1e16, 12345678901234567.0, 1e300,
                     -0.0, 0.1 + 0.2]),
)
#: text with control characters, combining marks, quotes and separators
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
                max_size=40) | st.sampled_from(
    ["\x7f", "\x00", "a\x01b", "Ha\u0300 No\u0323i", '"', "'''", "[", "{", "=", "1.1.1",
     "50,5", "96%", "1.234,5", "32/13/2024", "2024-02-30", "không", "có", "=SUM(A1:A9)",
     "#DIV/0!", "\u202e", "\ufeff"])

#: a TOML value spelled as a person (or a broken program) might
toml_tokens = st.one_of(
    magnitudes.map(lambda v: repr(v) if isinstance(v, float) else str(v)),
    texts.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    texts,
    st.sampled_from(["nan", "inf", "-inf", "true", "1979-05-27", "2024-13-45", "[]", "{}",
                     "[" * 60 + "]" * 60, "{ a = { b = { c = 1 } } }", "9" * 400,
                     '"/dev/zero"', '"."', "0x7f", "1_000", "+1", ".5", "5."]),
)

#: edits of a text file's lines: delete, duplicate, replace a value, insert, truncate
line_edits = st.lists(st.tuples(st.sampled_from(["del", "dup", "value", "insert", "cut",
                                                 "char"]),
                                st.integers(min_value=0, max_value=10**6), toml_tokens),
                      max_size=6)


def mutate_lines(text: str, edits: list[tuple[str, int, str]]) -> str:
    lines = text.splitlines()
    for op, where, token in edits:
        if not lines:
            lines = [token]
            continue
        i = where % len(lines)
        if op == "del":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "value" and "=" in lines[i]:
            lines[i] = lines[i].split("=", 1)[0] + "= " + token
        elif op == "insert":
            lines.insert(i, token)
        elif op == "cut":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: where % (len(lines[-1]) + 1)]
        elif op == "char":
            line = lines[i]
            at = where % (len(line) + 1)
            lines[i] = line[:at] + token[:1] + line[at:]
    return "\n".join(lines) + "\n"


def no_exception_rendering(batch: Any) -> None:
    """Every issue renders in both languages without a Python repr, and
    every format renders the results."""
    for issue in batch.issues:
        for lang in ("vi", "en"):
            text = issue.render(lang)
            assert "Decimal(" not in text and "Traceback" not in text, text
    if batch.results:
        for _name, report in FORMATS.items():
            report().render(batch.results, Options(lang="en", width=100))


# -- criteria and assessment files --------------------------------------------------------

CRITERIA_TEXT = (ROOT / "criteria" / f"{SET}.toml").read_text(encoding="utf-8")
DEMO = ROOT / "examples" / "demo" / "px01.toml"


@budget(30)
@given(edits=line_edits)
def test_mutated_criteria_files_are_checked_without_exceptions(edits: Any) -> None:
    """A criteria file with lines deleted, duplicated, cut or given nasty
    values is checked into issues (or a valid set), never an exception."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "set.toml"
        path.write_text(mutate_lines(CRITERIA_TEXT, edits), encoding="utf-8")
        criteria, issues = catalog().check(path)
        assert criteria is not None or any(i.level == "error" for i in issues)
        for issue in issues:
            assert "Decimal(" not in issue.render("en")


@budget(30)
@given(edits=line_edits, stage=st.sampled_from(["self", "appraised"]))
def test_mutated_assessment_files_score_or_explain_without_exceptions(edits: Any,
                                                                      stage: Any) -> None:
    """An assessment with lines deleted, duplicated, cut or given nasty
    values scores or yields issues; every format renders what scored."""
    text = DEMO.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "unit.toml"
        path.write_text(mutate_lines(text, edits), encoding="utf-8")
        batch = score_files([path], stage=stage, criteria=SET)
        no_exception_rendering(batch)


# -- Excel forms and criteria workbooks -----------------------------------------------------

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl cannot write

cell_values = st.one_of(
    st.none(), st.booleans(), magnitudes, texts.map(lambda t: _ILLEGAL.sub("", t)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from(["=1/0", "=A1+", "=NOW()", "='[other.xlsx]Sheet'!A1"]),
)

sheet_edits = st.lists(st.one_of(
    st.tuples(st.just("cell"), st.integers(1, 120), st.integers(1, 20), cell_values),
    st.tuples(st.just("far"), st.integers(1, 1_048_576), st.integers(1, 16_384), cell_values),
    st.tuples(st.just("delete_rows"), st.integers(1, 120), st.integers(1, 30), st.none()),
    st.tuples(st.just("insert_rows"), st.integers(1, 120), st.integers(1, 5), st.none()),
    st.tuples(st.just("duplicate_row"), st.integers(1, 120), st.integers(1, 120), st.none()),
    st.tuples(st.just("merge"), st.integers(1, 120), st.integers(1, 12), st.integers(1, 4)),
    st.tuples(st.just("delete_cols"), st.integers(1, 20), st.integers(1, 3), st.none()),
    st.tuples(st.just("drop_sheet"), st.integers(0, 5), st.just(0), st.none()),
    st.tuples(st.just("add_sheet"), st.integers(0, 5), st.just(0), texts),
), max_size=6)


def mutate_workbook(wb: Any, edits: list[tuple[Any, ...]]) -> None:
    # A cell far out goes last: openpyxl's own row and column moves walk the
    # whole sheet's nominal range (a test harness limit, not the reader's)
    edits = sorted(edits, key=lambda e: e[0] == "far")
    for op, a, b, value in edits:
        if not wb.worksheets:
            wb.create_sheet("Sheet")
        ws = wb.worksheets[0] if op not in ("drop_sheet", "add_sheet") \
            else wb.worksheets[a % len(wb.worksheets)]
        if op in ("cell", "far"):
            # openpyxl refuses some values, and merged cells: nobody writes them
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                ws.cell(a, b, value)
        elif op == "delete_rows":
            ws.delete_rows(a, b)
        elif op == "insert_rows":
            ws.insert_rows(a, b)
        elif op == "duplicate_row":
            for c in range(1, 17):
                target = ws.cell(b, c)
                if type(target).__name__ != "MergedCell":
                    target.value = ws.cell(a, c).value
        elif op == "merge":
            with contextlib.suppress(ValueError, TypeError):
                ws.merge_cells(start_row=a, start_column=b, end_row=a + value,
                               end_column=b + value)
        elif op == "delete_cols":
            ws.delete_cols(a, b)
        elif op == "drop_sheet" and len(wb.worksheets) > 1:
            wb.remove(ws)
            if all(w.sheet_state != "visible" for w in wb.worksheets):
                wb.worksheets[0].sheet_state = "visible"  # a workbook shows a sheet
        elif op == "add_sheet":
            title = _ILLEGAL.sub("", re.sub(r"[\[\]:*?/\\\x00-\x1f]", "", value))[:31] or "x"
            with contextlib.suppress(ValueError):
                wb.create_sheet(title, a)


@functools.cache
def _blank_form() -> bytes:
    from cchc_score.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.xlsx"
        assert main(["template", SET, "-o", str(path), "--unit", "px01",
                     "--name", "Phòng Tham mưu"]) == 0
        wb = openpyxl.load_workbook(path)
        ws = wb["Tự chấm"]
        for row in range(5, 40):  # some answers, evidence and notes to mutate
            for column, value in ((3, ["Kịp thời", 96.5, "3/4", True, 12][row % 5]),
                                  (12, "Kế hoạch số 41/KH-SNgV")):
                if type(ws.cell(row, column)).__name__ != "MergedCell":
                    ws.cell(row, column).value = value
        wb.save(path)
        return path.read_bytes()


@functools.cache
def _criteria_workbook() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = criteria_workbook(Path(tmp) / "annex.xlsx")
        return path.read_bytes()


@pytest.mark.filterwarnings("ignore")
@budget(12)
@given(edits=sheet_edits)
def test_mutated_forms_score_or_explain_without_exceptions(edits: Any) -> None:
    """A filled form with cells of every type and magnitude, rows deleted,
    inserted and duplicated, merged cells, formulas without cached values,
    a cell far out at the sheet's edge, sheets dropped and added: scored
    or reported, every issue renders, never an exception."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.xlsx"
        path.write_bytes(_blank_form())
        wb = openpyxl.load_workbook(path)
        mutate_workbook(wb, edits)
        wb.save(path)
        batch = score_files([path])
        no_exception_rendering(batch)
        batch = score_files([Path(tmp)])  # the folder: found, or its problem reported
        no_exception_rendering(batch)


@pytest.mark.filterwarnings("ignore")
@budget(12)
@given(edits=sheet_edits, fix=st.booleans())
def test_mutated_criteria_workbooks_import_or_explain_without_exceptions(
        edits: Any, fix: bool) -> None:
    """A criteria annex mutated the same way imports into a criteria file
    that loads, or into errors that render; never an exception."""
    from cchc_score.office import import_criteria

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "annex.xlsx"
        path.write_bytes(_criteria_workbook())
        wb = openpyxl.load_workbook(path)
        mutate_workbook(wb, edits)
        wb.save(path)
        text: str | None = None
        try:
            imported = import_criteria(path, fix_codes=fix)
        except InputError as e:  # the workbook cannot be opened
            issues: tuple[Any, ...] = tuple(e.issues)
        else:
            issues, text = imported.issues, imported.text
        for issue in issues:
            assert "Decimal(" not in issue.render("en") and issue.render("vi")
        if text is None:
            assert any(i.level == "error" for i in issues)
            return
        out = Path(tmp) / "set.toml"
        out.write_text(text, encoding="utf-8")
        catalog().check(out)
