"""Every model of Phụ lục III: the samples of data/models/ load, render, and read back as their data says.

The expected texts are computed here from the YAML data with this file's own numbering
(Roman numerals and the Vietnamese alphabet written out), never by congvan's code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docx_text import DocxReader

import congvan
from congvan.errors import CongvanError, DataError

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "data" / "models"
SAMPLES = sorted(MODELS.glob("mau-*.yaml"))
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v"]
TITLES = {
    "nghị quyết": "NGHỊ QUYẾT",
    "quyết định": "QUYẾT ĐỊNH",
    "kế hoạch": "KẾ HOẠCH",
    "báo cáo": "BÁO CÁO",
    "tờ trình": "TỜ TRÌNH",
    "công điện": "CÔNG ĐIỆN",
    "giấy mời": "GIẤY MỜI",
    "giấy giới thiệu": "GIẤY GIỚI THIỆU",
    "biên bản": "BIÊN BẢN",
    "giấy nghỉ phép": "GIẤY NGHỈ PHÉP",
}


def data_of(name: str) -> dict:
    return yaml.safe_load((MODELS / name).read_text(encoding="utf-8"))


def rendered(name: str) -> DocxReader:
    return DocxReader(congvan.render(congvan.load(MODELS / name)))


def test_there_is_one_sample_per_model_named_by_its_mau_number_and_kind() -> None:
    names = {path.name for path in SAMPLES}
    assert names == {
        "mau-1.1-nghi-quyet.yaml",
        "mau-1.2-quyet-dinh.yaml",
        "mau-1.3-quyet-dinh.yaml",
        "mau-1.4-ke-hoach.yaml",
        "mau-1.4-bao-cao.yaml",
        "mau-1.4-to-trinh.yaml",
        "mau-1.6-cong-dien.yaml",
        "mau-1.7-giay-moi.yaml",
        "mau-1.8-giay-gioi-thieu.yaml",
        "mau-1.9-bien-ban.yaml",
        "mau-1.10-giay-nghi-phep.yaml",
        "mau-2.1-phu-luc.yaml",
    }


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_each_sample_renders_its_kind_title_number_and_is_honest_about_samples(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    document = congvan.load(path)
    assert document.kind == data["kind"]
    assert document.sample_fields, "every sentence not from the seed or a cited text is listed as a sample"
    assert "SAMPLE DATA" in path.read_text(encoding="utf-8").split("\n\n")[0]
    first = congvan.render(document)
    assert congvan.render(document) == first  # the same data gives the same bytes
    texts = DocxReader(first).texts()
    if data["kind"] == "phụ lục":
        assert texts[0] == f"Phụ lục {data['label']}"
        assert texts[1] == data["title"].upper()
        return
    assert TITLES[data["kind"]] in texts
    assert any(text.startswith(f"Số: {data['number']}") for text in texts)
    assert texts[-1] if data.get("signature", {}).get("name") is None else data["signature"]["name"] in texts


def test_the_quyet_dinh_prints_its_can_cu_one_per_line_in_italics_ending_with_semicolons_then_a_full_stop() -> None:
    reader = rendered("mau-1.3-quyet-dinh.yaml")
    texts = reader.texts()
    authority = texts.index("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", texts.index("QUYẾT ĐỊNH"))
    decides = texts.index("QUYẾT ĐỊNH:")
    bases = texts[authority + 1 : decides]
    assert bases == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ về quản lý hoạt động "
        "thông tin đối ngoại;",
        "Căn cứ Thông tư số 22/2016/TT-BTTTT ngày 19 tháng 10 năm 2016 của Bộ trưởng Bộ Thông tin và Truyền "
        "thông hướng dẫn quản lý hoạt động thông tin đối ngoại của các tỉnh, thành phố trực thuộc Trung ương;",
        "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 45/TTr-STTTT ngày 10 tháng 3 năm 2020.",
    ]
    for text in bases:
        runs = reader.text_runs(reader.find(text).element)
        assert runs and all(run.italic and not run.bold for run in runs), text
    decides_paragraph = reader.find("QUYẾT ĐỊNH:").element
    assert reader.alignment(decides_paragraph) == "center"
    assert all(run.bold for run in reader.text_runs(decides_paragraph))
    articles = [text for text in texts if text.startswith("Điều ")]
    assert [text.split(".")[0] for text in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    assert articles[-1].endswith("thi hành Quyết định này./.")
    lead = reader.find("Điều 1.", start=True).element
    formats = reader.text_runs(lead)
    assert formats[0].text == "Điều 1." and formats[0].bold and not formats[1].bold
    assert texts[texts.index("Nơi nhận:") + 1] == "- Như Điều 3;"


def expected_quy_che(content: dict) -> list[str]:
    """The headings of a Quy chế as the data's structure numbers them: Chương, Mục, Điều, khoản, điểm."""
    lines, article = [], 0

    def articles_of(items: list[dict]) -> None:
        nonlocal article
        for item in items:
            article += 1
            lines.append(f"Điều {article}. {item['title']}")
            if item.get("text"):
                lines.append(item["text"])
            for number, clause in enumerate(item.get("clauses", []), 1):
                clause = {"text": clause} if isinstance(clause, str) else clause
                if clause.get("title"):
                    lines.append(f"{number}. {clause['title']}")
                    lines.append(clause["text"])
                else:
                    lines.append(f"{number}. {clause['text']}")
                lines.extend(f"{LETTERS[i]}) {point}" for i, point in enumerate(clause.get("points", [])))

    for index, chapter in enumerate(content["chapters"]):
        lines += [f"Chương {ROMAN[index]}", chapter["title"].upper()]
        for number, section in enumerate(chapter.get("sections", []), 1):
            lines += [f"Mục {number}", section["title"].upper()]
            articles_of(section["articles"])
        articles_of(chapter.get("articles", []))
    return lines


def test_the_quy_che_reads_back_with_its_chuong_muc_dieu_khoan_diem_numbered_from_its_structure() -> None:
    data = data_of("mau-1.3-quyet-dinh.yaml")
    decision = congvan.load(MODELS / "mau-1.3-quyet-dinh.yaml")
    reader = DocxReader(congvan.render(decision.issued_document()))
    texts = reader.texts()
    assert texts[texts.index("QUY CHẾ") + 1 : texts.index("QUY CHẾ") + 3] == [
        "Quản lý hoạt động thông tin đối",
        "ngoại trên địa bàn tỉnh Quảng Ninh",
    ]
    assert "(Kèm theo Quyết định số 12/QĐ-UBND ngày 20 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh Quảng Ninh)" in texts
    start = texts.index("Chương I")
    expected = expected_quy_che(data["issues"]["content"])
    expected[-1] += "/."  # the last sentence ends the text with "./."
    assert [" ".join(t.split()) for t in texts[start:]] == [" ".join(t.split()) for t in expected]
    assert not any(text.startswith(("Số:", "Nơi nhận")) for text in texts), "Mẫu 1.3's text has no number or recipients"
    for label in ("Chương II", "Mục 1", "NỘI DUNG QUẢN LÝ HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI"):
        paragraph = reader.find(label).element
        assert reader.alignment(paragraph) == "center"
        assert all(run.bold for run in reader.text_runs(paragraph))
    article = reader.find("Điều 4. Cung cấp thông tin cho báo chí").element
    assert all(run.bold for run in reader.text_runs(article))
    assert reader.paragraph_property(article, "ind", "firstLine") == "567"  # 1 cm, as the body
    clause = reader.find("1. Xây dựng dữ liệu quảng bá").element
    assert all(run.bold for run in reader.text_runs(clause)), "a khoản with a title is bold"
    plain = reader.find("1. Bảo đảm sự lãnh đạo", start=True).element
    assert not any(run.bold for run in reader.text_runs(plain)), "a khoản without a title is upright, regular"


def test_the_ke_hoach_is_organised_by_the_eight_tasks_of_the_directive() -> None:
    texts = rendered("mau-1.4-ke-hoach.yaml").texts()
    assert [t for t in texts if t[:3] in ("I. ", "II.", "III", "IV.")] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ TRỌNG TÂM",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    tasks = texts[texts.index("II. NHIỆM VỤ TRỌNG TÂM") + 1 : texts.index("III. TỔ CHỨC THỰC HIỆN")]
    numbered = [t for t in tasks if t[0].isdigit()]
    assert [t.split(".")[0] for t in numbered] == [str(n) for n in range(1, 9)]
    seed_titles = [
        "Hoàn thiện Quy chế quản lý hoạt động thông tin đối ngoại",
        "Xây dựng Kế hoạch triển khai công tác thông tin đối ngoại",
        "Phân công, bố trí cán bộ phụ trách công tác thông tin đối ngoại",
        "Tập huấn, bồi dưỡng nghiệp vụ về thông tin đối ngoại",
    ]
    for number, title in enumerate(seed_titles, 1):
        assert numbered[number - 1].startswith(f"{number}. {title}")
    points = [t for t in tasks if t[1:3] == ") "]
    assert [t[0] for t in points] == ["a", "b", "c", "d"]
    assert not any(t.startswith("Kính gửi") for t in texts), "a kế hoạch has no Kính gửi"


def test_a_bao_cao_to_a_superior_has_kinh_gui_and_the_bien_ban_two_signatures_and_no_date_line() -> None:
    assert "Kính gửi: Bộ Thông tin và Truyền thông" in rendered("mau-1.4-bao-cao.yaml").texts()
    texts = rendered("mau-1.9-bien-ban.yaml").texts()
    assert "THƯ KÝ" in texts and "CHỦ TỌA" in texts and "Vũ Thị Mẫu" in texts and "Lê Văn Mẫu" in texts
    assert not any(", ngày " in text and text.startswith("Quảng Ninh") for text in texts)
    assert texts[texts.index("Nơi nhận:") + 1] == "- Các thành viên dự họp;"


def test_the_forms_print_their_fixed_words() -> None:
    invitation = rendered("mau-1.7-giay-moi.yaml").texts()
    assert any(t.startswith("Sở Thông tin và Truyền thông trân trọng kính mời: Đại diện") for t in invitation)
    assert "Thời gian: 08 giờ 00, thứ Năm, ngày 16 tháng 4 năm 2020." in invitation
    assert any(t.startswith("Chủ trì: ") for t in invitation) and any(t.startswith("Địa điểm: ") for t in invitation)
    reader = rendered("mau-1.8-giay-gioi-thieu.yaml")
    introduces = reader.find("Sở Thông tin và Truyền thông trân trọng giới thiệu:").element
    assert reader.alignment(introduces) == "center", "Mẫu 1.8 centres the introducer's line"
    introduction = reader.texts()
    assert introduction[-len(introduction) :].count("Giấy này có giá trị đến hết ngày 31 tháng 5 năm 2020./.") == 1
    leave = rendered("mau-1.10-giay-nghi-phep.yaml").texts()
    assert "(Chữ ký, dấu)" in leave
    assert any(t.startswith("Được nghỉ phép trong thời gian 05 ngày kể từ ngày 13 tháng 7 năm 2020") for t in leave)
    telegram = rendered("mau-1.6-cong-dien.yaml").texts()
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:" in telegram


# ----------------------------------------------------------------------------- bad input


def base(**fields: object) -> dict:
    document = {
        "issuing_body": {"name": "Ủy ban nhân dân tỉnh Quảng Ninh", "abbreviation": "UBND", "place": "Quảng Ninh"},
        "signature": {"title": "Chủ tịch", "name": "Nguyễn Văn Mẫu"},
        "subject": "Công tác thông tin đối ngoại năm 2020",
        "content": {"paragraphs": ["Nội dung."]},
    }
    return {**document, **fields}


def load_dict(tmp_path: Path, data: dict) -> object:
    path = tmp_path / "document.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return congvan.load(path)


def test_a_wrong_abbreviation_for_the_kind_is_an_error_that_names_the_right_one(tmp_path: Path) -> None:
    with pytest.raises(DataError) as raised:
        load_dict(tmp_path, base(kind="kế hoạch", number="12/QĐ-UBND"))
    message = str(raised.value)
    assert "'QĐ-UBND' is that of a quyết định" in message and "write 'KH-UBND'" in message
    with pytest.raises(DataError, match="must name the issuing body 'UBND' after 'BC': write 'BC-UBND'"):
        load_dict(tmp_path, base(kind="báo cáo", number="12/BC-STTTT"))
    assert load_dict(tmp_path, base(kind="Kế Hoạch", number="12/KH-UBND")).kind == "kế hoạch"


def test_kinh_gui_only_for_a_to_trinh_or_bao_cao_and_a_decision_names_its_article(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="a kế hoạch has no “Kính gửi”"):
        load_dict(tmp_path, base(kind="kế hoạch", number="1/KH-UBND", addressees={"items": ["Bộ Nội vụ"]}))
    decision = base(
        kind="quyết định",
        number="1/QĐ-UBND",
        authority="Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh",
        bases=["72/2015/NĐ-CP"],
        articles=[{"text": "Một."}, {"text": "Hai."}],
    )
    del decision["content"]
    with pytest.raises(DataError, match="start with “Như Điều N”"):
        load_dict(tmp_path, decision)
    with pytest.raises(DataError, match="the decision has Điều 1 to 2"):
        load_dict(tmp_path, {**decision, "recipients": {"lines": ["Như Điều 3"]}})
    assert load_dict(tmp_path, {**decision, "recipients": {"lines": ["Như Điều 2"]}}).kind == "quyết định"


def test_numbers_are_never_typed_and_every_article_of_a_quy_che_has_a_title(tmp_path: Path) -> None:
    data = data_of("mau-1.3-quyet-dinh.yaml")
    data["articles"][0]["number"] = 1
    with pytest.raises(DataError, match="number"):
        load_dict(tmp_path, data)
    data = data_of("mau-1.3-quyet-dinh.yaml")
    del data["issues"]["content"]["chapters"][0]["articles"][1]["title"]
    with pytest.raises(DataError, match="Điều 2 of the quy chế has no title"):
        load_dict(tmp_path, data)


def test_points_follow_the_vietnamese_alphabet_and_stop_at_its_end(tmp_path: Path) -> None:
    points = [f"Điểm {n}." for n in range(1, 8)]
    document = load_dict(
        tmp_path,
        base(
            kind="kế hoạch",
            number="1/KH-UBND",
            content={"headings": [{"title": "Nhiệm vụ", "clauses": [{"text": "Các điểm:", "points": points}]}]},
        ),
    )
    texts = DocxReader(congvan.render(document)).texts()
    assert [t[:2] for t in texts if t.startswith(tuple(LETTERS)) and t[1:3] == ") "] == [
        "a)", "b)", "c)", "d)", "đ)", "e)", "g)",
    ]  # fmt: skip
    with pytest.raises(DataError, match="at most 23"):
        load_dict(
            tmp_path,
            base(
                kind="kế hoạch",
                number="1/KH-UBND",
                content={"headings": [{"title": "X", "clauses": [{"text": "Y", "points": ["z"] * 24}]}]},
            ),
        )


def test_an_unknown_kind_is_one_error_listing_the_kinds_and_the_cli_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(yaml.safe_dump(base(kind="thư tình", number="1/TT-UBND"), allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match="'thư tình' is not a kind of document: write one of công văn, nghị quyết"):
        congvan.load(path)
    out = tmp_path / "out.docx"
    result = subprocess.run(
        [sys.executable, "-m", "congvan", "render", str(path), "-o", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 2, result.stderr
    assert "kind" in result.stderr and not out.exists()


def test_every_failure_here_is_a_congvan_error(tmp_path: Path) -> None:
    with pytest.raises(CongvanError):
        load_dict(tmp_path, base(kind="giấy mời", number="1/GM-UBND"))  # no invitees, event, chair, time, venue


# ----------------------------------------------------------------------------- new-template


KINDS = ["nghị quyết", "quyết định", "quy chế", "kế hoạch", "báo cáo", "tờ trình", "chỉ thị", "công điện"]
KINDS += ["giấy mời", "giấy giới thiệu", "biên bản", "giấy nghỉ phép", "phụ lục", "công văn"]


@pytest.mark.parametrize("kind", KINDS)
def test_new_template_gives_a_template_that_lints_clean_and_renders_its_sample_to_a_conformant_file(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from congvan.cli import main

    template = tmp_path / "mine.docx"
    assert main(["new-template", kind, "-o", str(template)]) == 0
    sample = template.with_suffix(".yaml")
    assert template.is_file() and sample.is_file()
    assert main(["check", str(template), "--data", str(sample), "--strict"]) == 0, capsys.readouterr().out
    assert main(["check", "--nd30", str(template), "--data", str(sample)]) == 0, capsys.readouterr().out
    assert main(["check", "--nd30", str(template)]) == 2, "a template is checked through what it renders"
    out = tmp_path / "out.docx"
    assert main(["render", str(sample), "--template", str(template), "-o", str(out)]) == 0
    report = congvan.check_nd30(out)
    assert report.clean, report.to_text()
    assert report.kind == kind
    assert congvan.load(sample).kind == kind
    capsys.readouterr()
    assert main(["new-template", kind, "-o", str(template)]) == 2, "an existing file is not replaced without --force"
    assert "exists" in capsys.readouterr().err


def test_new_template_refuses_an_unknown_kind_and_writes_nothing(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "congvan", "new-template", "thư tình", "-o", str(tmp_path / "x.docx")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "not a kind of document" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_phan_pattern_restarts_its_muc_in_each_phan_and_a_tieu_muc_holds_dieu(tmp_path: Path) -> None:
    report = base(
        kind="báo cáo",
        number="3/BC-UBND",
        content={
            "parts": [
                {
                    "title": "Tình hình thực hiện nhiệm vụ năm 2020",
                    "headings": [{"title": "Những kết quả đạt được", "clauses": ["Một."]}, {"title": "Hạn chế"}],
                },
                {"title": "Nhiệm vụ năm 2021", "headings": [{"title": "Mục tiêu", "clauses": ["Hai.", "Ba."]}]},
            ]
        },
    )
    written = congvan.render(load_dict(tmp_path, report))
    texts = DocxReader(written).texts()
    start = texts.index("Phần I")
    assert texts[start : start + 11] == [
        "Phần I",
        "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2020",
        "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC",
        "1. Một.",
        "II. HẠN CHẾ",
        "Phần II",
        "NHIỆM VỤ NĂM 2021",
        "I. MỤC TIÊU",
        "1. Hai.",
        "2. Ba./.",
        texts[start + 10],
    ]
    assert congvan.check_nd30(written).clean, congvan.check_nd30(written).to_text()

    data = data_of("mau-1.3-quyet-dinh.yaml")
    section = data["issues"]["content"]["chapters"][1]["sections"][0]
    section["subsections"] = [{"title": "Họp báo", "articles": section.pop("articles")}]
    decision = load_dict(tmp_path, data)
    texts = DocxReader(congvan.render(decision.issued_document())).texts()
    at = texts.index("Mục 1")
    assert texts[at : at + 5] == [
        "Mục 1",
        "CUNG CẤP THÔNG TIN",
        "Tiểu mục 1",
        "HỌP BÁO",
        "Điều 4. Cung cấp thông tin cho báo chí",
    ]
    with pytest.raises(DataError, match="either điều"):
        section["articles"] = [{"title": "Thêm", "text": "Thêm."}]
        load_dict(tmp_path, data)


def test_a_check_across_fields_names_the_field_and_its_line(tmp_path: Path) -> None:
    text = (MODELS / "mau-1.4-ke-hoach.yaml").read_text(encoding="utf-8").replace("58/KH-UBND", "58/QĐ-UBND")
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        congvan.load(path)
    (problem,) = raised.value.problems
    assert problem.location == "number"
    assert problem.line == text.splitlines().index("number: 58/QĐ-UBND") + 1
    data = data_of("mau-1.3-quyet-dinh.yaml")
    del data["issues"]["content"]["chapters"][1]["sections"][0]["articles"][1]["title"]
    with pytest.raises(DataError) as raised:
        load_dict(tmp_path, data)
    (problem,) = raised.value.problems
    assert problem.location == "issues.content.chapters[1].sections[0].articles[1].title"
    assert "Điều 5 of the quy chế has no title" in problem.message


def test_data_is_printed_as_written_never_run_as_a_template_or_read_as_markup(tmp_path: Path) -> None:
    hostile = "{{ 7 * 7 }} {% raw %} <w:p>&amp;</w:p> ]]>"
    document = load_dict(
        tmp_path,
        base(kind="kế hoạch", number="1/KH-UBND", subject=hostile, content={"headings": [{"title": hostile}]}),
    )
    texts = DocxReader(congvan.render(document)).texts()
    title = texts.index("KẾ HOẠCH")
    assert texts[title + 1] == hostile  # the trích yếu
    assert texts[title + 2] == f"I. {hostile.upper()}./."  # the content's only line, ending the body
    assert not any("49" in text for text in texts)


def test_a_character_a_docx_cannot_hold_is_named_by_its_field_and_line(tmp_path: Path) -> None:
    text = (MODELS / "mau-1.7-giay-moi.yaml").read_text(encoding="utf-8")
    text = text.replace("subject: Hội nghị tập huấn", 'subject: "Hội nghị\\u001b tập huấn', 1)
    text = text.replace("năm 2020\n\ninvitees", 'năm 2020"\n\ninvitees', 1)
    path = tmp_path / "giay-moi.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        congvan.load(path)
    (problem,) = raised.value.problems
    assert problem.location == "subject" and "U+001B" in problem.message
    assert problem.line == next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("subject:"))
