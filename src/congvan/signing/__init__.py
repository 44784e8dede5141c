"""ND30's two digital signatures on a letter's PDF, the signer's then the organisation's, and their verification.

See docs/signing.md for the rules (Nghị định 30/2020/NĐ-CP, Điều 5, 13, 15, 17, 21, 32 and
Phụ lục I) and how each is met.

    from congvan.signing import Pkcs12Key, sign_pdf, verify_pdf

    sign_pdf("letter.pdf", "signed.pdf", role="signer", key=Pkcs12Key("me.p12", "…"), image="sig.png")
    sign_pdf("signed.pdf", "issued.pdf", role="organisation", key=Pkcs12Key("org.p12", "…"),
             image="seal.png", seal_size="36mm", number="07/BTTTT-TTĐN")
    verify_pdf("issued.pdf", trust=["ca.pem"]).ok    # True when both signatures and the layout hold
"""

from congvan.signing.images import StampImage, seal_image, signature_image
from congvan.signing.keys import PemKey, Pkcs11Key, Pkcs12Key, RemoteKey, SigningKey, read_secret
from congvan.signing.sign import (
    PendingSignature,
    SignedPdf,
    Signing,
    finish_remote,
    make_signing_ready,
    page_boxes,
    prepare_pdf,
    prepare_remote,
    sign_pdf,
)
from congvan.signing.verify import SignatureCheck, Verification, verify_folder, verify_pdf
from congvan.signing.wording import FIELD, VIETNAM, Role, iso8601

__all__ = [
    "FIELD",
    "VIETNAM",
    "PemKey",
    "PendingSignature",
    "Pkcs11Key",
    "Pkcs12Key",
    "RemoteKey",
    "Role",
    "SignatureCheck",
    "SignedPdf",
    "Signing",
    "SigningKey",
    "StampImage",
    "Verification",
    "finish_remote",
    "iso8601",
    "make_signing_ready",
    "page_boxes",
    "prepare_pdf",
    "prepare_remote",
    "read_secret",
    "seal_image",
    "sign_pdf",
    "signature_image",
    "verify_folder",
    "verify_pdf",
]
