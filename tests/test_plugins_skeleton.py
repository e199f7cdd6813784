"""The plugin skeleton a province developer copies, and the quick-start
example of docs/plugins.md, both work as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cchc_score._toml import load_toml
from cchc_score.cli import main
from cchc_score.plugins import DISABLE_ENV

from .conftest import ROOT
from .test_plugins import write_set

SKELETON = ROOT / "docs" / "plugin-skeleton"
DOC = ROOT / "docs" / "plugins.md"


def test_the_skeleton_declares_its_entry_point() -> None:
    """The pyproject names the group cchc-score loads and a module that exists."""
    meta, _, issues = load_toml(SKELETON / "pyproject.toml")
    assert meta is not None, issues
    (name, module), = meta["project"]["entry-points"]["cchc_score"].items()
    assert (SKELETON / module / "__init__.py").is_file()
    assert meta["build-system"]["build-backend"] == "hatchling.build"
    assert not (ROOT / "plugins" / "skeleton").exists(), "the skeleton is not installed"
    assert name == module


def test_the_skeletons_own_tests_pass_in_a_copy(tmp_path: Path) -> None:
    """Copied elsewhere, as a developer would, its tests pass without
    installing it."""
    copy = tmp_path / "cchc-myprovince"
    shutil.copytree(SKELETON, copy, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop(DISABLE_ENV, None)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                          cwd=copy, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 passed" in done.stdout


def test_the_skeleton_loads_as_a_local_plugin(capsys: pytest.CaptureFixture[str]) -> None:
    init = SKELETON / "cchc_myprovince" / "__init__.py"
    example = SKELETON / "cchc_myprovince" / "criteria" / "myprovince-2025-vi-du.toml"
    assert main(["--no-plugins", "--plugin", str(init), "check", str(example)]) == 0
    assert main(["--no-plugins", "--plugin", str(init), "--lang", "en", "plugins"]) == 0
    out = capsys.readouterr().out
    assert "cchc_myprovince — file" in out and "rule kinds: myprovince:quarterly" in out


def blocks(language: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def test_the_quick_start_example_works(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The first Python block of docs/plugins.md, saved as myrule.py, makes
    the documented criteria snippet valid."""
    (tmp_path / "myrule.py").write_text(blocks("python")[0], encoding="utf-8")
    snippet = blocks("toml")[0]
    crit = write_set(tmp_path, kind="manual")
    text = crit.read_text(encoding="utf-8").replace(
        '[[nodes]]\ncode = "1.2"\ntitle = "Leaf 1.2"\nmax = 30\nrule = { kind = "manual" }\n',
        '[[nodes]]\ncode = "1.2"\ntitle = "Leaf 1.2"\nmax = 28\nrule = { kind = "manual" }\n'
        + snippet)
    crit.write_text(text, encoding="utf-8")
    assert main(["--no-plugins", "check", str(crit)]) == 1
    assert "quarterly" in capsys.readouterr().err
    assert main(["--no-plugins", "--plugin", str(tmp_path / "myrule.py"), "check",
                 str(crit)]) == 0


def test_the_documented_config_file_loads_the_plugin(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    (tmp_path / "myrule.py").write_text(blocks("python")[0], encoding="utf-8")
    config = next(b for b in blocks("toml") if b.startswith("plugins ="))
    (tmp_path / "cchc-score.toml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--lang", "en", "plugins"]) == 0
    assert "rule kinds: quarterly" in capsys.readouterr().out


def test_every_python_example_in_the_guide_compiles() -> None:
    for i, block in enumerate(blocks("python")):
        compile(block, f"docs/plugins.md python block {i + 1}", "exec")


def test_the_rule_interface_example_keeps_every_contract() -> None:
    """The worked example of "The Rule interface" builds, scores 3 reports
    at three quarters, lists its levels, suggests the next report and
    refuses a fifth report cleanly."""
    from decimal import Decimal

    from cchc_score import Context, InvalidValue, Params

    block = next(b for b in blocks("python") if "class Quarterly(Rule)" in b
                 and "hue:quarterly" in b)
    namespace: dict[str, object] = {}
    exec(compile(block, "plugins.md: the Rule interface", "exec"), namespace)
    kind: Any = namespace["Quarterly"]
    rule = kind.build(Params(kind.kind, {"kind": kind.kind}), Decimal(2))
    ctx = Context(2024)
    assert rule.score(rule.parse_value("3"), ctx).points == Decimal("1.5")
    assert [p for _, p in rule.levels()] == [2, Decimal("1.5"), 1, Decimal("0.5"), 0]
    step = rule.next_step(Decimal(1), Decimal("0.5"), ctx)
    assert step is not None and (step.points, step.example) == (1, "2")
    with pytest.raises(InvalidValue):
        rule.parse_value(5)


def test_the_skeleton_kind_offers_its_values_in_the_excel_form(tmp_path: Path) -> None:
    """A plugin kind's `choices()` become the Excel form's drop-down list for
    its leaf, its `levels()` the hint; a chosen value reads back and scores
    (3 reports → 45 of 60)."""
    from cchc_score import score_files
    from cchc_score.office._layout import LETTERS
    from cchc_score.plugins import Registry

    from .test_office_support import form_rows, openpyxl

    init = SKELETON / "cchc_myprovince" / "__init__.py"
    example = SKELETON / "cchc_myprovince" / "criteria" / "myprovince-2025-vi-du.toml"
    form = tmp_path / "form.xlsx"
    assert main(["--no-plugins", "--plugin", str(init), "template", str(example),
                 "-o", str(form), "--unit", "so-x"]) == 0
    book = openpyxl.load_workbook(form)
    ws = book.worksheets[0]
    row = form_rows(ws)["1.1"]
    value = ws.cell(row, LETTERS["value"] + 1)
    (check,) = [dv for dv in ws.data_validations.dataValidation
                if value.coordinate in str(dv.sqref).split()]
    sheet, _, cells = check.formula1.partition("!")
    first, last = (int(c.split("$")[-1]) for c in cells.split(":"))
    assert [book[sheet][f"A{r}"].value for r in range(first, last + 1)] == \
        ["4", "3", "2", "1", "0"]
    assert "3 báo cáo quý đúng hạn → 45 điểm" in ws.cell(row, LETTERS["hint"] + 1).value
    value.value = "3"
    book.save(form)
    registry = Registry.build(entry_points=False, local=[init])
    (result,) = score_files([form], registry=registry).results
    assert result.node("1.1").points == 45
