"""Forms that travel: a blank form (Excel or TOML) carries the criteria set
it was made from, so it scores anywhere; a set that differs is reported;
`template --units` writes one form per unit."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from cchc_score import UnitResult, score_files
from cchc_score.load import read_assessment
from tests.conftest import EXAMPLES
from tests.report_kit import run

SET_2024 = EXAMPLES / "chu-ky" / "bo-chi-so-2024.toml"
FILLED = EXAMPLES / "chu-ky" / "so-ngoai-vu-2024.toml"


def _blank(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> Path:
    """A blank form made in the office folder, next to the set it names by
    a relative path, the way a Sở Nội vụ makes it."""
    office = tmp_path / "so-noi-vu"
    office.mkdir()
    shutil.copy(SET_2024, office / "bo-chi-so-2024.toml")
    monkeypatch.chdir(office)
    code, _, _ = run(["template", "bo-chi-so-2024.toml", "-o", name, "--unit", "vd-sngv",
                      "--name", "Sở Ngoại vụ"], capsys)
    assert code == 0
    return office / name


def _answers() -> dict[str, Any]:
    data, _ = read_assessment(FILLED)
    assert data is not None
    return {"answers": data["answers"], "not_applicable": data["not_applicable"],
            "survey": {}}


def _figures(result: UnitResult) -> tuple[Any, ...]:
    return (result.points, result.max, result.index,
            [(n.code, n.points, n.max, n.na) for n in result.walk()])


def test_excel_form_scores_the_same_copied_alone_elsewhere(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A form made with `template`, filled, then copied alone into an empty
    folder on another path scores exactly as it did beside its set, and
    says it used the set it carries."""
    pytest.importorskip("openpyxl")
    from cchc_score.office import fill_form

    form = _blank(tmp_path, "sngv.xlsx", monkeypatch, capsys)
    at_home = score_files([form]).results[0].criteria
    form.write_bytes(fill_form(form, _answers(), at_home))
    home = score_files([form])
    assert not home.failed
    away = tmp_path / "may-khac" / "nop"
    away.mkdir(parents=True)
    shutil.copy(form, away / form.name)
    monkeypatch.chdir(away)
    moved = score_files([away / form.name])
    assert not moved.failed
    assert _figures(moved.results[0]) == _figures(home.results[0])
    assert moved.results[0].points > 0
    assert any("carried" in i.render("en") or "nhúng" in i.render("vi")
               for i in moved.issues)
    code, out, _ = run(["score", form.name], capsys)
    assert code == 0 and "Sở Ngoại vụ" in out


def test_toml_template_scores_the_same_copied_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The TOML template carries its set too ([embedded]): copied alone it
    scores like at home."""
    form = _blank(tmp_path, "sngv.toml", monkeypatch, capsys)
    text = form.read_text(encoding="utf-8").replace(
        '[answers."1.3"]', '[answers."1.3"]\nvalue = true', 1)
    form.write_text(text, encoding="utf-8")
    home = score_files([form]).results[0]
    away = tmp_path / "khac"
    away.mkdir()
    shutil.copy(form, away / form.name)
    monkeypatch.chdir(away)
    moved = score_files([away / form.name])
    assert not moved.failed and _figures(moved.results[0]) == _figures(home)
    assert home.node("1.3").points == 3


def test_a_set_that_differs_from_the_form_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """When the set the form names has changed since the form was made, the
    form scores with the named set and a warning says they differ."""
    form = _blank(tmp_path, "sngv.toml", monkeypatch, capsys)
    beside = form.parent / "bo-chi-so-2024.toml"
    beside.write_text(beside.read_text(encoding="utf-8").replace(
        "Tuyên truyền CCHC theo kế hoạch", "Tuyên truyền CCHC (sửa)"), encoding="utf-8")
    batch = score_files([form])
    assert not batch.failed
    assert batch.results[0].node("1.3").title == "Tuyên truyền CCHC (sửa)"
    assert any("differs from the one the form was made from" in i.render("en")
               for i in batch.issues)


def test_an_edited_embedded_set_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A carried set whose text no longer has its hash (edited by hand) is
    used, with a warning."""
    form = _blank(tmp_path, "sngv.toml", monkeypatch, capsys)
    text = form.read_text(encoding="utf-8")
    head, _, tail = text.partition("[embedded]")
    away = tmp_path / "away"
    away.mkdir()
    (away / form.name).write_text(head + "[embedded]" + tail.replace(
        "Tuyên truyền CCHC theo kế hoạch", "Tuyên truyền (sửa tay)"), encoding="utf-8")
    monkeypatch.chdir(away)
    batch = score_files([away / form.name])
    assert not batch.failed
    assert any("was edited" in i.render("en") for i in batch.issues)


def test_template_units_writes_one_named_form_per_unit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`template SET --units units.csv -o FOLDER` writes one form per unit
    with its id, name, group and tags."""
    units = tmp_path / "units.csv"
    units.write_text("id;name;group;tags\nvd-stp;Sở Tư pháp;so-nganh;\n"
                     "vd-sxd;Sở Xây dựng;so-nganh;tthc, xay-dung\n", encoding="utf-8-sig")
    code, _, err = run(["template", str(SET_2024), "--units", str(units), "-o",
                        str(tmp_path / "forms"), "--toml"], capsys)
    assert code == 0 and "2" in err
    batch = score_files(sorted((tmp_path / "forms").iterdir()))
    assert not batch.failed
    by_id = {r.unit.id: r.unit for r in batch.results}
    assert by_id["vd-stp"].name == "Sở Tư pháp"
    assert by_id["vd-sxd"].tags == frozenset({"tthc", "xay-dung"})


def test_template_units_rejects_a_repeated_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A unit id twice in the list is an error at its line; nothing written."""
    units = tmp_path / "units.csv"
    units.write_text("id,name\na,A\na,A2\n", encoding="utf-8")
    code, _, err = run(["template", str(SET_2024), "--units", str(units), "-o",
                        str(tmp_path / "forms")], capsys)
    assert code == 1 and "a" in err and not (tmp_path / "forms").exists()
