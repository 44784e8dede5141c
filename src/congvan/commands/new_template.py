"""``congvan new-template KIND -o my.docx``: the ND30 skeleton of a kind's template, with its sample data."""

from __future__ import annotations

import argparse
from typing import Any

from congvan.commands.options import add_output, add_quiet, say


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "new-template",
        help="write the ND30 template of a kind of document, with sample data, to adapt in Word",
        description="Write the bundled template of KIND (quyết định, kế hoạch, giấy mời … any model of "
        "Phụ lục III) to OUT.docx, laid out by ND30 with its Jinja tags, and its sample data beside it "
        "(OUT.yaml). `congvan check OUT.docx --data OUT.yaml` lints it, `congvan check --nd30 OUT.docx "
        "--data OUT.yaml` checks what it renders against ND30, and `congvan render OUT.yaml --template "
        "OUT.docx -o X.docx` renders it.",
    )
    parser.add_argument("kind", metavar="KIND", help="the kind of document: quyết định, kế hoạch, báo cáo …")
    add_output(parser, "OUT.docx", "where to write the template (its sample data goes to OUT.yaml)", required=True)
    parser.add_argument("--force", action="store_true", help="replace OUT.docx and OUT.yaml if they exist")
    add_quiet(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from congvan.documents.administrative import TEMPLATES, sample_data
    from congvan.engine.loader import bundled_template
    from congvan.errors import DataError, OutputError, Problem
    from congvan.files import check_output_file, write_atomically
    from congvan.model.kinds import KIND_CLASSES, normal_kind

    kind = normal_kind(args.kind)
    if kind not in KIND_CLASSES:
        kinds = ", ".join(KIND_CLASSES)
        raise DataError([Problem("KIND", f"{args.kind!r} is not a kind of document: write one of {kinds}")])
    template = bundled_template(TEMPLATES.get(KIND_CLASSES[kind], "congvan"))
    output = Path(args.output)
    data = output.with_suffix(".yaml")
    for target in (output, data):
        check_output_file(target, [])
        if target.exists() and not args.force:
            raise OutputError(f"{target} exists: give --force to replace it")
    sample = sample_data(kind)
    write_atomically(output, template.read_bytes())
    write_atomically(data, sample)
    say(args, f"wrote {output} (the template of a {kind}) and {data} (its sample data); check them with")
    say(args, f"  congvan check {output} --data {data}")
    say(args, f"  congvan check --nd30 {output} --data {data}")
    return 0
