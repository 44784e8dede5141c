"""The template linter: every kind of problem reported at its place, all in one run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from congvan.documents import letter_context, load
from congvan.ooxml.build import E
from congvan.ooxml.wordml import Font, cell, paragraph, run, table, tag_paragraph, tag_row
from congvan.template_blocks import package
from congvan.testing.lint import lint_template

ROOT = Path(__file__).resolve().parents[1]
F = Font(14)


def split_paragraph(*pieces: tuple[str, Font]) -> etree._Element:
    return E("w:p", [run(text, font) for text, font in pieces])


def broken_template() -> bytes:
    body = [
        paragraph("{{ recipient }}", F),  # 1: missing variable, did you mean 'recipients'
        split_paragraph(("{{", Font(14, bold=True)), (" name }}", F)),  # 2: split over formatting
        paragraph("{{ name|uppr }}", F),  # 3: unknown filter
        paragraph("{{ name + }}", F),  # 4: syntax error
        tag_paragraph("{%p for x in items %}"),  # 5: never closed
        paragraph("{{ x.titel }}", F),  # 6: attribute missing on the items
        paragraph("Kính gửi {{ name", F),  # 7: unclosed tag
        table(
            [cell(paragraph("{{ name }}", F), 3000), tag_row("{%tr endfor %}")],
            [3000],
            borders=False,
            cell_margin=0,
        ),
    ]
    return package(body, title="broken")


CONTEXT = {"name": "Bộ Nội vụ", "recipients": ["A"], "items": [{"title": "t"}], "spare": 1}


@pytest.fixture(scope="module")
def report():
    return lint_template(broken_template(), context=CONTEXT, label="broken.docx")


def found(report, code):
    return [f for f in report.findings if f.code == code]


def test_every_kind_of_problem_is_reported_in_one_run(report):
    codes = set(report.codes())
    assert {
        "missing-variable",
        "split-tag",
        "unknown-filter",
        "syntax",
        "unbalanced-block",
        "unclosed-tag",
        "unused-field",
    } <= codes
    assert len(report.errors) >= 7


def test_a_missing_variable_is_placed_and_gets_a_suggestion(report):
    first = found(report, "missing-variable")[0]
    assert first.place.part == "body" and first.place.paragraph == 1
    assert first.suggestion == "recipients"
    assert "recipient" in str(first) and "did you mean 'recipients'" in str(first)


def test_a_missing_attribute_of_a_loop_item_is_reported(report):
    attribute = [f for f in found(report, "missing-variable") if f.place.paragraph == 6]
    assert attribute and attribute[0].suggestion == "items[].title"


def test_a_tag_split_over_formatting_names_both_runs(report):
    split = found(report, "split-tag")[0]
    assert split.place.paragraph == 2
    assert "bold" in split.message and "2 runs" in split.message


def test_unknown_filter_and_syntax_error_are_separate_findings(report):
    assert found(report, "unknown-filter")[0].place.paragraph == 3
    assert found(report, "unknown-filter")[0].suggestion == "upper"
    assert found(report, "syntax")[0].place.paragraph == 4


def test_unbalanced_blocks_are_placed_in_body_and_table(report):
    unbalanced = found(report, "unbalanced-block")
    assert [(f.place.table, f.place.row, f.place.cell) for f in unbalanced] == [(1, 2, 1)]
    # the {%tr endfor %} in the table's second row closes the {%p for %} of paragraph 5: a mismatch
    assert "paragraph 5" in unbalanced[0].message


def test_unclosed_tag_and_unused_field(report):
    assert found(report, "unclosed-tag")[0].place.paragraph == 7
    unused = found(report, "unused-field")
    assert {f.severity for f in unused} == {"warning"}
    assert {f.message.split("'")[1] for f in unused} == {"recipients", "items[].title", "spare"}


def test_block_start_and_end_in_different_cells_is_an_error():
    body = table(
        [[cell(tag_paragraph("{%p if name %}"), 3000), cell(tag_paragraph("{%p endif %}"), 3000)]],
        [3000, 3000],
        borders=False,
        cell_margin=0,
    )
    report = lint_template(package(body, title="t"), context={"name": "x"})
    assert report.codes() == ["block-structure"]
    assert report.findings[0].place.cell == 2


def test_tags_in_attributes_and_headers_are_read():
    report = lint_template(ROOT / "templates" / "congvan.docx", context={"header": {}})
    missing = {f.place.paragraph for f in report.findings if f.code == "missing-variable"}
    assert 7 in missing  # w:ind w:left="{{ header.rule_indent }}" of the rule under the body name


def test_a_model_class_gives_the_variables():
    from pydantic import BaseModel

    class Item(BaseModel):
        title: str

    class Letter(BaseModel):
        name: str
        items: list[Item]
        recipients: list[str]

    report = lint_template(broken_template(), model=Letter)
    missing = {f.suggestion for f in report.findings if f.code == "missing-variable"}
    assert {"recipients", "items[].title"} <= missing
    unused = [f.message.split("'")[1] for f in report.findings if f.code == "unused-field"]
    assert unused == ["items[].title", "recipients"]  # read as 'titel' and 'recipient' only


def test_the_project_template_is_clean_against_the_directive_context():
    context = letter_context(load(ROOT / "data" / "directive-2020.yaml"))
    report = lint_template(ROOT / "templates" / "congvan.docx", context=context)
    assert report.findings == (), report.to_text()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "congvan", "check", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_exit_codes_and_json(tmp_path):
    assert run_cli("templates/congvan.docx", "--data", "data/directive-2020.yaml").returncode == 0
    broken = tmp_path / "broken.docx"
    broken.write_bytes(broken_template())
    sample = tmp_path / "sample.yaml"
    sample.write_text("name: Bộ Nội vụ\nrecipients: [A]\nitems: [{title: t}]\n", encoding="utf-8")
    result = run_cli(str(broken), "--data", str(sample), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["errors"] >= 7 and data["findings"][0]["place"]["paragraph"] == 1
    assert run_cli(str(broken), "--model", "no.such.Model").returncode == 2
    assert run_cli(str(broken), "--nd30", "--data", str(sample)).returncode == 2
    assert run_cli(str(tmp_path / "missing.docx")).returncode == 2


def test_congvan_filters_are_known_to_the_linter(tmp_path):
    from docx import Document

    import congvan

    document = Document()
    document.add_paragraph("{{ day|vn_date }} {{ amount|vn_money }} {{ day|vn_dat }}")
    document.save(tmp_path / "filters.docx")
    report = congvan.lint_template(tmp_path / "filters.docx", context={"day": "2020-01-01", "amount": 1})
    problems = [f for f in report.findings if f.severity == "error"]
    assert [f.code for f in problems] == ["unknown-filter"]
    assert "vn_dat" in problems[0].message
