"""The namespaces of a .docx, once: prefix → URI, and `qn` for Clark names (``{uri}local``)."""

from __future__ import annotations

from types import MappingProxyType

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EXTENDED_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Prefix → namespace URI. ``pr`` (package relationships), ``ct`` (content types) and ``ep`` (extended
#: properties) are default namespaces in their parts; the prefixes only name them here.
NAMESPACES = MappingProxyType(
    {
        "w": W_NS,
        "r": R_NS,
        "wp": WP_NS,
        "pr": RELS_NS,
        "ct": CONTENT_TYPES_NS,
        "cp": CORE_NS,
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "ep": EXTENDED_NS,
        "xml": XML_NS,
    }
)

#: ``f"{W}p"`` is the Clark name of ``w:p``, as `qn` gives it.
W = f"{{{W_NS}}}"
R = f"{{{R_NS}}}"
WP = f"{{{WP_NS}}}"

#: Relationship types (``Type`` of a ``Relationship``) are this prefix and a last segment (``header``, ``styles`` …).
RELATIONSHIP_TYPE = R_NS + "/"
OFFICE_DOCUMENT = RELATIONSHIP_TYPE + "officeDocument"
CORE_PROPERTIES = RELS_NS + "/metadata/core-properties"


def qn(name: str) -> str:
    """The Clark name of a prefixed name: ``qn("w:p")`` is ``"{http://…/wordprocessingml/2006/main}p"``.

    A name without a prefix (an attribute such as ``Id``) is returned as it is.
    """
    prefix, colon, local = name.partition(":")
    if not colon:
        return name
    try:
        return f"{{{NAMESPACES[prefix]}}}{local}"
    except KeyError:
        raise ValueError(f"unknown namespace prefix {prefix!r} in {name!r}; known: {', '.join(NAMESPACES)}") from None
