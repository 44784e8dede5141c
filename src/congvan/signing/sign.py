"""The three signatures of ND30, in their order, each as one incremental update of the PDF.

- ``signer``: the competent person signs first (Điều 13.7). The letter is made signing-ready if it
  is not yet (`congvan.signing.fields`), the signature image is placed in box 7c, and the
  signature (PAdES B-B, or B-T with a timestamp) is applied.
- ``organisation``: the văn thư gives the number and issue time (Điều 15.3), then applies the
  organisation's signature with the seal over the signer's image (Điều 17.2), and only on a
  document that the competent person has already validly signed (Điều 32.2.c–d).
- ``attachment``: the organisation's signature on an attachment in a separate file, with no
  image and the text block "Số: …; <ISO 8601 time>" at the top right of page 1 (Phụ lục I, mục
  II.8.b and III.1.d; Phụ lục III, Mẫu 2.2).

`Signing` holds an opened key for many documents (a PIN read once); `sign_pdf` signs one. With a
`RemoteKey`, `prepare_remote` stops at the digest to sign and `finish_remote` embeds the signature
value returned by a remote-signing service or a browser plugin.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from congvan.errors import (
    CongvanError,
    OutputError,
    SignatureImageError,
    SigningError,
    SigningKeyError,
    SigningOrderError,
)
from congvan.files import write_atomically
from congvan.signing import fields as form
from congvan.signing.appearance import PaintedStyle, Painting, text_width, times_font
from congvan.signing.images import StampImage, seal_image, signature_image
from congvan.signing.keys import RemoteKey, SigningKey
from congvan.signing.logs import quiet
from congvan.signing.placement import (
    ATTACHMENT_BLOCK_WIDTH,
    ATTACHMENT_FONT_SIZE,
    ATTACHMENT_LEADING,
    Rect,
    attachment_block,
    fit_signature,
    seal_in_reserve,
)
from congvan.signing.wording import FIELD, REASON, Role, attachment_text, vietnam_time

if TYPE_CHECKING:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import Signer

PathLike = str | os.PathLike[str]
ImageSource = PathLike | bytes | StampImage


@dataclass(frozen=True)
class SignedPdf:
    """What one signing did."""

    path: Path | None
    role: Role
    field: str
    signing_time: dt.datetime
    """The time written into the signature (Vietnam time); a timestamp token, when asked for, certifies it."""
    signer: str
    """The certificate's subject."""
    number: str | None = None
    issued_on: dt.date | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PendingSignature:
    """An interrupted signature: the PDF with room for the signature, and what must be signed.

    A remote-signing service or a plugin signs `digest_to_sign` (SHA-256 of `data_to_sign`, the DER of
    the CMS signed attributes) with the certificate's key, RSA PKCS#1 v1.5 or ECDSA; `finish_remote`
    embeds the returned value. `to_json` / `from_json` carry it between processes.
    """

    role: Role
    field: str
    pdf: bytes
    document_digest: bytes
    reserved_start: int
    reserved_end: int
    data_to_sign: bytes
    certificate: bytes
    chain: tuple[bytes, ...]
    signing_time: dt.datetime
    tsa: str | None = None
    number: str | None = None
    issued_on: dt.date | None = None
    warnings: tuple[str, ...] = ()

    @property
    def digest_to_sign(self) -> bytes:
        return hashlib.sha256(self.data_to_sign).digest()

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "role": self.role.value,
            "field": self.field,
            "pdf": base64.b64encode(self.pdf).decode(),
            "document_digest": self.document_digest.hex(),
            "reserved": [self.reserved_start, self.reserved_end],
            "data_to_sign": base64.b64encode(self.data_to_sign).decode(),
            "digest_to_sign": self.digest_to_sign.hex(),
            "certificate": base64.b64encode(self.certificate).decode(),
            "chain": [base64.b64encode(c).decode() for c in self.chain],
            "signing_time": self.signing_time.isoformat(),
            "tsa": self.tsa,
            "number": self.number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
        }
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> PendingSignature:
        try:
            data = json.loads(text)
            return cls(
                role=Role(data["role"]),
                field=data["field"],
                pdf=base64.b64decode(data["pdf"]),
                document_digest=bytes.fromhex(data["document_digest"]),
                reserved_start=int(data["reserved"][0]),
                reserved_end=int(data["reserved"][1]),
                data_to_sign=base64.b64decode(data["data_to_sign"]),
                certificate=base64.b64decode(data["certificate"]),
                chain=tuple(base64.b64decode(c) for c in data["chain"]),
                signing_time=dt.datetime.fromisoformat(data["signing_time"]),
                tsa=data.get("tsa"),
                number=data.get("number"),
                issued_on=dt.date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None,
            )
        except (ValueError, KeyError, TypeError, IndexError) as error:
            raise SigningError(f"not a pending signature made by congvan.signing.prepare_remote ({error})")


@dataclass
class _Revision:
    """One role's changes to the PDF, ready to be signed."""

    writer: IncrementalPdfFileWriter
    role: Role
    style: PaintedStyle
    number: str | None = None
    issued_on: dt.date | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


class Signing:
    """An opened key that signs documents one after another: ``with Signing(key) as signing: signing.sign(...)``."""

    def __init__(self, key: SigningKey, *, tsa: str | None = None) -> None:
        self.key = key
        self.tsa = tsa
        self._opened: Any = None
        self._signer: Signer | None = None
        self._reserved: dict[Role, int] = {}

    def __enter__(self) -> Signing:
        self._opened = self.key.open()
        self._signer = self._opened.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        opened, self._opened, self._signer = self._opened, None, None
        if opened is not None:
            opened.__exit__(*exc)

    def sign(
        self,
        pdf: PathLike,
        out: PathLike | None,
        *,
        role: Role | str,
        image: ImageSource | None = None,
        seal_size: str | float | None = None,
        number: str | None = None,
        issued_on: dt.date | None = None,
        signing_time: dt.datetime | None = None,
    ) -> SignedPdf:
        """Sign ``pdf`` as ``role`` and write the result to ``out`` (``None``: only check and return)."""
        if self._signer is None:
            raise SigningError("Signing is not open: use it as 'with Signing(key) as signing:'")
        if isinstance(self.key, RemoteKey):
            raise SigningError("a RemoteKey has no private key here: use prepare_remote and finish_remote")
        moment = vietnam_time(signing_time)
        revision = build_revision(
            pdf, Role(role), image=image, seal_size=seal_size, number=number, issued_on=issued_on, moment=moment
        )
        data, self._reserved[revision.role] = _run(
            _sign_revision(revision, self._signer, moment, self.tsa, self._reserved.get(revision.role))
        )
        written = _write(out, data) if out is not None else None
        return SignedPdf(
            path=written,
            role=revision.role,
            field=FIELD[revision.role],
            signing_time=moment,
            signer=self._signer.signing_cert.subject.human_friendly,
            number=revision.number,
            issued_on=revision.issued_on,
            warnings=revision.warnings,
        )


def sign_pdf(
    pdf: PathLike,
    out: PathLike,
    *,
    role: Role | str,
    key: SigningKey,
    image: ImageSource | None = None,
    seal_size: str | float | None = None,
    number: str | None = None,
    issued_on: dt.date | None = None,
    tsa: str | None = None,
    signing_time: dt.datetime | None = None,
) -> SignedPdf:
    """Sign ``pdf`` as ``role`` (signer, organisation, attachment) with ``key``; write ``out``.

    ``image`` is the signer's signature or the organisation's seal (PNG); ``seal_size`` the seal's
    real width ("36mm") unless the PNG's resolution gives it. The organisation gives the ``number``
    ("07/BTTTT-TTĐN", or "07") and ``issued_on`` (default: the signing day, Vietnam time) when the
    draft left them blank; an attachment's text block needs the main document's ``number``.
    ``tsa`` is an RFC 3161 timestamp server's URL.
    """
    with Signing(key, tsa=tsa) as signing:
        return signing.sign(
            pdf,
            out,
            role=role,
            image=image,
            seal_size=seal_size,
            number=number,
            issued_on=issued_on,
            signing_time=signing_time,
        )


def prepare_pdf(pdf: PathLike, out: PathLike) -> Path:
    """Make a rendered letter signing-ready (its fields, locked) without signing it; the signer's step does this itself.

    The places come from congvan's named destinations (`congvan.signing.anchors`) when the PDF has
    them, else from its text (`congvan.signing.locate`).
    """
    from congvan.signing.anchors import find_marks

    path = Path(pdf)
    writer = _open_pdf(path)
    if form.find_field(writer, FIELD[Role.SIGNER]) is not None:
        raise SigningError(f"{path}: already signing-ready (it has the field {FIELD[Role.SIGNER]!r})")
    boxes = page_boxes(writer)
    form.prepare(writer, find_marks(writer, path, boxes), boxes)
    return _write(out, _written(writer))


def make_signing_ready(pdf: PathLike) -> bool:
    """Prepare ``pdf`` in place when it is a letter from congvan's templates (it has their named destinations).

    `congvan.to_pdf` (and so ``render --pdf`` and ``batch --pdf``) calls this on each PDF it makes.
    Returns whether fields were added: ``False`` for a PDF without congvan's anchors (a user's
    template: the signer's step then finds the places by the text), one already prepared, or one
    that cannot be prepared (a draft without the signer's name, a PDF pyHanko cannot read): the
    signer's step meets the same problem and refuses with its reason.
    """
    from congvan.signing.anchors import anchor_marks

    path = Path(pdf)
    try:
        writer = _open_pdf(path)
        if form.find_field(writer, FIELD[Role.SIGNER]) is not None:
            return False
        boxes = page_boxes(writer)
        marks = anchor_marks(writer, path, boxes)
        if marks is None:
            return False
        form.prepare(writer, marks, boxes)
    except SigningError:  # e.g. a draft without the signer's name: the signer's step meets the same and says why
        return False
    _write(path, _written(writer))
    return True


def _written(writer: IncrementalPdfFileWriter) -> bytes:
    output = io.BytesIO()
    with quiet():
        writer.write(output)
    return output.getvalue()


def prepare_remote(
    pdf: PathLike,
    *,
    role: Role | str,
    key: RemoteKey,
    image: ImageSource | None = None,
    seal_size: str | float | None = None,
    number: str | None = None,
    issued_on: dt.date | None = None,
    tsa: str | None = None,
    signing_time: dt.datetime | None = None,
) -> PendingSignature:
    """Do everything `sign_pdf` does up to the signature value; return what must be signed elsewhere."""
    moment = vietnam_time(signing_time)
    revision = build_revision(
        pdf, Role(role), image=image, seal_size=seal_size, number=number, issued_on=issued_on, moment=moment
    )
    with key.open() as signer:
        return _run(_prepare_remote(revision, signer, moment, tsa))


def finish_remote(pending: PendingSignature, signature: bytes, out: PathLike) -> SignedPdf:
    """Embed the ``signature`` value returned for ``pending.digest_to_sign`` and write the signed PDF to ``out``.

    The value is checked against the certificate first: a wrong one writes nothing.
    """
    _check_signature_value(pending, signature)
    data = _run(_finish_remote(pending, signature))
    from asn1crypto import x509

    subject = x509.Certificate.load(pending.certificate).subject.human_friendly
    return SignedPdf(
        path=_write(out, data),
        role=pending.role,
        field=pending.field,
        signing_time=pending.signing_time,
        signer=subject,
        number=pending.number,
        issued_on=pending.issued_on,
        warnings=pending.warnings,
    )


def build_revision(
    pdf: PathLike,
    role: Role,
    *,
    image: ImageSource | None,
    seal_size: str | float | None,
    number: str | None,
    issued_on: dt.date | None,
    moment: dt.datetime,
) -> _Revision:
    """The incremental update that ``role`` signs, with everything checked (nothing is signed yet)."""
    path = Path(pdf)
    writer = _open_pdf(path)
    builders: dict[Role, Callable[..., _Revision]] = {
        Role.SIGNER: _signer_revision,
        Role.ORGANISATION: _organisation_revision,
        Role.ATTACHMENT: _attachment_revision,
    }
    return builders[role](
        writer, path, image=image, seal_size=seal_size, number=number, issued_on=issued_on, moment=moment
    )


def _signer_revision(writer, path: Path, *, image, seal_size, number, issued_on, moment) -> _Revision:
    _refuse(
        number is not None, "--number is given by the văn thư at issue (Điều 15.3): use it with --role organisation"
    )
    _refuse(
        issued_on is not None, "--date is given by the văn thư at issue (Điều 15.3): use it with --role organisation"
    )
    _refuse(seal_size is not None, "--seal-size is the organisation's seal: use it with --role organisation")
    if form.find_field(writer, FIELD[Role.ATTACHMENT]) is not None:
        raise SigningOrderError(
            f"{path}: this is an attachment signed by the organisation alone; the signer does not sign it"
        )
    existing = form.find_field(writer, FIELD[Role.SIGNER])
    if existing is not None and existing.filled:
        raise SigningOrderError(f"{path}: the competent person has already signed this document")
    if image is None:
        raise SignatureImageError(
            "the signer's signature shows the image of their handwritten signature (ND30 Phụ lục I, mục II.7.d): "
            "give it with --image signature.png"
        )
    stamp = image if isinstance(image, StampImage) else signature_image(image)
    if not form.is_prepared(writer):
        from congvan.signing.anchors import find_marks

        boxes = page_boxes(writer)
        form.prepare(writer, find_marks(writer, path, boxes), boxes)
    box = form.find_field(writer, FIELD[Role.SIGNER])
    assert box is not None
    form.place_signer(writer, fit_signature(box.rect, stamp))

    def paint(painting: Painting) -> None:
        painting.draw_image(stamp, Rect(0, 0, painting.box.width, painting.box.height))

    return _Revision(writer, Role.SIGNER, PaintedStyle(paint=paint), warnings=stamp.warnings)


def _organisation_revision(writer, path: Path, *, image, seal_size, number, issued_on, moment) -> _Revision:
    signer_field = form.find_field(writer, FIELD[Role.SIGNER])
    org_field = form.find_field(writer, FIELD[Role.ORGANISATION])
    if signer_field is None or org_field is None:
        raise SigningOrderError(
            f"{path}: not a letter made signing-ready by congvan (no field {FIELD[Role.SIGNER]!r}); the organisation signs "
            "only a document the competent person has already signed (Điều 32.2.d): sign it with --role signer first"
        )
    if not signer_field.filled:
        raise SigningOrderError(
            f"{path}: the competent person has not signed yet; the organisation signs only a document already signed "
            "by the competent person (ND30 Điều 32.2.d): sign it with --role signer first"
        )
    if org_field.filled:
        raise SigningOrderError(f"{path}: the organisation has already signed this document")
    signed = _check_signer_signature(path)
    if image is None:
        raise SignatureImageError(
            "the organisation's signature shows the seal (ND30 Phụ lục I, mục II.8.a): give it with --image seal.png"
        )
    stamp = image if isinstance(image, StampImage) else seal_image(image, size=seal_size)
    number_text = _fill_number(writer, path, number)
    day = issued_on or moment.date()
    signed_on = vietnam_time(signed).date() if signed is not None else None
    if signed_on is not None and day < signed_on:
        raise SigningError(
            f"issue date {day.isoformat()} is before the competent person signed ({signed_on.isoformat()}); "
            "the number and date are given after the signature (ND30 Điều 15)"
        )
    if day > moment.date():
        raise SigningError(f"issue date {day.isoformat()} is after the signing day {moment.date().isoformat()}")
    issued = _fill_date(writer, path, day, explicit=issued_on is not None)
    seal = seal_in_reserve(org_field.rect, stamp)
    inside = Rect(
        seal.left - org_field.rect.left,
        seal.bottom - org_field.rect.bottom,
        seal.right - org_field.rect.left,
        seal.top - org_field.rect.bottom,
    )

    def paint(painting: Painting) -> None:
        painting.draw_image(stamp, inside)

    return _Revision(
        writer,
        Role.ORGANISATION,
        PaintedStyle(paint=paint),
        number=number_text,
        issued_on=issued,
        warnings=stamp.warnings,
    )


def _attachment_revision(writer, path: Path, *, image, seal_size, number, issued_on, moment) -> _Revision:
    _refuse(
        image is not None or seal_size is not None,
        "an attachment in a separate file carries no image of the organisation's signature (ND30 Phụ lục I, "
        "mục II.8.b: 'Hình ảnh chữ ký số của cơ quan, tổ chức: Không hiển thị'): leave out --image and --seal-size",
    )
    _refuse(
        issued_on is not None,
        "--date is for the main letter (--role organisation); an attachment shows its signing time",
    )
    if form.find_field(writer, FIELD[Role.SIGNER]) is not None:
        raise SigningOrderError(
            f"{path}: this is a letter with the competent person's field, not a separate attachment; sign it with "
            "--role signer, then --role organisation"
        )
    existing = form.find_field(writer, FIELD[Role.ATTACHMENT])
    if existing is not None and existing.filled:
        raise SigningOrderError(f"{path}: the organisation has already signed this attachment")
    if number is None:
        raise SigningError(
            "an attachment's signature shows the number and symbol of the document it belongs to (ND30 Phụ lục I, "
            "mục II.8.b): give it with --number 07/BTTTT-TTĐN"
        )
    symbol = _number_symbol(number, draft_symbol=None)
    text = attachment_text(symbol, moment)
    font = times_font(False)
    width = ATTACHMENT_BLOCK_WIDTH - 4
    if text_width(text, ATTACHMENT_FONT_SIZE, font) <= width:
        lines = [text]
    else:  # a long symbol: the time on a second line
        number_part, _, time_part = text.partition("; ")
        lines = [number_part + ";", time_part]
    block = attachment_block(page_boxes(writer)[0], len(lines))
    form.add_signature_field(writer, Role.ATTACHMENT, 0, block, form.FieldMDPSpec(form.FieldMDPAction.ALL))

    def paint(painting: Painting) -> None:
        top = painting.box.height - 2 - ATTACHMENT_FONT_SIZE
        for index, line in enumerate(lines):
            baseline = top - index * ATTACHMENT_LEADING + 2
            painting.draw_text(
                line,
                x=painting.box.width,
                baseline=baseline,
                size=ATTACHMENT_FONT_SIZE,
                font_file=font,
                align="right",
            )

    return _Revision(writer, Role.ATTACHMENT, PaintedStyle(paint=paint), number=symbol)


def _refuse(condition: bool, message: str) -> None:
    if condition:
        raise SigningError(message)


def _number_symbol(number: str, draft_symbol: str | None) -> str:
    """The number and symbol as printed ("07/BTTTT-TTĐN"), from "07/BTTTT-TTĐN" or, for a draft's symbol, "07"."""
    from congvan.model.number import NumberSymbol

    text = number.strip()
    if text.isdigit() and draft_symbol is not None:
        text = f"{text}/{draft_symbol}"
    try:
        parsed = NumberSymbol.model_validate(text)
    except ValueError as error:
        raise SigningError(f"--number {number!r}: {_first_line(error)}")
    if parsed.number is None:
        raise SigningError(f"--number {number!r} has no number before the symbol; write e.g. 07/{parsed.symbol}")
    if draft_symbol is not None and parsed.symbol != draft_symbol:
        raise SigningError(f"--number {number!r}: the letter's symbol is {draft_symbol!r}, not {parsed.symbol!r}")
    return str(parsed)


def _fill_number(writer, path: Path, number: str | None) -> str | None:
    # The number is the văn thư's --number, or the register's next one (Điều 15.1, 16: `congvan.signing.issue`).
    field_ = form.find_field(writer, form.NUMBER_FIELD)
    if field_ is None:
        return _check_printed(path, "number", number)
    if field_.filled:  # pragma: no cover - filled only together with the organisation's signature
        raise SigningOrderError(f"{path}: the number is already filled in")
    draft = form.draft_text(field_)  # "Số: /BTTTT-TTĐN"
    symbol = draft.partition("/")[2].strip() or None
    if number is None:
        raise SigningError(
            f"{path}: the draft leaves the number blank ({draft!r}); the văn thư gives it at issue (ND30 Điều 15.3): "
            f"--number 07/{symbol or 'KÝ-HIỆU'}, or --register R to take the register's next number"
        )
    written = _number_symbol(number, symbol)
    form.fill_text_field(writer, field_, f"Số: {written}")
    return written


def _fill_date(writer, path: Path, day: dt.date, *, explicit: bool) -> dt.date | None:
    from congvan.vietnamese import format_date

    field_ = form.find_field(writer, form.DATE_FIELD)
    if field_ is None:
        if explicit:
            _check_printed(path, "date", format_date(day))
        return day if explicit else None
    draft = form.draft_text(field_)  # "Hà Nội, ngày …… tháng …… năm 2020"
    place, _, rest = draft.partition(", ngày")
    year = rest.rsplit("năm", 1)[-1].strip()
    if year.isdigit() and int(year) != day.year:
        raise SigningError(f"{path}: the draft is dated {year} ({draft!r}) but the issue date is {day.isoformat()}")
    form.fill_text_field(writer, field_, f"{place}, {format_date(day)}")
    return day


def _check_printed(path: Path, what: str, given: str | None) -> str | None:
    """A number or date the letter already prints: ``given`` must agree with it."""
    if given is None:
        return None
    from congvan.signing.locate import locate

    marks = locate(path, page_boxes(_open_pdf(path)), with_styles=False)
    line = marks.number if what == "number" else marks.date
    printed = line.text if line is not None else ""
    expected = f"Số: {_number_symbol(given, None)}" if what == "number" else given
    if expected not in printed:
        raise SigningError(f"{path}: the letter already prints its {what} ({printed!r}), not {given!r}")
    return _number_symbol(given, None) if what == "number" else given


def _check_signer_signature(path: Path) -> dt.datetime | None:
    """Điều 32.2.d: the competent person's signature must be there and intact, with no change after it but permitted ones.

    Returns its signing time.
    """
    from congvan.signing.verify import signature_statuses

    statuses = signature_statuses(path, trust=())
    signer = [status for status in statuses if status.field == FIELD[Role.SIGNER]]
    if not signer:
        raise SigningOrderError(f"{path}: no signature of the competent person (ND30 Điều 32.2.d)")
    problem = signer[0].integrity_problem
    if problem:
        raise SigningOrderError(
            f"{path}: the competent person's signature is not valid ({problem}); the organisation signs only a "
            "document validly signed by the competent person (ND30 Điều 32.2.d)"
        )
    return signer[0].signing_time


def page_boxes(handler) -> list[Rect]:
    """Each page's crop box (or media box), inherited values included, in PDF space."""
    boxes: list[Rect] = []

    def walk(node, inherited: dict[str, Any]) -> None:
        node = node.get_object()
        here = dict(inherited)
        for key in ("/MediaBox", "/CropBox"):
            if key in node:
                here[key] = node[key]
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            for kid in node["/Kids"]:
                walk(kid, here)
            return
        box = here.get("/CropBox") or here.get("/MediaBox") or (0, 0, 595.3, 841.9)
        x1, y1, x2, y2 = (float(v) for v in box)
        boxes.append(Rect(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))

    walk(handler.root["/Pages"], {})
    return boxes


def _open_pdf(path: Path) -> IncrementalPdfFileWriter:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError

    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningError(f"{path}: cannot read the PDF ({error.strerror or error})")
    if not data.lstrip()[:5] == b"%PDF-":
        raise SigningError(f"{path}: not a PDF file")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
    except (PyHankoPdfError, ValueError, KeyError, TypeError) as error:
        raise SigningError(f"{path}: cannot read the PDF ({error})")
    if writer.prev.encrypted:
        raise SigningError(f"{path}: the PDF is encrypted; congvan signs unencrypted letters")
    return writer


def _metadata(role: Role):
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.signers import PdfSignatureMetadata

    return PdfSignatureMetadata(
        field_name=FIELD[role],
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        docmdp_permissions=form.PERMISSIONS[role],
        reason=REASON[role],
    )


def _timestamper(tsa: str | None):
    if tsa is None:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(tsa, timeout=30)


async def _session(
    revision: _Revision, signer: Signer, moment: dt.datetime, tsa: str | None, reserved: int | None = None
):
    from pyhanko.sign.signers import PdfSigner

    pdf_signer = PdfSigner(_metadata(revision.role), signer, timestamper=_timestamper(tsa), stamp_style=revision.style)
    session = pdf_signer.init_signing_session(revision.writer, existing_fields_only=True)
    session.system_time = moment
    validation = await session.perform_presign_validation(revision.writer)
    if reserved is None:  # the room for the signature depends on the key and certificates, not on the document
        reserved = await session.estimate_signature_container_size(validation, tight=False)
    tbs = session.prepare_tbs_document(validation_info=validation, bytes_reserved=reserved)
    prepared, output = tbs.digest_tbs_document()
    return session, tbs, prepared, output, reserved


def _signed_attributes(moment: dt.datetime):
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    return PdfCMSSignedAttributes(signing_time=moment)


async def _sign_revision(
    revision: _Revision, signer: Signer, moment: dt.datetime, tsa: str | None, reserved: int | None = None
) -> tuple[bytes, int]:
    """The signed PDF, and the room reserved for the signature (to reuse for the next document)."""
    session, tbs, prepared, output, reserved = await _session(revision, signer, moment, tsa, reserved)
    post = await tbs.perform_signature(prepared.document_digest, _signed_attributes(moment))
    await post.post_signature_processing(output)
    return output.getvalue(), reserved


async def _prepare_remote(
    revision: _Revision, signer: Signer, moment: dt.datetime, tsa: str | None
) -> PendingSignature:
    session, tbs, prepared, output, _ = await _session(revision, signer, moment, tsa)
    attributes = await signer.signed_attrs(
        prepared.document_digest, "sha256", attr_settings=_signed_attributes(moment), use_pades=True
    )
    chain = tuple(cert.dump() for cert in signer.cert_registry)
    return PendingSignature(
        role=revision.role,
        field=FIELD[revision.role],
        pdf=output.getvalue(),
        document_digest=prepared.document_digest,
        reserved_start=prepared.reserved_region_start,
        reserved_end=prepared.reserved_region_end,
        data_to_sign=attributes.dump(),
        certificate=signer.signing_cert.dump(),
        chain=chain,
        signing_time=moment,
        tsa=tsa,
        number=revision.number,
        issued_on=revision.issued_on,
        warnings=revision.warnings,
    )


async def _finish_remote(pending: PendingSignature, signature: bytes) -> bytes:
    from asn1crypto import cms, x509
    from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
    from pyhanko.sign.signers.pdf_cms import ExternalSigner
    from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    registry = SimpleCertificateStore()
    registry.register_multiple([x509.Certificate.load(c) for c in pending.chain])
    signer = ExternalSigner(x509.Certificate.load(pending.certificate), registry, signature_value=signature)
    attributes = cms.CMSAttributes.load(pending.data_to_sign)
    container = await signer.async_sign_prescribed_attributes(
        "sha256", signed_attrs=attributes, timestamper=_timestamper(pending.tsa)
    )
    prepared = PreparedByteRangeDigest(pending.document_digest, pending.reserved_start, pending.reserved_end)
    output = io.BytesIO(pending.pdf)
    await PdfTBSDocument.async_finish_signing(output, prepared, container)
    return output.getvalue()


def _check_signature_value(pending: PendingSignature, signature: bytes) -> None:
    from cryptography import x509 as pyca_x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    public = pyca_x509.load_der_x509_certificate(pending.certificate).public_key()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, pending.data_to_sign, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, pending.data_to_sign, ec.ECDSA(hashes.SHA256()))
        else:
            raise SigningKeyError(f"remote signing supports RSA and ECDSA keys, not {type(public).__name__}")
    except InvalidSignature:
        raise SigningKeyError(
            "the signature value returned does not verify against the certificate for the digest to sign; "
            "nothing was written (was it made with another key, or over other data?)"
        )


def _run(coroutine):
    """Run pyHanko's asynchronous signing; its errors become congvan's."""
    from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError
    from pyhanko.sign.general import SigningError as PyHankoSigningError
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    try:
        with quiet():
            return asyncio.run(coroutine)
    except CongvanError:
        raise
    except TimestampRequestError as error:
        raise SigningError(f"the timestamp server did not give a timestamp: {error}")
    except (PyHankoSigningError, PyHankoPdfError) as error:
        raise SigningError(f"pyHanko could not sign: {error}")
    except OSError as error:  # aiohttp's connection errors are OSErrors
        raise SigningError(f"the timestamp server cannot be reached: {error}")


def _write(out: PathLike, data: bytes) -> Path:
    try:
        return write_atomically(out, data)
    except OSError as error:
        raise OutputError(f"{out}: cannot write the signed PDF ({error.strerror or error})")


def _first_line(error: Exception) -> str:
    text = str(error)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else text
