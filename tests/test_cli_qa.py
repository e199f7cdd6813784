"""Black-box QA of the command line: what a hostile-but-realistic user
feeds `cchc-score` (files saved by Windows tools, garbage numbers, outputs
pointed at inputs, folders or devices, mistyped options) gives a clear
message naming the file and the code or key, in Vietnamese by default and
English with --lang en, exit 1 for bad input and 2 for usage errors; never
a traceback, a hang, a lost input or a misleading figure."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_score._i18n import msg
from cchc_score._model import Issue, Location
from cchc_score._numbers import LIMIT, MAX_DIGITS, NumberError, parse_decimal, plain
from cchc_score.cli import main

#: every rule kind, a survey pair, a bonus and a penalty component (12 points)
CRITERIA = """
schema = 1
id = "qa"
title = "Bộ chỉ số kiểm thử"
group = "so"
years = [2024, 2025]

[source]
issuer = "UBND tỉnh Thử"
decision = "1/QĐ-UBND"

[[nodes]]
code = "1"
title = "Lĩnh vực một"
max = 6
[[nodes]]
code = "1.1"
title = "Có kế hoạch"
max = 1
rule = { kind = "yes_no" }
[[nodes]]
code = "1.2"
title = "Ban hành đúng hạn"
max = 1
rule = { kind = "deadline", due = "01-31", late = [{ days = 30, points = 0.5 }] }
[[nodes]]
code = "1.3"
title = "Văn bản chậm"
max = 1
rule = { kind = "deduction", per_item = 0.25, unit = "văn bản" }
[[nodes]]
code = "1.4"
title = "Tỷ lệ hồ sơ đúng hạn"
max = 1
rule = { kind = "tiers", over = "percent", tiers = [{ min = 100, points = 1 }, { min = 50, points = 0.5 }] }
[[nodes]]
code = "1.5"
title = "Hài lòng"
max = 1
method = "survey"
rule = { kind = "survey" }
[[nodes]]
code = "1.6"
title = "Hài lòng về thủ tục"
max = 1
method = "survey"
rule = { kind = "survey" }
[[nodes]]
code = "2"
title = "Điểm thưởng"
max = 2
role = "bonus"
[[nodes]]
code = "2.1"
title = "Sáng kiến"
max = 2
rule = { kind = "bonus", per_item = 0.5, unit = "sáng kiến" }
[[nodes]]
code = "3"
title = "Điểm trừ"
max = 2
role = "penalty"
[[nodes]]
code = "3.1"
title = "Vi phạm"
max = 2
rule = { kind = "bonus", per_item = 1, unit = "vi phạm" }
"""


def assessment(uid: str = "a", *, year: str = "2024", criteria: str = "qa.toml",
               extra: str = "") -> str:
    return (f'schema = 1\ncriteria = "{criteria}"\nyear = {year}\n{extra}\n'
            f'[unit]\nid = "{uid}"\nname = "Sở {uid.upper()}"\ngroup = "so"\n'
            '[answers]\n'
            '"1.1" = { value = true, evidence = ["KH 1"] }\n'
            '"1.2" = { value = 2024-01-20, evidence = ["KH 1"] }\n'
            '"1.3" = { value = 1, evidence = ["BC 1"] }\n'
            '"1.4" = { value = "96,5", evidence = ["BC 2"] }\n'
            '"2.1" = { value = 1, evidence = ["QĐ 3"] }\n'
            '"3.1" = 0\n')


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the criteria file and unit "a", as cwd."""
    (tmp_path / "qa.toml").write_text(CRITERIA, encoding="utf-8")
    (tmp_path / "a.toml").write_text(assessment(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as e:  # argparse: usage errors and --help
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# -- outputs: never over an input, a folder or a device ---------------------------------


@pytest.mark.parametrize("argv", [
    ["score", "a.toml", "--survey", "survey.csv", "-o", "survey.csv", "--force"],
    ["score", "a.toml", "-o", "qa.toml", "--force"],  # named inside a.toml
    ["score", "a.toml", "--criteria", "sub/../qa.toml", "-o", "./qa.toml", "--force"],
    ["template", "qa.toml", "-o", "qa.toml", "--force"],
    ["--plugin", "plugin.py", "score", "a.toml", "-o", "plugin.py", "--force"],
], ids=["survey", "criteria-in-file", "criteria-option", "template", "plugin"])
def test_output_never_replaces_a_file_the_run_reads(
        folder: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """-o naming the survey CSV, the criteria file or a plugin file is
    refused even with --force (it used to be overwritten): exit 1, the file
    is unchanged and the message says it is an input."""
    (folder / "sub").mkdir()
    (folder / "survey.csv").write_text("unit,code,value\na,1.5,90\n", encoding="utf-8")
    (folder / "plugin.py").write_text("# a local plugin with no hooks\n", encoding="utf-8")
    target = folder / argv[argv.index("-o") + 1]
    before = target.read_bytes()
    code, _, err = run(argv, capsys)
    assert code == 1
    assert "tệp đầu vào" in err
    assert target.read_bytes() == before


def test_output_to_a_folder_is_refused_cleanly(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o naming an existing folder, even with --force, exits 1 with a
    message (it used to be a traceback from the rename)."""
    (folder / "out").mkdir()
    code, _, err = run(["score", "a.toml", "-o", "out", "--force"], capsys)
    assert code == 1
    assert "out: không phải tệp thông thường" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_output_to_a_device_is_never_replaced(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o naming a pipe or device (`-o /dev/stdout --force`) is refused: the
    atomic rename would have replaced the device with a plain file."""
    os.mkfifo(folder / "pipe")
    code, _, err = run(["score", "a.toml", "-o", "pipe", "--force", "--lang", "en"], capsys)
    assert code == 1
    assert "pipe: not a regular file" in err
    assert not (folder / "pipe").is_file()


def test_output_below_a_file_says_why(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o a.toml/x.txt (a file where a folder should be) is a clean error."""
    code, _, err = run(["score", "a.toml", "-o", "a.toml/x.txt"], capsys)
    assert code == 1
    assert "a.toml/x.txt: không ghi được tệp: một phần của đường dẫn là tệp" in err


# -- bonus and penalty ------------------------------------------------------------------


def test_penalty_and_bonus_items_lose_nothing_and_are_never_a_gain(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A penalty item with no violation has lost nothing (it was listed as
    −2 lost), and --gains never advises more violations (it suggested
    `--set 3.1=1` as a gain of one point)."""
    code, out, _ = run(["score", "a.toml", "--gains", "--format", "json"], capsys)
    assert code == 0
    unit = json.loads(out)["units"][0]
    nodes = {n["code"]: n for n in unit["nodes"]}
    assert nodes["3.1"]["lost"] == 0 and nodes["3"]["lost"] == 0
    assert nodes["2.1"]["lost"] == 0
    assert "3.1" not in {g["code"] for g in unit["gains"]}
    code, out, _ = run(["score", "a.toml", "--all"], capsys)
    assert "3.1" not in out.split("Mất điểm ở đâu")[1].split("\n\n")[0]


# -- numbers and years that are garbage ----------------------------------------------------


@pytest.mark.parametrize("value", ["1e999999999", "1e400", "-1e-99999999"])
def test_enormous_numbers_are_reported_briefly(
        folder: Path, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A count of 1e999999999 was a decimal.Overflow traceback, and a
    1e-99999999 was echoed as a hundred million digits: now one short error
    naming the code."""
    (folder / "a.toml").write_text(assessment().replace(
        '"1.3" = { value = 1, evidence = ["BC 1"] }', f'"1.3" = {value}'), encoding="utf-8")
    code, _, err = run(["score", "a.toml"], capsys)
    assert code == 1
    assert "a.toml: 1.3" in err
    assert len(err) < 2000


def test_enormous_scale_is_a_criteria_error(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """scale = 1e30 passed the check and the report died rounding the index
    (decimal.InvalidOperation); now the criteria file is refused at `scale`."""
    (folder / "qa.toml").write_text(CRITERIA.replace("years = [2024, 2025]",
                                                     "years = [2024, 2025]\nscale = 1e30"),
                                    encoding="utf-8")
    code, _, err = run(["score", "a.toml"], capsys)
    assert code == 1
    assert "qa.toml: scale:" in err


@pytest.mark.parametrize("year", ["99999", "0", "-5", "100000000000000000000000000"])
def test_impossible_year_is_an_error_not_a_traceback(
        folder: Path, year: str, capsys: pytest.CaptureFixture[str]) -> None:
    """year = 20244 (or 0) crashed the deadline rule ("year is out of range")."""
    (folder / "a.toml").write_text(assessment(year=year), encoding="utf-8")
    code, _, err = run(["score", "a.toml"], capsys)
    assert code == 1
    assert "a.toml: year:" in err and "1900" in err


@pytest.mark.parametrize("years", ["[2024, 99999]", "20244"])
def test_a_criteria_set_in_force_in_an_impossible_year_is_refused(
        folder: Path, years: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`import-criteria --year 99999` wrote, and `check` passed, a set whose
    assessments could never be scored; `years` is bounded like an
    assessment's year."""
    (folder / "qa.toml").write_text(CRITERIA.replace("[2024, 2025]", years), encoding="utf-8")
    code, _, err = run(["check", "qa.toml"], capsys)
    assert code == 1
    assert "qa.toml: years:" in err and "1900" in err


@pytest.mark.parametrize(("change", "key"), [
    ('late = [{ days = 30, points = 0.5 }] }', 'late = [{ days = 30, points = 0.5 }], '
                                               'year_offset = 100000 }'),
    ("days = 30,", "days = 100000000,"),
])
def test_deadline_parameters_that_leave_the_calendar_are_refused(
        folder: Path, change: str, key: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A year_offset or a late window of centuries passed `check` and then
    crashed scoring, --gains and `template` with a date overflow."""
    (folder / "qa.toml").write_text(CRITERIA.replace(change, key), encoding="utf-8")
    code, _, err = run(["check", "qa.toml"], capsys)
    assert code == 1
    assert "qa.toml: 1.2: rule." in err
    code, _, _ = run(["template", "qa.toml"], capsys)
    assert code == 1


def test_an_integer_of_thousands_of_digits_is_a_toml_error(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Python refuses to convert a 5000-digit integer; tomllib's ValueError
    escaped the loader as a traceback."""
    (folder / "a.toml").write_text(assessment(year="1" + "0" * 5000), encoding="utf-8")
    code, _, err = run(["score", "a.toml"], capsys)
    assert code == 1
    assert "a.toml: không đọc được TOML: có số nguyên dài hàng nghìn chữ số" in err


@given(st.decimals(allow_nan=False, allow_infinity=False)
       | st.builds(lambda m, e: Decimal(f"{m}E{e}"), st.integers(-10**6, 10**6),
                   st.integers(-10**9, 10**9)))
def test_any_number_is_parsed_within_bounds_and_printed_briefly(value: Decimal) -> None:
    """parse_decimal accepts a number only inside the bounds arithmetic and
    rounding can carry, and refuses the rest with NumberError; whatever a
    message quotes back prints in its own digits plus at most MAX_DIGITS
    zeros, never millions."""
    try:
        parsed = parse_decimal(value)
    except NumberError as e:
        assert e.message.render("vi") and e.message.render("en")
    else:
        assert parsed.copy_abs() < LIMIT
    assert len(plain(value)) <= len(value.as_tuple().digits) + MAX_DIGITS + 8


def test_previous_results_with_an_absurd_index_are_refused(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--previous with "index": 1e400 crashed the change column; now it
    names the file and the key."""
    (folder / "b.toml").write_text(assessment("b"), encoding="utf-8")
    (folder / "prev.json").write_text('{"units": [{"id": "a", "index": 1e400, "rank": 1e400}]}',
                                      encoding="utf-8")
    code, _, err = run(["score", "a.toml", "b.toml", "--previous", "prev.json"], capsys)
    assert code == 1
    assert "prev.json: units[0].index:" in err


# -- files as Windows tools save them --------------------------------------------------------


@pytest.mark.parametrize("bom", ["utf-16", "utf-16-be"])
def test_utf16_files_are_read(folder: Path, bom: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Notepad's "Unicode" and Excel's "Unicode Text" (UTF-16 with a BOM)
    were "cannot read the file: 'utf-8' codec can't decode byte 0xff"."""
    text = assessment()
    data = text.encode("utf-16") if bom == "utf-16" else b"\xfe\xff" + text.encode(bom)
    (folder / "a.toml").write_bytes(data)
    (folder / "survey.csv").write_bytes("unit\tcode\tvalue\r\na\t1.5\t90\r\n".encode("utf-16"))
    code, out, _ = run(["score", "a.toml", "--survey", "survey.csv", "--format", "json"], capsys)
    assert code == 0
    nodes = {n["code"]: n for n in json.loads(out, parse_float=Decimal)["units"][0]["nodes"]}
    assert nodes["1.5"]["points"] == Decimal("0.9")


def test_a_legacy_encoding_gets_advice_not_a_codec_error(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file saved in Windows-1258 says where the bad byte is and to save
    as UTF-8, in the user's language."""
    (folder / "a.toml").write_bytes(assessment().replace("Sở A", "Sở Tư pháp").encode(
        "cp1258", errors="replace"))
    code, _, err = run(["score", "a.toml"], capsys)
    assert code == 1
    assert "không phải văn bản UTF-8" in err and "dòng 7" in err
    assert "codec" not in err


@pytest.mark.parametrize(("argv", "expected"), [
    (["score", "nope.toml"], "nope.toml: không đọc được tệp: không có tệp hoặc thư mục này"),
    (["--lang", "en", "check", "nope.toml"],
     "nope.toml: cannot read the file: no such file or folder"),
    (["check", "."], ".: không đọc được tệp: đây là thư mục, không phải tệp"),
    (["score", "a.toml", "--previous", "nope.json", "--lang", "en"],
     "nope.json: cannot read the file: no such file or folder"),
])
def test_system_errors_are_in_the_users_language(
        folder: Path, argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """"[Errno 2] No such file or directory" is Python's English; the
    message is the catalog's, in the chosen language."""
    code, _, err = run(argv, capsys)
    assert code == 1
    assert expected in err
    assert "Errno" not in err


@pytest.mark.parametrize(("content", "expected"), [
    (b"unit,code,value\na,1.5,90\n", "không phải tệp .xlsx thật"),
    (b"\xd0\xcf\x11\xe0" + bytes(100), "Excel 97–2003 (.xls)"),
])
def test_a_workbook_that_is_not_xlsx_says_what_it_is(
        folder: Path, content: bytes, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV renamed .xlsx, or an old .xls, was "File is not a zip file"."""
    pytest.importorskip("openpyxl")
    (folder / "form.xlsx").write_bytes(content)
    for argv in (["score", "form.xlsx"], ["import-criteria", "form.xlsx"]):
        code, _, err = run(argv, capsys)
        assert code == 1
        assert expected in err


def test_a_form_without_its_value_column_warns(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A form whose "Kết quả thực hiện" column was deleted was read as all
    blank (0 points) with no word about the column."""
    openpyxl = pytest.importorskip("openpyxl")
    assert run(["template", "qa.toml", "--unit", "a", "-o", "form.xlsx"], capsys)[0] == 0
    from cchc_score.office._layout import LETTERS

    book = openpyxl.load_workbook(folder / "form.xlsx")
    book["Tự chấm"].delete_cols(LETTERS["value"] + 1)
    book.save(folder / "form.xlsx")
    code, _, err = run(["score", "form.xlsx"], capsys)
    assert code == 0
    assert "không có cột “Kết quả thực hiện (kê khai)”" in err


# -- survey CSV -----------------------------------------------------------------------------


@pytest.mark.parametrize(("rows", "level", "expected"), [
    ("a,1.5,abc\n", "lỗi", "survey.csv: dòng 2: 1.5: tiêu chí “1.5”: cần một số"),
    ("a,9.9,90\n", "lỗi", "survey.csv: dòng 2: 9.9: mã “9.9” không có"),
    ("a,1.1,90\n", "lỗi", "survey.csv: dòng 2: 1.1: tiêu chí “1.1” không phải tiêu chí điều tra"),
    ("a,1.5,90\na,1.5,10\n", "lỗi", "survey.csv: dòng 3: 1.5: đơn vị “a”, tiêu chí “1.5” đã có "
                                     "kết quả ở dòng 2"),
    ("a,1.5,90\nzz,1.5,80\n", "cảnh báo", "survey.csv: dòng 3: 1 đơn vị trong tệp điều tra "
                                           "không có trong các tệp kê khai được chấm"),
])
def test_survey_problems_are_reported_at_their_line_in_the_csv(
        folder: Path, rows: str, level: str, expected: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A bad survey value was blamed on the unit's assessment file, a second
    value for the same leaf silently won, and a mistyped unit id was
    silently ignored; each is now reported at its line in the CSV."""
    (folder / "survey.csv").write_text("unit,code,value\n" + rows, encoding="utf-8")
    code, _, err = run(["score", "a.toml", "--survey", "survey.csv"], capsys)
    assert code == (1 if level == "lỗi" else 0)
    assert f"{level}: {expected}" in err
    assert "a.toml" not in err


def test_survey_csv_as_excel_writes_it(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Capitalised headers are the same columns, and a row with a blank
    value is a leaf without a result yet (pending), not "got {}"."""
    (folder / "survey.csv").write_text("Unit;Code;Value\na;1.5;90,5\na;1.6;\n", encoding="utf-8")
    code, out, err = run(["score", "a.toml", "--survey", "survey.csv", "--format", "json"],
                         capsys)
    assert code == 0, err
    nodes = {n["code"]: n for n in json.loads(out, parse_float=Decimal)["units"][0]["nodes"]}
    assert nodes["1.5"]["points"] == Decimal("0.905")
    assert nodes["1.6"]["pending"] is True


@pytest.mark.parametrize("text", ["hello\nworld\n", "", "code,value\n1.5,90\n"])
def test_survey_csv_without_its_columns_is_one_clear_error(
        folder: Path, text: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A header without separators raised csv.Error ("Could not determine
    delimiter"); any missing column is named as a column."""
    (folder / "survey.csv").write_text(text, encoding="utf-8")
    code, _, err = run(["score", "a.toml", "--survey", "survey.csv"], capsys)
    assert code == 1
    assert "survey.csv: thiếu cột" in err


def test_a_survey_key_that_is_not_a_table_with_a_csv(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`survey = 5` in the file plus --survey was a TypeError in the merge."""
    (folder / "a.toml").write_text(assessment(extra="survey = 5"), encoding="utf-8")
    (folder / "survey.csv").write_text("unit,code,value\na,1.5,90\n", encoding="utf-8")
    code, _, err = run(["score", "a.toml", "--survey", "survey.csv"], capsys)
    assert code == 1
    assert "a.toml: survey:" in err


# -- references to criteria sets ------------------------------------------------------------


@pytest.mark.parametrize(("argv", "expected"), [
    (["score", "b.toml"], "lỗi: b.toml: criteria: không tìm thấy bộ chỉ số “nope”"),
    (["score", "a.toml", "--criteria", "nope"], "lỗi: --criteria: không tìm thấy bộ chỉ số"),
    (["template", "nope"], "lỗi: không tìm thấy bộ chỉ số “nope”"),
    (["score", "c.toml"], "lỗi: c.toml: criteria: không tìm thấy tệp bộ chỉ số “missing/x.toml”"),
])
def test_an_unknown_criteria_set_names_where_it_was_named(
        folder: Path, argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown set id was reported at "<input>", and a missing criteria
    path named in an assessment did not say which assessment named it."""
    (folder / "b.toml").write_text(assessment("b", criteria="nope"), encoding="utf-8")
    (folder / "c.toml").write_text(assessment("c", criteria="missing/x.toml"), encoding="utf-8")
    code, _, err = run(argv, capsys)
    assert code == 1
    assert expected in err
    assert "<input>" not in err


def test_a_location_without_a_file_renders_no_placeholder() -> None:
    """An issue that is in no file is just its message."""
    issue = Issue("error", msg("crit.not_found", ref="x", known=[]), Location())
    assert issue.render("en") == "criteria set “x” not found; known sets: "


def test_criteria_named_by_another_relative_path_is_no_mismatch(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file naming "qa.toml" scored with --criteria ./sub/../qa.toml uses
    the very same file: no "uses set qa.toml but scored with qa" warning."""
    (folder / "sub").mkdir()
    code, out, err = run(["score", "a.toml", "--criteria", "sub/../qa.toml"], capsys)
    assert code == 0
    assert "nhưng đang chấm theo" not in out + err


def test_check_on_an_assessment_file_says_so(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check a.toml` with a unit's file listed a dozen missing and unknown
    keys; it now says in one line what the file is and what to run."""
    code, _, err = run(["check", "a.toml"], capsys)
    assert code == 1
    assert "a.toml: đây là tệp kê khai của một đơn vị, không phải tệp bộ chỉ số" in err
    assert err.count("lỗi:") == 1


# -- several files, --set ---------------------------------------------------------------------


def test_the_same_file_twice_is_one_unit(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`score a.toml .` (a.toml is in the folder) reported unit "a" in both
    a.toml and a.toml; the file is read once."""
    code, out, err = run(["score", "a.toml", "./a.toml", ".", "--format", "json"], capsys)
    assert code == 0, err
    assert [u["id"] for u in json.loads(out)["units"]] == ["a"]


@pytest.mark.parametrize(("option", "expected"), [
    ("x=1", "lỗi: --set x=1: mã “x” không có trong bộ chỉ số"),
    ("1.4=abc", "lỗi: --set 1.4=abc: tiêu chí “1.4”: cần một số"),
    ("a:1=true", "lỗi: --set a:1=true: mã “1” là nhóm tiêu chí"),
])
def test_a_bad_what_if_value_names_the_option(
        folder: Path, option: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A --set error was reported against the unit's file, which does not
    contain the value; it now names the option as typed."""
    code, _, err = run(["score", "a.toml", "--set", option], capsys)
    assert code == 1
    assert expected in err
    assert "a.toml" not in err


# -- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "vi", "en"), [
    (["score"], "cchc-score score: lỗi: thiếu đối số bắt buộc: FILE",
     "cchc-score score: error: the following arguments are required: FILE"),
    (["score", "a.toml", "--format", "pdf"], "lỗi: --format: không có lựa chọn 'pdf'",
     "error: argument --format: invalid choice: 'pdf'"),
    (["demo", "--stage", "self"], "lỗi: không hiểu đối số: --stage self",
     "error: unrecognized arguments: --stage self"),
    (["demo", "--width", "-5"], "lỗi: --width: cần một số nguyên từ 40 trở lên",
     "error: argument --width: needs a whole number of at least 40"),
])
def test_usage_errors_speak_the_users_language(
        folder: Path, argv: list[str], vi: str, en: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """argparse's own messages were English in a Vietnamese session, and
    --width -5 printed nothing at all with exit 0; usage errors exit 2."""
    code, _, err = run(argv, capsys)
    assert code == 2
    assert vi in err
    code, _, err = run(["--lang", "en", *argv], capsys)
    assert code == 2
    assert en in err


def test_a_narrow_terminal_never_cuts_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    """At 70 columns the heat table printed "0,5…" for 0,50: a number is
    wrapped onto a second line, never truncated."""
    code, out, _ = run(["demo", "--width", "70"], capsys)
    assert code == 0
    heat = out.split("Điểm mất theo lĩnh vực")[1]
    assert "0,50" in heat
    assert re.search(r"\d…", out) is None


def test_an_old_xls_workbook_is_explained_in_the_users_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import-criteria on a real .xls file says what it is and what to do, in
    Vietnamese, not openpyxl's English."""
    old = tmp_path / "phu-luc.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert main(["import-criteria", str(old), "-o", str(tmp_path / "x.toml")]) == 1
    err = capsys.readouterr().err
    assert "Excel 97–2003 (.xls)" in err and "xlrd" not in err


def test_overrides_on_a_file_whose_answers_are_not_a_table(tmp_path: Path) -> None:
    """What-if values for a file with `answers = 5` leave the bad key to be
    reported (an error naming it), they do not crash while being applied."""
    from cchc_score import score_files

    path = tmp_path / "u.toml"
    path.write_text('schema = 1\ncriteria = "ca-tinh-2024-bang2"\nyear = 2024\nanswers = 5\n'
                    '[unit]\nid = "u"\nname = "U"\ngroup = "co-tthc"\n', encoding="utf-8")
    batch = score_files([path], overrides={"u": {"1.1.2": "true"}})
    assert batch.failed
    assert any(i.where.key == "answers" for i in batch.issues)


def test_output_never_replaces_an_input_through_a_hard_link(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o naming a hard link to the assessment is the assessment: refused,
    even with --force, and the file is byte-identical."""
    source = tmp_path / "u.toml"
    source.write_text('schema = 1\ncriteria = "ca-tinh-2024-bang2"\nyear = 2024\n'
                      '[unit]\nid = "u"\nname = "U"\ngroup = "co-tthc"\n', encoding="utf-8")
    link = tmp_path / "out.json"
    os.link(source, link)
    before = source.read_bytes()
    assert main(["score", str(source), "-o", str(link), "--force"]) == 1
    assert source.read_bytes() == before


def test_absurdly_nested_toml_is_a_clean_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An array nested thousands deep is reported with the file, exit 1."""
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 3000 + "1" + "]" * 3000 + "\n", encoding="utf-8")
    assert main(["score", str(path)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "lồng nhau quá sâu" in err and "Traceback" not in err
