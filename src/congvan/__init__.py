"""congvan: Vietnamese administrative correspondence by Nghị định 30/2020/NĐ-CP.

This module only re-exports the public API; see the README for a tour. Names are
imported on first use, so that ``congvan batch`` and ``import congvan.vietnamese``
do not pay for the PDF tools, the linter and the ND30 checker.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from congvan.campaigns.followup import (
        BatchResult,
        FollowUp,
        FollowUpCampaign,
        LetterResult,
        ProvinceStatus,
        render_batch,
    )
    from congvan.citations import Citer, LegalReference, SymbolParts, load_catalogue
    from congvan.documents import load, render
    from congvan.engine import RenderResult, Template, render_many
    from congvan.errors import (
        AmbiguousProvince,
        CitationError,
        CongvanError,
        ConversionFailed,
        ConversionTimeout,
        ConverterNotFound,
        DataError,
        DuplicateEntry,
        EntryNotFound,
        FailedDocument,
        InvalidCharacterError,
        LimitExceeded,
        MissingVariableError,
        OutputError,
        PdfError,
        Problem,
        ProvinceNotFound,
        ProvinceNotInForce,
        RegisterBusy,
        RegisterError,
        RegisterNotFound,
        SchemaVersionError,
        SignatureImageError,
        SigningError,
        SigningKeyError,
        SigningOrderError,
        TemplateError,
        TemplateFileError,
        TemplateRenderError,
        TemplateSecurityError,
        TemplateSyntaxError,
        UnitsDateError,
    )
    from congvan.model import (
        Addressees,
        Annex,
        AnnexRow,
        Archive,
        Authority,
        Body,
        IssuingBody,
        NumberSymbol,
        OfficialLetter,
        Opening,
        Part,
        Recipients,
        Secrecy,
        Signature,
        Task,
        Urgency,
    )
    from congvan.pdf import PdfConverter, combine_pdfs, previews, split_pdf, to_pdf
    from congvan.pipeline.merge import MergeResult, merge
    from congvan.register import Register
    from congvan.signing import PemKey, Pkcs11Key, Pkcs12Key, sign_pdf, verify_pdf
    from congvan.testing.lint import lint_template
    from congvan.testing.nd30check import check_nd30
    from congvan.testing.snapshot import snapshot as snapshot_text
    from congvan.units import Province, UnitKind, find_province, provinces

#: Public names that differ from the name in their module (``congvan.testing.snapshot`` is the module).
_ALIASES = {"snapshot_text": "snapshot"}

#: The models of Phụ lục III besides the công văn (`congvan.model.kinds`) and their content (`congvan.model.content`).
_DOCUMENT_MODELS = (
    "Document",
    "AdministrativeDocument",
    "Resolution",
    "Decision",
    "IssuedText",
    "AttachedText",
    "NamedDocument",
    "Telegram",
    "Invitation",
    "Introduction",
    "Minutes",
    "LeaveNote",
    "AnnexDocument",
    "Basis",
    "Content",
    "DocumentPart",
    "Chapter",
    "Section",
    "Subsection",
    "Article",
    "Clause",
    "Point",
    "Heading",
)

#: Where each public name lives.
_HOME = {
    **dict.fromkeys(
        ("BatchResult", "FollowUp", "FollowUpCampaign", "LetterResult", "ProvinceStatus", "render_batch"),
        "congvan.campaigns.followup",
    ),
    **dict.fromkeys(("MergeResult", "merge"), "congvan.pipeline.merge"),
    **dict.fromkeys(
        (
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
            *_DOCUMENT_MODELS,
        ),
        "congvan.model",
    ),
    **dict.fromkeys(("Citer", "LegalReference", "SymbolParts", "load_catalogue"), "congvan.citations"),
    **dict.fromkeys(("load", "render"), "congvan.documents"),
    **dict.fromkeys(("RenderResult", "Template", "render_many"), "congvan.engine"),
    **dict.fromkeys(
        (
            "AmbiguousProvince",
            "CitationError",
            "CongvanError",
            "ConversionFailed",
            "ConversionTimeout",
            "ConverterNotFound",
            "DataError",
            "FailedDocument",
            "MissingVariableError",
            "PdfError",
            "Problem",
            "ProvinceNotFound",
            "ProvinceNotInForce",
            "TemplateError",
            "TemplateFileError",
            "TemplateRenderError",
            "TemplateSyntaxError",
            "UnitsDateError",
            "TemplateSecurityError",
            "LimitExceeded",
            "InvalidCharacterError",
            "OutputError",
            "SigningError",
            "SigningKeyError",
            "SignatureImageError",
            "SigningOrderError",
            "RegisterError",
            "RegisterNotFound",
            "RegisterBusy",
            "DuplicateEntry",
            "EntryNotFound",
            "SchemaVersionError",
        ),
        "congvan.errors",
    ),
    "Register": "congvan.register",
    "lint_template": "congvan.testing.lint",
    "check_nd30": "congvan.testing.nd30check",
    "snapshot_text": "congvan.testing.snapshot",
    **dict.fromkeys(("PdfConverter", "combine_pdfs", "previews", "split_pdf", "to_pdf"), "congvan.pdf"),
    **dict.fromkeys(("Province", "UnitKind", "find_province", "provinces"), "congvan.units"),
    **dict.fromkeys(("sign_pdf", "verify_pdf", "Pkcs12Key", "PemKey", "Pkcs11Key"), "congvan.signing"),
}

__all__ = [
    # documents: load, render, many letters at once
    "load",
    "render",
    "render_batch",
    "BatchResult",
    "LetterResult",
    "merge",
    "MergeResult",
    # the ND30 document model (Mẫu 1.5, the công văn) and the 2020 follow-up campaign's types
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
    # every other model of Phụ lục III, one union on kind (Document), and their content
    *_DOCUMENT_MODELS,
    "FollowUp",
    "ProvinceStatus",
    "FollowUpCampaign",
    # the compiled template engine
    "Template",
    "render_many",
    "RenderResult",
    # provincial units
    "provinces",
    "find_province",
    "Province",
    "UnitKind",
    # legal references
    "LegalReference",
    "SymbolParts",
    "Citer",
    "load_catalogue",
    # template testing
    "lint_template",
    "check_nd30",
    "snapshot_text",
    # PDF
    "to_pdf",
    "PdfConverter",
    "combine_pdfs",
    "split_pdf",
    "previews",
    # văn bản điện tử: ND30's digital signatures
    "sign_pdf",
    "verify_pdf",
    "Pkcs12Key",
    "PemKey",
    "Pkcs11Key",
    # errors: one root, CongvanError
    "CongvanError",
    "DataError",
    "Problem",
    "TemplateError",
    "TemplateFileError",
    "TemplateSyntaxError",
    "TemplateRenderError",
    "MissingVariableError",
    "ProvinceNotFound",
    "ProvinceNotInForce",
    "AmbiguousProvince",
    "UnitsDateError",
    "CitationError",
    "PdfError",
    "ConverterNotFound",
    "ConversionFailed",
    "ConversionTimeout",
    "FailedDocument",
    "TemplateSecurityError",
    "LimitExceeded",
    "InvalidCharacterError",
    "OutputError",
    "SigningError",
    "SigningKeyError",
    "SignatureImageError",
    "SigningOrderError",
    # the register of outgoing documents (sổ đăng ký văn bản đi)
    "Register",
    "RegisterError",
    "RegisterNotFound",
    "RegisterBusy",
    "DuplicateEntry",
    "EntryNotFound",
    "SchemaVersionError",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    try:
        module = _HOME[name]
    except KeyError:
        raise AttributeError(f"module 'congvan' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), _ALIASES.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
