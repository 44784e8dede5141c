"""Legal references (căn cứ, văn bản được trích dẫn): parse, validate, cite.

A reference is cited in full on its first mention in a document and by type
and number/symbol afterwards (ND30, Phụ lục I; the seed letter):

>>> ref = LegalReference.parse(
...     "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ"
...     " về quản lý hoạt động thông tin đối ngoại")
>>> ref.short_citation()
'Nghị định số 72/2015/NĐ-CP'
>>> ref.citation(date_style="long")
'Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại'

Symbols (Số, ký hiệu) come in three shapes:

* state documents: ``number[/year]/codes`` with the codes joined by "-":
  ``72/2015/NĐ-CP`` (number/year/type-issuer), ``1486/QĐ-TTg`` (individual
  decision, no year), ``80/2015/QH13`` (law: the National Assembly and its
  term, no type code), ``1074/BTTTT-TTĐN`` (công văn: issuer-unit, no type code);
* Party documents: ``number-type/issuer[-unit]``: ``16-KL/TW``, ``36-HD/VPTW``.

The type code must agree with the type word (Nghị định ↔ NĐ …). A symbol
without a type code is a công văn's; besides "Công văn" it is accepted for
"Hướng dẫn", because ministries issue guidance as a công văn and letters cite
it by its purpose (the seed: "Hướng dẫn số 1074/BTTTT-TTĐN"), and for the
legislative kinds (Luật, Bộ luật, Pháp lệnh, Nghị quyết) when the issuer code is
the National Assembly or its Standing Committee (``QH13``, ``UBTVQH14``).
"""

from __future__ import annotations

from congvan.citations.catalogue import Citer, load_catalogue
from congvan.citations.reference import LegalReference
from congvan.citations.symbols import KINDS, DateStyle, SymbolParts, parse_symbol

__all__ = [
    "KINDS",
    "Citer",
    "DateStyle",
    "LegalReference",
    "SymbolParts",
    "load_catalogue",
    "parse_symbol",
]
