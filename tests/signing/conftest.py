"""What the signing tests share, all made at test time: a throw-away CA with signer, organisation and
timestamp certificates (no private key is committed), the signature and seal images, letters rendered
by congvan and converted by LibreOffice, a local RFC 3161 timestamp server, and a SoftHSM2 token."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from signing_helpers import (
    ORGANISATION,
    PASSWORD,
    SIGNER_NAME,
    SOFTHSM_MODULE,
    Person,
    draw_seal,
    draw_signature,
    make_certificate,
    name,
    rsa_key,
    vietnam_today,
    write_person,
)

HERE = Path(__file__).parent
TOOLS = ("soffice", "pdftotext", "pdftoppm", "pdfsig")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The signing tests convert letters with LibreOffice and read them with poppler: skip them without those."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"needs {', '.join(missing)} (.ci/run installs LibreOffice and poppler-utils)")
    for item in items:
        if Path(str(item.path)).is_relative_to(HERE):
            item.add_marker(skip)


@dataclass(frozen=True)
class Pki:
    root: Path
    ca: Path
    signer: Person
    organisation: Person
    tsa: Person
    password_file: Path
    other_ca: Path
    """A second CA that signed nothing here: trusting only it must fail the chain check."""


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import ExtendedKeyUsageOID

    folder = tmp_path_factory.mktemp("pki")
    ca_key = rsa_key()
    ca_name = name("congvan test CA")
    ca = make_certificate(ca_name, ca_key, ca_name, ca_key, ca=True)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    people = {}
    for stem, common_name, eku in (
        ("signer", SIGNER_NAME, None),
        ("organisation", ORGANISATION, None),
        ("tsa", "congvan test TSA", [ExtendedKeyUsageOID.TIME_STAMPING]),
    ):
        key = rsa_key()
        cert = make_certificate(name(common_name), key, ca_name, ca_key, eku=eku)
        people[stem] = write_person(folder, stem, common_name, key, cert, [ca])
    other_key = rsa_key()
    other = make_certificate(name("another CA"), other_key, name("another CA"), other_key, ca=True)
    (folder / "other-ca.pem").write_bytes(other.public_bytes(serialization.Encoding.PEM))
    password_file = folder / "password.txt"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    return Pki(folder, folder / "ca.pem", people["signer"], people["organisation"], people["tsa"], password_file,
               folder / "other-ca.pem")  # fmt: skip


@dataclass(frozen=True)
class Images:
    signature: Path
    seal: Path
    seal_no_dpi: Path


@pytest.fixture(scope="session")
def images(tmp_path_factory: pytest.TempPathFactory) -> Images:
    folder = tmp_path_factory.mktemp("images")
    return Images(
        draw_signature(folder / "chu-ky.png"),
        draw_seal(folder / "con-dau.png"),
        draw_seal(folder / "con-dau-no-dpi.png", dpi=None),
    )


@dataclass(frozen=True)
class Letters:
    draft: Path
    """The 2020 directive as a draft (number and date blank), with the signer's name."""
    numbered: Path
    """The same letter with its number and date printed."""
    unnamed: Path
    """The draft without the signer's name (as the seed)."""
    attachment: Path
    """A one-page attachment in its own file."""
    plain: Path
    """The draft as LibreOffice wrote it: congvan's named destinations, no fields yet (``signing_ready=False``)."""
    untagged: Path
    """The draft without the templates' bookmarks (as from a user's template): no destinations, no fields."""


@pytest.fixture(scope="session")
def letters(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Letters:
    import docx
    import docx.shared

    import congvan

    folder = tmp_path_factory.mktemp("letters")
    seed = congvan.load(root / "data" / "directive-2020.yaml")
    named = seed.model_copy(update={"signature": seed.signature.model_copy(update={"name": SIGNER_NAME})})
    numbered = named.model_copy(
        update={"number": named.number.model_copy(update={"number": 135}), "issued_on": dt.date(2020, 3, 5)}
    )
    congvan.render(named, folder / "draft.docx")
    congvan.render(numbered, folder / "numbered.docx")
    congvan.render(seed, folder / "unnamed.docx")
    attachment = docx.Document()
    section = attachment.sections[0]
    section.page_width, section.page_height = docx.shared.Mm(210), docx.shared.Mm(297)
    section.top_margin, section.bottom_margin = docx.shared.Mm(20), docx.shared.Mm(20)
    section.left_margin, section.right_margin = docx.shared.Mm(30), docx.shared.Mm(15)
    attachment.add_paragraph("Phụ lục")
    attachment.add_paragraph("DANH SÁCH ĐƠN VỊ THỰC HIỆN")
    attachment.add_paragraph("(Kèm theo Công văn số     /BTTTT-TTĐN của Bộ Thông tin và Truyền thông)")
    for index in range(1, 6):
        attachment.add_paragraph(f"{index}. Ủy ban nhân dân tỉnh số {index}")
    attachment.save(folder / "phu-luc.docx")
    names = ["draft", "numbered", "unnamed", "phu-luc"]
    congvan.to_pdf([folder / f"{name}.docx" for name in names], folder)
    (folder / "raw").mkdir()
    shutil.copy(folder / "draft.docx", folder / "raw" / "plain.docx")
    without_bookmarks(folder / "draft.docx", folder / "raw" / "untagged.docx")
    congvan.to_pdf(
        [folder / "raw" / "plain.docx", folder / "raw" / "untagged.docx"], folder / "raw", signing_ready=False
    )
    return Letters(*(folder / f"{name}.pdf" for name in names), folder / "raw" / "plain.pdf",
                   folder / "raw" / "untagged.pdf")  # fmt: skip


def without_bookmarks(docx: Path, out: Path) -> Path:
    """``docx`` with every Word bookmark taken out of its body, as a template made without congvan's would be."""
    import re
    import zipfile

    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = re.sub(rb"<w:bookmark(Start|End) [^>]*/>", b"", data)
            target.writestr(item, data)
    return out


class _TimestampHandler(BaseHTTPRequestHandler):
    stamper = None  # set by the fixture
    requests = 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        from asn1crypto import tsp

        body = self.rfile.read(int(self.headers["Content-Length"]))
        response = type(self).stamper.request_tsa_response(tsp.TimeStampReq.load(body))
        type(self).requests += 1
        data = response.dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def tsa_url(pki: Pki) -> Iterator[str]:
    """A local RFC 3161 timestamp server: pyHanko's DummyTimeStamper (its own TSA) behind http.server."""
    from asn1crypto import keys, x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    tsa_cert = x509.Certificate.load(_der(pki.tsa.cert))
    tsa_key = keys.PrivateKeyInfo.load(_key_der(pki.tsa.key))
    ca = x509.Certificate.load(_der(pki.ca))
    handler = type("Handler", (_TimestampHandler,), {"stamper": DummyTimeStamper(tsa_cert, tsa_key, [ca])})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()


def _der(pem: Path) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return x509.load_pem_x509_certificate(pem.read_bytes()).public_bytes(Encoding.DER)


def _key_der(pem: Path) -> bytes:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(pem.read_bytes(), None)
    return key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@dataclass(frozen=True)
class Token:
    module: Path
    label: str
    key_label: str
    pin: str
    pin_file: Path


@pytest.fixture(scope="session")
def softhsm(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Token]:
    """A SoftHSM2 token in a temporary folder, with the signer's key imported and its certificate stored."""
    tool = shutil.which("softhsm2-util")
    if tool is None or not SOFTHSM_MODULE.is_file():
        pytest.skip("needs SoftHSM2 (apt-get install softhsm2; .ci/run installs it)")
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOFTHSM2_CONF", str(config))
    label, key_label, pin = "congvan-test", "nguoi-ky", "123456"
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    run = dict(env=env, check=True, capture_output=True, text=True)
    subprocess.run([tool, "--init-token", "--free", "--label", label, "--so-pin", "87654321", "--pin", pin], **run)
    subprocess.run(
        [tool, "--import", str(pki.signer.key), "--token", label, "--label", key_label, "--id", "01", "--pin", pin],
        **run,
    )
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(pki.signer.cert.read_bytes())
    token = pkcs11.lib(str(SOFTHSM_MODULE)).get_token(token_label=label)
    with token.open(rw=True, user_pin=pin) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: key_label,
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: _der(pki.signer.cert),
            }
        )
    pin_file = folder / "pin.txt"
    pin_file.write_text(pin + "\n")
    try:
        yield Token(SOFTHSM_MODULE, label, key_label, pin, pin_file)
    finally:
        patch.undo()


@dataclass(frozen=True)
class Flow:
    """The 2020 directive signed by the competent person, then issued by the organisation."""

    signed: Path
    issued: Path
    number: str
    issued_on: dt.date


@pytest.fixture(scope="session")
def flow(pki: Pki, images: Images, letters: Letters, tmp_path_factory: pytest.TempPathFactory) -> Flow:
    from congvan.signing import Pkcs12Key, sign_pdf

    folder = tmp_path_factory.mktemp("flow")
    signed, issued = folder / "signed.pdf", folder / "issued.pdf"
    sign_pdf(letters.draft, signed, role="signer", key=Pkcs12Key(pki.signer.p12, PASSWORD), image=images.signature)
    today = vietnam_today()
    sign_pdf(
        signed,
        issued,
        role="organisation",
        key=Pkcs12Key(pki.organisation.p12, PASSWORD),
        image=images.seal,
        seal_size="36mm",
        number="07",
        issued_on=today,
    )
    return Flow(signed, issued, "07/BTTTT-TTĐN", today)
