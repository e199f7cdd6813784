"""The self-assessment form's layout: its columns (official ones first, then
those our rules need), the words that identify each header when reading a
form back, and the unit sheet's fields.

Headers are part of the file format, like the keys of an assessment file:
they are Vietnamese, as the official forms are, whatever `--lang` says.
Reading matches them without diacritics and by words, so a column that was
moved, renamed slightly ("Điểm tự chấm (đ)") or hidden is still found.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Column:
    field: str
    header: str
    #: words (diacritics removed) that identify the header; "=x" must match exactly
    words: tuple[str, ...]
    width: int


#: The printed form (A4 landscape) carries the first `PRINTED` columns: what
#: a unit signs and the council reads. The fact-entry columns after them are
#: for the screen; they stay out of the print area.
FORM_COLUMNS: tuple[Column, ...] = (
    Column("code", "STT", ("=stt", "=tt", "=ma", "ma so", "ma tieu chi"), 7),
    Column("title", "Lĩnh vực/ Tiêu chí/ Tiêu chí thành phần",
           ("tieu chi thanh phan", "linh vuc", "noi dung", "tieu chi"), 44),
    Column("max", "Điểm tối đa (chuẩn)", ("toi da", "diem chuan"), 9),
    Column("self", "Điểm tự chấm", ("tu cham", "tu danh gia"), 9),
    Column("appraised", "Điểm thẩm định", ("diem tham dinh",), 9),
    Column("ev_number", "Số văn bản kiểm chứng", ("so van ban", "so hieu", "so ky hieu"), 14),
    Column("ev_date", "Ngày văn bản", ("ngay van ban", "ngay ban hanh"), 11),
    Column("ev_title", "Trích yếu / tên tài liệu kiểm chứng",
           ("trich yeu", "ten tai lieu", "tai lieu kiem chung"), 26),
    Column("notes", "Ghi chú", ("ghi chu",), 15),
    Column("value", "Kết quả thực hiện (kê khai)",
           ("ket qua thuc hien", "gia tri ke khai", "so lieu ke khai", "=ke khai"), 24),
    Column("num", "Tử số", ("tu so",), 9),
    Column("den", "Mẫu số", ("mau so",), 9),
    Column("hint", "Cách kê khai và mức điểm", ("cach ke khai", "huong dan"), 64),
    Column("explanation", "Giải trình", ("giai trinh",), 32),
    Column("na", "Không áp dụng (lý do)", ("khong ap dung",), 22),
    Column("reason", "Ý kiến thẩm định", ("y kien tham dinh", "ly do dieu chinh",
                                          "ly do tham dinh"), 28),
)
PRINTED = 9

#: the order headers are matched in: specific words before general ones
MATCH_ORDER = ("code", "hint", "reason", "appraised", "self", "max", "num", "den", "ev_number",
               "ev_date", "ev_title", "explanation", "na", "notes", "value", "title")
FORM_FIELDS = {f: next(c.words for c in FORM_COLUMNS if c.field == f) for f in MATCH_ORDER}
LETTERS = {c.field: i for i, c in enumerate(FORM_COLUMNS)}
HEADERS = {c.field: c.header for c in FORM_COLUMNS}

MAIN_SHEET = "Tự chấm"
INFO_SHEET = "Thông tin"
LISTS_SHEET = "DanhSach"
#: the hidden sheet carrying the criteria set the form was made from
EMBED_SHEET = "BoChiSo"
#: rows above the table: the national heading (1-2), the form's title, the
#: criteria set and the unit (4-6)
HEADER_ROW = 8


@attrs.frozen
class InfoField:
    key: str
    label: str
    words: tuple[str, ...]


INFO_FIELDS: tuple[InfoField, ...] = (
    InfoField("criteria", "Bộ chỉ số (mã)", ("bo chi so", "bo tieu chi")),
    InfoField("year", "Năm đánh giá", ("nam danh gia", "=nam")),
    InfoField("unit.id", "Mã đơn vị", ("ma don vi",)),
    InfoField("unit.name", "Tên đơn vị", ("ten don vi",)),
    InfoField("unit.group", "Nhóm đơn vị", ("nhom don vi", "=nhom")),
    InfoField("unit.tags", "Nhãn đơn vị (cách nhau bởi dấu phẩy)", ("nhan don vi", "=nhan")),
)
