"""Scoring the folder for the pages: the same `_api.score_files` call as
`cchc-score score FOLDER` (with `--survey` when served with one), the
folder's scores kept while no file changes, and the unit a page is about."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import current_app

from .. import _api
from .._model import CriteriaSet, Issue, UnitResult
from .._ranking import rank
from ._store import Folder


def current_folder() -> Folder:
    """The folder this application serves."""
    folder: Folder = current_app.config["FOLDER"]
    return folder


def score(stage: str, replace: Mapping[Path, dict[str, Any]] | None = None) -> _api.Batch:
    """The folder scored and ranked, as `score FOLDER` does; with `replace`,
    those files' data (a form being typed) instead of their contents.

    The folder's own scores are kept while no file changes (its files'
    sizes and times are the key), so a preview scores only the edited file
    and ranks it with the others: the same results and the same ranking
    function as a full run, in a fraction of its time."""
    folder = current_folder()
    files = folder.assessments()
    if not files:
        return _api.Batch((), ())
    registry = current_app.config["REGISTRY"]
    base = _cached(stage, files, registry)
    if not replace:
        return base
    edited = [f for f in files if f.resolve() in replace]
    fresh = _api.score_files(edited, stage=stage,  # type: ignore[arg-type]
                             registry=registry, replace=replace, survey=_survey())
    gone = {str(f) for f in edited} | {str(f.resolve()) for f in edited}
    others = [r for r in base.results if r.source not in gone]
    issues = [i for i in base.issues if i.where.file not in gone]
    ranked = rank([*others, *fresh.results], registry.tie_policies,
                  tie_break=registry.tie_breaker())
    return _api.Batch(tuple(ranked), (*issues, *fresh.issues), base.files)


_CACHE_LOCK = threading.Lock()


def _cached(stage: str, files: list[Path], registry: Any) -> _api.Batch:
    # every file of the folder: its criteria files and survey too, not only the units'
    everything = sorted(p for p in current_folder().root.rglob("*") if p.is_file())
    survey = _survey()
    if survey is not None:
        everything.append(survey)
    key = (stage, tuple(files), tuple((str(f), *_signature(f)) for f in everything))
    cache: dict[str, Any] = current_app.config.setdefault("SCORES", {})
    with _CACHE_LOCK:
        if cache.get("key") == key:
            batch: _api.Batch = cache["batch"]
            return batch
    batch = _api.score_files(files, stage=stage,  # type: ignore[arg-type]
                             registry=registry, survey=_survey())
    with _CACHE_LOCK:
        cache.update(key=key, batch=batch)
    return batch


def _survey() -> Path | None:
    survey: Path | None = current_app.config["SURVEY"]
    return survey


def _signature(path: Path) -> tuple[int, int]:
    try:
        found = path.stat()
    except OSError:
        return (0, 0)
    return (found.st_mtime_ns, found.st_size)


def unit_of(batch: _api.Batch, path: Path) -> UnitResult | None:
    return next((r for r in batch.results
                 if r.source and Path(r.source).resolve() == path), None)


def criteria_of(data: Mapping[str, Any], path: Path) -> CriteriaSet | None:
    registry = current_app.config["REGISTRY"]
    found, _ = _api._criteria_for(data, path, None, registry, _api.catalog(registry))
    return found


def file_issues(batch: _api.Batch, path: Path) -> list[Issue]:
    return [i for i in batch.issues if i.where.file and Path(i.where.file).resolve() == path]
