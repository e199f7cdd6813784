"""One unit's views: its heading lines, component rows, bonus and penalty
lines, notes on what does not apply or is pending, the leaves that lost
points or are at risk, and the next band to reach. Re-exported by `_tables`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from .._i18n import msg
from .._model import NodeResult, UnitResult
from .._numbers import quantize
from ._view_common import ZERO, num, share, total

if TYPE_CHECKING:
    from .._gains import Gain


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
