"""Signing-ready PDFs: congvan's templates carry ô 3, ô 4 and ô 7c into the PDF as named destinations, and
``to_pdf`` (so ``render --pdf`` and ``batch --pdf``) adds the locked signature and text fields from them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from signing_helpers import PASSWORD, SIGNER_NAME

from congvan.cli import main
from congvan.errors import SigningError
from congvan.signing import Pkcs12Key, prepare_pdf, sign_pdf, verify_pdf

SIGNATURE_FIELDS = {"NguoiCoThamQuyen", "CoQuanToChuc"}
TEXT_FIELDS = {"SoKyHieu", "NgayBanHanh"}
ROOT = Path(__file__).resolve().parents[2]


def fields(pdf: Path) -> dict[str, dict]:
    """The PDF's form fields by name: their rect, type and the FieldMDP lock of a signature field."""
    from pypdf import PdfReader

    form = PdfReader(pdf).trailer["/Root"].get("/AcroForm")
    found = {}
    for ref in form["/Fields"] if form is not None else []:
        field = ref.get_object()
        lock = field.get("/Lock")
        found[str(field["/T"])] = {
            "type": str(field["/FT"]),
            "rect": [float(v) for v in field["/Rect"]],
            "lock": None if lock is None else (str(lock["/Action"]), sorted(str(f) for f in lock.get("/Fields", []))),
        }
    return found


def destinations(pdf: Path) -> dict[str, tuple[int, float, float]]:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    return {
        str(name).removeprefix("/"): (reader.get_destination_page_number(d), float(d.left), float(d.top))
        for name, d in reader.named_destinations.items()
    }


def close(a: list[float], b: list[float], tolerance: float) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def test_to_pdf_makes_a_draft_signing_ready_with_locked_fields(letters) -> None:
    found = fields(letters.draft)
    assert set(found) == SIGNATURE_FIELDS | TEXT_FIELDS
    assert found["NguoiCoThamQuyen"]["lock"] == ("/Exclude", ["CoQuanToChuc", "NgayBanHanh", "SoKyHieu"])
    assert found["CoQuanToChuc"]["lock"] == ("/All", [])
    assert {found[name]["type"] for name in TEXT_FIELDS} == {"/Tx"}
    assert fields(letters.plain) == {}  # signing_ready=False: as LibreOffice wrote it


def test_the_fields_from_the_destinations_stand_where_the_text_puts_them(letters, tmp_path: Path) -> None:
    """The destinations (draft) and the text search (untagged, as a user's template) find the same places."""
    by_text = fields(prepare_pdf(letters.untagged, tmp_path / "by-text.pdf"))
    by_anchors = fields(letters.draft)
    assert set(by_text) == set(by_anchors)
    for name in TEXT_FIELDS:
        assert close(by_anchors[name]["rect"], by_text[name]["rect"], 0.5), name
    # ô 7c: the same axis; its top under the title and its bottom over the name, within the text's own slack
    assert close(by_anchors["NguoiCoThamQuyen"]["rect"], by_text["NguoiCoThamQuyen"]["rect"], 2.5)


def test_the_places_come_from_the_destinations(letters, tmp_path: Path) -> None:
    """Move the destination of ô 7c's top 10 pt down: the signer's field follows it, not the text."""
    moved = move_destination(letters.plain, "cv5Fsignature", -10.0, tmp_path / "moved.pdf")
    original = fields(prepare_pdf(letters.plain, tmp_path / "ready.pdf"))["NguoiCoThamQuyen"]["rect"]
    shifted = fields(prepare_pdf(moved, tmp_path / "moved-ready.pdf"))["NguoiCoThamQuyen"]["rect"]
    assert shifted[3] == pytest.approx(original[3] - 10.0, abs=0.01)  # the top, under the title
    assert shifted[1] == pytest.approx(original[1], abs=0.01)  # the bottom, over the name


def test_a_missing_name_destination_is_refused_by_name(letters, tmp_path: Path) -> None:
    broken = move_destination(letters.plain, "cv5Fsigner5Fname", None, tmp_path / "broken.pdf")
    with pytest.raises(SigningError, match="the destination 'cv_signer_name' is missing"):
        prepare_pdf(broken, tmp_path / "ready.pdf")
    assert not (tmp_path / "ready.pdf").exists()


def test_a_numbered_letter_gets_only_the_signature_fields(letters) -> None:
    assert set(fields(letters.numbered)) == SIGNATURE_FIELDS
    assert fields(letters.numbered)["NguoiCoThamQuyen"]["lock"] == ("/Exclude", ["CoQuanToChuc"])
    assert {"cv5Fnumber5Fgiven", "cv5Fdate5Fgiven"} <= set(destinations(letters.numbered))


def test_a_draft_without_the_signers_name_stays_unprepared(letters) -> None:
    assert fields(letters.unnamed) == {}  # the signer's step refuses it (test_signing_flow), saying why


def test_a_letter_without_congvans_bookmarks_signs_by_its_text(letters, pki, images, tmp_path: Path) -> None:
    assert destinations(letters.untagged) == {} and fields(letters.untagged) == {}
    signed, issued = tmp_path / "signed.pdf", tmp_path / "issued.pdf"
    sign_pdf(letters.untagged, signed, role="signer", key=Pkcs12Key(pki.signer.p12, PASSWORD), image=images.signature)
    sign_pdf(signed, issued, role="organisation", key=Pkcs12Key(pki.organisation.p12, PASSWORD),
             image=images.seal, seal_size="36mm", number="07")  # fmt: skip
    assert verify_pdf(issued, trust=[pki.ca]).ok


def test_render_pdf_writes_a_signing_ready_letter(tmp_path: Path, capsys) -> None:
    data = tmp_path / "letter.yaml"
    text = (ROOT / "data" / "directive-2020.yaml").read_text(encoding="utf-8")
    data.write_text(text.replace("  name: null", f"  name: {SIGNER_NAME}"), encoding="utf-8")
    assert main(["render", str(data), "-o", str(tmp_path / "letter.docx"), "--pdf"]) == 0, capsys.readouterr().err
    assert set(fields(tmp_path / "letter.pdf")) == SIGNATURE_FIELDS | TEXT_FIELDS


def test_batch_pdf_writes_signing_ready_letters(tmp_path: Path, capsys) -> None:
    letter = tmp_path / "follow-up.yaml"
    text = (ROOT / "data/follow-up-2020.yaml").read_text(encoding="utf-8")
    letter.write_text(text.replace("  name: null", f"  name: {SIGNER_NAME}"), encoding="utf-8")
    (tmp_path / "directive-2020.yaml").write_text((ROOT / "data/directive-2020.yaml").read_text(encoding="utf-8"))
    table = tmp_path / "rows.csv"
    table.write_text("province,plan_received\nHà Nội,không\nCao Bằng,không\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(letter), str(table), "-o", str(out), "--pdf"]) == 0, capsys.readouterr().err
    pdfs = sorted((out / "pdf").glob("[0-9]*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        assert set(fields(pdf)) == SIGNATURE_FIELDS  # numbered and dated by the batch: no blanks
        page, axis, _ = destinations(pdf)["cv5Fsignature"]
        assert page == 0 and 380 < axis < 430  # each letter's own anchors, on its own first page
    assert fields(out / "pdf" / "all-letters.pdf") == {}  # the print file is not a legal original


def move_destination(pdf: Path, name: str, by: float | None, out: Path) -> Path:
    """``pdf`` with the named destination ``name`` moved ``by`` points up (down when negative), or removed (``None``)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import FloatObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(pdf))
    dests = writer.root_object["/Dests"].get_object()
    key = NameObject(f"/{name}")
    if by is None:
        del dests[key]
    else:
        array = dests[key].get_object()
        array[3] = FloatObject(float(array[3]) + by)
    buffer = io.BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out
