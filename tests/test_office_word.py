"""`score … --format docx -o report.docx` (or just `-o report.docx`): the
Word report — a ranking table per group, then each unit's section with its
components, every leaf that lost points and why, points at risk and the
appraisal's changes, numbers as the other reports print them."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score import score_files
from cchc_score.cli import demo_dir, main
from cchc_score.report._tables import lost_leaves, num

docx = pytest.importorskip("docx")


def blocks(path: Path) -> list[tuple[str, Any]]:
    """The document in order: ("heading", text), ("p", text), ("table", rows)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    out: list[tuple[str, Any]] = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            paragraph = Paragraph(element, document)
            if paragraph.text:
                kind = "heading" if paragraph.style.name.startswith("Heading") else "p"
                out.append((kind, paragraph.text))
        elif element.tag.endswith("}tbl"):
            out.append(("table", [[c.text for c in row.cells]
                                  for row in Table(element, document).rows]))
    return out


def table_after(found: list[tuple[str, Any]], heading: str) -> list[list[str]]:
    """The first table after the first heading that starts with `heading`."""
    start = next(i for i, (kind, text) in enumerate(found)
                 if kind == "heading" and text.startswith(heading))
    rows: list[list[str]] = next(v for kind, v in found[start:] if kind == "table")
    return rows


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo province, appraised, with vd-pc08's section (appraisal cuts,
    missing evidence); the format comes from the -o suffix."""
    out = tmp_path_factory.mktemp("word") / "bao-cao.docx"
    assert main(["demo", "--unit", "vd-pc08", "-o", str(out)]) == 0
    return out


def test_ranking_lists_each_group_in_rank_order_with_published_indexes(demo: Path) -> None:
    found = blocks(demo)
    batch = score_files([demo_dir()], stage="appraised")
    for group in ("co-tthc", "khong-tthc"):
        rows = table_after(found, f"Xếp hạng nhóm “{group}”")
        assert rows[0][:3] == ["Hạng", "Mã", "Đơn vị"] and "Chỉ số" in rows[0]
        index = rows[0].index("Chỉ số")
        members = [r for r in batch.results if r.unit.group == group]
        assert [row[1] for row in rows[1:]] == [r.unit.id for r in members]
        assert [int(row[0]) for row in rows[1:]] == [r.rank for r in members]
        assert [number(row[index]) for row in rows[1:]] == [r.published_index for r in members]


def test_unit_section_shows_components_and_every_lost_leaf_with_its_reason(demo: Path) -> None:
    """Only the focused unit gets a section; its component table has one row
    per component plus the total, and the lost-points table lists every leaf
    that lost points, most first, with the rule's explanation."""
    found = blocks(demo)
    batch = score_files([demo_dir()], stage="appraised")
    unit = next(r for r in batch.results if r.unit.id == "vd-pc08")
    titles = [t for kind, t in found if kind == "heading" and t.startswith("BÁO CÁO KẾT QUẢ")]
    assert titles == ["BÁO CÁO KẾT QUẢ THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024"]
    assert any(kind == "p" and text.startswith(unit.unit.name) and "(vd-pc08)" in text
               for kind, text in found)

    components = table_after(found, "Điểm theo lĩnh vực")
    assert components[0] == ["Mã", "Lĩnh vực", "Đạt/Tối đa", "Mất", "Chỉ số"]
    scored = [n for n in unit.nodes if n.role == "score"]
    assert [row[0] for row in components[1:len(scored) + 1]] == [n.code for n in scored]
    assert components[-1][1:3] == ["Tổng", f"{num(unit.points, unit, 'vi')}/{num(unit.max, unit, 'vi')}"]
    assert number(components[-1][4]) == unit.published_index

    lost = table_after(found, "Mất điểm ở đâu")
    assert lost[0] == ["Mã", "Nội dung", "Mất", "Giải thích"]
    expected = lost_leaves(unit)
    assert [row[0] for row in lost[1:]] == [n.code for n in expected]
    top = expected[0]
    assert top.explanation is not None
    assert lost[1][2:] == [num(top.lost, unit, "vi"), top.explanation.render("vi")]


def test_appraisal_changes_and_points_at_risk_are_listed(demo: Path) -> None:
    found = blocks(demo)
    changes = table_after(found, "Tự đánh giá và thẩm định")
    assert changes[0] == ["Mã", "Nội dung", "Tự chấm", "Thẩm định", "Chênh", "Lý do"]
    assert len(changes) > 1 and all(row[5] for row in changes[1:])
    assert all(row[4].startswith(("−", "+")) for row in changes[1:])
    assert table_after(found, "Điểm có rủi ro")[0] == ["Mã", "Nội dung", "Điểm"]


def test_not_applicable_component_is_shown_as_such(tmp_path: Path) -> None:
    """A single unit: no ranking, straight to its section; a component
    that does not apply says so instead of points."""
    path = tmp_path / "px01.toml"
    path.write_text("""schema = 1
criteria = "ca-tinh-2024-bang1"
year = 2024

[unit]
id = "px01"
name = "Phòng PX01"
group = "khong-tthc"

[answers]
"1.1.2" = true

[not_applicable]
"3" = "Không có TTHC nội bộ"
""", encoding="utf-8")
    out = tmp_path / "px01.docx"
    assert main(["score", str(path), "--format", "docx", "-o", str(out)]) == 0
    found = blocks(out)
    assert found[0][0] == "table"  # the national heading
    assert found[1] == ("heading",
                        "BÁO CÁO KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024")
    assert not any(text.startswith("Xếp hạng") for kind, text in found if kind == "heading")
    rows = {row[0]: row for row in table_after(found, "Điểm theo lĩnh vực")}
    assert rows["3"][2:] == ["không áp dụng", "", ""]


def test_english_report(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    assert main(["--lang", "en", "demo", "-o", str(out)]) == 0
    headings = [text for kind, text in blocks(out) if kind == "heading"]
    assert "Ranking of group “co-tthc”" in headings
    assert "Points by component" in headings
    assert "ADMINISTRATIVE REFORM INDEX 2024: APPRAISAL REPORT" in headings
    assert any(h.startswith("Where the points were lost: 2.35 points") for h in headings)


def test_page_is_a4_portrait_and_header_rows_repeat(demo: Path) -> None:
    document = docx.Document(str(demo))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    for table in document.tables[1:-1]:  # the data tables, not the heading and closing
        flags = table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
        assert flags, "header row not marked to repeat"


def test_docx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    """Binary output to the terminal is a usage error (exit 2) with a message."""
    assert main(["demo", "--format", "docx"]) == 2
    assert "-o" in capsys.readouterr().err


def test_another_format_into_a_docx_file_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.docx"
    assert main(["demo", "--format", "md", "-o", str(out)]) == 2
    assert "--format docx" in capsys.readouterr().err
    assert not out.exists()


def test_existing_report_is_not_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    out.write_bytes(b"old")
    assert main(["demo", "-o", str(out)]) == 1
    assert out.read_bytes() == b"old"
    assert main(["demo", "-o", str(out), "--force"]) == 0
    assert blocks(out)


def test_without_python_docx_one_clean_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A missing package is exit 1 with how to install it, not a traceback."""
    monkeypatch.setitem(sys.modules, "docx", None)
    out = tmp_path / "report.docx"
    assert main(["demo", "-o", str(out)]) == 1
    assert "pip install python-docx" in capsys.readouterr().err
    assert not out.exists()


def test_report_opens_with_the_national_heading_and_the_issuing_unit(tmp_path: Path) -> None:
    """Nghị định 30/2020: the parent body and the issuing unit on the left,
    with the number and symbol; Quốc hiệu and tiêu ngữ (underlined), place
    and date on the right; the document's title follows."""
    out = tmp_path / "pc08.docx"
    assert main(["score", str(demo_dir() / "pc08.toml"), "-o", str(out)]) == 0
    found = blocks(out)
    kind, rows = found[0]
    assert kind == "table" and len(rows) == 1
    left, right = rows[0]
    assert left.splitlines()[:2] == ["CÔNG AN TỈNH VÍ DỤ (HƯ CẤU)",
                                     "PHÒNG CẢNH SÁT GIAO THÔNG (PC08)"]
    assert "Số:" in left and "/BC-VD-PC08" in left
    assert right.splitlines()[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                      "Độc lập - Tự do - Hạnh phúc"]
    assert "ngày" in right and "tháng" in right and "năm" in right
    motto = docx.Document(str(out)).tables[0].rows[0].cells[1].paragraphs[1]
    assert all(run.underline for run in motto.runs if run.text)
    assert found[1] == ("heading",
                        "BÁO CÁO KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024")


def test_report_ends_with_recipients_and_a_signature_block(demo: Path) -> None:
    """The last block is the two-column closing: Nơi nhận with "Lưu: VT."
    on the left, the signer's title and "(Ký tên, đóng dấu)" on the right."""
    kind, rows = blocks(demo)[-1]
    assert kind == "table" and len(rows) == 1
    left, right = rows[0]
    assert left.startswith("Nơi nhận:") and left.rstrip().endswith("- Lưu: VT.")
    assert right.splitlines()[:2] == ["THỦ TRƯỞNG CƠ QUAN", "(Ký tên, đóng dấu)"]


def test_pages_are_numbered_with_a_page_field_from_the_second_page(demo: Path) -> None:
    """A PAGE field centred in the header; the first page, which carries the
    national heading, has none (Nghị định 30/2020)."""
    document = docx.Document(str(demo))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    fields = section.header._element.xpath(".//w:instrText")
    assert [f.text.strip() for f in fields] == ["PAGE"]
    assert not section.first_page_header._element.xpath(".//w:instrText")


def test_body_is_times_new_roman_with_the_decree_margins(demo: Path) -> None:
    document = docx.Document(str(demo))
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    section = document.sections[0]
    margins = [round(getattr(section, f"{side}_margin").mm)
               for side in ("top", "bottom", "left", "right")]
    assert 20 <= margins[0] <= 25 and 20 <= margins[1] <= 25
    assert 30 <= margins[2] <= 35 and 15 <= margins[3] <= 20


def test_no_column_is_narrower_than_its_longest_word(demo: Path) -> None:
    """Column widths come from the text: a header such as "Hạng" or a number
    such as 100,00 is never split inside a word."""
    from cchc_score.office._admin import CELL_PADDING
    from cchc_score.office._word import TABLE_CHARS

    document = docx.Document(str(demo))
    section = document.sections[0]
    per_char = (section.page_width - section.left_margin - section.right_margin) / TABLE_CHARS
    for table in document.tables[1:-1]:  # the data tables, not the frame's
        for row in table.rows:
            for cell in row.cells:
                longest = max((len(w) for w in cell.text.split()), default=0)
                assert cell.width >= (longest + CELL_PADDING) * per_char * 0.99, cell.text


def test_unit_section_names_its_criteria_set_once(demo: Path) -> None:
    """The unit's section says "Bộ chỉ số" once, with the set's id and title,
    and then who issued it: the set's title is not printed twice."""
    found = blocks(demo)
    batch = score_files([demo_dir()], stage="appraised")
    unit = next(r for r in batch.results if r.unit.id == "vd-pc08")
    start = next(i for i, (kind, text) in enumerate(found)
                 if kind == "p" and text.endswith("(vd-pc08)"))
    section = [text for kind, text in found[start:start + 4] if kind == "p"]
    named = [text for text in section if text.startswith("Bộ chỉ số")]
    assert named == [f"Bộ chỉ số {unit.criteria.id}: {unit.criteria.title}"]
    source = unit.criteria.source
    assert f"Ban hành: {source.issuer}, {source.decision}" in section
    assert sum(text.count(unit.criteria.title) for text in section) == 1
