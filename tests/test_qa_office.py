"""Office files as a new user prints them (QA): rendered through
LibreOffice and read back with poppler. Skipped where they are not
installed (`.ci/run` installs them)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cchc_score.cli import demo_dir, main

pytestmark = [
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

pytest.importorskip("docx")


def test_the_word_ranking_header_never_breaks_a_word(tmp_path: Path) -> None:
    """The Word report of the demo province prints its ranking table with
    every header word whole: "Hạng" is never split into "Hạn" and "g"
    across two lines of its narrow column."""
    path = tmp_path / "xep-hang.docx"
    assert main(["score", str(demo_dir()), "--stage", "appraised", "-o", str(path)]) == 0
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    first_page = subprocess.run(["pdftotext", "-l", "1", str(path.with_suffix(".pdf")), "-"],
                                check=True, capture_output=True, text=True).stdout
    words = first_page.split()
    assert words.count("Hạng") >= 2, "one header per group"
    assert "Hạn" not in words
    for head in ("Mã", "Điểm", "Chỉ"):
        assert head in words


def test_the_ranking_sheet_names_a_criteria_set_only_when_all_units_share_it(
        tmp_path: Path) -> None:
    """The results workbook's ranking sheet is titled with the criteria set
    only when every unit was scored with it: the demo province ranks Bảng I
    and Bảng II units on one sheet, so its title names neither table; one
    Bảng II unit's workbook names Bảng II."""
    openpyxl = pytest.importorskip("openpyxl")
    both, one = tmp_path / "ca-tinh.xlsx", tmp_path / "pc08.xlsx"
    assert main(["score", str(demo_dir()), "--stage", "appraised", "-o", str(both)]) == 0
    assert main(["score", str(demo_dir() / "pc08.toml"), "-o", str(one)]) == 0
    title = openpyxl.load_workbook(both).worksheets[0]["A1"].value
    assert title.startswith("KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024")
    assert "Bảng I" not in title
    assert "Bảng II" in openpyxl.load_workbook(one).worksheets[0]["A1"].value


@pytest.mark.parametrize("what_if", [True, False])
def test_a_what_if_in_word_and_excel_says_it_is_one(tmp_path: Path, what_if: bool) -> None:
    """`--set` written to Word or Excel says so, as the terminal does: the
    Word report and the workbook's ranking and unit sheet carry "Giả định
    (--set), tệp đầu vào không thay đổi" and the changed leaf with its points
    before and after, beside the what-if total; without `--set` none of it."""
    openpyxl = pytest.importorskip("openpyxl")
    docx = pytest.importorskip("docx")
    extra = ["--set", "8.3.2=100"] if what_if else []
    word, book = tmp_path / "pc08.docx", tmp_path / "ca-tinh.xlsx"
    assert main(["score", str(demo_dir()), "--unit", "vd-pc08", *extra, "-o", str(word)]) == 0
    assert main(["score", str(demo_dir()), "--unit", "vd-pc08", *extra, "-o", str(book)]) == 0
    head, leaf = "Giả định (--set), tệp đầu vào không thay đổi", "8.3.2: 2,50 → 4,00 điểm (+1,50)"
    document = docx.Document(str(word))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    workbook = openpyxl.load_workbook(book)
    cells = "\n".join(str(c) for ws in (workbook.worksheets[0], workbook["vd-pc08"])
                      for r in ws.iter_rows(values_only=True) for c in r if c is not None)
    for shown in (text, cells):
        assert (head in shown) is what_if
        assert (leaf in shown) is what_if
    assert ("95,25/100,00" in text) is what_if and ("93,75/100,00" in text)
