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
from .._version import __version__
from ._containment import PluginFailed, ProblemHandler
from ._loading import BUILTIN_NAME, plugins_disabled
from ._registrations import Registrations


def _number(value: Any) -> bool:
    return isinstance(value, Decimal | int) and not isinstance(value, bool)


class Registry(Registrations):
    """The plugins of one run and what they registered, behind typed methods.

    `kinds`, `criteria_files` (path, owner) and `tie_policies` hold the
    registrations; `problems` every plugin problem met so far.
    """

    def __init__(self, *, strict: bool = False, on_problem: ProblemHandler | None = None,
                 ) -> None:
        super().__init__(strict=strict, on_problem=on_problem)
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
        for plugin, value in self._call("select_criteria", where, unit=unit, year=year):
            if value is None:
                continue
            if isinstance(value, str | Path) and str(value):
                return str(value)
            self._bad_return(plugin, "select_criteria", where, value)
        return None

    def _issues(self, hook: str, where: Msg, **kwargs: Any) -> list[Issue]:
        found: list[Issue] = []
        for plugin, value in self._call(hook, where, **kwargs):
            if value is None:
                continue
            items = list(value) if isinstance(value, Iterable) else [value]
            good = [i for i in items if isinstance(i, Issue)]
            if len(good) != len(items):
                self._bad_return(plugin, hook, where, value)
            found.extend(good)
        return found

    def check_criteria(self, criteria: CriteriaSet) -> list[Issue]:
        """The plugins' extra issues about a loaded criteria set."""
        return self._issues("check_criteria", msg("plg.where_set", id=criteria.id),
                            criteria=criteria)

    def check_assessment(self, criteria: CriteriaSet, assessment: Assessment) -> list[Issue]:
        """The plugins' extra issues about one unit's assessment."""
        return self._issues("check_assessment", msg("plg.where_unit", unit=assessment.unit.id),
                            criteria=criteria, assessment=assessment)

    # -- scoring hooks -----------------------------------------------------------

    def adjust(self, result: UnitResult, assessment: Assessment) -> UnitResult:
        """Every plugin's adjustment in turn, each seeing the previous one's
        output."""
        where = msg("plg.where_unit", unit=result.unit.id)
        for impl in self._impls("adjust_result"):
            ok, value = self._call_impl(impl, "adjust_result", where, {
                "criteria": result.criteria, "assessment": assessment, "result": result})
            if not ok or value is None:
                continue
            if isinstance(value, UnitResult) and value.unit == result.unit:
                result = value
            else:
                self._bad_return(impl.plugin_name, "adjust_result", where, value)
        return result

    def classify(self, result: UnitResult) -> str | None:
        """The first plugin band for this result, or None."""
        where = msg("plg.where_unit", unit=result.unit.id)
        for plugin, value in self._call("classify", where, criteria=result.criteria,
                                        result=result):
            if value is None:
                continue
            if isinstance(value, str) and value:
                return value
            self._bad_return(plugin, "classify", where, value)
        return None

    def finish(self, result: UnitResult, assessment: Assessment) -> UnitResult:
        """What the engine applies to each unit's result (`_engine.Finisher`):
        the adjustments, then a plugin's band if one gives it."""
        result = self.adjust(result, assessment)
        band = self.classify(result)
        return attrs.evolve(result, band=band) if band is not None else result

    def tie_breaker(self) -> Callable[[UnitResult], tuple[Decimal | int, ...]] | None:
        """`tie_break` for the engine's `rank`, or None when no plugin
        implements the hook (the tie policy then sees the indexes themselves)."""
        return self.tie_break if self._impls("tie_break") else None

    def tie_break(self, result: UnitResult) -> tuple[Decimal | int, ...]:
        """The engine's `TieBreaker`: the first plugin key as a tuple of
        numbers, () when no plugin gives one (lower than any key)."""
        where = msg("plg.where_unit", unit=result.unit.id)
        for plugin, value in self._call("tie_break", where, criteria=result.criteria,
                                        result=result):
            if value is None:
                continue
            if _number(value):
                return (value,)
            if isinstance(value, tuple) and value and all(_number(v) for v in value):
                return value
            self._bad_return(plugin, "tie_break", where, value)
        return ()

    # -- describing --------------------------------------------------------------

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
