"""A progress bar on stderr for long batches (rich's), shown only when
stderr is a terminal and the run has already lasted a second: short runs,
pipes, files and `--quiet` stay silent."""

from __future__ import annotations

import sys
import time
from typing import Any

from .._i18n import msg

#: seconds a run lasts before the bar appears
DELAY = 1.0


class Progress:
    """Called with (files done, files); `close()` removes the bar."""

    def __init__(self, lang: str = "vi", *, enabled: bool | None = None) -> None:
        self.lang = lang
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            if done >= total or time.monotonic() - self.started < DELAY:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(msg("progress.scoring").render(self.lang),
                                            total=total)
        self._bar.update(self._task, completed=done)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
