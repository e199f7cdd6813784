"""Regenerate the nasty-file corpus (not run by the tests, which read the
files and `cases.toml` as committed):

    .venv/bin/python tests/corpus/make_corpus.py

Each case is one file a hostile or unlucky user could hand in, the command
run on it (``{f}``: the file, relative to this folder; ``--lang en`` is
added), the exit code and a piece of the message the user must see.
Workbooks are built from the Excel template of ``ca-tinh-2024-bang1``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SET = "ca-tinh-2024-bang1"

CRIT = """schema = 1
id = "tiny"
title = "T"
group = "g"
years = [2024, 2024]
scale = 100
[source]
issuer = "X"
decision = "Y"
[[nodes]]
code = "1"
title = "A"
max = 100
[[nodes]]
code = "1.1"
title = "B"
max = 100
rule = {RULE}
"""
MANUAL = '{ kind = "manual" }'


def crit(rule: str = MANUAL, max: str | None = None) -> str:
    """The tiny set, with another rule for 1.1 or another `max` for both nodes."""
    text = CRIT.replace("{RULE}", rule)
    return text if max is None else text.replace("max = 100", f"max = {max}")


UNIT = """schema = 1
criteria = "c-ok.toml"
year = 2024
[unit]
id = "u"
name = "U"
group = "g"
"""


def unit(extra: str = "", **replace: str) -> str:
    text = UNIT
    for old, new in replace.items():
        text = text.replace(old, new)
    return text + extra


def deep_nodes(levels: int) -> str:
    text = CRIT.split("[[nodes]]")[0]
    code = "1"
    for _ in range(levels):
        text += f'[[nodes]]\ncode = "{code}"\ntitle = "x"\nmax = 100\n'
        code += ".1"
    return text + 'rule = { kind = "manual" }\n'


CASES: list[dict[str, Any]] = []


def _zip() -> bytes:
    """A zip archive (what a workbook is) saved under a .toml name."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook>" + "ạ" * 200 + "</workbook>")
    return out.getvalue()


def case(name: str, content: str | bytes | None, argv: list[str], exit: int, message: str,
         env: dict[str, str] | None = None) -> None:
    if content is not None:
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
    CASES.append({"file": name, "argv": argv, "exit": exit, "message": message,
                  **({"env": env} if env else {})})


CHECK = ["check", "{f}"]
SCORE = ["score", "{f}"]


def criteria_cases() -> None:
    case("c-ok.toml", crit(), CHECK, 0, "valid — tiny")
    case("c-bom-crlf.toml", "\ufeff" + crit().replace("\n", "\r\n"), CHECK, 0, "valid — tiny")
    case("c-utf16.toml", ("\ufeff" + crit()).encode("utf-16-le"), CHECK, 0, "valid — tiny")
    case("c-step-tiny.toml", crit('{ kind = "manual", step = 1e-28 }'), CHECK, 1,
         "too small")
    case("c-step-zero.toml", crit('{ kind = "manual", step = 0 }'), CHECK, 1, "step")
    case("c-deep-codes.toml", deep_nodes(60), CHECK, 1, "levels of nesting")
    case("c-max-huge.toml", crit(max="1e20"), CHECK, 1, "range")
    case("c-max-tiny.toml", crit(max="1e-30"), CHECK, 1, "range")
    case("c-max-int-huge.toml", crit(max="99999999999999999999999"), CHECK, 1,
         "range")
    case("c-max-long-int.toml", crit(max="9" * 5000), CHECK, 1,
         "thousands of digits")
    case("c-max-nan.toml", crit(max="nan"), CHECK, 1, "max")
    case("c-max-inf.toml", crit(max="-inf"), CHECK, 1, "max")
    case("c-max-negative.toml", crit(max="-5"), CHECK, 1, "max")
    case("c-max-text.toml", crit(max='"mười"'), CHECK, 1, "max")
    case("c-max-bool.toml", crit(max="true"), CHECK, 1, "max")
    case("c-nested-arrays.toml", crit() + "x = " + "[" * 3000 + "]" * 3000 + "\n", CHECK, 1,
         "nested too deeply")
    case("c-del-in-title.toml", crit().replace('title = "T"', 'title = "T\x7f"'),
         CHECK, 1, "Illegal character")
    case("c-nul.toml", crit().replace('title = "A"', 'title = "A\x00"'), CHECK, 1,
         "Illegal character")
    case("c-cp1258.toml", crit().replace('"A"', '"Cách"').encode("cp1258"), CHECK, 1,
         "not UTF-8")
    case("c-zip.toml", _zip(), CHECK, 1, "Excel or zip")
    case("c-empty.toml", "", CHECK, 1, "missing required key")
    case("c-dup-code.toml", crit() + '[[nodes]]\ncode = "1.1"\ntitle = "C"\nmax = 1\n',
         CHECK, 1, "1.1")
    case("c-orphan.toml", crit().replace('code = "1.1"', 'code = "2.1"'), CHECK, 1, "2.1")
    case("c-unknown-kind.toml", crit('{ kind = "magic" }'), CHECK, 1, "magic")
    case("c-bad-code.toml", crit().replace('code = "1.1"', 'code = "1..2"'), CHECK, 1,
         "1..2")
    case("c-nodes-number.toml", CRIT.split("[[nodes]]")[0] + "nodes = 3\n", CHECK, 1,
         "nodes")
    case("c-years-reversed.toml", crit().replace("[2024, 2024]", "[2030, 2020]"), CHECK, 1,
         "years")
    case("c-sum-mismatch.toml", crit().replace("max = 100\nrule", "max = 60\nrule"), CHECK, 1,
         "1")
    case("c-tiers-unordered.toml",
         crit('{ kind = "tiers", over = "percent", tiers = [{ min = 50, points = 50 }, '
              '{ min = 90, points = 100 }], below = 0 }'), CHECK, 1, "tiers")
    case("c-rule-on-parent.toml",
         crit().replace('max = 100\n[[nodes]]', 'max = 100\nrule = { kind = "manual" }\n'
                        '[[nodes]]', 1), CHECK, 1, "rule")
    case("c-dup-key.toml", crit().replace('title = "T"', 'title = "T"\ntitle = "U"'), CHECK, 1,
         "TOML")
    case("c-control-in-code.toml", crit().replace('code = "1.1"', 'code = "1.\\u00011"'),
         CHECK, 1, "code")


def assessment_cases() -> None:
    case("a-ok.toml", unit('[answers]\n"1.1" = 50\n'), SCORE, 0, "U (u)")
    case("a-decimal-comma.toml", unit('[answers]\n"1.1" = "50,5"\n'), SCORE, 0, "50.50")
    case("a-criteria-dot.toml", unit(**{'"c-ok.toml"': '"."'}), SCORE, 1, "a-criteria-dot")
    case("a-criteria-devzero.toml", unit(**{'"c-ok.toml"': '"/dev/zero"'}),
         SCORE, 1, "CCHC_SCORE_LIMIT_FILE_MB", env={"CCHC_SCORE_LIMIT_FILE_MB": "1"})
    case("a-criteria-missing.toml", unit(**{'"c-ok.toml"': '"nowhere.toml"'}), SCORE, 1,
         "nowhere.toml")
    case("a-criteria-folder.toml", unit(**{'"c-ok.toml"': '"./"'}), SCORE, 1,
         "a-criteria-folder")
    case("a-table-value.toml", unit('[answers]\n"1.1" = { a = 2.5 }\n'), SCORE, 1,
         "{ a = 2.5 }")
    case("a-value-huge.toml", unit('[answers]\n"1.1" = 1e20\n'), SCORE, 1, "1.1")
    case("a-value-tiny.toml", unit('[answers]\n"1.1" = 1e-30\n'), SCORE, 1, "1.1")
    case("a-value-text.toml", unit('[answers]\n"1.1" = "nhiều"\n'), SCORE, 1, "nhiều")
    case("a-value-over-max.toml", unit('[answers]\n"1.1" = 150\n'), SCORE, 1, "1.1")
    case("a-value-negative.toml", unit('[answers]\n"1.1" = -1\n'), SCORE, 1, "1.1")
    case("a-value-bool.toml", unit('[answers]\n"1.1" = true\n'), SCORE, 1, "1.1")
    case("a-value-nan.toml", unit('[answers]\n"1.1" = nan\n'), SCORE, 1, "1.1")
    case("a-value-list.toml", unit('[answers]\n"1.1" = [1, [2, { x = 3 }]]\n'), SCORE, 1,
         "1.1")
    case("a-no-unit.toml", UNIT.split("[unit]")[0], SCORE, 1, "unit")
    case("a-year-huge.toml", unit(**{"year = 2024": "year = 99999999999"}), SCORE, 1, "year")
    case("a-answers-number.toml", unit("answers = 5\n"), SCORE, 1, "answers")
    case("a-unknown-code.toml", unit('[answers]\n"9.9" = 1\n'), SCORE, 1, "9.9")
    case("a-bad-date.toml",
         unit('[answers."1.1"]\nvalue = 50\nevidence = [{ number = "1/KH", '
              'date = "32/13/2024", title = "x" }]\n'), SCORE, 1, "YYYY-MM-DD")
    case("a-control-name.toml", unit(**{'name = "U"': 'name = "U\\u0007\\u001b[31m"'}),
         SCORE, 0, "(u)")
    case("a-nested-tables.toml", unit("x = " + "{ a = " * 3000 + "1" + " }" * 3000 + "\n"),
         SCORE, 1, "nested too deeply")
    case("a-dup-key.toml", unit('[answers]\n"1.1" = 1\n"1.1" = 2\n'), SCORE, 1, "TOML")
    case("a-truncated.toml", unit('[answers]\n"1.1" = 5')[:-14], SCORE, 1, "TOML")
    case("a-nfd-name.toml", unit(**{'name = "U"': 'name = "Ha\u0300 Nô\u0323i"'}), SCORE, 0,
         "Hà Nội")
    case("a-na-no-reason.toml", unit('[not_applicable]\n"1.1" = ""\n'), SCORE, 0, "(u)")


def other_cases() -> None:
    csv_ok = "unit,code,value\n"
    case("s-header-long.csv", "x" * 50_000 + "\n", ["score", "a-ok.toml", "--survey", "{f}"],
         1, "unit")
    case("s-nul.csv", csv_ok + "u,1.1,\x005\n", ["score", "a-ok.toml", "--survey", "{f}"],
         1, "s-nul.csv")
    case("s-unknown-unit.csv", csv_ok + "zz,1.1,5\n",
         ["score", "a-ok.toml", "--survey", "{f}"], 0, "zz")
    case("p-deep.json", "[" * 20_000 + "]" * 20_000,
         ["score", "a-ok.toml", "--previous", "{f}"], 1, "p-deep.json")
    case("p-garbage.json", "{not json", ["score", "a-ok.toml", "--previous", "{f}"], 1,
         "p-garbage.json")
    case("p-numbers.json", json.dumps({"units": [{"id": "u", "index": "1e999999"}]}),
         ["score", "a-ok.toml", "--previous", "{f}"], 1, "p-numbers.json")


def workbook_cases() -> None:
    import openpyxl

    from cchc_score.office._layout import HEADER_ROW, LETTERS

    build = HERE / "_build"
    build.mkdir(exist_ok=True)
    blank = build / "blank.xlsx"
    subprocess.run([sys.executable, "-m", "cchc_score", "template", SET, "-o", str(blank),
                    "--unit", "px01", "--name", "Phòng Tham mưu", "--force"], check=True)

    def col(field: str) -> int:
        return LETTERS[field] + 1

    first = HEADER_ROW + 3  # the first leaf's row (1.1.1)

    def form(name: str, edit: Any, exit: int, message: str, argv: list[str] = SCORE) -> None:
        wb = openpyxl.load_workbook(blank)
        edit(wb)
        wb.save(HERE / name)
        case(name, None, argv, exit, message)

    def cell(field: str, value: Any) -> Any:
        return lambda wb: wb["Tự chấm"].cell(first, col(field), value)

    form("x-note-17-digits.xlsx", cell("notes", 12345678901234567), 0, "Phòng Tham mưu")
    form("x-note-tiny.xlsx", cell("notes", 1e-30), 0, "Phòng Tham mưu")
    form("x-value-17-digits.xlsx", cell("value", 12345678901234567), 1, f"row {first}: 1.1.1")
    form("x-value-tiny.xlsx", cell("value", 1e-30), 1, f"row {first}: 1.1.1")
    form("x-self-huge.xlsx", cell("self", 1e20), 1, "Điểm tự chấm")
    form("x-stt-huge.xlsx", cell("code", 1.5e20), 0, "Phòng Tham mưu")
    form("x-value-control.xlsx", cell("value", "kịp\x7f thời"), 1, f"row {first}: 1.1.1")
    form("x-value-formula.xlsx", cell("value", "=1/0"), 0, "Phòng Tham mưu")

    def last_row(wb: Any) -> None:
        wb["Tự chấm"].cell(1_048_576, 3, "x")
        wb["Thông tin"].cell(1_048_576, 2, "y")

    form("x-last-row.xlsx", last_row, 0, "Phòng Tham mưu")

    def year(wb: Any) -> None:
        info = wb["Thông tin"]
        for r in range(1, info.max_row + 1):
            if "Năm" in str(info.cell(r, 1).value or ""):
                info.cell(r, 2, 12345678901234567890)

    form("x-year-huge.xlsx", year, 1, "year")

    def no_info(wb: Any) -> None:
        del wb["Thông tin"]

    form("x-no-info-sheet.xlsx", no_info, 1, "Thông tin")

    def no_table(wb: Any) -> None:
        del wb["Tự chấm"]

    form("x-no-table.xlsx", no_table, 1, "no self-assessment table")

    def merged(wb: Any) -> None:
        ws = wb["Tự chấm"]
        ws.merge_cells(start_row=first, start_column=1, end_row=first + 5, end_column=12)

    form("x-merged-rows.xlsx", merged, 1, "column Điểm tự chấm needs a number")

    def heading(wb: Any) -> None:
        ws = wb["Tự chấm"]
        ws.cell(HEADER_ROW, col("value"), "Giá trị\x7f kê khai")

    form("x-heading-del.xlsx", heading, 0, "Phòng Tham mưu")

    def dup_rows(wb: Any) -> None:
        ws = wb["Tự chấm"]
        ws.insert_rows(first + 1)
        for c in range(1, 16):
            ws.cell(first + 1, c, ws.cell(first, c).value)

    form("x-duplicate-row.xlsx", dup_rows, 0, "appears twice")

    data = blank.read_bytes()
    case("x-truncated.xlsx", data[: len(data) // 2], SCORE, 1, "x-truncated.xlsx")
    case("x-not-zip.xlsx", "STT,Tiêu chí\n1,a\n", SCORE, 1, "x-not-zip.xlsx")
    case("x-old-xls.xlsx", b"\xd0\xcf\x11\xe0" + b"\x00" * 600, SCORE, 1, ".xls")

    def rewrite(name: str, change: Any, exit: int, message: str,
                argv: list[str] = SCORE) -> None:
        with zipfile.ZipFile(blank) as src, zipfile.ZipFile(HERE / name, "w",
                                                            zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                out.writestr(info, change(info.filename, src.read(info.filename)))
        case(name, None, argv, exit, message)

    def nan_cell(member: str, data: bytes) -> bytes:
        if member == "xl/worksheets/sheet1.xml":
            return data.replace(b"</sheetData>",
                                b'<row r="900"><c r="F900"><v>NaN</v></c></row></sheetData>')
        return data

    rewrite("x-nan-cell.xlsx", nan_cell, 1, "F900")

    def no_sheets(member: str, data: bytes) -> bytes:
        if member == "xl/workbook.xml":
            start, end = data.index(b"<sheets>"), data.index(b"</sheets>") + len(b"</sheets>")
            return data[:start] + b"<sheets/>" + data[end:]
        return data

    rewrite("x-no-sheets.xlsx", no_sheets, 1, "no self-assessment table")
    shutil.copy(HERE / "x-no-sheets.xlsx", HERE / "i-no-sheets.xlsx")
    case("i-no-sheets.xlsx", None, ["import-criteria", "{f}", "-o", "/nonexistent/x.toml"], 1,
         "no sheets")
    sys.path.insert(0, str(HERE.parent.parent))
    from tests.test_office_support import criteria_workbook

    annex = criteria_workbook(build / "annex.xlsx")
    wb = openpyxl.load_workbook(annex)
    wb.worksheets[0].cell(1_048_576, 3, "x")  # a stray cell in Excel's last row
    wb.save(HERE / "i-last-row.xlsx")
    case("i-last-row.xlsx", None, ["import-criteria", "{f}"], 0, "[[nodes]]")
    shutil.rmtree(build)


def main() -> None:
    for old in HERE.iterdir():
        if old.suffix in (".toml", ".xlsx", ".csv", ".json") and old.name != "cases.toml":
            old.unlink()
    criteria_cases()
    assessment_cases()
    other_cases()
    workbook_cases()
    sys.path.insert(0, str(HERE.parent.parent))
    from cchc_score._toml_write import value

    lines = ["# The nasty-file corpus: written by make_corpus.py (see there).", ""]
    for c in CASES:
        lines.append("[[case]]")
        for key in ("file", "argv", "exit", "message", "env"):
            if key in c:
                lines.append(f"{key} = {value(c[key])}")
        lines.append("")
    (HERE / "cases.toml").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()
