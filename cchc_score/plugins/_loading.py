"""Loading: where plugins come from and how each is registered with pluggy.

A plugin that fails to import, implements an unknown hook or a hook wrapper
is reported by name and skipped; the others load.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import importlib.util
import inspect
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import attrs
import pluggy

from .. import hookspecs
from .._i18n import Msg, msg
from .._model import Issue, Location
from .._toml import load_toml
from ..exceptions import InputError
from ..hookspecs import PROJECT
from ._containment import FAILURES, Containment, describe
from ._entry_points import EntryPoint, entry_points

#: the entry-point group installed plugins declare
GROUP = PROJECT
#: the name the core's own features are registered under
BUILTIN_NAME = "cchc_score"
#: set to 1 (or true / yes) to load only the built-ins and --plugin files
DISABLE_ENV = "CCHC_SCORE_DISABLE_PLUGINS"
#: the project config file looked for in the current directory
CONFIG_FILE = "cchc-score.toml"
#: the keys a project config may hold (anything else is an error, not ignored)
CONFIG_KEYS = frozenset({"plugins"})

Source = Literal["builtin", "entrypoint", "file", "module", "object"]


def plugins_disabled(environ: Mapping[str, str] | None = None) -> bool:
    """Whether CCHC_SCORE_DISABLE_PLUGINS asks for built-ins only."""
    value = (os.environ if environ is None else environ).get(DISABLE_ENV, "")
    return value.strip().lower() not in ("", "0", "false", "no", "off")


@attrs.frozen
class PluginInfo:
    """Where a loaded plugin comes from."""

    name: str
    source: Source
    origin: str
    version: str | None
    plugin: Any = attrs.field(eq=False, repr=False)


def _entry_points() -> list[EntryPoint]:
    return sorted(entry_points(GROUP), key=lambda ep: ep.name)


def _import_file(path: Path) -> ModuleType:
    """Import a plugin file under a name unique to its path, afresh each time
    (tests rewrite the same file)."""
    resolved = path.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    stem = re.sub(r"\W", "_", path.stem)
    name = f"cchc_score_local_{stem}_{digest}"
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:  # pragma: no cover - .py files always have one
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _is_path(ref: str) -> bool:
    return ref.endswith(".py") or "/" in ref or "\\" in ref


class Loader(Containment):
    """Adds plugins to the manager: the installed ones, files and modules,
    and objects handed over by tests; `plugins()` lists those loaded."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entry_points_loaded = False
        self._info: dict[str, PluginInfo] = {}

    def plugins(self) -> list[PluginInfo]:
        return list(self._info.values())

    def load_entry_points(self) -> None:
        self.entry_points_loaded = True
        seen: dict[str, str] = {}
        for ep in _entry_points():
            if seen.get(ep.name) == ep.value:  # one distribution seen twice on sys.path
                continue
            seen[ep.name] = ep.value
            dist = ep.dist
            origin = (dist.name if dist is not None else None) or ep.value
            version = dist.version if dist is not None else None
            try:
                plugin = ep.load()
            except KeyboardInterrupt:
                raise self._interrupted(ep.name) from None
            except FAILURES as e:
                self._problem(ep.name, msg("plg.load_failed", error=describe(e)))
                continue
            self._add(plugin, ep.name, "entrypoint", origin, version)

    def load_local(self, ref: str | Path, base: Path | None = None) -> None:
        """A plugin file (``path/to/file.py``) or an importable module name."""
        text = str(ref)
        if isinstance(ref, Path) or _is_path(text):
            path = Path(ref)
            if base is not None and not path.is_absolute():
                path = base / path
            # a package's __init__.py is named after its folder
            name = path.parent.name if path.stem == "__init__" else path.stem
            if any(i.source == "file" and Path(i.origin).resolve() == path.resolve()
                   for i in self._info.values()):
                return  # listed in the config file and given with --plugin
            if not path.is_file():
                self._problem(name, msg("plg.no_file", path=path))
                return
            try:
                module = _import_file(path)
            except KeyboardInterrupt:
                raise self._interrupted(name) from None
            except FAILURES as e:
                self._problem(name, msg("plg.load_failed", error=describe(e)))
                return
            self._add(module, name, "file", str(path), None)
            return
        if text in self._info:
            return
        try:
            module = importlib.import_module(text)
        except KeyboardInterrupt:
            raise self._interrupted(text) from None
        except FAILURES as e:
            self._problem(text, msg("plg.load_failed", error=describe(e)))
            return
        self._add(module, text, "module", text, None)

    def _add(self, plugin: Any, name: str, source: Source, origin: str,
             version: str | None) -> None:
        if name in self._info or self.pm.has_plugin(name):
            self._problem(name, msg("plg.dup_name", origin=self._info[name].origin
                                    if name in self._info else name))
            return
        try:
            self.pm.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as e:
            self._problem(name, _pluggy_message(str(e)))
            return
        unknown = self._unknown_hooks(plugin)
        wrappers = sorted(c.name for c in self.pm.get_hookcallers(plugin) or ()
                          for i in c.get_hookimpls()
                          if i.plugin is plugin and (i.hookwrapper or i.wrapper))
        if unknown or wrappers:
            self.pm.unregister(plugin)
            self._problem(name, msg("plg.unknown_hooks", hooks=unknown) if unknown
                          else msg("plg.wrapper", hooks=wrappers))
            return
        self._info[name] = PluginInfo(name, source, origin, version, plugin)

    def _unknown_hooks(self, plugin: Any) -> list[str]:
        """pluggy's check_pending() raises for the first implementation of a
        hook with no specification (a misspelt hook name, say); collect every
        such name of this plugin for one clear message."""
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as e:
            if e.plugin is not plugin:  # pragma: no cover - earlier plugins were checked
                raise
            names = []
            for caller in self.pm.get_hookcallers(plugin) or ():
                if not caller.has_spec():
                    close = difflib.get_close_matches(caller.name, hook_names(), 1)
                    names.append(caller.name + (f" (→ {close[0]}?)" if close else ""))
            return sorted(names)
        return []

    def _reject(self, name: str, message: Msg) -> None:
        """A plugin registered something invalid: drop it entirely."""
        if self.pm.has_plugin(name):
            self.pm.unregister(name=name)
        self._info.pop(name, None)
        self._problem(name, message)


#: pluggy's own (English) refusals, read back to be said in the user's language
_PLUGGY = (
    (re.compile(r"for hook '(?P<hook>\w+)'\nhookimpl definition: .*\nArgument\(s\) "
                r"(?P<args>\{.*\}) are declared", re.S), "plg.bad_args"),
    (re.compile(r"for hook '(?P<hook>\w+)'\n.*not a generator function", re.S),
     "plg.not_generator"),
    (re.compile(r"^Plugin already registered under a different name"), "plg.already"),
)


def _pluggy_message(text: str) -> Msg:
    for pattern, key in _PLUGGY:
        found = pattern.search(text)
        if found is not None:
            args = found.groupdict()
            if key == "plg.bad_args":
                args["args"] = ", ".join(sorted(re.findall(r"'(\w+)'", args["args"])))
                args["allowed"] = ", ".join(hook_arguments(args["hook"]))
            return msg(key, **args)
    return msg("plg.invalid", error=text.splitlines()[0] if text else text)


def hook_arguments(hook: str) -> list[str]:
    """The arguments a hook passes (those an implementation may take)."""
    spec = getattr(hookspecs, hook, None)
    return list(inspect.signature(spec).parameters) if spec is not None else []


def hook_names() -> list[str]:
    """Every hook a plugin may implement."""
    return [n for n in dir(hookspecs) if hasattr(getattr(hookspecs, n), f"{PROJECT}_spec")]


def project_plugins(directory: Path) -> tuple[list[str], Path | None]:
    """The ``plugins`` list of ``cchc-score.toml`` in `directory`, or else of
    ``[tool.cchc-score]`` in its ``pyproject.toml``, and the file it came
    from. Raises InputError for a malformed file or list."""
    config = directory / CONFIG_FILE
    if config.is_file():
        data, _, issues = load_toml(config)
        table = data
    else:
        config = directory / "pyproject.toml"
        if not config.is_file():
            return [], None
        data, _, issues = load_toml(config)
        tool = (data or {}).get("tool")
        table = tool.get("cchc-score") if isinstance(tool, Mapping) else None
    if data is None:
        raise InputError(issues)
    prefix = "" if config.name == CONFIG_FILE else "tool.cchc-score."
    if isinstance(table, Mapping) and (unknown := sorted(set(table) - CONFIG_KEYS)):
        # a misspelt "plugin = [...]" would otherwise load nothing, silently
        raise InputError([Issue("error", msg("crit.unknown_key", key=key + (
            f" (→ {close[0]}?)" if (close := difflib.get_close_matches(key, CONFIG_KEYS, 1))
            else "")), Location(str(config), key=prefix + key)) for key in unknown])
    if not isinstance(table, Mapping) or "plugins" not in table:
        return [], None
    raw = table["plugins"]
    if not isinstance(raw, list) or not all(isinstance(r, str) and r.strip() for r in raw):
        key = "plugins" if config.name == CONFIG_FILE else "tool.cchc-score.plugins"
        raise InputError([Issue("error", msg("plg.config"), Location(str(config), key=key))])
    return [r.strip() for r in raw], config
