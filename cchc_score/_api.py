"""The operations behind the command line, usable from Python: score files,
check criteria files, build the default catalog."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._appraisal_file import AppraisalTable, read_appraisal
from ._batch import FileJob, Outcome, collector_spared, run_all
from ._batch import failed as failed_outcome
from ._catalog import Catalog
from ._data import DataTables, annotate, declared, read_data, relocate
from ._embed import KEY as EMBEDDED
from ._embed import Embedded
from ._engine import abbreviate, rank, score
from ._group import score_groups
from ._i18n import msg
from ._io_errors import os_problem
from ._limits import DEPTH, FILES
from ._model import Assessment, CriteriaSet, Issue, Location, Stage, UnitResult
from ._survey import Survey, read_survey
from .exceptions import InputError, RuleFailed
from .load import criteria_ref, parse_assessment, read_assessment
from .plugins import Registry, default_registry

if TYPE_CHECKING:
    from ._cache import Cache


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
    keep: Callable[[UnitResult], UnitResult] | None = None,
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
    as units are scored keeps a slim result (`report._spool`).
    """
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
    job = FileJob(ctx.score, ctx.load, ctx.cacheable,
                  _open_cache(registry, criteria, stage, table) if use_cache else None)
    own: dict[str, dict[str, Any]] = {}  # unit → code → what it declared under a figure
    units_read: set[str] = set()
    results: list[UnitResult] = []
    done: list[UnitResult] = []  # finished as they came (`keep`)
    group_sets: dict[int, bool] = {}
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
            elif outcome.result is not None:
                result = outcome.result
                staged = group_sets.get(id(result.criteria))
                if staged is None:
                    staged = group_sets[id(result.criteria)] = _group_stage(result.criteria)
                if keep is not None and not staged and tables is None:
                    done.append(keep(registry.finish(result, result.assessment)
                                     if result.assessment is not None else result))
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


@attrs.define
class _Context:
    """What every file of a batch is scored with; `score` is one file's job."""

    registry: Registry
    cat: Catalog
    criteria: str | Path | None
    stage: Stage
    table: Survey | None
    rounds: AppraisalTable | None
    tables: DataTables | None
    overrides: Mapping[str, dict[str, Any]]
    replace: Mapping[Path, dict[str, Any]]
    candidates: Mapping[Path, Path]

    def cacheable(self, path: Path) -> bool:
        return not (self.replace and path.resolve() in self.replace)

    def load(self, ref: str) -> CriteriaSet | None:
        try:
            return self.cat.load(ref)
        except InputError:
            return None

    def score(self, path: Path, content: bytes | None) -> Outcome:
        raw: dict[str, Any] | None
        read_issues: list[Issue]
        rows: Mapping[str, int]
        if self.replace and path.resolve() in self.replace:
            raw, read_issues, rows = self.replace[path.resolve()], [], {}
        else:
            raw, read_issues, rows = read_any(path, content)
        if path in self.candidates and (_is_criteria_file(path) if raw is None
                                        else "nodes" in raw):
            return Outcome(criteria_file=True)
        issues = list(read_issues)
        if raw is None:
            return Outcome(issues=tuple(issues))
        criteria, registry, stage = self.criteria, self.registry, self.stage
        criteria_set, problems = _criteria_for(raw, path, criteria, registry, self.cat)
        issues.extend(problems)
        if criteria_set is None:
            return Outcome(issues=tuple(issues))
        ref = _cache_ref(raw, path, criteria)
        if criteria is None or "criteria" not in raw:
            # Name the set by id: a path relative to the file, or a set chosen by a
            # plugin or by --criteria for a file that names none, is not a mismatch
            # (a file naming another set than --criteria keeps its name: a warning).
            raw = {**raw, "criteria": criteria_set.id}
        unit = raw.get("unit")
        unit_id = str(unit.get("id", "")) if isinstance(unit, dict) else ""
        tables, rounds, table = self.tables, self.rounds, self.table
        figures = tables.values.get(unit_id, {}) if tables is not None else {}
        own = {code: declared(raw, code) for code in figures} if figures else None
        raw = _merge(raw, table.values.get(unit_id) if table is not None else None, {
            **{code: f.raw for code, f in figures.items()}, **self.overrides.get(unit_id, {})})
        if rounds is not None:
            raw = rounds.merge(unit_id, raw)
        try:
            assessment, found = parse_assessment(raw, str(path), criteria_set)
        except RuleFailed as e:  # a plugin's rule kind: named, this unit left out
            return failed_outcome(e, unit_id, issues=tuple(issues), unit_id=unit_id, own=own)
        if assessment is not None and stage == "appraised":
            found.extend(_overridden(assessment, self.overrides.get(unit_id, {})))
        found = _locate(found, path, rows)
        if table is not None:
            found = _in_survey(found, table, unit_id, path)
        if rounds is not None:
            found = _in_table(found, rounds, unit_id, path)
        if figures and tables is not None:
            found = relocate(found, tables, unit_id, path)
        if assessment is not None:
            found = [*found, *registry.check_assessment(criteria_set, assessment)]
        if assessment is None or any(i.level == "error" for i in found):
            return Outcome(issues=(*issues, *found), unit_id=unit_id, own=own)
        try:
            result = score(criteria_set, assessment, stage, found)
        except RuleFailed as e:
            return failed_outcome(e, assessment.unit.id, issues=tuple(issues), unit_id=unit_id,
                          scoring=assessment.unit.id, own=own)
        if rows:
            result = attrs.evolve(result, issues=tuple(_locate(result.issues, path, rows)))
        return Outcome(result, tuple(issues), unit_id, criteria_ref=ref, own=own)


def _cache_ref(raw: Mapping[str, Any], path: Path, criteria: str | Path | None) -> str | None:
    """The reference a file's set is loaded by again on a cache hit: the
    --criteria given or the one the file names (a set it carries, or one a
    plugin picks, is not cached)."""
    if criteria is not None:
        return str(criteria)
    ref = criteria_ref(raw)
    if ref is None or raw.get(EMBEDDED) is not None:
        return None
    return str(_relative_to(ref, path))


def _group_stage(criteria: CriteriaSet) -> bool:
    """Whether a set has leaves scored with the whole group (`_group`)."""
    return any(leaf.rule is not None and leaf.rule.group_relative for leaf in criteria.leaves())


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
    return [registry.finish(r, r.assessment) if r.assessment is not None else r
            for r in grouped]


def _criteria_for(data: Mapping[str, Any], path: Path, criteria: str | Path | None,
                  registry: Registry, cat: Catalog) -> tuple[CriteriaSet | None, list[Issue]]:
    """The set an assessment is scored with: --criteria, else the one it
    names (a path relative to the file), else the one a plugin picks; when
    the file carries the set it was made from (`_embed`) and the named one
    is not found, that one; a named set that differs from it is reported."""
    found, problems = _named_criteria(data, path, criteria, registry, cat)
    embedded = Embedded.from_data(data.get(EMBEDDED))
    if embedded is None:
        return found, problems
    where = Location(str(path), key="criteria")
    ref = criteria if criteria is not None else criteria_ref(data)
    if found is not None:
        if found.content_hash and found.content_hash != embedded.hash:
            return found, [Issue("warning", msg("emb.differs", ref=ref or found.id,
                                                was=embedded.hash[:12],
                                                now=found.content_hash[:12]), where)]
        return found, problems
    if criteria is not None:
        return found, problems
    carried, issues = cat.from_text(embedded.text, f"{path}#{EMBEDDED}")
    if carried is None:
        return None, [*problems, *issues]
    notes = [Issue("warning", msg("emb.used", ref=ref or "—", id=carried.id), where)]
    if not embedded.intact:
        notes.append(Issue("warning", msg("emb.edited"), where))
    return carried, notes


def _named_criteria(data: Mapping[str, Any], path: Path, criteria: str | Path | None,
                    registry: Registry, cat: Catalog
                    ) -> tuple[CriteriaSet | None, list[Issue]]:
    where = Location(str(path), key="criteria")
    ref = criteria if criteria is not None else criteria_ref(data)
    if ref is None:
        ref = registry.select_criteria(data.get("unit"), data.get("year"))
    if ref is None:
        return None, [Issue("error", msg("crit.missing_key", key="criteria"), where)]
    if criteria is None:
        ref = _relative_to(ref, path)
        text = str(ref).strip()
        if text in (".", "..") or (("/" in text or "\\" in text) and Path(ref).is_dir()):
            # `criteria = "."`: a folder is no set; say which file named it
            return None, [Issue("error", msg("asm.criteria_file", ref=ref), where)]
        if Path(ref).suffix.lower() == ".toml" and not Path(ref).exists():
            return None, [Issue("error", msg("asm.criteria_file", ref=ref), where)]
    try:
        return cat.load(ref), []
    except InputError as e:
        # A set that is not found is no file's fault but the reference's:
        # say where it was named (the assessment's key, or --criteria).
        named = Location("--criteria") if criteria is not None else where
        return None, [i if i.where.file else attrs.evolve(i, where=named) for i in e.issues]


def _in_survey(issues: Iterable[Issue], table: Survey, unit_id: str, path: Path
               ) -> list[Issue]:
    """Problems with a survey value that came from the CSV are reported at
    its line in the CSV: the unit's own file does not contain it."""
    from_csv = table.values.get(unit_id, {})
    return [attrs.evolve(i, where=table.where(unit_id, i.where.code))
            if i.where.file == str(path) and i.where.key == "survey" and i.where.code in from_csv
            else i for i in issues]


def _in_table(issues: Iterable[Issue], table: AppraisalTable, unit_id: str, path: Path
              ) -> list[Issue]:
    """Problems with an entry that came from the province's appraisal table
    are reported at its line there (the unit's file does not contain it)."""
    mine = table.values.get(unit_id, {})
    located = []
    for issue in issues:
        where = issue.where
        key = (where.key or "").split(".")[0]
        if where.file == str(path) and where.code in mine.get(key, {}):
            issue = attrs.evolve(issue, where=attrs.evolve(
                table.where(unit_id, key, where.code), key=where.key))
        located.append(issue)
    return located


def _relative_to(ref: str | Path, assessment: Path) -> str | Path:
    """A criteria path written inside an assessment is relative to that file
    (like a link), not to wherever the command runs."""
    as_path = Path(ref)
    if as_path.suffix.lower() == ".toml" and not as_path.is_absolute():
        beside = assessment.parent / as_path
        if beside.exists():
            return beside
    return ref


def _overridden(assessment: Assessment, codes: Iterable[str]) -> list[Issue]:
    """A what-if `--set` at the appraised stage on a leaf the council scored:
    the unit's value changes, the council's entry still decides."""
    entries = [assessment.appraisal, *assessment.rounds.values()]
    return [Issue("warning", msg("num.set_appraised", code=code),
                  Location(assessment.path, code))
            for code in codes
            if any((e := table.get(code)) is not None and e.changes_score for table in entries)]


def _merge(data: dict[str, Any], survey: dict[str, Any] | None,
           overrides: dict[str, Any] | None) -> dict[str, Any]:
    if not survey and not overrides:
        return data
    data = dict(data)
    if survey and isinstance(data.get("survey", {}), Mapping):
        # (a "survey" that is not a table is left for parse_assessment to report)
        data["survey"] = {**data.get("survey", {}), **survey}
    if overrides and isinstance(data.get("answers", {}), Mapping):
        # (answers that are not a table are left for parse_assessment to report)
        answers = dict(data.get("answers", {}))
        for code, value in overrides.items():
            current = answers.get(code)
            if isinstance(current, dict) and "value" in current:
                answers[code] = {**current, "value": value}
            else:
                answers[code] = value
        data["answers"] = answers
    return data


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
