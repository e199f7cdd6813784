"""The terminal breakdown of one unit, recorded at 80 columns: the lines a
reform officer relies on (totals, rank, components, the leaves that lost the
most, points at risk, self vs appraised, warnings), not whole screens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from cchc_score import score_files
from cchc_score.report import Options, TextReport

from .report_kit import index_of, line_with, run, write_set, write_unit


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_set(tmp_path)
    return tmp_path


def test_lost_leaves_are_listed_most_first_with_explanations(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Leaves that lost 0.5, 1 and 2 points are listed 2, 1, 0.5, each
    followed by its explanation (the declared fact and the band it fell in)."""
    path = write_unit(folder, "a", {"1.3": '{ value = 60, evidence = ["x"] }',
                                    "1.2": '{ value = false, evidence = ["x"] }',
                                    "1.1": '{ value = "150/200", evidence = ["x"] }'})
    code, out, _ = run(["score", str(path)], capsys)
    assert code == 0
    lost = out[index_of(out, "Mất điểm ở đâu"):]
    assert "Mất điểm ở đâu: 3,50 điểm ở 3 tiêu chí" in lost
    two = index_of(lost, "−2,00  1.1  Hồ sơ giải quyết đúng hạn")
    why_two = index_of(lost, "Tỷ lệ 75% (150/200) thuộc mức dưới 95% → 0/2 điểm")
    one = index_of(lost, "−1,00  1.2  Ban hành kế hoạch cải cách hành chính")
    why_one = index_of(lost, "không → 0/1 điểm")
    half = index_of(lost, "−0,50  1.3  Mức độ thực hiện kế hoạch")
    why_half = index_of(lost, "Tỷ lệ 60% thuộc mức từ 50% đến dưới 100% → 0,5/1 điểm")
    assert two < why_two < one < why_one < half < why_half


def test_summary_line_has_total_index_band_and_rank_in_group(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With other units of the group scored, the summary line carries the
    rank as "3/3"; alone, it carries no rank."""
    write_unit(folder, "a", {"1.1": '{ value = "150/200", evidence = ["x"] }'})
    write_unit(folder, "b")
    write_unit(folder, "c", {"1.2": '{ value = false, evidence = ["x"] }'})
    code, out, _ = run(["score", str(folder), "--unit", "a"], capsys)
    assert code == 0
    assert "Sở A: 8,00/10,00 điểm, chỉ số 80,00, xếp loại Tốt, hạng 3/3" in out
    code, out, _ = run(["score", str(folder / "a.toml")], capsys)
    assert "Sở A: 8,00/10,00 điểm, chỉ số 80,00, xếp loại Tốt\n" in out


def test_header_names_unit_group_criteria_set_year_and_stage(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The header: unit name and id, group, year, stage, the set's id,
    issuer and decision."""
    path = write_unit(folder, "a")
    _, out, _ = run(["score", str(path), "--stage", "appraised"], capsys)
    head = out.splitlines()[:3]
    assert head == ["Sở A (a)", "Nhóm so · năm 2024 · sau thẩm định",
                    "Bộ chỉ số mini: UBND tỉnh Thử, 12/QĐ-UBND"]


def test_component_table_has_points_bar_lost_and_index(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each component: achieved/max, a bar in proportion, lost points and
    the component index; then the total."""
    path = write_unit(folder, "a", {"1.1": '{ value = "150/200", evidence = ["x"] }',
                                    "1.3": '{ value = 60, evidence = ["x"] }'})
    _, out, _ = run(["score", str(path)], capsys)
    row = line_with(out, "1.50/4.00".replace(".", ","))
    assert row.split()[:1] == ["1"]
    assert "████░░░░░░" in row  # 1,5 / 4 = 37,5 % → 4 of 10 cells
    assert row.split()[-2:] == ["2,50", "37,50"]
    total = line_with(out, "Tổng", "7,50/10,00")
    assert total.split()[-2:] == ["2,50", "75,00"]
    assert "████████░░" in total


def test_not_applicable_and_pending_are_shown_apart_never_as_lost(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A component that does not apply and a survey still pending are named
    as such, leave the maximum, and are not in the lost points."""
    path = write_unit(folder, "x", {"2.1": None, "2.2": None}, tags=("khong-tthc",),
                      survey=None)
    _, out, _ = run(["score", str(path)], capsys)
    assert line_with(out, "2", "Cải cách thủ tục hành chính").split()[-3:] == [
        "không", "áp", "dụng"]
    assert "chờ điều tra XHH" in line_with(out, "3", "Mức độ hài lòng")
    assert "Sở X: 4,00/4,00 điểm, chỉ số 100,00" in out
    assert "Không áp dụng, không tính vào điểm tối đa: 2 (4 điểm)" in out
    assert "* Chờ kết quả điều tra xã hội học, không tính là mất điểm: 3.1 (2 điểm)" in out
    assert "Không mất điểm ở tiêu chí nào." in out


def _many(folder: Path, count: int) -> Path:
    """A set of `count` yes/no leaves, and a unit that answers no to all."""
    nodes = "".join(f'[[nodes]]\ncode = "1.{i}"\ntitle = "Việc {i}"\nmax = 1\n'
                    f'rule = {{ kind = "yes_no" }}\n' for i in range(1, count + 1))
    criteria = write_set(folder, f"""schema = 1
id = "many"
title = "Nhiều tiêu chí"
group = "so"
years = [2024, 2024]
scale = {count}
[source]
issuer = "UBND tỉnh Thử"
decision = "2/QĐ-UBND"
[[nodes]]
code = "1"
title = "Tất cả"
max = {count}
{nodes}""", "many.toml")
    answers = {f"1.{i}": f'{{ value = {"false" if i > 1 else "true"}, evidence = ["x"] }}'
               for i in range(1, count + 1)}
    path = folder / "u.toml"
    path.write_text(f'schema = 1\ncriteria = "{criteria.as_posix()}"\nyear = 2024\n'
                    '[unit]\nid = "u"\nname = "Sở U"\ngroup = "so"\n[answers]\n'
                    + "".join(f'"{c}" = {v}\n' for c, v in answers.items()), encoding="utf-8")
    return path


def test_lost_list_is_limited_and_all_shows_every_one(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Of 13 leaves that lost points, 10 are listed and the rest counted;
    `--all` lists all 13."""
    path = _many(folder, 14)
    _, out, _ = run(["score", str(path)], capsys)
    assert "Mất điểm ở đâu: 13,00 điểm ở 13 tiêu chí" in out
    assert out.count("−1,00  1.") == 10
    assert "… và 3 tiêu chí khác mất điểm (dùng --all để xem hết)" in out
    _, out, _ = run(["score", str(path), "--all"], capsys)
    assert out.count("−1,00  1.") == 13
    assert "--all" not in out


def test_points_at_risk_are_summed_and_listed(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Points claimed without the evidence the criterion expects: the sum,
    and each leaf with its points."""
    path = write_unit(folder, "a", {"1.2": "true", "2.1": '"du"'})
    _, out, _ = run(["score", str(path)], capsys)
    assert ("Điểm có rủi ro (tự chấm nhưng chưa có tài liệu kiểm chứng): 3,00 điểm ở 2 tiêu"
            in out)
    risk = out[index_of(out, "Điểm có rủi ro"):]
    assert index_of(risk, "2,00  2.1  Công khai thủ tục hành chính") < index_of(
        risk, "1,00  1.2  Ban hành kế hoạch cải cách hành chính")


APPRAISAL = """
[appraisal."1.3"]
value = 40
reason = "Chỉ hoàn thành 4/10 nhiệm vụ"
[appraisal."2.1"]
points = 1
reason = "Thiếu 3 thủ tục"
[appraisal."1.2"]
value = true
reason = "Công nhận"
"""


def test_self_vs_appraised_shows_each_change_with_reason_and_both_totals(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At the appraised stage: both totals with their indexes, and every
    leaf the council changed with both values and its reason; a leaf it
    recognised is not listed."""
    path = write_unit(folder, "a", extra=APPRAISAL)
    _, out, _ = run(["score", str(path), "--stage", "appraised"], capsys)
    assert "Sở A: 8,00/10,00 điểm, chỉ số 80,00, xếp loại Tốt" in out
    section = out[index_of(out, "Tự đánh giá và thẩm định"):]
    assert " ".join(section.split()[:30]).startswith(
        "Tự đánh giá và thẩm định Tự đánh giá 10,00 điểm (chỉ số 100,00) → sau thẩm định "
        "8,00 điểm (chỉ số 80,00), chênh lệch −2,00")
    assert line_with(section, "1.3 ").split()[:4] == ["1.3", "1,00", "0,00", "−1,00"]
    assert "Lý do: Chỉ hoàn thành 4/10 nhiệm vụ" in section
    assert line_with(section, "2.1 ").split()[:4] == ["2.1", "2,00", "1,00", "−1,00"]
    assert "Lý do: Thiếu 3 thủ tục" in section
    assert "1.2 " not in section


def test_self_stage_has_no_appraisal_section(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At the self stage the appraisal entries are not applied nor shown."""
    path = write_unit(folder, "a", extra=APPRAISAL)
    _, out, _ = run(["score", str(path)], capsys)
    assert "Sở A: 10,00/10,00 điểm, chỉ số 100,00" in out
    assert "Tự đánh giá và thẩm định" not in out


def test_warnings_come_last(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The warnings section follows every other section; its last line
    names the file and the problem."""
    path = write_unit(folder, "a", {"2.2": None}, extra=APPRAISAL)
    _, out, _ = run(["score", str(path), "--stage", "appraised", "--gains"], capsys)
    warnings = index_of(out, "Cảnh báo và lỗi")
    for heading in ("Điểm theo lĩnh vực", "Mất điểm ở đâu", "Tự đánh giá và thẩm định",
                    "Nơi có thể tăng điểm"):
        assert index_of(out, heading) < warnings
    tail = " ".join(out[warnings:].split())
    assert "cảnh báo:" in tail and "1 tiêu chí chưa kê khai, tính 0 điểm: 2.2" in tail


def test_every_line_fits_80_columns(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Long titles wrap: no line of the breakdown or the province view is
    wider than 80 cells."""
    long = "Ban Quản lý các khu công nghiệp và khu kinh tế cửa khẩu tỉnh Thử " * 2
    write_unit(folder, "a", {"1.1": '{ value = "150/200", evidence = ["x"] }'}, name=long,
               extra=APPRAISAL)
    write_unit(folder, "b", {"1.2": "true"})
    _, out, _ = run(["score", str(folder), "--breakdowns", "--gains", "--stage", "appraised"],
                    capsys)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert "Xếp hạng nhóm “so”" in out and "hạng 2/2" in out


def test_output_to_a_file_or_a_pipe_has_no_escape_codes(
        folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Written with -o, or piped to a file from a real process in a colour
    terminal environment, the output is plain text."""
    path = write_unit(folder, "a", {"1.1": '{ value = "150/200", evidence = ["x"] }'})
    monkeypatch.delenv("NO_COLOR")
    target = folder / "out.txt"
    code, _, _ = run(["score", str(path), "-o", str(target), "--gains"], capsys)
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "Mất điểm ở đâu" in text and "\x1b" not in text
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS="80", PYTHONIOENCODING="utf-8")
    piped = folder / "piped.txt"
    with piped.open("wb") as handle:
        done = subprocess.run([sys.executable, "-m", "cchc_score", "score", str(path)],
                              stdout=handle, env=env, check=False)
    assert done.returncode == 0
    text = piped.read_text(encoding="utf-8")
    assert "Mất điểm ở đâu" in text and "\x1b" not in text


def test_colour_is_drawn_only_when_asked_and_not_under_no_color(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The renderer draws escape codes for a colour terminal (so the plain
    checks above can fail), and none when NO_COLOR is set."""
    results = score_files([write_unit(folder, "a")]).results
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" in TextReport().render(results, Options(color=True, width=80))
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in TextReport().render(results, Options(color=True, width=80))


def test_english_labels(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en: the same breakdown with English labels and decimal points."""
    path = write_unit(folder, "a", {"1.1": '{ value = "150/200", evidence = ["x"] }'})
    _, out, _ = run(["--lang", "en", "score", str(path)], capsys)
    assert "Sở A: 8.00/10.00 points, index 80.00, band Tốt" in out
    assert "Points by component" in out
    assert "Where the points were lost: 2.00 points in 1 criteria" in out
    assert "Share 75% (150/200) is in the band under 95% → 0/2 points" in out
    assert "Mất điểm" not in out


def test_markup_like_text_prints_as_written(folder: Path) -> None:
    """Brackets in names and reasons are text, not rich markup."""
    path = write_unit(folder, "a", name="Sở [bold]A[/bold] [x")
    out = TextReport().render(score_files([path]).results, Options(width=80))
    assert "Sở [bold]A[/bold] [x (a)" in out


def test_bonus_and_penalty_have_their_own_signed_lines(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bonus points and penalties are listed under the components with their
    sign, and the total includes them."""
    text = (folder / "mini.toml").read_text(encoding="utf-8") + """
[[nodes]]
code = "4"
title = "Điểm thưởng sáng kiến"
max = 1
role = "bonus"
[[nodes]]
code = "4.1"
title = "Sáng kiến cải cách hành chính"
max = 1
rule = { kind = "bonus", per_item = 0.5, unit = "sáng kiến" }
[[nodes]]
code = "5"
title = "Điểm trừ"
max = 2
role = "penalty"
[[nodes]]
code = "5.1"
title = "Văn bản bị phê bình"
max = 2
rule = { kind = "bonus", per_item = 0.5, unit = "văn bản" }
"""
    write_set(folder, text)
    path = write_unit(folder, "a", {"1.1": '{ value = "150/200", evidence = ["x"] }',
                                    "4.1": '{ value = 1, evidence = ["x"] }',
                                    "5.1": '{ value = 3, evidence = ["x"] }'})
    _, out, _ = run(["score", str(path)], capsys)
    assert line_with(out, "4 ", "Điểm thưởng").split()[-1] == "+0,50"
    assert line_with(out, "5 ", "Điểm trừ").split()[-1] == "−1,50"
    assert "Sở A: 7,00/10,00 điểm" in out
    # Lost points are the components' (2 at 1.1), in the total row as in the
    # list below it: bonus and penalty neither hide nor add losses.
    assert line_with(out, "Tổng", "7,00/10,00").split()[-2] == "2,00"
    assert "2,00" in line_with(out, "Mất điểm ở đâu")
