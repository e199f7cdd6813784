"""The JSON writer (`report.dumps`): the layout of the standard library's
`json.dumps(indent=2, ensure_ascii=False)`, and Decimals written as exact
JSON numbers, never through float."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cchc_score.report import dumps

_scalars = (st.none() | st.booleans() | st.integers(-10**20, 10**20)
            | st.text(alphabet=st.characters(codec="utf-8")))
_json_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)
_decimals = st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**9,
                        max_value=10**9, places=6)
_with_decimals = st.recursive(
    _scalars | _decimals,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


@given(_json_values, st.integers(0, 3))
def test_layout_is_the_standard_librarys(value: Any, level: int) -> None:
    """Without Decimals the text is byte for byte what `json.dumps` writes
    (nested at `level`, as the streamed writer nests each unit)."""
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    if level:
        expected = expected.replace("\n", "\n" + "  " * level)
    assert dumps(value, 2, level) == expected


@given(_with_decimals)
def test_decimals_read_back_exactly(value: Any) -> None:
    """Decimals come back as the same numbers (read with Decimal for
    floats), Vietnamese text as written."""
    back = json.loads(dumps(value), parse_float=Decimal, parse_int=Decimal)

    def same(a: Any, b: Any) -> bool:
        if isinstance(a, bool) or a is None or isinstance(a, str):
            return a == b and type(a) is type(b)
        if isinstance(a, int | Decimal):
            return isinstance(b, Decimal) and Decimal(a) == b
        if isinstance(a, list):
            return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
        return (isinstance(b, dict) and list(a) == list(b)
                and all(same(a[k], b[k]) for k in a))

    assert same(value, back)


def test_no_float_spelling() -> None:
    """A Decimal is written as its exact value: no exponent, no binary
    rounding, no trailing zeros."""
    doc = {"points": Decimal("0.1") + Decimal("0.2"), "max": Decimal("2.50"),
           "index": Decimal("1E+2"), "tên": "Sở Nội vụ"}
    assert dumps(doc) == ('{\n  "points": 0.3,\n  "max": 2.5,\n  "index": 100,\n'
                          '  "tên": "Sở Nội vụ"\n}')
