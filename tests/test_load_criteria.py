"""Loading criteria files: every validation problem is reported, all at
once, each with the file and the node code or key path; real-world files
(BOM, CRLF, NFD) load; numbers stay exact; the bundled sets match the
source workbooks' transcription."""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from cchc_score import CriteriaSet, Issue
from cchc_score.load import check_criteria
from cchc_score.rules import RuleKinds

from .conftest import CRITERIA, ROOT

KINDS = RuleKinds.builtin()
WORKBOOKS = ROOT.parent / "shared" / "data" / "criteria-workbooks"

HEAD = """\
schema = 1
id = "thu-nghiem"
title = "Bộ chỉ số CCHC thử nghiệm năm 2024"
group = "so-nganh"
years = [2024, 2025]
decimals = 2

[source]
issuer = "UBND tỉnh Thử Nghiệm"
decision = "123/QĐ-UBND"
date = 2024-03-15

[[bands]]
name = "Tốt"
min = 80
[[bands]]
name = "Khá"
min = 50
"""

NODES = """
[[nodes]]
code = "1"
title = "Công tác chỉ đạo, điều hành"
max = 14.50

[[nodes]]
code = "1.1"
title = "Ban hành kế hoạch"
max = 14.25
rule = { kind = "yes_no" }

[[nodes]]
code = "1.2"
title = "Tỷ lệ hồ sơ đúng hạn"
max = 0.25
[nodes.rule]
kind = "tiers"
over = "ratio"
tiers = [{ min = 100, points = 0.25 }, { min = 95, points = 0.125 }]

[[nodes]]
code = "2"
title = "Điểm chấm của Hội đồng"
max = 85.50
rule = { kind = "manual", step = 0.25 }
"""

VALID = HEAD + NODES


def write(tmp_path: Path, text: str, name: str = "bo-chi-so.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str) -> tuple[CriteriaSet | None, list[Issue], str]:
    path = write(tmp_path, text)
    criteria, issues = check_criteria(path, KINDS)
    return criteria, issues, str(path)


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.level == "error"]


def only_error(issues: list[Issue]) -> Issue:
    found = errors(issues)
    assert len(found) == 1, [i.render("en") for i in issues]
    return found[0]


def replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# -- a valid file -------------------------------------------------------------------------


def test_a_valid_file_loads_without_issues(tmp_path: Path) -> None:
    criteria, issues, _ = load(tmp_path, VALID)
    assert issues == []
    assert criteria is not None
    assert criteria.id == "thu-nghiem" and criteria.total == 100
    assert [n.code for n in criteria.walk()] == ["1", "1.1", "1.2", "2"]
    assert criteria.node("1.2").rule is not None and criteria.node("1").rule is None


def _floats(value: Any, path: str = "") -> list[str]:
    """Every float reachable from an attrs object, tuple, list or mapping."""
    if isinstance(value, float):
        return [path]
    if attrs.has(type(value)):
        return [p for f in attrs.fields(type(value))
                for p in _floats(getattr(value, f.name), f"{path}.{f.name}")]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _floats(v, f"{path}[{k!r}]")]
    if isinstance(value, tuple | list):
        return [p for i, v in enumerate(value) for p in _floats(v, f"{path}[{i}]")]
    return []


def test_numbers_come_back_as_exact_decimals(tmp_path: Path) -> None:
    """14.50, 0.25 and 0.125 are Decimals as written, never floats, down to
    the rules' parameters."""
    criteria, _, _ = load(tmp_path, VALID)
    assert criteria is not None
    assert _floats(criteria) == []
    node = criteria.node("1")
    assert type(node.max) is Decimal and str(node.max) == "14.50"
    assert type(criteria.scale) is Decimal and type(criteria.bands[0].min) is Decimal
    tiers = criteria.node("1.2").rule.tiers  # type: ignore[union-attr]
    assert [t.points for t in tiers] == [Decimal("0.25"), Decimal("0.125")]
    assert all(type(t.points) is Decimal and type(t.threshold) is Decimal for t in tiers)


def test_bom_and_crlf_load_like_the_plain_file(tmp_path: Path) -> None:
    """A file saved by Notepad (UTF-8 BOM, CRLF line ends) loads to the same
    set with the same content hash."""
    plain, _ = check_criteria(write(tmp_path, VALID, "plain.toml"), KINDS)
    windows = tmp_path / "windows.toml"
    windows.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"))
    loaded, issues = check_criteria(windows, KINDS)
    assert issues == [] and loaded is not None and plain is not None
    assert loaded.title == plain.title == "Bộ chỉ số CCHC thử nghiệm năm 2024"
    assert [(n.code, n.title, n.max) for n in loaded.walk()] == [
        (n.code, n.title, n.max) for n in plain.walk()]
    assert loaded.content_hash == plain.content_hash


def test_nfd_text_loads_as_nfc(tmp_path: Path) -> None:
    """Titles typed on a Mac (NFD: "ô" as "o" + combining circumflex) load
    equal to the NFC spelling."""
    nfd = unicodedata.normalize("NFD", VALID)
    assert nfd != VALID
    criteria, issues, _ = load(tmp_path, nfd)
    assert issues == [] and criteria is not None
    assert criteria.title == "Bộ chỉ số CCHC thử nghiệm năm 2024"
    assert criteria.node("1").title == "Công tác chỉ đạo, điều hành"
    assert unicodedata.is_normalized("NFC", criteria.source.issuer)


# -- one problem at a time, each located -----------------------------------------------------


def test_unknown_rule_kind_suggests_the_closest(tmp_path: Path) -> None:
    criteria, issues, file = load(tmp_path, replace(VALID, 'kind = "tiers"', 'kind = "tier"'))
    assert criteria is None
    issue = only_error(issues)
    assert (issue.where.file, issue.where.code, issue.where.key) == (file, "1.2", "rule.kind")
    vi, en = issue.message.render("vi"), issue.message.render("en")
    assert "“tier”" in vi and "có phải “tiers”?" in vi
    assert "did you mean “tiers”?" in en and "yes_no" in en  # lists the known kinds
    assert issue.render("vi").startswith(f"{file}: 1.2: rule.kind: ")


def test_unknown_rule_parameter_names_its_key_path(tmp_path: Path) -> None:
    text = replace(VALID, 'rule = { kind = "yes_no" }', 'rule = { kind = "yes_no", yes_points = 1 }')
    _, issues, file = load(tmp_path, text)
    issue = only_error(issues)
    assert (issue.where.file, issue.where.code, issue.where.key) == (
        file, "1.1", "rule.yes_points")
    assert "“yes_points”" in issue.message.render("en") and "yes_label" in issue.message.render(
        "en")


def test_bad_rule_parameter_value_is_located(tmp_path: Path) -> None:
    text = replace(VALID, "{ min = 95, points = 0.125 }", "{ min = 97, points = 0.125 }, "
                                                           "{ min = 98, points = 0 }")
    issue = only_error(load(tmp_path, text)[1])
    assert (issue.where.code, issue.where.key) == ("1.2", "rule.tiers[2]")
    assert "97" in issue.message.render("vi") and "98" in issue.message.render("vi")


def test_parent_maximum_must_equal_its_childrens_sum(tmp_path: Path) -> None:
    """Names the parent's code and lists the children with their maxima."""
    text = replace(VALID, "max = 14.50", "max = 15")
    issue = only_error(load(tmp_path, text)[1])
    assert (issue.where.code, issue.where.key) == ("1", "max")
    en = issue.message.render("en")
    assert "15" in en and "14.5" in en and "1.1: 14.25" in en and "1.2: 0.25" in en
    assert "1.1: 14,25" in issue.message.render("vi")


def test_best_outcome_above_max_is_an_error(tmp_path: Path) -> None:
    text = replace(VALID, "{ min = 100, points = 0.25 }", "{ min = 100, points = 0.5 }")
    criteria, issues, _ = load(tmp_path, text)
    assert criteria is None
    issue = only_error(issues)
    assert (issue.where.code, issue.where.key) == ("1.2", "rule")
    assert "0,5" in issue.message.render("vi") and "0,25" in issue.message.render("vi")


def test_best_outcome_below_max_is_only_a_warning(tmp_path: Path) -> None:
    """The set still loads: the decision may print a leaf that cannot reach
    its maximum (Bảng II's 6.1.2)."""
    text = replace(VALID, 'rule = { kind = "yes_no" }', 'rule = { kind = "yes_no", yes = 14 }')
    criteria, issues, _ = load(tmp_path, text)
    assert criteria is not None
    [issue] = issues
    assert issue.level == "warning" and (issue.where.code, issue.where.key) == ("1.1", "rule")
    assert "(14) cannot reach the maximum 14.25" in issue.message.render("en")


def test_duplicate_code(tmp_path: Path) -> None:
    text = VALID + '\n[[nodes]]\ncode = "1.1"\ntitle = "Lặp"\nmax = 1\nrule = { kind = "yes_no" }\n'
    issue = only_error(load(tmp_path, text)[1])
    assert issue.where.code == "1.1"
    assert "“1.1”" in issue.message.render("vi") and "twice" in issue.message.render("en")


def test_orphan_code_names_the_missing_parent(tmp_path: Path) -> None:
    text = VALID + '\n[[nodes]]\ncode = "3.1"\ntitle = "Mồ côi"\nmax = 1\nrule = { kind = "yes_no" }\n'
    issue = only_error(load(tmp_path, text)[1])
    assert issue.where.code == "3.1"
    assert "“3.1” has no parent “3”" in issue.message.render("en")
    assert "không có nút cha “3”" in issue.message.render("vi")


def test_bad_code_is_located_by_its_index(tmp_path: Path) -> None:
    issue = only_error(load(tmp_path, replace(VALID, 'code = "2"', 'code = "II"'))[1])
    assert issue.where.key == "nodes[3].code" and "II" in issue.message.render("vi")


def test_bands_out_of_order(tmp_path: Path) -> None:
    text = replace(VALID, "min = 50", "min = 85")
    issue = only_error(load(tmp_path, text)[1])
    assert issue.where.key == "bands[1]"
    assert "“Tốt” (80) then “Khá” (85)" in issue.message.render("en")


def test_band_outside_the_scale(tmp_path: Path) -> None:
    issue = only_error(load(tmp_path, replace(VALID, "min = 80", "min = 180"))[1])
    assert issue.where.key == "bands[0]" and "180" in issue.message.render("vi")


@pytest.mark.parametrize(("old", "new", "code", "key"), [
    ('title = "Bộ chỉ số CCHC thử nghiệm năm 2024"\n', "", None, "title"),
    ('id = "thu-nghiem"\n', "", None, "id"),
    ('years = [2024, 2025]\n', "", None, "years"),
    ('decision = "123/QĐ-UBND"\n', "", None, "source.decision"),
    ('title = "Ban hành kế hoạch"\n', "", "1.1", "title"),
    ("max = 14.25\n", "", "1.1", "max"),
])
def test_missing_required_keys(tmp_path: Path, old: str, new: str, code: str | None,
                               key: str) -> None:
    """A missing key is named with its path (and node code for a node's key).
    (A missing leaf maximum also breaks its parent's sum: both are reported.)"""
    _, issues, file = load(tmp_path, replace(VALID, old, new))
    missing = [i for i in errors(issues) if i.message.key == "crit.missing_key"]
    assert [(i.where.file, i.where.code, i.where.key) for i in missing] == [(file, code, key)]
    assert f"“{key.rpartition('.')[2] if code is None and key.startswith('source') else key}”" \
        in missing[0].message.render("vi")


def test_a_leaf_without_rule(tmp_path: Path) -> None:
    text = replace(VALID, 'max = 85.50\nrule = { kind = "manual", step = 0.25 }\n', "max = 85.50\n")
    issue = only_error(load(tmp_path, text)[1])
    assert (issue.where.code, issue.where.key) == ("2", "rule")
    assert "thiếu quy tắc chấm" in issue.message.render("vi")


def test_a_rule_on_a_parent(tmp_path: Path) -> None:
    text = replace(VALID, "max = 14.50\n", 'max = 14.50\nrule = { kind = "yes_no" }\n')
    issue = only_error(load(tmp_path, text)[1])
    assert (issue.where.code, issue.where.key) == ("1", "rule")
    assert "must not have a rule" in issue.message.render("en")


def test_misspelt_node_key_suggests_the_right_one(tmp_path: Path) -> None:
    issue = only_error(load(tmp_path, replace(VALID, 'title = "Ban hành kế hoạch"',
                                              'title = "Ban hành kế hoạch"\ntitel = "x"'))[1])
    assert (issue.where.code, issue.where.key) == ("1.1", "titel")
    assert "title?" in issue.message.render("en")


def test_unknown_top_level_key_is_a_warning(tmp_path: Path) -> None:
    criteria, issues, _ = load(tmp_path, "nam = 2024\n" + VALID)
    assert criteria is not None
    [issue] = issues
    assert issue.level == "warning" and issue.where.key == "nam"


def test_total_other_than_the_scale_is_a_warning(tmp_path: Path) -> None:
    text = replace(replace(VALID, "max = 85.50\n", "max = 80\n"), "step = 0.25", "step = 0.5")
    criteria, issues, _ = load(tmp_path, text)
    assert criteria is not None
    [issue] = issues
    assert issue.level == "warning" and "94.5" in issue.message.render("en")


def test_not_toml_is_one_located_error(tmp_path: Path) -> None:
    criteria, issues, file = load(tmp_path, VALID + "\n[[nodes]\n")
    assert criteria is None
    [issue] = issues
    assert issue.level == "error" and issue.where.file == file
    assert "TOML" in issue.message.render("vi")


# -- every problem at once ------------------------------------------------------------------


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    """Three different mistakes in three places give three errors, not the
    first one only."""
    text = replace(VALID, 'kind = "tiers"', 'kind = "tier"')          # unknown kind at 1.2
    text = replace(text, "min = 50", "min = 90")                       # bands out of order
    text = replace(text, "step = 0.25", "step = 0.25, stepp = 1")     # unknown parameter at 2
    criteria, issues, file = load(tmp_path, text)
    assert criteria is None
    found = errors(issues)
    assert len(found) == 3, [i.render("en") for i in issues]
    assert {(i.where.code, i.where.key) for i in found} == {
        ("1.2", "rule.kind"), (None, "bands[1]"), ("2", "rule.stepp")}
    assert all(i.where.file == file for i in found)


def test_every_parameter_problem_of_one_rule_is_reported(tmp_path: Path) -> None:
    text = replace(VALID, 'rule = { kind = "manual", step = 0.25 }',
                   'rule = { kind = "manual", step = -1, steps = 1, points = 2 }')
    keys = sorted(i.where.key or "" for i in errors(load(tmp_path, text)[1]))
    assert keys == ["rule.points", "rule.step", "rule.steps"]


# -- the bundled sets -------------------------------------------------------------------------


def _workbook_maxima(name: str) -> dict[str, Decimal]:
    path = WORKBOOKS / name
    if not path.is_file():
        pytest.skip(f"reference data not available: {path}")
    lines = [line for line in path.read_text(encoding="utf-8-sig").splitlines()
             if not line.startswith("#")]
    return {row["code"]: Decimal(row["max_points"]) for row in csv.DictReader(lines)}


@pytest.mark.parametrize(("file", "nodes", "depths", "csv_name"), [
    ("ca-tinh-2024-bang2.toml", 135, {1: 9, 2: 38, 3: 88}, "ca_tinh_2024_bang2_donvi_co_tthc.csv"),
    ("ca-tinh-2024-bang1.toml", 97, {1: 7, 2: 27, 3: 63},
     "ca_tinh_2024_bang1_donvi_khong_tthc.csv"),
])
class TestBundledSets:
    def test_loads_with_the_published_shape(self, file: str, nodes: int, depths: dict[int, int],
                                            csv_name: str) -> None:
        """Bảng II: 9 lĩnh vực / 38 tiêu chí / 88 tiêu chí thành phần = 135
        nodes, total 100; Bảng I: 7 / 27 / 63 = 97. Only known source defects
        may warn."""
        criteria, issues = check_criteria(CRITERIA / file, KINDS)
        assert criteria is not None, [i.render("en") for i in issues]
        assert errors(issues) == []
        assert len(list(criteria.walk())) == nodes
        assert Counter(n.depth for n in criteria.walk()) == depths
        assert criteria.total == 100
        for node in criteria.walk():
            if node.children:
                assert node.max == sum((c.max for c in node.children), Decimal(0))
            else:
                assert node.rule is not None

    def test_maxima_equal_the_workbook_transcription(self, file: str, nodes: int,
                                                     depths: dict[int, int],
                                                     csv_name: str) -> None:
        expected = _workbook_maxima(csv_name)
        criteria, _ = check_criteria(CRITERIA / file, KINDS)
        assert criteria is not None
        assert {n.code: n.max for n in criteria.walk()} == expected


def test_bang2_loads_clean_with_its_repaired_leaf() -> None:
    """Defect 4 of the source (6.1.2 prints at most 0.5 of 1 point) is
    repaired and recorded: the set loads without a warning, and 6.1.2's top
    band is worth its full point."""
    criteria, issues = check_criteria(CRITERIA / "ca-tinh-2024-bang2.toml", KINDS)
    assert issues == [] and criteria is not None
    leaf = criteria.node("6.1.2")
    assert leaf.rule is not None and leaf.rule.best() == leaf.max == 1
    assert any("6.1.2" in d and "REPAIRED" in d for d in criteria.source.defects)
