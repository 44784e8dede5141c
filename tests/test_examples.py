"""The examples a newcomer copies from work as written."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
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


def test_campaign_2026_reaches_each_of_the_34_committees_of_its_date(tmp_path):
    out = tmp_path / "campaign-2026"
    result = subprocess.run(
        [sys.executable, "examples/campaign-2026/run.py", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    units = congvan.provinces(dt.date(2026, 12, 1))
    letters = sorted(out.glob("*.docx"))
    assert [p.stem for p in letters] == sorted(unit.code for unit in units) and len(letters) == 34
    committees = set()
    for path, unit in zip(letters, sorted(units, key=lambda u: u.code)):
        texts = DocxReader(path).texts()
        assert f"Kính gửi: {unit.committee}" in texts
        assert texts[:2] == ["BỘ VĂN HÓA,", "THỂ THAO VÀ DU LỊCH"]
        committees.add(unit.committee)
        report = congvan.check_nd30(path)
        assert report.clean, f"{path.name}: {report.to_text()}"
    assert len(committees) == 34
    ninh_binh = DocxReader(out / "37.docx").texts()
    assert any("tỉnh Hà Nam, tỉnh Nam Định, tỉnh Ninh Bình." in t for t in ninh_binh)


def test_campaign_2026_template_matches_its_build_script(tmp_path):
    built = tmp_path / "letter.docx"
    script = ROOT / "examples/campaign-2026/build_template.py"
    subprocess.run([sys.executable, str(script), str(built)], check=True, capture_output=True)
    assert built.read_bytes() == (ROOT / "examples/campaign-2026/letter.docx").read_bytes()


def test_the_2020_table_is_refused_on_the_2026_date_naming_each_successor():
    from congvan.documents import letter_context

    letter = congvan.load(ROOT / "examples/campaign-2026/letter.yaml")
    with pytest.raises(congvan.DataError) as caught:
        congvan.merge(
            ROOT / "examples/campaign-2026/letter.docx",
            ROOT / "data/follow-up-2020.csv",
            None,
            data={**letter_context(letter), "issuer": "Bộ"},
            units="province",
            on=letter.issued_on,
        )
    problems = caught.value.problems
    assert len(problems) == 63 - 34 + 1  # the units merged away on 2025-07-01, and Thừa Thiên Huế (now Huế)
    ha_giang = next(p for p in problems if "Hà Giang" in p.message)
    assert ha_giang.location.endswith("column province") and "Tuyên Quang" in ha_giang.message
