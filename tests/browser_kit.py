"""A real browser for the tests that look at pages: Debian's headless
Chromium driven by Selenium through the system chromedriver (`.ci/run`
installs both). Without them those tests are skipped, saying why."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: the screen the pages must read well at (a common office laptop)
SCREEN = (1366, 768)


def _find(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chrome() -> Iterator[Any]:
    """A headless Chromium at 1366×768 that logs every network request."""
    webdriver = pytest.importorskip("selenium.webdriver",
                                    reason="selenium is not installed (the test extra)")
    binary = os.environ.get("CCHC_CHROMIUM") or _find("chromium", "chromium-browser",
                                                      "google-chrome")
    driver_path = _find("chromedriver", "chromium-driver")
    if binary is None or driver_path is None:
        pytest.skip("no headless Chromium here: apt-get install chromium chromium-driver "
                    "(.ci/run does)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", f"--window-size={SCREEN[0]},{SCREEN[1]}", "--lang=vi"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path)
    try:
        driver = webdriver.Chrome(options=options, service=service)
    except Exception as e:  # a browser that will not start here is no failure of ours
        pytest.skip(f"headless Chromium did not start: {str(e).splitlines()[0]}")
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


def requests_made(driver: Any) -> list[str]:
    """The URLs the browser requested since the log was last read."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def screenshot(driver: Any, path: Path) -> Path:
    """The page as it shows at 1366×768, full height, saved as PNG."""
    driver.set_window_size(*SCREEN)
    driver.save_screenshot(str(path))
    return path
