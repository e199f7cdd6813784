"""Markdown output, fit to paste into a report: the province view (ranking,
component matrix, group means) and each unit's breakdown, as plain pipe
tables and headings."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .._i18n import msg
from .._model import UnitResult
from ._base import Options, Report, shown
from ._tables import (
    RANKING_RIGHT,
    appraisal_changes,
    components,
    extra_points,
    extras,
    groups,
    heat_cell,
    items,
    lost_leaves,
    matrices,
    mean_cell,
    meta,
    next_band,
    not_applicable,
    num,
    partly_pending,
    pending_leaves,
    ranking_table,
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
        return "\n".join(lines).rstrip("\n") + "\n"


def province(results: Sequence[UnitResult], options: Options) -> list[str]:
    lang = options.lang

    def t(key: str) -> str:
        return msg(key).render(lang)

    previous = options.previous or None
    lines: list[str] = []
    for group, members in groups(results).items():
        lines += [f"## {msg('rep.ranking', group=group).render(lang)}", ""]
        head, rows = ranking_table(members, lang, previous)
        lines += table(head, rows, RANKING_RIGHT | ({len(head) - 1} if previous else set()))
    for matrix in matrices(results):
        first = matrix.members[0]
        means = [matrix.mean(c.code) for c in matrix.columns]
        rows = [[r.unit.id, *(heat_cell(matrix, r, c.code, lang) for c in matrix.columns),
                 num(r.lost, r, lang)] for r in matrix.members]
        rows.append([f"**{t('view.mean')}**", *(mean_cell(m, first, lang) for m in means), ""])
        lines += [f"### {msg('view.heat_head', group=matrix.group).render(lang)}", ""]
        lines += table([t("rep.code"), *(c.code for c in matrix.columns), t("view.lost_total")],
                       rows, set(range(1, len(matrix.columns) + 2)))
        lines += [t("view.heat_legend"), ""]
        mean_rows = []
        for column, m in zip(matrix.columns, means, strict=True):
            if m is None:
                mean_rows.append([column.code, column.title, t("rep.na"), "", "", "0"])
                continue
            points, maximum, _, count = m
            mean_rows.append([column.code, column.title, num(points, first, lang),
                              num(maximum, first, lang),
                              num(points / maximum * first.criteria.scale, first, lang),
                              str(count)])
        lines += [f"### {msg('view.mean_head', group=matrix.group).render(lang)}", ""]
        lines += table([t("rep.code"), t("rep.component"), t("view.mean_points"), t("rep.max"),
                        t("rep.index"), t("view.units")], mean_rows, {2, 3, 4, 5})
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
            line = msg("view.whatif_leaf", code=change.after.code,
                       before=num(change.before.points, result, lang),
                       after=num(change.after.points, result, lang),
                       diff=signed(change.diff, result, lang)).render(lang)
            if change.after.explanation is not None:
                line += f": {change.after.explanation.render(lang)}"
            if change.council_decides:
                line += f" ({msg('view.whatif_council', code=change.after.code).render(lang)})"
            lines.append(f"- {line}")
        lines.append("")
        lines += table(["", t("view.now"), t("view.whatif")],
                       [list(row) for row in whatif_rows(before, result, lang)], {1, 2})

    rows = []
    for node in components(result):
        state = status(node, lang)
        index = share(node.points, node.max)
        mark = "*" if partly_pending(node) else ""
        rows.append([node.code, node.title, state or num(node.points, result, lang) + mark,
                     "" if state else num(node.max, result, lang),
                     "" if state else num(node.lost, result, lang),
                     num(index, result, lang) if index is not None and not state else ""])
    rows += [[n.code, n.title, extra_points(n, result, lang), "", "", ""]
             for n in extras(result)]
    rows.append(["", f"**{t('view.total')}**", f"**{num(result.points, result, lang)}**",
                 num(result.max, result, lang), num(result.lost, result, lang),
                 f"**{num(result.index, result, lang)}**"])
    lines += [f"### {t('view.components')}", ""]
    lines += table([t("rep.code"), t("rep.component"), t("rep.points"), t("rep.max"),
                    t("rep.lost"), t("rep.index")], rows, {2, 3, 4, 5})
    notes = []
    if na := not_applicable(result):
        notes.append(msg("view.note_na", items=items(na, lang)).render(lang))
    if pending := pending_leaves(result):
        # A line starting with "*" would become a bullet.
        notes.append("\\" + msg("view.note_pending", items=items(pending, lang)).render(lang))
    lines += [*(f"{note}  " for note in notes), *([""] if notes else [])]

    lost = lost_leaves(result)
    if lost:
        limit = len(lost) if options.all_lost else options.top
        lines += [f"### {msg('view.lost_head', points=num(total(lost, 'lost'), result, lang), count=len(lost)).render(lang)}", ""]  # noqa: E501
        lines += table([t("rep.lost"), t("rep.code"), t("rep.title"), t("rep.explanation")],
                       [[num(n.lost, result, lang), n.code, n.title,
                         n.explanation.render(lang) if n.explanation else ""]
                        for n in lost[:limit]], {0})
        if len(lost) > limit:
            lines += [msg("rep.more_lost", count=len(lost) - limit).render(lang), ""]
    else:
        lines += [f"### {t('rep.lost_title')}", "", t("rep.none_lost"), ""]

    if risky := risk_leaves(result):
        lines += [f"### {msg('view.risk_head', points=num(total(risky, 'at_risk'), result, lang), count=len(risky)).render(lang)}", ""]  # noqa: E501
        lines += table([t("rep.points"), t("rep.code"), t("rep.title")],
                       [[num(n.at_risk, result, lang), n.code, n.title] for n in risky], {0})

    if result.stage == "appraised":
        totals = stage_totals(result)
        lines += [f"### {t('view.appraisal_head')}", "",
                  msg("view.appraisal_totals", own=num(totals.self_points, result, lang),
                      own_index=num(totals.self_index, result, lang),
                      points=num(totals.points, result, lang),
                      index=num(totals.index, result, lang),
                      diff=signed(totals.points - totals.self_points, result, lang)
                      ).render(lang), ""]
        changed = appraisal_changes(result)
        if changed:
            lines += table(
                [t("rep.code"), t("rep.title"), t("view.self"), t("view.appraised"),
                 t("view.diff"), t("view.reason_head")],
                [[n.code, n.title, num(own, result, lang), num(n.points, result, lang),
                  signed(n.points - own, result, lang), n.appraisal_reason or t("view.no_reason")]
                 for n in changed if (own := n.self_points) is not None], {2, 3, 4})
        else:
            lines += [t("view.appraisal_none"), ""]

    if options.gains is not None:
        found = list(options.gains.get(result.unit.id, ()))
        if found:
            limit = len(found) if options.all_lost else options.top
            recoverable = sum((g.recoverable for g in found), Decimal(0))
            lines += [f"### {msg('view.gains_head', points=num(recoverable, result, lang), count=len(found)).render(lang)}", ""]  # noqa: E501
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
