"""One truth across formats: the demo province and generated provinces are
scored once, written in every format (text, JSON, CSV, Markdown, xlsx,
docx), and read back; per unit, points, maximum, index, rank, band, self
and appraised totals, survey, bonus and penalty are the same in each format
and equal to the engine's figures, rounded half-up to the set's decimals."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_score import Assessment, Unit, UnitResult, rank, score, score_files
from cchc_score.cli import demo_dir
from cchc_score.office import DocxReport, XlsxReport
from cchc_score.report import FORMATS, Options
from cchc_score.testing import assessments, criteria_sets

from .test_office_support import openpyxl

docx = pytest.importorskip("docx")

D = Decimal
POOLS = ("self", "appraised", "survey", "bonus", "penalty")


def published(value: Any, decimals: int) -> str:
    return str(D(value).quantize(D(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def engine(results: Sequence[UnitResult]) -> dict[str, dict[str, Any]]:
    """What the engine holds, as each format should show it."""
    out = {}
    for r in results:
        d = r.criteria.decimals
        pools = {k: published(r.pools[k], d) for k in POOLS if k in r.pools}
        out[r.unit.id] = {"rank": r.rank, "points": published(r.points, d),
                          "max": published(r.max, d), "index": published(r.index, d),
                          "band": r.band, "pools": pools}
    return out


def from_json(text: str, decimals: int) -> dict[str, dict[str, Any]]:
    units = json.loads(text, parse_float=Decimal)["units"]
    return {u["id"]: {"rank": u["rank"], "points": published(u["points"], decimals),
                      "max": published(u["max"], decimals),
                      "index": published(u["index"], decimals), "band": u["band"],
                      "pools": {k: published(v, decimals) for k, v in u["pools"].items()}}
            for u in units}


def from_csv(text: str) -> dict[str, dict[str, Any]]:
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["code"] == ""]
    return {r["unit_id"]: {"rank": int(r["rank"]) if r["rank"] else None,
                           "points": r["points"], "max": r["max"], "index": r["index"],
                           "band": r["band"] or None,
                           "pools": {k: r[f"pool_{k}"] for k in POOLS if r[f"pool_{k}"]}}
            for r in rows}


def from_xlsx(data: bytes, decimals: int) -> dict[str, dict[str, Any]]:
    ws = openpyxl.load_workbook(io.BytesIO(data))["Ranking"]
    header = [c.value for c in ws[3]]
    out = {}
    for values in ws.iter_rows(min_row=4, values_only=True):
        row = dict(zip(header, values, strict=False))
        if not isinstance(row.get("Rank"), int):
            continue  # a group's heading row, notes
        pools = {"self": row["Self-assessed points"], "appraised": row["Appraised points"],
                 "survey": row["Survey points"], "bonus": row["Bonus points"],
                 "penalty": None if row["Penalty points"] is None else -D(
                     str(row["Penalty points"]))}
        out[row["Unit id"]] = {
            "rank": row["Rank"], "points": published(str(row["Points achieved"]), decimals),
            "max": published(str(row["Maximum points"]), decimals),
            "index": published(str(row["Index"]), decimals), "band": row.get("Band") or None,
            "pools": {k: published(str(v), decimals) for k, v in pools.items()
                      if v is not None}}
    return out


def ranking_rows(rows: list[list[str]], ids: set[str], with_band: bool
                 ) -> dict[str, dict[str, Any]]:
    """Rank, points, max, index (and band) from a ranking table's cells."""
    out = {}
    for cells in rows:
        if len(cells) > 2 and cells[1] in ids and cells[0].isdigit():
            out[cells[1]] = {"rank": int(cells[0]), "points": cells[3], "max": cells[4],
                             "index": cells[5],
                             "band": (cells[6] or None) if with_band else None}
    return out


def from_markdown(text: str, ids: set[str], with_band: bool) -> dict[str, dict[str, Any]]:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("|")]
    return ranking_rows(rows, ids, with_band)


def from_text(text: str, ids: set[str], with_band: bool) -> dict[str, dict[str, Any]]:
    rows = []
    for line in text.splitlines():
        cells = line.split()
        if len(cells) > 5 and cells[1] in ids and cells[0].isdigit():
            numbers = [c for c in cells if re.fullmatch(r"-?\d+\.\d+", c)]
            band = cells[-1] if with_band and not re.fullmatch(r"-?\d+\.\d+", cells[-1]) \
                else ""
            rows.append([cells[0], cells[1], "", *numbers[-3:], band])
    return ranking_rows(rows, ids, with_band)


def from_docx(data: bytes, ids: set[str], with_band: bool) -> dict[str, dict[str, Any]]:
    document = docx.Document(io.BytesIO(data))
    rows = [[c.text.strip() for c in row.cells] for t in document.tables for row in t.rows]
    return ranking_rows(rows, ids, with_band)


def pools_lines(text: str) -> dict[str, dict[str, str]]:
    """The "Made up of" line of each unit's breakdown (appraised stage)."""
    found = re.findall(r"\((\S+)\)\n.*?Made up of: self-assessed part ([\d.]+) \(self\) → "
                       r"([\d.]+) \(appraised\); survey ([\d.]+); bonus ([\d.]+); penalty "
                       r"(−?[\d.]+) → achieved", text, re.S)
    return {uid: dict(zip(POOLS, (a, b, c, d, e.lstrip("−")), strict=True))
            for uid, a, b, c, d, e in found}


def check_all_formats(results: Sequence[UnitResult]) -> None:
    options = Options(lang="en", breakdowns=True, width=250)
    expected = engine(results)
    ids = set(expected)
    decimals = results[0].criteria.decimals
    with_band = any(r.band for r in results)
    rendered = {name: FORMATS[name]().render(results, options)
                for name in ("text", "json", "csv", "md")}
    full = {"json": from_json(rendered["json"], decimals), "csv": from_csv(rendered["csv"]),
            "xlsx": from_xlsx(XlsxReport().render(results, options), decimals)}
    for name, got in full.items():
        assert got == expected, name
    brief = {k: {f: v[f] for f in ("rank", "points", "max", "index", "band")}
             for k, v in expected.items()}
    tables = {"md": from_markdown(rendered["md"], ids, with_band),
              "text": from_text(rendered["text"], ids, with_band),
              "docx": from_docx(DocxReport().render(results, options), ids, with_band)}
    for name, got in tables.items():
        assert got == brief, name
    if results[0].stage == "appraised":
        for name in ("text", "md"):
            shown = pools_lines(rendered[name].replace("*", ""))
            for uid, pools in shown.items():
                want = expected[uid]["pools"]
                assert pools == {k: want.get(k, want["self"] if k == "appraised" else "0.00")
                                 for k in POOLS}, (name, uid)
            assert set(shown) == ids, name


@pytest.mark.parametrize("stage", ["self", "appraised"])
def test_the_demo_tells_one_story_in_every_format(stage: str) -> None:
    """The demo province: every format shows the engine's figures."""
    batch = score_files([demo_dir()], stage=stage)  # type: ignore[arg-type]
    assert not batch.failed
    for group in {r.unit.group for r in batch.results}:
        check_all_formats([r for r in batch.results if r.unit.group == group])


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), stage=st.sampled_from(["self", "appraised"]))
def test_generated_provinces_tell_one_story_in_every_format(data: st.DataObject,
                                                            stage: str) -> None:
    """Any valid set and three units of it: every format shows the engine's
    figures for each unit."""
    criteria = data.draw(criteria_sets())
    results = []
    for i in range(3):
        drawn: Assessment = data.draw(assessments(criteria))
        unit = Unit(f"u{i}", f"Đơn vị {i}", drawn.unit.group, drawn.unit.tags)
        results.append(score(criteria, attrs_evolve(drawn, unit=unit), stage))  # type: ignore[arg-type]
    check_all_formats(rank(results))


def attrs_evolve(assessment: Assessment, **changes: Any) -> Assessment:
    import attrs

    return attrs.evolve(assessment, **changes)
