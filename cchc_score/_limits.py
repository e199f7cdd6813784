"""Bounds on the work one input can cause.

A form with a stray cell in its last row, a 570 kB workbook holding three
million rows, ``criteria = "/dev/zero"``: each would take minutes and
gigabytes. Every bound here is far above any real file; each refusal names
the limit and the environment variable that raises it
(``CCHC_SCORE_LIMIT_<NAME>``).
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ._i18n import Msg, msg


@attrs.frozen
class Limit:
    """One bound: its name (the variable's suffix), default and unit."""

    name: str
    default: int
    #: catalog key of what is counted ("lim.unit.mb", "lim.unit.rows", …)
    unit: str

    @property
    def variable(self) -> str:
        return f"CCHC_SCORE_LIMIT_{self.name}"

    @property
    def value(self) -> int:
        """The bound in force: the variable when it holds a positive integer."""
        raw = os.environ.get(self.variable, "").strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else self.default

    def problem(self) -> Msg:
        """Why an input is refused: what it exceeds and how to raise it."""
        return msg("lim.exceeded", limit=self.value, unit=msg(self.unit),
                   variable=self.variable)


#: any file read whole (TOML, CSV, JSON, workbook), in megabytes
FILE_MB = Limit("FILE_MB", 50, "lim.unit.mb")
#: a workbook's XML once unzipped, in megabytes (a zip bomb is small)
UNZIPPED_MB = Limit("UNZIPPED_MB", 200, "lim.unit.mb_unzipped")
#: cells stored in one workbook (a real form holds a few thousand)
CELLS = Limit("CELLS", 500_000, "lim.unit.cells")
#: sheets in one workbook
SHEETS = Limit("SHEETS", 200, "lim.unit.sheets")
#: nodes in one criteria set (national sets hold about 150)
NODES = Limit("NODES", 20_000, "lim.unit.nodes")
#: levels of folders below a folder being scored, and of dotted codes
DEPTH = Limit("DEPTH", 32, "lim.unit.depth")
#: files found in the folders being scored
FILES = Limit("FILES", 50_000, "lim.unit.files")

#: seconds one plugin hook call may take; 0 (the default): no limit. A hook
#: over it is reported and skipped like a failing one.
HOOK_SECONDS = Limit("HOOK_SECONDS", 0, "lim.unit.seconds")

ALL = (FILE_MB, UNZIPPED_MB, CELLS, SHEETS, NODES, DEPTH, FILES, HOOK_SECONDS)


class TooLarge(OSError):
    """A file beyond `FILE_MB`: an OSError, so every reader that reports
    unreadable files reports it too, with `message`."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


def read_bytes(path: Path, limit: Limit = FILE_MB) -> bytes:
    """A file's bytes, reading at most the limit (a device such as /dev/zero,
    a named pipe or a huge file is refused, not read until memory runs out)."""
    cap = limit.value * 1024 * 1024
    with open(path, "rb") as handle:
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise TooLarge(limit.problem())
    return data
