"""The province view — a ranking per group with last year's change, the
component-by-unit matrix and the group's mean per component — in the
terminal, Markdown and CSV, and reading last year's result file."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from .report_kit import MINI, index_of, line_with, run, write_set, write_unit

COMMUNES = MINI.replace('id = "mini"', 'id = "mini-xa"').replace(
    'group = "so"', 'group = "xa"')


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """Three departments (one loses 2,5 points in component 1, one has a
    pending survey, one does not handle procedures) and two communes that
    tie."""
    write_set(tmp_path)
    xa = write_set(tmp_path, COMMUNES, "mini-xa.toml")
    units = tmp_path / "units"
    units.mkdir()
    write_unit(units, "a", {"1.1": '{ value = "150/200", evidence = ["x"] }',
                            "1.3": '{ value = 60, evidence = ["x"] }'},
               criteria=tmp_path / "mini.toml")
    write_unit(units, "b", criteria=tmp_path / "mini.toml", survey=None)
    write_unit(units, "c", {"2.1": None, "2.2": None}, tags=("khong-tthc",),
               criteria=tmp_path / "mini.toml", survey="75")
    for uid in ("x1", "x2"):
        write_unit(units, uid, {"1.2": '{ value = false, evidence = ["x"] }'}, group="xa",
                   criteria=xa)
    return units


def test_ranking_per_group(province: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One ranking table per group, with rank, unit id and name, points,
    max, index and band; equal indexes share a rank."""
    code, out, _ = run(["score", str(province)], capsys)
    assert code == 0
    so, xa = index_of(out, "Xếp hạng nhóm “so”"), index_of(out, "Xếp hạng nhóm “xa”")
    assert so < xa
    assert line_with(out[so:xa], " b ").split() == [
        "1", "b", "Sở", "B", "8,00", "8,00", "100,00", "Tốt"]
    assert line_with(out[so:xa], " c ").split() == [
        "2", "c", "Sở", "C", "5,50", "6,00", "91,67", "Tốt"]
    assert line_with(out[so:xa], " a ").split() == [
        "3", "a", "Sở", "A", "7,50", "10,00", "75,00", "Khá"]
    assert [line.split()[0] for line in out[xa:].splitlines() if " Sở X" in line] == ["1", "1"]
    # the province view alone: no unit breakdown unless asked
    assert "Điểm theo lĩnh vực" not in out


def test_heat_table_and_group_means(province: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The matrix shows the points each unit lost per component with a
    shade, "—" where a component does not apply, "…" where the survey is
    pending; the mean row and the mean table average over the units each
    component applies to."""
    _, out, _ = run(["score", str(province)], capsys)
    heat = out[index_of(out, "Điểm mất theo lĩnh vực, nhóm “so”"):]
    assert line_with(heat, "b ").split() == ["b", "0,00·", "0,00·", "…", "0,00"]
    assert line_with(heat, "a ").split() == ["a", "2,50█", "0,00·", "0,00·", "2,50"]
    assert line_with(heat, "c ").split() == ["c", "0,00·", "—", "0,50▓", "0,50"]
    # component 1: (2,5 + 0 + 0) / 3; component 2: a and b only; 3: a and c.
    assert line_with(heat, "TB nhóm").split() == ["TB", "nhóm", "0,83▒", "0,00·", "0,25▒"]
    means = heat[index_of(heat, "Trung bình nhóm “so” theo lĩnh vực"):]
    assert line_with(means, "1 ", "Công tác chỉ đạo").split()[-4:] == [
        "3,17", "4,00", "79,17", "3"]
    assert line_with(means, "2 ", "Cải cách thủ tục").split()[-4:] == [
        "4,00", "4,00", "100,00", "2"]


def test_change_against_last_year(province: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Last year's JSON result (written by --format json) gives each unit's
    index change and rank move; a unit absent last year is "mới"."""
    last_year = tmp_path / "2023.json"
    assert run(["score", str(province), "--format", "json", "-o", str(last_year)], capsys)[0] == 0
    write_unit(province, "a", criteria=tmp_path / "mini.toml")  # a improves to 100
    write_unit(province, "d", criteria=tmp_path / "mini.toml")
    code, out, _ = run(["score", str(province), "--previous", str(last_year)], capsys)
    assert code == 0
    assert "So với năm trước" in out
    assert line_with(out, " a ", "Sở A").split()[-1:] == ["▲2"]
    assert line_with(out, " a ", "Sở A").split()[-2] == "+25,00"
    assert line_with(out, " b ", "Sở B").split()[-1] == "0,00"
    assert line_with(out, " c ", "Sở C").split()[-2:] == ["0,00", "▼2"]
    assert line_with(out, " d ", "Sở D").split()[-1] == "mới"


@pytest.mark.parametrize(("content", "where"), [
    ("not json {", "2023.json"),
    ('{"units": 3}', "2023.json: units"),
    ('{"units": [{"id": "a"}]}', "2023.json: units[0].index"),
    ("[" * 100_000, "2023.json"),
])
def test_bad_previous_file_is_a_clean_error(province: Path, tmp_path: Path, content: str,
                                            where: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A previous-year file that is not a cchc-score JSON result: exit 1, the
    message names the file and the key, no traceback."""
    bad = tmp_path / "2023.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run(["score", str(province), "--previous", str(bad)], capsys)
    assert code == 1
    assert where in err and "--format json" in err
    assert "Traceback" not in err


def test_markdown_export_of_both_views(province: Path, capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    """Markdown: headed pipe tables with a constant number of cells per
    table, the ranking with the change column, the matrix, the means, and the
    focused unit's breakdown."""
    last_year = tmp_path / "2023.json"
    run(["score", str(province), "--format", "json", "-o", str(last_year)], capsys)
    code, out, _ = run(["score", str(province), "--format", "md", "--unit", "a",
                        "--previous", str(last_year), "--gains"], capsys)
    assert code == 0
    assert "| 3 | a | Sở A | 7,50 | 10,00 | 75,00 | Khá | 0,00 |" in out
    assert "| a | 2,50█ | 0,00· | 0,00· | 2,50 |" in out
    assert "| **TB nhóm** | 0,83▒ | 0,00· | 0,25▒ |  |" in out
    assert "**Sở A: 7,50/10,00 điểm, chỉ số 75,00, xếp loại Khá, hạng 3/3**" in out
    assert "| 2,00 | 1.1 | Hồ sơ giải quyết đúng hạn | Tỷ lệ 75% (150/200)" in out
    assert "| +2,00 | 1.1 | Hồ sơ giải quyết đúng hạn | Bậc tiếp theo" in out
    for block in out.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            cells = {line.replace("\\|", "").count("|") for line in rows}
            assert len(cells) == 1, block
    assert "\x1b" not in out


def test_csv_export_of_both_views(province: Path, capsys: pytest.CaptureFixture[str],
                                  tmp_path: Path) -> None:
    """CSV: the earlier columns first and unchanged; a unit row per unit
    (the ranking, with last year's index and the change) and a row per node
    (depth 1: the component matrix), numbers with a decimal point."""
    last_year = tmp_path / "2023.json"
    run(["score", str(province), "--format", "json", "-o", str(last_year)], capsys)
    write_unit(province, "a", criteria=tmp_path / "mini.toml")
    code, out, _ = run(["score", str(province), "--format", "csv", "--previous",
                        str(last_year), "--unit", "b", "--gains"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:14] == ["unit_id", "unit_name", "group", "rank", "band", "index",
                                  "code", "title", "points", "max", "lost", "na", "pending",
                                  "explanation"]
    units = {r["unit_id"]: r for r in rows if r["code"] == ""}
    assert units["a"]["rank"] == "1" and units["a"]["index"] == "100.00"
    assert units["a"]["previous_index"] == "75.00" and units["a"]["change"] == "25.00"
    assert units["c"]["rank_of"] == "3"
    component = next(r for r in rows if r["unit_id"] == "c" and r["code"] == "2")
    assert (component["depth"], component["na"], component["max"]) == ("1", "1", "0.00")
    survey = next(r for r in rows if r["unit_id"] == "b" and r["code"] == "3.1")
    assert (survey["pending"], survey["lost"]) == ("1", "0.00")
    assert units["b"]["recoverable"] == "0.00" and units["c"]["recoverable"] == ""


def test_json_keeps_the_contract_and_adds_views(province: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """JSON keeps every contract key; --previous adds previous_index and
    change, --gains adds gains to the units shown."""
    last_year = tmp_path / "2023.json"
    run(["score", str(province), "--format", "json", "-o", str(last_year)], capsys)
    _, out, _ = run(["score", str(province), "--format", "json", "--previous", str(last_year),
                     "--gains", "--unit", "a"], capsys)
    doc = json.loads(out, parse_float=Decimal)
    for unit in doc["units"]:
        assert {"id", "name", "group", "points", "max", "index", "rank", "band", "pools",
                "nodes", "issues"} <= set(unit)
        assert unit["change"] == 0
    a = next(u for u in doc["units"] if u["id"] == "a")
    assert a["gains"][0] == {"code": "1.1", "recoverable": 2, "next_points": 1,
                             "next_step": "đạt mức từ 95% đến dưới 100%: ít nhất 190/200",
                             "example": "190/200"}
    assert all("gains" not in u for u in doc["units"] if u["id"] != "a")
