"""A batch's entries and history written in bulk (SQLite: one statement over a JSON array) are exactly what
one take at a time writes: every field, every year, the history's details, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
import sqlalchemy as sa

from congvan.register import Register
from congvan.register.history import _DETAILS, details_encoder
from congvan.register.schema import history

# Drafts that differ in every way a batch's rows can: years, ký hiệu, kinds, quotes and % in the text,
# optional numbers and dates given or not; some rows share one draft object (a merge's repeated fields).
SHARED = {"date": "2024-12-31", "symbol": "BTTTT-TTĐN", "subject": 'V/v "kế hoạch" 100% năm 2024'}
DRAFTS = [
    SHARED,
    {**SHARED, "kind": "Quyết định", "subject": "Ban hành quy chế", "copies": 3, "sent_on": "2025-01-02"},
    {**SHARED, "date": "2025-01-01", "recipients": ["UBND tỉnh Yên Bái", "Lưu: VT"], "pages": 2},
    SHARED,
    {**SHARED, "date": "2025-01-02", "symbol": "QĐ-BTTTT", "signer": "Nguyễn Văn A", "due_date": "2025-02-01"},
    {**SHARED, "priority": 1, "doc_ordinal": 4, "note": "ghi chú \\ \n dòng hai"},
]


def _files(entries):
    return [(f"{position:02d}-{entry.symbol}.docx", f"{position:064x}") for position, entry in enumerate(entries)]


def test_a_batch_writes_what_single_takes_write(register: Register, address: str) -> None:
    with register.issue_batch("bulk", DRAFTS) as batch:
        files = _files(batch.entries)
        batch.attach_in_order(files)
        held = list(batch.entries)
    stored = register.entries(2024) + register.entries(2025)
    assert [(e.year, e.number) for e in stored] == [(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2)]
    by_code = {(e.year, e.number): e for e in stored}
    assert [by_code[(e.year, e.number)] for e in held] == held  # what the batch gave is what was stored
    assert [(e.file, e.sha256) for e in held] == files
    # the same documents taken one at a time, in another register database: the same fields
    with Register(address + "-single" if "://" not in address else address, create=True, by="văn thư") as single:
        if "://" in address:  # one PostgreSQL schema: a second register in it, of another issuing body
            single.init("single", organ_name="Bộ Thông tin và Truyền thông (bản sao)", organ_id="000.00.00.G12")
            name = "single"
        else:
            single.init(organ_name="Bộ Thông tin và Truyền thông", organ_id="000.00.00.G12")
            name = "outgoing"
        one_by_one = [
            single.take(name=name, **{**draft, "file": file, "sha256": sha256})
            for draft, (file, sha256) in zip(DRAFTS, files, strict=True)
        ]
        ignored = {"register", "identifier", "organ_name", "run_id"}
        for batched, alone in zip(held, one_by_one, strict=True):
            mine = {k: v for k, v in dataclasses.asdict(batched).items() if k not in ignored}
            assert mine == {k: v for k, v in dataclasses.asdict(alone).items() if k not in ignored}
        assert [e.identifier for e in held] == [
            "000.00.00.G12.outgoing.2024.01",
            "000.00.00.G12.outgoing.2024.02",
            "000.00.00.G12.outgoing.2025.01",
            "000.00.00.G12.outgoing.2024.03",
            "000.00.00.G12.outgoing.2025.02",
            "000.00.00.G12.outgoing.2024.04",
        ]
    # one "take" record per entry, in the batch's order, its details as `history.record` writes them
    takes = [r for r in register.history(name="outgoing") if r.action == "take"]
    assert [(r.year, r.number) for r in takes] == [(e.year, e.number) for e in held]
    expected = [
        {
            "number_symbol": e.number_symbol,
            "date": e.date.isoformat(),
            "kind": e.kind,
            "subject": e.subject,
            "run_id": "bulk",
            "file": e.file,
            "sha256": e.sha256,
        }
        for e in held
    ]
    assert [r.details for r in takes] == expected
    engine = register._engine
    with engine.connect() as connection:
        raw = connection.execute(
            sa.select(history.c.details)
            .where(history.c.action == "take", history.c.register == "outgoing")
            .order_by(history.c.id)
        ).scalars()
        assert list(raw) == [_DETAILS.encode(d) for d in expected]


def test_the_details_template_writes_what_the_encoder_writes() -> None:
    fixed = {"date": "2024-01-02", "kind": 'Công "văn"', "subject": "100% {x} %s \\", "run_id": None}
    encode = details_encoder(fixed, ("number_symbol", "file", "sha256"))
    for values in [("01/A-B", "a.docx", ""), ('0"1', "%(x)s \u2028 \n", "f" * 64)]:
        expected = _DETAILS.encode({**fixed, **dict(zip(("number_symbol", "file", "sha256"), values, strict=True))})
        assert encode(*values) == expected
        assert json.loads(encode(*values))["file"] == values[1]


def test_a_batch_without_files_keeps_the_drafts_own(register: Register) -> None:
    drafts = [{**SHARED, "file": "cu.docx", "sha256": "a" * 64}, {**SHARED, "date": dt.date(2024, 5, 1)}]
    with register.issue_batch(None, drafts) as batch:
        assert batch.taken_numbers == [1, 2] and batch.numbers == ["01/BTTTT-TTĐN", "02/BTTTT-TTĐN"]
    assert [(e.file, e.sha256) for e in register.entries(2024)] == [("cu.docx", "a" * 64), ("", "")]


def test_an_sqlite_without_json_each_gets_the_same_rows_through_the_driver(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    from congvan.register import bulk

    monkeypatch.setattr(bulk, "json_each", False)
    with register.issue_batch("loop", DRAFTS) as batch:
        batch.attach_in_order(_files(batch.entries))
        held = list(batch.entries)
    stored = {(e.year, e.number): e for e in register.entries(2024) + register.entries(2025)}
    assert [stored[(e.year, e.number)] for e in held] == held
