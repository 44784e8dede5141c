"""``congvan provinces``: list the provincial units (tỉnh, thành phố) in force on a date."""

from __future__ import annotations

import argparse
from typing import Any

from congvan.commands.options import add_format, iso_date

FORMATS = ("table", "csv", "json")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "provinces",
        help="list the provincial units in force on a date",
        description="List the provincial units (tỉnh, thành phố trực thuộc trung ương) in force "
        "on a date, in Vietnamese alphabetical order.",
    )
    parser.add_argument("--on", type=iso_date, default=None, metavar="DATE", help="YYYY-MM-DD (default: today)")
    add_format(parser, FORMATS, "table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import csv
    import json
    import sys

    from congvan.units import provinces

    units = provinces(args.on)
    rows = [
        {
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind.value,
            "committee": unit.committee,
            "committee_short": unit.committee_short,
            "slug": unit.slug,
            "valid_from": unit.valid_from.isoformat(),
            "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
            "predecessors": [p.code for p in unit.predecessors],
        }
        for unit in units
    ]
    out = sys.stdout
    if args.format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "predecessors": " ".join(row["predecessors"])})
    else:
        columns = ("code", "name", "kind", "committee")
        table = [columns, *([row[c] or "" for c in columns] for row in rows)]
        widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
        for line in table:
            out.write("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())
            out.write("\n")
    return 0
