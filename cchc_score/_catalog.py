"""Known criteria sets (bundled and from plugins), found by id or path."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

import attrs
import tomli

from ._embed import digest
from ._i18n import msg
from ._model import CriteriaSet, Issue, Location
from ._toml import load_toml, parse_toml, toml_problem
from .exceptions import InputError
from .load import DEFAULT_TIES, check_criteria, parse_criteria
from .rules import RuleKinds


@attrs.frozen
class Entry:
    id: str
    title: str
    group: str
    years: tuple[int, int]
    path: Path
    owner: str


@attrs.define
class Catalog:
    """The criteria files registered by the core and the plugins (path,
    owner), loaded on demand with the registered rule kinds and tie policies;
    `checks` adds the plugins' own validation of each loaded set."""

    kinds: RuleKinds
    files: list[tuple[Path, str]]
    tie_policies: Collection[str] = DEFAULT_TIES
    checks: Callable[[CriteriaSet], list[Issue]] | None = None
    #: the plugins loaded (name → version), for sets' ``requires``
    plugins: Mapping[str, str | None] | None = None
    _loaded: dict[Path, tuple[CriteriaSet | None, list[Issue]]] = attrs.field(factory=dict)
    #: files parsed to read their id, not yet validated (each is parsed once)
    _parsed: dict[Path, tuple[dict[str, Any] | None, str, list[Issue]]] = attrs.field(
        factory=dict)

    def check(self, path: Path | str) -> tuple[CriteriaSet | None, list[Issue]]:
        """Load and validate one file (cached). A plugin check's error
        rejects the set, like the loader's own errors."""
        path = Path(path)
        key = path.resolve()
        if key not in self._loaded:
            criteria, issues = check_criteria(path, self.kinds, self.tie_policies,
                                              self.plugins, loaded=self._parsed.pop(key, None))
            if criteria is not None and self.checks is not None:
                extra = self.checks(criteria)
                issues = [*issues, *extra]
                if any(i.level == "error" for i in extra):
                    criteria = None
            self._loaded[key] = (criteria, issues)
        return self._loaded[key]

    def from_text(self, text: str, origin: str) -> tuple[CriteriaSet | None, list[Issue]]:
        """A set from its text (the one a form carries, `_embed`), validated
        like a file; `origin` names it in messages."""
        try:
            data = parse_toml(text)
        except tomli.TOMLDecodeError as e:
            return None, [Issue("error", msg("crit.toml", error=toml_problem(e)),
                                Location(origin))]
        except (ValueError, RecursionError) as e:
            return None, [Issue("error", msg("crit.toml", error=e), Location(origin))]
        criteria, issues = parse_criteria(data, origin, self.kinds, digest(text),
                                          self.tie_policies, self.plugins)
        if criteria is not None and self.checks is not None:
            extra = self.checks(criteria)
            issues = [*issues, *extra]
            if any(i.level == "error" for i in extra):
                criteria = None
        return criteria, issues

    def entries(self) -> tuple[list[Entry], list[Issue]]:
        """Every registered set that loads; issues for those that do not and
        for ids defined twice."""
        found: dict[str, Entry] = {}
        problems: list[Issue] = []
        for path, owner in self.files:
            criteria, issues = self.check(path)
            if criteria is None:
                problems.extend(i for i in issues if i.level == "error")
                continue
            if criteria.id in found:
                problems.append(Issue("error", msg("crit.dup_id", id=criteria.id,
                                                   a=found[criteria.id].path, b=path),
                                      Location(str(path))))
                continue
            found[criteria.id] = Entry(criteria.id, criteria.title, criteria.group,
                                       criteria.years, path, owner)
        return sorted(found.values(), key=lambda e: e.id), problems

    def load(self, ref: str | Path) -> CriteriaSet:
        """A criteria set by id, or by path when `ref` names a file."""
        as_path = Path(ref)
        if as_path.suffix == ".toml" or as_path.exists():
            criteria, issues = self.check(as_path)
        else:
            criteria = self._by_id(str(ref))
            if criteria is None:
                entries, _ = self.entries()
                raise InputError([Issue("error", msg(
                    "crit.not_found", ref=ref, known=[e.id for e in entries]))])
            return criteria
        if criteria is None:
            raise InputError(issues)
        return criteria

    def _by_id(self, wanted: str) -> CriteriaSet | None:
        """The first registered set with this id that loads (what `entries`
        would find), validating only the files that declare that id: the
        others are parsed to read their id, never checked."""
        for path, _ in self.files:
            key = path.resolve()
            if key not in self._loaded:
                if key not in self._parsed:
                    if declared_id(path) not in (None, wanted):
                        continue  # another set: not even parsed
                    self._parsed[key] = load_toml(path)
                data = self._parsed[key][0]
                if data is not None and data.get("id") != wanted:
                    continue
            criteria, _ = self.check(path)
            if criteria is not None and criteria.id == wanted:
                return criteria
        return None


#: a top-level ``id = "…"`` on one line (a basic string without escapes)
_ID_LINE = re.compile(r'[ \t]*id[ \t]*=[ \t]*"([^"\\]*)"[ \t]*(#.*)?')


def declared_id(path: Path) -> str | None:
    """The id a criteria file declares, read from its first lines without
    parsing it, or None when that is not certain (no simple ``id = "…"``
    before the first table, a multi-line string before it, an unreadable
    or UTF-16 file): then the file is parsed. A set found by id is the only
    one parsed and checked."""
    try:
        raw = path.read_bytes().split(b"\n[", 1)[0]
        head = unicodedata.normalize("NFC", raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None
    for line in head.splitlines():
        text = line.strip()
        if text.startswith("[") or '"""' in line or "'''" in line:
            return None
        found = _ID_LINE.fullmatch(line)
        if found is not None:
            return found.group(1)
    return None
