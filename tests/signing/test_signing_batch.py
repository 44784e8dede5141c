"""``congvan batch … --pdf --sign SIGNER.yaml``: every letter's PDF signed by its signer, the key opened once."""

from __future__ import annotations

from pathlib import Path

from congvan.cli import main
from congvan.signing import Role, verify_pdf

ROOT = Path(__file__).resolve().parents[2]


def signed_follow_up(folder: Path) -> Path:
    """The 2020 follow-up with a signer's name: a draft without one cannot be signed."""
    text = (ROOT / "data/follow-up-2020.yaml").read_text(encoding="utf-8")
    letter = folder / "follow-up.yaml"
    letter.write_text(text.replace("  name: null", "  name: Nguyễn Văn A   # sample"), encoding="utf-8")
    (folder / "directive-2020.yaml").write_text((ROOT / "data/directive-2020.yaml").read_text(encoding="utf-8"))
    return letter


def test_every_letter_pdf_is_signed_by_its_signer(pki, images, tmp_path, capsys):
    letter = signed_follow_up(tmp_path)
    table = tmp_path / "rows.csv"
    table.write_text("province,plan_received\nHà Nội,không\nCao Bằng,không\nTP.HCM,không\n", encoding="utf-8")
    signer = tmp_path / "signer.yaml"
    signer.write_text(
        f"p12: {pki.signer.p12}\npassword_file: {pki.password_file}\nimage: {images.signature}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    status = main(["batch", str(letter), str(table), "-o", str(out), "--pdf", "--sign", str(signer)])
    assert status == 0, capsys.readouterr().err
    assert "each signed by its signer" in capsys.readouterr().out
    pdfs = sorted((out / "pdf").glob("[0-9]*.pdf"))
    assert [p.stem for p in pdfs] == ["01-ha-noi", "04-cao-bang", "79-ho-chi-minh"]
    for pdf in pdfs:
        checked = verify_pdf(pdf, trust=[pki.ca])
        (signature,) = checked.signatures
        assert signature.role is Role.SIGNER and signature.intact and signature.valid and signature.trusted
        assert pki.signer.common_name in signature.subject
        # the one thing missing is the văn thư's step, which comes later (Điều 15.3, 17.2)
        assert [p for p in checked.problems if "organisation" not in p] == []
    assert verify_pdf(out / "pdf" / "all-letters.pdf", trust=[pki.ca]).signatures == ()


def test_sign_without_pdf_or_with_a_bad_signer_file_writes_nothing(pki, images, tmp_path, capsys):
    letter = signed_follow_up(tmp_path)
    table = tmp_path / "rows.csv"
    table.write_text("province\nHà Nội\n", encoding="utf-8")
    signer = tmp_path / "signer.yaml"
    signer.write_text(f"p12: {pki.signer.p12}\nimage: {images.signature}\nimgae: x.png\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(letter), str(table), "-o", str(out), "--sign", str(signer)]) == 2
    assert "add --pdf" in capsys.readouterr().err
    assert main(["batch", str(letter), str(table), "-o", str(out), "--pdf", "--sign", str(signer)]) == 2
    err = capsys.readouterr().err
    assert "imgae (line 3)" in err and "unknown field" in err
    assert not out.exists()
