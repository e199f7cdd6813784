"""Year over year: each unit's change in index, rank and per component, and
the split of every change into what moved because the criteria set changed
and what moved because the unit's results changed.

The split goes through a *bridge*: last year's performance on this year's
set. With last year's assessment files the bridge is exact: last year's
facts (and rounds) re-scored with this year's set, leaves that no longer
exist dropped, new leaves unanswered. From a result JSON (no facts) each leaf
keeps last year's share of its maximum on this year's maximum (a new leaf
scores 0, a removed one leaves). Then, exactly:

    change = this − last = (bridge − last) [criteria] + (this − bridge) [unit]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ._engine import score
from ._i18n import msg
from ._io_errors import read_problem
from ._model import CriteriaSet, Issue, Location, Stage, UnitResult
from ._numbers import divide
from ._toml import read_text
from .exceptions import InputError
from .load import parse_assessment
from .plugins import Registry

ZERO = Decimal(0)


@attrs.frozen
class Figures:
    """A unit's published figures in one year (or on the bridge)."""

    points: Decimal
    max: Decimal
    index: Decimal
    #: component code → (points, max)
    components: Mapping[str, tuple[Decimal, Decimal]]
    rank: int | None = None
    rank_of: int | None = None
    #: leaf code → (points, declared maximum, out of the maximum: not
    #: applicable or survey pending), for the bridge
    leaves: Mapping[str, tuple[Decimal, Decimal, bool]] = attrs.field(factory=dict)


@attrs.frozen
class Year:
    """One year's units: figures, names, groups, and when scored from
    assessment files the results (whose facts make the exact bridge)."""

    figures: Mapping[str, Figures]
    names: Mapping[str, str]
    groups: Mapping[str, str]
    results: Mapping[str, UnitResult] = attrs.field(factory=dict)
    criteria: str | None = None
    year: int | None = None


@attrs.frozen
class UnitChange:
    id: str
    name: str
    group: str
    last: Figures
    this: Figures
    bridge: Figures
    #: whether the bridge re-scored last year's facts (else leaf shares)
    exact: bool

    @property
    def change(self) -> Decimal:
        return self.this.index - self.last.index

    @property
    def by_criteria(self) -> Decimal:
        return self.bridge.index - self.last.index

    @property
    def by_unit(self) -> Decimal:
        return self.this.index - self.bridge.index

    def components(self) -> list[tuple[str, Decimal | None, Decimal | None, Decimal, Decimal]]:
        """Per component: last points, this points (None when absent), and
        the change split into criteria and unit parts."""
        rows = []
        for code in sorted({*self.last.components, *self.this.components},
                           key=lambda c: [int(p) if p.isdigit() else p for p in c.split(".")]):
            last = self.last.components.get(code, (ZERO, ZERO))[0]
            bridge = self.bridge.components.get(code, (ZERO, ZERO))[0]
            this = self.this.components.get(code, (ZERO, ZERO))[0]
            rows.append((code, self.last.components.get(code, (None,))[0],
                         self.this.components.get(code, (None,))[0],
                         bridge - last, this - bridge))
        return rows


def figures_of(result: UnitResult) -> Figures:
    return Figures(result.points, result.max, result.index,
                   {n.code: (n.points, n.max) for n in result.nodes if n.role == "score"},
                   result.rank, result.rank_of,
                   {n.code: (n.points, n.declared_max, n.na or n.pending) for n in result.walk()
                    if n.is_leaf and n.role == "score"})


def year_of_results(results: Sequence[UnitResult]) -> Year:
    return Year({r.unit.id: figures_of(r) for r in results},
                {r.unit.id: r.unit.name for r in results},
                {r.unit.id: r.unit.group for r in results},
                {r.unit.id: r for r in results},
                _ids(r.criteria.id for r in results),
                results[0].year if results else None)


def year_of_json(path: Path) -> Year:
    """A year from a result JSON written by `score --format json`."""
    def fail(problem: Any, key: str | None = None) -> InputError:
        return InputError([Issue("error", msg("prev.format", problem=problem),
                                 Location(str(path), key=key))])

    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as e:  # a missing file is no format problem
        raise InputError([Issue("error", msg("crit.read", error=read_problem(e)),
                                Location(str(path)))]) from None
    try:
        doc = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as e:  # its own text is English: say where
        raise fail(msg("prev.json_syntax", line=e.lineno, col=e.colno)) from None
    except RecursionError:
        raise fail(msg("io.too_deep")) from None
    units = doc.get("units") if isinstance(doc, dict) else None
    if not isinstance(units, list):
        raise fail(msg("crit.missing_key", key="units"), "units")
    figures, names, groups = {}, {}, {}
    year = None
    criteria: list[Any] = []
    for i, unit in enumerate(units):
        try:
            uid = str(unit["id"])
            nodes = unit.get("nodes", [])
            parents = {str(n["code"]).rpartition(".")[0] for n in nodes}
            figures[uid] = Figures(
                unit["points"], unit["max"], unit["index"],
                {n["code"]: (n["points"], n["max"]) for n in nodes
                 if "." not in n["code"] and n.get("role", "score") == "score"},
                _int(unit.get("rank")), _int(unit.get("rank_of")),
                {n["code"]: (n["points"], n.get("declared_max", n["max"]), _out(n))
                 for n in nodes if n.get("role", "score") == "score"
                 and str(n["code"]) not in parents})
        except (KeyError, TypeError) as e:
            raise fail(msg("crit.missing_key", key=str(e).strip("'")), f"units[{i}]") from None
        names[uid] = str(unit.get("name", uid))
        groups[uid] = str(unit.get("group", ""))
        year = _int(unit.get("year"))
        criteria.append(unit.get("criteria"))
    return Year(figures, names, groups, {}, _ids(criteria), year)


def _ids(ids: Iterable[Any]) -> str | None:
    """The criteria sets of a year's units, each once in order of first use
    ("ca-tinh-2024-bang2, ca-tinh-2024-bang1"): a province ranks groups
    scored with different sets, and naming one would misstate the rest."""
    found = list(dict.fromkeys(str(i) for i in ids if i is not None))
    return ", ".join(found) or None


def _out(node: Mapping[str, Any]) -> bool:
    """Whether a result JSON's leaf was out of its unit's maximum: not
    applicable, survey pending, or (a file without `pending`) a maximum of
    0 where the set declares more."""
    declared = node.get("declared_max", node["max"])
    return bool(node["na"]) or bool(node.get("pending")) or node["max"] == 0 != declared


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, Decimal) and value == value.to_integral_value() \
        else None


def compare(last: Year, this: Year, *, stage: Stage = "final",
            registry: Registry | None = None) -> tuple[list[UnitChange], list[Issue]]:
    """Every unit present in both years, in this year's order."""
    changes: list[UnitChange] = []
    issues: list[Issue] = []
    for uid, now in this.figures.items():
        before = last.figures.get(uid)
        if before is None:
            continue
        current = this.results.get(uid)
        bridge, exact = None, False
        if current is not None and uid in last.results:
            bridge = _rescored(last.results[uid], current.criteria, stage, registry)
            exact = bridge is not None
        if bridge is None:
            bridge = _shares(before, current.criteria if current else None, now)
        changes.append(UnitChange(uid, this.names[uid], this.groups[uid], before, now, bridge,
                                  exact))
    missing = sorted(set(last.figures) - set(this.figures))
    if missing:
        issues.append(Issue("warning", msg("cmp.missing", count=len(missing),
                                           units=", ".join(missing))))
    return changes, issues


def _rescored(last: UnitResult, criteria: CriteriaSet, stage: Stage,
              registry: Registry | None) -> Figures | None:
    """Last year's facts scored with this year's set (None when they do not
    fit it: a rule kind changed so that an old value is no longer valid)."""
    from ._api import read_any

    if last.source is None:
        return None
    data, _, _ = read_any(Path(last.source))
    if data is None:
        return None
    kept = dict(data)
    kept["criteria"] = criteria.id
    for table in ("answers", "not_applicable", "appraisal", "explanation", "reappraisal",
                  "appeal", "survey"):
        raw = data.get(table)
        if isinstance(raw, Mapping):
            kept[table] = {c: v for c, v in raw.items() if c in criteria}
    kept.pop("embedded", None)
    assessment, _ = parse_assessment(kept, last.source, criteria)
    if assessment is None:
        return None
    finish = registry.finish if registry is not None else None
    return figures_of(score(criteria, assessment, stage, finish=finish))


def _shares(before: Figures, criteria: CriteriaSet | None, now: Figures) -> Figures:
    """The bridge from published leaf figures: each leaf of this year's set
    keeps last year's share of its maximum."""
    if criteria is None:
        return before
    components: dict[str, tuple[Decimal, Decimal]] = {}
    for root in criteria.roots:
        if root.role != "score":
            continue
        points = maximum = ZERO
        for leaf in root.walk():
            if not leaf.is_leaf:
                continue
            old = before.leaves.get(leaf.code)
            if old is not None and old[2]:
                continue  # not applicable or pending last year: out of the maximum
            maximum += leaf.max
            if old is not None and old[1]:
                points += divide(old[0] * leaf.max, old[1], criteria.precision)
        components[root.code] = (points, maximum)
    total = sum((p for p, _ in components.values()), ZERO)
    top = sum((m for _, m in components.values()), ZERO)
    index = divide(total * criteria.scale, top, criteria.precision) if top else ZERO
    return Figures(total, top, index, components)


@attrs.frozen
class NodeDiff:
    """One difference between two sets at a code: `what` is "added",
    "removed", "max", "title", "rule" or "method"; `before`/`after` as text."""

    code: str
    what: str
    before: str = ""
    after: str = ""


def diff_criteria(a: CriteriaSet, b: CriteriaSet) -> list[NodeDiff]:
    """What changed from set `a` to set `b`, in code order: nodes added and
    removed, maxima, titles, rules and scoring method changed."""
    found: list[NodeDiff] = []
    for code in _ordered({*a.codes, *b.codes}):
        if code not in a:
            node = b.node(code)
            found.append(NodeDiff(code, "added", "", f"{node.title} ({node.max})"))
            continue
        if code not in b:
            node = a.node(code)
            found.append(NodeDiff(code, "removed", f"{node.title} ({node.max})", ""))
            continue
        old, new = a.node(code), b.node(code)
        if old.max != new.max:
            found.append(NodeDiff(code, "max", str(old.max), str(new.max)))
        if old.title != new.title:
            found.append(NodeDiff(code, "title", old.title, new.title))
        if old.rule != new.rule and (change := _rule_change(old.rule, new.rule)):
            found.append(NodeDiff(code, "rule", *change))
        if old.method != new.method:
            found.append(NodeDiff(code, "method", old.method, new.method))
    return found


def _rule(rule: Any) -> str:
    return "" if rule is None else str(getattr(rule, "kind", type(rule).__name__))


def _rule_change(old: Any, new: Any) -> tuple[str, str] | None:
    """How a leaf's rule changed, as text: its kind when the kind changed,
    else the kind with the parameters that differ ("yes_no: yes=5" →
    "yes_no: yes=3"). None when only the maximum differs, which the "max"
    entry already says (a rule carries its leaf's maximum)."""
    kind_a, kind_b = _rule(old), _rule(new)
    if kind_a != kind_b or not (attrs.has(type(old)) and type(old) is type(new)):
        return kind_a, kind_b
    fields = [f.name for f in attrs.fields(type(old))
              if f.name != "max" and getattr(old, f.name) != getattr(new, f.name)]
    if not fields:
        return None

    def text(rule: Any) -> str:
        return f"{kind_a}: " + ", ".join(f"{f}={_param(getattr(rule, f))}" for f in fields)

    return text(old), text(new)


def _param(value: Any) -> str:
    """A rule parameter as short text: decimals as written, a tier as its
    fields in a row."""
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_param(v) for v in value) + "]"
    if attrs.has(type(value)):
        return "(" + " ".join(_param(getattr(value, f.name))
                              for f in attrs.fields(type(value))) + ")"
    return str(value)


def _ordered(codes: set[str]) -> list[str]:
    return sorted(codes, key=lambda c: [int(p) if p.isdigit() else 0 for p in c.split(".")]
)
