"""Finding and reading the files of a batch: the assessments named or found
in the folders named (criteria and config files left out), each read from
TOML or from a filled Excel form into the same raw data."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from ._i18n import msg
from ._io_errors import os_problem
from ._limits import DEPTH, FILES
from ._model import Issue, Location
from .exceptions import InputError
from .load import read_assessment


def _expand(paths: Iterable[Path | str], *, sniff: bool
            ) -> tuple[list[Path], dict[Path, Path], dict[Path, int], list[Issue]]:
    """The files named and those found in the folders named (each once).

    With `sniff`, a folder's criteria files are left out by reading their
    head; without, they are not read here but returned as candidates (file
    → its folder, for every ``*.toml`` found and not named too) for the
    caller to tell apart once it has parsed them, so that no file is read
    twice; then the count of files found in each folder tells the caller
    which folders held no assessment at all."""
    files: list[Path] = []
    issues: list[Issue] = []
    found_in: dict[Path, Path] = {}
    folders: dict[Path, int] = {}
    named: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, problems = _folder_files(path, sniff=sniff)
            issues.extend(problems)
            if not found and not problems:
                issues.append(_no_files(path))
            files.extend(found)
            if not sniff and found:
                folders[path] = len(found)
                for file in found:
                    if file.suffix.lower() == ".toml":
                        found_in.setdefault(file.resolve(), path)
        elif not path.exists():
            issues.append(Issue("error", msg("crit.read", error=msg("io.not_found")),
                                Location(str(path))))
        else:
            files.append(path)
            named.add(path.resolve())
    # The same file named twice (`score a.toml folder/` with a.toml in the
    # folder) is read once, not reported as two units with the same id.
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    candidates = {file: found_in[key] for key, file in unique.items()
                  if key in found_in and key not in named}
    return list(unique.values()), candidates, folders, issues


def _no_files(folder: Path) -> Issue:
    return Issue("error", msg("asm.no_files", path=folder), Location(str(folder)))


#: project config files that may sit beside the assessments: never assessments
_CONFIG_FILES = frozenset({"cchc-score.toml", "pyproject.toml"})


def _folder_files(folder: Path, *, sniff: bool = True) -> tuple[list[Path], list[Issue]]:
    """The assessments in a folder and its subfolders, sorted: every
    ``*.toml`` that is neither a config nor (with `sniff`) a criteria file,
    every ``*.xlsx`` form. A workbook that cannot be opened is an error naming it (it may be
    a unit's form). Walked iteratively, without following links to folders,
    to `DEPTH` levels and `FILES` files."""
    from .office import sniff_form

    found: list[Path] = []
    issues: list[Issue] = []
    pending: list[tuple[Path, int]] = [(folder, 0)]
    seen = 0
    while pending:
        current, depth = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as e:
            issues.append(Issue("error", msg("crit.read", error=os_problem(e)),
                                Location(str(current))))
            continue
        for entry in entries:
            seen += 1
            if seen > FILES.value:
                return found, [*issues, Issue("error", FILES.problem(), Location(str(folder)))]
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if depth + 1 > DEPTH.value:
                    issues.append(Issue("error", DEPTH.problem(), Location(str(path))))
                else:
                    pending.append((path, depth + 1))
            elif path.suffix.lower() == ".toml":
                if path.name not in _CONFIG_FILES and not (sniff and _is_criteria_file(path)):
                    found.append(path)
            elif path.suffix.lower() == ".xlsx" and not path.name.startswith("~$"):
                kind = sniff_form(path)
                if kind is True:
                    found.append(path)
                elif kind is not False:
                    issues.append(Issue("error", msg("office.unreadable", error=kind),
                                        Location(str(path))))
    return sorted(found), issues


#: assessment files read as Excel self-assessment forms (by suffix)
FORM_SUFFIXES = (".xlsx", ".xlsm")


def read_any(path: Path, raw: bytes | None = None
             ) -> tuple[dict[str, Any] | None, list[Issue], Mapping[str, int]]:
    """An assessment's raw data from a TOML file or a filled Excel form
    (by suffix: a form gives the same data the TOML would), its issues, and
    for a form the workbook row of each code."""
    if path.suffix.lower() not in FORM_SUFFIXES:
        data, issues = read_assessment(path, raw)
        return data, issues, {}
    from .office import read_form

    try:
        form = read_form(path)
    except InputError as e:
        return None, list(e.issues), {}
    return form.data, list(form.issues), form.rows


def _locate(issues: Iterable[Issue], path: Path, rows: Mapping[str, int]) -> list[Issue]:
    """Issues about a form's codes, with the workbook row added."""
    located = []
    for issue in issues:
        where = issue.where
        row = rows.get(where.code) if where.code is not None else None
        if row is not None and where.row is None and where.file == str(path):
            issue = attrs.evolve(issue, where=attrs.evolve(where, row=row))
        located.append(issue)
    return located


def _is_criteria_file(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:  # the head only: a file may be huge or endless
            head = handle.read(60000).decode("utf-8", "replace")
    except OSError:
        return False
    return "[[nodes]]" in head
