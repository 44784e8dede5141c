"""``congvan verify FILE.pdf|DIR [--trust CA.pem] [--format text|json]``: check a received electronic document.

Điều 21.2.a: the văn thư checks the authenticity and integrity of an electronic document it receives.
Exit 0 when every signature and every ND30 check holds, 1 when one does not (the reasons are printed),
2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="verify the digital signatures of a PDF, or of every PDF in a folder (ND30)",
        description="For each signature: its role, the certificate's subject, the signing time, integrity, "
        "whether later changes are permitted ones, and the certificate chain against the trust roots; for the "
        "document: both ND30 signatures in their order, and the signature image and seal where Phụ lục I puts "
        "them. Exit 0 only when everything holds, else 1 with the reasons.",
    )
    parser.add_argument("path", metavar="FILE.pdf|DIR", type=Path, help="a PDF, or a folder of PDFs")
    parser.add_argument(
        "--trust", metavar="CA.pem", action="append", default=[], help="trusted root certificates (repeatable)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from congvan.errors import PdfError
    from congvan.signing import verify_folder, verify_pdf

    path: Path = args.path
    if path.is_dir():
        results = verify_folder(path, trust=args.trust)
        if not results:
            raise PdfError(f"{path}: no PDF files in this folder")
    elif path.is_file():
        results = [verify_pdf(path, trust=args.trust)]
    else:
        raise PdfError(f"{path}: no such file or folder")
    if args.format == "json":
        data = [result.to_dict() for result in results]
        print(json.dumps(data if path.is_dir() else data[0], ensure_ascii=False, indent=2))
    else:
        for result in results:
            print(_text(result))
    return 0 if all(result.ok for result in results) else 1


def _text(result) -> str:  # result: congvan.signing.Verification
    from congvan.signing import iso8601

    head = f"{result.path}: {'OK' if result.ok else 'FAILED'} ({result.kind}"
    head += "".join(f"; {value}" for value in (result.number, result.issued) if value) + ")"
    lines = [head]
    for index, signature in enumerate(result.signatures, start=1):
        role = signature.role.value if signature.role else "unknown role"
        when = iso8601(signature.signing_time) if signature.signing_time else "no time"
        if signature.timestamped:
            when += " (timestamped)"
        state = ", ".join(
            (
                "intact" if signature.intact else "NOT INTACT",
                "valid" if signature.valid else "NOT VALID",
                "chain trusted" if signature.trusted else "chain NOT trusted",
                f"changes after: {signature.changes}" + ("" if signature.permitted_changes else " (NOT permitted)"),
            )
        )
        lines.append(f"  {index}. {role} [{signature.field}] {signature.subject}; signed {when}; {state}")
    lines += [f"  problem: {problem}" for problem in result.problems]
    return "\n".join(lines)
