"""The ND30 document model: one type per component of a công văn."""

from congvan.model.addressees import Addressees
from congvan.model.agency import IssuingBody
from congvan.model.annex import Annex, AnnexRow
from congvan.model.body import Body, Opening, Part, Task
from congvan.model.document import OfficialLetter, Secrecy, Urgency
from congvan.model.number import NumberSymbol
from congvan.model.recipients import Archive, Recipients
from congvan.model.signature import Authority, Signature

__all__ = [
    "Addressees",
    "Annex",
    "AnnexRow",
    "Archive",
    "Authority",
    "Body",
    "IssuingBody",
    "NumberSymbol",
    "OfficialLetter",
    "Opening",
    "Part",
    "Recipients",
    "Secrecy",
    "Signature",
    "Task",
    "Urgency",
]
