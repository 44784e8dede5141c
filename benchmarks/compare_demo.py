"""Whether ``make demo`` writes the same bytes as at an earlier commit: letters, combined files, manifests.

    .venv/bin/python benchmarks/compare_demo.py [--base REF]

The demo (``examples/demo.py``) is run twice in this virtualenv: once from a checkout of
``REF`` (default ``db37cad``, the last commit before the redesign of issue 13) made with
``git worktree``, once from the working tree. Each run gets its own ``PYTHONPATH``, so each
imports its own ``congvan``. Every file of the two output folders is compared byte for byte;
the script prints the count and each file that differs or exists on one side only, and exits
1 when any does. A difference made on purpose (new bookmarks in a template…) is explained in
the commit that makes it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEFORE_REDESIGN = "db37cad"


def run_demo(checkout: Path, out: Path) -> None:
    for resources in ("templates", "data"):  # found beside the checkout's own code, not the installed one's
        link = checkout / "src" / "congvan" / resources
        if checkout != ROOT and not link.exists():
            link.symlink_to(checkout / resources, target_is_directory=True)
    environment = {**os.environ, "PYTHONPATH": str(checkout / "src"), "TZ": "UTC", "LC_ALL": "C.UTF-8"}
    subprocess.run(
        [sys.executable, str(checkout / "examples" / "demo.py"), str(out)],
        cwd=checkout,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def digests(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BEFORE_REDESIGN, help="the commit to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="congvan-demo-") as scratch:
        base = Path(scratch) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base), args.base], cwd=ROOT, check=True)
        try:
            run_demo(base, Path(scratch) / "before")
            run_demo(ROOT, Path(scratch) / "after")  # the editable install maps templates and data here
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=True)
        before, after = digests(Path(scratch) / "before"), digests(Path(scratch) / "after")
    differing = sorted(name for name in before.keys() & after.keys() if before[name] != after[name])
    only = sorted(before.keys() ^ after.keys())
    same = len(before.keys() & after.keys()) - len(differing)
    print(
        f"make demo at {args.base} and now: {same} files byte-identical, {len(differing)} differ, {len(only)} on one side"
    )
    for name in differing:
        print(f"  differs: {name}")
    for name in only:
        print(f"  only {'before' if name in before else 'now'}: {name}")
    return 1 if differing or only else 0


if __name__ == "__main__":
    sys.exit(main())
