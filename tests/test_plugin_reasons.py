"""Reasons: a plugin's `classify` and `tie_break` may say why, and a
published ranking then says why so-d ranks above so-c at the same index,
beside the band and the rank, in every format."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score import CriteriaSet, UnitResult, hookimpl, msg, score_files

from .test_plugins import FULL, isolated, write_plugin, write_set, write_unit
from .test_plugins_cli import Capture, run

PROVINCE = """
from cchc_score import hookimpl, msg


@hookimpl
def classify(criteria, result):
    if result.published_index >= 90:
        return ("Xuất sắc", "no leaf below half its points")
    return None


@hookimpl
def tie_break(criteria, result):
    points = result.node("2.1").points
    return (points, f"leaf 2.1: {points} points")
"""


def tied_province(tmp_path: Path) -> Path:
    """so-c and so-d at 90 (2.1 at 20 and 25), so-e at 80."""
    crit = write_set(tmp_path)
    units = tmp_path / "units"
    units.mkdir()
    write_unit(units, "so-c", {**FULL, "1.1": 25, "2.1": 20, "2.2": 15}, criteria=crit)
    write_unit(units, "so-d", {**FULL, "1.1": 20, "2.1": 25}, criteria=crit)
    write_unit(units, "so-e", {**FULL, "1.1": 10}, criteria=crit)
    return units


def test_reasons_are_in_json_text_markdown_and_csv(tmp_path: Path, capsys: Capture) -> None:
    """The band's reason and, for the two tied units only, the tie-break's
    reason: JSON fields, the ranking's "Reason" column in text and Markdown,
    the unit row of the CSV."""
    plugin = write_plugin(tmp_path, "province", PROVINCE)
    units = tied_province(tmp_path)
    base = ["--lang", "en", "--plugin", str(plugin), "score", str(units)]
    code, out, err = run(capsys, *base, "--format", "json")
    assert code == 0, err
    doc = {u["id"]: u for u in json.loads(out)["units"]}
    assert [(u, doc[u]["rank"]) for u in ("so-d", "so-c", "so-e")] == \
        [("so-d", 1), ("so-c", 2), ("so-e", 3)]
    assert doc["so-d"]["band"] == "Xuất sắc"
    assert doc["so-d"]["band_reason"] == "no leaf below half its points"
    assert doc["so-d"]["rank_reason"] == "leaf 2.1: 25 points"
    assert doc["so-c"]["rank_reason"] == "leaf 2.1: 20 points"
    assert doc["so-e"]["rank_reason"] is None  # alone at its index: nothing to explain
    code, out, _ = run(capsys, *base, "--width", "200")
    assert "Reason" in out
    line = next(x for x in out.splitlines() if " so-d " in f" {x} ")
    assert "no leaf below half its points; leaf 2.1: 25 points" in line
    code, out, _ = run(capsys, *base, "--format", "md")
    assert "| Reason |" in out and "leaf 2.1: 20 points" in out
    code, out, _ = run(capsys, *base, "--format", "csv")
    rows = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(out)) if not r["code"]}
    assert rows["so-c"]["explanation"] == "no leaf below half its points; leaf 2.1: 20 points"


def test_the_summary_line_carries_the_reasons(tmp_path: Path, capsys: Capture) -> None:
    plugin = write_plugin(tmp_path, "province", PROVINCE)
    units = tied_province(tmp_path)
    code, out, _ = run(capsys, "--lang", "en", "--plugin", str(plugin), "score", str(units),
                       "--unit", "so-c")
    assert code == 0
    assert "band Xuất sắc (no leaf below half its points)" in out
    assert "(leaf 2.1: 20 points)" in out


class Translated:
    """Reasons as messages, rendered in the output language."""

    @hookimpl
    def classify(self, criteria: CriteriaSet, result: UnitResult) -> Any:
        return ("A", msg("text", text="lý do"))


@pytest.mark.parametrize("value", [("A", 3), ("A", "   "), ("", "why")])
def test_a_malformed_reason_is_reported_and_no_band_published(tmp_path: Path,
                                                              value: Any) -> None:
    """(band, not-a-reason), a blank reason, or no band: refused like any
    bad return (named, no band)."""

    class Odd:
        @hookimpl
        def classify(self) -> Any:
            return value

    crit = write_set(tmp_path)
    registry = isolated()
    registry.add(Odd(), "odd")
    (result,) = score_files([write_unit(tmp_path, "u1", FULL, criteria=crit)],
                            registry=registry).results
    assert result.band is None and result.band_reason is None
    assert "hook classify (unit “u1”) returned an invalid value" in \
        registry.problems[0].render("en")


def test_a_message_reason(tmp_path: Path) -> None:
    crit = write_set(tmp_path)
    registry = isolated()
    registry.add(Translated(), "translated")
    (result,) = score_files([write_unit(tmp_path, "u1", FULL, criteria=crit)],
                            registry=registry).results
    assert (result.band, result.band_reason) == ("A", msg("text", text="lý do"))
    assert result.points == Decimal(100)
