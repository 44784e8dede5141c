"""Real citations beyond the seed: every kind parses, round-trips and keeps its parts.

Every document here is real; dates were checked against the published texts
(thuvienphapluat.vn, government and Party sites) or are quoted from a real
letter that cites them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from congvan import LegalReference

# (text as written in a real letter, kind, symbol, date, issuer)
REAL = [
    (
        "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22/6/2015",
        "Luật",
        "80/2015/QH13",
        dt.date(2015, 6, 22),
        None,
    ),
    ("Bộ luật Dân sự số 91/2015/QH13 ngày 24/11/2015", "Bộ luật", "91/2015/QH13", dt.date(2015, 11, 24), None),
    ("Luật Tổ chức Chính phủ số 76/2015/QH13 ngày 19/6/2015", "Luật", "76/2015/QH13", dt.date(2015, 6, 19), None),
    ("Luật An ninh mạng số 24/2018/QH14 ngày 12/6/2018", "Luật", "24/2018/QH14", dt.date(2018, 6, 12), None),
    ("Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13", "Luật", "87/2015/QH13", None, None),
    (
        "Nghị quyết số 14/2016/QH14 ngày 27 tháng 7 năm 2016 của Quốc hội về Chương trình giám sát của Quốc hội năm 2017",
        "Nghị quyết",
        "14/2016/QH14",
        dt.date(2016, 7, 27),
        "Quốc hội",
    ),
    (
        "Nghị quyết số 20/2016/QH14 ngày 28 tháng 7 năm 2016 của Quốc hội",
        "Nghị quyết",
        "20/2016/QH14",
        dt.date(2016, 7, 28),
        "Quốc hội",
    ),
    (
        "Nghị quyết số 01/NQ-CP ngày 01/01/2019 của Chính phủ về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2019",
        "Nghị quyết",
        "01/NQ-CP",
        dt.date(2019, 1, 1),
        "Chính phủ",
    ),
    (
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
        "Nghị định",
        "30/2020/NĐ-CP",
        dt.date(2020, 3, 5),
        "Chính phủ",
    ),
    (
        "Nghị định số 110/2004/NĐ-CP ngày 08/4/2004 của Chính phủ về công tác văn thư",
        "Nghị định",
        "110/2004/NĐ-CP",
        dt.date(2004, 4, 8),
        "Chính phủ",
    ),
    (
        "Nghị định số 58/2001/NĐ-CP ngày 24 tháng 08 năm 2001 của Chính phủ về quản lý và sử dụng con dấu",
        "Nghị định",
        "58/2001/NĐ-CP",
        dt.date(2001, 8, 24),
        "Chính phủ",
    ),
    (
        "Nghị định số 45/2003/NĐ-CP ngày 09 tháng 5 năm 2003 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Nội vụ",
        "Nghị định",
        "45/2003/NĐ-CP",
        dt.date(2003, 5, 9),
        "Chính phủ",
    ),
    (
        "Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính",
        "Thông tư",
        "01/2011/TT-BNV",
        dt.date(2011, 1, 19),
        "Bộ Nội vụ",
    ),
    (
        "Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP ngày 06/5/2005 của Bộ Nội vụ và Văn phòng Chính phủ hướng dẫn về thể thức và kỹ thuật trình bày văn bản",
        "Thông tư liên tịch",
        "55/2005/TTLT-BNV-VPCP",
        dt.date(2005, 5, 6),
        "Bộ Nội vụ và Văn phòng Chính phủ",
    ),
    (
        "Quyết định số 28/2018/QĐ-TTg ngày 12/7/2018 của Thủ tướng Chính phủ về gửi, nhận văn bản điện tử giữa các cơ quan trong hệ thống hành chính nhà nước",
        "Quyết định",
        "28/2018/QĐ-TTg",
        dt.date(2018, 7, 12),
        "Thủ tướng Chính phủ",
    ),
    (
        "Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030",
        "Quyết định",
        "749/QĐ-TTg",
        dt.date(2020, 6, 3),
        "Thủ tướng Chính phủ",
    ),
    (
        "Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ về thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19",
        "Chỉ thị",
        "16/CT-TTg",
        dt.date(2020, 3, 31),
        "Thủ tướng Chính phủ",
    ),
    (
        "Báo cáo số 08/BC-ĐGS ngày 12 tháng 10 năm 2017 của Đoàn giám sát của Quốc hội",
        "Báo cáo",
        "08/BC-ĐGS",
        dt.date(2017, 10, 12),
        "Đoàn giám sát của Quốc hội",
    ),
    (
        "Công văn số 1074/BTTTT-TTĐN ngày 12/4/2018 của Bộ Thông tin và Truyền thông",
        "Công văn",
        "1074/BTTTT-TTĐN",
        dt.date(2018, 4, 12),
        "Bộ Thông tin và Truyền thông",
    ),
    (
        "Nghị quyết số 36-NQ/TW ngày 22/10/2018 của Ban Chấp hành Trung ương Đảng khóa XII về Chiến lược phát triển bền vững kinh tế biển Việt Nam đến năm 2030, tầm nhìn đến năm 2045",
        "Nghị quyết",
        "36-NQ/TW",
        dt.date(2018, 10, 22),
        "Ban Chấp hành Trung ương Đảng khóa XII",
    ),
    (
        "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII về một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
        "Nghị quyết",
        "18-NQ/TW",
        dt.date(2017, 10, 25),
        "Ban Chấp hành Trung ương Đảng khóa XII",
    ),
    (
        "Chỉ thị số 05-CT/TW, ngày 15-5-2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Chỉ thị",
        "05-CT/TW",
        dt.date(2016, 5, 15),
        "Bộ Chính trị",
    ),
    (
        "Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới",
        "Kết luận",
        "57-KL/TW",
        dt.date(2023, 6, 15),
        "Bộ Chính trị",
    ),
    (
        "Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Kết luận",
        "01-KL/TW",
        dt.date(2021, 5, 18),
        "Bộ Chính trị",
    ),
    (
        "Quy định số 66-QĐ/TW ngày 06/02/2017 của Ban Bí thư về thể loại, thẩm quyền ban hành và thể thức văn bản của Đảng",
        "Quy định",
        "66-QĐ/TW",
        dt.date(2017, 2, 6),
        "Ban Bí thư",
    ),
    ("Quyết định số 31-QĐ/TW, ngày 01-10-1997", "Quyết định", "31-QĐ/TW", dt.date(1997, 10, 1), None),
    (
        "Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể thức và kỹ thuật trình bày văn bản của Đảng",
        "Hướng dẫn",
        "36-HD/VPTW",
        dt.date(2018, 4, 3),
        "Văn phòng Trung ương Đảng",
    ),
]


@pytest.mark.parametrize(("text", "kind", "symbol", "issued_on", "issuer"), REAL, ids=[r[2] for r in REAL])
def test_real_citation_parses_into_its_parts(
    text: str, kind: str, symbol: str, issued_on: dt.date | None, issuer: str | None
) -> None:
    ref = LegalReference.parse(text)
    assert (ref.kind, ref.symbol, ref.issued_on, ref.issuer) == (kind, symbol, issued_on, issuer)


@pytest.mark.parametrize("text", [r[0] for r in REAL], ids=[r[2] for r in REAL])
@pytest.mark.parametrize("date_style", ["short", "long"])
def test_real_citation_round_trips(text: str, date_style: str) -> None:
    ref = LegalReference.parse(text)
    assert LegalReference.parse(ref.citation(date_style)) == ref  # type: ignore[arg-type]
    assert LegalReference.parse(ref.short_citation()).symbol == ref.symbol


def test_kinds_cover_laws_resolutions_decrees_circulars_decisions_directives_party_and_letters() -> None:
    kinds = {r[1] for r in REAL}
    assert kinds >= {
        "Luật",
        "Bộ luật",
        "Nghị quyết",
        "Nghị định",
        "Thông tư",
        "Thông tư liên tịch",
        "Quyết định",
        "Chỉ thị",
        "Kết luận",
        "Quy định",
        "Hướng dẫn",
        "Báo cáo",
        "Công văn",
    }
    assert len(REAL) >= 20


def test_a_law_keeps_its_name_and_is_cited_by_it() -> None:
    ref = LegalReference.parse(REAL[0][0])
    assert ref.name == "Luật Ban hành văn bản quy phạm pháp luật"
    assert ref.citation() == REAL[0][0]
    assert ref.short_citation() == "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13"


def test_padded_month_is_read_and_written_the_nd30_way() -> None:
    ref = LegalReference.parse("Nghị định số 72/2015/NĐ-CP ngày 07/09/2015 của Chính phủ")
    assert ref.issued_on == dt.date(2015, 9, 7)
    assert ref.citation() == "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ"
    assert ref.citation("long") == "Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ"


def test_a_subject_that_follows_the_date_directly_has_no_issuer() -> None:
    ref = LegalReference.parse(
        "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 hướng dẫn quản lý hoạt động thông tin đối ngoại"
    )
    assert ref.issuer is None
    assert ref.subject == "hướng dẫn quản lý hoạt động thông tin đối ngoại"


@pytest.mark.parametrize(
    ("symbol", "number", "year", "type_code", "issuer_code", "unit", "party"),
    [
        ("72/2015/NĐ-CP", "72", 2015, "NĐ", "CP", None, False),
        ("1486/QĐ-TTg", "1486", None, "QĐ", "TTg", None, False),
        ("28/2018/QĐ-TTg", "28", 2018, "QĐ", "TTg", None, False),
        ("1074/BTTTT-TTĐN", "1074", None, None, "BTTTT", "TTĐN", False),
        ("80/2015/QH13", "80", 2015, None, "QH13", None, False),
        ("55/2005/TTLT-BNV-VPCP", "55", 2005, "TTLT", "BNV-VPCP", None, False),
        ("08/BC-ĐGS", "08", None, "BC", "ĐGS", None, False),
        ("16-KL/TW", "16", None, "KL", "TW", None, True),
        ("36-HD/VPTW", "36", None, "HD", "VPTW", None, True),
    ],
)
def test_symbol_parts(
    symbol: str, number: str, year: int | None, type_code: str | None, issuer_code: str, unit: str | None, party: bool
) -> None:
    kind = "Công văn" if type_code is None and unit else None
    text = f"{kind or {'NĐ': 'Nghị định', 'QĐ': 'Quyết định', 'TTLT': 'Thông tư liên tịch', 'BC': 'Báo cáo', 'KL': 'Kết luận', 'HD': 'Hướng dẫn', None: 'Luật'}[type_code]} số {symbol}"
    parts = LegalReference.parse(text).parsed_symbol
    assert (parts.number, parts.year, parts.type_code, parts.issuer_code, parts.unit, parts.party) == (
        number,
        year,
        type_code,
        issuer_code,
        unit,
        party,
    )


def test_an_amending_law_keeps_a_so_inside_its_name() -> None:
    text = (
        "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền"
        " địa phương số 47/2019/QH14 ngày 22/11/2019"
    )
    ref = LegalReference.parse(text)
    assert ref.name is not None and ref.name.endswith("chính quyền địa phương")
    assert (ref.symbol, ref.issued_on, ref.with_so) == ("47/2019/QH14", dt.date(2019, 11, 22), True)
    assert ref.citation() == text


def test_kind_words_are_read_in_any_case_and_written_canonically() -> None:
    ref = LegalReference.parse("nghị định số 30/2020/NĐ-CP ngày 05/3/2020")
    assert ref.kind == "Nghị định"
