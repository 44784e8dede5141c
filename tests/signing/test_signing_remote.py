"""Interrupted (remote) signing, as remote-signing services and browser plugins work; and RFC 3161 timestamps."""

from __future__ import annotations

from pathlib import Path

import pytest
from signing_helpers import PASSWORD, pdfsig

from congvan.errors import SigningError, SigningKeyError
from congvan.signing import (
    PendingSignature,
    Pkcs12Key,
    RemoteKey,
    finish_remote,
    prepare_remote,
    sign_pdf,
    verify_pdf,
)


def remote_service(key_file: Path, digest: bytes) -> bytes:
    """What a remote-signing service does with the digest it is sent: sign it with the key it holds."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, utils

    key = serialization.load_pem_private_key(key_file.read_bytes(), None)
    return key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))


def test_prepare_gives_the_digest_and_finish_embeds_the_returned_signature(letters, images, pki, tmp_path: Path):
    pending = prepare_remote(
        letters.draft, role="signer", key=RemoteKey(pki.signer.cert, (pki.ca,)), image=images.signature
    )
    carried = PendingSignature.from_json(pending.to_json())  # to the plugin and back, another process
    assert carried == pending
    value = remote_service(pki.signer.key, carried.digest_to_sign)
    out = tmp_path / "signed.pdf"
    result = finish_remote(carried, value, out)
    assert result.role.value == "signer"
    (signature,) = verify_pdf(out, trust=[pki.ca]).signatures
    assert signature.intact and signature.valid and signature.trusted
    assert pdfsig(out)[0]["Signature Validation"] == "Signature is Valid."


def test_a_signature_value_from_another_key_writes_nothing(letters, images, pki, tmp_path: Path) -> None:
    pending = prepare_remote(letters.draft, role="signer", key=RemoteKey(pki.signer.cert), image=images.signature)
    out = tmp_path / "signed.pdf"
    with pytest.raises(SigningKeyError, match="does not verify"):
        finish_remote(pending, remote_service(pki.organisation.key, pending.digest_to_sign), out)
    assert not out.exists()


def test_the_organisation_can_sign_remotely_after_the_signer(flow, images, pki, tmp_path: Path) -> None:
    pending = prepare_remote(
        flow.signed,
        role="organisation",
        key=RemoteKey(pki.organisation.cert, (pki.ca,)),
        image=images.seal,
        seal_size="36mm",
        number="07",
    )
    out = tmp_path / "issued.pdf"
    finish_remote(pending, remote_service(pki.organisation.key, pending.digest_to_sign), out)
    assert verify_pdf(out, trust=[pki.ca]).ok


def test_a_timestamp_from_a_local_timestamp_server(letters, images, pki, tsa_url, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    result = sign_pdf(
        letters.draft,
        out,
        role="signer",
        key=Pkcs12Key(pki.signer.p12, PASSWORD),
        image=images.signature,
        tsa=tsa_url,
    )
    (signature,) = verify_pdf(out, trust=[pki.ca]).signatures
    assert signature.timestamped, "no valid timestamp token"
    assert abs((signature.signing_time - result.signing_time).total_seconds()) < 60
    assert pdfsig(out)[0]["Signature Validation"] == "Signature is Valid."


def test_a_remote_signature_with_a_timestamp(letters, images, pki, tsa_url, tmp_path: Path) -> None:
    pending = prepare_remote(
        letters.draft, role="signer", key=RemoteKey(pki.signer.cert, (pki.ca,)), image=images.signature, tsa=tsa_url
    )
    out = tmp_path / "signed.pdf"
    finish_remote(pending, remote_service(pki.signer.key, pending.digest_to_sign), out)
    (signature,) = verify_pdf(out, trust=[pki.ca]).signatures
    assert signature.timestamped and signature.trusted


def test_an_unreachable_timestamp_server_writes_nothing(letters, images, pki, tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = tmp_path / "signed.pdf"
    with pytest.raises(SigningError, match="timestamp server"):
        sign_pdf(
            letters.draft,
            out,
            role="signer",
            key=Pkcs12Key(pki.signer.p12, PASSWORD),
            image=images.signature,
            tsa=f"http://127.0.0.1:{port}/tsa",
        )
    assert not out.exists()
