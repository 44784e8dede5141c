"""The signer file of ``congvan batch … --pdf --sign SIGNER.yaml``: which key signs every letter, and its image.

```yaml
p12: keys/giam-doc.p12          # or: key + cert (+ chain), or: pkcs11 + token + key_label
password_file: keys/p12.pass    # a token's PIN: pin_file (else asked once on the terminal)
image: chu-ky.png               # the signer's handwritten signature, blue on transparent (Phụ lục I, II.7.d)
tsa: http://tsa.example.vn      # optional RFC 3161 timestamp server
```

Paths are relative to the file. The key is opened once and signs every letter in turn, so a
token's PIN is asked at most once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from congvan.loading import read_yaml, validate
from congvan.signing.keys import KeyOptions, SigningKey, key_from_options


class _SignerFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    p12: str | None = None
    key: str | None = None
    cert: str | None = None
    chain: tuple[str, ...] = ()
    pkcs11: str | None = None
    token: str | None = None
    key_label: str | None = None
    password_file: str | None = None
    pin_file: str | None = None
    image: str
    """The signer's signature image (PNG with transparency), shown in box 7c."""
    tsa: str | None = None


@dataclass(frozen=True)
class BatchSigner:
    """The key, image and timestamp server that sign every letter of a batch as its signer."""

    key: SigningKey
    image: Path
    tsa: str | None = None


def load_signer_file(path: str | os.PathLike[str], ask: Callable[[str], str] | None = None) -> BatchSigner:
    """Read a signer file; open nothing yet, but read its password or PIN (asked once with ``ask``)."""
    data, lines = read_yaml(path)
    spec = validate(_SignerFile, data, source=str(path), lines=lines)
    base = Path(path).resolve().parent

    def here(value: str | None) -> Path | None:
        return None if value is None else base / value

    options = KeyOptions(
        p12=here(spec.p12),
        key=here(spec.key),
        cert=here(spec.cert),
        chain=tuple(base / c for c in spec.chain),
        pkcs11=spec.pkcs11 if spec.pkcs11 and "/" not in spec.pkcs11 else here(spec.pkcs11),  # a bare name: dlopen's
        token=spec.token,
        key_label=spec.key_label,
        password_file=here(spec.password_file),
        pin_file=here(spec.pin_file),
    )
    return BatchSigner(key_from_options(options, ask), base / spec.image, spec.tsa)
