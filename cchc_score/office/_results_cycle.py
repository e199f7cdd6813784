"""The results workbook's sheets for the yearly cycle: every unit's total at
each stage side by side with the trail of each changed leaf, and last
year's index and rank beside this year's (`--previous`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .._i18n import msg
from .._model import UnitResult
from .._rounds import STAGES
from ..report._previous import Previous
from ..report._tables import trail_nodes, trail_rows
from . import _style as st


def _format(result: UnitResult) -> str:
    d = result.criteria.decimals
    return "0" if d == 0 else "0." + "0" * d


def rounds_sheet(ws: Any, results: Sequence[UnitResult], lang: str) -> None:
    """One row per unit: points and index at each stage present, then the
    trail of every changed leaf (who, date, reason)."""
    stages = [s for s in STAGES[:-2] if any(t.stage == s for r in results for t in r.stages)]
    head = [msg("office.res_unit_id").render(lang), msg("rep.unit").render(lang)]
    for s in stages:
        label = msg(f"cyc.col.{s}").render(lang)
        head += [label, f"{label} – {msg('rep.index').render(lang)}"]
    st.title_row(ws, 1, msg("view.stages_head").render(lang), len(head))
    st.header_row(ws, 3, head)
    row = 3
    for result in results:
        row += 1
        by_stage = {t.stage: t for t in result.stages}
        values: list[Any] = [result.unit.id, result.unit.name]
        for s in stages:
            total = by_stage.get(s)
            values += [total.points, total.index] if total else [None, None]
        for col, value in enumerate(values, start=1):
            st.body_cell(ws.cell(row, col, value), wrap=col == 2,
                         number_format=_format(result) if isinstance(value, Decimal) else None)
    row += 2
    trail_head = [msg("office.res_unit_id").render(lang), msg("rep.code").render(lang),
                  msg("rep.title").render(lang), "", "", "", msg("view.reason_head").render(lang)]
    st.title_row(ws, row, msg("view.trail_head").render(lang), len(trail_head))
    row += 1
    st.header_row(ws, row, trail_head)
    for result in results:
        if not trail_nodes(result):
            continue
        for line in trail_rows(result, lang):
            row += 1
            for col, value in enumerate([result.unit.id, *line], start=1):
                st.body_cell(ws.cell(row, col, value), wrap=col in (3, 6, 7))
    st.widths(ws, [14, 40, *([14] * (max(len(head), len(trail_head)) - 2))])


def previous_sheet(ws: Any, results: Sequence[UnitResult], previous: Mapping[str, Previous],
                   lang: str) -> None:
    """Last year's index and rank beside this year's, and the change."""
    head = [msg(k).render(lang) for k in ("office.res_unit_id", "rep.unit", "cmp.col.last",
                                          "cmp.col.this", "cmp.col.change", "cmp.col.rank")]
    st.title_row(ws, 1, msg("cyc.previous_head").render(lang), len(head))
    st.header_row(ws, 3, head)
    row = 3
    for result in results:
        last = previous.get(result.unit.id)
        if last is None:
            continue
        row += 1
        rank = f"{last.rank or '—'} → {result.rank or '—'}"
        values: list[Any] = [result.unit.id, result.unit.name, last.index, result.index,
                             result.index - last.index, rank]
        for col, value in enumerate(values, start=1):
            st.body_cell(ws.cell(row, col, value), wrap=col == 2,
                         number_format=_format(result) if isinstance(value, Decimal) else None)
    st.widths(ws, [14, 40, 12, 12, 12, 12])
