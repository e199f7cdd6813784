"""The remediation report (`cchc-score report FILE -o x.docx`): one unit's
results, lost points, cited documents and measures, in Word."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_score import score_files
from tests.conftest import EXAMPLES
from tests.report_kit import run

docx = pytest.importorskip("docx")

CYCLE = EXAMPLES / "chu-ky"


def _text(document: object) -> str:
    parts = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    for table in document.tables:  # type: ignore[attr-defined]
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:  # type: ignore[attr-defined]
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


@pytest.fixture
def report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Sở Ngoại vụ's 2025 report, ranked with last year's result beside it."""
    last = tmp_path / "2024.json"
    assert run(["score", str(CYCLE / "so-ngoai-vu-2024.toml"), "--stage", "final",
                "--format", "json", "-o", str(last)], capsys)[0] == 0
    out = tmp_path / "bao-cao.docx"
    code, _, err = run(["report", str(CYCLE / "so-ngoai-vu-2025.toml"), "-o", str(out),
                        "--previous", str(last)], capsys)
    assert code == 0, err
    return out


def test_report_holds_summary_lost_leaves_and_cited_documents(report: Path) -> None:
    """The report opens with python-docx and holds the summary (points,
    index, band, rank, change on last year), every leaf that lost points
    with its reason, and every document the unit cites, by number and date."""
    document = docx.Document(str(report))
    text = _text(document)
    result = score_files([CYCLE / "so-ngoai-vu-2025.toml"], stage="final").results[0]
    rows = {r.cells[0].text: r.cells[1].text for t in document.tables for r in t.rows
            if len(r.cells) == 2}
    assert rows["Chỉ số"] == f"{result.index:.2f}".replace(".", ",")
    assert rows["Xếp hạng"] == "1/1" and rows["Xếp loại"] == result.band
    assert rows["So với năm trước"].startswith("+17,50")
    lost = [n for n in result.walk() if n.is_leaf and n.lost > 0]
    assert lost
    for node in lost:
        assert node.title in text and f"Tiêu chí {node.code} –" in text
    for number, date in (("41/KH-SNgV", "28/12/2024"), ("02/KH-SNgV", "11/01/2025"),
                         ("30/QĐ-SNgV", "20/05/2025"), ("03/CV-SNgV", "15/01/2025")):
        row = next(r for t in document.tables for r in t.rows
                   if any(c.text == number for c in r.cells))
        assert date in [c.text for c in row.cells]


def test_report_has_page_numbers_and_names_the_tool(report: Path) -> None:
    """Pages are numbered by a PAGE field; the document's properties name
    the tool, not the library that wrote the file."""
    document = docx.Document(str(report))
    xml = "".join(s.header._element.xml + s.footer._element.xml for s in document.sections)
    assert "PAGE" in xml and "instrText" in xml
    props = document.core_properties
    assert props.author.startswith("cchc-score") and "python-docx" not in (
        props.author + props.comments + props.last_modified_by)
    assert "KHẮC PHỤC" in props.title


def test_report_of_several_units_needs_unit(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Several units: --unit chooses one (its rank is among them); without
    it, a usage error listing the ids."""
    files = [str(p) for p in sorted(CYCLE.glob("so-*-2024.toml"))]
    code, _, err = run(["report", *files, "-o", str(tmp_path / "x.docx")], capsys)
    assert code == 2 and "vd-sngv" in err
    out = tmp_path / "sngv.docx"
    code, _, _ = run(["report", *files, "--unit", "vd-sngv", "--appraisal",
                      str(CYCLE / "tham-dinh-2024.csv"), "-o", str(out)], capsys)
    assert code == 0
    rows = {r.cells[0].text: r.cells[1].text for t in docx.Document(str(out)).tables
            for r in t.rows if len(r.cells) == 2}
    assert rows["Xếp hạng"] == "3/3"
