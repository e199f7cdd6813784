"""The typed facade: what the loaders, the API and the engine call instead
of ``pm.hook``. Every method checks what the plugins return and reports a
wrong value (through the containment layer) instead of passing it on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .. import _builtin_plugin
from .._i18n import Msg, msg
from .._model import Assessment, CriteriaSet, Issue, Unit, UnitResult
from .._ranking import TiePolicy, shared_ranks
from .._version import __version__
from ..exceptions import RuleFailed
from ._containment import PluginFailed, ProblemHandler, describe
from ._loading import BUILTIN_NAME, plugins_disabled
from ._registrations import Registrations
from ._validate import result_problem


def _number(value: Any) -> bool:
    return isinstance(value, Decimal | int) and not isinstance(value, bool)


#: a reason that is neither text nor a message
_BAD = msg("text", text="")


def _with_reason(value: Any) -> tuple[Any, Msg | None]:
    """(answer, reason) from a hook's return: `answer`, or a tuple whose
    last item is the reason (a str or a `Msg`): ("A", "…"), (92, 3, msg(…))."""
    if not (isinstance(value, tuple) and len(value) >= 2
            and isinstance(value[-1], str | Msg)):
        return value, None
    reason = value[-1]
    answer = value[0] if len(value) == 2 else value[:-1]
    if isinstance(reason, str):
        return answer, msg("text", text=reason) if reason.strip() else _BAD
    return answer, reason


class Registry(Registrations):
    """The plugins of one run and what they registered, behind typed methods.

    `kinds`, `criteria_files` (path, owner) and `tie_policies` hold the
    registrations; `problems` every plugin problem met so far.
    """

    def __init__(self, *, strict: bool = False, on_problem: ProblemHandler | None = None,
                 ) -> None:
        super().__init__(strict=strict, on_problem=on_problem)
        self._tie_reasons: dict[tuple[str, str], Msg] = {}
        self._add(_builtin_plugin, BUILTIN_NAME, "builtin", "cchc-score", __version__)

    # -- building ----------------------------------------------------------------

    @classmethod
    def build(cls, *, entry_points: bool | None = None, local: Iterable[str | Path] = (),
              strict: bool = False, on_problem: ProblemHandler | None = None,
              base: Path | None = None) -> Registry:
        """Built-ins, then installed plugins (unless `entry_points` is False,
        or None and CCHC_SCORE_DISABLE_PLUGINS is set), then `local` files
        or modules (relative paths from `base`), then collect registrations."""
        registry = cls(strict=strict, on_problem=on_problem)
        if entry_points is None:
            entry_points = not plugins_disabled()
        if entry_points:
            registry.load_entry_points()
        for ref in local:
            registry.load_local(ref, base)
        registry.collect()
        return registry

    def add(self, plugin: Any, name: str | None = None) -> str:
        """Register a plugin object now (tests, embedding) and collect again.
        Raises `PluginFailed` if it is rejected. Returns its name."""
        name = name or f"{getattr(plugin, '__name__', type(plugin).__name__)}-{id(plugin):x}"
        strict, self.strict = self.strict, True
        try:
            self._add(plugin, name, "object", getattr(plugin, "__module__", None) or name, None)
            self.collect()
        except PluginFailed:
            self.strict = strict
            self.collect()  # the rejected plugin is gone: rebuild the others' registrations
            raise
        finally:
            self.strict = strict
        return name

    def remove(self, name: str) -> None:
        """Unregister a plugin added with `add` and collect again."""
        if self.pm.has_plugin(name):
            self.pm.unregister(name=name)
        self._info.pop(name, None)
        self.collect()

    # -- loading hooks -----------------------------------------------------------

    def select_criteria(self, unit: Mapping[str, Any] | Unit | None, year: Any) -> str | None:
        """The criteria set (id or path) plugins pick for an assessment that
        names none; `unit` may be the raw ``[unit]`` table."""
        if not isinstance(unit, Unit):
            raw = unit if isinstance(unit, Mapping) else {}
            tags = raw.get("tags")
            unit = Unit(str(raw.get("id", "")), str(raw.get("name", "")),
                        str(raw.get("group", "")),
                        frozenset(str(t) for t in tags) if isinstance(tags, list) else frozenset())
        year = year if isinstance(year, int) and not isinstance(year, bool) else None
        where = msg("plg.where_unit", unit=unit.id)
        for plugin, value in self._call("select_criteria", where, unit.id or None, unit=unit,
                                        year=year):
            if value is None:
                continue
            if isinstance(value, str | Path) and str(value):
                return str(value)
            self._bad_return(plugin, "select_criteria", where, value)
        return None

    def _issues(self, hook: str, where: Msg, for_unit: str | None = None,
                **kwargs: Any) -> list[Issue]:
        found: list[Issue] = []
        for plugin, value in self._call(hook, where, for_unit, **kwargs):
            if value is None:
                continue
            items = list(value) if isinstance(value, Iterable) else [value]
            good = [i for i in items if isinstance(i, Issue)]
            if len(good) != len(items):
                self._bad_return(plugin, hook, where, value, for_unit)
            found.extend(good)
        return found

    def check_criteria(self, criteria: CriteriaSet) -> list[Issue]:
        """The plugins' extra issues about a loaded criteria set."""
        return self._issues("check_criteria", msg("plg.where_set", id=criteria.id),
                            criteria=criteria)

    def check_assessment(self, criteria: CriteriaSet, assessment: Assessment) -> list[Issue]:
        """The plugins' extra issues about one unit's assessment."""
        return self._issues("check_assessment", msg("plg.where_unit", unit=assessment.unit.id),
                            assessment.unit.id, criteria=criteria, assessment=assessment)

    # -- scoring hooks -----------------------------------------------------------

    def adjust(self, result: UnitResult, assessment: Assessment) -> UnitResult:
        """Every plugin's adjustment in turn, each seeing the previous one's
        output. An adjusted result that does not add up (points outside
        0..max at a node, a parent that is not the sum of its parts) is
        refused, naming the plugin, and the previous result kept."""
        unit = result.unit.id
        where = msg("plg.where_unit", unit=unit)
        for impl in self._impls("adjust_result"):
            ok, value = self._call_impl(impl, "adjust_result", where, {
                "criteria": result.criteria, "assessment": assessment, "result": result}, unit)
            if not ok or value is None:
                continue
            if not (isinstance(value, UnitResult) and value.unit == result.unit):
                self._bad_return(impl.plugin_name, "adjust_result", where, value, unit)
                continue
            problem = result_problem(value)
            if problem is not None:
                self._problem(impl.plugin_name, msg("plg.bad_result", where=where,
                                                    problem=problem), "call", unit)
                continue
            result = value
        return result

    def classify(self, result: UnitResult) -> tuple[bool, str | None, Msg | None]:
        """The first plugin band for this result (None: the set's own) and
        its reason; False first when a plugin that might have given the band
        failed (no band is then published rather than the set's own, which
        the plugin overrides). A plugin returns a band or (band, reason)."""
        unit = result.unit.id
        where = msg("plg.where_unit", unit=unit)
        for impl in self._impls("classify"):
            ok, value = self._call_impl(impl, "classify", where, {
                "criteria": result.criteria, "result": result}, unit, "band")
            if not ok:
                return False, None, None
            if value is None:
                continue
            band, reason = _with_reason(value)
            if isinstance(band, str) and band and reason is not _BAD:
                return True, band, reason
            self._bad_return(impl.plugin_name, "classify", where, value, unit, "band")
            return False, None, None
        return True, None, None

    def finish(self, result: UnitResult, assessment: Assessment) -> UnitResult:
        """What the engine applies to each unit's result (`_engine.Finisher`):
        the adjustments, then a plugin's band (and reason) if one gives it."""
        result = self.adjust(result, assessment)
        ok, band, reason = self.classify(result)
        if not ok:
            return attrs.evolve(result, band=None)
        if band is None:
            return result
        return attrs.evolve(result, band=band, band_reason=reason)

    def rule_failed(self, failure: RuleFailed, unit: str) -> None:
        """A rule kind's code failed for `unit` (`RuleFailed` from the loader
        or the engine): named under the plugin that registered the kind; the
        caller leaves that unit's result out."""
        where = msg("plg.where_unit", unit=unit)
        self._problem(self.kinds.owners.get(failure.kind, failure.kind), msg(
            "plg.kind_failed", kind=failure.kind, method=msg(f"plg.method.{failure.method}"),
            code=failure.code, where=where, error=failure.error), "unit", unit)

    def ranking_policies(self) -> dict[str, TiePolicy]:
        """The tie policies, each guarded: one that raises or returns a
        wrong number of ranks is reported, and shared ranks used instead."""
        return {name: self._guarded_policy(name, policy)
                for name, policy in self.tie_policies.items()}

    def _guarded_policy(self, name: str, policy: TiePolicy) -> TiePolicy:
        owner = self.policy_owners.get(name, name)

        def run(indexes: Sequence[Decimal]) -> list[int]:
            try:
                ranks = list(policy(indexes))
            except Exception as e:
                self._problem(owner, msg("plg.policy_failed", name=name, error=describe(e)),
                              "policy")
                return shared_ranks(indexes)
            if len(ranks) != len(indexes) or not all(
                    isinstance(r, int) and not isinstance(r, bool) and r >= 1 for r in ranks):
                self._problem(owner, msg("plg.policy_length", name=name, got=len(ranks),
                                         count=len(indexes)), "policy")
                return shared_ranks(indexes)
            return ranks
        return run

    def tie_breaker(self) -> Callable[[UnitResult], tuple[Decimal | int, ...]] | None:
        """`tie_break` for the engine's `rank`, or None when no plugin
        implements the hook (the tie policy then sees the indexes themselves)."""
        return self.tie_break if self._impls("tie_break") else None

    def tie_break(self, result: UnitResult) -> tuple[Decimal | int, ...]:
        """The engine's `TieBreaker`: the first plugin key as a tuple of
        numbers, () when no plugin gives one (lower than any key)."""
        unit = result.unit.id
        where = msg("plg.where_unit", unit=unit)
        for plugin, value in self._call("tie_break", where, unit, criteria=result.criteria,
                                        result=result):
            if value is None:
                continue
            key, reason = _with_reason(value)
            if _number(key):
                key = (key,)
            if (isinstance(key, tuple) and key and all(_number(v) for v in key)
                    and reason is not _BAD):
                if reason is not None:
                    self._tie_reasons[(result.criteria.id, unit)] = reason
                return key
            self._bad_return(plugin, "tie_break", where, value, unit)
        return ()

    def with_rank_reasons(self, ranked: Sequence[UnitResult]) -> list[UnitResult]:
        """The ranked results, each that shared its published index with
        another unit of its group carrying the reason its tie-break gave."""
        def tied(r: UnitResult) -> bool:
            return sum(1 for o in ranked if o.unit.group == r.unit.group
                       and o.published_index == r.published_index) > 1

        return [attrs.evolve(r, rank_reason=reason)
                if (reason := self._tie_reasons.get((r.criteria.id, r.unit.id))) is not None
                and tied(r) else r for r in ranked]

    # -- describing --------------------------------------------------------------

    def available(self) -> dict[str, str | None]:
        """Every loaded plugin by name, and by distribution name for the
        installed ones, with its version (None when unknown): what a
        criteria set's ``requires`` and ``plugin.<name>`` tables name."""
        found: dict[str, str | None] = {}
        for info in self._info.values():
            found[info.name] = info.version
            if info.source in ("entrypoint", "builtin"):
                found[info.origin] = info.version
        return found

    def describe(self, criteria_ids: Mapping[str, Sequence[str]] | None = None
                 ) -> list[dict[str, Any]]:
        """Each plugin: name, version, where from, hooks, what it registered.
        `criteria_ids` maps a plugin name to the ids of the sets its files
        define (the catalog knows them; here we only know the files)."""
        out = []
        for info in self._info.values():
            hooks = sorted({c.name for c in self.pm.get_hookcallers(info.plugin) or ()})
            out.append({
                "name": info.name,
                "version": info.version,
                "source": info.source,
                "origin": info.origin,
                "hooks": hooks,
                "rule_kinds": sorted(k for k, o in self.kinds.owners.items() if o == info.name),
                "criteria": sorted((criteria_ids or {}).get(info.name, ())),
                "criteria_files": [str(p) for p, o in self.criteria_files if o == info.name],
                "tie_policies": sorted(p for p, o in self.policy_owners.items()
                                       if o == info.name),
            })
        return out
