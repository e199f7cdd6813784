"""`score … --format xlsx -o results.xlsx`: the results workbook a Sở Nội vụ
files and sends back to units.

One "Xếp hạng" sheet ranks every unit (per group, as ranked), then one
sheet per unit in the official column layout (STT, title, maximum, self,
appraised and final points, notes), with the points lost and the
explanation of every node; leaves that lost points are highlighted.

The figures agree with every other format and with themselves: cells hold
the engine's exact values (formatted to the set's decimals), so Excel's own
SUM over any rows gives the totals; the index is the published one (ranks
and bands use it). On the ranking sheet a unit's final
points = appraised (self at the self stage) + survey + bonus + penalty (a
negative number); a unit sheet's "Tổng cộng" row is the sum of its
component rows. Self and appraised columns hold the self-assessed leaves
only: survey leaves, bonus and penalty count in the final column (a penalty
as a negative number).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from .._i18n import msg
from .._model import NodeResult, UnitResult
from .._stamp import Stamp
from ..report import Options, Report
from ..report._base import shown, stamp_of
from ..report._tables import (
    explanation,
    groups,
    reasons,
    shows_rounds,
    status,
    summary,
    whatif_changes,
    whatif_line,
)
from . import _style as st
from ._deps import openpyxl
from ._results_cycle import previous_sheet, rounds_sheet
from ._sheet_admin import page_footer
from ._sheet_rows import SheetRows, save
from ._stable import stamp_time

ZERO = Decimal(0)

RANK_COLUMNS = ("rep.rank", "office.res_unit_id", "rep.unit", "rep.group", "office.res_self",
                "office.res_appraised", "num.col_survey", "num.col_bonus", "num.col_penalty",
                "office.res_final", "office.res_max", "rep.index", "rep.band")
#: widths that print on A4 landscape at 9 pt or more (the 11 pt text fitted
#: to the page's width)
RANK_WIDTHS = (6, 11, 34, 11, 9, 9, 9, 8, 8, 9, 9, 8, 11)
UNIT_COLUMNS = ("office.res_stt", "office.res_node", "office.res_max", "office.res_self",
                "office.res_appraised", "office.res_final", "office.res_notes",
                "office.res_lost", "rep.explanation")
UNIT_WIDTHS = (7, 44, 9, 9, 9, 9, 18, 8, 42)
#: the most units that each get a sheet unasked: a province's departments
#: and communes fit; beyond it a tab per unit is no longer readable (and a
#: country's 10,000 units would make a file of over a hundred megabytes),
#: so only the ranking and the unit sheets asked for are written
UNIT_SHEETS_LIMIT = 250


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
        whatif = msg("view.whatif_head").render(lang)
        sheets = unit_sheets(results, options)
        notes = [whatif] if options.baseline else []  # never mistaken for the published result
        if len(sheets) < len(results):  # say where the unit sheets went
            notes.append(_left_out(results, sheets, lang))
        if notes:
            ncols, text = len(_rank_columns(results)), " — ".join(notes)
            st.title_row(ws, 2, text, ncols, size=11)
            if len(sheets) < len(results):  # a note of two lines or more shown whole
                across = sum(st.chars_per_line(ws, c) for c in range(1, ncols + 1))
                ws.row_dimensions[2].height = st.lines_of(text, across) * st.LINE_HEIGHT
        used = {ws.title.casefold()}
        tables = []
        looks: dict[tuple[Any, ...], list[Any]] = {}
        for result in sheets:
            sheet = wb.create_sheet(_sheet_name(result.unit.id, used))
            tables.append(_unit_sheet(sheet, result, lang, looks))
            before = options.baseline.get(result.unit.id)
            if before is not None:
                changes = "; ".join(whatif_line(c, result, lang)
                                    for c in whatif_changes(before, result))
                st.title_row(sheet, 4, f"{whatif}: {changes}", len(UNIT_COLUMNS), size=11)
        if any(shows_rounds(r) for r in results):
            rounds_sheet(wb.create_sheet(_sheet_name(
                msg("cyc.rounds_sheet").render(lang), used)), results, lang)
        if options.previous:
            previous_sheet(wb.create_sheet(_sheet_name(
                msg("cyc.previous_sheet").render(lang), used)), results, options.previous, lang)
        stamp = stamp_of(results, options)
        _stamp_sheet(wb.create_sheet(_sheet_name(msg("stamp.title").render(lang), used)),
                     stamp, lang)
        wb.properties.creator = wb.properties.lastModifiedBy = stamp.tool
        wb.properties.created = stamp_time(stamp)
        return save(wb, tables, stamp_time(stamp))


def unit_sheets(results: Sequence[UnitResult], options: Options) -> list[UnitResult]:
    """The units that get a sheet of their own: every one up to
    `UNIT_SHEETS_LIMIT` units; above it only those asked for (`--breakdowns`
    every one, `--unit ID` that one), the ranking sheet listing them all."""
    return list(results) if len(results) <= UNIT_SHEETS_LIMIT else shown(results, options)


def _left_out(results: Sequence[UnitResult], sheets: Sequence[UnitResult], lang: str) -> str:
    """The ranking sheet's note that not every unit has a sheet, and how to ask."""
    if sheets:
        return msg("office.res_unit_sheets_some", count=len(results), limit=UNIT_SHEETS_LIMIT,
                   units=", ".join(r.unit.id for r in sheets)).render(lang)
    return msg("office.res_unit_sheets_none", count=len(results),
               limit=UNIT_SHEETS_LIMIT).render(lang)


def _stamp_sheet(ws: Any, stamp: Stamp, lang: str) -> None:
    """The run's stamp, one fact per row, last sheet."""
    for r, line in enumerate(stamp.lines(lang), start=1):
        ws.cell(r, 1, line).alignment = st.styles().Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 100
    st.fit_heights(ws, 1, ws.max_row)
    st.print_setup(ws, 1, 1)
    ws.print_title_rows = None
    page_footer(ws, lang)


def _sheet_name(unit_id: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", "-", unit_id).strip("'") or "don-vi"
    name, n = base[:31], 2
    while name.casefold() in used:
        suffix = f"~{n}"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def _signed(node: NodeResult, value: Decimal) -> Decimal:
    """Points as they count in the total: a penalty is subtracted."""
    return -value if node.role == "penalty" and value else value


def _format(decimals: int) -> str:
    return "0" if decimals == 0 else "0." + "0" * decimals


def _rank_columns(results: Sequence[UnitResult]) -> list[tuple[str, int]]:
    """The ranking's (header key, width) columns; "Xếp loại" only where a
    set has bands (an empty column would read as "no band earned")."""
    banded = any(r.criteria.bands for r in results)
    columns = [(k, w) for k, w in zip(RANK_COLUMNS, RANK_WIDTHS, strict=True)
               if k != "rep.band" or banded]
    if any(r.band_reason or r.rank_reason for r in results):  # a plugin said why
        columns.append(("rep.reason", 40))
    return columns


def _ranking(ws: Any, results: Sequence[UnitResult], lang: str) -> None:
    """One header row (repeated atop every printed page, with an autofilter
    over the whole table), then each group under its own heading, each
    group from a new page, ranked as the engine ranked it."""
    columns = _rank_columns(results)
    ncols = len(columns)
    first = results[0] if results else None
    # The title names the criteria set only when every unit was scored with
    # it: groups scored with different sets (Bảng I and II) share the sheet.
    one_set = len({r.criteria.id for r in results}) == 1
    title = (msg("office.res_title" if one_set else "office.res_title_sets",
                 criteria=first.criteria.title, year=first.year,
                 stage=msg(f"rep.stage.{first.stage}")).render(lang) if first else "")
    st.title_row(ws, 1, title, ncols)
    ws.row_dimensions[1].height = 36
    header = 3
    st.header_row(ws, header, [msg(k).render(lang) for k, _ in columns])
    keys = [k for k, _ in columns]
    row = header
    for n, (group, members) in enumerate(groups(results).items()):
        row += 1
        if n:
            st.page_break(ws, row - 1)
        st.group_row(ws, row, msg("rep.ranking", group=group).render(lang), ncols)
        for r in members:
            row += 1
            penalty = r.pools.get("penalty", ZERO)
            values = {"rep.rank": r.rank, "office.res_unit_id": r.unit.id,
                      "rep.unit": r.unit.name, "rep.group": r.unit.group,
                      "office.res_self": r.pools.get("self"),
                      "office.res_appraised": r.pools.get("appraised"),
                      "num.col_survey": r.pools.get("survey"),
                      "num.col_bonus": r.pools.get("bonus"),
                      "num.col_penalty": -penalty if penalty else penalty,
                      "office.res_final": r.points, "office.res_max": r.max,
                      "rep.index": r.published_index, "rep.band": r.band or "",
                      "rep.reason": reasons(r, lang)}
            number = _format(r.criteria.decimals)
            for col, key in enumerate(keys, start=1):
                value = values[key]
                st.body_cell(ws.cell(row, col, value),
                             wrap=key in ("rep.unit", "rep.group", "rep.reason"),
                             number_format=number if isinstance(value, Decimal) else None)
    st.widths(ws, [w for _, w in columns])
    st.fit_heights(ws, header, row)
    ws.freeze_panes = ws.cell(header + 1, 1).coordinate
    ws.auto_filter.ref = f"A{header}:{ws.cell(max(row, header), ncols).column_letter}{row}"
    st.print_setup(ws, header, ncols)
    page_footer(ws, lang)


def _self_assessed(node: NodeResult) -> bool:
    """Whether a node's points belong to the self and appraised columns: a
    scored node holding self-assessed leaves (not survey, bonus or penalty)."""
    return node.role == "score" and node.method == "self" and any(
        n.is_leaf and n.method == "self" for n in node.walk())


def _column_points(node: NodeResult, stage_node: NodeResult | None) -> Decimal | None:
    """A node's self-assessed leaves' points at one stage (None when it is
    not applicable there); survey leaves under it are left out."""
    if stage_node is None or stage_node.na:
        return None
    return sum((n.points for n in stage_node.walk() if n.is_leaf and n.method == "self"),
               ZERO)


def _row_looks(wb: Any, kind: tuple[Any, ...]) -> list[Any]:
    """The styles of a unit sheet's row of one kind: (leaf, not applicable,
    a leaf that lost points, a component, the number format, then whether
    each cell holds a number)."""
    leaf, na, lost_leaf, component, number, *numbers = kind
    return [st.body_style(
        wb, wrap=col in (2, 7, 9), bold=not leaf and col <= 3 and not na, italic=na,
        color=st.LOST_FILL if lost_leaf and col in (6, 8)
        else st.COMPONENT_FILL if component else None,
        number_format="@" if col == 1 else number if is_number else None,
        font_color="808080" if na else None)
        for col, is_number in enumerate(numbers, start=1)]


def _unit_sheet(ws: Any, result: UnitResult, lang: str,
                looks: dict[tuple[Any, ...], list[Any]]) -> SheetRows:
    """One unit's sheet; its table rows are returned, to be written on saving.
    `looks`: the styles of each kind of row (`_row_looks`), shared by the
    workbook's unit sheets."""
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
    st.widths(ws, UNIT_WIDTHS)
    st.fit_heights(ws, header, header)  # the header row: every column wraps
    # The table's rows go straight into the sheet's XML on saving (`SheetRows`).
    rows = SheetRows(ws, header + 1, wrap=(2, 7, 9))
    wb = ws.parent
    number = _format(d)
    appraised = result.appraised
    own = {n.code: n for n in (result.self_result or result).walk()}
    sums = {"self": ZERO, "appraised": ZERO, "final": ZERO}
    for node in result.walk():
        notes = [n for n in (status(node, lang), node.appraisal_reason) if n]
        if node.role != "score":
            notes.insert(0, msg(f"num.cap.{node.role}", max=node.declared_max).render(lang))
        lost = node.lost if node.lost > 0 else None
        counted = _self_assessed(node)
        self_value = _column_points(node, own.get(node.code)) if counted else None
        appraised_value = (_column_points(node, node) if counted and appraised else None)
        final = None if node.na else _signed(node, node.points)
        if node.code.count(".") == 0:
            sums["self"] += self_value or ZERO
            sums["appraised"] += appraised_value or ZERO
            sums["final"] += final or ZERO
        values: list[Any] = [
            node.code, node.title,
            node.declared_max if node.role == "score" else None,
            self_value, appraised_value, final,
            "; ".join(notes), lost,
            explanation(node, lang) if node.is_leaf else "",
        ]
        # each cell's whole look at once (one named style per look), the
        # row's looks worked out once per kind of row
        kind = (node.is_leaf, node.na, node.is_leaf and lost is not None, "." not in node.code,
                number, *(isinstance(v, Decimal) for v in values))
        styles = looks.get(kind)
        if styles is None:
            styles = looks[kind] = _row_looks(wb, kind)
        rows.add(values, styles)
    # The final points are the components' sum kept within 0..max; say so
    # where the bound cut it, so the row never silently disagrees.
    clamped = sums["final"] != result.points
    totals: list[Any] = [
        "", msg("office.res_total").render(lang), result.max,
        sums["self"], sums["appraised"] if appraised else None,
        result.points,
        msg("num.clamped", raw=sums["final"], max=result.max).render(lang) if clamped else "",
        result.lost, "",
    ]
    rows.add(totals, [st.body_style(wb, bold=True, color=st.COMPONENT_FILL,
                                    number_format=number if isinstance(value, Decimal) else None)
                      for value in totals])
    ws.freeze_panes = f"C{header + 1}"  # a string: ws.cell would add an (empty) cell
    st.print_setup(ws, header, ncols, last_row=rows.last)
    page_footer(ws, lang)
    return rows
