"""Many letters in one call: validate every row, render, write atomically, manifest, combined file.

``render_batch`` renders one follow-up letter per province from the shared
data (``FollowUp``) and a table of rows (CSV, XLSX, YAML, or a list of dicts
or ``ProvinceStatus``). Every row is checked before anything is written; all
problems come in one ``DataError`` with row numbers and column names. Letters
are written into a temporary folder beside the target, which replaces the
target only at the end, so an interrupted run leaves the target as it was.
"""

from __future__ import annotations

from congvan.batch.manifest import LetterResult, manifest_rows
from congvan.batch.merge import MergedDocument, MergeResult, merge
from congvan.batch.rows import validate_rows
from congvan.batch.run import BatchResult, render_batch
from congvan.batch.tables import read_rows

__all__ = [
    "BatchResult",
    "LetterResult",
    "MergeResult",
    "MergedDocument",
    "manifest_rows",
    "merge",
    "read_rows",
    "render_batch",
    "validate_rows",
]
