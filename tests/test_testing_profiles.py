"""The Hypothesis profiles CI depends on: `make test` runs the same
examples on every clone; `make fuzz` explores at random."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from tests import fuzz


def test_ci_profile_is_derandomised_without_a_database() -> None:
    """The ci profile draws the same examples on every clone and ignores
    failures stored by earlier runs, so a fresh clone passes or fails the
    same way every time."""
    ci = settings.get_profile("ci")
    assert ci.derandomize is True
    assert ci.database is None
    assert ci.deadline is None and ci.print_blob is True


@pytest.mark.skipif("HYPOTHESIS_PROFILE" in os.environ, reason="a profile was chosen")
def test_ci_profile_is_the_default() -> None:
    """Without HYPOTHESIS_PROFILE, every test session runs the ci profile."""
    assert settings.default == settings.get_profile("ci")


def test_fuzz_profile_is_random_with_many_examples() -> None:
    """The fuzz profile explores: random seeds and more examples than CI."""
    fuzz_profile = settings.get_profile("fuzz")
    assert fuzz_profile.derandomize is False
    assert fuzz_profile.max_examples > settings.get_profile("ci").max_examples


def test_fuzz_report_keeps_the_falsifying_example_of_each_failure() -> None:
    """make fuzz prints, for each failed test, its own traceback section
    (ending with the falsifying example and the reproduce blob), not its
    neighbour's."""
    output = "\n".join([
        "=== FAILURES ===",
        "____ test_one ____",
        "E   AssertionError: one",
        "E   Falsifying example: test_one(x=95)",
        "____ test_two[param] ____",
        "E   AssertionError: two",
        "=== short test summary info ===",
        "FAILED tests/test_x.py::test_one - AssertionError",
    ])
    assert fuzz._FAILED.findall(output) == ["tests/test_x.py::test_one"]
    section = fuzz._section(output, "tests/test_x.py::test_one")
    assert "test_one(x=95)" in section and "two" not in section
    assert "AssertionError: two" in fuzz._section(output, "tests/test_x.py::test_two[param]")
