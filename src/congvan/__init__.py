"""congvan: Vietnamese administrative correspondence by Nghị định 30/2020/NĐ-CP.

This module only re-exports the public API; see the README for a tour.
"""

from congvan.batch import BatchResult, LetterResult, render_batch
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
    FailedDocument,
    MissingVariableError,
    PdfError,
    Problem,
    ProvinceNotFound,
    ProvinceNotInForce,
    TemplateError,
    TemplateFileError,
    TemplateRenderError,
    TemplateSyntaxError,
    UnitsDateError,
)
from congvan.lint import lint_template
from congvan.nd30check import check_nd30
from congvan.pdf import combine_pdfs, previews, split_pdf, to_pdf
from congvan.snapshot import snapshot
from congvan.units import Province, UnitKind, find_province, provinces

__all__ = [
    # documents: load, render, many letters at once
    "load",
    "render",
    "render_batch",
    "BatchResult",
    "LetterResult",
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
    "snapshot",
    # PDF
    "to_pdf",
    "combine_pdfs",
    "split_pdf",
    "previews",
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
]

__version__ = "0.1.0"
