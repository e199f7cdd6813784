"""cchc-score plugin for a provincial police force (Công an tỉnh), 2024.

The two criteria sets are the core's bundled ``ca-tinh-2024-bang1`` (Bảng I,
units without administrative procedures) and ``ca-tinh-2024-bang2`` (Bảng II,
units with them); both are transcriptions whose provenance is in their file
headers. What this plugin adds is the group logic those tables print in their
titles:

- Bảng II: "các đơn vị ... CÓ chức năng giải quyết TTHC cho tổ chức, cá nhân
  (PA08, PC06, PC07, PC08)";
- Bảng I: "các đơn vị ... KHÔNG có chức năng giải quyết TTHC ... (gồm cả PX01,
  PX05)".

A unit's table follows its tags when it has one (``tthc`` / ``khong-tthc``:
the province says so explicitly), else its unit code (PC06, …) found in its
id or name. Every other police unit code is read as Bảng I, because the
Bảng II title lists its units exhaustively. Units that are not police units
(no unit code and no "Công an" in the name) are left to other plugins.

Hooks: ``select_criteria`` (an assessment that names no set gets its table)
and ``check_assessment`` (a warning when a unit is scored with the other
table, or its tags contradict its code). No rule kind: every sub-criterion of
both tables is expressed with the core's kinds.
"""

from __future__ import annotations

import re
import unicodedata

from cchc_score import Assessment, CriteriaSet, Issue, Location, Unit, hookimpl, msg
from cchc_score import register_messages as _register_messages

__version__ = "0.1.0"

BANG1 = "ca-tinh-2024-bang1"
BANG2 = "ca-tinh-2024-bang2"
#: the assessment years the two tables are in force (their files say [2024, 2024])
YEARS = (2024,)
#: printed in the title of Bảng II: the units that handle administrative procedures
BANG2_CODES = frozenset({"PA08", "PC06", "PC07", "PC08"})
#: printed in the title of Bảng I as included there
BANG1_NAMED = frozenset({"PX01", "PX05"})
TAG_TTHC = "tthc"
TAG_NO_TTHC = "khong-tthc"

# Police unit codes: P + a letter for the department (A security, C police,
# H logistics, V staff, X personnel, ...) + two digits.
_CODE = re.compile(r"(?<![A-Z0-9])(P[A-Z]\d{2})(?![A-Z0-9])")

_register_messages({
    "congan.wrong_set": (
        "đơn vị {unit} {why}: cần chấm theo {expected}, không phải {got}",
        "unit {unit} {why}: it is scored with {expected}, not {got}",
    ),
    "congan.why.code_b2": (
        "(mã {code}) được Bảng II liệt kê là đơn vị có giải quyết TTHC",
        "(code {code}) is listed by Bảng II as handling administrative procedures",
    ),
    "congan.why.code_b1": (
        "(mã {code}) không có trong danh sách đơn vị có TTHC của Bảng II",
        "(code {code}) is not among the Bảng II units with administrative procedures",
    ),
    "congan.why.tag": (
        "có nhãn “{tag}”",
        "is tagged “{tag}”",
    ),
    "congan.tag_conflict": (
        "đơn vị {unit} có nhãn “{tag}” nhưng mã {code} thuộc {table}; kiểm tra lại nhãn",
        "unit {unit} is tagged “{tag}” but its code {code} belongs to {table}; check the tags",
    ),
})


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def unit_code(unit: Unit) -> str | None:
    """The police unit code (PC06, …) in the unit's id or name, if any."""
    for text in (unit.id, unit.name):
        found = _CODE.search(text.upper())
        if found:
            return found.group(1)
    return None


def is_police_unit(unit: Unit) -> bool:
    return unit_code(unit) is not None or "công an" in _fold(unit.name)


def table_by_code(code: str) -> str:
    return BANG2 if code in BANG2_CODES else BANG1


def table_by_tags(unit: Unit) -> str | None:
    if TAG_TTHC in unit.tags and TAG_NO_TTHC not in unit.tags:
        return BANG2
    if TAG_NO_TTHC in unit.tags and TAG_TTHC not in unit.tags:
        return BANG1
    return None


def expected_table(unit: Unit) -> str | None:
    """Bảng I or II for a police unit (tags first, then its code); None for a
    unit this plugin cannot place."""
    if not is_police_unit(unit):
        return None
    by_tags = table_by_tags(unit)
    if by_tags is not None:
        return by_tags
    code = unit_code(unit)
    return table_by_code(code) if code is not None else None


@hookimpl
def select_criteria(unit: Unit, year: int | None) -> str | None:
    if year not in YEARS:
        return None
    return expected_table(unit)


@hookimpl
def check_assessment(criteria: CriteriaSet, assessment: Assessment) -> list[Issue]:
    if criteria.id not in (BANG1, BANG2):
        return []
    unit = assessment.unit
    where = Location(assessment.path, key="unit")
    issues: list[Issue] = []
    code = unit_code(unit)
    by_tags = table_by_tags(unit)
    if code is not None and by_tags is not None and by_tags != table_by_code(code):
        tag = TAG_TTHC if by_tags == BANG2 else TAG_NO_TTHC
        issues.append(Issue("warning", msg("congan.tag_conflict", unit=unit.id, tag=tag,
                                           code=code, table=table_by_code(code)), where))
    expected = expected_table(unit)
    if expected is not None and expected != criteria.id:
        if by_tags is not None:
            why = msg("congan.why.tag", tag=TAG_TTHC if by_tags == BANG2 else TAG_NO_TTHC)
        else:
            why = msg("congan.why.code_b2" if expected == BANG2 else "congan.why.code_b1",
                      code=code)
        issues.append(Issue("warning", msg("congan.wrong_set", unit=unit.id, why=why,
                                           expected=expected, got=criteria.id), where))
    return issues
