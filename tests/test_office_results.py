"""`score … --format xlsx -o results.xlsx`: the province ranking sheet and
one sheet per unit in the official column layout, with self, appraised and
final points and the lost points highlighted."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cchc_score import score_files
from cchc_score.cli import main
from cchc_score.office._style import LOST_FILL

from .test_office_support import openpyxl

SET = "ca-tinh-2024-bang1"


def _unit(path: Path, unit: str, share: int, extra: str = "") -> Path:
    path.write_text(f"""schema = 1
criteria = "{SET}"
year = 2024

[unit]
id = "{unit}"
name = "Phòng {unit.upper()}"
group = "khong-tthc"

[answers]
"1.1.1" = "kip-thoi"
"1.1.2" = true
"1.1.4" = {share}
"1.2.1" = "3/4"

[answers."1.1.3"]
value = true
evidence = ["Kế hoạch số 1/KH"]

[appraisal."1.1.3"]
points = 1
reason = "Kết quả chưa rõ ràng"

[not_applicable]
"3.2" = "Đơn vị không giải quyết TTHC nội bộ"
{extra}""", encoding="utf-8")
    return path


@pytest.fixture()
def results(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "units"
    folder.mkdir()
    _unit(folder / "px01.toml", "px01", 96)
    _unit(folder / "px05.toml", "px05", 40)
    out = tmp_path / "results.xlsx"
    assert main(["score", str(folder), "--stage", "appraised", "--format", "xlsx",
                 "-o", str(out)]) == 0
    return folder, out


def test_ranking_sheet_lists_every_unit_by_rank(results: tuple[Path, Path]) -> None:
    folder, out = results
    batch = score_files([folder], stage="appraised")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Xếp hạng", "px01", "px05", "Dấu vết tính toán"]
    ws = wb["Xếp hạng"]
    header = [c.value for c in ws[3]]
    assert header[:4] == ["Hạng", "Mã đơn vị", "Đơn vị", "Nhóm"]
    assert "Điểm tự chấm" in header and "Điểm thẩm định" in header and "Chỉ số" in header
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert rows[0][0] == f"Xếp hạng nhóm “{batch.results[0].unit.group}”"
    rows = rows[1:]
    assert [(r[0], r[1]) for r in rows] == [(1, "px01"), (2, "px05")]
    index = header.index("Chỉ số")
    for row, result in zip(rows, batch.results, strict=True):
        assert Decimal(str(row[index])) == result.published_index


def test_unit_sheet_has_the_official_columns_and_all_three_scores(
        results: tuple[Path, Path]) -> None:
    """Each node's row shows the maximum, the self-assessed, appraised and
    final points; an appraised leaf shows its own points and the council's."""
    _, out = results
    ws = openpyxl.load_workbook(out)["px01"]
    header = [c.value for c in ws[5]]
    assert header[:7] == ["STT", "Lĩnh vực/ Tiêu chí/ Tiêu chí thành phần",
                          "Điểm tối đa (chuẩn)", "Điểm tự chấm", "Điểm thẩm định",
                          "Điểm đạt được", "Ghi chú"]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=6) if row[0].value}
    leaf = [c.value for c in rows["1.1.3"]]
    assert leaf[2:6] == [2, 2, 1, 1]
    assert "Kết quả chưa rõ ràng" in leaf[6]
    assert [c.value for c in rows["3.2"]][6] == "không áp dụng"
    total = [c.value for c in ws[ws.max_row]]
    assert total[1] == "Tổng cộng"


def test_lost_points_are_highlighted(results: tuple[Path, Path]) -> None:
    """Leaves that lost points have their final and lost cells filled; a
    leaf at its maximum does not."""
    _, out = results
    ws = openpyxl.load_workbook(out)["px05"]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=6) if row[0].value}
    lost = rows["1.1.4"]
    assert lost[7].value == 2
    assert lost[5].fill.start_color.rgb.endswith(LOST_FILL)
    assert lost[7].fill.start_color.rgb.endswith(LOST_FILL)
    full = rows["1.1.1"]
    assert full[7].value is None and not (full[5].fill.start_color.rgb or "").endswith(LOST_FILL)


def test_xlsx_needs_an_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Binary output to the terminal is a usage error (exit 2) with a
    message, before any scoring."""
    path = _unit(tmp_path / "px01.toml", "px01", 96)
    assert main(["score", str(path), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err


def test_existing_results_are_not_replaced_without_force(results: tuple[Path, Path]) -> None:
    folder, out = results
    before = out.read_bytes()
    assert main(["score", str(folder), "--format", "xlsx", "-o", str(out)]) == 1
    assert out.read_bytes() == before
    assert main(["score", str(folder), "--format", "xlsx", "-o", str(out), "--force"]) == 0


def test_above_the_limit_unit_sheets_are_written_only_on_request(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A batch of more units than `UNIT_SHEETS_LIMIT` gets the ranking of
    every unit and no sheet per unit, the ranking saying why and how to ask;
    `--unit ID` adds that unit's sheet, `--breakdowns` every unit's; up to
    the limit every unit has its sheet unasked."""
    from cchc_score.office import _results

    folder = tmp_path / "units"
    folder.mkdir()
    for i, unit in enumerate(("px01", "px05", "px09")):
        _unit(folder / f"{unit}.toml", unit, 90 - i)

    def sheets(*extra: str) -> tuple[list[str], str]:
        out = tmp_path / "kq.xlsx"
        assert main(["score", str(folder), "-o", str(out), "--force", *extra]) == 0
        capsys.readouterr()
        wb = openpyxl.load_workbook(out)
        ranking = wb["Xếp hạng"]
        assert [r[1].value for r in ranking.iter_rows(min_row=5)] == ["px01", "px05", "px09"]
        return wb.sheetnames[1:-1], str(ranking["A2"].value or "")

    assert sheets() == (["px01", "px05", "px09"], "")
    monkeypatch.setattr(_results, "UNIT_SHEETS_LIMIT", 2)
    names, note = sheets()
    assert names == [] and "3 đơn vị (quá 2)" in note and "--breakdowns" in note
    names, note = sheets("--unit", "px05")
    assert names == ["px05"] and "px05" in note
    assert sheets("--breakdowns") == (["px01", "px05", "px09"], "")
