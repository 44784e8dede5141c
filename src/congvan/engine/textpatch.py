"""The only text-level edits the engine makes: small, named and tested.

Everything else works on lxml trees. What stays here cannot be done on a tree:

- control characters in values (``\\a`` new paragraph, ``\\f`` page break) are
  not XML characters, so before the rendered part is parsed they are swapped,
  in the whole serialised part, for two Unicode noncharacters (allowed in XML,
  refused in values and in templates) that the tree fix-up turns into Word markup;
- docxtpl's literal braces ``{_{ }_} {_% %_}`` are restored in the static text
  of a compiled template;
- the error-locating variant of a part puts each paragraph and each tag on a
  line of its own so that Jinja's line numbers point into the document;
- the text near an error is the template source with its tags removed.
"""

from __future__ import annotations

import re

PARAGRAPH_MARK = "\ufdd0"
"""Stands for ``\\a`` (new paragraph) between rendering and the tree fix-up."""
PAGE_MARK = "\ufdd1"
"""Stands for ``\\f`` (page break) between rendering and the tree fix-up."""

MARKS = re.compile("[\ufdd0-\ufdef]")
"""The noncharacters the engine keeps for its marks: never allowed in values or template text."""

_LITERAL_BRACES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
_LINE_BEFORE = re.compile(r"(?=<w:p[ >])|(?=\{[{%#])")
_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH_NUMBER = re.compile(r'<w:p [^>]*?cv-p="(\d+)"')


def mark_controls(text: str) -> str:
    """Replace ``\\a`` and ``\\f`` by their XML-safe marks (tabs and newlines are XML)."""
    if "\a" not in text and "\f" not in text:
        return text
    return text.replace("\a", PARAGRAPH_MARK).replace("\f", PAGE_MARK)


def restore_literal_braces(text: str) -> str:
    """Turn docxtpl's escaped braces ``{_{ }_} {_% %_}`` into ``{{ }} {% %}``."""
    if "_" not in text:
        return text
    for escaped, plain in _LITERAL_BRACES:
        text = text.replace(escaped, plain)
    return text


def split_lines(source: str) -> str:
    """Put every paragraph start and every Jinja tag of ``source`` on a new line."""
    return _LINE_BEFORE.sub("\n", source)


def paragraph_at(lines: list[str], index: int) -> int | None:
    """The ``cv-p`` number of the last paragraph opened at or before ``lines[index]``."""
    for line in reversed(lines[: index + 1]):
        found = _PARAGRAPH_NUMBER.findall(line)
        if found:
            return int(found[-1])
    return None


def text_of(fragment: str, limit: int = 80) -> str:
    """The visible text of an XML fragment, tags removed, shortened to ``limit``."""
    text = _TAG.sub("", fragment).replace("&lt;", "<").replace("&gt;", ">")
    text = text.replace("&quot;", '"').replace("&amp;", "&")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
