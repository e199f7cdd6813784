"""The straight-line scorer the benchmark measures cchc-score against.

Written by hand for the rule kinds of Bảng II (yes/no, choice, tiers over a
percentage, a ratio of counts or a number) the way a province's analyst
would in a script: one flat table of leaves prepared once, one loop per
file, a Decimal per leaf and nothing else kept. No validation, no
explanations, no issues, no plugins: it is the floor, not a competitor.
`verify` checks that it gives exactly cchc-score's points, published index
and rank for every unit before anything is timed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from cchc_score import CriteriaSet
from cchc_score.rules import Choice, Tiers, YesNo
from cchc_score.rules._base import fold

HUNDRED = Decimal(100)
ZERO = Decimal(0)

#: (code, is_survey, kind, max, parameters) of every leaf
Leaf = tuple[str, bool, str, Decimal, Any]


def prepare(criteria: CriteriaSet) -> list[Leaf]:
    """The leaves as a flat table (the only place rule objects are read)."""
    leaves: list[Leaf] = []
    for node in criteria.leaves():
        rule = node.rule
        assert node.role == "score" and not node.applies.any and not node.applies.none
        if isinstance(rule, YesNo):
            params: Any = (rule.yes, rule.no, fold(rule.yes_label or ""), fold(rule.no_label or ""))
            kind = "yes_no"
        elif isinstance(rule, Choice):
            params = {fold(o.key): o.points for o in rule.options}
            params.update({fold(o.label): o.points for o in rule.options})
            kind = "choice"
        elif isinstance(rule, Tiers):
            assert rule.zero_denominator == "full"
            params = (rule.over, [(t.threshold, t.inclusive, t.points) for t in rule.tiers],
                      rule.below)
            kind = "tiers"
        else:
            raise TypeError(f"the baseline does not know {type(rule).__name__}")
        leaves.append((node.code, node.method == "survey", kind, node.max, params))
    return leaves


def _tiers(over: str, tiers: list[tuple[Decimal, bool, Decimal]], below: Decimal,
           raw: Any, node_max: Decimal) -> Decimal:
    if over == "ratio":
        num_text, _, den_text = raw.partition("/")
        num, den = Decimal(num_text), Decimal(den_text)
        if not den:
            return node_max  # zero_denominator = "full"
        for threshold, inclusive, points in tiers:
            left, right = num * HUNDRED, threshold * den
            if left >= right if inclusive else left > right:
                return points
        return below
    value = Decimal(raw)
    for threshold, inclusive, points in tiers:
        if value >= threshold if inclusive else value > threshold:
            return points
    return below


def leaf_points(leaves: Sequence[Leaf], data: Mapping[str, Any]) -> dict[str, Decimal]:
    """Points of every leaf of one unit's parsed file."""
    answers = data.get("answers", {})
    survey = data.get("survey", {})
    out: dict[str, Decimal] = {}
    for code, is_survey, kind, node_max, params in leaves:
        if is_survey:
            raw = survey.get(code)
        else:
            raw = answers.get(code)
            if isinstance(raw, dict):
                raw = raw.get("value")
        if raw is None:
            points = ZERO
        elif kind == "yes_no":
            yes, no, yes_label, no_label = params
            if isinstance(raw, str):
                raw = fold(raw) == yes_label or (fold(raw) != no_label and fold(raw) in
                                                 ("có", "yes", "true", "đạt"))
            points = yes if raw else no
        elif kind == "choice":
            points = params[fold(raw)]
        else:
            points = _tiers(*params, raw, node_max)
        out[code] = min(max(points, ZERO), node_max)
    return out


def score_unit(leaves: Sequence[Leaf], unit_max: Decimal, scale: Decimal,
               data: Mapping[str, Any]) -> tuple[str, str, Decimal, Decimal]:
    """(unit id, group, points, index) of one unit's parsed file."""
    points = sum(leaf_points(leaves, data).values(), ZERO)
    unit = data["unit"]
    return unit["id"], unit["group"], points, points / unit_max * scale


def rank(units: Iterable[tuple[str, str, Decimal, Decimal]], decimals: int
         ) -> list[tuple[str, str, Decimal, Decimal, int]]:
    """Shared ranks (1, 2, 2, 4) by published index within each group."""
    quantum = Decimal(1).scaleb(-decimals)
    keyed = sorted(((group, -index.quantize(quantum, ROUND_HALF_UP), uid, points, index)
                    for uid, group, points, index in units))
    ranked: list[tuple[str, str, Decimal, Decimal, int]] = []
    previous: tuple[str, Decimal] | None = None
    position = 0
    for group, published, uid, points, index in keyed:
        position = 1 if previous is None or previous[0] != group else position + 1
        shared = previous == (group, published)
        rank_ = ranked[-1][4] if shared else position
        ranked.append((uid, group, points, index, rank_))
        previous = (group, published)
    return ranked
