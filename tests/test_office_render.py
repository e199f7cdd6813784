"""Office files as officers print them: each is rendered to PDF through
LibreOffice, then its pages are read back (poppler's pdfinfo and
pdftotext): A4, a plausible number of pages, page numbers, text of a
readable size, and every row's text whole on the page (a row too short for
its wrapped text would lose its last lines).

Skipped where LibreOffice or poppler is not installed (`.ci/run` installs
them). The checks that need no renderer are in `test_office_print.py`."""

from __future__ import annotations

import html
import re
import shutil
import statistics
import subprocess
import unicodedata
from pathlib import Path

import pytest

from cchc_score import score_files
from cchc_score._api import catalog
from cchc_score.cli import demo_dir, main

pytestmark = [
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

A4 = {(595, 842), (842, 595)}
UNIT = "Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06) – Công an tỉnh Ví Dụ"


def render(path: Path) -> Path:
    """The PDF LibreOffice prints of `path` (its own profile folder, so that
    runs in parallel do not share a lock)."""
    profile = path.parent / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(path.parent), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = path.with_suffix(".pdf")
    assert pdf.is_file()
    return pdf


def info(pdf: Path) -> tuple[int, tuple[int, int]]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", out).group(1))  # type: ignore[union-attr]
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", out).groups()  # type: ignore[union-attr]
    return pages, (round(float(w)), round(float(h)))


def pages_text(pdf: Path, pages: int) -> list[str]:
    return [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"],
                           check=True, capture_output=True, text=True).stdout
            for i in range(1, pages + 1)]


def words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def whole(needle: str, haystack: list[str]) -> bool:
    """Every word of `needle`, in order, somewhere in the words (the renderer
    breaks lines, so compare words, not lines)."""
    want, have = words(needle), haystack
    first = want[0]
    return any(have[i:i + len(want)] == want for i, w in enumerate(have) if w == first)


def _boxes(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) of every word on a page."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                       r'yMax="([\d.]+)">([^<]*)</word>', out)
    return [(float(a), float(b), float(c), float(d), html.unescape(w))
            for a, b, c, d, w in found]


def text_sizes(pdf: Path, page: int) -> list[float]:
    return [y2 - y1 for _, y1, _, y2, _ in _boxes(pdf, page)]


def column_words(pdf: Path, page: int, first: set[str], beside: set[str]) -> list[str]:
    """The words printed in one left-aligned table column, top to bottom: it
    starts where its cells' `first` words start and ends where the next
    column's cells (words in `beside`) start."""
    boxes = _boxes(pdf, page)
    left = min(b[0] for b in boxes if b[4] in first)
    right = min(b[0] for b in boxes if b[4] in beside and b[0] > left)
    inside = [b for b in boxes if left - 1 <= b[0] < right - 1]
    # cells are top-aligned: sort by line, then left to right
    return [unicodedata.normalize("NFC", b[4])
            for b in sorted(inside, key=lambda b: (round(b[1]), b[0]))]


def test_the_form_prints_on_a4_at_nine_points_with_every_row_whole(tmp_path: Path) -> None:
    """The Bảng II form: A4 landscape, between 5 and 20 pages, "Trang x/y"
    on each page of the table, text of 9 pt or more, every criterion's
    title whole, the signature block after the total."""
    path = tmp_path / "form.xlsx"
    assert main(["template", "ca-tinh-2024-bang2", "-o", str(path), "--unit", "vd-pc06",
                 "--name", UNIT]) == 0
    pdf = render(path)
    pages, size = info(pdf)
    assert size == (842, 595)
    assert 5 <= pages <= 20
    texts = pages_text(pdf, pages)
    table_pages = [t for t in texts if "Lĩnh vực/ Tiêu chí" in t]
    assert len(table_pages) >= 5
    for i, text in enumerate(table_pages, start=1):
        assert f"Trang {i}/{pages}" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts[0]
    assert "THỦ TRƯỞNG ĐƠN VỊ" in table_pages[-1] and "(Ký tên, đóng dấu)" in table_pages[-1]
    assert statistics.median(text_sizes(pdf, 2)) >= 9
    every = [w for t in table_pages for w in words(t)]
    for node in catalog().load("ca-tinh-2024-bang2").walk():
        assert whole(node.title, every), node.code


def test_the_word_report_prints_on_a4_with_numbered_pages(tmp_path: Path) -> None:
    """One unit's report: A4 portrait, the national heading on page 1, the
    page number atop every later page, the signature block on the last."""
    path = tmp_path / "pc08.docx"
    assert main(["score", str(demo_dir() / "pc08.toml"), "--stage", "appraised",
                 "-o", str(path)]) == 0
    pdf = render(path)
    pages, size = info(pdf)
    assert size == (595, 842)
    assert 2 <= pages <= 10
    texts = pages_text(pdf, pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts[0]
    for i, text in enumerate(texts[1:], start=2):
        assert text.split()[0] == str(i)
    assert "Nơi nhận:" in texts[-1] and "(Ký tên, đóng dấu)" in texts[-1]
    assert statistics.median(text_sizes(pdf, 1)) >= 10
def test_the_results_workbook_prints_every_unit_name_whole(tmp_path: Path) -> None:
    """The demo's results: A4, page numbers on every page, each unit's name
    whole (no row too short for it), each group under its own heading."""
    path = tmp_path / "ket-qua.xlsx"
    assert main(["demo", "-o", str(path)]) == 0
    pdf = render(path)
    pages, size = info(pdf)
    assert size in A4
    texts = pages_text(pdf, pages)
    for i, text in enumerate(texts, start=1):
        assert f"Trang {i}/{pages}" in text
    ranking = [t for t in texts if "Xếp hạng nhóm" in t]
    batch = score_files([demo_dir()], stage="appraised")
    first = {r.unit.name.split()[0] for r in batch.results}
    names = [w for i, t in enumerate(texts, start=1) if "Xếp hạng nhóm" in t
             for w in column_words(pdf, i, first, {r.unit.group for r in batch.results})]
    for result in batch.results:
        assert whole(result.unit.name, names), result.unit.id
    groups = sorted({r.unit.group for r in batch.results})
    # each group under its own heading, each from a new page
    assert len(ranking) == len(groups)
    for group, text in zip(groups, ranking, strict=True):
        assert f"Xếp hạng nhóm “{group}”" in text
        assert not any(f"“{other}”" in text for other in groups if other != group)
    assert statistics.median(text_sizes(pdf, 1)) >= 9


def test_a_long_province_with_long_names_prints_every_name_whole(tmp_path: Path) -> None:
    """Thirty units in two groups, names of two or three lines: the ranking
    runs over several pages, the header row repeats on each, and every name
    prints whole."""
    folder = tmp_path / "tinh"
    folder.mkdir()
    source = (demo_dir() / "pc06.toml").read_text(encoding="utf-8")
    names = {}
    for i in range(30):
        uid = f"xa-{i:02d}"
        names[uid] = (f"Ủy ban nhân dân xã Thanh Bình Hạ số {i} thuộc khu vực biên giới phía "
                      f"Tây Bắc của tỉnh Ví Dụ (đơn vị thử nghiệm in ấn)")
        text = source.replace('id = "vd-pc06"', f'id = "{uid}"').replace(
            source.split("\nname = ")[1].split("\n")[0], f'"{names[uid]}"')
        if i % 2:
            text = text.replace('group = "co-tthc"', 'group = "nhom-b"')
        (folder / f"{uid}.toml").write_text(text, encoding="utf-8")
    path = tmp_path / "ket-qua.xlsx"
    assert main(["score", str(folder), "--criteria", "ca-tinh-2024-bang2", "-o", str(path)]) == 0
    import openpyxl

    book = openpyxl.load_workbook(path)
    for sheet in book.sheetnames[1:-1]:  # the ranking alone is what this test prints
        del book[sheet]
    book.save(path)
    pdf = render(path)
    pages, size = info(pdf)
    assert size == (842, 595)
    texts = pages_text(pdf, pages)
    ranking = [i for i, t in enumerate(texts, start=1) if "Hạng" in t and "Đơn vị" in t]
    assert 2 <= len(ranking) <= 8
    every = [w for i in ranking for w in column_words(pdf, i, {"Ủy"}, {"co-tthc", "nhom-b"})]
    for uid, name in names.items():
        assert whole(name, every), uid
