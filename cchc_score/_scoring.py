"""Scoring a batch: every file's job run in order or across processes
(`jobs`), answered from the cache where it may be, then the group stage,
province figures, plugin adjustments and ranking over the whole batch."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from ._appraisal_file import read_appraisal
from ._batch import FileJob, Outcome, collector_spared, run_all
from ._batch_files import _expand, _no_files
from ._data import DataTables, annotate, read_data
from ._engine import abbreviate
from ._group import score_groups
from ._i18n import msg
from ._model import Issue, Location, Stage, UnitResult
from ._ranking import rank
from ._survey import Survey, read_survey
from ._unit_job import _Context
from .exceptions import RuleFailed
from .plugins import Registry, default_registry

if TYPE_CHECKING:
    from ._cache import Cache


class Keeper(Protocol):
    """What keeps each unit's output as units are scored (`report._spool`):
    `keep` = `store(*prepare(result))`, and `prepare` needs no shared state,
    so that a worker process may run it."""

    def keep(self, result: UnitResult) -> UnitResult: ...

    def prepare(self, result: UnitResult) -> tuple[UnitResult, bytes]: ...

    def store(self, result: UnitResult, data: bytes) -> UnitResult: ...


@attrs.frozen
class Batch:
    """Scored units (ranked per group) and every issue met on the way."""

    results: tuple[UnitResult, ...]
    issues: tuple[Issue, ...]
    #: the assessment files read (folders expanded), which outputs never replace
    files: tuple[Path, ...] = ()

    @property
    def failed(self) -> bool:
        return any(i.level == "error" for i in self.issues)


def score_files(
    paths: Sequence[Path | str], *, criteria: str | Path | None = None, stage: Stage = "self",
    survey: Path | None = None, registry: Registry | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
    replace: Mapping[Path, dict[str, Any]] | None = None, appraisal: Path | None = None,
    data: Sequence[Path] = (), jobs: int = 1, cache: bool = False,
    progress: Callable[[int, int], None] | None = None, keep_assessments: bool = True,
    keep: Callable[[UnitResult], UnitResult] | Keeper | None = None,
) -> Batch:
    """Load, check and score assessment files, then rank them per group.

    `overrides` maps a unit id to {code: raw value} replacing declared values
    (what-if scoring); `replace` maps a file (by its resolved path) to the
    raw data to score instead of its contents (a form being edited in the
    web page, before it is saved); `appraisal` is a province-wide table of
    round entries (see `_appraisal_file`); `data` are province data tables
    (see `_data`) whose figures replace the units' declared values. Input
    files are never written.

    `jobs` > 1 scores across that many processes, `cache` answers unchanged
    files from the cache (`_cache`; not with `overrides`, `appraisal` or
    `data`, nor for a replaced file): the batch is the same either way.
    `progress` is called with (files done, files) as they are. Without
    `keep_assessments`, results do not keep the assessment they were scored
    from (less memory; `--gains` needs them). `keep` is given each unit's
    final result as soon as it is known (at once, unless its set has
    group-relative leaves or province figures apply, which wait for the
    whole batch) and returns what the batch keeps for ranking: JSON written
    as units are scored keeps a slim result (`report._spool`). A `Keeper`
    (a spool) given instead lets `jobs` workers finish each unit and prepare
    its output, the parent only storing it.
    """
    # At call time: the facade `_api` defines `catalog` and imports this module.
    from ._api import catalog

    registry = registry or default_registry()
    cat = catalog(registry)
    files, candidates, folders, issues = _expand(paths, sniff=False)
    table = read_survey(survey) if survey is not None else None
    issues.extend(table.issues if table is not None else [])
    rounds = read_appraisal(appraisal) if appraisal is not None else None
    issues.extend(rounds.issues if rounds is not None else [])
    tables = read_data([Path(p) for p in data]) if data else None
    issues.extend(tables.issues if tables is not None else [])
    ctx = _Context(registry, cat, criteria, stage, table, rounds, tables, overrides or {},
                   replace or {}, candidates)
    use_cache = cache and not overrides and rounds is None and tables is None
    keeper = None
    if keep is not None and not callable(keep):
        keeper, keep = keep, keep.keep
    after = (_FinishInWorker(registry, keeper.prepare)
             if keeper is not None and jobs > 1 and tables is None and not registry.strict
             else None)
    job = FileJob(ctx.score, ctx.load, ctx.cacheable,
                  _open_cache(registry, criteria, stage, table) if use_cache else None,
                  after)
    own: dict[str, dict[str, Any]] = {}  # unit → code → what it declared under a figure
    units_read: set[str] = set()
    results: list[UnitResult] = []
    done: list[UnitResult] = []  # finished as they came (`keep`)
    seen: dict[str, str] = {}
    skipped: dict[Path, int] = {}
    sets: set[Path] = set()
    with collector_spared() as freeze:
        for path, outcome in zip(files, run_all(job, files, jobs, progress), strict=True):
            if outcome.criteria_file:
                folder = candidates[path]
                skipped[folder] = skipped.get(folder, 0) + 1  # a set kept beside them
                sets.add(path)
                continue
            issues.extend(outcome.issues)
            if outcome.unit_id is not None:
                units_read.add(outcome.unit_id.strip())
            if outcome.own is not None and outcome.unit_id is not None:
                own[outcome.unit_id] = dict(outcome.own)
            scored = outcome.result.unit.id if outcome.result is not None else outcome.scoring
            if scored is not None:
                if scored in seen:
                    issues.append(Issue("error", msg("asm.dup_unit", id=scored, a=seen[scored],
                                                     b=path),
                                        Location(str(path), key="unit.id")))
                    continue
                seen[scored] = str(path)
            if outcome.failure is not None:  # a plugin's rule kind: named, this unit left out
                registry.rule_failed(RuleFailed(*outcome.failure), outcome.failed_unit or "")
            elif outcome.kept is not None:  # finished and prepared by a worker
                assert keeper is not None and outcome.result is not None
                registry.absorb(outcome.problems)
                done.append(keeper.store(outcome.result, outcome.kept))
                freeze()
            elif outcome.result is not None:
                result = outcome.result
                if keep is not None and not result.criteria.group_relative and tables is None:
                    done.append(keep(_finished(registry, result)))
                else:
                    results.append(result)
                freeze()
    finished = _finish(results, registry, tables, own)
    if not keep_assessments:
        finished = [attrs.evolve(r, assessment=None) for r in finished]
    results = [*done, *(keep(r) if keep is not None else r for r in finished)]
    # A unit id mistyped in a province-wide file (survey, appraisal, data)
    # would leave that unit's entries unused without a word; scoring one unit
    # with the province's file lists the rest.
    for province_file, key in ((table, "svy.unknown_units"), (rounds, "apr.unknown_units"),
                               (tables, "data.unknown_units")):
        if province_file is None:
            continue
        unmatched = [u for u in province_file.values if u not in units_read]
        if unmatched:
            issues.append(Issue("warning", msg(key, count=len(unmatched),
                                               units=abbreviate(unmatched)),
                                province_file.where(unmatched[0])))
    issues.extend(_no_files(folder) for folder, count in skipped.items()
                  if count == folders[folder])
    ranked = registry.with_rank_reasons(
        rank(results, registry.ranking_policies(), tie_break=registry.tie_breaker()))
    return Batch(tuple(ranked), tuple(issues), tuple(f for f in files if f not in sets))


@attrs.frozen
class _FinishInWorker:
    """What a `--jobs` worker does after scoring a unit when the batch keeps
    its output as units come (`keep`, a spool's): the plugins' adjustments
    and band (`Registry.finish`, their problems captured for the parent) and
    the unit's document, so that the parent only stores it. Units whose set
    has group-relative leaves wait for the whole batch, in the parent."""

    registry: Registry
    prepare: Callable[[UnitResult], tuple[UnitResult, bytes]]

    def __call__(self, outcome: Outcome) -> Outcome:
        result = outcome.result
        if result is None or outcome.failure is not None or result.criteria.group_relative:
            return outcome
        with self.registry.captured() as problems:
            result = _finished(self.registry, result)
        slim, data = self.prepare(result)
        return attrs.evolve(outcome, result=slim, kept=data, problems=tuple(problems))


def _open_cache(registry: Registry, criteria: str | Path | None, stage: Stage,
                table: Survey | None) -> Cache:
    """The cache of this batch's context (see `_cache`)."""
    from ._cache import Cache, file_digest

    plugins = [(p.name, p.source, p.version,
                file_digest(Path(p.origin)) if p.source == "file" else p.origin)
               for p in registry.plugins()]
    survey = (str(table.path), sorted(table.values.items()), sorted(table.lines.items())
              ) if table is not None else None
    return Cache.open(stage, str(criteria), survey, plugins)


def _finish(results: list[UnitResult], registry: Registry, tables: DataTables | None = None,
            own: Mapping[str, Mapping[str, Any]] | None = None) -> list[UnitResult]:
    """Every unit scored: the group stage (group-relative leaves, scored
    with the whole group), the province figures named in the leaves they
    scored, then each unit's plugin adjustments and band."""
    grouped, failures = score_groups(results)
    for failed in failures:
        for unit in failed.units:
            registry.rule_failed(failed.failure, unit)
    if tables is not None:
        grouped = [annotate(r, tables.values.get(r.unit.id, {}), (own or {}).get(r.unit.id, {}))
                   for r in grouped]
    return [_finished(registry, r) for r in grouped]


def _finished(registry: Registry, result: UnitResult) -> UnitResult:
    """A unit's result after the plugins' adjustments and band (a result
    kept without its assessment is already final)."""
    return registry.finish(result, result.assessment) if result.assessment is not None else result
