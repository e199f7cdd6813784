"""Plain text output (pipes, files, NO_COLOR) is drawn without rich's
console, and is the text rich's console draws, to the character: random
tables and lines are drawn both ways and compared."""

from __future__ import annotations

import io

import pytest
import rich.control
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from cchc_score import score_files
from cchc_score.report import Options, TextReport, _rich
from cchc_score.report._plain import STRIP_CONTROL_CODES, PlainConsole, Styled, Table
from cchc_score.report._rich import make_console

from .conftest import EXAMPLES

#: words as the views meet them: Vietnamese (composed and decomposed), codes,
#: numbers, dashes and bars, and the odd wide, control or tab character
WORDS = st.sampled_from([
    "Mức", "độ", "hoàn", "thành", "kế", "hoạch", "CCHC", "năm", "Tiêu", "chí",
    "Mức", "độ", "1.6.3", "10,50/11,00", "−0,25", "100,00", "97,65", "—", "·",
    "██████████", "█████████░", "▓", "(PC06)", "[2]", "Bộ", "chỉ", "số",
    "ca-tinh-2024-bang2", "THAM-MƯU-XÂY-DỰNG-VĂN-BẢN-QUY-PHẠM-PHÁP-LUẬT-QPPL",
    "漢字", "ｗｉｄｅ", "🙂", "e\u0301", "a\u0323\u0302", "x\u200by", "\t", "a\tb",
    "\x07", "\r", "\x1c", "", " ", "  ",
])
TEXT = st.lists(WORDS, max_size=14).map(" ".join) | st.lists(
    st.lists(WORDS, max_size=6).map(" ".join), min_size=1, max_size=3).map("\n".join)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    box = draw(st.booleans())
    made = Table(draw(st.none() | TEXT), header=draw(st.booleans()), box=box)
    for _ in range(draw(st.integers(1, 6))):
        made.add_column(draw(TEXT), draw(st.sampled_from(["left", "right"])))
    if draw(st.booleans()):
        made.columns[0].no_wrap = True
    cell = st.none() | TEXT | TEXT.map(lambda t: Styled(t, "bold red"))
    for _ in range(draw(st.integers(0, 6))):
        count = draw(st.integers(0, len(made.columns)))
        made.add_row(*draw(st.lists(cell, min_size=count, max_size=count)),
                     style=draw(st.none() | st.just("dim")))
        if draw(st.integers(0, 3)) == 0:
            made.add_section()
    return made


def by_rich(item: object, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=False, no_color=True, color_system=None,
            highlight=False, markup=False, emoji=False, soft_wrap=False).print(item)
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def plain(item: str | Table, width: int) -> str:
    out = io.StringIO()
    PlainConsole(out, width).print(item)
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(20, 130))
def test_a_table_is_drawn_as_rich_draws_it(table: Table, width: int) -> None:
    """Any table the views build (titles, headers, rules or none, sections,
    right-aligned columns, an unwrapped first column, long words folded,
    lines wrapped, wide and combining characters, tabs, control characters)
    at any width: the same lines as rich's console, once trailing spaces go."""
    assert plain(table, width) == by_rich(table, width)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(20, 130))
def test_a_line_of_text_is_wrapped_as_rich_wraps_it(text: str, width: int) -> None:
    """`console.print(text)`: wrapped at the width as rich wraps it."""
    assert plain(text, width) == by_rich(text, width)


def test_plain_drops_the_control_characters_rich_drops() -> None:
    """Bell, backspace, vertical tab, form feed and carriage return vanish
    from a cell as they do in rich's `Text`."""
    assert tuple(rich.control.STRIP_CONTROL_CODES) == STRIP_CONTROL_CODES


def test_only_a_colour_terminal_gets_rich_s_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """A colour terminal is drawn by rich (styles, escape codes); a pipe, a
    file or NO_COLOR gets the plain console."""
    assert isinstance(make_console(Options(color=False), io.StringIO()), PlainConsole)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert isinstance(make_console(Options(color=True), io.StringIO()), Console)


@pytest.mark.parametrize("width", [40, 72, 100, 131])
def test_the_province_and_breakdowns_are_the_same_through_either_console(
        width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo province (rankings, heat matrix, every unit's breakdown with
    its appraisal and rounds): the plain console prints what rich's
    (uncoloured, as on Windows) prints."""
    results = score_files([EXAMPLES / "demo"], stage="appraised").results
    options = Options(width=width, breakdowns=True)
    fast = TextReport().render(results, options)
    monkeypatch.setattr(_rich.os, "name", "nt")  # Windows: rich's console
    assert TextReport().render(results, options) == fast
