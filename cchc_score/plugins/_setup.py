"""The registry a run uses: one for a command (with the project config and
``--plugin`` files), the cached default of the Python API, and a temporary
registration for tests; plus the text listing of ``cchc-score plugins``.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .._i18n import msg
from ._containment import PluginProblem, ProblemHandler
from ._facade import Registry
from ._loading import plugins_disabled, project_plugins


def registry_for(*, files: Sequence[str | Path] = (), disable: bool = False,
                 strict: bool = False, on_problem: ProblemHandler | None = None,
                 directory: Path | None = None) -> Registry:
    """The registry a command runs with: the built-ins; unless `disable`
    (``--no-plugins``) or CCHC_SCORE_DISABLE_PLUGINS, the installed plugins and
    those the project config in `directory` (default: the current one) lists;
    and always the `files` given explicitly with ``--plugin``."""
    disabled = disable or plugins_disabled()
    registry = Registry(strict=strict, on_problem=on_problem)
    if not disabled:
        registry.load_entry_points()
        listed, config = project_plugins(directory or Path.cwd())
        for ref in listed:
            registry.load_local(ref, config.parent if config is not None else None)
    for given in files:
        registry.load_local(given)
    registry.collect()
    return registry


_default: Registry | None = None


def default_registry() -> Registry:
    """The built-ins plus installed plugins (cached): what the Python API uses
    when it is given no registry. Problems are kept in `.problems` and issued
    as warnings (a library has no stderr of its own to print them on)."""
    global _default
    if _default is None:
        _default = Registry.build(on_problem=_warn)
    return _default


def _warn(problem: PluginProblem) -> None:
    warnings.warn(problem.render("en"), RuntimeWarning, stacklevel=3)


@contextlib.contextmanager
def plugin_registered(registry: Registry, plugin: Any,
                      name: str | None = None) -> Iterator[Registry]:
    """Register `plugin` for the duration of a ``with`` block (tests)."""
    name = registry.add(plugin, name)
    try:
        yield registry
    finally:
        registry.remove(name)


def render_plugins(described: Sequence[Mapping[str, Any]], lang: str = "vi") -> str:
    """The text listing of `cchc-score plugins`."""
    lines: list[str] = []
    for p in described:
        source = msg(f"plg.source.{p['source']}", origin=p["origin"]).render(lang)
        version = f" {p['version']}" if p["version"] else ""
        lines.append(f"{p['name']}{version} — {source}")
        for label, key in (("plg.hooks", "hooks"), ("plg.kinds", "rule_kinds"),
                           ("plg.sets", "criteria"), ("plg.policies", "tie_policies")):
            if p[key] or key == "hooks":
                values = ", ".join(p[key]) or msg("plg.none").render(lang)
                lines.append(f"  {msg(label).render(lang)}: {values}")
    return "\n".join(lines) + "\n"
