"""cchc-score plugin for Hà Nam province, 2023.

One sourced rule (see README.md for the source and what is not known):
units with no administrative procedures (thủ tục hành chính, TTHC) skip
component 3 (20 points), criterion 7.3 (7 points) and criterion 7.5; those
maxima leave the unit's denominator, so its maximum shrinks and its index is
computed over what remains.

- Which sets: every criteria set whose id starts with ``hanam-2023-``.
- Which units: those tagged ``khong-tthc`` in their assessment's ``[unit]``.
- How: ``adjust_result`` rebuilds the unit's result with those nodes not
  applicable (`cchc_score.plugins.mark_not_applicable`, which recomputes the
  totals through the engine's own `summarise`); ``check_criteria`` checks that
  a set carries the nodes and the maxima the source gives; ``check_assessment``
  warns when such a unit declares values that will not count.

It also ships an illustrative skeleton set (``hanam-2023-so-nganh-minh-hoa``),
clearly labelled as not official, so that the rule can be seen working.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from cchc_score import (
    Assessment,
    CriteriaSet,
    Issue,
    Location,
    UnitResult,
    hookimpl,
    msg,
    register_messages,
)
from cchc_score.plugins import mark_not_applicable

__version__ = "0.1.0"

#: the rule applies to criteria sets whose id starts with this
SET_PREFIX = "hanam-2023-"
#: the unit tag that says a unit has no administrative procedures
TAG_NO_TTHC = "khong-tthc"
#: the nodes such a unit skips (source: DESIGN §5, Hà Nam 2023)
SKIPPED = ("3", "7.3", "7.5")
#: the maxima the source states for them (7.5's is not stated)
SOURCE_MAXIMA = {"3": Decimal(20), "7.3": Decimal(7)}
CRITERIA_DIR = Path(__file__).resolve().parent / "criteria"

register_messages({
    "hanam.na": (
        "Đơn vị không có thủ tục hành chính: không chấm nội dung này (quy định Hà Nam 2023)",
        "Unit without administrative procedures: not scored (Hà Nam 2023 rule)",
    ),
    "hanam.missing_node": (
        "quy định Hà Nam 2023 bỏ chấm “{code}” với đơn vị không có TTHC, "
        "nhưng bộ chỉ số không có mã này",
        "the Hà Nam 2023 rule skips “{code}” for units without administrative procedures, "
        "but the set has no such code",
    ),
    "hanam.max_differs": (
        "theo nguồn, “{code}” có điểm tối đa {expected}; tệp ghi {got}",
        "the source gives “{code}” a maximum of {expected}; the file says {got}",
    ),
    "hanam.declared": (
        "đơn vị không có TTHC: {codes} không được chấm (quy định Hà Nam 2023), "
        "giá trị kê khai không được tính",
        "unit without administrative procedures: {codes} are not scored (Hà Nam 2023 rule); "
        "the declared values do not count",
    ),
})


def owns(criteria: CriteriaSet) -> bool:
    return criteria.id.startswith(SET_PREFIX)


def skips(assessment: Assessment) -> bool:
    return TAG_NO_TTHC in assessment.unit.tags


def _under(code: str, roots: tuple[str, ...]) -> bool:
    return any(code == r or code.startswith(r + ".") for r in roots)


@hookimpl
def register_criteria(register: Callable[[Path], None]) -> None:
    for path in sorted(CRITERIA_DIR.glob("*.toml")):
        register(path)


@hookimpl
def check_criteria(criteria: CriteriaSet) -> list[Issue]:
    if not owns(criteria):
        return []
    issues = []
    for code in SKIPPED:
        if code not in criteria:
            issues.append(Issue("warning", msg("hanam.missing_node", code=code),
                                Location(criteria.path, key="nodes")))
    for code, expected in SOURCE_MAXIMA.items():
        if code in criteria and criteria.node(code).max != expected:
            issues.append(Issue("warning", msg("hanam.max_differs", code=code, expected=expected,
                                               got=criteria.node(code).max),
                                Location(criteria.path, code, "max")))
    return issues


@hookimpl
def check_assessment(criteria: CriteriaSet, assessment: Assessment) -> list[Issue]:
    if not (owns(criteria) and skips(assessment)):
        return []
    declared = sorted(c for c in assessment.answers if _under(c, SKIPPED))
    if not declared:
        return []
    return [Issue("warning", msg("hanam.declared", codes=declared),
                  Location(assessment.path, key="answers"))]


@hookimpl
def adjust_result(criteria: CriteriaSet, assessment: Assessment,
                  result: UnitResult) -> UnitResult | None:
    if not (owns(criteria) and skips(assessment)):
        return None
    return mark_not_applicable(result, assessment, SKIPPED, msg("hanam.na"))
