"""Why a file could not be read or written, in the user's language.

Python's own texts ("[Errno 2] No such file or directory: 'x.toml'",
"'utf-8' codec can't decode byte 0xff in position 0") are English and
name Python's internals; an officer reading a Vietnamese report needs the
reason and what to do about it.
"""

from __future__ import annotations

import errno

from ._i18n import Msg, msg

#: how files that are not UTF-8 text begin: a workbook or other zip, an old
#: binary Excel (.xls) file
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"


def os_problem(error: OSError) -> Msg:
    """A missing file, a folder where a file was expected, no permission, …"""
    from ._limits import TooLarge

    if isinstance(error, TooLarge):
        return error.message
    if isinstance(error, FileNotFoundError):
        return msg("io.not_found")
    if isinstance(error, IsADirectoryError):
        return msg("io.is_dir")
    if isinstance(error, NotADirectoryError) or error.errno == errno.ENOTDIR:
        return msg("io.not_dir")
    if isinstance(error, PermissionError):
        return msg("io.denied")
    return msg("io.other", error=error.strerror or type(error).__name__)


def decode_problem(error: UnicodeDecodeError) -> Msg:
    """Text that is not UTF-8: say where, and how to save it so it reads."""
    data = error.object if isinstance(error.object, bytes) else bytes(error.object)
    if data.startswith((_ZIP, _OLE)):
        return msg("io.binary")
    line = data.count(b"\n", 0, error.start) + 1
    return msg("io.not_utf8", byte=f"{data[error.start]:02X}", line=line)


def read_problem(error: OSError | UnicodeDecodeError) -> Msg:
    if isinstance(error, UnicodeDecodeError):
        return decode_problem(error)
    return os_problem(error)
