"""The core's own features, registered through the same hooks as any plugin:
the built-in rule kinds, the bundled criteria sets and the two tie policies."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from ._ranking import TIE_POLICIES
from .hookspecs import hookimpl
from .rules import BUILTIN_KINDS, Rule


def bundled_criteria_dir() -> Path:
    """Criteria files shipped with the package (installed wheel) or, in a
    source checkout, the repository's criteria/ folder."""
    here = Path(__file__).resolve().parent
    installed = here / "_criteria"
    return installed if installed.is_dir() else here.parent / "criteria"


@hookimpl
def register_rule_kinds(register: Callable[[type[Rule]], None]) -> None:
    for kind in BUILTIN_KINDS:
        register(kind)


@hookimpl
def register_criteria(register: Callable[[Path | str], None]) -> None:
    for path in sorted(bundled_criteria_dir().glob("*.toml")):
        register(path)


@hookimpl
def register_tie_policies(
    register: Callable[[str, Callable[[Sequence[Decimal]], list[int]]], None],
) -> None:
    for name, policy in TIE_POLICIES.items():
        register(name, policy)
