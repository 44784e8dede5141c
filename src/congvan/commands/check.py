"""``congvan check``: lint a template, or check a rendered letter against ND30 (``--nd30``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from congvan.commands.options import add_table_options, iso_date


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="lint a .docx template, or check a rendered letter against ND30 (--nd30)",
        description="Report every problem of a .docx template in one run, each with its place: Jinja "
        "syntax, tags split by Word, unbalanced {%p %}/{%tr %}/{%tc %} blocks, unknown filters, "
        "variables the model or sample data lacks, fields never used (warnings). With a merge's table as "
        "--data, check the template against its columns and render every row as congvan merge would, "
        "reporting each row that fails with its row and column. With --nd30, check a rendered letter "
        "against the layout of Nghị định 30/2020/NĐ-CP instead. Findings come in document order. "
        "Exit status: 0 clean, 1 problems found, 2 usage error or input that cannot be read.",
    )
    parser.add_argument("document", metavar="FILE.docx", help="the template (or, with --nd30, the rendered letter)")
    parser.add_argument(
        "--nd30",
        action="store_true",
        help="check a rendered document against the ND30 layout (a template: what it renders from --data)",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--model", metavar="DOTTED.PATH", help="a pydantic model class whose fields are the variables")
    source.add_argument(
        "--data",
        metavar="SAMPLE.yaml|TABLE",
        help="sample data: a document of any kind (its template context is used) or any YAML mapping (used as it "
        "is); with --nd30, the document the template renders; "
        "or the table of a merge (.csv, .xlsx, or .yaml holding a list of rows): every row is rendered",
    )
    table = parser.add_argument_group("with a table as --data (the options of congvan merge)")
    add_table_options(table)
    table.add_argument("--shared", metavar="SHARED.yaml", help="values every document shares (merge's --data)")
    table.add_argument(
        "--units",
        metavar="COLUMN",
        help="the column naming each row's province or city, as in congvan merge (unit.committee, unit.name …)",
    )
    table.add_argument(
        "--on",
        type=iso_date,
        metavar="DATE",
        help="the letter's date, which chooses the units for --units (default: issued_on in --shared)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.add_argument("--strict", action="store_true", help="warnings count as problems (exit 1)")
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace) -> int:
    if args.nd30:
        if args.model or args.shared or args.units or args.on:
            args.parser.error("--nd30 checks a rendered document: --model, --shared, --units, --on do not apply")
        report = _nd30_report(args.document, args.data)
        print(report.to_json() if args.format == "json" else report.to_text())
        return 0 if report.clean else 1

    from congvan.testing.lint import lint_table, lint_template

    is_table = bool(args.data) and _is_table(args.data)
    if not is_table and (args.shared or args.units or args.on):
        args.parser.error("--shared, --units and --on apply with a table as --data (.csv, .xlsx, a YAML list)")
    if is_table:
        report = lint_table(
            args.document,
            args.data,
            data=args.shared,
            units=args.units,
            on=args.on,
            encoding=args.encoding,
            delimiter=args.delimiter,
        )
    else:
        context = model = None
        if args.model:
            model = _import_model(args.parser, args.model)
        elif args.data:
            context = _sample_context(args.data)
        report = lint_template(args.document, context=context, model=model)
    print(report.to_json() if args.format == "json" else report.to_text())
    bad = report.findings if args.strict else report.errors
    return 1 if bad else 0


def _nd30_report(document: str, data: str | None) -> Any:
    """The ND30 report of a rendered ``document``, or of what the template ``document`` renders from ``data``.

    A template (it holds Jinja tags) has no layout to check until it is rendered: without sample
    data that is a usage error (exit 2) that says so.
    """
    from congvan.errors import DataError, Problem
    from congvan.ooxml.reading import iter_paragraphs, open_package, word_parts
    from congvan.testing.nd30check import check_nd30

    if data is None:
        parts = word_parts(open_package(document, document), document)
        if any(("{{" in p.text or "{%" in p.text) for part in parts for p in iter_paragraphs(part.root)):
            raise DataError(
                [Problem("--data", "this is a template (it holds {{ … }} tags): give its sample data with --data")],
                document,
            )
        return check_nd30(document)
    from congvan.documents import load, render

    rendered = render(load(data), template=document)
    return check_nd30(rendered, label=f"{document} rendered with {data}")


def _is_table(path: str) -> bool:
    """Whether ``--data`` is a merge's table: a CSV or Excel file, or a YAML file holding a list of rows."""
    suffix = Path(path).suffix.casefold()
    from congvan.pipeline.tables import TEXT_SUFFIXES, WORKBOOK_SUFFIXES

    if suffix in TEXT_SUFFIXES + WORKBOOK_SUFFIXES:
        return True
    if suffix not in (".yaml", ".yml"):
        return False
    from congvan.loading import read_yaml

    data, _lines = read_yaml(path)
    return isinstance(data, list)


def _import_model(parser: argparse.ArgumentParser, dotted: str) -> type:
    import importlib

    module_name, _, name = dotted.rpartition(".")
    if not module_name:
        parser.error(f"--model {dotted!r}: give module.Class, e.g. congvan.model.OfficialLetter")
    try:
        model = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError) as error:
        parser.error(f"--model {dotted!r}: {error}")
    if not isinstance(model, type) or not hasattr(model, "model_fields"):
        parser.error(f"--model {dotted!r} is not a pydantic model class")
    return model


def _sample_context(path: str) -> dict[str, Any]:
    """A document's template context (any kind), a follow-up letter's (for its first province), or a YAML mapping.

    Read as every YAML input of congvan is (`congvan.loading.read_yaml`): a file that is not
    UTF-8 or not valid YAML is a `DataError` naming the file and line (exit 2).
    """
    from congvan.documents import load
    from congvan.documents.administrative import context_of
    from congvan.errors import DataError, Problem
    from congvan.loading import read_yaml

    data, _lines = read_yaml(path)
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {type(data).__name__}"
        raise DataError([Problem("", f"sample data must be a mapping of names to values, got {found}", 1)], path)
    try:
        if _looks_like_follow_up(data):
            from congvan.campaigns.followup.context import sample_context

            return sample_context(path)
        return context_of(load(path))
    except DataError:
        if _looks_like_letter(data):
            raise
        return data


def _looks_like_letter(data: dict[str, Any]) -> bool:
    return {"issuing_body", "number", "subject"} <= set(data) or "kind" in data


def _looks_like_follow_up(data: dict[str, Any]) -> bool:
    return {"directive", "plan_deadline"} <= set(data)
