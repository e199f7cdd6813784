"""The administrative frame of a printed worksheet: the national heading
above the table and the signature block below it, as a unit's signed and
stamped self-assessment form carries them (Nghị định 30/2020/NĐ-CP)."""

from __future__ import annotations

from typing import Any

from .._i18n import msg
from . import _style as st
from ._admin import DOTS, Issuer


def _block(ws: Any, row: int, first: int, last: int, text: str, *, bold: bool = False,
           italic: bool = False, underline: bool = False, size: int = 11) -> None:
    s = st.styles()
    cell = ws.cell(row, first, text)
    cell.font = s.Font(bold=bold, italic=italic, size=size,
                       underline="single" if underline else None)
    cell.alignment = s.Alignment(horizontal="center", vertical="center", wrap_text=True)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def national_heading(ws: Any, issuer: Issuer, *, left: tuple[int, int],
                     right: tuple[int, int], lang: str) -> None:
    """Rows 1-2: the parent body and the unit on the left; Quốc hiệu and the
    underlined tiêu ngữ on the right."""
    _block(ws, 1, *left, (issuer.parent or DOTS).upper())
    _block(ws, 2, *left, (issuer.name or DOTS).upper(), bold=True)
    _block(ws, 1, *right, msg("adm.nation").render(lang), bold=True)
    _block(ws, 2, *right, msg("adm.motto").render(lang), bold=True, underline=True)
    ws.row_dimensions[2].height = 30


def signature_block(ws: Any, row: int, *, left: tuple[int, int], right: tuple[int, int],
                    lang: str) -> int:
    """Below the table, from `row`: the preparer on the left, place and date
    and the head of the unit (signature and seal) on the right. Returns the
    last row written."""
    def t(key: str) -> str:
        return msg(key).render(lang)

    _block(ws, row, *right, t("adm.place_date"), italic=True)
    _block(ws, row + 1, *left, t("adm.preparer").upper(), bold=True)
    _block(ws, row + 1, *right, t("adm.head_unit").upper(), bold=True)
    _block(ws, row + 2, *left, t("adm.sign_name"), italic=True)
    _block(ws, row + 2, *right, t("adm.sign_note"), italic=True)
    for blank in range(row + 3, row + 7):
        ws.row_dimensions[blank].height = 15
    return row + 6


def page_footer(ws: Any, lang: str) -> None:
    """"Trang x/y" centred at the foot of every printed page."""
    ws.oddFooter.center.text = msg("adm.page_footer").render(lang)
    ws.evenFooter.center.text = ws.oddFooter.center.text
