"""The page of Phụ lục I, Phần I, mục I: paper, margins, font, colour; and lengths in twips.

Word stores lengths in twips (twentieths of a point, 1440 to the inch), so a
length the decree gives in millimetres becomes whole twips the way Word writes
it, rounded up: 20 mm is 1134 twips, 15 mm is 851.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

#: Twips per millimetre (1440 twips to the inch, 25.4 mm to the inch).
TWIPS_PER_MM = 1440 / 25.4

_TWIPS_PER_MM = Fraction(1440) / Fraction("25.4")


def exact_twips(mm: float) -> Fraction:
    """``mm`` millimetres in twips, exactly (``mm`` read as the decimal it is written as)."""
    return Fraction(str(mm)) * _TWIPS_PER_MM


def twips(mm: float) -> int:
    """``mm`` millimetres as the whole twips Word writes for it, rounded up: ``twips(20) == 1134``."""
    return math.ceil(exact_twips(mm))


@dataclass(frozen=True)
class Paper:
    """The paper size in millimetres, portrait."""

    name: str
    width_mm: float
    height_mm: float
    source: str
    """Where Phụ lục I says it."""

    @property
    def width(self) -> int:
        """Width in twips (11906 for A4)."""
        return twips(self.width_mm)

    @property
    def height(self) -> int:
        """Height in twips (16838 for A4)."""
        return twips(self.height_mm)


@dataclass(frozen=True)
class MarginRange:
    """How far one edge of the text is from the edge of the paper, in millimetres, at least and at most."""

    side: str
    low_mm: float
    high_mm: float
    source: str
    """Where Phụ lục I says it."""


#: Phần I, I.1–2: khổ A4 (210 mm x 297 mm), theo chiều dài (portrait).
PAPER = Paper("A4", 210, 297, "Phần I, I.1–2")

#: Phần I, I.3: cách mép trên và mép dưới 20–25 mm, mép trái 30–35 mm, mép phải 15–20 mm.
MARGINS: dict[str, MarginRange] = {
    "top": MarginRange("top", 20, 25, "Phần I, I.3"),
    "bottom": MarginRange("bottom", 20, 25, "Phần I, I.3"),
    "left": MarginRange("left", 30, 35, "Phần I, I.3"),
    "right": MarginRange("right", 15, 20, "Phần I, I.3"),
}

#: Phần I, I.4: phông chữ tiếng Việt Times New Roman (Unicode, TCVN 6909:2001).
FONT = "Times New Roman"
FONT_SOURCE = "Phần I, I.4"

#: Phần I, I.4: màu đen. The colour values Word writes for black text.
BLACK = ("000000", "auto")
