"""`score … --format xlsx -o results.xlsx`: the results workbook a Sở Nội vụ
files and sends back to units.

One "Xếp hạng" sheet ranks every unit (per group, as ranked), then one
sheet per unit in the official column layout (STT, title, maximum, self,
appraised and final points, notes), with the points lost and the
explanation of every node; leaves that lost points are highlighted.
Numbers are the published ones, rounded half-up to the set's decimals.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from .._i18n import msg
from .._model import NodeResult, UnitResult
from .._numbers import quantize
from .._stamp import Stamp
from ..report import Options, Report
from ..report._base import stamp_of
from ..report._tables import explanation, status, summary
from . import _style as st
from ._deps import openpyxl
from ._stable import stable_zip, stamp_time

RANK_COLUMNS = ("rep.rank", "office.res_unit_id", "rep.unit", "rep.group", "office.res_self",
                "office.res_appraised", "office.res_final", "office.res_max", "rep.index",
                "rep.band")
RANK_WIDTHS = (7, 14, 40, 14, 12, 12, 12, 12, 10, 14)
UNIT_COLUMNS = ("office.res_stt", "office.res_node", "office.res_max", "office.res_self",
                "office.res_appraised", "office.res_final", "office.res_notes",
                "office.res_lost", "rep.explanation")
UNIT_WIDTHS = (8, 60, 10, 10, 10, 10, 22, 10, 60)


class XlsxReport(Report):
    name: ClassVar[str] = "xlsx"
    binary: ClassVar[bool] = True

    def render(self, results: Sequence[UnitResult],  # type: ignore[override]
               options: Options) -> bytes:
        xl = openpyxl()
        wb = xl.Workbook()
        ws = wb.active
        lang = options.lang
        ws.title = msg("office.res_ranking").render(lang)
        _ranking(ws, results, lang)
        used = {ws.title.casefold()}
        for result in results:
            _unit_sheet(wb.create_sheet(_sheet_name(result.unit.id, used)), result, lang)
        stamp = stamp_of(results, options)
        _stamp_sheet(wb.create_sheet(_sheet_name(msg("stamp.title").render(lang), used)),
                     stamp, lang)
        wb.properties.creator = wb.properties.lastModifiedBy = stamp.tool
        wb.properties.created = wb.properties.modified = stamp_time(stamp)
        out = io.BytesIO()
        wb.save(out)
        return stable_zip(out.getvalue(), stamp_time(stamp))


def _stamp_sheet(ws: Any, stamp: Stamp, lang: str) -> None:
    """The run's stamp, one fact per row, last sheet."""
    for r, line in enumerate(stamp.lines(lang), start=1):
        ws.cell(r, 1, line)
    ws.column_dimensions["A"].width = 100


def _sheet_name(unit_id: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", "-", unit_id).strip("'") or "don-vi"
    name, n = base[:31], 2
    while name.casefold() in used:
        suffix = f"~{n}"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def _number(value: Decimal | None, decimals: int) -> Decimal | None:
    return None if value is None else quantize(value, decimals)


def _format(decimals: int) -> str:
    return "0" if decimals == 0 else "0." + "0" * decimals


def _ranking(ws: Any, results: Sequence[UnitResult], lang: str) -> None:
    first = results[0] if results else None
    title = (msg("office.res_title", criteria=first.criteria.title, year=first.year,
                 stage=msg(f"rep.stage.{first.stage}")).render(lang) if first else "")
    st.title_row(ws, 1, title, len(RANK_COLUMNS))
    ws.row_dimensions[1].height = 36
    st.header_row(ws, 3, [msg(k).render(lang) for k in RANK_COLUMNS])
    for i, r in enumerate(results, start=4):
        d = r.criteria.decimals
        values = [r.rank, r.unit.id, r.unit.name, r.unit.group,
                  _number(r.pools.get("self"), d), _number(r.pools.get("appraised"), d),
                  _number(r.points, d), _number(r.max, d), _number(r.index, d), r.band or ""]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(i, col, value)
            st.body_cell(cell, wrap=col == 3,
                         number_format=_format(d) if isinstance(value, Decimal) else None)
    st.widths(ws, RANK_WIDTHS)
    ws.freeze_panes = "A4"
    st.print_setup(ws, 3, len(RANK_COLUMNS))


def _self_points(node: NodeResult) -> Decimal:
    if node.is_leaf:
        return node.self_points if node.self_points is not None else node.points
    return sum((_self_points(k) for k in node.children), Decimal(0))


def _unit_sheet(ws: Any, result: UnitResult, lang: str) -> None:
    d = result.criteria.decimals
    ncols = len(UNIT_COLUMNS)
    st.title_row(ws, 1, f"{result.unit.name} ({result.unit.id})", ncols)
    st.title_row(ws, 2, msg("office.res_title", criteria=result.criteria.title, year=result.year,
                            stage=msg(f"rep.stage.{result.stage}")).render(lang), ncols,
                 size=11, bold=False)
    st.title_row(ws, 3, summary(result, lang), ncols, size=11)
    ws.row_dimensions[2].height = 30
    header = 5
    st.header_row(ws, header, [msg(k).render(lang) for k in UNIT_COLUMNS])
    appraised = result.stage == "appraised"
    row = header
    for node in result.walk():
        row += 1
        notes = [n for n in (status(node, lang), node.appraisal_reason) if n]
        lost = node.lost if node.lost > 0 else None
        values: list[Any] = [
            node.code, node.title, _number(node.declared_max, d),
            None if node.na else _number(_self_points(node), d),
            _number(node.points, d) if appraised and not node.na else None,
            None if node.na else _number(node.points, d),
            "; ".join(notes), _number(lost, d),
            explanation(node, lang) if node.is_leaf else "",
        ]
        depth = node.code.count(".") + 1
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            st.body_cell(cell, wrap=col in (2, 7, 9), bold=not node.is_leaf and col <= 3,
                         color=st.COMPONENT_FILL if depth == 1 else None,
                         number_format=_format(d) if isinstance(value, Decimal) else None)
        ws.cell(row, 1).number_format = "@"
        if node.is_leaf and lost is not None:
            for col in (6, 8):
                ws.cell(row, col).fill = st.fill(st.LOST_FILL)
        if node.na:
            for col in range(1, ncols + 1):
                ws.cell(row, col).font = st.styles().Font(italic=True, color="808080")
    row += 1
    totals: list[Any] = [
        "", msg("office.res_total").render(lang), _number(result.max, d),
        _number(result.pools.get("self"), d), _number(result.pools.get("appraised"), d),
        _number(result.points, d), "", _number(result.lost, d), "",
    ]
    for col, value in enumerate(totals, start=1):
        st.body_cell(ws.cell(row, col, value), bold=True, color=st.COMPONENT_FILL,
                     number_format=_format(d) if isinstance(value, Decimal) else None)
    st.widths(ws, UNIT_WIDTHS)
    st.fit_heights(ws, header + 1, row)
    ws.freeze_panes = ws.cell(header + 1, 3).coordinate
    st.print_setup(ws, header, ncols)
