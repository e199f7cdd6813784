"""Load assessment files (one unit, one criteria set, one year) and check
every declared value against the set's rules."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._i18n import msg
from .._model import (
    Answer,
    Appraisal,
    Assessment,
    CriteriaSet,
    Evidence,
    Issue,
    Node,
    Round,
    Unit,
)
from .._numbers import NumberError, parse_decimal
from .._rounds import COUNCIL, ROUNDS, TABLES
from .._toml import load_toml
from ..rules import InvalidValue, guarded
from ..rules._base import parse_number
from ._criteria import YEARS, _Collector

TOP_KEYS = {"schema", "criteria", "year", "unit", "answers", "not_applicable",
            *TABLES.values(), "survey", "embedded"}
ANSWER_KEYS = {"value", "evidence", "note", "points"}
EVIDENCE_KEYS = {"number", "date", "title", "file", "page"}
#: keys of a round's entry
ENTRY_KEYS = {"value", "points", "reason", "who", "date", "na", "evidence"}


def read_assessment(path: Path | str, raw: bytes | None = None
                    ) -> tuple[dict[str, Any] | None, list[Issue]]:
    data, _, issues = load_toml(Path(path), raw, digest=False)
    return data, issues


def criteria_ref(data: Mapping[str, Any]) -> str | None:
    ref = data.get("criteria")
    return ref if isinstance(ref, str) else None


def parse_assessment(
    data: Mapping[str, Any], file: str, criteria: CriteriaSet
) -> tuple[Assessment | None, list[Issue]]:
    """Check raw assessment data against `criteria`. Returns the assessment
    (None when there are errors) and every issue found."""
    c = _Collector(file)
    for key in sorted(set(data) - TOP_KEYS):
        c.error(msg("crit.unknown_key", key=key), key=key)
    for key in ("criteria", "year", "unit"):
        if key not in data:
            c.error(msg("crit.missing_key", key=key), key=key)
    ref = criteria_ref(data)
    if ref is not None and ref != criteria.id and not _same_file(ref, file, criteria.path):
        c.warn(msg("asm.wrong_criteria", got=ref, expected=criteria.id), key="criteria")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        if "year" in data:
            c.error(msg("crit.bad_value", key="year", problem=msg("val.integer", raw=year)),
                    key="year")
        year = criteria.years[0]
    elif not YEARS[0] <= year <= YEARS[1]:
        # 20244 for 2024: an error here, not a date overflow in a deadline rule
        c.error(msg("crit.bad_value", key="year", problem=msg(
            "val.between", first=YEARS[0], last=YEARS[1], raw=year)), key="year")
        year = criteria.years[0]
    elif not criteria.years[0] <= year <= criteria.years[1]:
        c.warn(msg("asm.year", year=year, first=criteria.years[0], last=criteria.years[1]),
               key="year")
    unit = _unit(c, data.get("unit"))
    if unit is not None and unit.group != criteria.group:
        c.warn(msg("asm.group", unit=unit.group, set=criteria.group), key="unit.group")

    answers: dict[str, Answer] = {}
    for code, raw in _table(c, data, "answers").items():
        node = _leaf(c, criteria, code, "answers")
        if node is None:
            continue
        if node.method == "survey":
            c.error(msg("asm.survey_answer", code=code), code, "answers")
            continue
        answer = _answer(c, node, raw)
        if answer is not None:
            answers[code] = answer

    not_applicable: dict[str, str] = {}
    for code, reason in _table(c, data, "not_applicable").items():
        if _known(c, criteria, code, "not_applicable"):
            if criteria.node(code).is_leaf and criteria.node(code).method == "survey":
                # the province's survey result is not the unit's to drop from
                # its own maximum
                c.error(msg("num.na_survey", code=code), code, "not_applicable")
                continue
            text = reason.strip() if isinstance(reason, str) else ""
            if not text:
                c.warn(msg("asm.na_reason", code=code), code, "not_applicable")
            not_applicable[code] = text

    rounds = {r: _round(c, criteria, data, r, not_applicable) for r in ROUNDS}

    survey: dict[str, Any] = {}
    for code, raw in _table(c, data, "survey").items():
        node = _leaf(c, criteria, code, "survey")
        if node is None:
            continue
        if node.method != "survey":
            c.error(msg("asm.not_survey", code=code), code, "survey")
            continue
        value = _value(c, node, raw, "survey")
        if value is not None:
            survey[code] = value

    if c.failed or unit is None:
        return None, c.issues
    return Assessment(criteria.id, year, unit, answers, not_applicable, rounds["round1"],
                      survey, file,
                      {r: entries for r, entries in rounds.items() if r != "round1"}), c.issues


def _same_file(ref: str, file: str, criteria_path: str | None) -> bool:
    """Whether the criteria path written in an assessment (relative to that
    file, or to the current folder) is the file the set was loaded from,
    e.g. with --criteria naming it by another relative path."""
    if criteria_path is None:
        return False
    loaded = Path(criteria_path).resolve()
    return any(p.resolve() == loaded for p in (Path(file).parent / ref, Path(ref)))


def _table(c: _Collector, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    raw = data.get(key, {})
    if not isinstance(raw, Mapping):
        c.error(msg("crit.bad_value", key=key, problem=msg("par.table")), key=key)
        return {}
    return raw


def _unit(c: _Collector, raw: Any) -> Unit | None:
    if not isinstance(raw, Mapping):
        if raw is not None:
            c.error(msg("crit.bad_value", key="unit", problem=msg("par.table")), key="unit")
        return None
    missing = [k for k in ("id", "name", "group") if not isinstance(raw.get(k), str)
               or not raw[k].strip()]
    for key in missing:
        c.error(msg("crit.missing_key", key=f"unit.{key}"), key=f"unit.{key}")
    for key in sorted(set(raw) - {"id", "name", "group", "tags"}):
        c.error(msg("crit.unknown_key", key=key), key=f"unit.{key}")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        c.error(msg("crit.bad_value", key="tags", problem=msg("par.list")), key="unit.tags")
        tags = []
    if missing:
        return None
    return Unit(raw["id"].strip(), raw["name"].strip(), raw["group"].strip(), frozenset(tags))


def suggest(code: str, criteria: CriteriaSet) -> str | list[Any]:
    close = difflib.get_close_matches(code, criteria.codes, 1, cutoff=0.6)
    return msg("asm.did_you_mean", suggestion=close[0]) if close else ""  # type: ignore[return-value]


def _known(c: _Collector, criteria: CriteriaSet, code: str, key: str) -> bool:
    if code in criteria:
        return True
    c.error(msg("asm.unknown_code", code=code, hint=suggest(code, criteria)), code, key)
    return False


def _leaf(c: _Collector, criteria: CriteriaSet, code: str, key: str) -> Node | None:
    if not _known(c, criteria, code, key):
        return None
    node = criteria.node(code)
    if not node.is_leaf:
        c.error(msg("asm.not_leaf", code=code,
                    children=[n.code for n in node.walk() if n.is_leaf][:6]), code, key)
        return None
    return node


def _value(c: _Collector, node: Node, raw: Any, key: str) -> Any:
    rule = node.rule
    assert rule is not None
    try:
        return guarded(rule.kind, node.code, "parse_value", lambda: rule.parse_value(raw),
                       (InvalidValue,))
    except InvalidValue as e:
        c.error(msg("asm.value", code=node.code, problem=e.message), node.code, key)
        return None


def _is_full_form(raw: Any) -> bool:
    return isinstance(raw, Mapping) and not ANSWER_KEYS.isdisjoint(raw)


def _answer(c: _Collector, node: Node, raw: Any) -> Answer | None:
    if not _is_full_form(raw):  # the shorthand: `"1.1.2" = 96.5`
        return Answer(node.code, _value(c, node, raw, "answers.value"))
    if not raw.keys() <= ANSWER_KEYS:
        for key in sorted(set(raw) - ANSWER_KEYS):
            c.error(msg("crit.unknown_key", key=key), node.code, f"answers.{key}")
    value = _value(c, node, raw["value"], "answers.value") if "value" in raw else None
    claimed = None
    if "points" in raw:
        try:
            claimed = parse_decimal(raw["points"])
        except NumberError as e:
            c.error(msg("crit.bad_value", key="points", problem=e.message), node.code,
                    "answers.points")
    note = raw.get("note")
    cited = raw.get("evidence")
    return Answer(node.code, value, () if cited is None else _evidence(c, node.code, cited),
                  note if isinstance(note, str) else None, claimed)


def _evidence(c: _Collector, code: str, raw: Any, where: str = "answers.evidence"
              ) -> tuple[Evidence, ...]:
    if isinstance(raw, Mapping | str):
        raw = [raw]
    if not isinstance(raw, list):
        c.error(msg("crit.bad_value", key="evidence", problem=msg("par.list")), code, where)
        return ()
    items = []
    for i, item in enumerate(raw):
        key = f"{where}[{i}]"
        if isinstance(item, str):
            items.append(Evidence(title=item))
            continue
        if not isinstance(item, Mapping):
            c.error(msg("crit.bad_value", key="evidence", problem=msg("par.table")), code, key)
            continue
        if not item.keys() <= EVIDENCE_KEYS:
            for bad in sorted(set(item) - EVIDENCE_KEYS):
                c.error(msg("crit.unknown_key", key=bad), code, f"{key}.{bad}")
        date = item.get("date")
        if date is not None and type(date) is not dt.date:
            date = _date(c, code, date, f"{key}.date")
        items.append(Evidence(_field(item.get("number")), date, _field(item.get("title")),
                              _field(item.get("file")), _field(item.get("page"))))
    return tuple(items)


def _field(raw: Any) -> str | None:
    """An evidence field as text, as written (a page typed as a number is "12")."""
    return raw if raw is None or type(raw) is str else str(raw)


def _round(c: _Collector, criteria: CriteriaSet, data: Mapping[str, Any], name: Round,
           claims: Mapping[str, str]) -> dict[str, Appraisal]:
    """One round's entries: on a leaf a corrected value or points; on any
    node the unit claimed not applicable, the council's decision on it."""
    table = TABLES[name]
    entries: dict[str, Appraisal] = {}
    for code, raw in _table(c, data, table).items():
        if not _known(c, criteria, code, table):
            continue
        node = criteria.node(code)
        if not isinstance(raw, Mapping):
            c.error(msg("asm.round_empty", code=code), code, table)
            continue
        scores = "value" in raw or "points" in raw
        if scores and not node.is_leaf:
            _leaf(c, criteria, code, table)  # reports "not a leaf"
            continue
        if node.method == "survey":
            # The engine takes survey leaves from [survey] only: an entry
            # here would be silently ignored.
            c.error(msg("asm.survey_appraisal", code=code), code, table)
            continue
        entry = _entry(c, node, raw, name, table)
        if entry is None:
            continue
        if entry.na is not None and code not in claims:
            c.error(msg("asm.na_no_claim", code=code), code, f"{table}.na")
            continue
        entries[code] = entry
    return entries


def _entry(c: _Collector, node: Node, raw: Mapping[str, Any], name: Round, table: str
           ) -> Appraisal | None:
    code = node.code
    for key in sorted(set(raw) - ENTRY_KEYS):
        c.error(msg("crit.unknown_key", key=key), code, f"{table}.{key}")
    if "value" in raw and "points" in raw:
        c.error(msg("asm.appraisal_both", code=code), code, table)
        return None
    na = raw.get("na")
    if na is not None:
        na = {"accept": "accept", "reject": "reject", "chấp nhận": "accept",
              "không chấp nhận": "reject"}.get(str(na).strip().casefold())
        if na is None:
            c.error(msg("asm.na_decision", raw=raw["na"]), code, f"{table}.na")
            return None
        if name not in COUNCIL:
            c.error(msg("asm.explanation_na", code=code), code, f"{table}.na")
            return None
    if "value" not in raw and "points" not in raw and na is None:
        c.error(msg("asm.appraisal_empty" if name == "round1" else "asm.round_empty",
                    code=code), code, table)
        return None
    reason = _text(raw.get("reason"))
    who = _text(raw.get("who"))
    date = _date(c, code, raw.get("date"), f"{table}.date")
    evidence = _evidence(c, code, raw.get("evidence", []), f"{table}.evidence")
    fields: dict[str, Any] = {"reason": reason, "who": who, "date": date, "na": na,
                              "evidence": evidence, "round": name}
    if "value" in raw:
        value = _value(c, node, raw["value"], f"{table}.value")
        return None if value is None else Appraisal(code, value=value, **fields)
    if "points" not in raw:
        return Appraisal(code, **fields)
    try:
        points = parse_number(raw["points"])
        if points > node.max:
            raise InvalidValue(msg("val.points_range", max=node.max, raw=raw["points"]))
    except InvalidValue as e:
        c.error(msg("asm.value", code=code, problem=e.message), code, f"{table}.points")
        return None
    return Appraisal(code, points=Decimal(points), **fields)


def _text(raw: Any) -> str | None:
    return raw.strip() if isinstance(raw, str) and raw.strip() else None


def _date(c: _Collector, code: str, raw: Any, key: str) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if raw is None or isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(raw.strip(), pattern).date()
            except ValueError:
                pass
    c.error(msg("crit.bad_value", key="date", problem="YYYY-MM-DD"), code, key)
    return None
