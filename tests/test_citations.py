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


def test_every_seed_citation_is_quoted_from_the_seed(reference) -> None:  # type: ignore[no-untyped-def]
    seed = (reference / "seed" / "000_6ca05dc2f5e5ad81.txt").read_text(encoding="utf-8")
    for text in SEED_CITATIONS:
        assert text in seed


@pytest.mark.parametrize(
    "text",
    [
        "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 hướng dẫn quản lý hoạt động thông tin đối ngoại của các tỉnh, thành phố trực thuộc Trung ương",
        "Thông tư số 22/2016/TT-BTTTT",
    ],
)
def test_seed_later_mentions_parse(text: str) -> None:
    ref = LegalReference.parse(text)
    assert ref.symbol == "22/2016/TT-BTTTT" and ref.citation() == text


def test_a_bare_number_is_not_a_citation() -> None:
    # The seed's "Quyết định số 273" (inside the subject of 1074/BTTTT-TTĐN) names a
    # document by its number only; it cannot stand on its own.
    with pytest.raises(CitationError, match="no number and symbol"):
        LegalReference.parse("Quyết định số 273")


# --- validation errors -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Nghị định số 22/2016/TT-BTTTT",
            "Nghị định số 22/2016/TT-BTTTT: the type code TT means Thông tư, not Nghị định",
        ),
        ("Thông tư số 72/2015/NĐ-CP", "the type code NĐ means Nghị định, not Thông tư"),
        ("Quyết định số 16/CT-TTg", "the type code CT means Chỉ thị, not Quyết định"),
        ("Nghị quyết số 16-KL/TW", "the Party type code KL means Kết luận, not Nghị quyết"),
        ("Quyết định số 36-HD/VPTW", "the Party type code HD means Hướng dẫn, not Quyết định"),
        (
            "Nghị định số 05/BNV-VP",
            "the symbol has no type code of a Nghị định; a Nghị định's symbol reads like 72/2015/NĐ-CP",
        ),
        ("Nghị định số 72/2015/ND-CP", "write the type code NĐ with its diacritics, not ND"),
        ("Luật số 80/2015/BNV", "the symbol has no type code of a Luật"),
        (
            "Nghị định số 72/2015/NĐ-CP ngày 07/9/2016",
            "the symbol's year 2015 differs from the year of the date 07/9/2016",
        ),
        ("Thông tư số 22/2016/TT-BTTTT ngày 19 tháng 10 năm 2015", "the symbol's year 2016 differs"),
        ("Nghị định số 01/2020/NĐ-CP ngày 31/02/2020", "the date 31/02/2020 does not exist"),
        ("Quyết định số 1486/QĐ-TTg ngày 06/13/2018", "the date 06/13/2018 does not exist"),
        (
            "Quyết định số 1486/QĐ-TTg ngày 6 tháng Mười một năm 2018",
            "the date in 'ngày 6 tháng Mười một năm 2018' cannot be read",
        ),
        ("Văn bản số 72/2015/NĐ-CP", "the type of document (Loại văn bản) cannot be read from 'Văn bản'"),
        ("số 72/2015/NĐ-CP", "the type of document (Loại văn bản) cannot be read from ''"),
        ("Căn cứ tình hình thực tế", "no number and symbol (Số, ký hiệu) such as 72/2015/NĐ-CP"),
        (
            "Quyết định phê duyệt Đề án số 16/QĐ-TTg",
            "only Bộ luật, Luật, Pháp lệnh are named before the number, not a Quyết định",
        ),
        ("   ", "an empty text is not a citation"),
    ],
)
def test_parse_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(CitationError) as info:
        LegalReference.parse(text)
    assert message in str(info.value)


def test_model_construction_validates_the_same_rules() -> None:
    with pytest.raises(ValueError, match="the type code TT means Thông tư, not Nghị định"):
        LegalReference(kind="Nghị định", symbol="22/2016/TT-BTTTT")
    with pytest.raises(ValueError, match="write 'Nghị định'"):
        LegalReference(kind="Nghi dinh", symbol="72/2015/NĐ-CP")
    with pytest.raises(ValueError, match="cannot be read: expected a shape such as"):
        LegalReference(kind="Nghị định", symbol="72 / 2015 / NĐ-CP")
    with pytest.raises(ValueError, match="must start with the type word 'Luật'"):
        LegalReference(kind="Luật", symbol="80/2015/QH13", name="Bộ luật Dân sự")
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        LegalReference(kind="Nghị định", symbol="72/2015/NĐ-CP", source="seed")  # type: ignore[call-arg]


def test_the_seed_hướng_dẫn_with_a_công_văn_symbol_validates() -> None:
    ref = LegalReference(kind="Hướng dẫn", symbol="1074/BTTTT-TTĐN", issued_on=dt.date(2018, 4, 12))
    assert ref.parsed_symbol.type_code is None and ref.parsed_symbol.unit == "TTĐN"


def test_references_are_frozen_and_nfc() -> None:
    import unicodedata

    ref = LegalReference(
        kind=unicodedata.normalize("NFD", "Nghị định"),
        symbol=unicodedata.normalize("NFD", "72/2015/NĐ-CP"),
        issuer="Chính  phủ",
        subject="về quản lý hoạt động thông tin đối ngoại (hoà hợp)",
    )
    assert ref.kind == "Nghị định" and ref.symbol == "72/2015/NĐ-CP" and ref.issuer == "Chính phủ"
    assert ref.subject is not None and ref.subject.endswith("(hòa hợp)")
    with pytest.raises(ValueError):
        ref.kind = "Thông tư"  # type: ignore[misc]


def test_unknown_date_style_is_refused() -> None:
    with pytest.raises(ValueError, match="date_style"):
        LegalReference.parse(SEED_CITATIONS[1]).citation("medium")  # type: ignore[arg-type]


# --- catalogue and citer -----------------------------------------------------


def test_bundled_catalogue_holds_every_document_the_seed_cites() -> None:
    assert set(load_catalogue()) == {
        "16-KL/TW",
        "72/2015/NĐ-CP",
        "1486/QĐ-TTg",
        "22/2016/TT-BTTTT",
        "273/QĐ-TTg",
        "1074/BTTTT-TTĐN",
        "03/2019/TT-BTTTT",
        "16/QĐ-TTg",
    }
    unknown = load_catalogue()["16/QĐ-TTg"]
    assert (unknown.issued_on, unknown.issuer, unknown.subject) == (None, None, None)


def test_catalogue_problems_are_all_reported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.yaml"
    path.write_text(
        "documents:\n"
        "  - {kind: Nghị định, symbol: 22/2016/TT-BTTTT}\n"
        "  - {kind: Thông tư, symbol: 22/2016/TT-BTTTT, issued_on: 2015-10-19}\n"
        "  - {kind: Nghị định, symbol: 72/2015/NĐ-CP, source: seed}\n"
        "  - {kind: Nghị định, symbol: 72/2015/NĐ-CP}\n"
        "  - just text\n",
        encoding="utf-8",
    )
    with pytest.raises(CitationError) as info:
        load_catalogue(path)
    message = str(info.value)
    assert "4 problems" in message
    assert "documents[0]: Nghị định số 22/2016/TT-BTTTT: the type code TT means Thông tư, not Nghị định" in message
    assert "documents[1]" in message and "year 2016 differs" in message
    assert "documents[3]: the symbol 72/2015/NĐ-CP appears twice" in message
    assert "documents[4]: expected a mapping" in message


def test_catalogue_file_must_list_documents(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.yaml"
    path.write_text("- kind: Luật\n", encoding="utf-8")
    with pytest.raises(CitationError, match="expected a mapping with a list 'documents:'"):
        load_catalogue(path)


def test_citer_tracks_mentions_per_document_and_takes_the_date_style() -> None:
    citer = Citer(date_style="long")
    assert citer.cite("1486/QĐ-TTg").startswith("Quyết định số 1486/QĐ-TTg ngày 06 tháng 11 năm 2018 của")
    assert citer("1486/QĐ-TTg") == "Quyết định số 1486/QĐ-TTg"
    assert citer.mentioned == {"1486/QĐ-TTg"}
    other = citer.fresh()
    assert other.mentioned == frozenset() and other.cite("1486/QĐ-TTg").endswith("giai đoạn 2018-2020")


def test_citer_cites_a_reference_outside_the_catalogue() -> None:
    directive = LegalReference(kind="Công văn", symbol="05/BNV-VP")  # ND30's example symbol
    citer = Citer({})
    assert citer.cite(directive) == "Công văn số 05/BNV-VP"
    assert citer.lookup("05/BNV-VP") is directive


def test_citer_names_an_unknown_symbol() -> None:
    with pytest.raises(CitationError, match="the symbol '99/QĐ-TTg' is not in the catalogue"):
        Citer().cite("99/QĐ-TTg")


def test_public_api_and_model_fields_are_pinned() -> None:
    import congvan
    import congvan.citations

    assert set(congvan.citations.__all__) == {
        "KINDS",
        "Citer",
        "DateStyle",
        "LegalReference",
        "SymbolParts",
        "load_catalogue",
        "parse_symbol",
    }
    assert {"CitationError", "Citer", "LegalReference", "SymbolParts", "load_catalogue"} <= set(congvan.__all__)
    schema = LegalReference.model_json_schema()
    assert list(schema["properties"]) == ["kind", "symbol", "issued_on", "issuer", "subject", "name", "with_so"]
    assert schema["required"] == ["kind", "symbol"]
    assert schema["additionalProperties"] is False
    assert "Số, ký hiệu" in schema["properties"]["symbol"]["description"]


def test_directive_bases_come_from_the_catalogue_with_overrides_and_date_style(tmp_path):
    """The directive's data names its bases by symbol; the rendered opening cites each in full."""
    import yaml

    import congvan
    from congvan.documents import opening_text

    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    data = yaml.safe_load((root / "data" / "directive-2020.yaml").read_text(encoding="utf-8"))
    letter = congvan.load(root / "data" / "directive-2020.yaml")
    bases = letter.body.opening.bases
    assert [b.symbol for b in bases] == ["16-KL/TW", "72/2015/NĐ-CP", "1486/QĐ-TTg", "22/2016/TT-BTTTT"]
    assert bases[0].issuer == "Bộ Chính trị"  # the data's override of the catalogue's seed spelling
    assert "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ" in opening_text(letter)

    data["citation_dates"] = "long"
    data["body"]["opening"]["bases"].append("72/2015/NĐ-CP")  # a second mention is cited short
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = opening_text(congvan.load(path))
    assert "Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ" in text
    assert text.count("72/2015/NĐ-CP") == 2 and text.count("ngày 07 tháng 9 năm 2015") == 1

    data["body"]["opening"]["bases"] = ["99/2099/NĐ-CP"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(congvan.DataError, match=r"body\.opening\.bases.*not in the catalogue"):
        congvan.load(path)
