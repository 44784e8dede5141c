"""Numbering by ND30 Điều 15, on SQLite and PostgreSQL alike: per register and year, from 01, never reused."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

import pytest

from congvan.errors import DataError, DuplicateEntry, EntryNotFound, RegisterError, RegisterNotFound
from congvan.register import Register

LETTER = {"symbol": "BTTTT-TTĐN", "subject": "V/v xây dựng kế hoạch thông tin đối ngoại năm 2020"}


def take(register: Register, day: str, **fields):
    return register.take(date=day, **{**LETTER, **fields})


def test_numbers_start_at_01_are_zero_padded_below_10_and_consecutive(register: Register) -> None:
    taken = [take(register, "2024-03-05") for _ in range(11)]
    assert [e.number for e in taken] == list(range(1, 12))
    assert taken[0].number_symbol == "01/BTTTT-TTĐN"
    assert taken[8].number_symbol == "09/BTTTT-TTĐN"
    assert taken[9].number_symbol == "10/BTTTT-TTĐN"
    assert [e.number for e in register.entries(2024)] == list(range(1, 12))
    assert register.last_number(2024) == 11


def test_the_year_comes_from_the_document_date_and_a_new_year_starts_at_01(register: Register) -> None:
    assert take(register, "2024-12-30").number_symbol == "01/BTTTT-TTĐN"
    assert take(register, "2024-12-31").number == 2
    first_of_2025 = take(register, "2025-01-01")
    assert (first_of_2025.year, first_of_2025.number) == (2025, 1)
    # a 2024 document registered late continues 2024's sequence, whatever the clock says
    late = take(register, "2024-12-31", subject="V/v văn bản đăng ký muộn")
    assert (late.year, late.number) == (2024, 3)
    assert take(register, "2025-01-02").number == 2
    # a year far from today's: the clock plays no part
    assert take(register, "1999-07-01").number_symbol == "01/BTTTT-TTĐN"
    assert [(e.year, e.number) for e in register.entries(2025)] == [(2025, 1), (2025, 2)]
    assert [(e.year, e.number) for e in register.entries(2024)] == [(2024, 1), (2024, 2), (2024, 3)]


def test_named_registers_have_their_own_sequences(register: Register) -> None:
    register.init("secret", title="Sổ đăng ký văn bản mật đi", organ_name="Bộ Thông tin và Truyền thông")
    register.init("decisions", organ_name="Bộ Thông tin và Truyền thông")
    for _ in range(3):
        take(register, "2024-02-01")
    secret = take(register, "2024-02-01", name="secret", symbol="BTTTT-VP")
    decision = take(register, "2024-02-01", name="decisions", symbol="QĐ-BTTTT", kind="Quyết định")
    assert secret.number_symbol == "01/BTTTT-VP" and secret.register == "secret"
    assert decision.number_symbol == "01/QĐ-BTTTT"
    assert take(register, "2024-02-02").number == 4
    assert register.names() == ["outgoing", "secret", "decisions"]
    assert register.book("secret").title == "Sổ đăng ký văn bản mật đi"


def test_a_legal_normative_symbol_carries_its_year(register: Register) -> None:
    register.init("decrees", organ_name="Chính phủ")
    decree = take(register, "2024-03-05", name="decrees", symbol="2024/NĐ-CP", kind="Nghị định")
    assert decree.number_symbol == "01/2024/NĐ-CP"
    with pytest.raises(DataError, match="carries the year 2023"):
        take(register, "2024-03-05", name="decrees", symbol="2023/NĐ-CP")


def test_void_keeps_the_number_marked_with_its_reason_and_never_gives_it_again(register: Register) -> None:
    for _ in range(3):
        take(register, "2024-04-01")
    voided = register.void(2024, 2, "Văn bản ký nhầm, thay bằng số 04")
    assert voided.voided and voided.void_reason == "Văn bản ký nhầm, thay bằng số 04"
    assert take(register, "2024-04-02").number == 4
    entries = register.entries(2024)
    assert [(e.number, e.voided) for e in entries] == [(1, False), (2, True), (3, False), (4, False)]
    assert entries[1].subject == LETTER["subject"]  # what was registered is kept
    with pytest.raises(RegisterError, match="already voided"):
        register.void(2024, 2, "lần nữa")
    with pytest.raises(EntryNotFound, match="no number 9 .* for 2024 .*01 to 04"):
        register.void(2024, 9, "không có")
    with pytest.raises(DataError, match="reason: required"):
        register.void(2024, 3, "   ")
    assert register.void(2024, 4, "x").number == 4
    assert take(register, "2024-04-03").number == 5


def test_a_duplicate_number_and_symbol_of_the_same_body_is_refused_naming_the_earlier_entry(
    register: Register,
) -> None:
    register.init("council", organ_name="Bộ Thông tin và Truyền thông")
    earlier = take(register, "2024-05-06", subject="V/v họp Hội đồng thi đua")
    with pytest.raises(DuplicateEntry) as caught:
        take(register, "2024-05-07", name="council", subject="V/v khen thưởng")
    message = str(caught.value)
    assert "01/BTTTT-TTĐN" in message and "Bộ Thông tin và Truyền thông" in message
    assert "register 'outgoing'" in message and "2024-05-06" in message and "V/v họp Hội đồng thi đua" in message
    assert caught.value.earlier == earlier
    # the refused take consumed nothing: the council's first number is still free
    assert register.last_number(2024, name="council") == 0
    assert [h.action for h in register.history(name="council")] == ["create"]
    assert take(register, "2024-05-07", name="council", symbol="HĐTĐKT").number_symbol == "01/HĐTĐKT"
    # the same number and symbol in another year, or of another body, is no duplicate
    assert take(register, "2025-01-02", name="council").number_symbol == "01/BTTTT-TTĐN"
    register.init("other-body", organ_name="Sở Thông tin và Truyền thông tỉnh Yên Bái")
    assert take(register, "2024-05-08", name="other-body").number_symbol == "01/BTTTT-TTĐN"


def test_every_entry_keeps_the_phu_luc_vi_metadata_file_name_and_sha256(register: Register) -> None:
    content = "nội dung thư".encode()
    entry = register.take(
        date=dt.date(2020, 2, 14),
        symbol="BTTTT-TTĐN",
        subject="V/v đề nghị xây dựng kế hoạch",
        kind="Công văn",
        signer="Nguyễn Mạnh Hùng",
        signer_position="Bộ trưởng",
        recipients=["UBND tỉnh Yên Bái", "UBND tỉnh Lào Cai"],
        recipient_ids="000.00.00.H64",
        archive="VT, TTĐN",
        copies=65,
        sent_on=dt.date(2020, 2, 15),
        received_by="Trần Văn B",
        note="Gửi kèm phụ lục",
        pages=4,
        priority=1,
        due_date=dt.date(2020, 3, 15),
        file_notation="05/HS-TTĐN",
        doc_ordinal=3,
        file="01-yen-bai.docx",
        sha256=hashlib.sha256(content).hexdigest(),
    )
    (stored,) = register.entries(2020)
    assert stored == entry
    assert stored.signer == "Nguyễn Mạnh Hùng" and stored.signer_position == "Bộ trưởng"
    assert stored.recipients == "UBND tỉnh Yên Bái\nUBND tỉnh Lào Cai"
    assert (stored.copies, stored.pages, stored.priority, stored.doc_ordinal) == (65, 4, 1, 3)
    assert (stored.sent_on, stored.due_date) == (dt.date(2020, 2, 15), dt.date(2020, 3, 15))
    assert stored.file == "01-yen-bai.docx" and stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.organ_name == "Bộ Thông tin và Truyền thông" and stored.organ_id == "000.00.00.G12"
    assert stored.identifier == "000.00.00.G12.outgoing.2020.01"
    assert stored.language == "Tiếng Việt"


def test_text_is_nfc_with_nd30_tone_placement(register: Register) -> None:
    entry = take(register, "2024-01-08", subject="V/v tổ chức Hội nghị tại Thanh Hoá", signer="Nguyễn Văn Thuỷ")
    assert entry.subject == "V/v tổ chức Hội nghị tại Thanh Hóa"
    assert entry.signer == "Nguyễn Văn Thủy"


def test_bad_fields_are_all_reported_and_nothing_is_taken(register: Register) -> None:
    with pytest.raises(DataError) as caught:
        register.take(
            date="2024-13-01",
            symbol="btttt ttđn",
            subject="x" * 501,
            copies=0,
            signer="Nguyễn\x00Văn A",
            sha256="abc",
        )
    text = str(caught.value)
    for field in ("date", "symbol", "subject", "copies", "signer", "sha256"):
        assert f"  - {field}:" in text, (field, text)
    assert "U+0000" in text and "at most 500" in text
    with pytest.raises(DataError, match="subject: required"):
        register.take(date="2024-01-01", symbol="BTTTT-TTĐN", subject="  ")
    assert register.entries() == [] and register.last_number(2024) == 0


def test_a_missing_register_is_named_with_the_way_to_create_it(tmp_path, address: str) -> None:
    if not address.startswith("postgresql"):
        with pytest.raises(RegisterNotFound, match="no register here; create one with: congvan register init"):
            Register(tmp_path / "missing.db")
        assert not (tmp_path / "missing.db").exists()
        with sqlite3.connect(address) as other:  # an SQLite database of something else
            other.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(RegisterNotFound, match="holds no congvan register"):
        Register(address)
    with Register(address, create=True) as register:
        register.init()
        with pytest.raises(RegisterNotFound, match=r"no register named 'secret' \(registers here: 'outgoing'\)"):
            take(register, "2024-01-01", name="secret")
        with pytest.raises(RegisterError, match="exists already"):
            register.init()
        assert register.init(exist_ok=True).name == "outgoing"


def test_the_history_records_who_did_what_and_when(register: Register) -> None:
    before = dt.datetime.now(dt.UTC)
    take(register, "2024-06-03")
    register.void(2024, 1, "nhầm", by="Lê Thị C")
    register.attach(2024, 1, file="01.docx", sha256="0" * 64)
    records = register.history(name="outgoing")
    assert [r.action for r in records] == ["create", "take", "void", "attach"]
    assert [r.actor for r in records] == ["văn thư", "văn thư", "Lê Thị C", "văn thư"]
    assert all(r.at >= before - dt.timedelta(seconds=5) for r in records[1:])
    assert records[1].details["number_symbol"] == "01/BTTTT-TTĐN" and records[1].details["date"] == "2024-06-03"
    assert records[2].details == {"number_symbol": "01/BTTTT-TTĐN", "reason": "nhầm"}
    assert records[3].details["file"] == "01.docx" and records[3].details["previous_file"] == ""
    assert (records[2].year, records[2].number) == (2024, 1)


def test_a_duplicate_error_crosses_process_boundaries(register: Register) -> None:
    import pickle

    register.init("council", organ_name="Bộ Thông tin và Truyền thông")
    take(register, "2024-05-06")
    with pytest.raises(DuplicateEntry) as caught:
        take(register, "2024-05-07", name="council")
    copy = pickle.loads(pickle.dumps(caught.value))  # as a worker process of a batch sends it back
    assert str(copy) == str(caught.value) and copy.earlier == caught.value.earlier
