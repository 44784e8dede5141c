"""Reading citations as clerks write them: the fields of a `LegalReference` (which builds it, `LegalReference.parse`)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from congvan.citations.symbols import KINDS, PARTY_SYMBOL, STATE_SYMBOL, symbol_problems
from congvan.errors import CitationError
from congvan.vietnamese import normalize

_SUBJECT_START = re.compile(
    r"\s(?=(?:về|ban hành|hướng dẫn|phê duyệt|quy định|sửa đổi|bổ sung|thành lập|thông qua|"
    r"triển khai|tăng cường|đẩy mạnh|tiếp tục|phê chuẩn|công bố|bãi bỏ|giao|điều chỉnh|kiện toàn)\b)"
)
_DATE_SHORT = re.compile(r"ngày\s+(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})\b")
_DATE_LONG = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\b")
_SYMBOL_IN_TEXT = re.compile(rf"(?<![\w/-])(?:{STATE_SYMBOL}|{PARTY_SYMBOL})(?![\w/])")
_KINDS_LONGEST_FIRST = sorted(KINDS, key=len, reverse=True)


def _read_date(text: str) -> tuple[_dt.date, str]:
    """Read "ngày …" at the start of ``text``; return the date and the rest."""
    match = _DATE_SHORT.match(text) or _DATE_LONG.match(text)
    if match is None:
        raise CitationError(
            f"the date in {text[:40]!r} cannot be read: write 'ngày 07/9/2015' or 'ngày 07 tháng 9 năm 2015'"
        )
    day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    try:
        value = _dt.date(year, month, day)
    except ValueError:
        raise CitationError(
            f"the date {day:02d}/{month:02d}/{year} does not exist (check the day and the month)"
        ) from None
    return value, text[match.end() :].lstrip(" ,")


def read_citation(text: str) -> dict[str, Any]:
    """The fields of the citation ``text`` (kind, symbol, date, issuer, subject…); `CitationError` naming the part that is wrong."""
    source = " ".join(normalize(text).split()).rstrip(" .;,")
    if not source:
        raise CitationError("an empty text is not a citation")
    match = _SYMBOL_IN_TEXT.search(source)
    if match is None:
        raise CitationError(f"no number and symbol (Số, ký hiệu) such as 72/2015/NĐ-CP or 16-KL/TW in {source!r}")
    head = source[: match.start()].rstrip(" ,")
    with_so = head == "số" or head.endswith(" số")
    if with_so:
        head = head[:-2].rstrip()
    kind = next(
        (
            k
            for k in _KINDS_LONGEST_FIRST
            if head.casefold() == k.casefold() or head.casefold().startswith(k.casefold() + " ")
        ),
        None,
    )
    if kind is None:
        raise CitationError(
            f"the type of document (Loại văn bản) cannot be read from {head!r} before {match.group(0)}: "
            "expected Luật, Nghị định, Quyết định, Thông tư, Kết luận, Công văn …"
        )
    name = kind + head[len(kind) :] if len(head) > len(kind) else None
    rest = source[match.end() :].lstrip(" ,")
    issued_on: _dt.date | None = None
    issuer: str | None = None
    subject: str | None = None
    if rest.startswith("ngày"):
        issued_on, rest = _read_date(rest)
    if rest.startswith("của "):
        body = rest[len("của ") :]
        split = _SUBJECT_START.search(body)
        issuer, subject = (body[: split.start()], body[split.end() :]) if split else (body, None)
    elif rest:
        subject = rest
    problems = symbol_problems(kind, match.group(0), issued_on, name)
    if problems:
        raise CitationError(f"{kind} số {match.group(0)}: " + "; ".join(problems))
    return {
        "kind": kind,
        "symbol": match.group(0),
        "issued_on": issued_on,
        "issuer": issuer,
        "subject": subject,
        "name": name,
        "with_so": with_so,
    }
