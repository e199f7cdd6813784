"""Output formats, each behind the small `Report` interface. A format's
module is imported when it is first used (start-up imports only what the
command needs)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ._base import Options, Report, shown

if TYPE_CHECKING:
    from ._csv import CsvReport
    from ._html import HtmlReport
    from ._json import JsonReport, dumps
    from ._markdown import MarkdownReport
    from ._text import TextReport

#: public name → the module that defines it
_WHERE = {"TextReport": "_text", "JsonReport": "_json", "CsvReport": "_csv",
          "MarkdownReport": "_markdown", "HtmlReport": "_html", "dumps": "_json"}
#: format name → its report class, in the order --format lists them
_FORMAT_CLASSES = {"text": "TextReport", "json": "JsonReport", "csv": "CsvReport",
                   "md": "MarkdownReport", "html": "HtmlReport"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Formats(Mapping[str, type[Report]]):
    """Format name → report class, each imported on first use."""

    def __getitem__(self, name: str) -> type[Report]:
        found: type[Report] = __getattr__(_FORMAT_CLASSES[name])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_FORMAT_CLASSES)

    def __len__(self) -> int:
        return len(_FORMAT_CLASSES)


FORMATS: Mapping[str, type[Report]] = _Formats()

__all__ = ["FORMATS", "CsvReport", "HtmlReport", "JsonReport", "MarkdownReport", "Options",
           "Report", "TextReport", "dumps", "shown"]
