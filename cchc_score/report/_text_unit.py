"""One unit's breakdown in the terminal: header, summary, components with
bars, where the points were lost, points at risk, self vs appraised, where to
gain, what-if, warnings last."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from .._i18n import msg
from .._model import UnitResult
from ._base import Options
from ._rich import table
from ._tables import (
    appraisal_changes,
    bar,
    components,
    extra_points,
    extras,
    items,
    lost_leaves,
    meta,
    next_band,
    not_applicable,
    num,
    partly_pending,
    pending_leaves,
    risk_leaves,
    share,
    signed,
    source_line,
    stage_totals,
    status,
    summary,
    total,
    whatif_changes,
    whatif_rows,
)

if TYPE_CHECKING:
    from rich.console import Console

    from .._gains import Gain


def _style(percent: Decimal | None) -> str:
    """Green from 90 %, yellow from 70 %, red below (only drawn in colour)."""
    if percent is None:
        return ""
    return "green" if percent >= 90 else "yellow" if percent >= 70 else "red"


def breakdown(console: Console, result: UnitResult, options: Options) -> None:
    lang = options.lang
    console.print(f"{result.unit.name} ({result.unit.id})", style="bold")
    console.print(meta(result, lang))
    console.print(source_line(result, lang), style="dim")
    console.print()
    console.print(summary(result, lang), style="bold " + _style(share(result.points,
                                                                      result.max)))
    baseline = options.baseline.get(result.unit.id)
    if baseline is not None:
        _whatif(console, baseline, result, lang)
    _components(console, result, lang)
    _lost(console, result, options)
    _risk(console, result, lang)
    if result.stage == "appraised":
        _appraisal(console, result, lang)
    if options.gains is not None:
        _gains(console, result, options)
    if result.issues:
        console.print()
        console.print(msg("rep.issues").render(lang), style="bold")
        t = table(("", "left"), ("", "left"), header=False, box=False)
        for issue in result.issues:
            t.add_row(msg(f"rep.{issue.level}").render(lang) + ":", issue.render(lang),
                      style="red" if issue.level == "error" else "yellow")
        console.print(t)


def _components(console: Console, result: UnitResult, lang: str) -> None:
    console.print()
    t = table((msg("rep.code").render(lang), "left"),
              (msg("rep.component").render(lang), "left"),
              (msg("view.achieved").render(lang), "right"),
              ("", "left"),
              (msg("rep.lost").render(lang), "right"),
              (msg("rep.index").render(lang), "right"),
              title=msg("view.components").render(lang))
    for node in components(result):
        state = status(node, lang)
        if state:
            t.add_row(node.code, node.title, state, "", "", "", style="dim")
            continue
        index = share(node.points, node.max)
        mark = "*" if partly_pending(node) else ""
        t.add_row(node.code, node.title,
                  f"{num(node.points, result, lang)}/{num(node.max, result, lang)}{mark}",
                  bar(node.points, node.max), num(node.lost, result, lang),
                  num(index, result, lang) if index is not None else "",
                  style=_style(index) if node.lost else "")
    for node in extras(result):
        t.add_row(node.code, node.title, extra_points(node, result, lang), "", "", "")
    t.add_section()
    t.add_row("", msg("view.total").render(lang),
              f"{num(result.points, result, lang)}/{num(result.max, result, lang)}",
              bar(result.points, result.max),
              num(result.lost, result, lang),
              num(result.index, result, lang), style="bold")
    console.print(t)
    na = not_applicable(result)
    if na:
        console.print(msg("view.note_na", items=items(na, lang)).render(lang), style="dim")
    pending = pending_leaves(result)
    if pending:
        console.print(msg("view.note_pending", items=items(pending, lang)).render(lang),
                      style="dim")


def _lost(console: Console, result: UnitResult, options: Options) -> None:
    lang = options.lang
    lost = lost_leaves(result)
    console.print()
    if not lost:
        console.print(msg("rep.lost_title").render(lang), style="bold")
        console.print(msg("rep.none_lost").render(lang))
        return
    console.print(msg("view.lost_head", points=num(total(lost, "lost"), result, lang),
                      count=len(lost)).render(lang), style="bold")
    limit = len(lost) if options.all_lost else options.top
    t = table(("", "right"), ("", "left"), ("", "left"), header=False, box=False)
    for node in lost[:limit]:
        why = node.explanation.render(lang) if node.explanation else ""
        t.add_row(f"−{num(node.lost, result, lang)}", node.code, f"{node.title}\n{why}")
    console.print(t)
    if len(lost) > limit:
        console.print(msg("rep.more_lost", count=len(lost) - limit).render(lang), style="dim")


def _risk(console: Console, result: UnitResult, lang: str) -> None:
    risky = risk_leaves(result)
    if not risky:
        return
    console.print()
    console.print(msg("view.risk_head", points=num(total(risky, "at_risk"), result, lang),
                      count=len(risky)).render(lang), style="bold")
    t = table(("", "right"), ("", "left"), ("", "left"), header=False, box=False)
    for node in risky:
        t.add_row(num(node.at_risk, result, lang), node.code, node.title)
    console.print(t)


def _appraisal(console: Console, result: UnitResult, lang: str) -> None:
    console.print()
    console.print(msg("view.appraisal_head").render(lang), style="bold")
    totals = stage_totals(result)
    console.print(msg("view.appraisal_totals", own=num(totals.self_points, result, lang),
                      own_index=num(totals.self_index, result, lang),
                      points=num(totals.points, result, lang),
                      index=num(totals.index, result, lang),
                      diff=signed(totals.points - totals.self_points, result, lang)
                      ).render(lang))
    changed = appraisal_changes(result)
    if not changed:
        console.print(msg("view.appraisal_none").render(lang))
        return
    t = table((msg("rep.code").render(lang), "left"),
              (msg("view.self").render(lang), "right"),
              (msg("view.appraised").render(lang), "right"),
              (msg("view.diff").render(lang), "right"),
              (msg("rep.title").render(lang), "left"))
    for node in changed:
        assert node.self_points is not None
        reason = (msg("view.reason", reason=node.appraisal_reason) if node.appraisal_reason
                  else msg("view.no_reason")).render(lang)
        t.add_row(node.code, num(node.self_points, result, lang), num(node.points, result, lang),
                  signed(node.points - node.self_points, result, lang),
                  f"{node.title}\n{reason}")
    console.print(t)


def _gains(console: Console, result: UnitResult, options: Options) -> None:
    lang = options.lang
    found: Sequence[Gain] = (options.gains or {}).get(result.unit.id, ())
    console.print()
    if not found:
        console.print(msg("view.gains_none").render(lang), style="bold")
        return
    recoverable = sum((g.recoverable for g in found), Decimal(0))
    console.print(msg("view.gains_head", points=num(recoverable, result, lang),
                      count=len(found)).render(lang), style="bold")
    limit = len(found) if options.all_lost else options.top
    t = table(("", "right"), ("", "left"), ("", "left"), header=False, box=False)
    for gain in found[:limit]:
        t.add_row(f"+{num(gain.recoverable, result, lang)}", gain.node.code,
                  f"{gain.node.title}\n{next_band(gain, result, lang)}")
    console.print(t)
    if len(found) > limit:
        console.print(msg("rep.more_lost", count=len(found) - limit).render(lang), style="dim")


def _whatif(console: Console, before: UnitResult, after: UnitResult, lang: str) -> None:
    console.print()
    console.print(msg("view.whatif_head").render(lang), style="bold")
    for change in whatif_changes(before, after):
        console.print("  " + msg("view.whatif_leaf", code=change.after.code,
                                 before=num(change.before.points, after, lang),
                                 after=num(change.after.points, after, lang),
                                 diff=signed(change.diff, after, lang)).render(lang))
        if change.after.explanation is not None:
            console.print("    " + change.after.explanation.render(lang), style="dim")
        if change.council_decides:
            console.print("    " + msg("view.whatif_council", code=change.after.code
                                       ).render(lang), style="yellow")
    t = table(("", "left"), (msg("view.now").render(lang), "right"),
              (msg("view.whatif").render(lang), "right"))
    for row in whatif_rows(before, after, lang):
        t.add_row(*row)
    console.print(t)
