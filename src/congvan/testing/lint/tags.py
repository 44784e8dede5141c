"""Find docxtpl tags in the raw text of a paragraph, with the runs each one covers.

Unlike docxtpl, which first rejoins the text of a tag and then hands the whole
part to Jinja, this looks at each paragraph as Word stored it, so that it can
say which tag is split over runs of different formatting, which tag never
closes, and where each tag is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from congvan.ooxml.reading import W, paragraph_runs, run_text

OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
KINDS = {"{{": "output", "{%": "statement", "{#": "comment"}
_PREFIX = re.compile(r"^(p|tr|tc|r)\s")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
#: Run properties that do not change how text looks.
_NOT_FORMATTING = {f"{W}lang", f"{W}noProof", f"{W}proofErr", f"{W}rPrChange", f"{W}webHidden"}


@dataclass(frozen=True)
class Tag:
    """A tag as written in the document: ``{%p for x in xs %}`` → kind statement, prefix p."""

    text: str
    kind: str
    """``output`` (``{{ }}``), ``statement`` (``{% %}``) or ``comment`` (``{# #}``)."""
    prefix: str
    """docxtpl's scope: ``p`` paragraph, ``tr`` row, ``tc`` cell, ``r`` run, or empty."""
    body: str
    """What is inside, without delimiters, prefix, ``-`` and with straight quotes."""
    runs: tuple[int, ...]
    """Indices of the paragraph's runs that hold part of the tag."""

    @property
    def keyword(self) -> str:
        return self.body.split(None, 1)[0] if self.kind == "statement" and self.body.strip() else ""

    def jinja(self) -> str:
        """The tag as Jinja reads it (prefix dropped, quotes straightened)."""
        opener = {"output": "{{", "statement": "{%", "comment": "{#"}[self.kind]
        return f"{opener} {self.body} {OPENERS[opener]}"


@dataclass(frozen=True)
class TagProblem:
    """A problem found while scanning a paragraph's raw text."""

    code: str
    message: str
    near: str


@dataclass(frozen=True)
class ScannedParagraph:
    text: str
    tags: tuple[Tag, ...]
    problems: tuple[TagProblem, ...]
    runs: tuple[etree._Element, ...]


def scan(paragraph: etree._Element) -> ScannedParagraph:
    """The tags of ``paragraph`` and the problems of its raw text."""
    runs = paragraph_runs(paragraph)
    owner: list[int] = []
    texts = []
    for index, r in enumerate(runs):
        text = run_text(r)
        texts.append(text)
        owner.extend([index] * len(text))
    text = "".join(texts)
    tags: list[Tag] = []
    problems: list[TagProblem] = []
    pos = 0
    while True:
        found = [(text.find(o, pos), o) for o in OPENERS]
        found = [(i, o) for i, o in found if i >= 0]
        upto = min(found)[0] if found else len(text)
        for closer in ("}}", "%}"):
            stray = text.find(closer, pos, upto)
            if stray >= 0:
                problems.append(
                    TagProblem(
                        "stray-closer", f"{closer!r} without an opening delimiter", text[max(0, stray - 30) : stray + 2]
                    )
                )
        if not found:
            break
        start, opener = min(found)
        closer = OPENERS[opener]
        end = text.find(closer, start + 2)
        if end < 0:
            problems.append(
                TagProblem(
                    "unclosed-tag",
                    f"{opener!r} is not closed by {closer!r} in this paragraph "
                    "(a tag must not span paragraphs or lines)",
                    text[start : start + 40],
                )
            )
            pos = start + 2
            continue
        raw = text[start : end + 2]
        inner = text[start + 2 : end].translate(_QUOTES)
        inner = inner[1:] if inner.startswith("-") else inner
        inner = inner[:-1] if inner.endswith("-") else inner
        prefix = ""
        match = _PREFIX.match(inner)
        if match:
            prefix, inner = match.group(1), inner[match.end() :]
        covered = tuple(sorted(set(owner[start : end + 2])))
        tags.append(Tag(raw, KINDS[opener], prefix, inner.strip(), covered))
        pos = end + 2
    return ScannedParagraph(text, tuple(tags), tuple(problems), tuple(runs))


def formatting(run: etree._Element) -> str:
    """A readable summary of what a run's own properties change: "bold, 13 pt, Arial"."""
    rpr = run.find(f"{W}rPr")
    if rpr is None:
        return "no direct formatting"
    names = []
    for child in rpr:
        if child.tag in _NOT_FORMATTING or not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        value = child.get(f"{W}val")
        if local in ("b", "i", "u", "strike", "caps", "smallCaps"):
            label = {"b": "bold", "i": "italic", "u": "underline"}.get(local, local)
            names.append(label if value in (None, "1", "true", "on", "single") else f"not {label}")
        elif local == "sz":
            names.append(f"{int(value) / 2:g} pt" if value and value.isdigit() else "size")
        elif local == "rFonts":
            font = child.get(f"{W}ascii") or child.get(f"{W}hAnsi")
            names.append(font or "font")
        elif local in ("bCs", "iCs", "szCs"):
            continue
        else:
            names.append(local + (f"={value}" if value else ""))
    return ", ".join(names) or "no direct formatting"


def signature(run: etree._Element) -> bytes:
    """The run's formatting as bytes, ignoring properties that do not show (language, proofing, rsids)."""
    rpr = run.find(f"{W}rPr")
    if rpr is None:
        return b""
    parts = []
    for child in rpr:
        if child.tag in _NOT_FORMATTING or not isinstance(child.tag, str):
            continue
        attrs = sorted((k, v) for k, v in child.attrib.items() if "rsid" not in k)
        parts.append(repr((child.tag, attrs)).encode())
    return b"".join(sorted(parts))


_ATTRIBUTE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def attribute_tags(element: etree._Element) -> list[Tag]:
    """Tags in the attribute values of ``element`` itself (``w:ind w:left="{{ indent }}"``)."""
    found = []
    for value in element.attrib.values():
        if "{" not in value:
            continue
        for match in _ATTRIBUTE_TAG.finditer(value):
            raw = match.group(0)
            kind = "output" if raw.startswith("{{") else "statement"
            inner = raw[2:-2].translate(_QUOTES).strip("-")
            prefix = ""
            prefixed = _PREFIX.match(inner)
            if prefixed:
                prefix, inner = prefixed.group(1), inner[prefixed.end() :]
            found.append(Tag(raw, kind, prefix, inner.strip(), ()))
    return found
