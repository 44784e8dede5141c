"""The images of the two signatures, checked before anything is signed.

Phụ lục I, mục II.7.d: the competent person's signature shows the image of their handwritten
signature, "màu xanh, định dạng Portable Network Graphics (.png) nền trong suốt" (blue, PNG,
transparent background). Mục II.8.a: the organisation's signature shows the seal, "màu đỏ, kích
thước bằng kích thước thực tế của dấu, định dạng (.png) nền trong suốt" (red, at the seal's real
size, PNG, transparent background).

A wrong image (not a PNG, no transparency, an opaque background, nothing drawn, a seal of unknown
or implausible size) raises `SignatureImageError`; a colour other than blue or red is a warning
(`StampImage.warnings`), since scans vary. Each image is cropped to what is drawn on it, so that
its box is the signature or the seal itself.
"""

from __future__ import annotations

import io
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from congvan import limits
from congvan.errors import SignatureImageError

PathLike = str | os.PathLike[str]
MM = 72 / 25.4
"""Points per millimetre."""

#: A real seal is between these sizes (congvan's plausibility bounds, not ND30's): a seal
#: whose size comes out outside them was measured wrongly (a PNG's resolution, a typo).
SEAL_MIN_MM = 20.0
SEAL_MAX_MM = 50.0

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_INK_ALPHA = 8
"""A pixel with more opacity than this (of 255) is drawn; less is background."""
_LENGTH = re.compile(r"^\s*(?P<value>\d+(?:[.,]\d+)?)\s*(?P<unit>mm|cm|in|pt)?\s*$", re.IGNORECASE)
_UNIT_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}


@dataclass(frozen=True)
class StampImage:
    """A checked PNG, cropped to its drawing, ready to embed (RGB and alpha, Flate-compressed)."""

    source: str
    """Where it came from, for messages."""
    kind: str
    """"signature" or "seal"."""
    width_px: int
    height_px: int
    real_size_mm: tuple[float, float] | None
    """Width and height as printed, when known (``--seal-size``, or the PNG's resolution)."""
    rgb_flate: bytes
    alpha_flate: bytes
    warnings: tuple[str, ...] = ()

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width_px / self.height_px


def parse_length_mm(text: str) -> float:
    """A length as a person writes it ("36mm", "36 mm", "3,6 cm", "36") in millimetres; a bare number is mm."""
    match = _LENGTH.match(str(text))
    if not match:
        raise SignatureImageError(f"{text!r} is not a length: write the seal's size as e.g. '36mm' or '3.6cm'")
    value = float(match["value"].replace(",", "."))
    return value * _UNIT_MM[(match["unit"] or "mm").lower()]


def signature_image(png: PathLike | bytes, *, source: str | None = None) -> StampImage:
    """The competent person's signature image (Phụ lục I, mục II.7.d), checked; warns unless it is blue."""
    image, name, dpi = _open(png, source, "signature")
    warnings = _colour_warnings(image, name, "signature")
    size = _size_from_dpi(image, dpi)
    return _stamp(image, name, "signature", size, warnings)


def seal_image(png: PathLike | bytes, *, size: str | float | None = None, source: str | None = None) -> StampImage:
    """The organisation's seal image (Phụ lục I, mục II.8.a), checked, at its real size; warns unless it is red.

    ``size`` is the seal's width (its diameter, for a round seal) as "36mm" or in mm; without it, the
    PNG's resolution (its ``pHYs`` chunk) gives the size. The image is cropped to the seal first.
    """
    image, name, dpi = _open(png, source, "seal")
    warnings = _colour_warnings(image, name, "seal")
    if size is not None:
        width_mm = size if isinstance(size, int | float) else parse_length_mm(size)
        real = (width_mm, width_mm * image.height / image.width)
        how = f"--seal-size {width_mm:g}mm"
    else:
        real = _size_from_dpi(image, dpi)
        if real is None:
            raise SignatureImageError(
                f"{name}: the seal's real size is unknown (Phụ lục I, mục II.8.a asks for it): give it, "
                "e.g. --seal-size 36mm, or save the PNG with its resolution (DPI)"
            )
        how = f"its resolution, {dpi[0]:g} DPI" if dpi else "its resolution"
    if not SEAL_MIN_MM <= real[0] <= SEAL_MAX_MM or not SEAL_MIN_MM / 2 <= real[1] <= SEAL_MAX_MM:
        raise SignatureImageError(
            f"{name}: from {how} the seal would be {real[0]:.1f} × {real[1]:.1f} mm, not a real seal's size "
            f"({SEAL_MIN_MM:g}–{SEAL_MAX_MM:g} mm); give the size as printed, e.g. --seal-size 36mm"
        )
    return _stamp(image, name, "seal", real, warnings)


def _open(png: PathLike | bytes, source: str | None, kind: str):  # -> (Image, name, dpi)
    from PIL import Image, UnidentifiedImageError

    if isinstance(png, bytes | bytearray):
        data, name = bytes(png), source or f"the {kind} image"
    else:
        path = Path(png)
        name = source or str(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SignatureImageError(f"{name}: cannot read the {kind} image ({error.strerror or error})")
    if not data.startswith(_PNG_MAGIC):
        raise SignatureImageError(
            f"{name}: not a PNG file; ND30 asks for the {kind} image as PNG with a transparent background"
        )
    try:
        image = Image.open(io.BytesIO(data))
        limits.current().raise_for("image_pixels", image.width * image.height, f"{name}: the {kind} image's pixels")
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise SignatureImageError(f"{name}: a broken PNG file ({error})")
    dpi = image.info.get("dpi")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if not has_alpha:
        raise SignatureImageError(
            f"{name}: the {kind} image has no transparency (mode {image.mode}); ND30 asks for a PNG with a "
            "transparent background (nền trong suốt): save it with an alpha channel"
        )
    image = image.convert("RGBA")
    alpha = image.getchannel("A")
    ink = alpha.point(lambda a: 255 if a > _INK_ALPHA else 0)
    box = ink.getbbox()
    if box is None:
        raise SignatureImageError(f"{name}: the {kind} image is empty (every pixel is transparent)")
    opaque_border = _opaque_border_share(ink)
    if opaque_border > 0.5:
        raise SignatureImageError(
            f"{name}: the {kind} image's background is not transparent ({opaque_border:.0%} of its edge is "
            "opaque); ND30 asks for a transparent background (nền trong suốt)"
        )
    return image.crop(box), name, _valid_dpi(dpi)


def _valid_dpi(dpi: object) -> tuple[float, float] | None:
    if not isinstance(dpi, tuple) or len(dpi) != 2:
        return None
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError):
        return None
    return (x, y) if x > 1 and y > 1 else None


def _opaque_border_share(ink) -> float:  # ink: mode "L", 0 or 255
    width, height = ink.size
    edges = [ink.crop((0, 0, width, 1)), ink.crop((0, height - 1, width, height))]
    edges += [ink.crop((0, 0, 1, height)), ink.crop((width - 1, 0, width, height))]
    opaque = sum(edge.histogram()[255] for edge in edges)
    total = 2 * width + 2 * height
    return opaque / total


#: Hue ranges (of Pillow's 0–255 scale) of the colours ND30 names: blue ink 180°–270°, red seal ink ≤ 25° or ≥ 335°.
_HUES = {
    "signature": ("blue", "màu xanh", "mục II.7.d", range(128, 192)),
    "seal": ("red", "màu đỏ", "mục II.8.a", None),
}


def _colour_warnings(image, name: str, kind: str) -> tuple[str, ...]:
    from PIL import ImageChops

    colour, vietnamese, item, hues = _HUES[kind]
    hue, saturation, value = image.convert("RGB").convert("HSV").split()
    alpha = image.getchannel("A")
    ink = alpha.point(lambda a: 255 if a > 128 else 0).convert("1")
    coloured = ImageChops.logical_and(saturation.point(lambda s: 255 if s > 64 else 0).convert("1"), ink)
    coloured = ImageChops.logical_and(value.point(lambda v: 255 if v > 40 else 0).convert("1"), coloured)
    ink_count = ink.histogram()[255] or 1
    histogram = hue.histogram(mask=coloured.convert("L"))
    if hues is None:  # red wraps around 0°
        matching = sum(histogram[:18]) + sum(histogram[238:])
    else:
        matching = sum(histogram[hues.start : hues.stop])
    share = matching / ink_count
    if share >= 0.5:
        return ()
    return (
        f"{name}: the {kind} is not {colour} ({share:.0%} of its ink is); "
        f"ND30 Phụ lục I, {item} asks for {vietnamese} ({colour})",
    )


def _size_from_dpi(image, dpi: tuple[float, float] | None) -> tuple[float, float] | None:
    if dpi is None:
        return None
    return image.width / dpi[0] * 25.4, image.height / dpi[1] * 25.4


def _stamp(image, name: str, kind: str, size: tuple[float, float] | None, warnings: tuple[str, ...]) -> StampImage:
    return StampImage(
        source=name,
        kind=kind,
        width_px=image.width,
        height_px=image.height,
        real_size_mm=size,
        rgb_flate=zlib.compress(image.convert("RGB").tobytes(), 6),
        alpha_flate=zlib.compress(image.getchannel("A").tobytes(), 6),
        warnings=warnings,
    )
