"""Value objects: criteria sets, assessments and results.

All frozen, all `Decimal`. Nothing here does I/O or scoring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._i18n import Msg, msg

if TYPE_CHECKING:
    from .rules import Rule

Method = Literal["self", "survey"]
EvidenceNeed = Literal["required", "optional", "none"]
Role = Literal["score", "bonus", "penalty"]
#: the stages of a year's cycle, in order: the unit's self-assessment,
#: appraisal round 1, the unit's explanation (giải trình), appraisal round 2
#: (re-appraisal) and the appeal (phúc khảo); "final" is the latest present,
#: "appraised" its older name (kept: `--stage appraised` means the same)
Stage = Literal["self", "round1", "explanation", "round2", "appeal", "final", "appraised"]
#: the rounds after the self-assessment, in order (see `_rounds`)
Round = Literal["round1", "explanation", "round2", "appeal"]
NaDecision = Literal["accept", "reject"]
Level = Literal["error", "warning"]


@attrs.frozen
class Location:
    """Where a problem is: a file, and a node code or key path inside it."""

    file: str | None = None
    code: str | None = None
    key: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str = "vi") -> str:
        # No file: say nothing rather than a made-up "<input>" (a set id
        # that is not found, say, is in no file).
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(msg("loc.row", row=self.row).render(lang))
        if self.code is not None:
            parts.append(self.code)
        if self.key is not None:
            parts.append(self.key)
        return ": ".join(parts)


@attrs.frozen
class Issue:
    """An error or warning about an input, with where it is."""

    level: Level
    message: Msg
    where: Location = Location()

    @property
    def code(self) -> str | None:
        return self.where.code

    def render(self, lang: str = "vi") -> str:
        where = self.where.render(lang)
        return f"{where}: {self.message.render(lang)}" if where else self.message.render(lang)


@attrs.frozen
class Source:
    """Legal basis and provenance of a criteria set."""

    issuer: str
    decision: str
    date: dt.date | None = None
    note: str | None = None
    url: str | None = None
    provenance: str | None = None
    defects: tuple[str, ...] = ()


@attrs.frozen
class Band:
    """A classification band: an index at or above `min` earns `name`."""

    name: str
    min: Decimal


@attrs.frozen
class Applies:
    """Applicability by unit tags."""

    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()

    def to(self, tags: frozenset[str]) -> bool:
        if self.any and not tags.intersection(self.any):
            return False
        return not tags.intersection(self.none)


@attrs.frozen
class Node:
    """A component, criterion or sub-criterion of a criteria set."""

    code: str
    title: str
    max: Decimal
    children: tuple[Node, ...] = ()
    rule: Rule | None = None
    method: Method = "self"
    evidence: EvidenceNeed = "required"
    role: Role = "score"
    applies: Applies = Applies()
    hint: str | None = None
    source_text: str | None = None
    #: ``plugin.<name>`` tables on this node: keys only that plugin reads
    plugin_data: Mapping[str, Mapping[str, Any]] = attrs.field(
        factory=dict, eq=False, repr=False)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def depth(self) -> int:
        return self.code.count(".") + 1

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class CriteriaSet:
    """A whole criteria set (Bộ chỉ số), validated."""

    id: str
    title: str
    group: str
    years: tuple[int, int]
    source: Source
    roots: tuple[Node, ...]
    scale: Decimal = Decimal(100)
    decimals: int = 2
    ties: str = "shared"
    #: decimal places a leaf's points and the index are carried to when a
    #: division does not terminate (the set's `precision` key)
    precision: int = 12
    bands: tuple[Band, ...] = ()
    path: str | None = None
    content_hash: str = ""
    #: the plugins the set needs (``requires``), as written
    requires: tuple[str, ...] = ()
    #: ``[plugin.<name>]`` tables: keys only that plugin reads and validates
    plugin_data: Mapping[str, Mapping[str, Any]] = attrs.field(
        factory=dict, eq=False, repr=False)
    _by_code: Mapping[str, Node] = attrs.field(init=False, eq=False, repr=False)
    _grouped: bool = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_code = {n.code: n for r in self.roots for n in r.walk()}
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_grouped", any(
            n.rule is not None and n.rule.group_relative for n in by_code.values()))

    @property
    def group_relative(self) -> bool:
        """Whether some leaf is scored with the whole group (`_group`)."""
        return self._grouped

    def walk(self) -> Iterator[Node]:
        for root in self.roots:
            yield from root.walk()

    def leaves(self) -> Iterator[Node]:
        return (n for n in self.walk() if n.is_leaf)

    def node(self, code: str) -> Node:
        return self._by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    @property
    def total(self) -> Decimal:
        """Sum of the scored components' maxima (bonus and penalty excluded)."""
        return sum((r.max for r in self.roots if r.role == "score"), Decimal(0))

    def band_for(self, index: Decimal) -> str | None:
        for band in self.bands:
            if index >= band.min:
                return band.name
        return None


@attrs.frozen
class Evidence:
    """A document cited as evidence (tài liệu kiểm chứng)."""

    number: str | None = None
    date: dt.date | None = None
    title: str | None = None
    file: str | None = None
    page: str | None = None


@attrs.frozen
class Answer:
    """What a unit declares for one leaf."""

    code: str
    value: Any = None
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None
    claimed: Decimal | None = None


@attrs.frozen
class Appraisal:
    """An entry of one round for one node: the council's corrected value or
    points (or, in the explanation round, the unit's), its decision on a
    not-applicable claim, and who made it, when and why."""

    code: str
    value: Any = None
    points: Decimal | None = None
    reason: str | None = None
    who: str | None = None
    date: dt.date | None = None
    #: the council's decision on the unit's not-applicable claim at this code
    na: NaDecision | None = None
    #: documents added with the entry (the unit's explanation cites them)
    evidence: tuple[Evidence, ...] = ()
    round: Round = "round1"

    @property
    def changes_score(self) -> bool:
        return self.value is not None or self.points is not None


@attrs.frozen
class Unit:
    id: str
    name: str
    group: str
    tags: frozenset[str] = frozenset()


@attrs.frozen
class Assessment:
    """One unit's declarations for one criteria set and year."""

    criteria_id: str
    year: int
    unit: Unit
    answers: Mapping[str, Answer] = attrs.field(factory=dict)
    not_applicable: Mapping[str, str] = attrs.field(factory=dict)
    appraisal: Mapping[str, Appraisal] = attrs.field(factory=dict)
    survey: Mapping[str, Any] = attrs.field(factory=dict)
    path: str | None = None
    #: entries of the rounds after round 1 (`appraisal`): "explanation",
    #: "round2", "appeal", each code → entry
    rounds: Mapping[str, Mapping[str, Appraisal]] = attrs.field(factory=dict)

    def entries(self, round: Round) -> Mapping[str, Appraisal]:
        """The entries of one round (round 1 is `appraisal`)."""
        return self.appraisal if round == "round1" else self.rounds.get(round, {})


@attrs.frozen
class RoundChange:
    """One round's change of a node: points before and after (None while
    the node was not applicable), the explanation, and who, when, why."""

    round: Round
    before: Decimal | None
    after: Decimal | None
    explanation: Msg | None = None
    reason: str | None = None
    who: str | None = None
    date: dt.date | None = None
    na: NaDecision | None = None
    evidence: tuple[Evidence, ...] = ()


@attrs.frozen
class StageTotal:
    """A unit's total at one stage, for the side-by-side view."""

    stage: Stage
    points: Decimal
    max: Decimal
    index: Decimal


@attrs.frozen
class NodeResult:
    """The score of one node for one unit.

    `max` is the maximum that counts for this unit: 0 when the node is not
    applicable or its survey result is pending, so that at every scored node
    `lost == max - points` holds exactly. `declared_max` is the criteria set's
    maximum.
    """

    code: str
    title: str
    points: Decimal
    max: Decimal
    declared_max: Decimal
    lost: Decimal
    na: bool = False
    pending: bool = False
    explanation: Msg | None = None
    children: tuple[NodeResult, ...] = ()
    role: Role = "score"
    method: Method = "self"
    #: points claimed at this leaf without the evidence the criterion expects
    at_risk: Decimal = Decimal(0)
    #: at the appraised stage, the self-assessed points and explanation
    self_points: Decimal | None = None
    self_explanation: Msg | None = None
    appraisal_reason: str | None = None
    #: every round that changed this node, in order (who, when, why)
    trail: tuple[RoundChange, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def walk(self) -> Iterator[NodeResult]:
        """This node and all below it, depth first in code order (a stack,
        not nested generators: walked for every unit of a batch)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            if node.children:
                stack.extend(reversed(node.children))


@attrs.frozen
class UnitResult:
    """The score of one unit: the result tree, pools, index, band and rank."""

    unit: Unit
    criteria: CriteriaSet
    year: int
    stage: Stage
    points: Decimal
    max: Decimal
    index: Decimal
    nodes: tuple[NodeResult, ...]
    pools: Mapping[str, Decimal]
    band: str | None = None
    rank: int | None = None
    rank_of: int | None = None
    issues: tuple[Issue, ...] = ()
    source: str | None = None
    #: the total at each stage present up to this one, in order
    stages: tuple[StageTotal, ...] = ()
    #: what was scored (the declared facts behind each leaf, for `--gains`)
    assessment: Assessment | None = attrs.field(default=None, eq=False, repr=False)
    #: at the appraised stage, the same unit scored at the self stage (the
    #: figures a `--stage self` run shows), so that "self-assessed X →
    #: appraised Y" compares two real results
    self_result: UnitResult | None = attrs.field(default=None, eq=False, repr=False)
    #: why a plugin's `classify` gave this band, and why its `tie_break` put
    #: the unit where it is among units of equal published index
    band_reason: Msg | None = None
    rank_reason: Msg | None = None

    def walk(self) -> Iterator[NodeResult]:
        for node in self.nodes:
            yield from node.walk()

    def node(self, code: str) -> NodeResult:
        for n in self.walk():
            if n.code == code:
                return n
        raise KeyError(code)

    @property
    def lost(self) -> Decimal:
        """Points lost in the scored components: max − points when the set
        has no bonus or penalty (those are shown on their own lines)."""
        return sum((n.lost for n in self.nodes if n.role == "score"), Decimal(0))

    @property
    def appraised(self) -> bool:
        """Whether a round after the self-assessment was applied."""
        return self.stage != "self"

    @property
    def published_index(self) -> Decimal:
        from ._numbers import quantize

        return quantize(self.index, self.criteria.decimals)
