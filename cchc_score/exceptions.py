"""The exceptions cchc-score raises. Everything a user can cause is an
`InputError` carrying located, translatable issues; the CLI prints them and
exits 1."""

from __future__ import annotations

from collections.abc import Iterable

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
