"""Containment: every call into plugin code goes through here, so that a
failure is pinned on the plugin that caused it, reported once as a
`PluginProblem` and skipped, or raised as `PluginFailed` in strict mode.

Each hook implementation is called individually (not through ``pm.hook``):
pluggy would stop at the first exception without saying whose it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import attrs
import pluggy

from .. import hookspecs
from .._engine import abbreviate
from .._i18n import Msg, msg
from .._limits import HOOK_SECONDS
from ..exceptions import PluginError, describe_error
from ..hookspecs import PROJECT


@attrs.frozen
class PluginProblem:
    """A plugin that could not be loaded, or a call into it that failed.

    The same failure met for several units is one problem listing them
    (`units`, `count`), not one line per unit."""

    plugin: str
    message: Msg
    #: what became of it: "skipped" (the whole plugin), "call" (one hook call
    #: ignored), "unit" (that unit's result refused), "band" (no band
    #: published), "policy" (default ranking used) or "strict" (the run
    #: stops: --strict-plugins)
    outcome: str = "skipped"
    #: the units the failure was met for, in order
    units: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.units) or 1

    def render(self, lang: str = "vi") -> str:
        message = self.message
        if len(self.units) > 1:
            where = msg("plg.where_units", count=len(self.units),
                        units=abbreviate(list(self.units)))
            message = Msg(message.key, {**message.args, "where": where})
        text = msg("plg.problem", plugin=self.plugin, problem=message)
        outcome = "units" if self.outcome == "unit" and len(self.units) > 1 else self.outcome
        return msg(f"plg.then.{outcome}", text=text).render(lang)


class PluginFailed(PluginError):
    """Raised in strict mode for the first plugin problem."""

    def __init__(self, problem: PluginProblem) -> None:
        super().__init__(problem.render("en"))
        self.problem = problem


ProblemHandler = Callable[[PluginProblem], None]

#: what plugin code may raise that is the plugin's failure, not the end of the
#: run: SystemExit too (a plugin calling sys.exit() at import ended the run
#: with its exit code and no word)
FAILURES = (Exception, SystemExit)


class PluginInterrupted(KeyboardInterrupt):
    """An interrupt met in plugin code: it stops the run like any other,
    and says whose code was running (`problem`)."""

    def __init__(self, problem: PluginProblem) -> None:
        super().__init__(problem.render("en"))
        self.problem = problem


class _TimedOut(Exception):
    pass


def _within_time(function: Callable[..., Any], args: list[Any], seconds: int) -> Any:
    """`function(*args)`, or `_TimedOut` after `seconds`: run in a daemon
    thread, abandoned if it does not return (Python cannot stop a thread;
    the run goes on without it and exits without waiting for it)."""
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, function(*args)))
        except BaseException as e:  # handed to the caller's thread
            outcome.append((False, e))

    worker = threading.Thread(target=run, name="cchc-score-hook", daemon=True)
    worker.start()
    worker.join(seconds)
    if not outcome:
        raise _TimedOut
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


#: `Type: message (file, line N)` of an exception
describe = describe_error


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
        self._seen: dict[tuple[str, str, str], int] = {}

    @contextmanager
    def captured(self) -> Iterator[list[PluginProblem]]:
        """The problems met inside, collected apart and told to no one: a
        worker process finishing a unit hands them to the parent, which
        `absorb`s them in file order as if it had met them itself."""
        saved = self.problems, self._seen, self.on_problem
        found: list[PluginProblem] = []
        self.problems, self._seen, self.on_problem = found, {}, None
        try:
            yield found
        finally:
            self.problems, self._seen, self.on_problem = saved

    def absorb(self, problems: Iterable[PluginProblem]) -> None:
        """Record problems another process `captured`, unit by unit."""
        for problem in problems:
            for unit in problem.units or (None,):
                self._problem(problem.plugin, problem.message, problem.outcome, unit)

    def _problem(self, plugin: str, message: Msg, outcome: str = "skipped",
                 unit: str | None = None) -> None:
        """Record a problem (and tell `on_problem`), or raise it in strict
        mode. The same failure for another `unit` only adds the unit."""
        key = (plugin, outcome, repr(attrs.evolve(message, args={
            k: v for k, v in message.args.items() if k != "where"})))
        if key in self._seen and not self.strict:
            i = self._seen[key]
            known = self.problems[i]
            if unit is not None and unit not in known.units:
                self.problems[i] = attrs.evolve(known, units=(*known.units, unit))
            return
        problem = PluginProblem(plugin, message, "strict" if self.strict else outcome,
                                (unit,) if unit is not None else ())
        self._seen[key] = len(self.problems)
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

    def _call(self, hook: str, where: Msg, for_unit: str | None = None,
              **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call each implementation of `hook`, yielding (plugin name, value);
        a failing call is reported (once per distinct failure, with the
        units, `for_unit`, it was met for) and skipped."""
        for impl in self._impls(hook):
            ok, value = self._call_impl(impl, hook, where, kwargs, for_unit)
            if ok:
                yield impl.plugin_name, value

    def _interrupted(self, plugin: str) -> PluginInterrupted:
        """Ctrl+C (or a plugin raising KeyboardInterrupt) inside plugin code:
        recorded with the plugin's name; the caller raises the returned
        interrupt, which still stops the run and carries the problem."""
        problem = PluginProblem(plugin, msg("plg.interrupted"), "stopped")
        self.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)
        return PluginInterrupted(problem)

    def _call_impl(self, impl: pluggy.HookImpl, hook: str, where: Msg,
                   kwargs: Mapping[str, Any], unit: str | None = None,
                   outcome: str = "call") -> tuple[bool, Any]:
        args = [kwargs[a] for a in impl.argnames]
        try:
            if HOOK_SECONDS.value:
                return True, _within_time(impl.function, args, HOOK_SECONDS.value)
            return True, impl.function(*args)
        except KeyboardInterrupt:
            raise self._interrupted(impl.plugin_name) from None
        except _TimedOut:
            self._problem(impl.plugin_name, msg("plg.hook_failed", hook=hook, where=where,
                                                error=HOOK_SECONDS.problem()), outcome, unit)
            return False, None
        except FAILURES as e:
            self._problem(impl.plugin_name, msg("plg.hook_failed", hook=hook, where=where,
                                                error=describe(e)), outcome, unit)
            return False, None

    def _bad_return(self, plugin: str, hook: str, where: Msg, value: Any,
                    unit: str | None = None, outcome: str = "call") -> None:
        self._problem(plugin, msg("plg.bad_return", hook=hook, where=where,
                                  what=repr(value)[:120]), outcome, unit)
