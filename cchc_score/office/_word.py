"""`score … --format docx -o report.docx`: the Word report a Sở Nội vụ
attaches to its official letter, or a unit to its self-assessment report.

With several units it opens with a ranking table per group; then, for each
unit shown (as in the text report), the unit's section: criteria set,
year and stage, the summary, points by component, every leaf that lost
points (most first) with its explanation, points at risk, self-assessment
against appraisal, warnings. The rows are the shared views of
`report._tables`, so the numbers are the ones the other formats print.

python-docx is optional (the `word` extra) and imported only here, when a
report is written.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Sequence
from typing import Any, ClassVar

from .._i18n import msg
from .._model import Issue, Location, UnitResult
from .._stamp import Stamp
from ..exceptions import InputError
from ..report import Options, Report, shown
from ..report._base import stamp_of
from ..report._tables import (
    appraisal_rows,
    appraisal_totals,
    component_rows,
    explanation,
    extra_points,
    extras,
    groups,
    lost_head,
    lost_leaves,
    meta,
    na_note,
    num,
    pending_note,
    ranking_table,
    risk_head,
    risk_leaves,
    shows_rounds,
    stage_headers,
    stage_rows,
    summary,
    trail_rows,
    whatif_changes,
    whatif_line,
    whatif_rows,
)
from ._admin import BODY_PT, FONT, MARGINS_MM, AdminFrame, Issuer, column_widths
from ._stable import stable_zip, stamp_time

TABLE_PT = 11
STYLE = "Table Grid"
#: characters of 11 pt Times New Roman across the text width of an A4 page
#: with the decree's margins (160 mm): what `column_widths` shares out
TABLE_CHARS = 76


def docx(part: str = "") -> Any:
    """The python-docx module (or its `part`, e.g. "enum.text"), or an
    `InputError` saying how to install it. Imported by name so that the
    toolkit, and its type checking, do not need the package."""
    try:
        return importlib.import_module("docx" + (f".{part}" if part else ""))
    except ImportError:
        raise InputError([Issue("error", msg("word.no_docx"), Location(None))]) from None


class DocxReport(Report):
    name: ClassVar[str] = "docx"
    binary: ClassVar[bool] = True

    def render(self, results: Sequence[UnitResult],  # type: ignore[override]
               options: Options) -> bytes:
        document = _Document(docx(), options.lang)
        units = shown(results, options)
        document.open(results, units)
        if len(results) > 1:
            if options.baseline:  # a what-if ranking is never taken for the published one
                document.paragraph(document.t("view.whatif_head"), bold=True)
            document.province(results, options)
        for result in units:
            document.unit(result, options.baseline.get(result.unit.id))
        # the last section of the report; the signature block closes the document
        document.stamp(stamp_of(results, options))
        document.close(results)
        return stable_zip(document.save())


class _Document:
    """A Word document being written, with the few building blocks the
    report uses: headings, paragraphs and tables."""

    def __init__(self, module: Any, lang: str) -> None:
        shared = docx("shared")
        mm, pt = shared.Mm, shared.Pt

        self.lang = lang
        self.doc = module.Document()
        self.started = False
        section = self.doc.sections[0]
        section.orientation = docx("enum.section").WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = mm(210), mm(297)
        for side, size in MARGINS_MM.items():
            setattr(section, f"{side}_margin", mm(size))
        self.width = section.page_width - section.left_margin - section.right_margin
        for name, points in (("Normal", BODY_PT), ("Heading 1", 14), ("Heading 2", 13)):
            style = self.doc.styles[name]
            style.font.name = FONT
            style.font.size = pt(points)
            _font_everywhere(style)
            if name != "Normal":
                style.font.bold = True
                style.font.color.rgb = None
        _proofing_language(self.doc.styles["Normal"], "vi-VN" if lang == "vi" else "en-US")
        self.frame = AdminFrame(self.doc, docx, lang)

    def t(self, key: str) -> str:
        return msg(key).render(self.lang)

    # -- building blocks -------------------------------------------------------------

    def _new_page(self) -> None:
        """Each part starts on a new page, the first one at the top."""
        if self.started:
            self.doc.add_page_break()
        self.started = True

    def title(self, text: str) -> None:
        heading = self.doc.add_heading(text, level=1)
        heading.alignment = docx("enum.text").WD_ALIGN_PARAGRAPH.CENTER

    def heading(self, text: str) -> None:
        self.doc.add_heading(text, level=2)

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False) -> None:
        run = self.doc.add_paragraph().add_run(text)
        run.bold, run.italic = bold, italic

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]], right: set[int],
              *, bold_last: bool = False) -> None:
        """A grid with a bold header row repeated on every page; `right`:
        the columns of numbers. Column widths follow the text."""
        align, pt = docx("enum.text").WD_ALIGN_PARAGRAPH, docx("shared").Pt
        widths = column_widths([head, *rows], total=TABLE_CHARS)
        table = self.doc.add_table(rows=1 + len(rows), cols=len(head))
        table.style = self.doc.styles[STYLE]
        table.autofit = False
        unit = self.width // sum(widths)
        # Word reads the cells' widths, LibreOffice the grid's: set both.
        for j, column in enumerate(table.columns):
            column.width = unit * widths[j]
        # Row by row: table.cell(i, j) re-lists every cell of the table on each call.
        for i, (cells, row) in enumerate(zip((r.cells for r in table.rows), [head, *rows],
                                             strict=True)):
            last = i == len(rows)
            for j, (cell, text) in enumerate(zip(cells, row, strict=True)):
                cell.width = unit * widths[j]
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(text)
                run.font.size = pt(TABLE_PT)
                run.bold = i == 0 or (bold_last and last)
                if i == 0:
                    paragraph.alignment = align.CENTER
                elif j in right:
                    paragraph.alignment = align.RIGHT
        _repeat_header(table.rows[0])
        self.doc.add_paragraph()

    def stamp(self, stamp: Stamp) -> None:
        """The run's stamp: a closing section, and the document's properties
        (dated the run's day, so that the same run gives the same file)."""
        self.heading(self.t("stamp.title"))
        lines = stamp.lines(self.lang)
        for line in lines:
            self.paragraph(line)
        props = self.doc.core_properties
        props.author = props.last_modified_by = stamp.tool
        props.created = props.modified = stamp_time(stamp)
        props.revision = 1
        # Word keeps at most 255 characters a property: the whole stamp is
        # in the section above, and its digest identifies it
        props.comments = "; ".join(lines[:2])[:255]
        props.identifier = stamp.digest

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    # -- the report ------------------------------------------------------------------

    def open(self, results: Sequence[UnitResult], units: Sequence[UnitResult]) -> None:
        """The national heading. One unit's report is issued by the unit; a
        province's ranking by the body that appraises (left for the office to
        fill in)."""
        alone = len(results) == 1 and len(units) == 1
        issuer = Issuer.from_unit_name(units[0].unit.name) if alone else Issuer()
        self.frame.heading(issuer, symbol="BC-" + ("…" if not alone else units[0].unit.id.upper()))
        self.frame.page_numbers()

    def close(self, results: Sequence[UnitResult]) -> None:
        """Recipients and the signature block, after the last part."""
        alone = len(results) == 1
        recipients = [self.t("adm.to_council")] if alone else [self.t("adm.to_units")]
        self.frame.closing(recipients, self.t("adm.head_unit" if alone else "adm.head_body"))

    def province(self, results: Sequence[UnitResult], options: Options) -> None:
        first = results[0]
        self._new_page()
        # Groups are often scored on different sets: the title names none.
        self.title(msg("word.ranking_title", year=first.year,
                       stage=msg(f"rep.stage.{first.stage}")).render(self.lang))
        previous = options.previous or None
        for group, members in groups(results).items():
            self.heading(msg("rep.ranking", group=group).render(self.lang))
            head, rows, right = ranking_table(members, self.lang, previous)
            self.table(head, rows, right)

    def unit(self, result: UnitResult, before: UnitResult | None = None) -> None:
        """One unit's part; `before`: its result without the `--set` changes,
        when the report is a what-if (said under the summary, with each
        changed leaf and the totals before and after)."""
        lang = self.lang
        self._new_page()
        title = "word.title.appraised" if result.appraised else "word.title.self"
        self.title(msg(title, year=result.year).render(lang))
        self.paragraph(f"{result.unit.name} ({result.unit.id})", bold=True)
        # the set named once (id and title), then who issued it: the shared
        # `source_line` would repeat "Bộ chỉ số" and the id
        criteria = result.criteria
        self.paragraph(msg("word.criteria", id=criteria.id, title=criteria.title).render(lang))
        self.paragraph(msg("word.issued", issuer=criteria.source.issuer,
                           decision=criteria.source.decision).render(lang), italic=True)
        self.paragraph(meta(result, lang))
        self.paragraph(summary(result, lang), bold=True)
        if before is not None:
            self._whatif(before, result)
        self._components(result)
        self._lost(result)
        self._risk(result)
        if result.appraised:
            self._appraisal(result)
        if shows_rounds(result):
            self.rounds(result)
        if result.issues:
            self.heading(self.t("rep.issues"))
            for issue in result.issues:
                self.doc.add_paragraph(f"{self.t('rep.' + issue.level)}: {issue.render(lang)}",
                                       style="List Bullet")

    def _whatif(self, before: UnitResult, result: UnitResult) -> None:
        self.heading(self.t("view.whatif_head"))
        for change in whatif_changes(before, result):
            self.doc.add_paragraph(whatif_line(change, result, self.lang), style="List Bullet")
        self.table(["", self.t("view.now"), self.t("view.whatif")],
                   [list(row) for row in whatif_rows(before, result, self.lang)], {1, 2})

    def _components(self, result: UnitResult) -> None:
        lang = self.lang
        rows = [[c.node.code, c.node.title, c.achieved, c.lost, c.index]
                for c in component_rows(result, lang)]
        rows += [[n.code, n.title, extra_points(n, result, lang), "", ""] for n in extras(result)]
        rows.append(["", self.t("view.total"),
                     f"{num(result.points, result, lang)}/{num(result.max, result, lang)}",
                     num(result.lost, result, lang), num(result.index, result, lang)])
        self.heading(self.t("view.components"))
        self.table([self.t("rep.code"), self.t("rep.component"), self.t("view.achieved"),
                    self.t("rep.lost"), self.t("rep.index")], rows, {2, 3, 4}, bold_last=True)
        for note in (na_note(result, lang), pending_note(result, lang)):
            if note:
                self.paragraph(note, italic=True)

    def _lost(self, result: UnitResult) -> None:
        lang = self.lang
        lost = lost_leaves(result)
        if not lost:
            self.heading(self.t("rep.lost_title"))
            self.paragraph(self.t("rep.none_lost"))
            return
        self.heading(lost_head(lost, result, lang))
        self.table([self.t("rep.code"), self.t("rep.title"), self.t("rep.lost"),
                    self.t("rep.explanation")],
                   [[n.code, n.title, num(n.lost, result, lang), explanation(n, lang)]
                    for n in lost],
                   {2})

    def _risk(self, result: UnitResult) -> None:
        lang = self.lang
        risky = risk_leaves(result)
        if not risky:
            return
        self.heading(risk_head(risky, result, lang))
        self.table([self.t("rep.code"), self.t("rep.title"), self.t("rep.points")],
                   [[n.code, n.title, num(n.at_risk, result, lang)] for n in risky],
                   {2})

    def _appraisal(self, result: UnitResult) -> None:
        self.heading(self.t("view.appraisal_head"))
        self.paragraph(appraisal_totals(result, self.lang))
        changed = appraisal_rows(result, self.lang)
        if not changed:
            self.paragraph(self.t("view.appraisal_none"))
            return
        self.table([self.t("rep.code"), self.t("rep.title"), self.t("view.self"),
                    self.t("view.appraised"), self.t("view.diff"), self.t("view.reason_head")],
                   changed, {2, 3, 4})

    def rounds(self, result: UnitResult) -> None:
        """Every round side by side, then the trail of each changed leaf."""
        headers = stage_headers(result, self.lang)
        self.heading(self.t("view.stages_head"))
        self.table(headers, stage_rows(result, self.lang), set(range(1, len(headers))))
        if trail := trail_rows(result, self.lang):
            self.heading(self.t("view.trail_head"))
            self.table([self.t("rep.code"), self.t("rep.title"), "", "", "",
                        self.t("view.reason_head")], trail, set())


def _repeat_header(row: Any) -> None:
    """Mark a table's first row as a header Word repeats on every page."""
    qn = docx("oxml.ns").qn
    flag = docx("oxml").OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _font_everywhere(style: Any) -> None:
    """Name the font in every slot of a style. python-docx names it for the
    Latin slots only, and the default template's headings point at theme
    fonts, which Word prefers over a named one; on a computer set up for an
    East Asian language Word may also draw Vietnamese letters from the East
    Asian slot. Either way the text would come out in another typeface."""
    qn = docx("oxml.ns").qn
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _proofing_language(style: Any, tag: str) -> None:
    """The template marks text as US English: Word would underline every
    Vietnamese word as misspelt."""
    qn = docx("oxml.ns").qn
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = docx("oxml").OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    rpr.append(lang)  # last in <w:rPr>, where the schema puts it
