"""What a newcomer reads in the examples' and docs' pages is what the tool
prints: figures quoted in a table are recomputed here, so a change to a
criteria set or an example file that moves a figure fails until the page is
updated too."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from cchc_score import score_files
from cchc_score.plugins import Registry

from .conftest import EXAMPLES


def expected_indexes(readme: Path) -> dict[str, tuple[str, str, str]]:
    """The rows of the 'Expected indexes' table: unit → (self, appraised,
    appraised with the survey CSV), as printed (two decimals)."""
    rows = re.findall(r"^\| `([\w-]+)` \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$",
                      readme.read_text(encoding="utf-8"), re.M)
    return {unit: (a, b, c) for unit, a, b, c in rows}


def published(stage: str, survey: Path | None) -> dict[str, str]:
    batch = score_files([EXAMPLES / "demo"], stage=stage,  # type: ignore[arg-type]
                        survey=survey, registry=Registry.build(entry_points=False))
    return {r.unit.id: f"{r.published_index:.2f}" for r in batch.results}


def test_the_examples_expected_indexes_are_what_the_tool_prints() -> None:
    """examples/README.md lists the published index of every demo unit,
    self-assessed, appraised, and appraised with survey-2024.csv: each figure
    is the one `cchc-score score examples/demo` prints for that stage."""
    table = expected_indexes(EXAMPLES / "README.md")
    assert len(table) == 10
    survey = EXAMPLES / "survey-2024.csv"
    columns = [published("self", None), published("appraised", None),
               published("appraised", survey)]
    for unit, quoted in table.items():
        actual = tuple(column[unit] for column in columns)
        assert quoted == actual, f"{unit}: README says {quoted}, the tool prints {actual}"
    assert all(Decimal(v) <= 100 for row in table.values() for v in row)


def console_commands(path: Path) -> list[str]:
    """The `cchc-score` lines of a page's ```console blocks, without the
    `--lang en` an English page adds, in order."""
    blocks = re.findall(r"^```console\n(.*?)^```", path.read_text(encoding="utf-8"),
                        re.S | re.M)
    return [line.replace("--lang en ", "").removeprefix("$ ").strip()
            for block in blocks for line in block.splitlines() if "cchc-score " in line]


def test_the_excel_guide_and_its_english_twin_give_the_same_commands() -> None:
    """docs/vi/quy-trinh-excel.md and docs/excel-workflow.md are twins: an
    officer reading either runs the same commands, in the same order (the
    English page had lost `template --units` and `score --appraisal`)."""
    root = EXAMPLES.parent / "docs"
    vi = console_commands(root / "vi" / "quy-trinh-excel.md")
    en = console_commands(root / "excel-workflow.md")
    assert any("--units" in c for c in vi) and any("--appraisal" in c for c in vi)
    assert en == vi


def documented_keys(sentence_start: str) -> list[str]:
    """The keys docs/json-output.md lists first in the paragraph that starts
    with `sentence_start` (after its colon, up to the next parenthesis)."""
    text = (EXAMPLES.parent / "docs" / "json-output.md").read_text(encoding="utf-8")
    start = text.index(":", text.index(sentence_start))
    listed = text[start:text.index("(", start)]
    return re.findall(r"`(\w+)`", listed)


def test_the_previous_year_sample_follows_the_json_contract() -> None:
    """examples/results-2023.json, the fictional previous year that README
    offers for `--previous` and `compare`, has every key docs/json-output.md
    lists for a unit and for a node, and its numbers keep the contract's
    arithmetic: `lost == max − points` at every scored node and unit, the
    leaves' `lost` add up to the unit's, pending leaves count no maximum."""
    import json

    node_keys = documented_keys("Each node (every component")
    unit_keys = documented_keys("Each unit: ")
    assert {"title", "lost", "pending", "explanation"} <= set(node_keys)
    sample = json.loads((EXAMPLES / "results-2023.json").read_text(encoding="utf-8"),
                        parse_float=Decimal)
    assert sample["units"]
    for unit in sample["units"]:
        assert set(unit_keys) - {"pools"} <= set(unit), unit["id"]
        assert unit["lost"] == unit["max"] - unit["points"], unit["id"]
        codes = [n["code"] for n in unit["nodes"]]
        leaf_lost = Decimal(0)
        for node in unit["nodes"]:
            where = (unit["id"], node["code"])
            assert set(node_keys) <= set(node), where
            assert isinstance(node["title"], str) and node["title"], where
            leaf = not any(c.startswith(node["code"] + ".") for c in codes)
            if node["role"] == "score":
                assert node["lost"] == node["max"] - node["points"], where
                if leaf:
                    leaf_lost += node["lost"]
            if leaf and node["pending"]:
                assert node["max"] == 0, where
            assert (node["explanation"] is None) != leaf, where
        assert leaf_lost == unit["lost"], unit["id"]
