"""Penalties (điểm trừ) are subtractions everywhere: a unit with no
violation loses nothing to them in any format, violations print with a
minus sign and words that say the points come off, the template asks for the
clean record, the Excel form's total subtracts them, they are never points at
risk, and `check` warns about a penalty rule that does not grow with the
violations."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_score.cli import main

from .test_exact_arithmetic import PENALTY_SET


def _unit(folder: Path, uid: str, items: int) -> Path:
    path = folder / f"{uid}.toml"
    path.write_text(
        f'schema = 1\ncriteria = "{folder / "tru-diem.toml"}"\nyear = 2024\n'
        f'[unit]\nid = "{uid}"\nname = "Sở {uid.upper()}"\ngroup = "so"\n'
        f'[answers]\n"1.1" = "3/3"\n"1.2" = true\n'
        f'[answers."2.1"]\nvalue = {items}\nevidence = []\n', encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Unit a declares 0 violations, unit b 2 (1 point each, cap 3)."""
    (tmp_path / "tru-diem.toml").write_text(PENALTY_SET, encoding="utf-8")
    _unit(tmp_path, "a", 0)
    _unit(tmp_path, "b", 2)
    return tmp_path


def _out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["score", *args]) == 0
    return capsys.readouterr().out


def test_no_violation_loses_nothing_and_two_are_subtracted_in_every_format(
        folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """a scores 100/100 and b 98/100 in JSON, CSV, Markdown, text, xlsx and
    docx; a's penalty reads 0 (never −0), b's −2."""
    files = [str(folder / "a.toml"), str(folder / "b.toml")]
    doc = json.loads(_out(capsys, *files, "--format", "json"), parse_float=Decimal)
    units = {u["id"]: u for u in doc["units"]}
    assert (units["a"]["points"], units["a"]["pools"]["penalty"]) == (100, 0)
    assert (units["b"]["points"], units["b"]["pools"]["penalty"]) == (98, 2)
    rows = {(r["unit_id"], r["code"]): r for r in
            csv.DictReader(io.StringIO(_out(capsys, *files, "--format", "csv")))}
    assert rows[("a", "")]["points"] == "100.00" and rows[("b", "")]["points"] == "98.00"
    markdown = _out(capsys, *files, "--format", "md", "--breakdowns")
    text = _out(capsys, *files, "--breakdowns")
    for shown in (markdown, text):
        a, b = shown.split("Sở B (b)")[0], shown.split("Sở B (b)")[1]
        assert "100,00" in a and "−0,00" not in shown
        assert "98,00" in b and "−2,00" in b
    xlsx = tmp_path / "kq.xlsx"
    assert main(["score", *files, "-o", str(xlsx)]) == 0
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(xlsx)["Xếp hạng"]
    header = [c.value for c in ws[3]]
    ranking = {r[1]: dict(zip(header, r, strict=True))
               for r in ws.iter_rows(min_row=4, values_only=True)}
    assert (ranking["a"]["Điểm trừ"], ranking["a"]["Điểm đạt được"]) == (0, 100)
    assert (ranking["b"]["Điểm trừ"], ranking["b"]["Điểm đạt được"]) == (-2, 98)
    docx = pytest.importorskip("docx")
    word = tmp_path / "kq.docx"
    assert main(["score", *files, "-o", str(word), "--breakdowns"]) == 0
    cells = [c.text for t in docx.Document(str(word)).tables for r in t.rows for c in r.cells]
    assert "−2,00" in cells and "−0,00" not in cells and "98,00" in cells


@pytest.mark.parametrize(("lang", "words"), [("vi", "trừ 2 điểm"),
                                              ("en", "2 points subtracted")])
def test_two_violations_read_as_a_subtraction(folder: Path, lang: str, words: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The penalty leaf's explanation says its points come off the total,
    and the clean unit's says nothing was subtracted; neither is listed as
    points at risk though neither cites evidence."""
    doc = json.loads(_out(capsys, str(folder / "a.toml"), str(folder / "b.toml"),
                          "--format", "json", "--lang", lang), parse_float=Decimal)
    units = {u["id"]: u for u in doc["units"]}
    leaf = {u: next(n for n in units[u]["nodes"] if n["code"] == "2.1") for u in units}
    assert leaf["b"]["explanation"].endswith(words)
    assert leaf["a"]["explanation"].endswith(
        "không bị trừ điểm" if lang == "vi" else "nothing subtracted")
    assert leaf["b"]["at_risk"] == 0
    text = _out(capsys, str(folder / "b.toml"), "--lang", lang)
    assert ("−2,00" if lang == "vi" else "−2.00") in text


def test_template_asks_for_the_clean_record(folder: Path, tmp_path: Path) -> None:
    """The TOML template says each violation is subtracted and suggests 0,
    never the worst value; the Excel form's total subtracts the penalty."""
    out = tmp_path / "mau.toml"
    assert main(["template", str(folder / "tru-diem.toml"), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    block = text.split('[answers."2.1"]')[1]
    assert "mỗi vi phạm trừ 1 điểm khỏi tổng điểm" in block and "cộng" not in block
    assert "# value = 0\n" in block
    openpyxl = pytest.importorskip("openpyxl")
    form = tmp_path / "mau.xlsx"
    assert main(["template", str(folder / "tru-diem.toml"), "-o", str(form)]) == 0
    ws = openpyxl.load_workbook(form).worksheets[0]
    totals = [c.value for row in ws.iter_rows() for c in row
              if isinstance(c.value, str) and c.value.startswith("=") and "-" in c.value]
    assert totals, "the total formula subtracts the penalty component"


def test_check_warns_about_a_penalty_that_does_not_grow(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A `deduction` under a penalty would subtract its whole cap from a unit
    with no violation: `check` warns, naming the leaf (exit 0)."""
    path = tmp_path / "sai.toml"
    path.write_text(PENALTY_SET.replace('{ kind = "bonus", per_item = 1, unit = "vụ" }',
                                        '{ kind = "deduction", per_item = 1 }'),
                    encoding="utf-8")
    assert main(["check", str(path), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "2.1" in err and "no violation" in err
    ok = tmp_path / "dung.toml"
    ok.write_text(PENALTY_SET, encoding="utf-8")
    assert main(["check", str(ok)]) == 0
    assert "điểm trừ" not in capsys.readouterr().err
