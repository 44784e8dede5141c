"""congvan: Vietnamese administrative correspondence by Nghị định 30/2020/NĐ-CP.

This module only re-exports the public API; see the README for a tour.
"""

from congvan.batch import BatchResult, LetterResult, render_batch
from congvan.citations import Citer, LegalReference, SymbolParts, load_catalogue
from congvan.documents import load, render
from congvan.errors import CitationError, CongvanError, DataError, Problem, TemplateError
from congvan.errors import AmbiguousProvince, ProvinceNotFound, ProvinceNotInForce, UnitsDateError
from congvan.engine import RenderResult, Template, render_many
from congvan.errors import MissingVariableError, TemplateFileError, TemplateRenderError
from congvan.errors import TemplateSyntaxError
from congvan.lint import lint_template
from congvan.nd30check import check_nd30
from congvan.snapshot import snapshot
from congvan.units import Province, UnitKind, find_province, provinces
from congvan.errors import ConversionFailed, ConversionTimeout, ConverterNotFound
from congvan.errors import FailedDocument, PdfError
from congvan.pdf import combine_pdfs, previews, split_pdf, to_pdf

__all__ = [
    "check_nd30",
    "lint_template",
    "snapshot",
    "BatchResult",
    "LetterResult",
    "load",
    "render",
    "render_batch",
    "AmbiguousProvince",
    "Province",
    "ProvinceNotFound",
    "ProvinceNotInForce",
    "UnitKind",
    "UnitsDateError",
    "find_province",
    "provinces",
    "CitationError",
    "Citer",
    "CongvanError",
    "DataError",
    "LegalReference",
    "Problem",
    "SymbolParts",
    "TemplateError",
    "load_catalogue",
    "MissingVariableError",
    "RenderResult",
    "Template",
    "TemplateFileError",
    "TemplateRenderError",
    "TemplateSyntaxError",
    "render_many",
    "ConversionFailed",
    "ConversionTimeout",
    "ConverterNotFound",
    "FailedDocument",
    "PdfError",
    "combine_pdfs",
    "previews",
    "split_pdf",
    "to_pdf",
]

__version__ = "0.1.0"
