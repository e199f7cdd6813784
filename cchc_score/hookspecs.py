"""The hooks a cchc-score plugin can implement. The full reference, with the
arguments, when each hook is called and an example, is docs/plugins.md.

A plugin is a module (or any object) with functions decorated with
``@cchc_score.hookimpl`` and named like the hooks below; it may accept any
subset of a hook's arguments. Registration hooks receive a ``register``
callback, in the style of llm and datasette plugins. The other hooks are
called through the `cchc_score.plugins.Registry` facade, never by the engine
directly; they receive every set and unit, so a plugin returns ``None`` (or
nothing) for the sets it does not own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from ._i18n import Msg
    from ._model import Assessment, CriteriaSet, Issue, Unit, UnitResult
    from .rules import Rule

#: the pluggy project name, also the entry-point group plugins are found in
PROJECT = "cchc_score"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# -- registration: called once, when the registry is built -----------------------


@hookspec
def register_rule_kinds(register: Callable[[type[Rule]], None]) -> None:
    """Register rule kinds: call ``register(RuleClass)`` for each."""


@hookspec
def register_criteria(register: Callable[[Path | str], None]) -> None:
    """Register criteria files shipped by the plugin: call ``register(path)`` for each."""


@hookspec
def register_tie_policies(
    register: Callable[[str, Callable[[Sequence[Decimal]], list[int]]], None],
) -> None:
    """Register named tie policies for a set's ``ties`` key: ``register(name, policy)``."""


# -- loading: called for every criteria set and assessment -------------------------


@hookspec(firstresult=True)
def select_criteria(unit: Unit, year: int | None) -> str | None:
    """Name the criteria set (id or path) for an assessment that names none."""


@hookspec
def check_criteria(criteria: CriteriaSet) -> Iterable[Issue] | None:
    """Return extra issues about a loaded criteria set (errors reject the set)."""


@hookspec
def check_assessment(criteria: CriteriaSet, assessment: Assessment) -> Iterable[Issue] | None:
    """Return extra issues about an assessment (errors leave the unit unscored)."""


# -- scoring: called for every unit, then for every group --------------------------


@hookspec
def adjust_result(
    criteria: CriteriaSet, assessment: Assessment, result: UnitResult
) -> UnitResult | None:
    """Return an adjusted copy of a unit's result, or None to leave it as it is."""


@hookspec(firstresult=True)
def classify(criteria: CriteriaSet, result: UnitResult) -> str | tuple[str, str | Msg] | None:
    """Return the band of a unit's result (or band, reason), or None for the set's bands."""


@hookspec(firstresult=True)
def tie_break(
    criteria: CriteriaSet, result: UnitResult
) -> Decimal | int | tuple[Decimal | int | str | Msg, ...] | None:
    """Return a key ordering units of equal index (larger first; may end with a reason)."""
