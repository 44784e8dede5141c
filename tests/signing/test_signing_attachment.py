"""An attachment in its own file: the organisation's signature alone, no image, "Số: …; <ISO 8601 time>" top right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from signing_helpers import PASSWORD, pdfsig, render_page

from congvan.errors import SigningError, SigningOrderError
from congvan.signing import Pkcs12Key, sign_pdf, verify_pdf

DPI = 200
MM = 72 / 25.4


@pytest.fixture(scope="module")
def signed_attachment(letters, pki, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("attachment") / "phu-luc-signed.pdf"
    result = sign_pdf(
        letters.attachment,
        out,
        role="attachment",
        key=Pkcs12Key(pki.organisation.p12, PASSWORD),
        number="07/BTTTT-TTĐN",
    )
    return out, result


def appearance(pdf: Path, field: str):
    from pypdf import PdfReader

    for ref in PdfReader(pdf).pages[0].get("/Annots") or []:
        annot = ref.get_object()
        if annot.get("/T") == field:
            return annot, annot["/AP"]["/N"].get_object()
    raise AssertionError(f"no widget {field} on page 1")


def test_the_attachment_verifies_as_an_attachment(signed_attachment, pki) -> None:
    out, _ = signed_attachment
    result = verify_pdf(out, trust=[pki.ca])
    assert result.ok, result.problems
    assert result.kind == "attachment"
    assert [s.role.value for s in result.signatures] == ["attachment"]
    (signature,) = pdfsig(out)
    assert signature["Signature Validation"] == "Signature is Valid."
    assert signature["Signature Field Name"] == "CoQuanToChucKemTheo"


def test_the_text_block_says_number_and_signing_time_in_iso_8601(signed_attachment) -> None:
    out, result = signed_attachment
    _, stream = appearance(out, "CoQuanToChucKemTheo")
    content = stream.get_data()
    actual = re.findall(rb"/ActualText \((.*?)\)\s*>>", content, re.S)
    text = "".join(_pdf_string(raw) for raw in actual)
    assert re.fullmatch(r"Số: 07/BTTTT-TTĐN; \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", text), text
    assert text.endswith(result.signing_time.isoformat())
    assert re.search(rb"/F\d+ 10(\.0+)? Tf 0 g", content), "not 10 pt black"
    fonts = stream["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert all(re.search(r"Tinos|LiberationSerif|TimesNewRoman", name) for name in names), names
    assert "/XObject" not in stream["/Resources"], "an attachment's signature shows no image"


def _pdf_string(raw: bytes) -> str:
    """A literal PDF string as pyHanko writes ActualText: UTF-16BE with a BOM, octal escapes."""
    out = bytearray()
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == 0x5C:  # backslash
            following = raw[index + 1 : index + 4]
            if following[:1].isdigit():
                digits = re.match(rb"[0-7]{1,3}", following).group()
                out.append(int(digits, 8))
                index += 1 + len(digits)
                continue
            out.append(raw[index + 1])
            index += 2
            continue
        out.append(char)
        index += 1
    data = bytes(out)
    return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")


def test_the_block_is_drawn_top_right_of_page_one_in_black_at_10_pt(signed_attachment, letters, tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont
    from PIL import ImageChops

    out, result = signed_attachment
    before = render_page(letters.attachment, 1, DPI, tmp_path)
    after = render_page(out, 1, DPI, tmp_path)
    changed = ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v > 40 else 0)
    left, top, right, bottom = (v * 72 / DPI for v in changed.getbbox())
    width_pt = before.width * 72 / DPI
    assert right == pytest.approx(width_pt - 15 * MM, abs=1.5), "not right-aligned at the 15 mm margin"
    assert bottom < 25 * MM and top > 5 * MM, "not at the top of the page"
    # as wide as its text in Times New Roman (or Liberation Serif/Tinos, same widths) at 10 pt
    times = TTFont("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
    cmap, metrics = times.getBestCmap(), times["hmtx"].metrics
    text = f"Số: 07/BTTTT-TTĐN; {result.signing_time.isoformat()}"
    expected = sum(metrics[cmap[ord(c)]][0] for c in text) * 10 / times["head"].unitsPerEm
    assert right - left == pytest.approx(expected, rel=0.04)
    # black: the drawn pixels are grey levels, no colour
    box = after.crop(changed.getbbox())
    r, g, b = box.split()
    assert ImageChops.difference(r, b).getextrema()[1] < 40 and ImageChops.difference(r, g).getextrema()[1] < 40


def test_an_attachment_shows_no_image(letters, pki, images, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    with pytest.raises(SigningError, match="Không hiển thị"):
        sign_pdf(
            letters.attachment,
            out,
            role="attachment",
            key=Pkcs12Key(pki.organisation.p12, PASSWORD),
            image=images.seal,
            number="07/BTTTT-TTĐN",
        )
    with pytest.raises(SigningError, match="--number"):
        sign_pdf(letters.attachment, out, role="attachment", key=Pkcs12Key(pki.organisation.p12, PASSWORD))
    assert not out.exists()


def test_a_letter_is_not_signed_as_an_attachment_nor_an_attachment_by_the_signer(
    flow, signed_attachment, pki, images, tmp_path: Path
) -> None:
    with pytest.raises(SigningOrderError, match="not a separate attachment"):
        sign_pdf(flow.signed, tmp_path / "x.pdf", role="attachment", key=Pkcs12Key(pki.organisation.p12, PASSWORD),
                 number="07/BTTTT-TTĐN")  # fmt: skip
    with pytest.raises(SigningOrderError, match="attachment signed by the organisation"):
        sign_pdf(signed_attachment[0], tmp_path / "y.pdf", role="signer", key=Pkcs12Key(pki.signer.p12, PASSWORD),
                 image=images.signature)  # fmt: skip


def test_a_long_number_puts_the_time_on_a_second_line(letters, pki, tmp_path: Path) -> None:
    out = tmp_path / "phu-luc.pdf"
    result = sign_pdf(letters.attachment, out, role="attachment", key=Pkcs12Key(pki.organisation.p12, PASSWORD),
                      number="1234/QĐ-UBND-VPUBND-TTHC")  # fmt: skip
    _, stream = appearance(out, "CoQuanToChucKemTheo")
    lines = [_pdf_string(raw) for raw in re.findall(rb"/ActualText \((.*?)\)\s*>>", stream.get_data(), re.S)]
    assert lines == ["Số: 1234/QĐ-UBND-VPUBND-TTHC;", result.signing_time.isoformat()]
    annot, _ = appearance(out, "CoQuanToChucKemTheo")
    x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
    assert x2 - x1 == pytest.approx(76.9 * MM, abs=0.1)  # Mẫu 2.2's frame
    assert verify_pdf(out, trust=[pki.ca]).ok
