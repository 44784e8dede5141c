"""``congvan sign`` and ``congvan verify`` in the forms the issue gives; exit 0 only when everything holds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from congvan.cli import main


def test_the_two_steps_on_the_command_line(letters, images, pki, tmp_path: Path, capsys) -> None:
    signed, issued = tmp_path / "signed.pdf", tmp_path / "issued.pdf"
    assert main(["sign", str(letters.draft), "-o", str(signed), "--role", "signer", "--p12", str(pki.signer.p12),
                 "--password-file", str(pki.password_file), "--image", str(images.signature)]) == 0  # fmt: skip
    assert main(["sign", str(signed), "-o", str(issued), "--role", "organisation", "--key", str(pki.organisation.key),
                 "--cert", str(pki.organisation.cert), "--chain", str(pki.ca), "--image", str(images.seal),
                 "--seal-size", "36mm", "--number", "07/BTTTT-TTĐN"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Số: 07/BTTTT-TTĐN" in out and "+07:00" in out
    assert main(["verify", str(issued), "--trust", str(pki.ca)]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"{issued}: OK (letter; Số: 07/BTTTT-TTĐN; Hà Nội, ngày ")
    assert "1. signer [NguoiCoThamQuyen]" in text and "2. organisation [CoQuanToChuc]" in text
    assert "changes after: FORM_FILLING" in text and "chain trusted" in text


def test_verify_reports_json_and_fails_with_the_reason(flow, pki, capsys) -> None:
    assert main(["verify", str(flow.signed), "--trust", str(pki.ca), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["kind"] == "letter"
    assert report["signatures"][0]["role"] == "signer"
    assert report["signatures"][0]["signing_time"].endswith("+07:00")
    assert any("no signature of the organisation" in problem for problem in report["problems"])
    assert main(["verify", str(flow.issued), "--trust", str(pki.other_ca), "--trust", str(pki.ca)]) == 0


def test_verify_a_folder(flow, pki, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "den"
    (folder / "2020").mkdir(parents=True)
    shutil.copy(flow.issued, folder / "2020" / "07-BTTTT-TTDN.pdf")
    assert main(["verify", str(folder), "--trust", str(pki.ca)]) == 0
    assert capsys.readouterr().out.count(": OK (letter") == 1
    shutil.copy(flow.signed, folder / "chua-ban-hanh.pdf")
    assert main(["verify", str(folder), "--trust", str(pki.ca), "--format", "json"]) == 1
    reports = json.loads(capsys.readouterr().out)
    assert [Path(r["file"]).name for r in reports] == ["07-BTTTT-TTDN.pdf", "chua-ban-hanh.pdf"]
    assert [r["ok"] for r in reports] == [True, False]


def test_verify_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["verify", str(tmp_path / "nothing.pdf")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["verify", str(tmp_path)]) == 2
    assert "no PDF files" in capsys.readouterr().err
    (tmp_path / "ca.pem").write_text("not a certificate")
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n")
    assert main(["verify", str(tmp_path / "a.pdf"), "--trust", str(tmp_path / "ca.pem")]) == 2
    assert "not a certificate file" in capsys.readouterr().err
