"""`make demo`: the 2020 directive and its 63 follow-up letters, and the 2026 campaign to the 34 units, into out/.

python examples/demo.py [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

import congvan

ROOT = Path(__file__).resolve().parents[1]


def main(out: Path) -> None:
    directive = congvan.load(ROOT / "data" / "directive-2020.yaml")
    congvan.render(directive, out / "directive-2020.docx")
    print(f"wrote {out / 'directive-2020.docx'}")

    result = congvan.render_batch(
        ROOT / "data" / "follow-up-2020.yaml",
        ROOT / "data" / "follow-up-2020.csv",
        out / "follow-up",
        combined=True,
    )
    print(
        f"wrote {len(result.letters)} follow-up letters, manifest.csv, manifest.json and all-letters.docx "
        f"to {result.folder}"
    )

    sys.path.insert(0, str(ROOT / "examples" / "campaign-2026"))
    from run import run as campaign_2026

    campaign = campaign_2026(out / "campaign-2026")
    print(f"wrote {len(campaign.documents)} letters of 2026 to the provincial People's Committees to {campaign.folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "out"))
