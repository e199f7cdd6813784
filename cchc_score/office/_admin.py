"""The frame of a Vietnamese administrative document (Nghị định
30/2020/NĐ-CP, Phụ lục I), for the Word files the toolkit writes.

A report a unit sends or a Sở Nội vụ issues is printed, signed and stamped:
it opens with the issuing body on the left (its parent body above it) and
the national heading on the right (Quốc hiệu, tiêu ngữ underlined), the
number and symbol, place and date; it ends with the recipients (Nơi nhận)
on the left and the signature block on the right. Page numbers stand
centred in the header from the second page on. Values the tool cannot know
(the number, the date of signing, the signer) are dotted placeholders that
the office fills in, as on a printed form.

python-docx is imported by `_word.docx`, only when a document is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .._i18n import msg

#: Decree 30/2020: Times New Roman; body 13-14 pt; A4 portrait; margins
#: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
FONT = "Times New Roman"
BODY_PT = 13
HEADING_PT = 13
SMALL_PT = 12
RECIPIENTS_PT = 11
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 20}

#: the dotted placeholder of a value the office writes in by hand
DOTS = "…………"


@attrs.frozen
class Issuer:
    """Who issues the document: the body itself and the body above it
    (either may be unknown, then a placeholder is printed)."""

    name: str | None = None
    parent: str | None = None

    @classmethod
    def from_unit_name(cls, name: str) -> Issuer:
        """Unit names are written "Phòng X (PC06) – Công an tỉnh Y": the part
        after the last spaced dash is the parent body."""
        for dash in (" – ", " - ", " — "):
            if dash in name:
                own, parent = name.rsplit(dash, 1)
                return cls(own.strip(), parent.strip())
        return cls(name.strip(), None)


def _borderless(table: Any, qn: Any, oxml: Any) -> None:
    """No borders: the heading and signature blocks are laid out with a
    table, as offices do, but print without lines."""
    properties = table._tbl.tblPr
    borders = oxml.OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = oxml.OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    properties.append(borders)


def _line(cell_or_doc: Any, text: str, *, pt: Any, size: int, bold: bool = False,
          italic: bool = False, underline: bool = False, center: bool = True,
          first: bool = False, align: Any = None) -> Any:
    paragraph = (cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph())
    if center:
        paragraph.alignment = align.CENTER
    paragraph.paragraph_format.space_after = pt(0)
    paragraph.paragraph_format.space_before = pt(0)
    run = paragraph.add_run(text)
    run.font.size = pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    return paragraph


class AdminFrame:
    """Writes the opening and closing blocks of an administrative document
    into a python-docx `Document`, whose section is already A4."""

    def __init__(self, doc: Any, docx: Any, lang: str) -> None:
        self.doc = doc
        self.docx = docx
        self.lang = lang
        self.pt = docx("shared").Pt
        self.align = docx("enum.text").WD_ALIGN_PARAGRAPH
        self.qn = docx("oxml.ns").qn
        self.oxml = docx("oxml")

    def t(self, key: str, **kw: Any) -> str:
        return msg(key, **kw).render(self.lang)

    def _table(self, widths: Sequence[float]) -> Any:
        section = self.doc.sections[0]
        usable = section.page_width - section.left_margin - section.right_margin
        table = self.doc.add_table(rows=1, cols=len(widths))
        table.autofit = False
        _borderless(table, self.qn, self.oxml)
        for column, share in zip(table.columns, widths, strict=True):
            column.width = int(usable * share)
        for cell, share in zip(table.rows[0].cells, widths, strict=True):
            cell.width = int(usable * share)
        # a block is never split across two pages
        table.rows[0]._tr.get_or_add_trPr().append(self.oxml.OxmlElement("w:cantSplit"))
        return table

    def heading(self, issuer: Issuer, *, symbol: str) -> None:
        """Issuing body and number on the left; Quốc hiệu, tiêu ngữ, place
        and date on the right."""
        t, pt, align = self.t, self.pt, self.align
        left, right = self._table([0.42, 0.58]).rows[0].cells
        _line(left, (issuer.parent or DOTS).upper(), pt=pt, size=SMALL_PT, first=True,
              align=align)
        _line(left, (issuer.name or DOTS).upper(), pt=pt, size=SMALL_PT, bold=True,
              align=align)
        _line(left, "———", pt=pt, size=8, align=align)
        _line(left, t("adm.number", symbol=symbol), pt=pt, size=BODY_PT, align=align)
        _line(right, t("adm.nation"), pt=pt, size=SMALL_PT, bold=True, first=True,
              align=align)
        _line(right, t("adm.motto"), pt=pt, size=HEADING_PT, bold=True, underline=True,
              align=align)
        _line(right, "", pt=pt, size=8, align=align)
        _line(right, t("adm.place_date"), pt=pt, size=BODY_PT, italic=True, align=align)
        self.doc.add_paragraph()

    def title(self, text: str, subtitle: str | None = None) -> None:
        """The document's name (bold, upper case) and what it is about."""
        pt, align = self.pt, self.align
        _line(self.doc, text.upper(), pt=pt, size=HEADING_PT + 1, bold=True, align=align)
        if subtitle:
            _line(self.doc, subtitle, pt=pt, size=BODY_PT, bold=True, align=align)
        _line(self.doc, "———", pt=pt, size=8, align=align)

    def closing(self, recipients: Sequence[str], signer_title: str) -> None:
        """Nơi nhận on the left; the signer's title, the signing note and
        room for the signature and the name on the right."""
        t, pt, align = self.t, self.pt, self.align
        self.doc.add_paragraph()
        left, right = self._table([0.45, 0.55]).rows[0].cells
        _line(left, t("adm.recipients"), pt=pt, size=SMALL_PT, bold=True, italic=True,
              center=False, first=True, align=align)
        for i, who in enumerate([*recipients, t("adm.archive")]):
            end = "." if i == len(recipients) else ";"
            _line(left, f"- {who}{end}", pt=pt, size=RECIPIENTS_PT, center=False, align=align)
        _line(right, signer_title.upper(), pt=pt, size=BODY_PT, bold=True, first=True,
              align=align)
        _line(right, t("adm.sign_note"), pt=pt, size=BODY_PT, italic=True, align=align)
        for _ in range(4):
            _line(right, "", pt=pt, size=BODY_PT, align=align)
        _line(right, DOTS * 2, pt=pt, size=BODY_PT, bold=True, align=align)

    def page_numbers(self) -> None:
        """A PAGE field centred in the header, from the second page on (the
        first page carries the national heading instead)."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = self.align.CENTER
        run = paragraph.add_run()
        run.font.size = self.pt(BODY_PT)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None),
                           (None, "2"), ("end", None)):
            if kind is not None:
                element = self.oxml.OxmlElement("w:fldChar")
                element.set(self.qn("w:fldCharType"), kind)
            else:
                element = self.oxml.OxmlElement(
                    "w:instrText" if text == " PAGE " else "w:t")
                element.set(self.qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)


#: characters a table cell loses to its left and right padding, plus one for
#: a short bold word whose letters are wider than the average character
#: ("Hạng" in a header broke as "Hạn/g" in LibreOffice with 2)
CELL_PADDING = 3


def column_widths(rows: Sequence[Sequence[str]], *, total: int, floor: int = 3,
                  ceiling: int = 60) -> list[int]:
    """Relative widths for a table's columns, from its text: each column is at
    least as wide as its longest word (so "Hạng" never breaks as "Hạn/g")
    and grows with its longest line up to `ceiling` characters; the widths
    are then scaled to `total` units."""
    columns = list(zip(*rows, strict=True)) if rows else []
    pad = CELL_PADDING
    least = [max([floor, *(len(w) for text in col for w in str(text).split())]) + pad
             for col in columns]
    want = [min(ceiling, max([floor, *(len(str(text)) for text in col)])) + pad
            for col in columns]
    want = [max(a, b) for a, b in zip(least, want, strict=True)]
    need = sum(least)
    if need >= total or not columns:
        return least
    room = total - need
    extra = [w - m for w, m in zip(want, least, strict=True)]
    spare = sum(extra)
    if spare <= room:
        # everything fits on one line: give the rest to the widest text
        widths = list(want)
        widest = max(range(len(widths)), key=lambda j: want[j])
        widths[widest] += room - spare
        return widths
    return [m + (e * room) // spare for m, e in zip(least, extra, strict=True)]
