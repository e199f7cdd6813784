"""Exact numbers: reading what people type (decimal commas, thousands
separators, percent signs), rounding half-up only when printing, and
writing numbers the way each language does (96,5 vs 96.5)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_score import fmt, parse_decimal, quantize

D = Decimal


@pytest.mark.parametrize(("raw", "expected"), [
    ("96,5", "96.5"),
    ("96.5", "96.5"),
    ("0,25", "0.25"),
    (",5", "0.5"),
    ("14.50", "14.50"),
    ("0.125", "0.125"),        # a single dot group is a decimal point, never 125
    ("2.345", "2.345"),
    ("1.234,5", "1234.5"),     # Vietnamese thousands with a decimal comma
    ("1.234.567", "1234567"),
    ("1 234", "1234"),
    ("1\u00a0234,5", "1234.5"),
    ("96,5%", "96.5"),
    (" 96,5 % ", "96.5"),
    ("100%", "100"),
    ("-1,5", "-1.5"),
    ("+2", "2"),
    (7, "7"),
    (D("0.25"), "0.25"),
    (0.1, "0.1"),              # a spreadsheet float by its shortest spelling, not 0.1000000000000000055…
])
def test_parse_decimal_reads_what_people_type(raw: Any, expected: str) -> None:
    value = parse_decimal(raw)
    assert type(value) is Decimal
    assert value == D(expected)


def test_parse_decimal_keeps_the_written_precision() -> None:
    assert str(parse_decimal("14,50")) == "14.50"


@pytest.mark.parametrize("raw", [
    True, False, None, "", "abc", "1,2,3", "1.2.3", "1,234.5", "12a", "--1", "0.125.5",
    "NaN", "Infinity", D("NaN"), D("Infinity"), float("nan"), float("inf"), [1], {"a": 1},
])
def test_parse_decimal_rejects_garbage_and_booleans(raw: Any) -> None:
    """Refused with ValueError (which loaders turn into located messages)."""
    with pytest.raises(ValueError):
        parse_decimal(raw)


def test_parse_decimal_error_shows_the_input() -> None:
    with pytest.raises(ValueError, match="'mười'"):
        parse_decimal("mười")


@given(st.decimals(min_value=-10**6, max_value=10**6, places=4, allow_nan=False,
                   allow_infinity=False))
def test_decimal_comma_and_point_read_alike(value: Decimal) -> None:
    text = f"{value:f}"
    assert parse_decimal(text) == value
    assert parse_decimal(text.replace(".", ",")) == value


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    ("2.345", 2, "2.35"),
    ("2.3449", 2, "2.34"),
    ("0.125", 2, "0.13"),
    ("0.0005", 3, "0.001"),
    ("96.5", 0, "97"),
    ("-2.345", 2, "-2.35"),    # half away from zero
    ("99.995", 2, "100.00"),
    ("5", 2, "5.00"),
])
def test_quantize_rounds_half_up(value: str, decimals: int, expected: str) -> None:
    result = quantize(D(value), decimals)
    assert str(result) == expected


@given(st.decimals(min_value=0, max_value=1000, places=6, allow_nan=False,
                   allow_infinity=False), st.integers(0, 4))
def test_quantize_moves_at_most_half_a_unit_and_never_rounds_a_half_down(
        value: Decimal, decimals: int) -> None:
    unit = D(1).scaleb(-decimals)
    result = quantize(value, decimals)
    assert abs(result - value) <= unit / 2
    if abs(result - value) == unit / 2:
        assert result > value


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    ("96.5", "vi", None, "96,5"),
    ("96.5", "en", None, "96.5"),
    ("96.50", "vi", None, "96,5"),       # trailing zeros dropped without rounding
    ("2", "vi", None, "2"),
    ("1E+1", "en", None, "10"),          # never exponent notation
    ("0.000", "vi", None, "0"),
    ("2.345", "vi", 2, "2,35"),
    ("2.345", "en", 2, "2.35"),
    ("2.5", "vi", 2, "2,50"),            # published figures keep their decimals
    ("84.883720930232558", "vi", 3, "84,884"),
    ("-0.001", "vi", 2, "0,00"),         # never "-0,00"
    ("1234.5", "vi", 2, "1234,50"),
])
def test_fmt_writes_numbers_per_language(value: str, lang: str, decimals: int | None,
                                         expected: str) -> None:
    assert fmt(D(value), lang, decimals) == expected
