"""The documentation says what the code does: every example in the format
documents parses, loads and scores, every rule kind and every command is
documented, and the README shows what a newcomer needs first and what the
demo really prints. A doc that drifts from the code fails here."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score import score_files
from cchc_score.cli import build_parser, main
from cchc_score.load import check_criteria
from cchc_score.plugins import Registry
from cchc_score.report import FORMATS, Options
from cchc_score.rules import RuleKinds

from .conftest import EXAMPLES, ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

DOCS = ROOT / "docs"
CRITERIA_DOC = DOCS / "criteria-format.md"
ASSESSMENT_DOC = DOCS / "assessment-format.md"
README = ROOT / "README.md"


def fenced(path: Path, language: str) -> list[str]:
    """The bodies of the ```language blocks of a Markdown file, in order."""
    text = path.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M)


def section(path: Path, heading: str) -> str:
    """The text of a `## heading` section, up to the next `## ` heading."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:] if end < 0 else text[start:end]


def parse(block: str) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(block, parse_float=Decimal)
    return data


def core_registry() -> Registry:
    """Built-ins only: installed plugins must not change what the docs show."""
    return Registry.build(entry_points=False)


def complete_example(path: Path) -> str:
    blocks = re.findall(r"^```toml\n(.*?)^```", section(path, "A complete example"),
                        re.S | re.M)
    assert len(blocks) == 1, f"{path.name}: one TOML block under 'A complete example'"
    return str(blocks[0])


@pytest.mark.parametrize("doc", [CRITERIA_DOC, ASSESSMENT_DOC], ids=lambda p: p.name)
def test_every_toml_block_parses(doc: Path) -> None:
    """A reader can paste any TOML example of the format documents into a file:
    each block is valid TOML on its own (decimals read exactly)."""
    blocks = fenced(doc, "toml")
    assert blocks
    for i, block in enumerate(blocks):
        try:
            parse(block)
        except tomllib.TOMLDecodeError as e:
            pytest.fail(f"{doc.name}, TOML block {i + 1}: {e}\n{block}")


def test_the_complete_criteria_example_checks_clean(tmp_path: Path) -> None:
    """The complete example of criteria-format.md, saved as a file, passes
    `check` with no error and no warning (its components add up to 100)."""
    path = tmp_path / "vd-tinh-2024-so.toml"
    path.write_text(complete_example(CRITERIA_DOC), encoding="utf-8")
    criteria, issues = check_criteria(path, RuleKinds.builtin())
    assert criteria is not None, [i.render("en") for i in issues]
    assert [i.render("en") for i in issues] == []
    assert criteria.total == criteria.scale == 100


def kind_sections() -> Iterator[tuple[str, list[str]]]:
    """(kind, its TOML blocks) for each `### `kind`` heading under Rule kinds."""
    text = section(CRITERIA_DOC, "Rule kinds")
    parts = re.split(r"^### `(\w+)`.*$", text, flags=re.M)
    for kind, body in zip(parts[1::2], parts[2::2], strict=True):
        yield kind, re.findall(r"^```toml\n(.*?)^```", body, re.S | re.M)


def test_every_rule_kind_snippet_builds() -> None:
    """Each rule example under a kind's heading is a rule of that kind that
    builds with the documented parameters (no unknown or missing one)."""
    kinds = RuleKinds.builtin()
    seen = 0
    for kind, blocks in kind_sections():
        assert blocks, f"no example for {kind}"
        for block in blocks:
            data = parse(block)
            rule = data["rule"] if "rule" in data else data["nodes"]["rule"]
            assert rule["kind"] == kind
            built = kinds.build(rule, Decimal(10))
            assert 0 <= built.best() <= 10
            seen += 1
    assert seen >= len(kinds)


def test_every_core_rule_kind_has_a_heading() -> None:
    """Every rule kind the core registers is documented under its own heading,
    and no heading names a kind that does not exist."""
    registry = core_registry()
    core = {name for name, owner in registry.kinds.owners.items() if owner == "cchc_score"}
    documented = {kind for kind, _ in kind_sections()}
    assert core == documented


def test_the_complete_assessment_example_scores(tmp_path: Path) -> None:
    """The complete example of assessment-format.md scores against the bundled
    set it names without an error; at the appraised stage the council's two
    entries (a corrected fact and direct points) change those two leaves, with
    their reasons, and the not-applicable claim leaves the denominator."""
    path = tmp_path / "pc06-2024.toml"
    path.write_text(complete_example(ASSESSMENT_DOC), encoding="utf-8")
    batch = score_files([path], stage="appraised", registry=core_registry())
    errors = [i.render("en") for i in batch.issues if i.level == "error"]
    assert not batch.failed and errors == []
    (result,) = batch.results
    assert result.criteria.id == parse(complete_example(ASSESSMENT_DOC))["criteria"]
    assert not [i for i in result.issues if i.level == "error"]
    for code in ("1.1.4", "1.4.3"):
        node = result.node(code)
        assert node.self_points is not None and node.points < node.self_points
        assert node.appraisal_reason
    assert result.node("3.3").na
    assert not result.node("3.2.2").pending


def test_every_command_is_in_the_readme() -> None:
    """The README mentions every subcommand of the command line."""
    parser = build_parser("en")
    (commands,) = [a.choices for a in parser._actions if a.dest == "command"]
    assert commands is not None
    text = README.read_text(encoding="utf-8")
    missing = [name for name in commands if f"cchc-score {name}" not in text]
    assert missing == []


def test_the_readme_first_screen_says_how_to_start() -> None:
    """A newcomer sees in the first 25 lines how to try the tool and run the
    tests, and how to install it on Windows from the source folder."""
    first_screen = "\n".join(README.read_text(encoding="utf-8").splitlines()[:25])
    for needed in ("make demo", "make test", 'py -m pip install ".[excel]"'):
        assert needed in first_screen


def test_the_readme_demo_sample_is_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    """Every line of the README's sample of `cchc-score demo` (80 columns,
    trimmed where it shows …) is printed by the demo, in that order."""
    sample = fenced(README, "text")[0].splitlines()
    assert main(["demo", "--width", "80"]) == 0
    printed = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    at = 0
    for line in sample:
        if line.strip() == "…":
            continue
        try:
            at = printed.index(line.rstrip(), at) + 1
        except ValueError:
            pytest.fail(f"not printed (in this order) by `cchc-score demo --width 80`: {line!r}")


def test_the_json_example_has_the_real_keys(tmp_path: Path) -> None:
    """The example in json-output.md is valid JSON with exactly the keys the
    JSON report writes: at the top level, for a unit, and for the nodes of an
    appraised unit."""
    (example,) = fenced(DOCS / "json-output.md", "json")
    doc = json.loads(example)
    batch = score_files([EXAMPLES / "demo" / "pc08.toml"], stage="appraised",
                        registry=core_registry())
    real = json.loads(FORMATS["json"]().render(batch.results, Options(lang="vi")))
    assert set(doc) == set(real)
    (doc_unit,), (real_unit,) = doc["units"], real["units"]
    assert set(doc_unit) == set(real_unit)
    doc_nodes = set().union(*(set(n) for n in doc_unit["nodes"]))
    real_nodes = set().union(*(set(n) for n in real_unit["nodes"]))
    assert doc_nodes == real_nodes
    assert set(doc_unit["issues"][0]) == set(real_unit["issues"][0])


def write_unit(path: Path, criteria_line: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'schema = 1\n{criteria_line}year = 2024\n\n[unit]\nid = "{path.stem}"\n'
                    f'name = "Đơn vị {path.stem}"\ngroup = "co-tthc"\n\n'
                    '[answers]\n"1.1.1" = "kip-thoi"\n', encoding="utf-8")
    return path


def test_criteria_option_scores_a_file_that_names_no_set(tmp_path: Path) -> None:
    """assessment-format.md: `--criteria` scores with that set, also a file
    without a `criteria` key (built-ins only: no plugin picks the set)."""
    path = write_unit(tmp_path / "a.toml", "")
    assert score_files([path], registry=core_registry()).failed
    batch = score_files([path], criteria="ca-tinh-2024-bang2", registry=core_registry())
    assert not batch.failed
    assert not [i for i in batch.results[0].issues if i.where.key == "criteria"]


def test_a_criteria_path_is_relative_to_the_assessment(tmp_path: Path) -> None:
    """assessment-format.md: `criteria` may be a path relative to the file;
    that is the set it names, so no "other set" warning."""
    (tmp_path / "sets").mkdir()
    (tmp_path / "sets" / "bang2.toml").write_bytes(
        (ROOT / "criteria" / "ca-tinh-2024-bang2.toml").read_bytes())
    path = write_unit(tmp_path / "units" / "a.toml", 'criteria = "../sets/bang2.toml"\n')
    batch = score_files([path], registry=core_registry())
    assert not batch.failed
    assert not [i for i in batch.results[0].issues if i.where.key == "criteria"]


def test_a_folder_holds_assessments_and_config_files(tmp_path: Path) -> None:
    """plugins.md puts `cchc-score.toml` (or a pyproject.toml) in the folder
    where commands run: scoring that folder reads only the assessments."""
    write_unit(tmp_path / "a.toml", 'criteria = "ca-tinh-2024-bang2"\n')
    (tmp_path / "cchc-score.toml").write_text("plugins = []\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.cchc-score]\nplugins = []\n',
                                             encoding="utf-8")
    batch = score_files([tmp_path], registry=core_registry())
    assert not batch.failed, [i.render("en") for i in batch.issues]
    assert [r.unit.id for r in batch.results] == ["a"]


def test_the_rule_contract_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """plugins.md: the `RuleContract` example checks the quick start's rule
    kind (saved as myrule.py) and passes."""
    python = fenced(DOCS / "plugins.md", "python")
    (tmp_path / "myrule.py").write_text(python[0], encoding="utf-8")
    spec = importlib.util.spec_from_file_location("myrule", tmp_path / "myrule.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "myrule", module)
    spec.loader.exec_module(module)
    (block,) = [b for b in python if "RuleContract)" in b]
    namespace: dict[str, Any] = {}
    exec(compile(block, "plugins.md", "exec"), namespace)
    contract = next(v for k, v in namespace.items() if k.startswith("Test"))()
    tests = [name for name in dir(contract) if name.startswith("test_")]
    assert len(tests) >= 4
    for name in tests:
        getattr(contract, name)()
