"""Fix-ups of a rendered part, on its lxml tree, done only when the part needs them.

- control characters from values (``\\a`` and ``\\f`` first swapped for their
  marks in the serialised part, see `textpatch`): ``\\n`` becomes ``w:br``, ``\\t`` a ``w:tab``
  run, ``\\a`` a new paragraph and ``\\f`` a page break, as docxtpl does
  (its `resolve_listing`), with the run and paragraph properties carried over;
- table grids redone after cell loops and merges (docxtpl's own `fix_tables`);
- drawing ids (``wp:docPr/@id``) made unique after loops.
"""

from __future__ import annotations

import copy

from docxtpl import DocxTemplate
from lxml import etree

from congvan.engine.textpatch import PAGE_MARK, PARAGRAPH_MARK, mark_controls
from congvan.errors import TemplateRenderError
from congvan.ooxml.build import XML_DECLARATION
from congvan.ooxml.names import WP, W

_STRICT = etree.XMLParser(resolve_entities=False, huge_tree=True)
_RECOVER = etree.XMLParser(recover=True, resolve_entities=False, huge_tree=True)
_SPECIAL = frozenset("\t\n" + PARAGRAPH_MARK + PAGE_MARK)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def finish(
    xml: str,
    *,
    part: str,
    controls: bool,
    fix_tables: bool,
    renumber: bool,
    recover: bool,
) -> bytes:
    """Return the bytes of a rendered part after the fix-ups it needs.

    ``recover`` parses like docxtpl's recovering parser (used without
    autoescape, where values may carry raw ``<`` or ``&``).
    """
    if not (controls or fix_tables or renumber or recover):
        return (XML_DECLARATION + xml).encode("utf-8")
    if controls:
        xml = mark_controls(xml)
    try:
        if fix_tables:
            root = DocxTemplate.fix_tables(None, xml)  # uses no instance state
        else:
            root = etree.fromstring(xml, _RECOVER if recover else _STRICT)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise TemplateRenderError(
            f"{part}: the rendered XML is not well-formed ({exc}); "
            "a value holds raw markup or a tag breaks the document structure",
            part=part,
        ) from exc
    if root is None:
        raise TemplateRenderError(f"{part}: the rendered XML is empty", part=part)
    if controls:
        resolve_controls(root)
    if renumber:
        renumber_drawings(root)
    return XML_DECLARATION.encode() + etree.tostring(root, encoding="utf-8")


def resolve_controls(root: etree._Element) -> None:
    """Turn tabs, newlines and paragraph/page marks inside ``w:t`` into Word markup."""
    targets = [t for t in root.iter(f"{W}t") if t.text and not _SPECIAL.isdisjoint(t.text)]
    for t in targets:
        _resolve_text(t)


def renumber_drawings(root: etree._Element, start: int = 1001) -> None:
    """Give every ``wp:docPr`` a unique id, counting from ``start`` (as docxtpl does)."""
    for number, doc_pr in enumerate(root.iter(f"{WP}docPr"), start=start):
        doc_pr.set("id", str(number))


def _new_t(text: str) -> etree._Element:
    t = etree.Element(f"{W}t")
    t.set(_XML_SPACE, "preserve")
    t.text = text
    return t


def _new_run(rpr: etree._Element | None, *children: etree._Element) -> etree._Element:
    run = etree.Element(f"{W}r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    for child in children:
        run.append(child)
    return run


def _new_paragraph(ppr: etree._Element | None) -> etree._Element:
    paragraph = etree.Element(f"{W}p")
    if ppr is not None:
        ppr = copy.deepcopy(ppr)
        for sect in ppr.findall(f"{W}sectPr"):
            ppr.remove(sect)
        paragraph.append(ppr)
    return paragraph


def _move_following(anchor: etree._Element, target: etree._Element) -> None:
    """Move the siblings after ``anchor`` to the end of ``target``."""
    for sibling in list(anchor.itersiblings()):
        target.append(sibling)


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for char in text:
        if char in _SPECIAL:
            out.append("".join(current))
            out.append(char)
            current = []
        else:
            current.append(char)
    out.append("".join(current))
    return out


def _resolve_text(t: etree._Element) -> None:
    run = t.getparent()
    paragraph = run.getparent() if run is not None else None
    if run is None or run.tag != f"{W}r":
        return
    direct = paragraph is not None and paragraph.tag == f"{W}p"
    rpr = run.find(f"{W}rPr")
    ppr = paragraph.find(f"{W}pPr") if direct else None
    tokens = _tokens(t.text)
    t.text = tokens[0]
    if t.text and t.text != t.text.strip():
        t.set(_XML_SPACE, "preserve")
    current_t, current_run, current_p = t, run, paragraph
    for separator, segment in zip(tokens[1::2], tokens[2::2]):
        if separator == "\n" or not direct:
            br = etree.Element(f"{W}br")
            if separator == PAGE_MARK:
                br.set(f"{W}type", "page")
            nxt = _new_t(segment)
            current_t.addnext(br)
            br.addnext(nxt)
            current_t = nxt
            continue
        nxt = _new_t(segment)
        new_run = _new_run(rpr, nxt)
        _move_following(current_t, new_run)
        if separator == "\t":
            tab_run = _new_run(rpr, etree.Element(f"{W}tab"))
            current_run.addnext(tab_run)
            tab_run.addnext(new_run)
        else:
            new_p = _new_paragraph(ppr)
            new_p.append(new_run)
            _move_following(current_run, new_p)
            if separator == PAGE_MARK:
                page = etree.SubElement(etree.Element(f"{W}p"), f"{W}r")
                etree.SubElement(page, f"{W}br").set(f"{W}type", "page")
                current_p.addnext(page.getparent())
                page.getparent().addnext(new_p)
            else:
                current_p.addnext(new_p)
            _carry_section(current_p, new_p)
            current_p = new_p
        current_t, current_run = nxt, new_run


def _carry_section(old: etree._Element, new: etree._Element) -> None:
    """Keep a section break on the last of the paragraphs split from ``old``."""
    ppr = old.find(f"{W}pPr")
    sect = ppr.find(f"{W}sectPr") if ppr is not None else None
    if sect is None:
        return
    new_ppr = new.find(f"{W}pPr")
    if new_ppr is None:
        new_ppr = etree.Element(f"{W}pPr")
        new.insert(0, new_ppr)
    new_ppr.append(sect)
