"""`cchc-score template CRITERIA -o FILE.toml`: a blank assessment with
every self-assessed leaf, what to declare and what each outcome is worth
as comments; it scores as it is, and its example values score the best."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from cchc_score import score_files
from cchc_score._api import catalog
from cchc_score._template import toml_template
from cchc_score.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SETS = ["ca-tinh-2024-bang1", "ca-tinh-2024-bang2"]


@pytest.mark.parametrize("set_id", SETS)
def test_every_self_leaf_is_there_and_survey_leaves_are_not(set_id: str) -> None:
    criteria = catalog().load(set_id)
    text = toml_template(criteria, ref=set_id, unit_id="pc06")
    data = tomllib.loads(text)
    expected = [n.code for n in criteria.leaves() if n.method == "self"]
    assert list(data["answers"]) == expected
    assert data["criteria"] == set_id and data["year"] == criteria.years[0]
    assert data["unit"]["group"] == criteria.group
    for leaf in criteria.leaves():
        if leaf.method == "survey":
            assert f"[answers.\"{leaf.code}\"]" not in text and leaf.code in text


def test_hints_name_options_and_bands() -> None:
    """A choice lists its keys and points; tiers list their bands as the
    decision words them; a ratio says numerator/denominator."""
    criteria = catalog().load("ca-tinh-2024-bang1")
    text = toml_template(criteria, ref=criteria.id, unit_id="px01")
    block = text.split('[answers."1.1.1"]')[1].split("[answers.")[0]
    assert "“kip-thoi”: Ban hành kịp thời → 2 điểm" in block
    block = text.split('[answers."1.1.4"]')[1].split("[answers.")[0]
    assert "từ 50% đến dưới 100% → 1 điểm" in block and "dưới 50% → 0 điểm" in block
    assert "tử số/mẫu số" in text.split('[answers."1.2.1"]')[1].split("[answers.")[0]
    english = toml_template(criteria, ref=criteria.id, unit_id="px01", lang="en")
    assert "from 50% to under 100% → 1 points" in english


@pytest.mark.parametrize("set_id", SETS)
def test_blank_template_scores_zero_and_examples_score_the_best(
        set_id: str, tmp_path: Path) -> None:
    """As written the template scores 0 (nothing declared yet, warned);
    with every `# value = …` example uncommented each leaf scores its
    rule's best outcome."""
    criteria = catalog().load(set_id)
    blank = tmp_path / "blank.toml"
    assert main(["template", set_id, "-o", str(blank), "--unit", "u1"]) == 0
    batch = score_files([blank])
    assert not batch.failed and batch.results[0].points == 0
    assert any(i.message.key == "asm.unanswered" for i in batch.results[0].issues)
    best = tmp_path / "best.toml"
    best.write_text(re.sub(r"(?m)^# value = ", "value = ", blank.read_text(encoding="utf-8")),
                    encoding="utf-8")
    result = score_files([best]).results[0]
    for leaf in criteria.leaves():
        if leaf.method == "self":
            assert result.node(leaf.code).points == leaf.rule.best(), leaf.code


def test_template_to_stdout_and_refuses_to_overwrite(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "ca-tinh-2024-bang2", "--unit", "pc06", "--name", "Phòng PC06",
                 "--year", "2024"]) == 0
    data = tomllib.loads(capsys.readouterr().out)
    assert data["unit"] == {"id": "pc06", "name": "Phòng PC06", "group": "co-tthc",
                            "tags": []}
    out = tmp_path / "pc06.toml"
    out.write_text("# mine\n", encoding="utf-8")
    assert main(["template", "ca-tinh-2024-bang2", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "# mine\n"


def test_unknown_criteria_set_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "khong-co"]) == 1
    err = capsys.readouterr().err
    assert "khong-co" in err and "Traceback" not in err


def test_template_from_a_criteria_file_path(tmp_path: Path) -> None:
    """Named by path, the template refers to that path and scores with it."""
    from .conftest import CRITERIA

    source = CRITERIA / "ca-tinh-2024-bang1.toml"
    local = tmp_path / "bo-chi-so.toml"
    local.write_bytes(source.read_bytes().replace(b'id = "ca-tinh-2024-bang1"',
                                                  b'id = "ban-sao"'))
    out = tmp_path / "u.toml"
    assert main(["template", str(local), "-o", str(out)]) == 0
    assert tomllib.loads(out.read_text(encoding="utf-8"))["criteria"] == str(local)
    assert not score_files([out]).failed
