"""Build XML elements with lxml and serialise a package part deterministically.

``E("w:p", E("w:pPr", E("w:jc", {"w:val": "center"})), "{{ line }}")``: the
tag and attribute names are prefixed names of `congvan.ooxml.names`; a mapping
child gives attributes, an element child is appended, a string child is text
(the element's text, or the tail of the last child so far) and lxml escapes it;
lists are flattened and ``None`` is skipped. Jinja tags of the templates are
such text, in a ``w:t`` or between elements, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Union

from lxml import etree

from congvan.ooxml.names import NAMESPACES, qn

#: The declaration every part of the bundled templates (and of Word's files) starts with.
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

Element = etree._Element
Value = Union[str, int, float]
Child = Union[Element, str, Mapping[str, Union[Value, None]], None, Iterable["Child"]]


def _flatten(children: Iterable[Child]) -> Iterator[Element | str | Mapping[str, Value | None]]:
    for child in children:
        if child is None:
            continue
        if isinstance(child, (etree._Element, str, Mapping)):
            yield child
        else:
            yield from _flatten(child)


def _prefix(name: str) -> str | None:
    prefix, colon, _ = name.partition(":")
    return prefix if colon and prefix != "xml" else None


def E(tag: str, *children: Child) -> Element:
    """The element ``tag`` (a prefixed name) with ``children``: attribute mappings, elements and text."""
    flat = list(_flatten(children))
    attributes = [(name, value) for child in flat if isinstance(child, Mapping) for name, value in child.items()]
    prefixes = dict.fromkeys(p for p in [_prefix(tag), *(_prefix(name) for name, _ in attributes)] if p)
    element = etree.Element(qn(tag), nsmap={p: NAMESPACES[p] for p in prefixes})
    _fill(element, flat)
    return element


def _fill(element: Element, flat: list[Element | str | Mapping[str, Value | None]]) -> None:
    for child in flat:
        if isinstance(child, Mapping):
            for name, value in child.items():
                if value is not None:
                    element.set(qn(name), str(value))
        elif isinstance(child, str):
            last = element[-1] if len(element) else None
            if last is None:
                element.text = (element.text or "") + child
            else:
                last.tail = (last.tail or "") + child
        else:
            element.append(child)


def root(tag: str, *children: Child, declare: Iterable[str] = (), default: str | None = None) -> Element:
    """The root element of a part: it declares the prefixes ``declare`` in that order (unused ones too, as
    Word's parts do) and ``default`` as the default namespace, so that no element below declares any."""
    nsmap: dict[str | None, str] = {}
    if default is not None:
        nsmap[None] = NAMESPACES[default]
    nsmap.update({prefix: NAMESPACES[prefix] for prefix in declare})
    element = etree.Element(qn(tag), nsmap=nsmap)
    _fill(element, list(_flatten(children)))
    return element


def serialise(element: Element) -> bytes:
    """The bytes of a part: the XML declaration, a newline, then ``element`` in UTF-8, no pretty-printing.

    The same tree gives the same bytes every time; the declaration is written with double quotes and
    ``standalone="yes"``, as Word writes it (lxml's own uses single quotes).
    """
    return XML_DECLARATION.encode("ascii") + etree.tostring(element, encoding="UTF-8", xml_declaration=False)
