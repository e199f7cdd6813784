"""How the built-in kinds word their points and shares in explanations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .._i18n import msg
from .._numbers import plain, quantize
from ._base import (
    Outcome,
)


def _out(key: str, points: Decimal, node_max: Decimal, **args: Any) -> Outcome:
    return Outcome(points, msg(key, points=_points_text(points), max=node_max, **args))


def _points_text(points: Decimal) -> Decimal:
    """Points as shown in an explanation. A weighted survey or a proportional
    share can give 1.697674418604651162790697674; four places keep every
    quarter, eighth and sixteenth of a point exact and the line readable.
    `Outcome.points` stays exact; published figures round per the set."""
    shown = _SHOWN.get(points)
    if shown is None:
        shown = Decimal(plain(quantize(points, 4)))
        if len(_SHOWN) < 4096:  # a set's few tier points, not every share
            _SHOWN[points] = shown
    return shown


#: points → as shown: the same few figures come up for every unit. Equal
#: Decimals share an entry (1.0 and 1), which is safe: rounded to four places
#: and written by `plain`, equal values give the same text.
_SHOWN: dict[Decimal, Decimal] = {}


def _share_text(share: Decimal) -> Decimal:
    """A share as people read it in an explanation (96.5, 33.33); scoring
    always uses the exact value."""
    return Decimal(plain(quantize(share, 2)))


# -- yes / no -------------------------------------------------------------------
