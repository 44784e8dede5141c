"""One document numbered from the register of outgoing documents as it is rendered (ND30 Điều 15).

Any kind with a number of its own: the công văn, and every model of Phụ lục III but the text a
Quyết định issues and the phụ lục, which carry the number of the document they go with.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from congvan.documents.administrative import render_document
from congvan.engine.loader import Folders, TemplateSpec
from congvan.errors import DataError, Problem
from congvan.files import check_output_file, write_atomically
from congvan.model import AdministrativeDocument, NumberSymbol, OfficialLetter
from congvan.register.books import DEFAULT_NAME
from congvan.register.entry import Entry, Outgoing
from congvan.register.issuing import (
    LETTER_KIND,
    RegisterSource,
    archive_text,
    check_issuer,
    opened,
    outgoing_of,
    signer_position,
    subject_line,
    unnumbered_problems,
)

#: Nơi nhận's lines that name the addressees again ("Như trên") or an article's ("Như Điều 3").
_AS_ADDRESSEES = re.compile(r"^như (trên|điều \d+)$", re.IGNORECASE)


def letter_draft(document: Any, *, source: str | None = None) -> Outgoing:
    """What the register records of one document: `DataError` when it has no date, already a number, or
    no number of its own (the quy chế a Quyết định issues, a phụ lục)."""
    if not isinstance(document, (OfficialLetter, AdministrativeDocument)):
        raise DataError(
            [Problem("kind", f"a {document.kind} has no number of its own: it carries that of its document")], source
        )
    problems = unnumbered_problems(document.issued_on, document.number)
    if problems:
        raise DataError(problems, source)
    assert document.issued_on is not None
    kind = LETTER_KIND if isinstance(document, OfficialLetter) else document.kind.capitalize()
    addressees = _addressees(document)
    others = [line for line in document.recipients.lines if not _AS_ADDRESSEES.match(line)]
    archive = document.recipients.archive
    fields = {
        "date": document.issued_on,
        "symbol": document.number.symbol,
        "kind": kind,
        "subject": subject_line(kind, _subject(document)),
        "signer": document.signature.name or "",
        "signer_position": signer_position(document.signature),
        "recipients": [*addressees, *(line for line in others if line not in addressees)],
        "archive": archive_text(archive.units, archive.drafter),
        "copies": archive.copies,
    }
    draft, problems = outgoing_of(fields, "", {"date": "issued_on", "symbol": "number", "recipients": "addressees"})
    if draft is None:
        raise DataError(problems, source)
    return draft


def _addressees(document: Any) -> list[str]:
    """Who the document goes to first: Kính gửi, the bodies a công điện is sent to, the invitees."""
    addressees = getattr(document, "addressees", None)
    if addressees is not None:
        return list(addressees.items)
    invitees = getattr(document, "invitees", None)
    return [invitees] if invitees else []


def _subject(document: Any) -> str:
    """Column 3, trích yếu: the document's own, or what a giấy giới thiệu or giấy nghỉ phép is for."""
    subject = getattr(document, "subject", None)
    if subject:
        return subject
    if hasattr(document, "purpose"):
        return f"Giới thiệu ông (bà) {document.person} đến {document.sent_to}"
    return f"Cho ông (bà) {document.person} nghỉ phép"


@dataclass(frozen=True)
class IssuedDocument:
    """A document rendered with its number from the register: its entry and the files written."""

    entry: Entry
    docx: Path
    pdf: Path | None
    data: bytes


def render_numbered(
    letter: Any,
    out: str | os.PathLike[str],
    *,
    register: RegisterSource,
    name: str = DEFAULT_NAME,
    run_id: str | None = None,
    template: TemplateSpec = None,
    templates: Folders = None,
    pdf: bool = False,
    timeout: float | None = None,
    source: str | None = None,
) -> IssuedDocument:
    """Take one number for ``letter`` (a document of any kind with a number), render it with that number to
    ``out`` (and its PDF), attach the file.

    The files are written beside their targets inside the register's transaction, which
    then commits, and only then put in place; a failure before gives the number back and
    leaves ``out`` as it was. With a ``run_id`` taken before, the letter gets that number.
    """
    draft = letter_draft(letter, source=source)
    target = check_output_file(out, [source])
    pdf_target = check_output_file(target.with_suffix(".pdf"), [source]) if pdf else None
    staged: list[tuple[Path, Path]] = []
    with opened(register) as opened_register:
        check_issuer(opened_register, name, letter.issuing_body.name, source)
        try:
            with opened_register.issue_batch(run_id, [draft], name=name) as batch:
                (entry,) = batch.entries
                numbered = letter.model_copy(update={"number": NumberSymbol(number=entry.number, symbol=draft.symbol)})
                data = render_document(numbered, template=template, templates=templates)
                if pdf_target is not None:  # the PDF first, put in place first: a failure leaves neither file new
                    staged.append((_stage(pdf_target, _pdf(data, target.name, timeout)), pdf_target))
                staged.append((_stage(target, data), target))
                entry = batch.attach(entry, file=target.name, sha256=hashlib.sha256(data).hexdigest())
        except BaseException:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
            raise
    for temporary, final in staged:
        os.replace(temporary, final)
    return IssuedDocument(entry, target, pdf_target, data)


def _stage(target: Path, data: bytes) -> Path:
    """``data`` written whole beside ``target`` under a hidden name, with the mode of the file it will replace."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.numbered")
    write_atomically(temporary, data)
    try:
        os.chmod(temporary, stat.S_IMODE(os.lstat(target).st_mode))
    except FileNotFoundError:
        pass
    return temporary


def _pdf(docx: bytes, name: str, timeout: float | None) -> bytes:
    from congvan.pdf import DEFAULT_TIMEOUT, to_pdf

    with tempfile.TemporaryDirectory(prefix=".congvan-render.") as scratch:
        draft = Path(scratch) / name
        draft.write_bytes(docx)
        (converted,) = to_pdf([draft], scratch, timeout=timeout or DEFAULT_TIMEOUT)
        return converted.read_bytes()
