"""Forms that travel: a blank assessment (TOML or the Excel form) carries
the text of the criteria set it was made from and that text's hash, so that
it scores in any folder on any machine, and a set that differs from the one
the form was made from is reported.

In a TOML file it is the `[embedded]` table (`criteria_hash`,
`criteria_text`); in the Excel form a hidden sheet (`office._template`).
Both give the reader the same `embedded` mapping.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ._toml import read_text

#: the assessment's key holding the embedded set
KEY = "embedded"


def digest(text: str) -> str:
    """The set's content hash as the loader computes it (`_toml.load_toml`):
    sha256 of the NFC text with LF line ends."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    return hashlib.sha256(text.encode()).hexdigest()


@attrs.frozen
class Embedded:
    """A criteria set's text carried by a form, and the hash written with it."""

    text: str
    hash: str

    @classmethod
    def of_file(cls, path: Path | str) -> Embedded:
        text = read_text(Path(path)).replace("\r\n", "\n")
        return cls(text, digest(text))

    @classmethod
    def from_data(cls, raw: Any) -> Embedded | None:
        """From an assessment's `embedded` value; None when it holds no text."""
        if not isinstance(raw, Mapping):
            return None
        text, hashed = raw.get("criteria_text"), raw.get("criteria_hash")
        if not isinstance(text, str) or not text.strip():
            return None
        return cls(text, str(hashed or "").removeprefix("sha256:"))

    @property
    def intact(self) -> bool:
        """Whether the text still has the hash written with it."""
        return digest(self.text) == self.hash

    def toml(self) -> list[str]:
        """The `[embedded]` table, last in a TOML template."""
        body = self.text.replace("\\", "\\\\").replace('"', '\\"').replace("\x7f", "\\u007f")
        return ["[embedded]", f'criteria_hash = "sha256:{self.hash}"',
                f'criteria_text = """\n{body}"""']
