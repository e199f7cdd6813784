"""Writing TOML by hand, exactly: Decimals as written (never through float),
strings escaped, inline tables and lists. The standard library reads TOML
but does not write it, and generated files are meant to be read and edited
by people, so the layout is ours."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ._numbers import plain

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def string(text: str) -> str:
    """A TOML basic string. JSON's escapes are a subset of TOML's; DEL is
    the one character TOML also forbids raw."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def key(name: str) -> str:
    return name if _BARE.fullmatch(name) else string(name)


def value(v: Any) -> str:
    """One TOML value on one line."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Decimal):
        return plain(v)
    if isinstance(v, float):
        raise TypeError("floats are not written: use Decimal")
    if isinstance(v, str):
        return string(v)
    if isinstance(v, dt.datetime):
        raise TypeError("datetimes are not written: use a date")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, Mapping):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, Sequence):
        return "[" + ", ".join(value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def assignments(table: Mapping[str, Any]) -> list[str]:
    """`key = value` lines; a list of tables is spread one item per line."""
    lines = []
    for k, v in table.items():
        if isinstance(v, list) and v and all(isinstance(x, Mapping) for x in v):
            lines.append(f"{key(k)} = [")
            lines.extend(f"  {value(x)}," for x in v)
            lines.append("]")
        else:
            lines.append(f"{key(k)} = {value(v)}")
    return lines


#: what TOML forbids in a comment: control characters other than tab
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def comment(text: str, prefix: str = "# ") -> list[str]:
    """Comment lines for a text that may hold newlines; a control character
    (a DEL typed in a sheet heading or a --title) is written as its escape,
    which TOML allows, not raw, which makes the whole file unreadable."""
    return [(prefix + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", line)).rstrip()
            for line in text.splitlines() or [""]]
