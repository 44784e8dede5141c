"""Provincial administrative units (đơn vị hành chính cấp tỉnh): the 63 of 2008–2025, the 34
since 2025-07-01, and a lookup tolerant of the ways users write their names.
"""

from congvan.units.lookup import find_province, provinces
from congvan.units.model import Kind, Province

__all__ = ["Kind", "Province", "find_province", "provinces"]
