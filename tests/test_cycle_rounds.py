"""The rounds of a year's cycle: self-assessment, appraisal round 1, the
unit's explanation, round 2, appeal; the council's rulings on
not-applicable claims; who, when and why on every change; a province-wide
appraisal file that never touches the units' files."""

from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from cchc_score import score_files
from tests.conftest import EXAMPLES
from tests.report_kit import line_with, run, write_set, write_unit

CYCLE = EXAMPLES / "chu-ky"
SNGV = CYCLE / "so-ngoai-vu-2024.toml"


def test_worked_example_prints_every_round_side_by_side(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The worked example at the final stage shows the self, round 1,
    explanation, round 2 and final totals in one table, each column the
    total that stage gives on its own (`--stage` of that name)."""
    code, out, _ = run(["score", str(SNGV), "--stage", "final"], capsys)
    assert code == 0
    header = line_with(out, "Tự chấm", "Vòng 1", "Giải trình", "Vòng 2", "Cuối cùng")
    assert header.index("Vòng 1") < header.index("Giải trình") < header.index("Vòng 2")
    totals = line_with(out, "Tổng điểm").split()[2:]
    for stage, shown in zip(("self", "round1", "explanation", "round2", "final"), totals,
                            strict=True):
        alone = score_files([SNGV], stage=stage).results[0]  # type: ignore[arg-type]
        assert shown == f"{alone.points:.2f}".replace(".", ",")
    assert totals == ["78,50", "69,50", "83,50", "75,50", "75,50"]


def test_trail_names_who_when_and_why_of_every_changed_leaf(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Every change of every leaf is listed with its round, points before
    and after, who made it, the date and the reason (and the documents an
    explanation cites)."""
    _, out, _ = run(["score", str(SNGV), "--stage", "final"], capsys)
    result = score_files([SNGV], stage="final").results[0]
    changed = [n for n in result.walk() if n.trail]
    assert {n.code for n in changed} == {"1.1.2", "2.3", "4.2"}
    # (the text wraps at 80 columns: compare words, not lines)
    trail = " ".join(out[out.index("Diễn biến"):].split())
    for node in changed:
        for change in node.trail:
            assert change.who and change.date and change.reason
            assert change.who in trail and change.date.strftime("%d/%m/%Y") in trail
    assert "15/BC-SNgV ngày 05/01/2025" in trail
    assert "không áp dụng → 0,00" in trail


def test_rejected_na_claim_returns_the_leaf_maximum() -> None:
    """When the council rejects a not-applicable claim, the leaf is scored
    and the unit's maximum rises by exactly that leaf's maximum."""
    own = score_files([SNGV], stage="self").results[0]
    round1 = score_files([SNGV], stage="round1").results[0]
    leaf = round1.node("2.3")
    assert own.node("2.3").na and not leaf.na
    assert round1.max == own.max + leaf.declared_max
    assert leaf.trail[0].na == "reject" and leaf.trail[0].before is None


def test_accepted_claim_stays_out_of_the_denominator(tmp_path: Path) -> None:
    """A claim the council accepts keeps the node out of the maximum."""
    criteria = write_set(tmp_path)
    path = write_unit(tmp_path, "a", criteria=criteria, extra=(
        '[not_applicable]\n"1.3" = "Không phát sinh"\n'
        '[appraisal."1.3"]\nna = "accept"\nreason = "Đúng"\n'))
    result = score_files([path], stage="final").results[0]
    assert result.node("1.3").na and result.max == result.criteria.total - result.criteria.node("1.3").max


def test_ruling_on_a_claim_never_made_is_an_error(tmp_path: Path) -> None:
    """`na = "reject"` on a code the unit did not claim is an error naming
    the file, code and key."""
    criteria = write_set(tmp_path)
    path = write_unit(tmp_path, "a", criteria=criteria,
                      extra='[appraisal."1.3"]\nna = "reject"\nreason = "x"\n')
    batch = score_files([path], stage="final")
    errors = [i for i in batch.issues if i.level == "error"]
    assert errors and errors[0].where.code == "1.3" and errors[0].where.key == "appraisal.na"


def test_a_change_without_a_reason_is_a_warning(tmp_path: Path) -> None:
    """A round-2 entry that changes the points without a reason is a
    warning naming the round and the code; the file still scores."""
    criteria = write_set(tmp_path)
    path = write_unit(tmp_path, "a", criteria=criteria,
                      extra='[reappraisal."1.2"]\nvalue = false\nwho = "Tổ 1"\n')
    result = score_files([path], stage="final").results[0]
    warnings = [i.render("en") for i in result.issues if i.level == "warning"]
    assert any("appraisal round 2 “1.2” changes the score without a reason" in w
               for w in warnings)


@pytest.mark.parametrize("stage", ["self", "round1", "explanation", "round2", "appeal",
                                   "final", "appraised"])
def test_stage_option_accepts_every_stage(stage: str, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    """`--stage` accepts each stage; a stage with no entries carries the
    previous one forward (the appeal of the worked example equals round 2),
    and `appraised` is the final stage, as before."""
    code, out, _ = run(["score", str(SNGV), "--stage", stage, "--format", "json"], capsys)
    assert code == 0
    unit = json.loads(out)["units"][0]
    expected = {"self": "78.5", "round1": "69.5", "explanation": "83.5"}.get(stage, "75.5")
    assert D(str(unit["points"])) == D(expected)


def test_json_carries_stages_and_trail(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON: each unit lists its stage totals and each changed node its trail."""
    _, out, _ = run(["score", str(SNGV), "--stage", "final", "--format", "json"], capsys)
    unit = json.loads(out)["units"][0]
    assert [s["stage"] for s in unit["stages"]] == ["self", "round1", "explanation", "round2"]
    node = next(n for n in unit["nodes"] if n["code"] == "2.3")
    assert [c["round"] for c in node["trail"]] == ["round1", "explanation", "round2"]
    assert node["trail"][0]["na"] == "reject" and node["trail"][1]["evidence"][0]["number"] \
        == "20/QĐ-SNgV"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_province_wide_appraisal_file_leaves_unit_files_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One CSV of the council's entries (unit, round, code, points or value,
    reason, who, date) applies to every unit it names, exactly as if the
    entries were in their files, and no unit file changes (same hashes)."""
    folder = tmp_path / "units"
    shutil.copytree(CYCLE, folder)
    before = _digest(folder)
    files = [folder / "so-tu-phap-2024.toml", folder / "so-xay-dung-2024.toml"]
    table = folder / "tham-dinh-2024.csv"
    batch = score_files(files, stage="final", appraisal=table)
    assert not batch.failed
    by_id = {r.unit.id: r for r in batch.results}
    stp = by_id["vd-stp"]
    assert stp.node("2.2").trail[0].who == "Tổ thẩm định số 1, Sở Nội vụ"
    assert stp.node("2.2").points == D(6) and stp.node("4.1").points == D(2)
    sxd = by_id["vd-sxd"]
    assert [c.round for c in sxd.node("1.3").trail] == ["round1", "appeal"]
    assert [s.stage for s in sxd.stages] == ["self", "round1", "appeal"]
    code, _, _ = run(["score", *map(str, files), "--appraisal", str(table),
                      "--stage", "final"], capsys)
    assert code == 0
    assert _digest(folder) == before


def test_appraisal_file_problem_is_reported_at_its_line(tmp_path: Path) -> None:
    """A bad value in the province's table is reported at its line there,
    not in the unit's file; an unknown round is named."""
    criteria = write_set(tmp_path)
    path = write_unit(tmp_path, "a", criteria=criteria)
    table = tmp_path / "td.csv"
    table.write_text("unit,round,code,points,reason\n"
                     "a,1,1.2,99,quá\n"
                     "a,vòng 9,1.2,0,x\n", encoding="utf-8-sig")
    batch = score_files([path], stage="final", appraisal=table)
    where = {(i.where.file, i.where.row) for i in batch.issues if i.level == "error"}
    assert (str(table), 2) in where and (str(table), 3) in where


def test_appraisal_xlsx_is_read_like_the_csv(tmp_path: Path) -> None:
    """The province's table may be an Excel workbook with the same columns."""
    openpyxl = pytest.importorskip("openpyxl")
    criteria = write_set(tmp_path)
    path = write_unit(tmp_path, "a", criteria=criteria)
    wb = openpyxl.Workbook()
    wb.active.append(["Đơn vị", "Vòng", "Mã", "Điểm", "Lý do", "Người chấm"])
    wb.active.append(["a", 2, "1.2", 0, "Thiếu kế hoạch", "Tổ 2"])
    wb.save(tmp_path / "td.xlsx")
    result = score_files([path], stage="final", appraisal=tmp_path / "td.xlsx").results[0]
    assert result.node("1.2").points == 0
    assert result.node("1.2").trail[0].round == "round2"


def test_results_workbook_has_rounds_and_last_year(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The results workbook shows every stage's total side by side with the
    trail of each changed leaf, and last year's index beside this year's."""
    openpyxl = pytest.importorskip("openpyxl")
    last = tmp_path / "last.json"
    assert run(["score", str(SNGV), "--stage", "self", "--format", "json", "-o", str(last)],
               capsys)[0] == 0
    out = tmp_path / "kq.xlsx"
    code, _, _ = run(["score", str(SNGV), "--stage", "final", "--previous", str(last),
                      "-o", str(out)], capsys)
    assert code == 0
    wb = openpyxl.load_workbook(out)
    rounds = wb["Các vòng"]
    values = [c.value for c in rounds[4]]
    assert values[:2] == ["vd-sngv", "Sở Ngoại vụ tỉnh Ví Dụ (hư cấu)"]
    assert [D(str(v)) for v in values[2::2] if v is not None] == [
        D("78.5"), D("69.5"), D("83.5"), D("75.5")]
    text = " ".join(str(c.value) for row in rounds.iter_rows() for c in row if c.value)
    assert "Tổ thẩm định số 2, Sở Nội vụ, 10/01/2025" in text
    previous = wb["So với năm trước"]
    row = [c.value for c in previous[4]]
    assert row[0] == "vd-sngv" and D(str(row[4])) == D("75.5") - D(str(row[2]))
