"""One representation for every number: a share that does not terminate is
carried to the set's precision once, at the leaf, and every other figure of a
unit (nodes, pools, self and appraised, index, lost) derives from those
carried values, the same in every stage and format."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_score import score_files
from cchc_score.cli import main

CRITERIA_TEXT = """
schema = 1
id = "ty-le"
title = "Bộ chỉ số tỷ lệ"
group = "so"
years = [2024, 2024]
decimals = 2
{precision}
[source]
issuer = "UBND tỉnh Thử"
decision = "1/QĐ-UBND"
[[nodes]]
code = "1"
title = "Thủ tục hành chính"
max = 6
[[nodes]]
code = "1.1"
title = "Hồ sơ đúng hạn"
max = 4
rule = {{ kind = "proportional", over = "ratio" }}
[[nodes]]
code = "1.2"
title = "Phản ánh được xử lý"
max = 2
rule = {{ kind = "proportional", over = "ratio" }}
[[nodes]]
code = "2"
title = "Chỉ đạo điều hành"
max = 94
[[nodes]]
code = "2.1"
title = "Có kế hoạch"
max = 94
rule = {{ kind = "yes_no" }}
"""


def unit_text(folder: Path, uid: str, first: str, second: str, appraisal: str = "") -> str:
    return (f'schema = 1\ncriteria = "{folder / "ty-le.toml"}"\nyear = 2024\n'
            f'[unit]\nid = "{uid}"\nname = "Sở {uid}"\ngroup = "so"\n'
            f'[answers]\n"1.1" = "{first}"\n"1.2" = "{second}"\n"2.1" = true\n{appraisal}')


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Unit a: 4 × 2/3 + 2 × 1; unit b: 4 × 1 + 2 × 1/3. Both total 14/3 + 94
    exactly. Unit a's appraisal confirms its 2/3 (a value entry), so the
    appraised stage re-scores that leaf."""
    (tmp_path / "ty-le.toml").write_text(CRITERIA_TEXT.format(precision=""), encoding="utf-8")
    confirm = '[appraisal."1.1"]\nvalue = "2/3"\nreason = "Đúng hồ sơ"\n'
    (tmp_path / "a.toml").write_text(unit_text(tmp_path, "a", "2/3", "1/1", confirm),
                                     encoding="utf-8")
    (tmp_path / "b.toml").write_text(unit_text(tmp_path, "b", "1/1", "1/3"), encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["score", *args]) == 0
    return capsys.readouterr().out


def units(capsys: pytest.CaptureFixture[str], folder: Path, stage: str) -> dict[str, dict]:  # type: ignore[type-arg]
    doc = json.loads(run(capsys, str(folder), "--stage", stage, "--format", "json"),
                     parse_float=Decimal)
    return {u["id"]: u for u in doc["units"]}


def test_a_share_of_four_times_two_thirds_is_carried_once(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """4 × 2/3 is carried as 2.666666666667 at the leaf; the unit's points,
    pools and index are exact sums and quotients of that figure, and the
    appraised stage shows the same self points as the self stage."""
    own = units(capsys, folder, "self")["a"]
    appraised = units(capsys, folder, "appraised")["a"]
    for doc in (own, appraised):
        leaf = next(n for n in doc["nodes"] if n["code"] == "1.1")
        assert leaf["points"] == Decimal("2.666666666667")
        assert leaf["lost"] == Decimal("1.333333333333")
        assert doc["points"] == Decimal("98.666666666667")
        assert doc["index"] == Decimal("98.666666666667")
        assert doc["pools"]["self"] == Decimal("98.666666666667")
    assert next(n for n in appraised["nodes"] if n["code"] == "1.1")["self_points"] == \
        Decimal("2.666666666667")
    assert appraised["pools"]["appraised"] == appraised["pools"]["self"]


def test_json_never_shows_more_places_than_the_precision(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No number in the JSON of either stage has more than 12 decimal places
    (no 28-digit artefact of a division)."""
    for stage in ("self", "appraised"):
        text = run(capsys, str(folder), "--stage", stage, "--format", "json", "--gains")
        places = [len(m) for m in re.findall(r"(?<![\w\"])\d+\.(\d+)(?![\w\"])", text)]
        assert places and max(places) == 12


def test_equal_exact_totals_print_sort_and_rank_equal(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two units whose totals are equal by different leaves (4 × 2/3 + 2 and
    4 + 2 × 1/3) have the same points and index in JSON, the same printed
    figures, and share rank 1, in both stages."""
    for stage in ("self", "appraised"):
        docs = units(capsys, folder, stage)
        a, b = docs["a"], docs["b"]
        assert (a["points"], a["index"], a["pools"]["self"]) == \
            (b["points"], b["index"], b["pools"]["self"])
        assert a["rank"] == b["rank"] == 1
        text = run(capsys, str(folder), "--stage", stage, "--lang", "en")
        rows = [line for line in text.splitlines() if re.search(r"\b(a|b)\b.*98\.67", line)]
        assert len(rows) == 2, text


def test_a_declared_precision_is_the_one_rounding(tmp_path: Path) -> None:
    """`precision = 2` carries 4 × 2/3 as 2.67 and the index to 2 places;
    the unit's points are the exact sum of its carried leaves."""
    path = tmp_path / "ty-le.toml"
    path.write_text(CRITERIA_TEXT.format(precision="precision = 2"), encoding="utf-8")
    (tmp_path / "a.toml").write_text(unit_text(tmp_path, "a", "2/3", "1/3"), encoding="utf-8")
    batch = score_files([tmp_path / "a.toml"])
    assert not batch.failed
    result = batch.results[0]
    assert result.criteria.precision == 2
    assert result.node("1.1").points == Decimal("2.67")
    assert result.node("1.2").points == Decimal("0.67")
    assert result.points == Decimal("97.34") and result.index == Decimal("97.34")


@pytest.mark.parametrize("value", ["1", "13", "true", "1.5"])
def test_precision_outside_its_range_is_an_error(tmp_path: Path, value: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """`precision` must be a whole number from the set's decimals to 12:
    `check` names the key and exits 1."""
    path = tmp_path / "ty-le.toml"
    path.write_text(CRITERIA_TEXT.format(precision=f"precision = {value}"), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "precision" in capsys.readouterr().out


PENALTY_SET = """
schema = 1
id = "tru-diem"
title = "Bộ chỉ số có điểm trừ"
group = "so"
years = [2024, 2024]
[source]
issuer = "UBND tỉnh Thử"
decision = "1/QĐ-UBND"
[[nodes]]
code = "1"
title = "Giải quyết phản ánh"
max = 100
[[nodes]]
code = "1.1"
title = "Phản ánh được xử lý đúng hạn"
max = 3
rule = { kind = "tiers", over = "ratio", zero_denominator = "na", tiers = [{ min = 100, points = 3 }] }
[[nodes]]
code = "1.2"
title = "Có kế hoạch"
max = 97
rule = { kind = "yes_no" }
[[nodes]]
code = "2"
title = "Điểm trừ"
max = 3
role = "penalty"
[[nodes]]
code = "2.1"
title = "Vi phạm kỷ luật"
max = 3
rule = { kind = "bonus", per_item = 1, unit = "vụ" }
"""


def test_change_table_lists_applicability_and_penalty_changes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At the appraised stage, a leaf whose "nothing arose" (not applicable)
    became 0/3 is listed, and a penalty that grew from 0 to 1 item reads
    −1,00 in the difference column; "Tự đánh giá X" is the --stage self
    total (100), and the difference is the sum of the listed effects."""
    (tmp_path / "tru-diem.toml").write_text(PENALTY_SET, encoding="utf-8")
    (tmp_path / "a.toml").write_text(
        f'schema = 1\ncriteria = "{tmp_path / "tru-diem.toml"}"\nyear = 2024\n'
        '[unit]\nid = "a"\nname = "Sở A"\ngroup = "so"\n'
        '[answers]\n"1.1" = "0/0"\n"1.2" = true\n"2.1" = 0\n'
        '[appraisal."1.1"]\nvalue = "0/3"\nreason = "Có 3 phản ánh"\n'
        '[appraisal."2.1"]\nvalue = 1\nreason = "Một vụ vi phạm"\n', encoding="utf-8")
    text = run(capsys, str(tmp_path / "a.toml"), "--stage", "appraised")
    flat = " ".join(text.split())
    assert "Tự đánh giá 97,00 điểm (chỉ số 100,00) → sau thẩm định 96,00 điểm" in flat
    assert "chênh lệch −1,00" in flat
    assert re.search(r"1\.1 không áp dụng 0,00 0,00 ", flat)
    assert re.search(r"2\.1 0,00 −1,00 −1,00 ", flat)


@pytest.mark.parametrize("set_id", ["ca-tinh-2024-bang1", "ca-tinh-2024-bang2"])
def test_best_fact_on_every_leaf_scores_100(set_id: str) -> None:
    """A unit that declares, on every leaf of a bundled set, the fact its
    rule names as the best (and the best survey result) scores 100/100,
    index 100: no leaf is capped below its maximum (Bảng II 6.1.2 repaired)."""
    from cchc_score import parse_assessment, score
    from cchc_score._api import catalog

    from .conftest import CRITERIA

    criteria = catalog().load(CRITERIA / f"{set_id}.toml")
    leaves = [n for n in criteria.leaves() if n.rule is not None]
    data = {"criteria": set_id, "year": 2024,
            "unit": {"id": "u", "name": "Đơn vị", "group": criteria.group},
            "answers": {n.code: n.rule.example() for n in leaves if n.method == "self"},
            "survey": {n.code: n.rule.example() for n in leaves if n.method == "survey"}}
    assessment, issues = parse_assessment(data, "best", criteria)
    assert assessment is not None, [i.render("en") for i in issues]
    result = score(criteria, assessment)
    assert (result.points, result.max, result.index) == (100, 100, 100)


def _rule(raw: dict, maximum: str = "2"):  # type: ignore[no-untyped-def,type-arg]
    from cchc_score import RuleKinds

    return RuleKinds.builtin().build(raw, Decimal(maximum))


def test_a_percent_leaf_says_what_nothing_arose_scores() -> None:
    """A percent leaf declaring `zero_denominator` reads "không phát sinh"
    (or 0/0) by that policy and its template line asks for it; one that
    declares nothing refuses it, so no existing leaf can be claimed full."""
    from cchc_score import Context, InvalidValue
    from cchc_score._template import value_hint

    ctx = Context(2024)
    tiers = [{"min": 100, "points": 2}, {"min": 80, "points": 1}]
    full = _rule({"kind": "tiers", "over": "percent", "tiers": tiers,
                  "zero_denominator": "full"})
    assert full.score(full.parse_value("Không phát sinh"), ctx).points == 2
    na = _rule({"kind": "proportional", "over": "percent", "zero_denominator": "na"})
    assert na.score(na.parse_value("0/0"), ctx).na
    plain_leaf = _rule({"kind": "tiers", "over": "percent", "tiers": tiers})
    with pytest.raises(InvalidValue):
        plain_leaf.parse_value("không phát sinh")
    assert any("không phát sinh" in line for line in value_hint(full, 2024))


def test_plan_completion_above_100_reaches_the_top_band() -> None:
    """With `above_100 = true`, 120 % scores the top band; without it 120 %
    is refused as a typo; over a ratio the key is an error."""
    from cchc_score import Context, InvalidParams, InvalidValue

    tiers = [{"min": 100, "points": 2}, {"min": 80, "points": 1}]
    rule = _rule({"kind": "tiers", "over": "percent", "tiers": tiers, "above_100": True})
    assert rule.score(rule.parse_value("120"), Context(2024)).points == 2
    with pytest.raises(InvalidValue):
        _rule({"kind": "tiers", "over": "percent", "tiers": tiers}).parse_value("120")
    with pytest.raises(InvalidParams):
        _rule({"kind": "tiers", "over": "ratio", "tiers": tiers, "above_100": True})


def test_yes_no_prompt_names_negatively_worded_options() -> None:
    """A yes/no whose yes-option reads "Không có vi phạm" is prompted with
    its labels, not a bare "có / không"."""
    from cchc_score._template import value_hint

    rule = _rule({"kind": "yes_no", "yes_label": "Không có vi phạm",
                  "no_label": "Có vi phạm"}, "1")
    first = value_hint(rule, 2024)[0]
    assert "Không có vi phạm" in first and "có / không" not in first
    assert "có / không" in value_hint(_rule({"kind": "yes_no"}, "1"), 2024)[0]
