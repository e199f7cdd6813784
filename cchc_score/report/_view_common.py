"""Number and label helpers every view shares: `num` rounds an exact value
half-up to the set's decimals only when it becomes text, `signed` adds the
sign of a difference, `share` and `total` stay exact. Re-exported by
`_tables`, the one import point of the views."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from .._model import UnitResult
from .._numbers import fmt, quantize

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def num(value: Decimal, result: UnitResult, lang: str) -> str:
    """A number rounded half-up to the set's published decimals."""
    return fmt(value, lang, result.criteria.decimals)


def signed(value: Decimal, result: UnitResult, lang: str) -> str:
    """A rounded difference with its sign: "+0,50", "−1,25", "0,00"."""
    text = num(abs(value), result, lang)
    if quantize(value, result.criteria.decimals) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole × 100, exact; None when there is no whole."""
    return part * HUNDRED / whole if whole else None


def groups(results: Sequence[UnitResult]) -> dict[str, list[UnitResult]]:
    out: dict[str, list[UnitResult]] = {}
    for r in results:
        out.setdefault(r.unit.group, []).append(r)
    return out


def total(nodes: Iterable[Any], field: str) -> Decimal:
    """The sum of one Decimal field of nodes (or gains)."""
    return sum((getattr(n, field) for n in nodes), ZERO)
