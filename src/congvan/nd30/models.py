"""Phụ lục III, mục II: the models (mẫu) of administrative documents, and the kinds each lays out.

The numbers and names are the annex's own ("Mẫu 1.4 - Văn bản có tên loại");
the kinds of Mẫu 1.4 are those of its note 6.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "Phụ lục III, mục II"


@dataclass(frozen=True)
class Model:
    """One model of Phụ lục III: its number, its name and the kinds (tên loại) laid out by it."""

    number: str
    """"1.4"."""
    name: str
    """"Văn bản có tên loại"."""
    kinds: tuple[str, ...]
    """The tên loại, in lower case, as `congvan.model` spells ``kind``."""


NAMED_KINDS = (
    "chỉ thị",
    "thông cáo",
    "thông báo",
    "hướng dẫn",
    "chương trình",
    "kế hoạch",
    "phương án",
    "đề án",
    "dự án",
    "báo cáo",
    "tờ trình",
    "giấy ủy quyền",
    "phiếu gửi",
    "phiếu chuyển",
    "phiếu báo",
)
"""Mẫu 1.4, note 6: the kinds written with their name (quy chế and quy định go with the Quyết định of Mẫu 1.3)."""

MODELS: tuple[Model, ...] = (
    Model("1.1", "Nghị quyết (cá biệt)", ("nghị quyết",)),
    Model("1.2", "Quyết định (cá biệt) quy định trực tiếp", ("quyết định",)),
    Model("1.3", "Quyết định (cá biệt) quy định gián tiếp", ("quyết định", "quy chế", "quy định")),
    Model("1.4", "Văn bản có tên loại", NAMED_KINDS),
    Model("1.5", "Công văn", ("công văn",)),
    Model("1.6", "Công điện", ("công điện",)),
    Model("1.7", "Giấy mời", ("giấy mời",)),
    Model("1.8", "Giấy giới thiệu", ("giấy giới thiệu",)),
    Model("1.9", "Biên bản", ("biên bản",)),
    Model("1.10", "Giấy nghỉ phép", ("giấy nghỉ phép",)),
    Model("2.1", "Phụ lục văn bản hành chính giấy", ("phụ lục",)),
)

#: Kinds that a superior receives with "Kính gửi" (Phần I, II.9.d, ô 9a), besides the công văn.
ADDRESSED_KINDS = ("tờ trình", "báo cáo")


def model_of(kind: str, *, issues_document: bool = False) -> Model:
    """The model that lays out ``kind``; a Quyết định that issues a Quy chế is Mẫu 1.3, else 1.2."""
    if kind == "quyết định":
        return MODELS[2] if issues_document else MODELS[1]
    for model in MODELS:
        if kind in model.kinds:
            return model
    raise KeyError(kind)
