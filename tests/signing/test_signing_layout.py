"""The signed page as poppler draws it: the blue signature between title and name, the red seal over its left third.

The places are measured on the picture (pdftoppm draws the signatures' appearances) and on the text
(pdftotext), not taken from congvan's own computation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from signing_helpers import PASSWORD, colour_box, render_page, words

from congvan.signing import Pkcs12Key, Signing, verify_pdf

DPI = 200
MM = 72 / 25.4


def points(box: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    return tuple(value * 72 / DPI for value in box)  # type: ignore[return-value]


def signature_lines(pdf: Path, page: int):
    found = words(pdf, page)
    title = [w for w in found if w.text == "TRƯỞNG"][-1]  # "THỨ TRƯỞNG", the title's last line
    title_line = [w for w in found if abs(w.y_max - title.y_max) < 1 and w.x_min > 300]
    name = [w for w in found if w.text == "Bảo" and w.x_min > 300][-1]
    name_line = [w for w in found if abs(w.y_max - name.y_max) < 1 and w.x_min > 300]
    return title_line, name_line


def test_the_signature_sits_between_the_title_and_the_name(flow, images, tmp_path: Path) -> None:
    from PIL import Image

    page = render_page(flow.signed, 3, DPI, tmp_path)
    blue = colour_box(page, "blue")
    assert blue is not None, "no blue signature drawn on page 3"
    left, top, right, bottom = points(blue)
    title, name = signature_lines(flow.signed, 3)
    title_bottom = max(w.y_max for w in title)
    name_top = min(w.y_min for w in name)
    assert title_bottom <= top and bottom <= name_top, "the signature overlaps the title or the name"
    title_centre = (min(w.x_min for w in title) + max(w.x_max for w in title)) / 2
    assert abs((left + right) / 2 - title_centre) < 2.5, "the signature is not centred on the title"
    # drawn at its real size (it fits): the PNG's ink at its 300 DPI
    ink_left, _, ink_right, _ = Image.open(images.signature).getchannel("A").getbbox()
    assert right - left == pytest.approx((ink_right - ink_left) / 300 * 72, rel=0.03)


def test_the_seal_covers_the_left_third_of_the_signature_at_its_real_size(flow, tmp_path: Path) -> None:
    blue = points(colour_box(render_page(flow.signed, 3, DPI, tmp_path), "blue"))
    red = points(colour_box(render_page(flow.issued, 3, DPI, tmp_path), "red"))
    signature_left, signature_top, signature_right, signature_bottom = blue
    seal_left, seal_top, seal_right, seal_bottom = red
    assert seal_right - seal_left == pytest.approx(36 * MM, rel=0.02), "the seal is not 36 mm wide"
    assert seal_bottom - seal_top == pytest.approx(36 * MM, rel=0.02)
    covered = (seal_right - signature_left) / (signature_right - signature_left)
    assert covered == pytest.approx(1 / 3, abs=0.03), f"the seal covers {covered:.0%} of the signature"
    assert seal_left < signature_left
    assert abs((seal_top + seal_bottom) / 2 - (signature_top + signature_bottom) / 2) < 2.5


def test_the_filled_number_and_date_are_drawn_on_page_one(flow, tmp_path: Path) -> None:
    from PIL import ImageChops

    before = render_page(flow.signed, 1, DPI, tmp_path)
    after = render_page(flow.issued, 1, DPI, tmp_path)
    changed = ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v > 60 else 0).getbbox()
    assert changed is not None
    left, top, right, bottom = points(changed)
    header = words(flow.signed, 1)
    label = next(w for w in header if w.text == "Số:")
    day = next(w for w in header if w.text == "ngày")
    # only the number and date lines changed
    assert top >= min(label.y_min, day.y_min) - 2 and bottom <= max(label.y_max, day.y_max) + 2


def test_verify_sees_a_seal_in_the_wrong_place(flow, pki, images, tmp_path: Path) -> None:
    """A seal drawn beside, not over, the signature: the signatures hold, the ND30 layout does not."""
    from congvan.signing import seal_image
    from congvan.signing.appearance import PaintedStyle
    from congvan.signing.placement import Rect
    from congvan.signing.sign import _run, _sign_revision, build_revision
    from congvan.signing.wording import Role, vietnam_time

    moment = vietnam_time()
    stamp = seal_image(images.seal, size="36mm")
    revision = build_revision(
        flow.signed, Role.ORGANISATION, image=stamp, seal_size=None, number="07", issued_on=None, moment=moment
    )
    revision.style = PaintedStyle(paint=lambda painting: painting.draw_image(stamp, Rect(0, 0, 36 * MM, 36 * MM)))
    with Signing(Pkcs12Key(pki.organisation.p12, PASSWORD)) as signing:
        data, _ = _run(_sign_revision(revision, signing._signer, moment, None))
    misplaced = tmp_path / "misplaced.pdf"
    misplaced.write_bytes(data)
    result = verify_pdf(misplaced, trust=[pki.ca])
    assert all(s.intact and s.valid and s.trusted and s.permitted_changes for s in result.signatures)
    assert not result.ok
    assert any("not about a third" in problem for problem in result.problems)
