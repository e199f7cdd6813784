"""One file's job in a batch: read it, find the set it is scored with,
merge the province's figures (survey, appraisal table, data tables) and
what-if values into it, check it and score it. Issues about values that
came from a province-wide file are reported at their line there."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from ._appraisal_file import AppraisalTable
from ._batch import Outcome
from ._batch import failed as failed_outcome
from ._batch_files import _is_criteria_file, _locate, read_any
from ._catalog import Catalog
from ._data import DataTables, declared, relocate
from ._embed import KEY as EMBEDDED
from ._embed import Embedded
from ._engine import score
from ._i18n import msg
from ._model import Assessment, CriteriaSet, Issue, Location, Stage
from ._survey import Survey
from .exceptions import InputError, RuleFailed
from .load import criteria_ref, parse_assessment
from .plugins import Registry


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
    #: (the set's reference, the file's folder) → the set: resolved once per
    #: batch, not once per file (only references that found a set cleanly)
    _sets: dict[tuple[str, Path], CriteriaSet] = attrs.field(factory=dict, init=False)

    def criteria_for(self, raw: Mapping[str, Any], path: Path
                     ) -> tuple[CriteriaSet | None, list[Issue]]:
        """`_criteria_for`, remembered for files that name their set the same
        way from the same folder (a plugin's choice by unit, a set carried
        in the file, and any reference with problems are looked up anew)."""
        ref = self.criteria if self.criteria is not None else criteria_ref(raw)
        if ref is None or raw.get(EMBEDDED) is not None:
            return _criteria_for(raw, path, self.criteria, self.registry, self.cat)
        key = (str(ref), path.parent)
        found = self._sets.get(key)
        if found is not None:
            return found, []
        criteria_set, problems = _criteria_for(raw, path, self.criteria, self.registry,
                                               self.cat)
        if criteria_set is not None and not problems:
            self._sets[key] = criteria_set
        return criteria_set, problems

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
        criteria_set, problems = self.criteria_for(raw, path)
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
