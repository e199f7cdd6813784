"""Province views: a group's ranking (with last year's change and the
plugins' reasons) and the heat matrix of units × components with the
group's means. Re-exported by `_tables`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from .._i18n import msg
from .._model import NodeResult, UnitResult
from .._numbers import quantize
from ._view_common import groups, num, share, signed, total

if TYPE_CHECKING:
    from ._previous import Previous


def index_change(result: UnitResult, before: Previous) -> Decimal:
    """Published index now minus last year's published index (both rounded
    to this set's decimals: the JSON file holds the exact value)."""
    return result.published_index - quantize(before.index, result.criteria.decimals)


def change(result: UnitResult, previous: Mapping[str, Previous], lang: str) -> str:
    """Index change against last year, with the rank move: "+1,25 ▲2";
    "mới" for a unit that was not in last year's file."""
    before = previous.get(result.unit.id)
    if before is None:
        return msg("view.new").render(lang)
    text = signed(index_change(result, before), result, lang)
    if before.rank is not None and result.rank is not None and before.rank != result.rank:
        moved = before.rank - result.rank
        text += f" {'▲' if moved > 0 else '▼'}{abs(moved)}"
    return text


def reasons(result: UnitResult, lang: str) -> str:
    """Why the unit has its band and its place among equal indexes, as a
    plugin said ("" when none did)."""
    return "; ".join(r.render(lang) for r in (result.band_reason, result.rank_reason)
                     if r is not None)


def ranking_table(members: Sequence[UnitResult], lang: str,
                  previous: Mapping[str, Previous] | None
                  ) -> tuple[list[str], list[list[str]], set[int]]:
    """Header, rows and right-aligned columns of a group's ranking: rank,
    unit id and name, points, max, index, band (left out when the set has
    no bands), with last year's results the change, and the plugins'
    reasons for bands and tie-breaks when any was given."""
    with_band = any(r.band for r in members)
    with_reason = any(reasons(r, lang) for r in members)
    keys = ["rep.rank", "rep.code", "rep.unit", "rep.points", "rep.max", "rep.index",
            *(["rep.band"] if with_band else []), *(["view.change"] if previous else []),
            *(["rep.reason"] if with_reason else [])]
    rows = []
    for r in members:
        row = [str(r.rank or ""), r.unit.id, r.unit.name, num(r.points, r, lang),
               num(r.max, r, lang), num(r.index, r, lang)]
        row += [r.band or ""] if with_band else []
        row += [change(r, previous, lang)] if previous else []
        row += [reasons(r, lang)] if with_reason else []
        rows.append(row)
    right = {0, 3, 4, 5} | ({len(keys) - 1} if previous else set())
    return [msg(k).render(lang) for k in keys], rows, right


@attrs.frozen
class Column:
    """A component as a column of the province matrix."""

    code: str
    title: str


@attrs.frozen
class Matrix:
    """Units of one group and one criteria set × their components."""

    group: str
    columns: tuple[Column, ...]
    members: tuple[UnitResult, ...]

    def cell(self, result: UnitResult, code: str) -> NodeResult | None:
        return next((n for n in result.nodes if n.code == code), None)

    def mean(self, code: str) -> tuple[Decimal, Decimal, Decimal, int] | None:
        """(mean points, mean max, mean lost, units) over the units the
        component applies to; None when it applies to none."""
        nodes = [n for r in self.members if (n := self.cell(r, code)) and n.max > 0]
        if not nodes:
            return None
        count = Decimal(len(nodes))
        return (total(nodes, "points") / count, total(nodes, "max") / count,
                total(nodes, "lost") / count, len(nodes))


def matrices(results: Sequence[UnitResult]) -> list[Matrix]:
    """One matrix per group (per group and criteria set when a group mixes sets)."""
    out: list[Matrix] = []
    for group, members in groups(results).items():
        by_set: dict[str, list[UnitResult]] = {}
        for r in members:
            by_set.setdefault(r.criteria.id, []).append(r)
        for same in by_set.values():
            columns = tuple(Column(n.code, n.title) for n in same[0].criteria.roots
                            if n.role == "score")
            out.append(Matrix(group, columns, tuple(same)))
    return out


SHADES = ("·", "░", "▒", "▓", "█")


def shade(lost_share: Decimal | None) -> str:
    """A glyph for the share of a component's points lost, readable without
    colour: · none, ░ under 10 %, ▒ under 25 %, ▓ under 50 %, █ 50 % or more."""
    if lost_share is None or lost_share <= 0:
        return SHADES[0]
    for limit, glyph in ((10, SHADES[1]), (25, SHADES[2]), (50, SHADES[3])):
        if lost_share < limit:
            return glyph
    return SHADES[4]


@attrs.frozen
class MatrixRows:
    """A matrix as rows of text: `heat` (unit id, a heat cell per component,
    points lost), `mean` (the group's mean heat cell per component) and
    `means` (code, title, mean points, max, index, units counted)."""

    heat: list[list[str]]
    mean: list[str]
    means: list[list[str]]


def matrix_rows(matrix: Matrix, lang: str) -> MatrixRows:
    first = matrix.members[0]
    heat = [[r.unit.id, *(heat_cell(matrix, r, c.code, lang) for c in matrix.columns),
             num(r.lost, r, lang)] for r in matrix.members]
    means = [matrix.mean(c.code) for c in matrix.columns]
    rows = []
    for column, m in zip(matrix.columns, means, strict=True):
        if m is None:
            rows.append([column.code, column.title, msg("rep.na").render(lang), "", "", "0"])
            continue
        points, maximum, _, count = m
        rows.append([column.code, column.title, num(points, first, lang),
                     num(maximum, first, lang),
                     num(points / maximum * first.criteria.scale, first, lang), str(count)])
    return MatrixRows(heat, [mean_cell(m, first, lang) for m in means], rows)


def heat_cell(matrix: Matrix, result: UnitResult, code: str, lang: str) -> str:
    """"2,50 ▓" (points lost and their shade), "—" not applicable, "…" pending."""
    node = matrix.cell(result, code)
    if node is None or node.na:
        return "—"
    if node.max == 0:
        return "…"
    return f"{num(node.lost, result, lang)}{shade(share(node.lost, node.max))}"


def mean_cell(mean: tuple[Decimal, Decimal, Decimal, int] | None, result: UnitResult,
              lang: str) -> str:
    """The group's mean points lost in a component, shaded like the cells."""
    if mean is None:
        return "—"
    return f"{num(mean[2], result, lang)}{shade(share(mean[2], mean[1]))}"
