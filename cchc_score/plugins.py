"""The plugin manager and the typed facade the rest of the package uses.

Nothing outside this module calls ``pm.hook`` directly: callers ask a
`Registry` for rule kinds, criteria files and tie policies.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pluggy

from . import _builtin_plugin, hookspecs
from ._engine import TIE_POLICIES, TiePolicy
from .rules import RuleKinds

BUILTIN_NAME = "cchc_score"


def make_manager(*, load_entrypoints: bool = True) -> pluggy.PluginManager:
    pm = pluggy.PluginManager("cchc_score")
    pm.add_hookspecs(hookspecs)
    pm.register(_builtin_plugin, name=BUILTIN_NAME)
    if load_entrypoints:
        pm.load_setuptools_entrypoints("cchc_score")
    pm.check_pending()
    return pm


def _plugin_name(pm: pluggy.PluginManager, impl: Any) -> str:
    return pm.get_name(impl.plugin) or repr(impl.plugin)


@attrs.define
class Registry:
    """What the plugins registered: rule kinds, criteria files, tie policies."""

    pm: pluggy.PluginManager
    kinds: RuleKinds = attrs.field(factory=RuleKinds)
    criteria_files: list[tuple[Path, str]] = attrs.field(factory=list)
    tie_policies: dict[str, TiePolicy] = attrs.field(factory=lambda: dict(TIE_POLICIES))

    @classmethod
    def build(cls, pm: pluggy.PluginManager | None = None) -> Registry:
        registry = cls(pm if pm is not None else make_manager())
        registry.collect()
        return registry

    def collect(self) -> None:
        hook = self.pm.hook
        for impl in hook.register_rule_kinds.get_hookimpls():
            owner = _plugin_name(self.pm, impl)
            impl.function(register=self._register_kind(owner))
        for impl in hook.register_criteria.get_hookimpls():
            owner = _plugin_name(self.pm, impl)
            impl.function(register=self._register_criteria(owner))

    def _register_kind(self, owner: str) -> Callable[[type[Any]], None]:
        return lambda kind: self.kinds.register(kind, owner)

    def _register_criteria(self, owner: str) -> Callable[[Any], None]:
        return lambda path: self.criteria_files.append((Path(path), owner))


_default: Registry | None = None


def default_registry() -> Registry:
    """The registry of the built-in features plus installed plugins (cached)."""
    global _default
    if _default is None:
        _default = Registry.build()
    return _default
