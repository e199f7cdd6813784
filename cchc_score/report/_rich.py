"""The rich console and tables every terminal view draws with. rich is
imported here and in the text views only, and only when text is rendered."""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING

from ._base import Options

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def make_console(options: Options, file: io.StringIO) -> Console:
    from rich.console import Console

    color = options.color and "NO_COLOR" not in os.environ
    return Console(file=file, width=options.width or 100, force_terminal=color,
                   no_color=not color, color_system="auto" if color else None,
                   highlight=False, markup=False, emoji=False, soft_wrap=False)


def table(*columns: tuple[str, str], title: str | None = None, header: bool = True,
          box: bool = True) -> Table:
    """A table with light rules (they read well in plain text too), or a
    borderless list (`box=False`); `columns` are (header, justify) pairs."""
    from rich import box as boxes
    from rich.table import Table

    t = Table(title=title, title_justify="left", title_style="bold", show_header=header,
              box=boxes.SIMPLE_HEAD if box else None, pad_edge=False, collapse_padding=box,
              show_edge=False)
    for name, justify in columns:
        # fold, not the default ellipsis: on a narrow terminal a number or a
        # code wraps onto a second line instead of losing digits ("100,…").
        t.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    return t
