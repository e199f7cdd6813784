"""Builders for the office-file tests (no tests here): small criteria
workbooks in the official layout, filled forms, cached formula values.

Real workbooks are never committed; these build the same layout with
openpyxl in a temporary folder, with the traits real files have."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parent.parent
#: the shared reference workbooks (never committed): beside the checkout, or
#: wherever CCHC_SHARED_WORKBOOKS says (a worktree lives elsewhere)
SHARED = Path(os.environ.get("CCHC_SHARED_WORKBOOKS")
              or ROOT.parent / "shared" / "data" / "criteria-workbooks")

OFFICIAL_HEADER = ("STT", "Lĩnh vực/ Tiêu chí/ Tiêu chí thành phần", "Điểm tối đa (chuẩn)",
                   "Điểm tự chấm", "Điểm thẩm định", "Điểm đạt được", "Ghi chú")

#: (code cell, title, points cell); code None = an option row without a code cell
Row = tuple[Any, str, Any]

#: a small set with every trait the importer must survive: codes as numbers
#: and with stray spaces, option rows with and without a (blank) code cell,
#: "0,5" and "0.5", "¾", percentage and count bands, "có / không", a leaf
#: nobody can read, a title merged across columns.
SMALL: list[Row] = [
    (1, "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", 10),
    (1.1, "Kế hoạch cải cách hành chính năm", 6),
    ("1.1.1 ", "Mức độ kịp thời trong ban hành kế hoạch", 2),
    (None, "Ban hành kịp thời (không quá 01 tháng sau khi Công an tỉnh ban hành kế hoạch năm "
           "2024): 2", "2"),
    (" ", "Ban hành không kịp thời: 0,5", "0.5"),
    (None, "Không ban hành: 0", "0"),
    ("1.1.2", "Mức độ hoàn thành kế hoạch", 2),
    (None, "Thực hiện từ 70% - 100% kế hoạch: 2", "2"),
    (None, "Thực hiện từ 50% - dưới 70% kế hoạch: 1", "1"),
    (None, "Thực hiện dưới 50%  kế hoạch:  0", "0"),
    ("1.1.3", "Số lượng báo cáo định kỳ", 2),
    (None, "Đầy đủ các báo cáo: 2", "2"),
    (None, "Báo cáo đạt ¾ số lượng trở lên: 1", "1"),
    (None, "Báo cáo đạt dưới ¾ số lượng: 0", "0"),
    ("1.2", "Tuyên truyền cải cách hành chính", 4),
    ("1.2.1", "Tin, bài về cải cách hành chính", 1),
    (None, "Có từ 3 tin, bài về CCHC trở lên: 1", "1"),
    (None, "Có từ 1-2 tin, bài: 0.5", "0.5"),
    (None, "Không thực hiện: 0", "0"),
    ("1.2.2", "Tỷ lệ thủ tục áp dụng ISO", 1.5),
    (None, "Trên 90% thủ tục: 1,5", "1.5"),
    (None, "Từ 50% đến 90% thủ tục: 1", "1"),
    (None, "Dưới 50%: 0", "0"),
    ("1.2.3", "Ban hành kế hoạch tuyên truyền", 1.5),
    (None, "Có kế hoạch: 1,5", "1.5"),
    (None, "Không có kế hoạch: 0", "0"),
    (2, "CẢI CÁCH TỔ CHỨC BỘ MÁY", 90),
    ("2.1", "Đánh giá chung", 90),
    ("2.1.1", "Kết quả do Hội đồng đánh giá", 90),
    (None, "Hội đồng xem xét, đánh giá theo thực tế", None),
]


def criteria_workbook(path: Path, rows: Sequence[Row] = SMALL, *,
                      header: Sequence[str] = OFFICIAL_HEADER,
                      order: Sequence[int] | None = None,
                      title: str = "Bảng I\nMỨC ĐIỂM TIÊU CHÍ CẢI CÁCH HÀNH CHÍNH NĂM 2024\n\n",
                      total: Any = "=SUM(C5,C31)", helpers: bool = True,
                      two_row_header: bool = False) -> Path:
    """An official-layout criteria workbook: a title in B2 (merged), the
    header on row 4, one row per node or option from row 5, helper formulas
    in the two columns right of the table, a notes column merged down many
    rows, a "Tổng cộng" row and a footnote merged across the table.
    `order` permutes the columns (the header moves with its data).
    `two_row_header` instead spreads the header over rows 3-4 (cells merged
    down, the points grouped under "Điểm") followed by a "(1) (2) (3)"
    column-numbering row, and the table starts on row 6."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "TÊN ĐƠN VỊ"
    width = len(header)
    order = list(order) if order is not None else list(range(width))
    col = {i: order.index(i) + 1 for i in range(width)}
    ws.cell(1, 2, "Tên đơn vị")
    ws.cell(2, 2, title)
    ws.merge_cells(start_row=2, start_column=2, end_row=2, end_column=min(7, width))
    r = 5
    if two_row_header:
        for i, text in enumerate(header):
            if i in (3, 4, 5):
                ws.cell(4, col[i], text.replace("Điểm ", "").capitalize())
            else:
                ws.cell(3, col[i], text)
                ws.merge_cells(start_row=3, start_column=col[i], end_row=4,
                               end_column=col[i])
        ws.cell(3, col[3], "Điểm")
        ws.merge_cells(start_row=3, start_column=col[3], end_row=3, end_column=col[5])
        for i in range(width):
            ws.cell(5, col[i], f"({i + 1})")
        r = 6
    else:
        for i, text in enumerate(header):
            ws.cell(4, col[i], text)
    first = r
    for code, text, points in rows:
        if code is not None:
            ws.cell(r, col[0], code)
        ws.cell(r, col[1], text)
        if points is not None:
            ws.cell(r, col[2], points)
        if helpers:
            ws.cell(r, width + 1, f'=IF(LEN(TRIM(A{r}))>3,"<tbody>"&B{r},"")')
            ws.cell(r, width + 2, f'=IF(C{r}>0,C{r},RIGHT(B{r}))')
        r += 1
    if width >= 7:
        ws.cell(first + 1, col[6], "Áp dụng theo Kế hoạch của Công an tỉnh")
        ws.merge_cells(start_row=first + 1, start_column=col[6], end_row=first + 9,
                       end_column=col[6])
    ws.cell(r, col[1], "Tổng cộng:")
    ws.cell(r, col[2], total)
    ws.cell(r + 2, 1, "Ghi chú:")
    ws.merge_cells(start_row=r + 2, start_column=1, end_row=r + 3, end_column=1)
    ws.cell(r + 2, 2, "Đơn vị căn cứ kết quả thực hiện để tự chấm điểm.")
    ws.merge_cells(start_row=r + 2, start_column=2, end_row=r + 2, end_column=6)
    wb.save(path)
    return path


def replace_rows(rows: Sequence[Row], changes: dict[int, Row]) -> list[Row]:
    return [changes.get(i, row) for i, row in enumerate(rows)]


def set_cached_values(path: Path, values: dict[str, Any], sheet: int = 1) -> None:
    """Give formula cells the value Excel would have cached when saving
    (openpyxl writes formulas without one)."""
    name = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    xml = items[name].decode("utf-8")
    for ref, value in values.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>.*?</f>)(<v\s*/>|<v></v>)?(</c>)')
        assert pattern.search(xml), ref
        xml = pattern.sub(lambda m, v=value: f"{m.group(1)}{m.group(2)}<v>{v}</v>{m.group(4)}",
                          xml)
    items[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in items.items():
            z.writestr(n, data)


def form_rows(ws: Any) -> dict[str, int]:
    """Code → row on a form sheet (codes in column A)."""
    return {str(ws.cell(r, 1).value): r for r in range(1, ws.max_row + 1)
            if ws.cell(r, 1).value is not None}


def decimal(text: str) -> Decimal:
    return Decimal(text)
