"""Print-ready PDFs: LibreOffice conversion, combined and split PDFs, page previews, text read-back."""

from congvan.pdf.convert import DEFAULT_TIMEOUT, default_jobs, pdf_name, to_pdf
from congvan.pdf.converter import PdfConverter, warm_available
from congvan.pdf.pages import (
    combine_pdfs,
    destination_pages,
    destination_ranges,
    page_count,
    split_pdf,
)
from congvan.pdf.previews import previews
from congvan.pdf.text import PageWords, Word, pdf_text, pdf_words
from congvan.pdf.tools import find_soffice

__all__ = [
    "DEFAULT_TIMEOUT",
    "PdfConverter",
    "PageWords",
    "Word",
    "combine_pdfs",
    "default_jobs",
    "destination_pages",
    "destination_ranges",
    "find_soffice",
    "page_count",
    "pdf_name",
    "pdf_text",
    "pdf_words",
    "previews",
    "split_pdf",
    "to_pdf",
    "warm_available",
]
