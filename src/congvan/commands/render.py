"""``congvan render DATA.yaml -o OUT.docx``: one công văn from its data file."""

from __future__ import annotations

import argparse
from typing import Any

from congvan.commands.pdf import add_timeout_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render",
        help="render a công văn from its YAML data",
        description="Render a công văn (ND30 Mẫu 1.5) from a YAML data file into a .docx. "
        "Every problem in the data is reported at once; nothing is written then (exit 2).",
    )
    parser.add_argument("data", metavar="DATA.yaml", help="the document's data")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.docx", help="where to write the .docx")
    parser.add_argument(
        "--template", default=None, metavar="TEMPLATE", help="a .docx template or a bundled template's name"
    )
    parser.add_argument("--pdf", action="store_true", help="also write a PDF beside the .docx (LibreOffice)")
    add_timeout_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from congvan.documents import load, render
    from congvan.files import check_output_file

    document = load(args.data)
    check_output_file(args.output, [args.data, args.template])
    render(document, args.output, template=args.template)
    print(f"wrote {args.output}")
    if args.pdf:
        from pathlib import Path

        from congvan.pdf import DEFAULT_TIMEOUT, to_pdf

        output = Path(args.output)
        (pdf,) = to_pdf([output], output.parent, timeout=args.timeout or DEFAULT_TIMEOUT)
        print(f"wrote {pdf}")
    return 0
