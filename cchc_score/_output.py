"""Writing outputs safely: never over an input, never over an existing file
without --force, always atomically (a temporary file renamed into place)."""

from __future__ import annotations

import os
import tempfile
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


def write_output(path: Path, data: str | bytes, *, force: bool = False,
                 inputs: Iterable[Path] = ()) -> None:
    """Write `data` to `path`. Raises `OutputExists` for an input or an
    existing file (without `force`), `OutputError` for anything that is not
    a regular file (a folder; /dev/stdout, which the rename would replace
    with a plain file) and when the system refuses the write."""
    if any(_same_file(path, Path(p)) for p in inputs):
        raise OutputExists(msg("cli.is_input", path=path))
    if path.exists() and not path.is_file():
        raise OutputError(msg("cli.not_a_file", path=path))
    if path.exists() and not force:
        raise OutputExists(msg("cli.exists", path=path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:  # the parent is a file, a read-only or missing mount, no permission
        # mkdir's FileExistsError: a file stands where a folder of the path should be
        why = msg("io.not_dir") if isinstance(e, FileExistsError) else os_problem(e)
        raise OutputError(msg("cli.write_failed", path=path, error=why)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _plain_file_mode())
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):  # a full disk, a file system that refuses the rename
            raise OutputError(msg("cli.write_failed", path=path, error=os_problem(e))) from None
        raise
