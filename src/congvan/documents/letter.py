"""The công văn (Mẫu 1.5): load() from YAML, its context, render_letter() to a .docx laid out by ND30.

Data flows one way: the model (``congvan.model``) becomes a context of
ready-to-print strings (``letter_context``), which a compiled template
(``congvan.Template``) turns into a .docx. All ND30 wording — "Số:",
"V/v", "Kính gửi" punctuation, the date line, the "Kèm theo" line — is made
here, so templates only place it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from congvan import layout as geo
from congvan.citations import Citer
from congvan.engine.loader import Folders, TemplateSpec, loader_for
from congvan.engine.values import first_invalid, invalid_character
from congvan.errors import CongvanError, DataError, Problem
from congvan.files import write_atomically
from congvan.loading import read_yaml, validate
from congvan.model import Annex, IssuingBody, OfficialLetter
from congvan.model.body import Body, Task
from congvan.units import find_province
from congvan.vietnamese import format_date

#: Before this day the 63 provinces of 2008 are in force; a draft's annex uses them.
PROVINCES_2020 = dt.date(2020, 1, 1)


def load(path: str | os.PathLike[str]) -> OfficialLetter:
    """Read a công văn from a YAML file; every problem is reported at once as a DataError.

    The provinces of the annexes and the characters of every text (none that a
    .docx cannot hold) are checked even when other fields are wrong, so that
    one run lists every problem, each with its YAML line.
    """
    data, lines = read_yaml(path)
    return letter_from(data, lines, str(path))


def letter_from(data: Any, lines: Mapping[tuple[str | int, ...], int], source: str) -> OfficialLetter:
    """The công văn of YAML ``data`` already read from ``source`` (with its ``lines``), checked as `load` does."""
    characters = character_problems(data, lines)
    try:
        letter = validate(OfficialLetter, data, source=source, lines=lines)
    except DataError as error:
        extra = characters + (_annex_province_problems(data, lines) if isinstance(data, Mapping) else [])
        if not extra:
            raise
        raise DataError([*error.problems, *extra], source=source) from None
    problems = characters + _annex_province_problems(letter.model_dump(), lines, on=letter.issued_on or PROVINCES_2020)
    if problems:
        raise DataError(problems, source=source)
    return letter


def render_letter(
    document: OfficialLetter,
    out: str | os.PathLike[str] | IO[bytes] | None = None,
    template: TemplateSpec = None,
    templates: Folders = None,
) -> bytes:
    """Render ``document`` with ``template`` (default: the công văn, ``congvan.docx``) and return the .docx bytes;
    a template's name is looked for in the folders ``templates``, then among the bundled ones. With ``out`` a
    path, the file is written atomically; with ``out`` a binary file, the bytes are written to it."""
    return deliver(loader_for(templates).template_for(template, "congvan").render(letter_context(document)), out)


def deliver(data: bytes, out: str | os.PathLike[str] | IO[bytes] | None) -> bytes:
    """``data`` written to the path ``out`` atomically, or to the binary file ``out``; returned either way."""
    if out is None:
        return data
    if hasattr(out, "write"):
        out.write(data)  # type: ignore[union-attr]
    else:
        write_atomically(Path(out), data)
    return data


# ------------------------------------------------------------------ context


def letter_context(letter: OfficialLetter) -> dict[str, Any]:
    """The strings the công văn template places, each already in its ND30 form."""
    body = letter.body
    return {
        "header": header_context(letter.issuing_body),
        "number_line": letter.number.line,
        "number_blank": letter.number.number is None,  # ô 3 left for the văn thư (Điều 15.3): a text field
        "date_line": date_line(letter.issuing_body.place, letter.issued_on, letter.draft_year),
        "date_blank": letter.issued_on is None,
        "subject_line": f"V/v {letter.subject}",
        "marks": [mark_context(text) for text in (letter.secrecy, letter.urgency) if text],
        **addressee_context(letter),
        "opening": opening_text(letter),
        "paragraphs": list(body.paragraphs),
        "tasks": [task_context(number, task) for number, task in enumerate(body.tasks, start=1)],
        "closing_paragraphs": list(body.closing_paragraphs),
        "closing": body.closing,
        "signature": {"lines": letter.signature.lines, "name": letter.signature.name or ""},
        "recipients": letter.recipients.formatted,
        "annexes": [annex_context(letter, annex) for annex in letter.annexes],
    }


def header_context(body: IssuingBody) -> dict[str, Any]:
    """Ô 2: the parent and issuing body in capitals, broken to fit, and the rule under them."""
    width = geo.HEADER_LEFT - 2 * geo.CELL_MARGIN
    parent_lines = geo.fit_lines(body.parent.upper(), geo.SIZES["PARENT_BODY"], width) if body.parent else []
    if body.header_lines:
        body_lines = [line.upper() for line in body.header_lines]
    else:
        body_lines = geo.fit_lines(body.name.upper(), geo.SIZES["ISSUING_BODY"], width, bold=True)
    widest = max(geo.text_width(line, geo.SIZES["ISSUING_BODY"], bold=True) for line in body_lines)
    rule = round(widest * 0.4)  # ND30: 1/3 to 1/2 of the line above
    return {
        "parent_lines": parent_lines,
        "body_lines": body_lines,
        "rule_indent": max(0, (width - rule) // 2),
    }


def date_line(place: str, issued_on: dt.date | None, draft_year: int | None = None) -> str:
    """Ô 4: "Hà Nội, ngày 05 tháng 02 năm 2020"; a draft leaves day and month blank."""
    return f"{place}, {format_date(issued_on, draft_year=draft_year)}"


#: The urgency stamps of ND30 (Phụ lục I, II.2.b) are 30, 40 and 20 mm wide, 8 mm high.
STAMP_WIDTHS = {"HỎA TỐC": 30, "THƯỢNG KHẨN": 40, "KHẨN": 20}


def mark_context(text: str) -> dict[str, Any]:
    """Ô 10a/10b: a secrecy or urgency mark in a box centred under V/v, as wide as ND30's stamp."""
    inner = geo.HEADER_LEFT - 2 * geo.CELL_MARGIN
    if text in STAMP_WIDTHS:
        box = round(STAMP_WIDTHS[text] * geo.TWIPS_PER_MM)
    else:
        box = geo.text_width(text, geo.SIZES["URGENCY"], bold=True) + 240
    return {"text": text, "indent": max(0, (inner - box) // 2)}


def addressee_context(letter: OfficialLetter) -> dict[str, Any]:
    """Ô 9a: one addressee on the "Kính gửi:" line, or several "- X;" lines."""
    lines = letter.addressees.lines
    if len(lines) == 1:
        return {"addressee_single": single_addressee(lines[0]), "addressee_lines": []}
    return {"addressee_single": "", "addressee_lines": lines}


def single_addressee(name: str) -> str:
    """The addressee after "Kính gửi: ", broken at a natural place when it needs two lines.

    Word would wrap "… trực thuộc Trung / ương" wherever the line ends; a line
    break after a comma or before "và" keeps compound words whole. The lines
    after the first stand under the first (hanging indent), so all have the
    width left after "Kính gửi: ".
    """
    room = geo.TEXT_WIDTH - geo.ADDRESSEE_INDENT - geo.text_width("Kính gửi: ", geo.SIZES["BODY_TEXT"])
    return "\n".join(geo.fit_lines(name, geo.SIZES["BODY_TEXT"], room - 60))


def opening_text(letter: OfficialLetter) -> str:
    """The opening paragraph: lead, each legal basis cited (in full on its first mention), then the request."""
    opening = letter.body.opening
    if opening is None:
        return ""
    citer = Citer(opening.bases, date_style=letter.citation_dates)
    citations = "; ".join(citer.cite(reference) for reference in opening.bases)
    head = " ".join(piece for piece in (opening.lead, citations) if piece)
    return head + opening.text


def task_context(number: int, task: Task) -> dict[str, Any]:
    """A numbered task with its lettered parts ("a) …") and dash bullets ("- …")."""
    return {
        "heading": task.heading(number),
        "paragraphs": list(task.paragraphs),
        "parts": [
            {
                "heading": f"{Body.part_letter(index)}) {part.title}",
                "paragraphs": list(part.paragraphs),
                "bullets": [f"- {bullet}" for bullet in part.bullets],
            }
            for index, part in enumerate(task.parts)
        ],
        "bullets": [f"- {bullet}" for bullet in task.bullets],
    }


def attached_line(letter: OfficialLetter) -> str:
    """ "(Kèm theo Công văn số 135/BTTTT-TTĐN ngày 05 tháng 02 năm 2020 của Bộ …)"."""
    date = format_date(letter.issued_on, draft_year=letter.draft_year)
    return f"(Kèm theo Công văn số {letter.number} {date} của {letter.issuing_body.name})"


def annex_context(letter: OfficialLetter, annex: Annex) -> dict[str, Any]:
    """An annex list laid out in two halves side by side, as the seed prints it."""
    on = letter.issued_on or PROVINCES_2020
    entries = [(row.number, _annex_entry(row.text, row.province, on)) for row in annex.rows]
    half = (len(entries) + 1) // 2
    left, right = entries[:half], entries[half:]
    rows = []
    for index, (number, text) in enumerate(left):
        other = right[index] if index < len(right) else ("", "")
        rows.append([number, text, *other])
    return {
        "heading": annex.heading,
        "title": annex.title.upper(),
        "attached_line": attached_line(letter),
        "columns": list(annex.columns),
        "rows": rows,
    }


def _annex_entry(text: str | None, province: str | None, on: dt.date) -> str:
    if text is not None:
        return text
    return find_province(province or "", on=on).committee_short


def character_problems(
    data: Any, lines: Mapping[tuple[str | int, ...], int], path: tuple[str | int, ...] = ()
) -> list[Problem]:
    """A Problem for each text in the raw data holding a character a .docx cannot hold (``\\x1b``…)."""
    if isinstance(data, str):
        position = first_invalid(data)
        if position is None:
            return []
        where = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")
        return [Problem(where, str(invalid_character(data, position)), lines.get(path))]
    if isinstance(data, Mapping):
        return [p for key, value in data.items() for p in character_problems(value, lines, (*path, key))]
    if isinstance(data, (list, tuple)):
        return [p for index, value in enumerate(data) for p in character_problems(value, lines, (*path, index))]
    return []


def _annex_province_problems(
    data: Mapping[str, Any], lines: Mapping[tuple[str | int, ...], int], on: dt.date | None = None
) -> list[Problem]:
    """Every province named in an annex must exist on the letter's date; a Problem for each that does not.

    Works on raw data too (when the model did not validate): rows that are not
    mappings with a text ``province`` are left to the model's own errors.
    """
    if on is None:
        try:
            on = dt.date.fromisoformat(str(data.get("issued_on")))
        except ValueError:
            on = PROVINCES_2020
    annexes = data.get("annexes")
    problems = []
    for a, annex in enumerate(annexes if isinstance(annexes, (list, tuple)) else []):
        rows = annex.get("rows") if isinstance(annex, Mapping) else None
        for r, row in enumerate(rows if isinstance(rows, (list, tuple)) else []):
            province = row.get("province") if isinstance(row, Mapping) else None
            if not isinstance(province, str):
                continue
            try:
                find_province(province, on=on)
            except CongvanError as error:
                location = ("annexes", a, "rows", r, "province")
                line = lines.get(location) or lines.get(location[:-1])
                problems.append(Problem(f"annexes[{a}].rows[{r}].province", str(error), line))
    return problems
