"""One unit's breakdown as HTML: summary, what-if, components with bars,
where the points were lost (with the reasons), points at risk, self vs
appraised, where to gain, warnings; and the stamp saying what produced the
page. Shared by the HTML report and the web pages."""

from __future__ import annotations

from collections.abc import Sequence

from .._i18n import msg
from .._model import UnitResult
from .._numbers import plain
from ._base import Options, stamp_of
from ._html_kit import bar, esc, table, tag
from ._tables import (
    appraisal_rows,
    appraisal_totals,
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
    source_line,
    summary,
    whatif_changes,
    whatif_line,
    whatif_rows,
)


def breakdown(result: UnitResult, options: Options, *, level: int = 2,
              whatif_head: str = "view.whatif_head") -> str:
    """The unit's section; `level` is the heading level of its title;
    `whatif_head` the message heading the what-if (the web page's differs)."""
    lang = options.lang

    def t(key: str) -> str:
        return msg(key).render(lang)

    h, sub = f"h{level}", f"h{level + 1}"
    parts = [tag(h, esc(f"{result.unit.name} ({result.unit.id})")),
             tag("p", esc(meta(result, lang)) + "<br>" + esc(source_line(result, lang)),
                 class_="meta"),
             tag("p", esc(summary(result, lang)), class_="summary",
                 data_points=plain(result.points), data_max=plain(result.max),
                 data_index=plain(result.index), data_rank=result.rank)]

    before = options.baseline.get(result.unit.id)
    if before is not None:
        lines = []
        for change in whatif_changes(before, result):
            line = whatif_line(change, result, lang)
            if change.after.explanation is not None:
                line += f": {change.after.explanation.render(lang)}"
            if change.council_decides:
                line += f" ({msg('view.whatif_council', code=change.after.code).render(lang)})"
            lines.append(tag("li", esc(line)))
        parts.append(tag(sub, esc(t(whatif_head))) + tag("ul", "".join(lines))
                     + table(["", t("view.now"), t("view.whatif")],
                             [list(r) for r in whatif_rows(before, result, lang)], {1, 2},
                             class_="whatif"))

    rows = []
    for c in component_rows(result, lang):
        graph = (bar(c.node.points, c.node.max, label=c.achieved) if not c.state else "")
        rows.append([esc(c.node.code), esc(c.node.title), esc(c.achieved), graph,
                     esc(c.lost), esc(c.index)])
    rows += [[esc(n.code), esc(n.title), esc(extra_points(n, result, lang)), "", "", ""]
             for n in extras(result)]
    foot = ["", esc(t("view.total")),
            esc(f"{num(result.points, result, lang)}/{num(result.max, result, lang)}"),
            bar(result.points, result.max, label=t("view.total")),
            esc(num(result.lost, result, lang)), esc(num(result.index, result, lang))]
    notes = "".join(tag("p", esc(n), class_="note")
                    for n in (na_note(result, lang), pending_note(result, lang)) if n)
    parts.append(tag(sub, esc(t("view.components")))
                 + table([t("rep.code"), t("rep.component"), t("view.achieved"), "",
                          t("rep.lost"), t("rep.index")], rows, {2, 4, 5},
                         class_="components", raw=set(range(6)), foot=foot) + notes)

    lost = lost_leaves(result)
    if lost:
        # Every one, as in the Word report: a page has room for them all.
        parts.append(tag(sub, esc(lost_head(lost, result, lang)))
                     + table([t("rep.lost"), t("rep.code"), t("rep.title"),
                              t("rep.explanation")],
                             [[num(n.lost, result, lang), n.code, n.title, explanation(n, lang)]
                              for n in lost], {0}, class_="lost"))
    else:
        parts.append(tag(sub, esc(t("rep.lost_title"))) + tag("p", esc(t("rep.none_lost"))))

    if risky := risk_leaves(result):
        parts.append(tag(sub, esc(risk_head(risky, result, lang)))
                     + table([t("rep.points"), t("rep.code"), t("rep.title")],
                             [[num(n.at_risk, result, lang), n.code, n.title] for n in risky],
                             {0}, class_="risk"))

    if result.appraised:
        changed = appraisal_rows(result, lang)
        parts.append(tag(sub, esc(t("view.appraisal_head")))
                     + tag("p", esc(appraisal_totals(result, lang)))
                     + (table([t("rep.code"), t("rep.title"), t("view.self"),
                               t("view.appraised"), t("view.diff"), t("view.reason_head")],
                              changed, {2, 3, 4}, class_="appraisal") if changed
                        else tag("p", esc(t("view.appraisal_none")))))

    if options.gains is not None:
        parts.append(_gains(result, options, sub))

    if result.issues:
        items = "".join(tag("li", esc(f"{t('rep.' + i.level)}: {i.render(lang)}"),
                            class_=i.level) for i in result.issues)
        parts.append(tag(sub, esc(t("rep.issues"))) + tag("ul", items, class_="issues"))
    return tag("section", "".join(parts), class_="unit", id=f"unit-{result.unit.id}",
               data_unit=result.unit.id)


def _gains(result: UnitResult, options: Options, sub: str) -> str:
    lang = options.lang
    found = list(options.gains.get(result.unit.id, ())) if options.gains else []
    if not found:
        return tag(sub, esc(msg("view.gains_none").render(lang)))
    limit = options.limit(len(found))
    return (tag(sub, esc(gains_head(found, result, lang)))
            + table([msg(k).render(lang) for k in ("view.recoverable", "rep.code",
                                                    "rep.title", "view.to_declare")],
                    [[f"+{num(g.recoverable, result, lang)}", g.node.code, g.node.title,
                      next_band(g, result, lang).replace("\n", " · ")]
                     for g in found[:limit]], {0}, class_="gains"))


def stamp(results: Sequence[UnitResult], options: Options) -> str:
    """What produced the page (the run's stamp, as every format writes it)."""
    lines = stamp_of(results, options).lines(options.lang)
    return tag("footer", tag("h2", esc(msg("stamp.title").render(options.lang)))
               + tag("ul", "".join(tag("li", esc(line)) for line in lines)), class_="stamp")
