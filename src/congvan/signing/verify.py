"""What the receiver checks (Điều 21.2.a: "kiểm tra tính xác thực và toàn vẹn của văn bản điện tử").

For each signature: its role (from its field), the certificate's subject, the signing time, the
integrity of what it covers, whether the changes made after it are permitted ones (DocMDP /
FieldMDP, judged by pyHanko's difference analysis), and the certificate chain against the given
trust roots. For the document: the two signatures of Điều 5.1 in the order of Điều 32.2.d (the
organisation after the competent person), the number and date filled in, and the images where
Phụ lục I puts them (box 7c, the seal over the left third of it at a real seal's size, an
attachment's text block at the top right of page 1 in 10 pt black).

`verify_pdf` returns a `Verification`; ``ok`` is true only when every check holds.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from congvan.errors import CongvanError, SigningError
from congvan.signing.images import MM, SEAL_MAX_MM, SEAL_MIN_MM
from congvan.signing.placement import ATTACHMENT_FONT_SIZE, Rect
from congvan.signing.wording import DATE_FIELD, FIELD, NUMBER_FIELD, ROLE_OF_FIELD, Role, iso8601

PathLike = str | os.PathLike[str]

#: "khoảng 1/3": the seal's share over the signer's image, accepted between these.
SEAL_OVERLAP_RANGE = (0.2, 0.45)
#: Points of tolerance for "centred" and "between".
POSITION_TOLERANCE = 3.0


@dataclass(frozen=True)
class SignatureCheck:
    """One signature as verified."""

    field: str
    role: Role | None
    subject: str
    signing_time: dt.datetime | None
    timestamped: bool
    intact: bool
    valid: bool
    trusted: bool
    permitted_changes: bool
    changes: str
    """After this signature: "none", or pyHanko's modification level ("FORM_FILLING", "OTHER"…)."""
    revision: int
    problems: tuple[str, ...] = ()

    @property
    def integrity_problem(self) -> str:
        """Why the signature does not hold, trust aside ("" when it does)."""
        if not self.intact:
            return "the signed bytes were changed"
        if not self.valid:
            return "the signature value does not match"
        if not self.permitted_changes:
            return f"the document was changed after it in a way its lock does not permit ({self.changes})"
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "role": self.role.value if self.role else None,
            "subject": self.subject,
            "signing_time": iso8601(self.signing_time) if self.signing_time else None,
            "timestamped": self.timestamped,
            "intact": self.intact,
            "valid": self.valid,
            "trusted": self.trusted,
            "permitted_changes": self.permitted_changes,
            "changes_after": self.changes,
            "problems": list(self.problems),
        }


@dataclass(frozen=True)
class Verification:
    """A verified PDF: its signatures and every problem found (``ok`` when there is none)."""

    path: Path
    kind: str
    """"letter" (two signatures), "attachment" (the organisation's alone) or "unknown"."""
    signatures: tuple[SignatureCheck, ...]
    problems: tuple[str, ...]
    number: str | None = None
    issued: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "ok": self.ok,
            "kind": self.kind,
            "number": self.number,
            "issued": self.issued,
            "signatures": [signature.to_dict() for signature in self.signatures],
            "problems": list(self.problems),
        }


def verify_pdf(pdf: PathLike, *, trust: Sequence[PathLike | Any] = ()) -> Verification:
    """Verify the signatures of ``pdf`` and its ND30 layout; a PDF that cannot be read is a failed verification."""
    path = Path(pdf)
    roots = trust_roots(trust)  # a bad --trust file is the caller's error, raised, not a failed check
    try:
        statuses = signature_statuses(path, trust=roots)
    except SigningError as error:
        return Verification(path, "unknown", (), (str(error),))
    problems: list[str] = []
    if not trust:
        problems.append("no trust roots given (--trust CA.pem): the certificate chains cannot be checked")
    for status in statuses:
        problems += [f"{status.field}: {problem}" for problem in status.problems]
    kind, order_problems = _check_order(statuses)
    problems += order_problems
    number = issued = None
    if statuses:
        layout_problems, number, issued = _check_layout(path, kind)
        problems += layout_problems
    return Verification(path, kind, tuple(statuses), tuple(problems), number, issued)


def verify_folder(folder: PathLike, *, trust: Sequence[PathLike | Any] = ()) -> list[Verification]:
    """Verify every ``*.pdf`` in ``folder`` and below, in name order."""
    root = Path(folder)
    roots = trust_roots(trust)
    return [verify_pdf(path, trust=roots) for path in sorted(root.rglob("*.pdf")) if path.is_file()]


def trust_roots(trust: Iterable[PathLike | Any]) -> list[Any]:
    """The certificates of the ``trust`` files (PEM or DER, several per file), as asn1crypto certificates."""
    from asn1crypto import x509

    from congvan.signing.keys import _asn1, _certificates

    roots = []
    for item in trust:
        if isinstance(item, x509.Certificate):
            roots.append(item)
        else:
            roots += [_asn1(cert) for cert in _certificates(item)]
    return roots


def signature_statuses(path: Path, *, trust: Iterable[PathLike | Any] = ()) -> list[SignatureCheck]:
    """Each signature of ``path`` validated by pyHanko against the ``trust`` roots (none: chain untrusted)."""
    from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError

    context = _validation_context(trust)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningError(f"{path}: cannot read the file ({error.strerror or error})")
    if not data.lstrip()[:5] == b"%PDF-":
        raise SigningError(f"{path}: not a PDF file")
    import io

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PyHankoPdfError, ValueError, KeyError, TypeError) as error:
        raise SigningError(f"{path}: not a readable PDF ({error})")
    if not embedded:
        raise SigningError(f"{path}: the PDF carries no digital signature (ND30 Điều 5.1 asks for two)")
    checks = []
    for signature in embedded:
        try:
            status = _run(async_validate_pdf_signature(signature, context))
        except (SignatureValidationError, PyHankoPdfError, ValueError) as error:
            checks.append(_broken(signature, str(error)))
            continue
        checks.append(_check(signature, status))
    return checks


def _validation_context(trust: Iterable[PathLike | Any]):
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=trust_roots(trust), allow_fetching=False, revocation_mode="soft-fail")


def _run(coroutine):
    import asyncio

    from congvan.signing.logs import quiet

    with quiet():
        return asyncio.run(coroutine)


def _check(signature, status) -> SignatureCheck:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    role = ROLE_OF_FIELD.get(signature.field_name)
    timestamp = status.timestamp_validity
    timestamped = timestamp is not None and timestamp.intact and timestamp.valid
    moment = timestamp.timestamp if timestamped else status.signer_reported_dt
    level = status.modification_level
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        changes = "none"
    else:
        changes = level.name if level is not None else "unknown"
    permitted = bool(status.docmdp_ok) or status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    problems = []
    if role is None:
        problems.append(f"field {signature.field_name!r} is not one of ND30's signatures ({', '.join(FIELD.values())})")
    if not status.intact:
        problems.append("integrity: the signed bytes were changed after signing")
    elif not status.valid:
        problems.append("integrity: the signature value does not match the signed bytes")
    if not permitted:
        problems.append(f"modified after signing beyond what its lock permits (changes: {changes})")
    if not status.trusted:
        problems.append(
            "the certificate chain does not lead to a given trust root (--trust), or a certificate is invalid"
        )
    if timestamp is not None and not timestamped:
        problems.append("the timestamp token is not valid")
    return SignatureCheck(
        field=signature.field_name,
        role=role,
        subject=signature.signer_cert.subject.human_friendly,
        signing_time=moment,
        timestamped=timestamped,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        permitted_changes=permitted,
        changes=changes,
        revision=signature.signed_revision,
        problems=tuple(problems),
    )


def _broken(signature, reason: str) -> SignatureCheck:
    try:
        subject = signature.signer_cert.subject.human_friendly
    except (ValueError, KeyError, AttributeError):
        subject = "?"
    return SignatureCheck(
        field=signature.field_name,
        role=ROLE_OF_FIELD.get(signature.field_name),
        subject=subject,
        signing_time=None,
        timestamped=False,
        intact=False,
        valid=False,
        trusted=False,
        permitted_changes=False,
        changes="unknown",
        revision=getattr(signature, "signed_revision", -1),
        problems=(f"cannot be validated: {reason}",),
    )


def _check_order(statuses: Sequence[SignatureCheck]) -> tuple[str, list[str]]:
    """Điều 5.1 (both signatures) and Điều 32.2.d (the organisation after the signer), or one attachment signature."""
    roles = [status.role for status in statuses]
    if Role.ATTACHMENT in roles:
        problems = []
        if roles != [Role.ATTACHMENT]:
            problems.append("an attachment carries the organisation's signature alone (Phụ lục I, mục II.8.b)")
        return "attachment", problems
    problems = []
    if Role.SIGNER not in roles:
        problems.append("no signature of the competent person (ND30 Điều 5.1, Điều 13.7)")
    if Role.ORGANISATION not in roles:
        problems.append("no signature of the organisation (ND30 Điều 5.1, Điều 17.2): the văn thư has not signed yet")
    if Role.SIGNER in roles and Role.ORGANISATION in roles:
        signer = next(s for s in statuses if s.role is Role.SIGNER)
        organisation = next(s for s in statuses if s.role is Role.ORGANISATION)
        if organisation.revision < signer.revision:
            problems.append("the organisation signed before the competent person (ND30 Điều 32.2.d: only after)")
        if roles.count(Role.SIGNER) > 1 or roles.count(Role.ORGANISATION) > 1:
            problems.append("a role signed twice")
    return "letter", problems


def _check_layout(path: Path, kind: str) -> tuple[list[str], str | None, str | None]:
    """The images and text blocks where Phụ lục I puts them; the number and date filled in."""
    try:
        annotations = _widgets(path)
    except CongvanError as error:
        return [str(error)], None, None
    problems: list[str] = []
    number = _value(annotations.get(NUMBER_FIELD))
    issued = _value(annotations.get(DATE_FIELD))
    if kind == "attachment":
        problems += _check_attachment_block(annotations.get(FIELD[Role.ATTACHMENT]))
        return problems, number, issued
    for name, what in ((NUMBER_FIELD, "number"), (DATE_FIELD, "issue date")):
        if name in annotations and not _value(annotations[name]):
            problems.append(f"the {what} is still blank (the văn thư gives it at issue, ND30 Điều 15.3)")
    signer = annotations.get(FIELD[Role.SIGNER])
    seal = annotations.get(FIELD[Role.ORGANISATION])
    signature_rect = signer.image if signer is not None else None
    if signer is not None and signer.filled:
        problems += _check_signer_image(path, signer)
    if seal is not None and seal.filled:
        problems += _check_seal(seal, signature_rect)
    return problems, number, issued


@dataclass
class _Widget:
    name: str
    page: int
    page_box: Rect
    rect: Rect
    filled: bool
    value: str | None
    image: Rect | None
    """Where the appearance draws an image, on the page."""
    font_sizes: list[float] = field(default_factory=list)
    black_text: bool = False


def _widgets(path: Path) -> dict[str, _Widget]:
    """Every widget of a form field, by field name, with what its appearance draws (pypdf)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        found: dict[str, _Widget] = {}
        for index, page in enumerate(reader.pages):
            box = page.cropbox
            page_box = Rect(float(box.left), float(box.bottom), float(box.right), float(box.top))
            for ref in page.get("/Annots") or []:
                annot = ref.get_object()
                name = annot.get("/T")
                if annot.get("/Subtype") != "/Widget" or name is None:
                    continue
                x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
                rect = Rect(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
                widget = _Widget(str(name), index, page_box, rect, "/V" in annot, _text(annot.get("/V")), None)
                _read_appearance(reader, annot, widget)
                found[widget.name] = widget
        return found
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise SigningError(f"{path}: cannot read the signatures' appearances ({error})")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = value.get_object() if hasattr(value, "get_object") else value
    return str(value) if isinstance(value, str) else None


def _value(widget: _Widget | None) -> str | None:
    return widget.value if widget is not None else None


def _read_appearance(reader, annot, widget: _Widget) -> None:
    """Find the image drawn by the widget's normal appearance, mapped to the page, and the text's sizes and colour."""
    from pypdf.generic import ContentStream

    try:
        stream = annot["/AP"]["/N"].get_object()
    except (KeyError, TypeError):
        return
    x1, y1, x2, y2 = (float(v) for v in stream.get("/BBox", (0, 0, widget.rect.width, widget.rect.height)))
    bbox = [min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)]
    scale_x = widget.rect.width / ((bbox[2] - bbox[0]) or 1)
    scale_y = widget.rect.height / ((bbox[3] - bbox[1]) or 1)
    xobjects = (stream.get("/Resources") or {}).get("/XObject") or {}
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack = []
    gray = 0.0  # the default fill colour is black
    shown: list[float] = []
    for operands, operator in ContentStream(stream, reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q" and stack:
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif operator in (b"g", b"rg", b"k"):
            gray = 0.0 if all(float(v) == 0 for v in operands[:3]) else 1.0
            if operator == b"k":  # CMYK black is 0 0 0 1
                gray = 0.0 if [float(v) for v in operands] == [0, 0, 0, 1] else 1.0
        elif operator == b"Tf":
            widget.font_sizes.append(float(operands[1]))
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            shown.append(gray)
        elif operator == b"Do":
            target = xobjects.get(operands[0])
            if target is not None and target.get_object().get("/Subtype") == "/Image":
                a, _, _, d, e, f = ctm
                left = widget.rect.left + (e - bbox[0]) * scale_x
                bottom = widget.rect.bottom + (f - bbox[1]) * scale_y
                widget.image = Rect(left, bottom, left + a * scale_x, bottom + d * scale_y)
    widget.black_text = bool(shown) and all(value == 0.0 for value in shown)


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u]


def _check_signer_image(path: Path, signer: _Widget) -> list[str]:
    """Phụ lục I, mục II.7.d: the image centred between the signer's title and name."""
    from congvan.signing.locate import find_signature_block, page_lines

    image = signer.image
    if image is None:
        return ["the competent person's signature shows no image (Phụ lục I, mục II.7.d)"]
    try:
        boxes = [signer.page_box] * (signer.page + 1)
        block = find_signature_block(page_lines(path, boxes), name=str(path))
    except CongvanError as error:
        return [f"the signer's title and name cannot be found to check the image's place: {error}"]
    problems = []
    if block.page != signer.page:
        problems.append(
            f"the signature image is on page {signer.page + 1}, the title and name on page {block.page + 1}"
        )
    if abs(image.centre_x - block.axis) > POSITION_TOLERANCE:
        problems.append(
            f"the signature image is not centred on the title and name (its centre {image.centre_x:.1f} pt, "
            f"their axis {block.axis:.1f} pt; Phụ lục I, mục II.7.d)"
        )
    if image.top > block.title.bottom + POSITION_TOLERANCE or image.bottom < block.name.top - POSITION_TOLERANCE:
        problems.append("the signature image is not between the signer's title and name (Phụ lục I, mục II.7.d)")
    return problems


def _check_seal(seal: _Widget, signature: Rect | None) -> list[str]:
    """Phụ lục I, mục II.8.a: the seal at a real seal's size over about the left third of the signer's image."""
    image = seal.image
    if image is None:
        return ["the organisation's signature shows no seal (Phụ lục I, mục II.8.a)"]
    problems = []
    width_mm = image.width / MM
    if not SEAL_MIN_MM - 0.5 <= width_mm <= SEAL_MAX_MM + 0.5:
        problems.append(f"the seal is drawn {width_mm:.1f} mm wide, not a real seal's size (Phụ lục I, mục II.8.a)")
    if signature is None:
        return problems + ["the seal has no signer's image to cover (Phụ lục I, mục II.8.a)"]
    share = (image.right - signature.left) / signature.width
    low, high = SEAL_OVERLAP_RANGE
    if not (low <= share <= high and image.left < signature.left):
        problems.append(
            f"the seal covers {share:.0%} of the signer's image from the left, not about a third (Phụ lục I, mục II.8.a)"
        )
    if not signature.bottom <= image.centre_y <= signature.top:
        problems.append("the seal is not level with the signer's image (Phụ lục I, mục II.8.a)")
    return problems


def _check_attachment_block(widget: _Widget | None) -> list[str]:
    """Phụ lục I, mục II.8.b and III.1.d: top right of page 1, no image, 10 pt black text."""
    if widget is None:
        return ["the attachment's signature has no visible text block (Phụ lục I, mục II.8.b)"]
    problems = []
    page = widget.page_box
    if widget.page != 0 or widget.rect.centre_x < page.centre_x or widget.rect.top < page.top - 30 * MM:
        problems.append("the attachment's text block is not at the top right of page 1 (Phụ lục I, mục II.8.b)")
    if widget.image is not None:
        problems.append("the attachment's signature shows an image; ND30 shows none there (Phụ lục I, mục II.8.b)")
    if not widget.font_sizes or any(abs(size - ATTACHMENT_FONT_SIZE) > 0.01 for size in widget.font_sizes):
        problems.append(f"the attachment's text block is not in {ATTACHMENT_FONT_SIZE:g} pt (Phụ lục I, mục II.8.b)")
    if not widget.black_text:
        problems.append("the attachment's text block is not black (Phụ lục I, mục II.8.b)")
    return problems
