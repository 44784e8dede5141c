"""Rendering draws its numbers from the register (issue 15), on SQLite and PostgreSQL alike.

``render``, ``batch`` and ``merge`` with a register take the numbers in one transaction with
their output: consecutive in table order, printed in the letters (read back from the .docx)
and in the manifest, each file and its SHA-256 recorded; a batch that fails validation or
is killed with SIGKILL mid-render leaves the register as it was; a rerun with the same run
id takes nothing new and writes the same letters.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx_text import DocxReader

import congvan
from congvan.cli import main
from congvan.errors import DataError, DuplicateEntry, RegisterError, RegisterNotFound
from congvan.register import Register

ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT / "data" / "follow-up-2020.yaml"
TABLE = ROOT / "data" / "follow-up-2020.csv"
SIMPLE = ROOT / "examples" / "simple-letter.yaml"
SYMBOL = "BTTTT-TTĐN"


def snapshot(register: Register) -> tuple:
    """Everything a register holds: every entry, every history record (with its details)."""
    return (
        register.entries(),
        [(r.id, r.action, r.register, r.year, r.number, r.details) for r in register.history()],
    )


def table_provinces() -> list[str]:
    """The province of each row of the follow-up table, in table order, read with the csv module."""
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [row["province"] for row in csv.DictReader(lines)]


def number_line(path: Path) -> str:
    """The "Số: …" paragraph of a rendered letter, read back from its .docx."""
    (line,) = [text for text in DocxReader(path).texts() if text.startswith("Số:")]
    return line


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in sorted(folder.iterdir())}


# ------------------------------------------------------------------ batch


def test_a_batch_of_63_follow_ups_gets_01_to_63_in_table_order_printed_in_letters_and_manifest(
    register: Register, tmp_path: Path
) -> None:
    result = congvan.render_batch(LETTER, TABLE, tmp_path / "letters", register=register.where, run_id="fu-2020")
    provinces = table_provinces()
    assert len(result.letters) == len(provinces) == 63
    committees = [congvan.find_province(name, on="2020-03-16").committee for name in provinces]
    # in the letters, read back: the n-th row of the table is number n
    for position, (letter, committee) in enumerate(zip(result.letters, committees, strict=True), start=1):
        path = result.folder / letter.file
        assert number_line(path) == f"Số: {position:02d}/{SYMBOL}"
        assert f"Kính gửi: {committee}" in DocxReader(path).texts()
    # in the manifest
    manifest = json.loads(result.manifest_json.read_text(encoding="utf-8"))
    assert [(row["CodeNumber"], row["CodeNotation"]) for row in manifest] == [
        (f"{n:02d}", SYMBOL) for n in range(1, 64)
    ]
    assert [row["To.OrganName"] for row in manifest] == committees
    # in the register: the entries, each with its letter's file and SHA-256, and one "take" record each
    stored = register.entries(2020)
    assert [e.number_symbol for e in stored] == [f"{n:02d}/{SYMBOL}" for n in range(1, 64)]
    assert [e.recipients.splitlines()[0] for e in stored] == committees
    assert [(e.file, e.sha256) for e in stored] == [
        (row["File"], sha256(result.folder / row["File"])) for row in manifest
    ]
    first = stored[0]
    assert (first.date, first.kind, first.subject, first.signer_position, first.archive, first.run_id) == (
        dt.date(2020, 3, 16),
        "Công văn",
        "V/v đôn đốc triển khai công tác thông tin đối ngoại năm 2020",
        "Thứ trưởng",
        "VT, TTĐN",
        "fu-2020",
    )
    assert first.recipients.splitlines()[1:] == ["Bộ trưởng (để b/c)", "Sở TT&TT thành phố Hà Nội"]
    takes = [r for r in register.history() if r.action == "take"]
    assert [(r.number, r.details["file"], r.details["sha256"]) for r in takes] == [
        (e.number, e.file, e.sha256) for e in stored
    ]


def test_the_next_batch_continues_the_year_and_a_dry_run_shows_its_numbers_taking_none(
    register: Register, tmp_path: Path
) -> None:
    register.take(date="2020-01-10", symbol=SYMBOL, subject="V/v thư trước đợt")
    before = snapshot(register)
    planned = congvan.render_batch(LETTER, TABLE, None, dry_run=True, register=register, only=["01", "02"])
    assert [letter.number_symbol for letter in planned.letters] == [f"02/{SYMBOL}", f"03/{SYMBOL}"]
    assert snapshot(register) == before
    done = congvan.render_batch(LETTER, TABLE, tmp_path / "out", register=register, only=["01", "02"])
    assert [letter.number_symbol for letter in done.letters] == [f"02/{SYMBOL}", f"03/{SYMBOL}"]
    assert [number_line(done.folder / letter.file) for letter in done.letters] == [
        f"Số: 02/{SYMBOL}",
        f"Số: 03/{SYMBOL}",
    ]
    assert register.last_number(2020) == 3


def test_the_cli_batch_takes_from_the_register_and_says_so(
    register: Register, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "letters"
    code = main(["batch", str(LETTER), str(TABLE), "-o", str(out), "-q", "--register", register.where])
    assert code == 0
    assert register.last_number(2020) == 63
    code = main(["batch", str(LETTER), str(TABLE), "-o", str(out), "--register", register.where, "--only", "01"])
    assert code == 0
    assert f"numbers: 64/{SYMBOL} (from the register)" in capsys.readouterr().out
    assert number_line(out / "01-ha-noi.docx") == f"Số: 64/{SYMBOL}"


def test_a_batch_that_fails_validation_takes_no_number(register: Register, tmp_path: Path) -> None:
    register.take(date="2020-01-10", symbol=SYMBOL, subject="V/v thư trước đợt")
    before = snapshot(register)
    bad_table = tmp_path / "table.csv"
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    lines[40] = "Tỉnh Không Có,không,,,có,có"
    bad_table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(DataError, match="Tỉnh Không Có"):
        congvan.render_batch(LETTER, bad_table, out, register=register.where)
    # a letter without its date cannot take a number: the year is the letter's, not the clock's
    undated = tmp_path / "undated.yaml"
    text = LETTER.read_text(encoding="utf-8").replace('issued_on: "2020-03-16"', "issued_on: null")
    undated.write_text(text, encoding="utf-8")
    (tmp_path / "directive-2020.yaml").write_bytes((LETTER.parent / "directive-2020.yaml").read_bytes())
    with pytest.raises(DataError, match="a number from the register needs the letter's date: issued_on"):
        congvan.render_batch(undated, TABLE, out, register=register.where)
    # a number in the data, --start or a shared number: the register gives the numbers
    numbered = tmp_path / "numbered.yaml"
    numbered.write_text(
        text.replace("issued_on: null", 'issued_on: "2020-03-16"').replace('"/BTTTT', '"7/BTTTT'), "utf-8"
    )
    with pytest.raises(DataError, match="the data gives number 7, but the register gives the numbers"):
        congvan.render_batch(numbered, TABLE, out, register=register.where)
    with pytest.raises(DataError, match="--start"):
        congvan.render_batch(LETTER, TABLE, out, register=register.where, start=5)
    # a file name pattern that clashes
    with pytest.raises(DataError, match="pattern|same name|clash|already"):
        congvan.render_batch(LETTER, TABLE, out, register=register.where, pattern="letter.docx")
    assert snapshot(register) == before
    assert not out.exists()
    assert register.take(date="2020-06-01", symbol=SYMBOL, subject="V/v thư sau").number == 2


def test_a_register_of_another_body_or_a_missing_one_is_refused_before_anything(
    register: Register, tmp_path: Path
) -> None:
    register.init("so-tttt", organ_name="Sở Thông tin và Truyền thông")
    before = snapshot(register)
    out = tmp_path / "out"
    with pytest.raises(DataError, match="'Bộ Thông tin và Truyền thông' issues the letter, but register 'so-tttt'"):
        congvan.render_batch(LETTER, TABLE, out, register=register.where, register_name="so-tttt")
    with pytest.raises(RegisterError, match="no-such"):
        congvan.render_batch(LETTER, TABLE, out, register=register.where, register_name="no-such")
    with pytest.raises(RegisterNotFound, match="congvan register init"):
        congvan.render_batch(LETTER, TABLE, out, register=tmp_path / "nowhere.db")
    with pytest.raises(DataError, match="run_id.*give --register too"):
        congvan.render_batch(LETTER, TABLE, out, run_id="x")
    assert snapshot(register) == before
    assert not out.exists() and not (tmp_path / "nowhere.db").exists()


def test_a_rerun_with_the_same_run_id_takes_nothing_and_writes_the_same_letters(
    register: Register, tmp_path: Path
) -> None:
    out = tmp_path / "letters"
    first = congvan.render_batch(LETTER, TABLE, out, register=register.where, run_id="fu-2020")
    written = folder_state(out)
    after_first = snapshot(register)
    # the numbers committed but the folder never made it (a crash between the two commits): the rerun writes it
    for path in out.iterdir():
        path.unlink()
    out.rmdir()
    again = congvan.render_batch(LETTER, TABLE, out, register=register.where, run_id="fu-2020")
    assert [letter.number_symbol for letter in again.letters] == [letter.number_symbol for letter in first.letters]
    assert folder_state(out) == written
    assert snapshot(register) == after_first
    # another table under the same run id is refused, and takes nothing
    with pytest.raises(RegisterError, match="run id 'fu-2020' already numbered 63 documents"):
        congvan.render_batch(LETTER, TABLE, tmp_path / "other", register=register.where, run_id="fu-2020", only=["01"])
    assert snapshot(register) == after_first
    # a new run id is a new batch: 64 onwards
    third = congvan.render_batch(LETTER, TABLE, tmp_path / "third", register=register.where, run_id="fu-2020-b")
    assert third.letters[0].number_symbol == f"64/{SYMBOL}"


# ------------------------------------------------------------------ merge


def merge_template(folder: Path) -> Path:
    document = Document()
    document.add_paragraph("Số: {{ number_symbol }}")
    document.add_paragraph("Thứ tự trong sổ: {{ number }}")
    document.add_paragraph("Kính gửi: {{ ten }}")
    path = folder / "letter.docx"
    document.save(str(path))
    return path


def merge_table(folder: Path, rows: list[dict[str, str]], name: str = "rows.csv") -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


SHARED = {"issued_on": "2024-03-05", "symbol": SYMBOL, "subject": "đề nghị báo cáo"}


def test_a_merge_numbers_its_rows_in_table_order_within_each_year(register: Register, tmp_path: Path) -> None:
    template = merge_template(tmp_path)
    rows = [
        {"ten": f"Ủy ban nhân dân xã {i}", "recipient": f"UBND xã {i}", "issued_on": "2024-03-05"} for i in range(1, 6)
    ]
    rows[3]["issued_on"] = rows[4]["issued_on"] = "02/01/2025"  # the last two are of the next year
    register.take(date="2024-01-02", symbol=SYMBOL, subject="V/v thư trước")
    result = congvan.merge(
        template,
        merge_table(tmp_path, rows),
        tmp_path / "out",
        data=SHARED,
        pattern="{number:03d}-{row}.docx",
        register=register.where,
    )
    expected = [f"02/{SYMBOL}", f"03/{SYMBOL}", f"04/{SYMBOL}", f"01/{SYMBOL}", f"02/{SYMBOL}"]
    assert [d.number_symbol for d in result.documents] == expected
    assert [d.file for d in result.documents] == ["002-2.docx", "003-3.docx", "004-4.docx", "001-5.docx", "002-6.docx"]
    for document, symbol in zip(result.documents, expected, strict=True):
        texts = DocxReader(result.folder / document.file).texts()
        assert f"Số: {symbol}" in texts and f"Thứ tự trong sổ: {int(symbol[:2])}" in texts
    with result.manifest_csv.open(encoding="utf-8") as stream:
        manifest = list(csv.DictReader(stream))
    assert [(m["CodeNumber"], m["CodeNotation"], m["File"]) for m in manifest] == [
        (s[:2], SYMBOL, d.file) for s, d in zip(expected, result.documents, strict=True)
    ]
    entries = register.entries(2024)[1:] + register.entries(2025)
    assert [(e.year, e.number, e.subject, e.recipients) for e in entries] == [
        (2024, 2, "V/v đề nghị báo cáo", "UBND xã 1"),
        (2024, 3, "V/v đề nghị báo cáo", "UBND xã 2"),
        (2024, 4, "V/v đề nghị báo cáo", "UBND xã 3"),
        (2025, 1, "V/v đề nghị báo cáo", "UBND xã 4"),
        (2025, 2, "V/v đề nghị báo cáo", "UBND xã 5"),
    ]
    assert [(e.file, e.sha256) for e in entries] == [(d.file, sha256(result.folder / d.file)) for d in result.documents]


def test_a_merge_with_units_registers_each_units_committee(register: Register, tmp_path: Path) -> None:
    template = merge_template(tmp_path)
    table = merge_table(tmp_path, [{"tinh": "Cao Bằng", "ten": "x"}, {"tinh": "TP.HCM", "ten": "y"}])
    code = main(
        [
            "merge",
            str(template),
            str(table),
            "-o",
            str(tmp_path / "out"),
            "-q",
            "--units",
            "tinh",
            "--data",
            str(write_yaml(tmp_path / "shared.yaml", {**SHARED, "kind": "Công văn", "signer": "Nguyễn Văn A"})),
            "--register",
            register.where,
            "--run-id",
            "units-1",
        ]
    )
    assert code == 0
    assert [(e.recipients, e.signer, e.run_id) for e in register.entries(2024)] == [
        ("Ủy ban nhân dân tỉnh Cao Bằng", "Nguyễn Văn A", "units-1"),
        ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "Nguyễn Văn A", "units-1"),
    ]


def write_yaml(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_merge_that_fails_validation_names_each_row_and_takes_nothing(register: Register, tmp_path: Path) -> None:
    register.take(date="2024-01-02", symbol=SYMBOL, subject="V/v thư trước")
    before = snapshot(register)
    template = merge_template(tmp_path)
    rows = [
        {"ten": "a", "issued_on": "2024-03-05", "symbol": SYMBOL, "subject": "một"},
        {"ten": "b", "issued_on": "", "symbol": SYMBOL, "subject": "hai"},  # row 3: no date
        {"ten": "c", "issued_on": "2024-03-05", "symbol": "", "subject": ""},  # row 4: no symbol nor subject
        {"ten": "d", "issued_on": "31/02/2024", "symbol": SYMBOL, "subject": "bốn"},  # row 5: no such day
        {"ten": "e", "issued_on": "2024-03-05", "symbol": "sai ký hiệu", "subject": "năm"},  # row 6
    ]
    out = tmp_path / "out"
    with pytest.raises(DataError) as caught:
        congvan.merge(template, merge_table(tmp_path, rows), out, register=register.where)
    where = [(p.location, p.message) for p in caught.value.problems]
    assert [w for w, _ in where] == ["row 3", "row 4", "row 5, column issued_on", "row 6, column symbol"]
    assert "no issued_on:" in where[0][1] and "needs the letter's date (issued_on)" in where[0][1]
    assert "no symbol, subject:" in where[1][1]
    # the register's names are its own to give
    clash = [{"ten": "a", "number": "5", **SHARED}]
    with pytest.raises(DataError, match="row 2: the register gives 'number' with --register"):
        congvan.merge(template, merge_table(tmp_path, clash, "clash.csv"), out, register=register.where)
    assert snapshot(register) == before
    assert not out.exists()
    good = merge_table(tmp_path, [{"ten": "a", **SHARED}], "good.csv")
    assert congvan.merge(template, good, out, register=register.where).documents[0].number_symbol == f"02/{SYMBOL}"


def test_a_duplicate_code_is_found_before_the_merge_renders(register: Register, tmp_path: Path) -> None:
    register.init("council", organ_name="Bộ Thông tin và Truyền thông")
    register.take(date="2024-01-02", symbol=SYMBOL, subject="V/v của hội đồng", name="council")  # 01/BTTTT-TTĐN taken
    before = snapshot(register)
    table = merge_table(tmp_path, [{"ten": "a", **SHARED}])
    with pytest.raises(DuplicateEntry, match=f"01/{SYMBOL} .* register 'council'"):
        congvan.merge(merge_template(tmp_path), table, tmp_path / "out", register=register.where)
    assert snapshot(register) == before
    assert not (tmp_path / "out").exists()


class ClerkBetween(Register):
    """A register where another clerk takes a number just after the merge planned its numbers."""

    def planned_numbers(self, documents, **options):  # type: ignore[no-untyped-def]
        planned = super().planned_numbers(documents, **options)
        with Register(self.where) as clerk:
            clerk.take(date="2024-03-01", symbol=SYMBOL, subject="V/v thư của văn thư khác")
        return planned


def test_numbers_taken_by_another_clerk_meanwhile_are_skipped_and_the_letters_laid_out_again(
    register: Register, tmp_path: Path
) -> None:
    table = merge_table(tmp_path, [{"ten": "a", **SHARED}, {"ten": "b", **SHARED}])
    with ClerkBetween(register.where) as between:
        result = congvan.merge(
            merge_template(tmp_path), table, tmp_path / "out", pattern="{number:02d}.docx", register=between
        )
    assert [(d.file, d.number_symbol) for d in result.documents] == [
        ("02.docx", f"02/{SYMBOL}"),
        ("03.docx", f"03/{SYMBOL}"),
    ]
    assert number_line(result.folder / "02.docx") == f"Số: 02/{SYMBOL}"
    assert [e.subject for e in register.entries(2024)] == [
        "V/v thư của văn thư khác",
        "V/v đề nghị báo cáo",
        "V/v đề nghị báo cáo",
    ]


def test_a_merge_killed_mid_render_leaves_the_register_unchanged(register: Register, tmp_path: Path) -> None:
    register.take(date="2024-01-02", symbol=SYMBOL, subject="V/v thư trước đợt")
    before = snapshot(register)
    template = merge_template(tmp_path)
    table = merge_table(tmp_path, [{"ten": f"xã {i}", "recipient": f"UBND xã {i}"} for i in range(4000)])
    shared = write_yaml(tmp_path / "shared.yaml", SHARED)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "congvan", "merge", str(template), str(table), "--data", str(shared)]
    child = subprocess.Popen(
        [*command, "-o", str(out), "-q", "--register", register.where, "--run-id", "killed"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 240
        rendered: list[Path] = []
        while child.poll() is None and time.monotonic() < deadline and len(rendered) < 20:
            rendered = list(tmp_path.glob(".out.*.tmp/*.docx"))
            time.sleep(0.02)
        assert child.poll() is None, child.communicate()
        assert len(rendered) >= 20, "the merge did not start rendering into its staging folder"
        # the merge holds its numbers: another clerk waits for it, then gives up
        with Register(register.where, timeout=1) as clerk, pytest.raises(congvan.RegisterBusy):
            clerk.take(date="2024-06-03", symbol=SYMBOL, subject="V/v thư của văn thư khác")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert not out.exists()
    assert snapshot(register) == before
    # the next run starts at the number the killed one never committed, and cleans its staging folder up
    table_small = merge_table(tmp_path, [{"ten": "a", "recipient": "UBND xã a"}], "small.csv")
    code = main(
        [*command[3:5], str(table_small), "--data", str(shared), "-o", str(out), "-q", "--register", register.where]
    )
    assert code == 0
    assert number_line(out / "00001.docx") == f"Số: 02/{SYMBOL}"
    assert not list(tmp_path.glob(".out.*.tmp"))


# ------------------------------------------------------------------ one letter


def letter_of(
    tmp_path: Path, number: str = "/STTTT-TTBCXB", issued_on: str = '"2020-02-05"', name: str = "letter"
) -> Path:
    text = SIMPLE.read_text(encoding="utf-8")
    text = text.replace("number: 215/STTTT-TTBCXB", f"number: {number}").replace(
        'issued_on: "2020-02-05"', f"issued_on: {issued_on}"
    )
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_render_takes_one_number_prints_it_and_records_the_file(
    register: Register, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register.init("so", organ_name="Sở Thông tin và Truyền thông")
    register.take(date="2020-01-03", symbol="STTTT-TTBCXB", subject="V/v thư trước", name="so")
    out = tmp_path / "cong-van.docx"
    code = main(
        ["render", str(letter_of(tmp_path)), "-o", str(out), "--register", register.where, "--register-name", "so"]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "number: 02/STTTT-TTBCXB" in printed and f"wrote {out}" in printed
    assert number_line(out) == "Số: 02/STTTT-TTBCXB"
    (_, entry) = register.entries(2020, name="so")
    assert (entry.number_symbol, entry.file, entry.sha256) == ("02/STTTT-TTBCXB", "cong-van.docx", sha256(out))
    assert entry.recipients.splitlines() == [
        "Cục Thông tin đối ngoại, Bộ Thông tin và Truyền thông",
        "Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa",
        "Giám đốc Sở (để b/c)",
    ]
    assert (entry.signer, entry.signer_position, entry.archive, entry.copies) == (
        "Lê Văn Bình",
        "Phó Giám đốc",
        "VT, TTBCXB, LVB",
        5,
    )
    # the Python form, with a run id: run again, the same number and the same bytes
    document = congvan.load(letter_of(tmp_path))
    again = tmp_path / "again.docx"
    data = congvan.render(document, again, register=register, register_name="so", run_id="one")
    assert number_line(again) == "Số: 03/STTTT-TTBCXB" and again.read_bytes() == data
    history = len(register.history())
    assert congvan.render(document, again, register=register, register_name="so", run_id="one") == data
    assert register.last_number(2020, name="so") == 3 and len(register.history()) == history


def test_render_refuses_a_letter_without_date_or_with_a_number_and_takes_nothing(
    register: Register, tmp_path: Path
) -> None:
    register.init("so", organ_name="Sở Thông tin và Truyền thông")
    before = snapshot(register)
    out = tmp_path / "out.docx"
    for letter, message in (
        (
            letter_of(tmp_path, issued_on="null", name="undated"),
            "issued_on: a number from the register needs the letter's date",
        ),
        (letter_of(tmp_path, number="215/STTTT-TTBCXB", name="numbered"), "number: the data gives number 215"),
    ):
        with pytest.raises(DataError, match=message):
            congvan.render(congvan.load(letter), out, register=register.where, register_name="so")
        assert main(["render", str(letter), "-o", str(out), "--register", register.where, "--register-name", "so"]) == 2
    with pytest.raises(DataError, match="give out a path"):
        congvan.render(congvan.load(letter_of(tmp_path)), None, register=register.where, register_name="so")
    assert snapshot(register) == before
    assert not out.exists()


# ------------------------------------------------------------------ every model of Phụ lục III


def test_every_kind_with_a_number_takes_it_from_the_register_in_one_sequence(
    register: Register, tmp_path: Path
) -> None:
    register.init("ubnd", organ_name="Ủy ban nhân dân tỉnh Quảng Ninh")
    models = ROOT / "data" / "models"
    written = []
    for name in ("mau-1.4-ke-hoach.yaml", "mau-1.2-quyet-dinh.yaml", "mau-1.6-cong-dien.yaml"):
        data = yaml.safe_load((models / name).read_text(encoding="utf-8"))
        data["number"] = "/" + data["number"].split("/")[1]  # a draft: the register gives the number
        source = tmp_path / name
        source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        out = tmp_path / name.replace(".yaml", ".docx")
        congvan.render(congvan.load(source), out, register=register, register_name="ubnd")
        written.append(out)
    assert [number_line(path) for path in written] == ["Số: 01/KH-UBND", "Số: 02/QĐ-UBND", "Số: 03/CĐ-UBND"]
    entries = register.entries(2020, name="ubnd")
    assert [(e.number, e.kind, e.file, e.sha256) for e in entries] == [
        (1, "Kế hoạch", written[0].name, sha256(written[0])),
        (2, "Quyết định", written[1].name, sha256(written[1])),
        (3, "Công điện", written[2].name, sha256(written[2])),
    ]
    assert entries[1].subject == "Về việc phân công cán bộ phụ trách công tác thông tin đối ngoại năm 2020"
    assert entries[1].recipients == "Bộ Thông tin và Truyền thông (Cục Thông tin đối ngoại)"  # not "Như Điều 3"
    assert entries[2].recipients.startswith("Giám đốc các sở, Thủ trưởng các ban, ngành thuộc tỉnh")

    decision = congvan.load(models / "mau-1.3-quyet-dinh.yaml")
    before = snapshot(register)
    with pytest.raises(DataError, match="a quy chế has no number of its own"):
        congvan.render(decision.issued_document(), tmp_path / "qc.docx", register=register, register_name="ubnd")
    assert snapshot(register) == before and not (tmp_path / "qc.docx").exists()
