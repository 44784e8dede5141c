"""The ND30 rules the conformance check can read from a .docx, by id.

Each rule says what Phụ lục I of Nghị định 30/2020/NĐ-CP requires, in
Vietnamese (the text of the annex, shortened) and in English. Sizes, styles,
the page and the margins in its wording are those of `congvan.nd30`, the
facts the check measures against.
"""

from __future__ import annotations

from dataclasses import dataclass

from congvan import nd30
from congvan.nd30 import TextStyle, structure


@dataclass(frozen=True)
class Rule:
    id: str
    vi: str
    en: str
    source: str
    """Where Phụ lục I says it."""


def _pt(style: TextStyle) -> str:  # pragma: no mutate block
    """ "12–13" or "13"."""
    low, high = style.sizes
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def _shape_vi(style: TextStyle) -> str:  # pragma: no mutate block
    """ "đứng", "đứng, đậm", "nghiêng" or "nghiêng, đậm"."""
    return f"{'nghiêng' if style.italic else 'đứng'}{', đậm' if style.bold else ''}"


def _vi(style: TextStyle) -> str:  # pragma: no mutate block
    """ "cỡ chữ 12–13, đứng, đậm", with "chữ in hoa, " first for capitals."""
    case = "chữ in hoa, " if style.capitals else ""
    return f"{case}cỡ chữ {_pt(style)}, {_shape_vi(style)}"


def _decimal_vi(value: float) -> str:  # pragma: no mutate block
    """ "1,27": a decimal comma."""
    return f"{value:g}".replace(".", ",")


def _en(style: TextStyle, *, regular: bool = True) -> str:  # pragma: no mutate block
    """ "12–13 pt, upright, bold", with "capitals, " first for capitals."""
    case = "capitals, " if style.capitals else ""
    if style.italic:
        shape = "bold italic" if style.bold else "italic"
    else:
        shape = "upright, bold" if style.bold else ("upright, regular" if regular else "upright")
    return f"{case}{_pt(style)} pt, {shape}"


def _margins_vi() -> str:  # pragma: no mutate block
    m = {side: f"{r.low_mm:g}–{r.high_mm:g} mm" for side, r in nd30.MARGINS.items()}
    return f"Lề trên, dưới {m['top']}; lề trái {m['left']}; lề phải {m['right']}"


def _margins_en() -> str:  # pragma: no mutate block
    m = {side: f"{r.low_mm:g}–{r.high_mm:g} mm" for side, r in nd30.MARGINS.items()}
    return f"margins: top and bottom {m['top']}, left {m['left']}, right {m['right']}"


# The helpers above run once, at import, to write the rule table: mutmut's forked runs cannot see their
# mutants, hence "no mutate"; tests/test_nd30_rules.py holds the texts they write against the decree.
_PAPER = nd30.PAPER
_BODY = nd30.BODY_LAYOUT
_INDENT_CM = (_BODY.first_line_mm[0] / 10, _BODY.first_line_mm[1] / 10)
_AUTHORITIES = ", ".join(nd30.SIGNING_AUTHORITIES)

_RULES = [
    Rule(
        "page.size",
        f"Khổ giấy {_PAPER.name} ({_PAPER.width_mm:g} mm x {_PAPER.height_mm:g} mm)",
        f"paper {_PAPER.name}, {_PAPER.width_mm:g} × {_PAPER.height_mm:g} mm",
        _PAPER.source,
    ),
    Rule("page.margins", _margins_vi(), _margins_en(), nd30.MARGINS["top"].source),
    Rule("font.family", f"Phông chữ {nd30.FONT}", f"font {nd30.FONT}", nd30.FONT_SOURCE),
    Rule("font.color", "Chữ màu đen", "text in black", nd30.FONT_SOURCE),
    Rule(
        "page-number.field",
        "Số trang bằng chữ số Ả Rập, đặt canh giữa trong phần lề trên",
        "page numbers: a PAGE field, centred in the top margin (header)",
        nd30.PAGE_NUMBER.source,
    ),
    Rule(
        "page-number.style",
        f"Số trang cỡ chữ {_pt(nd30.PAGE_NUMBER)}, kiểu chữ đứng",
        f"page numbers {_en(nd30.PAGE_NUMBER, regular=False)}",
        nd30.PAGE_NUMBER.source,
    ),
    Rule(
        "page-number.first-page",
        "Không hiển thị số trang thứ nhất",
        "no page number on page 1 (different first page)",
        nd30.PAGE_NUMBER.source,
    ),
    Rule(
        "o1.national-title",
        f"Quốc hiệu: {_vi(nd30.NATIONAL_TITLE)}",
        f"national title: {_en(nd30.NATIONAL_TITLE)}",
        nd30.NATIONAL_TITLE.source,
    ),
    Rule("o1.motto", f"Tiêu ngữ: {_vi(nd30.MOTTO)}", f"motto: {_en(nd30.MOTTO)}", nd30.MOTTO.source),
    Rule(
        "o2.parent-body",
        f"Tên cơ quan chủ quản: {_vi(nd30.PARENT_BODY)}",
        f"parent body: {_en(nd30.PARENT_BODY)}",
        "Phần I, II.2",
    ),
    Rule(
        "o2.issuing-body",
        f"Tên cơ quan ban hành: {_vi(nd30.ISSUING_BODY)}",
        f"issuing body: {_en(nd30.ISSUING_BODY)}",
        "Phần I, II.2",
    ),
    Rule(
        "o3.number",
        f"Số, ký hiệu: {_vi(nd30.NUMBER)}; “Số” rồi dấu hai chấm",
        f'number and symbol: {_en(nd30.NUMBER, regular=False)}, "{nd30.NUMBER.text}"',
        "Phần I, II.3",
    ),
    Rule(
        "o4.date-style",
        f"Địa danh và thời gian: chữ in thường, {_vi(nd30.PLACE_DATE)}; sau địa danh có dấu phẩy",
        f"place and date: {_en(nd30.PLACE_DATE)}, a comma after the place",
        nd30.PLACE_DATE.source,
    ),
    Rule(
        "o4.date-form",
        "Ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía trước (tháng 3–12 không)",
        "days below 10 and months 1–2 have a leading zero, months 3–12 do not",
        "Phần I, II.4.b",
    ),
    Rule(
        "o5b.subject",
        f"Trích yếu công văn: sau chữ “{nd30.SUBJECT.text}”, {_vi(nd30.SUBJECT)}",
        f'subject of a công văn: after "{nd30.SUBJECT.text}", {_en(nd30.SUBJECT)}',
        nd30.SUBJECT.source,
    ),
    Rule(
        "o6.body",
        f"Nội dung: cỡ chữ {_pt(nd30.BODY_TEXT)}; canh đều hai lề; "
        f"lùi đầu dòng {_decimal_vi(_INDENT_CM[0])}–{_decimal_vi(_INDENT_CM[1])} cm; "
        f"cách đoạn tối thiểu {_BODY.space_between_pt:g} pt; "
        f"khoảng cách dòng từ đơn đến {_decimal_vi(_BODY.line_spacing[1])} dòng",
        f"body: {_pt(nd30.BODY_TEXT)} pt, justified, first-line indent {_INDENT_CM[0]:g}–{_INDENT_CM[1]:g} cm, "
        f"at least {_BODY.space_between_pt:g} pt between paragraphs, line spacing single to {_BODY.line_spacing[1]:g}",
        "Phần I, II.6",
    ),
    Rule(
        "o6.ending",
        f"Nội dung văn bản kết thúc bằng dấu “{nd30.ENDING}”, như các mẫu của Phụ lục III",
        f'the body of every kind of document ends with "{nd30.ENDING}", as the models of Phụ lục III',
        "Phụ lục III, mục II",
    ),
    Rule(
        "o7.authority",
        f"Quyền hạn, chức vụ người ký ({_AUTHORITIES}): {_vi(nd30.AUTHORITY)}",
        f"signing authority and title ({_AUTHORITIES}): {_en(nd30.AUTHORITY)}",
        nd30.AUTHORITY.source,
    ),
    Rule(
        "o7.signer",
        f"Họ tên người ký: chữ in thường, {_vi(nd30.SIGNER)}",
        f"signer's name: {_en(nd30.SIGNER)}",
        nd30.SIGNER.source,
    ),
    Rule(
        "o9a.addressees",
        f"“{nd30.ADDRESSEES.text}” và tên nơi nhận: {_vi(nd30.ADDRESSEES)}; sau “{nd30.ADDRESSEES.text}” có dấu hai chấm",
        f'"{nd30.ADDRESSEES.text}" and addressees: {_en(nd30.ADDRESSEES, regular=False)}, '
        f'a colon after "{nd30.ADDRESSEES.text}"',
        nd30.ADDRESSEES.source,
    ),
    Rule(
        "o9a.punctuation",
        "Gửi nhiều nơi: mỗi nơi một dòng, đầu dòng gạch (-), cuối dòng dấu chấm phẩy (;), dòng cuối dấu chấm (.)",
        'several addressees: one per line, "- X;", the last "- X."',
        nd30.ADDRESSEES.source,
    ),
    Rule(
        "o9b.heading",
        f"Từ “Nơi nhận” có dấu hai chấm, cỡ chữ {_pt(nd30.RECIPIENTS_HEADING)}, {_shape_vi(nd30.RECIPIENTS_HEADING)}",
        f'"{nd30.RECIPIENTS_HEADING.text}" with a colon, {_en(nd30.RECIPIENTS_HEADING)}',
        nd30.RECIPIENTS_HEADING.source,
    ),
    Rule(
        "o9b.recipients",
        f"Tên nơi nhận: chữ in thường, {_vi(nd30.RECIPIENTS)}",
        f"recipient lines: {_en(nd30.RECIPIENTS)}",
        nd30.RECIPIENTS.source,
    ),
    Rule(
        "o9b.punctuation",
        "Mỗi nơi nhận một dòng, đầu dòng gạch (-), cuối dòng dấu chấm phẩy (;); dòng cuối "
        f"“- {nd30.ARCHIVE}: {nd30.ARCHIVE_OFFICE}, …” kết thúc bằng dấu chấm (.); "
        f"công văn bắt đầu bằng “{nd30.AS_ABOVE}”",
        f'recipient lines "- X;", the last "- {nd30.ARCHIVE}: {nd30.ARCHIVE_OFFICE}, … ."; '
        f'a công văn starts with "{nd30.AS_ABOVE}"',
        "Phần I, II.9.b, II.9.d",
    ),
    Rule(
        "o10b.urgency",
        f"Dấu mức độ khẩn: {_vi(nd30.URGENCY)}",
        f"urgency mark: {_en(nd30.URGENCY)}",
        "Phần I, III.2",
    ),
    Rule(
        "annex.section",
        "Phụ lục bắt đầu trang mới; số trang của Phụ lục được đánh riêng",
        "an annex starts a new section whose page numbering restarts",
        "Phần I, III.1.đ",
    ),
    Rule(
        "annex.heading",
        f"Từ “{nd30.ANNEX_HEADING.text}”: dòng riêng, canh giữa, {_vi(nd30.ANNEX_HEADING)}",
        f'"{nd30.ANNEX_HEADING.text}": own line, centred, {_en(nd30.ANNEX_HEADING)}',
        nd30.ANNEX_HEADING.source,
    ),
    Rule(
        "annex.title",
        f"Tên Phụ lục: {_vi(nd30.ANNEX_TITLE)}",
        f"annex title: {_en(nd30.ANNEX_TITLE)}",
        nd30.ANNEX_TITLE.source,
    ),
    Rule(
        "annex.attached",
        f"Chỉ dẫn kèm theo văn bản: {_vi(nd30.ANNEX_ATTACHED)}",
        f'"{nd30.ANNEX_ATTACHED.text} …)": {_en(nd30.ANNEX_ATTACHED)}',
        nd30.ANNEX_ATTACHED.source,
    ),
    Rule(
        "o1.motto-rule",
        "Phía dưới tiêu ngữ có đường kẻ ngang, nét liền, có độ dài bằng độ dài của dòng chữ",
        "a solid rule under the motto, as long as the motto",
        nd30.MOTTO.source,
    ),
    Rule(
        "o2.rule",
        "Phía dưới tên cơ quan ban hành có đường kẻ ngang, nét liền, độ dài bằng 1/3 đến 1/2 độ dài dòng chữ, "
        "đặt cân đối so với dòng chữ",
        "a solid rule under the issuing body, 1/3 to 1/2 as long as its line, centred",
        "Phần I, II.2",
    ),
    # The kinds of Phụ lục III other than the công văn (`congvan.testing.nd30check.kinds`)
    Rule(
        "o5a.type-name",
        f"Tên loại văn bản: đặt canh giữa, {_vi(nd30.TYPE_NAME)}",
        f"type name (tên loại): centred, {_en(nd30.TYPE_NAME)}",
        nd30.TYPE_NAME.source,
    ),
    Rule(
        "o5a.subject",
        f"Trích yếu nội dung văn bản: ngay dưới tên loại, canh giữa, chữ in thường, {_vi(nd30.TYPE_SUBJECT)}",
        f"subject (trích yếu): right under the type name, centred, {_en(nd30.TYPE_SUBJECT)}",
        nd30.TYPE_SUBJECT.source,
    ),
    Rule(
        "o5a.rule",
        "Bên dưới trích yếu nội dung văn bản có đường kẻ ngang, nét liền, có độ dài bằng từ 1/3 đến 1/2 "
        "độ dài của dòng chữ và đặt cân đối so với dòng chữ",
        "a solid rule under the subject (under the type name when there is none), 1/3 to 1/2 as long as its line",
        nd30.TYPE_SUBJECT.source,
    ),
    Rule(
        "o3.symbol",
        "Ký hiệu văn bản có tên loại gồm chữ viết tắt tên loại văn bản (Phụ lục III, mục I) "
        "và chữ viết tắt tên cơ quan ban hành",
        "the symbol of a document with a type name starts with the kind's abbreviation (Phụ lục III, mục I)",
        "Phần I, II.3.b",
    ),
    Rule(
        "o6.bases",
        f"Căn cứ ban hành văn bản: chữ in thường, {_vi(nd30.BASES)}; sau mỗi căn cứ xuống dòng, "
        "cuối dòng có dấu chấm phẩy (;), dòng cuối cùng kết thúc bằng dấu chấm (.)",
        f'bases (căn cứ): {_en(nd30.BASES)}, one per line ending ";", the last ending "."',
        nd30.BASES.source,
    ),
    Rule(
        "o6.decides",
        "“QUYẾT ĐỊNH:” (nghị quyết: “QUYẾT NGHỊ:”) trên một dòng riêng, canh giữa, chữ in hoa, đậm",
        '"QUYẾT ĐỊNH:" ("QUYẾT NGHỊ:" in a nghị quyết) on its own line, centred, capitals, bold',
        "Phụ lục III, Mẫu 1.1–1.3",
    ),
    Rule(
        "o6.article",
        f"Từ “{structure.ARTICLE_WORD}”, số thứ tự và tiêu đề của điều: {_vi(structure.ARTICLE)}, "
        "lùi đầu dòng như đoạn văn; số thứ tự bằng chữ số Ả Rập, sau số thứ tự có dấu chấm (.), "
        "đánh liên tục trong toàn văn bản",
        f'"{structure.ARTICLE_WORD} N." {_en(structure.ARTICLE, regular=False)}, indented as the body, '
        "numbered 1, 2, 3 … through the whole document",
        structure.SOURCE,
    ),
    Rule(
        "o6.chapter",
        f"Từ “{structure.PART_WORD}”, “{structure.CHAPTER_WORD}” và số thứ tự bằng chữ số La Mã, "
        f"“{structure.SECTION_WORD}” bằng chữ số Ả Rập: dòng riêng, canh giữa, {_vi(structure.PART_LABEL)}; "
        f"tiêu đề ngay dưới, canh giữa, {_vi(structure.PART_TITLE)}",
        f'"{structure.PART_WORD}", "{structure.CHAPTER_WORD}" with Roman numerals, "{structure.SECTION_WORD}" '
        f"with Arabic ones, in sequence: own line, centred, {_en(structure.PART_LABEL, regular=False)}; "
        f"the title under it centred, {_en(structure.PART_TITLE, regular=False)}",
        structure.SOURCE,
    ),
    Rule(
        "o6.clause",
        "Khoản: số thứ tự bằng chữ số Ả Rập, sau có dấu chấm (.), đánh liên tục trong mỗi điều, mục; "
        "chữ đậm chỉ khi khoản có tiêu đề",
        'khoản "1.", "2." … in sequence within each điều or mục; bold only as a title line',
        structure.SOURCE,
    ),
    Rule(
        "o6.point",
        f"Điểm: thứ tự các chữ cái tiếng Việt ({', '.join(structure.POINT_LETTERS)}), "
        "sau có dấu đóng ngoặc đơn, trong mỗi khoản",
        f'điểm "a)", "b)" … in the order of the Vietnamese alphabet ({" ".join(structure.POINT_LETTERS)}) '
        "within each khoản",
        structure.SOURCE,
    ),
    Rule(
        "o6.heading",
        f"Mục “I.”: số thứ tự bằng chữ số La Mã, liên tục, {_vi(structure.ROMAN_HEADING)}",
        f'the "I. TITLE" pattern: Roman numerals in sequence, {_en(structure.ROMAN_HEADING)}',
        structure.ROMAN_HEADING.source,
    ),
    Rule(
        "o7.two-signatures",
        "Biên bản có hai chữ ký: thư ký (người ghi biên bản) và chủ tọa (chủ trì), mỗi chữ ký có họ tên",
        'a biên bản is signed twice: "THƯ KÝ" and "CHỦ TỌA" (or "CHỦ TRÌ"), each with a name under it',
        "Phụ lục III, Mẫu 1.9",
    ),
    Rule(
        "o4.no-date",
        "Biên bản không có địa danh và thời gian ban hành ở phần đầu; các văn bản khác có",
        "a biên bản has no place and date line in its header; every other numbered kind has one",
        "Phụ lục III, Mẫu 1.9",
    ),
    Rule(
        "o9a.addressees-kind",
        f"“{nd30.ADDRESSEES.text}” (ô 9a) chỉ áp dụng đối với Tờ trình, Báo cáo gửi cấp trên và Công văn",
        f'"{nd30.ADDRESSEES.text}" (ô 9a) only in a tờ trình, a báo cáo to a superior, and a công văn',
        nd30.ADDRESSEES.source,
    ),
    Rule(
        "o9b.as-article",
        "Nơi nhận của quyết định bắt đầu bằng “- Như Điều …;” (điều quy định trách nhiệm thi hành)",
        'the recipients of a quyết định start with "- Như Điều N;" (the article naming who carries it out)',
        "Phụ lục III, Mẫu 1.2–1.3",
    ),
    Rule("component.missing", "Thiếu thành phần thể thức bắt buộc", "a required component is missing", "Phần I, II"),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
