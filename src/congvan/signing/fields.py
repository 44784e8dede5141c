"""A signing-ready letter: its signature fields and the text fields for the number and date, locked.

`prepare` adds to a rendered letter:

- the signer's signature field (box 7c), whose lock (FieldMDP, ``/Exclude``) leaves open only the
  organisation's field and the number and date fields, with DocMDP level 2 (filling in forms and
  signing): so the văn thư's step after it (Điều 15.3, 17.2) is a permitted change, and anything
  else is a modification;
- the organisation's signature field (box 8), which locks everything (``/All``, DocMDP level 1):
  nothing may change after the organisation has signed;
- read-only text fields over the number (ô 3) and the issue date (ô 4) where a draft leaves them
  blank, filled by the văn thư when it signs.

The fields' rects are set for real when the signer signs (`place_signer`), from the signer's image.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec, MDPPerm, SigFieldSpec, append_signature_field

from congvan.errors import SigningError
from congvan.signing.appearance import Painting, times_font
from congvan.signing.locate import DateLine, LetterMarks, NumberLine
from congvan.signing.placement import Rect, seal_reserve, signature_box
from congvan.signing.wording import DATE_FIELD, FIELD, NUMBER_FIELD, READABLE, Role

if TYPE_CHECKING:
    from pyhanko.pdf_utils.rw_common import PdfHandler
    from pyhanko.pdf_utils.writer import BasePdfFileWriter

#: DocMDP level of each role's signature: after the signer, form filling and signing (2); after the organisation, nothing (1).
PERMISSIONS = {
    Role.SIGNER: MDPPerm.FILL_FORMS,
    Role.ORGANISATION: MDPPerm.NO_CHANGES,
    Role.ATTACHMENT: MDPPerm.NO_CHANGES,
}
_TEXT_FONTS = {"TiRo": ("Times-Roman", False), "TiIt": ("Times-Italic", True)}
_DA = re.compile(r"/(?P<font>\w+)\s+(?P<size>\d+(?:\.\d+)?)\s+Tf")
_WIDEN = 12.0
"""Points a text field reaches beyond the blank line on each side, for a longer filled line."""
_DESCENT, _ASCENT = 0.3, 1.05


@dataclass(frozen=True)
class Field:
    """A form field found in a PDF: its dictionary (field and widget are one), reference and page rect."""

    name: str
    dictionary: generic.DictionaryObject
    reference: generic.Reference
    rect: Rect
    filled: bool


def find_field(handler: PdfHandler, name: str) -> Field | None:
    """The top-level form field called ``name``, or ``None``."""
    try:
        fields = handler.root["/AcroForm"]["/Fields"]
    except KeyError:
        return None
    for ref in fields:
        field = ref.get_object()
        if field.get("/T") == name:
            x1, y1, x2, y2 = (float(v) for v in field.get("/Rect", (0, 0, 0, 0)))
            return Field(
                name, field, ref.reference, Rect(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)), "/V" in field
            )
    return None


def is_prepared(handler: PdfHandler) -> bool:
    """Whether the PDF already has congvan's signature fields for a letter."""
    return (
        find_field(handler, FIELD[Role.SIGNER]) is not None
        and find_field(handler, FIELD[Role.ORGANISATION]) is not None
    )


def prepare(writer: BasePdfFileWriter, marks: LetterMarks, page_boxes: list[Rect]) -> None:
    """Add the signature fields and, for blanks, the number and date fields to ``writer``."""
    block = marks.signature
    box = signature_box(block.title, block.name, block.axis, page_boxes[block.page])
    number = marks.number if marks.number is not None and marks.number.blank else None
    date = marks.date if marks.date is not None and marks.date.blank else None
    open_fields = [FIELD[Role.ORGANISATION]] + [NUMBER_FIELD] * (number is not None) + [DATE_FIELD] * (date is not None)
    add_signature_field(writer, Role.SIGNER, block.page, box, FieldMDPSpec(FieldMDPAction.EXCLUDE, fields=open_fields))
    add_signature_field(writer, Role.ORGANISATION, block.page, seal_reserve(box), FieldMDPSpec(FieldMDPAction.ALL))
    if number is not None:
        _add_text_field(writer, NUMBER_FIELD, number)
    if date is not None:
        _add_text_field(writer, DATE_FIELD, date)


def add_signature_field(writer: BasePdfFileWriter, role: Role, page: int, rect: Rect, lock: FieldMDPSpec) -> None:
    """A visible signature field for ``role``, with its lock and DocMDP level."""
    append_signature_field(
        writer,
        SigFieldSpec(
            FIELD[role],
            on_page=page,
            box=rect.as_tuple(),
            field_mdp_spec=lock,
            doc_mdp_update_value=PERMISSIONS[role],
            readable_field_name=READABLE[FIELD[role]],
        ),
    )


def place_signer(writer: BasePdfFileWriter, signature: Rect) -> None:
    """Fit the signer's field to the image drawn in it, and put the seal's field over its left third."""
    for role, rect in ((Role.SIGNER, signature), (Role.ORGANISATION, seal_reserve(signature))):
        field = find_field(writer, FIELD[role])
        if field is None:  # pragma: no cover - callers prepare first
            raise SigningError(f"the PDF has no field {FIELD[role]!r}")
        field.dictionary["/Rect"] = generic.ArrayObject(generic.FloatObject(v) for v in rect.as_tuple())
        empty = Painting(writer, rect.width, rect.height)
        field.dictionary["/AP"] = generic.DictionaryObject({pdf_name("/N"): empty.register()})
        writer.mark_update(field.reference)


def fill_text_field(writer: BasePdfFileWriter, field: Field, text: str) -> None:
    """Write ``text`` into a blank text field: white over the draft's blank line, then the line, centred."""
    da = _DA.search(str(field.dictionary.get("/DA", "")))
    font, size = (da["font"], float(da["size"])) if da else ("TiRo", 13.0)
    italic = _TEXT_FONTS.get(font, ("", False))[1]
    painting = Painting(writer, field.rect.width, field.rect.height)
    painting.fill_white()
    painting.draw_text(
        text, x=field.rect.width / 2, baseline=_DESCENT * size, size=size, font_file=times_font(italic), align="centre"
    )
    field.dictionary["/V"] = pdf_string(text)
    field.dictionary["/AP"] = generic.DictionaryObject({pdf_name("/N"): painting.register()})
    writer.mark_update(field.reference)


def draft_text(field: Field) -> str:
    """What the draft printed where the field is ("Số:      /BTTTT-TTĐN"), kept as the field's default value."""
    return str(field.dictionary.get("/DV", ""))


def _add_text_field(writer: BasePdfFileWriter, name: str, line: NumberLine | DateLine) -> None:
    style = line.style
    if style is None:  # pragma: no cover - locate gives blanks their style
        raise SigningError(f"no font size known for {line.text!r}")
    font = "TiIt" if style.italic else "TiRo"
    width = line.rect.width + 2 * _WIDEN
    rect = Rect(
        line.rect.centre_x - width / 2,
        style.baseline - _DESCENT * style.size,
        line.rect.centre_x + width / 2,
        style.baseline + _ASCENT * style.size,
    )
    page_ref = writer.find_page_for_modification(line.page)[0]
    empty = Painting(writer, rect.width, rect.height)
    field = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): pdf_string(name),
            pdf_name("/TU"): pdf_string(READABLE[name]),
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/F"): generic.NumberObject(4),  # print
            pdf_name("/Ff"): generic.NumberObject(1),  # read-only: congvan fills it, not a viewer
            pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in rect.as_tuple()),
            pdf_name("/P"): page_ref,
            pdf_name("/DA"): pdf_string(f"/{font} {style.size:g} Tf 0 g"),
            pdf_name("/Q"): generic.NumberObject(1),  # centred, as ô 3 and ô 4 are
            pdf_name("/DV"): pdf_string(line.text),
            pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): empty.register()}),
        }
    )
    ref = writer.add_object(field)
    form = writer.root["/AcroForm"]
    form["/Fields"].append(ref)
    writer.update_container(form["/Fields"])
    if "/DR" not in form:
        form["/DR"] = generic.DictionaryObject()
    resources = form["/DR"]
    if "/Font" not in resources:
        resources["/Font"] = generic.DictionaryObject()
    fonts = resources["/Font"]
    base, _ = _TEXT_FONTS[font]
    fonts[pdf_name(f"/{font}")] = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Font"),
            pdf_name("/Subtype"): pdf_name("/Type1"),
            pdf_name("/BaseFont"): pdf_name(f"/{base}"),
            pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
        }
    )
    for container in (fonts, resources, form):
        writer.update_container(container)
    writer.register_annotation(page_ref, ref)
