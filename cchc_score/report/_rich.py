"""The console and tables every terminal view draws with. A colour terminal
gets rich's console; any other output (a pipe, a file, NO_COLOR) the same
text drawn by `_plain` without importing rich's console. rich is imported
in the report layer only, and only when text is rendered."""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Union

from . import _plain
from ._base import Options
from ._plain import PlainConsole, Table

if TYPE_CHECKING:
    from rich.console import Console

#: what the views print with
Out = Union["Console", PlainConsole]


def make_console(options: Options, file: io.StringIO) -> Out:
    color = options.color and "NO_COLOR" not in os.environ
    width = options.width or 100
    if not color and _plain.AVAILABLE and os.name != "nt":
        return PlainConsole(file, width)
    from rich.console import Console

    return Console(file=file, width=width, force_terminal=color,
                   no_color=not color, color_system="auto" if color else None,
                   highlight=False, markup=False, emoji=False, soft_wrap=False)


def table(*columns: tuple[str, str], title: str | None = None, header: bool = True,
          box: bool = True) -> Table:
    """A table with light rules (they read well in plain text too), or a
    borderless list (`box=False`); `columns` are (header, justify) pairs."""
    made = Table(title, header=header, box=box)
    for name, justify in columns:
        made.add_column(name, justify)
    return made
