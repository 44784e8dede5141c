"""The engine's last word on a template: compile it as `congvan.Template` does, render the sample data.

The linter reads tags one by one; the engine may still refuse what they add
up to (a limit, a core property, a value the sample data holds), or render a
part that is not well-formed XML. Whatever it refuses becomes a finding at
the place the engine names, so a template that cannot render never passes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from typing import Any

from lxml import etree

from congvan.engine import Template
from congvan.errors import CongvanError
from congvan.ooxml.reading import Place, shorten, xml_problem
from congvan.testing.lint.findings import Finding

_PARSER = etree.XMLParser(resolve_entities=False)


def engine_findings(
    data: bytes,
    kinds: Mapping[str, str],
    *,
    filters: Mapping[str, Callable[..., Any]],
    globals: Mapping[str, Any] | None,
    context: Mapping[str, Any] | None,
) -> list[Finding]:
    """Compile the template ``data``; with ``context``, render it and read every templated part back.

    ``kinds`` maps part names to the kind of part a person knows (body, header…).
    Returns one finding for what the engine refused, none when it accepted all.
    """
    template = compiled(data, kinds, filters=filters, globals=globals)
    if isinstance(template, Finding):
        return [template]
    if context is None:
        return []
    try:
        rendered = template.render(context)
    except Exception as error:  # noqa: BLE001 - as above
        return [_finding("render", "the template does not render with the sample data", error, kinds)]
    return unreadable_parts(rendered, template.parts, kinds)


def compiled(
    data: bytes,
    kinds: Mapping[str, str],
    *,
    filters: Mapping[str, Callable[..., Any]],
    globals: Mapping[str, Any] | None,
) -> Template | Finding:
    """The template ``data`` compiled as `congvan.Template` does, or the finding of what the engine refused."""
    try:
        return Template(data, filters=filters, globals=dict(globals or {}))
    except Exception as error:  # noqa: BLE001 - any refusal is the answer the check asks for
        return _finding("compile", "the engine cannot compile the template", error, kinds)


def _finding(code: str, what: str, error: Exception, kinds: Mapping[str, str]) -> Finding:
    detail = str(error) if isinstance(error, CongvanError) else f"{type(error).__name__}: {error}"
    return Finding(code, "error", f"{what}: {detail}", error_place(error, kinds))


def error_place(error: Exception, kinds: Mapping[str, str]) -> Place:
    """Where the engine says ``error`` happened: its part, paragraph and the text nearby."""
    part = getattr(error, "part", "") or getattr(error, "where", "") or ""
    paragraph = getattr(error, "paragraph", None)
    near = getattr(error, "near", "") or ""
    return Place(kinds.get(part, "document"), part, paragraph=paragraph, near=shorten(near))


def unreadable_parts(
    rendered: bytes, names: tuple[str, ...], kinds: Mapping[str, str], what: str = "rendering the sample data"
) -> list[Finding]:
    """A finding for each templated part of the rendered letter that is not well-formed XML.

    ``what`` says what gave the letter ("rendering the sample data", "this row"). Only the templated parts
    are read back (the engine's own output, a row at a time in a table check: the others are the template's).
    """
    findings = []
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        parts = {name: package.read(name) for name in names}
    for name, data in parts.items():
        try:
            etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as error:
            reason, line, column = xml_problem(error)
            findings.append(
                Finding(
                    "render",
                    "error",
                    f"{what} gives XML that is not well-formed ({reason}): "
                    "Word could not open the letter; check the values for characters XML cannot hold",
                    Place(kinds.get(name, "document"), name, line=line, column=column),
                )
            )
    return findings
