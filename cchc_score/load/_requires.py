"""What a criteria set asks of the plugins: ``requires = ["cchc-xyz >= 1"]``
(the plugins it cannot be scored without, named in the error when one is
missing) and ``[plugin.<name>]`` tables, at the top or on a node, holding
keys that only the named plugin reads and validates (in its
``check_criteria`` hook). Every other unknown key stays an error."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._i18n import msg
from .._model import Issue, Location

#: plugin name (or distribution name) → its version, None when unknown
Available = Mapping[str, str | None]

_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*"
    r"(?:(?P<op>>=|<=|==|!=|~=|>|<)\s*(?P<version>[0-9][0-9A-Za-z.]*))?\s*$")


def normalise(name: str) -> str:
    """Distribution names compare as pip compares them: cchc_hanam = cchc-hanam."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _version(text: str) -> tuple[tuple[int, str], ...]:
    """A version as comparable parts: 1.10 > 1.9, 1.0 == 1."""
    parts = [(int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"[.]", text)]
    while parts and parts[-1] == (0, ""):
        parts.pop()
    return tuple(parts)


def version_ok(have: str | None, op: str, want: str) -> bool:
    """Whether `have` satisfies ``op want``; an unknown version (a plugin
    file) satisfies every constraint: there is nothing to compare."""
    if have is None:
        return True
    a, b = _version(have), _version(want)
    if op == "~=":  # compatible release: >= want, same prefix but the last part
        return a >= b and a[:max(len(b) - 1, 1)] == b[:max(len(b) - 1, 1)]
    return {">=": a >= b, ">": a > b, "<=": a <= b, "<": a < b, "==": a == b,
            "!=": a != b}[op]


def check_requires(raw: Any, available: Available, file: str) -> tuple[list[str], list[Issue]]:
    """The ``requires`` list, and an error for each requirement no loaded
    plugin meets, naming the plugin to install."""
    where = Location(file, key="requires")
    if not isinstance(raw, list) or not all(isinstance(r, str) for r in raw):
        return [], [Issue("error", msg("crit.bad_value", key="requires",
                                       problem=msg("req.format")), where)]
    known = {normalise(k): v for k, v in available.items()}
    issues = []
    for text in raw:
        found = _REQUIREMENT.match(text)
        if found is None:
            issues.append(Issue("error", msg("req.bad", text=text), where))
            continue
        name, op, want = found["name"], found["op"], found["version"]
        if normalise(name) not in known:
            issues.append(Issue("error", msg("req.missing", plugin=name,
                                              spec=f" {op} {want}" if op else ""), where))
        elif op and not version_ok(known[normalise(name)], op, want):
            issues.append(Issue("error", msg("req.version", plugin=name, spec=f"{op} {want}",
                                              version=known[normalise(name)]), where))
    return list(raw), issues


def plugin_tables(raw: Any, available: Available, file: str, code: str | None = None,
                  ) -> tuple[dict[str, Mapping[str, Any]], list[Issue]]:
    """A ``plugin`` table: plugin name → its own keys (left to that plugin
    to validate). A name no loaded plugin has is an error naming it."""
    key = "plugin"
    if not isinstance(raw, Mapping) or not all(isinstance(v, Mapping) for v in raw.values()):
        return {}, [Issue("error", msg("crit.bad_value", key=key, problem=msg("req.table")),
                          Location(file, code, key))]
    known = {normalise(k) for k in available}
    issues = [Issue("error", msg("req.unknown_table", plugin=name), Location(
        file, code, f"{key}.{name}")) for name in raw if normalise(name) not in known]
    return {str(k): v for k, v in raw.items()}, issues
