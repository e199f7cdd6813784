"""The what-if view: the leaves a `--set` changed and the unit's totals,
band and rank before and after. Re-exported by `_tables`."""

from __future__ import annotations

from decimal import Decimal

import attrs

from .._i18n import msg
from .._model import NodeResult, UnitResult
from ._view_common import num, signed


@attrs.frozen
class Change:
    """A leaf the what-if changed: its points before and after."""

    before: NodeResult
    after: NodeResult

    @property
    def diff(self) -> Decimal:
        return self.after.points - self.before.points

    @property
    def council_decides(self) -> bool:
        """At the appraised stage the council's entry, not the unit's fact,
        scores this leaf: `--set` moved only the self-assessed value."""
        return self.after.self_explanation is not None


def whatif_changes(before: UnitResult, after: UnitResult) -> list[Change]:
    """Leaves whose explanation, self points or points changed."""
    old = {n.code: n for n in before.walk() if n.is_leaf}
    return [Change(old[n.code], n) for n in after.walk()
            if n.is_leaf and n.code in old
            and (old[n.code].explanation, old[n.code].self_points, old[n.code].points)
            != (n.explanation, n.self_points, n.points)]


def whatif_line(change: Change, result: UnitResult, lang: str) -> str:
    """"5.2.1: 1,00 → 2,00 (+1,00)"."""
    return msg("view.whatif_leaf", code=change.after.code,
               before=num(change.before.points, result, lang),
               after=num(change.after.points, result, lang),
               diff=signed(change.diff, result, lang)).render(lang)


def whatif_rows(before: UnitResult, after: UnitResult, lang: str) -> list[tuple[str, str, str]]:
    """(label, before, after) for the total and the index, the band when the
    set has bands, and the rank when other units of the group were scored."""
    def rank(r: UnitResult) -> str:
        return f"{r.rank}/{r.rank_of}" if r.rank is not None else "—"

    rows = [
        (msg("rep.points").render(lang), f"{num(before.points, before, lang)}/"
         f"{num(before.max, before, lang)}",
         f"{num(after.points, after, lang)}/{num(after.max, after, lang)} "
         f"({signed(after.points - before.points, after, lang)})"),
        (msg("rep.index").render(lang), num(before.index, before, lang),
         f"{num(after.index, after, lang)} ({signed(after.index - before.index, after, lang)})"),
    ]
    if before.band or after.band:
        rows.append((msg("rep.band").render(lang), before.band or "—", after.band or "—"))
    if (after.rank_of or 0) > 1:
        rows.append((msg("rep.rank").render(lang), rank(before), rank(after)))
    return rows
