"""Year over year: `compare` splits each change into the criteria's part
(with last year's performance on this year's set) and the unit's part,
exactly; `diff-criteria` lists what changed between two sets."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from cchc_score import score_files
from tests.conftest import EXAMPLES
from tests.report_kit import run

CYCLE = EXAMPLES / "chu-ky"


def _years(tmp_path: Path, this_set: str, edit: tuple[str, str] | None = None
           ) -> tuple[Path, Path]:
    """Sở Tư pháp's 2024 file, and "this year's": the same facts scored with
    `this_set`, with one fact changed by `edit` (old text, new text)."""
    for name in ("bo-chi-so-2024.toml", "bo-chi-so-2025.toml", "so-tu-phap-2024.toml"):
        shutil.copy(CYCLE / name, tmp_path / name)
    last = tmp_path / "so-tu-phap-2024.toml"
    text = last.read_text(encoding="utf-8").replace("bo-chi-so-2024.toml", this_set)
    if this_set.endswith("2025.toml"):
        # the same fact a year on: a plan issued ten days late again
        text = text.replace("year = 2024", "year = 2025").replace("2024-02-10", "2025-02-10")
    if edit is not None:
        assert edit[0] in text
        text = text.replace(*edit)
    this = tmp_path / "nam-nay" / "so-tu-phap.toml"
    this.parent.mkdir()
    this.write_text(text.replace('"bo-chi-so', '"../bo-chi-so'), encoding="utf-8")
    return last, this


def _compare(last: Path, this: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    code, out, _ = run(["compare", str(last), str(this), "--format", "json"], capsys)
    assert code == 0
    (unit,) = json.loads(out)["units"]
    return unit  # type: ignore[no-any-return]


def test_a_new_maximum_alone_is_the_criteria_part(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Same facts, new set (1.4 worth 3 instead of 5, a new leaf 4.3): the
    whole change is attributed to the criteria, to the exact decimal, and
    component 1 loses exactly the 2 points of 1.4's lower maximum."""
    last, this = _years(tmp_path, "bo-chi-so-2025.toml")
    unit = _compare(last, this, capsys)
    before = score_files([last], stage="final").results[0]
    after = score_files([this], stage="final").results[0]
    assert D(str(unit["change"])) == after.index - before.index != 0
    assert D(str(unit["by_criteria"])) == after.index - before.index
    assert D(str(unit["by_unit"])) == 0
    first = next(c for c in unit["components"] if c["code"] == "1")
    assert D(str(first["by_criteria"])) == D(-2) and D(str(first["by_unit"])) == 0
    assert unit["exact"] is True


def test_a_changed_fact_alone_is_the_unit_part(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Same set, one fact changed (2.2: 98% → 100% on time, 8 → 10 points):
    the whole change is the unit's, to the exact decimal."""
    last, this = _years(tmp_path, "bo-chi-so-2024.toml",
                        ('"2.2" = { value = 98', '"2.2" = { value = 100'))
    unit = _compare(last, this, capsys)
    assert D(str(unit["by_criteria"])) == 0
    assert D(str(unit["by_unit"])) == D(2) == D(str(unit["change"]))
    second = next(c for c in unit["components"] if c["code"] == "2")
    assert D(str(second["by_unit"])) == D(2) and D(str(second["by_criteria"])) == 0


def test_from_last_years_json_the_parts_still_add_up(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """From a result JSON (no facts) the bridge keeps each leaf's share; the
    two parts add up exactly to the change, and the output says it is an
    estimate."""
    last, this = _years(tmp_path, "bo-chi-so-2025.toml", ('"4.1" = { value = 92',
                                                          '"4.1" = { value = 60'))
    results = tmp_path / "2024.json"
    assert run(["score", str(last), "--format", "json", "-o", str(results)], capsys)[0] == 0
    unit = _compare(results, this, capsys)
    assert unit["exact"] is False
    assert D(str(unit["by_criteria"])) + D(str(unit["by_unit"])) == D(str(unit["change"]))
    code, out, _ = run(["compare", str(results), str(this)], capsys)
    assert code == 0 and "ước tính" in out


def test_diff_criteria_lists_added_and_changed_nodes(capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    """`diff-criteria A B` names the new leaf and every changed maximum."""
    code, out, _ = run(["diff-criteria", str(CYCLE / "bo-chi-so-2024.toml"),
                        str(CYCLE / "bo-chi-so-2025.toml"), "--format", "json"], capsys)
    assert code == 0
    found = {(c["code"], c["what"]) for c in json.loads(out)["changes"]}
    assert {("4.3", "added"), ("1.4", "max"), ("1", "max"), ("4", "max"),
            ("1.4", "rule")} <= found
    assert ("2.2", "max") not in found


def test_readme_previous_example_runs_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    """The sample previous-year result ships, so the README's `--previous`
    line runs as written and shows the change column without warnings."""
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if "--previous examples/" in x)
    argv = line.split("$ cchc-score ", 1)[1].split("#")[0].split()
    code, out, err = run([*argv[:1], *(str(EXAMPLES.parent / a) if a.startswith("examples")
                                       else a for a in argv[1:])], capsys)
    assert code == 0 and "So với năm trước" in out and "cảnh báo" not in err


def test_previous_of_the_same_year_or_another_set_is_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A --previous file holding this same year, or scored with another set,
    is named in a warning (its change would mislead)."""
    last, this = _years(tmp_path, "bo-chi-so-2025.toml")
    same = tmp_path / "same.json"
    assert run(["score", str(this), "--format", "json", "-o", str(same)], capsys)[0] == 0
    _, _, err = run(["score", str(this), "--previous", str(same)], capsys)
    assert "cùng năm 2025" in err
    other = tmp_path / "other.json"
    assert run(["score", str(last), "--format", "json", "-o", str(other)], capsys)[0] == 0
    _, _, err = run(["score", str(this), "--previous", str(other), "--lang", "en"], capsys)
    assert "scored with the set “vd-so-nganh-2024-minh-hoa”" in err
