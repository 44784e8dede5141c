"""Office files with the same bytes for the same register: members re-packed with a fixed timestamp.

python-docx and openpyxl stamp every zip member with the time of saving; the register's
.docx and .xlsx are re-packed here, members in their order, so that exporting the same
entries twice gives the same file.
"""

from __future__ import annotations

import io
import zipfile

#: The timestamp of every member (the earliest a zip can hold).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def repack(data: bytes) -> bytes:
    """The zip ``data`` with every member dated `ZIP_DATE`, deflated, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
