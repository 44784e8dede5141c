"""ND30's two signatures on a rendered letter: the signer, then the organisation; what breaks them is detected."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from signing_helpers import ORGANISATION, PASSWORD, SIGNER_NAME, pdfsig

from congvan.cli import main
from congvan.errors import SigningError, SigningOrderError
from congvan.signing import Pkcs12Key, prepare_pdf, sign_pdf, verify_pdf


def widget_values(pdf: Path) -> dict[str, str | None]:
    from pypdf import PdfReader

    values = {}
    for page in PdfReader(pdf).pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if "/T" in annot:
                values[str(annot["/T"])] = str(annot["/V"]) if "/V" in annot and isinstance(annot["/V"], str) else None
    return values


def add_text_annotation(source: Path, target: Path) -> None:
    """Someone adds a sticky note to page 1 after signing, as an incremental update."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(source.read_bytes()))
    page_ref = writer.find_page_for_modification(0)[0]
    note = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Text"),
            pdf_name("/Rect"): generic.ArrayObject(map(generic.FloatObject, (50, 50, 70, 70))),
            pdf_name("/Contents"): pdf_string("Đã sửa số liệu"),
        }
    )
    writer.register_annotation(page_ref, writer.add_object(note))
    buffer = io.BytesIO()
    writer.write(buffer)
    target.write_bytes(buffer.getvalue())


def test_the_signer_then_the_organisation_and_both_signatures_hold(flow, pki) -> None:
    result = verify_pdf(flow.issued, trust=[pki.ca])
    assert result.ok, result.problems
    assert result.kind == "letter"
    signer, organisation = result.signatures
    assert (signer.role.value, organisation.role.value) == ("signer", "organisation")
    assert SIGNER_NAME in signer.subject and ORGANISATION in organisation.subject
    # the signer's signature is still valid after the organisation's step: its later changes are form filling
    assert signer.intact and signer.valid and signer.trusted and signer.permitted_changes
    assert signer.changes == "FORM_FILLING"
    assert organisation.changes == "none"
    assert signer.signing_time <= organisation.signing_time
    assert signer.revision < organisation.revision


def test_poppler_lists_both_signatures_as_valid(flow) -> None:
    signatures = pdfsig(flow.issued)
    assert [s["Signature Field Name"] for s in signatures] == ["NguoiCoThamQuyen", "CoQuanToChuc"]
    for signature in signatures:
        assert signature["Signature Validation"] == "Signature is Valid."
        assert signature["Signature Type"] == "ETSI.CAdES.detached"
    assert "Not total document signed" in signatures[0]
    assert "Total document signed" in signatures[1]
    assert SIGNER_NAME in signatures[0]["Signer Certificate Common Name"]


def test_after_the_signer_alone_the_letter_is_not_yet_issued(flow, pki) -> None:
    result = verify_pdf(flow.signed, trust=[pki.ca])
    assert not result.ok
    assert result.signatures[0].integrity_problem == ""
    problems = " | ".join(result.problems)
    assert "no signature of the organisation" in problems
    assert "number is still blank" in problems and "issue date is still blank" in problems


def test_the_organisation_fills_the_number_and_the_issue_date(flow) -> None:
    from congvan.vietnamese import format_date

    values = widget_values(flow.issued)
    assert values["SoKyHieu"] == "Số: 07/BTTTT-TTĐN"
    assert values["NgayBanHanh"] == f"Hà Nội, {format_date(flow.issued_on)}"
    assert widget_values(flow.signed)["SoKyHieu"] is None


def test_a_changed_byte_is_detected(flow, pki, tmp_path: Path) -> None:
    data = bytearray(flow.issued.read_bytes())
    at = data.index(b"LibreOffice")  # in the document information, covered by both signatures
    data[at] = ord("l")
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    result = verify_pdf(tampered, trust=[pki.ca])
    assert not result.ok
    assert all(not s.intact for s in result.signatures)
    assert sum("integrity" in problem for problem in result.problems) == 2
    assert all(s["Signature Validation"] != "Signature is Valid." for s in pdfsig(tampered))


def test_an_annotation_added_after_signing_is_a_modification(flow, pki, tmp_path: Path) -> None:
    annotated = tmp_path / "annotated.pdf"
    add_text_annotation(flow.issued, annotated)
    result = verify_pdf(annotated, trust=[pki.ca])
    assert not result.ok
    for signature in result.signatures:
        assert signature.intact and signature.valid  # the signed bytes are untouched …
        assert not signature.permitted_changes  # … but the change after them is not a permitted one
    assert sum("beyond what its lock permits" in problem for problem in result.problems) == 2


def test_the_organisation_refuses_a_pdf_without_the_signers_signature(letters, pki, images, tmp_path: Path) -> None:
    key = Pkcs12Key(pki.organisation.p12, PASSWORD)
    prepared = prepare_pdf(letters.plain, tmp_path / "ready.pdf")
    for unsigned in (letters.plain, letters.untagged, letters.draft, prepared):
        out = tmp_path / f"issued-{unsigned.name}"
        with pytest.raises(SigningOrderError, match=r"Điều 32\.2\.d"):
            sign_pdf(unsigned, out, role="organisation", key=key, image=images.seal, seal_size="36mm", number="07")
        assert not out.exists()


def test_the_organisation_refuses_when_the_signers_signature_no_longer_holds(flow, pki, images, tmp_path: Path) -> None:
    annotated = tmp_path / "annotated.pdf"
    add_text_annotation(flow.signed, annotated)
    out = tmp_path / "issued.pdf"
    with pytest.raises(SigningOrderError, match="not valid"):
        sign_pdf(
            annotated,
            out,
            role="organisation",
            key=Pkcs12Key(pki.organisation.p12, PASSWORD),
            image=images.seal,
            seal_size="36mm",
            number="07",
        )
    assert not out.exists()


def test_nothing_is_signed_twice(flow, pki, images, tmp_path: Path) -> None:
    with pytest.raises(SigningOrderError, match="already signed"):
        sign_pdf(
            flow.signed,
            tmp_path / "a.pdf",
            role="signer",
            key=Pkcs12Key(pki.signer.p12, PASSWORD),
            image=images.signature,
        )
    with pytest.raises(SigningOrderError, match="already signed"):
        sign_pdf(
            flow.issued,
            tmp_path / "b.pdf",
            role="organisation",
            key=Pkcs12Key(pki.organisation.p12, PASSWORD),
            image=images.seal,
            seal_size="36mm",
            number="08",
        )
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("07/UBND-VX", "the letter's symbol is 'BTTTT-TTĐN'"),
        ("/BTTTT-TTĐN", "no number"),
        (None, "leaves the number blank"),
    ],
)
def test_the_number_must_fit_the_draft(flow, pki, images, tmp_path: Path, number, message) -> None:
    with pytest.raises(SigningError, match=message):
        sign_pdf(
            flow.signed,
            tmp_path / "issued.pdf",
            role="organisation",
            key=Pkcs12Key(pki.organisation.p12, PASSWORD),
            image=images.seal,
            seal_size="36mm",
            number=number,
        )


def test_the_issue_date_is_not_before_the_signature_nor_in_the_future(flow, pki, images, tmp_path: Path) -> None:
    import datetime as dt

    for day, message in ((flow.issued_on - dt.timedelta(days=2), "before the competent person signed"),
                         (flow.issued_on + dt.timedelta(days=2), "after the signing day")):  # fmt: skip
        with pytest.raises(SigningError, match=message):
            sign_pdf(
                flow.signed,
                tmp_path / "issued.pdf",
                role="organisation",
                key=Pkcs12Key(pki.organisation.p12, PASSWORD),
                image=images.seal,
                seal_size="36mm",
                number="07",
                issued_on=day,
            )


def test_a_letter_without_the_signers_name_has_no_place_for_the_signature(letters, pki, images, tmp_path: Path) -> None:
    with pytest.raises(SigningError, match=r"no signer's name under the place of the signature; ND30 .*II\.7\.c"):
        sign_pdf(
            letters.unnamed,
            tmp_path / "s.pdf",
            role="signer",
            key=Pkcs12Key(pki.signer.p12, PASSWORD),
            image=images.signature,
        )


def test_a_letter_with_its_number_and_date_printed(letters, pki, images, tmp_path: Path) -> None:
    signed, issued = tmp_path / "signed.pdf", tmp_path / "issued.pdf"
    sign_pdf(letters.numbered, signed, role="signer", key=Pkcs12Key(pki.signer.p12, PASSWORD), image=images.signature)
    assert set(widget_values(signed)) == {"NguoiCoThamQuyen", "CoQuanToChuc"}  # no blanks to fill
    organisation = Pkcs12Key(pki.organisation.p12, PASSWORD)
    with pytest.raises(SigningError, match="already prints its number"):
        sign_pdf(
            signed,
            issued,
            role="organisation",
            key=organisation,
            image=images.seal,
            seal_size="36mm",
            number="136/BTTTT-TTĐN",
        )
    result = sign_pdf(signed, issued, role="organisation", key=organisation, image=images.seal, seal_size="36mm",
                      number="135/BTTTT-TTĐN")  # fmt: skip
    assert result.number == "135/BTTTT-TTĐN"
    assert verify_pdf(issued, trust=[pki.ca]).ok


def test_the_chain_must_lead_to_a_given_root(flow, pki) -> None:
    untrusted = verify_pdf(flow.issued, trust=[pki.other_ca])
    assert not untrusted.ok
    assert all(not s.trusted for s in untrusted.signatures)
    assert sum("certificate chain" in problem for problem in untrusted.problems) == 2
    unchecked = verify_pdf(flow.issued)
    assert not unchecked.ok and any("no trust roots given" in problem for problem in unchecked.problems)


def test_a_pdf_without_signatures_or_not_a_pdf_fails_verification(letters, tmp_path: Path) -> None:
    assert "carries no digital signature" in " ".join(verify_pdf(letters.draft).problems)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    assert "not a PDF file" in " ".join(verify_pdf(junk).problems)


def test_the_command_line_refuses_an_unsigned_letter_with_exit_2(letters, pki, images, tmp_path: Path, capsys) -> None:
    out = tmp_path / "issued.pdf"
    status = main(
        ["sign", str(letters.draft), "-o", str(out), "--role", "organisation", "--p12", str(pki.organisation.p12),
         "--password-file", str(pki.password_file), "--image", str(images.seal), "--seal-size", "36mm", "--number", "07"]
    )  # fmt: skip
    assert status == 2
    assert "Điều 32.2.d" in capsys.readouterr().err
    assert not out.exists()
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_number_changed_after_the_organisation_signed_is_a_modification(flow, pki, tmp_path: Path) -> None:
    """The organisation's signature locks every field: refilling the number afterwards breaks it."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from congvan.signing import fields

    writer = IncrementalPdfFileWriter(io.BytesIO(flow.issued.read_bytes()))
    fields.fill_text_field(writer, fields.find_field(writer, fields.NUMBER_FIELD), "Số: 08/BTTTT-TTĐN")
    buffer = io.BytesIO()
    writer.write(buffer)
    renumbered = tmp_path / "renumbered.pdf"
    renumbered.write_bytes(buffer.getvalue())
    assert widget_values(renumbered)["SoKyHieu"] == "Số: 08/BTTTT-TTĐN"
    result = verify_pdf(renumbered, trust=[pki.ca])
    signer, organisation = result.signatures
    assert signer.permitted_changes  # the signer left the number open to the văn thư …
    assert not organisation.permitted_changes  # … the organisation did not
    assert not result.ok
