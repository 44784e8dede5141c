"""`make demo`: the 2020 directive and its 63 follow-up letters, Quảng Ninh's answer in every model of
Phụ lục III (out/models/), and the 2026 campaign to the 34 units, into out/.

python examples/demo.py [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

import congvan
from congvan.documents.administrative import SAMPLES

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

    models = render_models(out / "models")
    print(f"wrote {len(models)} documents, one per model of Phụ lục III, to {out / 'models'}")

    sys.path.insert(0, str(ROOT / "examples" / "campaign-2026"))
    from run import run as campaign_2026

    campaign = campaign_2026(out / "campaign-2026")
    print(f"wrote {len(campaign.documents)} letters of 2026 to the provincial People's Committees to {campaign.folder}")


def render_models(folder: Path) -> list[Path]:
    """Each sample of data/models/ rendered by its kind's template: mau-1.2-quyet-dinh.docx …, and the
    Quy chế that the Quyết định of Mẫu 1.3 issues, mau-1.3-quy-che.docx."""
    written = []
    for name in SAMPLES:
        document = congvan.load(ROOT / "data" / "models" / name)
        target = folder / name.replace(".yaml", ".docx")
        congvan.render(document, target)
        written.append(target)
        if getattr(document, "issues", None) is not None:
            issued = folder / "mau-1.3-quy-che.docx"
            congvan.render(document.issued_document(), issued)
            written.append(issued)
    return written


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "out"))
