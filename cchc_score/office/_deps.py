"""openpyxl is optional (the `excel` extra): it is imported here, lazily, so
that the rest of the toolkit works without it and a missing package is one
clean message instead of a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from .._i18n import msg
from .._io_errors import os_problem
from .._model import Issue, Location
from ..exceptions import InputError


def openpyxl(path: Path | str | None = None) -> Any:
    """The openpyxl module, or an `InputError` naming the file that needed it."""
    try:
        import openpyxl as module  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise InputError([Issue("error", msg("office.no_openpyxl"),
                                Location(str(path) if path is not None else None))]) from None
    return module


def load_workbook(path: Path, *, data_only: bool = True) -> Any:
    """Open a workbook for reading; an unreadable file is an `InputError`.

    `data_only=True` gives the values Excel cached for formula cells, which is
    what a person saw on screen when they saved the file.
    """
    module = openpyxl(path)
    try:
        return module.load_workbook(path, data_only=data_only)
    except OSError as e:  # a missing file, a folder named *.xlsx
        raise InputError([Issue("error", msg("crit.read", error=os_problem(e)),
                                Location(str(path)))]) from None
    except Exception as e:  # openpyxl raises many kinds for a damaged or non-xlsx file
        # An old binary .xls (whatever its name says: openpyxl refuses the
        # .xls suffix in English before reading a byte), or, not being a zip,
        # a CSV saved under an .xlsx name.
        with open(path, "rb") as handle:
            old = handle.read(4) == b"\xd0\xcf\x11\xe0"
        why: Any = _short(e)
        if old:
            why = msg("office.xls")
        elif isinstance(e, zipfile.BadZipFile):
            why = msg("office.not_zip")
        raise InputError([Issue("error", msg("office.unreadable", error=why),
                                Location(str(path)))]) from None


def _short(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]
