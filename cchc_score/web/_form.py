"""The department's form: what each leaf asks (the same prompts as
`template`), the values shown in its fields, and the form sent back turned
into the assessment data the command line reads.

Field names: `v.CODE` the declared value, `note.CODE`, `na.CODE` (a box)
with `nar.CODE` its reason, and `ev.CODE.I.number|date|title` the I-th
evidence document."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._i18n import msg
from .._model import CriteriaSet, Node
from .._numbers import NumberError, parse_decimal, plain
from .._template import value_hint
from ..load._assessment import _is_full_form
from ..rules import Choice, YesNo

#: blank evidence rows offered under a leaf's documents
BLANK_ROWS = 1


@attrs.frozen
class Field:
    """One leaf of the form: its node, widget, prompts and current entries."""

    node: Node
    #: "select" (options below), "date" or "text"
    widget: str
    hints: tuple[str, ...]
    value: str
    options: tuple[tuple[str, str], ...] = ()
    note: str = ""
    evidence: tuple[tuple[str, str, str], ...] = ()
    na: bool = False
    na_reason: str = ""
    survey: bool = False
    #: the council's entry on this leaf, as a sentence ("" when none)
    appraisal: str = ""


@attrs.frozen
class Heading:
    """A component or criterion above the leaves."""

    node: Node


def fields(criteria: CriteriaSet, data: Mapping[str, Any], year: int,
           lang: str) -> list[Field | Heading]:
    """The form, in criteria order: a heading per component and criterion,
    a field per leaf (survey leaves are shown, not edited)."""
    raw_answers, raw_claims = data.get("answers"), data.get("not_applicable")
    raw_appraisal = data.get("appraisal")
    council: Mapping[str, Any] = raw_appraisal if isinstance(raw_appraisal, Mapping) else {}
    answers: Mapping[str, Any] = raw_answers if isinstance(raw_answers, Mapping) else {}
    claims: Mapping[str, Any] = raw_claims if isinstance(raw_claims, Mapping) else {}
    out: list[Field | Heading] = []
    for node in criteria.walk():
        if not node.is_leaf:
            out.append(Heading(node))
            continue
        entry = _full(answers.get(node.code))
        rule = node.rule
        survey = node.method == "survey" or rule is None
        hints = () if survey or rule is None else tuple(value_hint(rule, year, lang))
        options: tuple[tuple[str, str], ...] = ()
        widget = "text"
        if isinstance(rule, Choice):
            widget, options = "select", tuple((o.key, o.label) for o in rule.options)
        elif isinstance(rule, YesNo):
            widget = "select"
            options = (("true", rule.yes_label or ("Có" if lang == "vi" else "Yes")),
                       ("false", rule.no_label or ("Không" if lang == "vi" else "No")))
        elif rule is not None and rule.value_type == "date":
            widget = "date"
        evidence = tuple(_evidence_row(e) for e in _as_list(entry.get("evidence")))
        out.append(Field(node, widget, hints, shown(entry.get("value"), rule), options,
                         str(entry.get("note") or ""), evidence,
                         node.code in claims, str(claims.get(node.code) or ""), survey,
                         _council(council.get(node.code), rule, lang)))
    return out


#: an answer written as a table of value, evidence, note, points (not the
#: value alone), as the loader tells them apart
is_full = _is_full_form


def _council(entry: Any, rule: Any, lang: str) -> str:
    """The appraisal council's entry on a leaf, in one sentence (the page
    shows it; the province records it in the file's [appraisal] table)."""
    if not isinstance(entry, Mapping):
        return ""
    reason = str(entry.get("reason") or msg("view.no_reason").render(lang))
    if "points" in entry:
        return msg("web.council_points", points=shown(entry["points"], rule),
                   reason=reason).render(lang)
    return msg("web.council_value", value=shown(entry.get("value"), rule),
               reason=reason).render(lang)


def _full(entry: Any) -> dict[str, Any]:
    if is_full(entry):
        return dict(entry)
    return {} if entry is None else {"value": entry}


def _as_list(raw: Any) -> list[Any]:
    if raw is None:
        return []
    return list(raw) if isinstance(raw, list) else [raw]


def _evidence_row(item: Any) -> tuple[str, str, str]:
    if isinstance(item, Mapping):
        date = item.get("date")
        return (str(item.get("number") or ""),
                date.isoformat() if isinstance(date, dt.date) else str(date or ""),
                str(item.get("title") or ""))
    return ("", "", str(item))


def shown(value: Any, rule: Any) -> str:
    """A declared value as its field shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, Mapping) and set(value) == {"num", "den"}:
        return f"{shown(value['num'], rule)}/{shown(value['den'], rule)}"
    if isinstance(value, list) and len(value) == 2:
        return f"{shown(value[0], rule)}/{shown(value[1], rule)}"
    if isinstance(rule, Choice) and isinstance(value, str):
        for option in rule.options:  # a label typed in the file selects its option
            if value.strip().casefold() in (option.key.casefold(), option.label.casefold()):
                return option.key
    return str(value)


def read_value(raw: str, rule: Any) -> Any:
    """A field's text as the value written to the file: true/false, a date,
    an exact number, or the text itself (a ratio "193/200", an option key,
    or something the rule will refuse with its own message)."""
    text = raw.strip()
    if isinstance(rule, YesNo) and text in ("true", "false"):
        return text == "true"
    if rule is not None and rule.value_type == "date":
        if text.lower() == "false":
            return False
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if "/" in text or isinstance(rule, Choice):
        return text
    try:
        return parse_decimal(text)
    except NumberError:
        return text


def apply(data: Mapping[str, Any], criteria: CriteriaSet,
          form: Mapping[str, str]) -> dict[str, Any]:
    """`data` with the form's entries: values, notes, evidence and
    not-applicable claims of every leaf the form holds. Whatever the form
    does not show (typed self-scores, appraisal, survey, claims on
    components, unknown codes) is kept as it was."""
    out = copy.deepcopy(dict(data))
    answers = dict(out.get("answers") or {}) if isinstance(out.get("answers"), Mapping) else {}
    claims = (dict(out.get("not_applicable") or {})
              if isinstance(out.get("not_applicable"), Mapping) else {})
    for node in criteria.leaves():
        code = node.code
        if f"v.{code}" not in form or node.method == "survey":
            continue
        entry = _full(answers.get(code))
        raw = form.get(f"v.{code}", "")
        if raw.strip():
            entry["value"] = read_value(raw, node.rule)
        else:
            entry.pop("value", None)
        note = form.get(f"note.{code}", "").strip()
        if note:
            entry["note"] = note
        else:
            entry.pop("note", None)
        evidence = _evidence_from(form, code, _as_list(entry.get("evidence")))
        if evidence:
            entry["evidence"] = evidence
        else:
            entry.pop("evidence", None)
        if entry:
            answers[code] = entry
        else:
            answers.pop(code, None)
        if form.get(f"na.{code}"):
            claims[code] = form.get(f"nar.{code}", "").strip()
        else:
            claims.pop(code, None)
    out["answers"] = answers
    if claims:
        out["not_applicable"] = claims
    else:
        out.pop("not_applicable", None)
    return out


def _evidence_from(form: Mapping[str, str], code: str,
                   before: list[Any]) -> list[dict[str, Any]]:
    """The evidence rows of the form; a document's `file` and `page`, which
    the form does not show, stay with its row."""
    items = []
    i = 0
    while f"ev.{code}.{i}.title" in form or f"ev.{code}.{i}.number" in form:
        old = before[i] if i < len(before) and isinstance(before[i], Mapping) else {}
        item: dict[str, Any] = {k: old[k] for k in ("file", "page") if k in old}
        for key in ("number", "date", "title"):
            text = form.get(f"ev.{code}.{i}.{key}", "").strip()
            if text and key == "date":
                try:
                    item[key] = dt.date.fromisoformat(text)
                except ValueError:
                    item[key] = text  # refused by the loader, with its key
            elif text:
                item[key] = text
        if item:
            items.append(item)
        i += 1
    return items
