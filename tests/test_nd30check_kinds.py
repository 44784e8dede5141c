"""`congvan check --nd30` knows every model of Phụ lục III: it names the kind and applies the kind's rules.

One document of each kind is built through the models (`congvan.model.kinds`) and
rendered with its bundled template; the samples under data/models/ (Quảng Ninh’s answer), when
there are, are rendered too. Each is clean, with its kind named. Then each kind's
distinctive component is broken in the rendered XML with lxml — the title not bold,
a căn cứ not in italics, Điều 2 written Điều 4, a Latin "f)", a biên bản signed
once, "Như trên" in a quyết định, "Kính gửi" in a kế hoạch … — and the checker
names the rule. Expected messages are written by hand from Phụ lục I and III.
"""

from __future__ import annotations

import copy
import functools
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from pydantic import TypeAdapter

from congvan.documents.administrative import load_document, render_document
from congvan.model.kinds import Decision, Document
from congvan.testing.nd30check import check_nd30

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"

# -- one document of each kind, through the models ------------------------------------------------------

BODY = {"name": "Ủy ban nhân dân tỉnh Hà Giang", "abbreviation": "UBND", "place": "Hà Giang"}
SIGNATURE = {"authority": "TM.", "principal": "Ủy ban nhân dân", "title": "Chủ tịch", "name": "Nguyễn Văn Sơn"}
COMMON = {"issuing_body": BODY, "issued_on": "2020-03-20", "signature": SIGNATURE}
BASES = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "22/2016/TT-BTTTT"]
CLAUSES = [
    {"text": "Khoản thứ nhất:", "points": ["điểm thứ nhất;", "điểm thứ hai;", "điểm thứ ba."]},
    {"text": "Khoản thứ hai."},
]
DOCUMENTS: dict[str, dict] = {
    "quyết định": {
        **COMMON,
        "kind": "quyết định",
        "number": "12/QĐ-UBND",
        "subject": "Ban hành Quy chế quản lý hoạt động thông tin đối ngoại trên địa bàn tỉnh Hà Giang",
        "authority": "Chủ tịch Ủy ban nhân dân tỉnh Hà Giang",
        "bases": BASES,
        "proposal": "Giám đốc Sở Thông tin và Truyền thông",
        "articles": [
            {"text": "Ban hành kèm theo Quyết định này Quy chế quản lý hoạt động thông tin đối ngoại."},
            {"text": "Quyết định này có hiệu lực kể từ ngày ký."},
            {"text": "Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này."},
        ],
        "recipients": {"lines": ["Như Điều 3", "Bộ Thông tin và Truyền thông"]},
        "issues": {
            "kind": "quy chế",
            "subject": "Quản lý hoạt động thông tin đối ngoại trên địa bàn tỉnh Hà Giang",
            "content": {
                "chapters": [
                    {
                        "title": "Quy định chung",
                        "articles": [
                            {"title": "Phạm vi điều chỉnh", "clauses": CLAUSES},
                            {"title": "Đối tượng áp dụng", "paragraphs": ["Quy chế này áp dụng đối với các cơ quan."]},
                        ],
                    },
                    {
                        "title": "Tổ chức thực hiện",
                        "sections": [
                            {
                                "title": "Trách nhiệm",
                                "articles": [{"title": "Trách nhiệm thi hành", "clauses": CLAUSES}],
                            }
                        ],
                    },
                ]
            },
        },
    },
    "nghị quyết": {
        **COMMON,
        "kind": "nghị quyết",
        "number": "05/NQ-HĐND",
        "issuing_body": {**BODY, "name": "Hội đồng nhân dân tỉnh Hà Giang", "abbreviation": "HĐND"},
        "signature": {**SIGNATURE, "principal": "Hội đồng nhân dân"},
        "subject": "Về việc thông qua Kế hoạch công tác thông tin đối ngoại năm 2020",
        "authority": "Hội đồng nhân dân tỉnh Hà Giang",
        "bases": BASES,
        "proposal": "Ủy ban nhân dân tỉnh",
        "articles": [{"text": "Thông qua Kế hoạch.", "clauses": CLAUSES}, {"text": "Nghị quyết có hiệu lực."}],
        "recipients": {"lines": ["Thường trực Hội đồng nhân dân tỉnh"]},
    },
    "kế hoạch": {
        **COMMON,
        "kind": "kế hoạch",
        "number": "30/KH-UBND",
        "subject": "Công tác thông tin đối ngoại năm 2020",
        "content": {
            "headings": [
                {"title": "Mục đích, yêu cầu", "clauses": CLAUSES},
                {"title": "Nhiệm vụ", "clauses": [{"title": "Hoàn thiện Quy chế", "text": "Xây dựng Quy chế."}]},
                {"title": "Tổ chức thực hiện", "paragraphs": ["Các sở, ngành triển khai thực hiện."]},
            ]
        },
        "recipients": {"lines": ["Bộ Thông tin và Truyền thông", "Các sở, ban, ngành"]},
    },
    "báo cáo": {
        **COMMON,
        "kind": "báo cáo",
        "number": "40/BC-UBND",
        "subject": "Kết quả thực hiện chỉ số KPI năm 2020",
        "addressees": {"items": ["Bộ Thông tin và Truyền thông"]},
        "content": {
            "headings": [
                {"title": "Kết quả", "paragraphs": ["Đạt các chỉ tiêu."]},
                {"title": "Kiến nghị", "paragraphs": ["Không có kiến nghị."]},
            ]
        },
    },
    "tờ trình": {
        **COMMON,
        "kind": "tờ trình",
        "number": "41/TTr-UBND",
        "subject": "Về việc ban hành Quy chế quản lý hoạt động thông tin đối ngoại",
        "addressees": {"items": ["Chủ tịch Ủy ban nhân dân tỉnh"]},
        "content": {"paragraphs": ["Sở kính trình Chủ tịch xem xét, quyết định."]},
    },
    "công điện": {
        **COMMON,
        "kind": "công điện",
        "number": "02/CĐ-UBND",
        "subject": "Về việc chủ động ứng phó với bão số 5",
        "sender": "Chủ tịch Ủy ban nhân dân tỉnh Hà Giang",
        "addressees": {"items": ["Sở Nông nghiệp và Phát triển nông thôn", "Ủy ban nhân dân các huyện"]},
        "content": {"paragraphs": ["Yêu cầu các cơ quan triển khai ngay các biện pháp ứng phó."]},
    },
    "giấy mời": {
        **COMMON,
        "kind": "giấy mời",
        "number": "15/GM-UBND",
        "subject": "Tập huấn nghiệp vụ thông tin đối ngoại",
        "invitees": "Lãnh đạo các sở, ngành",
        "event": "Hội nghị tập huấn nghiệp vụ thông tin đối ngoại",
        "chair": "Phó Chủ tịch Ủy ban nhân dân tỉnh",
        "time": "08 giờ 00, thứ Năm, ngày 16 tháng 4 năm 2020",
        "venue": "Hội trường Ủy ban nhân dân tỉnh",
    },
    "giấy giới thiệu": {
        **COMMON,
        "kind": "giấy giới thiệu",
        "number": "16/GGT-UBND",
        "person": "Nguyễn Văn An",
        "position": "Chuyên viên",
        "sent_to": "Sở Ngoại vụ",
        "purpose": "Liên hệ công tác",
        "valid_until": "2020-04-30",
    },
    "biên bản": {
        **COMMON,
        "kind": "biên bản",
        "number": "03/BB-UBND",
        "subject": "Cuộc họp triển khai Kế hoạch công tác thông tin đối ngoại",
        "started_at": "14 giờ 00, ngày 20 tháng 3 năm 2020",
        "venue": "Phòng họp số 1",
        "participants": ["Lãnh đạo Ủy ban nhân dân tỉnh", "Lãnh đạo các sở"],
        "chair": "Ông Nguyễn Văn Sơn, Chủ tịch",
        "secretary": "Bà Trần Thị Lan, Chuyên viên",
        "content": {"paragraphs": ["Cuộc họp thảo luận Kế hoạch."]},
        "ended_at": "16 giờ 00, ngày 20 tháng 3 năm 2020",
        "secretary_name": "Trần Thị Lan",
        "signature": {"title": "Chủ tọa", "name": "Nguyễn Văn Sơn"},
        "recipients": {"lines": ["Các thành viên dự họp"]},
    },
    "giấy nghỉ phép": {
        **COMMON,
        "kind": "giấy nghỉ phép",
        "number": "17/GNP-UBND",
        "requested_on": "2020-03-15",
        "person": "Nguyễn Văn An",
        "position": "Chuyên viên",
        "period": "05 ngày",
        "starts_on": "2020-04-01",
        "ends_on": "2020-04-05",
        "place": "Hà Nội",
        "counted_as": "nghỉ hằng năm có hưởng lương",
        "recipients": {"lines": ["Ông Nguyễn Văn An"]},
    },
    "phụ lục": {
        "kind": "phụ lục",
        "label": "I",
        "title": "Danh sách các sở tham gia",
        "document_kind": "Kế hoạch",
        "document_number": "30/KH-UBND",
        "document_date": "2020-03-20",
        "issuing_body": BODY,
        "content": {"paragraphs": ["Sở Ngoại vụ.", "Sở Thông tin và Truyền thông."]},
    },
}

#: name → (the kind the checker reads, its model).
KINDS = {
    "quyết định": ("quyết định", "1.3"),
    "quy chế": ("quy chế", "1.3"),
    "nghị quyết": ("nghị quyết", "1.1"),
    "kế hoạch": ("kế hoạch", "1.4"),
    "báo cáo": ("báo cáo", "1.4"),
    "tờ trình": ("tờ trình", "1.4"),
    "công điện": ("công điện", "1.6"),
    "giấy mời": ("giấy mời", "1.7"),
    "giấy giới thiệu": ("giấy giới thiệu", "1.8"),
    "biên bản": ("biên bản", "1.9"),
    "giấy nghỉ phép": ("giấy nghỉ phép", "1.10"),
    "phụ lục": ("phụ lục", "2.1"),
}


@functools.cache
def rendered() -> dict[str, bytes]:
    """name → the rendered document; the quyết định's quy chế is its `issued_document`."""
    adapter = TypeAdapter(Document)
    out = {}
    for name, data in DOCUMENTS.items():
        document = adapter.validate_python(data)
        out[name] = render_document(document)
        if isinstance(document, Decision) and document.issues is not None:
            out[document.issues.kind] = render_document(document.issued_document())
    return out


def example_files() -> list[Path]:
    return sorted((ROOT / "data" / "models").glob("*.yaml"))


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_is_clean_and_named(name):
    report = check_nd30(rendered()[name], label=f"{name}.docx")
    assert report.clean, report.to_text()
    assert (report.kind, report.model) == KINDS[name]
    kind, model = KINDS[name]
    assert report.to_text().splitlines() == [
        f"{name}.docx: kind: {kind} (Mẫu {model})",
        f"{name}.docx: follows the ND30 layout (no deviation found)",
    ]
    assert json.loads(report.to_json()) == {"source": f"{name}.docx", "kind": kind, "model": model, "deviations": []}


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_each_example_is_clean_and_named(path):
    document = load_document(path)
    documents = [document]
    if isinstance(document, Decision) and document.issues is not None:
        documents.append(document.issued_document())
    for one in documents:
        report = check_nd30(render_document(one), label=path.name)
        assert report.clean, report.to_text()
        assert report.kind == one.kind, report.to_text()
        assert path.stem.startswith(f"mau-{report.model}-"), report.to_text()  # mau-1.3-quyet-dinh: Mẫu 1.3


def test_a_cong_van_is_named_as_every_kind_is():
    from congvan.documents import load, render

    report = check_nd30(render(load(ROOT / "data" / "directive-2020.yaml")), label="cv.docx")
    assert (report.kind, report.model) == ("công văn", "1.5")
    assert report.to_text().splitlines() == [
        "cv.docx: kind: công văn (Mẫu 1.5)",
        "cv.docx: follows the ND30 layout (no deviation found)",
    ]


def test_the_command_names_the_kind(tmp_path):
    path = tmp_path / "qd.docx"
    path.write_bytes(rendered()["quyết định"])
    result = subprocess.run(
        [sys.executable, "-m", "congvan", "check", "--nd30", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == f"{path}: kind: quyết định (Mẫu 1.3)"


# -- changing the rendered XML with lxml ---------------------------------------------------------------

Roots = dict[str, etree._Element]


def rebuilt(docx: bytes, change: Callable[[etree._Element], None]) -> bytes:
    """``docx`` with ``change`` applied to its parsed word/document.xml."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        root = etree.fromstring(source.read(DOCUMENT))
        change(root)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = etree.tostring(root) if info.filename == DOCUMENT else source.read(info.filename)
                target.writestr(info, data)
    return out.getvalue()


def text_of(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t")).strip()


def find(root: etree._Element, start: str, *, nth: int = 0) -> etree._Element:
    found = [p for p in root.iter(f"{W}p") if text_of(p).startswith(start)]
    assert len(found) > nth, f"no paragraph {nth} starting {start!r}"
    return found[nth]


def runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]


def set_text(p: etree._Element, text: str) -> None:
    texts = list(p.iter(f"{W}t"))
    texts[0].text = text
    for t in texts[1:]:
        t.text = ""


def replace_text(old: str, new: str) -> Callable[[etree._Element], None]:
    """The text of the paragraph starting ``old``, with ``old`` written ``new`` (in the run that holds it)."""

    def change(p: etree._Element) -> None:
        for t in p.iter(f"{W}t"):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new, 1)
                return
        raise AssertionError(f"{old!r} is in no run of {text_of(p)!r}")

    return change


def set_flag(tag: str, on: bool, *, first: bool = False) -> Callable[[etree._Element], None]:
    """Bold (``b``) or italic (``i``) on or off on the text runs (the first only with ``first``)."""

    def change(p: etree._Element) -> None:
        for r in runs(p)[:1] if first else runs(p):
            rpr = r.find(f"{W}rPr")
            for name in (tag, f"{tag}Cs"):
                for old in rpr.findall(f"{W}{name}"):
                    rpr.remove(old)
                if on:
                    rpr.insert(1, etree.Element(f"{W}{name}"))

    return change


def align(value: str) -> Callable[[etree._Element], None]:
    def change(p: etree._Element) -> None:
        jc = p.find(f"{W}pPr/{W}jc")
        if jc is None:
            jc = etree.SubElement(p.find(f"{W}pPr"), f"{W}jc")
        jc.set(f"{W}val", value)

    return change


def remove(p: etree._Element) -> None:
    p.getparent().remove(p)


def no_border_under(p: etree._Element) -> None:
    following = p
    while following.find(f"{W}pPr/{W}pBdr") is None:
        following = following.getnext()
    ppr = following.find(f"{W}pPr")
    ppr.remove(ppr.find(f"{W}pBdr"))


def at(start: str, change: Callable[[etree._Element], None], *, nth: int = 0) -> Callable[[etree._Element], None]:
    return lambda root: change(find(root, start, nth=nth))


def insert_before(start: str, model: str, text: str) -> Callable[[etree._Element], None]:
    """A copy of the paragraph starting ``model``, its text ``text``, put before the one starting ``start``."""

    def change(root: etree._Element) -> None:
        new = copy.deepcopy(find(root, model))
        set_text(new, text)
        find(root, start).addprevious(new)

    return change


def insert_after(start: str, text: str) -> Callable[[etree._Element], None]:
    """A copy of the paragraph starting ``start``, its text ``text``, put right after it (in its cell)."""

    def change(root: etree._Element) -> None:
        p = find(root, start)
        new = copy.deepcopy(p)
        set_text(new, text)
        p.addnext(new)

    return change


# -- each kind's components, broken ---------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    rule: str
    document: str
    change: Callable[[etree._Element], None]
    says: str

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.document}:{self.says}"


KIND_CASES = [
    # Ô 5a: tên loại, trích yếu, the rule
    Case("o5a.type-name", "quyết định", at("QUYẾT ĐỊNH", set_flag("b", False)), "type name: not bold"),
    Case("o5a.type-name", "kế hoạch", at("KẾ HOẠCH", align("left")), "the type name is not centred"),
    Case("o5a.type-name", "giấy mời", at("GIẤY MỜI", set_flag("i", True)), "type name: italic"),
    Case("o5a.subject", "kế hoạch", at("Công tác thông tin", set_flag("b", False)), "trích yếu: not bold"),
    Case("o5a.subject", "quy chế", at("Quản lý hoạt động", set_flag("i", True)), "trích yếu: italic"),
    Case("o5a.rule", "nghị quyết", at("Về việc thông qua", no_border_under), "none found"),
    Case("o5a.rule", "giấy giới thiệu", at("GIẤY GIỚI THIỆU", no_border_under), "none found"),
    # Ô 3: the symbol's code
    Case(
        "o3.symbol",
        "quyết định",
        at("Số:", replace_text("QĐ-", "KH-")),
        "…/KH-UBND: a quyết định's symbol starts with QĐ",
    ),
    Case("o3.symbol", "biên bản", at("Số:", replace_text("BB-", "BC-")), "a biên bản's symbol starts with BB"),
    # Ô 4: no date in a biên bản
    Case(
        "o4.no-date",
        "biên bản",
        insert_after("Số:", "Hà Giang, ngày 20 tháng 3 năm 2020"),
        "a biên bản has no place and date line",
    ),
    # Ô 6: căn cứ, "QUYẾT ĐỊNH:", the structure
    Case("o6.bases", "quyết định", at("Căn cứ Luật", set_flag("i", False)), "căn cứ: not italic"),
    Case(
        "o6.bases",
        "quyết định",
        at("Căn cứ Luật", replace_text("năm 2015;", "năm 2015.")),
        "a căn cứ must end with “;”",
    ),
    Case(
        "o6.bases",
        "nghị quyết",
        at("Xét đề nghị", replace_text("tỉnh.", "tỉnh;")),
        "the last căn cứ must end with “.”",
    ),
    Case("o6.decides", "quyết định", at("QUYẾT ĐỊNH:", set_flag("b", False)), "“QUYẾT ĐỊNH:”: not bold"),
    Case("o6.decides", "quyết định", at("QUYẾT ĐỊNH:", align("both")), "“QUYẾT ĐỊNH:”: not centred"),
    Case("o6.decides", "quyết định", at("QUYẾT ĐỊNH:", remove), "no “QUYẾT ĐỊNH:” line"),
    Case("o6.decides", "nghị quyết", at("QUYẾT NGHỊ:", lambda p: set_text(p, "Quyết nghị:")), "not in capitals"),
    Case("o6.article", "quyết định", at("Điều 2.", replace_text("Điều 2.", "Điều 4.")), "want “Điều 2.”"),
    Case("o6.article", "quy chế", at("Điều 3.", replace_text("Điều 3.", "Điều 2.")), "want “Điều 3.”"),
    Case("o6.article", "nghị quyết", at("Điều 1.", set_flag("b", False, first=True)), "“Điều 1.” not bold"),
    Case("o6.clause", "quy chế", at("2. Khoản thứ hai", replace_text("2.", "3.")), "want “2.”"),
    Case("o6.clause", "nghị quyết", at("1. Khoản thứ nhất", set_flag("b", True)), "is bold but is not a title"),
    Case("o6.point", "quy chế", at("b) điểm thứ hai", replace_text("b)", "c)")), "want “b)”"),
    Case("o6.point", "nghị quyết", at("c) điểm thứ ba", replace_text("c)", "f)")), "not a letter of the Vietnamese"),
    Case("o6.chapter", "quy chế", at("Chương II", replace_text("II", "III")), "want “Chương II”"),
    Case("o6.chapter", "quy chế", at("Chương I", replace_text("Chương I", "Chương 1")), "write Roman numerals"),
    Case("o6.chapter", "quy chế", at("QUY ĐỊNH CHUNG", set_flag("b", False)), "the title of “Chương I”: not bold"),
    Case("o6.chapter", "quy chế", at("Mục 1", replace_text("1", "2")), "want “Mục 1”"),
    Case("o6.heading", "kế hoạch", at("II. NHIỆM VỤ", replace_text("II.", "III.")), "want “II.”"),
    Case("o6.heading", "báo cáo", at("I. KẾT QUẢ", set_flag("b", False)), "heading “I.”: not bold"),
    Case("o6.ending", "kế hoạch", at("Các sở, ngành", replace_text("./.", ".")), "does not end with “./.”"),
    Case("o6.ending", "phụ lục", at("Sở Thông tin", replace_text("./.", ".")), "does not end with “./.”"),
    # Ô 7: the biên bản's two signatures
    Case("o7.two-signatures", "biên bản", at("THƯ KÝ", remove), "no “THƯ KÝ” signature"),
    Case("o7.two-signatures", "biên bản", at("CHỦ TỌA", remove), "no “CHỦ TỌA” signature"),
    Case("o7.two-signatures", "biên bản", at("Trần Thị Lan", remove), "no name under “THƯ KÝ”"),
    # Ô 9a, 9b: Kính gửi only where the kind has it; Nơi nhận of a quyết định
    Case(
        "o9a.addressees-kind",
        "kế hoạch",
        insert_before("I. MỤC ĐÍCH", "1. Khoản thứ nhất", "Kính gửi: Bộ Thông tin và Truyền thông"),
        "a kế hoạch has no “Kính gửi”",
    ),
    Case("o9b.as-article", "quyết định", at("- Như Điều 3", lambda p: set_text(p, "- Như trên;")), "“- Như Điều N;”"),
    # Phụ lục (Mẫu 2.1): checked as an annex
    Case("annex.heading", "phụ lục", at("Phụ lục I", set_flag("b", False)), "not bold"),
]


@pytest.mark.parametrize("case", KIND_CASES, ids=[case.id for case in KIND_CASES])
def test_a_broken_component_is_flagged_with_its_rule(case):
    report = check_nd30(rebuilt(rendered()[case.document], case.change))
    assert case.rule in report.rules(), report.to_text()
    assert any(case.says in d.message for d in report.deviations if d.rule.id == case.rule), report.to_text()
    assert report.kind == KINDS[case.document][0], report.to_text()


@pytest.mark.parametrize("case", KIND_CASES, ids=[case.id for case in KIND_CASES])
def test_nothing_else_is_flagged(case):
    """The break is seen as that rule only: the rest of the document still reads as its kind."""
    report = check_nd30(rebuilt(rendered()[case.document], case.change))
    assert set(report.rules()) == {case.rule}, report.to_text()


def test_no_component_is_missing_where_the_kind_has_none():
    """The quy chế has no number, date, signature or Nơi nhận; the phụ lục has no header at all."""
    for name in ("quy chế", "phụ lục"):
        assert "component.missing" not in check_nd30(rendered()[name]).rules()
    kept = check_nd30(rebuilt(rendered()["kế hoạch"], at("Nơi nhận", remove)))
    assert "component.missing" in kept.rules(), kept.to_text()  # a kế hoạch does have Nơi nhận


def test_a_template_tag_in_an_indent_is_not_measured():
    """An unrendered template holds "{{ … }}" where a rendered file has twips: the rule is not measured, no crash."""

    def tagged(root: etree._Element) -> None:
        for ind in root.iter(f"{W}ind"):
            ind.set(f"{W}left", "{{ rule_indent }}")

    report = check_nd30(rebuilt(rendered()["quyết định"], tagged))
    assert "o2.rule" not in report.rules() and "o5a.rule" not in report.rules(), report.to_text()
