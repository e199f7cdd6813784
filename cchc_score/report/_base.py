"""The interface every output format implements, and what the user asked for."""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

import attrs

from .._model import UnitResult

if TYPE_CHECKING:
    from .._gains import Gain
    from .._stamp import Stamp
    from ._previous import Previous


@attrs.frozen
class Options:
    """What the user asked for, common to all formats.

    Besides presentation choices it carries what the command line computed
    beside the results: the gains of the units shown, the results before a
    what-if, and last year's results for the change column.
    """

    lang: str = "vi"
    #: show every leaf that lost points, not only the top few
    all_lost: bool = False
    #: show the breakdown of every unit, not only a single one
    breakdowns: bool = False
    width: int | None = None
    #: draw colours and styles (a terminal that is not NO_COLOR)
    color: bool = False
    #: with several units, the unit whose breakdown follows the province view
    focus: str | None = None
    #: unit id → its leaves ranked by recoverable points (`--gains`); None: not asked
    gains: Mapping[str, Sequence[Gain]] | None = None
    #: what-if (`--set`): unit id → its result before the changes
    baseline: Mapping[str, UnitResult] = attrs.field(factory=dict)
    #: unit id → last year's result (`--previous`), for the change column
    previous: Mapping[str, Previous] = attrs.field(factory=dict)
    #: how many leaves that lost points to list when `all_lost` is off
    top: int = 10
    #: what the results were computed from (the command line computes it
    #: once per run); None: a stamp of the results alone (`stamp_of`)
    stamp: Stamp | None = None

    def limit(self, count: int) -> int:
        """How many of `count` listed leaves to show: all with `all_lost`."""
        return count if self.all_lost else self.top


class Report(abc.ABC):
    """An output format: turns ranked unit results into text or bytes."""

    name: ClassVar[str]
    binary: ClassVar[bool] = False

    @abc.abstractmethod
    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        """The whole output for these results."""


def stamp_of(results: Sequence[UnitResult], options: Options) -> Stamp:
    """The run's stamp every format writes: the one given, else what the
    results alone say (tool, criteria hashes, stage, date)."""
    from .._stamp import Stamp

    return options.stamp if options.stamp is not None else Stamp.of(results, ())


def shown(results: Sequence[UnitResult], options: Options) -> list[UnitResult]:
    """The units whose breakdown is printed: the only one, every one with
    `--breakdowns`, or the focused one (`--unit`, `--set`, the demo's)."""
    if len(results) == 1 or options.breakdowns:
        return list(results)
    return [r for r in results if r.unit.id == options.focus]


def trimmed(result: UnitResult) -> UnitResult:
    """What a province's text and Markdown need of a result that is not
    broken down: its components with their totals (no nodes below them),
    without its assessment; the same for its self-assessed copy."""
    own = result.self_result
    return attrs.evolve(
        result, nodes=tuple(attrs.evolve(n, children=()) if n.children else n
                            for n in result.nodes),
        assessment=None, self_result=trimmed(own) if own is not None else None)
