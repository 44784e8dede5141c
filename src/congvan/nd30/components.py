"""Each component (thành phần thể thức) of Phụ lục I, Phần I: its box, case, size range, weight and slant.

The ô numbers are those of the layout diagram (Phần I, mục IV). "Đứng" is
upright, "nghiêng" italic, "đậm" bold; where the decree names no "đậm" the
text is regular. Sizes are points; a range is inclusive (13–14), one size is
a range of one (13).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextStyle:
    """How the decree writes one component: case, size range, weight and slant, and where it says so."""

    name: str
    """The component, as the decree names it."""
    box: str | None
    """Its ô on the layout diagram (Phần I, mục IV), or None where it has none (page numbers, annexes)."""
    source: str
    """Where Phụ lục I says it: "Phần I, II.1.a"."""
    sizes: tuple[float, float]
    """Smallest and largest size in points."""
    bold: bool
    italic: bool
    capitals: bool = False
    """Written in capitals (chữ in hoa)."""
    text: str | None = None
    """The component's fixed wording, when the decree fixes it."""
    underline: tuple[float, float] | None = None
    """A solid rule under it, as a fraction of the line's length (shortest, longest)."""

    def allows(self, size: float) -> bool:
        """Whether ``size`` points is within the decree's range."""
        return self.sizes[0] <= size <= self.sizes[1]


@dataclass(frozen=True)
class BodyLayout:
    """Ô 6, Phần I, II.6.e: how the paragraphs of the body are laid out."""

    align: str
    """WordprocessingML's name of the alignment: "both" is justified (canh đều hai lề)."""
    first_line_mm: tuple[float, float]
    """First-line indent: 1 cm or 1,27 cm."""
    space_between_pt: float
    """Space between paragraphs, at least (6 pt)."""
    line_spacing: tuple[float, float]
    """Line spacing in lines: single (1) to 1.5."""
    source: str


@dataclass(frozen=True)
class Stamp:
    """A stamp's rectangle (Phần I, III.2.b), in millimetres."""

    width_mm: float
    height_mm: float


NATIONAL_TITLE = TextStyle(
    "Quốc hiệu",
    "1",
    "Phần I, II.1.a",
    (12, 13),
    bold=True,
    italic=False,
    capitals=True,
    text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
)
"""Chữ in hoa, cỡ chữ 12–13, đứng, đậm; at the top right of the first page."""

MOTTO = TextStyle(
    "Tiêu ngữ",
    "1",
    "Phần I, II.1.b",
    (13, 14),
    bold=True,
    italic=False,
    text="Độc lập - Tự do - Hạnh phúc",
    underline=(1, 1),
)
"""Chữ in thường, cỡ chữ 13–14, đứng, đậm, centred under the national title; a rule as long as the line."""

PARENT_BODY = TextStyle(
    "Tên cơ quan, tổ chức chủ quản trực tiếp", "2", "Phần I, II.2.b", (12, 13), bold=False, italic=False, capitals=True
)
"""Chữ in hoa, cỡ chữ 12–13, đứng."""

ISSUING_BODY = TextStyle(
    "Tên cơ quan, tổ chức ban hành văn bản",
    "2",
    "Phần I, II.2.b",
    (12, 13),
    bold=True,
    italic=False,
    capitals=True,
    underline=(1 / 3, 1 / 2),
)
"""Chữ in hoa, cỡ chữ 12–13, đứng, đậm, under the parent; a rule 1/3 to 1/2 of the line, centred."""

NUMBER = TextStyle("Số, ký hiệu của văn bản", "3", "Phần I, II.3.c", (13, 13), bold=False, italic=False, text="Số:")
"""“Số” in lower case, cỡ chữ 13, đứng, then a colon; the symbol in capitals, 13, đứng."""

PLACE_DATE = TextStyle(
    "Địa danh và thời gian ban hành văn bản", "4", "Phần I, II.4.c", (13, 14), bold=False, italic=True
)
"""Chữ in thường, cỡ chữ 13–14, nghiêng; a comma after the place; on the line of the number."""

TYPE_NAME = TextStyle("Tên loại văn bản", "5a", "Phần I, II.5.b", (13, 14), bold=True, italic=False, capitals=True)
"""Chữ in hoa, cỡ chữ 13–14, đứng, đậm (a document with a type name: QUYẾT ĐỊNH …)."""

TYPE_SUBJECT = TextStyle(
    "Trích yếu nội dung văn bản", "5a", "Phần I, II.5.b", (13, 14), bold=True, italic=False, underline=(1 / 3, 1 / 2)
)
"""Chữ in thường, cỡ chữ 13–14, đứng, đậm, under the type name; a rule 1/3 to 1/2 of the line."""

SUBJECT = TextStyle(
    "Trích yếu nội dung công văn", "5b", "Phần I, II.5.b", (12, 13), bold=False, italic=False, text="V/v"
)
"""A công văn's subject: after “V/v”, chữ in thường, cỡ chữ 12–13, đứng; 6 pt under the number."""

BASES = TextStyle("Căn cứ ban hành văn bản", "6", "Phần I, II.6.a", (13, 14), bold=False, italic=True)
"""Chữ in thường, nghiêng, cỡ chữ 13–14; one per line ending “;”, the last “.”."""

BODY_TEXT = TextStyle("Nội dung văn bản", "6", "Phần I, II.6.e", (13, 14), bold=False, italic=False)
"""Chữ in thường, đứng, cỡ chữ 13–14 (headings of parts and articles may be bold, Phần I, II.6.đ)."""

BODY_LAYOUT = BodyLayout("both", (10, 12.7), 6, (1, 1.5), "Phần I, II.6.e")
"""Canh đều hai lề; lùi đầu dòng 1 cm hoặc 1,27 cm; cách đoạn tối thiểu 6 pt; dòng đơn đến 1,5 lines."""

AUTHORITY = TextStyle(
    "Quyền hạn, chức vụ của người ký", "7a", "Phần I, II.7.đ", (13, 14), bold=True, italic=False, capitals=True
)
"""TM., Q., KT., TL., TUQ. and the signer's title: chữ in hoa, cỡ chữ 13–14, đứng, đậm (ô 7a, 7b)."""

SIGNER = TextStyle("Họ và tên của người ký", "7b", "Phần I, II.7.đ", (13, 14), bold=True, italic=False)
"""Chữ in thường, cỡ chữ 13–14, đứng, đậm, centred under the title."""

ADDRESSEES = TextStyle("Kính gửi", "9a", "Phần I, II.9.d", (13, 14), bold=False, italic=False, text="Kính gửi")
"""“Kính gửi” and the addressees: chữ in thường, cỡ chữ 13–14, đứng; a colon after “Kính gửi”."""

RECIPIENTS_HEADING = TextStyle("Nơi nhận", "9b", "Phần I, II.9.d", (12, 12), bold=True, italic=True, text="Nơi nhận:")
"""“Nơi nhận” on its own line, level with the authority, then a colon: chữ in thường, cỡ chữ 12, nghiêng, đậm."""

RECIPIENTS = TextStyle("Tên nơi nhận", "9b", "Phần I, II.9.d", (11, 11), bold=False, italic=False)
"""Each recipient a line “- X;”, the last “- Lưu: VT, … .”: chữ in thường, cỡ chữ 11, đứng."""

SECRECY_MARKS = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
"""Ô 10a, Phần I, III.2.a: the secrecy stamps. Their size is set by the law on state secrets, not by ND30."""

URGENCY = TextStyle("Dấu chỉ mức độ khẩn", "10b", "Phần I, III.2.b", (13, 14), bold=True, italic=False, capitals=True)
"""“HỎA TỐC”, “THƯỢNG KHẨN”, “KHẨN”: chữ in hoa, cỡ chữ 13–14, đứng, đậm, in a single-line rectangle."""

URGENCY_STAMPS: dict[str, Stamp] = {
    "HỎA TỐC": Stamp(30, 8),
    "THƯỢNG KHẨN": Stamp(40, 8),
    "KHẨN": Stamp(20, 8),
}
"""Phần I, III.2.b: the urgency stamps are 30 × 8, 40 × 8 and 20 × 8 mm."""

CIRCULATION = TextStyle(
    "Chỉ dẫn về phạm vi lưu hành", "11", "Phần I, III.2.c", (13, 14), bold=True, italic=False, capitals=True
)
"""“XEM XONG TRẢ LẠI”, “LƯU HÀNH NỘI BỘ”: chữ in hoa, cỡ chữ 13–14, đứng, đậm, in a single-line rectangle."""

DRAFTER = TextStyle(
    "Ký hiệu người soạn thảo văn bản và số lượng bản phát hành",
    "12",
    "Phần I, III.3",
    (11, 11),
    bold=False,
    italic=False,
)
"""The drafter's initials in capitals and the number of copies in Arabic figures: cỡ chữ 11, đứng."""

CONTACT = TextStyle(
    "Địa chỉ cơ quan, tổ chức; thư điện tử; trang thông tin điện tử; số điện thoại; số Fax",
    "13",
    "Phần I, III.4",
    (11, 12),
    bold=False,
    italic=False,
)
"""Chữ in thường, cỡ chữ 11–12, đứng, on page 1 under a solid rule across the text area."""

PAGE_NUMBER = TextStyle("Số trang", None, "Phần I, I.7", (13, 14), bold=False, italic=False)
"""Arabic figures from 1, cỡ chữ 13–14, đứng, centred in the top margin; none on page 1."""

ANNEX_HEADING = TextStyle("Phụ lục", None, "Phần I, III.1.b", (14, 14), bold=True, italic=False, text="Phụ lục")
"""“Phụ lục” and its Roman number on their own line, centred: chữ in thường, cỡ chữ 14, đứng, đậm."""

ANNEX_TITLE = TextStyle("Tên Phụ lục", None, "Phần I, III.1.b", (13, 14), bold=True, italic=False, capitals=True)
"""Centred: chữ in hoa, cỡ chữ 13–14, đứng, đậm."""

ANNEX_ATTACHED = TextStyle(
    "Thông tin chỉ dẫn kèm theo văn bản",
    None,
    "Phần I, III.1.c",
    (13, 14),
    bold=False,
    italic=True,
    text="(Kèm theo",
)
"""“(Kèm theo văn bản số …/…-… ngày … tháng … năm …)”, centred under the title: chữ in thường, 13–14, nghiêng."""

DIGITAL_SIGNATURE_INFO = TextStyle(
    "Thông tin chữ ký số của cơ quan, tổ chức", "8", "Phần I, II.8.b", (10, 10), bold=False, italic=False
)
"""Number, symbol and signing time in Times New Roman, chữ in thường, đứng, cỡ chữ 10, black."""

COMPONENTS: tuple[TextStyle, ...] = (
    NATIONAL_TITLE,
    MOTTO,
    PARENT_BODY,
    ISSUING_BODY,
    NUMBER,
    PLACE_DATE,
    TYPE_NAME,
    TYPE_SUBJECT,
    SUBJECT,
    BASES,
    BODY_TEXT,
    AUTHORITY,
    SIGNER,
    DIGITAL_SIGNATURE_INFO,
    ADDRESSEES,
    RECIPIENTS_HEADING,
    RECIPIENTS,
    URGENCY,
    CIRCULATION,
    DRAFTER,
    CONTACT,
    PAGE_NUMBER,
    ANNEX_HEADING,
    ANNEX_TITLE,
    ANNEX_ATTACHED,
)
"""Every component with a style, in the order of Phụ lục I."""
