"""Province data tables (`--data`): the Sở Nội vụ's figures for every unit
(portal rates, say) feed any leaf, replacing what the unit declared, with
the table and source named in the leaf and the unit's own value beside the
figure when they differ."""

from __future__ import annotations

import json
from pathlib import Path

from cchc_score import score_files

from .test_plugins import FULL, isolated, write_set, write_unit
from .test_plugins_cli import Capture, run


def province(tmp_path: Path) -> Path:
    """Three units with every leaf at its maximum (1.1 declared 30)."""
    crit = write_set(tmp_path)
    units = tmp_path / "units"
    units.mkdir()
    for unit in ("u1", "u2", "u3"):
        write_unit(units, unit, FULL, criteria=crit)
    return units


def test_figures_replace_declared_values_and_say_so(tmp_path: Path, capsys: Capture) -> None:
    """`score DIR --data portal.csv`: u1's 1.1 scores the province's 12, its
    explanation names the table, the source and the 30 it declared; u2's
    figure equals its own value, so only the source is named; u3 has no row
    and keeps its declaration. The table is among the stamp's inputs."""
    units = province(tmp_path)
    portal = tmp_path / "portal.csv"
    portal.write_text("unit;code;value;source\nu1;1.1;12;Cổng DVC 30/11\nu2;1.1;30;Cổng DVC\n",
                      encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "score", str(units), "--data", str(portal),
                         "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    nodes = {u["id"]: {n["code"]: n for n in u["nodes"]} for u in doc["units"]}
    assert nodes["u1"]["1.1"]["points"] == 12
    assert nodes["u1"]["1.1"]["explanation"].endswith(
        "[province figure: portal.csv, Cổng DVC 30/11] (the unit declared: 30)")
    assert nodes["u2"]["1.1"]["explanation"].endswith("[province figure: portal.csv, Cổng DVC]")
    assert "province figure" not in nodes["u3"]["1.1"]["explanation"]
    assert [u["id"] for u in doc["units"]] == ["u2", "u3", "u1"]
    assert str(portal) in [i["path"] for i in doc["stamp"]["inputs"]]


def test_a_bad_figure_is_reported_at_its_row_in_the_table(tmp_path: Path) -> None:
    """A figure the rule cannot read is an error at the table's row, not in
    the unit's file (which does not contain it)."""
    units = province(tmp_path)
    portal = tmp_path / "portal.csv"
    portal.write_text("unit,code,value\nu1,1.1,12\nu2,1.1,nhiều\n", encoding="utf-8")
    batch = score_files([units], data=[portal], registry=isolated())
    (error,) = [i for i in batch.issues if i.level == "error"]
    assert (error.where.file, error.where.row, error.where.code) == (str(portal), 3, "1.1")


def test_tables_are_repeatable_and_a_figure_given_twice_is_an_error(tmp_path: Path) -> None:
    """Two tables may feed different leaves; the same unit and leaf in both
    is an error naming the first place."""
    units = province(tmp_path)
    first = tmp_path / "a.csv"
    first.write_text("unit,code,value\nu1,1.1,12\n", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text("unit,code,value\nu1,2.1,5\n", encoding="utf-8")
    batch = score_files([units], data=[first, second], registry=isolated())
    u1 = {r.unit.id: r for r in batch.results}["u1"]
    assert (u1.node("1.1").points, u1.node("2.1").points) == (12, 5)
    second.write_text("unit,code,value\nu1,1.1,13\n", encoding="utf-8")
    batch = score_files([units], data=[first, second], registry=isolated())
    (error,) = [i for i in batch.issues if i.level == "error"]
    assert "already has a figure at a.csv:2" in error.render("en")


def test_units_the_table_names_but_nobody_scored_are_listed(tmp_path: Path) -> None:
    units = province(tmp_path)
    portal = tmp_path / "portal.csv"
    portal.write_text("unit,code,value\nu9,1.1,12\n", encoding="utf-8")
    batch = score_files([units], data=[portal], registry=isolated())
    (warning,) = [i for i in batch.issues if i.level == "warning"]
    assert "1 units in the data table match no assessment scored: u9" in warning.render("en")


def test_an_excel_table_works_like_a_csv(tmp_path: Path) -> None:
    """The first sheet of an .xlsx, header in row 1, any column order and case."""
    from openpyxl import Workbook

    units = province(tmp_path)
    book = Workbook()
    sheet = book.active
    sheet.append(["Source", "Code", "Unit", "Value"])
    sheet.append(["Cổng DVC", "1.1", "u3", 7.5])
    path = tmp_path / "portal.xlsx"
    book.save(path)
    batch = score_files([units], data=[path], registry=isolated())
    assert not batch.failed
    u3 = {r.unit.id: r for r in batch.results}["u3"]
    assert u3.node("1.1").points == 7.5
    assert "portal.xlsx, Cổng DVC" in u3.node("1.1").explanation.render("en")
