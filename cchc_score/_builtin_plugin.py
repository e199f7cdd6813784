"""The core's own features, registered through the same hooks as any plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .hookspecs import hookimpl
from .rules import BUILTIN_KINDS


def bundled_criteria_dir() -> Path:
    """Criteria files shipped with the package (installed wheel) or, in a
    source checkout, the repository's criteria/ folder."""
    here = Path(__file__).resolve().parent
    installed = here / "_criteria"
    return installed if installed.is_dir() else here.parent / "criteria"


@hookimpl
def register_rule_kinds(register: Callable[[type[Any]], None]) -> None:
    for kind in BUILTIN_KINDS:
        register(kind)


@hookimpl
def register_criteria(register: Callable[[Any], None]) -> None:
    for path in sorted(bundled_criteria_dir().glob("*.toml")):
        register(path)
