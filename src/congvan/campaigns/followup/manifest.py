"""The batch's manifest (CSV and JSON), its fields named after ND30 Phụ lục VI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from congvan.campaigns.followup.model import FollowUp
from congvan.files import write_records

MANIFEST_FIELDS = (
    "File",
    "ProvinceCode",
    "CodeNumber",
    "CodeNotation",
    "IssuedDate",
    "OrganName",
    "Subject",
    "SignerInfo.Position",
    "SignerInfo.FullName",
    "To.OrganName",
    "Sha256",
)


@dataclass(frozen=True)
class LetterResult:
    """One letter of a batch: recipient, file, number and symbol, SHA-256."""

    code: str
    recipient: str
    file: str
    number_symbol: str
    sha256: str


def manifest_rows(letters: Iterable[LetterResult], follow_up: FollowUp) -> list[dict[str, Any]]:
    """One record per letter, named after the metadata fields of ND30 Phụ lục VI."""
    signature = follow_up.signature
    position = " ".join(signature.lines)
    rows = []
    for letter in letters:
        number, _, notation = letter.number_symbol.partition("/")
        rows.append(
            {
                "File": letter.file,
                "ProvinceCode": letter.code,
                "CodeNumber": number.strip(),
                "CodeNotation": notation,
                "IssuedDate": follow_up.issued_on.isoformat() if follow_up.issued_on else "",
                "OrganName": follow_up.issuing_body.name,
                "Subject": f"V/v {follow_up.subject}",
                "SignerInfo.Position": position,
                "SignerInfo.FullName": signature.name or "",
                "To.OrganName": letter.recipient,
                "Sha256": letter.sha256,
            }
        )
    return rows


def write_manifest(folder: Path, letters: Iterable[LetterResult], follow_up: FollowUp) -> None:
    """manifest.csv and manifest.json: one record per letter."""
    write_records(folder, "manifest", manifest_rows(letters, follow_up), MANIFEST_FIELDS)
