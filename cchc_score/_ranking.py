"""Ranking: units ordered within each group by published index, the tie
policies (shared, dense, and plugins'), and a plugin's tie-break."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ._model import UnitResult

#: a tie policy turns published indexes, sorted high to low, into ranks
TiePolicy = Callable[[Sequence[Decimal]], list[int]]


def shared_ranks(indexes: Sequence[Decimal]) -> list[int]:
    """Equal indexes share a rank and the next rank is skipped: 1, 2, 2, 4."""
    ranks: list[int] = []
    for i, value in enumerate(indexes):
        ranks.append(ranks[-1] if i and value == indexes[i - 1] else i + 1)
    return ranks


def dense_ranks(indexes: Sequence[Decimal]) -> list[int]:
    """Equal indexes share a rank and no rank is skipped: 1, 2, 2, 3."""
    ranks: list[int] = []
    for i, value in enumerate(indexes):
        if i and value == indexes[i - 1]:
            ranks.append(ranks[-1])
        else:
            ranks.append(ranks[-1] + 1 if ranks else 1)
    return ranks


TIE_POLICIES: dict[str, TiePolicy] = {"shared": shared_ranks, "dense": dense_ranks}


#: a key ordering units whose published indexes are equal: a larger key ranks
#: higher, equal keys stay tied (`plugins.Registry.tie_break` supplies one)
TieBreaker = Callable[[UnitResult], Any]


def rank(results: Iterable[UnitResult],
         policies: Mapping[str, TiePolicy] | None = None, *,
         tie_break: TieBreaker | None = None) -> list[UnitResult]:
    """Rank units within each group by published index, high to low. The
    order of the input does not matter; the output is sorted by group, then
    rank, then unit id. `tie_break`, when given, orders and separates units
    whose published indexes are equal."""
    policies = TIE_POLICIES if policies is None else policies
    groups: dict[str, list[UnitResult]] = {}
    for result in results:
        groups.setdefault(result.unit.group, []).append(result)
    ranked: list[UnitResult] = []
    for group in sorted(groups):
        members = sorted(groups[group], key=lambda r: (-r.published_index, r.unit.id))
        values: Sequence[Decimal] = [m.published_index for m in members]
        if tie_break is not None:
            members, values = _break_ties(members, tie_break)
        policy = policies.get(members[0].criteria.ties, shared_ranks)
        ranks = policy(values)
        ranked.extend(attrs.evolve(m, rank=r, rank_of=len(members))
                      for m, r in zip(members, ranks, strict=True))
    return ranked


def _break_ties(members: list[UnitResult], tie_break: TieBreaker
                ) -> tuple[list[UnitResult], list[Decimal]]:
    """Reorder each run of equal published indexes by the tie-break key,
    larger first (stable, so equal keys keep unit-id order), and give the tie
    policy one value per distinct (index, key): minus the position where it
    first appears. Tie policies only compare neighbours, so units the key
    separates are no longer tied, and units it does not separate still are."""
    keyed = [(m, tie_break(m)) for m in members]
    ordered: list[tuple[UnitResult, Any]] = []
    start = 0
    while start < len(keyed):
        end = start
        while end < len(keyed) and \
                keyed[end][0].published_index == keyed[start][0].published_index:
            end += 1
        ordered.extend(sorted(keyed[start:end], key=lambda mk: mk[1], reverse=True))
        start = end
    values: list[Decimal] = []
    for i, (member, key) in enumerate(ordered):
        previous = ordered[i - 1] if i else None
        tied = previous is not None and previous[1] == key and \
            previous[0].published_index == member.published_index
        values.append(values[-1] if tied else Decimal(-i))
    return [m for m, _ in ordered], values
