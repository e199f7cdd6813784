"""Markdown output, fit to paste into a report."""

from __future__ import annotations

from collections.abc import Sequence

from .._i18n import msg
from .._model import UnitResult
from ._base import Options, Report
from ._tables import groups, header, lost_leaves, num, status, summary


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


class MarkdownReport(Report):
    name = "md"

    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        lang = options.lang
        t = lambda key: msg(key).render(lang)  # noqa: E731
        lines: list[str] = []
        if len(results) > 1:
            for group, members in groups(results).items():
                lines += [f"## {msg('rep.ranking', group=group).render(lang)}", ""]
                lines += _table(
                    [t("rep.rank"), t("rep.unit"), t("rep.points"), t("rep.max"),
                     t("rep.index"), t("rep.band")],
                    [[str(r.rank or ""), r.unit.name, num(r.points, r, lang), num(r.max, r, lang),
                      num(r.index, r, lang), r.band or ""] for r in members],
                    {0, 2, 3, 4})
                lines.append("")
        shown = results if (len(results) == 1 or options.breakdowns) else []
        for r in shown:
            lines += [f"## {header(r, lang)}", "", summary(r, lang), ""]
            rows = []
            for node in r.nodes:
                state = status(node, lang)
                rows.append([node.code, node.title, state or num(node.points, r, lang),
                             "" if state else num(node.max, r, lang),
                             "" if state else num(node.lost, r, lang)])
            lines += _table([t("rep.code"), t("rep.component"), t("rep.points"), t("rep.max"),
                             t("rep.lost")], rows, {2, 3, 4})
            lost = lost_leaves(r)
            lines += ["", f"### {t('rep.lost_title')}", ""]
            lines += _table([t("rep.code"), t("rep.title"), t("rep.lost"), t("rep.explanation")],
                            [[n.code, n.title, num(n.lost, r, lang),
                              n.explanation.render(lang) if n.explanation else ""]
                             for n in lost], {2}) if lost else [t("rep.none_lost")]
            lines.append("")
        return "\n".join(lines)
