"""The interface every output format implements."""

from __future__ import annotations

import abc
from collections.abc import Sequence
from typing import ClassVar

import attrs

from .._model import UnitResult


@attrs.frozen
class Options:
    """What the user asked for, common to all formats."""

    lang: str = "vi"
    #: show every leaf that lost points, not only the top few
    all_lost: bool = False
    #: show the breakdown of every unit, not only a single one
    breakdowns: bool = False
    width: int | None = None
    #: draw colours and styles (a terminal that is not NO_COLOR)
    color: bool = False


class Report(abc.ABC):
    """An output format: turns ranked unit results into text or bytes."""

    name: ClassVar[str]
    binary: ClassVar[bool] = False

    @abc.abstractmethod
    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        """The whole output for these results."""
