"""Big batches: scoring across processes (`--jobs`) and from the cache
(`--cache`) gives, unit by unit and byte for byte in JSON, what scoring
each file alone gives; the cache re-reads only the files that changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from cchc_score import UnitResult, _api, _unit_job, hookimpl, score_files
from cchc_score.cli import main
from cchc_score.report import JsonReport, Options
from cchc_score.report._progress import Progress
from cchc_score.report._spool import CsvSpool, JsonSpool

from .conftest import CRITERIA, EXAMPLES
from .test_plugins import isolated

SURVEY = EXAMPLES / "survey-2024.csv"


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo province, with a private cache folder."""
    monkeypatch.setenv("CCHC_SCORE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "province"
    shutil.copytree(EXAMPLES / "demo", folder)
    return folder


def _units(batch: Any) -> dict[str, str]:
    """Each unit's JSON document, without the rank (which depends on the
    other units of the batch)."""
    doc = json.loads(JsonReport().render(batch.results, Options()))
    return {u["id"]: json.dumps({k: v for k, v in u.items() if k not in ("rank", "rank_of")},
                                ensure_ascii=False) for u in doc["units"]}


def _json(batch: Any) -> str:
    assert not batch.failed, batch.issues
    return JsonReport().render(batch.results, Options())


@pytest.mark.parametrize("stage", ["self", "appraised"])
def test_any_jobs_cached_or_not_equal_each_file_scored_alone(province: Path,
                                                             stage: str) -> None:
    """One process, two processes, a cold cache and a warm cache give the
    same JSON for the whole batch, and each unit's document equals the one
    of scoring its file alone (survey CSV included)."""
    kw: dict[str, Any] = {"stage": stage, "survey": SURVEY}
    one = score_files([province], **kw)
    reference = _json(one)
    for variant in ({"jobs": 2}, {"jobs": 3, "cache": True}, {"cache": True},
                    {"jobs": 2, "cache": True}):
        assert _json(score_files([province], **kw, **variant)) == reference, variant
    alone: dict[str, str] = {}
    for path in sorted(province.glob("*.toml")):
        alone.update(_units(score_files([path], **kw)))
    assert _units(one) == alone
    assert len(alone) == len(list(province.glob("*.toml")))


def test_issues_and_errors_are_the_same_across_processes(province: Path) -> None:
    """A broken file, a duplicate unit and a criteria set in the folder are
    reported in the same order whatever the number of processes."""
    (province / "broken.toml").write_text("year = \n", encoding="utf-8")
    shutil.copy(province / "pc06.toml", province / "pc06-copy.toml")
    shutil.copy(CRITERIA / "ca-tinh-2024-bang2.toml", province / "set.toml")
    one = score_files([province])
    many = score_files([province], jobs=2)
    assert one.failed
    assert [i.render("en") for i in many.issues] == [i.render("en") for i in one.issues]
    assert [r.unit.id for r in many.results] == [r.unit.id for r in one.results]
    assert many.files == one.files and province / "set.toml" not in one.files


def test_the_cache_reads_only_the_file_that_changed(province: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """After one warm run, changing one unit's file parses that file alone,
    and its new facts are scored."""
    score_files([province], cache=True)
    read: list[Path] = []
    real = _api.read_any

    def counting(path: Path, raw: bytes | None = None) -> Any:
        read.append(path)
        return real(path, raw)

    monkeypatch.setattr(_unit_job, "read_any", counting)
    before = {r.unit.id: r.points for r in score_files([province], cache=True).results}
    assert read == []
    target = province / "pc06.toml"
    text = target.read_text(encoding="utf-8")
    assert 'value = "kip-thoi"' in text
    target.write_text(text.replace('value = "kip-thoi"', 'value = "khong-ban-hanh"', 1),
                      encoding="utf-8")
    after = score_files([province], cache=True)
    assert read == [target]
    points = {r.unit.id: r.points for r in after.results}
    assert points["vd-pc06"] < before["vd-pc06"]
    assert {u: p for u, p in points.items() if u != "vd-pc06"} == \
        {u: p for u, p in before.items() if u != "vd-pc06"}
    assert _json(after) == _json(score_files([province]))


def test_a_changed_criteria_set_or_stage_is_a_miss(province: Path, tmp_path: Path) -> None:
    """Entries are tied to the criteria set's content and to the stage: a
    set edited between runs, or another stage, scores afresh."""
    crit = tmp_path / "set.toml"
    shutil.copy(CRITERIA / "ca-tinh-2024-bang2.toml", crit)
    files = [province / "pc06.toml"]
    first = score_files(files, criteria=crit, cache=True)
    assert _json(score_files(files, criteria=crit, cache=True, stage="appraised")) == \
        _json(score_files(files, criteria=crit, stage="appraised"))
    crit.write_text(crit.read_text(encoding="utf-8").replace(
        'title = "Bảng II', 'title = "Bảng II (sửa)', 1), encoding="utf-8")
    second = score_files(files, criteria=crit, cache=True)
    assert first.results[0].criteria.title != second.results[0].criteria.title
    assert _json(second) == _json(score_files(files, criteria=crit))


def test_a_damaged_or_deleted_cache_is_only_a_miss(province: Path, tmp_path: Path) -> None:
    """Garbage in every entry, or no cache folder at all, changes nothing."""
    reference = _json(score_files([province]))
    score_files([province], cache=True)
    entries = list((tmp_path / "cache").rglob("*.pickle"))
    assert len(entries) == len(list(province.glob("*.toml")))
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    assert _json(score_files([province], cache=True)) == reference
    shutil.rmtree(tmp_path / "cache")
    assert _json(score_files([province], cache=True)) == reference


def test_cli_jobs_and_cache_write_the_same_json(province: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """`score --jobs 2 --cache` writes byte for byte the JSON of a plain run;
    no progress bar when stderr is not a terminal."""
    plain, fast = tmp_path / "plain.json", tmp_path / "fast.json"
    assert main(["score", str(province), "-o", str(plain)]) == 0
    assert main(["score", str(province), "--jobs", "2", "--cache", "-o", str(fast)]) == 0
    assert main(["score", str(province), "--jobs", "2", "--cache", "-o", str(fast),
                 "--force"]) == 0
    assert fast.read_bytes() == plain.read_bytes()
    err = capsys.readouterr().err
    assert "━" not in err and "Đang chấm" not in err


class _Picky:
    """A band for every unit, and an adjustment that fails for some."""

    @hookimpl
    def adjust_result(self, result: UnitResult) -> UnitResult:
        if result.unit.id.endswith(("pc06", "px01")):
            raise KeyError("bảng của tỉnh")
        return result

    @hookimpl
    def classify(self, result: UnitResult) -> tuple[str, str]:
        return ("Tốt" if result.index >= 80 else "Khá"), "theo quy định của tỉnh"


@pytest.mark.parametrize("spool_kind", [JsonSpool, CsvSpool])
def test_workers_finish_and_prepare_units_as_one_process_does(province: Path,
                                                              spool_kind: type) -> None:
    """With `--jobs`, workers run the plugins' adjustments and bands and
    prepare each unit's output: the same bytes, and the plugin problems met
    on the way reported by the parent for the same units in the same order,
    as when one process does it all."""
    written, problems = [], []
    for jobs in (1, 2):
        registry = isolated()
        registry.add(_Picky(), "picky")
        spool = spool_kind(Options())
        try:
            batch = score_files([province], jobs=jobs, keep=spool, registry=registry)
            written.append(b"".join(spool.chunks(batch.results, Options())))
        finally:
            spool.close()
        assert {r.band for r in batch.results} <= {"Tốt", "Khá"} and batch.results
        problems.append([(p.plugin, p.outcome, p.units, p.render("en"))
                         for p in registry.problems])
    assert written[0] == written[1]
    assert problems[0] == problems[1]
    ((_, outcome, units, _),) = problems[0]
    assert outcome == "call" and [u[-4:] for u in units] == ["pc06", "px01"]


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A usage error (exit 2) naming --jobs."""
    with pytest.raises(SystemExit) as exited:
        main(["score", str(EXAMPLES / "demo"), "--jobs", value])
    assert exited.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_progress_appears_after_a_second_on_a_terminal_only(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The bar shows on a terminal once the run has lasted the delay, and
    never when disabled (a pipe, --quiet)."""
    silent = Progress("en", enabled=False)
    for done in range(1, 4):
        silent(done, 3)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr("cchc_score.report._progress.DELAY", 0.0)
    shown = Progress("en", enabled=True)
    shown(1, 3)
    assert shown._bar is not None
    shown(3, 3)
    assert shown._bar is None
