"""The register of outgoing documents (sổ đăng ký văn bản đi), numbered by ND30 Điều 15 from a real database.

SQLite by default (a file), PostgreSQL for an office whose clerks share one register.
Modules, each one job: `entry` (what goes in and comes out), `schema` and `migrations`,
`database` (SQLite and PostgreSQL set-up, locking, errors), `books` (the named registers),
`numbering` (take, void, attach), `history` (append-only), `importing`, `columns` (the
ten columns of Phụ lục IV, the Phụ lục VI names), `export_docx`, `export_xlsx`, `records`
(CSV, JSON), and `facade` (`Register`).
"""

from congvan.register.books import DEFAULT_NAME, DEFAULT_TITLE, Book
from congvan.register.columns import COLUMNS, FIELDS
from congvan.register.entry import Entry, HistoryRecord, Outgoing
from congvan.register.facade import EXPORT_FORMATS, Batch, Register

__all__ = [
    "COLUMNS",
    "DEFAULT_NAME",
    "DEFAULT_TITLE",
    "EXPORT_FORMATS",
    "FIELDS",
    "Batch",
    "Book",
    "Entry",
    "HistoryRecord",
    "Outgoing",
    "Register",
]
