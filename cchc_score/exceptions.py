"""The exceptions cchc-score raises. Everything a user can cause is an
`InputError` carrying located, translatable issues; the CLI prints them and
exits 1."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ._i18n import Msg
from ._model import Issue


class CchcError(Exception):
    """Base class of every cchc-score exception."""


class InputError(CchcError):
    """An input file (criteria, assessment, survey CSV) has errors."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(i.render("en") for i in self.issues))


class OutputError(CchcError):
    """An output cannot be written where it was asked: it is not a regular
    file (a folder, a device), or the system refused (no such folder, no
    permission). Carries a translatable message naming the path."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


class OutputExists(OutputError):
    """An output file exists and `--force` was not given, or it is an input."""


class PluginError(CchcError):
    """A plugin failed to load or registered something invalid."""


class RuleFailed(PluginError):
    """The code of a rule kind raised, or broke the `Rule` contract (points
    outside 0..max), while reading parameters, a value or scoring. The
    plugin facade names the plugin that owns `kind` and refuses that unit's
    result; the rest of the run goes on."""

    def __init__(self, kind: str, code: str, method: str, error: str) -> None:
        super().__init__(f"rule kind {kind!r} failed in {method} at {code}: {error}")
        self.kind = kind
        self.code = code
        self.method = method
        self.error = error


def describe_error(error: BaseException) -> str:
    """`Type: message (file, line N)`: enough for a plugin author to find it."""
    text = f"{type(error).__name__}: {error}"
    if isinstance(error, SyntaxError) and error.filename:
        return f"{text} ({Path(error.filename).name}, line {error.lineno})"
    # the innermost frame that is real code, not the import machinery
    import traceback  # only when a plugin failed: start-up does without it

    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if not f.filename.startswith("<")]
    if frames:
        last = frames[-1]
        text += f" ({Path(last.filename).name}, line {last.lineno})"
    return text
