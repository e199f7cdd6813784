"""Office files that are the same bytes for the same contents: a run's
stamp in the document, its date in the properties, and the zip written
again with fixed member dates (openpyxl and python-docx date each member
with the time of saving)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

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
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            member = src.read(info.filename)
            if modified is not None and info.filename == "docProps/core.xml":
                member = _MODIFIED.sub(lambda m: m.group(1) + when + m.group(2), member)
            dst.writestr(fixed, member)
    return out.getvalue()


def stamp_time(stamp: Stamp) -> dt.datetime:
    """The run date as the documents' created and modified time (midnight):
    the time of saving would make every run's file different."""
    return dt.datetime.combine(stamp.date, dt.time())
