"""The remediation report's content (báo cáo kết quả và kế hoạch khắc phục):
what the unit's report on its index says, independent of how it is drawn.
`office._remediation` lays it out in Word; a later format can draw the same
sections.

Sections: the summary (points, index, band, rank of N, change on last
year), results per component, every leaf that lost points with the reason,
the documents the unit cites (its remediation actions, by number and date),
and a section pre-filled with what still loses points, for the unit to
write its measures into.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .._i18n import msg
from .._model import Evidence, UnitResult
from ._previous import Previous
from ._tables import component_rows, explanation, lost_leaves, num, signed


@attrs.frozen
class Section:
    """A heading, then paragraphs, then optionally a table."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    head: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    #: the table's columns of numbers (right-aligned)
    right: frozenset[int] = frozenset()


@attrs.frozen
class Cited:
    """A document the unit cites at a leaf (its evidence or an explanation's)."""

    code: str
    evidence: Evidence


def cited(result: UnitResult) -> list[Cited]:
    """Every document with a number or a date the unit's assessment cites,
    in criteria order, each once per leaf."""
    assessment = result.assessment
    if assessment is None:
        return []
    found: list[Cited] = []
    seen: set[tuple[str, str | None, object]] = set()
    entries = [(code, a.evidence) for code, a in assessment.answers.items()]
    for name in ("round1", "explanation", "round2", "appeal"):
        entries += [(code, e.evidence) for code, e in assessment.entries(name).items()]
    order = {code: i for i, code in enumerate(result.criteria.codes)}
    for code, evidence in sorted(entries, key=lambda ce: order.get(ce[0], 0)):
        for item in evidence:
            key = (code, item.number, item.date)
            if (item.number or item.date) and key not in seen:
                seen.add(key)
                found.append(Cited(code, item))
    return found


def title(result: UnitResult, lang: str) -> str:
    return msg("rem.title", year=result.year).render(lang)


def sections(result: UnitResult, lang: str, previous: Previous | None = None
             ) -> list[Section]:
    def t(key: str, /, **kw: object) -> str:
        return msg(key, **kw).render(lang)

    lost = lost_leaves(result)
    summary_rows = [
        (t("rem.points"), f"{num(result.points, result, lang)}/{num(result.max, result, lang)}"),
        (t("rem.index"), num(result.index, result, lang)),
        (t("rem.band"), result.band or "—"),
        (t("rem.rank"), t("rem.rank_of", rank=result.rank, of=result.rank_of)
         if result.rank is not None else "—"),
        (t("rem.lost"), num(result.lost, result, lang)),
    ]
    if previous is not None:
        summary_rows.append((t("rem.change"), t(
            "rem.change_value", diff=signed(result.index - previous.index, result, lang),
            before=num(previous.index, result, lang), year=previous.year or result.year - 1)))
    found = cited(result)
    plans = [t("rem.plan_line", code=n.code, title=n.title, lost=num(n.lost, result, lang))
             for n in lost]
    return [
        Section(t("rem.s_summary"), (t("rem.intro", unit=result.unit.name, year=result.year,
                                       set=result.criteria.title),),
                (t("rem.item"), t("rem.value")), tuple(summary_rows)),
        Section(t("rem.s_components"), (),
                (t("rep.code"), t("rep.component"), t("view.achieved"), t("rep.lost"),
                 t("rep.index")),
                tuple((c.node.code, c.node.title, c.achieved, c.lost, c.index)
                      for c in component_rows(result, lang)), frozenset({2, 3, 4})),
        Section(t("rem.s_lost"), (t("rem.lost_intro", count=len(lost),
                                    points=num(result.lost, result, lang)),),
                (t("rep.code"), t("rep.title"), t("rep.lost"), t("rem.reason")),
                tuple((n.code, n.title, num(n.lost, result, lang), _reason(n, lang))
                      for n in lost), frozenset({2})),
        Section(t("rem.s_cited"), (t("rem.cited_intro") if found else t("rem.cited_none"),),
                (t("rep.code"), t("rem.doc_number"), t("rem.doc_date"), t("rem.doc_title"))
                if found else (),
                tuple((c.code, c.evidence.number or "", t("rem.date", date=c.evidence.date)
                       if c.evidence.date else "", c.evidence.title or "") for c in found)),
        Section(t("rem.s_plan"), (t("rem.plan_intro"), *plans) if plans
                else (t("rem.plan_none"),)),
    ]


def _reason(node: object, lang: str) -> str:
    text = explanation(node, lang)  # type: ignore[arg-type]
    reason = getattr(node, "appraisal_reason", None)
    return f"{text} ({reason})" if reason and reason not in text else text


def unit_to_report(results: Sequence[UnitResult], unit: str | None) -> UnitResult | None:
    """The unit the report is about: `unit`, or the only one."""
    if unit is None:
        return results[0] if len(results) == 1 else None
    return next((r for r in results if r.unit.id == unit), None)
