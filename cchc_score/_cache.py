"""The incremental cache of scored units: re-scoring a province after one
form changed parses that one file.

An entry is keyed by the file's bytes and by everything else a unit's
result depends on: the tool's and Python's versions, the stage, the
``--criteria`` given, the survey CSV's content and the plugins loaded (name,
version, and a local plugin file's content). The criteria set is checked
on every hit: the entry records the set's content hash, and a set that
changed is a miss. Entries live in the user's cache folder
(``$CCHC_SCORE_CACHE_DIR``, else ``$XDG_CACHE_HOME/cchc-score``, else
``~/.cache/cchc-score``), one small file each, written atomically; the
folder is safe to delete at any time, and an entry that cannot be read is
a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ._version import __version__

#: the folder of the cache, overriding the user cache folder
CACHE_ENV = "CCHC_SCORE_CACHE_DIR"
#: bumped whenever what an entry holds changes shape
FORMAT = 1


def cache_dir() -> Path:
    """Where entries are kept."""
    named = os.environ.get(CACHE_ENV)
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cchc-score"


@attrs.frozen
class Entry:
    """A scored unit as kept: the result without its criteria set (the set is
    attached again from the batch's own, once its hash is checked), the
    reference the file was scored with, and the outcome's other parts."""

    result: Any
    criteria_ref: str
    criteria_hash: str
    unit_id: str
    issues: tuple[Any, ...]


@attrs.frozen
class Cache:
    """The entries of one batch's context (see the module's docstring)."""

    folder: Path
    context: str

    @classmethod
    def open(cls, *parts: Iterable[Any] | Any, folder: Path | None = None) -> Cache:
        """A cache whose keys also cover `parts` (anything with a stable repr)."""
        digest = hashlib.sha256()
        for part in (FORMAT, __version__, sys.version, *parts):
            digest.update(repr(part).encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return cls(folder or cache_dir(), digest.hexdigest())

    def key(self, raw: bytes) -> str:
        return hashlib.sha256(self.context.encode() + hashlib.sha256(raw).digest()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.pickle"

    def get(self, key: str) -> Entry | None:
        try:
            with open(self._path(key), "rb") as handle:
                entry = pickle.load(handle)
        except Exception:  # missing, truncated, from another version: a miss
            return None
        return entry if isinstance(entry, Entry) else None

    def put(self, key: str, entry: Entry) -> None:
        """Keep an entry; a cache that cannot be written is no error."""
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass


def file_digest(path: Path) -> str:
    """A local plugin file's content, for the cache's context."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
