"""The images are checked before anything is signed: PNG, transparent, drawn, coloured as ND30 says, a real seal size."""

from __future__ import annotations

from pathlib import Path

import pytest
from signing_helpers import PASSWORD, draw_seal, draw_signature

from congvan.cli import main
from congvan.errors import LimitExceeded, SignatureImageError
from congvan.signing import Pkcs12Key, seal_image, sign_pdf, signature_image
from congvan.signing.images import parse_length_mm


def solid(path: Path, mode: str, colour, size=(300, 120)) -> Path:
    from PIL import Image

    Image.new(mode, size, colour).save(path)
    return path


def test_a_blue_signature_and_a_red_seal_pass_without_warnings(images) -> None:
    signature = signature_image(images.signature)
    assert signature.warnings == ()
    assert signature.real_size_mm is not None  # from its 300 DPI
    from PIL import Image

    seal = seal_image(images.seal)
    assert seal.warnings == ()
    left, _, right, _ = Image.open(images.seal).getchannel("A").getbbox()
    assert seal.real_size_mm[0] == pytest.approx((right - left) / 300 * 25.4, rel=1e-3)  # from the DPI, cropped


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"\xff\xd8\xff\xe0 a JPEG") and p, "not a PNG file"),
        (lambda p: solid(p, "RGB", (20, 40, 200)), "has no transparency"),
        (lambda p: solid(p, "RGBA", (255, 255, 255, 255)), "background is not transparent"),
        (lambda p: solid(p, "RGBA", (0, 0, 0, 0)), "is empty"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n broken") and p, "broken PNG"),
    ],
)
def test_a_wrong_image_is_refused_with_its_reason(tmp_path: Path, make, message) -> None:
    path = tmp_path / "image.png"
    make(path)
    with pytest.raises(SignatureImageError, match=message):
        signature_image(path)


def test_colours_other_than_blue_and_red_are_warned_about(tmp_path: Path) -> None:
    black = signature_image(draw_signature(tmp_path / "black.png", colour=(10, 10, 10, 255)))
    assert len(black.warnings) == 1 and "not blue" in black.warnings[0] and "màu xanh" in black.warnings[0]
    blue_seal = seal_image(draw_seal(tmp_path / "blue-seal.png", colour=(20, 40, 200, 255)), size="36mm")
    assert len(blue_seal.warnings) == 1 and "not red" in blue_seal.warnings[0]


def test_the_seal_size_comes_from_the_option_or_the_png_resolution(images, tmp_path: Path) -> None:
    assert seal_image(images.seal_no_dpi, size="36mm").real_size_mm[0] == pytest.approx(36)
    assert seal_image(images.seal_no_dpi, size="3,6 cm").real_size_mm[0] == pytest.approx(36)
    with pytest.raises(SignatureImageError, match="real size is unknown"):
        seal_image(images.seal_no_dpi)
    tiny = draw_seal(tmp_path / "tiny.png", dpi=3000)  # 472 px at 3000 DPI: 4 mm, not a seal
    with pytest.raises(SignatureImageError, match="not a real seal's size"):
        seal_image(tiny)
    with pytest.raises(SignatureImageError, match="not a length"):
        parse_length_mm("ba mươi sáu")


def test_a_huge_image_is_refused_before_it_is_decoded(images, monkeypatch: pytest.MonkeyPatch) -> None:
    from congvan import limits

    monkeypatch.setattr(limits, "_current", None)
    monkeypatch.setenv("CONGVAN_LIMIT_IMAGE_PIXELS", "1000")
    with pytest.raises(LimitExceeded, match="image_pixels"):
        signature_image(images.signature)
    monkeypatch.setattr(limits, "_current", None)


def test_nothing_is_signed_with_a_wrong_image(letters, pki, images, tmp_path: Path, capsys) -> None:
    opaque = solid(tmp_path / "scan.png", "RGB", (240, 240, 240))
    out = tmp_path / "signed.pdf"
    status = main(["sign", str(letters.draft), "-o", str(out), "--role", "signer", "--p12", str(pki.signer.p12),
                   "--password-file", str(pki.password_file), "--image", str(opaque)])  # fmt: skip
    assert status == 2
    assert "transparent background" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(SignatureImageError, match="give it with --image"):
        sign_pdf(letters.draft, out, role="signer", key=Pkcs12Key(pki.signer.p12, PASSWORD))
    assert not out.exists()


def test_a_black_signature_is_signed_with_a_warning_on_stderr(letters, pki, tmp_path: Path, capsys) -> None:
    black = draw_signature(tmp_path / "black.png", colour=(10, 10, 10, 255))
    out = tmp_path / "signed.pdf"
    status = main(["sign", str(letters.draft), "-o", str(out), "--role", "signer", "--p12", str(pki.signer.p12),
                   "--password-file", str(pki.password_file), "--image", str(black)])  # fmt: skip
    assert status == 0 and out.exists()
    assert "warning:" in capsys.readouterr().err
