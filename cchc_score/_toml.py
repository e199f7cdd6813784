"""Reading TOML as people save it: a BOM, CRLF, NFD text, exact decimals."""

from __future__ import annotations

import codecs
import hashlib
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

from ._i18n import msg
from ._io_errors import read_problem
from ._limits import read_bytes
from ._model import Issue, Location


def read_text(path: Path) -> str:
    """Decode UTF-8 (with or without BOM) and normalise to NFC, so that
    "Hà Nội" typed in NFD matches the same words in NFC. A UTF-16 file with
    its BOM (Windows Notepad's "Unicode", Excel's "Unicode Text") is read
    too: the BOM says unambiguously what it is."""
    data = read_bytes(path)
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    return unicodedata.normalize("NFC", data.decode("utf-16" if utf16 else "utf-8-sig"))


def load_toml(path: Path) -> tuple[dict[str, Any] | None, str, list[Issue]]:
    """Parse a TOML file with exact decimals. Returns (data, sha256 of the
    normalised text, issues); data is None when the file cannot be read."""
    where = Location(str(path))
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as e:
        return None, "", [Issue("error", msg("crit.read", error=read_problem(e)), where)]
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode()).hexdigest()
    try:
        return tomllib.loads(text, parse_float=Decimal), digest, []
    except tomllib.TOMLDecodeError as e:
        return None, digest, [Issue("error", msg("crit.toml", error=e), where)]
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        return None, digest, [Issue("error", msg("crit.toml", error=msg("io.long_number")),
                                    where)]
    except RecursionError:  # arrays or tables nested thousands deep: no real file is
        return None, digest, [Issue("error", msg("crit.toml", error=msg("io.too_deep")),
                                    where)]
