"""Keys as offices hold them: PKCS#12, PEM key with its chain, a PKCS#11 token (SoftHSM2, a real module)."""

from __future__ import annotations

from pathlib import Path

import pytest
from signing_helpers import PASSWORD, make_certificate, name, pdfsig, rsa_key, write_person

from congvan.cli import main
from congvan.errors import SigningKeyError
from congvan.signing import PemKey, Pkcs11Key, Pkcs12Key, sign_pdf, verify_pdf


def sign_as_signer(letters, images, key, out: Path):
    return sign_pdf(letters.draft, out, role="signer", key=key, image=images.signature)


def test_a_pem_key_with_its_chain(letters, images, pki, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    result = sign_as_signer(letters, images, PemKey(pki.signer.key, pki.signer.cert, (pki.ca,)), out)
    assert "Hoàng Vĩnh Bảo" in result.signer
    (signature,) = verify_pdf(out, trust=[pki.ca]).signatures
    assert signature.intact and signature.valid and signature.trusted


def test_a_wrong_password_a_foreign_key_and_an_expired_certificate_are_refused(letters, images, pki, tmp_path: Path):
    out = tmp_path / "signed.pdf"
    with pytest.raises(SigningKeyError, match="is the password right"):
        sign_as_signer(letters, images, Pkcs12Key(pki.signer.p12, "sai"), out)
    with pytest.raises(SigningKeyError, match="does not belong to the certificate"):
        sign_as_signer(letters, images, PemKey(pki.organisation.key, pki.signer.cert), out)
    key = rsa_key()
    expired = make_certificate(name("Người ký cũ"), key, name("Người ký cũ"), key, days=(-400, -35))
    person = write_person(tmp_path, "expired", "Người ký cũ", key, expired, [])
    with pytest.raises(SigningKeyError, match="expired on"):
        sign_as_signer(letters, images, PemKey(person.key, person.cert), out)
    with pytest.raises(SigningKeyError, match="holds no private key|cannot open"):
        sign_as_signer(letters, images, Pkcs12Key(pki.ca, PASSWORD), out)
    assert not out.exists()


def test_a_pkcs11_token_through_softhsm2(letters, images, pki, softhsm, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    key = Pkcs11Key(softhsm.module, softhsm.label, softhsm.key_label, softhsm.pin)
    result = sign_as_signer(letters, images, key, out)
    assert "Hoàng Vĩnh Bảo" in result.signer  # the certificate was read from the token
    (signature,) = verify_pdf(out, trust=[pki.ca]).signatures
    assert signature.intact and signature.valid and signature.trusted
    assert pdfsig(out)[0]["Signature Validation"] == "Signature is Valid."


def test_a_token_with_a_wrong_pin_label_or_module_is_refused(letters, images, softhsm, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    cases = [
        (Pkcs11Key(softhsm.module, softhsm.label, softhsm.key_label, "000000"), "PIN is wrong"),
        (Pkcs11Key(softhsm.module, "no-such-token", softhsm.key_label, softhsm.pin), "cannot open a session"),
        (Pkcs11Key(softhsm.module, softhsm.label, "no-such-key", softhsm.pin), "no-such-key"),
        (Pkcs11Key(tmp_path / "libnothing.so", softhsm.label, softhsm.key_label, softhsm.pin), "no PKCS#11 module"),
    ]
    for key, message in cases:
        with pytest.raises(SigningKeyError, match=message):
            sign_as_signer(letters, images, key, out)
    assert not out.exists()


def test_the_command_line_signs_with_each_key_source(letters, images, pki, softhsm, tmp_path: Path, capsys) -> None:
    common = ["--role", "signer", "--image", str(images.signature)]
    forms = {
        "p12": ["--p12", str(pki.signer.p12), "--password-file", str(pki.password_file)],
        "pem": ["--key", str(pki.signer.key), "--cert", str(pki.signer.cert), "--chain", str(pki.ca)],
        "token": ["--pkcs11", str(softhsm.module), "--token", softhsm.label, "--key-label", softhsm.key_label,
                  "--pin-file", str(softhsm.pin_file)],
    }  # fmt: skip
    for label, form in forms.items():
        out = tmp_path / f"{label}.pdf"
        assert main(["sign", str(letters.draft), "-o", str(out), *common, *form]) == 0, capsys.readouterr().err
        assert verify_pdf(out, trust=[pki.ca]).signatures[0].trusted
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("sai\n")
    out = tmp_path / "refused.pdf"
    status = main(
        [
            "sign",
            str(letters.draft),
            "-o",
            str(out),
            *common,
            "--p12",
            str(pki.signer.p12),
            "--password-file",
            str(wrong),
        ]
    )
    assert status == 2 and "is the password right" in capsys.readouterr().err
    status = main(["sign", str(letters.draft), "-o", str(out), *common, "--key", str(pki.signer.key)])
    assert status == 2 and "--cert" in capsys.readouterr().err
    assert not out.exists()
