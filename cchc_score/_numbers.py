"""Exact decimal helpers: parsing numbers people type and printing them rounded.

Everything is `decimal.Decimal`; rounding is half-up and happens only here,
when a number is printed.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._i18n import Msg

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
# Thousands separators, only where they cannot be a decimal point: dots
# followed by a decimal comma ("1.234,5") or repeated ("1.234.567"), and
# spaces ("1 234", "1 234,5"). A single dot group such as "0.125" or "2.345"
# is a decimal point: reading it as 125 or 2345 would silently inflate a value.
_DOT_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}((\.\d{3})+,\d+|(\.\d{3}){2,})$")
_SPACE_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}( \d{3})+([.,]\d+)?$")


#: Numbers people declare (counts, shares, points, maxima) are far inside
#: these bounds. Beyond them a value is a typo or garbage, and using it would
#: overflow Decimal's context (a traceback) or print as millions of digits.
LIMIT = Decimal("1e15")
MIN_EXPONENT = -28
#: digits either side of the point beyond which `plain` keeps an exponent
MAX_DIGITS = 40


class NumberError(ValueError):
    """Why a value is not a number parse_decimal accepts. `message` renders
    in either language; str() stays the English text it always was."""

    def __init__(self, key: str, raw: str) -> None:
        self.key = key
        self.raw = raw
        super().__init__(str(self.message))

    @property
    def message(self) -> Msg:
        from ._i18n import msg  # _i18n formats numbers with this module

        return msg(self.key, raw=self.raw)


def parse_decimal(raw: object) -> Decimal:
    """Read a number from TOML, a spreadsheet cell or a person's typing.

    Accepts ints, Decimals and strings with a decimal comma ("0,5") or point
    ("0.5"), thousands separators where unambiguous ("1.234,5", "1.234.567",
    "1 234"), optional surrounding spaces and a trailing "%". A float (from a
    spreadsheet cell) is read by its shortest repr, never its binary value.

    Raises NumberError (a ValueError) with a short reason when the value is
    not a number, or not a plausible one (magnitude 10^15 or more, or more
    than 28 decimal places).
    """
    value = _parse(raw)
    exponent = value.as_tuple().exponent
    # copy_abs, not abs(): abs() rounds in the context and overflows on 1e999999999
    if value.copy_abs() >= LIMIT or (isinstance(exponent, int) and exponent < MIN_EXPONENT):
        raise NumberError("val.range", raw if isinstance(raw, str) else str(raw))
    return value


def _parse(raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise NumberError("val.number", "true/false")
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise NumberError("val.finite", str(raw))
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        # Only reached from callers that did not load with parse_float=Decimal
        # (e.g. spreadsheet cells); repr() is the shortest exact spelling.
        value = Decimal(repr(raw))
        if not value.is_finite():
            raise NumberError("val.finite", repr(raw))
        return value
    if isinstance(raw, str):
        text = raw.strip().replace("\u00a0", " ").replace("\u202f", " ").rstrip("%").strip()
        if _DOT_GROUPED.match(text):
            text = text.replace(".", "")
        elif _SPACE_GROUPED.match(text):
            text = text.replace(" ", "")
        if not _NUMBER.match(text):
            raise NumberError("val.number", repr(raw))
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the regex guards this
            raise NumberError("val.number", repr(raw)) from None
    raise NumberError("val.number", type(raw).__name__)


def read_number(raw: object) -> Decimal | None:
    """`parse_decimal`, or None where it refuses: for callers that report a
    refused value themselves (a spreadsheet cell, with its column and row)."""
    try:
        return parse_decimal(raw)
    except NumberError:
        return None


def spell(raw: int | float | Decimal) -> str:
    """A number found where text is read (a note, a code, a label) as the
    text a person typed, whatever its size: a 17-digit id in a note column is
    text, not a number out of range. Never raises."""
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return repr(raw)
        return plain(Decimal(repr(raw)))
    return plain(Decimal(raw))


#: the finest `precision` a criteria set may declare, and its default: points
#: below 10^15 with 12 places fit Decimal's 28 digits, so every sum of carried
#: points is exact
PRECISION = 12


def carry(value: Decimal, places: int = PRECISION) -> Decimal:
    """A value as the engine carries it: unchanged when it has at most
    `places` decimal places, otherwise rounded half-up to `places` (the one
    rounding applied to a leaf's points and to the index; see the criteria
    format's "Precision")."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return value


def divide(numerator: Decimal, denominator: Decimal, places: int = PRECISION) -> Decimal:
    """numerator / denominator rounded half-up to `places` decimal places in
    one exact step (no intermediate 28-digit quotient), so that equal ratios
    always give equal results. A quotient that terminates within `places`
    keeps its exact (short) spelling."""
    if not denominator:
        raise ZeroDivisionError("divide by zero")
    num, den = Fraction(numerator), Fraction(denominator)
    exact = num / den
    scaled = exact * 10**places
    whole, rest = divmod(abs(scaled.numerator), scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    sign = -1 if exact < 0 else 1
    value = Decimal(sign * whole).scaleb(-places)
    # "2.500000000000" → "2.5": the same number, spelt as short as it is exact
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def quantize(value: Decimal, decimals: int) -> Decimal:
    """Round half-up to `decimals` places (the published value)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt(value: Decimal, lang: str = "vi", decimals: int | None = None) -> str:
    """Format for people: rounded when `decimals` is given, trailing zeros
    dropped otherwise, with a decimal comma in Vietnamese."""
    if decimals is not None:
        rounded = quantize(value, decimals)
        text = f"{abs(rounded) if rounded == 0 else rounded:f}"  # never "-0,00"
    else:
        text = plain(value)
    return text.replace(".", ",") if lang == "vi" else text


def plain(value: Decimal) -> str:
    """The exact value without exponent or trailing zeros ("0.5", "2", "96.5").
    A value far outside what anyone declares (a garbage 1e999999999 quoted
    back in an error) keeps its exponent: written out it would be a billion
    digits."""
    if value.is_finite() and not value:
        return "0"
    if value.is_finite() and not -MAX_DIGITS <= value.adjusted() <= MAX_DIGITS:
        return str(value)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
