"""Phụ lục: an annex printed after the letter on its own pages."""

from __future__ import annotations

from pydantic import Field, model_validator

from congvan.model.base import Component, Text


class AnnexRow(Component):
    """One row of an annex list: the STT as written ("1.") and the entry."""

    number: str
    """STT as the document writes it, kept as text ("1.", "13.")."""
    text: Text | None = None
    """The entry as written, when it is not a provincial committee."""
    province: Text | None = None
    """A provincial unit; the entry becomes its committee's short name ("UBND tỉnh An Giang")."""

    @model_validator(mode="after")
    def _one_of_text_or_province(self) -> AnnexRow:
        if (self.text is None) == (self.province is None):
            raise ValueError("an annex row has either 'text' or 'province', not both nor neither")
        return self


class Annex(Component):
    """Phụ lục (Mẫu 2.1): heading, title in capitals, "Kèm theo" line and a list table."""

    heading: Text = "Phụ lục"
    """"Phụ lục", or "Phụ lục I", "II" … when there are several."""
    title: Text
    """Tiêu đề của phụ lục, printed in capitals: "DANH SÁCH 63 UBND TỈNH, THÀNH PHỐ"."""
    columns: tuple[Text, Text] = ("STT", "Tên đơn vị")
    """Headers of the list table."""
    side_by_side: int = Field(default=2, ge=1, le=3)
    """How many copies of the columns stand side by side (the seed lists 63 units in two halves)."""
    rows: tuple[AnnexRow, ...] = Field(min_length=1)
    """The list, in the document's own order."""
