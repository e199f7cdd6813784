"""`cchc-score template CRITERIA -o FORM.xlsx`: the self-assessment form in
Excel, the way units already fill it by hand.

The official columns come first (STT, title, maximum, self score,
appraisal, notes), then what our rules need: the declared fact (a date, a
percentage, a count, or an option picked from a drop-down list; a numerator
and a denominator for ratios), the evidence (number, date, title), an
explanation, a not-applicable reason and the appraisal council's comment.
Each input cell has data validation and a prompt saying what to type; the
guidance column lists what each outcome is worth. Unit and year are on the
"Thông tin" sheet. `read_form` reads the filled workbook back.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from .._embed import Embedded
from .._i18n import msg
from .._model import CriteriaSet, Node
from .._numbers import plain
from .._template import roles, value_hint
from ..exceptions import RuleFailed
from ..rules import (
    Bonus,
    Choice,
    Deadline,
    Deduction,
    Manual,
    Proportional,
    Rule,
    Tiers,
    YesNo,
    guarded,
)
from . import _style as st
from ._admin import Issuer
from ._deps import openpyxl
from ._layout import (
    EMBED_SHEET,
    FORM_COLUMNS,
    HEADER_ROW,
    INFO_FIELDS,
    INFO_SHEET,
    LETTERS,
    LISTS_SHEET,
    MAIN_SHEET,
    PRINTED,
)
from ._sheet_admin import national_heading, page_footer, signature_block

DATE_FORMAT = "DD/MM/YYYY"
#: characters of the embedded set's text per cell (Excel's limit is 32,767)
EMBED_CHUNK = 30000
#: the columns of the national heading's and the signature's two blocks
FRAME_LEFT = (1, 2)
FRAME_RIGHT = (6, PRINTED)
#: the cells a unit or the council types into; every other cell is locked
INPUT_FIELDS = frozenset({"value", "num", "den", "self", "appraised", "ev_number", "ev_date",
                          "ev_title", "notes", "explanation", "na", "reason"})
#: the facts a survey leaf never takes from the unit
SURVEY_LOCKED = frozenset({"value", "num", "den", "self"})


def form_workbook(criteria: CriteriaSet, *, ref: str, unit_id: str,
                  unit_name: str | None = None, year: int | None = None,
                  lang: str = "vi", embed: Embedded | None = None, group: str | None = None,
                  tags: tuple[str, ...] = ()) -> bytes:
    """The blank form as .xlsx bytes; `embed` carries the set's text in a
    hidden sheet, so that the form scores wherever it is copied."""
    xl = openpyxl()
    year = year or criteria.years[0]
    wb = xl.Workbook()
    ws = wb.active
    ws.title = MAIN_SHEET
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    writer = _FormWriter(ws, lists, year, lang)
    name = unit_name or unit_id
    national_heading(ws, Issuer.from_unit_name(name) if unit_name else Issuer(),
                     left=FRAME_LEFT, right=FRAME_RIGHT, lang=lang)
    st.title_row(ws, 4, msg("office.form_title").render(lang), PRINTED, size=14)
    st.title_row(ws, 5, criteria.title, PRINTED, size=11)
    st.title_row(ws, 6, msg("form.unit_year", unit=f"{name} ({unit_id})", year=year
                            ).render(lang), PRINTED, size=11, bold=False)
    ws.row_dimensions[5].height = 30
    st.header_row(ws, HEADER_ROW, [c.header for c in FORM_COLUMNS])
    ws.row_dimensions[HEADER_ROW].height = 45
    writer.role_of = roles(criteria)
    roots = [writer.node(n) for n in criteria.roots]
    writer.total(criteria, roots)
    table_end = ws.max_row
    st.widths(ws, [c.width for c in FORM_COLUMNS])
    st.fit_heights(ws, HEADER_ROW + 1, table_end)
    signature_block(ws, table_end + 2, left=FRAME_LEFT, right=FRAME_RIGHT, lang=lang)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3).coordinate
    st.print_setup(ws, HEADER_ROW, PRINTED)
    page_footer(ws, lang)
    st.protect(ws)
    _info_sheet(wb, criteria, ref=ref, unit_id=unit_id, unit_name=unit_name or unit_id,
                year=year, lang=lang, group=group, tags=tags)
    if embed is not None:
        embed_sheet(wb, embed, lang)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _col(field: str) -> int:
    return LETTERS[field] + 1


class _FormWriter:
    def __init__(self, ws: Any, lists: Any, year: int, lang: str) -> None:
        self.ws = ws
        self.lists = lists
        self.year = year
        self.lang = lang
        self.row = HEADER_ROW
        self.list_row = 1
        self.validations: dict[tuple[Any, ...], Any] = {}
        #: node code → its component's role (a penalty's hint says it is subtracted)
        self.role_of: dict[str, str] = {}

    def node(self, node: Node) -> int:
        """Write a node and its children; return the node's row."""
        self.row += 1
        r = self.row
        ws = self.ws
        bold = not node.is_leaf
        ws.cell(r, _col("code"), node.code)
        ws.cell(r, _col("title"), node.title)
        ws.cell(r, _col("max"), node.max)
        color = st.COMPONENT_FILL if node.depth == 1 else None
        survey = node.is_leaf and node.method == "survey"
        for column in FORM_COLUMNS:
            cell = ws.cell(r, _col(column.field))
            st.body_cell(cell, wrap=column.field in ("title", "hint", "ev_title", "explanation",
                                                    "notes", "reason", "na"),
                         bold=bold and column.field in ("code", "title", "max"), color=color)
            # a parent's points are its children's sum (a formula, below)
            if column.field in INPUT_FIELDS and (node.is_leaf or column.field not in
                                                 ("self", "appraised")) and not (
                    survey and column.field in SURVEY_LOCKED):
                st.unlock(cell)
        ws.cell(r, _col("code")).number_format = "@"
        if not node.is_leaf:
            kids = [self.node(k) for k in node.children]
            for field in ("self", "appraised"):
                letter = ws.cell(r, _col(field)).column_letter
                ws.cell(r, _col(field), "=SUM(" + ",".join(f"{letter}{k}" for k in kids) + ")")
            return r
        self.leaf(node, r)
        return r

    def leaf(self, node: Node, r: int) -> None:
        ws = self.ws
        assert node.rule is not None
        hint = ws.cell(r, _col("hint"))
        if node.method == "survey":
            hint.value = msg("office.form_hint_survey").render(self.lang)
            for field in ("value", "num", "den", "self", "hint"):
                st.body_cell(ws.cell(r, _col(field)), italic=True, color=st.SURVEY_FILL,
                             wrap=field == "hint")
            return
        lines = ([node.hint] if node.hint else []) + value_hint(
            node.rule, self.year, self.lang, form=True,
            role=self.role_of.get(node.code, "score"))
        hint.value = "\n".join(lines)
        self.fact_cells(node, node.rule, r)
        for field in ("self", "appraised"):
            self.validate(ws.cell(r, _col(field)), "decimal", node.max)
        date = ws.cell(r, _col("ev_date"))
        date.number_format = DATE_FORMAT
        self.validate(date, "date")
        for field in ("ev_number", "ev_date", "ev_title", "explanation"):
            ws.cell(r, _col(field)).fill = st.fill(st.INPUT_FILL)

    def fact_cells(self, node: Node, rule: Rule, r: int) -> None:
        ws = self.ws
        value = ws.cell(r, _col("value"))
        over = getattr(rule, "over", None)
        if isinstance(rule, Tiers | Proportional) and over == "ratio":
            for field in ("num", "den"):
                cell = ws.cell(r, _col(field))
                cell.fill = st.fill(st.INPUT_FILL)
                self.validate(cell, "whole")
            return
        value.fill = st.fill(st.INPUT_FILL)
        if isinstance(rule, YesNo):
            self.options(value, [rule.yes_label or msg("yes").render(self.lang).capitalize(),
                                 rule.no_label or msg("no").render(self.lang).capitalize()])
        elif isinstance(rule, Choice):
            self.options(value, [o.label for o in rule.options])
        elif isinstance(rule, Deadline):
            value.number_format = DATE_FORMAT
            self.validate(value, "date")
        elif isinstance(rule, Tiers | Proportional) and over == "percent":
            self.validate(value, "decimal", Decimal(100))
        elif isinstance(rule, Tiers | Deduction | Bonus):
            self.validate(value, "whole")
        elif isinstance(rule, Manual):
            self.validate(value, "decimal", node.max)
        else:  # a plugin's kind: its own short list of values, if it has one
            try:
                choices = [str(c) for c in guarded(rule.kind, node.code, "choices",
                                                   lambda: list(rule.choices()))]
            except RuleFailed:
                choices = []
            if choices:
                self.options(value, choices)

    def options(self, cell: Any, labels: list[str]) -> None:
        """A drop-down list; the labels live on the hidden lists sheet (an
        inline list is limited to 255 characters)."""
        first = self.list_row
        for label in labels:
            self.lists.cell(self.list_row, 1, label)
            self.list_row += 1
        source = f"{LISTS_SHEET}!$A${first}:$A${self.list_row - 1}"
        self.validate(cell, "list", source)

    def validate(self, cell: Any, kind: str, limit: Decimal | str | None = None) -> None:
        key = (kind, str(limit))
        dv = self.validations.get(key)
        if dv is None:
            dv = _validation(kind, limit, self.lang)
            self.validations[key] = dv
            self.ws.add_data_validation(dv)
        dv.add(cell.coordinate)

    def total(self, criteria: CriteriaSet, roots: list[int]) -> None:
        self.row += 1
        r = self.row
        ws = self.ws
        ws.cell(r, _col("title"), msg("office.res_total").render(self.lang))
        ws.cell(r, _col("max"), criteria.total)
        # bonus components add, penalty components subtract
        signs = ["-" if n.role == "penalty" else "+" for n in criteria.roots]
        for field in ("self", "appraised"):
            letter = ws.cell(r, _col(field)).column_letter
            terms = "".join(f"{sign}{letter}{k}" for sign, k in zip(signs, roots, strict=True))
            ws.cell(r, _col(field), "=" + terms.lstrip("+"))
        for column in FORM_COLUMNS:
            st.body_cell(ws.cell(r, _col(column.field)), bold=True, color=st.COMPONENT_FILL)


def _validation(kind: str, limit: Decimal | str | None, lang: str) -> Any:
    DataValidation = openpyxl().worksheet.datavalidation.DataValidation

    def t(name: str, /, **kw: Any) -> str:
        return msg(name, **kw).render(lang)

    if kind == "list":
        dv = DataValidation(type="list", formula1=str(limit), allow_blank=True)
        dv.prompt = t("office.dv_list")
    elif kind == "decimal":
        assert isinstance(limit, Decimal)
        dv = DataValidation(type="decimal", operator="between", formula1="0",
                            formula2=plain(limit), allow_blank=True)
        dv.prompt = t("office.dv_decimal", max=limit)
    elif kind == "whole":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True)
        dv.prompt = t("office.dv_whole")
    else:  # a date; "không" stays possible for a document never issued
        dv = DataValidation(type="date", operator="greaterThan", formula1="1",
                            allow_blank=True, errorStyle="warning")
        dv.prompt = t("office.dv_date")
    dv.error = t("office.dv_error")
    dv.showErrorMessage = True
    dv.showInputMessage = True
    return dv


def embed_sheet(wb: Any, embed: Embedded, lang: str) -> None:
    """The set's text in a hidden sheet: a heading, the hash, then the text
    in chunks (a cell holds at most 32,767 characters), one per row."""
    ws = wb.create_sheet(EMBED_SHEET)
    ws.sheet_state = "hidden"
    ws.cell(1, 1, msg("emb.comment").render(lang))
    ws.cell(2, 1, f"sha256:{embed.hash}")
    for i in range(0, len(embed.text), EMBED_CHUNK):
        ws.cell(3 + i // EMBED_CHUNK, 1, embed.text[i:i + EMBED_CHUNK]).number_format = "@"
    st.protect(ws)


def _info_sheet(wb: Any, criteria: CriteriaSet, *, ref: str, unit_id: str, unit_name: str,
                year: int, lang: str, group: str | None = None,
                tags: tuple[str, ...] = ()) -> None:
    ws = wb.create_sheet(INFO_SHEET, 1)
    values = {"criteria": ref, "year": year, "unit.id": unit_id, "unit.name": unit_name,
              "unit.group": group or criteria.group, "unit.tags": ", ".join(tags)}
    st.header_row(ws, 1, [msg("office.info_field").render(lang),
                          msg("office.info_value").render(lang)])
    for i, field in enumerate(INFO_FIELDS, start=2):
        ws.cell(i, 1, field.label)
        cell = ws.cell(i, 2, values[field.key])
        cell.number_format = "@" if field.key != "year" else "0"
        cell.fill = st.fill(st.INPUT_FILL)
        for c in (1, 2):
            st.body_cell(ws.cell(i, c), wrap=True, color=st.INPUT_FILL if c == 2 else None)
    note = len(INFO_FIELDS) + 3
    ws.cell(note, 1, msg("office.info_howto").render(lang))
    ws.merge_cells(start_row=note, start_column=1, end_row=note, end_column=2)
    ws.cell(note, 1).alignment = st.styles().Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[note].height = 120
    st.widths(ws, [34, 70])
    st.print_setup(ws, 1, 2)
