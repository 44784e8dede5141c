"""congvan: Vietnamese administrative correspondence by Nghị định 30/2020/NĐ-CP.

This module only re-exports the public API; see the README for a tour.
"""

from congvan.citations import Citer, LegalReference, SymbolParts, load_catalogue
from congvan.errors import CitationError, CongvanError, DataError, Problem, TemplateError

__all__ = [
    "CitationError",
    "Citer",
    "CongvanError",
    "DataError",
    "LegalReference",
    "Problem",
    "SymbolParts",
    "TemplateError",
    "load_catalogue",
]

__version__ = "0.1.0"
