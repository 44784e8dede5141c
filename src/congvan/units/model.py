"""A provincial administrative unit (đơn vị hành chính cấp tỉnh) over one period of time."""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field

from congvan.errors import UnitsDateError
from congvan.vietnamese import fold

__all__ = ["UnitKind", "Province"]


class UnitKind(enum.Enum):
    """UnitKind of provincial unit: tỉnh, or thành phố trực thuộc trung ương."""

    PROVINCE = "tỉnh"
    CITY = "thành phố"

    @property
    def title(self) -> str:
        """The full legal term: "tỉnh" or "thành phố trực thuộc trung ương"."""
        return "tỉnh" if self is UnitKind.PROVINCE else "thành phố trực thuộc trung ương"

    @property
    def short(self) -> str:
        """The abbreviation used in annex tables: "tỉnh" or "TP."."""
        return "tỉnh" if self is UnitKind.PROVINCE else "TP."


# Phụ lục II, mục III.1.c: "Trường hợp viết hoa đặc biệt: Thủ đô Hà Nội, Thành phố Hồ Chí
# Minh." Only Hồ Chí Minh has a capitalised common noun as part of its name. "Thủ đô" is the
# title of Hà Nội as the capital, not the name of its administrative unit, which is
# "thành phố Hà Nội" (mục III.1.a: common noun in lower case, as in "thành phố Thái Nguyên").
# So the committee is "Ủy ban nhân dân thành phố Hà Nội", and the unit is written
# "Thủ đô Hà Nội" only where it is called the capital.
_CAPITALISED_KIND = frozenset({"Hồ Chí Minh"})

COMMITTEE = "Ủy ban nhân dân"
COMMITTEE_SHORT = "UBND"


@dataclass(frozen=True)
class Province:
    """One provincial unit (tỉnh or thành phố trực thuộc trung ương) while its code, name,
    kind and territory stay the same.

    A unit merged, renamed or changed in kind is a new ``Province``; the old one lists
    it among its successors and the new one holds the old in ``predecessors``.
    """

    code: str
    """Mã đơn vị hành chính: the two-digit GSO code ("01", "79")."""
    name: str
    """Tên riêng: the proper name without the common noun, NFC ("Thanh Hóa")."""
    kind: UnitKind
    """Loại: tỉnh or thành phố trực thuộc trung ương."""
    valid_from: dt.date
    """First day in force."""
    valid_to: dt.date | None = None
    """Last day in force (inclusive), or ``None`` while still in force."""
    predecessors: tuple[Province, ...] = field(default=(), compare=False, repr=False)
    """The units, in force the day before ``valid_from``, that this one continues or merges."""
    verified: bool = field(default=True, compare=False, repr=False)
    """Whether the data was checked against the legal act in ``source``."""
    source: str = field(default="", compare=False, repr=False)
    """Keys of the legal acts (see ``data/units/README.md``)."""
    successors: tuple[Province, ...] = field(default=(), compare=False, repr=False)
    """The units that continued this one after ``valid_to`` (empty while in force); the registry links them."""

    def in_force(self, on: dt.date) -> bool:
        """Whether the unit exists on the date ``on``."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def designation(self) -> str:
        """The unit with its common noun, Phụ lục II: "tỉnh Thanh Hóa", "Thành phố Hồ Chí Minh"."""
        noun = self.kind.value
        if self.name in _CAPITALISED_KIND:
            noun = noun[:1].upper() + noun[1:]
        return f"{noun} {self.name}"

    @property
    def committee(self) -> str:
        """Tên cơ quan (Phụ lục II): "Ủy ban nhân dân tỉnh Thanh Hóa",
        "Ủy ban nhân dân Thành phố Hồ Chí Minh".
        """
        return self.format_committee()

    @property
    def committee_short(self) -> str:
        """Short name used in annex tables: "UBND tỉnh Thanh Hóa", "UBND TP. Cần Thơ"."""
        return self.format_committee(short=True)

    def format_committee(self, *, short: bool = False, capitalize: bool = False) -> str:
        """The committee's name: full or abbreviated ("UBND", "TP."), common noun as
        Phụ lục II writes it or, with ``capitalize``, capitalised as in table headings
        ("UBND Tỉnh An Giang", "Ủy ban nhân dân Tỉnh An Giang").
        """
        if short:
            noun = self.kind.short
        else:
            noun = self.designation.removesuffix(f" {self.name}")
        if capitalize:
            noun = noun[:1].upper() + noun[1:]
        head = COMMITTEE_SHORT if short else COMMITTEE
        return f"{head} {noun} {self.name}"

    @property
    def slug(self) -> str:
        """ASCII name for file names: "ha-noi", "ba-ria-vung-tau"."""
        return re.sub(r"[^a-z0-9]+", "-", fold(self.name)).strip("-")

    def __str__(self) -> str:
        return self.designation

    def successor_on(self, on: dt.date) -> Province:
        """The unit in force on ``on`` that holds this unit's territory: itself while in force,
        otherwise the end of its chain of successors ("Hải Dương" → thành phố Hải Phòng).
        """
        if on < self.valid_from:
            raise UnitsDateError(
                f"{self} is in force from {self.valid_from.isoformat()}; it has no successor on {on.isoformat()}"
            )
        current = self
        while not current.in_force(on):
            (current,) = current.successors  # the registry rules out splits
        return current
