"""The register's text cleaning (`clean_text`) skips `normalize` for text already as it makes it: never changes a result.

The reference is the plain definition: NFC with ND30's tone placement (`normalize`), each
line's spaces collapsed, blank lines dropped. Text is drawn from Vietnamese letters in NFC
and NFD, both tone placements ("Hoà", "Hòa", "Thuỷ", "Thủy", "quý"), the combining marks,
and every kind of white space.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from congvan.register.entry import clean_text
from congvan.vietnamese import normalize

PIECES = [
    "Hoà",
    "Hòa",
    "hoè",
    "Thuỷ",
    "Thủy",
    "quý",
    "QUÝ",
    "Khoẻ",
    "UỶ BAN",
    "oạ",
    "uỵ",
    "Ủy ban nhân dân",
    "tỉnh Thanh Hoá",
    "Đắk Lắk",
    "V/v",
    "07/BTTTT-TTĐN",
    "oa",
    "uy",
    "\u0300",
    "\u0301",
    "\u0303",
    "\u0309",
    "\u0323",
    "\u0302",
    "\u031b",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u00a0",
    "\u2028",
    "\u3000",
]

TEXT = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(PIECES).map(lambda piece: unicodedata.normalize("NFD", piece)),
        st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x1EFF, exclude_categories=["Cs"])),
    ),
    max_size=12,
).map("".join)


def reference(value: str) -> str:
    text = normalize(value.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


@settings(max_examples=1000, deadline=None)
@given(TEXT)
def test_clean_text_is_normalize_and_collapsed_spaces(value: str) -> None:
    assert clean_text(value) == reference(value)


def test_tones_are_placed_as_nd30_places_them_in_nfc_and_nfd_alike() -> None:
    for written in ("Hoà Bình", unicodedata.normalize("NFD", "Hoà Bình"), "Hòa Bình"):
        assert clean_text(written) == "Hòa Bình"
    assert clean_text("Thuỷ  lợi\r\n\r\n quý ") == "Thủy lợi\nquý"
