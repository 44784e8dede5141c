"""The văn thư's step with the register: the number taken from the sổ đăng ký văn bản đi, then the organisation signs.

ND30 Điều 15.3: the number and issue time are given at issue; Điều 16 (and Phụ lục IV) keep each
outgoing document in the register. `issue_with_register` takes the next number of the register
in a transaction (`congvan.Register.issue_batch`), signs with it (`Signing.sign`, role
``organisation``), and records the signed file's name and SHA-256 in the entry before the
transaction commits. Anything that fails (the signer's signature, the seal, the date, the key)
rolls the transaction back: no number is consumed and no file is left.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from congvan.errors import SigningError
from congvan.signing import fields as form
from congvan.signing.wording import Role, vietnam_time

if TYPE_CHECKING:
    from congvan.register import Register
    from congvan.signing.keys import SigningKey
    from congvan.signing.sign import ImageSource, SignedPdf

PathLike = str | os.PathLike[str]


def issue_with_register(
    pdf: PathLike,
    out: PathLike,
    *,
    register: Register,
    key: SigningKey,
    image: ImageSource | None,
    seal_size: str | float | None = None,
    issued_on: dt.date | None = None,
    subject: str | None = None,
    book: str | None = None,
    tsa: str | None = None,
    signing_time: dt.datetime | None = None,
) -> SignedPdf:
    """Sign ``pdf`` as the organisation with the next number of ``register`` (its register ``book``, default the outgoing one).

    The entry gets the issue date, the draft's symbol, ``subject`` (default: the PDF's title, which
    congvan's templates set to "V/v …"), the competent person's name from their certificate, and
    the signed file's name and SHA-256.
    """
    from congvan.register import DEFAULT_NAME
    from congvan.signing.sign import Signing, _open_pdf

    source, target = Path(pdf), Path(out)
    writer = _open_pdf(source)
    symbol = draft_symbol(writer, source)
    moment = vietnam_time(signing_time)
    day = issued_on or moment.date()
    title = subject if subject is not None else _subject(writer, source)
    document = {"date": day, "symbol": symbol, "subject": title, "signer": _signer_name(source)}
    created = not target.exists()
    with Signing(key, tsa=tsa) as signing, register.issue_batch(None, [document], name=book or DEFAULT_NAME) as batch:
        (entry,) = batch.entries
        try:
            signed = signing.sign(
                source,
                target,
                role=Role.ORGANISATION,
                image=image,
                seal_size=seal_size,
                number=entry.number_symbol,
                issued_on=day,
                signing_time=moment,
            )
            batch.attach(entry, file=target.name, sha256=hashlib.sha256(target.read_bytes()).hexdigest())
        except BaseException:
            if created and target != source:
                target.unlink(missing_ok=True)
            raise
    return signed


def draft_symbol(writer, path: Path) -> str:
    """The symbol of a draft whose number is left blank ("Số:      /BTTTT-TTĐN" → "BTTTT-TTĐN")."""
    field = form.find_field(writer, form.NUMBER_FIELD)
    if field is None:
        raise SigningError(
            f"{path}: the letter has no blank number to take from the register (it prints its number, or is not "
            "signing-ready); --register numbers a draft whose number the văn thư gives at issue (ND30 Điều 15.3)"
        )
    if field.filled:
        raise SigningError(f"{path}: the number is already filled in ({field.dictionary.get('/V')!s})")
    symbol = form.draft_text(field).partition("/")[2].strip()
    if not symbol:
        raise SigningError(f"{path}: the draft's number line {form.draft_text(field)!r} has no symbol after '/'")
    return symbol


def _subject(writer, path: Path) -> str:
    """The trích yếu from the PDF's title ("V/v xây dựng …" → "xây dựng …")."""
    info = writer.prev.trailer_view.get("/Info")
    title = str(info.get_object().get("/Title", "")).strip() if info is not None else ""
    if not title:
        raise SigningError(
            f"{path}: the PDF has no title to take the subject (trích yếu) from for the register; give it with --subject"
        )
    return title.removeprefix("V/v").strip()


def _signer_name(path: Path) -> str:
    """The competent person's name, from the certificate of their signature (register column 4)."""
    from congvan.signing.verify import signature_statuses
    from congvan.signing.wording import FIELD

    try:
        statuses = signature_statuses(path, trust=())
    except SigningError:
        statuses = []
    for status in statuses:
        if status.field == FIELD[Role.SIGNER]:
            return _common_name(status.subject)[:50]
    return ""  # the organisation's step refuses such a letter (Điều 32.2.d), saying why, and no number is kept


def _common_name(subject: str) -> str:
    """ "Common Name: Nguyễn Văn A, Organisation: …" → "Nguyễn Văn A"."""
    for part in subject.split(", "):
        label, _, value = part.partition(": ")
        if label == "Common Name":
            return value
    return subject
