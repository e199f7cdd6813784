"""The web page's tests share these: a copy of the demo province to write
into, the application over it, and the form of a unit's page as a browser
would send it back."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cchc_score.cli import demo_dir


def demo_copy(folder: Path) -> Path:
    """The demo province's files in `folder` (the web page writes them)."""
    target = folder / "demo"
    shutil.copytree(demo_dir(), target)
    return target


def app_for(folder: Path, **kw: Any) -> Any:
    pytest.importorskip("flask", reason="flask is not installed (the web extra)")
    from cchc_score.web import create_app

    app = create_app(folder, **kw)
    app.config["TESTING"] = False  # errors go through the error pages, as served
    return app


class FormReader(HTMLParser):
    """The fields of the page's form with the values a browser would send."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self.feed(text)

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if name == "input" and "name" in a:
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value") or "on"
            else:
                self.fields[a["name"]] = a.get("value", "")
        elif name == "select":
            self._select = a["name"]
            self.fields[a["name"]] = ""
        elif name == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")
        elif name == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""

    def handle_endtag(self, name: str) -> None:
        if name == "select":
            self._select = None
        elif name == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_of(html: str) -> dict[str, str]:
    return FormReader(html).fields


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no anti-forgery token in the page"
    return found.group(1)
