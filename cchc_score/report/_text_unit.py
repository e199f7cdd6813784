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
from ._rich import Out, table
from ._tables import (
    appraisal_changes,
    appraisal_totals,
    bar,
    change_points,
    component_rows,
    explanation,
    extra_points,
    extras,
    gains_head,
    lost_head,
    lost_leaves,
    meta,
    na_note,
    next_band,
    num,
    pending_note,
    risk_head,
    risk_leaves,
    share,
    shows_rounds,
    signed,
    source_line,
    stage_headers,
    stage_rows,
    summary,
    trail_rows,
    whatif_changes,
    whatif_line,
    whatif_rows,
)

if TYPE_CHECKING:
    from .._gains import Gain


def _style(percent: Decimal | None) -> str:
    """Green from 90 %, yellow from 70 %, red below (only drawn in colour)."""
    if percent is None:
        return ""
    return "green" if percent >= 90 else "yellow" if percent >= 70 else "red"


def breakdown(console: Out, result: UnitResult, options: Options) -> None:
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
    if result.appraised:
        _appraisal(console, result, lang)
    if shows_rounds(result):
        _rounds(console, result, lang)
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


def _components(console: Out, result: UnitResult, lang: str) -> None:
    console.print()
    t = table((msg("rep.code").render(lang), "left"),
              (msg("rep.component").render(lang), "left"),
              (msg("view.achieved").render(lang), "right"),
              ("", "left"),
              (msg("rep.lost").render(lang), "right"),
              (msg("rep.index").render(lang), "right"),
              title=msg("view.components").render(lang))
    for row in component_rows(result, lang):
        node = row.node
        if row.state:
            t.add_row(node.code, node.title, row.state, "", "", "", style="dim")
            continue
        t.add_row(node.code, node.title, row.achieved, bar(node.points, node.max), row.lost,
                  row.index, style=_style(row.share) if node.lost else "")
    for node in extras(result):
        t.add_row(node.code, node.title, extra_points(node, result, lang), "", "", "")
    t.add_section()
    t.add_row("", msg("view.total").render(lang),
              f"{num(result.points, result, lang)}/{num(result.max, result, lang)}",
              bar(result.points, result.max),
              num(result.lost, result, lang),
              num(result.index, result, lang), style="bold")
    console.print(t)
    for note in (na_note(result, lang), pending_note(result, lang)):
        if note:
            console.print(note, style="dim")


def _lost(console: Out, result: UnitResult, options: Options) -> None:
    lang = options.lang
    lost = lost_leaves(result)
    console.print()
    if not lost:
        console.print(msg("rep.lost_title").render(lang), style="bold")
        console.print(msg("rep.none_lost").render(lang))
        return
    console.print(lost_head(lost, result, lang), style="bold")
    limit = options.limit(len(lost))
    t = table(("", "right"), ("", "left"), ("", "left"), header=False, box=False)
    for node in lost[:limit]:
        t.add_row(f"−{num(node.lost, result, lang)}", node.code,
                  f"{node.title}\n{explanation(node, lang)}")
    console.print(t)
    if len(lost) > limit:
        console.print(msg("rep.more_lost", count=len(lost) - limit).render(lang), style="dim")


def _risk(console: Out, result: UnitResult, lang: str) -> None:
    risky = risk_leaves(result)
    if not risky:
        return
    console.print()
    console.print(risk_head(risky, result, lang), style="bold")
    t = table(("", "right"), ("", "left"), ("", "left"), header=False, box=False)
    for node in risky:
        t.add_row(num(node.at_risk, result, lang), node.code, node.title)
    console.print(t)


def _appraisal(console: Out, result: UnitResult, lang: str) -> None:
    console.print()
    console.print(msg("view.appraisal_head").render(lang), style="bold")
    console.print(appraisal_totals(result, lang))
    changed = appraisal_changes(result)
    if not changed:
        console.print(msg("view.appraisal_none").render(lang))
        return
    t = table((msg("rep.code").render(lang), "left"),
              (msg("view.self").render(lang), "right"),
              (msg("view.appraised").render(lang), "right"),
              (msg("view.diff").render(lang), "right"),
              (msg("rep.title").render(lang), "left"))
    for change in changed:
        node = change.node
        reason = (msg("view.reason", reason=node.appraisal_reason) if node.appraisal_reason
                  else msg("view.no_reason")).render(lang)
        t.add_row(node.code, change_points(change.own, node, result, lang),
                  change_points(change.appraised, node, result, lang),
                  signed(change.effect, result, lang), f"{node.title}\n{reason}")
    console.print(t)


def _rounds(console: Out, result: UnitResult, lang: str) -> None:
    console.print()
    headers = stage_headers(result, lang)
    t = table(*((h, "left" if i == 0 else "right") for i, h in enumerate(headers)),
              title=msg("view.stages_head").render(lang))
    for row in stage_rows(result, lang):
        t.add_row(*row)
    console.print(t)
    rows = trail_rows(result, lang)
    if not rows:
        return
    console.print()
    console.print(msg("view.trail_head").render(lang), style="bold")
    t = table((msg("rep.code").render(lang), "left"), ("", "left"), ("", "right"),
              (msg("rep.title").render(lang), "left"))
    for code, title, stage, change, who, reason in rows:
        t.add_row(code, stage, change, f"{title}\n{who}: {reason}")
    console.print(t)


def _gains(console: Out, result: UnitResult, options: Options) -> None:
    lang = options.lang
    found: Sequence[Gain] = (options.gains or {}).get(result.unit.id, ())
    console.print()
    if not found:
        console.print(msg("view.gains_none").render(lang), style="bold")
        return
    console.print(gains_head(found, result, lang), style="bold")
    limit = options.limit(len(found))
    t = table(("", "right"), ("", "left"), ("", "left"), header=False, box=False)
    for gain in found[:limit]:
        t.add_row(f"+{num(gain.recoverable, result, lang)}", gain.node.code,
                  f"{gain.node.title}\n{next_band(gain, result, lang)}")
    console.print(t)
    if len(found) > limit:
        console.print(msg("rep.more_lost", count=len(found) - limit).render(lang), style="dim")


def _whatif(console: Out, before: UnitResult, after: UnitResult, lang: str) -> None:
    console.print()
    console.print(msg("view.whatif_head").render(lang), style="bold")
    for change in whatif_changes(before, after):
        console.print("  " + whatif_line(change, after, lang))
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
