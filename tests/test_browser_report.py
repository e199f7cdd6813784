"""The HTML report in a real browser: it opens offline, asks for nothing,
and shows every unit's total equal to the JSON's."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from cchc_score.cli import main

from .browser_kit import chrome, requests_made, screenshot

__all__ = ["chrome"]


def test_demo_report_opens_offline_with_the_jsons_totals(chrome: Any, tmp_path: Path) -> None:
    """The demo's HTML report, opened from disk in headless Chromium, makes
    no network request besides the page itself, lays out without a
    horizontal scroll at 1366 px, and each unit's ranking row, as the
    browser shows it, holds the JSON's total rounded to 2 decimals."""
    page, result = tmp_path / "demo.html", tmp_path / "demo.json"
    assert main(["demo", "-o", str(page)]) == 0
    assert main(["demo", "-o", str(result)]) == 0
    units = json.loads(result.read_text(encoding="utf-8"), parse_float=Decimal)["units"]
    requests_made(chrome)  # forget what came before
    chrome.get(page.as_uri())
    assert requests_made(chrome) == [page.as_uri()]
    shown = chrome.execute_script(
        "return [...document.querySelectorAll('tr[data-unit]')].map(r => "
        "[r.dataset.unit, r.cells[3].innerText, r.dataset.points, r.cells[0].innerText])")
    assert len(shown) == len(units) == 10
    by_id = {uid: (text, exact, rank) for uid, text, exact, rank in shown}
    for unit in units:
        text, exact, rank = by_id[unit["id"]]
        assert Decimal(exact) == unit["points"]
        rounded = unit["points"].quantize(Decimal("0.01"), "ROUND_HALF_UP")
        assert text == str(rounded).replace(".", ",")
        assert rank == str(unit["rank"])
    assert chrome.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth")
    assert screenshot(chrome, tmp_path / "report-1366.png").stat().st_size > 10_000
