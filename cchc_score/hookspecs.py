"""The hooks a cchc-score plugin can implement. See docs/plugins.md."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("cchc_score")
hookimpl = pluggy.HookimplMarker("cchc_score")


@hookspec
def register_rule_kinds(register: Callable[[type[Any]], None]) -> None:
    """Register rule kinds: call ``register(RuleClass)`` for each."""


@hookspec
def register_criteria(register: Callable[[Any], None]) -> None:
    """Register criteria files shipped by the plugin: call ``register(path)``."""
