"""Benchmark: the signer's step (ND30 Điều 13.7), letters per second.

    python benchmarks/bench_sign.py [--letters 40] [--rounds 3] [--jobs 2]

Letters rendered by congvan and converted by LibreOffice, each signed LETTERS times:

- baseline: pyHanko alone (``signers.sign_pdf`` with a PKCS#12 key into an empty field), no ND30 layout;
- congvan, PKCS#12 key, on the 2020 directive as ``render --pdf`` / ``to_pdf`` makes it: signing-ready
  (fields added from the templates' named destinations), a draft with its number and date blank;
- congvan, PKCS#12 key, on a follow-up letter as ``batch --pdf`` makes it (signing-ready, numbered);
- congvan, PKCS#12 key, on the directive converted with ``signing_ready=False``: the signer's step
  prepares it from its named destinations;
- congvan, PKCS#12 key, on the directive without the templates' bookmarks (as from a user's template):
  the signer's step finds title and name by the text;
- congvan, SoftHSM2 token (PKCS#11), on the letter as render --pdf makes it;
- the render --pdf letter with JOBS worker processes (PKCS#12 and SoftHSM2), each opening its key once.

A key is opened and the image checked once per process, as in a batch (a PIN read once). One round
is run and thrown away first (imports, caches). Prints the median of ROUNDS rounds, the ratio to the
baseline, and the load average before and after (the machine may be shared). Target (issue 16):
≥ 20 letters/s for the signer's step on a 2-core machine, on letters as render/batch --pdf make them.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "signing"))  # the tests' throw-away CA and images

from signing_helpers import (  # noqa: E402
    PASSWORD,
    SIGNER_NAME,
    SOFTHSM_MODULE,
    draw_signature,
    make_certificate,
    name,
    rsa_key,
    write_person,
)

import congvan  # noqa: E402
from congvan.signing import Pkcs11Key, Pkcs12Key, Signing, signature_image  # noqa: E402

TARGET = 20.0


def setup(folder: Path) -> dict:
    ca_key = rsa_key()
    ca_name = name("bench CA")
    ca = make_certificate(ca_name, ca_key, ca_name, ca_key, ca=True)
    key = rsa_key()
    signer = write_person(
        folder, "signer", SIGNER_NAME, key, make_certificate(name(SIGNER_NAME), key, ca_name, ca_key), [ca]
    )
    letter = congvan.load(ROOT / "data" / "directive-2020.yaml")
    letter = letter.model_copy(update={"signature": letter.signature.model_copy(update={"name": SIGNER_NAME})})
    congvan.render(letter, folder / "letter.docx")
    (ready,) = congvan.to_pdf([folder / "letter.docx"], folder)  # as render --pdf makes it
    (folder / "raw").mkdir()
    shutil.copy(folder / "letter.docx", folder / "raw" / "plain.docx")
    without_bookmarks(folder / "letter.docx", folder / "raw" / "untagged.docx")
    plain, untagged = congvan.to_pdf(
        [folder / "raw" / "plain.docx", folder / "raw" / "untagged.docx"], folder / "raw", signing_ready=False
    )
    return {"signer": signer, "ready": ready, "batch": batch_letter(folder), "plain": plain, "untagged": untagged,
            "image": draw_signature(folder / "sig.png"), "token": softhsm(folder, signer)}  # fmt: skip


def batch_letter(folder: Path) -> Path:
    """One follow-up letter as ``batch --pdf`` writes it (numbered and dated by the batch, signing-ready)."""
    from congvan.cli import main as congvan_main

    text = (ROOT / "data" / "follow-up-2020.yaml").read_text(encoding="utf-8")
    (folder / "follow-up.yaml").write_text(text.replace("  name: null", f"  name: {SIGNER_NAME}"), encoding="utf-8")
    (folder / "directive-2020.yaml").write_text((ROOT / "data" / "directive-2020.yaml").read_text(encoding="utf-8"))
    (folder / "rows.csv").write_text("province,plan_received\nHà Nội,không\n", encoding="utf-8")
    out = folder / "batch"
    status = congvan_main(["batch", str(folder / "follow-up.yaml"), str(folder / "rows.csv"), "-o", str(out), "--pdf"])
    if status != 0:
        raise SystemExit(f"congvan batch failed with status {status}")
    (pdf,) = sorted((out / "pdf").glob("[0-9]*.pdf"))
    return pdf


def without_bookmarks(docx: Path, out: Path) -> Path:
    """``docx`` with its Word bookmarks taken out, as a letter from a user's own template would be."""
    import re
    import zipfile

    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = re.sub(rb"<w:bookmark(Start|End) [^>]*/>", b"", data)
            target.writestr(item, data)
    return out


def softhsm(folder: Path, signer) -> dict | None:
    tool = shutil.which("softhsm2-util")
    if tool is None or not SOFTHSM_MODULE.is_file():
        return None
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(config)  # inherited by the worker processes
    run = {"check": True, "capture_output": True}
    subprocess.run(
        [tool, "--init-token", "--free", "--label", "bench", "--so-pin", "87654321", "--pin", "123456"], **run
    )
    subprocess.run(
        [tool, "--import", str(signer.key), "--token", "bench", "--label", "k", "--id", "01", "--pin", "123456"], **run
    )
    return {"module": SOFTHSM_MODULE, "token": "bench", "key_label": "k", "pin": "123456", "cert": signer.cert}


def congvan_key(setup_data: dict, kind: str):
    if kind == "p12":
        return Pkcs12Key(setup_data["signer"].p12, PASSWORD)
    token = setup_data["token"]
    return Pkcs11Key(token["module"], token["token"], token["key_label"], token["pin"], cert=token["cert"])


def sign_many(setup_data: dict, kind: str, source: str, letters: int, folder: str) -> float:
    """Sign ``letters`` letters in this process; seconds for the signatures (key opened before)."""
    image = signature_image(setup_data["image"])
    with Signing(congvan_key(setup_data, kind)) as signing:
        start = time.perf_counter()
        for index in range(letters):
            signing.sign(setup_data[source], Path(folder) / f"{kind}-{source}-{index}.pdf", role="signer", image=image)
        return time.perf_counter() - start


def pyhanko_alone(setup_data: dict, letters: int, folder: str) -> float:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    signer = signers.SimpleSigner.load_pkcs12(str(setup_data["signer"].p12), passphrase=PASSWORD.encode())
    data = Path(setup_data["ready"]).read_bytes()
    meta = signers.PdfSignatureMetadata(field_name="NguoiCoThamQuyen", subfilter=SigSeedSubFilter.PADES)
    start = time.perf_counter()
    for index in range(letters):
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        output = signers.sign_pdf(writer, meta, signer=signer, existing_fields_only=True)
        (Path(folder) / f"pyhanko-{index}.pdf").write_bytes(output.getvalue())
    return time.perf_counter() - start


def parallel(setup_data: dict, kind: str, source: str, letters: int, folder: str, jobs: int) -> float:
    shares = [letters // jobs + (1 if i < letters % jobs else 0) for i in range(jobs)]
    # spawn, not fork: a forked child inherits the parent's initialised PKCS#11 module, which SoftHSM2 refuses
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_warm, range(jobs)))  # interpreter start-up and imports are not the signing
        start = time.perf_counter()
        futures = [
            pool.submit(sign_many, setup_data, kind, source, share, f"{folder}/w{i}") for i, share in enumerate(shares)
        ]
        for future in futures:
            future.result()
        return time.perf_counter() - start


def _warm(_: int) -> None:
    import pyhanko.sign.signers  # noqa: F401

    import congvan.signing.sign  # noqa: F401


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        data = setup(folder)
        runs = {
            "pyHanko alone, PKCS#12, signing-ready letter": lambda out: pyhanko_alone(data, options.letters, out),
            "congvan, PKCS#12, render --pdf letter": lambda out: sign_many(data, "p12", "ready", options.letters, out),
            "congvan, PKCS#12, batch --pdf letter": lambda out: sign_many(data, "p12", "batch", options.letters, out),
            "congvan, PKCS#12, not ready (destinations)": lambda out: sign_many(
                data, "p12", "plain", options.letters, out
            ),
            "congvan, PKCS#12, not ready, no destinations (text)": lambda out: sign_many(
                data, "p12", "untagged", options.letters, out
            ),
        }
        if data["token"] is not None:
            runs["congvan, SoftHSM2 (PKCS#11), render --pdf letter"] = lambda out: sign_many(
                data, "token", "ready", options.letters, out
            )
        runs[f"congvan, PKCS#12, render --pdf letter, {options.jobs} processes"] = lambda out: parallel(
            data, "p12", "ready", options.letters, out, options.jobs
        )
        if data["token"] is not None:
            runs[f"congvan, SoftHSM2, render --pdf letter, {options.jobs} processes"] = lambda out: parallel(
                data, "token", "ready", options.letters, out, options.jobs
            )
        print(
            f"signer's step, {options.letters} letters (the 2020 directive, 4 pages; a follow-up, 2 pages), "
            f"median of {options.rounds} rounds after one thrown away"
        )
        print(f"  load average before: {_load()}")
        baseline = None
        for label, run in runs.items():
            times = []
            for round_ in range(options.rounds + 1):
                out = folder / f"out-{round_}-{abs(hash(label))}"
                for worker in range(options.jobs):
                    (out / f"w{worker}").mkdir(parents=True)
                elapsed = run(str(out))
                if round_:
                    times.append(elapsed)
                shutil.rmtree(out)
            rate = options.letters / statistics.median(times)
            baseline = baseline or rate
            print(f"  {label:<56} {rate:7.1f} letters/s   ({rate / baseline:4.2f}× pyHanko alone)")
        print(f"  load average after: {_load()}")
        print(f"  target: ≥ {TARGET:g} letters/s for the signer's step (issue 16); {os.cpu_count()} CPUs")


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min)"


if __name__ == "__main__":
    main()
