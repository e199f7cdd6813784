"""The plugin manager and the typed facade the rest of the package uses.

Nothing outside this module calls ``pm.hook``: the loaders, the API and the
engine ask a `Registry` for rule kinds, criteria files and tie policies, and
hand its methods (`finish`, `tie_break`, ...) to the engine as plain callables.

Plugins come from four places, loaded in this order (a later plugin's answer
wins for the hooks that take the first answer, as in pluggy):

1. the core itself (`_builtin_plugin`), through the same hooks as any plugin;
2. installed distributions with an entry point in the group ``cchc_score``;
3. the ``plugins`` list of a project config file in the current directory
   (``cchc-score.toml``, or ``[tool.cchc-score]`` in ``pyproject.toml``);
4. files or modules given with ``--plugin``.

``--no-plugins`` or ``CCHC_SCORE_DISABLE_PLUGINS=1`` skip 2 and 3. A plugin
that fails to import, implements an unknown hook or registers something
invalid is reported by name (a `PluginProblem`) and skipped, and everything
else works; a hook that raises while scoring is reported with the unit it was
called for and that one call is skipped. In strict mode any problem raises
`PluginFailed` instead.

Each hook implementation is called individually (not through ``pm.hook``)
so that a failure can be pinned on the plugin that caused it.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import importlib
import importlib.metadata
import importlib.util
import os
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import attrs
import pluggy

from . import _builtin_plugin, _engine, hookspecs
from ._engine import TiePolicy
from ._i18n import Msg, msg
from ._model import Assessment, CriteriaSet, Issue, Location, Node, NodeResult, Unit, UnitResult
from ._toml import load_toml
from ._version import __version__
from .exceptions import InputError, PluginError
from .hookspecs import PROJECT
from .rules import Rule, RuleKinds

#: the entry-point group installed plugins declare
GROUP = PROJECT
#: the name the core's own features are registered under
BUILTIN_NAME = "cchc_score"
#: set to 1 (or true / yes) to load only the built-ins and --plugin files
DISABLE_ENV = "CCHC_SCORE_DISABLE_PLUGINS"
#: the project config file looked for in the current directory
CONFIG_FILE = "cchc-score.toml"

Source = Literal["builtin", "entrypoint", "file", "module", "object"]
REGISTRATION_HOOKS = ("register_rule_kinds", "register_criteria", "register_tie_policies")


def plugins_disabled(environ: Mapping[str, str] | None = None) -> bool:
    """Whether CCHC_SCORE_DISABLE_PLUGINS asks for built-ins only."""
    value = (os.environ if environ is None else environ).get(DISABLE_ENV, "")
    return value.strip().lower() not in ("", "0", "false", "no", "off")


@attrs.frozen
class PluginProblem:
    """A plugin that could not be loaded, or a hook call that failed."""

    plugin: str
    message: Msg
    #: what became of it: "skipped" (the whole plugin), "call" (one hook call
    #: ignored) or "strict" (the run stops: --strict-plugins)
    outcome: str = "skipped"

    def render(self, lang: str = "vi") -> str:
        text = msg("plg.problem", plugin=self.plugin, problem=self.message)
        return msg(f"plg.then.{self.outcome}", text=text).render(lang)


class PluginFailed(PluginError):
    """Raised in strict mode for the first plugin problem."""

    def __init__(self, problem: PluginProblem) -> None:
        super().__init__(problem.render("en"))
        self.problem = problem


@attrs.frozen
class PluginInfo:
    """Where a loaded plugin comes from."""

    name: str
    source: Source
    origin: str
    version: str | None
    plugin: Any = attrs.field(eq=False, repr=False)


ProblemHandler = Callable[[PluginProblem], None]


def _describe(error: BaseException) -> str:
    """`Type: message (file, line N)`: enough for a plugin author to find it."""
    text = f"{type(error).__name__}: {error}"
    if isinstance(error, SyntaxError) and error.filename:
        return f"{text} ({Path(error.filename).name}, line {error.lineno})"
    # the innermost frame that is real code, not the import machinery
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if not f.filename.startswith("<")]
    if frames:
        last = frames[-1]
        text += f" ({Path(last.filename).name}, line {last.lineno})"
    return text


def _entry_points() -> list[importlib.metadata.EntryPoint]:
    return sorted(importlib.metadata.entry_points(group=GROUP), key=lambda ep: ep.name)


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


def _number(value: Any) -> bool:
    return isinstance(value, Decimal | int) and not isinstance(value, bool)


class Registry:
    """The plugins of one run and what they registered, behind typed methods.

    `kinds`, `criteria_files` (path, owner) and `tie_policies` hold the
    registrations; `problems` every plugin problem met so far.
    """

    def __init__(self, *, strict: bool = False, on_problem: ProblemHandler | None = None,
                 ) -> None:
        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.strict = strict
        self.on_problem = on_problem
        self.problems: list[PluginProblem] = []
        self.entry_points_loaded = False
        self.kinds = RuleKinds()
        self.criteria_files: list[tuple[Path, str]] = []
        self.tie_policies: dict[str, TiePolicy] = {}
        self.policy_owners: dict[str, str] = {}
        self._info: dict[str, PluginInfo] = {}
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

    def load_entry_points(self) -> None:
        self.entry_points_loaded = True
        seen: dict[str, str] = {}
        for ep in _entry_points():
            if seen.get(ep.name) == ep.value:  # one distribution seen twice on sys.path
                continue
            seen[ep.name] = ep.value
            dist = ep.dist
            origin = dist.name if dist is not None else ep.value
            version = dist.version if dist is not None else None
            try:
                plugin = ep.load()
            except Exception as e:
                self._problem(ep.name, msg("plg.load_failed", error=_describe(e)))
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
            except Exception as e:
                self._problem(name, msg("plg.load_failed", error=_describe(e)))
                return
            self._add(module, name, "file", str(path), None)
            return
        if text in self._info:
            return
        try:
            module = importlib.import_module(text)
        except Exception as e:
            self._problem(text, msg("plg.load_failed", error=_describe(e)))
            return
        self._add(module, text, "module", text, None)

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

    def _add(self, plugin: Any, name: str, source: Source, origin: str,
             version: str | None) -> None:
        if name in self._info or self.pm.has_plugin(name):
            self._problem(name, msg("plg.dup_name", origin=self._info[name].origin
                                    if name in self._info else name))
            return
        try:
            self.pm.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as e:
            self._problem(name, msg("plg.invalid", error=str(e)))
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
                    close = difflib.get_close_matches(caller.name, self._hook_names(), 1)
                    names.append(caller.name + (f" (→ {close[0]}?)" if close else ""))
            return sorted(names)
        return []

    @staticmethod
    def _hook_names() -> list[str]:
        return [n for n in dir(hookspecs) if hasattr(getattr(hookspecs, n),
                                                       f"{PROJECT}_spec")]

    def _problem(self, plugin: str, message: Msg, outcome: str = "skipped") -> None:
        problem = PluginProblem(plugin, message, "strict" if self.strict else outcome)
        self.problems.append(problem)
        if self.strict:
            raise PluginFailed(problem)
        if self.on_problem is not None:
            self.on_problem(problem)

    def _reject(self, name: str, message: Msg) -> None:
        """A plugin registered something invalid: drop it entirely."""
        if self.pm.has_plugin(name):
            self.pm.unregister(name=name)
        self._info.pop(name, None)
        self._problem(name, message)

    # -- registrations -----------------------------------------------------------

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
                except Exception as e:
                    self._reject(name, msg("plg.hook_failed", hook=hook,
                                           where=msg("text", text=""), error=_describe(e)))
                    return
        problem = self._validate(name, kinds, files, policies)
        if problem is not None:
            self._reject(name, problem)
            return
        for kind in kinds:
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
                return msg("plg.bad_kind", what=repr(kind))
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

    # -- calling hooks -----------------------------------------------------------

    def _impls(self, hook: str, only: str | None = None) -> list[pluggy.HookImpl]:
        """Implementations in pluggy's call order: last registered first,
        tryfirst/trylast honoured."""
        caller: pluggy.HookCaller = getattr(self.pm.hook, hook)
        impls = list(reversed(caller.get_hookimpls()))
        if only is not None:
            impls = [i for i in impls if i.plugin_name == only]
        return impls

    def _call(self, hook: str, where: Msg, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call each implementation of `hook`, yielding (plugin name, value);
        a failing call is reported and skipped."""
        for impl in self._impls(hook):
            ok, value = self._call_impl(impl, hook, where, kwargs)
            if ok:
                yield impl.plugin_name, value

    def _call_impl(self, impl: pluggy.HookImpl, hook: str, where: Msg,
                   kwargs: Mapping[str, Any]) -> tuple[bool, Any]:
        try:
            return True, impl.function(*[kwargs[a] for a in impl.argnames])
        except Exception as e:
            self._problem(impl.plugin_name, msg("plg.hook_failed", hook=hook, where=where,
                                                error=_describe(e)), "call")
            return False, None

    def _bad_return(self, plugin: str, hook: str, where: Msg, value: Any) -> None:
        self._problem(plugin, msg("plg.bad_return", hook=hook, where=where,
                                  what=repr(value)[:120]), "call")

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

    def plugins(self) -> list[PluginInfo]:
        return list(self._info.values())

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


# -- project configuration ---------------------------------------------------------


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
    if not isinstance(table, Mapping) or "plugins" not in table:
        return [], None
    raw = table["plugins"]
    if not isinstance(raw, list) or not all(isinstance(r, str) and r.strip() for r in raw):
        key = "plugins" if config.name == CONFIG_FILE else "tool.cchc-score.plugins"
        raise InputError([Issue("error", msg("plg.config"), Location(str(config), key=key))])
    return [r.strip() for r in raw], config


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


# -- helpers for plugins that adjust results -------------------------------------------


def mark_not_applicable(result: UnitResult, assessment: Assessment, codes: Iterable[str],
                        reason: Msg) -> UnitResult:
    """The result with the nodes `codes` (and everything under them) not
    applicable, rebuilt through `_engine.summarise`: the same numbers as if
    the assessment had claimed them not applicable. Codes the set lacks and
    nodes already not applicable are left alone."""
    wanted = set(codes)
    criteria = result.criteria

    def na_tree(node: Node) -> NodeResult:
        if node.is_leaf:
            return _engine._not_applicable(node, reason)
        return _engine._parent(node, tuple(na_tree(k) for k in node.children), reason)

    def visit(node: Node, res: NodeResult) -> NodeResult:
        if res.na:
            return res
        if node.code in wanted:
            return na_tree(node)
        if res.is_leaf:
            return res
        kids = tuple(visit(n, r) for n, r in zip(node.children, res.children, strict=True))
        if all(k is r for k, r in zip(kids, res.children, strict=True)):
            return res
        return _engine._parent(node, kids, None)

    nodes = tuple(visit(n, r) for n, r in zip(criteria.roots, result.nodes, strict=True))
    if all(n is r for n, r in zip(nodes, result.nodes, strict=True)):
        return result
    issues = [i for i in result.issues if i.message.key not in ("asm.unanswered", "asm.clamped")]
    issues += _engine.unanswered_warning(nodes, assessment)
    return _engine.summarise(criteria, assessment, result.stage, nodes, issues)
