"""The ND30 document model: immutability, parsing, the rules ND30 sets, NFC text."""

from __future__ import annotations

import datetime as dt
import inspect
import unicodedata
from pathlib import Path

import pydantic
import pytest
import yaml

import congvan.model as model
from congvan.citations import LegalReference
from congvan.model import (
    Addressees,
    Archive,
    Body,
    IssuingBody,
    NumberSymbol,
    OfficialLetter,
    Opening,
    Recipients,
    Signature,
)


@pytest.fixture(scope="module")
def data(root: Path) -> dict:
    return yaml.safe_load((root / "data" / "directive-2020.yaml").read_text(encoding="utf-8"))


def errors_of(call) -> str:
    with pytest.raises(pydantic.ValidationError) as caught:
        call()
    return str(caught.value)


# ------------------------------------------------------------------ the base


def test_models_are_frozen(data: dict) -> None:
    letter = OfficialLetter.model_validate(data)
    with pytest.raises(pydantic.ValidationError):
        letter.subject = "khác"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        letter.issuing_body.name = "Bộ Nội vụ"  # type: ignore[misc]
    with pytest.raises((TypeError, AttributeError)):
        letter.body.tasks[0].parts.append(None)  # type: ignore[attr-defined]  # tuples, not lists


def test_unknown_fields_are_rejected(data: dict) -> None:
    message = errors_of(lambda: OfficialLetter.model_validate({**data, "singature": {}}))
    assert "singature" in message
    message = errors_of(lambda: IssuingBody(name="Bộ Nội vụ", abbreviation="BNV", place="Hà Nội", adress="x"))
    assert "adress" in message


def test_json_schema_field_names_are_pinned() -> None:
    assert set(OfficialLetter.model_json_schema()["properties"]) == {
        "citation_dates",
        "kind",
        "issuing_body",
        "number",
        "issued_on",
        "draft_year",
        "subject",
        "addressees",
        "body",
        "signature",
        "recipients",
        "annexes",
        "urgency",
        "secrecy",
        "sample_fields",
    }


def all_models() -> list[type[pydantic.BaseModel]]:
    found = [
        obj
        for name in model.__all__
        if inspect.isclass(obj := getattr(model, name)) and issubclass(obj, pydantic.BaseModel)
    ]
    return [*found, LegalReference]


@pytest.mark.parametrize("cls", all_models(), ids=lambda cls: cls.__name__)
def test_every_field_is_documented(cls: type[pydantic.BaseModel]) -> None:
    assert cls.__doc__ and cls.__doc__.strip()
    for name, field in cls.model_fields.items():
        assert field.description and field.description.strip(), f"{cls.__name__}.{name} has no docstring"
        assert cls.model_json_schema()["properties"][name].get("description"), f"{cls.__name__}.{name}"


def test_model_exports_are_pinned() -> None:
    assert set(model.__all__) == {
        "Addressees", "Annex", "AnnexRow", "Archive", "Authority", "Body", "IssuingBody",
        "NumberSymbol", "OfficialLetter", "Opening", "Part", "Recipients", "Secrecy",
        "Signature", "Task", "Urgency",
        # the other models of Phụ lục III and their content
        "AdministrativeDocument", "AnnexDocument", "Article", "AttachedText", "Basis", "Chapter", "Clause",
        "Content", "Decision", "Document", "DocumentPart", "Heading", "Introduction", "Invitation",
        "IssuedText", "LeaveNote", "Minutes", "NamedDocument", "Point", "Resolution", "Section", "Subsection",
        "Telegram",
    }  # fmt: skip


# ------------------------------------------------------------------ number and symbol


@pytest.mark.parametrize(
    ("written", "number", "symbol", "line"),
    [
        ("135/BTTTT-TTĐN", 135, "BTTTT-TTĐN", "Số: 135/BTTTT-TTĐN"),
        ("5/BNV-VP", 5, "BNV-VP", "Số: 05/BNV-VP"),
        ("05/BNV-VP", 5, "BNV-VP", "Số: 05/BNV-VP"),
        ("Số: 15/QĐ-BNV", 15, "QĐ-BNV", "Số: 15/QĐ-BNV"),
        ("10/TTr-UBND", 10, "TTr-UBND", "Số: 10/TTr-UBND"),
    ],
)
def test_number_symbol_parsing(written: str, number: int, symbol: str, line: str) -> None:
    parsed = NumberSymbol.model_validate(written)
    assert (parsed.number, parsed.symbol, parsed.line) == (number, symbol, line)


@pytest.mark.parametrize("written", ["/BTTTT-TTĐN", "  /BTTTT-TTĐN", "…/BTTTT-TTĐN"])
def test_draft_number_is_left_blank(written: str) -> None:
    parsed = NumberSymbol.model_validate(written)
    assert parsed.number is None
    assert parsed.line.startswith("Số:") and parsed.line.endswith("/BTTTT-TTĐN")
    blank = parsed.line.removeprefix("Số:").removesuffix("/BTTTT-TTĐN")
    assert len(blank) >= 5 and not blank.strip(), repr(blank)  # room to write the number by hand


@pytest.mark.parametrize(
    "written",
    ["BTTTT-TTĐN", "135/bttt-ttđn", "135/BTTTT TTĐN", "abc/BTTTT", "135//BTTTT", "135/BTTTT-", "135/-TTĐN", "0/BNV-VP"],
)
def test_malformed_number_symbols_are_rejected_with_a_message(written: str) -> None:
    message = errors_of(lambda: NumberSymbol.model_validate(written))
    assert any(word in message for word in ("symbol", "number", "greater than")), message


def test_malformed_symbol_message_shows_the_right_form() -> None:
    message = errors_of(lambda: NumberSymbol.model_validate("135 BTTTT"))
    assert "'135 BTTTT'" in message and "135/BTTTT-TTĐN" in message


def test_symbol_must_start_with_the_issuing_body_abbreviation(data: dict) -> None:
    message = errors_of(lambda: OfficialLetter.model_validate({**data, "number": "135/BNV-VP"}))
    assert "BNV" in message and "BTTTT" in message


# ------------------------------------------------------------------ signature


def test_authority_needs_a_principal() -> None:
    message = errors_of(lambda: Signature(authority="KT.", title="Thứ trưởng"))
    assert "principal" in message
    with pytest.raises(pydantic.ValidationError):
        Signature(principal="Bộ trưởng", title="Thứ trưởng")  # a principal without KT./TL. …
    with pytest.raises(pydantic.ValidationError):
        Signature(authority="TM.", principal="Ủy ban nhân dân")  # whose title?
    with pytest.raises(pydantic.ValidationError):
        Signature(authority="KT!", principal="Bộ trưởng", title="Thứ trưởng")


def test_signature_lines_in_capitals() -> None:
    signature = Signature(authority="KT.", principal="Bộ trưởng", title="Thứ trưởng", name="Nguyễn Văn A")
    assert signature.lines == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
    assert Signature(title="Bộ trưởng").lines == ["BỘ TRƯỞNG"]


@pytest.mark.parametrize(
    "name",
    [
        "TS. Nguyễn Văn A",
        "PGS.TS. Nguyễn Văn A",
        "GS.TSKH Trần Văn B",
        "ThS Lê Thị C",
        "PGS. TS. Phạm D",
        "Tiến sĩ Lê E",
    ],
)
def test_no_academic_title_before_the_name(name: str) -> None:
    message = errors_of(lambda: Signature(authority="KT.", principal="Bộ trưởng", title="Thứ trưởng", name=name))
    assert "academic" in message


@pytest.mark.parametrize("name", ["Nguyễn Văn A", "Tạ Quang Bửu", "Cao Văn Sĩ", "Ksor Phước"])
def test_ordinary_names_are_accepted(name: str) -> None:
    assert Signature(title="Bộ trưởng", name=name).name == name


# ------------------------------------------------------------------ recipients and addressees


def test_archive_line() -> None:
    assert Archive(units=("VT", "TTĐN"), drafter="NV", copies=135).line == "- Lưu: VT, TTĐN, NV (135)."
    assert Archive().line == "- Lưu: VT."
    assert Archive(units=("VT", "VP"), copies=5).line == "- Lưu: VT, VP (5)."
    message = errors_of(lambda: Archive(units=("TTĐN", "VT")))
    assert "VT" in message
    with pytest.raises(pydantic.ValidationError):
        Archive(units=("VT", "phòng A"))
    with pytest.raises(pydantic.ValidationError):
        Archive(copies=0)


def test_recipients_punctuation_is_stripped_and_added_back() -> None:
    recipients = Recipients(lines=["- Như trên;", "Bộ trưởng (để b/c)", "- Sở TT&TT các tỉnh, thành phố."])
    assert recipients.lines == ("Như trên", "Bộ trưởng (để b/c)", "Sở TT&TT các tỉnh, thành phố")
    assert recipients.formatted == [
        "- Như trên;",
        "- Bộ trưởng (để b/c);",
        "- Sở TT&TT các tỉnh, thành phố;",
        "- Lưu: VT.",
    ]


def test_addressees_punctuation_is_stripped_and_added_back() -> None:
    several = Addressees(items=["- Ủy ban nhân dân tỉnh An Giang;", "Ủy ban nhân dân thành phố Cần Thơ."])
    assert several.items == ("Ủy ban nhân dân tỉnh An Giang", "Ủy ban nhân dân thành phố Cần Thơ")
    assert several.lines == ["- Ủy ban nhân dân tỉnh An Giang;", "- Ủy ban nhân dân thành phố Cần Thơ."]
    one = Addressees(items="Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;")
    assert one.lines == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    with pytest.raises(pydantic.ValidationError):
        Addressees(items=[])


# ------------------------------------------------------------------ body, subject


def test_closing_must_end_with_stop_mark() -> None:
    opening = Opening(lead="Căn cứ", text="đề nghị:")
    assert Body(opening=opening).closing == "Trân trọng./."
    message = errors_of(lambda: Body(opening=opening, closing="Trân trọng."))
    assert "./." in message


def test_subject_vv_prefix_is_stripped(data: dict) -> None:
    for written in ("V/v xây dựng Kế hoạch", "v/v xây dựng Kế hoạch", "  V/v   xây dựng Kế hoạch"):
        letter = OfficialLetter.model_validate({**data, "subject": written})
        assert letter.subject == "xây dựng Kế hoạch"


def test_task_headings_and_part_letters(data: dict) -> None:
    letter = OfficialLetter.model_validate(data)
    tasks = letter.body.tasks
    assert tasks[2].heading(3) == "3. Phân công, bố trí cán bộ phụ trách công tác thông tin đối ngoại."
    assert tasks[5].heading(6) == "6. Triển khai các hoạt động thông tin đối ngoại"
    assert [Body.part_letter(i) for i in range(6)] == ["a", "b", "c", "d", "đ", "e"]


def test_draft_and_year(data: dict) -> None:
    draft = OfficialLetter.model_validate(data)
    assert draft.is_draft and draft.year is None
    dated = OfficialLetter.model_validate({**data, "number": "135/BTTTT-TTĐN", "issued_on": "2020-01-05"})
    assert not dated.is_draft and dated.issued_on == dt.date(2020, 1, 5) and dated.year == 2020
    message = errors_of(lambda: OfficialLetter.model_validate({**data, "issued_on": "2020-01-05", "draft_year": 2019}))
    assert "draft_year" in message


# ------------------------------------------------------------------ NFC and tone placement


def test_nfd_and_old_tone_placement_become_nfc() -> None:
    body = IssuingBody(
        name=unicodedata.normalize("NFD", "Uỷ ban nhân dân tỉnh Thanh Hoá"),
        abbreviation="UBND",
        place=unicodedata.normalize("NFD", "Thanh Hoá"),
    )
    assert body.name == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert body.place == "Thanh Hóa"
    assert unicodedata.is_normalized("NFC", body.name)
    addressees = Addressees(items=[unicodedata.normalize("NFD", "Sở Tài nguyên và Môi trường tỉnh Hoà Bình")])
    assert addressees.items == ("Sở Tài nguyên và Môi trường tỉnh Hòa Bình",)


def test_whole_letter_from_nfd_data_is_nfc(data: dict) -> None:
    import json

    nfd = json.loads(unicodedata.normalize("NFD", json.dumps(data, ensure_ascii=False)))
    letter = OfficialLetter.model_validate(nfd)
    assert letter == OfficialLetter.model_validate(data)
    assert unicodedata.is_normalized("NFC", letter.model_dump_json())


@pytest.mark.parametrize(
    ("field", "written", "expected"),
    [
        ("kind", unicodedata.normalize("NFD", "công văn"), "công văn"),
        ("urgency", "HOẢ TỐC", "HỎA TỐC"),
        ("urgency", unicodedata.normalize("NFD", "THƯỢNG KHẨN"), "THƯỢNG KHẨN"),
        ("secrecy", unicodedata.normalize("NFD", "TỐI MẬT"), "TỐI MẬT"),
    ],
)
def test_marks_in_nfd_or_old_tone_placement_are_accepted(data: dict, field: str, written: str, expected: str) -> None:
    assert getattr(OfficialLetter.model_validate({**data, field: written}), field) == expected


@pytest.mark.parametrize("blank", ["", "   ", "\u00a0\n\t"])
def test_blank_text_is_rejected(data: dict, blank: str) -> None:
    message = errors_of(lambda: OfficialLetter.model_validate({**data, "subject": blank}))
    assert "subject" in message
    with pytest.raises(pydantic.ValidationError):
        IssuingBody(name=blank, abbreviation="BNV", place="Hà Nội")
