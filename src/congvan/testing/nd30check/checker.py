"""`check_nd30`: a rendered .docx against the ND30 rules that can be read from the file.

Components are found by their text and position, as a reader of the letter
finds them: the header table (national title, motto, issuing body, "Số:",
the date line, "V/v"), "Kính gửi", the body, the signature table ("Nơi
nhận:" on the left, the authority and signer on the right) and the annexes.
Each deviation names its rule (`congvan.testing.nd30check.rules`) and its place.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from lxml import etree

from congvan import nd30
from congvan.layout import text_width
from congvan.ooxml.names import R
from congvan.ooxml.package import read_relationships, rels_part_name
from congvan.ooxml.reading import (
    PackagePart,
    Paragraph,
    Place,
    W,
    iter_paragraphs,
    open_package,
    paragraph_runs,
    paragraph_text,
    run_text,
    shorten,
    word_parts,
)
from congvan.ooxml.styles import RunFormat, Styles
from congvan.testing.nd30check import kind_checks
from congvan.testing.nd30check.kinds import LETTER, Kind, identify
from congvan.testing.nd30check.rules import RULES, Rule
from congvan.testing.nd30check.structure import Found, check_structure
from congvan.vietnamese import fold

FONT = nd30.FONT
A4 = (nd30.PAPER.width, nd30.PAPER.height)


def _window(low: float, high: float, below: Fraction, above: Fraction) -> tuple[int, int]:  # pragma: no mutate block
    """The whole twips accepted for a length of ``low``–``high`` mm, with ``below`` and ``above`` twips of slack.

    It runs at import only, where mutmut cannot see its mutants; tests/test_nd30_rules.py tests the windows' ends.
    """
    return math.ceil(nd30.exact_twips(low) - below), math.floor(nd30.exact_twips(high) + above)


#: Reading slack on a margin: 3¼ twips (0.06 mm) either side, so that the ends of the range written as whole
#: twips, rounded either way, pass. Twips: 1131–1420 top and bottom, 1698–1987 left, 848–1137 right.
_MARGIN_SLACK = Fraction(13, 4)
MARGINS = {
    side: _window(margin.low_mm, margin.high_mm, _MARGIN_SLACK, _MARGIN_SLACK) for side, margin in nd30.MARGINS.items()
}
_TOLERANCE = 20  # twips on the page size
#: The body's first-line indent, 1 cm or 1,27 cm, with 7 twips of slack under and 10 over: 560–730 twips.
_FIRST_LINE = _window(*nd30.BODY_LAYOUT.first_line_mm, Fraction(7), Fraction(10))
#: At least 6 pt between paragraphs, in twips: 120.
_SPACE_BETWEEN = round(nd30.BODY_LAYOUT.space_between_pt * 20)
#: Line spacing in 240ths of a line (w:lineRule="auto"): single to 1.5, 240–360.
_LINE_SPACING = tuple(round(lines * 240) for lines in nd30.BODY_LAYOUT.line_spacing)

_BLANK = r"[.…_\s\u00a0]*"
DATE_LINE = re.compile(r"^(?P<place>[^,]*),\s*ngày\s*(?P<day>.*?)\s*tháng\s*(?P<month>.*?)\s*năm\s*(?P<year>.*?)\s*$")
DATE_IN_TEXT = re.compile(r"ngày\s+(?P<day>\S+)\s+tháng\s+(?P<month>\S+)\s+năm\s+(?P<year>\d{4}|" + _BLANK + r")")
YEAR = re.compile(r"^\d{4}$")
PLACEHOLDER = re.compile(r"^" + _BLANK + r"$")
AUTHORITY = re.compile(r"^(" + "|".join(re.escape(a.rstrip(".")) for a in nd30.SIGNING_AUTHORITIES) + r")(\.?)\s")
ANNEX_HEADING = re.compile(r"^" + re.escape(nd30.ANNEX_HEADING.text) + r"(\s+[IVXLCDM]+)?$")
URGENCY = {fold(mark) for mark in nd30.URGENCY_STAMPS}
NATIONAL_TITLE = fold(nd30.NATIONAL_TITLE.text)
MOTTO = fold(nd30.MOTTO.text)
_RECIPIENTS_WORD = nd30.RECIPIENTS_HEADING.text.rstrip(":")
_NUMBER_WORD = re.compile(r"^" + re.escape(nd30.NUMBER.text.rstrip(":")) + r"\b")
_ADDRESSEES_COLON = re.compile(r"^" + re.escape(nd30.ADDRESSEES.text) + r"\s*:")
_ARCHIVE_LINE = re.compile(r"^-\s*" + re.escape(nd30.ARCHIVE) + r"\s*:\s*" + re.escape(nd30.ARCHIVE_OFFICE) + r"\b")


def _pt(style: nd30.TextStyle) -> str:
    """ "13–14" or "13"."""
    low, high = style.sizes
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def _well_written_day(text: str) -> bool:
    """A day as Phụ lục I writes it: 01–31, two digits."""
    return text.isascii() and text.isdigit() and 1 <= int(text) <= 31 and text == nd30.written_day(int(text))


def _well_written_month(text: str) -> bool:
    """A month as Phụ lục I writes it: 01, 02, then 3–12 without a zero."""
    return text.isascii() and text.isdigit() and 1 <= int(text) <= 12 and text == nd30.written_month(int(text))


@dataclass(frozen=True)
class Deviation:
    """One place where the document departs from an ND30 rule."""

    rule: Rule
    message: str
    place: Place

    def __str__(self) -> str:
        return f"{self.place}: [{self.rule.id}] {self.message} — ND30: {self.rule.vi} ({self.rule.en})"

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.id,
            "rule_vi": self.rule.vi,
            "rule_en": self.rule.en,
            "source": self.rule.source if self.rule.source.startswith("Phụ lục") else f"Phụ lục I, {self.rule.source}",
            "message": self.message,
            "place": self.place.as_dict(),
        }


@dataclass(frozen=True)
class Nd30Report:
    """Every deviation of one document from the ND30 layout, in document order."""

    source: str
    deviations: tuple[Deviation, ...] = field(default_factory=tuple)
    kind: str | None = None
    """The kind read from the document ("quyết định", "công văn", "phụ lục"), None when nothing names it."""
    model: str | None = None
    """Its model of Phụ lục III ("1.3")."""

    @property
    def kind_label(self) -> str | None:
        """ "quyết định (Mẫu 1.3)"."""
        if self.kind is None:
            return None
        return f"{self.kind} (Mẫu {self.model})" if self.model else self.kind

    @property
    def _names_kind(self) -> bool:
        return self.kind is not None

    @property
    def clean(self) -> bool:
        return not self.deviations

    def rules(self) -> list[str]:
        return [d.rule.id for d in self.deviations]

    def to_text(self) -> str:
        kind = [f"{self.source}: kind: {self.kind_label}"] if self._names_kind else []
        if not self.deviations:
            return "\n".join([*kind, f"{self.source}: follows the ND30 layout (no deviation found)"])
        count = len(self.deviations)
        lines = kind + [str(d) for d in self.deviations]
        lines.append(f"{self.source}: {count} deviation{'s' if count != 1 else ''} from ND30")
        return "\n".join(lines)

    def to_json(self) -> str:
        kind = {"kind": self.kind, "model": self.model} if self._names_kind else {}
        return json.dumps(
            {"source": self.source, **kind, "deviations": [d.as_dict() for d in self.deviations]},
            ensure_ascii=False,
            indent=2,
        )


def check_nd30(source: Any, *, label: str | None = None) -> Nd30Report:
    """Check the rendered .docx ``source`` (path, bytes or binary file) against ND30 Phụ lục I."""
    name = label or (str(source) if isinstance(source, str) or hasattr(source, "__fspath__") else "document")
    package = open_package(source, name)
    parts = word_parts(package, name)  # a broken package is an error (exit 2): it has no layout to check
    styles_name = next((n for n in package.members if n.endswith("/styles.xml")), None)
    checker = _Checker(package, parts, Styles(package.members.get(styles_name) if styles_name else None))
    checker.run()
    return Nd30Report(name, tuple(checker.deviations), kind=checker.kind.name, model=checker.kind.model)


class _Checker:
    def __init__(self, package: Any, parts: list[PackagePart], styles: Styles) -> None:
        self.package = package
        self.parts = parts
        self.body = parts[0]
        self.styles = styles
        self.deviations: list[Deviation] = []
        self.paragraphs = list(iter_paragraphs(self.body.root))
        self.kind = Kind(None)
        self.first_line_window = _FIRST_LINE

    def flag(
        self, rule: str, message: str, paragraph: Paragraph | None = None, part: PackagePart | None = None
    ) -> None:
        part = part or self.body
        place = paragraph.place(part) if paragraph is not None else Place(part.kind, part.name)
        self.deviations.append(Deviation(RULES[rule], message, place))

    # -- run formatting helpers ----------------------------------------------------------

    def formats(self, paragraph: Paragraph) -> list[RunFormat]:
        return [
            self.styles.run_format(r, paragraph.element)
            for r in paragraph_runs(paragraph.element)
            if run_text(r).strip() or r.find(f"{W}instrText") is not None
        ]

    def check_style(
        self, rule: str, paragraph: Paragraph, style: nd30.TextStyle, *, what: str, weight: bool = True
    ) -> None:
        """Flag ``rule`` where the runs of ``paragraph`` depart from the ND30 ``style``.

        Size, slant and capitals always; weight unless ``weight`` is false.
        """
        problems = []
        formats = self.formats(paragraph)
        wrong = sorted({f.size for f in formats if f.size is not None and not style.allows(f.size)})
        if any(f.size is None for f in formats):
            problems.append("size not set")
        if wrong:
            problems.append(f"{', '.join(f'{s:g}' for s in wrong)} pt instead of {_pt(style)} pt")
        if weight and any(f.bold != style.bold for f in formats):
            problems.append("not bold" if style.bold else "bold")
        if any(f.italic != style.italic for f in formats):
            problems.append("not italic" if style.italic else "italic")
        text = paragraph.text
        if style.capitals and text != text.upper():
            problems.append("not in capitals")
        if problems:
            self.flag(rule, f"{what}: {'; '.join(problems)}", paragraph)

    # -- the checks ----------------------------------------------------------------------------

    def run(self) -> None:
        self.check_page()
        self.check_fonts()
        self.check_components()
        self.check_page_numbers()

    def sections(self) -> list[etree._Element]:
        body = self.body.root.find(f"{W}body")
        found = [p.find(f"{W}pPr/{W}sectPr") for p in body.iter(f"{W}p")]
        sections = [s for s in found if s is not None]
        last = body.find(f"{W}sectPr")
        if last is not None:
            sections.append(last)
        return sections

    def section_of(self) -> dict[etree._Element, int]:
        """Each body paragraph → the index of its section."""
        index, found = 0, {}
        for p in self.body.root.iter(f"{W}p"):
            found[p] = index
            if p.find(f"{W}pPr/{W}sectPr") is not None:
                index += 1
        return found

    def check_page(self) -> None:
        for number, section in enumerate(self.sections(), start=1):
            size = section.find(f"{W}pgSz")
            label = f"section {number}"
            if size is None:
                self.flag("page.size", f"{label}: no page size (Word's default is Letter, not A4)")
            else:
                width, height = int(size.get(f"{W}w", 0)), int(size.get(f"{W}h", 0))
                dims = sorted((width, height))
                if abs(dims[0] - A4[0]) > _TOLERANCE or abs(dims[1] - A4[1]) > _TOLERANCE:
                    self.flag("page.size", f"{label}: page {width / 56.693:.0f} × {height / 56.693:.0f} mm, not A4")
            margins = section.find(f"{W}pgMar")
            if margins is None:
                self.flag("page.margins", f"{label}: no margins set")
                continue
            wrong = []
            for side, (low, high) in MARGINS.items():
                value = abs(int(margins.get(f"{W}{side}", 0)))
                if not low <= value <= high:
                    wrong.append(
                        f"{side} {value / 56.693:.1f} mm (want {round(low / 56.693)}–{round(high / 56.693)} mm)"
                    )
            if wrong:
                self.flag("page.margins", f"{label}: " + ", ".join(wrong))

    def check_fonts(self) -> None:
        for part in self.parts:
            for paragraph in iter_paragraphs(part.root):
                fonts, colors = set(), set()
                for r in paragraph_runs(paragraph.element):
                    if not run_text(r).strip():
                        continue
                    fmt = self.styles.run_format(r, paragraph.element)
                    if fmt.font != FONT:
                        fonts.add(fmt.font or "(no font set)")
                    if fmt.color is not None and fmt.color not in nd30.BLACK:
                        colors.add(fmt.color)
                if fonts:
                    self.flag("font.family", f"font {', '.join(sorted(fonts))} instead of {FONT}", paragraph, part)
                if colors:
                    self.flag("font.color", f"colour {', '.join(sorted(colors))} instead of black", paragraph, part)

    # -- components --------------------------------------------------------------------------------

    def check_components(self) -> None:
        paragraphs = [p for p in self.paragraphs if p.text.strip()]
        title = next((p for p in paragraphs if fold(p.text) == NATIONAL_TITLE), None)
        header_table = title.table if title is not None else (paragraphs[0].table if paragraphs else None)
        in_header = [p for p in paragraphs if header_table is not None and p.table == header_table]
        top = [p for p in paragraphs if p.table is None]
        self.kind = kind = identify(top, in_header, paragraphs)
        expects = kind.expects
        self.check_header(paragraphs, title, in_header, expects.national_title)
        if expects.number:
            number = self.check_number(in_header)
            if number is not None and kind.name not in (None, LETTER):
                kind_checks.check_symbol(self, kind, number)
        if expects.date:
            self.check_date(in_header or paragraphs[:12])
        elif kind.name == "biên bản":
            date = next((p for p in in_header if DATE_LINE.match(p.text.strip())), None)
            if date is not None:
                self.flag("o4.no-date", "a biên bản has no place and date line in its header", date)
        is_letter = self.check_subject(in_header)

        signature_cell = next(
            (p for p in paragraphs if p.table is not None and p.text.strip().startswith(_RECIPIENTS_WORD)), None
        )
        before_signature = [p for p in top if signature_cell is None or self.before(p, signature_cell)]
        title_block = kind_checks.check_title(self, kind, before_signature)
        after_title = [p for p in before_signature if not title_block or self.after(p, title_block[-1])]
        addressed = self.check_addressees(after_title)
        if addressed is not None and kind.name not in (None, LETTER):
            heading = next(p for p in after_title if p.text.strip().startswith(nd30.ADDRESSEES.text))
            kind_checks.check_addressees_kind(self, kind, heading)
        if kind.name in (None, LETTER):
            is_letter = is_letter or addressed is not None
        else:
            is_letter = False
        body = [p for p in after_title if addressed is None or self.after(p, addressed)]
        if kind.name == "công điện":
            body = body[len(kind_checks.telegram_lines(body)) :]
        if kind.name == "giấy giới thiệu" and body and body[0].text.strip().endswith(nd30.INTRODUCES):
            body = body[1:]  # Mẫu 1.8: "… trân trọng giới thiệu:" on a centred line
        taken = kind_checks.check_authority(self, kind, body)
        body = [p for p in body if p not in taken]
        found = check_structure(self, body) if kind.name not in (None, LETTER) else Found()
        self.check_body(body, is_letter or kind.name not in (None, LETTER), found)
        self.check_signature_band(paragraphs, signature_cell, is_letter)
        after = [p for p in top if signature_cell is None or self.after(p, signature_cell)]
        self.check_annexes([p for p in after if p not in title_block], signature_cell)

    def check_header(
        self, paragraphs: list[Paragraph], title: Paragraph | None, in_header: list[Paragraph], required: bool
    ) -> None:
        """Ô 1 and 2: the national title, the motto and the issuing body beside them."""
        if title is None:
            if required:
                self.flag("component.missing", f"no national title “{nd30.NATIONAL_TITLE.text}”")
        else:
            self.check_style("o1.national-title", title, nd30.NATIONAL_TITLE, what="national title")
        motto = next((p for p in paragraphs if fold(p.text) == MOTTO), None)
        if motto is None:
            if required:
                self.flag("component.missing", f"no motto “{nd30.MOTTO.text}”")
        else:
            self.check_style("o1.motto", motto, nd30.MOTTO, what="motto")
            self.check_rule("o1.motto-rule", [motto], nd30.MOTTO.underline, "the rule under the motto")
        if title is not None:
            self.check_issuing_body(in_header, title)

    def check_signature_band(self, paragraphs: list[Paragraph], heading: Paragraph | None, is_letter: bool) -> None:
        """Ô 7 and 9b: the signature (two in a biên bản) and Nơi nhận, where the kind has them."""
        expects = self.kind.expects
        if not expects.signature:
            return
        if heading is None:
            self.flag("component.missing", f"no “{nd30.RECIPIENTS_HEADING.text}”")
        else:
            first = self.check_recipients(paragraphs, heading, is_letter)
            if expects.as_article and first is not None:
                kind_checks.check_as_article(self, first)
        if expects.two_signatures:
            kind_checks.check_two_signatures(self, paragraphs)
        elif heading is not None:
            self.check_signer(paragraphs, heading)

    def line_width(self, paragraph: Paragraph) -> int:
        """Estimated width of the paragraph's text in twips, at its run size and weight."""
        formats = self.formats(paragraph)
        size = next((f.size for f in formats if f.size), None) or 13
        bold = bool(formats) and all(f.bold for f in formats)
        return text_width(paragraph.text.strip(), size, bold=bold)

    def before(self, a: Paragraph, b: Paragraph) -> bool:
        return a.number < b.number

    def after(self, a: Paragraph, b: Paragraph) -> bool:
        return a.number > b.number

    def check_issuing_body(self, header: list[Paragraph], title: Paragraph) -> None:
        lines = [p for p in header if p.row == title.row and p.cell != title.cell]
        if not lines:
            self.flag("component.missing", "no issuing body (tên cơ quan ban hành) beside the national title", title)
            return
        bold_from = len(lines)
        while bold_from > 0 and all(f.bold for f in self.formats(lines[bold_from - 1])):
            bold_from -= 1
        if bold_from == len(lines):
            self.flag("o2.issuing-body", "issuing body: not bold", lines[-1])
            bold_from = len(lines) - 1
        for p in lines[:bold_from]:
            self.check_style("o2.parent-body", p, nd30.PARENT_BODY, what="parent body")
        for p in lines[bold_from:]:
            self.check_style("o2.issuing-body", p, nd30.ISSUING_BODY, what="issuing body")
        self.check_rule("o2.rule", lines[bold_from:], nd30.ISSUING_BODY.underline, "the rule under the issuing body")

    def check_rule(
        self, rule: str, lines: list[Paragraph], ratio: tuple[float, float], what: str, under: Paragraph | None = None
    ) -> None:
        """A rule drawn as a bottom border under ``lines`` (or on an empty paragraph after them) in their cell.

        Its length is the cell's text width less the paragraph's indents; the
        longest line's length is estimated from Times metrics (`congvan.layout`),
        so the bounds get 10 % of slack each way. The border is looked for under ``under``
        (a line between, such as "(Kèm theo …)") when it is given.
        """
        line = under or lines[-1]
        border = _bottom_border_paragraph(line.element)
        if border is None:
            self.flag(rule, f"{what}: none found (a bottom border under the line, or on an empty paragraph)", line)
            return
        length = _rule_length(border)
        if length is None:
            length = self.page_rule_length(border)
        if length is None:
            return
        width = max(self.line_width(p) for p in lines)
        low, high = ratio[0] * 0.9, ratio[1] * 1.1
        if not low * width <= length <= high * width:
            self.flag(
                rule,
                f"{what}: {length / 56.693:.1f} mm for a line of about {width / 56.693:.1f} mm "
                f"(want {ratio[0]:.2g}–{ratio[1]:.2g} of it)",
                line,
            )

    def page_rule_length(self, paragraph: etree._Element) -> int | None:
        """Twips between a body paragraph's indents: the first section's text width less them."""
        if paragraph.getparent() is None or paragraph.getparent().tag != f"{W}body":
            return None
        sections = self.sections()
        size = sections[0].find(f"{W}pgSz") if sections else None
        margins = sections[0].find(f"{W}pgMar") if sections else None
        if size is None or margins is None:
            return None
        width = int(size.get(f"{W}w", 0)) - int(margins.get(f"{W}left", 0)) - int(margins.get(f"{W}right", 0))
        left, right = _indents(paragraph)
        return None if left is None or right is None else width - left - right

    def check_number(self, header: list[Paragraph]) -> Paragraph | None:
        number = next((p for p in header if _NUMBER_WORD.match(p.text.strip())), None)
        if number is None:
            self.flag("component.missing", "no number and symbol “Số: …”")
            return None
        if not number.text.strip().startswith(nd30.NUMBER.text):
            self.flag("o3.number", "“Số” is not followed by a colon", number)
        self.check_style("o3.number", number, nd30.NUMBER, what="number and symbol")
        return number

    def check_date(self, candidates: list[Paragraph]) -> None:
        date = next((p for p in candidates if DATE_LINE.match(p.text.strip())), None)
        if date is None:
            self.flag("component.missing", "no place and date line “…, ngày … tháng … năm …”")
            return
        self.check_style("o4.date-style", date, nd30.PLACE_DATE, what="place and date")
        match = DATE_LINE.match(date.text.strip())
        place = match["place"].strip()
        if not place or not place[0].isupper():
            self.flag("o4.date-style", f"the place {place!r} must start with a capital letter", date)
        self.check_date_form(date, match["day"], match["month"], match["year"])

    def check_date_form(self, paragraph: Paragraph, day: str, month: str, year: str) -> None:
        blank = [PLACEHOLDER.match(v) is not None for v in (day, month, year)]
        problems = []
        if not blank[0] and not _well_written_day(day):
            want = f"0{int(day)}" if day.isdigit() and 0 < int(day) < 10 else "01–31, two digits"
            problems.append(f"day {day!r} (write {want!r})")
        if not blank[1] and not _well_written_month(month):
            if month.isdigit() and 1 <= int(month) <= 12:
                want = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
                problems.append(f"month {month!r} (write “tháng {want}”)")
            else:
                problems.append(f"month {month!r}")
        if not blank[2] and not YEAR.match(year):
            problems.append(f"year {year!r}")
        if problems:
            self.flag("o4.date-form", "date written " + ", ".join(problems), paragraph)

    def check_subject(self, header: list[Paragraph]) -> bool:
        subject = next((p for p in header if p.text.strip().startswith(nd30.SUBJECT.text)), None)
        for p in header:
            if fold(p.text.strip()) in URGENCY:
                self.check_style("o10b.urgency", p, nd30.URGENCY, what="urgency mark")
        if subject is None:
            return False
        self.check_style("o5b.subject", subject, nd30.SUBJECT, what="subject (V/v)")
        return True

    def check_addressees(self, top: list[Paragraph]) -> Paragraph | None:
        """Ô 9a; returns the last paragraph of the Kính gửi block, if there is one."""
        start = next((i for i, p in enumerate(top) if p.text.strip().startswith(nd30.ADDRESSEES.text)), None)
        if start is None:
            return None
        head = top[start]
        text = head.text.strip()
        self.check_style("o9a.addressees", head, nd30.ADDRESSEES, what="Kính gửi")
        if not _ADDRESSEES_COLON.match(text):
            self.flag("o9a.addressees", "no colon after “Kính gửi”", head)
        rest = text.split(":", 1)[1].strip() if ":" in text else ""
        if rest:
            if rest.endswith(";"):
                self.flag("o9a.punctuation", "a single addressee on the Kính gửi line must not end with “;”", head)
            return head
        lines = []
        for p in top[start + 1 :]:
            if not re.match(r"^[-–]\s", p.text.strip()):
                break
            lines.append(p)
        if not lines:
            self.flag("o9a.punctuation", "“Kính gửi:” is followed by no addressee", head)
            return head
        for index, p in enumerate(lines):
            self.check_style("o9a.addressees", p, nd30.ADDRESSEES, what="addressee")
            line = p.text.strip()
            last = index == len(lines) - 1
            if not line.startswith("- "):
                self.flag("o9a.punctuation", "an addressee line starts with “- ”", p)
            if last and not line.endswith("."):
                self.flag("o9a.punctuation", "the last addressee line must end with “.”", p)
            elif not last and not line.endswith(";"):
                self.flag("o9a.punctuation", "an addressee line must end with “;” (only the last ends with “.”)", p)
        return lines[-1]

    def check_body(self, body: list[Paragraph], is_letter: bool, found: Found | None = None) -> None:
        """Ô 6: every body paragraph but the centred structure lines of ``found``; the "./." at the end."""
        found = found or Found()
        if not body:
            self.flag("component.missing", "no body text")
            return
        layout = nd30.BODY_LAYOUT
        for p in body:
            if p.number in found.centred:
                continue
            formats = self.formats(p)
            fmt = self.styles.paragraph_format(p.element)
            problems = []
            wrong = sorted({f.size for f in formats if f.size is not None and not nd30.BODY_TEXT.allows(f.size)})
            if wrong:
                problems.append(f"{', '.join(f'{s:g}' for s in wrong)} pt instead of {_pt(nd30.BODY_TEXT)} pt")
            if fmt.align != layout.align:
                problems.append(f"aligned {fmt.align}, not justified")
            if p.number not in found.articles and not _FIRST_LINE[0] <= fmt.first_line <= _FIRST_LINE[1]:
                low, high = (mm / 10 for mm in layout.first_line_mm)
                problems.append(f"first-line indent {fmt.first_line / 567:.2f} cm (want {low:g}–{high:g} cm)")
            if fmt.before + fmt.after < _SPACE_BETWEEN:
                problems.append(
                    f"{(fmt.before + fmt.after) / 20:g} pt between paragraphs "
                    f"(want at least {layout.space_between_pt:g} pt)"
                )
            spacing = _LINE_SPACING
            if fmt.line_rule == "auto" and fmt.line is not None and not spacing[0] <= fmt.line <= spacing[1]:
                problems.append(f"line spacing {fmt.line / 240:g} lines (want single to {layout.line_spacing[1]:g})")
            if problems:
                self.flag("o6.body", "body paragraph: " + "; ".join(problems), p)
        if is_letter and not body[-1].text.rstrip().endswith(nd30.ENDING):
            self.flag("o6.ending", f"the body does not end with “{nd30.ENDING}”", body[-1])

    def cell_lines(self, paragraphs: list[Paragraph], anchor: Paragraph, same_cell: bool) -> list[Paragraph]:
        return [
            p
            for p in paragraphs
            if p.table == anchor.table and p.row == anchor.row and (p.cell == anchor.cell) == same_cell
        ]

    def check_recipients(self, paragraphs: list[Paragraph], heading: Paragraph, is_letter: bool) -> Paragraph | None:
        """Ô 9b; returns the first recipient line, if there is one."""
        text = heading.text.strip()
        if text != nd30.RECIPIENTS_HEADING.text:
            self.flag("o9b.heading", f"{shorten(text, 30)!r} instead of “{nd30.RECIPIENTS_HEADING.text}”", heading)
        self.check_style("o9b.heading", heading, nd30.RECIPIENTS_HEADING, what="Nơi nhận")
        lines = [p for p in self.cell_lines(paragraphs, heading, True) if p.number > heading.number]
        if not lines:
            self.flag("o9b.punctuation", "“Nơi nhận:” lists no recipient", heading)
            return None
        for index, p in enumerate(lines):
            self.check_style("o9b.recipients", p, nd30.RECIPIENTS, what="recipient line")
            line = p.text.strip()
            last = index == len(lines) - 1
            if not line.startswith("- "):
                self.flag("o9b.punctuation", "a recipient line starts with “- ”", p)
            if last:
                if not line.endswith("."):
                    self.flag("o9b.punctuation", "the last recipient line must end with “.”", p)
                if not _ARCHIVE_LINE.match(line):
                    self.flag("o9b.punctuation", "the last recipient line is the archive line “- Lưu: VT, …”", p)
            elif not line.endswith(";"):
                self.flag("o9b.punctuation", "a recipient line must end with “;” (only the last ends with “.”)", p)
        if is_letter and lines[0].text.strip() != nd30.AS_ABOVE:
            self.flag("o9b.punctuation", f"the recipients of a công văn start with “{nd30.AS_ABOVE}”", lines[0])
        return lines[0]

    def check_signer(self, paragraphs: list[Paragraph], heading: Paragraph) -> None:
        lines = self.cell_lines(paragraphs, heading, False)
        if not lines:
            self.flag("component.missing", "no signing authority beside “Nơi nhận:”", heading)
            return
        name = lines[-1] if len(lines) > 1 and lines[-1].text != lines[-1].text.upper() else None
        titles = [p for p in lines if p is not name]
        for p in titles:
            self.check_style("o7.authority", p, nd30.AUTHORITY, what="authority and title")
        match = AUTHORITY.match(titles[0].text.strip()) if titles else None
        if match and not match.group(2):
            self.flag(
                "o7.authority", f"“{match.group(1)}” must be followed by a full stop (“{match.group(1)}.”)", titles[0]
            )
        if name is not None:
            self.check_style("o7.signer", name, nd30.SIGNER, what="signer's name")

    def check_annexes(self, after: list[Paragraph], signature: Paragraph | None) -> None:
        sections = self.section_of()
        starts = self.sections()
        seen_sections = {sections[signature.element]} if signature is not None else set()
        for index, p in enumerate(after):
            if not ANNEX_HEADING.match(p.text.strip()):
                continue
            self.check_style("annex.heading", p, nd30.ANNEX_HEADING, what="“Phụ lục”")
            if self.styles.paragraph_format(p.element).align != "center":
                self.flag("annex.heading", "“Phụ lục” is not centred", p)
            section = sections[p.element]
            if section in seen_sections:
                self.flag(
                    "annex.section",
                    "the annex does not start a new section (its pages are not numbered on their own)",
                    p,
                )
            else:
                restart = starts[section].find(f"{W}pgNumType") if section < len(starts) else None
                if restart is None or restart.get(f"{W}start") is None:
                    self.flag("annex.section", "the annex's section does not restart page numbering", p)
            seen_sections.add(section)
            rest = after[index + 1 : index + 3]
            if rest:
                self.check_style("annex.title", rest[0], nd30.ANNEX_TITLE, what="annex title")
            attached = next((q for q in rest if q.text.strip().startswith(nd30.ANNEX_ATTACHED.text)), None)
            if attached is not None:
                # Its weight is not held: the check has never flagged a bold “(Kèm theo …)”.
                self.check_style("annex.attached", attached, nd30.ANNEX_ATTACHED, what="“(Kèm theo …)”", weight=False)
                found = DATE_IN_TEXT.search(attached.text)
                if found:
                    self.check_date_form(attached, found["day"], found["month"], found["year"])

    # -- page numbers ------------------------------------------------------------------------------

    def check_page_numbers(self) -> None:
        parts = {part.name: part for part in self.parts}
        rels = self.relationship_targets()
        inherited: dict[str, PackagePart | None] = {}
        page_fields = {name for name, part in parts.items() if _has_page_field(part.root)}
        for name in page_fields:
            if parts[name].kind == "footer":
                self.flag(
                    "page-number.field",
                    "the page number is in a footer; ND30 puts it centred in the top margin",
                    None,
                    parts[name],
                )
        for number, section in enumerate(self.sections(), start=1):
            for ref in section.findall(f"{W}headerReference"):
                target = rels.get(ref.get(f"{R}id"))
                inherited[ref.get(f"{W}type", "default")] = parts.get(target) if target else None
            title_page = section.find(f"{W}titlePg")
            title_page = title_page is not None and title_page.get(f"{W}val") in (None, "1", "true", "on")
            default = inherited.get("default")
            first = inherited.get("first") if title_page else default
            if number == 1:
                if default is None or not _has_page_field(default.root):
                    self.flag("page-number.field", "section 1: no PAGE field in the header (pages are not numbered)")
                if first is not None and _has_page_field(first.root):
                    why = (
                        "no different first page (w:titlePg)"
                        if not title_page
                        else "the first-page header holds a PAGE field"
                    )
                    self.flag("page-number.first-page", f"a page number shows on page 1: {why}")
        for name in page_fields:
            part = parts[name]
            if part.kind != "header":
                continue
            for p in iter_paragraphs(part.root):
                if not _has_page_field(p.element):
                    continue
                if self.styles.paragraph_format(p.element).align != "center":
                    self.flag("page-number.field", "the page number is not centred", p, part)
                formats = [self.styles.run_format(r, p.element) for r in paragraph_runs(p.element)]
                style = nd30.PAGE_NUMBER
                sizes = sorted({f.size for f in formats if f.size is not None and not style.allows(f.size)})
                if sizes or any(f.size is None for f in formats) or any(f.italic != style.italic for f in formats):
                    wrong = ", ".join(f"{s:g} pt" for s in sizes) or "size not set or italic"
                    self.flag("page-number.style", f"page number: {wrong}", p, part)

    def relationship_targets(self) -> dict[str, str]:
        """Relationship id → target part name, for the body's header and footer references."""
        data = self.package.members.get(rels_part_name(self.body.name))
        if not data:
            return {}
        return {rel.id: rel.part for rel in read_relationships(data, self.body.name)}


def _has_page_field(element: etree._Element) -> bool:
    for simple in element.iter(f"{W}fldSimple"):
        if re.match(r"^\s*PAGE\b", simple.get(f"{W}instr", "")):
            return True
    return any(re.match(r"^\s*PAGE\b", t.text or "") for t in element.iter(f"{W}instrText"))


def _bottom_border_paragraph(paragraph: etree._Element) -> etree._Element | None:
    """``paragraph`` if it has a bottom border, else the next empty paragraph of its cell that has one."""
    candidates = [paragraph]
    following = paragraph.getnext()
    while following is not None and following.tag == f"{W}p" and not paragraph_text(following).strip():
        candidates.append(following)
        following = following.getnext()
    for candidate in candidates:
        bottom = candidate.find(f"{W}pPr/{W}pBdr/{W}bottom")
        if bottom is not None and bottom.get(f"{W}val") not in (None, "nil", "none"):
            return candidate
    return None


def _rule_length(paragraph: etree._Element) -> int | None:
    """Twips between the paragraph's indents inside its table cell, or None outside a table."""
    cell = paragraph.getparent()
    if cell is None or cell.tag != f"{W}tc":
        return None
    width = cell.find(f"{W}tcPr/{W}tcW")
    if width is None or width.get(f"{W}type", "dxa") != "dxa":
        return None
    table = cell.getparent().getparent()
    margins = table.find(f"{W}tblPr/{W}tblCellMar")
    padding = 0
    for side in ("left", "right"):
        element = margins.find(f"{W}{side}") if margins is not None else None
        padding += int(element.get(f"{W}w", 108)) if element is not None else 108
    left, right = _indents(paragraph)
    if left is None or right is None:
        return None
    return int(width.get(f"{W}w")) - padding - left - right


def _indents(paragraph: etree._Element) -> tuple[int | None, int | None]:
    """The paragraph's left and right indents in twips; None for one that is not a number (a template's tag)."""
    indent = paragraph.find(f"{W}pPr/{W}ind")
    if indent is None:
        return 0, 0
    values = (indent.get(f"{W}left", indent.get(f"{W}start", "0")), indent.get(f"{W}right", indent.get(f"{W}end", "0")))
    return tuple(int(v) if v.lstrip("-").isdigit() else None for v in values)  # type: ignore[return-value]
