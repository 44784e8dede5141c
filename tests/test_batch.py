"""Follow-up letters: one call renders a letter per province, validates first, writes atomically."""

from __future__ import annotations

import csv
import hashlib
import json
import unicodedata
from pathlib import Path

import pytest
from csv_tables import write_csv
from docx_text import DocxReader, normalise_space
from openpyxl import Workbook

import congvan
from congvan.cli import main
from congvan.pipeline import run as pipeline_run

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "data" / "follow-up-2020.yaml"
TABLE = ROOT / "data" / "follow-up-2020.csv"


def table_rows() -> list[dict[str, str]]:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> congvan.BatchResult:
    out = tmp_path_factory.mktemp("batch") / "letters"
    return congvan.render_batch(LETTER, TABLE, out, combined=True)


def body_text(path: Path) -> str:
    return "\n".join(normalise_space(t) for t in DocxReader(path).texts())


def test_one_letter_per_province_each_addressed_to_its_own_committee(batch):
    assert len(batch.letters) == 63
    assert len({letter.code for letter in batch.letters}) == 63
    for letter in batch.letters:
        unit = congvan.find_province(letter.code, on="2020-01-01")
        text = body_text(batch.folder / letter.file)
        assert f"Kính gửi: {unit.committee}" in text
        assert letter.recipient == unit.committee
        assert letter.file == f"{unit.code}-{unit.slug}.docx"


def test_committee_names_follow_phu_luc_ii(batch):
    names = {letter.code: letter.recipient for letter in batch.letters}
    assert names["38"] == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert names["92"] == "Ủy ban nhân dân thành phố Cần Thơ"
    assert names["79"] == "Ủy ban nhân dân Thành phố Hồ Chí Minh"


@pytest.mark.parametrize("row", range(63), ids=lambda i: f"row{i}")
def test_conditional_paragraphs_match_the_row(batch, row):
    data = table_rows()[row]
    unit = congvan.find_province(data["province"], on="2020-01-01")
    letter = next(item for item in batch.letters if item.code == unit.code)
    text = body_text(batch.folder / letter.file)
    received = "đã nhận được Kế hoạch số" in text
    missing = "chưa nhận được Kế hoạch" in text
    assert received == (data["plan_received"] == "có") and missing == (not received)
    if received:
        assert f"Kế hoạch số {data['plan_symbol']} ngày" in text
    assert ("chưa ban hành Quy chế" in text) == (data["has_regulation"] == "không")
    assert ("báo cáo các chỉ số (KPI)" in text) == (data["kpi_submitted"] == "không")
    assert text.rstrip().count("Trân trọng./.") == 1


def test_letters_are_numbered_one_by_one_and_cite_the_directive(batch):
    numbers = [letter.number_symbol for letter in batch.letters]
    assert numbers[:3] == ["01/BTTTT-TTĐN", "02/BTTTT-TTĐN", "03/BTTTT-TTĐN"]
    assert numbers[-1] == "63/BTTTT-TTĐN"
    text = body_text(batch.folder / batch.letters[9].file)
    assert "Số: 10/BTTTT-TTĐN" in text
    assert "Công văn số 4321/BTTTT-TTĐN ngày 20/12/2019 của Bộ Thông tin và Truyền thông" in text
    assert "Hà Nội, ngày 16 tháng 3 năm 2020" in text


def test_manifest_uses_phu_luc_vi_names_and_matches_the_files(batch):
    rows = json.loads(batch.manifest_json.read_text(encoding="utf-8"))
    with batch.manifest_csv.open(encoding="utf-8") as stream:
        assert list(csv.DictReader(stream)) == rows
    assert len(rows) == 63
    first = rows[0]
    assert {"CodeNumber", "CodeNotation", "IssuedDate", "OrganName", "Subject", "To.OrganName"} <= set(first)
    assert (first["CodeNumber"], first["CodeNotation"], first["IssuedDate"]) == ("01", "BTTTT-TTĐN", "2020-03-16")
    for row in rows:
        data = (batch.folder / row["File"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["Sha256"]


def test_combined_file_has_each_letter_in_its_own_section_with_numbering_restarted(batch):
    reader = DocxReader(batch.combined)
    sections = reader.section_properties()
    assert len(sections) == 63
    for section in sections:
        assert section.find(f"{{{congvan_w()}}}titlePg") is not None
        assert section.find(f"{{{congvan_w()}}}pgNumType").get(f"{{{congvan_w()}}}start") == "1"
    text = "\n".join(reader.texts())
    for letter in batch.letters:
        assert f"Kính gửi: {letter.recipient}" in text


def congvan_w() -> str:
    return "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_second_run_gives_identical_bytes(batch, tmp_path):
    again = congvan.render_batch(LETTER, TABLE, tmp_path / "again", combined=True)
    assert folder_state(again.folder) == folder_state(batch.folder)


def test_xlsx_and_yaml_tables_give_the_same_letters_as_csv(batch, tmp_path):
    rows = table_rows()
    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    book.save(tmp_path / "rows.xlsx")
    from_xlsx = congvan.render_batch(LETTER, tmp_path / "rows.xlsx", None, dry_run=True)
    assert [l.sha256 for l in from_xlsx.letters] == [l.sha256 for l in batch.letters]
    from_dicts = congvan.render_batch(LETTER, rows, None, dry_run=True)
    assert [l.sha256 for l in from_dicts.letters] == [l.sha256 for l in batch.letters]


def test_nfd_and_variant_spellings_in_the_province_column(tmp_path):
    rows = table_rows()[:4]
    spellings = [
        unicodedata.normalize("NFD", "Hà Nội"),
        "tinh HA GIANG",
        "UBND tỉnh Cao Bằng",
        "Bắc Cạn",
    ]
    for row, spelling in zip(rows, spellings):
        row["province"] = spelling
    result = congvan.render_batch(LETTER, write_csv(tmp_path / "rows.csv", rows), tmp_path / "out")
    assert [l.code for l in result.letters] == ["01", "02", "04", "06"]
    assert "Kính gửi: Ủy ban nhân dân tỉnh Bắc Kạn" in body_text(result.folder / "06-bac-kan.docx")


def test_bad_rows_are_reported_together_and_nothing_is_written(tmp_path):
    rows = table_rows()[:6]
    rows[1]["province"] = "Tỉnh Không Có"
    rows[2]["plan_received"] = "maybe"
    rows[3]["province"] = "Ha Noi"  # duplicate of row 1
    rows[4]["plan_symbol"] = ""  # received but no symbol
    rows[4]["plan_received"] = "có"
    rows[5]["plan_date"] = "31/02/2020"
    source = write_csv(tmp_path / "rows.csv", rows)
    out = tmp_path / "out"
    with pytest.raises(congvan.DataError) as caught:
        congvan.render_batch(LETTER, source, out)
    report = str(caught.value)
    assert len(caught.value.problems) == 5
    assert "row 3, column province" in report  # line 3 of the file: header is line 1
    assert "row 4, column plan_received" in report and "'maybe'" in report
    assert "row 5, column province" in report and "appears twice (also row 2)" in report
    assert "row 6" in report and "plan_symbol" in report
    assert "row 7, column plan_date" in report
    assert not out.exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_interrupted_run_leaves_the_target_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "out"
    congvan.render_batch(LETTER, TABLE, out, only=["01", "02"])
    before = folder_state(out)
    real = pipeline_run.render_many

    def interrupted(*args, **kwargs):
        for count, result in enumerate(real(*args, **kwargs)):
            if count == 10:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(pipeline_run, "render_many", interrupted)
    with pytest.raises(KeyboardInterrupt):
        congvan.render_batch(LETTER, TABLE, out)
    assert folder_state(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_shared_number_and_start_value(tmp_path):
    shared = congvan.render_batch(LETTER, TABLE, None, dry_run=True, numbering="shared", start=135, only=["01", "79"])
    assert [l.number_symbol for l in shared.letters] == ["135/BTTTT-TTĐN", "135/BTTTT-TTĐN"]
    counted = congvan.render_batch(LETTER, TABLE, None, dry_run=True, start=7, only=["01", "79"])
    assert [l.number_symbol for l in counted.letters] == ["07/BTTTT-TTĐN", "08/BTTTT-TTĐN"]


def test_cli_batch_dry_run_only_and_errors(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["batch", str(LETTER), str(TABLE), "-o", str(out), "--dry-run", "--only", "01", "79"]) == 0
    assert "2 letters" in capsys.readouterr().out
    assert not out.exists()

    assert main(["batch", str(LETTER), str(TABLE), "-o", str(out), "--combined", "--jobs", "2"]) == 0
    assert len(list(out.glob("[0-9][0-9]-*.docx"))) == 63
    assert (out / "all-letters.docx").is_file()

    bad = write_csv(tmp_path / "bad.csv", [{**table_rows()[0], "province": "Atlantis"}])
    before = folder_state(out)
    assert main(["batch", str(LETTER), str(bad), "-o", str(out)]) == 2
    assert "row 2, column province" in capsys.readouterr().err
    assert folder_state(out) == before


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None,
    reason="LibreOffice is not installed: apt-get install libreoffice-writer-nogui fonts-liberation2 fonts-croscore",
)
def test_cli_pdf_flags_convert_what_they_wrote(tmp_path, capsys):
    from pypdf import PdfReader

    assert main(["render", str(ROOT / "data/directive-2020.yaml"), "-o", str(tmp_path / "d.docx"), "--pdf"]) == 0
    assert len(PdfReader(tmp_path / "d.pdf").pages) >= 2
    out = tmp_path / "letters"
    assert (
        main(["batch", str(LETTER), str(TABLE), "-o", str(out), "--only", "01", "79", "48", "--pdf", "--jobs", "2"])
        == 0
    )
    pdfs = sorted(p.name for p in (out / "pdf").iterdir())
    assert pdfs == ["01-ha-noi.pdf", "48-da-nang.pdf", "79-ho-chi-minh.pdf", "all-letters.pdf"]
    assert not (out / "all-letters.docx").exists()  # made for the conversion only; --combined keeps it
    text = PdfReader(out / "pdf" / "79-ho-chi-minh.pdf").pages[0].extract_text()
    assert "Ủy ban nhân dân Thành phố Hồ Chí Minh" in " ".join(text.split())
    assert "Ủy ban nhân dân thành phố Hà Nội" not in " ".join(text.split())  # one letter per split PDF
    whole = PdfReader(out / "pdf" / "all-letters.pdf")
    # two LibreOffice instances, two combined files (01 and 48 | 79): one outline item per letter, in order
    assert [item.title for item in whole.outline] == [
        "01/BTTTT-TTĐN — Ủy ban nhân dân thành phố Hà Nội",
        "02/BTTTT-TTĐN — Ủy ban nhân dân thành phố Đà Nẵng",
        "03/BTTTT-TTĐN — Ủy ban nhân dân Thành phố Hồ Chí Minh",
    ]
    starts = [whole.get_destination_page_number(item) for item in whole.outline]
    lengths = [len(PdfReader(out / "pdf" / name).pages) for name in pdfs[:3]]
    assert starts == [0, lengths[0], lengths[0] + lengths[1]]
    assert len(whole.pages) == sum(lengths)
    last = " ".join(whole.pages[starts[2]].extract_text().split())
    assert "Kính gửi: Ủy ban nhân dân Thành phố Hồ Chí Minh" in last


def test_follow_up_templates_are_lint_clean_against_their_real_context():
    from congvan.campaigns.followup import validate_rows
    from congvan.campaigns.followup.context import follow_up_context, shared_context
    from congvan.campaigns.followup.run import load_shared
    from congvan.engine.loader import bundled_template
    from congvan.pipeline.tables import read_rows

    follow_up, directive = load_shared(LETTER, None)
    rows = validate_rows(read_rows(TABLE), follow_up.issued_on)
    shared = shared_context(follow_up, directive)
    contexts = [follow_up_context(shared, follow_up, row.unit, row.status, n) for n, row in enumerate(rows, 1)]
    single = congvan.lint_template(bundled_template("follow-up"), context=contexts[0])
    assert not [f for f in single.findings if f.severity == "error"], single
    combined = congvan.lint_template(bundled_template("follow-up-combined"), context={"letters": contexts})
    assert not [f for f in combined.findings if f.severity == "error"], combined


def test_shared_data_errors_are_reported_with_their_lines(tmp_path):
    text = LETTER.read_text(encoding="utf-8")
    text = (
        text.replace('number: "/BTTTT-TTĐN"', 'number: "/BNV-TTĐN"')
        .replace('plan_deadline: "2020-03-31"', 'plan_deadline: "2020-02-31"')
        .replace("closing: Trân trọng./.", "closing: Trân trọng.")
    )
    broken = tmp_path / "follow-up.yaml"
    broken.write_text(text, encoding="utf-8")
    (tmp_path / "directive-2020.yaml").write_text((ROOT / "data/directive-2020.yaml").read_text(encoding="utf-8"))
    with pytest.raises(congvan.DataError) as caught:
        congvan.render_batch(broken, TABLE, tmp_path / "out")
    by_place = {p.location: p for p in caught.value.problems}
    lines = text.splitlines()
    assert "'2020-02-31'" in by_place["plan_deadline"].message
    assert lines[by_place["plan_deadline"].line - 1].startswith("plan_deadline:")
    assert "./." in by_place["closing"].message
    assert lines[by_place["closing"].line - 1].startswith("closing:")
    assert not (tmp_path / "out").exists()


def test_symbol_of_another_body_is_refused(tmp_path):
    text = LETTER.read_text(encoding="utf-8").replace('number: "/BTTTT-TTĐN"', 'number: "/BNV-TTĐN"')
    broken = tmp_path / "follow-up.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(congvan.DataError, match=r"starts with 'BNV' but the issuing body's abbreviation is 'BTTTT'"):
        congvan.render_batch(broken, TABLE, None, dry_run=True, directive=ROOT / "data/directive-2020.yaml")


def test_document_templates_get_the_vietnamese_filters(tmp_path):
    """A template maintainer can format dates and amounts the ND30 way, whatever the machine's locale."""
    import datetime as dt

    from docx import Document

    from congvan.engine.loader import compiled_template

    source = Document()
    source.add_paragraph("{{ day|vn_date }} | {{ day|vn_short_date }} | {{ amount|vn_money }} | {{ ratio|vn_number }}")
    source.save(tmp_path / "filters.docx")
    data = compiled_template(str(tmp_path / "filters.docx")).render(
        {"day": dt.date(2020, 2, 5), "amount": 1500000, "ratio": 1234567.5}
    )
    (tmp_path / "out.docx").write_bytes(data)
    text = Document(tmp_path / "out.docx").paragraphs[0].text
    assert text == "ngày 05 tháng 02 năm 2020 | 05/02/2020 | 1.500.000 đồng | 1.234.567,5"


def test_yaml_table_and_models_give_the_same_letters_as_csv(batch, tmp_path):
    import yaml

    from congvan.campaigns.followup.model import ProvinceStatus

    rows = table_rows()
    (tmp_path / "rows.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    from_yaml = congvan.render_batch(LETTER, tmp_path / "rows.yaml", None, dry_run=True)
    assert [l.sha256 for l in from_yaml.letters] == [l.sha256 for l in batch.letters]
    models = [ProvinceStatus.model_validate(row) for row in rows]
    from_models = congvan.render_batch(LETTER, models, None, dry_run=True)
    assert [l.sha256 for l in from_models.letters] == [l.sha256 for l in batch.letters]


def test_unknown_table_format_and_missing_file_are_clear(tmp_path):
    (tmp_path / "rows.ods").write_bytes(b"")
    with pytest.raises(congvan.DataError, match=r"unknown table format '\.ods': use \.csv, \.xlsx or \.yaml"):
        congvan.render_batch(LETTER, tmp_path / "rows.ods", None, dry_run=True)
    with pytest.raises(congvan.DataError, match="file not found"):
        congvan.render_batch(LETTER, tmp_path / "nothing.csv", None, dry_run=True)


def test_deadlines_must_follow_the_letter_and_the_letter_the_directive(tmp_path):
    text = LETTER.read_text(encoding="utf-8").replace('plan_deadline: "2020-03-31"', 'plan_deadline: "2020-03-01"')
    broken = tmp_path / "follow-up.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(congvan.DataError, match="plan_deadline 2020-03-01 is not after the letter's date 2020-03-16"):
        congvan.render_batch(broken, TABLE, None, dry_run=True, directive=ROOT / "data/directive-2020.yaml")
    text = LETTER.read_text(encoding="utf-8").replace('issued_on: "2019-12-20"', 'issued_on: "2020-04-01"')
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(congvan.DataError, match=r"the directive \(2020-04-01\) must be issued before the follow-up"):
        congvan.render_batch(broken, TABLE, None, dry_run=True, directive=ROOT / "data/directive-2020.yaml")


def test_document_title_property_is_the_subject_line(batch):
    """Phụ lục VI: the subject (trích yếu) travels with the file as its title property."""
    from docx import Document

    letter = Document(batch.folder / batch.letters[0].file)
    assert letter.core_properties.title == "V/v đôn đốc triển khai công tác thông tin đối ngoại năm 2020"
    assert letter.core_properties.language == "vi-VN"
    directive = Document(__import__("io").BytesIO(congvan.render(congvan.load(ROOT / "data/directive-2020.yaml"))))
    assert directive.core_properties.title == "V/v xây dựng Kế hoạch công tác thông tin đối ngoại năm 2020"


def test_an_edited_template_is_compiled_again(tmp_path):
    import os

    from docx import Document

    from congvan.engine.loader import compiled_template

    path = tmp_path / "t.docx"
    first = Document()
    first.add_paragraph("first {{ x }}")
    first.save(path)
    assert compiled_template(str(path)) is compiled_template(str(path))  # compiled once while unchanged
    before = compiled_template(str(path)).render({"x": 1})
    second = Document()
    second.add_paragraph("second {{ x }}")
    second.save(path)
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    after = Document(__import__("io").BytesIO(compiled_template(str(path)).render({"x": 1})))
    assert after.paragraphs[0].text == "second 1"
    assert before != compiled_template(str(path)).render({"x": 1})


def test_a_custom_template_needs_its_own_combined_layout(tmp_path):
    from congvan.engine.loader import bundled_template

    custom = tmp_path / "mine.docx"
    custom.write_bytes(bundled_template("follow-up").read_bytes())
    with pytest.raises(congvan.DataError, match="needs its own all-letters template"):
        congvan.render_batch(LETTER, TABLE, tmp_path / "out", template=custom, combined=True)
    result = congvan.render_batch(
        LETTER,
        TABLE,
        tmp_path / "out",
        template=custom,
        combined=True,
        combined_template=bundled_template("follow-up-combined"),
        only=["01"],
    )
    assert result.combined.is_file()


def test_congvan_check_reads_follow_up_data_as_a_letters_context(capsys):
    template = ROOT / "templates" / "follow-up.docx"
    assert main(["check", str(template), "--data", str(LETTER)]) == 0
    assert "no problems found" in capsys.readouterr().out
    # the directive's data has none of the follow-up's province fields
    assert main(["check", str(template), "--data", str(ROOT / "data/directive-2020.yaml")]) == 1
    assert "'committee'" in capsys.readouterr().out


def test_copy_to_lines_are_patterns_over_the_recipients_names(tmp_path):
    text = LETTER.read_text(encoding="utf-8").replace(
        '  - "Sở TT&TT {designation}"',
        '  - "Sở Khoa học và Công nghệ {designation}"\n  - "{committee} ({code}, {name})"',
    )
    letter = tmp_path / "follow-up.yaml"
    letter.write_text(text, encoding="utf-8")
    rows = [{"province": "Cao Bằng"}, {"province": "TP.HCM"}]
    directive = ROOT / "data/directive-2020.yaml"
    result = congvan.render_batch(letter, rows, tmp_path / "out", directive=directive)
    first = body_text(result.folder / result.letters[0].file)
    assert "- Sở Khoa học và Công nghệ tỉnh Cao Bằng;" in first
    assert "- Ủy ban nhân dân tỉnh Cao Bằng (04, Cao Bằng);" in first
    assert "- Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh;" in body_text(result.folder / result.letters[1].file)
    assert "{designation}" not in first


@pytest.mark.parametrize("pattern", ["{department}", "{designation.__class__}", "{name!r}", "{code:>5}", "{name"])
def test_a_copy_to_pattern_names_only_the_recipients_names(tmp_path, pattern):
    text = LETTER.read_text(encoding="utf-8").replace('  - "Sở TT&TT {designation}"', f'  - "Sở {pattern}"')
    letter = tmp_path / "follow-up.yaml"
    letter.write_text(text, encoding="utf-8")
    with pytest.raises(congvan.DataError) as caught:
        congvan.render_batch(letter, TABLE, None, dry_run=True, directive=ROOT / "data/directive-2020.yaml")
    (problem,) = caught.value.problems
    assert problem.location == "copy_to[1]"
    assert text.splitlines()[problem.line - 1].strip().startswith("- ")
    assert "{committee}" in problem.message or "brace" in problem.message


def test_the_campaign_object_runs_the_same_batch_as_render_batch(tmp_path):
    from congvan.campaigns.followup import FollowUpCampaign, Outputs
    from congvan.pipeline.run import RunOptions

    campaign = FollowUpCampaign(LETTER, pattern="{code}.docx", start=40)
    made = campaign.run(TABLE, tmp_path / "a", only=["01", "79"], outputs=Outputs(combined=True))
    keywords = congvan.render_batch(
        LETTER, TABLE, tmp_path / "b", pattern="{code}.docx", start=40, only=["01", "79"], combined=True
    )
    assert [(l.file, l.number_symbol, l.sha256) for l in made.letters] == [
        (l.file, l.number_symbol, l.sha256) for l in keywords.letters
    ]
    assert [l.number_symbol for l in made.letters] == ["40/BTTTT-TTĐN", "41/BTTTT-TTĐN"]
    assert (tmp_path / "a" / "all-letters.docx").read_bytes() == (tmp_path / "b" / "all-letters.docx").read_bytes()
    dry = campaign.run(TABLE, None, only=["01"], options=RunOptions(dry_run=True))
    assert dry.folder is None and [l.file for l in dry.letters] == ["01.docx"]
