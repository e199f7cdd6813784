"""The process around a command: streams that accept every character, and
SIGTERM turned into an exception so that temporary files are removed.

Officers redirect output on Windows, where Python writes pipes and files
in the legacy code page (cp1252, cp1258) unless told otherwise, and
PYTHONIOENCODING may name one that has no "ạ": Vietnamese text then
crashed every command, even --help, with UnicodeEncodeError.
"""

from __future__ import annotations

import contextlib
import io
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any


def _is_utf8(stream: Any) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding in ("utf8", "utf8sig")


def _prepare(stream: Any) -> None:
    """Files and pipes get UTF-8 (what every tool reading them expects of
    Vietnamese text); a console whose code page lacks a character shows it
    as an escape (\\u1ea1) instead of failing: lossless, if not pretty."""
    if not isinstance(stream, io.TextIOWrapper) or _is_utf8(stream):
        return
    try:
        interactive = stream.isatty()
    except (OSError, ValueError):
        return
    with contextlib.suppress(OSError, ValueError):
        stream.flush()
        if interactive:
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def console() -> Iterator[None]:
    """For the duration of a command: safe stdout and stderr, and SIGTERM
    raising SystemExit (so `finally` blocks run: a killed write leaves no
    temporary file). The previous handler is restored afterwards."""
    _prepare(sys.stdout)
    _prepare(sys.stderr)
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
