"""Output formats, each behind the small `Report` interface."""

from __future__ import annotations

from ._base import Options, Report, shown
from ._csv import CsvReport
from ._html import HtmlReport
from ._json import JsonReport, dumps
from ._markdown import MarkdownReport
from ._text import TextReport

FORMATS: dict[str, type[Report]] = {
    r.name: r for r in (TextReport, JsonReport, CsvReport, MarkdownReport, HtmlReport)
}

__all__ = ["FORMATS", "CsvReport", "HtmlReport", "JsonReport", "MarkdownReport", "Options",
           "Report", "TextReport", "dumps", "shown"]
