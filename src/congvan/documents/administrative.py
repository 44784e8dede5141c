"""Every model of Phụ lục III other than the công văn: each kind's context of ready-to-print strings.

`document_context` turns a document of `congvan.model.kinds` into what its template
(`template_for`) places: the header (ô 1–4), the tên loại and trích yếu with the rule under
them (ô 5a), the kind's own lines (căn cứ and "QUYẾT ĐỊNH:", "… điện:", "Tới dự …") and the
content (`congvan.documents.content`), the signature and Nơi nhận. All ND30 wording and
punctuation is made here; templates only place it.
"""

from __future__ import annotations

import os
from typing import IO, Any

from congvan import layout as geo
from congvan.documents.content import Line, content_lines, end_text, ended, line
from congvan.documents.letter import (
    character_problems,
    date_line,
    deliver,
    header_context,
    letter_context,
    letter_from,
    mark_context,
    single_addressee,
)
from congvan.engine.loader import Folders, TemplateSpec, loader_for
from congvan.errors import DataError, Problem
from congvan.loading import read_yaml, validate
from congvan.model.addressees import Addressees
from congvan.model.common import AdministrativeDocument, Basis
from congvan.model.document import OfficialLetter
from congvan.model.kinds import (
    KIND_CLASSES,
    AnnexDocument,
    AttachedText,
    Decision,
    Introduction,
    Invitation,
    LeaveNote,
    Minutes,
    NamedDocument,
    Resolution,
    Telegram,
    kind_of,
)
from congvan.model.signature import Signature
from congvan.nd30 import ANNEX_HEADING, INTRODUCES
from congvan.vietnamese import format_date

#: The template of each class (`templates/<name>.docx`).
TEMPLATES: dict[type, str] = {
    Resolution: "nghi-quyet",
    Decision: "quyet-dinh",
    AttachedText: "van-ban-kem-theo",
    NamedDocument: "van-ban-co-ten-loai",
    Telegram: "cong-dien",
    Invitation: "giay-moi",
    Introduction: "giay-gioi-thieu",
    Minutes: "bien-ban",
    LeaveNote: "giay-nghi-phep",
    AnnexDocument: "phu-luc",
}

#: The width a trích yếu may take: about three quarters of the text block, as the models print it.
SUBJECT_WIDTH = geo.TEXT_WIDTH * 3 // 4


def template_for(document: Any) -> str:
    """The name of the bundled template that lays out ``document`` (``"congvan"`` for a công văn)."""
    return TEMPLATES.get(type(document), "congvan")


def load_document(path: str | os.PathLike[str]) -> Any:
    """Read a document of any kind from a YAML file; its ``kind`` (default "công văn") chooses the model.

    Every problem is reported at once as a `DataError`, each with its YAML line; an unknown
    kind is one problem that lists the kinds there are.
    """
    data, lines = read_yaml(path)
    tag = kind_of(data) if isinstance(data, dict) else "OfficialLetter"
    if tag is None:
        kinds = ", ".join(KIND_CLASSES)
        raise DataError(
            [
                Problem(
                    "kind",
                    f"{data.get('kind')!r} is not a kind of document: write one of {kinds}",
                    lines.get(("kind",)),
                )
            ],
            source=str(path),
        )
    if tag == OfficialLetter.__name__:
        return letter_from(data, lines, str(path))
    model = next(cls for cls in KIND_CLASSES.values() if cls.__name__ == tag)
    characters = character_problems(data, lines)  # a text a .docx cannot hold, named by its field and line
    try:
        document = validate(model, data, source=str(path), lines=lines)
    except DataError as error:
        if not characters:
            raise
        raise DataError([*error.problems, *characters], source=str(path)) from None
    if characters:
        raise DataError(characters, source=str(path))
    return document


def render_document(
    document: Any,
    out: str | os.PathLike[str] | IO[bytes] | None = None,
    template: TemplateSpec = None,
    templates: Folders = None,
) -> bytes:
    """Render a document of any kind with ``template`` (default: its kind's bundled template) to .docx bytes.

    With ``out`` a path, the file is written atomically; with ``out`` a binary file, the bytes are written to it.
    """
    return deliver(
        loader_for(templates).template_for(template, template_for(document)).render(context_of(document)), out
    )


def context_of(document: Any) -> dict[str, Any]:
    """The template context of a document of any kind (a công văn's is `letter_context`)."""
    if isinstance(document, OfficialLetter):
        return letter_context(document)
    return document_context(document)


def sample_data(kind: str) -> bytes:
    """YAML data of a ``kind`` that its bundled template renders: the sample of ``data/models/`` for its model.

    A kind of Mẫu 1.4 without a sample of its own gets the kế hoạch's, renamed (its symbol's code too);
    a quy chế or quy định is the one the sample Quyết định of Mẫu 1.3 issues; a công văn is the 2020 directive.
    """
    from importlib import resources

    import yaml

    from congvan.model.common import kind_code
    from congvan.model.kinds import normal_kind

    kind = normal_kind(kind)
    folder = resources.files("congvan.data")
    if kind == "công văn":
        return folder.joinpath("directive-2020.yaml").read_bytes()
    if kind in ("quy chế", "quy định"):
        with resources.as_file(folder.joinpath("models", "mau-1.3-quyet-dinh.yaml")) as path:
            issued = load_document(path).issued_document().model_copy(update={"kind": kind})
        header = f"# SAMPLE DATA: the {kind} of data/models/mau-1.3-quyet-dinh.yaml, as a document of its own.\n"
        return (
            header
            + yaml.safe_dump(issued.model_dump(mode="json", exclude_defaults=True), allow_unicode=True, sort_keys=False)
        ).encode()
    named = next((name for name in SAMPLES if name.removesuffix(".yaml").split("-", 2)[2] == _slug(kind)), None)
    if named is not None:
        return folder.joinpath("models", named).read_bytes()
    text = folder.joinpath("models", "mau-1.4-ke-hoach.yaml").read_text("utf-8")
    text = text.replace("kind: kế hoạch", f"kind: {kind}").replace("/KH-", f"/{kind_code(kind)}-")
    return text.encode()


def _slug(kind: str) -> str:
    from congvan.vietnamese import fold

    return "-".join(fold(kind).split())


#: The bundled samples (``data/models/``), one per model, the kinds of the 2020 answer of Quảng Ninh.
SAMPLES = (
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
)


def document_context(document: Any) -> dict[str, Any]:
    """The context of ``document``'s template: shared parts, then the kind's own."""
    build = _BUILDERS[type(document)]
    return build(document)


# ---------------------------------------------------------------- shared parts


def title_context(type_name: str, subject: str | None) -> dict[str, Any]:
    """Ô 5a: the tên loại in capitals, the trích yếu broken into lines, and the rule under them (1/3–1/2)."""
    size = geo.SIZES["TYPE_SUBJECT"]
    lines = geo.fit_lines(subject, size, SUBJECT_WIDTH, bold=True) if subject else []
    above = lines or [type_name.upper()]
    widest = max(geo.text_width(text, size, bold=True) for text in above)
    rule = round(widest * 0.4)
    return {"type_name": type_name.upper(), "subject_lines": lines, "title_rule_indent": (geo.TEXT_WIDTH - rule) // 2}


def signature_context(signature: Signature) -> dict[str, Any]:
    """Ô 7: the authority and title lines in capitals, and the name."""
    return {"lines": signature.lines, "name": signature.name or ""}


def _header(document: AdministrativeDocument) -> dict[str, Any]:
    """Ô 1–4, 7, 9b, 10: everything a numbered administrative document shares."""
    return {
        "header": header_context(document.issuing_body),
        "number_line": document.number.line,
        "number_blank": document.number.number is None,
        "date_line": date_line(document.issuing_body.place, document.issued_on, document.draft_year),
        "date_blank": document.issued_on is None,
        "marks": [mark_context(text) for text in (document.secrecy, document.urgency) if text],
        "signature": signature_context(document.signature),
        "recipients": document.recipients.formatted,
    }


def bases_lines(bases: tuple[Basis, ...], proposal: str | None, proposal_word: str) -> list[str]:
    """Căn cứ ban hành (Phần I, II.6.a): "Căn cứ …;" one per line, the last line ending with "."."""
    lines = [f"Căn cứ {basis.words()}" for basis in bases]
    if proposal:
        lines.append(f"{proposal_word} {proposal}")
    return [text + ("." if index == len(lines) - 1 else ";") for index, text in enumerate(lines)]


def addressee_lines(addressees: Addressees | None) -> dict[str, Any]:
    """Ô 9a: one addressee on the "Kính gửi:" line, or several "- X;" lines; none at all."""
    if addressees is None:
        return {"addressee_single": "", "addressee_lines": []}
    lines = addressees.lines
    if len(lines) == 1:
        return {"addressee_single": single_addressee(lines[0]), "addressee_lines": []}
    return {"addressee_single": "", "addressee_lines": lines}


def attached_line(kind: str, number: Any, issued_on: Any, draft_year: int | None, issuer: str) -> str:
    """ "(Kèm theo Quyết định số 12/QĐ-UBND ngày 20 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh …)"."""
    return f"(Kèm theo {kind} số {number} {format_date(issued_on, draft_year=draft_year)} của {issuer})"


# ---------------------------------------------------------------- the kinds


def resolution_context(document: Resolution) -> dict[str, Any]:
    """Mẫu 1.1: thẩm quyền, căn cứ, "Xét đề nghị của …", "QUYẾT NGHỊ:", điều."""
    return _decreeing_context(document, "Nghị quyết", "Xét đề nghị của", "QUYẾT NGHỊ:")


def decision_context(document: Decision) -> dict[str, Any]:
    """Mẫu 1.2 and 1.3: thẩm quyền, căn cứ, "Theo đề nghị của …", "QUYẾT ĐỊNH:", điều."""
    return _decreeing_context(document, "Quyết định", "Theo đề nghị của", "QUYẾT ĐỊNH:")


def _decreeing_context(
    document: Resolution | Decision, type_name: str, proposal_word: str, decides: str
) -> dict[str, Any]:
    """What a nghị quyết and a quyết định share: the thẩm quyền line, the căn cứ, the line that decides, điều."""
    return {
        **_header(document),
        **title_context(type_name, document.subject),
        "authority": document.authority.upper(),
        "bases": bases_lines(document.bases, document.proposal, proposal_word),
        "decides": decides,
        "content": _articles(document.articles),
    }


def _articles(articles: tuple[Any, ...]) -> list[Line]:
    from congvan.model.content import Content

    return ended(content_lines(Content(articles=articles)))


def attached_text_context(document: AttachedText) -> dict[str, Any]:
    """The quy chế of Mẫu 1.3: ô 1–2, its name and subject, "(Kèm theo Quyết định số …)", chương and điều."""
    body = document.issuing_body
    return {
        "header": header_context(body),
        **title_context(document.kind.capitalize(), document.subject),
        "attached_line": attached_line(
            "Quyết định", document.decision_number, document.decision_date, document.draft_year, body.name
        ),
        "content": ended(content_lines(document.content)),
    }


def named_context(document: NamedDocument) -> dict[str, Any]:
    """Mẫu 1.4: the tên loại and trích yếu, "Kính gửi" for a tờ trình or báo cáo to a superior, the content."""
    return {
        **_header(document),
        **title_context(document.kind.capitalize(), document.subject),
        **addressee_lines(document.addressees),
        "content": ended(content_lines(document.content)),
    }


def telegram_context(document: Telegram) -> dict[str, Any]:
    """Mẫu 1.6: "… điện:" in capitals, the bodies it goes to ("- …;"), the content."""
    items = document.addressees.items
    return {
        **_header(document),
        **title_context("Công điện", document.subject),
        "sender_line": f"{document.sender.upper()} điện:",
        "telegram_addressees": [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)],
        "content": ended(content_lines(document.content)),
    }


def invitation_context(document: Invitation) -> dict[str, Any]:
    """Mẫu 1.7: who invites whom, "Tới dự …", Chủ trì, Thời gian, Địa điểm, the notes."""
    inviter = document.inviter or document.issuing_body.name
    lines = [
        line("text", f"{inviter} trân trọng kính mời: {document.invitees}"),
        line("text", f"Tới dự {document.event}."),
        line("text", f"Chủ trì: {document.chair}."),
        line("text", f"Thời gian: {document.time}."),
        line("text", f"Địa điểm: {document.venue}."),
        *(line("text", note) for note in document.notes),
    ]
    return {**_header(document), **title_context("Giấy mời", document.subject), "content": ended(lines)}


#: Mẫu 1.8's fixed sentence, before the validity line.
INTRODUCTION_REQUEST = "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ."


def introduction_context(document: Introduction) -> dict[str, Any]:
    """Mẫu 1.8: no trích yếu; who introduces whom, where and why, and until when it is valid."""
    introducer = document.introducer or document.issuing_body.name
    lines = [
        line("centred", f"{introducer} {INTRODUCES}"),
        line("text", f"Ông (bà): {document.person}"),
        line("text", f"Chức vụ: {document.position}"),
        line("text", f"Được cử đến: {document.sent_to}"),
        line("text", f"Về việc: {document.purpose}"),
        line("text", INTRODUCTION_REQUEST),
        line("text", end_text(f"Giấy này có giá trị đến hết {format_date(document.valid_until)}.")),
    ]
    return {**_header(document), **title_context("Giấy giới thiệu", None), "content": lines}


def minutes_context(document: Minutes) -> dict[str, Any]:
    """Mẫu 1.9: no place and date line; time, place, participants, chair, secretary, content, end; two signatures."""
    participants = document.participants
    lines = [
        line("text", f"Thời gian bắt đầu: {document.started_at}."),
        line("text", f"Địa điểm: {document.venue}."),
    ]
    if len(participants) == 1:
        lines.append(line("text", f"Thành phần tham dự: {participants[0]}."))
    else:
        lines.append(line("text", "Thành phần tham dự:"))
        last = len(participants) - 1
        lines += [line("text", f"- {p}{'.' if i == last else ';'}") for i, p in enumerate(participants)]
    lines += [
        line("text", f"Chủ trì (chủ tọa): {document.chair}."),
        line("text", f"Thư ký (người ghi biên bản): {document.secretary}."),
        line("text", "Nội dung (theo diễn biến cuộc họp):"),
        *content_lines(document.content),
        line("text", end_text(f"Cuộc họp kết thúc vào {document.ended_at}.")),
    ]
    context = {**_header(document), **title_context("Biên bản", document.subject), "content": lines}
    del context["date_line"], context["date_blank"]  # Mẫu 1.9 has no place and date line
    context["secretary_signature"] = {"lines": ["THƯ KÝ"], "name": document.secretary_name or ""}
    return context


def leave_note_context(document: LeaveNote) -> dict[str, Any]:
    """Mẫu 1.10: the request it answers, who may take leave, when and where, and the confirmation block."""
    grantor = document.grantor or document.issuing_body.name
    lines = [
        line("text", f"Xét Đơn đề nghị nghỉ phép {format_date(document.requested_on)} của ông (bà) {document.person},"),
        line("text", f"{grantor} cấp cho:"),
        line("text", f"Ông (bà): {document.person}"),
        line("text", f"Chức vụ: {document.position}"),
        line(
            "text",
            f"Được nghỉ phép trong thời gian {document.period} kể từ {format_date(document.starts_on)} "
            f"đến hết {format_date(document.ends_on)} tại {document.place}.",
        ),
        line("text", end_text(f"Số ngày nghỉ phép nêu trên được tính vào thời gian {document.counted_as}.")),
    ]
    return {
        **_header(document),
        **title_context("Giấy nghỉ phép", None),
        "content": lines,
        "confirmation": document.confirmation,
    }


def annex_document_context(document: AnnexDocument) -> dict[str, Any]:
    """Mẫu 2.1: "Phụ lục I", its title in capitals, "(Kèm theo … số …)", the rule, the content."""
    return {
        "annex_heading": f"{ANNEX_HEADING.text} {document.label}",
        "annex_title": document.title.upper(),
        "attached_line": attached_line(
            document.document_kind,
            document.document_number,
            document.document_date,
            document.draft_year,
            document.issuing_body.name,
        ),
        "content": ended(content_lines(document.content)),
    }


_BUILDERS: dict[type, Any] = {
    Resolution: resolution_context,
    Decision: decision_context,
    AttachedText: attached_text_context,
    NamedDocument: named_context,
    Telegram: telegram_context,
    Invitation: invitation_context,
    Introduction: introduction_context,
    Minutes: minutes_context,
    LeaveNote: leave_note_context,
    AnnexDocument: annex_document_context,
}
