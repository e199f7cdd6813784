"""The plugin's own tests: run them with `python -m pytest` in this folder
(installed or not: pyproject.toml puts the folder on the path)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import cchc_myprovince

from cchc_score import Context, Rule, catalog, check_files, score_files
from cchc_score.plugins import Registry, plugin_registered

SET = cchc_myprovince.CRITERIA_DIR / "myprovince-2025-vi-du.toml"


def registry() -> Registry:
    """The core's built-ins plus this plugin, and no other installed plugin."""
    reg = Registry.build(entry_points=False)
    reg.add(cchc_myprovince, "cchc_myprovince")
    return reg


def write_unit(folder: Path, reports: object) -> Path:
    path = folder / "so-x.toml"
    path.write_text(
        'schema = 1\ncriteria = "myprovince-2025-vi-du"\nyear = 2025\n\n'
        '[unit]\nid = "so-x"\nname = "Sở X"\ngroup = "so-nganh"\n\n'
        f'[answers]\n"1.1" = {reports}\n"1.2" = true\n', encoding="utf-8")
    return path


def test_the_set_checks_clean_with_the_plugin() -> None:
    ((_, criteria, issues),) = check_files([SET], registry())
    assert criteria is not None and issues == []


def test_the_set_needs_the_plugin() -> None:
    ((_, criteria, issues),) = check_files([SET], Registry.build(entry_points=False))
    assert criteria is None
    assert any("quarterly" in i.render("en") for i in issues)


def test_three_reports_score_three_quarters(tmp_path: Path) -> None:
    (result,) = score_files([write_unit(tmp_path, 3)], registry=registry()).results
    assert result.node("1.1").points == Decimal(45)
    assert result.points == Decimal(85)


def test_five_reports_is_a_clear_error(tmp_path: Path) -> None:
    batch = score_files([write_unit(tmp_path, 5)], registry=registry())
    assert batch.failed
    assert "expected 0 to 4 quarterly reports" in batch.issues[0].render("en")


def test_the_set_is_listed_under_the_plugin() -> None:
    reg = Registry.build(entry_points=False)
    with plugin_registered(reg, cchc_myprovince, "cchc_myprovince"):
        entries, _ = catalog(reg).entries()
        assert ("myprovince-2025-vi-du", "cchc_myprovince") in {(e.id, e.owner)
                                                                for e in entries}


def test_gains_suggest_one_more_report() -> None:
    """With 2 reports on time the next step is the third (45 of 60 points);
    the template lists every level."""
    rule = set_rule()
    step = rule.next_step(Decimal(2), Decimal(30), Context(2025))
    assert step is not None and (step.points, step.example) == (Decimal(45), "3")
    assert [points for _, points in rule.levels()] == [60, 45, 30, 15, 0]


def set_rule() -> Rule:
    ((_, criteria, _),) = check_files([SET], registry())
    assert criteria is not None
    rule = criteria.node("1.1").rule
    assert rule is not None
    return rule
