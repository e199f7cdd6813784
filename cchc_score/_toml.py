"""Reading TOML as people save it: a BOM, CRLF, NFD text, exact decimals."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli

from ._i18n import Msg, msg
from ._io_errors import read_problem
from ._limits import read_bytes
from ._model import Issue, Location


def read_text(path: Path, raw: bytes | None = None) -> str:
    """Decode UTF-8 (with or without BOM) and normalise to NFC, so that
    "Hà Nội" typed in NFD matches the same words in NFC. A UTF-16 file with
    its BOM (Windows Notepad's "Unicode", Excel's "Unicode Text") is read
    too: the BOM says unambiguously what it is. `raw`: the file's bytes,
    when the caller has read them already."""
    data = read_bytes(path) if raw is None else raw
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    return unicodedata.normalize("NFC", data.decode("utf-16" if utf16 else "utf-8-sig"))


def _fast_parser() -> Callable[..., dict[str, Any]] | None:
    """The optional Rust parser (``pip install cchc-score[fast]``), when
    installed: it takes the same ``parse_float`` hook and is five times
    faster than tomli's compiled wheel."""
    try:
        import toml_rs  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    loads: Callable[..., dict[str, Any]] = toml_rs.loads
    return loads


#: the fast parser once looked for (imported on the first parse, not at
#: start-up); set to None to parse with tomli alone
_FAST: Callable[..., dict[str, Any]] | None
_UNSET: Any = object()
_FAST = _UNSET


def fast_parser() -> Callable[..., dict[str, Any]] | None:
    """The fast parser, or None when it is not installed (or switched off)."""
    global _FAST
    if _FAST is _UNSET:
        _FAST = _fast_parser()
    return _FAST


#: the fast parser recurses on the machine stack and crashes the process on
#: arrays or inline tables nested some thousands deep (tomli refuses them
#: cleanly): text with more possible openers than this goes to tomli. Real
#: assessments have under 200; the bound costs two `str.count` per bracket.
FAST_MAX_OPENERS = 1000


def _openers(text: str) -> int:
    """An upper bound on the nesting depth of inline arrays and tables:
    every `[` and `{` except those opening a table header line."""
    return (text.count("[") + text.count("{") - text.count("\n[") - text.count("\n[["))


def parse_toml(text: str) -> dict[str, Any]:
    """TOML text to data, every float an exact `Decimal`. tomli (the
    reference parser, compiled) decides: the fast parser's answer is taken
    only when it succeeds, and anything it refuses is parsed again by tomli,
    so errors read the same whichever is installed and a difference between
    the two parsers can only ever make a file slower, never different."""
    fast = fast_parser()
    if fast is not None and _openers(text) < FAST_MAX_OPENERS:
        try:
            data = fast(text, parse_float=Decimal)
        except (ValueError, RecursionError):
            pass
        else:
            if not _huge_int(data):
                return data
    return tomli.loads(text, parse_float=Decimal)


#: Python refuses to convert integers of more digits than this from text
#: (`sys.get_int_max_str_digits`): tomli reports such a file, the fast
#: parser builds the integer, which then breaks whatever prints it
_INT_LIMIT = 10 ** 4300


def _huge_int(data: dict[str, Any]) -> bool:
    """Whether the data holds an integer tomli would have refused."""
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif kind is int and not -_INT_LIMIT < value < _INT_LIMIT:
            return True
    return False


#: tomli's messages (English) → the catalog's key saying the same to a user
_TOML_PROBLEMS = {
    "Invalid value": "toml.invalid_value",
    "Cannot overwrite a value": "toml.overwrite",
    "Cannot declare": "toml.declared_twice",
    "Unterminated string": "toml.unterminated",
    "Expected '=' after a key": "toml.no_equals",
    "Expected newline or end of document": "toml.trailing",
    "Invalid statement": "toml.invalid_statement",
    "Unclosed inline table": "toml.unclosed_table",
    "Unclosed array": "toml.unclosed_array",
    "Illegal character": "toml.illegal_char",
}


def toml_problem(error: tomli.TOMLDecodeError) -> Msg:
    """A TOML syntax error in the user's words, with its line and column:
    the parser's own English text only for a problem we have no words for."""
    text = str(error)
    found = re.match(r"(.*) \(at line (\d+), column (\d+)\)$", text, re.S)
    at_end = re.match(r"(.*) \(at end of document\)$", text, re.S)
    match = found or at_end
    problem = match.group(1) if match else text
    prefix = next((p for p in _TOML_PROBLEMS if problem.startswith(p)), None)
    said: Msg | str = (msg(_TOML_PROBLEMS[prefix], detail=problem[len(prefix):].strip())
                       if prefix else problem)
    if found:
        return msg("toml.at", problem=said, line=found.group(2), col=found.group(3))
    return msg("toml.at_end" if at_end else "toml.plain", problem=said)


def load_toml(path: Path, raw: bytes | None = None, *, digest: bool = True
              ) -> tuple[dict[str, Any] | None, str, list[Issue]]:
    """Parse a TOML file with exact decimals (`raw`: its bytes, when already
    read). Returns (data, sha256 of the normalised text, issues); data is
    None when the file cannot be read. Without `digest` the hash is "" (an
    assessment's is never used: a batch of 10,000 files need not hash them)."""
    where = Location(str(path))
    try:
        text = read_text(path, raw)
    except (OSError, UnicodeDecodeError) as e:
        return None, "", [Issue("error", msg("crit.read", error=read_problem(e)), where)]
    digest_ = (hashlib.sha256(text.replace("\r\n", "\n").encode()).hexdigest()
               if digest else "")
    try:
        return parse_toml(text), digest_, []
    except tomli.TOMLDecodeError as e:
        return None, digest_, [Issue("error", msg("crit.toml", error=toml_problem(e)), where)]
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        return None, digest_, [Issue("error", msg("crit.toml", error=msg("io.long_number")),
                                    where)]
    except RecursionError:  # arrays or tables nested thousands deep: no real file is
        return None, digest_, [Issue("error", msg("crit.toml", error=msg("io.too_deep")),
                                    where)]
