"""congvan: Vietnamese administrative correspondence by Nghị định 30/2020/NĐ-CP.

This module only re-exports the public API; see the README for a tour.
"""

from congvan.errors import CongvanError, DataError, Problem, TemplateError

__all__ = [
    "CongvanError",
    "DataError",
    "Problem",
    "TemplateError",
]

__version__ = "0.1.0"
