"""TCVN3 and VNI, the legacy encodings of provincial tables, decoded letter by letter."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from congvan.legacy import LegacyDecodeError, decode, suspect

#: Every Vietnamese vowel with its six tones (level, sắc, huyền, hỏi, ngã, nặng), typed by hand.
VOWELS = {
    "a": "aáàảãạ",
    "ă": "ăắằẳẵặ",
    "â": "âấầẩẫậ",
    "e": "eéèẻẽẹ",
    "ê": "êếềểễệ",
    "i": "iíìỉĩị",
    "o": "oóòỏõọ",
    "ô": "ôốồổỗộ",
    "ơ": "ơớờởỡợ",
    "u": "uúùủũụ",
    "ư": "ưứừửữự",
    "y": "yýỳỷỹỵ",
}
#: The same letters in VNI for Windows, in the order of the published table (capitals; small letters alike).
VNI_CAPITALS = {
    "A": ("A", "AÙ", "AØ", "AÛ", "AÕ", "AÏ"),
    "Â": ("AÂ", "AÁ", "AÀ", "AÅ", "AÃ", "AÄ"),
    "Ă": ("AÊ", "AÉ", "AÈ", "AÚ", "AÜ", "AË"),
    "E": ("E", "EÙ", "EØ", "EÛ", "EÕ", "EÏ"),
    "Ê": ("EÂ", "EÁ", "EÀ", "EÅ", "EÃ", "EÄ"),
    "O": ("O", "OÙ", "OØ", "OÛ", "OÕ", "OÏ"),
    "Ô": ("OÂ", "OÁ", "OÀ", "OÅ", "OÃ", "OÄ"),
    "Ơ": ("Ô", "ÔÙ", "ÔØ", "ÔÛ", "ÔÕ", "ÔÏ"),
    "U": ("U", "UÙ", "UØ", "UÛ", "UÕ", "UÏ"),
    "Ư": ("Ö", "ÖÙ", "ÖØ", "ÖÛ", "ÖÕ", "ÖÏ"),
    "I": ("I", "Í", "Ì", "Æ", "Ó", "Ò"),
    "Y": ("Y", "YÙ", "YØ", "YÛ", "YÕ", "Î"),
}
SENTENCE = "Quốc hội, Chính phủ, Ủy ban nhân dân tỉnh Thừa Thiên Huế, Đắk Lắk, Bà Rịa - Vũng Tàu"


def all_letters() -> list[str]:
    return [letter for forms in VOWELS.values() for letter in forms] + ["đ"]


def test_vni_decodes_every_letter_in_both_cases() -> None:
    for capital, forms in VNI_CAPITALS.items():
        expected = VOWELS[capital.lower()]
        for vni, letter in zip(forms, expected, strict=True):
            assert decode(vni.encode("cp1252"), "vni") == letter.upper(), (capital, vni)
            assert decode(vni.lower().encode("cp1252"), "vni") == letter, (capital, vni)
    assert decode("Ññ".encode("cp1252"), "vni") == "Đđ"


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [
        ("Haø Noäi", "Hà Nội"),
        ("Vieät Nam", "Việt Nam"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("UÛy ban nhaân daân tænh Thöøa Thieân Hueá", "Ủy ban nhân dân tỉnh Thừa Thiên Huế"),
        ("ÑAÉK LAÉK", "ĐẮK LẮK"),
    ],
)
def test_vni_words(vni: str, unicode: str) -> None:
    assert decode(vni.encode("cp1252"), "vni") == unicode


def test_tcvn3_examples_from_real_tables() -> None:
    assert decode("Hµ Néi".encode("latin-1"), "tcvn3") == "Hà Nội"
    assert decode("tØnh".encode("latin-1"), "tcvn3") == "tỉnh"
    assert decode(bytes([0xA7, 0xB5, 0x20, 0x4E, 0xBD, 0x6E, 0x67]), "tcvn3") == "Đà Nẵng"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv (glibc) not installed: no independent TCVN3 table")
def test_tcvn3_agrees_with_glibc_on_every_letter() -> None:
    text = "".join(all_letters()) + " ĂÂÊÔƠƯĐ " + SENTENCE.lower()
    encoded = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), capture_output=True, check=True
    ).stdout
    assert decode(encoded, "tcvn3") == unicodedata.normalize("NFC", text)


def test_decoded_text_is_nfc() -> None:
    decoded = decode("Thöøa Thieân Hueá".encode("cp1252"), "vni")
    assert unicodedata.is_normalized("NFC", decoded)


def test_a_foreign_byte_is_refused_with_its_offset() -> None:
    with pytest.raises(LegacyDecodeError, match="0x80 at offset 3") as caught:
        decode(b"abc\x80", "tcvn3")
    assert caught.value.position == 3
    with pytest.raises(LegacyDecodeError, match="offset 1"):
        decode("aù".encode("cp1252")[:1] + b"\x81", "vni")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hµ Néi", "tcvn3"),
        ("UBND tØnh Thõa Thiªn HuÕ", "tcvn3"),
        ("Haø Noäi", "vni"),
        ("Hà Nội", None),
        ("Ha Noi", None),
        ("Hélène Dupont", None),
        ("où est-il", None),
        ("Straße", None),
    ],
)
def test_suspect_flags_mojibake_and_nothing_else(text: str, expected: str | None) -> None:
    assert suspect(text) == expected
