"""``congvan render DATA.yaml -o OUT.docx``: one document of any kind from its data file."""

from __future__ import annotations

import argparse
from typing import Any

from congvan.commands.options import add_output, add_quiet, add_templates, say
from congvan.commands.pdf import add_timeout_option
from congvan.commands.register_numbers import add_register_options


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render",
        help="render a document of any kind from its YAML data",
        description="Render a document from a YAML data file into a .docx: a công văn (ND30 Mẫu 1.5, the "
        "default) or any model of Phụ lục III named by its kind (quyết định, kế hoạch, giấy mời …). "
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
    add_templates(parser)
    add_register_options(parser, "the document (its data gives issued_on and no number)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from congvan.documents import load, render
    from congvan.files import check_output_file, write_atomically
    from congvan.register_options import numbered_from_register

    document = load(args.data)
    output = Path(args.output)
    check_output_file(output, [args.data, args.template])
    if numbered_from_register(args.register, args.register_name, args.run_id):
        return _render_numbered(args, document, output)
    if not args.pdf:
        render(document, output, template=args.template, templates=args.templates)
        say(args, f"wrote {output}")
        return 0

    import tempfile

    from congvan.pdf import DEFAULT_TIMEOUT, to_pdf

    data = render(document, template=args.template, templates=args.templates)
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


def _render_numbered(args: argparse.Namespace, document: Any, output: Any) -> int:
    """--register: one number taken with the file written; prints it."""
    from congvan.documents.numbered import render_numbered

    issued = render_numbered(
        document,
        output,
        register=args.register,
        name=args.register_name,
        run_id=args.run_id,
        template=args.template,
        templates=args.templates,
        pdf=args.pdf,
        timeout=args.timeout,
        source=args.data,
    )
    say(args, f"wrote {issued.docx}")
    if issued.pdf is not None:
        say(args, f"wrote {issued.pdf}")
    say(args, f"number: {issued.entry.number_symbol} (register {issued.entry.register!r}, {issued.entry.year})")
    return 0
