"""Hypothesis strategies that build valid data: facts for any rule,
assessments for any criteria set, small criteria sets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from .._engine import score
from .._model import Assessment, CriteriaSet, Stage, Unit, UnitResult
from .._ranking import rank
from ..load import DEFAULT_TIES
from ..plugins import Registry
from ..rules import (
    Bonus,
    Choice,
    Deadline,
    Deduction,
    Manual,
    Proportional,
    Rule,
    RuleKinds,
    Survey,
    Tiers,
    YesNo,
)


def decimals(min_value: Decimal | int = 0, max_value: Decimal | int = 1000,
             places: int = 2) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most `places` decimal places."""
    return st.decimals(min_value=min_value, max_value=max_value, places=places,
                       allow_nan=False, allow_infinity=False)


def percents() -> st.SearchStrategy[Decimal]:
    return decimals(0, 100, 3)


def ratios(max_den: int = 500) -> st.SearchStrategy[str]:
    """Ratios "num/den" with num ≤ den, including 0/0."""
    return st.integers(0, max_den).flatmap(
        lambda den: st.integers(0, den).map(lambda num: f"{num}/{den}"))


def counts(max_count: int = 50) -> st.SearchStrategy[int]:
    return st.integers(0, max_count)


def values(rule: Rule) -> st.SearchStrategy[Any]:
    """Raw facts a unit may declare for `rule` (what an assessment file holds)."""
    if isinstance(rule, YesNo):
        return st.booleans()
    if isinstance(rule, Choice):
        return st.sampled_from([o.key for o in rule.options])
    if isinstance(rule, Deadline):
        return st.one_of(st.just(False), st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)))
    if isinstance(rule, Tiers | Proportional):
        over = rule.over
        if over == "ratio":
            return ratios()
        if over == "percent":
            return percents()
        return decimals(0, 1000, 0)
    if isinstance(rule, Deduction | Bonus):
        return counts()
    if isinstance(rule, Survey):
        if rule.weights is None:
            return percents()
        options = list(rule.weights)
        # at least one answer: the first option drawn counts from 1 (no filter)
        return st.tuples(st.sampled_from(options), st.integers(1, 300),
                         st.dictionaries(st.sampled_from(options), st.integers(0, 300))
                         ).map(lambda t: {**t[2], t[0]: t[1]})
    if isinstance(rule, Manual):
        if rule.step is None:
            return decimals(0, rule.max, 2)
        step = rule.step
        return st.integers(0, int(rule.max // step)).map(lambda n: n * step)
    # A plugin's kind: its own example is the least we know to be valid.
    strategy = getattr(rule, "strategy", None)
    if callable(strategy):
        return strategy()  # type: ignore[no-any-return]
    return st.just(rule.example())


@st.composite
def assessments(draw: st.DrawFn, criteria: CriteriaSet, *, unit: Unit | None = None,
                not_applicable: bool | Iterable[str] = True, exclude_na: Iterable[str] = (),
                appraisal: bool = True, survey: bool = True, blanks: bool = True,
                registry: Registry | None = None) -> Assessment:
    """Valid assessments of `criteria`: any facts, optionally blanks,
    not-applicable claims, appraisal entries and survey values.

    The draw is written as an assessment file's data and read by the real
    loader, then checked by `registry`'s plugins (`check_assessment`) when
    given: an entry that the set or a plugin refuses is dropped (never the
    whole example, so no heavy filtering), so every assessment drawn is one
    the command line would score. `not_applicable` is True (any node may be
    claimed), False (none) or the codes that may be; `exclude_na` codes and
    their subtrees are never claimed (e.g. a component the province forbids
    claiming)."""
    from ..load import parse_assessment

    unit = unit or Unit(draw(st.sampled_from(["u1", "u2", "u3"])), "Đơn vị thử", criteria.group)
    data: dict[str, Any] = {
        "schema": 1, "criteria": criteria.id,
        "year": draw(st.integers(criteria.years[0], criteria.years[1])),
        "unit": {"id": unit.id, "name": unit.name, "group": unit.group,
                 "tags": sorted(unit.tags)},
        "answers": {}, "not_applicable": {}, "appraisal": {}, "survey": {}}
    for node in criteria.leaves():
        assert node.rule is not None
        if node.method == "survey":
            if survey and draw(st.booleans()):
                data["survey"][node.code] = draw(values(node.rule))
            continue
        if blanks and draw(st.integers(0, 9)) == 0:
            continue
        evidence = draw(st.lists(st.just({"number": "01/KH", "date": dt.date(2024, 1, 5),
                                          "title": "Kế hoạch"}), max_size=1))
        data["answers"][node.code] = {"value": draw(values(node.rule)), "evidence": evidence}
        if appraisal and draw(st.integers(0, 5)) == 0:
            entry = ({"points": draw(decimals(0, node.max, 2))} if draw(st.booleans())
                     else {"value": draw(values(node.rule))})
            data["appraisal"][node.code] = {**entry, "reason": "thẩm định"}
    if not_applicable is not False:
        allowed = criteria.codes if not_applicable is True else tuple(not_applicable)
        banned = tuple(exclude_na)
        codes = [c for c in allowed if not any(c == b or c.startswith(b + ".") for b in banned)]
        if codes:
            for code in draw(st.lists(st.sampled_from(codes), max_size=3, unique=True)):
                data["not_applicable"][code] = "không áp dụng"
    for _ in range(4):
        found, issues = parse_assessment(data, "<generated>", criteria)
        if found is not None and registry is not None:
            issues = [*issues, *registry.check_assessment(criteria, found)]
        refused = {i.code for i in issues if i.level == "error"}
        if found is not None and not refused:
            return found
        if None in refused:  # not tied to one entry: nothing to drop
            break
        for table in ("answers", "not_applicable", "appraisal", "survey"):
            data[table] = {c: v for c, v in data[table].items() if c not in refused}
    reject()
    raise AssertionError("unreachable")  # pragma: no cover


# -- random criteria sets ----------------------------------------------------------

_RULE_TABLES: dict[str, Callable[[Decimal], st.SearchStrategy[dict[str, Any]]]] = {
    "yes_no": lambda m: st.just({"kind": "yes_no"}),
    "choice": lambda m: st.just({"kind": "choice", "options": [
        {"key": "dat", "points": m}, {"key": "mot-phan", "points": m / 2},
        {"key": "khong", "points": Decimal(0)}]}),
    "deadline": lambda m: st.just({"kind": "deadline", "due": "03-31",
                                   "late": [{"days": 30, "points": m / 2}]}),
    "tiers": lambda m: st.sampled_from(["number", "percent", "ratio"]).map(lambda over: {
        "kind": "tiers", "over": over,
        "zero_denominator": "na" if over == "ratio" else "full",
        "tiers": [{"min": Decimal(100 if over != "number" else 5), "points": m},
                  {"min": Decimal(95 if over != "number" else 3), "points": m / 2},
                  {"above": Decimal(50 if over != "number" else 1), "points": m / 4}]}
        if over != "ratio" else {
        "kind": "tiers", "over": over, "zero_denominator": "na",
        "tiers": [{"min": Decimal(100), "points": m}, {"min": Decimal(95), "points": m / 2}]}),
    "proportional": lambda m: st.sampled_from([{"kind": "proportional"},
                                               {"kind": "proportional", "floor": 50},
                                               {"kind": "proportional", "over": "ratio"}]),
    "deduction": lambda m: st.just({"kind": "deduction", "per_item": m / 4}),
    "bonus": lambda m: st.just({"kind": "bonus", "per_item": m / 4}),
    "manual": lambda m: st.just({"kind": "manual", "step": Decimal("0.25")}),
}


@st.composite
def criteria_sets(draw: st.DrawFn, *, survey: bool = True,
                  kinds: RuleKinds | Iterable[str] | None = None,
                  registry: Registry | None = None) -> CriteriaSet:
    """Small valid criteria sets (2–4 components, two or three levels),
    loaded through the real validator.

    Leaves use every built-in kind (survey leaves apart), or the kinds
    named in `kinds` (names, or a `RuleKinds` registry: all its kinds), taken
    from `registry` (the built-ins and its plugins) when given. A plugin's
    kind gets its parameter tables from its classmethod
    `params_strategy(node_max)` (a Hypothesis strategy of tables without
    `kind`), or none when it has no parameters; its values come from its
    `strategy()` (see `values`)."""
    from ..load import parse_criteria

    pool, names = _kind_pool(kinds, registry)
    nodes: list[dict[str, Any]] = []
    maxima = [Decimal("0.25"), Decimal("0.5"), Decimal(1), Decimal("1.5"), Decimal(2)]

    def leaf(code: str) -> Decimal:
        node_max = draw(st.sampled_from(maxima))
        kind = draw(st.sampled_from(names))
        entry: dict[str, Any] = {"code": code, "title": f"Tiêu chí {code}", "max": node_max,
                                 "rule": draw(_rule_table(pool[kind], node_max))}
        if survey and draw(st.integers(0, 6)) == 0:
            entry.update(method="survey", rule={"kind": "survey"}, evidence="none")
        nodes.append(entry)
        return node_max

    for c in range(1, draw(st.integers(2, 4)) + 1):
        component = {"code": str(c), "title": f"Lĩnh vực {c}", "max": Decimal(0)}
        nodes.append(component)
        total = Decimal(0)
        for k in range(1, draw(st.integers(1, 3)) + 1):
            code = f"{c}.{k}"
            if draw(st.booleans()):
                total += leaf(code)
                continue
            criterion = {"code": code, "title": f"Tiêu chí {code}", "max": Decimal(0)}
            nodes.append(criterion)
            sub = sum((leaf(f"{code}.{s}") for s in range(1, draw(st.integers(1, 3)) + 1)),
                      Decimal(0))
            criterion["max"] = sub
            total += sub
        component["max"] = total
    ties = draw(st.sampled_from(["shared", "dense"]))
    data = {
        "schema": 1, "id": "thu-nghiem", "title": "Bộ chỉ số thử nghiệm", "group": "nhom",
        "years": [2024, 2025], "decimals": draw(st.sampled_from([2, 3])), "ties": ties,
        "scale": 100, "source": {"issuer": "Thử nghiệm", "decision": "không"},
        "bands": [{"name": "Tốt", "min": 80}, {"name": "Khá", "min": 50}],
        "nodes": nodes,
    }
    policies = tuple(registry.tie_policies) if registry is not None else DEFAULT_TIES
    criteria, issues = parse_criteria(data, "<generated>", pool, tie_policies=policies)
    errors = [i.render("en") for i in issues if i.level == "error"]
    assert criteria is not None, (
        f"{errors} (a plugin kind with parameters needs a params_strategy(node_max))")
    return criteria


def _kind_pool(kinds: RuleKinds | Iterable[str] | None,
               registry: Registry | None) -> tuple[RuleKinds, list[str]]:
    pool = registry.kinds if registry is not None else RuleKinds.builtin()
    if isinstance(kinds, RuleKinds):
        pool, names = kinds, sorted(kinds)
    elif kinds is not None:
        names = sorted(kinds)
        unknown = [n for n in names if n not in pool]
        assert not unknown, f"unknown rule kinds {unknown}; known: {sorted(pool)}"
    else:
        names = sorted(pool) if registry is not None else sorted(_RULE_TABLES)
    names = [n for n in names if n != "survey"] or names  # survey leaves come on their own
    return pool, names


def _rule_table(kind: type[Rule], node_max: Decimal) -> st.SearchStrategy[dict[str, Any]]:
    """Valid parameter tables of `kind` for a leaf of `node_max`."""
    if kind.kind in _RULE_TABLES and kind is RuleKinds.builtin().get(kind.kind):
        return _RULE_TABLES[kind.kind](node_max)
    own = getattr(kind, "params_strategy", None)
    tables = own(node_max) if callable(own) else st.just({})
    return tables.map(lambda table: {**table, "kind": kind.kind})



@st.composite
def results(draw: st.DrawFn, /, criteria: CriteriaSet, *, registry: Registry | None = None,
            units: tuple[int, int] = (1, 5), stage: Stage | None = None,
            tags: Sequence[str] = (), **options: Any) -> list[UnitResult]:
    """Ranked results of a few units of `criteria` (distinct ids, one or two
    groups, each unit any subset of `tags`), scored and ranked as the command
    line does: through `registry`'s plugins when given. `options` go to
    `assessments`. Feed them to `check_invariants`."""
    stages: list[Stage] = [stage] if stage is not None else ["self", "appraised"]
    chosen = draw(st.sampled_from(stages))
    scored = []
    for i in range(draw(st.integers(*units))):
        group = draw(st.sampled_from([criteria.group, f"{criteria.group}-2"]))
        unit = Unit(f"u{i}", f"Đơn vị {i}", group,
                    frozenset(draw(st.lists(st.sampled_from(tags), unique=True))) if tags
                    else frozenset())
        assessment = draw(assessments(criteria, unit=unit, registry=registry, **options))
        scored.append(score(criteria, assessment, chosen,
                            finish=registry.finish if registry is not None else None))
    if registry is None:
        return rank(scored)
    return rank(scored, registry.tie_policies, tie_break=registry.tie_breaker())
