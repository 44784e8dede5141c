"""Turn the XML of a package part into Jinja source, once, at compile time.

The tag syntax is docxtpl's (``{%p %}``, ``{%tr %}``, ``{%tc %}``, ``{{r }}``,
``{#p #}``, ``{% cellbg %}``, ``{% colspan %}``, ``{% hm %}``, ``{% vm %}``,
``{%-`` merging, curly quotes inside tags); the patching is docxtpl's own
`DocxTemplate.patch_xml`, called here once per part instead of once per render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docxtpl import DocxTemplate
from lxml import etree

from congvan.engine import textpatch
from congvan.ooxml.names import WP, W

# python-docx's own parser settings: docxtpl sees parts exactly like this.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_TAG_START = ("{{", "{%", "{#", "{_")
_CELL_SHAPING = re.compile(r"\{%-?\s*(?:tc\s|colspan\s|hm\s*-?%\})")
_LOOP = re.compile(r"\{%-?\s*(?:[a-z]{1,2}\s+)?for\s")


@dataclass(frozen=True)
class PreparedPart:
    """A part ready to compile: its Jinja source and the fix-ups its output needs."""

    name: str
    source: str
    fix_tables: bool
    """Cells may be added or merged by the template: the table grid must be redone."""
    renumber_drawings: bool
    """Drawings may be repeated by a loop: their ``wp:docPr`` ids must be made unique."""


def parse_part(data: bytes) -> etree._Element:
    """Parse a part's XML the way python-docx (hence docxtpl) does."""
    return etree.fromstring(data, _PARSER)


def patch(xml: str) -> str:
    """Apply docxtpl's tag preprocessing to serialised part XML."""
    return DocxTemplate.patch_xml(None, xml)  # uses no instance state


def has_tags(source: str) -> bool:
    """Whether patched part source holds any Jinja tag or literal-brace escape."""
    return any(mark in source for mark in _TAG_START)


def prepare_part(name: str, data: bytes) -> PreparedPart | None:
    """Prepare the part ``name``; ``None`` when it holds no template tag."""
    root = parse_part(data)
    source = patch(etree.tostring(root, encoding="unicode"))
    if not has_tags(source):
        return None
    fix_tables = any(_CELL_SHAPING.search("".join(tbl.itertext())) for tbl in root.iter(f"{W}tbl"))
    renumber = _LOOP.search(source) is not None and any(True for _ in root.iter(f"{WP}docPr"))
    return PreparedPart(name, source, fix_tables, renumber)


def located_source(data: bytes) -> str:
    """The part's Jinja source with paragraph numbers, one paragraph or tag per line.

    Used only to say where an error stands: each ``w:p`` carries ``cv-p="N"``
    (its 1-based number in the part) and Jinja's line numbers then point to a
    paragraph.
    """
    root = parse_part(data)
    for number, paragraph in enumerate(root.iter(f"{W}p"), start=1):
        paragraph.set("cv-p", str(number))
    return textpatch.split_lines(patch(etree.tostring(root, encoding="unicode")))
