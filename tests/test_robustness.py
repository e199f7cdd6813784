"""Whatever a person types into a criteria or assessment file, the loaders
report issues; they never raise (the CLI would show a traceback)."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_score import score
from cchc_score.load import parse_assessment, parse_criteria
from cchc_score.rules import RuleKinds

from .conftest import CRITERIA

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KINDS = RuleKinds.builtin()
BANG2 = tomllib.loads((CRITERIA / "ca-tinh-2024-bang2.toml").read_text(encoding="utf-8"),
                      parse_float=Decimal)
CRITERIA_SET, _ = parse_criteria(BANG2, "bang2.toml", KINDS)
assert CRITERIA_SET is not None

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.text(max_size=12), st.sampled_from(["96,5", "193/200", "1/0", "0/0", "-1", "có",
                                           "2024-13-40", "1.234,5", "1e9999", "NaN", "∞"]),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6)
codes = st.sampled_from([*CRITERIA_SET.codes, "9.9.9", "", "1..2", "x"])


def _mutate(data: dict[str, Any], path: list[str], value: Any) -> dict[str, Any]:
    data = dict(data)
    if len(path) == 1:
        data[path[0]] = value
    else:
        inner = data.get(path[0])
        data[path[0]] = _mutate(inner if isinstance(inner, dict) else {}, path[1:], value)
    return data


BASE_ASSESSMENT = {
    "schema": 1, "criteria": "ca-tinh-2024-bang2", "year": 2024,
    "unit": {"id": "u", "name": "U", "group": "co-tthc"},
    "answers": {"1.1.1": "kip-thoi", "1.1.4": Decimal("96.5"), "1.2.1": "3/4"},
}


@settings(max_examples=300)
@given(section=st.sampled_from(["answers", "appraisal", "survey", "not_applicable", "unit",
                                "year", "criteria", "schema", "extra"]),
       code=codes, key=st.sampled_from(["value", "points", "reason", "evidence", "note",
                                        "id", "tags", "x"]),
       value=values, nested=st.booleans())
def test_any_assessment_value_is_reported_not_raised(section: str, code: str, key: str,
                                                     value: Any, nested: bool) -> None:
    """A value of any type at any place yields issues, or a result that scores."""
    if section in ("year", "criteria", "schema", "extra"):
        path = [section]
    elif section == "unit":
        path = ["unit", key]
    else:
        path = [section, code, key] if nested else [section, code]
    data = _mutate(BASE_ASSESSMENT, path, value)
    assessment, issues = parse_assessment(data, "u.toml", CRITERIA_SET)
    for issue in issues:
        issue.render("vi")
        issue.render("en")
    if assessment is not None:
        for stage in ("self", "appraised"):
            score(CRITERIA_SET, assessment, stage)  # type: ignore[arg-type]


NODE_KEYS = ["code", "title", "max", "rule", "method", "evidence", "role", "applies"]
RULE_KEYS = ["kind", "tiers", "options", "over", "due", "late", "per_item", "floor", "cap",
             "weights", "step", "yes", "zero_denominator", "year_offset"]


@settings(max_examples=300)
@given(index=st.integers(0, len(BANG2["nodes"]) - 1),
       where=st.sampled_from(["node", "rule", "top", "source", "bands"]),
       node_key=st.sampled_from(NODE_KEYS), rule_key=st.sampled_from(RULE_KEYS),
       top_key=st.sampled_from(["id", "title", "group", "years", "scale", "decimals", "ties",
                                "nodes", "bands", "source"]),
       value=values)
def test_any_criteria_value_is_reported_not_raised(index: int, where: str, node_key: str,
                                                   rule_key: str, top_key: str,
                                                   value: Any) -> None:
    """A criteria file with any value in any place loads or reports issues."""
    data = dict(BANG2)
    nodes = list(data["nodes"])
    node = dict(nodes[index])
    if where == "node":
        node[node_key] = value
    elif where == "rule":
        rule = dict(node.get("rule") or {"kind": "yes_no"})
        rule[rule_key] = value
        node["rule"] = rule
    elif where == "top":
        data[top_key] = value
    elif where == "source":
        data["source"] = {**data["source"], rule_key: value}
    else:
        data["bands"] = [{"name": "A", "min": value}]
    nodes[index] = node
    if where != "top" or top_key != "nodes":
        data["nodes"] = nodes
    _criteria, issues = parse_criteria(data, "c.toml", KINDS)
    for issue in issues:
        issue.render("vi")
        issue.render("en")


toml_scalars = st.one_of(
    st.booleans(), st.integers(-1000, 10**6), st.text(max_size=12),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.sampled_from(["ca-tinh-2024-bang2", "ca-tinh-2024-bang1", "khong-co", "x.toml",
                     "../criteria/ca-tinh-2024-bang2.toml"]),
)
toml_values = st.recursive(toml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["id", "name", "group", "tags", "1.1.1", "value", "x"]),
                    inner, max_size=3)), max_leaves=5)


@settings(max_examples=150)
@given(top=st.dictionaries(
    st.sampled_from(["schema", "criteria", "year", "unit", "answers", "survey", "appraisal",
                     "not_applicable", "nodes"]), toml_values, min_size=1, max_size=3))
def test_any_assessment_file_shape_scores_or_reports(top: dict[str, Any], tmp_path_factory: Any
                                                     ) -> None:
    """A valid file with any top-level key replaced by a value of any shape
    goes through `score_files` without raising."""
    from cchc_score import score_files
    from cchc_score._toml_write import assignments

    folder = tmp_path_factory.mktemp("shape")
    path = folder / "u.toml"
    document = {**BASE_ASSESSMENT, **top}
    path.write_text("\n".join(assignments(document)) + "\n", encoding="utf-8")
    batch = score_files([path])
    for issue in batch.issues:
        issue.render("vi")
