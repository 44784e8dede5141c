"""Helpers of the signing tests: certificates, images, poppler's views of a PDF (pdfsig, pdftoppm, pdftotext)."""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "mật-khẩu 2020"
SIGNER_NAME = "Hoàng Vĩnh Bảo"
ORGANISATION = "Bộ Thông tin và Truyền thông"
SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")


@dataclass(frozen=True)
class Person:
    """A key with its certificate, as files: PKCS#12, PEM key, PEM certificate."""

    p12: Path
    key: Path
    cert: Path
    common_name: str


def name(common_name: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_certificate(subject, key, issuer, issuer_key, *, ca=False, eku=None, days=(-1, 365)):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days[0]))
        .not_valid_after(now + dt.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def rsa_key():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def write_person(folder: Path, stem: str, common_name: str, key, cert, chain) -> Person:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    p12 = folder / f"{stem}.p12"
    encryption = serialization.BestAvailableEncryption(PASSWORD.encode())
    p12.write_bytes(pkcs12.serialize_key_and_certificates(stem.encode(), key, cert, chain, encryption))
    key_file = folder / f"{stem}.key"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_file = folder / f"{stem}.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Person(p12, key_file, cert_file, common_name)


def draw_signature(path: Path, colour=(20, 40, 200, 255), dpi: int | None = 300) -> Path:
    """A handwritten-looking signature on a transparent background."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (620, 260), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [(40 + x, 130 + 70 * math.sin(x / 33) * math.exp(-x / 600)) for x in range(0, 540, 3)]
    draw.line(points, fill=colour, width=10)
    draw.line([(90, 215), (560, 185)], fill=colour, width=7)
    image.save(path, dpi=(dpi, dpi)) if dpi else image.save(path)
    return path


def draw_seal(path: Path, colour=(215, 25, 35, 255), dpi: int | None = 300, pixels: int = 472) -> Path:
    """A round seal with a star on a transparent background; 472 px at 300 DPI is 40 mm."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (pixels, pixels), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, pixels - 4, pixels - 4), outline=colour, width=pixels // 32)
    inner = pixels // 8
    draw.ellipse((inner, inner, pixels - inner, pixels - inner), outline=colour, width=pixels // 80)
    centre, radius = pixels / 2, pixels / 6
    star = [
        (centre + radius * math.cos(math.pi / 2 + k * 4 * math.pi / 5), centre - radius * math.sin(math.pi / 2 + k * 4 * math.pi / 5))
        for k in range(5)
    ]  # fmt: skip
    draw.polygon(star, fill=colour)
    image.save(path, dpi=(dpi, dpi)) if dpi else image.save(path)
    return path


def vietnam_today() -> dt.date:
    from congvan.signing.wording import vietnam_time

    return vietnam_time().date()


def pdfsig(pdf: Path) -> list[dict[str, str]]:
    """poppler's own view of the signatures (``pdfsig -nocert``: the certificates are checked by congvan verify)."""
    result = subprocess.run(["pdfsig", "-nocert", "-no-ocsp", str(pdf)], capture_output=True, text=True, check=False)
    signatures: list[dict[str, str]] = []
    for line in result.stdout.splitlines():
        if re.match(r"^Signature #\d+:", line):
            signatures.append({})
        elif signatures and line.strip().startswith("- "):
            key, _, value = line.strip()[2:].partition(": ")
            signatures[-1][key] = value if value else key
    return signatures


def render_page(pdf: Path, page: int, dpi: int, folder: Path):
    """Page ``page`` (1-based) drawn by pdftoppm, which draws the signatures' appearances, as a Pillow image."""
    from PIL import Image

    stem = folder / f"{pdf.stem}-page{page}-{dpi}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
        capture_output=True,
    )
    return Image.open(f"{stem}.png").convert("RGB")


def colour_box(image, colour: str) -> tuple[int, int, int, int] | None:
    """The bounding box (pixels) of the strongly blue or red pixels of a drawn page."""
    from PIL import ImageChops

    r, g, b = image.split()
    if colour == "blue":
        strong = ImageChops.subtract(b, ImageChops.lighter(r, g))
    else:
        strong = ImageChops.subtract(r, ImageChops.lighter(g, b))
    return strong.point(lambda v: 255 if v > 70 else 0).getbbox()


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def words(pdf: Path, page: int) -> list[Word]:
    """The words of page ``page`` (1-based) with their boxes in points from the top left (pdftotext -bbox)."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [Word(t, float(a), float(b), float(c), float(d)) for a, b, c, d, t in re.findall(pattern, result.stdout)]
