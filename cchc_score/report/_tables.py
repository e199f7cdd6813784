"""Rows shared by the text, Markdown and CSV formats: what each view shows,
independent of how it is drawn."""

from __future__ import annotations

from collections.abc import Sequence

from .._i18n import msg
from .._model import NodeResult, UnitResult
from .._numbers import fmt


def num(value, result: UnitResult, lang: str) -> str:  # type: ignore[no-untyped-def]
    """A number rounded half-up to the set's published decimals."""
    return fmt(value, lang, result.criteria.decimals)


def groups(results: Sequence[UnitResult]) -> dict[str, list[UnitResult]]:
    out: dict[str, list[UnitResult]] = {}
    for r in results:
        out.setdefault(r.unit.group, []).append(r)
    return out


def lost_leaves(result: UnitResult) -> list[NodeResult]:
    """Leaves that lost points, most first (ties by code order)."""
    leaves = [n for n in result.walk() if n.is_leaf and n.lost > 0]
    return sorted(leaves, key=lambda n: -n.lost)


def summary(result: UnitResult, lang: str) -> str:
    band = msg("rep.summary_band", band=result.band).render(lang) if result.band else ""
    rank = (msg("rep.summary_rank", rank=result.rank, of=result.rank_of).render(lang)
            if result.rank is not None and (result.rank_of or 0) > 1 else "")
    return msg("rep.summary", unit=result.unit.name, points=num(result.points, result, lang),
               max=num(result.max, result, lang), index=num(result.index, result, lang),
               band=band, rank=rank).render(lang)


def header(result: UnitResult, lang: str) -> str:
    stage = msg(f"rep.stage.{result.stage}").render(lang)
    return msg("rep.header", unit=result.unit.name, group=result.unit.group,
               criteria=result.criteria.title, year=result.year, stage=stage).render(lang)


def status(node: NodeResult, lang: str) -> str:
    if node.na:
        return msg("rep.na").render(lang)
    if node.pending and node.max == 0:
        return msg("rep.pending").render(lang)
    return ""
