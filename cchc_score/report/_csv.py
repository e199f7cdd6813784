"""CSV output: one tidy table, a row per unit and a row per node under it,
numbers rounded per the set with a decimal point (for spreadsheets).

Both views are in it: the unit rows (empty `code`) are the ranking, with
last year's index and the change when `--previous` is given; the rows of
depth 1 are the component-by-unit matrix; the leaf rows carry the
explanation (on a unit row: the plugins' reasons for its band and tie-break),
the points at risk, the self-assessed points and, with
`--gains`, the recoverable points and the next band. The first fourteen
columns are those of earlier versions, in the same order.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .._i18n import msg
from .._model import UnitResult
from ._base import Options, Report
from ._tables import explanation, index_change, num, reasons, share, stage_totals, total

COLUMNS = ["unit_id", "unit_name", "group", "rank", "band", "index", "code", "title", "points",
           "max", "lost", "na", "pending", "explanation",
           "rank_of", "depth", "at_risk", "self_points", "appraisal_reason", "previous_index",
           "change", "recoverable", "next_points", "next_step",
           # the unit row's pools (how the points are made up), as in JSON
           "pool_self", "pool_appraised", "pool_survey", "pool_bonus", "pool_penalty"]
POOLS = ("self", "appraised", "survey", "bonus", "penalty")


def _number(value: Decimal | None, result: UnitResult) -> str:
    return "" if value is None else num(value, result, "en")


class CsvReport(Report):
    name = "csv"

    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in results:
            write_unit(writer, r, options)
        return out.getvalue()


def write_unit(writer: Any, r: UnitResult, options: Options,
               rank: tuple[object, object] | None = None) -> None:
    """A unit's rows: its own, then one per node. `rank` stands in for its
    (rank, rank_of) when they are not known yet (`_spool` fills them in)."""
    lang = options.lang
    gains = {g.node.code: g for g in (options.gains or {}).get(r.unit.id, ())}
    before = options.previous.get(r.unit.id)
    totals = stage_totals(r)
    unit = [r.unit.id, r.unit.name, r.unit.group]
    shown_rank, rank_of = rank if rank is not None else (r.rank or "", r.rank_of or "")
    writer.writerow([
        *unit, shown_rank, r.band or "", _number(r.index, r), "",
        msg("rep.unit").render(lang), _number(r.points, r), _number(r.max, r),
        _number(r.lost, r), "", "", reasons(r, lang),
        rank_of, 0, _number(total(r.nodes, "at_risk"), r),
        _number(totals.self_points, r) if r.appraised else "", "",
        _number(before.index if before else None, r),
        _number(index_change(r, before) if before else None, r),
        _number(total(gains.values(), "recoverable")
                if r.unit.id in (options.gains or {}) else None, r), "", "",
        *(_number(r.pools.get(pool), r) for pool in POOLS)])
    for n in r.walk():
        gain = gains.get(n.code)
        step = gain.step if gain else None
        writer.writerow([
            *unit, "", "", _number(share(n.points, n.max), r), n.code, n.title,
            _number(n.points, r), _number(n.max, r), _number(n.lost, r), int(n.na),
            int(n.pending), explanation(n, lang),
            "", n.code.count(".") + 1,
            _number(n.at_risk, r), _number(n.self_points, r), n.appraisal_reason or "",
            "", "", _number(gain.recoverable if gain else None, r),
            _number(step.points if step else None, r),
            step.need.render(lang) if step else "", *[""] * len(POOLS)])
