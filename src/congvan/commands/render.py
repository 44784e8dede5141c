"""``congvan render DATA.yaml -o OUT.docx``: one công văn from its data file."""

from __future__ import annotations

import argparse
from typing import Any

from congvan.commands.options import add_output, add_quiet, say
from congvan.commands.pdf import add_timeout_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render",
        help="render a công văn from its YAML data",
        description="Render a công văn (ND30 Mẫu 1.5) from a YAML data file into a .docx. "
        "Every problem in the data is reported at once; nothing is written then (exit 2).",
    )
    parser.add_argument("data", metavar="DATA.yaml", help="the document's data")
    add_output(parser, "OUT.docx", "where to write the .docx", required=True)
    parser.add_argument(
        "--template", default=None, metavar="TEMPLATE", help="a .docx template or a bundled template's name"
    )
    parser.add_argument("--pdf", action="store_true", help="also write a PDF beside the .docx (LibreOffice)")
    add_timeout_option(parser)
    add_quiet(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from congvan.documents import load, render
    from congvan.files import check_output_file, write_atomically

    document = load(args.data)
    output = Path(args.output)
    check_output_file(output, [args.data, args.template])
    if not args.pdf:
        render(document, output, template=args.template)
        say(args, f"wrote {output}")
        return 0

    import tempfile

    from congvan.pdf import DEFAULT_TIMEOUT, to_pdf

    data = render(document, template=args.template)
    pdf_target = output.with_suffix(".pdf")
    check_output_file(pdf_target, [args.data, args.template])
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".congvan-render.", dir=output.parent) as scratch:
        draft = Path(scratch) / output.name
        draft.write_bytes(data)
        (pdf,) = to_pdf([draft], scratch, timeout=args.timeout or DEFAULT_TIMEOUT)
        write_atomically(pdf_target, pdf.read_bytes())  # the PDF first: a failure leaves neither file new
        write_atomically(output, data)
    say(args, f"wrote {output}")
    say(args, f"wrote {pdf_target}")
    return 0
