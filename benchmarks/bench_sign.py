"""Benchmark: the signer's step (ND30 Điều 13.7) on the 2020 directive, letters per second.

    python benchmarks/bench_sign.py [--letters 40] [--rounds 3]

One letter rendered by congvan and converted by LibreOffice, signed LETTERS times:

- baseline: pyHanko alone (``signers.sign_pdf`` with a PKCS#12 key into an empty field), no ND30 layout;
- congvan, PKCS#12 key, on the signing-ready letter (fields already there, as ``prepare_pdf`` makes it);
- congvan, PKCS#12 key, on the letter as LibreOffice wrote it (finding title and name by the text included);
- congvan, SoftHSM2 token (PKCS#11), on the signing-ready letter;
- the same two with 2 worker processes (``--jobs 2``), each opening its key once.

A key is opened and the image checked once per process, as in a batch (a PIN read once). Prints
the median of ROUNDS rounds and the ratio to the baseline. Target (issue 16): ≥ 20 letters/s for the
signer's step on a 2-core machine.
"""

from __future__ import annotations

import argparse
import io
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
from congvan.signing import Pkcs11Key, Pkcs12Key, Signing, prepare_pdf, signature_image  # noqa: E402

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
    (raw,) = congvan.to_pdf([folder / "letter.docx"], folder)
    ready = prepare_pdf(raw, folder / "ready.pdf")
    return {"signer": signer, "raw": raw, "ready": ready, "image": draw_signature(folder / "sig.png"),
            "token": softhsm(folder, signer)}  # fmt: skip


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
    with ProcessPoolExecutor(jobs) as pool:
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
            "congvan, PKCS#12, signing-ready letter": lambda out: sign_many(data, "p12", "ready", options.letters, out),
            "congvan, PKCS#12, letter as converted": lambda out: sign_many(data, "p12", "raw", options.letters, out),
        }
        if data["token"] is not None:
            runs["congvan, SoftHSM2 (PKCS#11), signing-ready"] = lambda out: sign_many(
                data, "token", "ready", options.letters, out
            )
        runs[f"congvan, PKCS#12, signing-ready, {options.jobs} processes"] = lambda out: parallel(
            data, "p12", "ready", options.letters, out, options.jobs
        )
        runs[f"congvan, PKCS#12, as converted, {options.jobs} processes"] = lambda out: parallel(
            data, "p12", "raw", options.letters, out, options.jobs
        )
        if data["token"] is not None:
            runs[f"congvan, SoftHSM2, signing-ready, {options.jobs} processes"] = lambda out: parallel(
                data, "token", "ready", options.letters, out, options.jobs
            )
        print(
            f"signer's step, {options.letters} letters (the 2020 directive, 4 pages), median of {options.rounds} rounds"
        )
        baseline = None
        for label, run in runs.items():
            times = []
            for round_ in range(options.rounds):
                out = folder / f"out-{len(times)}-{round_}-{abs(hash(label))}"
                for worker in range(options.jobs):
                    (out / f"w{worker}").mkdir(parents=True)
                times.append(run(str(out)))
                shutil.rmtree(out)
            rate = options.letters / statistics.median(times)
            baseline = baseline or rate
            print(f"  {label:<52} {rate:7.1f} letters/s   ({rate / baseline:4.2f}× pyHanko alone)")
        print(f"  target: ≥ {TARGET:g} letters/s for the signer's step (issue 16); {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
