"""The legacy 8-bit Vietnamese encodings TCVN3 (ABC) and VNI, decoded to Unicode NFC.

Many provincial offices still keep tables typed before Unicode, in the ABC fonts
(``.VnTime``, TCVN3) or the VNI fonts (``VNI-Times``). Python's codecs stop at
cp1258, so the two tables are written out here from their published definitions:

- **TCVN3** is table VN3 of TCVN 5712:1993 *Công nghệ thông tin — Bộ mã chuẩn 8-bit
  kí tự Việt dùng trong trao đổi thông tin*: ASCII below 0x80, the 67 small letters
  with marks and seven capitals without a tone (Ă Â Ê Ô Ơ Ư Đ) above. VN3 has **no
  capitals with a tone mark**: the ABC "H" fonts (``.VnTimeH``) draw capitals from
  the small letters' codes, so a title typed in them ("HÀ NỘI" on screen) holds the
  same bytes as "Hà nội" and decodes in small letters. That ambiguity cannot be
  resolved from the bytes. The tests check every letter against glibc's independent
  ``TCVN5712-1`` converter, whose upper half agrees with VN3.
- **VNI** is the encoding of the VNI for Windows fonts (VNI Software Company): a
  base letter followed by one byte that carries its marks ("Hà" is ``H a 0xF8``,
  "Việt" is ``V i e 0xE4 t``); ơ, ư, đ, the forms of i and ỵ have a byte of their own.
  The bytes are those of Windows-1252, in which VNI text shows as "Haø Noäi".

`decode` converts bytes; `suspect` tells whether a string that came in as Unicode
looks like one of them read with the wrong code page ("Hµ Néi", "Haø Noäi"), so a
reader can warn about the cell instead of converting it silently.

>>> decode("Hµ Néi".encode("latin-1"), "tcvn3")
'Hà Nội'
>>> decode("Haø Noäi".encode("cp1252"), "vni")
'Hà Nội'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Legacy = Literal["tcvn3", "vni"]
ENCODINGS: tuple[Legacy, ...] = ("tcvn3", "vni")

# Tones as combining marks, in the order VN3 lists them: huyền, hỏi, ngã, sắc, nặng.
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_VN3_TONES = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)

# TCVN 5712:1993 VN3: each vowel with its own byte (None: the ASCII letter) and its five toned forms.
_VN3_VOWELS: dict[str, tuple[int | None, tuple[int, int, int, int, int]]] = {
    "a": (None, (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    "ă": (0xA8, (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    "â": (0xA9, (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    "e": (None, (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    "ê": (0xAA, (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    "i": (None, (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    "o": (None, (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    "ô": (0xAB, (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    "ơ": (0xAC, (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    "u": (None, (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    "ư": (0xAD, (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    "y": (None, (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
}
_VN3_OTHERS = {0xAE: "đ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ"}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vn3_table() -> dict[int, str]:
    table = dict(_VN3_OTHERS)
    for vowel, (own, toned) in _VN3_VOWELS.items():
        if own is not None:
            table[own] = vowel
        for tone, code in zip(_VN3_TONES, toned, strict=True):
            table[code] = _compose(vowel, tone)
    return table


TCVN3: dict[int, str] = _vn3_table()
"""Byte → letter for every byte of VN3 above 0x7F (74 letters)."""

# VNI: the mark bytes, small-letter forms (capital forms are 0x20 lower). Tones: sắc, huyền, hỏi, ngã, nặng.
_VNI_TONE = {0xF9: _ACUTE, 0xF8: _GRAVE, 0xFB: _HOOK, 0xF5: _TILDE, 0xEF: _DOT}
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_CIRCUMFLEX = {0xE2: "", 0xE1: _ACUTE, 0xE0: _GRAVE, 0xE5: _HOOK, 0xE3: _TILDE, 0xE4: _DOT}
_VNI_BREVE = {0xEA: "", 0xE9: _ACUTE, 0xE8: _GRAVE, 0xFA: _HOOK, 0xFC: _TILDE, 0xEB: _DOT}
# Letters with a byte of their own: ơ ư đ, the five toned i, ỵ (small forms; capitals 0x20 lower).
_VNI_SINGLE = {
    0xF4: "ơ",
    0xF6: "ư",
    0xF1: "đ",
    0xED: "í",
    0xEC: "ì",
    0xE6: "ỉ",
    0xF3: "ĩ",
    0xF2: "ị",
    0xEE: "ỵ",
}
# Which mark bytes each base letter takes: every base the tones; a, e, o the circumflex; a the breve.
_VNI_BASES = {
    "a": (_VNI_TONE, _VNI_CIRCUMFLEX, _VNI_BREVE),
    "e": (_VNI_TONE, _VNI_CIRCUMFLEX),
    "o": (_VNI_TONE, _VNI_CIRCUMFLEX),
    "u": (_VNI_TONE,),
    "y": (_VNI_TONE,),
    "\u00f4": (_VNI_TONE,),  # ô: VNI's ơ
    "\u00f6": (_VNI_TONE,),  # ö: VNI's ư
}
_SHAPE = {id(_VNI_TONE): "", id(_VNI_CIRCUMFLEX): _CIRCUMFLEX, id(_VNI_BREVE): _BREVE}


def _vni_tables() -> tuple[dict[tuple[str, int], str], dict[int, str]]:
    """(base, mark byte) → letter, and byte → letter for the letters with a byte of their own."""
    singles = {code: letter for code, letter in _VNI_SINGLE.items()}
    singles.update({code - 0x20: letter.upper() for code, letter in _VNI_SINGLE.items()})
    pairs: dict[tuple[str, int], str] = {}
    for small, groups in _VNI_BASES.items():
        letter = singles.get(ord(small), small)
        capital = chr(ord(small) - 0x20) if small > "\x7f" else small.upper()
        for marks in groups:
            shape = _SHAPE[id(marks)]
            for code, tone in marks.items():
                pairs[(small, code)] = _compose(letter, shape, tone)
                pairs[(capital, code - 0x20)] = _compose(letter.upper(), shape, tone)
    return pairs, singles


_VNI_PAIRS, _VNI_SINGLES = _vni_tables()

#: How a person names each encoding, and the fonts that type it.
NAMES: dict[Legacy, str] = {"tcvn3": "TCVN3", "vni": "VNI"}
FONTS: dict[Legacy, str] = {"tcvn3": ".VnTime", "vni": "VNI-Times"}


class LegacyTextWarning(UserWarning):
    """A cell read as Unicode holds TCVN3 or VNI text ("Hµ Néi"); congvan leaves it as it is.

    ``encoding`` is what the text looks like; ``location`` the cell (file, row, column).
    """

    def __init__(self, message: str, encoding: Legacy, location: str) -> None:
        super().__init__(message)
        self.encoding = encoding
        self.location = location


class LegacyDecodeError(ValueError):
    """A byte that is no letter of the legacy table; ``position`` is its offset in the input."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


def decode(data: bytes, encoding: Legacy) -> str:
    """Decode ``data`` held in TCVN3 or VNI into Unicode NFC; raise `LegacyDecodeError` on a foreign byte."""
    if encoding == "tcvn3":
        return _decode_tcvn3(data)
    if encoding == "vni":
        return _decode_vni(data)
    raise ValueError(f"unknown legacy encoding {encoding!r}: use one of {', '.join(ENCODINGS)}")


def _decode_tcvn3(data: bytes) -> str:
    out = []
    for position, byte in enumerate(data):
        if byte < 0x80:
            out.append(chr(byte))
            continue
        letter = TCVN3.get(byte)
        if letter is None:
            raise LegacyDecodeError(f"byte 0x{byte:02X} at offset {position} is not a TCVN3 (VN3) letter", position)
        out.append(letter)
    return unicodedata.normalize("NFC", "".join(out))


def _decode_vni(data: bytes) -> str:
    text = data.decode("cp1252", errors="surrogateescape")
    out = []
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1] if index + 1 < len(text) else ""
        pair = _VNI_PAIRS.get((char, ord(following))) if following else None
        if pair is not None:
            out.append(pair)
            index += 2
            continue
        code = ord(char)
        if code < 0x80:
            out.append(char)
        elif code in _VNI_SINGLES:
            out.append(_VNI_SINGLES[code])
        else:
            raise LegacyDecodeError(f"{char!r} at offset {index} is not part of a VNI letter", index)
        index += 1
    return unicodedata.normalize("NFC", "".join(out))


# Latin-1 symbols that TCVN3 uses for letters and that no name holds: µ ¶ · ¸ ¹ » ¼ ½ ¾ ¨ © ª « ¬ SHY ® ¡…§.
_TCVN3_TELLTALE = re.compile("[A-Za-z][\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be]|[\u00a8\u00ac\u00ad][a-z]")
# A vowel followed by one of VNI's five tone bytes (ø ù û õ ï, or their capitals).
_VNI_TELLTALE = re.compile("[aeiouyAEIOUYôöÔÖ][øùûõïØÙÛÕÏ]|[aeoAEO][âäåãêëüÂÄÅÃÊËÜ]")
_HIGH = re.compile("[\u0080-\u00ff]")
# Letters only Vietnamese writes: ă â đ ê ô ơ ư and the block U+1EA0–U+1EF9 (ạ … ỹ).
_VIETNAMESE_ONLY = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def suspect(text: str) -> Legacy | None:
    """Which legacy encoding ``text`` looks like when it was read as Latin-1/Windows-1252, or None.

    Conservative: the text must decode completely, show a telltale that real text
    does not ("Hµ", "aø"), and decode to letters only Vietnamese has (ộ, ư…). A reader warns about such a cell; it never converts it silently.

    >>> suspect("Hµ Néi"), suspect("Haø Noäi"), suspect("Hà Nội"), suspect("Hélène"), suspect("où")
    ('tcvn3', 'vni', None, None, None)
    """
    if _HIGH.search(text) is None:
        return None
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return None
    for encoding, telltale in (("vni", _VNI_TELLTALE), ("tcvn3", _TCVN3_TELLTALE)):
        if telltale.search(text) is None:
            continue
        try:
            decoded = decode(data, encoding)
        except LegacyDecodeError:
            continue
        if _VIETNAMESE_ONLY.search(decoded):
            return encoding
    return None
