"""Every output tells the same story: the results workbook's totals, the JSON
and the terminal show the same self, appraised and final figures for every
unit of the demo province, and each unit sheet's "Tổng cộng" row is the sum
of its component rows."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score.cli import demo_dir, main

from .test_office_support import openpyxl

D = Decimal


def _published(value: Decimal | int) -> Decimal:
    return D(value).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def _cell(value: Any) -> Decimal | None:
    return None if value is None else D(str(value))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo province scored at the appraised stage as JSON, as an xlsx
    workbook and, per unit, as the terminal breakdown."""
    folder = tmp_path_factory.mktemp("figures")
    out = folder / "ket-qua.xlsx"
    assert main(["score", str(demo_dir()), "--stage", "appraised", "-o", str(out)]) == 0
    doc = folder / "ket-qua.json"
    assert main(["score", str(demo_dir()), "--stage", "appraised", "-o", str(doc)]) == 0
    return {"xlsx": out, "json": json.loads(doc.read_text(encoding="utf-8"),
                                            parse_float=Decimal)}


def _ranking(path: Path) -> dict[str, dict[str, Any]]:
    ws = openpyxl.load_workbook(path)["Xếp hạng"]
    header = [c.value for c in ws[3]]
    # group heading rows (merged, no unit id) stand between the units
    return {row[1]: dict(zip(header, row, strict=True))
            for row in ws.iter_rows(min_row=4, values_only=True) if row[1]}


def test_ranking_sheet_totals_equal_json(outputs: dict[str, Any]) -> None:
    """Per unit, the ranking sheet's self, appraised, survey, bonus, penalty
    and final points, maximum, index, rank and band are the JSON's (the
    penalty shown as a subtraction), and final = appraised + survey + bonus
    + penalty holds on every row."""
    sheet = _ranking(outputs["xlsx"])
    units = outputs["json"]["units"]
    assert len(sheet) == len(units) == 10
    for unit in units:
        row = sheet[unit["id"]]
        pools = unit["pools"]
        assert _cell(row["Điểm tự chấm"]) == pools["self"]
        assert _cell(row["Điểm thẩm định"]) == pools["appraised"]
        assert _cell(row["Điểm điều tra XHH"]) == pools["survey"]
        assert _cell(row["Điểm thưởng"]) == pools["bonus"]
        assert _cell(row["Điểm trừ"]) == -pools["penalty"]
        assert _cell(row["Điểm đạt được"]) == unit["points"]
        assert _cell(row["Điểm tối đa (chuẩn)"]) == unit["max"]
        assert _cell(row["Chỉ số"]) == _published(unit["index"])
        assert (row["Hạng"], row.get("Xếp loại") or None) == (unit["rank"], unit["band"])
        parts = (_cell(row["Điểm thẩm định"]), _cell(row["Điểm điều tra XHH"]),
                 _cell(row["Điểm thưởng"]), _cell(row["Điểm trừ"]))
        assert sum(parts, D(0)) == _cell(row["Điểm đạt được"])


def test_unit_sheet_total_row_is_the_sum_of_its_components(outputs: dict[str, Any]) -> None:
    """On each unit sheet the "Tổng cộng" row's self, appraised and final
    points equal the sum of the component rows above it, and equal the
    ranking sheet's figures for that unit."""
    wb = openpyxl.load_workbook(outputs["xlsx"])
    sheet = _ranking(outputs["xlsx"])
    for unit_id, ranked in sheet.items():
        ws = wb[unit_id]
        rows = list(ws.iter_rows(min_row=6, values_only=True))
        total = rows[-1]
        assert total[1] == "Tổng cộng"
        components = [r for r in rows[:-1] if r[0] and "." not in r[0]]
        for col, name in ((3, "Điểm tự chấm"), (4, "Điểm thẩm định"), (5, "Điểm đạt được")):
            added = sum((_cell(r[col]) or D(0) for r in components), D(0))
            assert _cell(total[col]) == added == _cell(ranked[name]), (unit_id, name)


def test_terminal_shows_the_same_figures(outputs: dict[str, Any],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Each unit's terminal breakdown states the same self total (as the
    --stage self run), pools and final points as the JSON and the workbook."""
    for unit in outputs["json"]["units"]:
        path = next(p for p in demo_dir().glob("*.toml")
                    if f'id = "{unit["id"]}"' in p.read_text(encoding="utf-8"))
        assert main(["score", str(path), "--stage", "appraised", "--lang", "en"]) == 0
        text = " ".join(capsys.readouterr().out.split())
        assert main(["score", str(path), "--format", "json"]) == 0
        own = json.loads(capsys.readouterr().out, parse_float=Decimal)["units"][0]
        assert own["points"] == unit["self_total"]["points"]
        head = re.search(r"Self-assessed ([\d.]+) points \(index ([\d.]+)\) → appraised "
                         r"([\d.]+) points", text)
        assert head is not None
        assert [D(x) for x in head.groups()] == [_published(own["points"]),
                                                 _published(own["index"]),
                                                 _published(unit["points"])]
        pools = re.search(r"self-assessed part ([\d.]+) \(self\) → ([\d.]+) \(appraised\); "
                          r"survey ([\d.]+); bonus ([\d.]+); penalty (−?[\d.]+) → achieved "
                          r"([\d.]+)", text)
        assert pools is not None
        p = unit["pools"]
        assert [D(x.replace("−", "-")) for x in pools.groups()] == [
            _published(v) for v in (p["self"], p["appraised"], p["survey"], p["bonus"],
                                  -p["penalty"], unit["points"])]
