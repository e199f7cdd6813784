"""The folder is the store: the web page reads and writes the assessment
files the command line reads, nothing else (no hidden database).

Every path comes from the browser as a path relative to the folder and is
resolved here, once: anything that would leave the folder (`..`, an
absolute path, a symbolic link pointing out) is refused. A save is an
atomic write of the TOML file, and only of the version the page was opened
with: a file changed on disk since then is never silently replaced.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from .. import _toml_write as tw
from .._api import assessment_files, read_any
from .._i18n import msg
from .._model import CriteriaSet
from .._output import write_output
from ._form import is_full

#: assessment files the page reads and writes: TOML and the Excel form
EDITABLE = (".toml", ".xlsx")


class OutsideFolder(Exception):
    """A path that is not a file inside the folder."""


class Changed(Exception):
    """The file changed on disk since the page was opened."""


class Folder:
    """A folder of assessment (and criteria) files."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def resolve(self, rel: str) -> Path:
        """The file `rel` (a path relative to the folder, with forward
        slashes) names, or `OutsideFolder`."""
        parts = PurePosixPath(rel).parts
        if (not rel or "\\" in rel or "\x00" in rel or rel.startswith("/")
                or any(p in ("..", ".", "") for p in parts)):
            raise OutsideFolder(rel)
        path = (self.root / Path(*parts)).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise OutsideFolder(rel)
        return path

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def assessments(self) -> list[Path]:
        """The assessment files of the folder (TOML and Excel forms), as
        `score FOLDER` finds them; none outside it."""
        files, _ = assessment_files([self.root])
        return [f for f in files if f.resolve().is_relative_to(self.root)]

    def read(self, rel: str) -> tuple[Path, dict[str, Any] | None, str, list[Any]]:
        """The file, its data (None when it does not parse), its version
        and the problems reading it."""
        path = self.resolve(rel)
        if not path.is_file() or path.suffix.lower() not in EDITABLE:
            raise OutsideFolder(rel)
        opened = version(path)  # before reading: a change in between shows at the save
        data, issues, _ = read_any(path)
        return path, data, opened, list(issues)

    def save(self, rel: str, text: str | bytes, opened: str) -> str:
        """Write `text` over `rel` if the file is still the version `opened`;
        returns the new version."""
        path = self.resolve(rel)
        if path.exists() and version(path) != opened:
            raise Changed(rel)
        write_output(path, text, force=True)
        return version(path)

    def create(self, name: str, text: str | bytes) -> str:
        """A new file `name` in the folder (never over an existing one)."""
        path = self.resolve(name)
        write_output(path, text, force=False)
        return self.rel(path)


def version(path: Path) -> str:
    """What the page remembers of the file it opened: its content's hash."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def header_comments(path: Path) -> list[str]:
    """The comment lines at the top of a file (its author's notes), kept
    when the page writes the file again."""
    lines: list[str] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    for line in text.splitlines():
        if line.startswith("#") or (not line.strip() and lines):
            lines.append(line.rstrip())
        else:
            break
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def assessment_toml(data: Mapping[str, Any], criteria: CriteriaSet, header: list[str],
                    lang: str = "vi") -> str:
    """The assessment as the TOML file the command line reads: the header
    comments, identity, then one table per answered leaf in criteria order
    (each headed by its code, title and maximum), then not-applicable
    claims, appraisal entries and survey values as they were."""
    lines = [*header, *([""] if header else [])]
    lines += tw.assignments({k: data[k] for k in ("schema", "criteria", "year") if k in data})
    if isinstance(data.get("unit"), Mapping):
        lines += ["", "[unit]", *tw.assignments(data["unit"])]
    answers = dict(data.get("answers") or {})
    order = [n.code for n in criteria.leaves()]
    codes = [c for c in order if c in answers] + [c for c in answers if c not in order]
    component = None
    for code in codes:
        entry = answers[code]
        lines.append("")
        top = code.split(".")[0]
        if top != component and top in criteria:
            component = top
            heading = criteria.node(top)
            lines += tw.comment("=== " + msg("office.tpl_node", code=top, title=heading.title,
                                              max=heading.max).render(lang))
            lines.append("")
        if code in criteria:
            node = criteria.node(code)
            lines += tw.comment(msg("office.tpl_node", code=code, title=node.title,
                                    max=node.max).render(lang))
        lines.append(f"[answers.{tw.string(code)}]")
        lines += tw.assignments(entry if is_full(entry) else {"value": entry})
    for table in ("not_applicable", "survey"):
        if data.get(table):
            lines += ["", f"[{table}]", *tw.assignments(data[table])]
    for code, entry in (data.get("appraisal") or {}).items():
        lines += ["", f"[appraisal.{tw.string(code)}]", *tw.assignments(entry)]
    return "\n".join(lines) + "\n"
