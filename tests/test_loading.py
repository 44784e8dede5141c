"""Loading a công văn from YAML: every problem at once, with its path and line; the CLI writes nothing."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from docx_text import DocxReader

import congvan
import congvan.documents as documents
from congvan.cli import main

GOOD = """\
kind: công văn
issuing_body:
  name: Bộ Thông tin và Truyền thông
  abbreviation: BTTTT
  place: Hà Nội
number: "135/BTTTT-TTĐN"
issued_on: "2020-02-05"
subject: xây dựng Kế hoạch năm 2020
addressees:
  items: [Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương]
body:
  opening:
    lead: Căn cứ
    text: "Bộ Thông tin và Truyền thông đề nghị:"
  tasks:
    - text: Nhiệm vụ một.
    - text: Nhiệm vụ hai.
    - text: Nhiệm vụ ba.
    - text: Nhiệm vụ bốn.
    - text: Nhiệm vụ năm.
    - title: Nhiệm vụ sáu
      parts:
        - title: "Điểm a:"
          bullets: [Gạch một.]
        - title: "Điểm b:"
        - title: "Điểm c:"
          bullets: [Gạch hai.]
signature:
  authority: KT.
  principal: Bộ trưởng
  title: Thứ trưởng
recipients:
  lines: [Như trên]
"""

#: Six mistakes, each on a line marked "# <-": (expected path, text to find on that line).
BAD = (
    GOOD.replace("  place: Hà Nội\n", "")  # missing field
    .replace('number: "135/BTTTT-TTĐN"', 'number: "135 BTTTT-TTĐN"  # <- malformed')
    .replace('issued_on: "2020-02-05"', 'issued_on: "2020-02-30"  # <- impossible')
    .replace("    lead: Căn cứ\n", "    lead: Căn cứ\n    leed: Căn cứ  # <- unknown\n")
    .replace("          bullets: [Gạch hai.]", "          bulets: [Gạch hai.]  # <- deep")
    .replace("  principal: Bộ trưởng\n", "  principal: [Bộ trưởng]  # <- wrong type\n")
)


def line_of(text: str, marker: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if marker in line)


@pytest.fixture()
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_good_data_loads(tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    letter = documents.load(path)
    assert letter.body.tasks[5].parts[2].bullets == ("Gạch hai.",)


def test_every_problem_is_reported_at_once_with_path_and_line(bad_file: Path) -> None:
    with pytest.raises(congvan.DataError) as caught:
        documents.load(bad_file)
    problems = {p.location: p for p in caught.value.problems}
    expected = {
        "issuing_body.place": line_of(BAD, "issuing_body:"),
        "number": line_of(BAD, "<- malformed"),
        "issued_on": line_of(BAD, "<- impossible"),
        "body.opening.leed": line_of(BAD, "<- unknown"),
        "body.tasks[5].parts[2].bulets": line_of(BAD, "<- deep"),
        "signature.principal": line_of(BAD, "<- wrong type"),
    }
    assert set(problems) == set(expected), [str(p) for p in caught.value.problems]
    for location, line in expected.items():
        assert problems[location].line == line, str(problems[location])
    assert "missing" in problems["issuing_body.place"].message
    assert "unknown" in problems["body.opening.leed"].message
    assert "135 BTTTT-TTĐN" in problems["number"].message
    assert "2020-02-30" in problems["issued_on"].message or "date" in problems["issued_on"].message
    message = str(caught.value)
    assert str(bad_file) in message and "6 problems" in message
    for location, line in expected.items():
        assert f"{location} (line {line})" in message


def test_yaml_syntax_error_reports_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("subject: xây dựng Kế hoạch năm 2020", "subject: xây dựng: Kế hoạch: năm 2020")
    path = tmp_path / "syntax.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(congvan.DataError) as caught:
        documents.load(path)
    (problem,) = caught.value.problems
    assert problem.line == line_of(text, "subject:")
    assert "YAML" in problem.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(congvan.DataError) as caught:
        documents.load(tmp_path / "nowhere.yaml")
    assert "not found" in str(caught.value) and "nowhere.yaml" in str(caught.value)


@pytest.mark.parametrize("text", ["- một\n- hai\n", "chỉ một câu\n", ""])
def test_not_a_mapping(tmp_path: Path, text: str) -> None:
    path = tmp_path / "list.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(congvan.DataError) as caught:
        documents.load(path)
    assert "mapping" in str(caught.value)


# ------------------------------------------------------------------ the CLI


def test_cli_bad_data_exits_2_and_writes_nothing(
    bad_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "letter.docx"
    assert main(["render", str(bad_file), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    for location in ("issuing_body.place", "number", "issued_on", "body.opening.leed", "body.tasks[5].parts[2]"):
        assert location in captured.err
    assert captured.out == ""
    assert not out.exists()
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_cli_bad_data_leaves_an_existing_file_unchanged(bad_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    out.write_bytes(b"the previous letter")
    before = sorted(os.listdir(tmp_path))
    assert main(["render", str(bad_file), "-o", str(out)]) == 2
    assert out.read_bytes() == b"the previous letter"
    assert sorted(os.listdir(tmp_path)) == before  # no partial or temporary file left


def test_cli_renders_good_data(tmp_path: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "letter.docx"
    out.write_bytes(b"old")
    assert main(["render", str(root / "data" / "directive-2020.yaml"), "-o", str(out)]) == 0
    assert "Trân trọng./." in DocxReader(out).texts()
    assert sorted(os.listdir(tmp_path)) == ["letter.docx"]


# ------------------------------------------------------------------ text that looks like markup


LITERAL = ["Sở TT&TT", "<b>đậm</b>", "{{ x }}", "{% if %}", "a < b && c > d", "{#p chú thích #}"]


def test_text_that_looks_like_xml_or_template_tags_renders_literally(tmp_path: Path) -> None:
    text = (
        GOOD.replace("lines: [Như trên]", 'lines: [Như trên, "Sở TT&TT tỉnh <b>đậm</b>"]')
        .replace("    - text: Nhiệm vụ một.", "    - text: '{{ x }} và {% if %} và a < b && c > d'")
        .replace("subject: xây dựng Kế hoạch năm 2020", "subject: 'về {#p chú thích #} <i>nghiêng</i>'")
    )
    path = tmp_path / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    data = documents.render(documents.load(path))
    texts = DocxReader(data).texts()
    joined = "\n".join(texts)
    for literal in LITERAL:
        assert literal in joined, literal
    assert "1. {{ x }} và {% if %} và a < b && c > d" in texts
    assert "- Sở TT&TT tỉnh <b>đậm</b>;" in texts
    assert "V/v về {#p chú thích #} <i>nghiêng</i>" in texts
    docx.Document(io.BytesIO(data))  # still a valid package


ANNEX = """\
annexes:
  - title: Danh sách
    rows:
      - {number: "1.", province: An Giang}
      - {number: "2.", province: Tỉnh Không Có}  # <- no such province
"""


def test_unknown_province_is_reported_with_its_line(tmp_path: Path) -> None:
    text = GOOD + ANNEX
    path = tmp_path / "annex.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(congvan.DataError) as caught:
        documents.load(path)
    (problem,) = caught.value.problems
    assert problem.location == "annexes[0].rows[1].province"
    assert problem.line == line_of(text, "<- no such province")


def test_unknown_province_is_reported_with_the_other_mistakes(tmp_path: Path) -> None:
    text = BAD + ANNEX
    path = tmp_path / "annex.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(congvan.DataError) as caught:
        documents.load(path)
    problems = {p.location: p.line for p in caught.value.problems}
    assert problems["annexes[0].rows[1].province"] == line_of(text, "<- no such province")
    assert "number" in problems and "body.tasks[5].parts[2].bulets" in problems
    assert len(problems) == 7
