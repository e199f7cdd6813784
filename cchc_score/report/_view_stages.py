"""Views across stages: what the appraisal changed against the
self-assessment (rows, totals, pools) and the rounds of the yearly cycle
(stage columns, the trail of changes, the documents cited). Re-exported
by `_tables`."""

from __future__ import annotations

from decimal import Decimal

import attrs

from .._i18n import msg
from .._model import Evidence, NodeResult, RoundChange, UnitResult
from .._numbers import quantize
from ._view_common import ZERO, num, signed


@attrs.frozen
class AppraisalChange:
    """A leaf the appraisal changed: its points as self-assessed and as
    appraised (None where it was not applicable at that stage)."""

    node: NodeResult
    own: Decimal | None
    appraised: Decimal | None

    @property
    def effect(self) -> Decimal:
        """What the change does to the unit's total: a penalty that grows
        takes points away."""
        delta = (self.appraised or ZERO) - (self.own or ZERO)
        return -delta if self.node.role == "penalty" else delta


def appraisal_changes(result: UnitResult) -> list[AppraisalChange]:
    """Every leaf whose appraised outcome differs from the self-assessed one,
    an applicability change (not applicable → 0/3) included."""
    if result.self_result is None:
        return [AppraisalChange(n, n.self_points, n.points) for n in result.walk()
                if n.is_leaf and n.self_points is not None and n.self_points != n.points]
    before = {n.code: n for n in result.self_result.walk()}
    changes = []
    for n in result.walk():
        old = before.get(n.code)
        if not n.is_leaf or old is None or (old.na, old.points) == (n.na, n.points):
            continue
        changes.append(AppraisalChange(n, None if old.na else old.points,
                                       None if n.na else n.points))
    return changes


def change_points(value: Decimal | None, node: NodeResult, result: UnitResult, lang: str) -> str:
    """Points in the change table: "−1,00" for a penalty (it is subtracted),
    "không áp dụng" where the leaf did not apply at that stage."""
    if value is None:
        return msg("rep.na").render(lang)
    if node.role == "penalty" and quantize(value, result.criteria.decimals) != 0:
        return "−" + num(value, result, lang)
    return num(value, result, lang)


def appraisal_rows(result: UnitResult, lang: str) -> list[list[str]]:
    """Code, title, self-assessed, appraised, difference (what it does to the
    total) and the council's reason of each leaf the appraisal changed."""
    return [[c.node.code, c.node.title, change_points(c.own, c.node, result, lang),
             change_points(c.appraised, c.node, result, lang),
             signed(c.effect, result, lang),
             c.node.appraisal_reason or msg("view.no_reason").render(lang)]
            for c in appraisal_changes(result)]


@attrs.frozen
class StageTotals:
    self_points: Decimal
    self_index: Decimal
    points: Decimal
    index: Decimal


def stage_totals(result: UnitResult) -> StageTotals:
    """The unit's total and index as self-assessed (the figures of a
    `--stage self` run: its own bonus, penalty and maximum) and as appraised."""
    own = result.self_result
    if own is None:
        return StageTotals(result.points, result.index, result.points, result.index)
    return StageTotals(own.points, own.index, result.points, result.index)


def appraisal_totals(result: UnitResult, lang: str) -> str:
    """The unit's total and index as self-assessed and as appraised, and the
    difference, in one sentence; then how the final points are made up
    (the pools, as the results workbook's columns show them)."""
    totals = stage_totals(result)
    head = msg("view.appraisal_totals", own=num(totals.self_points, result, lang),
               own_index=num(totals.self_index, result, lang),
               points=num(totals.points, result, lang), index=num(totals.index, result, lang),
               diff=signed(totals.points - totals.self_points, result, lang)).render(lang)
    return f"{head}\n{pools_line(result, lang)}"


def pools_line(result: UnitResult, lang: str) -> str:
    """"Gồm: tự chấm 89,00 → thẩm định 81,50; điều tra XHH 4,25; điểm thưởng
    0,00; điểm trừ 0,00 → đạt được 85,75": a penalty is shown subtracted."""
    pools = result.pools
    penalty = pools.get("penalty", ZERO)
    return msg("num.pools", own=num(pools.get("self", ZERO), result, lang),
               appraised=num(pools.get("appraised", pools.get("self", ZERO)), result, lang),
               survey=num(pools.get("survey", ZERO), result, lang),
               bonus=num(pools.get("bonus", ZERO), result, lang),
               penalty=signed(-penalty, result, lang),
               points=num(result.points, result, lang)).render(lang)


# -- rounds of the yearly cycle -----------------------------------------------------


def trail_nodes(result: UnitResult) -> list[NodeResult]:
    """Nodes a round changed (or whose not-applicable claim was ruled on)."""
    return [n for n in result.walk() if n.trail]


def shows_rounds(result: UnitResult) -> bool:
    """Whether the rounds deserve their own view: more than one round, or a
    change that names who made it, when, or rules on a claim (a single
    anonymous appraisal is the self-vs-appraised table already)."""
    return result.appraised and (len(result.stages) > 2 or any(
        c.who or c.date or c.na for n in trail_nodes(result) for c in n.trail))


def stage_headers(result: UnitResult, lang: str) -> list[str]:
    """"", then one column per stage present, then "Final"."""
    names = [s.stage for s in result.stages]
    if result.stage in ("final", "appraised"):
        names.append("final")
    return ["", *(msg(f"cyc.col.{n}").render(lang) for n in names)]


def stage_rows(result: UnitResult, lang: str) -> list[list[str]]:
    """Points, maximum and index at each stage, side by side (the final
    column repeats the latest stage)."""
    stages = list(result.stages)
    if result.stage in ("final", "appraised") and stages:
        stages.append(stages[-1])
    return [[msg(label).render(lang), *(num(getattr(s, field), result, lang) for s in stages)]
            for label, field in (("view.stage_total", "points"), ("view.stage_max", "max"),
                                 ("view.stage_index", "index"))]


def trail_rows(result: UnitResult, lang: str) -> list[list[str]]:
    """Code, title, round, points before → after, who and when, why: one row
    per change of every node a round changed."""
    rows = []
    for node in trail_nodes(result):
        for change in node.trail:
            before = (num(change.before, result, lang) if change.before is not None
                      else msg("view.trail_na").render(lang))
            after = num(change.after, result, lang) if change.after is not None else "—"
            rows.append([node.code, node.title, msg(f"cyc.col.{change.round}").render(lang),
                         f"{before} → {after}", who_when(change, lang), why(change, lang)])
    return rows


def who_when(change: RoundChange, lang: str) -> str:
    unknown = msg("view.trail_unknown").render(lang)
    return msg("view.trail_by", who=change.who or unknown,
               date=change.date if change.date else unknown).render(lang)


def why(change: RoundChange, lang: str) -> str:
    """The reason, prefixed by the ruling on a rejected not-applicable claim
    and followed by the documents the entry cites."""
    parts = []
    if change.na == "reject":
        parts.append(msg("view.trail_rejected").render(lang))
    parts.append(change.reason or msg("view.no_reason").render(lang))
    parts.extend(cite(e, lang) for e in change.evidence)
    return "; ".join(parts)


def cite(evidence: Evidence, lang: str) -> str:
    """"Kế hoạch số 41/KH-SNgV ngày 28/12/2021" as a unit cites a document."""
    parts = [evidence.title] if evidence.title else []
    if evidence.number:
        parts.append(msg("cyc.number", number=evidence.number).render(lang))
    if evidence.date:
        parts.append(msg("cyc.date", date=evidence.date).render(lang))
    return " ".join(parts)
