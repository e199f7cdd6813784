"""The installed plugins' entry points, found without `importlib.metadata`.

Importing `importlib.metadata` (and the email, zipfile and csv modules it
pulls in) costs about a fifth of a one-file `score` run; what it is asked
here is small: the ``cchc_score`` entry points of the distributions on
``sys.path``. `entry_points` reads them the way the standard library does
(every ``*.dist-info`` / ``*.egg-info`` folder of every ``sys.path`` folder,
in that order, the first distribution of a name winning; ``entry_points.txt``
read as its sections; name and version from ``METADATA`` / ``PKG-INFO``),
and hands over to `importlib.metadata` itself wherever the layout is one it
does not read: a zip file or an egg on ``sys.path``, or an import hook that
finds distributions of its own. A test holds it equal to the standard
library on the test environment.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterator
from functools import reduce
from typing import Any

import attrs

_INFO = (".dist-info", ".egg-info")
#: `importlib.metadata.EntryPoint.pattern`
_PATTERN = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?"
                      r"((?P<extras>\[.*\])\s*)?$")


@attrs.frozen
class Dist:
    """The distribution an entry point comes from (`EntryPoint.dist`)."""

    name: str | None
    version: str | None


@attrs.frozen
class EntryPoint:
    """One entry point: what `importlib.metadata.EntryPoint` offers the loader."""

    name: str
    value: str
    dist: Dist | None

    def load(self) -> Any:
        """The object the entry point names, imported as the standard
        library does (``module`` or ``module:attr.attr``)."""
        found = _PATTERN.match(self.value)
        if found is None:
            raise ValueError(f"invalid entry point value: {self.value!r}")
        module = importlib.import_module(found.group("module"))
        return reduce(getattr, filter(None, (found.group("attr") or "").split(".")), module)


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of `group`, in the order `importlib.metadata` gives them."""
    if not _readable():
        return _standard(group)
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for root in sys.path:
        for name, path in _infos(root):
            if name in seen:  # the first distribution of a name hides the others
                continue
            seen.add(name)
            pairs = list(_section(_read(path, "entry_points.txt"), group))
            if pairs:
                dist = _dist(path)
                found.extend(EntryPoint(key, value, dist) for key, value in pairs)
    return found


def _readable() -> bool:
    """Whether every place distributions may come from is a plain folder."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return False
    for root in sys.path:
        if not isinstance(root, str) or root.lower().endswith(".egg") or os.path.isfile(root):
            return False
    return True


def _standard(group: str) -> list[EntryPoint]:
    import importlib.metadata

    return [EntryPoint(ep.name, ep.value, None if ep.dist is None
                       else Dist(ep.dist.name, ep.dist.version))
            for ep in importlib.metadata.entry_points(group=group)]


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _infos(root: str) -> Iterator[tuple[str, str]]:
    """(normalized name, folder) of each distribution's metadata in `root`,
    grouped by name in the order the names first appear (`Lookup`)."""
    try:
        children = os.listdir(root or ".")
    except OSError:
        return
    by_name: dict[str, list[str]] = {}
    for child in children:
        low = child.lower()
        if low.endswith(_INFO):
            name = _normalize(low.rpartition(".")[0].partition("-")[0])
            by_name.setdefault(name, []).append(os.path.join(root, child))
    for name, paths in by_name.items():
        for path in paths:
            yield name, path


def _read(folder: str, name: str) -> str | None:
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return None


def _section(text: str | None, group: str) -> Iterator[tuple[str, str]]:
    """The ``name = value`` pairs of section `group` (`Sectioned`)."""
    section = None
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == group and "=" in line:
            key, value = line.split("=", 1)
            yield key.strip(), value.strip()


def _dist(folder: str) -> Dist:
    """Name and version from the metadata's headers (the first of each)."""
    text = _read(folder, "METADATA") or _read(folder, "PKG-INFO") or ""
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            break
        key, colon, value = line.partition(":")
        if colon and not line[:1].isspace():
            headers.setdefault(key.strip().lower(), value.strip())
    return Dist(headers.get("name"), headers.get("version"))
