"""Excel forms as officers hand them in: a 17-digit id in a note, numbers
out of any plausible range, a stray cell in the sheet's last row, a
workbook too large to be a form, a truncated form in a scored folder.
None of them gives a traceback; none of them is silently skipped."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score import score_files
from cchc_score.cli import main

from . import test_office_form as _form
from .test_office_form import col, facts, fill, outcome
from .test_office_support import form_rows

#: the blank form and its criteria set, shared with the form tests
blank = _form.blank
criteria = _form.criteria


def _leaf_row(wb: Any, code: str) -> int:
    return int(form_rows(wb["Tự chấm"])[code])


def _errors(path: Path) -> list[str]:
    batch = score_files([path])
    return [i.render("en") for i in batch.issues if i.level == "error"]


@pytest.mark.parametrize(("note", "read"), [
    # a workbook stores numbers as doubles: Excel itself keeps 15-17 digits of an id
    (12345678901234567, "12345678901234570"), (1.2345678901234567e16, "12345678901234570"),
    (1e-30, "0." + "0" * 29 + "1"), (1e300, "1E+300")])
def test_a_huge_or_tiny_number_in_a_note_scores_like_the_clean_twin(
        blank: Path, criteria, tmp_path: Path, note: Any, read: str) -> None:  # type: ignore[no-untyped-def]
    """A 17-digit id (or 1e-30, or 1e300) typed in "Ghi chú" is text: the
    form scores exactly like its twin without it, and the note keeps the
    digits typed."""
    given = facts(criteria)
    wb = fill(blank, criteria, given)
    first = next(iter(given))
    wb["Tự chấm"].cell(_leaf_row(wb, first), col("notes"), note)
    noisy = tmp_path / "noisy.xlsx"
    wb.save(noisy)
    clean = tmp_path / "clean.xlsx"
    fill(blank, criteria, given).save(clean)
    assert outcome(noisy) == outcome(clean)
    from cchc_score.office import read_form

    assert read_form(noisy).data["answers"][first]["note"] == read


@pytest.mark.parametrize(("field", "raw"), [("value", 12345678901234567), ("value", 1e-30),
                                            ("self", 1e20), ("num", 10**17)])
def test_numbers_out_of_range_in_value_cells_are_errors_with_code_and_row(
        blank: Path, criteria, tmp_path: Path, field: str, raw: Any) -> None:  # type: ignore[no-untyped-def]
    """A value, self-score or numerator of 17+ digits or below 10^-28 is an
    error naming the criterion and the row, never a traceback."""
    given = facts(criteria)
    wb = fill(blank, criteria, given)
    code = next(c for c, v in given.items() if isinstance(v, str) and "/" in v) \
        if field == "num" else next(iter(given))
    row = _leaf_row(wb, code)
    wb["Tự chấm"].cell(row, col(field), raw)
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    errors = _errors(path)
    assert errors and all(f"row {row}" in e and code in e for e in errors), errors


def test_an_absurd_number_in_the_unit_sheet_or_code_column_is_a_message(
        blank: Path, criteria, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    """A 20-digit year, a tiny number as the set id and a 21-digit STT are
    reported (exit 1), not raised."""
    wb = fill(blank, criteria, facts(criteria))
    info = wb["Thông tin"]
    for r in range(1, info.max_row + 1):
        label = str(info.cell(r, 1).value or "")
        if "Năm" in label:
            info.cell(r, 2, 12345678901234567890)
        if "chỉ số" in label.lower():
            info.cell(r, 2, 1e-30)
    wb["Tự chấm"].cell(_leaf_row(wb, next(iter(facts(criteria)))), col("code"), 1.5e20)
    path = tmp_path / "info.xlsx"
    wb.save(path)
    assert main(["score", str(path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "year" in err


def test_a_stray_cell_in_the_last_row_does_not_walk_a_million_rows(
        blank: Path, criteria, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A form whose last cell is at row 1,048,576 (Excel's last row) scores
    like its clean twin; the rows read are those the sheet stores (the time
    and memory are measured by benchmarks/bench_hardening.py)."""
    given = facts(criteria)
    wb = fill(blank, criteria, given)
    wb["Tự chấm"].cell(1_048_576, 3, "x")
    wb["Thông tin"].cell(1_048_576, 2, "y")
    stray = tmp_path / "stray.xlsx"
    wb.save(stray)
    clean = tmp_path / "clean.xlsx"
    fill(blank, criteria, given).save(clean)
    from cchc_score.office import _cells
    from cchc_score.office._deps import load_workbook

    sheet = load_workbook(stray)["Tự chấm"]
    assert sum(1 for _ in _cells.used_rows(sheet, max_col=8)) < 500
    assert outcome(stray) == outcome(clean)


def test_a_workbook_beyond_the_cell_limit_is_refused_naming_the_variable(
        blank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """More cells than CCHC_SCORE_LIMIT_CELLS allows is refused before the
    workbook is built, with the limit and the variable that raises it."""
    monkeypatch.setenv("CCHC_SCORE_LIMIT_CELLS", "50")
    assert main(["score", str(blank), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "limit of 50 cells" in err and "CCHC_SCORE_LIMIT_CELLS" in err
    monkeypatch.setenv("CCHC_SCORE_LIMIT_CELLS", "100000")
    assert main(["score", str(blank), "--lang", "en"]) == 0


def test_a_truncated_or_damaged_form_in_a_scored_folder_is_an_error(
        blank: Path, criteria, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    """A truncated .xlsx beside good forms is named and the run exits 1:
    skipped, a unit would vanish from the ranking."""
    fill(blank, criteria, facts(criteria)).save(tmp_path / "good.xlsx")
    data = (tmp_path / "good.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    (tmp_path / "noise.xlsx").write_bytes(b"not a workbook at all")
    assert main(["score", str(tmp_path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "cut.xlsx" in err and "noise.xlsx" in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_form_in_a_scored_folder_is_an_error(
        blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A form the user may not read is named (permission denied), exit 1."""
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(blank.read_bytes())
    locked.chmod(0)
    assert main(["score", str(tmp_path), "--lang", "en"]) == 1
    assert "locked.xlsx" in capsys.readouterr().err


def test_folders_nested_beyond_the_depth_limit_are_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder nested deeper than CCHC_SCORE_LIMIT_DEPTH is named, with the
    variable, instead of a recursion error or a silent skip."""
    deep = tmp_path
    for _ in range(40):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "x.toml").write_text("schema = 1\n", encoding="utf-8")
    assert main(["score", str(tmp_path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "CCHC_SCORE_LIMIT_DEPTH" in err and "Traceback" not in err


def test_a_criteria_path_naming_an_endless_device_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`criteria = "/dev/zero"` is read up to the file-size limit, then
    refused with the limit and its variable (not read until memory ends)."""
    monkeypatch.setenv("CCHC_SCORE_LIMIT_FILE_MB", "1")
    unit = tmp_path / "u.toml"
    unit.write_text('schema = 1\ncriteria = "/dev/zero"\nyear = 2024\n[unit]\nid = "u"\n'
                    'name = "U"\ngroup = "g"\n', encoding="utf-8")
    assert main(["score", str(unit), "--criteria", "/dev/zero", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "limit of 1 MB" in err and "CCHC_SCORE_LIMIT_FILE_MB" in err


def test_numbers_read_from_cells_share_one_guard() -> None:
    """Every cell number goes through parse_decimal's bounds: out of range
    is None for a number, the typed digits for text, never an exception."""
    from cchc_score.office import _cells

    for raw in (10**17, 1.5e16, 1e-30, float("nan"), float("inf"), Decimal("1e-40")):
        assert _cells.number(raw) is None
        assert isinstance(_cells.text(raw), str)
        assert isinstance(_cells.code(raw), str)
        assert _cells.value(raw) is None or isinstance(_cells.value(raw), str)
    assert _cells.text(12345678901234567) == "12345678901234567"
    assert _cells.number("96,5") == Decimal("96.5")
