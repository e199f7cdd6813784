"""What a set of results was computed from: one value, computed once per
run, that every output format writes (JSON, CSV, Markdown, Excel, Word).

Two runs on the same inputs with the same tool and plugins give the same
stamp, so outputs can be compared byte for byte; a changed input, criteria
file, plugin or tool version shows in it. The date is the day of the run
(or ``SOURCE_DATE_EPOCH``, for reproducible builds), never the time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ._limits import read_bytes
from ._model import UnitResult
from ._version import __version__


def file_hash(path: Path) -> str:
    """``sha256:<hex>`` of a file's bytes; "" when it cannot be read."""
    try:
        return f"sha256:{hashlib.sha256(read_bytes(path)).hexdigest()}"
    except OSError:
        return ""


def run_date() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when set (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def plugins_of(registry: Any) -> list[tuple[str, str | None, str | None]]:
    """Each plugin of a `plugins.Registry`: its name, version and the file
    to hash when it has no version (a local plugin file, a module)."""
    return [(info.name, info.version,
             info.origin if info.source == "file" else getattr(info.plugin, "__file__", None))
            for info in registry.plugins()]


@attrs.frozen
class Stamp:
    """Tool, criteria sets (id, content hash), plugins (name, version; a
    plugin file without a version by its content hash), input files and
    survey (path as given, content hash), stage and run date."""

    version: str
    criteria: tuple[tuple[str, str], ...]
    plugins: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, str], ...]
    survey: tuple[str, str] | None
    stage: str
    date: dt.date
    tool: str = "cchc-score"

    @classmethod
    def of(cls, results: Sequence[UnitResult], inputs: Iterable[Path], *,
           survey: Path | None = None, plugins: Iterable[tuple[str, str | None, str | None]] = (),
           stage: str | None = None) -> Stamp:
        """The stamp of `results` scored from `inputs`. `plugins` gives each
        plugin's name, version and file (hashed when there is no version)."""
        sets: dict[str, str] = {}
        for r in results:
            sets.setdefault(r.criteria.id, f"sha256:{r.criteria.content_hash}")
        return cls(
            version=__version__,
            criteria=tuple(sets.items()),
            plugins=tuple((name, version or (file_hash(Path(file)) if file else ""))
                          for name, version, file in plugins),
            inputs=tuple((str(p), file_hash(p)) for p in inputs),
            survey=(str(survey), file_hash(survey)) if survey is not None else None,
            stage=stage or (results[0].stage if results else ""),
            date=run_date(),
        )

    def to_dict(self) -> dict[str, Any]:
        """The stamp as JSON-ready data (the `stamp` key of the JSON output)."""
        return {
            "tool": {"name": self.tool, "version": self.version},
            "criteria": [{"id": i, "hash": h} for i, h in self.criteria],
            "plugins": [{"name": n, "version": v} for n, v in self.plugins],
            "inputs": [{"path": p, "hash": h} for p, h in self.inputs],
            "survey": ({"path": self.survey[0], "hash": self.survey[1]}
                       if self.survey is not None else None),
            "stage": self.stage,
            "date": self.date.isoformat(),
        }

    @property
    def digest(self) -> str:
        """``sha256:<hex>`` of the whole stamp: one value to compare runs by."""
        import json  # the text view never asks for it: imported when it does

        text = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return f"sha256:{hashlib.sha256(text.encode()).hexdigest()}"

    def lines(self, lang: str) -> list[str]:
        """The stamp as short lines of text (Markdown, CSV comments, sheets)."""
        from ._i18n import msg

        def t(key: str, **kw: Any) -> str:
            return msg(key, **kw).render(lang)

        out = [t("stamp.tool", tool=self.tool, version=self.version),
               t("stamp.run", stage=self.stage, date=self.date)]
        out += [t("stamp.criteria", id=i, hash=h) for i, h in self.criteria]
        out += [t("stamp.plugin", name=n, version=v or "?") for n, v in self.plugins]
        out += [t("stamp.input", path=p, hash=h) for p, h in self.inputs]
        if self.survey is not None:
            out.append(t("stamp.survey", path=self.survey[0], hash=self.survey[1]))
        return out
