"""TOML is read by tomli, or by the optional fast parser (`[fast]`) when it
is installed: both give the very same data on every file, and a folder
scan reads each file once."""

from __future__ import annotations

import builtins
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from cchc_score import _toml, score_files
from cchc_score._toml_write import assignments

from .conftest import CRITERIA, EXAMPLES, ROOT

toml_rs = pytest.importorskip("toml_rs")


def _exact(value: Any) -> Any:
    """The data with every scalar's type and exact text (Decimal("1.10")
    and Decimal("1.1") are equal numbers but not the same file)."""
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_exact(v) for v in value]
    return type(value).__name__, str(value)


def _both(text: str) -> tuple[Any, Any]:
    return (_exact(tomli.loads(text, parse_float=Decimal)),
            _exact(toml_rs.loads(text, parse_float=Decimal)))


SHIPPED = sorted([*CRITERIA.glob("*.toml"), *EXAMPLES.rglob("*.toml"),
                  *ROOT.glob("plugins/*/src/**/*.toml")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_fast_parser_reads_every_shipped_file_as_tomli(path: Path) -> None:
    """Every bundled criteria set, example and plugin file gives identical data."""
    reference, fast = _both(_toml.read_text(path))
    assert fast == reference


def test_the_fast_parser_is_used_when_installed() -> None:
    """With toml-rs installed, parse_toml takes its answer (the test env has it)."""
    assert _toml.fast_parser() is not None


texts = st.text(st.characters(blacklist_categories=["Cs"]), max_size=20)
scalars = st.one_of(
    st.booleans(), st.integers(-10**12, 10**12), texts,
    st.decimals(allow_nan=False, allow_infinity=False, places=4),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
)
toml_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)), max_leaves=12)


@given(st.dictionaries(texts, toml_values, max_size=6),
       st.sampled_from(["\n", "\r\n"]))
def test_fast_parser_reads_generated_files_as_tomli(table: dict[str, Any], newline: str) -> None:
    """Any file of strings (Vietnamese, escapes, control characters),
    numbers, dates, arrays and inline tables parses to the same data."""
    text = newline.join(["schema = 1", "[t]", *assignments(table)]) + newline
    reference, fast = _both(text)
    assert fast == reference
    assert _exact(_toml.parse_toml(text)) == reference


@pytest.mark.parametrize("text", [
    "a = " + "[" * 5000 + "1" + "]" * 5000,  # would crash the Rust parser's stack
    "a = " + "{ b = " * 5000,
    'a = "\\q"',  # both refuse it: the error is tomli's
    "year = 1" + "0" * 5000,  # the fast parser builds the integer Python will not print
])
def test_what_the_fast_parser_cannot_take_gets_tomlis_answer(text: str) -> None:
    """Deep nesting, huge integers and invalid files get tomli's clean
    error, never a crash or data tomli would refuse."""
    with pytest.raises((ValueError, RecursionError)) as raised:
        _toml.parse_toml(text)
    with pytest.raises(type(raised.value)) as reference:
        tomli.loads(text, parse_float=Decimal)
    assert str(raised.value) == str(reference.value)


def test_a_folder_scan_reads_each_file_once(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring a folder (assessments and a criteria set beside them) opens
    each file once: the criteria file is recognised from its parsed data."""
    folder = tmp_path / "province"
    shutil.copytree(EXAMPLES / "demo", folder)
    shutil.copy(CRITERIA / "ca-tinh-2024-bang2.toml", folder / "bang2.toml")
    reads: dict[Path, int] = {}
    real_open = builtins.open

    def counting_open(file: Any, *args: Any, **kw: Any) -> Any:
        if isinstance(file, str | Path) and folder in Path(file).parents:
            reads[Path(file)] = reads.get(Path(file), 0) + 1
        return real_open(file, *args, **kw)

    monkeypatch.setattr(builtins, "open", counting_open)
    batch = score_files([folder], registry=None)
    assert not batch.failed
    assert len(batch.results) == len(list((EXAMPLES / "demo").glob("*.toml")))
    assert len(reads) == len(batch.results) + 1 and set(reads.values()) == {1}, reads
    assert folder / "bang2.toml" not in batch.files
