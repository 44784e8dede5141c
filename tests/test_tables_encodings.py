"""Tables as clerks have them: Excel's "Unicode Text", Windows-1258, ``;``-separated, TCVN3 and VNI files.

Each table is bytes on disk that the test writes with an encoder independent of congvan (Python's
codecs, glibc's ``iconv``, VNI text typed by hand); the letters are read back with python-docx and
must hold every Vietnamese vowel with every tone, exactly as the Unicode original.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

import congvan
from congvan.cli import main
from congvan.pipeline.tables import read_rows

ROOT = Path(__file__).resolve().parents[1]

#: Every vowel with its six tones (level, sắc, huyền, hỏi, ngã, nặng), and đ: typed by hand.
SMALL = "aáàảãạ ăắằẳẵặ âấầẩẫậ eéèẻẽẹ êếềểễệ iíìỉĩị oóòỏõọ ôốồổỗộ ơớờởỡợ uúùủũụ ưứừửữự yýỳỷỹỵ đ"
SENTENCE = f"{SMALL} {SMALL.upper()}"
#: TCVN3 (VN3) has no capitals with a tone mark: the small letters, and the seven capitals it has.
TCVN3_SENTENCE = f"{SMALL} ĂÂÊÔƠƯĐ"
#: SENTENCE in VNI for Windows, typed by hand from the VNI table (a base letter, then one byte for its marks).
VNI_SENTENCE = (
    "aaùaøaûaõaï aêaéaèaúaüaë aâaáaàaåaãaä eeùeøeûeõeï eâeáeàeåeãeä iíìæóò ooùoøoûoõoï oâoáoàoåoãoä "
    "ôôùôøôûôõôï uuùuøuûuõuï ööùöøöûöõöï yyùyøyûyõî ñ "
    "AAÙAØAÛAÕAÏ AÊAÉAÈAÚAÜAË AÂAÁAÀAÅAÃAÄ EEÙEØEÛEÕEÏ EÂEÁEÀEÅEÃEÄ IÍÌÆÓÒ OOÙOØOÛOÕOÏ OÂOÁOÀOÅOÃOÄ "
    "ÔÔÙÔØÔÛÔÕÔÏ UUÙUØUÛUÕUÏ ÖÖÙÖØÖÛÖÕÖÏ YYÙYØYÛYÕÎ Ñ"
)
#: The TCVN3 bytes of the letters above ASCII, typed by hand from TCVN 5712:1993 table VN3.
TCVN3_BYTES = {
    **dict(zip("àảãáạ", b"\xb5\xb6\xb7\xb8\xb9", strict=True)),
    **dict(zip("ăằẳẵắặ", b"\xa8\xbb\xbc\xbd\xbe\xc6", strict=True)),
    **dict(zip("âầẩẫấậ", b"\xa9\xc7\xc8\xc9\xca\xcb", strict=True)),
    **dict(zip("èẻẽéẹ", b"\xcc\xce\xcf\xd0\xd1", strict=True)),
    **dict(zip("êềểễếệ", b"\xaa\xd2\xd3\xd4\xd5\xd6", strict=True)),
    **dict(zip("ìỉĩíị", b"\xd7\xd8\xdc\xdd\xde", strict=True)),
    **dict(zip("òỏõóọ", b"\xdf\xe1\xe2\xe3\xe4", strict=True)),
    **dict(zip("ôồổỗốộ", b"\xab\xe5\xe6\xe7\xe8\xe9", strict=True)),
    **dict(zip("ơờởỡớợ", b"\xac\xea\xeb\xec\xed\xee", strict=True)),
    **dict(zip("ùủũúụ", b"\xef\xf1\xf2\xf3\xf4", strict=True)),
    **dict(zip("ưừửữứự", b"\xad\xf5\xf6\xf7\xf8\xf9", strict=True)),
    **dict(zip("ỳỷỹýỵ", b"\xfa\xfb\xfc\xfd\xfe", strict=True)),
    **dict(zip("đĂÂÊÔƠƯĐ", b"\xae\xa1\xa2\xa3\xa4\xa5\xa6\xa7", strict=True)),
}
_TONES = "\u0300\u0301\u0303\u0309\u0323"
HAS_ICONV = shutil.which("iconv") is not None


def iconv(text: str, target: str) -> bytes:
    """``text`` encoded by glibc's converter, independent of Python's codecs and of congvan."""
    return subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", target], input=text.encode(), capture_output=True, check=True
    ).stdout


def tcvn3_bytes(text: str) -> bytes:
    """``text`` in TCVN3: by glibc's ``TCVN5712-1`` when installed, else by the hand-typed table."""
    if HAS_ICONV:
        return iconv(text, "TCVN5712-1")
    return b"".join(bytes([TCVN3_BYTES[char]]) if ord(char) > 0x7F else char.encode() for char in text)


def cp1258_decomposed(text: str) -> bytes:
    """``text`` in Windows-1258 with every tone as a combining mark after its letter, as Windows writes it."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def delimited(rows: list[list[str]], delimiter: str) -> str:
    """Rows written by Python's `csv` module, lines ending in CRLF as Excel's do."""
    stream = io.StringIO(newline="")
    csv.writer(stream, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return stream.getvalue()


HEADER = ["ten", "cau", "ghi_chu"]
ROWS = [
    ["Hà Nội", SENTENCE, "Số 12, ngày 10; tháng 12"],
    ["Thừa Thiên Huế", SMALL, "1.500.000,5"],
]


@pytest.fixture
def template(tmp_path: Path) -> Path:
    document = Document()
    document.add_paragraph("Kính gửi: {{ ten }}")
    document.add_paragraph("{{ cau }}")
    document.add_paragraph("Ghi chú: {{ ghi_chu }}")
    path = tmp_path / "thu.docx"
    document.save(path)
    return path


def letters(folder: Path) -> list[list[str]]:
    return [[p.text for p in Document(path).paragraphs] for path in sorted(folder.glob("*.docx"))]


def expected_letters(rows: list[list[str]]) -> list[list[str]]:
    return [[f"Kính gửi: {ten}", cau, f"Ghi chú: {ghi_chu}"] for ten, cau, ghi_chu in rows]


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))}


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    """An output folder holding an earlier run's file: a refused table must leave it as it is."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "00001.docx").write_bytes(b"an earlier letter")
    return folder


# ------------------------------------------------------------------ every letter, every encoding


def _utf16_unicode_text() -> tuple[bytes, list[list[str]]]:
    return codecs.BOM_UTF16_LE + delimited([HEADER, *ROWS], "\t").encode("utf-16-le"), ROWS


def _utf16_be() -> tuple[bytes, list[list[str]]]:
    return codecs.BOM_UTF16_BE + delimited([HEADER, *ROWS], "\t").encode("utf-16-be"), ROWS


def _cp1258() -> tuple[bytes, list[list[str]]]:
    return cp1258_decomposed(delimited([HEADER, *ROWS], ",")), ROWS


def _cp1258_iconv() -> tuple[bytes, list[list[str]]]:
    return iconv(delimited([HEADER, *ROWS], ","), "CP1258"), ROWS


def _semicolons() -> tuple[bytes, list[list[str]]]:
    return delimited([HEADER, *ROWS], ";").encode("utf-8-sig"), ROWS  # Excel's "CSV UTF-8" has a BOM


def _tcvn3() -> tuple[bytes, list[list[str]]]:
    rows = [["Hà Nội", TCVN3_SENTENCE, "Đà Nẵng, ngày 10; tháng 12"], ["Thừa Thiên Huế", SMALL, "tỉnh"]]
    return tcvn3_bytes(delimited([HEADER, *rows], ",")), rows


def _vni() -> tuple[bytes, list[list[str]]]:
    typed = [["Haø Noäi", VNI_SENTENCE, "Ñaø Naüng, ngaøy 10; thaùng 12"], ["Thöøa Thieân Hueá", "tænh", "Vieät Nam"]]
    rows = [["Hà Nội", SENTENCE, "Đà Nẵng, ngày 10; tháng 12"], ["Thừa Thiên Huế", "tỉnh", "Việt Nam"]]
    return delimited([HEADER, *typed], ",").encode("cp1252"), rows


CASES = [
    pytest.param("bang.txt", _utf16_unicode_text, [], {}, id="excel-unicode-text-utf16le-tab"),
    pytest.param("bang.csv", _utf16_be, [], {}, id="utf16be-bom-tab"),
    pytest.param("bang.csv", _cp1258, ["--encoding", "cp1258"], {"encoding": "cp1258"}, id="cp1258-combining"),
    pytest.param(
        "bang.csv",
        _cp1258_iconv,
        ["--encoding", "windows-1258"],
        {"encoding": "windows-1258"},
        id="cp1258-iconv",
        marks=pytest.mark.skipif(not HAS_ICONV, reason="no glibc iconv"),
    ),
    pytest.param("bang.csv", _semicolons, [], {}, id="semicolons-utf8"),
    pytest.param("bang.csv", _tcvn3, ["--encoding", "tcvn3"], {"encoding": "tcvn3"}, id="tcvn3"),
    pytest.param("bang.csv", _vni, ["--encoding", "VNI"], {"encoding": "vni"}, id="vni"),
]


@pytest.mark.parametrize(("name", "make", "options", "keywords"), CASES)
def test_every_letter_of_every_encoding_arrives_whole(name, make, options, keywords, template, tmp_path, capsys):
    data, rows = make()
    table = tmp_path / name
    table.write_bytes(data)
    expected = expected_letters(rows)

    assert main(["merge", str(template), str(table), "-o", str(tmp_path / "cli"), *options]) == 0
    assert capsys.readouterr().err == ""  # no warning: the text was read in its own encoding
    assert letters(tmp_path / "cli") == expected

    result = congvan.merge(template, table, tmp_path / "api", **keywords)
    assert [d.row for d in result.documents] == [2, 3]
    assert letters(tmp_path / "api") == expected

    read = read_rows(table, **keywords)
    assert [list(row.values()) for _, row in read] == rows  # NFC as read, before the merge normalises anything
    assert all(unicodedata.is_normalized("NFC", value) for _, row in read for value in row.values())


@pytest.mark.skipif(not HAS_ICONV, reason="no glibc iconv to check the hand-typed table against")
def test_the_hand_typed_tcvn3_table_agrees_with_glibc():
    letters_ = "".join(TCVN3_BYTES)
    assert iconv(letters_, "TCVN5712-1") == bytes(TCVN3_BYTES.values())


def test_render_batch_and_congvan_batch_read_a_windows_1258_table(tmp_path, capsys):
    text = (ROOT / "data" / "follow-up-2020.csv").read_text(encoding="utf-8")
    table = tmp_path / "tinh.csv"
    table.write_bytes(cp1258_decomposed(text.replace(",", ";")))
    letter = ROOT / "data" / "follow-up-2020.yaml"

    result = congvan.render_batch(letter, table, tmp_path / "out", only=["66"], encoding="cp1258", delimiter=";")
    assert [item.recipient for item in result.letters] == ["Ủy ban nhân dân tỉnh Đắk Lắk"]
    paragraphs = [p.text for p in Document(result.folder / result.letters[0].file).paragraphs]
    assert "Kính gửi: Ủy ban nhân dân tỉnh Đắk Lắk" in [" ".join(p.split()) for p in paragraphs]

    argv = ["batch", str(letter), str(table), "--dry-run", "--encoding", "cp1258", "--delimiter", ";", "-q"]
    assert main(argv) == 0
    assert capsys.readouterr().err == ""


# ------------------------------------------------------------------ delimiters


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("ten,so,ghi_chu\n", ","),
        ("ten;so;ghi_chu\nHà Nội;1.500,5;a,b,c,d\n", ";"),  # only the header line counts
        ("ten\tso\tghi_chu\n", "\t"),
        ("ten,so;ghi_chu\n", ","),  # a tie: the comma
        ("ten;so\tghi_chu\n", ";"),  # a tie without a comma: ; before tab
        ('"Họ, tên";"Địa chỉ, số, đường";ghi_chu\n', ";"),  # commas inside quotes do not count
        ("# comment, with, commas\n\nten;so\n", ";"),  # comments and blank lines are skipped
        ("ten\nHà Nội\n", ","),  # one column
        ("", ","),
    ],
)
def test_the_delimiter_is_the_most_frequent_in_the_header(text, delimiter):
    from congvan.pipeline.csv_table import sniff_delimiter

    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize("spelling", ["|", "tab", "TAB", "\\t", "\t"])
def test_delimiter_overrides_the_sniffed_one(spelling, template, tmp_path, capsys):
    separator = "|" if spelling == "|" else "\t"
    rows = [["Hà Nội", "a,b;c", "x,y"]]
    table = tmp_path / "bang.csv"
    table.write_text(delimited([HEADER, *rows], separator), encoding="utf-8")
    assert main(["merge", str(template), str(table), "-o", str(tmp_path / "cli"), "--delimiter", spelling]) == 0
    assert letters(tmp_path / "cli") == expected_letters(rows)
    congvan.merge(template, table, tmp_path / "api", delimiter=spelling)
    assert letters(tmp_path / "api") == expected_letters(rows)


# ------------------------------------------------------------------ refused, with the place and what to do


def refused(argv: list[str], capsys, *needles: str) -> str:
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 2, (status, err)
    for needle in needles:
        assert needle in err, (needle, err)
    return err


def test_utf16_without_a_byte_order_mark_is_refused_and_named(template, tmp_path, capsys, earlier):
    table = tmp_path / "bang.txt"
    table.write_bytes(delimited([HEADER, *ROWS], "\t").encode("utf-16-le"))
    before = digest(earlier)
    argv = ["merge", str(template), str(table), "-o", str(earlier)]
    refused(argv, capsys, str(table), "byte 1 (line 1)", "UTF-16", "--encoding utf-16-le")
    assert digest(earlier) == before
    with pytest.raises(congvan.DataError, match="--encoding utf-16-le"):
        congvan.merge(template, table, earlier)
    assert digest(earlier) == before
    # what the message says to do works
    assert main([*argv, "--encoding", "utf-16-le"]) == 0
    assert letters(earlier) == expected_letters(ROWS)


def test_windows_1258_without_encoding_is_refused_at_its_first_byte(template, tmp_path, capsys, earlier):
    data = cp1258_decomposed(delimited([HEADER, *ROWS], ","))
    table = tmp_path / "bang.csv"
    table.write_bytes(data)
    offset = next(index for index, byte in enumerate(data) if byte > 0x7F)
    line = data[:offset].count(b"\n") + 1
    assert line == 2
    before = digest(earlier)
    err = refused(
        ["merge", str(template), str(table), "-o", str(earlier)],
        capsys,
        str(table),
        f"byte {offset} (line 2)",
        f"0x{data[offset]:02X} is not UTF-8",
        "--encoding cp1258",
        "--encoding tcvn3",
        "--encoding vni",
        "CSV UTF-8",
    )
    assert err.count("\n") == 2  # the file, then one problem
    assert digest(earlier) == before
    with pytest.raises(congvan.DataError) as caught:
        congvan.merge(template, table, earlier)
    (problem,) = caught.value.problems
    assert (problem.location, problem.line) == (f"byte {offset}", 2)
    assert digest(earlier) == before


@pytest.mark.parametrize(
    ("encoding", "data", "foreign", "name"),
    [
        ("tcvn3", tcvn3_bytes("ten,cau,ghi_chu\r\nHà Nội,tỉnh,x\r\nĐà Nẵng,") + b"\x80\r\n", 0x80, "TCVN3"),
        ("vni", "ten,cau,ghi_chu\r\nHaø Noäi,x,y\r\n".encode("cp1252") + b"ab\x81\r\n", 0x81, "VNI"),
    ],
    ids=["tcvn3", "vni"],
)
def test_a_foreign_byte_in_a_legacy_table_is_refused_at_its_place(
    encoding, data, foreign, name, template, tmp_path, capsys, earlier
):
    offset, line = data.index(bytes([foreign])), 3
    assert data[:offset].count(b"\n") + 1 == line
    table = tmp_path / "bang.csv"
    table.write_bytes(data)
    before = digest(earlier)
    argv = ["merge", str(template), str(table), "-o", str(earlier), "--encoding", encoding]
    refused(argv, capsys, str(table), f"byte {offset} (line {line})", f"0x{data[offset]:02X}", f"not in {name}")
    assert digest(earlier) == before
    with pytest.raises(congvan.DataError) as caught:
        congvan.merge(template, table, earlier, encoding=encoding)
    assert [(p.location, p.line) for p in caught.value.problems] == [(f"byte {offset}", line)]
    assert digest(earlier) == before


def test_a_utf16_file_cut_short_is_refused_at_its_last_byte(template, tmp_path, capsys, earlier):
    data = codecs.BOM_UTF16_LE + delimited([HEADER, *ROWS], "\t").encode("utf-16-le")
    table = tmp_path / "bang.txt"
    table.write_bytes(data[:-1])
    before = digest(earlier)
    argv = ["merge", str(template), str(table), "-o", str(earlier)]
    refused(argv, capsys, str(table), f"byte {len(data) - 2} (line 4)", "ends in the middle of a utf-16-le character")
    assert digest(earlier) == before


def test_an_encoding_against_the_byte_order_mark_is_refused(template, tmp_path, capsys, earlier):
    table = tmp_path / "bang.csv"
    table.write_bytes(delimited([HEADER, *ROWS], ",").encode("utf-8-sig"))
    before = digest(earlier)
    argv = ["merge", str(template), str(table), "-o", str(earlier), "--encoding", "cp1258"]
    refused(argv, capsys, str(table), "byte 0 (line 1)", "UTF-8 byte order mark", "not cp1258")
    assert digest(earlier) == before


def test_encoding_and_delimiter_are_for_text_tables_only(template, tmp_path, capsys, earlier):
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(ROWS[0])
    table = tmp_path / "bang.xlsx"
    book.save(table)
    before = digest(earlier)
    refused(["merge", str(template), str(table), "-o", str(earlier), "--encoding", "cp1258"], capsys, "--encoding")
    refused(["merge", str(template), str(table), "-o", str(earlier), "--delimiter", ";"], capsys, "--delimiter")
    assert digest(earlier) == before
    with pytest.raises(congvan.DataError, match="CSV and text tables"):
        congvan.merge(template, [dict(zip(HEADER, ROWS[0], strict=True))], earlier, encoding="utf-8")


def test_an_unknown_encoding_or_delimiter_is_a_usage_error(template, tmp_path, capsys):
    table = tmp_path / "bang.csv"
    table.write_text(delimited([HEADER, *ROWS], ","), encoding="utf-8")
    for option, value, needle in [("--encoding", "tcvn4", "unknown encoding"), ("--encoding", "rot13", "rot13")]:
        with pytest.raises(SystemExit) as caught:
            main(["merge", str(template), str(table), "-o", str(tmp_path / "out"), option, value])
        assert caught.value.code == 2
        assert needle in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["merge", str(template), str(table), "-o", str(tmp_path / "out"), "--delimiter", ":"])
    assert caught.value.code == 2 and "unknown delimiter ':'" in capsys.readouterr().err
    with pytest.raises(congvan.DataError, match="unknown encoding 'tcvn4'"):
        congvan.merge(template, table, tmp_path / "out", encoding="tcvn4")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ TCVN3 or VNI text read as Unicode: warned


MOJIBAKE_ROWS = [
    ["Hµ Néi", "UBND tØnh Thõa Thiªn HuÕ", "x"],  # TCVN3 shown in a Western font
    ["Haø Noäi", "Hà Nội", "Hélène, Straße, où"],  # VNI; then real Unicode and real French/German
    ["Hµ Néi", "y", "z"],  # the same text again: another cell, another warning
]


def test_utf8_cells_holding_tcvn3_or_vni_text_are_warned_about_and_left_as_they_are(template, tmp_path):
    from congvan.legacy import LegacyTextWarning

    table = tmp_path / "bang.csv"
    table.write_text(delimited([HEADER, *MOJIBAKE_ROWS], ","), encoding="utf-8")
    with pytest.warns(LegacyTextWarning) as record:
        result = congvan.merge(template, table, tmp_path / "out")
    messages = [str(w.message) for w in record]
    assert [(w.message.location, w.message.encoding) for w in record] == [
        (f"{table}: row 2, column ten", "tcvn3"),
        (f"{table}: row 2, column cau", "tcvn3"),
        (f"{table}: row 3, column ten", "vni"),
        (f"{table}: row 4, column ten", "tcvn3"),
    ]
    assert "'Hµ Néi' looks like TCVN3" in messages[0] and "'Hà Nội'" in messages[0]
    assert "--encoding tcvn3" in messages[0] and "--encoding vni" in messages[2]
    assert letters(result.folder) == expected_letters(MOJIBAKE_ROWS)  # never converted


def test_the_cli_prints_each_warning_on_one_line_every_run(template, tmp_path, capsys):
    table = tmp_path / "bang.csv"
    table.write_text(delimited([HEADER, *MOJIBAKE_ROWS], ","), encoding="utf-8")
    for run in ("first", "second"):  # a warning shown once is shown again in the next run
        assert main(["merge", str(template), str(table), "-o", str(tmp_path / run)]) == 0, run
        lines = capsys.readouterr().err.splitlines()
        assert len(lines) == 4, lines
        assert all(line.startswith(f"congvan merge: warning: {table}: row ") for line in lines)
        assert "row 2, column ten: 'Hµ Néi' looks like TCVN3" in lines[0] and "--encoding tcvn3" in lines[0]
        assert "row 3, column ten: 'Haø Noäi' looks like VNI" in lines[2] and "--encoding vni" in lines[2]
        assert letters(tmp_path / run) == expected_letters(MOJIBAKE_ROWS)


def test_a_table_full_of_such_cells_names_twenty_and_counts_the_rest(tmp_path):
    from congvan.legacy import LegacyTextWarning

    table = tmp_path / "bang.csv"
    table.write_text(delimited([["ten"]] + [["tØnh Hµ Giang"]] * 25, ","), encoding="utf-8")
    with pytest.warns(LegacyTextWarning) as record:
        read_rows(table)
    assert [w.message.location for w in record][:20] == [f"{table}: row {n}, column ten" for n in range(2, 22)]
    assert len(record) == 21 and "and 5 more cells" in str(record[20].message)


def test_xlsx_text_typed_in_a_vntime_font_is_warned_about(template, tmp_path):
    from congvan.legacy import LegacyTextWarning

    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(HEADER)
    sheet.append(["Hµ Néi", "Hà Nội", "Haø Noäi"])
    sheet.append(["Đà Nẵng", 1500000, "Hélène"])
    table = tmp_path / "bang.xlsx"
    book.save(table)
    with pytest.warns(LegacyTextWarning) as record:
        result = congvan.merge(template, table, tmp_path / "out")
    assert [w.message.location for w in record] == [
        f"{table}: sheet 'Danh sách', row 2, column A (ten)",
        f"{table}: sheet 'Danh sách', row 2, column C (ghi_chu)",
    ]
    assert ".VnTime" in str(record[0].message) and "'Hà Nội'" in str(record[0].message)
    assert letters(result.folder)[0] == ["Kính gửi: Hµ Néi", "Hà Nội", "Ghi chú: Haø Noäi"]
