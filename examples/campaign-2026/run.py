"""The 2026 campaign: one letter to each of the 34 provincial People's Committees of today.

    python examples/campaign-2026/run.py [OUT]        # default: out/campaign-2026

The shared parts (header, number, date, V/v, body, signature, Nơi nhận) come from the
công văn in letter.yaml; each row of provinces-2026.csv names a province or city, which
`congvan.merge(..., units="tinh")` resolves on the letter's date: that date chooses the
units, so the same table addressed to 2020-01-01 would be refused for the merged ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

import congvan
from congvan.documents import letter_context

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def run(out: Path) -> congvan.MergeResult:
    letter = congvan.load(HERE / "letter.yaml")
    shared = {**letter_context(letter), "issuer": letter.issuing_body.name}
    return congvan.merge(
        HERE / "letter.docx",
        HERE / "provinces-2026.csv",
        out,
        data=shared,
        units="tinh",
        on=letter.issued_on,
        pattern="{unit[code]}.docx",
    )


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "out" / "campaign-2026"
    result = run(out)
    print(f"wrote {len(result.documents)} letters to {result.folder}/, one per provincial People's Committee")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
