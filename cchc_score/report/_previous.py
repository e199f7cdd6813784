"""Last year's results (`--previous FILE`): a JSON document written by
`cchc-score score … --format json`, read back for the change column."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .._i18n import Msg, msg
from .._io_errors import read_problem
from .._model import Issue, Location, UnitResult
from .._numbers import LIMIT, NumberError, parse_decimal
from .._toml import read_text
from ..exceptions import InputError


@attrs.frozen
class Previous:
    """One unit's published figures in the previous result file."""

    index: Decimal
    points: Decimal | None = None
    rank: int | None = None
    rank_of: int | None = None
    year: int | None = None
    #: the id of the criteria set it was scored with
    criteria: str | None = None


def read_previous(path: Path) -> dict[str, Previous]:
    """Unit id → its previous result. Raises `InputError` naming the file and
    the key when the file is not a cchc-score JSON result."""

    def fail(problem: Msg | str, key: str | None = None) -> InputError:
        return InputError([Issue("error", msg("prev.format", problem=problem),
                                 Location(str(path), key=key))])

    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as e:
        raise InputError([Issue("error", msg("crit.read", error=read_problem(e)),
                                Location(str(path)))]) from None
    try:
        # Exact decimals, as the JSON output writes them.
        doc = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as e:  # its own text is English: say where, in the user's words
        raise fail(msg("prev.json_syntax", line=e.lineno, col=e.colno)) from None
    except RecursionError:  # nested too deep
        raise fail(msg("io.too_deep")) from None
    units = doc.get("units") if isinstance(doc, dict) else None
    if not isinstance(units, list):
        raise fail(msg("crit.missing_key", key="units"), "units")
    found: dict[str, Previous] = {}
    for i, unit in enumerate(units):
        key = f"units[{i}]"
        if not isinstance(unit, dict) or not isinstance(unit.get("id"), str):
            raise fail(msg("crit.missing_key", key="id"), f"{key}.id")
        index = unit.get("index")
        if not isinstance(index, Decimal):
            raise fail(msg("crit.missing_key", key="index"), f"{key}.index")
        # An index is never negative, and a huge one (1e400) would break the
        # rounding of the change column: refuse it here, naming the key.
        try:
            parse_decimal(index)
        except NumberError as e:
            raise fail(e.message, f"{key}.index") from None
        if index < 0:
            raise fail(msg("val.negative", raw=index), f"{key}.index")
        found[unit["id"]] = Previous(index, _decimal(unit.get("points")), _int(unit.get("rank")),
                                     _int(unit.get("rank_of")), _int(unit.get("year")),
                                     unit["criteria"] if isinstance(unit.get("criteria"), str)
                                     else None)
    return found


def _int(value: Any) -> int | None:
    """A rank or a year; anything else (1.5, 1e400, -3) is left out."""
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 < value < LIMIT:
        return None
    return int(value) if value == value.to_integral_value() else None


def _decimal(value: Any) -> Decimal | None:
    if not isinstance(value, Decimal) or not value.is_finite() or value.copy_abs() >= LIMIT:
        return None
    return value


def previous_issues(results: Sequence[UnitResult], previous: Mapping[str, Previous],
                    path: Path) -> list[Issue]:
    """A previous file scored with another set (the change then includes
    the criteria's part) or holding the same year: one warning each."""
    other = {(p.criteria, r.criteria.id) for r in results
             if (p := previous.get(r.unit.id)) is not None and p.criteria
             and p.criteria != r.criteria.id}
    same = {r.year for r in results
            if (p := previous.get(r.unit.id)) is not None and p.year == r.year}
    where = Location(str(path))
    return [*(Issue("warning", msg("prev.other_set", was=was, now=now), where)
              for was, now in sorted(other)),
            *(Issue("warning", msg("prev.same_year", year=year), where) for year in sorted(same))]
