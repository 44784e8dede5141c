"""Số, ký hiệu of cited documents: the type codes and the shapes of state and Party symbols."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Literal

from congvan.errors import CitationError
from congvan.vietnamese import fold, format_short_date, normalize

DateStyle = Literal["short", "long"]

# Type codes of state documents (Phụ lục III of ND30 plus the normative types).
STATE_CODES: dict[str, tuple[str, ...]] = {
    "NQ": ("Nghị quyết",),
    "NQLT": ("Nghị quyết liên tịch",),
    "NĐ": ("Nghị định",),
    "QĐ": ("Quyết định",),
    "TT": ("Thông tư",),
    "TTLT": ("Thông tư liên tịch",),
    "CT": ("Chỉ thị",),
    "L": ("Lệnh",),
    "KL": ("Kết luận",),
    "QC": ("Quy chế",),
    "QyĐ": ("Quy định",),
    "TC": ("Thông cáo",),
    "TB": ("Thông báo", "Thông báo kết luận"),
    "HD": ("Hướng dẫn",),
    "CTr": ("Chương trình",),
    "KH": ("Kế hoạch",),
    "PA": ("Phương án",),
    "ĐA": ("Đề án",),
    "DA": ("Dự án",),
    "BC": ("Báo cáo",),
    "BB": ("Biên bản",),
    "TTr": ("Tờ trình",),
    "HĐ": ("Hợp đồng",),
    "CĐ": ("Công điện",),
    "BGN": ("Bản ghi nhớ",),
    "BTT": ("Bản thỏa thuận",),
    "GUQ": ("Giấy ủy quyền",),
    "GM": ("Giấy mời",),
    "GGT": ("Giấy giới thiệu",),
    "GNP": ("Giấy nghỉ phép",),
    "PG": ("Phiếu gửi",),
    "PC": ("Phiếu chuyển",),
    "PB": ("Phiếu báo",),
}

# Type codes of Party documents (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW).
PARTY_CODES: dict[str, tuple[str, ...]] = {
    "NQ": ("Nghị quyết",),
    "QĐ": ("Quyết định", "Quy định"),
    "CT": ("Chỉ thị",),
    "KL": ("Kết luận",),
    "QC": ("Quy chế",),
    "TT": ("Thông tri",),
    "HD": ("Hướng dẫn",),
    "TB": ("Thông báo", "Thông báo kết luận"),
    "BC": ("Báo cáo",),
    "KH": ("Kế hoạch",),
    "CTr": ("Chương trình",),
    "ĐA": ("Đề án",),
    "TTr": ("Tờ trình",),
    "CV": ("Công văn",),
}

# Kinds whose symbol carries no type code.
_LEGISLATIVE = frozenset({"Luật", "Bộ luật", "Pháp lệnh", "Nghị quyết"})
_LEGISLATIVE_ISSUER = re.compile(r"(?:QH|UBTVQH)\d*")
_CONG_VAN_SHAPED = frozenset({"Công văn", "Hướng dẫn"})
# Kinds that may be named before their number ("Luật Báo chí số 103/2016/QH13").
_NAMED_KINDS = frozenset({"Luật", "Bộ luật", "Pháp lệnh"})
# Codes whose issuer part names several bodies ("55/2005/TTLT-BNV-VPCP").
_JOINT_CODES = frozenset({"TTLT", "NQLT"})

KINDS: tuple[str, ...] = tuple(
    sorted(
        {kind for kinds in (*STATE_CODES.values(), *PARTY_CODES.values()) for kind in kinds}
        | _LEGISLATIVE
        | {"Công văn"}
    )
)

_EXAMPLES = {
    "Luật": "80/2015/QH13",
    "Bộ luật": "91/2015/QH13",
    "Pháp lệnh": "02/2022/UBTVQH15",
    "Nghị quyết": "01/NQ-CP, 56/2017/QH14 or 19-NQ/TW",
    "Nghị định": "72/2015/NĐ-CP",
    "Quyết định": "1486/QĐ-TTg or 28/2018/QĐ-TTg",
    "Thông tư": "22/2016/TT-BTTTT",
    "Thông tư liên tịch": "55/2005/TTLT-BNV-VPCP",
    "Chỉ thị": "16/CT-TTg or 05-CT/TW",
    "Kết luận": "16-KL/TW",
    "Hướng dẫn": "36-HD/VPTW or 1074/BTTTT-TTĐN",
    "Công văn": "1074/BTTTT-TTĐN",
}

_GROUP = r"[^\W\d_](?:[^\W_]|&)*"
STATE_SYMBOL = rf"(?P<number>\d+)(?:/(?P<year>\d{{4}}))?/(?P<codes>{_GROUP}(?:-(?:[^\W_]|&)+)*)"
PARTY_SYMBOL = rf"(?P<pnumber>\d+)-(?P<ptype>{_GROUP})/(?P<pissuer>{_GROUP})(?:-(?P<punit>{_GROUP}(?:-{_GROUP})*))?"
_SYMBOL = re.compile(rf"(?:{STATE_SYMBOL}|{PARTY_SYMBOL})")


@dataclass(frozen=True)
class SymbolParts:
    """The parts of a number and symbol (Số, ký hiệu).

    ``issuer_code`` is the issuing body ("CP", "TTg", "BTTTT", "QH13", "TW");
    for joint documents it holds every body ("BNV-VPCP"). ``unit`` is the
    drafting unit of a công văn ("TTĐN" in "1074/BTTTT-TTĐN").
    """

    number: str
    year: int | None
    type_code: str | None
    issuer_code: str
    unit: str | None
    party: bool

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of document the type code stands for (empty without a code)."""
        if self.type_code is None:
            return ()
        table = PARTY_CODES if self.party else STATE_CODES
        return table.get(self.type_code, ())


def parse_symbol(symbol: str) -> SymbolParts:
    """Split a number and symbol into its parts; raise `CitationError` if it has no known shape."""
    text = normalize(symbol.strip())
    match = _SYMBOL.fullmatch(text)
    if match is None:
        raise CitationError(
            f"the number and symbol (Số, ký hiệu) {symbol!r} cannot be read: expected a shape such as "
            "72/2015/NĐ-CP, 1486/QĐ-TTg, 1074/BTTTT-TTĐN or 16-KL/TW (no spaces)"
        )
    if match["pnumber"]:
        return SymbolParts(
            number=match["pnumber"],
            year=None,
            type_code=match["ptype"],
            issuer_code=match["pissuer"],
            unit=match["punit"],
            party=True,
        )
    groups = match["codes"].split("-")
    year = int(match["year"]) if match["year"] else None
    if groups[0] in STATE_CODES and len(groups) >= 2:
        type_code, rest = groups[0], groups[1:]
        if type_code in _JOINT_CODES:
            return SymbolParts(match["number"], year, type_code, "-".join(rest), None, False)
        return SymbolParts(match["number"], year, type_code, rest[0], "-".join(rest[1:]) or None, False)
    return SymbolParts(match["number"], year, None, groups[0], "-".join(groups[1:]) or None, False)


def _kind_problem(kind: str, parts: SymbolParts) -> str | None:
    """Say why ``kind`` does not agree with the symbol's type code, or return None."""
    if parts.type_code is not None:
        meanings = parts.kinds
        if kind in meanings:
            return None
        style = "Party " if parts.party else ""
        return (
            f"the {style}type code {parts.type_code} means {' or '.join(meanings)}, not {kind}"
            if meanings
            else f"the Party type code {parts.type_code} is unknown; expected one of {', '.join(PARTY_CODES)}"
        )
    if kind in _CONG_VAN_SHAPED:
        return None
    if kind in _LEGISLATIVE and _LEGISLATIVE_ISSUER.fullmatch(parts.issuer_code):
        return None
    expected = _EXAMPLES.get(kind)
    hint = f"; a {kind}'s symbol reads like {expected}" if expected else ""
    codes = [code for code, kinds in STATE_CODES.items() if kind in kinds]
    if any(fold(parts.issuer_code) == fold(code) and parts.issuer_code != code for code in codes):
        hint += f" (write the type code {codes[0]} with its diacritics, not {parts.issuer_code})"
    return f"the symbol has no type code of a {kind}{hint}"


def symbol_problems(kind: str, symbol: str, issued_on: _dt.date | None, name: str | None) -> list[str]:
    """Every problem of a reference, as sentences; empty if it is valid."""
    problems: list[str] = []
    if kind not in KINDS:
        near = [k for k in KINDS if fold(k) == fold(kind)]
        hint = f"write {near[0]!r}" if near else f"expected one of {', '.join(KINDS)}"
        problems.append(f"unknown type of document (Loại văn bản) {kind!r}: {hint}")
    try:
        parts = parse_symbol(symbol)
    except CitationError as exc:
        return [*problems, str(exc)]
    if kind in KINDS and (problem := _kind_problem(kind, parts)):
        problems.append(problem)
    if parts.year is not None and issued_on is not None and parts.year != issued_on.year:
        problems.append(
            f"the symbol's year {parts.year} differs from the year of the date "
            f"{format_short_date(issued_on)}; one of them is wrong"
        )
    if name is not None:
        if kind not in _NAMED_KINDS:
            problems.append(f"only {', '.join(sorted(_NAMED_KINDS))} are named before the number, not a {kind}")
        elif not name.startswith(kind + " "):
            problems.append(f"the name {name!r} must start with the type word {kind!r}")
    return problems


def clean_text(value: str | None) -> str | None:
    if value is None:
        return None
    text = " ".join(normalize(value).split())
    return text or None
