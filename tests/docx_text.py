"""Read a rendered .docx back for tests: texts, effective formatting, sections.

Independent of congvan's own code: it reads the WordprocessingML with lxml
(and python-docx to open the package), resolving formatting the way Word
does for what the tests need: direct run properties, then the paragraph
style and its ``basedOn`` chain, then the document defaults.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W_NS, "r": R_NS}


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


def normalise_space(text: str) -> str:
    """Collapse all whitespace (including no-break spaces) to single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def _on(element: etree._Element | None) -> bool | None:
    """Value of a toggle property (``<w:b/>``, ``<w:b w:val="0"/>``), None when absent."""
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in ("0", "false", "off")


@dataclass(frozen=True)
class RunFormat:
    """Effective formatting of one run."""

    text: str
    font: str | None
    font_hansi: str | None
    size: float | None
    bold: bool
    italic: bool


@dataclass
class Para:
    """One paragraph: its element, text, and where it stands."""

    element: etree._Element
    text: str
    in_table: bool

    @property
    def norm(self) -> str:
        return normalise_space(self.text)


class DocxReader:
    """A .docx opened for reading: document part, styles, headers."""

    def __init__(self, source: bytes | str | Path) -> None:
        data = Path(source).read_bytes() if isinstance(source, (str, Path)) else source
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.document = self.xml("word/document.xml")
        self.body = self.document.find(w("body"))
        names = set(self.zip.namelist())
        self.styles = self.xml("word/styles.xml") if "word/styles.xml" in names else None
        self._rels = self._relationships("word/_rels/document.xml.rels")

    # ------------------------------------------------------------ parts

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    def _relationships(self, name: str) -> dict[str, str]:
        if name not in self.zip.namelist():
            return {}
        rels = etree.fromstring(self.zip.read(name))
        return {rel.get("Id"): rel.get("Target") for rel in rels}

    def part_for(self, rel_id: str) -> etree._Element:
        target = self._rels[rel_id]
        return self.xml("word/" + target.lstrip("/").removeprefix("word/"))

    # ------------------------------------------------------------ text

    def paragraphs(self, root: etree._Element | None = None) -> list[Para]:
        """Every paragraph in document order, table cells included."""
        root = self.body if root is None else root
        result = []
        for p in root.iter(w("p")):
            in_table = any(a.tag == w("tc") for a in p.iterancestors())
            result.append(Para(p, paragraph_text(p), in_table))
        return result

    def texts(self) -> list[str]:
        """Whitespace-normalised texts of the non-empty paragraphs, in order."""
        return [p.norm for p in self.paragraphs() if p.norm]

    def find(self, text: str, *, start: bool = False) -> Para:
        """The single paragraph whose normalised text equals (or starts with) ``text``."""
        found = [p for p in self.paragraphs() if (p.norm.startswith(text) if start else p.norm == text)]
        assert len(found) == 1, f"expected one paragraph {text!r}, found {len(found)}"
        return found[0]

    # ------------------------------------------------------------ formatting

    def _style(self, style_id: str) -> etree._Element | None:
        if self.styles is None:
            return None
        for style in self.styles.iter(w("style")):
            if style.get(w("styleId")) == style_id:
                return style
        return None

    def _default_paragraph_style(self) -> str | None:
        if self.styles is None:
            return None
        for style in self.styles.iter(w("style")):
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                return style.get(w("styleId"))
        return None

    def _style_chain(self, style_id: str | None) -> list[etree._Element]:
        chain = []
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._style(style_id)
            if style is None:
                break
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return chain

    def _rpr_chain(self, run: etree._Element) -> list[etree._Element]:
        """rPr elements that apply to ``run``, most specific first."""
        chain = []
        direct = run.find(w("rPr"))
        if direct is not None:
            chain.append(direct)
            rstyle = direct.find(w("rStyle"))
            if rstyle is not None:
                chain += [s.find(w("rPr")) for s in self._style_chain(rstyle.get(w("val")))]
        paragraph = next((a for a in run.iterancestors() if a.tag == w("p")), None)
        pstyle_id = None
        if paragraph is not None:
            ppr = paragraph.find(w("pPr"))
            pstyle = ppr.find(w("pStyle")) if ppr is not None else None
            pstyle_id = pstyle.get(w("val")) if pstyle is not None else None
        pstyle_id = pstyle_id or self._default_paragraph_style()
        chain += [s.find(w("rPr")) for s in self._style_chain(pstyle_id)]
        if self.styles is not None:
            chain.append(self.styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}"))
        return [rpr for rpr in chain if rpr is not None]

    def run_format(self, run: etree._Element) -> RunFormat:
        chain = self._rpr_chain(run)

        def first(tag: str) -> etree._Element | None:
            return next((found for rpr in chain if (found := rpr.find(w(tag))) is not None), None)

        fonts = first("rFonts")
        size = first("sz")
        return RunFormat(
            text=run_text(run),
            font=fonts.get(w("ascii")) if fonts is not None else None,
            font_hansi=fonts.get(w("hAnsi")) if fonts is not None else None,
            size=int(size.get(w("val"))) / 2 if size is not None else None,
            bold=bool(_on(first("b"))),
            italic=bool(_on(first("i"))),
        )

    def text_runs(self, paragraph: etree._Element) -> list[RunFormat]:
        """Formatting of the runs of ``paragraph`` that show text."""
        return [self.run_format(r) for r in paragraph.iter(w("r")) if run_text(r).strip()]

    def all_runs(self, root: etree._Element | None = None) -> Iterator[RunFormat]:
        root = self.body if root is None else root
        for r in root.iter(w("r")):
            yield self.run_format(r)

    def paragraph_property(self, paragraph: etree._Element, tag: str, attribute: str) -> str | None:
        """Effective ``w:pPr/w:<tag>/@w:<attribute>``: direct, then the style chain, then defaults."""
        chain = []
        ppr = paragraph.find(w("pPr"))
        style_id = None
        if ppr is not None:
            chain.append(ppr)
            pstyle = ppr.find(w("pStyle"))
            style_id = pstyle.get(w("val")) if pstyle is not None else None
        style_id = style_id or self._default_paragraph_style()
        chain += [s.find(w("pPr")) for s in self._style_chain(style_id)]
        if self.styles is not None:
            chain.append(self.styles.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}"))
        for props in chain:
            if props is None:
                continue
            found = props.find(w(tag))
            if found is not None and found.get(w(attribute)) is not None:
                return found.get(w(attribute))
        return None

    def alignment(self, paragraph: etree._Element) -> str | None:
        return self.paragraph_property(paragraph, "jc", "val")

    @staticmethod
    def bottom_border(paragraph: etree._Element) -> etree._Element | None:
        border = paragraph.find(f"{w('pPr')}/{w('pBdr')}/{w('bottom')}")
        if border is None or border.get(w("val")) in ("nil", "none"):
            return None
        return border

    # ------------------------------------------------------------ sections

    def section_properties(self) -> list[etree._Element]:
        """Every ``w:sectPr`` of the body in order; the last one is the body's own."""
        return list(self.body.iter(w("sectPr")))

    def header_part(self, sect_pr: etree._Element, kind: str) -> etree._Element | None:
        for ref in sect_pr.findall(w("headerReference")):
            if ref.get(w("type")) == kind:
                return self.part_for(ref.get(f"{{{R_NS}}}id"))
        return None


def run_text(run: etree._Element) -> str:
    pieces = []
    for child in run:
        if child.tag == w("t"):
            pieces.append(child.text or "")
        elif child.tag == w("tab"):
            pieces.append("\t")
        elif child.tag in (w("br"), w("cr")):
            pieces.append("\n")
    return "".join(pieces)


def paragraph_text(paragraph: etree._Element) -> str:
    return "".join(run_text(r) for r in paragraph.iter(w("r")))


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def twips_to_mm(value: str | int) -> float:
    return int(value) * 25.4 / 1440
