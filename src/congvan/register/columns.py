"""The register's columns: the ten of the model register (Phụ lục IV) and the Phụ lục VI field names.

ND30 Phụ lục IV, mục I ("Mẫu sổ đăng ký văn bản đi"), point 2, lists the minimum ten
columns of the outgoing register, numbered (1) to (10); point 1 is the cover ("Bìa và
trang đầu": Năm, Từ ngày … đến ngày …, Từ số … đến số …, Quyển số). The records of CSV
and JSON use the field names of Phụ lục VI, Phần II, Mục I (metadata of an outgoing
document), dotted for the grouped ones as the batch manifest does (``SignerInfo.FullName``),
then the register's own columns that Phụ lục VI has no name for.
"""

from __future__ import annotations

from typing import Any

from congvan.register.entry import Entry
from congvan.vietnamese import format_short_date

#: Phụ lục IV, mục I.2: "Nội dung đăng ký văn bản đi — tối thiểu gồm 10 nội dung", in order.
COLUMNS: tuple[str, ...] = (
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)

#: The words that mark a voided number in column 10 (Ghi chú), before the reason.
VOID_MARK = "Đã hủy số"

#: Phụ lục VI, Phần II, Mục I, then the register's own fields.
FIELDS: tuple[str, ...] = (
    "FileCode.OrganId",
    "FileCode.FileCatalog",
    "FileCode.FileNotation",
    "DocOrdinal",
    "TypeName",
    "CodeNumber",
    "CodeNotation",
    "IssuedDate",
    "OrganName",
    "Subject",
    "Language",
    "PageAmount",
    "Description",
    "SignerInfo.Position",
    "SignerInfo.FullName",
    "To.OrganId",
    "To.OrganName",
    "Priority",
    "IssuedAmount",
    "DueDate",
    # not in Phụ lục VI: the register's columns 6, 8, 9, its bookkeeping, the produced file
    "Register",
    "Identifier",
    "ArchiveTo",
    "TransferDate",
    "ReceivedBy",
    "Voided",
    "VoidReason",
    "RunId",
    "File",
    "Sha256",
)


def signer_text(entry: Entry) -> str:
    """Column 4: the signer's position on one line, the name on the next ("Thứ trưởng\nNguyễn Văn A")."""
    return "\n".join(part for part in (entry.signer_position, entry.signer) if part)


def note_text(entry: Entry) -> str:
    """Column 10: the note, after "Đã hủy số: <reason>" for a voided number."""
    parts = [f"{VOID_MARK}: {entry.void_reason}"] if entry.voided else []
    if entry.note:
        parts.append(entry.note)
    return "\n".join(parts)


def title_text(entry: Entry) -> str:
    """Column 3: the kind on the first line, the subject below ("Công văn\\nV/v …")."""
    return "\n".join(part for part in (entry.kind, entry.subject) if part)


def cells(entry: Entry) -> tuple[str, ...]:
    """The ten columns of one entry as a person reads them; dates as ND30 writes them ("05/3/2024")."""
    return (
        entry.number_symbol,
        format_short_date(entry.date),
        title_text(entry),
        signer_text(entry),
        entry.recipients,
        entry.archive,
        "" if entry.copies is None else str(entry.copies),
        format_short_date(entry.sent_on) if entry.sent_on else "",
        entry.received_by,
        note_text(entry),
    )


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def record(entry: Entry) -> dict[str, Any]:
    """One entry as a record of `FIELDS`; numbers stay numbers, absent values are empty strings (JSON ``null``)."""
    return {
        "FileCode.OrganId": entry.organ_id,
        "FileCode.FileCatalog": entry.year if entry.file_notation else None,
        "FileCode.FileNotation": entry.file_notation,
        "DocOrdinal": entry.doc_ordinal,
        "TypeName": entry.kind,
        "CodeNumber": entry.code_number,
        "CodeNotation": entry.symbol,
        "IssuedDate": entry.date.isoformat(),
        "OrganName": entry.organ_name,
        "Subject": entry.subject,
        "Language": entry.language,
        "PageAmount": entry.pages,
        "Description": entry.note,
        "SignerInfo.Position": entry.signer_position,
        "SignerInfo.FullName": entry.signer,
        "To.OrganId": entry.recipient_ids,
        "To.OrganName": "; ".join(entry.recipients.splitlines()),
        "Priority": entry.priority,
        "IssuedAmount": entry.copies,
        "DueDate": _iso(entry.due_date) or None,
        "Register": entry.register,
        "Identifier": entry.identifier,
        "ArchiveTo": entry.archive,
        "TransferDate": _iso(entry.sent_on) or None,
        "ReceivedBy": entry.received_by,
        "Voided": entry.voided,
        "VoidReason": entry.void_reason,
        "RunId": entry.run_id,
        "File": entry.file,
        "Sha256": entry.sha256,
    }
