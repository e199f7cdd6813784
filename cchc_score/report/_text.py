"""The terminal breakdown, drawn with rich (the only module that imports it)."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence

from .._i18n import msg
from .._model import UnitResult
from ._base import Options, Report
from ._tables import groups, header, lost_leaves, num, status, summary

TOP_LOST = 10


def _console(options: Options, file: io.StringIO):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(file=file, width=options.width or 100, force_terminal=options.color,
                   no_color=not options.color or "NO_COLOR" in os.environ,
                   highlight=False, soft_wrap=False)


class TextReport(Report):
    name = "text"

    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        from rich.table import Table

        lang = options.lang
        out = io.StringIO()
        console = _console(options, out)
        if len(results) > 1:
            for group, members in groups(results).items():
                table = Table(title=msg("rep.ranking", group=group).render(lang),
                              title_justify="left")
                for key, justify in (("rep.rank", "right"), ("rep.unit", "left"),
                                     ("rep.points", "right"), ("rep.max", "right"),
                                     ("rep.index", "right"), ("rep.band", "left")):
                    table.add_column(msg(key).render(lang), justify=justify)  # type: ignore[arg-type]
                for r in members:
                    table.add_row(str(r.rank or ""), r.unit.name, num(r.points, r, lang),
                                  num(r.max, r, lang), num(r.index, r, lang), r.band or "")
                console.print(table)
        shown = results if (len(results) == 1 or options.breakdowns) else []
        for result in shown:
            self._breakdown(console, result, options)
        return out.getvalue()

    def _breakdown(self, console, result: UnitResult, options: Options) -> None:  # type: ignore[no-untyped-def]
        from rich.table import Table

        lang = options.lang
        console.print(header(result, lang), style="bold")
        console.print(summary(result, lang))
        table = Table(title=msg("rep.component").render(lang), title_justify="left")
        for key, justify in (("rep.code", "left"), ("rep.component", "left"),
                             ("rep.points", "right"), ("rep.max", "right"),
                             ("rep.lost", "right")):
            table.add_column(msg(key).render(lang), justify=justify)  # type: ignore[arg-type]
        for node in result.nodes:
            state = status(node, lang)
            table.add_row(node.code, node.title, state or num(node.points, result, lang),
                          "" if state else num(node.max, result, lang),
                          "" if state else num(node.lost, result, lang))
        console.print(table)
        lost = lost_leaves(result)
        console.print(msg("rep.lost_title").render(lang), style="bold")
        if not lost:
            console.print(msg("rep.none_lost").render(lang))
        limit = len(lost) if options.all_lost else TOP_LOST
        for node in lost[:limit]:
            why = node.explanation.render(lang) if node.explanation else ""
            console.print(f"  −{num(node.lost, result, lang)}  {node.code} {node.title}")
            console.print(f"      {why}")
        if len(lost) > limit:
            console.print(msg("rep.more_lost", count=len(lost) - limit).render(lang))
        if result.issues:
            console.print(msg("rep.issues").render(lang), style="bold")
            for issue in result.issues:
                level = msg(f"rep.{issue.level}").render(lang)
                console.print(f"  {level}: {issue.render(lang)}")
