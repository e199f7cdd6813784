"""`cchc-score demo`: no arguments, the bundled fictional province scored at
the appraised stage, the ranking of each group followed by one unit's
breakdown, in Vietnamese or English."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cchc_score.cli import demo_dir

from .report_kit import digest, flat, index_of, line_with, run


def test_demo_prints_a_ranking_per_group_then_one_units_breakdown(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 0; a ranking table for each group, with the shared rank 2 of
    the two units whose indexes tie; then the model unit's summary and its
    component table with achieved, lost points and index."""
    code, out, _ = run(["demo"], capsys)
    assert code == 0
    co, khong = index_of(out, "Xếp hạng nhóm “co-tthc”"), index_of(out, "Xếp hạng nhóm “khong-tthc”")
    unit = index_of(out, "Điểm theo lĩnh vực")
    assert co < khong < unit
    assert line_with(out, "vd-pc06", "97,65").split()[0] == "1"
    assert [line.split()[0] for line in out[co:khong].splitlines()
            if "vd-catp" in line or "vd-pa08" in line] == ["2", "2"]
    assert line_with(out[khong:], "vd-px01").split()[0] == "1"
    breakdown = out[unit:]
    assert "97,65/100,00 điểm, chỉ số 97,65, hạng 1/6" in out
    row = line_with(breakdown, "9 ", "THỰC HIỆN CƠ CHẾ MỘT CỬA").split()
    assert row[-4:] == ["8,75/10,00", "█████████░", "1,25", "87,50"]
    assert "Mất điểm ở đâu: 2,35 điểm ở 6 tiêu chí" in breakdown
    assert "Tự đánh giá và thẩm định" in breakdown


def test_demo_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en prints the same views with English labels."""
    code, out, _ = run(["--lang", "en", "demo"], capsys)
    assert code == 0
    for label in ("Ranking of group “co-tthc”", "Ranking of group “khong-tthc”",
                  "Points by component", "Where the points were lost: 2.35 points in 6 criteria",
                  "97.65/100.00 points, index 97.65, rank 1/6"):
        assert label in out
    for label in ("Xếp hạng nhóm", "Điểm theo lĩnh vực", "Mất điểm ở đâu", "điểm, chỉ số"):
        assert label not in out


def test_demo_unit_shows_appraisal_and_risk(capsys: pytest.CaptureFixture[str]) -> None:
    """--unit picks another unit of the demo: vd-pc08 has appraisal cuts with
    reasons, points at risk and the expected warning last."""
    code, out, _ = run(["demo", "--unit", "vd-pc08"], capsys)
    assert code == 0
    out = flat(out)
    assert "86,25/100,00 điểm, chỉ số 86,25, hạng 5/6" in out
    assert "Tự đánh giá 93,75 điểm (chỉ số 93,75) → sau thẩm định 86,25 điểm" in out
    assert "Điểm có rủi ro" in out
    assert index_of(out, "Cảnh báo và lỗi") > index_of(out, "Tự đánh giá và thẩm định")
    assert "8.3.2" in out[index_of(out, "Cảnh báo và lỗi"):]


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_demo_exports_and_leaves_its_files_alone(fmt: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Every format renders the demo; the bundled files are never written."""
    before = digest(demo_dir())
    code, out, _ = run(["demo", "--format", fmt], capsys)
    assert code == 0
    assert digest(demo_dir()) == before
    if fmt == "md":
        assert "## Xếp hạng nhóm “co-tthc”" in out and "### Điểm theo lĩnh vực" in out
    elif fmt == "csv":
        units = [r for r in csv.DictReader(io.StringIO(out)) if r["code"] == ""]
        assert len(units) == 10
    else:
        assert len(json.loads(out)["units"]) == 10
