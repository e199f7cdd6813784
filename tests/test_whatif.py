"""What-if: `--set [UNIT:]CODE=VALUE` re-scores with changed facts and shows
the new total, index, band and rank against the same group; the input files
stay byte-identical."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .report_kit import digest, flat, index_of, line_with, run, write_set, write_unit

SUMMARY = re.compile(r"Sở A: (\d+,\d+)/(\d+,\d+) điểm, chỉ số (\d+,\d+)")


def _total(out: str) -> Decimal:
    match = SUMMARY.search(out)
    assert match, out
    return Decimal(match.group(1).replace(",", "."))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_set(tmp_path)
    write_unit(tmp_path, "a", {"1.1": '{ value = "150/200", evidence = ["x"] }',
                               "1.3": '{ value = 60, evidence = ["x"] }',
                               "2.2": '{ value = 3, evidence = ["x"] }'})
    write_unit(tmp_path, "b", {"1.2": '{ value = false, evidence = ["x"] }'})
    write_unit(tmp_path, "c", {"2.1": '{ value = "khong", evidence = ["x"] }'})
    return tmp_path


@pytest.mark.parametrize(("setting", "difference"), [
    ("1.1=190/200", Decimal(1)),     # tiers over a ratio: below 95 % → from 95 %
    ("1.1=200/200", Decimal(2)),
    ("1.3=100", Decimal("0.5")),     # tiers over a percentage
    ("1.3=49,5", Decimal("-0.5")),   # a decimal comma; a worse fact scores less
    ("2.2=1", Decimal(1)),           # deduction: 3 → 1 item at 0,5 each
    ("1.2=không", Decimal(-1)),      # yes/no in words
])
def test_set_changes_the_total_by_the_rules_difference(
        folder: Path, setting: str, difference: Decimal,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The printed total moves by exactly the rule's difference, and every
    input file is byte-identical afterwards."""
    path = folder / "a.toml"
    before = digest(folder)
    _, out, _ = run(["score", str(path)], capsys)
    base = _total(out)
    code, out, err = run(["score", str(path), "--set", setting], capsys)
    assert code == 0, err
    assert _total(out) == base + difference
    assert digest(folder) == before


def test_whatif_shows_new_total_index_band_and_rank_in_the_group(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With the group scored, the what-if table puts now and after side by
    side, the changed leaf is named with its new explanation, and the
    ranking is re-computed against the same units."""
    before = digest(folder)
    code, out, _ = run(["score", str(folder), "--set", "a:1.1=200/200", "--set", "a:2.2=0"],
                       capsys)
    assert code == 0
    assert digest(folder) == before
    whatif = out[index_of(out, "Giả định (--set), tệp đầu vào không thay đổi"):]
    assert "1.1: 0,00 → 2,00 điểm (+2,00)" in whatif
    assert "Tỷ lệ 100% (200/200) thuộc mức 100% → 2/2 điểm" in whatif
    assert "2.2: 0,50 → 2,00 điểm (+1,50)" in whatif
    assert line_with(whatif, "Điểm ").split()[1:] == ["6,00/10,00", "9,50/10,00", "(+3,50)"]
    assert line_with(whatif, "Chỉ số ").split()[2:] == ["60,00", "95,00", "(+35,00)"]
    assert line_with(whatif, "Xếp loại ").split()[2:] == ["Khá", "Tốt"]
    assert line_with(whatif, "Hạng ").split()[1:] == ["3/3", "1/3"]
    assert "Sở A: 9,50/10,00 điểm, chỉ số 95,00, xếp loại Tốt, hạng 1/3" in out
    ranking = out[:index_of(out, "Điểm mất theo lĩnh vực")]
    assert line_with(ranking, " a ").split()[0] == "1"


def test_the_suggested_value_reaches_the_next_band(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The value --gains suggests, tried with --set, scores the next band:
    the total rises by the step's points."""
    path = folder / "a.toml"
    _, out, _ = run(["score", str(path), "--gains"], capsys)
    tries = re.findall(r"thử: --set (\S+)", out)
    assert tries[:3] == ["1.1=190/200", "2.2=2", "1.3=100"]
    base = _total(out)
    for setting, gain in zip(tries, ("1,00", "0,50", "0,50"), strict=False):
        _, after, _ = run(["score", str(path), "--set", setting], capsys)
        assert _total(after) == base + Decimal(gain.replace(",", "."))


@settings(max_examples=25)
@given(num=st.integers(0, 200))
def test_any_ratio_keeps_files_and_matches_the_rule(tmp_path_factory: pytest.TempPathFactory,
                                                    num: int) -> None:
    """For any declared ratio, the what-if total equals the total of a file
    that declares it, and no input changes."""
    from cchc_score.cli import main

    folder = tmp_path_factory.mktemp("w")
    write_set(folder)
    path = write_unit(folder, "a")
    before = digest(folder)
    out = folder / "whatif.json"
    assert main(["score", str(path), "--set", f"1.1={num}/200", "--format", "json",
                 "-o", str(out)]) == 0
    assert digest(folder) == {**before, "whatif.json": digest(folder)["whatif.json"]}
    other = folder / "other"
    other.mkdir()
    write_set(other)
    written = write_unit(other, "a", {"1.1": f'{{ value = "{num}/200", evidence = ["x"] }}'})
    direct = other / "direct.json"
    assert main(["score", str(written), "--format", "json", "-o", str(direct)]) == 0
    whatif = json.loads(out.read_text(encoding="utf-8"), parse_float=Decimal)["units"][0]
    declared = json.loads(direct.read_text(encoding="utf-8"), parse_float=Decimal)["units"][0]
    assert whatif["points"] == declared["points"]
    assert whatif["before"]["points"] == 10


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["--set", "1.1"], 2, "cần dạng MÃ=GIÁ_TRỊ"),
    (["--set", "=5"], 2, "cần dạng MÃ=GIÁ_TRỊ"),
    (["--set", "1.1=1/2"], 2, "đã chấm 3 đơn vị"),
    (["--set", "zz:1.1=1/2"], 1, "không có đơn vị “zz”"),
    (["--unit", "zz"], 1, "không có đơn vị “zz”"),
    (["--unit", "a", "--set", "9.9=1"], 1, "mã “9.9” không có trong bộ chỉ số"),
    (["--unit", "a", "--set", "1.1=abc"], 1, "1.1"),
    (["--unit", "a", "--set", "1.3=120"], 1, "0–100%"),
])
def test_bad_set_is_a_clean_error(folder: Path, argv: list[str], code: int, message: str,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed option is a usage error (2); an unknown unit, code or a
    value the rule refuses is an input error (1); never a traceback, and the
    files stay as they were."""
    before = digest(folder)
    got, _, err = run(["score", str(folder), *argv], capsys)
    assert got == code
    assert message in err and "Traceback" not in err
    assert digest(folder) == before


def test_set_on_a_leaf_the_council_decided_says_so(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At the appraised stage, setting a fact the council corrected moves
    only the self-assessed value, and the what-if says so."""
    path = write_unit(folder, "d", extra='[appraisal."1.3"]\nvalue = 40\nreason = "Chưa đạt"\n')
    code, out, _ = run(["score", str(path), "--stage", "appraised", "--set", "1.3=60"], capsys)
    assert code == 0
    assert ("1.3: ở giai đoạn thẩm định, điểm do hội đồng quyết định; --set chỉ đổi giá trị "
            "tự kê khai") in flat(out)
    assert "Sở D: 9,00/10,00 điểm" in out
