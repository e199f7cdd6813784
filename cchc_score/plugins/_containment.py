"""Containment: every call into plugin code goes through here, so that a
failure is pinned on the plugin that caused it, reported once as a
`PluginProblem` and skipped, or raised as `PluginFailed` in strict mode.

Each hook implementation is called individually (not through ``pm.hook``):
pluggy would stop at the first exception without saying whose it was.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pluggy

from .. import hookspecs
from .._i18n import Msg, msg
from ..exceptions import PluginError
from ..hookspecs import PROJECT


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


ProblemHandler = Callable[[PluginProblem], None]


def describe(error: BaseException) -> str:
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


class Containment:
    """The plugin manager of one run, and the guard around every call into it.

    `problems` lists every problem met so far; `on_problem` is told of each
    as it happens (the CLI prints it); `strict` turns the first into
    `PluginFailed`.
    """

    def __init__(self, *, strict: bool = False, on_problem: ProblemHandler | None = None,
                 ) -> None:
        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.strict = strict
        self.on_problem = on_problem
        self.problems: list[PluginProblem] = []

    def _problem(self, plugin: str, message: Msg, outcome: str = "skipped") -> None:
        problem = PluginProblem(plugin, message, "strict" if self.strict else outcome)
        self.problems.append(problem)
        if self.strict:
            raise PluginFailed(problem)
        if self.on_problem is not None:
            self.on_problem(problem)

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
                                                error=describe(e)), "call")
            return False, None

    def _bad_return(self, plugin: str, hook: str, where: Msg, value: Any) -> None:
        self._problem(plugin, msg("plg.bad_return", hook=hook, where=where,
                                  what=repr(value)[:120]), "call")
