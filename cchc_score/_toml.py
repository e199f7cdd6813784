"""Reading TOML as people save it: a BOM, CRLF, NFD text, exact decimals."""

from __future__ import annotations

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
from ._model import Issue, Location


def read_text(path: Path) -> str:
    """Decode UTF-8 (with or without BOM) and normalise to NFC, so that
    "Hà Nội" typed in NFD matches the same words in NFC."""
    return unicodedata.normalize("NFC", path.read_bytes().decode("utf-8-sig"))


def load_toml(path: Path) -> tuple[dict[str, Any] | None, str, list[Issue]]:
    """Parse a TOML file with exact decimals. Returns (data, sha256 of the
    normalised text, issues); data is None when the file cannot be read."""
    where = Location(str(path))
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as e:
        return None, "", [Issue("error", msg("crit.read", error=e), where)]
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode()).hexdigest()
    try:
        return tomllib.loads(text, parse_float=Decimal), digest, []
    except tomllib.TOMLDecodeError as e:
        return None, digest, [Issue("error", msg("crit.toml", error=e), where)]
