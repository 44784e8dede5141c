"""The Word bookmarks that carry the places the digital signatures need from a letter's .docx into its PDF.

congvan's templates hold these bookmarks (``congvan.template_build``); LibreOffice exports each as
a PDF named destination (``ExportBookmarksToPDFDestination``, `congvan.pdf.convert.EXPORT_FILTER`)
giving the page and the top left of the character where it stands. `congvan.signing.anchors`
reads them back to make the PDF signing-ready without searching its text.

- `SIGNATURE`: in the first empty line between the signer's title and name (ô 7c, Phụ lục I, mục
  II.7.c–d). The line is centred, so its left is the axis of title and name, and its top the
  bottom of the title: the signer's image and the seal over it (ô 8) go below it.
- `SIGNER_NAME`: at the start of the signer's name (ô 7b): the top of the name is the bottom of ô 7c.
- `NUMBER` and `NUMBER_END`: the start and end of the line "Số: …" (ô 3), where the draft leaves
  the number blank (Điều 15.3: the văn thư gives it at issue).
- `DATE` and `DATE_END`: the start and end of "Hà Nội, ngày … tháng … năm …" (ô 4), where the
  draft leaves the day and month blank.

Where the letter prints its number or date, those bookmarks are named `given` (``cv_number_given``):
the template decides from the context's ``number_blank`` and ``date_blank``.

The names are ASCII (letters, digits, ``_``), which Word accepts and LibreOffice keeps, writing
``_`` as ``5F`` in the destination's name (`congvan.pdf.libreoffice_name`). In a combined file of
many letters each name ends with the letter's place, ``cv_signature_001`` (`numbered`).
"""

from __future__ import annotations

SIGNATURE = "cv_signature"
SIGNER_NAME = "cv_signer_name"
NUMBER = "cv_number"
NUMBER_END = "cv_number_end"
DATE = "cv_date"
DATE_END = "cv_date_end"

#: Every anchor, in the order of the page.
ALL = (NUMBER, NUMBER_END, DATE, DATE_END, SIGNATURE, SIGNER_NAME)


def given(name: str) -> str:
    """The name of ``name``'s bookmark where the letter prints the number or date already: no field is made there."""
    base = name.removesuffix("_end")
    return f"{base}_given" + ("_end" if name != base else "")


def numbered(name: str, index: int) -> str:
    """The anchor ``name`` of the ``index``-th letter (1-based) of a combined file: ``cv_signature_001``."""
    return f"{name}_{index:03d}"
