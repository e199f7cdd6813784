"""Scoring many files: each file's work (read it, find its criteria set,
check it, score it: `_unit_job._Context.score`) is one job whose outcome does not
depend on the other files, so jobs run in this process or across processes
(`--jobs`) and can be answered from the cache, with the very same outcomes
in the same order. What depends on several files (duplicate units, the
group stage, ranks, the CSVs' unmatched rows) stays with the caller,
`_scoring.score_files`."""

from __future__ import annotations

import gc
import itertools
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._limits import read_bytes
from ._model import CriteriaSet, Issue, UnitResult
from .exceptions import RuleFailed

if TYPE_CHECKING:
    from ._cache import Cache
    from .plugins import PluginProblem


@attrs.frozen
class Outcome:
    """What one file gave: a result or the issues that stopped it, the unit
    id it declares (for the CSVs' unmatched rows), or that it is a criteria
    set kept beside the assessments (skipped)."""

    result: UnitResult | None = None
    issues: tuple[Issue, ...] = ()
    unit_id: str | None = None
    criteria_file: bool = False
    #: the reference the set was loaded by (None: embedded in the file), for the cache
    criteria_ref: str | None = None
    #: the unit id of a file whose scoring was attempted (a duplicate id is
    #: an error even when its rule kind then failed)
    scoring: str | None = None
    #: a plugin's rule kind that failed (`RuleFailed`'s arguments, which
    #: travel between processes), and for which unit
    failure: tuple[str, str, str, str] | None = None
    failed_unit: str | None = None
    #: code → what the unit declared under a province figure (`--data`)
    own: Mapping[str, Any] | None = None
    #: the unit finished and its output prepared by a worker (`FileJob.after`):
    #: `result` is then the slim result, `kept` the prepared document and
    #: `problems` the plugin problems met finishing it
    kept: bytes | None = None
    problems: tuple[PluginProblem, ...] = ()


def failed(error: RuleFailed, unit: str, **kw: Any) -> Outcome:
    return Outcome(failure=(error.kind, error.code, error.method, error.error),
                   failed_unit=unit, **kw)


@attrs.define
class FileJob:
    """A batch's per-file work: `score` (path, bytes already read or None)
    → outcome; `load` a set by reference (to check a cached entry's set);
    `cacheable` whether a file's entry may come from the cache."""

    score: Callable[[Path, bytes | None], Outcome]
    load: Callable[[str], CriteriaSet | None]
    cacheable: Callable[[Path], bool]
    cache: Cache | None = None
    #: what a worker process does next with an outcome (`_scoring`: finish
    #: the unit and prepare its output, the parent's heaviest share)
    after: Callable[[Outcome], Outcome] | None = None

    def run(self, path: Path) -> Outcome:
        raw = None
        key = None
        if self.cache is not None and path.suffix.lower() == ".toml" and self.cacheable(path):
            try:
                raw = read_bytes(path)
            except OSError:
                raw = None  # read again below, which reports it
            else:
                key = self.cache.key(raw)
                hit = self._cached(key)
                if hit is not None:
                    return hit
        outcome = self.score(path, raw)
        if (key is not None and outcome.result is not None and outcome.criteria_ref is not None
                and outcome.own is None):
            from ._cache import Entry

            assert self.cache is not None
            self.cache.put(key, Entry(_without_set(outcome.result), outcome.criteria_ref,
                                      outcome.result.criteria.content_hash,
                                      outcome.unit_id or "", outcome.issues))
        return outcome

    def _cached(self, key: str) -> Outcome | None:
        assert self.cache is not None
        entry = self.cache.get(key)
        if entry is None:
            return None
        criteria = self.load(entry.criteria_ref)
        if criteria is None or criteria.content_hash != entry.criteria_hash:
            return None
        return Outcome(attrs.evolve(entry.result, criteria=criteria), entry.issues,
                       entry.unit_id, criteria_ref=entry.criteria_ref)


def _without_set(result: UnitResult) -> UnitResult:
    """A result kept without its criteria set (attached again on a hit)."""
    changes: dict[str, Any] = {"criteria": None}
    return attrs.evolve(result, **changes)


#: the job of a batch run across processes (forked workers inherit it)
_FORKED: FileJob | None = None


def _run_chunk(paths: Sequence[Path]) -> list[Outcome]:
    """A worker's share (pickled as one list: a criteria set shared by its
    results travels once per chunk)."""
    job = _FORKED
    assert job is not None
    found = [job.run(path) for path in paths]
    return found if job.after is None else [job.after(outcome) for outcome in found]


def outcomes(job: FileJob, files: Sequence[Path], jobs: int = 1) -> Iterator[Outcome]:
    """Every file's outcome, in the order of `files`, computed in this
    process or by `jobs` forked worker processes (where the platform forks)."""
    global _FORKED
    if jobs <= 1 or len(files) < 2:
        yield from map(job.run, files)
        return
    import multiprocessing  # only when asked for several processes

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from map(job.run, files)
        return
    size = max(1, min(64, len(files) // (jobs * 4)))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    _FORKED = job
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_signals)
    try:
        # A window of chunks in flight, in order: finished chunks do not pile
        # up in memory while the caller handles the earlier ones.
        waiting = iter(chunks)
        flight = deque(pool.apply_async(_run_chunk, (chunk,))
                       for chunk in itertools.islice(waiting, 2 * jobs))
        while flight:
            done = flight.popleft().get()
            following = next(waiting, None)
            if following is not None:
                flight.append(pool.apply_async(_run_chunk, (following,)))
            yield from done
        pool.close()
        pool.join()
    finally:
        pool.terminate()  # a no-op once joined; stops the workers on an error
        _FORKED = None


def _worker_signals() -> None:
    """A worker ends on SIGTERM (the pool's way of stopping it) whatever the
    command line made of it, and leaves Ctrl-C to the parent."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def collector_spared() -> Iterator[Callable[[], None]]:
    """Yields `keep`, to call after keeping a unit's result: it moves every
    object alive into the collector's permanent generation, so that the
    results a batch keeps are not rescanned by every full collection as
    they grow (a quarter of a large batch's time otherwise). They are still
    freed by reference counting; at the end they are handed back to the
    collector, unless the caller had frozen objects itself."""
    owned = gc.get_freeze_count() == 0
    try:
        yield gc.freeze
    finally:
        if owned:
            gc.unfreeze()


def run_all(job: FileJob, files: Sequence[Path], jobs: int,
            progress: Callable[[int, int], None] | None = None) -> Iterable[Outcome]:
    """The outcomes with progress reported (done, total) after each file."""
    for done, outcome in enumerate(outcomes(job, files, jobs), 1):
        if progress is not None:
            progress(done, len(files))
        yield outcome
