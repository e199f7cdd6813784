"""Builders for the annex-import tests (no tests here): a decision's annex
as a province types it in Word, in a civil layout, and its hand-written
twin criteria file.

The Word annex has a heading block laid out as a table, the decision's
heading paragraphs, a criteria table split in two (the header repeated on
the second, and pasted again inside the first), components numbered I, II,
III (the third merged across the STT and title cells), criteria numbered 1
to 6 across components, sub-criteria lettered a, b; options inside the
title cell after line breaks, as "-" and "+" bullets, in a "Hướng dẫn chấm
/ Thang điểm" column, and on rows of their own under a code and title
merged down; points as "1 điểm", "0,5đ", "1,0", "2 điểm"; a criterion
whose maximum is left blank (only the components state theirs) and each
component's subtotal row ("Cộng lĩnh vực I", "Cộng: 12 điểm"); a
"Tài liệu kiểm chứng" column; a "Tổng cộng" row and a signature table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

docx = pytest.importorskip("docx")

HEADER = ("STT", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa",
          "Hướng dẫn chấm / Thang điểm", "Tài liệu kiểm chứng")

#: (STT, title, maximum, guidance, evidence); "MERGE" = merged down from above
Row = tuple[Any, ...]

FIRST: list[Row] = [
    ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "10", "", ""),
    ("1", "Kế hoạch cải cách hành chính năm", "", "", ""),
    ("1.1", "Ban hành kế hoạch CCHC năm\n- Ban hành kịp thời: 1 điểm\n- Ban hành chậm: 0,5đ\n"
            "- Không ban hành: 0", "1,0", "", "Kế hoạch CCHC năm 2025"),
    ("1.2", "Mức độ thực hiện kế hoạch", "2 điểm",
     "Chấm như sau:\n- Hoàn thành 100% kế hoạch: 2 điểm\n- Từ 80% đến dưới 100% kế hoạch: 1 điểm"
     "\n- Dưới 80% kế hoạch: 0 điểm", "Báo cáo kết quả"),
    HEADER,  # pasted again by the typist
    ("2", "Tuyên truyền cải cách hành chính", "3", "", ""),
    ("a", "Ban hành kế hoạch tuyên truyền\nCó ban hành: 1\nKhông ban hành: 0", "1", "", ""),
    ("b", "Số tin, bài về cải cách hành chính", "2", "", ""),
    ("MERGE", "MERGE", "2", "Có từ 5 tin, bài trở lên", ""),
    ("MERGE", "MERGE", "1", "Có từ 1 đến 4 tin, bài", ""),
    ("MERGE", "MERGE", "0", "Không có tin, bài", ""),
    ("3", "Kiểm tra công tác cải cách hành chính\nKiểm tra đạt từ 30% số cơ quan trở lên: 4 điểm"
          "\nTừ 20% đến dưới 30%: 2 điểm\nDưới 20%: 0", "4", "", ""),
    ("", "Cộng lĩnh vực I", "10", "", ""),
]
SECOND: list[Row] = [
    ("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "12", "", ""),
    ("4", "Công khai thủ tục hành chính\n+ Công khai đầy đủ, đúng quy định: 4 điểm\n"
          "+ Công khai không đầy đủ: 2 điểm\n+ Không công khai: 0 điểm", "4", "", ""),
    ("5", "Giải quyết hồ sơ thủ tục hành chính", "8", "", ""),
    ("a", "Tỷ lệ hồ sơ giải quyết đúng hạn", "6",
     "- Đạt 100%: 6 điểm\n- Từ 95% đến dưới 100%: 4 điểm\n- Dưới 95%: 0 điểm", ""),
    ("b", "Xin lỗi người dân khi giải quyết trễ hạn", "2",
     "- Có thực hiện xin lỗi: 2 điểm\n- Không thực hiện: 0 điểm", ""),
    ("", "Cộng: 12 điểm", "", "", ""),
    ("III. CẢI CÁCH TỔ CHỨC BỘ MÁY", "ACROSS", "78", "", ""),
    ("6", "Thực hiện quy định về tổ chức bộ máy\n- Thực hiện đúng quy định: 78 điểm\n"
          "- Thực hiện chưa đúng quy định: 39đ\n- Không thực hiện: 0", "78", "", ""),
    ("", "Tổng cộng", "100", "", ""),
]

#: the same set written by hand, as docs/criteria-format.md describes
TWIN = """\
schema = 1
id = "vi-du-2025"
title = "Bộ chỉ số Ví Dụ 2025"
group = "so-nganh"
years = [2025, 2025]
scale = 100
decimals = 2
ties = "shared"

[source]
issuer = "UBND tỉnh Ví Dụ"
decision = "123/QĐ-UBND"

[[nodes]]
code = "1"
title = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"
max = 10

[[nodes]]
code = "1.1"
title = "Kế hoạch cải cách hành chính năm"
max = 3

[[nodes]]
code = "1.1.1"
title = "Ban hành kế hoạch CCHC năm"
max = 1
rule = { kind = "choice", options = [
  { key = "ban-hanh-kip-thoi", label = "Ban hành kịp thời", points = 1 },
  { key = "ban-hanh-cham", label = "Ban hành chậm", points = 0.5 },
  { key = "khong-ban-hanh", label = "Không ban hành", points = 0 },
] }

[[nodes]]
code = "1.1.2"
title = "Mức độ thực hiện kế hoạch"
max = 2
rule = { kind = "tiers", over = "percent", below = 0, tiers = [
  { min = 100, points = 2 }, { min = 80, points = 1 }] }

[[nodes]]
code = "1.2"
title = "Tuyên truyền cải cách hành chính"
max = 3

[[nodes]]
code = "1.2.1"
title = "Ban hành kế hoạch tuyên truyền"
max = 1
rule = { kind = "yes_no", yes = 1, no = 0 }

[[nodes]]
code = "1.2.2"
title = "Số tin, bài về cải cách hành chính"
max = 2
rule = { kind = "tiers", over = "number", below = 0, tiers = [
  { min = 5, points = 2 }, { min = 1, points = 1 }] }

[[nodes]]
code = "1.3"
title = "Kiểm tra công tác cải cách hành chính"
max = 4
rule = { kind = "tiers", over = "percent", below = 0, tiers = [
  { min = 30, points = 4 }, { min = 20, points = 2 }] }

[[nodes]]
code = "2"
title = "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
max = 12

[[nodes]]
code = "2.1"
title = "Công khai thủ tục hành chính"
max = 4
rule = { kind = "choice", options = [
  { key = "cong-khai-day-du-dung-quy-dinh", label = "Công khai đầy đủ, đúng quy định", points = 4 },
  { key = "cong-khai-khong-day-du", label = "Công khai không đầy đủ", points = 2 },
  { key = "khong-cong-khai", label = "Không công khai", points = 0 },
] }

[[nodes]]
code = "2.2"
title = "Giải quyết hồ sơ thủ tục hành chính"
max = 8

[[nodes]]
code = "2.2.1"
title = "Tỷ lệ hồ sơ giải quyết đúng hạn"
max = 6
rule = { kind = "tiers", over = "percent", below = 0, tiers = [
  { min = 100, points = 6 }, { min = 95, points = 4 }] }

[[nodes]]
code = "2.2.2"
title = "Xin lỗi người dân khi giải quyết trễ hạn"
max = 2
rule = { kind = "yes_no", yes = 2, no = 0 }

[[nodes]]
code = "3"
title = "CẢI CÁCH TỔ CHỨC BỘ MÁY"
max = 78

[[nodes]]
code = "3.1"
title = "Thực hiện quy định về tổ chức bộ máy"
max = 78
rule = { kind = "choice", options = [
  { key = "thuc-hien-dung-quy-dinh", label = "Thực hiện đúng quy định", points = 78 },
  { key = "thuc-hien-chua-dung-quy-dinh", label = "Thực hiện chưa đúng quy định", points = 39 },
  { key = "khong-thuc-hien", label = "Không thực hiện", points = 0 },
] }
"""


def _fill(table: Any, rows: list[Row]) -> None:
    for values in rows:
        cells = table.add_row().cells
        r = len(table.rows) - 1
        for i, value in enumerate(values):
            if value in ("MERGE", "ACROSS"):
                continue
            if value:
                cells[i].text = value
        if values[1] == "ACROSS":
            table.cell(r, 0).merge(table.cell(r, 1))
        for i, value in enumerate(values):
            if value == "MERGE":
                above = r - 1
                while table.cell(above, i).text == "" and above > 1:
                    above -= 1
                table.cell(above, i).merge(table.cell(r, i))


def civil_annex(path: Path, first: list[Row] = FIRST, second: list[Row] = SECOND) -> Path:
    """The Word annex described in this module's docstring (`first` and
    `second` replace the rows of its two criteria tables)."""
    document = docx.Document()
    block = document.add_table(rows=1, cols=2)
    block.cell(0, 0).text = "UBND TỈNH VÍ DỤ"
    block.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("BỘ CHỈ SỐ ĐÁNH GIÁ CẢI CÁCH HÀNH CHÍNH CÁC SỞ, BAN, NGÀNH NĂM 2025")
    document.add_paragraph("(Kèm theo Quyết định số 123/QĐ-UBND ngày 15/01/2025)")
    for rows in (first, second):
        table = document.add_table(rows=1, cols=len(HEADER))
        for i, text in enumerate(HEADER):
            table.cell(0, i).text = text
        _fill(table, rows)
        document.add_paragraph("")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "NGƯỜI LẬP BIỂU"
    signature.cell(0, 1).text = "GIÁM ĐỐC: 1 điểm"
    document.save(str(path))
    return path
