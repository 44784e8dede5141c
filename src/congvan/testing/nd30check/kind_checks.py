"""The components a kind of Phụ lục III has besides a công văn's: ô 5a, thẩm quyền and căn cứ, the symbol's code, two signatures.

Each function reads the paragraphs it is given and flags through the checker
(`congvan.testing.nd30check.checker`); it returns the paragraphs it took, so that
the body is what is left.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from congvan import nd30
from congvan.ooxml.reading import Paragraph, shorten
from congvan.testing.nd30check.kinds import ANNEX, Kind
from congvan.testing.nd30check.structure import ARTICLE
from congvan.vietnamese import fold

if TYPE_CHECKING:
    from congvan.testing.nd30check.checker import _Checker

_BASIS_LEADS = ("Căn cứ ", "Theo đề nghị của ", "Xét đề nghị của ")
_AS_ARTICLE = re.compile(r"^-\s*Như Điều\s+\d+")
_SYMBOL = re.compile(r"/\s*(?P<symbol>\S+)\s*$")
SECRETARY = "THƯ KÝ"
CHAIRS = ("CHỦ TỌA", "CHỦ TRÌ")


def _centred(checker: _Checker, p: Paragraph) -> bool:
    return checker.styles.paragraph_format(p.element).align == "center"


def check_title(checker: _Checker, kind: Kind, top: list[Paragraph]) -> list[Paragraph]:
    """Ô 5a: the tên loại, the trích yếu under it and the rule; returns the title block's paragraphs."""
    title = kind.title
    if title is None or title not in top:
        return []
    start = top.index(title)
    if kind.name == ANNEX:
        return _annex_title(checker, top, start)
    checker.check_style("o5a.type-name", title, nd30.TYPE_NAME, what="type name")
    if not _centred(checker, title):
        checker.flag("o5a.type-name", "the type name is not centred", title)
    block = [title]
    subject = []
    for p in top[start + 1 : start + 6]:
        if not _centred(checker, p) or p.number != block[-1].number + 1:
            break  # the rule's empty paragraph ends the block
        block.append(p)
        if p.text.strip().startswith(nd30.ANNEX_ATTACHED.text):
            checker.check_style("annex.attached", p, nd30.ANNEX_ATTACHED, what="“(Kèm theo …)”", weight=False)
            break
        subject.append(p)
    if kind.expects.subject:
        if not subject:
            checker.flag("o5a.subject", "no trích yếu under the type name", title)
        for p in subject:
            checker.check_style("o5a.subject", p, nd30.TYPE_SUBJECT, what="trích yếu")
    checker.check_rule(
        "o5a.rule", subject or [title], nd30.TYPE_SUBJECT.underline, "the rule under the trích yếu", block[-1]
    )
    return block


def _annex_title(checker: _Checker, top: list[Paragraph], start: int) -> list[Paragraph]:
    """Mẫu 2.1: "Phụ lục I", its title, "(Kèm theo …)"; checked as an annex's (Phần I, III.1)."""
    heading = top[start]
    checker.check_style("annex.heading", heading, nd30.ANNEX_HEADING, what="“Phụ lục”")
    if not _centred(checker, heading):
        checker.flag("annex.heading", "“Phụ lục” is not centred", heading)
    block = [heading]
    rest = top[start + 1 : start + 3]
    if rest:
        checker.check_style("annex.title", rest[0], nd30.ANNEX_TITLE, what="annex title")
        block.append(rest[0])
    attached = next((q for q in rest if q.text.strip().startswith(nd30.ANNEX_ATTACHED.text)), None)
    if attached is not None:
        checker.check_style("annex.attached", attached, nd30.ANNEX_ATTACHED, what="“(Kèm theo …)”", weight=False)
        block = top[start : top.index(attached) + 1]
    return block


def check_authority(checker: _Checker, kind: Kind, body: list[Paragraph]) -> list[Paragraph]:
    """Mẫu 1.1–1.3: thẩm quyền, căn cứ, "QUYẾT ĐỊNH:"; returns the lines taken (thẩm quyền to "QUYẾT ĐỊNH:")."""
    word = kind.expects.decides
    if word is None:
        return []
    folded = fold(word)
    decides = next((p for p in body if fold(p.text.strip()) == folded), None)
    if decides is None:
        first = next((i for i, p in enumerate(body) if ARTICLE.match(p.text.strip())), len(body))
        checker.flag("o6.decides", f"no “{word}” line before the articles", body[first] if first < len(body) else None)
        return _authority_and_bases(checker, body[:first], body[first] if first < len(body) else None)
    _check_decides(checker, decides, word)
    return [*_authority_and_bases(checker, body[: body.index(decides)], decides), decides]


def _check_decides(checker: _Checker, decides: Paragraph, word: str) -> None:
    problems = []
    if not _centred(checker, decides):
        problems.append("not centred")
    formats = checker.formats(decides)
    if any(not f.bold for f in formats):
        problems.append("not bold")
    if decides.text.strip() != word:
        problems.append(f"not in capitals (“{word}”)")
    if problems:
        checker.flag("o6.decides", f"“{word}”: " + "; ".join(problems), decides)


def _authority_and_bases(checker: _Checker, before: list[Paragraph], decides: Paragraph | None) -> list[Paragraph]:
    """The thẩm quyền line (centred) and the căn cứ under it, checked; returns them."""
    authority = [p for p in before if _centred(checker, p) and not p.text.strip().startswith(_BASIS_LEADS)]
    _check_bases(checker, [p for p in before if p not in authority], decides)
    return before


def _check_bases(checker: _Checker, bases: list[Paragraph], decides: Paragraph | None) -> None:
    """Phần I, II.6.a: căn cứ in italics, one per line, ";" at each end and "." at the last."""
    if not bases:
        checker.flag("o6.bases", "no căn cứ (“Căn cứ …;”) before “QUYẾT ĐỊNH:”", decides)
        return
    for index, p in enumerate(bases):
        checker.check_style("o6.bases", p, nd30.BASES, what="căn cứ")
        text = p.text.strip()
        last = index == len(bases) - 1
        if not text.startswith(_BASIS_LEADS):
            checker.flag("o6.bases", f"{shorten(text, 30)!r} is not a căn cứ (“Căn cứ …”, “Theo đề nghị của …”)", p)
        if last and not text.endswith("."):
            checker.flag("o6.bases", "the last căn cứ must end with “.”", p)
        elif not last and not text.endswith(";"):
            checker.flag("o6.bases", "a căn cứ must end with “;” (only the last ends with “.”)", p)


def check_symbol(checker: _Checker, kind: Kind, number: Paragraph) -> None:
    """Phần I, II.3.b: "Số: 12/QĐ-UBND" — the symbol starts with the kind's code of Phụ lục III, mục I."""
    code = nd30.abbreviation(kind.name or "")
    match = _SYMBOL.search(number.text.strip())
    if code is None or match is None:
        return
    symbol = match["symbol"]
    if symbol.split("-")[0] != code:
        checker.flag("o3.symbol", f"…/{symbol}: a {kind.name}'s symbol starts with {code} (…/{code}-…)", number)


def check_addressees_kind(checker: _Checker, kind: Kind, addressed: Paragraph) -> None:
    """Ô 9a: "Kính gửi" only in a công văn, a tờ trình or a báo cáo (Phần I, II.9.d)."""
    if not kind.expects.addressed:
        checker.flag("o9a.addressees-kind", f"a {kind.name} has no “{nd30.ADDRESSEES.text}”", addressed)


def check_as_article(checker: _Checker, first: Paragraph) -> None:
    """Mẫu 1.2–1.3: Nơi nhận of a quyết định starts with "- Như Điều N;"."""
    if not _AS_ARTICLE.match(first.text.strip()):
        checker.flag(
            "o9b.as-article",
            f"{shorten(first.text.strip(), 30)!r}: the recipients of a quyết định start with “- Như Điều N;”",
            first,
        )


def check_two_signatures(checker: _Checker, paragraphs: list[Paragraph]) -> None:
    """Mẫu 1.9: THƯ KÝ and CHỦ TỌA (or CHỦ TRÌ), each with a name under it, in the signature table."""
    found = {SECRETARY: None, CHAIRS[0]: None}
    for p in paragraphs:
        text = p.text.strip()
        if p.table is None:
            continue
        if text == SECRETARY:
            found[SECRETARY] = p
        elif text in CHAIRS:
            found[CHAIRS[0]] = p
    for title, p in found.items():
        if p is None:
            checker.flag("o7.two-signatures", f"no “{title}” signature: a biên bản is signed by thư ký and chủ tọa")
            continue
        checker.check_style("o7.authority", p, nd30.AUTHORITY, what="signature title")
        cell = [q for q in paragraphs if (q.table, q.row, q.cell) == (p.table, p.row, p.cell) and q.number > p.number]
        name = cell[-1] if cell and cell[-1].text != cell[-1].text.upper() else None
        if name is None:
            checker.flag("o7.two-signatures", f"no name under “{p.text.strip()}”", p)
        else:
            checker.check_style("o7.signer", name, nd30.SIGNER, what="signer's name")


def telegram_lines(body: list[Paragraph]) -> list[Paragraph]:
    """Mẫu 1.6: "… điện:" and the "- …;" lines of the bodies it goes to, at the top of the body."""
    if not body or not body[0].text.strip().endswith("điện:"):
        return []
    taken = [body[0]]
    for p in body[1:]:
        if not p.text.strip().startswith("- "):
            break
        taken.append(p)
    return taken
