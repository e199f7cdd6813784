"""`--format html`: one self-contained page (inline CSS and SVG, no script,
no request) with what the other formats show: the ranking of each group
with a bar chart, the component heat table and the group's means, then each
unit's breakdown (`_html_unit`). The rows are `_tables`' rows, so every
figure is the one the terminal, Markdown and Word print.

The fragments (`province`, `breakdown`) are also what the web pages of
`cchc-score serve` show, so the browser and the file never disagree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from .._i18n import msg
from .._model import UnitResult
from .._numbers import plain
from ._base import Options, Report, shown
from ._html_kit import bar, esc, heat_level, page, table, tag
from ._html_unit import breakdown, stamp
from ._tables import groups, matrices, matrix_rows, num, ranking_table


class HtmlReport(Report):
    name = "html"

    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        lang = options.lang
        parts = []
        if len(results) > 1:
            parts.append(province(results, options))
        parts += [breakdown(r, options) for r in shown(results, options)]
        title = _title(results, lang)
        body = (tag("header", tag("h1", esc(title)), class_="page-head")
                + tag("main", "".join(parts)) + stamp(results, options))
        return page(title, body, lang)


def _title(results: Sequence[UnitResult], lang: str) -> str:
    """The Word report's titles: the ranking's, or one unit's report's."""
    if not results:
        return "cchc-score"
    first = results[0]
    if len(results) == 1:
        return msg(f"word.title.{first.stage}", year=first.year).render(lang)
    return msg("word.ranking_title", year=first.year,
               stage=msg(f"rep.stage.{first.stage}")).render(lang)


def province(results: Sequence[UnitResult], options: Options,
             links: Mapping[str, str] | None = None) -> str:
    """Ranking (table and bar chart) per group, then each group's heat table
    and means. `links`: unit id → URL of its breakdown (the web page's drill-down)."""
    lang = options.lang
    previous = options.previous or None
    parts = []
    for group, members in groups(results).items():
        head, rows, right = ranking_table(members, lang, previous)
        raw = set()
        if links:
            raw = {1}
            rows = [[*row[:1], tag("a", esc(row[1]), href=links[r.unit.id]), *row[2:]]
                    if r.unit.id in links else [*row[:1], esc(row[1]), *row[2:]]
                    for row, r in zip(rows, members, strict=True)]
        attrs: list[dict[str, object]] = [
            {"data_unit": r.unit.id, "data_points": plain(r.points), "data_max": plain(r.max),
             "data_index": plain(r.index), "data_rank": r.rank} for r in members]
        heading = msg("rep.ranking", group=group).render(lang)
        parts.append(tag("section",
                         tag("h2", esc(heading))
                         + table(head, rows, right, class_="ranking", raw=raw,
                                 row_attrs=attrs)
                         + chart(members, lang, heading),
                         class_="group", data_group=group))
    for matrix in matrices(results):
        view = matrix_rows(matrix, lang)
        t = msg
        head = [t("rep.code").render(lang), *(c.code for c in matrix.columns),
                t("view.lost_total").render(lang)]
        heat_rows = [[esc(row[0]), *(_heat(c) for c in row[1:-1]), esc(row[-1])]
                     for row in view.heat]
        columns = "".join(tag("li", f"<b>{esc(c.code)}</b> {esc(c.title)}")
                          for c in matrix.columns)
        parts.append(tag(
            "section",
            tag("h2", esc(t("view.heat_head", group=matrix.group).render(lang)))
            + table(head, heat_rows, set(range(1, len(head))), class_="heat",
                    raw=set(range(len(head))),
                    foot=[esc(t("view.mean").render(lang)), *(_heat(c) for c in view.mean), ""])
            + tag("p", esc(t("view.heat_legend").render(lang)), class_="note")
            + tag("ul", columns, class_="columns")
            + tag("h3", esc(t("view.mean_head", group=matrix.group).render(lang)))
            + table([t(k).render(lang) for k in ("rep.code", "rep.component",
                                                  "view.mean_points", "rep.max", "rep.index",
                                                  "view.units")],
                    view.means, {2, 3, 4, 5}),
            class_="matrix"))
    return tag("div", "".join(parts), class_="province")


def _heat(cell: str) -> str:
    """A heat cell: its text, coloured by the share of the component lost."""
    level = heat_level(cell)
    return tag("span", esc(cell), class_=f"heat-{level}" if level >= 0 else "heat-none")


#: the chart's geometry, in SVG user units
_LABEL, _BAR, _VALUE, _ROW = 120, 400, 70, 22


def chart(members: Sequence[UnitResult], lang: str, label: str) -> str:
    """A horizontal bar chart of the group's indexes, in ranking order,
    scaled to the set's scale (100)."""
    height = _ROW * len(members) + 4
    width = _LABEL + _BAR + _VALUE
    rows = []
    for i, r in enumerate(members):
        y = i * _ROW + 4
        scale = r.criteria.scale or Decimal(100)
        svg_bar = bar(r.index, scale, width=_BAR, label=f"{r.unit.id} {num(r.index, r, lang)}")
        rows.append(
            f'<text x="{_LABEL - 8}" y="{y + 13}" text-anchor="end">{esc(r.unit.id)}</text>'
            f'<g transform="translate({_LABEL},{y + 3})">{svg_bar}</g>'
            f'<text x="{_LABEL + _BAR + 8}" y="{y + 13}">{esc(num(r.index, r, lang))}</text>')
    return (f'<figure class="chart"><svg viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{esc(label)}" width="100%" style="max-width:{width}px">'
            + "".join(rows) + "</svg></figure>")
