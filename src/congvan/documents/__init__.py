"""Documents by kind: each kind's model becomes a context of ready-to-print strings for its template.

The công văn (Mẫu 1.5) is `congvan.documents.letter`; every other model of Phụ lục III is
`congvan.documents.administrative`, its content's lines `congvan.documents.content`. A
công văn numbered from the register as it is rendered is `congvan.documents.numbered`.
`load` reads a document of any kind (its ``kind``, default "công văn"); `render` renders it.
"""

from __future__ import annotations

import os
from typing import IO, Any

from congvan.documents.administrative import load_document as load
from congvan.documents.administrative import render_document
from congvan.documents.letter import (
    PROVINCES_2020,
    addressee_context,
    annex_context,
    attached_line,
    date_line,
    header_context,
    letter_context,
    mark_context,
    opening_text,
    render_letter,
    single_addressee,
    task_context,
)
from congvan.engine.loader import Folders, TemplateSpec
from congvan.errors import DataError, Problem
from congvan.register_options import DEFAULT_REGISTER_NAME, numbered_from_register

__all__ = [
    "PROVINCES_2020",
    "addressee_context",
    "annex_context",
    "attached_line",
    "date_line",
    "header_context",
    "letter_context",
    "load",
    "mark_context",
    "opening_text",
    "render",
    "render_letter",
    "single_addressee",
    "task_context",
]


def render(
    document: Any,
    out: str | os.PathLike[str] | IO[bytes] | None = None,
    template: TemplateSpec = None,
    *,
    templates: Folders = None,
    register: Any = None,
    register_name: str = DEFAULT_REGISTER_NAME,
    run_id: str | None = None,
) -> bytes:
    """Render ``document`` (any kind) with ``template`` (default: its kind's bundled template) to .docx bytes.

    With ``out`` a path, the file is written atomically (nothing partial is
    left if anything fails; a link or a folder there is refused, and a write the
    system refuses is an `OutputError`); with ``out`` a binary file, the bytes
    are written to it. ``template`` is a compiled `Template`, a path to a .docx or a
    template's name, looked for in the folders ``templates`` (a user's, overriding the
    bundled templates of the same name), then among the bundled ones.

    With ``register`` (a `congvan.Register`, an SQLite path or a ``postgresql://`` URL), the
    document (of any kind with a number of its own) takes the next number of its register
    ``register_name`` for the year of its date (``issued_on``; the data gives no number), is rendered with it to the path ``out`` and
    the file attached to the entry, in one transaction: a failure takes no number. ``run_id``
    makes a rerun get the same number (`congvan.documents.numbered.render_numbered`).
    """
    if not numbered_from_register(register, register_name, run_id):
        return render_document(document, out, template, templates)
    if out is None or hasattr(out, "write"):
        raise DataError([Problem("out", "a number from the register goes with its file: give out a path")])
    from congvan.documents.numbered import render_numbered  # loads the database layer only when asked

    issued = render_numbered(
        document, out, register=register, name=register_name, run_id=run_id, template=template, templates=templates
    )
    return issued.data
