"""Every rule of the ND30 check is broken on its own in a conformant letter, and only that rule is flagged.

Three letters the project renders follow ND30: the 2020 directive, a
follow-up letter of the batch, and the directive given what the draft
leaves out (a parent body, a date, several addressees, an urgency mark, the
signer's name). Each case below parses one of them with lxml, changes it in
the one way a rule forbids, and asks the checker: the rule is flagged,
nothing else is, and the message says what is wrong. The rule ids come from
the checker's own table, so a rule added without a breaking case fails here.

Expected values are written by hand from Phụ lục I, not read from
`congvan.nd30`: these tests hold the checker to the decree, not to itself.
"""

from __future__ import annotations

import functools
import io
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from lxml import etree

from congvan.campaigns.followup import render_batch
from congvan.documents import load, render
from congvan.testing.nd30check import RULES, check_nd30

ROOT = Path(__file__).resolve().parents[1]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
DOCUMENT = "word/document.xml"
PAGE_HEADER = "word/header1.xml"  # the header of pages 2 on, with the PAGE field

Roots = dict[str, etree._Element]


# -- the conformant letters -----------------------------------------------------------------------


@functools.cache
def rendered_letters() -> dict[str, bytes]:
    """name → a rendered letter that follows ND30 (rendered once per process: `make mutate` forks from it)."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        render_batch(
            ROOT / "data" / "follow-up-2020.yaml", ROOT / "data" / "follow-up-2020.csv", work / "out", only=["01"]
        )
        (follow_up,) = sorted((work / "out").glob("*.docx"))
        complete = yaml.safe_load((ROOT / "data" / "directive-2020.yaml").read_text(encoding="utf-8"))
        complete.update(
            issuing_body={
                "name": "Cục Thông tin đối ngoại",
                "parent": "Bộ Thông tin và Truyền thông",
                "abbreviation": "TTĐN",
                "place": "Hà Nội",
            },
            number="15/TTĐN-TTCS",
            issued_on="2020-02-05",
            urgency="KHẨN",
            addressees={"items": ["Ủy ban nhân dân tỉnh Hà Giang", "Ủy ban nhân dân tỉnh Lào Cai", "Sở Ngoại vụ"]},
            signature={
                "authority": "KT.",
                "principal": "Cục trưởng",
                "title": "Phó Cục trưởng",
                "name": "Nguyễn Văn An",
            },
        )
        path = work / "complete.yaml"
        path.write_text(yaml.safe_dump(complete, allow_unicode=True), encoding="utf-8")
        return {
            "directive": render(load(ROOT / "data" / "directive-2020.yaml")),
            "follow-up": follow_up.read_bytes(),
            "complete": render(load(path)),
        }


@pytest.fixture
def letters() -> dict[str, bytes]:
    return rendered_letters()


@pytest.mark.parametrize("name", ["directive", "follow-up", "complete"])
def test_the_letters_follow_nd30(letters, name):
    report = check_nd30(letters[name])
    assert report.clean, report.to_text()


def test_the_complete_letter_has_what_the_draft_leaves_out(letters):
    """The third letter shows the components the other two do not have, so their rules are tested too."""
    texts = [paragraph_text(p) for p in parts(letters["complete"])[DOCUMENT].iter(f"{W}p")]
    for expected in (
        "BỘ THÔNG TIN",  # the parent body, on two lines
        "VÀ TRUYỀN THÔNG",
        "CỤC THÔNG TIN ĐỐI NGOẠI",
        "KHẨN",
        "Hà Nội, ngày 05 tháng 02 năm 2020",
        "- Ủy ban nhân dân tỉnh Hà Giang;",
        "- Sở Ngoại vụ.",
        "Nguyễn Văn An",
    ):
        assert expected in texts, (expected, texts[:40])


# -- reading and changing the parts with lxml -------------------------------------------------------


def parts(docx: bytes) -> Roots:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


def rebuilt(docx: bytes, change: Callable[[Roots], None]) -> bytes:
    """``docx`` with ``change`` applied to its parsed WordprocessingML parts."""
    roots = parts(docx)
    change(roots)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = etree.tostring(roots[info.filename]) if info.filename in roots else source.read(info.filename)
            target.writestr(info.filename, data)
    return out.getvalue()


def paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t")).strip()


def find(root: etree._Element, start: str, *, nth: int = 0) -> etree._Element:
    """The ``nth`` paragraph whose text starts with ``start``."""
    found = [p for p in root.iter(f"{W}p") if paragraph_text(p).startswith(start)]
    assert len(found) > nth, f"no paragraph {nth} starting {start!r}"
    return found[nth]


def w(tag: str, **attributes: str) -> etree._Element:
    element = etree.Element(f"{W}{tag}")
    for name, value in attributes.items():
        element.set(f"{W}{name}", value)
    return element


def text_runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]


def set_text(p: etree._Element, text: str) -> None:
    texts = list(p.iter(f"{W}t"))
    texts[0].text = text
    for t in texts[1:]:
        t.text = ""


def set_size(p: etree._Element, points: float, *, runs: list[etree._Element] | None = None) -> None:
    for r in runs if runs is not None else text_runs(p):
        for tag in ("sz", "szCs"):
            r.find(f"{W}rPr/{W}{tag}").set(f"{W}val", str(round(points * 2)))


def set_flag(p: etree._Element, tag: str, on: bool, *, runs: list[etree._Element] | None = None) -> None:
    """Bold (``b``) or italic (``i``) on or off on every text run of ``p``, as Word writes it."""
    for r in runs if runs is not None else text_runs(p):
        rpr = r.find(f"{W}rPr")
        for name in (tag, f"{tag}Cs"):
            for old in rpr.findall(f"{W}{name}"):
                rpr.remove(old)
            if on:
                rpr.insert(1, w(name))


def set_paragraph(p: etree._Element, tag: str, **attributes: str) -> None:
    element = p.find(f"{W}pPr/{W}{tag}")
    for name, value in attributes.items():
        element.set(f"{W}{name}", value)


def remove(p: etree._Element) -> None:
    p.getparent().remove(p)


def sections(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(f"{W}sectPr"))


# -- the breaking cases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One way to break one rule: the letter it starts from, the change, and what the message says."""

    rule: str
    letter: str
    change: Callable[[Roots], None]
    says: str
    """A part of the message: the checker says what is wrong."""
    where: str = ""
    """A part of the place: the checker says where."""

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.letter}:{self.says}"


def in_body(start: str, change: Callable[[etree._Element], None], *, nth: int = 0) -> Callable[[Roots], None]:
    return lambda roots: change(find(roots[DOCUMENT], start, nth=nth))


def page_number_paragraph(roots: Roots) -> etree._Element:
    return next(p for p in roots[PAGE_HEADER].iter(f"{W}p") if p.find(f".//{W}instrText") is not None)


def no_page_field(roots: Roots) -> None:
    p = page_number_paragraph(roots)
    for r in list(p.iter(f"{W}r")):
        if r.find(f"{W}fldChar") is not None or r.find(f"{W}instrText") is not None:
            p.remove(r)


def margins(side: str, twips: int) -> Callable[[Roots], None]:
    def change(roots: Roots) -> None:
        for section in sections(roots[DOCUMENT]):
            section.find(f"{W}pgMar").set(f"{W}{side}", str(twips))

    return change


def paper(width: int, height: int) -> Callable[[Roots], None]:
    def change(roots: Roots) -> None:
        for section in sections(roots[DOCUMENT]):
            size = section.find(f"{W}pgSz")
            size.set(f"{W}w", str(width))
            size.set(f"{W}h", str(height))

    return change


def without(tag: str) -> Callable[[Roots], None]:
    def change(roots: Roots) -> None:
        for section in sections(roots[DOCUMENT]):
            for element in section.findall(f"{W}{tag}"):
                section.remove(element)

    return change


def last_section_without_restart(roots: Roots) -> None:
    body_section = roots[DOCUMENT].find(f"{W}body/{W}sectPr")
    body_section.remove(body_section.find(f"{W}pgNumType"))


def annex_in_the_letters_section(roots: Roots) -> None:
    for section in list(roots[DOCUMENT].iter(f"{W}sectPr")):
        if section.getparent().tag == f"{W}pPr":
            section.getparent().remove(section)


def colour(p: etree._Element) -> None:
    for r in text_runs(p):
        r.find(f"{W}rPr").append(w("color", val="C00000"))


def font(p: etree._Element) -> None:
    for r in text_runs(p):
        r.find(f"{W}rPr/{W}rFonts").set(f"{W}ascii", "Arial")
        r.find(f"{W}rPr/{W}rFonts").set(f"{W}hAnsi", "Arial")


def rule_under(start: str) -> Callable[[Roots], etree._Element]:
    """The paragraph whose bottom border is the rule under the line starting ``start``."""

    def locate(roots: Roots) -> etree._Element:
        following = find(roots[DOCUMENT], start)
        while following.find(f"{W}pPr/{W}pBdr/{W}bottom") is None:
            following = following.getnext()
        return following

    return locate


def indents(locate: Callable[[Roots], etree._Element], twips: int) -> Callable[[Roots], None]:
    def change(roots: Roots) -> None:
        set_paragraph(locate(roots), "ind", left=str(twips), right=str(twips))

    return change


def no_border(locate: Callable[[Roots], etree._Element]) -> Callable[[Roots], None]:
    def change(roots: Roots) -> None:
        ppr = locate(roots).find(f"{W}pPr")
        ppr.remove(ppr.find(f"{W}pBdr"))

    return change


def motto(roots: Roots) -> etree._Element:
    return find(roots[DOCUMENT], "Độc lập")


def motto_regular(roots: Roots) -> None:
    set_flag(motto(roots), "b", False)
    indents(motto, 1100)(roots)


TITLE = "CỘNG HÒA"
BODY_NAME = "VÀ TRUYỀN THÔNG"  # the second line of the directive's issuing body
TASK = "3. Phân công"  # a body paragraph of the directive

CASES = [
    # Phần I, I.1–4: the page, the font, the colour
    Case("page.size", "directive", paper(12240, 15840), "not A4", "body"),
    Case("page.size", "follow-up", without("pgSz"), "no page size"),
    Case("page.margins", "directive", margins("left", 1134), "left 20.0 mm (want 30–35 mm)"),
    Case("page.margins", "follow-up", margins("right", 1191), "right 21.0 mm (want 15–20 mm)"),
    Case("page.margins", "follow-up", margins("top", 1474), "top 26.0 mm (want 20–25 mm)"),
    Case("page.margins", "follow-up", margins("bottom", 1077), "bottom 19.0 mm (want 20–25 mm)"),
    Case("page.margins", "directive", without("pgMar"), "no margins set"),
    Case("font.family", "directive", in_body(TASK, font), "font Arial instead of Times New Roman", TASK),
    Case("font.color", "directive", in_body(TASK, colour), "colour C00000 instead of black", TASK),
    # Phần I, I.7: page numbers
    Case("page-number.field", "directive", no_page_field, "no PAGE field in the header"),
    Case(
        "page-number.field",
        "follow-up",
        lambda r: set_paragraph(page_number_paragraph(r), "jc", val="right"),
        "not centred",
        "header",
    ),
    Case(
        "page-number.style",
        "directive",
        lambda r: set_size(page_number_paragraph(r), 12, runs=list(page_number_paragraph(r).iter(f"{W}r"))),
        "12 pt",
        "header",
    ),
    Case(
        "page-number.style",
        "follow-up",
        lambda r: set_flag(page_number_paragraph(r), "i", True, runs=list(page_number_paragraph(r).iter(f"{W}r"))),
        "italic",
        "header",
    ),
    Case("page-number.first-page", "directive", without("titlePg"), "no different first page"),
    # Ô 1: national title and motto
    Case("o1.national-title", "directive", in_body(TITLE, lambda p: set_size(p, 14)), "14 pt instead of 12–13 pt"),
    Case("o1.national-title", "follow-up", in_body(TITLE, lambda p: set_flag(p, "b", False)), "not bold"),
    Case("o1.national-title", "directive", in_body(TITLE, lambda p: set_flag(p, "i", True)), "italic"),
    Case(
        "o1.national-title",
        "follow-up",
        in_body(TITLE, lambda p: set_text(p, "Cộng hòa xã hội chủ nghĩa Việt Nam")),
        "not in capitals",
    ),
    # a regular motto, its rule shortened to its (narrower) length, so that only the weight is wrong
    Case("o1.motto", "directive", motto_regular, "motto: not bold"),
    Case("o1.motto", "follow-up", in_body("Độc lập", lambda p: set_flag(p, "i", True)), "motto: italic"),
    Case("o1.motto-rule", "directive", indents(motto, 0), "the rule under the motto: "),
    Case("o1.motto-rule", "follow-up", indents(motto, 1300), "want 1–1 of it"),
    Case("o1.motto-rule", "directive", no_border(motto), "none found"),
    # Ô 2: parent and issuing body
    Case(
        "o2.parent-body",
        "complete",
        in_body("BỘ THÔNG TIN", lambda p: set_size(p, 14)),
        "parent body: 14 pt instead of 12–13 pt",
    ),
    Case(
        "o2.parent-body",
        "complete",
        in_body("BỘ THÔNG TIN", lambda p: set_text(p, "Bộ Thông tin và Truyền thông")),
        "parent body: not in capitals",
    ),
    Case("o2.parent-body", "complete", in_body("BỘ THÔNG TIN", lambda p: set_flag(p, "i", True)), "italic"),
    Case(
        "o2.issuing-body",
        "directive",
        lambda r: [set_flag(find(r[DOCUMENT], line), "b", False) for line in ("BỘ THÔNG TIN", BODY_NAME)],
        "issuing body: not bold",
    ),
    Case("o2.issuing-body", "complete", in_body("CỤC THÔNG TIN", lambda p: set_size(p, 11)), "11 pt"),
    Case(
        "o2.issuing-body",
        "complete",
        in_body("CỤC THÔNG TIN", lambda p: set_text(p, "Cục Thông tin đối ngoại")),
        "not in capitals",
    ),
    Case("o2.issuing-body", "follow-up", in_body(BODY_NAME, lambda p: set_flag(p, "i", True)), "italic"),
    Case("o2.rule", "directive", indents(rule_under(BODY_NAME), 0), "want 0.33–0.5 of it"),
    Case("o2.rule", "follow-up", indents(rule_under(BODY_NAME), 1700), "want 0.33–0.5 of it"),
    Case("o2.rule", "complete", no_border(rule_under("CỤC THÔNG TIN")), "none found"),
    # Ô 3, 4: number and symbol, place and date
    Case(
        "o3.number",
        "follow-up",
        in_body("Số:", lambda p: set_text(p, "Số 01/BTTTT-TTĐN")),
        "“Số” is not followed by a colon",
    ),
    Case("o3.number", "directive", in_body("Số:", lambda p: set_size(p, 14)), "14 pt instead of 13 pt"),
    Case("o3.number", "complete", in_body("Số:", lambda p: set_flag(p, "b", True)), "number and symbol: bold"),
    Case("o4.date-style", "follow-up", in_body("Hà Nội", lambda p: set_flag(p, "i", False)), "not italic"),
    Case("o4.date-style", "directive", in_body("Hà Nội", lambda p: set_size(p, 12)), "12 pt instead of 13–14 pt"),
    Case(
        "o4.date-style",
        "follow-up",
        in_body("Hà Nội", lambda p: set_text(p, "hà Nội, ngày 16 tháng 3 năm 2020")),
        "must start with a capital letter",
    ),
    Case(
        "o4.date-form",
        "follow-up",
        in_body("Hà Nội", lambda p: set_text(p, "Hà Nội, ngày 16 tháng 03 năm 2020")),
        "month '03' (write “tháng 3”)",
    ),
    Case(
        "o4.date-form",
        "complete",
        in_body("Hà Nội", lambda p: set_text(p, "Hà Nội, ngày 5 tháng 02 năm 2020")),
        "day '5' (write '05')",
    ),
    Case(
        "o4.date-form",
        "complete",
        in_body("Hà Nội", lambda p: set_text(p, "Hà Nội, ngày 05 tháng 2 năm 2020")),
        "month '2' (write “tháng 02”)",
    ),
    Case(
        "o4.date-form",
        "follow-up",
        in_body("Hà Nội", lambda p: set_text(p, "Hà Nội, ngày 16 tháng 3 năm 20")),
        "year '20'",
    ),
    Case(
        "o4.date-form",
        "complete",
        in_body("(Kèm theo", lambda p: set_text(p, paragraph_text(p).replace("tháng 02", "tháng 2"))),
        "month '2'",
        "Kèm theo",
    ),
    # Ô 5b: the subject of a công văn; ô 10b: the urgency mark
    Case("o5b.subject", "directive", in_body("V/v", lambda p: set_size(p, 14)), "14 pt instead of 12–13 pt"),
    Case("o5b.subject", "follow-up", in_body("V/v", lambda p: set_flag(p, "b", True)), "subject (V/v): bold"),
    Case("o5b.subject", "complete", in_body("V/v", lambda p: set_flag(p, "i", True)), "subject (V/v): italic"),
    Case("o10b.urgency", "complete", in_body("KHẨN", lambda p: set_flag(p, "b", False)), "urgency mark: not bold"),
    Case("o10b.urgency", "complete", in_body("KHẨN", lambda p: set_size(p, 12)), "12 pt instead of 13–14 pt"),
    Case("o10b.urgency", "complete", in_body("KHẨN", lambda p: set_text(p, "Khẩn")), "not in capitals"),
    # Ô 9a: Kính gửi
    Case(
        "o9a.addressees",
        "complete",
        in_body("Kính gửi", lambda p: set_text(p, "Kính gửi")),
        "no colon after “Kính gửi”",
    ),
    Case("o9a.addressees", "directive", in_body("Kính gửi", lambda p: set_flag(p, "b", True)), "Kính gửi: bold"),
    Case(
        "o9a.addressees",
        "complete",
        in_body("- Ủy ban nhân dân tỉnh Lào Cai", lambda p: set_size(p, 12)),
        "addressee: 12 pt instead of 13–14 pt",
    ),
    Case(
        "o9a.punctuation",
        "complete",
        in_body("- Sở Ngoại vụ", lambda p: set_text(p, "- Sở Ngoại vụ;")),
        "the last addressee line must end with “.”",
    ),
    Case(
        "o9a.punctuation",
        "complete",
        in_body("- Ủy ban nhân dân tỉnh Hà Giang", lambda p: set_text(p, "- Ủy ban nhân dân tỉnh Hà Giang,")),
        "an addressee line must end with “;”",
    ),
    Case(
        "o9a.punctuation",
        "complete",
        in_body("- Ủy ban nhân dân tỉnh Lào Cai", lambda p: set_text(p, "– Ủy ban nhân dân tỉnh Lào Cai;")),
        "starts with “- ”",
    ),
    Case(
        "o9a.punctuation",
        "follow-up",
        in_body("Kính gửi", lambda p: set_text(p, "Kính gửi: Ủy ban nhân dân thành phố Hà Nội;")),
        "must not end with “;”",
    ),
    Case(
        "o9a.punctuation",
        "complete",
        lambda r: [remove(find(r[DOCUMENT], "- ", nth=0)) for _ in range(3)],
        "“Kính gửi:” is followed by no addressee",
    ),
    # Ô 6: the body
    Case("o6.body", "directive", in_body(TASK, lambda p: set_size(p, 12)), "12 pt instead of 13–14 pt", TASK),
    Case(
        "o6.body", "follow-up", in_body("Theo Công văn", lambda p: set_paragraph(p, "jc", val="left")), "not justified"
    ),
    Case(
        "o6.body",
        "directive",
        in_body(TASK, lambda p: set_paragraph(p, "ind", firstLine="0")),
        "first-line indent 0.00 cm (want 1–1.27 cm)",
    ),
    Case(
        "o6.body",
        "follow-up",
        in_body("Theo Công văn", lambda p: set_paragraph(p, "ind", firstLine="851")),
        "first-line indent 1.50 cm",
    ),
    Case(
        "o6.body",
        "directive",
        in_body(TASK, lambda p: set_paragraph(p, "spacing", before="0", after="60")),
        "3 pt between paragraphs (want at least 6 pt)",
    ),
    Case(
        "o6.body",
        "follow-up",
        in_body("Theo Công văn", lambda p: set_paragraph(p, "spacing", line="480")),
        "line spacing 2 lines (want single to 1.5)",
    ),
    Case(
        "o6.body",
        "complete",
        in_body(TASK, lambda p: set_paragraph(p, "spacing", line="200")),
        "line spacing 0.833333 lines",
    ),
    Case("o6.ending", "directive", in_body("Trân trọng", lambda p: set_text(p, "Trân trọng.")), "“./.”", "Trân trọng"),
    Case("o6.ending", "follow-up", in_body("Trân trọng", lambda p: set_text(p, "Trân trọng./")), "does not end with"),
    # Ô 7: authority, title, signer
    Case(
        "o7.authority",
        "directive",
        in_body("KT.", lambda p: set_text(p, "KT BỘ TRƯỞNG")),
        "“KT” must be followed by a full stop (“KT.”)",
    ),
    Case("o7.authority", "follow-up", in_body("THỨ TRƯỞNG", lambda p: set_flag(p, "b", False)), "not bold"),
    Case("o7.authority", "directive", in_body("KT.", lambda p: set_text(p, "Kt. Bộ trưởng")), "not in capitals"),
    Case("o7.authority", "complete", in_body("PHÓ CỤC TRƯỞNG", lambda p: set_size(p, 12)), "12 pt"),
    Case(
        "o7.signer", "complete", in_body("Nguyễn Văn An", lambda p: set_flag(p, "b", False)), "signer's name: not bold"
    ),
    Case("o7.signer", "complete", in_body("Nguyễn Văn An", lambda p: set_flag(p, "i", True)), "signer's name: italic"),
    Case("o7.signer", "complete", in_body("Nguyễn Văn An", lambda p: set_size(p, 12)), "12 pt instead of 13–14 pt"),
    # Ô 9b: Nơi nhận
    Case("o9b.heading", "directive", in_body("Nơi nhận", lambda p: set_text(p, "Nơi nhận")), "instead of “Nơi nhận:”"),
    Case("o9b.heading", "follow-up", in_body("Nơi nhận", lambda p: set_size(p, 13)), "13 pt instead of 12 pt"),
    Case("o9b.heading", "directive", in_body("Nơi nhận", lambda p: set_flag(p, "i", False)), "Nơi nhận: not italic"),
    Case("o9b.heading", "complete", in_body("Nơi nhận", lambda p: set_flag(p, "b", False)), "Nơi nhận: not bold"),
    Case(
        "o9b.recipients",
        "directive",
        in_body("- Bộ trưởng", lambda p: set_size(p, 12)),
        "recipient line: 12 pt instead of 11 pt",
    ),
    Case("o9b.recipients", "follow-up", in_body("- Lưu", lambda p: set_flag(p, "b", True)), "recipient line: bold"),
    Case(
        "o9b.punctuation",
        "directive",
        in_body("- Như trên", lambda p: set_text(p, "- Bộ Nội vụ;")),
        "start with “- Như trên;”",
    ),
    Case(
        "o9b.punctuation",
        "follow-up",
        in_body("- Bộ trưởng", lambda p: set_text(p, "- Bộ trưởng (để b/c)")),
        "a recipient line must end with “;”",
    ),
    Case(
        "o9b.punctuation",
        "directive",
        in_body("- Lưu", lambda p: set_text(p, "- Lưu: VT, TTĐN, NV (135);")),
        "the last recipient line must end with “.”",
    ),
    Case(
        "o9b.punctuation",
        "follow-up",
        in_body("- Lưu", lambda p: set_text(p, "- Lưu: TTĐN.")),
        "the archive line “- Lưu: VT, …”",
    ),
    Case(
        "o9b.punctuation",
        "directive",
        in_body("- Bộ trưởng", lambda p: set_text(p, "+ Bộ trưởng (để b/c);")),
        "a recipient line starts with “- ”",
    ),
    Case(
        "o9b.punctuation",
        "follow-up",
        lambda r: [remove(find(r[DOCUMENT], "- ", nth=0)) for _ in range(4)],
        "lists no recipient",
    ),
    # Phần I, III.1: annexes
    Case("annex.section", "directive", annex_in_the_letters_section, "does not start a new section", "Phụ lục"),
    Case("annex.section", "complete", last_section_without_restart, "does not restart page numbering"),
    Case(
        "annex.heading",
        "directive",
        in_body("Phụ lục", lambda p: set_paragraph(p, "jc", val="left")),
        "“Phụ lục” is not centred",
    ),
    Case("annex.heading", "complete", in_body("Phụ lục", lambda p: set_size(p, 13)), "13 pt instead of 14 pt"),
    Case("annex.heading", "directive", in_body("Phụ lục", lambda p: set_flag(p, "b", False)), "not bold"),
    Case(
        "annex.title",
        "directive",
        in_body("DANH SÁCH", lambda p: set_text(p, "Danh sách 63 UBND tỉnh, thành phố")),
        "annex title: not in capitals",
    ),
    Case("annex.title", "complete", in_body("DANH SÁCH", lambda p: set_flag(p, "b", False)), "not bold"),
    Case("annex.title", "directive", in_body("DANH SÁCH", lambda p: set_size(p, 12)), "12 pt"),
    Case("annex.attached", "directive", in_body("(Kèm theo", lambda p: set_flag(p, "i", False)), "not italic"),
    Case("annex.attached", "complete", in_body("(Kèm theo", lambda p: set_size(p, 12)), "12 pt instead of 13–14 pt"),
    # Phần I, II: a component that must be there
    Case("component.missing", "directive", in_body(TITLE, remove), "no national title"),
    Case("component.missing", "follow-up", in_body("Độc lập", remove), "no motto"),
    Case("component.missing", "directive", in_body("Số:", remove), "no number and symbol"),
    Case("component.missing", "follow-up", in_body("Hà Nội, ngày", remove), "no place and date line"),
    Case(
        "component.missing",
        "follow-up",
        lambda r: [remove(find(r[DOCUMENT], line)) for line in ("BỘ THÔNG TIN", BODY_NAME)],
        "no issuing body",
    ),
    Case("component.missing", "follow-up", in_body("Nơi nhận", remove), "no “Nơi nhận:”"),
    Case(
        "component.missing",
        "directive",
        lambda r: [remove(find(r[DOCUMENT], line)) for line in ("KT.", "THỨ TRƯỞNG")],
        "no signing authority",
    ),
]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_has_a_case_that_breaks_it(rule):
    from test_nd30check_kinds import KIND_CASES  # the rules of the other kinds, broken in their own documents

    cases = [*CASES, *KIND_CASES]
    assert any(case.rule == rule for case in cases), (
        f"no case in this file or in tests/test_nd30check_kinds.py breaks the ND30 rule {rule!r}"
    )


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_broken_letter_is_flagged_with_that_rule_only(letters, case):
    report = check_nd30(rebuilt(letters[case.letter], case.change))
    assert {deviation.rule.id for deviation in report.deviations} == {case.rule}, report.to_text()
    assert any(case.says in deviation.message for deviation in report.deviations), report.to_text()
    assert any(case.where in str(deviation.place) for deviation in report.deviations), report.to_text()


# -- the ends of each range ------------------------------------------------------------------------------


def body_paragraph(roots: Roots) -> etree._Element:
    return find(roots[DOCUMENT], "Theo Công văn")


def spacing(**attributes: str) -> Callable[[Roots], None]:
    return lambda roots: set_paragraph(body_paragraph(roots), "spacing", **attributes)


def first_line(twips: int) -> Callable[[Roots], None]:
    return lambda roots: set_paragraph(body_paragraph(roots), "ind", firstLine=str(twips))


def size_of(start: str, points: float) -> Callable[[Roots], None]:
    return lambda roots: set_size(find(roots[DOCUMENT], start), points)


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        # margins, in twips (56.7 a millimetre): the ranges of Phần I, I.3 with a few twips of slack
        (margins("top", 1131), None),
        (margins("top", 1130), "page.margins"),
        (margins("top", 1420), None),
        (margins("top", 1421), "page.margins"),
        (margins("bottom", 1131), None),
        (margins("bottom", 1421), "page.margins"),
        (margins("left", 1698), None),
        (margins("left", 1697), "page.margins"),
        (margins("left", 1987), None),
        (margins("left", 1988), "page.margins"),
        (margins("right", 848), None),
        (margins("right", 847), "page.margins"),
        (margins("right", 1137), None),
        (margins("right", 1138), "page.margins"),
        # A4 is 11906 × 16838 twips, within 20; landscape A4 is A4 too
        (paper(11886, 16858), None),
        (paper(11885, 16838), "page.size"),
        (paper(11906, 16859), "page.size"),
        (paper(16838, 11906), None),
        # the body's first-line indent: 1 cm (567) or 1.27 cm (720), with slack
        (first_line(560), None),
        (first_line(559), "o6.body"),
        (first_line(730), None),
        (first_line(731), "o6.body"),
        # at least 6 pt (120 twentieths) between paragraphs, before and after together
        (spacing(before="60", after="60"), None),
        (spacing(before="119", after="0"), "o6.body"),
        # line spacing single (240) to 1.5 lines (360); exact spacing is not measured in lines
        (spacing(line="360"), None),
        (spacing(line="361"), "o6.body"),
        (spacing(line="239"), "o6.body"),
        (spacing(line="600", lineRule="exact"), None),
        # sizes: the ends of each range pass, half a point beyond does not
        (size_of("Theo Công văn", 13), None),
        (size_of("Theo Công văn", 12.5), "o6.body"),
        (size_of("Theo Công văn", 14.5), "o6.body"),
        (size_of(TITLE, 13), None),
        (size_of(TITLE, 13.5), "o1.national-title"),
        (size_of("Độc lập", 14), None),
        (size_of("Hà Nội", 13), None),
        (size_of("Hà Nội", 14.5), "o4.date-style"),
        (size_of("V/v", 13), None),
        (size_of("Kính gửi", 13), None),
        (size_of("Kính gửi", 14.5), "o9a.addressees"),
        (size_of("- Như trên", 11.5), "o9b.recipients"),
        (size_of("KT.", 13), None),
        (size_of("KT.", 14.5), "o7.authority"),
    ],
)
def test_the_ends_of_each_range(letters, change, rule):
    report = check_nd30(rebuilt(letters["follow-up"], change))
    assert set(report.rules()) == ({rule} if rule else set()), report.to_text()


@pytest.mark.parametrize(
    ("date", "bad"),
    [
        ("ngày 01 tháng 01 năm 2020", False),
        ("ngày 09 tháng 02 năm 2020", False),
        ("ngày 10 tháng 3 năm 2020", False),
        ("ngày 31 tháng 12 năm 2020", False),
        ("ngày 29 tháng 9 năm 2019", False),
        ("ngày 1 tháng 01 năm 2020", True),
        ("ngày 00 tháng 3 năm 2020", True),
        ("ngày 32 tháng 3 năm 2020", True),
        ("ngày 010 tháng 3 năm 2020", True),
        ("ngày 10 tháng 1 năm 2020", True),
        ("ngày 10 tháng 09 năm 2020", True),
        ("ngày 10 tháng 13 năm 2020", True),
        ("ngày 10 tháng 0 năm 2020", True),
        ("ngày 10 tháng 010 năm 2020", True),
        ("ngày 10 tháng ba năm 2020", True),
        ("ngày 10 tháng 3 năm 02020", True),
    ],
)
def test_the_date_form(letters, date, bad):
    change = in_body("Hà Nội", lambda p: set_text(p, f"Hà Nội, {date}"))
    report = check_nd30(rebuilt(letters["follow-up"], change))
    assert set(report.rules()) == ({"o4.date-form"} if bad else set()), report.to_text()


# -- the facts themselves: Phụ lục III's abbreviations, and what the template builder reads -------------


def test_the_abbreviations_of_phu_luc_iii():
    from congvan import nd30

    expected = {
        "Nghị quyết (cá biệt)": "NQ",
        "Quyết định (cá biệt)": "QĐ",
        "Chỉ thị": "CT",
        "Quy chế": "QC",
        "Quy định": "QyĐ",
        "Thông cáo": "TC",
        "Thông báo": "TB",
        "Hướng dẫn": "HD",
        "Chương trình": "CTr",
        "Kế hoạch": "KH",
        "Phương án": "PA",
        "Đề án": "ĐA",
        "Dự án": "DA",
        "Báo cáo": "BC",
        "Biên bản": "BB",
        "Tờ trình": "TTr",
        "Hợp đồng": "HĐ",
        "Công điện": "CĐ",
        "Bản ghi nhớ": "BGN",
        "Bản thỏa thuận": "BTT",
        "Giấy ủy quyền": "GUQ",
        "Giấy mời": "GM",
        "Giấy giới thiệu": "GGT",
        "Giấy nghỉ phép": "GNP",
        "Phiếu gửi": "PG",
        "Phiếu chuyển": "PC",
        "Phiếu báo": "PB",
    }
    assert nd30.DOCUMENT_KINDS == expected
    assert list(nd30.DOCUMENT_KINDS) == list(expected)  # the table's order
    assert nd30.COPY_KINDS == {"Bản sao y": "SY", "Bản trích sao": "TrS", "Bản sao lục": "SL"}


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("Quyết định", "QĐ"),
        ("quyết định (cá biệt)", "QĐ"),
        ("Quy định", "QyĐ"),
        ("Kế hoạch", "KH"),
        ("KẾ HOẠCH", "KH"),
        ("Tờ trình", "TTr"),
        ("Giấy uỷ quyền", "GUQ"),  # the table's own tone placement
        ("Giấy ủy quyền", "GUQ"),
        ("Bản trích sao", "TrS"),
        ("Nghị quyết", "NQ"),
        ("Công văn", None),  # a công văn's symbol has no type
        ("Quyết", None),
        ("", None),
    ],
)
def test_an_abbreviation_is_found_by_its_kind(kind, code):
    from congvan import nd30

    assert nd30.abbreviation(kind) == code


def test_every_vietnamese_fact_is_nfc():
    import unicodedata

    from congvan import nd30

    texts = [*nd30.DOCUMENT_KINDS, *nd30.COPY_KINDS, *nd30.URGENCY_STAMPS, *nd30.SECRECY_MARKS]
    texts += [text for component in nd30.COMPONENTS for text in (component.name, component.text) if text]
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)


def test_the_page_in_twips():
    from congvan import nd30

    assert (nd30.PAPER.width, nd30.PAPER.height) == (11906, 16838)
    assert [nd30.twips(mm) for mm in (10, 15, 20, 25, 30, 35, 12.7, 25.4)] == [
        567,
        851,
        1134,
        1418,
        1701,
        1985,
        720,
        1440,
    ]


def test_the_templates_fonts_and_page_are_the_decrees():
    """The names the template builder exports (examples/campaign-2026 imports them) keep their values."""
    from congvan import layout
    from congvan import template_blocks as template_build
    from congvan.ooxml.wordml import FONT, Font

    assert FONT == "Times New Roman"
    assert template_build.NATIONAL_TITLE == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert template_build.MOTTO == "Độc lập - Tự do - Hạnh phúc"
    assert {
        name: getattr(template_build, name)
        for name in (
            "NATIONAL_TITLE_FONT",
            "MOTTO_FONT",
            "PARENT_FONT",
            "BODY_NAME_FONT",
            "NUMBER_FONT",
            "DATE_FONT",
            "SUBJECT_FONT",
            "URGENCY_FONT",
            "TEXT_FONT",
            "SIGNER_FONT",
            "RECIPIENTS_HEADING_FONT",
            "RECIPIENTS_FONT",
            "PAGE_NUMBER_FONT",
            "ANNEX_HEADING_FONT",
            "ANNEX_TITLE_FONT",
            "ANNEX_ATTACHED_FONT",
        )
    } == {
        "NATIONAL_TITLE_FONT": Font(12, bold=True),
        "MOTTO_FONT": Font(13, bold=True),
        "PARENT_FONT": Font(13),
        "BODY_NAME_FONT": Font(13, bold=True),
        "NUMBER_FONT": Font(13),
        "DATE_FONT": Font(14, italic=True),
        "SUBJECT_FONT": Font(12),
        "URGENCY_FONT": Font(13, bold=True),
        "TEXT_FONT": Font(14),
        "SIGNER_FONT": Font(14, bold=True),
        "RECIPIENTS_HEADING_FONT": Font(12, bold=True, italic=True),
        "RECIPIENTS_FONT": Font(11),
        "PAGE_NUMBER_FONT": Font(13),
        "ANNEX_HEADING_FONT": Font(14, bold=True),
        "ANNEX_TITLE_FONT": Font(14, bold=True),
        "ANNEX_ATTACHED_FONT": Font(14, italic=True),
    }
    geometry = (layout.PAGE_WIDTH, layout.PAGE_HEIGHT, layout.MARGIN_TOP, layout.MARGIN_BOTTOM)
    assert geometry + (layout.MARGIN_LEFT, layout.MARGIN_RIGHT) == (11906, 16838, 1134, 1134, 1701, 851)
    assert (layout.HEADER_DISTANCE, layout.TEXT_WIDTH, layout.BODY_INDENT, layout.BODY_SPACE_BEFORE) == (
        567,
        9354,
        567,
        120,
    )


def test_the_builder_refuses_a_size_the_decree_does_not_allow():
    from congvan import nd30
    from congvan.template_blocks import component_font

    with pytest.raises(ValueError, match=r"Quốc hiệu \(ND30 Phần I, II.1.a\) is 12–13 pt, not 14 pt"):
        component_font(nd30.NATIONAL_TITLE, 14)
    with pytest.raises(ValueError, match=r"Nơi nhận \(ND30 Phần I, II.9.d\) is 12 pt, not 11 pt"):
        component_font(nd30.RECIPIENTS_HEADING, 11)


# -- what the checker says ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "vi", "en", "source"),
    [
        ("page.size", "Khổ giấy A4 (210 mm x 297 mm)", "paper A4, 210 × 297 mm", "Phần I, I.1–2"),
        (
            "page.margins",
            "Lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm",
            "margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm",
            "Phần I, I.3",
        ),
        ("font.family", "Phông chữ Times New Roman", "font Times New Roman", "Phần I, I.4"),
        ("page-number.style", "Số trang cỡ chữ 13–14, kiểu chữ đứng", "page numbers 13–14 pt, upright", "Phần I, I.7"),
        (
            "o1.national-title",
            "Quốc hiệu: chữ in hoa, cỡ chữ 12–13, đứng, đậm",
            "national title: capitals, 12–13 pt, upright, bold",
            "Phần I, II.1.a",
        ),
        ("o1.motto", "Tiêu ngữ: cỡ chữ 13–14, đứng, đậm", "motto: 13–14 pt, upright, bold", "Phần I, II.1.b"),
        (
            "o2.parent-body",
            "Tên cơ quan chủ quản: chữ in hoa, cỡ chữ 12–13, đứng",
            "parent body: capitals, 12–13 pt, upright, regular",
            "Phần I, II.2",
        ),
        (
            "o2.issuing-body",
            "Tên cơ quan ban hành: chữ in hoa, cỡ chữ 12–13, đứng, đậm",
            "issuing body: capitals, 12–13 pt, upright, bold",
            "Phần I, II.2",
        ),
        (
            "o3.number",
            "Số, ký hiệu: cỡ chữ 13, đứng; “Số” rồi dấu hai chấm",
            'number and symbol: 13 pt, upright, "Số:"',
            "Phần I, II.3",
        ),
        (
            "o4.date-style",
            "Địa danh và thời gian: chữ in thường, cỡ chữ 13–14, nghiêng; sau địa danh có dấu phẩy",
            "place and date: 13–14 pt, italic, a comma after the place",
            "Phần I, II.4.c",
        ),
        (
            "o5b.subject",
            "Trích yếu công văn: sau chữ “V/v”, cỡ chữ 12–13, đứng",
            'subject of a công văn: after "V/v", 12–13 pt, upright, regular',
            "Phần I, II.5.b",
        ),
        (
            "o6.body",
            "Nội dung: cỡ chữ 13–14; canh đều hai lề; lùi đầu dòng 1–1,27 cm; cách đoạn tối thiểu 6 pt; "
            "khoảng cách dòng từ đơn đến 1,5 dòng",
            "body: 13–14 pt, justified, first-line indent 1–1.27 cm, at least 6 pt between paragraphs, "
            "line spacing single to 1.5",
            "Phần I, II.6",
        ),
        (
            "o6.ending",
            "Nội dung văn bản kết thúc bằng dấu “./.”, như các mẫu của Phụ lục III",
            'the body of every kind of document ends with "./.", as the models of Phụ lục III',
            "Phụ lục III, mục II",
        ),
        (
            "o7.authority",
            "Quyền hạn, chức vụ người ký (TM., Q., KT., TL., TUQ.): chữ in hoa, cỡ chữ 13–14, đứng, đậm",
            "signing authority and title (TM., Q., KT., TL., TUQ.): capitals, 13–14 pt, upright, bold",
            "Phần I, II.7.đ",
        ),
        (
            "o7.signer",
            "Họ tên người ký: chữ in thường, cỡ chữ 13–14, đứng, đậm",
            "signer's name: 13–14 pt, upright, bold",
            "Phần I, II.7.đ",
        ),
        (
            "o9a.addressees",
            "“Kính gửi” và tên nơi nhận: cỡ chữ 13–14, đứng; sau “Kính gửi” có dấu hai chấm",
            '"Kính gửi" and addressees: 13–14 pt, upright, a colon after "Kính gửi"',
            "Phần I, II.9.d",
        ),
        (
            "o9b.heading",
            "Từ “Nơi nhận” có dấu hai chấm, cỡ chữ 12, nghiêng, đậm",
            '"Nơi nhận:" with a colon, 12 pt, bold italic',
            "Phần I, II.9.d",
        ),
        (
            "o9b.recipients",
            "Tên nơi nhận: chữ in thường, cỡ chữ 11, đứng",
            "recipient lines: 11 pt, upright, regular",
            "Phần I, II.9.d",
        ),
        (
            "o9b.punctuation",
            "Mỗi nơi nhận một dòng, đầu dòng gạch (-), cuối dòng dấu chấm phẩy (;); dòng cuối "
            "“- Lưu: VT, …” kết thúc bằng dấu chấm (.); công văn bắt đầu bằng “- Như trên;”",
            'recipient lines "- X;", the last "- Lưu: VT, … ."; a công văn starts with "- Như trên;"',
            "Phần I, II.9.b, II.9.d",
        ),
        (
            "o10b.urgency",
            "Dấu mức độ khẩn: chữ in hoa, cỡ chữ 13–14, đứng, đậm",
            "urgency mark: capitals, 13–14 pt, upright, bold",
            "Phần I, III.2",
        ),
        (
            "annex.heading",
            "Từ “Phụ lục”: dòng riêng, canh giữa, cỡ chữ 14, đứng, đậm",
            '"Phụ lục": own line, centred, 14 pt, upright, bold',
            "Phần I, III.1.b",
        ),
        (
            "annex.title",
            "Tên Phụ lục: chữ in hoa, cỡ chữ 13–14, đứng, đậm",
            "annex title: capitals, 13–14 pt, upright, bold",
            "Phần I, III.1.b",
        ),
        (
            "annex.attached",
            "Chỉ dẫn kèm theo văn bản: cỡ chữ 13–14, nghiêng",
            '"(Kèm theo …)": 13–14 pt, italic',
            "Phần I, III.1.c",
        ),
    ],
)
def test_each_rule_says_what_phu_luc_i_requires(rule, vi, en, source):
    assert (RULES[rule].vi, RULES[rule].en, RULES[rule].source) == (vi, en, source)


def test_the_report_in_text_and_json(letters):
    import json

    assert check_nd30(letters["directive"], label="cv.docx").to_text() == (
        "cv.docx: kind: công văn (Mẫu 1.5)\ncv.docx: follows the ND30 layout (no deviation found)"
    )
    broken = rebuilt(letters["follow-up"], margins("left", 1134))
    report = check_nd30(broken, label="cv.docx")
    assert not report.clean and report.rules() == ["page.margins"]
    assert report.to_text().splitlines() == [
        "cv.docx: kind: công văn (Mẫu 1.5)",
        "body: [page.margins] section 1: left 20.0 mm (want 30–35 mm) — ND30: Lề trên, dưới 20–25 mm; "
        "lề trái 30–35 mm; lề phải 15–20 mm (margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm)",
        "cv.docx: 1 deviation from ND30",
    ]
    assert json.loads(report.to_json()) == {
        "source": "cv.docx",
        "kind": "công văn",
        "model": "1.5",
        "deviations": [
            {
                "rule": "page.margins",
                "rule_vi": "Lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm",
                "rule_en": "margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm",
                "source": "Phụ lục I, Phần I, I.3",
                "message": "section 1: left 20.0 mm (want 30–35 mm)",
                "place": {"part": "body", "part_name": "word/document.xml"},
            }
        ],
    }
    # indented by two, Vietnamese as it is (not \u escapes)
    assert report.to_json().startswith(
        '{\n  "source": "cv.docx",\n  "kind": "công văn",\n  "model": "1.5",\n  "deviations": [\n    {\n      "rule": "page.margins",'
    )
    assert '"rule_vi": "Lề trên, dưới 20–25 mm;' in report.to_json()
    two = check_nd30(rebuilt(broken, margins("right", 1191)), label="cv.docx")
    assert two.to_text().splitlines()[-1] == "cv.docx: 1 deviation from ND30"  # both margins in one deviation
    three = check_nd30(rebuilt(broken, in_body("Trân trọng", lambda p: set_text(p, "Trân trọng."))), label="cv.docx")
    assert three.to_text().splitlines()[-1] == "cv.docx: 2 deviations from ND30"
