"""The ND30 document model: one type per component, and one per model of Phụ lục III (`Document`)."""

from congvan.model.addressees import Addressees
from congvan.model.agency import IssuingBody
from congvan.model.annex import Annex, AnnexRow
from congvan.model.body import Body, Opening, Part, Task
from congvan.model.common import AdministrativeDocument, Basis
from congvan.model.content import (
    Article,
    Chapter,
    Clause,
    Content,
    DocumentPart,
    Heading,
    Point,
    Section,
    Subsection,
)
from congvan.model.document import OfficialLetter, Secrecy, Urgency
from congvan.model.kinds import (
    AnnexDocument,
    AttachedText,
    Decision,
    Document,
    Introduction,
    Invitation,
    IssuedText,
    LeaveNote,
    Minutes,
    NamedDocument,
    Resolution,
    Telegram,
)
from congvan.model.number import NumberSymbol
from congvan.model.recipients import Archive, Recipients
from congvan.model.signature import Authority, Signature

__all__ = [
    "Addressees",
    "AdministrativeDocument",
    "Annex",
    "AnnexDocument",
    "AnnexRow",
    "Archive",
    "Article",
    "AttachedText",
    "Authority",
    "Basis",
    "Body",
    "Chapter",
    "Clause",
    "Content",
    "Decision",
    "Document",
    "DocumentPart",
    "Heading",
    "Introduction",
    "Invitation",
    "IssuedText",
    "IssuingBody",
    "LeaveNote",
    "Minutes",
    "NamedDocument",
    "NumberSymbol",
    "OfficialLetter",
    "Opening",
    "Part",
    "Point",
    "Recipients",
    "Resolution",
    "Secrecy",
    "Section",
    "Signature",
    "Subsection",
    "Task",
    "Telegram",
    "Urgency",
]
