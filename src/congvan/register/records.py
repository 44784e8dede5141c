"""The register as CSV and JSON records named after ND30 Phụ lục VI (see `congvan.register.columns.FIELDS`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from congvan.register.columns import FIELDS, record
from congvan.register.entry import Entry


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(entries: Sequence[Entry]) -> str:
    """UTF-8 CSV text: a header of `FIELDS`, one line per entry, ``\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for entry in entries:
        row = record(entry)
        writer.writerow([_csv_value(row[name]) for name in FIELDS])
    return buffer.getvalue()


def to_json(entries: Sequence[Entry]) -> str:
    """A JSON list of records of `FIELDS` (``null`` where a value is absent), indented, ending in a newline."""
    return json.dumps([record(entry) for entry in entries], ensure_ascii=False, indent=2) + "\n"
