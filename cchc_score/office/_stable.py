"""Office files that are the same bytes for the same contents: a run's
stamp in the document, its date in the properties, and the zip written
again with fixed member dates (openpyxl and python-docx date each member
with the time of saving)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any, Literal

from .._stamp import Stamp

#: the earliest date a zip can hold, for every member
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


#: the document's modification time, which openpyxl sets to the time of saving
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def stable_zip(data: bytes, modified: dt.datetime | None = None) -> bytes:
    """`data` (a zip) with every member dated 1980-01-01, in its order, and
    with `modified` as the document's modification time when given."""
    when = modified.strftime("%Y-%m-%dT%H:%M:%SZ").encode() if modified is not None else b""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, StableZipFile(out, "w") as dst:
        for info in src.infolist():
            member = src.read(info.filename)
            if modified is not None and info.filename == "docProps/core.xml":
                member = _MODIFIED.sub(lambda m: m.group(1) + when + m.group(2), member)
            dst.writestr(info, member)
    return out.getvalue()


class StableZipFile(zipfile.ZipFile):
    """A zip being written whose members are all dated 1980-01-01 and
    deflated, keeping each one's permission bits: handed to a writer
    (openpyxl's), it writes the same bytes as `stable_zip` of what the
    writer would have written, without a second compression pass."""

    def __init__(self, file: Any, mode: Literal["w"] = "w") -> None:
        super().__init__(file, mode, zipfile.ZIP_DEFLATED, allowZip64=True)

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any,
                 compress_type: int | None = None, compresslevel: int | None = None) -> None:
        if isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            name, attributes = zinfo_or_arcname.filename, zinfo_or_arcname.external_attr
        else:  # what ZipFile.writestr gives a member named by a string
            name, attributes = zinfo_or_arcname, 0o600 << 16
        fixed = zipfile.ZipInfo(name, _ZIP_EPOCH)
        fixed.compress_type = zipfile.ZIP_DEFLATED
        fixed.external_attr = attributes
        super().writestr(fixed, self.member(name, data.encode() if isinstance(data, str)
                                            else bytes(data)))

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None,
              compresslevel: int | None = None) -> None:
        info = zipfile.ZipInfo.from_file(filename, arcname)  # its permission bits
        with open(filename, "rb") as handle:
            self.writestr(info, handle.read())

    def member(self, name: str, data: bytes) -> bytes:
        """A member's bytes as stored: `data`, unless a subclass adds to it."""
        return data


def stamp_time(stamp: Stamp) -> dt.datetime:
    """The run date as the documents' created and modified time (midnight):
    the time of saving would make every run's file different."""
    return dt.datetime.combine(stamp.date, dt.time())
