"""What the signatures and the filled fields look like: PDF appearance streams (form XObjects).

- A signature's image (the signer's signature, the seal) is drawn at a given place in its widget,
  as an image XObject with a soft mask (its transparency).
- Text (the attachment's block, the number and the issue date) is drawn with an embedded subset of
  Times New Roman, or of the metric-compatible Liberation Serif or Tinos that replace it (the
  letter's own font, see docs/pdf.md); Phụ lục I, mục II.8.b asks for "phông chữ Times New Roman,
  chữ in thường, kiểu chữ đứng, cỡ chữ 10, màu đen".
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import AppearanceContent, ResourceType
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.stamp.base import BaseStampStyle

from congvan.errors import SigningError
from congvan.signing.images import StampImage
from congvan.signing.placement import Rect

if TYPE_CHECKING:
    from pyhanko.pdf_utils.writer import BasePdfFileWriter

#: Families accepted for Times New Roman: itself, or a metric-compatible substitute.
TIMES_FAMILIES = ("Times New Roman", "Liberation Serif", "Tinos")
INSTALL_FONTS = "apt-get install fonts-liberation2 fonts-croscore"
_KNOWN_FILES = {
    False: (
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Italic.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
        "/usr/share/fonts/truetype/croscore/Tinos-Italic.ttf",
    ),
}


@functools.lru_cache(maxsize=2)
def times_font(italic: bool = False) -> str:
    """The font file for Times New Roman (upright or italic) on this machine, or its metric-compatible substitute."""
    style = "Italic" if italic else "Regular"
    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        found = subprocess.run(
            [fc_match, "--format=%{file}\n%{family}", f"Times New Roman:style={style}"],
            capture_output=True,
            text=True,
            check=False,
        )
        path, _, families = found.stdout.partition("\n")
        if found.returncode == 0 and any(name in families for name in TIMES_FAMILIES) and Path(path).is_file():
            return path
    for path in _KNOWN_FILES[italic]:
        if Path(path).is_file():
            return path
    raise SigningError(
        f"Times New Roman {style.lower()} is not installed, nor a metric-compatible substitute "
        f"({', '.join(TIMES_FAMILIES[1:])}); ND30 writes the signature's text in it. Install one: {INSTALL_FONTS}"
    )


class Painting(AppearanceContent):
    """An appearance stream: content operators over a box, with their resources."""

    def __init__(self, writer: BasePdfFileWriter, width: float, height: float) -> None:
        super().__init__(writer=writer, box=BoxConstraints(width=width, height=height))
        self._ops: list[bytes] = []
        self._fonts: dict[tuple[str, float], tuple[object, str]] = {}

    def add(self, ops: bytes) -> None:
        self._ops.append(ops)

    def render(self) -> bytes:
        return b"\n".join(self._ops)

    def draw_image(self, image: StampImage, where: Rect) -> None:
        """Draw ``image`` filling ``where`` (in the box's coordinates)."""
        name = f"/Im{len(self._ops)}"
        self.set_resource(ResourceType.XOBJECT, pdf_name(name), image_xobject(self.writer, image))
        self.add(
            b"q %.3f 0 0 %.3f %.3f %.3f cm %s Do Q"
            % (where.width, where.height, where.left, where.bottom, name.encode())
        )

    def draw_text(
        self, text: str, *, x: float, baseline: float, size: float, font_file: str, align: str = "left"
    ) -> float:
        """Write ``text`` in black on ``baseline``, starting at ``x`` (or ending there, or centred on it); its width."""
        key = (font_file, size)
        if key not in self._fonts:
            engine = _glyph_accumulator()(self.writer, io.BytesIO(_font_bytes(font_file)), size)
            name = f"/F{len(self._fonts) + 1}"
            self.set_resource(ResourceType.FONT, pdf_name(name), engine.as_resource())
            self._fonts[key] = (engine, name)
        engine, name = self._fonts[key]
        shaped = engine.shape(text)  # type: ignore[attr-defined]
        width = shaped.x_advance * size
        start = {"left": x, "right": x - width, "centre": x - width / 2}[align]
        self.add(b"BT %s %.2f Tf 0 g %.3f %.3f Td %s ET" % (name.encode(), size, start, baseline, shaped.graphics_ops))
        return width

    def fill_white(self) -> None:
        """Paint the whole box white (to cover the blank a draft left)."""
        self.add(b"q 1 g 0 0 %.3f %.3f re f Q" % (self.box.width, self.box.height))


def image_xobject(writer: BasePdfFileWriter, image: StampImage) -> generic.IndirectObject:
    """The image as an XObject: RGB, 8 bits, Flate, its alpha channel as the soft mask."""
    common = {
        pdf_name("/Type"): pdf_name("/XObject"),
        pdf_name("/Subtype"): pdf_name("/Image"),
        pdf_name("/Width"): generic.NumberObject(image.width_px),
        pdf_name("/Height"): generic.NumberObject(image.height_px),
        pdf_name("/BitsPerComponent"): generic.NumberObject(8),
        pdf_name("/Filter"): pdf_name("/FlateDecode"),
    }
    mask = generic.StreamObject(
        {**common, pdf_name("/ColorSpace"): pdf_name("/DeviceGray")}, encoded_data=image.alpha_flate
    )
    colour = generic.StreamObject(
        {**common, pdf_name("/ColorSpace"): pdf_name("/DeviceRGB"), pdf_name("/SMask"): writer.add_object(mask)},
        encoded_data=image.rgb_flate,
    )
    return writer.add_object(colour)


@dataclass(frozen=True)
class PaintedStyle(BaseStampStyle):
    """A pyHanko stamp style whose appearance congvan paints itself: ``paint(painting)`` fills the widget's box."""

    paint: object = None
    border_width: int = 0

    def create_stamp(self, writer, box, text_params):  # pyHanko's signature
        painting = Painting(writer, box.width, box.height)
        self.paint(painting)  # type: ignore[operator]
        return painting


@functools.lru_cache(maxsize=1)
def _glyph_accumulator():
    """pyHanko's GlyphAccumulator, in the 1000-unit glyph space that PDF font widths use.

    pyHanko 0.38 writes a TrueType font's widths (``/W``) and ``TJ`` adjustments in the font's own
    units; for a font of 2048 units per em, such as Times New Roman, Liberation Serif and Tinos,
    every glyph then advances twice too far. Scaling HarfBuzz and the widths to 1000 units fixes it.
    """
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    class Glyphs1000(GlyphAccumulator):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._font_units = self.units_per_em
            self.units_per_em = 1000
            self.hb_font.scale = (1000, 1000)

        def _get_cid_and_width(self, glyph_id: int) -> tuple[int, int]:
            known = self._glyphs.get(glyph_id)
            if known is not None:
                return known
            cid, width = super()._get_cid_and_width(glyph_id)
            self._glyphs[glyph_id] = scaled = (cid, round(width * 1000 / self._font_units))
            return scaled

    return Glyphs1000


@functools.lru_cache(maxsize=4)
def _font_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SigningError(f"{path}: cannot read the font ({error.strerror or error})")


def text_width(text: str, size: float, font_file: str) -> float:
    """The width of ``text`` in points (advance widths; enough to decide where a line breaks)."""
    cmap, widths, units = _metrics(font_file)
    return sum(widths.get(cmap.get(ord(char), ".notdef"), 0) for char in text) * size / units


@functools.lru_cache(maxsize=4)
def _metrics(font_file: str) -> tuple[dict[int, str], dict[str, int], int]:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(_font_bytes(font_file)), lazy=True)
    cmap = dict(font.getBestCmap())
    widths = {name: advance for name, (advance, _) in font["hmtx"].metrics.items()}
    return cmap, widths, font["head"].unitsPerEm
