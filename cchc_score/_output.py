"""Writing outputs safely: never over an input, never over an existing file
without --force, always atomically (a temporary file renamed into place)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from ._i18n import msg
from ._io_errors import os_problem
from .exceptions import OutputError, OutputExists


def _plain_file_mode() -> int:
    """The mode an ordinary new file gets (0o666 less the umask): mkstemp's
    0o600 would hide a results file from the colleagues it is written for."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _same_file(a: Path, b: Path) -> bool:
    """The same file by another name: a relative path, a symbolic or a hard
    link (same device and inode); by path alone when one does not exist."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def write_output(path: Path, data: str | bytes | Iterable[bytes], *, force: bool = False,
                 inputs: Iterable[Path] = ()) -> None:
    """Write `data` (or its pieces, written as they come) to `path`.
    Raises `OutputExists` for an input (even with `force`) or an existing
    file (without `force`), `OutputError` for anything that is not a regular
    file (a folder; /dev/stdout, which the
    rename would replace with a plain file) and when the system refuses.

    The data goes to a temporary file beside the target, then into place in
    one step: without `force` by a hard link, which fails if a file appeared
    at the target meanwhile (no check-then-rename race); with `force` by a
    rename. The temporary file is removed whatever happens, SIGTERM
    included (the command line turns it into an exception); one left by a
    killed run is removed by the next write beside it."""
    if any(_same_file(path, Path(p)) for p in inputs):
        raise OutputExists(msg("cli.is_input", path=path))
    if path.exists() and not path.is_file():
        raise OutputError(msg("cli.not_a_file", path=path))
    if path.exists() and not force:
        raise OutputExists(msg("cli.exists", path=path))
    pieces = [data.encode("utf-8")] if isinstance(data, str) else \
        [data] if isinstance(data, bytes) else data
    import tempfile  # only when a file is written: start-up does without it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path)
        fd, tmp = tempfile.mkstemp(prefix=f"{_temp_prefix(path)}{os.getpid()}.", suffix=".tmp",
                                   dir=path.parent)
    except OSError as e:  # the parent is a file, a read-only or missing mount, no permission
        # mkdir's FileExistsError: a file stands where a folder of the path should be
        why = msg("io.not_dir") if isinstance(e, FileExistsError) else os_problem(e)
        raise OutputError(msg("cli.write_failed", path=path, error=why)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _plain_file_mode())
        if force:
            os.replace(tmp, path)
        else:
            _place_new(Path(tmp), path)
    except FileExistsError:  # created by someone else while we wrote
        raise OutputExists(msg("cli.exists", path=path)) from None
    except OSError as e:  # a full disk, a file system that refuses the rename
        raise OutputError(msg("cli.write_failed", path=path, error=os_problem(e))) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _place_new(tmp: Path, path: Path) -> None:
    """Put `tmp` at `path` only if nothing is there, atomically: a hard link
    fails on an existing name. Where links are not supported (FAT, some
    network shares), the name is reserved with O_EXCL and then replaced."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _plain_file_mode()))
    os.replace(tmp, path)


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


#: a temporary file left this long ago is stale even where its writer's
#: process cannot be looked up
_STALE_SECONDS = 3600


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files a killed run (SIGKILL, power cut) left
    beside `path`: those whose writing process is gone, or that are over an
    hour old where processes cannot be checked. Returns those removed."""
    removed = []
    prefix = _temp_prefix(path)
    try:
        candidates = [p for p in path.parent.iterdir()
                      if p.name.startswith(prefix) and p.name.endswith(".tmp")]
    except OSError:
        return []
    for candidate in candidates:
        pid_text = candidate.name[len(prefix):].partition(".")[0]
        if not pid_text.isdigit() or not _gone(int(pid_text), candidate):
            continue
        try:
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            pass
    return removed


def _gone(pid: int, candidate: Path) -> bool:
    if os.name == "posix":
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False
    # elsewhere os.kill would end the process: judge by age
    try:
        return time.time() - candidate.stat().st_mtime > _STALE_SECONDS
    except OSError:
        return False
