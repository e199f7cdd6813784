"""What each view shows, independent of how it is drawn: the rows, headings
and notes shared by the text, Markdown, CSV and Word formats, so that each
format only draws them. Numbers stay exact here; `num` rounds them (half-up,
the set's decimals) only when they become text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from .._i18n import msg
from .._model import Evidence, NodeResult, RoundChange, UnitResult
from .._numbers import fmt, quantize
from ._previous import Previous

if TYPE_CHECKING:
    from .._gains import Gain

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def num(value: Decimal, result: UnitResult, lang: str) -> str:
    """A number rounded half-up to the set's published decimals."""
    return fmt(value, lang, result.criteria.decimals)


def signed(value: Decimal, result: UnitResult, lang: str) -> str:
    """A rounded difference with its sign: "+0,50", "−1,25", "0,00"."""
    text = num(abs(value), result, lang)
    if quantize(value, result.criteria.decimals) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def mean_cell(mean: tuple[Decimal, Decimal, Decimal, int] | None, result: UnitResult,
              lang: str) -> str:
    """The group's mean points lost in a component, shaded like the cells."""
    if mean is None:
        return "—"
    return f"{num(mean[2], result, lang)}{shade(share(mean[2], mean[1]))}"


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole × 100, exact; None when there is no whole."""
    return part * HUNDRED / whole if whole else None


def groups(results: Sequence[UnitResult]) -> dict[str, list[UnitResult]]:
    out: dict[str, list[UnitResult]] = {}
    for r in results:
        out.setdefault(r.unit.group, []).append(r)
    return out


# -- one unit -----------------------------------------------------------------------


def meta(result: UnitResult, lang: str) -> str:
    """Group, year and stage, on one line."""
    return msg("view.meta", group=result.unit.group, year=result.year,
               stage=msg(f"rep.stage.{result.stage}")).render(lang)


def source_line(result: UnitResult, lang: str) -> str:
    """Who issued the criteria set and by which decision."""
    src = result.criteria.source
    return msg("view.source", id=result.criteria.id, issuer=src.issuer,
               decision=src.decision).render(lang)


def summary(result: UnitResult, lang: str) -> str:
    band = msg("rep.summary_band", band=result.band).render(lang) if result.band else ""
    rank = (msg("rep.summary_rank", rank=result.rank, of=result.rank_of).render(lang)
            if result.rank is not None and (result.rank_of or 0) > 1 else "")
    if band and result.band_reason is not None:
        band += f" ({result.band_reason.render(lang)})"
    if rank and result.rank_reason is not None:
        rank += f" ({result.rank_reason.render(lang)})"
    return msg("rep.summary", unit=result.unit.name, points=num(result.points, result, lang),
               max=num(result.max, result, lang), index=num(result.index, result, lang),
               band=band, rank=rank).render(lang)


def status(node: NodeResult, lang: str) -> str:
    """"not applicable" / "survey pending" for a node that counts nothing."""
    if node.na:
        return msg("rep.na").render(lang)
    if node.pending and node.max == 0:
        return msg("rep.pending").render(lang)
    return ""


def components(result: UnitResult) -> list[NodeResult]:
    """The scored components (bonus and penalty have their own lines)."""
    return [n for n in result.nodes if n.role == "score"]


@attrs.frozen
class ComponentRow:
    """A scored component as every format shows it: its numbers as text, or
    instead its `state` ("not applicable", "survey pending") when it counts
    nothing; `mark` is "*" when some of its survey leaves are pending."""

    node: NodeResult
    state: str = ""
    points: str = ""
    max: str = ""
    lost: str = ""
    index: str = ""
    mark: str = ""
    #: points / max × 100, exact (the terminal colours the row by it)
    share: Decimal | None = None

    @property
    def achieved(self) -> str:
        """"7,50/10,00" (with the mark), or the state."""
        return self.state or f"{self.points}/{self.max}{self.mark}"


def component_rows(result: UnitResult, lang: str) -> list[ComponentRow]:
    rows = []
    for node in components(result):
        state = status(node, lang)
        if state:
            rows.append(ComponentRow(node, state))
            continue
        index = share(node.points, node.max)
        rows.append(ComponentRow(
            node, "", num(node.points, result, lang), num(node.max, result, lang),
            num(node.lost, result, lang), num(index, result, lang) if index is not None else "",
            "*" if partly_pending(node) else "", index))
    return rows


def extras(result: UnitResult) -> list[NodeResult]:
    """Bonus and penalty components that count for this unit."""
    return [n for n in result.nodes if n.role != "score" and not n.na]


def extra_points(node: NodeResult, result: UnitResult, lang: str) -> str:
    """"+1,00" for bonus points, "−0,50" for a penalty, "0,00" for none."""
    if quantize(node.points, result.criteria.decimals) == 0:
        return num(ZERO, result, lang)
    return ("−" if node.role == "penalty" else "+") + num(node.points, result, lang)


def partly_pending(node: NodeResult) -> bool:
    """A component with some survey leaves still pending: its maximum
    leaves them out, and the report marks it."""
    return node.pending and node.max > 0


def not_applicable(result: UnitResult) -> list[NodeResult]:
    """The topmost nodes that do not apply (their children are implied)."""
    found: list[NodeResult] = []

    def visit(node: NodeResult) -> None:
        if node.na:
            found.append(node)
            return
        for child in node.children:
            visit(child)

    for node in result.nodes:
        visit(node)
    return found


def pending_leaves(result: UnitResult) -> list[NodeResult]:
    return [n for n in result.walk() if n.is_leaf and n.pending]


def items(nodes: Sequence[NodeResult], lang: str) -> str:
    """"3 (20 điểm), 7.3 (7 điểm)": codes with the maxima they take out."""
    return ", ".join(msg("view.item_max", code=n.code, max=n.declared_max).render(lang)
                     for n in nodes)


def na_note(result: UnitResult, lang: str) -> str:
    """The note under the components naming what does not apply; "" if all does."""
    na = not_applicable(result)
    return msg("view.note_na", items=items(na, lang)).render(lang) if na else ""


def pending_note(result: UnitResult, lang: str) -> str:
    """The note naming the survey leaves still pending; "" when none is."""
    pending = pending_leaves(result)
    return msg("view.note_pending", items=items(pending, lang)).render(lang) if pending else ""


def explanation(node: NodeResult, lang: str) -> str:
    """Why the node scored what it did; "" when there is nothing to say."""
    return node.explanation.render(lang) if node.explanation else ""


def lost_leaves(result: UnitResult) -> list[NodeResult]:
    """Leaves that lost points, most first (ties in criteria order)."""
    leaves = [n for n in result.walk() if n.is_leaf and n.lost > 0]
    return sorted(leaves, key=lambda n: -n.lost)


def total(nodes: Iterable[Any], field: str) -> Decimal:
    """The sum of one Decimal field of nodes (or gains)."""
    return sum((getattr(n, field) for n in nodes), ZERO)


def lost_head(lost: Sequence[NodeResult], result: UnitResult, lang: str) -> str:
    """"Where the points were lost: 12,50 points in 7 leaves"."""
    return msg("view.lost_head", points=num(total(lost, "lost"), result, lang),
               count=len(lost)).render(lang)


def risk_leaves(result: UnitResult) -> list[NodeResult]:
    """Leaves whose points were claimed without the evidence they need, most first."""
    leaves = [n for n in result.walk() if n.is_leaf and n.at_risk > 0]
    return sorted(leaves, key=lambda n: -n.at_risk)


def risk_head(risky: Sequence[NodeResult], result: UnitResult, lang: str) -> str:
    return msg("view.risk_head", points=num(total(risky, "at_risk"), result, lang),
               count=len(risky)).render(lang)


@attrs.frozen
class AppraisalChange:
    """A leaf the appraisal changed: its points as self-assessed and as
    appraised (None where it was not applicable at that stage)."""

    node: NodeResult
    own: Decimal | None
    appraised: Decimal | None

    @property
    def effect(self) -> Decimal:
        """What the change does to the unit's total: a penalty that grows
        takes points away."""
        delta = (self.appraised or ZERO) - (self.own or ZERO)
        return -delta if self.node.role == "penalty" else delta


def appraisal_changes(result: UnitResult) -> list[AppraisalChange]:
    """Every leaf whose appraised outcome differs from the self-assessed one,
    an applicability change (not applicable → 0/3) included."""
    if result.self_result is None:
        return [AppraisalChange(n, n.self_points, n.points) for n in result.walk()
                if n.is_leaf and n.self_points is not None and n.self_points != n.points]
    before = {n.code: n for n in result.self_result.walk()}
    changes = []
    for n in result.walk():
        old = before.get(n.code)
        if not n.is_leaf or old is None or (old.na, old.points) == (n.na, n.points):
            continue
        changes.append(AppraisalChange(n, None if old.na else old.points,
                                       None if n.na else n.points))
    return changes


def change_points(value: Decimal | None, node: NodeResult, result: UnitResult, lang: str) -> str:
    """Points in the change table: "−1,00" for a penalty (it is subtracted),
    "không áp dụng" where the leaf did not apply at that stage."""
    if value is None:
        return msg("rep.na").render(lang)
    if node.role == "penalty" and quantize(value, result.criteria.decimals) != 0:
        return "−" + num(value, result, lang)
    return num(value, result, lang)


def appraisal_rows(result: UnitResult, lang: str) -> list[list[str]]:
    """Code, title, self-assessed, appraised, difference (what it does to the
    total) and the council's reason of each leaf the appraisal changed."""
    return [[c.node.code, c.node.title, change_points(c.own, c.node, result, lang),
             change_points(c.appraised, c.node, result, lang),
             signed(c.effect, result, lang),
             c.node.appraisal_reason or msg("view.no_reason").render(lang)]
            for c in appraisal_changes(result)]


@attrs.frozen
class StageTotals:
    self_points: Decimal
    self_index: Decimal
    points: Decimal
    index: Decimal


def stage_totals(result: UnitResult) -> StageTotals:
    """The unit's total and index as self-assessed (the figures of a
    `--stage self` run: its own bonus, penalty and maximum) and as appraised."""
    own = result.self_result
    if own is None:
        return StageTotals(result.points, result.index, result.points, result.index)
    return StageTotals(own.points, own.index, result.points, result.index)


def appraisal_totals(result: UnitResult, lang: str) -> str:
    """The unit's total and index as self-assessed and as appraised, and the
    difference, in one sentence; then how the final points are made up
    (the pools, as the results workbook's columns show them)."""
    totals = stage_totals(result)
    head = msg("view.appraisal_totals", own=num(totals.self_points, result, lang),
               own_index=num(totals.self_index, result, lang),
               points=num(totals.points, result, lang), index=num(totals.index, result, lang),
               diff=signed(totals.points - totals.self_points, result, lang)).render(lang)
    return f"{head}\n{pools_line(result, lang)}"


def pools_line(result: UnitResult, lang: str) -> str:
    """"Gồm: tự chấm 89,00 → thẩm định 81,50; điều tra XHH 4,25; điểm thưởng
    0,00; điểm trừ 0,00 → đạt được 85,75": a penalty is shown subtracted."""
    pools = result.pools
    penalty = pools.get("penalty", ZERO)
    return msg("num.pools", own=num(pools.get("self", ZERO), result, lang),
               appraised=num(pools.get("appraised", pools.get("self", ZERO)), result, lang),
               survey=num(pools.get("survey", ZERO), result, lang),
               bonus=num(pools.get("bonus", ZERO), result, lang),
               penalty=signed(-penalty, result, lang),
               points=num(result.points, result, lang)).render(lang)


def bar(points: Decimal, maximum: Decimal, width: int = 10) -> str:
    """A bar of `width` cells, filled in proportion to points / maximum
    (rounded half-up to whole cells)."""
    if not maximum:
        return ""
    filled = int(quantize(points * width / maximum, 0))
    filled = max(0, min(width, filled))
    return "█" * filled + "░" * (width - filled)


def next_band(gain: Gain, result: UnitResult, lang: str) -> str:
    """"Next band: reach … → 2/2 points (+1)", and on a second line
    "try: --set 5.2.1=200/200" when the rule suggests a value."""
    if gain.step is None:
        return msg("view.no_next").render(lang)
    text = msg("view.next", need=gain.step.need, points=num(gain.step.points, result, lang),
               max=num(gain.node.declared_max, result, lang),
               gain=num(gain.step_gain, result, lang)).render(lang)
    if gain.step.example is not None:
        text += "\n" + msg("view.try", code=gain.node.code, value=gain.step.example).render(lang)
    return text


def gains_head(found: Sequence[Gain], result: UnitResult, lang: str) -> str:
    return msg("view.gains_head", points=num(total(found, "recoverable"), result, lang),
               count=len(found)).render(lang)


# -- what-if ------------------------------------------------------------------------


@attrs.frozen
class Change:
    """A leaf the what-if changed: its points before and after."""

    before: NodeResult
    after: NodeResult

    @property
    def diff(self) -> Decimal:
        return self.after.points - self.before.points

    @property
    def council_decides(self) -> bool:
        """At the appraised stage the council's entry, not the unit's fact,
        scores this leaf: `--set` moved only the self-assessed value."""
        return self.after.self_explanation is not None


def whatif_changes(before: UnitResult, after: UnitResult) -> list[Change]:
    """Leaves whose explanation, self points or points changed."""
    old = {n.code: n for n in before.walk() if n.is_leaf}
    return [Change(old[n.code], n) for n in after.walk()
            if n.is_leaf and n.code in old
            and (old[n.code].explanation, old[n.code].self_points, old[n.code].points)
            != (n.explanation, n.self_points, n.points)]


def whatif_line(change: Change, result: UnitResult, lang: str) -> str:
    """"5.2.1: 1,00 → 2,00 (+1,00)"."""
    return msg("view.whatif_leaf", code=change.after.code,
               before=num(change.before.points, result, lang),
               after=num(change.after.points, result, lang),
               diff=signed(change.diff, result, lang)).render(lang)


def whatif_rows(before: UnitResult, after: UnitResult, lang: str) -> list[tuple[str, str, str]]:
    """(label, before, after) for the total and the index, the band when the
    set has bands, and the rank when other units of the group were scored."""
    def rank(r: UnitResult) -> str:
        return f"{r.rank}/{r.rank_of}" if r.rank is not None else "—"

    rows = [
        (msg("rep.points").render(lang), f"{num(before.points, before, lang)}/"
         f"{num(before.max, before, lang)}",
         f"{num(after.points, after, lang)}/{num(after.max, after, lang)} "
         f"({signed(after.points - before.points, after, lang)})"),
        (msg("rep.index").render(lang), num(before.index, before, lang),
         f"{num(after.index, after, lang)} ({signed(after.index - before.index, after, lang)})"),
    ]
    if before.band or after.band:
        rows.append((msg("rep.band").render(lang), before.band or "—", after.band or "—"))
    if (after.rank_of or 0) > 1:
        rows.append((msg("rep.rank").render(lang), rank(before), rank(after)))
    return rows


# -- province view --------------------------------------------------------------------


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


# -- rounds of the yearly cycle -----------------------------------------------------


def trail_nodes(result: UnitResult) -> list[NodeResult]:
    """Nodes a round changed (or whose not-applicable claim was ruled on)."""
    return [n for n in result.walk() if n.trail]


def shows_rounds(result: UnitResult) -> bool:
    """Whether the rounds deserve their own view: more than one round, or a
    change that names who made it, when, or rules on a claim (a single
    anonymous appraisal is the self-vs-appraised table already)."""
    return result.appraised and (len(result.stages) > 2 or any(
        c.who or c.date or c.na for n in trail_nodes(result) for c in n.trail))


def stage_headers(result: UnitResult, lang: str) -> list[str]:
    """"", then one column per stage present, then "Final"."""
    names = [s.stage for s in result.stages]
    if result.stage in ("final", "appraised"):
        names.append("final")
    return ["", *(msg(f"cyc.col.{n}").render(lang) for n in names)]


def stage_rows(result: UnitResult, lang: str) -> list[list[str]]:
    """Points, maximum and index at each stage, side by side (the final
    column repeats the latest stage)."""
    stages = list(result.stages)
    if result.stage in ("final", "appraised") and stages:
        stages.append(stages[-1])
    return [[msg(label).render(lang), *(num(getattr(s, field), result, lang) for s in stages)]
            for label, field in (("view.stage_total", "points"), ("view.stage_max", "max"),
                                 ("view.stage_index", "index"))]


def trail_rows(result: UnitResult, lang: str) -> list[list[str]]:
    """Code, title, round, points before → after, who and when, why: one row
    per change of every node a round changed."""
    rows = []
    for node in trail_nodes(result):
        for change in node.trail:
            before = (num(change.before, result, lang) if change.before is not None
                      else msg("view.trail_na").render(lang))
            after = num(change.after, result, lang) if change.after is not None else "—"
            rows.append([node.code, node.title, msg(f"cyc.col.{change.round}").render(lang),
                         f"{before} → {after}", who_when(change, lang), why(change, lang)])
    return rows


def who_when(change: RoundChange, lang: str) -> str:
    unknown = msg("view.trail_unknown").render(lang)
    return msg("view.trail_by", who=change.who or unknown,
               date=change.date if change.date else unknown).render(lang)


def why(change: RoundChange, lang: str) -> str:
    """The reason, prefixed by the ruling on a rejected not-applicable claim
    and followed by the documents the entry cites."""
    parts = []
    if change.na == "reject":
        parts.append(msg("view.trail_rejected").render(lang))
    parts.append(change.reason or msg("view.no_reason").render(lang))
    parts.extend(cite(e, lang) for e in change.evidence)
    return "; ".join(parts)


def cite(evidence: Evidence, lang: str) -> str:
    """"Kế hoạch số 41/KH-SNgV ngày 28/12/2021" as a unit cites a document."""
    parts = [evidence.title] if evidence.title else []
    if evidence.number:
        parts.append(msg("cyc.number", number=evidence.number).render(lang))
    if evidence.date:
        parts.append(msg("cyc.date", date=evidence.date).render(lang))
    return " ".join(parts)
