"""The operations behind the command line, usable from Python: score files,
check criteria files, build the default catalog.

This is the facade `cchc_score` re-exports; the work lives in private
modules (`_batch_files`: finding and reading a batch's files; `_unit_job`:
one file's job; `_scoring`: the batch), whose names callers import from here
are re-exported so that they keep working."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ._batch_files import FORM_SUFFIXES, _expand, read_any
from ._catalog import Catalog
from ._model import CriteriaSet, Issue
from ._scoring import Batch, score_files
from ._unit_job import _criteria_for
from .plugins import Registry, default_registry

__all__ = ["FORM_SUFFIXES", "Batch", "_criteria_for", "assessment_files", "catalog",
           "check_files", "read_any", "score_files"]


def catalog(registry: Registry | None = None) -> Catalog:
    """The criteria sets `registry` (default: built-ins and installed plugins)
    knows, validated with its rule kinds, tie policies and plugin checks."""
    registry = registry or default_registry()
    return Catalog(registry.kinds, registry.criteria_files, tuple(registry.tie_policies),
                   checks=registry.check_criteria, plugins=registry.available())


def assessment_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Issue]]:
    """Expand folders to the assessment files in them (every ``*.toml`` that
    is not a criteria file, and every filled Excel form), sorted by name."""
    files, _, _, issues = _expand(paths, sniff=True)
    return files, issues


def check_files(paths: Sequence[Path | str], registry: Registry | None = None
                ) -> list[tuple[Path, CriteriaSet | None, list[Issue]]]:
    """Load and validate each criteria file. A name that is no file but the
    id of a known set (bundled or from a plugin) checks that set's file, as
    every other command takes a set by id or by path."""
    cat = catalog(registry)
    ids: dict[str, Path] = {}
    if any(not Path(p).exists() and Path(p).suffix != ".toml" for p in paths):
        ids = {e.id: e.path for e in cat.entries()[0]}
    found = [ids.get(str(p), Path(p)) if not Path(p).exists() else Path(p) for p in paths]
    return [(path, *cat.check(path)) for path in found]
