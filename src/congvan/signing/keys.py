"""Keys as offices hold them, each opened as a pyHanko signer.

- `Pkcs12Key`: a ``.p12``/``.pfx`` file and its password.
- `PemKey`: a PEM (or DER) private key, its certificate and the CA chain.
- `Pkcs11Key`: a PKCS#11 token — a USB token (its vendor's module, e.g. a ``.so`` installed with
  the token's driver) or an HSM — by token label and key label, with the user PIN.
- `RemoteKey`: only the certificate; the signature value comes from elsewhere (a remote-signing
  service, a browser plugin) through pyHanko's interrupted signing: `congvan.signing.prepare_remote`
  gives the digest to sign, `finish_remote` embeds the returned signature value.

Before anything is signed the certificate is checked: the key belongs to it, it is valid at the
signing time, and its key usage allows signing (Điều 5.2: "Chữ ký số trên văn bản điện tử phải đáp
ứng đầy đủ các quy định của pháp luật").
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from congvan.errors import SigningKeyError

if TYPE_CHECKING:
    from asn1crypto import x509
    from pyhanko.sign.signers import Signer

PathLike = str | os.PathLike[str]


def read_secret(path: PathLike, what: str = "password") -> str:
    """A password or PIN from a file: its first line, without the line break."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SigningKeyError(f"{path}: cannot read the {what} file ({getattr(error, 'strerror', None) or error})")
    return text.splitlines()[0] if text else ""


@dataclass(frozen=True)
class Pkcs12Key:
    """A PKCS#12 file (``.p12``, ``.pfx``) holding the key, its certificate and usually the CA chain."""

    path: PathLike
    password: str | None = field(default=None, repr=False)

    def describe(self) -> str:
        return f"PKCS#12 file {self.path}"

    @contextmanager
    def open(self) -> Iterator[Signer]:
        from cryptography.hazmat.primitives.serialization import pkcs12

        data = _read(self.path, "PKCS#12 file")
        password = None if self.password is None else self.password.encode("utf-8")
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, password)
        except ValueError as error:
            hint = "no password was given" if password is None else "is the password right?"
            raise SigningKeyError(f"{self.path}: cannot open the PKCS#12 file ({error}); {hint}")
        if key is None or cert is None:
            raise SigningKeyError(f"{self.path}: the PKCS#12 file holds no private key with its certificate")
        yield _memory_signer(key, cert, list(extra), str(self.path))


@dataclass(frozen=True)
class PemKey:
    """A private key file, the certificate file and, optionally, files with the CA chain (PEM or DER)."""

    key: PathLike
    cert: PathLike
    chain: Sequence[PathLike] = ()
    password: str | None = field(default=None, repr=False)

    def describe(self) -> str:
        return f"key {self.key} with certificate {self.cert}"

    @contextmanager
    def open(self) -> Iterator[Signer]:
        from cryptography.hazmat.primitives import serialization

        data = _read(self.key, "private key")
        password = None if self.password is None else self.password.encode("utf-8")
        loaders = (serialization.load_pem_private_key, serialization.load_der_private_key)
        error: Exception | None = None
        for load in loaders:
            try:
                key = load(data, password)
                break
            except (ValueError, TypeError) as problem:
                error = problem
        else:
            raise SigningKeyError(f"{self.key}: cannot read the private key ({error})")
        cert = _certificates(self.cert)[0]
        chain = [c for path in self.chain for c in _certificates(path)]
        yield _memory_signer(key, cert, chain, str(self.key))


@dataclass(frozen=True)
class Pkcs11Key:
    """A key on a PKCS#11 token: the module (``.so``), the token's label, the key's label, the user PIN.

    The certificate is read from the token (the object with the key's label) unless ``cert`` is given.
    """

    module: PathLike
    token: str
    key_label: str
    pin: str | None = field(default=None, repr=False)
    cert: PathLike | None = None
    chain: Sequence[PathLike] = ()

    def describe(self) -> str:
        return f"key {self.key_label!r} on token {self.token!r} ({self.module})"

    @contextmanager
    def open(self) -> Iterator[Signer]:
        import pkcs11
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

        module = Path(self.module)
        if not module.is_file():
            raise SigningKeyError(
                f"{module}: no PKCS#11 module there; a USB token's driver installs one "
                "(e.g. /usr/lib/x86_64-linux-gnu/<vendor>/lib<vendor>.so), SoftHSM2's is /usr/lib/softhsm/libsofthsm2.so"
            )
        try:
            session = open_pkcs11_session(
                str(module), token_criteria=TokenCriteria(label=self.token), user_pin=self.pin
            )
        except pkcs11.exceptions.PinIncorrect:
            raise SigningKeyError(f"token {self.token!r}: the PIN is wrong")
        except pkcs11.exceptions.PinLocked:
            raise SigningKeyError(f"token {self.token!r}: the PIN is locked (too many wrong PINs); unlock it first")
        except (pkcs11.PKCS11Error, RuntimeError, OSError) as error:
            raise SigningKeyError(f"{self.describe()}: cannot open a session ({type(error).__name__}: {error})")
        try:
            cert = _certificates(self.cert)[0] if self.cert is not None else None
            chain = [c for path in self.chain for c in _certificates(path)]
            signer = PKCS11Signer(
                session,
                cert_label=None if cert is not None else self.key_label,
                signing_cert=_asn1(cert) if cert is not None else None,
                ca_chain=[_asn1(c) for c in chain],
                key_label=self.key_label,
                other_certs_to_pull=None,
            )
            try:
                signer._load_objects()  # reads key and certificate now, so that a wrong label is said before signing
            except (pkcs11.PKCS11Error, ValueError, LookupError) as error:
                raise SigningKeyError(f"{self.describe()}: {error}")
            check_certificate(signer.signing_cert, self.describe())
            yield signer
        finally:
            session.close()


@dataclass(frozen=True)
class RemoteKey:
    """Only the signer's certificate (and chain): the signature value is made elsewhere (interrupted signing)."""

    cert: PathLike
    chain: Sequence[PathLike] = ()

    def describe(self) -> str:
        return f"remote signature with certificate {self.cert}"

    @contextmanager
    def open(self) -> Iterator[Signer]:
        from pyhanko.sign.signers.pdf_cms import ExternalSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        cert = _certificates(self.cert)[0]
        chain = [c for path in self.chain for c in _certificates(path)]
        check_certificate(_asn1(cert), str(self.cert))
        registry = SimpleCertificateStore()
        registry.register_multiple([_asn1(c) for c in chain])
        size = cert.public_key().key_size // 8 if hasattr(cert.public_key(), "key_size") else 256
        yield ExternalSigner(_asn1(cert), registry, signature_value=size)


SigningKey = Pkcs12Key | PemKey | Pkcs11Key | RemoteKey


def check_certificate(cert: x509.Certificate, where: str, at: dt.datetime | None = None) -> None:
    """Refuse a certificate that is not valid at ``at`` (default: now) or whose key usage forbids signing."""
    at = at or dt.datetime.now(dt.UTC)
    validity = cert["tbs_certificate"]["validity"]
    start, end = validity["not_before"].native, validity["not_after"].native
    subject = cert.subject.human_friendly
    if at < start:
        raise SigningKeyError(f"{where}: the certificate of {subject} is valid only from {start:%Y-%m-%d %H:%M} UTC")
    if at > end:
        raise SigningKeyError(f"{where}: the certificate of {subject} expired on {end:%Y-%m-%d %H:%M} UTC")
    usage = cert.key_usage_value
    if usage is not None and not ({"digital_signature", "non_repudiation"} & set(usage.native)):
        raise SigningKeyError(
            f"{where}: the certificate of {subject} is not for signing (key usage: {', '.join(usage.native)})"
        )


def _memory_signer(key, cert, chain, where: str) -> Signer:
    """A pyHanko signer over a key in memory, checked against its certificate."""
    from cryptography.hazmat.primitives import serialization
    from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    public = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*public) != cert.public_key().public_bytes(*public):
        raise SigningKeyError(
            f"{where}: the private key does not belong to the certificate of {cert.subject.rfc4514_string()}"
        )
    asn1_cert = _asn1(cert)
    check_certificate(asn1_cert, where)
    registry = SimpleCertificateStore()
    registry.register_multiple([_asn1(c) for c in chain])
    return _cached_key_signer()(
        signing_cert=asn1_cert,
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        cert_registry=registry,
        key=key,
    )


def _cached_key_signer():
    """pyHanko's SimpleSigner re-reads its key from DER for every signature (~40 ms for RSA); this keeps it loaded."""
    from pyhanko.sign.signers import SimpleSigner

    class CachedKeySigner(SimpleSigner):
        def __init__(self, *, key, **kwargs) -> None:
            super().__init__(**kwargs)
            self._key = key

        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
            if dry_run:
                return bytes(self.estimate_raw_signature_size_bytes())
            return self.sign_raw(data, digest_algorithm)

        def estimate_raw_signature_size_bytes(self) -> int:
            return getattr(self._key, "key_size", 4096) // 8 + 16

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
            from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
            from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
            from pyhanko_certvalidator.util import get_pyca_cryptography_hash

            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:
                algorithm = mechanism.signature_algo
            except ValueError:
                algorithm = mechanism["algorithm"].native
            hash_algo = get_pyca_cryptography_hash(digest_algorithm)
            if algorithm == "rsassa_pkcs1v15" and isinstance(self._key, RSAPrivateKey):
                return self._key.sign(data, PKCS1v15(), hash_algo)
            if algorithm == "ecdsa" and isinstance(self._key, EllipticCurvePrivateKey):
                return self._key.sign(data, ECDSA(hash_algo))
            return super().sign_raw(data, digest_algorithm)

    return CachedKeySigner


def _read(path: PathLike, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SigningKeyError(f"{path}: cannot read the {what} ({error.strerror or error})")


def _certificates(path: PathLike) -> list:
    """The certificates in a PEM (one or more) or DER file, as ``cryptography`` objects."""
    from cryptography import x509 as pyca_x509

    data = _read(path, "certificate file")
    try:
        if b"-----BEGIN" in data:
            found = pyca_x509.load_pem_x509_certificates(data)
        else:
            found = [pyca_x509.load_der_x509_certificate(data)]
    except ValueError as error:
        raise SigningKeyError(f"{path}: not a certificate file (PEM or DER): {error}")
    if not found:
        raise SigningKeyError(f"{path}: holds no certificate")
    return found


def _asn1(cert) -> x509.Certificate:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


@dataclass(frozen=True)
class KeyOptions:
    """Where a key is, as the ``congvan sign`` options or a signer file (``batch --sign``) name it.

    Exactly one source: ``p12`` (with ``password_file``), ``key`` with ``cert`` (and ``chain``,
    ``password_file``), or ``pkcs11`` with ``token`` and ``key_label`` (and ``pin_file``, ``cert``).
    """

    p12: PathLike | None = None
    key: PathLike | None = None
    cert: PathLike | None = None
    chain: Sequence[PathLike] = ()
    pkcs11: PathLike | None = None
    token: str | None = None
    key_label: str | None = None
    password_file: PathLike | None = None
    pin_file: PathLike | None = None


def key_from_options(options: KeyOptions, ask: Callable[[str], str] | None = None) -> SigningKey:
    """The key ``options`` name; a password or PIN read from its file, else asked once with ``ask(prompt)``.

    ``ask`` is None where nobody can answer (no terminal): a token's PIN must then be in ``pin_file``.
    """
    sources = [name for name in ("p12", "key", "pkcs11") if getattr(options, name)]
    if len(sources) != 1:
        raise SigningKeyError(
            "name one key source: p12 (a PKCS#12 file), key with cert (PEM), or pkcs11 with token and key_label"
            + (f"; got {', '.join(sources)}" if sources else "")
        )
    if options.p12:
        _refuse_with(options, "p12", ("cert", "token", "key_label", "pin_file"))
        password = _secret(options.password_file, f"password for {options.p12}", ask, required=False)
        return Pkcs12Key(options.p12, password)
    if options.key:
        _refuse_with(options, "key", ("token", "key_label", "pin_file"))
        if not options.cert:
            raise SigningKeyError("a PEM key needs its certificate too: cert (--cert CERT.pem)")
        password = read_secret(options.password_file) if options.password_file else None
        return PemKey(options.key, options.cert, tuple(options.chain), password)
    _refuse_with(options, "pkcs11", ("password_file",))
    if not options.token or not options.key_label:
        raise SigningKeyError("a PKCS#11 module needs the token's and the key's labels: token and key_label")
    pin = _secret(options.pin_file, f"PIN of token {options.token!r}", ask, required=True, what="PIN")
    return Pkcs11Key(options.pkcs11, options.token, options.key_label, pin, options.cert, tuple(options.chain))


def _refuse_with(options: KeyOptions, source: str, names: tuple[str, ...]) -> None:
    for name in names:
        if getattr(options, name):
            raise SigningKeyError(f"{name} (--{name.replace('_', '-')}) does not go with {source}")


def _secret(
    path: PathLike | None, prompt: str, ask: Callable[[str], str] | None, *, required: bool, what: str = "password"
) -> str | None:
    if path:
        return read_secret(path, what)
    if ask is not None:
        return ask(f"{prompt}: ")
    if required:
        raise SigningKeyError(f"no {what} given and no terminal to ask on: give a {what.lower()} file")
    return None
