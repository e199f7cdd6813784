"""The terminal output: the province view here, one unit's breakdown in
`_text_unit`, both drawn with rich (which stays inside this package).

Everything goes through one console writing into a string: rich's, with
colours and styles, when the caller says the output is a colour terminal;
otherwise plain text without a single escape code (pipes, files, NO_COLOR),
drawn by `_plain` exactly as rich would. Markup is off, so brackets in
titles and explanations print as they are.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from .._i18n import msg
from .._model import UnitResult
from ._base import Options, Report, shown
from ._plain import Styled
from ._rich import Out, make_console, table
from ._tables import groups, matrices, matrix_rows, ranking_table
from ._text_unit import breakdown


class TextReport(Report):
    name = "text"

    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        out = io.StringIO()
        console = make_console(options, out)
        if len(results) > 1:
            province(console, results, options)
        for i, result in enumerate(shown(results, options)):
            if i or len(results) > 1:
                console.print()
            breakdown(console, result, options)
        if console.is_terminal:
            return out.getvalue()
        # Plain text is pasted and diffed: no padding after the last character.
        return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def province(console: Out, results: Sequence[UnitResult], options: Options) -> None:
    """Ranking per group, then the component-by-unit matrix and the group's
    mean per component."""
    lang = options.lang
    previous = options.previous or None
    for group, members in groups(results).items():
        head, rows, right = ranking_table(members, lang, previous)
        t = table(*((h, "right" if i in right else "left") for i, h in enumerate(head)),
                  title=msg("rep.ranking", group=group).render(lang))
        for row in rows:
            t.add_row(*row)
        console.print(t)
        console.print()
    for matrix in matrices(results):
        view = matrix_rows(matrix, lang)
        t = table((msg("rep.code").render(lang), "left"),
                  *((c.code, "right") for c in matrix.columns),
                  (msg("view.lost_total").render(lang), "right"),
                  title=msg("view.heat_head", group=matrix.group).render(lang))
        t.columns[0].no_wrap = True
        for unit, *cells, lost in view.heat:
            t.add_row(unit, *(_heat(cell) for cell in cells), lost)
        t.add_section()
        t.add_row(msg("view.mean").render(lang), *view.mean, "", style="bold")
        console.print(t)
        console.print(msg("view.heat_legend").render(lang), style="dim")
        console.print()
        t = table((msg("rep.code").render(lang), "left"),
                  (msg("rep.component").render(lang), "left"),
                  (msg("view.mean_points").render(lang), "right"),
                  (msg("rep.max").render(lang), "right"),
                  (msg("rep.index").render(lang), "right"),
                  (msg("view.units").render(lang), "right"),
                  title=msg("view.mean_head", group=matrix.group).render(lang))
        for row in view.means:
            t.add_row(*row)
        console.print(t)
        console.print()


#: colours of the heat cells by their shade glyph (drawn only in colour)
HEAT = {"·": "green", "░": "", "▒": "yellow", "▓": "dark_orange", "█": "bold red"}


def _heat(cell: str) -> Styled:
    return Styled(cell, HEAT.get(cell[-1:], "dim"))
