"""The ND30 check: our letters pass; documents that break a rule are flagged with the rule and place."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from congvan.documents import load, render
from congvan.testing.nd30check import RULES, check_nd30

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def directive() -> bytes:
    return render(load(ROOT / "data" / "directive-2020.yaml"))


def mutate(docx: bytes, change: Callable[[dict[str, etree._Element]], None]) -> bytes:
    """The document with ``change`` applied to the parsed XML parts (name → root)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zin:
        members = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    roots = {n: etree.fromstring(d) for n, d in members.items() if n.startswith("word/") and n.endswith(".xml")}
    change(roots)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, etree.tostring(roots[name]) if name in roots else data)
    return out.getvalue()


def paragraph_with(root: etree._Element, start: str) -> etree._Element:
    for p in root.iter(f"{W}p"):
        if "".join(t.text or "" for t in p.iter(f"{W}t")).strip().startswith(start):
            return p
    raise AssertionError(f"no paragraph starting {start!r}")


def set_text(p: etree._Element, text: str) -> None:
    texts = list(p.iter(f"{W}t"))
    texts[0].text = text
    for t in texts[1:]:
        t.text = ""


def test_the_directive_follows_nd30(directive):
    report = check_nd30(directive)
    assert report.clean, report.to_text()


def test_the_follow_up_letters_follow_nd30(tmp_path):
    from congvan.campaigns.followup import render_batch

    render_batch(
        ROOT / "data" / "follow-up-2020.yaml",
        ROOT / "data" / "follow-up-2020.csv",
        tmp_path / "out",
        only=["01", "79"],
        combined=True,
    )
    letters = sorted((tmp_path / "out").glob("*.docx"))
    assert len(letters) >= 3
    for letter in letters:
        report = check_nd30(letter)
        assert report.clean, report.to_text()


def wrong_margins(roots):
    mar = roots["word/document.xml"].find(f"{W}body/{W}sectPr/{W}pgMar")
    mar.set(f"{W}left", "1134")  # 20 mm


def month_zero_padded(roots):
    p = paragraph_with(roots["word/document.xml"], "Hà Nội, ngày")
    set_text(p, "Hà Nội, ngày 05 tháng 03 năm 2020")


def no_ending(roots):
    p = paragraph_with(roots["word/document.xml"], "Trân trọng")
    set_text(p, "Trân trọng.")


def recipients_heading_13pt(roots):
    p = paragraph_with(roots["word/document.xml"], "Nơi nhận")
    for sz in p.iter(f"{W}sz"):
        sz.set(f"{W}val", "26")


def number_on_first_page(roots):
    for section in roots["word/document.xml"].iter(f"{W}sectPr"):
        for title in section.findall(f"{W}titlePg"):
            section.remove(title)


def arial_in_body(roots):
    p = paragraph_with(roots["word/document.xml"], "3. Phân công")
    for fonts in p.iter(f"{W}rFonts"):
        fonts.set(f"{W}ascii", "Arial")


def recipient_without_semicolon(roots):
    set_text(paragraph_with(roots["word/document.xml"], "- Như trên"), "- Như trên")


def annex_in_the_same_section(roots):
    for p in roots["word/document.xml"].iter(f"{W}p"):
        sect = p.find(f"{W}pPr/{W}sectPr")
        if sect is not None:
            sect.getparent().remove(sect)


def letter_paper(roots):
    for size in roots["word/document.xml"].iter(f"{W}pgSz"):
        size.set(f"{W}w", "12240")
        size.set(f"{W}h", "15840")


def page_number_in_footer_only(roots):
    header = roots["word/header1.xml"]
    for p in header.findall(f"{W}p"):
        header.remove(p)
    header.append(etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}"/>'))


@pytest.mark.parametrize(
    ("change", "rule", "where"),
    [
        (wrong_margins, "page.margins", "body"),
        (month_zero_padded, "o4.date-form", "table 1, row 2, cell 2"),
        (no_ending, "o6.ending", "Trân trọng"),
        (recipients_heading_13pt, "o9b.heading", "table 2, row 1, cell 1"),
        (number_on_first_page, "page-number.first-page", "body"),
        (arial_in_body, "font.family", "3. Phân công"),
        (recipient_without_semicolon, "o9b.punctuation", "Như trên"),
        (annex_in_the_same_section, "annex.section", "Phụ lục"),
        (letter_paper, "page.size", "body"),
        (page_number_in_footer_only, "page-number.field", "body"),
    ],
)
def test_a_broken_document_is_flagged_with_rule_and_place(directive, change, rule, where):
    report = check_nd30(mutate(directive, change))
    hits = [d for d in report.deviations if d.rule.id == rule]
    assert hits, report.to_text()
    assert any(where in str(d.place) for d in hits), [str(d) for d in hits]


def test_month_message_says_what_is_right(directive):
    report = check_nd30(mutate(directive, month_zero_padded))
    assert report.rules() == ["o4.date-form"]
    assert "tháng 3" in report.deviations[0].message
    assert "tháng 1, 2" in str(report.deviations[0])  # the rule's Vietnamese text


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Hà Nội, ngày 05 tháng 01 năm 2020", False),
        ("Hà Nội, ngày 29 tháng 6 năm 2019", False),
        ("Hà Nội, ngày 14 tháng 02 năm 2012", False),
        ("Hà Nội, ngày 5 tháng 01 năm 2020", True),
        ("Hà Nội, ngày 05 tháng 1 năm 2020", True),
        ("Hà Nội, ngày 07 tháng 09 năm 2015", True),
        ("Hà Nội, ngày …… tháng …… năm 2020", False),
    ],
)
def test_date_forms(directive, text, bad):
    report = check_nd30(mutate(directive, lambda r: set_text(paragraph_with(r["word/document.xml"], "Hà Nội"), text)))
    assert ("o4.date-form" in report.rules()) is bad


def test_every_rule_has_both_languages():
    assert all(rule.vi and rule.en and rule.source for rule in RULES.values())


def test_cli(tmp_path, directive):
    good, bad = tmp_path / "good.docx", tmp_path / "bad.docx"
    good.write_bytes(directive)
    bad.write_bytes(mutate(directive, no_ending))
    cmd = [sys.executable, "-m", "congvan", "check", "--nd30"]
    assert subprocess.run([*cmd, str(good)], capture_output=True).returncode == 0
    result = subprocess.run([*cmd, str(bad), "--format", "json"], capture_output=True, text=True)
    assert result.returncode == 1
    assert json.loads(result.stdout)["deviations"][0]["rule"] == "o6.ending"


def _rule_paragraph_after(root: etree._Element, start: str) -> etree._Element:
    line = paragraph_with(root, start)
    following = line.getnext()
    while following is not None and following.find(f"{W}pPr/{W}pBdr/{W}bottom") is None:
        following = following.getnext()
    assert following is not None, f"no rule after {start!r}"
    return following


def _set_indents(p: etree._Element, twips: int) -> None:
    ind = p.find(f"{W}pPr/{W}ind")
    ind.set(f"{W}left", str(twips))
    ind.set(f"{W}right", str(twips))


@pytest.mark.parametrize(
    ("change", "rule", "says"),
    [
        # the rule under the body as wide as the cell: far more than half the name's line
        (
            lambda r: _set_indents(_rule_paragraph_after(r["word/document.xml"], "VÀ TRUYỀN THÔNG"), 0),
            "o2.rule",
            "want",
        ),
        # a stub of a rule: far less than a third
        (
            lambda r: _set_indents(_rule_paragraph_after(r["word/document.xml"], "VÀ TRUYỀN THÔNG"), 1700),
            "o2.rule",
            "want",
        ),
        # no rule under the issuing body at all
        (
            lambda r: _rule_paragraph_after(r["word/document.xml"], "VÀ TRUYỀN THÔNG").find(f"{W}pPr/{W}pBdr").clear(),
            "o2.rule",
            "none found",
        ),
        # the motto's rule across the whole cell
        (lambda r: _set_indents(paragraph_with(r["word/document.xml"], "Độc lập"), 0), "o1.motto-rule", "want"),
        # the motto without its rule
        (
            lambda r: paragraph_with(r["word/document.xml"], "Độc lập").find(f"{W}pPr/{W}pBdr").clear(),
            "o1.motto-rule",
            "none found",
        ),
    ],
    ids=["body-rule-too-long", "body-rule-too-short", "body-rule-missing", "motto-rule-too-long", "motto-rule-missing"],
)
def test_rules_under_the_body_and_the_motto_are_measured(directive, change, rule, says):
    report = check_nd30(mutate(directive, change))
    flagged = [d for d in report.deviations if d.rule.id == rule]
    assert len(flagged) == 1, report.to_text()
    assert says in flagged[0].message
    assert [d.rule.id for d in report.deviations] == [rule]  # nothing else breaks
