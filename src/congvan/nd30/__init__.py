"""The facts of Nghị định 30/2020/NĐ-CP as data, each with the place of the decree that states it.

This package has one job: to be the only copy of what the decree prescribes
for an administrative document — the page (A4, margins, Times New Roman,
black), each component's box, case, size range, weight and slant by Phụ lục I
(`components`), the stamps, the fixed wording and the date's leading zeros
(`wording`), and the abbreviations of Phụ lục III (`abbreviations`). The
template builder (`congvan.template_build`, `congvan.layout`) and the ND30
checker (`congvan.testing.nd30check`) both read them here, so they cannot drift
apart. It holds no choices of congvan's own (which size within a range, the
widths of the header table): those stay with the builder.

>>> from congvan import nd30
>>> nd30.NATIONAL_TITLE.sizes, nd30.NATIONAL_TITLE.bold, nd30.NATIONAL_TITLE.source
((12, 13), True, 'Phần I, II.1.a')
>>> nd30.MARGINS["left"].low_mm, nd30.twips(30)
(30, 1701)
>>> nd30.abbreviation("Kế hoạch")
'KH'
"""

from congvan.nd30.abbreviations import COPY_KINDS, DOCUMENT_KINDS, abbreviation
from congvan.nd30.components import (
    ADDRESSEES,
    ANNEX_ATTACHED,
    ANNEX_HEADING,
    ANNEX_TITLE,
    AUTHORITY,
    BASES,
    BODY_LAYOUT,
    BODY_TEXT,
    CIRCULATION,
    COMPONENTS,
    CONTACT,
    DIGITAL_SIGNATURE_INFO,
    DRAFTER,
    ISSUING_BODY,
    MOTTO,
    NATIONAL_TITLE,
    NUMBER,
    PAGE_NUMBER,
    PARENT_BODY,
    PLACE_DATE,
    RECIPIENTS,
    RECIPIENTS_HEADING,
    SECRECY_MARKS,
    SIGNER,
    SUBJECT,
    TYPE_NAME,
    TYPE_SUBJECT,
    URGENCY,
    URGENCY_STAMPS,
    BodyLayout,
    Stamp,
    TextStyle,
)
from congvan.nd30.page import (
    BLACK,
    FONT,
    FONT_SOURCE,
    MARGINS,
    PAPER,
    TWIPS_PER_MM,
    MarginRange,
    Paper,
    exact_twips,
    twips,
)
from congvan.nd30.wording import (
    ARCHIVE,
    ARCHIVE_OFFICE,
    AS_ABOVE,
    ENDING,
    INTRODUCES,
    SIGNING_AUTHORITIES,
    written_day,
    written_month,
)

__all__ = [
    "ADDRESSEES",
    "ANNEX_ATTACHED",
    "ANNEX_HEADING",
    "ANNEX_TITLE",
    "ARCHIVE",
    "ARCHIVE_OFFICE",
    "AS_ABOVE",
    "AUTHORITY",
    "BASES",
    "BLACK",
    "BODY_LAYOUT",
    "BODY_TEXT",
    "CIRCULATION",
    "COMPONENTS",
    "CONTACT",
    "COPY_KINDS",
    "DIGITAL_SIGNATURE_INFO",
    "DOCUMENT_KINDS",
    "DRAFTER",
    "ENDING",
    "FONT",
    "FONT_SOURCE",
    "INTRODUCES",
    "ISSUING_BODY",
    "MARGINS",
    "MOTTO",
    "NATIONAL_TITLE",
    "NUMBER",
    "PAGE_NUMBER",
    "PAPER",
    "PARENT_BODY",
    "PLACE_DATE",
    "RECIPIENTS",
    "RECIPIENTS_HEADING",
    "SECRECY_MARKS",
    "SIGNER",
    "SIGNING_AUTHORITIES",
    "SUBJECT",
    "TWIPS_PER_MM",
    "TYPE_NAME",
    "TYPE_SUBJECT",
    "URGENCY",
    "URGENCY_STAMPS",
    "BodyLayout",
    "MarginRange",
    "Paper",
    "Stamp",
    "TextStyle",
    "abbreviation",
    "exact_twips",
    "twips",
    "written_day",
    "written_month",
]
