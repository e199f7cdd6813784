"""Found by using the product as a new user would (QA of the command line):
each test pins one behaviour a user met and relies on."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES
from .report_kit import run


@pytest.mark.parametrize(("lang", "says", "never"), [
    ("vi", "không đọc được JSON ở dòng 1, cột 1", "Expecting value"),
    ("en", "not valid JSON at line 1, column 1", "Expecting value"),
])
def test_a_previous_file_that_is_not_json_is_explained_in_the_users_language(
        tmp_path: Path, lang: str, says: str, never: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`--previous` given a CSV (an easy slip: the survey file sits beside the
    results) exits 1 naming the file and where the JSON breaks, in the
    user's language, without the JSON parser's own English text."""
    wrong = tmp_path / "ket-qua-2023.json"
    wrong.write_text("unit;code;value\nvd-pc08;9.4.2;71,2\n", encoding="utf-8")
    code, _, err = run(["--lang", lang, "score", str(EXAMPLES / "demo" / "pc08.toml"),
                        "--previous", str(wrong)], capsys)
    assert code == 1
    assert "ket-qua-2023.json" in err and says in err
    assert never not in err and "Traceback" not in err


def compare_json(last: Path, this: Path, capsys: pytest.CaptureFixture[str]) -> list[Any]:
    code, out, err = run(["compare", str(last), str(this), "--format", "json"], capsys)
    assert code == 0, err
    units: list[Any] = json.loads(out)["units"]
    return units


@pytest.mark.parametrize("last", ["written", "sample"])
def test_compare_with_the_same_set_puts_nothing_on_the_criteria(
        tmp_path: Path, last: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Two years scored with the same criteria set: the change is all the
    unit's, the criteria's part is 0 for every unit, also for a unit whose
    survey results were pending last year (vd-cah-dx, maximum 93): pending
    leaves stay out of the bridge's maximum as they were out of last year's.
    Last year is a result JSON written by `score --format json`, or the
    shipped sample examples/results-2023.json."""
    if last == "written":
        previous = tmp_path / "ket-qua-2023.json"
        assert run(["score", str(EXAMPLES / "demo"), "--stage", "appraised",
                    "-o", str(previous)], capsys)[0] == 0
    else:
        previous = EXAMPLES / "results-2023.json"
    units = compare_json(previous, EXAMPLES / "demo", capsys)
    assert "vd-cah-dx" in {u["id"] for u in units}
    for unit in units:
        assert Decimal(str(unit["by_criteria"])) == 0, unit["id"]
        assert Decimal(str(unit["by_unit"])) == Decimal(str(unit["change"])), unit["id"]


def test_compare_with_a_missing_file_says_it_is_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`compare` naming a result file that does not exist exits 1 saying the
    file cannot be read (in Vietnamese), not that it is a malformed result
    with the system's English error text."""
    code, _, err = run(["compare", str(tmp_path / "ket-qua-2023.json"),
                        str(EXAMPLES / "demo")], capsys)
    assert code == 1
    assert "ket-qua-2023.json: không đọc được tệp" in err
    assert "No such file" not in err and "--format json" not in err


def test_check_takes_a_known_set_by_its_id(capsys: pytest.CaptureFixture[str]) -> None:
    """`check` names a set by id like every other command (a plugin's set
    lives inside its package, where a user has no path to type): the id of
    a known set checks its file, deep check included; an unknown name is
    still an unreadable file, exit 1."""
    code, out, _ = run(["check", "--deep", "ca-tinh-2024-bang1"], capsys)
    assert code == 0
    assert "ca-tinh-2024-bang1.toml: hợp lệ — ca-tinh-2024-bang1, 97 nút" in out
    assert "kiểm tra sâu 63 tiêu chí — 0 lỗi" in out
    code, _, err = run(["check", "khong-co-bo-nay"], capsys)
    assert code == 1 and "khong-co-bo-nay: không đọc được tệp" in err


def test_a_csv_file_opens_in_excel_as_utf8(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`-o results.csv` starts with a UTF-8 byte order mark, which Excel
    needs to show Vietnamese names instead of mojibake; the table read with
    the BOM skipped is exactly what the terminal prints (no BOM there, for
    pipes)."""
    path = tmp_path / "ket-qua.csv"
    code, printed, _ = run(["score", str(EXAMPLES / "demo"), "--format", "csv"], capsys)
    assert code == 0 and not printed.startswith("\ufeff")
    assert run(["score", str(EXAMPLES / "demo"), "-o", str(path)], capsys)[0] == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == printed
    assert "Phòng Cảnh sát giao thông (PC08)" in data.decode("utf-8-sig")


def test_diff_criteria_says_how_a_rule_changed(capsys: pytest.CaptureFixture[str]) -> None:
    """`diff-criteria` shows what changed in a rule, not its kind twice
    ("yes_no → yes_no"): 1.4 of the worked example goes from 5 points for
    "yes" to 3, and a rule whose only change is its leaf's maximum adds no
    line beside the maximum's."""
    cycle = EXAMPLES / "chu-ky"
    code, out, _ = run(["diff-criteria", str(cycle / "bo-chi-so-2024.toml"),
                        str(cycle / "bo-chi-so-2025.toml")], capsys)
    assert code == 0
    assert "yes_no: yes=5 → yes_no: yes=3" in out
    assert "yes_no → yes_no" not in out
    code, out, _ = run(["diff-criteria", "ca-tinh-2024-bang2", "ca-tinh-2024-bang2"], capsys)
    assert code == 0 and "0 thay đổi" in out


def test_compare_names_every_criteria_set_of_a_year(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo province ranks Bảng I and Bảng II units: `compare` names
    both sets for each year (in order of first use), not whichever unit
    came first or last; a year scored with one set names that one."""
    code, out, _ = run(["compare", str(EXAMPLES / "results-2023.json"),
                        str(EXAMPLES / "demo"), "--format", "json"], capsys)
    assert code == 0
    doc = json.loads(out)
    for year in ("last", "this"):
        assert set(doc[year]["criteria"].split(", ")) == {"ca-tinh-2024-bang1",
                                                          "ca-tinh-2024-bang2"}
    cycle = EXAMPLES / "chu-ky"
    code, out, _ = run(["compare", str(cycle / "so-ngoai-vu-2024.toml"),
                        str(cycle / "so-ngoai-vu-2025.toml")], capsys)
    assert code == 0
    assert out.startswith("So sánh năm 2024 (vd-so-nganh-2024-minh-hoa) với năm 2025 "
                          "(vd-so-nganh-2025-minh-hoa)")


@pytest.mark.parametrize(("text", "vi", "en"), [
    ('[unit]\nname = Sở X\n', "giá trị không hợp lệ (chữ phải đặt trong dấu ngoặc kép",
     "invalid value (text goes between double quotes"),
    ('year = 2024\nyear = 2025\n', "khóa này đã có giá trị ở trên (ghi hai lần) (dòng 4, cột",
     "this key already has a value above (written twice) (line 4, column"),
    ('name = "Sở X\n', "hoặc một chuỗi chưa đóng ngoặc kép) (dòng 3, cột",
     "or a string left unclosed) (line 3, column"),
    ('tags = [1,\n', "(ở cuối tệp)", "(at the end of the file)"),
    ('[unit]\ntags = {a = 1\n', "bảng { … } chưa có dấu } đóng",
     "an inline table { … } without its }"),
])
def test_a_toml_syntax_error_is_told_in_the_users_words(
        tmp_path: Path, text: str, vi: str, en: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The commonest slip of an officer editing an assessment by hand, a
    TOML syntax error (a name without quotes, a key written twice, a quote
    not closed), is reported in Vietnamese (English with --lang en) with its
    line and column, never with the parser's English text."""
    path = tmp_path / "so-x.toml"
    path.write_text(f'schema = 1\ncriteria = "ca-tinh-2024-bang2"\n{text}', encoding="utf-8")
    for lang, says in (("vi", vi), ("en", en)):
        code, _, err = run(["--lang", lang, "score", str(path)], capsys)
        assert code == 1
        assert "so-x.toml" in err and says in err
        for english in ("Invalid value", "Cannot overwrite", "Illegal character", "at line"):
            assert english not in err


@pytest.mark.parametrize(("lang", "prefix"), [("vi", "lỗi: "), ("en", "error: ")])
def test_every_refusal_on_stderr_starts_with_the_error_prefix(
        tmp_path: Path, lang: str, prefix: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A refusal of the command line (an -o naming an input, an output that
    exists without --force, an unknown --unit) exits 1 with a message that
    starts with "lỗi:" / "error:", like every other error on stderr."""
    demo = EXAMPLES / "demo"
    assessment = tmp_path / "pc08.toml"
    assessment.write_bytes((demo / "pc08.toml").read_bytes())
    taken = tmp_path / "taken.json"
    taken.write_text("{}", encoding="utf-8")
    for argv in (["score", str(assessment), "-o", str(assessment)],
                 ["score", str(assessment), "-o", str(taken)],
                 ["score", str(demo), "--unit", "khong-co"]):
        code, _, err = run(["--lang", lang, *argv], capsys)
        assert code == 1, argv
        assert err.startswith(prefix), err
        assert "Traceback" not in err
