"""openpyxl is optional (the `excel` extra): it is imported here, lazily, so
that the rest of the toolkit works without it and a missing package is one
clean message instead of a traceback."""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

from .._i18n import msg
from .._io_errors import os_problem
from .._limits import CELLS, FILE_MB, SHEETS, UNZIPPED_MB, TooLarge
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
        _within_limits(path)
        with warnings.catch_warnings():  # openpyxl's English asides about odd workbooks
            warnings.simplefilter("ignore")
            return module.load_workbook(path, data_only=data_only)
    except TooLarge as e:
        raise InputError([Issue("error", e.message, Location(str(path)))]) from None
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
        bad = _bad_number_cell(path) if not old else None
        if bad is not None:
            why = bad
        elif old:
            why = msg("office.xls")
        elif isinstance(e, zipfile.BadZipFile):
            why = msg("office.not_zip")
        raise InputError([Issue("error", msg("office.unreadable", error=why),
                                Location(str(path)))]) from None


#: how a cell begins in a sheet's XML (with or without a namespace prefix)
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


def _within_limits(path: Path) -> None:
    """Refuse, before openpyxl builds a cell object for each of them, a
    workbook too large to be a form: by its size on disk, its sheets, its
    size unzipped and the cells its sheets store (counted by streaming
    their XML, so a zip bomb costs at most the limit's worth of reading).
    Raises `TooLarge`; a damaged zip is left for openpyxl to report."""
    if path.is_file() and path.stat().st_size > FILE_MB.value * 1024 * 1024:
        raise TooLarge(FILE_MB.problem())
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with z:
        sheets = [i for i in z.infolist() if i.filename.startswith("xl/worksheets/")
                  and i.filename.endswith(".xml")]
        if len(sheets) > SHEETS.value:
            raise TooLarge(SHEETS.problem())
        unzipped = UNZIPPED_MB.value * 1024 * 1024
        if sum(i.file_size for i in z.infolist()) > unzipped:
            raise TooLarge(UNZIPPED_MB.problem())
        cells = read = 0
        for info in sheets:
            try:
                with z.open(info) as handle:
                    while chunk := handle.read(1 << 20):
                        read += len(chunk)  # the sizes in the zip's directory may lie
                        if read > unzipped:
                            raise TooLarge(UNZIPPED_MB.problem())
                        cells += len(_CELL.findall(chunk))
                        if cells > CELLS.value:
                            raise TooLarge(CELLS.problem())
            except (zipfile.BadZipFile, EOFError, zlib.error):
                return  # openpyxl says the file is damaged


#: a cell holding a number (no type, or t="n") and its value
_NUMBER_CELL = re.compile(
    rb'<(?:\w+:)?c\s+r="([A-Z]+[0-9]+)"((?:\s+(?!t=)[\w:]+="[^"]*")*)(?:\s+t="n")?'
    rb'((?:\s+[\w:]+="[^"]*")*)\s*>(?:<(?:\w+:)?f[^>]*>[^<]*</(?:\w+:)?f>)?'
    rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>')


def _bad_number_cell(path: Path) -> Any:
    """Why openpyxl could not read the sheets, when it is a number cell
    holding no number (NaN, 1,5 typed by another program): the cell and
    sheet to fix, instead of openpyxl's English text without a place."""
    try:
        with zipfile.ZipFile(path) as z:
            names = re.findall(rb'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"',
                               z.read("xl/workbook.xml"))
            for index, name in enumerate(names, start=1):
                member = f"xl/worksheets/sheet{index}.xml"
                if member not in z.namelist():
                    continue
                for found in _NUMBER_CELL.finditer(z.read(member)):
                    if b"t=" in found.group(3):
                        continue  # a typed cell (string, boolean, error): not a number
                    raw = found.group(4).decode("utf-8", "replace")
                    if not raw.strip():
                        continue
                    try:
                        float(raw)
                        int(raw) if "." not in raw and "e" not in raw.lower() else None
                    except ValueError:
                        return msg("office.bad_number_cell", cell=found.group(1).decode(),
                                   sheet=name.decode("utf-8", "replace"), raw=raw)
    except (OSError, KeyError, zipfile.BadZipFile, EOFError, zlib.error):
        return None
    return None


def _short(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]
