"""Legal references: the seed's citations parse, validate and cite back to the same text."""

from __future__ import annotations

import datetime as dt

import pytest

from congvan import CitationError, Citer, CongvanError, LegalReference, load_catalogue

SEED_CITATIONS = [
    "Kết luận số 16-KL/TW ngày 14/02/2012 của Bộ chính trị về Chiến lược phát triển thông tin đối ngoại giai đoạn 2011-2020",
    "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại",
    "Quyết định số 1486/QĐ-TTg ngày 06/11/2018 của Thủ tướng Chính phủ ban hành Kế hoạch thông tin đối ngoại của Chính phủ giai đoạn 2018-2020",
    "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ trưởng Bộ Thông tin và Truyền thông hướng dẫn quản lý hoạt động thông tin đối ngoại của các tỉnh, thành phố trực thuộc Trung ương",
    "Quyết định số 273/QĐ-TTg ngày 06/3/2018 của Thủ tướng Chính phủ phê duyệt Quy hoạch phát triển hệ thống thông tin đối ngoại khu vực cửa khẩu quốc tế phục vụ nhiệm vụ thông tin đối ngoại đến năm 2020, định hướng đến năm 2030",
    "Hướng dẫn số 1074/BTTTT-TTĐN ngày 12/4/2018 của Bộ Thông tin và Truyền thông hướng dẫn triển khai thực hiện Quyết định số 273",
    "Thông tư số 03/2019/TT-BTTTT ngày 06/5/2019 về quy định việc đăng, phát nội dung thông tin đối ngoại trên báo chí",
    "Quyết định 16/QĐ-TTg",
]


@pytest.mark.parametrize("text", SEED_CITATIONS)
def test_seed_citation_parses_and_cites_back_to_the_same_text(text: str) -> None:
    ref = LegalReference.parse(text)
    assert ref.citation() == text
    assert LegalReference.parse(ref.citation()) == ref


def test_catalogue_reproduces_every_seed_citation() -> None:
    catalogue = load_catalogue()
    assert sorted(ref.citation() for ref in catalogue.values()) == sorted(SEED_CITATIONS)


def test_kind_must_match_the_type_code() -> None:
    with pytest.raises(CitationError, match="the type code TT means Thông tư, not Nghị định") as info:
        LegalReference.parse("Nghị định số 22/2016/TT-BTTTT")
    assert isinstance(info.value, CongvanError) and isinstance(info.value, ValueError)


def test_citer_cites_in_full_first_then_short() -> None:
    citer = Citer(load_catalogue())
    assert citer.cite("72/2015/NĐ-CP") == SEED_CITATIONS[1]
    assert citer.cite("72/2015/NĐ-CP") == "Nghị định số 72/2015/NĐ-CP"
    ref = load_catalogue()["72/2015/NĐ-CP"]
    assert ref.issued_on == dt.date(2015, 9, 7)
