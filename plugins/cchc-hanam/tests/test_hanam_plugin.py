"""cchc-hanam: Hà Nam 2023's rule that units with no administrative
procedures skip component 3 (20 points), criterion 7.3 (7 points) and
criterion 7.5, changes a unit's result exactly as the source says."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import cchc_hanam
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_score import CriteriaSet, UnitResult, catalog, parse_assessment, score, score_files
from cchc_score.cli import demo_dir, main
from cchc_score.plugins import Registry

SET_ID = "hanam-2023-so-nganh-minh-hoa"
SKELETON = cchc_hanam.CRITERIA_DIR / f"{SET_ID}.toml"
HUNDRED = Decimal(100)


def registry() -> Registry:
    """The built-ins and this plugin only (not other installed plugins)."""
    reg = Registry.build(entry_points=False)
    reg.add(cchc_hanam, "cchc_hanam")
    return reg


def skeleton(reg: Registry | None = None) -> CriteriaSet:
    return catalog(reg or registry()).load(SET_ID)


SKELETON_SET = skeleton()
LEAVES = {leaf.code: leaf.max for leaf in SKELETON_SET.leaves()}


def write_unit(folder: Path, unit_id: str, answers: dict[str, Any], tags: tuple[str, ...],
               criteria: str = SET_ID) -> Path:
    tag_list = ", ".join(f'"{t}"' for t in tags)
    lines = ["schema = 1", f'criteria = "{criteria}"', "year = 2023", "", "[unit]",
             f'id = "{unit_id}"', f'name = "Sở {unit_id}"', 'group = "so-nganh"',
             f"tags = [{tag_list}]", "", "[answers]"]
    lines += [f'"{code}" = {value}' for code, value in answers.items()]
    path = folder / f"{unit_id}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def scored(answers: dict[str, Any], tags: tuple[str, ...], reg: Registry) -> UnitResult:
    """Score in memory through the registry's finish step, as score_files does."""
    criteria = SKELETON_SET
    data = {"schema": 1, "criteria": SET_ID, "year": 2023,
            "unit": {"id": "so-x", "name": "Sở X", "group": "so-nganh", "tags": list(tags)},
            "answers": answers}
    assessment, issues = parse_assessment(data, "so-x.toml", criteria)
    assert assessment is not None, issues
    return score(criteria, assessment, "self", issues, finish=reg.finish)


# -- the shipped set is an illustrative skeleton, labelled so ---------------------------------


def test_the_shipped_set_says_it_is_not_official() -> None:
    criteria = skeleton()
    assert "KHUNG MINH HỌA" in criteria.title
    assert "không phải bộ chỉ số chính thức" in criteria.title
    assert any("not the official" in d for d in criteria.source.defects)
    assert "KHÔNG PHẢI BỘ CHỈ SỐ CHÍNH THỨC" in SKELETON.read_text(encoding="utf-8")


def test_the_skeleton_carries_the_sourced_maxima(capsys: pytest.CaptureFixture[str]) -> None:
    """Component 3 is worth 20 and 7.3 is worth 7, as the source says; the
    plugin's own check finds nothing to report; the set totals 100."""
    criteria = skeleton()
    assert criteria.node("3").max == 20 and criteria.node("7.3").max == 7
    assert "7.5" in criteria and criteria.total == HUNDRED
    assert main(["--no-plugins", "--plugin", cchc_hanam.__file__, "check", str(SKELETON)]) == 0
    assert capsys.readouterr().err == ""


# -- the policy -----------------------------------------------------------------------------------

values = st.fixed_dictionaries({
    code: st.integers(0, int(top * 4)).map(lambda q: Decimal(q) / 4)
    for code, top in LEAVES.items()
})


SHARED = registry()


@settings(deadline=None, max_examples=60)
@given(values)
def test_no_procedures_shrinks_the_maximum_exactly(answers: dict[str, Decimal]) -> None:
    """For any declared points, a unit tagged `khong-tthc` has: maximum =
    100 − (20 + 7 + max of 7.5); points = its points minus what it earned on
    3, 7.3 and 7.5; index = points / maximum × 100, recomputed exactly; the
    three nodes not applicable. A unit with procedures is unchanged."""
    reg = SHARED
    with_tthc = scored(answers, ("tthc",), reg)
    without = scored(answers, ("khong-tthc",), reg)
    skipped_max = 20 + 7 + SKELETON_SET.node("7.5").max
    earned = sum((with_tthc.node(c).points for c in cchc_hanam.SKIPPED), Decimal(0))
    assert with_tthc.max == HUNDRED and with_tthc.points == sum(answers.values())
    assert without.max == HUNDRED - skipped_max
    assert without.points == with_tthc.points - earned
    with localcontext(prec=80):
        exact = without.points / without.max * HUNDRED
    assert without.index == exact.quantize(Decimal("1e-12"), rounding=ROUND_HALF_UP)
    for code in cchc_hanam.SKIPPED:
        node = without.node(code)
        assert node.na and node.max == 0 and node.points == 0 and node.lost == 0
        assert node.explanation is not None and node.explanation.key == "hanam.na"
    assert without.node("7").max == 20 - 7 - SKELETON_SET.node("7.5").max
    assert sum((n.lost for n in without.nodes), Decimal(0)) == without.max - without.points


def test_the_worked_example_of_the_readme(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """With the skeleton (7.5 worth 3): maximum 70, and 56 points → index 80.
    The unit also claims points under component 3, which do not count."""
    answers = {"1.1": 10, "2.1": 8, "4.1": 8, "5.1": 12, "6.1": 4, "7.1": 3, "7.2": 3,
               "7.4": 4, "8.1": 4, "3.1": 10}
    unit = write_unit(tmp_path, "so-x", answers, ("khong-tthc",))
    assert main(["--no-plugins", "--plugin", cchc_hanam.__file__, "--lang", "en", "score",
                 str(unit), "--format", "json"]) == 0
    captured = capsys.readouterr()
    (doc,) = json.loads(captured.out)["units"]
    assert (doc["points"], doc["max"], doc["index"]) == (56, 70, 80)
    assert any("3.1 are not scored (Hà Nam 2023 rule)" in i["message"] for i in doc["issues"])


def test_the_rule_applies_only_to_hanam_2023_sets(tmp_path: Path) -> None:
    """A `khong-tthc` unit of another set (the police Bảng I) keeps its full
    maximum."""
    crit = catalog(registry()).load("ca-tinh-2024-bang1")
    data = {"schema": 1, "criteria": crit.id, "year": 2024,
            "unit": {"id": "px01", "name": "PX01", "group": crit.group, "tags": ["khong-tthc"]}}
    assessment, _ = parse_assessment(data, "px01.toml", crit)
    assert assessment is not None
    assert score(crit, assessment, finish=registry().finish).max == HUNDRED


@pytest.mark.skipif(not demo_dir().is_dir(), reason="examples/demo not present")
def test_the_police_demo_is_untouched() -> None:
    plain = score_files([demo_dir()], registry=Registry.build(entry_points=False))
    with_plugin = score_files([demo_dir()], registry=registry())
    assert [(r.unit.id, r.points, r.max) for r in plain.results] == \
        [(r.unit.id, r.points, r.max) for r in with_plugin.results]


# -- the checks -----------------------------------------------------------------------------------


def test_check_criteria_flags_a_set_that_disagrees_with_the_source(tmp_path: Path) -> None:
    text = SKELETON.read_text(encoding="utf-8")
    text = text.replace('id = "hanam-2023-so-nganh-minh-hoa"', 'id = "hanam-2023-test"')
    text = text.replace('code = "7.3"\ntitle = "Tiêu chí 7.3 (tên chưa có trong nguồn)"\nmax = 7',
                        'code = "7.3"\ntitle = "Tiêu chí 7.3"\nmax = 6')
    text = text.replace('code = "7.4"\ntitle = "Tiêu chí 7.4 (minh họa)"\nmax = 4',
                        'code = "7.4"\ntitle = "Tiêu chí 7.4 (minh họa)"\nmax = 5')
    path = tmp_path / "hanam-2023-test.toml"
    path.write_text(text, encoding="utf-8")
    criteria, issues = catalog(registry()).check(path)
    assert criteria is not None
    texts = [i.render("en") for i in issues if i.message.key.startswith("hanam")]
    assert texts == [f"{path}: 7.3: max: the source gives “7.3” a maximum of 7; "
                     "the file says 6"]


def test_the_plugin_is_installed_through_its_entry_point() -> None:
    found = {p.name: p for p in Registry.build(entry_points=True).plugins()}
    assert found["cchc_hanam"].origin == "cchc-hanam"
