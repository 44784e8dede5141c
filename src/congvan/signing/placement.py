"""Where each signature goes on the page: pure geometry in PDF points (origin bottom-left).

- Box 7c, the signer's image: "đặt canh giữa chức vụ của người ký và họ tên người ký"
  (Phụ lục I, mục II.7.d): centred on the axis of the title and name, between them.
- Box 8, the seal: at its real size, "trùm lên khoảng 1/3 hình ảnh chữ ký số của người có thẩm
  quyền về bên trái" (mục II.8.a): its right edge a third of the way into the signer's image.
- An attachment's text block: "Góc trên, bên phải, trang đầu" (mục II.8.b, III.1.d), in the frame
  of Phụ lục III, Mẫu 2.2 (77 mm wide).
"""

from __future__ import annotations

from dataclasses import dataclass

from congvan.errors import SigningError
from congvan.signing.images import MM, SEAL_MAX_MM, StampImage

#: The widest the signer's image may be (congvan's choice: the signature column is about 90 mm).
SIGNATURE_MAX_WIDTH = 70 * MM
#: Less room than this between title and name leaves no place for a signature image.
SIGNATURE_MIN_HEIGHT = 8 * MM
#: The space kept between the image and the lines above and below it.
SIGNATURE_PADDING = 2.0
#: The seal's field is this square, so that any real seal fits; the seal is drawn inside it.
SEAL_RESERVE = SEAL_MAX_MM * MM
#: The seal covers this share of the signer's image, from the left ("khoảng 1/3").
SEAL_OVERLAP = 1 / 3
#: Phụ lục III, Mẫu 2.2: the frame of the attachment's text block is 76.9 mm wide.
ATTACHMENT_BLOCK_WIDTH = 76.9 * MM
#: Its distance from the top and the right edge of page 1 (in the top margin, right-aligned at a 15 mm margin).
ATTACHMENT_BLOCK_TOP = 8 * MM
ATTACHMENT_BLOCK_RIGHT = 15 * MM
#: Phụ lục I, mục II.8.b: "cỡ chữ 10".
ATTACHMENT_FONT_SIZE = 10.0
ATTACHMENT_LEADING = 12.0


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF user space, in points."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def centre_x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def centre_y(self) -> float:
        return (self.bottom + self.top) / 2

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (round(self.left, 2), round(self.bottom, 2), round(self.right, 2), round(self.top, 2))

    def union(self, other: Rect) -> Rect:
        return Rect(
            min(self.left, other.left),
            min(self.bottom, other.bottom),
            max(self.right, other.right),
            max(self.top, other.top),
        )

    def __str__(self) -> str:
        return f"[{self.left:.1f} {self.bottom:.1f} {self.right:.1f} {self.top:.1f}]"

    @classmethod
    def centred(cls, x: float, y: float, width: float, height: float) -> Rect:
        return cls(x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def signature_box(title: Rect, name: Rect, axis: float, page: Rect) -> Rect:
    """Box 7c: the room between the signer's title (above) and name (below), centred on their axis."""
    top = title.bottom - SIGNATURE_PADDING
    bottom = name.top + SIGNATURE_PADDING
    if top - bottom < SIGNATURE_MIN_HEIGHT:
        raise SigningError(
            f"only {(top - bottom) / MM:.1f} mm between the signer's title and name on the page; box 7c needs "
            f"at least {SIGNATURE_MIN_HEIGHT / MM:.0f} mm for the signature image (leave empty lines between them)"
        )
    half = min(SIGNATURE_MAX_WIDTH / 2, axis - page.left, page.right - axis)
    return Rect(axis - half, bottom, axis + half, top)


def fit_signature(box: Rect, image: StampImage) -> Rect:
    """The signer's image in box 7c: its real size when known and it fits, else as large as fits; centred."""
    width, height = box.width, box.width / image.aspect
    if height > box.height:
        width, height = box.height * image.aspect, box.height
    if image.real_size_mm is not None:
        real_width = image.real_size_mm[0] * MM
        if real_width < width:
            width, height = real_width, real_width / image.aspect
    return Rect.centred(box.centre_x, box.centre_y, width, height)


def seal_reserve(signature: Rect) -> Rect:
    """Box 8: the seal's field, a square whose right edge lies a third of the way into the signer's image."""
    right = signature.left + SEAL_OVERLAP * signature.width
    return Rect(
        right - SEAL_RESERVE, signature.centre_y - SEAL_RESERVE / 2, right, signature.centre_y + SEAL_RESERVE / 2
    )


def seal_in_reserve(reserve: Rect, image: StampImage) -> Rect:
    """The seal at its real size in box 8: right-aligned (over the signer's image), centred vertically."""
    if image.real_size_mm is None:  # pragma: no cover - images.seal_image always sets it
        raise SigningError(f"{image.source}: the seal's real size is unknown")
    width, height = image.real_size_mm[0] * MM, image.real_size_mm[1] * MM
    return Rect(reserve.right - width, reserve.centre_y - height / 2, reserve.right, reserve.centre_y + height / 2)


def attachment_block(page: Rect, lines: int = 1) -> Rect:
    """The text block of an attachment's signature: top right of page 1, Mẫu 2.2's width."""
    right = page.right - ATTACHMENT_BLOCK_RIGHT
    top = page.top - ATTACHMENT_BLOCK_TOP
    height = lines * ATTACHMENT_LEADING + 4
    return Rect(right - ATTACHMENT_BLOCK_WIDTH, top - height, right, top)
