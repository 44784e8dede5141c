"""Provincial administrative units (đơn vị hành chính cấp tỉnh): the 63 of 2008–2025, the 34
since 2025-07-01, and a lookup tolerant of the ways users write their names.
"""

from congvan.units.lookup import find_province, provinces
from congvan.units.model import Province, UnitKind

__all__ = ["Province", "UnitKind", "find_province", "provinces"]
