"""`cchc-score serve` in a real browser: a department types a fact and
sees its total and rank move exactly as `--set` says, saves, and the file
scores the same; the province page ranks like `score FOLDER`."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from .browser_kit import chrome, screenshot
from .test_web import scored
from .web_kit import app_for, demo_copy

__all__ = ["chrome"]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The demo province served on a free loopback port: (base URL, folder)."""
    pytest.importorskip("flask", reason="flask is not installed (the web extra)")
    from werkzeug.serving import make_server

    folder = demo_copy(tmp_path)
    server = make_server("127.0.0.1", 0, app_for(folder), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}", folder
    finally:
        server.shutdown()
        thread.join(5)


def wait_for(driver: Any, script: str, timeout: float = 10) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script(script))


def test_typing_a_fact_moves_total_and_rank_like_set(
        chrome: Any, served: tuple[str, Path], tmp_path: Path) -> None:
    """On vd-pc08's page, typing 60 (%) for 8.3.2 updates the leaf, the total
    and the rank (4th → 5th) to what `score --set vd-pc08:8.3.2=60` gives; every field
    has a label; Save writes the file, and `score` then gives the same
    figures; on a phone's width nothing runs off the side."""
    from selenium.webdriver.common.by import By

    base, folder = served
    expected = scored([str(folder)], "--set", "vd-pc08:8.3.2=60")["vd-pc08"]
    before = scored([str(folder)])["vd-pc08"]
    chrome.get(f"{base}/unit/pc08.toml")
    screenshot(chrome, tmp_path / "unit-1366.png")
    field = chrome.find_element(By.ID, "v-8.3.2")
    field.clear()
    field.send_keys("60")
    wait_for(chrome, "return document.getElementById('unit-form').dataset.points === "
                     f"'{expected['points']}'")
    assert chrome.execute_script(
        "return document.getElementById('unit-form').dataset.rank") == str(expected["rank"])
    leaf = chrome.find_element(By.CSS_SELECTOR, 'output[data-leaf="8.3.2"]').text
    assert leaf == "0,00/4,00"
    summary = chrome.find_element(By.CSS_SELECTOR, "#live .summary")
    rounded = str(Decimal(expected["points"]).quantize(Decimal("0.01"))).replace(".", ",")
    assert f"{rounded}/100,00" in summary.text
    assert f"hạng {expected['rank']}/6" in summary.text
    assert before["points"] != expected["points"] and before["rank"] != expected["rank"]
    unlabelled = chrome.execute_script(
        "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
        ".filter(e => !e.labels.length && !e.getAttribute('aria-label')).map(e => e.name)")
    assert unlabelled == []
    screenshot(chrome, tmp_path / "unit-typed-1366.png")
    chrome.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait_for(chrome, "return location.search.includes('saved=1')")
    after = scored([str(folder)])["vd-pc08"]
    assert (after["points"], after["rank"]) == (expected["points"], expected["rank"])
    chrome.set_window_size(390, 844)  # a phone
    chrome.save_screenshot(str(tmp_path / "unit-phone.png"))
    assert chrome.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_province_page_in_the_browser(chrome: Any, served: tuple[str, Path],
                                      tmp_path: Path) -> None:
    """The province page shows each unit's total and rank as `score FOLDER`
    does, fits 1366 px without a horizontal scroll, and a unit's id leads
    to its page."""
    from selenium.webdriver.common.by import By

    base, folder = served
    expected = scored([str(folder)])
    chrome.get(base + "/")
    rows = chrome.execute_script(
        "return [...document.querySelectorAll('tr[data-unit]')].map(r => "
        "[r.dataset.unit, r.cells[0].innerText, r.cells[3].innerText])")
    assert len(rows) == len(expected) == 10
    for uid, rank, points in rows:
        unit = expected[uid]
        assert rank == str(unit["rank"])
        assert points == str(Decimal(unit["points"]).quantize(Decimal("0.01"))).replace(".", ",")
    assert chrome.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(chrome, tmp_path / "province-1366.png")
    chrome.find_element(By.LINK_TEXT, "vd-pc08").click()
    wait_for(chrome, "return location.pathname === '/unit/pc08.toml'")
