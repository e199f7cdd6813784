"""Registrations: the rule kinds, criteria files and tie policies the loaded
plugins register, collected plugin by plugin and checked before use.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._i18n import Msg, msg
from .._ranking import TiePolicy
from ..rules import Rule, RuleKinds
from ._containment import FAILURES, describe
from ._loading import Loader

REGISTRATION_HOOKS = ("register_rule_kinds", "register_criteria", "register_tie_policies")


class Registrations(Loader):
    """`kinds`, `criteria_files` (path, owner) and `tie_policies` (with
    `policy_owners`) hold what the plugins registered at the last `collect`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kinds = RuleKinds()
        self.criteria_files: list[tuple[Path, str]] = []
        self.tie_policies: dict[str, TiePolicy] = {}
        self.policy_owners: dict[str, str] = {}

    def collect(self) -> None:
        """(Re)collect every plugin's registrations, plugin by plugin: a plugin
        whose registrations fail is dropped whole, never half-registered."""
        self.kinds = RuleKinds()
        self.criteria_files = []
        self.tie_policies = {}
        self.policy_owners = {}
        for name in list(self._info):
            self._collect_one(name)

    def _collect_one(self, name: str) -> None:
        kinds: list[Any] = []
        files: list[Any] = []
        policies: list[tuple[Any, Any]] = []
        sinks: dict[str, Callable[..., None]] = {
            "register_rule_kinds": kinds.append,
            "register_criteria": files.append,
            "register_tie_policies": lambda n, p: policies.append((n, p)),
        }
        for hook in REGISTRATION_HOOKS:
            for impl in self._impls(hook, name):
                try:
                    impl.function(*[{"register": sinks[hook]}[a] for a in impl.argnames])
                except KeyboardInterrupt:
                    raise self._interrupted(name) from None
                except FAILURES as e:
                    self._reject(name, msg("plg.hook_failed", hook=hook,
                                           where=msg("text", text=""), error=describe(e)))
                    return
        problem = self._validate(name, kinds, files, policies)
        if problem is not None:
            self._reject(name, problem)
            return
        for kind in kinds:
            if self.kinds.get(kind.kind) is not kind:  # a class two plugins share: listed once
                self.kinds.register(kind, name)
        self.criteria_files.extend((Path(f), name) for f in files)
        for policy_name, policy in policies:
            self.tie_policies[policy_name] = policy
            self.policy_owners[policy_name] = name

    def _validate(self, name: str, kinds: list[Any], files: list[Any],
                  policies: list[tuple[Any, Any]]) -> Msg | None:
        own: dict[str, Any] = {}
        for kind in kinds:
            if not (isinstance(kind, type) and issubclass(kind, Rule)
                    and isinstance(getattr(kind, "kind", None), str) and kind.kind):
                return _bad_kind(kind)
            if kind.kind in self.kinds and self.kinds[kind.kind] is not kind:
                return msg("plg.dup_kind", kind=kind.kind, a=self.kinds.owners[kind.kind],
                           b=name)
            if kind.kind in own and own[kind.kind] is not kind:
                return msg("plg.dup_kind", kind=kind.kind, a=name, b=name)
            own[kind.kind] = kind
        for file in files:
            if not isinstance(file, str | Path) or not Path(file).is_file():
                return msg("plg.no_file", path=file)
        for policy_name, policy in policies:
            if not isinstance(policy_name, str) or not policy_name or not callable(policy):
                return msg("plg.bad_policy", name=repr(policy_name))
            if policy_name in self.tie_policies:
                return msg("plg.dup_policy", name=policy_name,
                           a=self.policy_owners[policy_name], b=name)
        return None


def _bad_kind(kind: Any) -> Msg:
    """Name what was registered as its author wrote it (class name, file and
    line), not as a generated module name (`cchc_score_local_x_1a2b.Rule`)."""
    if not isinstance(kind, type):
        return msg("plg.bad_kind", what=repr(kind))
    try:
        file = inspect.getsourcefile(kind)
        line = inspect.getsourcelines(kind)[1]
    except (OSError, TypeError):
        return msg("plg.bad_kind", what=kind.__qualname__)
    return msg("plg.bad_kind_at", what=kind.__qualname__,
               where=f"{Path(file).name if file else '?'}, line {line}")
