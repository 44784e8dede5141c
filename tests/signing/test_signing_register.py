"""``congvan sign --role organisation --register R``: the number from the register of outgoing documents (Điều 15.3,
16), the signed file's name and SHA-256 recorded in its entry; a failed step consumes no number and writes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from signing_helpers import SIGNER_NAME, vietnam_today

from congvan.cli import main
from congvan.register import Register
from congvan.signing import verify_pdf


@pytest.fixture()
def register(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "so-di.db"
    assert main(["register", "init", str(path)]) == 0
    capsys.readouterr()
    return path


def organisation(pki, images, signed: Path, out: Path, *extra: str) -> list[str]:
    return ["sign", str(signed), "-o", str(out), "--role", "organisation", "--p12", str(pki.organisation.p12),
            "--password-file", str(pki.password_file), "--image", str(images.seal), "--seal-size", "36mm",
            *extra]  # fmt: skip


def test_the_number_comes_from_the_register_and_the_entry_keeps_the_file(
    flow, pki, images, register: Path, tmp_path: Path, capsys
) -> None:
    first, second = tmp_path / "07.pdf", tmp_path / "08.pdf"
    assert main(organisation(pki, images, flow.signed, first, "--register", str(register))) == 0
    assert "Số: 01/BTTTT-TTĐN" in capsys.readouterr().out
    assert main(organisation(pki, images, flow.signed, second, "--register", str(register))) == 0
    assert "Số: 02/BTTTT-TTĐN" in capsys.readouterr().out
    checked = verify_pdf(first, trust=[pki.ca])
    assert checked.ok and checked.number == "Số: 01/BTTTT-TTĐN"
    with Register(register) as opened:
        entries = opened.entries(vietnam_today().year)
    assert [(e.number, e.symbol, e.file) for e in entries] == [(1, "BTTTT-TTĐN", "07.pdf"), (2, "BTTTT-TTĐN", "08.pdf")]
    assert entries[0].sha256 == hashlib.sha256(first.read_bytes()).hexdigest()
    assert entries[0].date == vietnam_today()
    assert entries[0].subject == "xây dựng Kế hoạch công tác thông tin đối ngoại năm 2020"  # the PDF's title, V/v off
    assert entries[0].signer == SIGNER_NAME  # from the competent person's certificate


def test_a_failed_step_takes_no_number_and_writes_nothing(letters, pki, images, register: Path, tmp_path: Path, capsys):
    out = tmp_path / "issued.pdf"
    assert main(organisation(pki, images, letters.draft, out, "--register", str(register))) == 2  # not signed yet
    assert "Điều 32.2.d" in capsys.readouterr().err
    assert not out.exists()
    with Register(register) as opened:
        assert opened.entries(vietnam_today().year) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--number", "07", "--register", "{register}"], "--number and --register both give the number"),
        (["--register-name", "mat"], "--register-name names what goes into the register: use it with --register"),
        (["--register", "{missing}"], "no register here; create one with: congvan register init"),
        (["--register", "{register}", "--register-name", "mat"], "mat"),
    ],
)
def test_bad_register_options_exit_2_and_write_nothing(
    flow, pki, images, register: Path, tmp_path: Path, capsys, extra, message
) -> None:
    out = tmp_path / "issued.pdf"
    values = [v.format(register=register, missing=tmp_path / "none.db") for v in extra]
    assert main(organisation(pki, images, flow.signed, out, *values)) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_the_register_is_the_organisations_and_only_for_a_blank_number(
    letters, flow, pki, images, register: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out.pdf"
    signer = ["sign", str(letters.draft), "-o", str(out), "--role", "signer", "--p12", str(pki.signer.p12),
              "--password-file", str(pki.password_file), "--image", str(images.signature), "--register", str(register)]  # fmt: skip
    assert main(signer) == 2
    assert "use it with --role organisation" in capsys.readouterr().err
    numbered = tmp_path / "numbered-signed.pdf"
    assert main(["sign", str(letters.numbered), "-o", str(numbered), "--role", "signer", "--p12", str(pki.signer.p12),
                 "--password-file", str(pki.password_file), "--image", str(images.signature)]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(organisation(pki, images, numbered, out, "--register", str(register))) == 2
    assert "no blank number to take from the register" in capsys.readouterr().err
    assert not out.exists()
    with Register(register) as opened:
        assert opened.entries(vietnam_today().year) == []
