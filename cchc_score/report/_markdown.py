"""Markdown output, fit to paste into a report: the province view (ranking,
component matrix, group means) and each unit's breakdown, as plain pipe
tables and headings."""

from __future__ import annotations

from collections.abc import Sequence

from .._i18n import msg
from .._model import UnitResult
from ._base import Options, Report, shown, stamp_of
from ._tables import (
    appraisal_rows,
    appraisal_totals,
    component_rows,
    explanation,
    extra_points,
    extras,
    gains_head,
    groups,
    lost_head,
    lost_leaves,
    matrices,
    matrix_rows,
    meta,
    na_note,
    next_band,
    num,
    pending_note,
    ranking_table,
    risk_head,
    risk_leaves,
    shows_rounds,
    source_line,
    stage_headers,
    stage_rows,
    summary,
    trail_rows,
    whatif_changes,
    whatif_line,
    whatif_rows,
)


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def table(head: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


class MarkdownReport(Report):
    name = "md"

    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        lines: list[str] = []
        if len(results) > 1:
            lines += province(results, options)
        for result in shown(results, options):
            lines += breakdown(result, options)
        lines += stamp_section(results, options)
        return "\n".join(lines).rstrip("\n") + "\n"


def stamp_section(results: Sequence[UnitResult], options: Options) -> list[str]:
    """The run's stamp as a closing section: one bullet per fact."""
    stamp = stamp_of(results, options)
    return ["", f"## {msg('stamp.title').render(options.lang)}", "",
            *(f"- {_cell(line)}" for line in stamp.lines(options.lang)), ""]


def province(results: Sequence[UnitResult], options: Options) -> list[str]:
    lang = options.lang

    def t(key: str) -> str:
        return msg(key).render(lang)

    previous = options.previous or None
    lines: list[str] = []
    for group, members in groups(results).items():
        lines += [f"## {msg('rep.ranking', group=group).render(lang)}", ""]
        lines += table(*ranking_table(members, lang, previous))
    for matrix in matrices(results):
        rows = matrix_rows(matrix, lang)
        lines += [f"### {msg('view.heat_head', group=matrix.group).render(lang)}", ""]
        lines += table([t("rep.code"), *(c.code for c in matrix.columns), t("view.lost_total")],
                       [*rows.heat, [f"**{t('view.mean')}**", *rows.mean, ""]],
                       set(range(1, len(matrix.columns) + 2)))
        lines += [t("view.heat_legend"), ""]
        lines += [f"### {msg('view.mean_head', group=matrix.group).render(lang)}", ""]
        lines += table([t("rep.code"), t("rep.component"), t("view.mean_points"), t("rep.max"),
                        t("rep.index"), t("view.units")], rows.means, {2, 3, 4, 5})
    return lines


def breakdown(result: UnitResult, options: Options) -> list[str]:
    lang = options.lang

    def t(key: str) -> str:
        return msg(key).render(lang)

    lines = [f"## {result.unit.name} ({result.unit.id})", "",
             meta(result, lang) + "  ", source_line(result, lang), "",
             f"**{summary(result, lang)}**", ""]
    before = options.baseline.get(result.unit.id)
    if before is not None:
        lines += [f"### {t('view.whatif_head')}", ""]
        for change in whatif_changes(before, result):
            line = whatif_line(change, result, lang)
            if change.after.explanation is not None:
                line += f": {change.after.explanation.render(lang)}"
            if change.council_decides:
                line += f" ({msg('view.whatif_council', code=change.after.code).render(lang)})"
            lines.append(f"- {line}")
        lines.append("")
        lines += table(["", t("view.now"), t("view.whatif")],
                       [list(row) for row in whatif_rows(before, result, lang)], {1, 2})

    rows = [[c.node.code, c.node.title, c.state or c.points + c.mark, c.max, c.lost, c.index]
            for c in component_rows(result, lang)]
    rows += [[n.code, n.title, extra_points(n, result, lang), "", "", ""]
             for n in extras(result)]
    rows.append(["", f"**{t('view.total')}**", f"**{num(result.points, result, lang)}**",
                 num(result.max, result, lang), num(result.lost, result, lang),
                 f"**{num(result.index, result, lang)}**"])
    lines += [f"### {t('view.components')}", ""]
    lines += table([t("rep.code"), t("rep.component"), t("rep.points"), t("rep.max"),
                    t("rep.lost"), t("rep.index")], rows, {2, 3, 4, 5})
    notes = []
    if na := na_note(result, lang):
        notes.append(na)
    if pending := pending_note(result, lang):
        notes.append("\\" + pending)  # a line starting with "*" would become a bullet
    lines += [*(f"{note}  " for note in notes), *([""] if notes else [])]

    lost = lost_leaves(result)
    if lost:
        limit = options.limit(len(lost))
        lines += [f"### {lost_head(lost, result, lang)}", ""]
        lines += table([t("rep.lost"), t("rep.code"), t("rep.title"), t("rep.explanation")],
                       [[num(n.lost, result, lang), n.code, n.title, explanation(n, lang)]
                        for n in lost[:limit]], {0})
        if len(lost) > limit:
            lines += [msg("rep.more_lost", count=len(lost) - limit).render(lang), ""]
    else:
        lines += [f"### {t('rep.lost_title')}", "", t("rep.none_lost"), ""]

    if risky := risk_leaves(result):
        lines += [f"### {risk_head(risky, result, lang)}", ""]
        lines += table([t("rep.points"), t("rep.code"), t("rep.title")],
                       [[num(n.at_risk, result, lang), n.code, n.title] for n in risky], {0})

    if result.appraised:
        lines += [f"### {t('view.appraisal_head')}", "", appraisal_totals(result, lang), ""]
        changed = appraisal_rows(result, lang)
        if changed:
            lines += table([t("rep.code"), t("rep.title"), t("view.self"), t("view.appraised"),
                            t("view.diff"), t("view.reason_head")], changed, {2, 3, 4})
        else:
            lines += [t("view.appraisal_none"), ""]

    if shows_rounds(result):
        lines += [f"### {t('view.stages_head')}", ""]
        lines += table(stage_headers(result, lang), stage_rows(result, lang),
                       set(range(1, len(stage_headers(result, lang)))))
        if trail := trail_rows(result, lang):
            lines += [f"### {t('view.trail_head')}", ""]
            lines += table([t("rep.code"), t("rep.title"), "", "", "", t("view.reason_head")],
                           trail, set())

    if options.gains is not None:
        found = list(options.gains.get(result.unit.id, ()))
        if found:
            limit = options.limit(len(found))
            lines += [f"### {gains_head(found, result, lang)}", ""]
            lines += table([t("view.recoverable"), t("rep.code"), t("rep.title"),
                            t("view.to_declare")],
                           [[f"+{num(g.recoverable, result, lang)}", g.node.code, g.node.title,
                             next_band(g, result, lang).replace("\n", " · ")]
                            for g in found[:limit]], {0})
        else:
            lines += [f"### {t('view.gains_none')}", ""]

    if result.issues:
        lines += [f"### {t('rep.issues')}", ""]
        lines += [f"- {t('rep.' + i.level)}: {_cell(i.render(lang))}" for i in result.issues]
        lines.append("")
    return lines
