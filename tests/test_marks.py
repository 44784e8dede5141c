"""Ô 10a and 10b: secrecy and urgency marks, boxed under V/v like ND30's stamps."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

import congvan
from congvan.model import OfficialLetter

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 1440 / 25.4


def rendered(**changes: object) -> etree._Element:
    data = yaml.safe_load((ROOT / "data/directive-2020.yaml").read_text(encoding="utf-8"))
    letter = OfficialLetter.model_validate({**data, **changes})
    with zipfile.ZipFile(io.BytesIO(congvan.render(letter))) as package:
        return etree.fromstring(package.read("word/document.xml"))


def boxes(root: etree._Element) -> list[tuple[str, etree._Element]]:
    found = []
    for p in root.iter(f"{W}p"):
        borders = p.find(f"{W}pPr/{W}pBdr")
        if borders is not None and all(borders.find(f"{W}{side}") is not None for side in ("top", "left", "right")):
            found.append(("".join(t.text or "" for t in p.iter(f"{W}t")), p))
    return found


def box_width(p: etree._Element) -> float:
    cell = p.getparent()
    width = int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
    margins = p.getparent().getparent().getparent().find(f"{W}tblPr/{W}tblCellMar")
    padding = sum(int(margins.find(f"{W}{side}").get(f"{W}w")) for side in ("left", "right"))
    indent = p.find(f"{W}pPr/{W}ind")
    return (width - padding - int(indent.get(f"{W}left")) - int(indent.get(f"{W}right"))) / MM


@pytest.mark.parametrize(("urgency", "millimetres"), [("HỎA TỐC", 30), ("THƯỢNG KHẨN", 40), ("KHẨN", 20)])
def test_urgency_is_boxed_as_wide_as_its_stamp(urgency: str, millimetres: int) -> None:
    found = boxes(rendered(urgency=urgency))
    assert [text for text, _ in found] == [urgency]
    assert box_width(found[0][1]) == pytest.approx(millimetres, abs=0.2)


def test_secrecy_comes_before_urgency_both_bold_capitals_under_the_subject() -> None:
    root = rendered(urgency="KHẨN", secrecy="MẬT")
    found = boxes(root)
    assert [text for text, _ in found] == ["MẬT", "KHẨN"]
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    assert texts.index("MẬT") == texts.index(next(t for t in texts if t.startswith("V/v"))) + 1
    for _, p in found:
        run = p.find(f"{W}r/{W}rPr")
        assert run.find(f"{W}b") is not None
        assert run.find(f"{W}sz").get(f"{W}val") in ("26", "28")  # 13–14 pt


def test_no_marks_no_boxes() -> None:
    assert boxes(rendered()) == []
