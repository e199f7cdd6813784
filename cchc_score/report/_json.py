"""JSON output (DESIGN §3, Contract). Decimals are written as JSON numbers
with their exact value, never through float."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .._i18n import Msg
from .._model import CriteriaSet, NodeResult, UnitResult
from .._numbers import plain
from .._version import __version__
from ._base import Options, Report, stamp_of
from ._tables import index_change

SCHEMA = 1


def dumps(value: Any, indent: int = 2, _level: int = 0) -> str:
    """Serialise with Decimals as exact JSON numbers (the layout of
    `json.dumps(..., indent=indent, ensure_ascii=False)`)."""
    out: list[str] = []
    _write(value, out, indent, _level)
    return "".join(out)


def _write(value: Any, out: list[str], indent: int, level: int) -> None:
    # One list of pieces for the whole document, scalars written in line and
    # the json module's C string encoder called directly: `json.dumps` per
    # value built an encoder each time (most of the time of writing a
    # province's JSON).
    scalar = _scalar(value)
    if scalar is not None:
        out.append(scalar)
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + " " * (indent * (level + 1))
        opening = "{" + inner
        between = "," + inner
        for key, item in value.items():
            out.append(opening)
            opening = between
            out.append(_string(str(key)))
            out.append(": ")
            scalar = _scalar(item)
            if scalar is None:
                _write(item, out, indent, level + 1)
            else:
                out.append(scalar)
        out.append("\n" + " " * (indent * level) + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = "\n" + " " * (indent * (level + 1))
        opening = "[" + inner
        between = "," + inner
        for item in value:
            out.append(opening)
            opening = between
            _write(item, out, indent, level + 1)
        out.append("\n" + " " * (indent * level) + "]")
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def _scalar(value: Any) -> str | None:
    """A str, Decimal, bool, None or int as JSON; None for anything else."""
    kind = type(value)
    if kind is str:
        return _string(value)  # type: ignore[no-any-return]
    if kind is Decimal:
        return plain(value)
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if isinstance(value, Decimal):
        return plain(value)
    return None


#: a string as JSON, non-ASCII kept (what `json.dumps(..., ensure_ascii=False)`
#: writes for a str)
_string: Any = getattr(json.encoder, "c_encode_basestring", None) or \
    json.encoder.py_encode_basestring


def criteria_doc(criteria: CriteriaSet) -> dict[str, Any]:
    return {"id": criteria.id, "title": criteria.title, "group": criteria.group,
            "hash": f"sha256:{criteria.content_hash}",
            "issuer": criteria.source.issuer, "decision": criteria.source.decision,
            "decimals": criteria.decimals, "precision": criteria.precision,
            "scale": criteria.scale}


def node_doc(node: NodeResult, lang: str) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "code": node.code, "title": node.title, "points": node.points, "max": node.max,
        "lost": node.lost, "na": node.na, "pending": node.pending,
        "explanation": node.explanation.render(lang) if node.explanation else None,
        "declared_max": node.declared_max, "role": node.role, "method": node.method,
        "at_risk": node.at_risk,
    }
    if node.self_points is not None:
        doc["self_points"] = node.self_points
        doc["appraisal_reason"] = node.appraisal_reason
    if node.trail:
        doc["trail"] = [
            {"round": c.round, "before": c.before, "after": c.after, "who": c.who,
             "date": c.date.isoformat() if c.date else None, "reason": c.reason,
             "na": c.na, "explanation": c.explanation.render(lang) if c.explanation else None,
             "evidence": [{"number": e.number, "date": e.date.isoformat() if e.date else None,
                           "title": e.title} for e in c.evidence]}
            for c in node.trail]
    return doc


def unit_doc(result: UnitResult, lang: str) -> dict[str, Any]:
    return {
        "id": result.unit.id, "name": result.unit.name, "group": result.unit.group,
        "points": result.points, "max": result.max, "index": result.index,
        "lost": result.lost,
        "rank": result.rank, "band": result.band, "pools": dict(result.pools),
        "nodes": [node_doc(n, lang) for n in result.walk()],
        "issues": [{"level": i.level, "code": i.code, "message": i.message.render(lang)}
                   for i in result.issues],
        "criteria": result.criteria.id, "year": result.year, "stage": result.stage,
        "rank_of": result.rank_of, "source": result.source,
        "band_reason": _reason(result.band_reason, lang),
        "rank_reason": _reason(result.rank_reason, lang),
        **_self_total(result),
        "stages": [{"stage": s.stage, "points": s.points, "max": s.max, "index": s.index}
                   for s in result.stages],
    }


def _reason(reason: Msg | None, lang: str) -> str | None:
    """A plugin's reason for a band or a tie-break, in the output language."""
    return reason.render(lang) if reason is not None else None


def _self_total(result: UnitResult) -> dict[str, Any]:
    """At the appraised stage, `self_total`: the unit's figures as a
    `--stage self` run gives them (its own bonus, penalty and maximum)."""
    own = result.self_result
    if own is None:
        return {}
    return {"self_total": {"points": own.points, "max": own.max, "index": own.index,
                           "band": own.band, "pools": dict(own.pools)}}


class JsonReport(Report):
    name = "json"

    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        sets: dict[str, CriteriaSet] = {}
        for r in results:
            sets.setdefault(r.criteria.id, r.criteria)
        docs = [criteria_doc(c) for c in sets.values()]
        return dumps({
            "schema": SCHEMA,
            "tool": {"name": "cchc-score", "version": __version__},
            "criteria": docs[0] if docs else None,
            "criteria_sets": docs,
            "units": [_with_views(unit_doc(r, options.lang), r, options) for r in results],
            "stamp": stamp_of(results, options).to_dict(),
        }) + "\n"


def _with_views(doc: dict[str, Any], result: UnitResult, options: Options) -> dict[str, Any]:
    """Keys added when asked for: `gains` (--gains), `previous_index` and
    `change` (--previous), `before` (the figures before a --set what-if)."""
    uid = result.unit.id
    if options.gains is not None and uid in options.gains:
        doc["gains"] = [
            {"code": g.node.code, "recoverable": g.recoverable,
             "next_points": g.step.points if g.step else None,
             "next_step": g.step.need.render(options.lang) if g.step else None,
             "example": g.step.example if g.step else None}
            for g in options.gains[uid]]
    if uid in options.previous:
        doc["previous_index"] = options.previous[uid].index
        doc["change"] = index_change(result, options.previous[uid])
    if uid in options.baseline:
        before = options.baseline[uid]
        doc["before"] = {"points": before.points, "max": before.max, "index": before.index,
                         "rank": before.rank, "band": before.band}
    return doc
