"""Meta-tests: every hook a plugin can implement is documented in
docs/hooks.md (generated from the hookspec docstrings) with its exact
signature, and implemented by at least one test plugin, so that no hook
exists that nobody has seen working."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from cchc_score import hookspecs

from .conftest import ROOT

DOC = ROOT / "docs" / "hooks.md"
TEST_FILES = sorted([*(ROOT / "tests").glob("test_*.py"),
                     *(ROOT / "plugins").glob("*/tests/test_*.py")])


def hook_names() -> list[str]:
    return sorted(name for name, value in vars(hookspecs).items()
                  if hasattr(value, f"{hookspecs.PROJECT}_spec"))


def documented() -> dict[str, list[str]]:
    """Hook headings of docs/hooks.md: name → argument names."""
    text = DOC.read_text(encoding="utf-8")
    return {m.group(1): [a.strip() for a in m.group(2).split(",") if a.strip()]
            for m in re.finditer(r"^#{3,4} `(\w+)\(([^)]*)\)`", text, re.M)}


def test_there_are_hooks_for_everything_the_design_promises() -> None:
    """DESIGN §2.6: rule kinds, criteria sets, bands, tie-breaking,
    validation checks and result adjustments."""
    assert {"register_rule_kinds", "register_criteria", "classify", "tie_break",
            "check_criteria", "check_assessment", "adjust_result"} <= set(hook_names())


@pytest.mark.parametrize("name", hook_names())
def test_every_hook_is_documented_with_its_signature(name: str) -> None:
    spec = getattr(hookspecs, name)
    assert name in documented(), f"docs/hooks.md has no heading for {name}"
    assert documented()[name] == list(inspect.signature(spec).parameters)
    summary = (spec.__doc__ or "").strip().split("\n\n")[0]
    assert summary and "\n" not in summary, "a one-line summary, then the reference"


def test_the_hook_reference_is_generated_from_the_docstrings() -> None:
    """docs/hooks.md is exactly what `python -m cchc_score._hookdoc` prints
    (regenerate it after editing a hookspec docstring), and every hook is in
    one of its sections."""
    from cchc_score._hookdoc import reference

    assert DOC.read_text(encoding="utf-8") == reference(), \
        "run: python -m cchc_score._hookdoc > docs/hooks.md"
    assert sorted(n for _, _, names in hookspecs.SECTIONS for n in names) == hook_names()


def test_the_docs_describe_no_hook_that_does_not_exist() -> None:
    assert sorted(documented()) == hook_names()


@pytest.mark.parametrize("name", hook_names())
def test_every_hook_is_implemented_by_a_test_plugin(name: str) -> None:
    """A `@hookimpl` implementation of the hook in a test module (as code or
    as the source of a plugin file the test writes)."""
    pattern = re.compile(rf"@(?:\w+\.)?hookimpl\b[^\n]*\n\s*def {name}\(")
    using = [p.name for p in TEST_FILES if pattern.search(p.read_text(encoding="utf-8"))]
    assert using, f"no test implements the hook {name}"


def test_hook_documentation_sections_have_arguments_called_and_example() -> None:
    """Each hook's section says what it is called with, when, what it
    returns, and shows an example (pytest's hook reference style)."""
    text = DOC.read_text(encoding="utf-8")
    for name in hook_names():
        start = re.search(rf"^### `{name}\(", text, re.M)
        assert start is not None
        end = text.find("\n#", start.end())
        section = text[start.start(): end if end != -1 else len(text)]
        assert "**Called**" in section and "**Returns**" in section, name
        assert "```python" in section and f"def {name}(" in section, name


def test_the_bundled_plugins_implement_only_documented_hooks() -> None:
    names = set(hook_names())
    for init in (ROOT / "plugins").glob("*/*/__init__.py"):
        implemented = set(re.findall(r"@hookimpl[^\n]*\n\s*def (\w+)\(",
                                     init.read_text(encoding="utf-8")))
        assert implemented <= names, (init, implemented - names)


def test_docs_exist_where_the_code_points() -> None:
    assert "docs/hooks.md" in (ROOT / "cchc_score" / "hookspecs.py").read_text(
        encoding="utf-8")
    assert Path(DOC).is_file()


def test_every_python_example_of_the_hook_reference_compiles() -> None:
    text = DOC.read_text(encoding="utf-8")
    for i, block in enumerate(re.findall(r"```python\n(.*?)```", text, re.S)):
        compile(block, f"docs/hooks.md python block {i + 1}", "exec")
