"""The ND30 rules the conformance check can read from a .docx, by id.

Each rule says what Phụ lục I of Nghị định 30/2020/NĐ-CP requires, in
Vietnamese (the text of the annex, shortened) and in English.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    vi: str
    en: str
    source: str
    """Where Phụ lục I says it."""


_RULES = [
    Rule("page.size", "Khổ giấy A4 (210 mm x 297 mm)", "paper A4, 210 × 297 mm", "Phần I, I.1–2"),
    Rule(
        "page.margins",
        "Lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm",
        "margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm",
        "Phần I, I.3",
    ),
    Rule("font.family", "Phông chữ Times New Roman", "font Times New Roman", "Phần I, I.4"),
    Rule("font.color", "Chữ màu đen", "text in black", "Phần I, I.4"),
    Rule(
        "page-number.field",
        "Số trang bằng chữ số Ả Rập, đặt canh giữa trong phần lề trên",
        "page numbers: a PAGE field, centred in the top margin (header)",
        "Phần I, I.7",
    ),
    Rule("page-number.style", "Số trang cỡ chữ 13–14, kiểu chữ đứng", "page numbers 13–14 pt, upright", "Phần I, I.7"),
    Rule(
        "page-number.first-page",
        "Không hiển thị số trang thứ nhất",
        "no page number on page 1 (different first page)",
        "Phần I, I.7",
    ),
    Rule(
        "o1.national-title",
        "Quốc hiệu: chữ in hoa, cỡ chữ 12–13, đứng, đậm",
        "national title: capitals, 12–13 pt, upright, bold",
        "Phần I, II.1.a",
    ),
    Rule("o1.motto", "Tiêu ngữ: cỡ chữ 13–14, đứng, đậm", "motto: 13–14 pt, upright, bold", "Phần I, II.1.b"),
    Rule(
        "o2.parent-body",
        "Tên cơ quan chủ quản: chữ in hoa, cỡ chữ 12–13, đứng",
        "parent body: capitals, 12–13 pt, upright, regular",
        "Phần I, II.2",
    ),
    Rule(
        "o2.issuing-body",
        "Tên cơ quan ban hành: chữ in hoa, cỡ chữ 12–13, đứng, đậm",
        "issuing body: capitals, 12–13 pt, upright, bold",
        "Phần I, II.2",
    ),
    Rule(
        "o3.number",
        "Số, ký hiệu: cỡ chữ 13, đứng; “Số” rồi dấu hai chấm",
        'number and symbol: 13 pt, upright, "Số:"',
        "Phần I, II.3",
    ),
    Rule(
        "o4.date-style",
        "Địa danh và thời gian: chữ in thường, cỡ chữ 13–14, nghiêng; sau địa danh có dấu phẩy",
        "place and date: 13–14 pt, italic, a comma after the place",
        "Phần I, II.4.c",
    ),
    Rule(
        "o4.date-form",
        "Ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía trước (tháng 3–12 không)",
        "days below 10 and months 1–2 have a leading zero, months 3–12 do not",
        "Phần I, II.4.b",
    ),
    Rule(
        "o5b.subject",
        "Trích yếu công văn: sau chữ “V/v”, cỡ chữ 12–13, đứng",
        'subject of a công văn: after "V/v", 12–13 pt, upright, regular',
        "Phần I, II.5.b",
    ),
    Rule(
        "o6.body",
        "Nội dung: cỡ chữ 13–14; canh đều hai lề; lùi đầu dòng 1–1,27 cm; cách đoạn tối thiểu 6 pt; "
        "khoảng cách dòng từ đơn đến 1,5 dòng",
        "body: 13–14 pt, justified, first-line indent 1–1.27 cm, at least 6 pt between paragraphs, "
        "line spacing single to 1.5",
        "Phần I, II.6",
    ),
    Rule("o6.ending", "Công văn kết thúc bằng dấu “./.”", 'the body of a công văn ends with "./."', "Phần I, II.6"),
    Rule(
        "o7.authority",
        "Quyền hạn, chức vụ người ký (TM., Q., KT., TL., TUQ.): chữ in hoa, cỡ chữ 13–14, đứng, đậm",
        "signing authority and title (TM., Q., KT., TL., TUQ.): capitals, 13–14 pt, upright, bold",
        "Phần I, II.7.đ",
    ),
    Rule(
        "o7.signer",
        "Họ tên người ký: chữ in thường, cỡ chữ 13–14, đứng, đậm",
        "signer's name: 13–14 pt, upright, bold",
        "Phần I, II.7.đ",
    ),
    Rule(
        "o9a.addressees",
        "“Kính gửi” và tên nơi nhận: cỡ chữ 13–14, đứng; sau “Kính gửi” có dấu hai chấm",
        '"Kính gửi" and addressees: 13–14 pt, upright, a colon after "Kính gửi"',
        "Phần I, II.9.d",
    ),
    Rule(
        "o9a.punctuation",
        "Gửi nhiều nơi: mỗi nơi một dòng, đầu dòng gạch (-), cuối dòng dấu chấm phẩy (;), dòng cuối dấu chấm (.)",
        'several addressees: one per line, "- X;", the last "- X."',
        "Phần I, II.9.d",
    ),
    Rule(
        "o9b.heading",
        "Từ “Nơi nhận” có dấu hai chấm, cỡ chữ 12, nghiêng, đậm",
        '"Nơi nhận:" with a colon, 12 pt, bold italic',
        "Phần I, II.9.d",
    ),
    Rule(
        "o9b.recipients",
        "Tên nơi nhận: chữ in thường, cỡ chữ 11, đứng",
        "recipient lines: 11 pt, upright, regular",
        "Phần I, II.9.d",
    ),
    Rule(
        "o9b.punctuation",
        "Mỗi nơi nhận một dòng, đầu dòng gạch (-), cuối dòng dấu chấm phẩy (;); dòng cuối "
        "“- Lưu: VT, …” kết thúc bằng dấu chấm (.); công văn bắt đầu bằng “- Như trên;”",
        'recipient lines "- X;", the last "- Lưu: VT, … ."; a công văn starts with "- Như trên;"',
        "Phần I, II.9.b, II.9.d",
    ),
    Rule(
        "o10b.urgency",
        "Dấu mức độ khẩn: chữ in hoa, cỡ chữ 13–14, đứng, đậm",
        "urgency mark: capitals, 13–14 pt, upright, bold",
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
        "Từ “Phụ lục”: dòng riêng, canh giữa, cỡ chữ 14, đứng, đậm",
        '"Phụ lục": own line, centred, 14 pt, upright, bold',
        "Phần I, III.1.b",
    ),
    Rule(
        "annex.title",
        "Tên Phụ lục: chữ in hoa, cỡ chữ 13–14, đứng, đậm",
        "annex title: capitals, 13–14 pt, upright, bold",
        "Phần I, III.1.b",
    ),
    Rule(
        "annex.attached",
        "Chỉ dẫn kèm theo văn bản: cỡ chữ 13–14, nghiêng",
        '"(Kèm theo …)": 13–14 pt, italic',
        "Phần I, III.1.c",
    ),
    Rule(
        "o1.motto-rule",
        "Phía dưới tiêu ngữ có đường kẻ ngang, nét liền, có độ dài bằng độ dài của dòng chữ",
        "a solid rule under the motto, as long as the motto",
        "Phần I, II.1.b",
    ),
    Rule(
        "o2.rule",
        "Phía dưới tên cơ quan ban hành có đường kẻ ngang, nét liền, độ dài bằng 1/3 đến 1/2 độ dài dòng chữ, "
        "đặt cân đối so với dòng chữ",
        "a solid rule under the issuing body, 1/3 to 1/2 as long as its line, centred",
        "Phần I, II.2",
    ),
    Rule("component.missing", "Thiếu thành phần thể thức bắt buộc", "a required component is missing", "Phần I, II"),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
