"""Attacks on the data readers: CSV and XLSX tables, YAML data files.

Each attack: the input a hostile (or merely unlucky) user gives, the exit status 2, the message naming the
file and the place (line, row, column, sheet, field) and what would be right, and nothing written. Where the
attack is a valid input the readers used to mangle (a quoted line break, a merged cell), the test reads the
documents back and checks every value arrived whole.
"""

from __future__ import annotations

import csv
import io
import re
import signal
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl import Workbook

from congvan import limits
from congvan.errors import CongvanError, DataError, LimitExceeded
from congvan.loading import read_yaml
from congvan.pipeline.tables import read_rows

ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT / "data" / "directive-2020.yaml"
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# ------------------------------------------------------------------ helpers


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A merge template printing the columns ``ten`` and ``ghi_chu``, one paragraph each."""
    document = Document()
    document.add_paragraph("Kính gửi: {{ ten }}")
    document.add_paragraph("Ghi chú: {{ ghi_chu }}")
    path = tmp_path / "thu.docx"
    document.save(path)
    return path


def csv_file(folder: Path, data: bytes | str, name: str = "bang.csv") -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def texts(path: Path) -> list[str]:
    """The paragraphs of a .docx, line breaks as ``\\n`` (python-docx reads ``<w:br/>`` so)."""
    return [p.text for p in Document(path).paragraphs]


def letters(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.docx"))


def line_of(text: str, needle: str, start: int = 0) -> int:
    return text[: text.index(needle, start)].count("\n") + 1


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    """An output folder holding an earlier run's file: an attack must leave it as it is."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "00001.docx").write_bytes(b"an earlier letter")
    return folder


def refused(outcome, *needles: str) -> str:
    """Assert the CLI refused the input (exit 2) with a message holding every needle; return the message."""
    assert outcome.status == 2, (outcome.status, outcome.out, outcome.err)
    for needle in needles:
        assert needle in outcome.err, (needle, outcome.err)
    return outcome.err


# ------------------------------------------------------------------ CSV: what splitlines() broke


def test_a_quoted_line_break_stays_in_its_cell_and_the_rows_stay_two(template, tmp_path, cli):
    table = csv_file(tmp_path, 'ten,ghi_chu\nphường Phúc Xá,"dòng một\ndòng hai"\nphường Trúc Bạch,x\n')
    rows = read_rows(table)
    assert [number for number, _ in rows] == [2, 4]  # the line where each row starts
    assert rows[0][1] == {"ten": "phường Phúc Xá", "ghi_chu": "dòng một\ndòng hai"}

    outcome = cli("merge", template, table, "-o", tmp_path / "out")
    assert outcome.status == 0, outcome.err
    made = letters(tmp_path / "out")
    assert len(made) == 2
    assert texts(made[0])[1] == "Ghi chú: dòng một\ndòng hai"  # a line break in the letter
    assert texts(made[1])[0] == "Kính gửi: phường Trúc Bạch"


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\r\n", "\r"])
def test_no_character_inside_a_cell_splits_its_row(char, tmp_path):
    quoted = char.startswith("\r")  # a carriage return is a line end, so it needs quotes (and becomes \n)
    cell = f'"a{char}b"' if quoted else f"a{char}b"
    table = csv_file(tmp_path, f"ten,ghi_chu\nmột,{cell}\nhai,c\n")
    rows = read_rows(table)
    assert [number for number, _ in rows] == [2, 3 + quoted]
    assert rows[0][1]["ghi_chu"] == ("a\nb" if quoted else f"a{char}b")
    assert rows[1][1] == {"ten": "hai", "ghi_chu": "c"}


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_two_rows_make_two_letters_whatever_their_cells_hold(char, template, tmp_path, cli):
    table = csv_file(tmp_path, f"ten,ghi_chu\nxã Một,trước{char}sau\nxã Hai,x\n")
    outcome = cli("merge", template, table, "-o", tmp_path / "out")
    assert outcome.status == 0, outcome.err
    made = letters(tmp_path / "out")
    assert [texts(path)[0] for path in made] == ["Kính gửi: xã Một", "Kính gửi: xã Hai"]
    assert char in texts(made[0])[1]


def test_a_cell_over_csvs_own_128_kb_is_read(tmp_path):
    big = "Đ" * 140_000  # over the csv module's default field limit (131,072 characters), under congvan's
    rows = read_rows(csv_file(tmp_path, f"ten,ghi_chu\nmột,{big}\n"))
    assert rows == [(2, {"ten": "một", "ghi_chu": big})]


def test_a_cell_over_the_limit_names_row_and_column(template, tmp_path, cli, earlier, tree_digest):
    table = csv_file(tmp_path, 'ten,ghi_chu\nmột,x\nhai,"' + "ư" * 600_000 + '"\n')  # 1.2 MB
    before = tree_digest(earlier)
    outcome = cli("merge", template, table, "-o", earlier)
    refused(outcome, str(table), "row 3, column ghi_chu", "1,200,000", "table_cell_bytes")
    assert tree_digest(earlier) == before
    with pytest.raises(LimitExceeded):
        read_rows(table)


def test_a_cell_over_the_limit_with_no_line_end_in_sight(tmp_path):
    # one unquoted cell of 1.2 MB, beyond even the field limit the reader sets for the csv module
    table = csv_file(tmp_path, "ten,so,ghi_chu\nmột,1," + "x" * 1_200_000 + "\n")
    with pytest.raises(LimitExceeded, match=r"row 2, column ghi_chu"):
        read_rows(table)


def test_a_row_longer_than_its_header(template, tmp_path, cli, earlier, tree_digest):
    table = csv_file(tmp_path, "ten,ghi_chu\nxã Một,a\nxã Hai,b,Nguyễn Văn A\n")
    before = tree_digest(earlier)
    refused(cli("merge", template, table, "-o", earlier), str(table), "row 3", "'Nguyễn Văn A'", "column 3")
    assert tree_digest(earlier) == before


def test_empty_cells_after_the_header_are_not_data(tmp_path):
    # Excel writes a row's trailing commas when a cell right of the table was ever used
    rows = read_rows(csv_file(tmp_path, "ten,ghi_chu,,\nxã Một,a,,\nxã Hai,b\n"))
    assert rows == [(2, {"ten": "xã Một", "ghi_chu": "a"}), (3, {"ten": "xã Hai", "ghi_chu": "b"})]


@pytest.mark.parametrize(
    ("header", "needles"),
    [
        ("ten,ghi_chu,ten", ["'ten'", "columns 1 and 3"]),
        ("ten, ,ghi_chu", ["column 2", "no name"]),
    ],
)
def test_a_duplicate_or_empty_header_name(header, needles, template, tmp_path, cli, earlier, tree_digest):
    table = csv_file(tmp_path, f"{header}\nxã Một,a,b\n")
    before = tree_digest(earlier)
    refused(cli("merge", template, table, "-o", earlier), str(table), "header", *needles)
    assert tree_digest(earlier) == before


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('ten,ghi_chu\nxã Một,"chưa đóng\nxã Hai,b\n', 2),  # the quote never closes: the rest would be one cell
        ('ten,ghi_chu\nxã Một,"a"b\nxã Hai,b\n', 2),  # text after a closing quote
    ],
)
def test_broken_quoting_is_an_error_not_a_guess(text, line, template, tmp_path, cli, earlier, tree_digest):
    table = csv_file(tmp_path, text)
    before = tree_digest(earlier)
    refused(cli("merge", template, table, "-o", earlier), str(table), f"line {line}", "quote")
    assert tree_digest(earlier) == before


def test_comment_lines_and_blank_rows_are_skipped_and_rows_keep_their_lines(tmp_path):
    text = '\ufeff# mẫu\nten,ghi_chu\n\n# bỏ qua\nxã Một,a\n,\n  \nxã Hai,"# không phải\n# chú thích"\n'
    rows = read_rows(csv_file(tmp_path, text))
    assert rows == [
        (5, {"ten": "xã Một", "ghi_chu": "a"}),
        (8, {"ten": "xã Hai", "ghi_chu": "# không phải\n# chú thích"}),
    ]


def test_a_short_row_reads_its_missing_cells_as_empty(tmp_path):
    rows = read_rows(csv_file(tmp_path, "ten,ghi_chu,so\nxã Một\n"))
    assert rows == [(2, {"ten": "xã Một", "ghi_chu": "", "so": ""})]


# ------------------------------------------------------------------ CSV: encodings


VIETNAMESE = "ten,ghi_chu\nHà Nội,Thành phố trực thuộc Trung ương\n"


@pytest.mark.parametrize(
    ("data", "needles"),
    [
        (VIETNAMESE.encode("utf-16-le"), ["byte 1", "line 1", "UTF-16"]),
        (VIETNAMESE.encode("utf-16-be"), ["byte 0", "line 1", "UTF-16"]),
        ("ten,ghi_chu\nHà Nô\u0323i,Thu\u0309 đô\n".encode("cp1258"), ["byte 13", "line 2"]),  # tones combining
        ("ten,ghi_chu\ncafé,Hà Noi\n".encode("latin-1"), ["byte 15", "line 2"]),
    ],
    ids=[
        "utf-16-le",
        "utf-16-be",
        "cp1258",
        "latin-1",
    ],  # with a byte order mark, UTF-16 is read: test_tables_encodings
)
def test_a_table_not_in_utf8(data, needles, template, tmp_path, cli, earlier, tree_digest):
    table = csv_file(tmp_path, data)
    before = tree_digest(earlier)
    refused(cli("merge", template, table, "-o", earlier), str(table), "UTF-8", "CSV UTF-8", *needles)
    assert tree_digest(earlier) == before


# ------------------------------------------------------------------ XLSX


def workbook(path: Path, rows: list[list[object]], *, merge: str | None = None, title: str = "Danh sách") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def edit_sheet(path: Path, edit) -> None:
    """Rewrite the first worksheet's XML with ``edit(root)``, as Excel would have saved it."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(members[member])
    edit(root)
    members[member] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def saved_result(reference: str, value: str, kind: str | None = None):
    """An `edit_sheet` edit: the formula cell ``reference`` with the result Excel saves on calculating it."""

    def edit(root) -> None:
        cell = root.find(f".//{{{SHEET_NS}}}c[@r='{reference}']")
        saved = cell.find(f"{{{SHEET_NS}}}v")
        if saved is None:
            saved = etree.SubElement(cell, f"{{{SHEET_NS}}}v")
        saved.text = value
        if kind:
            cell.set("t", kind)

    return edit


def test_a_merged_cell_gives_its_value_to_every_cell_it_covers(template, tmp_path, cli):
    rows = [["ten", "ghi_chu"], ["xã Một", "Đợt 1"], ["xã Hai", None], ["xã Ba", None], ["xã Bốn", "Đợt 2"]]
    table = workbook(tmp_path / "bang.xlsx", rows, merge="B2:B4")
    assert [row["ghi_chu"] for _, row in read_rows(table)] == ["Đợt 1", "Đợt 1", "Đợt 1", "Đợt 2"]

    assert cli("merge", template, table, "-o", tmp_path / "out").status == 0
    assert [texts(path)[1] for path in letters(tmp_path / "out")] == ["Ghi chú: Đợt 1"] * 3 + ["Ghi chú: Đợt 2"]


def test_a_merged_header_cell_is_a_duplicate_name(tmp_path):
    table = workbook(tmp_path / "bang.xlsx", [["ten", "ghi_chu", None], ["xã Một", "a", "b"]], merge="B1:C1")
    with pytest.raises(DataError, match=r"'ghi_chu' appears twice: columns B and C"):
        read_rows(table)


def test_a_formula_with_no_saved_value(template, tmp_path, cli, earlier, tree_digest):
    table = workbook(tmp_path / "bang.xlsx", [["ten", "so", "ghi_chu"], ["xã Một", 2, "=B2*1000"]])
    before = tree_digest(earlier)
    refused(
        cli("merge", template, table, "-o", earlier),
        str(table),
        "sheet 'Danh sách', row 2, column C (ghi_chu)",
        "=B2*1000",
        "Excel or LibreOffice",
    )
    assert tree_digest(earlier) == before

    edit_sheet(table, saved_result("C2", "2000"))  # as Excel saves it, once calculated: the result is read
    assert read_rows(table) == [(2, {"ten": "xã Một", "so": "2", "ghi_chu": "2000"})]


def test_a_cell_showing_an_excel_error(tmp_path, template, cli, earlier, tree_digest):
    table = workbook(tmp_path / "bang.xlsx", [["ten", "ghi_chu"], ["xã Một", "=VLOOKUP(A2,X:Y,2,0)"]])

    edit_sheet(table, saved_result("B2", "#N/A", kind="e"))
    before = tree_digest(earlier)
    refused(cli("merge", template, table, "-o", earlier), str(table), "row 2, column B (ghi_chu)", "#N/A")
    assert tree_digest(earlier) == before


def test_a_value_right_of_the_header(tmp_path, template, cli, earlier, tree_digest):
    table = workbook(tmp_path / "bang.xlsx", [["ten", "ghi_chu"], ["xã Một", "a", "Nguyễn Văn A"]])
    before = tree_digest(earlier)
    refused(cli("merge", template, table, "-o", earlier), str(table), "sheet 'Danh sách', row 2", "'Nguyễn Văn A'")
    assert tree_digest(earlier) == before


def test_an_empty_or_duplicate_name_in_an_excel_header(tmp_path):
    table = workbook(tmp_path / "bang.xlsx", [["ten", None, "ten", "ghi_chu"], ["xã Một", "a", "b", "c"]])
    with pytest.raises(DataError) as caught:
        read_rows(table)
    message = str(caught.value)
    assert "column B has no name" in message and "'ten' appears twice: columns A and C" in message


@pytest.mark.parametrize("content", ["text", "truncated", "empty"])
def test_a_file_named_xlsx_that_is_not_a_workbook(content, tmp_path, template, cli, earlier, tree_digest):
    table = tmp_path / "bang.xlsx"
    if content == "text":
        table.write_text("ten,ghi_chu\nxã Một,a\n", encoding="utf-8")
    elif content == "truncated":
        whole = workbook(tmp_path / "whole.xlsx", [["ten", "ghi_chu"], ["xã Một", "a"]]).read_bytes()
        table.write_bytes(whole[: len(whole) // 2])
    else:
        table.write_bytes(b"")
    before = tree_digest(earlier)
    refused(cli("merge", template, table, "-o", earlier), str(table), "not an Excel workbook", "save it as .xlsx")
    assert tree_digest(earlier) == before


# ------------------------------------------------------------------ YAML


def with_duplicate_closing() -> tuple[str, int, int]:
    """The directive letter with a second ``closing`` under ``body``; its text and the two keys' lines."""
    text = LETTER.read_text(encoding="utf-8").replace(
        "  closing_paragraphs:\n", "  closing: Trân trọng!\n  closing_paragraphs:\n", 1
    )
    first = line_of(text, "  closing: Trân trọng!")
    return text, first, line_of(text, "  closing: Trân trọng./.")


def test_a_duplicate_key_names_both_lines(tmp_path, cli):
    text, first, second = with_duplicate_closing()
    data = tmp_path / "letter.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "letter.docx"
    refused(
        cli("render", data, "-o", out),
        str(data),
        "body.closing",
        f"key 'closing' appears twice: lines {first} and {second}",
    )
    assert not out.exists()


def test_duplicate_keys_are_found_in_tables_and_shared_data_but_merge_keys_are_not_duplicates(
    tmp_path, template, cli, earlier, tree_digest
):
    shared = tmp_path / "chung.yaml"
    shared.write_text("nam: 2026\nghi_chu: một\nnam: 2027\n", encoding="utf-8")
    table = tmp_path / "bang.yaml"
    table.write_text("- {ten: xã Một, ghi_chu: a}\n- ten: xã Hai\n  ghi_chu: b\n  ten: xã Ba\n", encoding="utf-8")
    before = tree_digest(earlier)
    refused(cli("merge", template, table, "-o", earlier), str(table), "[1].ten", "lines 2 and 4")
    good_table = csv_file(tmp_path, "ten,ghi_chu\nxã Một,a\n", "ok.csv")
    refused(cli("merge", template, good_table, "--data", shared, "-o", earlier), str(shared), "'nam'", "lines 1 and 3")
    assert tree_digest(earlier) == before

    merged = tmp_path / "merged.yaml"
    merged.write_text("base: &base {ten: xã Một, ghi_chu: a}\nrow: {<<: *base, ghi_chu: b}\n1: x\n", encoding="utf-8")
    data, _lines = read_yaml(merged)
    assert data["row"] == {"ten": "xã Một", "ghi_chu": "b"}  # the row's own key overrides the merged one

    keys = tmp_path / "keys.yaml"
    keys.write_text("1: một\n0x1: hai\n", encoding="utf-8")  # the same key, 1, written twice
    with pytest.raises(DataError, match=r"appears twice: lines 1 and 2"):
        read_yaml(keys)


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@contextmanager
def runaway_guard(seconds: int) -> Iterator[None]:
    """Turn a runaway (the unfixed bomb never ends) into a failure; not a speed target, a hang detector."""

    def stop(signum, frame):
        raise AssertionError(f"still running after {seconds} s: the input ran away")

    if not hasattr(signal, "SIGALRM"):  # Windows: no guard, a runaway hangs the test instead of failing it
        yield
        return
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_billion_laughs_is_refused(tmp_path, cli):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BILLION_LAUGHS, encoding="ascii")
    assert len(BILLION_LAUGHS) < 500
    out = tmp_path / "letter.docx"
    with runaway_guard(30):
        outcome = cli("render", bomb, "-o", out)
    refused(outcome, str(bomb), "yaml_nodes", "CONGVAN_LIMIT_YAML_NODES")
    assert not out.exists()


def test_the_alias_limit_can_be_raised_and_lowered(tmp_path, monkeypatch):
    path = tmp_path / "aliases.yaml"
    path.write_text(BILLION_LAUGHS.split("e:")[0], encoding="ascii")  # 8,307 nodes once expanded
    data, _lines = read_yaml(path)
    assert len(data["d"]) == 9 and data["d"][8][8][8] == ["lol"] * 9
    monkeypatch.setenv("CONGVAN_LIMIT_YAML_NODES", "5000")
    monkeypatch.setattr(limits, "_current", None)
    with pytest.raises(LimitExceeded, match=r"aliases\.yaml.*line 4.*yaml_nodes"):
        read_yaml(path)


def test_an_alias_inside_itself_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("ten: xã Một\nvong: &v [1, *v]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"vong\[1\] \(line 2\).*contain itself"):
        read_yaml(path)


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("ten: xã Một\nghi_chu: a\x07b\n", ["line 2", "column 11", "U+0007"]),
        ("ten: xã Một\nghi_chu: a\ufffeb\n", ["line 2", "column 11", "U+FFFE"]),
        ("ten: xã Một\nso: !!int mười\n", ["line 2", "'mười'", "int"]),
        ("ten: xã Một\nso: " + "9" * 5000 + "\n", ["line 2", "int"]),
        ("ten: xã Một\nco: !!bool có\n", ["line 2", "'có'", "bool"]),
    ],
    ids=["bell", "fffe", "int-tag", "huge-int", "bool-tag"],
)
def test_yaml_the_parser_cannot_read(text, needles, tmp_path, template, cli, earlier, tree_digest):
    shared = tmp_path / "chung.yaml"
    shared.write_text(text, encoding="utf-8")
    table = csv_file(tmp_path, "ten,ghi_chu\nxã Một,a\n")
    before = tree_digest(earlier)
    refused(cli("merge", template, table, "--data", shared, "-o", earlier), str(shared), *needles)
    assert tree_digest(earlier) == before
    out = tmp_path / "letter.docx"
    refused(cli("render", shared, "-o", out), str(shared), *needles)
    assert not out.exists()


# ------------------------------------------------------------------ properties


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "table.csv"


@pytest.mark.filterwarnings("ignore::congvan.legacy.LegacyTextWarning")  # random text may look like TCVN3
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=300)
    | st.lists(
        st.sampled_from(
            [b",", b'"', b"\n", b"\r", b"#", b" ", b"a", b"\xc3\xa0", b"\xe0", b"\x00", b"\x85", b"\xef\xbb\xbf"]
        ),
        max_size=60,
    ).map(b"".join)
)
def test_any_bytes_give_rows_or_a_congvan_error(data, scratch):
    scratch.write_bytes(data)
    try:
        rows = read_rows(scratch)
    except CongvanError:
        return
    for number, row in rows:
        assert isinstance(number, int) and number >= 2
        assert all(isinstance(k, str) and k and isinstance(v, str) for k, v in row.items())


#: Any character a UTF-8 file can hold but NUL (refused: it marks a UTF-16 file), from every plane.
CELL_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@pytest.mark.filterwarnings("ignore::congvan.legacy.LegacyTextWarning")  # random text may look like TCVN3
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.tuples(CELL_TEXT, CELL_TEXT), min_size=1, max_size=5))
def test_what_csv_writer_writes_reads_back(values, scratch):
    stream = io.StringIO(newline="")
    writer = csv.writer(stream)
    writer.writerow(["so", "a", "b"])
    for number, (a, b) in enumerate(values, start=1):
        writer.writerow([number, a, b])
    scratch.write_bytes(stream.getvalue().encode("utf-8"))

    def stripped(value: str) -> str:  # and NFC, as every table is read (U+F900 becomes U+8C48)
        return unicodedata.normalize("NFC", re.sub(r"\r\n?", "\n", value)).strip()

    rows = read_rows(scratch)
    assert [row for _, row in rows] == [
        {"so": str(n), "a": stripped(a), "b": stripped(b)} for n, (a, b) in enumerate(values, start=1)
    ]
