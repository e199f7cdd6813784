"""The deep check of one rule: score many values and compare with what the
rule and its bands promise. Used by `cchc-score check --deep` and by the
testing kit's `RuleContract` (which adds Hypothesis's values).

Each problem is a `Finding` with the smallest counter-example found.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import attrs

from ._i18n import LANGS, Msg, msg
from ._model import CriteriaSet, Issue, Location
from ._probe import axis_top, bands, compare, gaps_and_overlaps, order_key, probes, raw_for
from .rules import (
    Bonus,
    Choice,
    Context,
    Deadline,
    Deduction,
    InvalidValue,
    Manual,
    Proportional,
    Ratio,
    Rule,
    Survey,
    Tiers,
    YesNo,
)
from .rules._base import shown

ZERO = Decimal(0)
#: raw values no rule should accept silently or crash on
JUNK: tuple[Any, ...] = (None, "", "abc", -1, "-1", [], {}, "1/0", "2/1", Decimal("NaN"),
                         "1e999999", {"x": 1}, [1, 2, 3], dt.date(2024, 1, 1), 10**30)


_CTX = Context(2024)


@attrs.frozen
class Finding:
    """One problem of a rule: which check, error or warning, the message
    (with the counter-example in it) and that raw value."""

    check: str
    level: Literal["error", "warning"]
    message: Msg
    example: Any = None


def candidates(rule: Rule, ctx: Context) -> list[Any]:
    """Raw values that exercise `rule`: its bounds from every side, its
    example, and a small grid per built-in kind."""
    found = bands(rule)
    raw: list[Any] = [raw_for(rule, x) for x in probes(found, axis_top(rule))]
    for name in ("example", "worst"):
        make = getattr(rule, name, None)
        if callable(make):
            # a kind without one (or a broken one) is probed with the rest
            with contextlib.suppress(Exception):
                raw.append(make())
    raw.extend(_grid(rule, ctx))
    return raw


def _grid(rule: Rule, ctx: Context) -> list[Any]:
    if isinstance(rule, YesNo):
        return [False, True]
    if isinstance(rule, Choice):
        return [o.key for o in rule.options]
    if isinstance(rule, Deadline):
        due = rule.due_date(ctx.year)
        days = [-30, -1, 0, 1, *(x.days + d for x in rule.late for d in (0, 1)), 400]
        return [False, *(due + dt.timedelta(days=d) for d in days)]
    if isinstance(rule, Tiers | Proportional) and rule.over == "ratio":
        return ["0/0", *(f"{n}/{d}" for d in (1, 2, 3, 7, 20) for n in range(d + 1)),
                "193/200", "199/200"]
    if isinstance(rule, Tiers | Proportional):
        top = 100 if rule.over == "percent" else 20
        return [Decimal(n) for n in range(top + 1)] + [Decimal("99.5"), Decimal("0.5")]
    if isinstance(rule, Deduction | Bonus):
        return list(range(21))
    if isinstance(rule, Survey):
        if rule.weights is None:
            return [Decimal(n) for n in range(0, 101, 5)]
        options = list(rule.weights)
        return [{o: 1} for o in options] + [{o: i + 1 for i, o in enumerate(options)}]
    if isinstance(rule, Manual):
        step = rule.step or Decimal("0.25")
        count = int(rule.max / step)
        return [step * n for n in range(min(count, 400) + 1)]
    return []


def check_rule(rule: Rule, node_max: Decimal, raw_values: Iterable[Any], *,
               ctx: Context = _CTX, order: Callable[[Any], Any] | None = None,
               skip: Sequence[str] = ()) -> list[Finding]:
    """Every problem of `rule` (a leaf's, whose maximum is `node_max`) seen
    over `raw_values`. `skip` names checks declared as deviations."""
    facts: list[tuple[Any, Any, Decimal]] = []  # (raw, parsed, points)
    findings: list[Finding] = []

    def add(check: str, level: Literal["error", "warning"], message: Msg, example: Any) -> None:
        if check not in skip and all(f.check != check for f in findings):
            findings.append(Finding(check, level, message, example))

    for raw in _unique(raw_values):
        try:
            value = rule.parse_value(raw)
        except InvalidValue:
            continue
        except Exception as e:  # a kind's bug, named with the value that shows it
            add("errors", "error", msg("deep.parse_raises", raw=shown(raw), error=_name(e)), raw)
            continue
        try:
            outcome = rule.score(value, ctx)
        except Exception as e:
            add("errors", "error", msg("deep.score_raises", raw=shown(raw), error=_name(e)), raw)
            continue
        if not isinstance(outcome.points, Decimal) or not ZERO <= outcome.points <= node_max:
            add("range", "error", msg("deep.out_of_range", raw=shown(raw),
                                      points=outcome.points, max=node_max), raw)
            continue
        if outcome.points < node_max and not all(outcome.explanation.render(x) for x in LANGS):
            add("explanation", "error", msg("deep.no_explanation", raw=shown(raw)), raw)
        if not outcome.na:
            facts.append((raw, value, outcome.points))
    for raw in JUNK:
        try:
            rule.parse_value(raw)
        except InvalidValue:
            pass
        except Exception as e:
            add("errors", "error", msg("deep.parse_raises", raw=shown(raw), error=_name(e)), raw)
    _check_reach(rule, node_max, facts, add)
    _check_bands(rule, ctx, add)
    _check_monotone(rule, facts, order or order_key(rule), add)
    _check_steps(rule, ctx, facts, add)
    return findings


Add = Callable[[str, Literal["error", "warning"], Msg, Any], None]


def _unique(raw_values: Iterable[Any]) -> list[Any]:
    seen: list[Any] = []
    for raw in raw_values:
        if not any(type(raw) is type(s) and raw == s for s in seen):
            seen.append(raw)
    return seen


def _name(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def _check_reach(rule: Rule, node_max: Decimal, facts: list[tuple[Any, Any, Decimal]],
                 add: Add) -> None:
    if not facts:
        add("reach", "error", msg("deep.no_value"), None)
        return
    raw, _, top = max(facts, key=lambda f: f[2])
    best = rule.best()
    if top < best:
        add("reach", "error", msg("deep.best_unreached", best=best, top=top, raw=shown(raw)),
            raw)
    elif best < node_max:
        add("reach", "warning", msg("deep.max_unreached", max=node_max, best=best), raw)


def _check_bands(rule: Rule, ctx: Context, add: Add) -> None:
    found = bands(rule)
    if not found:
        return
    for gap in gaps_and_overlaps(found, axis_top(rule)):
        if gap.overlap:
            add("overlap", "error", msg("deep.overlap", value=gap.witness, a=str(gap.first),
                                        b=str(gap.second)), gap.witness)
        else:
            add("gap", "error", msg("deep.gap", value=gap.witness), gap.witness)
    for x in probes(found, axis_top(rule)):
        inside = [b for b in found if x in b]
        if len(inside) != 1:
            continue
        raw = raw_for(rule, x)
        try:
            points = rule.score(rule.parse_value(raw), ctx).points
        except Exception:  # reported with the other values
            continue
        if points != inside[0].points:
            add("bands", "error", msg("deep.band_disagrees", raw=shown(raw), points=points,
                                      band=str(inside[0]), expected=inside[0].points), raw)


def _check_monotone(rule: Rule, facts: list[tuple[Any, Any, Decimal]],
                    key: Callable[[Any], Any] | None, add: Add) -> None:
    if rule.monotone:
        comparable = False
        worst: tuple[Any, Any] | None = None
        for a in facts:
            for b in facts:
                order = compare(a[1], b[1], key)
                if order is None or order >= 0:
                    continue
                comparable = True
                if a[2] > b[2] and (worst is None or compare(a[1], worst[0][1], key) == -1):
                    worst = (a, b)
        if worst is not None:
            (low, _, p_low), (high, _, p_high) = worst
            add("monotone", "error", msg("deep.not_monotone", low=shown(low), p_low=p_low,
                                         high=shown(high), p_high=p_high), low)
        elif not comparable and len(facts) > 1:
            add("monotone", "error", msg("deep.no_order"), None)
        return
    points = [b.points for b in sorted(bands(rule), key=lambda b: b.lo or ZERO)]
    rises = any(a < b for a, b in itertools.pairwise(points))
    falls = any(a > b for a, b in itertools.pairwise(points))
    if rises and falls:
        add("monotone", "warning", msg("deep.rise_and_fall"), None)


def _check_steps(rule: Rule, ctx: Context, facts: list[tuple[Any, Any, Decimal]],
                 add: Add) -> None:
    for raw, value, points in sorted(facts, key=lambda f: f[2]):
        if isinstance(value, Ratio) and value.den == 0:
            continue
        try:
            step = rule.next_step(value, points, ctx)
            if step is None or step.example is None:
                continue
            promised = rule.score(rule.parse_value(step.example), ctx).points
        except Exception as e:
            add("next_step", "warning", msg("deep.step_raises", raw=shown(raw),
                                            error=_name(e)), raw)
            continue
        if step.points <= points or promised != step.points:
            add("next_step", "warning", msg("deep.step_wrong", raw=shown(raw),
                                            example=step.example, promised=step.points,
                                            points=promised), raw)


# -- a whole criteria set ------------------------------------------------------------


def check_set(criteria: CriteriaSet) -> list[Issue]:
    """The deep check of every leaf of `criteria`, as located issues."""
    raw_rules = _raw_rules(criteria.path)
    ctx = Context(criteria.years[0])
    issues: list[Issue] = []
    for node in criteria.leaves():
        rule = node.rule
        if rule is None:
            continue
        where = Location(criteria.path, node.code)
        values = candidates(rule, ctx) + _sample(rule)
        for finding in check_rule(rule, node.max, values, ctx=ctx):
            issues.append(Issue(finding.level, finding.message, where))
        if getattr(rule, "over", None) == "ratio":
            issues.extend(_nothing_arose(rule, raw_rules.get(node.code), ctx, where))
    return issues


def _nothing_arose(rule: Rule, raw: Mapping[str, Any] | None, ctx: Context,
                   where: Location) -> list[Issue]:
    """0/0 ("không phát sinh") must score, and the file should say how."""
    try:
        rule.score(rule.parse_value("0/0"), ctx)
    except Exception as e:
        return [Issue("error", msg("deep.zero_den_undefined", error=_name(e)), where)]
    if raw is not None and "zero_denominator" not in raw:
        return [Issue("warning", msg("deep.zero_den_default"), where)]
    return []


def _raw_rules(path: str | None) -> dict[str, Mapping[str, Any]]:
    """Each leaf's rule table as written in the file (to see what it left
    to a default)."""
    if path is None:
        return {}
    from ._toml import load_toml

    data, _, _ = load_toml(Path(path))
    nodes = data.get("nodes") if isinstance(data, Mapping) else None
    if not isinstance(nodes, list):
        return {}
    return {n["code"]: n["rule"] for n in nodes if isinstance(n, Mapping)
            and isinstance(n.get("code"), str) and isinstance(n.get("rule"), Mapping)}


def _sample(rule: Rule, count: int = 100) -> list[Any]:
    """Values from a plugin kind's `strategy()`, drawn the same way on every
    run (Hypothesis derandomised); none without Hypothesis or a strategy."""
    strategy = getattr(rule, "strategy", None)
    if not callable(strategy):
        return []
    try:
        from hypothesis import HealthCheck, Phase, given, settings
    except ImportError:  # the test extra is not installed: the grid and bounds only
        return []
    drawn: list[Any] = []

    @settings(derandomize=True, database=None, max_examples=count, phases=[Phase.generate],
              deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy())
    def collect(value: Any) -> None:
        drawn.append(value)

    with contextlib.suppress(Exception):  # a strategy that cannot draw: what it drew
        collect()
    return drawn
