"""The examples a newcomer copies from work as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx_text import DocxReader

import congvan
from congvan.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_simple_letter_with_paragraphs_only(tmp_path):
    out = tmp_path / "simple.docx"
    assert main(["render", str(ROOT / "examples/simple-letter.yaml"), "-o", str(out)]) == 0
    texts = DocxReader(out).texts()
    # the parent body above the issuing body, both in capitals, broken into lines that fit the block
    assert texts[:4] == ["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA", "SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"]
    assert "Số: 215/STTTT-TTBCXB" in texts
    assert "Thanh Hóa, ngày 05 tháng 02 năm 2020" in texts
    assert texts[texts.index("Kính gửi:") + 1 : texts.index("Kính gửi:") + 3] == [
        "- Cục Thông tin đối ngoại, Bộ Thông tin và Truyền thông;",
        "- Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa.",
    ]
    assert "- Lưu: VT, TTBCXB, LVB (5)." in texts
    assert ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] == [t for t in texts if t in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")]
    report = congvan.check_nd30(out)
    assert report.clean, report.to_text()


def test_follow_up_example_runs(tmp_path):
    result = subprocess.run([sys.executable, "examples/follow_up_letters.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("01-ha-noi.docx 01/BTTTT-TTĐN Ủy ban nhân dân thành phố Hà Nội")
