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
    "format_amount_words",
    "format_weekday",
    "parse_date",
    "parse_number",
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


_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def format_weekday(value: _dt.date) -> str:
    """The day of the week as written in a giấy mời: "thứ Hai" … "thứ Bảy", "Chủ nhật"."""
    return _WEEKDAYS[value.weekday()]


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ")


def _group_words(number: int, inner: bool) -> list[str]:
    """Words of 0–999; ``inner`` for a group after a higher one ("không trăm linh năm")."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or inner:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += (["linh"] if words else []) + [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 5: "lăm"}.get(units, _DIGITS[units]))
    return words


def _scale(index: int) -> str:
    """The name of the ``index``-th group of three digits: nghìn, triệu, tỷ, nghìn tỷ, … tỷ tỷ."""
    names = []
    while index >= 3:
        names.append("tỷ")
        index -= 3
    return " ".join(filter(None, [_SCALES[index], *names]))


def format_amount_words(value: int | Decimal | str, *, unit: str = "đồng") -> str:
    """An amount in words, as financial letters write it (số tiền bằng chữ).

    >>> format_amount_words(1_500_000)
    'Một triệu năm trăm nghìn đồng'
    >>> format_amount_words(2_021_105)
    'Hai triệu không trăm hai mươi mốt nghìn một trăm linh năm đồng'
    """
    amount = parse_number(value)
    if amount != amount.to_integral_value() or amount < 0:
        raise ValueError(f"an amount in words is a whole, non-negative number of {unit}, got {value!r}")
    number = int(amount)
    groups = []
    while True:
        groups.append(number % 1000)
        number //= 1000
        if not number:
            break
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        words += _group_words(group, inner=index < len(groups) - 1)
        if _scale(index):
            words.append(_scale(index))
    text = " ".join(words or ["không"])
    return f"{text[0].upper()}{text[1:]} {unit}".rstrip()


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_WRITTEN = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_EXCEL_EPOCH = _dt.date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's phantom 1900-02-29


def parse_date(value: _dt.date | str | int | float) -> _dt.date:
    """Read a date as tables hold it: a date, ISO ``2026-12-10``, ``10/12/2026``, ``10-12-2026``,
    ``10.12.2026`` (day first, as Vietnamese writes it), "ngày 10 tháng 12 năm 2026", or an Excel
    serial number (46366). Raise ``ValueError`` saying what was read.

    >>> parse_date("10/12/2026"), parse_date(46366)
    (datetime.date(2026, 12, 10), datetime.date(2026, 12, 10))
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, (int, float, Decimal)) or (isinstance(value, str) and value.strip().isdigit()):
        serial = float(value)
        if serial != int(serial) or not 61 <= serial <= 2_958_465:
            raise ValueError(f"{value!r} is not a date (nor an Excel date serial number from 1900-03-01)")
        return _EXCEL_EPOCH + _dt.timedelta(days=int(serial))
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    text = " ".join(normalize(value).split())
    parts: tuple[str, str, str] | None = None
    if match := _ISO.fullmatch(text):
        parts = (match[1], match[2], match[3])
    elif match := _DAY_FIRST.fullmatch(text):
        parts = (match[4], match[3], match[1])
    elif match := _WRITTEN.fullmatch(text):
        parts = (match[3], match[2], match[1])
    if parts is None:
        raise ValueError(
            f"{value!r} is not a date: write 10/12/2026, 2026-12-10 or ngày 10 tháng 12 năm 2026 (day first)"
            if text
            else "empty value where a date is needed"
        )
    year, month, day = (int(p) for p in parts)
    try:
        return _dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"{value!r} is not a date: {error}") from None


_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d+)(?:,\d+)?")
_MONEY_UNIT = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)


def parse_number(value: int | float | Decimal | str) -> Decimal:
    """Read a number as Vietnamese writes it: ``1.500.000``, ``1.500.000,5``, ``1 500 000``, ``1500000``,
    ``-2,5``; a trailing "đồng", "đ" or "VNĐ" is allowed. Raise ``ValueError`` saying what was read.

    The dot groups thousands and the comma marks decimals, so "1.5" and "1,500,000" are refused
    as ambiguous rather than guessed.

    >>> parse_number("1.500.000,5"), parse_number("1 500 000 đ")
    (Decimal('1500000.5'), Decimal('1500000'))
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value!r} is not a finite number")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{value!r} is not a finite number")
        return Decimal(repr(value))
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a number")
    text = _MONEY_UNIT.sub("", value.strip())
    if not _NUMBER.fullmatch(text):
        raise ValueError(
            f"{value!r} is not a number in Vietnamese notation: write 1.500.000 or 1500000, decimals after a comma"
            if text
            else "empty value where a number is needed"
        )
    digits = re.sub(r"[.\u00a0\u202f ]", "", text).replace(",", ".")
    return Decimal(digits)
