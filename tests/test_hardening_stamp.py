"""Every output says what it was computed from (tool version, criteria set
and its hash, plugins and their versions, input and survey hashes, stage,
run date), and the same inputs give the same bytes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from cchc_score.cli import main

from .test_plugins import FULL, MYRULE, write_plugin, write_set, write_unit

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    crit = write_set(tmp_path, kind="quarterly")
    write_plugin(tmp_path, "myrule", MYRULE)
    (tmp_path / "cchc-score.toml").write_text('plugins = ["myrule.py"]\n', encoding="utf-8")
    write_unit(tmp_path, "u1", {**FULL, "1.1": 2}, criteria=crit)
    write_unit(tmp_path, "u2", {**FULL, "1.1": 4}, criteria=crit)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tmp_path


def _run(*argv: str) -> None:
    assert main(["--lang", "en", *argv]) == 0


def test_two_runs_give_identical_json_naming_hashes_and_plugin_versions(project: Path) -> None:
    """Same inputs, two runs: byte-identical JSON whose stamp names the
    criteria hash, every plugin with a version (a plugin file by its hash),
    each input file's hash and the stage; editing an input changes its hash."""
    _run("score", "u1.toml", "u2.toml", "--format", "json", "-o", "a.json")
    _run("score", "u1.toml", "u2.toml", "--format", "json", "-o", "b.json")
    assert (project / "a.json").read_bytes() == (project / "b.json").read_bytes()
    doc = json.loads((project / "a.json").read_text(encoding="utf-8"))
    stamp = doc["stamp"]
    assert stamp["criteria"] == [{"id": "tiny-2024", "hash": doc["criteria"]["hash"]}]
    plugins = {p["name"]: p["version"] for p in stamp["plugins"]}
    import hashlib

    digest = hashlib.sha256((project / "myrule.py").read_bytes()).hexdigest()
    assert plugins["myrule"] == f"sha256:{digest}" and plugins["cchc_score"]
    assert [i["path"] for i in stamp["inputs"]] == ["u1.toml", "u2.toml"]
    u1 = hashlib.sha256((project / "u1.toml").read_bytes()).hexdigest()
    assert stamp["inputs"][0]["hash"] == f"sha256:{u1}"
    assert stamp["stage"] == "self" and stamp["date"]

    with (project / "u1.toml").open("a", encoding="utf-8") as f:
        f.write("# edited\n")
    _run("score", "u1.toml", "u2.toml", "--format", "json", "-o", "c.json")
    after = json.loads((project / "c.json").read_text(encoding="utf-8"))["stamp"]
    assert after["inputs"][0]["hash"] != stamp["inputs"][0]["hash"]
    assert after["inputs"][1] == stamp["inputs"][1]


def test_the_run_date_follows_source_date_epoch(project: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH fixes the stamp's date (reproducible builds)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _run("score", "u1.toml", "--format", "json", "-o", "a.json")
    assert json.loads((project / "a.json").read_text(encoding="utf-8"))["stamp"]["date"] \
        == "2023-11-14"


def test_markdown_and_csv_carry_the_stamp(project: Path) -> None:
    """Markdown ends with a provenance section; a CSV gets a stamp file
    beside it (a comment would break the readers of the table); both are
    identical from run to run."""
    for name in ("a", "b"):
        _run("score", "u1.toml", "-o", f"{name}.md")
        _run("score", "u1.toml", "-o", f"{name}.csv")
    md = (project / "a.md").read_text(encoding="utf-8")
    assert "## Provenance" in md and "Input file: u1.toml (sha256:" in md
    assert "Plugin: myrule sha256:" in md
    assert (project / "a.md").read_bytes() == (project / "b.md").read_bytes()
    assert (project / "a.csv").read_bytes() == (project / "b.csv").read_bytes()
    side = json.loads((project / "a.stamp.json").read_text(encoding="utf-8"))
    assert side["inputs"][0]["path"] == "u1.toml"


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_office_files_carry_the_stamp_and_are_byte_identical(project: Path,
                                                             suffix: str) -> None:
    """An Excel workbook gets a provenance sheet, a Word report a closing
    section and the stamp's digest in its properties; two runs give the
    same bytes (member dates and document times fixed to the run's day)."""
    pytest.importorskip("openpyxl" if suffix == "xlsx" else "docx")
    _run("score", "u1.toml", "u2.toml", "-o", f"a.{suffix}")
    _run("score", "u1.toml", "u2.toml", "-o", f"b.{suffix}")
    a, b = (project / f"a.{suffix}"), (project / f"b.{suffix}")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        if suffix == "xlsx":
            assert 'name="Provenance"' in z.read("xl/workbook.xml").decode()
            texts = z.read("xl/sharedStrings.xml").decode() \
                if "xl/sharedStrings.xml" in z.namelist() else ""
            sheets = "".join(z.read(n).decode() for n in z.namelist()
                             if n.startswith("xl/worksheets/"))
            assert "Input file: u1.toml" in texts + sheets
        else:
            body = z.read("word/document.xml").decode()
            assert "Provenance" in body and "Input file: u2.toml" in body
            assert "<dc:identifier>sha256:" in z.read("docProps/core.xml").decode()


def test_the_survey_file_is_stamped_by_its_hash(project: Path) -> None:
    """`--survey FILE` puts the survey's path and content hash in the
    stamp; without one the stamp's survey is null."""
    import hashlib

    (project / "survey.csv").write_text("unit,code,value\n", encoding="utf-8")
    _run("score", "u1.toml", "--survey", "survey.csv", "--format", "json", "-o", "s.json")
    _run("score", "u1.toml", "--format", "json", "-o", "n.json")
    with_survey = json.loads((project / "s.json").read_text(encoding="utf-8"))["stamp"]
    digest = hashlib.sha256((project / "survey.csv").read_bytes()).hexdigest()
    assert with_survey["survey"] == {"path": "survey.csv", "hash": f"sha256:{digest}"}
    assert json.loads((project / "n.json").read_text(encoding="utf-8"))["stamp"]["survey"] \
        is None


def test_the_appraisal_table_is_stamped_with_the_inputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--appraisal FILE` changes the numbers: its hash is among the
    stamp's inputs, after the assessment files."""
    import hashlib
    import shutil

    from .conftest import EXAMPLES

    folder = tmp_path / "units"
    shutil.copytree(EXAMPLES / "chu-ky", folder)
    monkeypatch.chdir(folder)
    _run("score", "so-tu-phap-2024.toml", "--appraisal", "tham-dinh-2024.csv",
         "--stage", "final", "--format", "json", "-o", "out.json")
    inputs = json.loads((folder / "out.json").read_text(encoding="utf-8"))["stamp"]["inputs"]
    digest = hashlib.sha256((folder / "tham-dinh-2024.csv").read_bytes()).hexdigest()
    assert inputs[-1] == {"path": "tham-dinh-2024.csv", "hash": f"sha256:{digest}"}
