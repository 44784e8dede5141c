"""Vietnamese text as ND30 wants it: NFC, tone placement, folding, collation, dates, numbers.

Nothing here reads the machine's locale, time zone or clock: numbers go
through babel with the locale ``vi`` fixed, dates are written out by hand
because babel's ``MM`` pads every month and ND30 pads only January and
February ("ngày 07 tháng 9 năm 2015", "ngày 05 tháng 02 năm 2020").
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from decimal import Decimal

from babel.numbers import format_decimal

__all__ = [
    "normalize",
    "fold",
    "sort_key",
    "format_date",
    "format_short_date",
    "format_number",
    "format_money",
]

LOCALE = "vi"

# Combining marks of the five Vietnamese tones (NFD).
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_TONE_MARKS = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)  # dictionary order after the level tone
_TONES = frozenset(_TONE_MARKS)

# "hoà" → "hòa", "thuỷ" → "thủy", "khoẻ" → "khỏe": the placement ND30 itself,
# Phụ lục II and the seed use (tone on the first vowel of oa, oe, uy when the
# syllable ends there). "quý" keeps its tone: there "u" belongs to "qu".
_NEW_PLACEMENT = re.compile(
    r"(?<![^\W\d_])(?P<pre>[^\W\d_]*?)"
    r"(?P<pair>[oO][aAeE]|[uU][yY])(?P<tone>[\u0300\u0301\u0303\u0309\u0323])"
    r"(?![^\W\d_]|[\u0300-\u036f])"
)


def _move_tone(match: re.Match[str]) -> str:
    pre, pair, tone = match["pre"], match["pair"], match["tone"]
    if pre[-1:] in ("q", "Q"):
        return match.group(0)
    return f"{pre}{pair[0]}{tone}{pair[1]}"


def normalize(text: str) -> str:
    """Return ``text`` in NFC with the tone placement of ND30 ("Hòa", "Ủy", "Thanh Hóa").

    Accepts NFC or NFD input and either tone placement ("Hoà", "Uỷ").
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW_PLACEMENT.sub(_move_tone, decomposed))


def fold(text: str) -> str:
    """Fold ``text`` for matching: no diacritics, "đ" → "d", case-folded, spaces collapsed.

    >>> fold("Thừa Thiên–Huế")
    'thua thien-hue'
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    stripped = re.sub(r"[\u2010-\u2015\u2212]", "-", stripped)
    return " ".join(stripped.casefold().split())


# Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_SHAPE_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn


def _letters_and_tones(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    ranks: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", text).casefold():
        base_and_marks = unicodedata.normalize("NFD", ch)
        base, marks = base_and_marks[0], base_and_marks[1:]
        tone = next((_TONE_MARKS.index(m) + 1 for m in marks if m in _TONES), 0)
        letter = base
        for mark in marks:
            if mark == "\u0302":
                letter = {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
            elif mark == "\u0306" and base == "a":
                letter = "ă"
            elif mark == "\u031b":
                letter = {"o": "ơ", "u": "ư"}.get(base, base)
        if letter in _LETTER_RANK:
            ranks.append(100 + _LETTER_RANK[letter])
        elif letter.isalnum():
            ranks.append(200 + ord(letter))
        else:
            ranks.append(ord(letter) if letter != " " else 0)
        tones.append(tone)
    return tuple(ranks), tuple(tones)


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Key for Vietnamese alphabetical order, independent of the machine's locale.

    Letters first (a < ă < â < b …, d < đ < e), then tones (level, huyền, hỏi,
    ngã, sắc, nặng), then the exact string, so that
    ``sorted(["Đà Nẵng", "Bạc Liêu", "Bắc Giang", "Yên Bái"], key=sort_key)``
    gives Bạc Liêu, Bắc Giang, Đà Nẵng, Yên Bái.
    """
    ranks, tones = _letters_and_tones(text)
    return ranks, tones, text


def _day_month(day: int, month: int) -> tuple[str, str]:
    return f"{day:02d}", (f"{month:02d}" if month <= 2 else str(month))


def format_date(value: _dt.date | None, *, draft_year: int | None = None) -> str:
    """Write a date as ND30 does: "ngày 07 tháng 9 năm 2015", "ngày 14 tháng 02 năm 2012".

    Days below 10 and the months 1 and 2 get a leading zero; no other month
    does. ``None`` gives the draft form with day and month left blank
    ("ngày      tháng      năm 2020" when ``draft_year`` is given).
    """
    if value is None:
        year = str(draft_year) if draft_year is not None else "\u2026\u2026"
        return f"ngày \u2026\u2026 tháng \u2026\u2026 năm {year}"
    day, month = _day_month(value.day, value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def format_short_date(value: _dt.date) -> str:
    """Write a date in the short form legal citations use: "07/9/2015", "14/02/2012"."""
    day, month = _day_month(value.day, value.month)
    return f"{day}/{month}/{value.year}"


def format_number(value: int | float | Decimal, *, decimals: int | None = None) -> str:
    """Format a number the Vietnamese way ("1.234.567,5"), locale ``vi`` fixed."""
    if decimals is None:
        return format_decimal(value, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_money(value: int | Decimal, *, unit: str = "đồng") -> str:
    """Format an amount of money as written in letters: "1.500.000 đồng"."""
    return f"{format_number(value, decimals=0)} {unit}"
