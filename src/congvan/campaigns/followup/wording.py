"""The follow-up's own wording, read from ``data/follow-up-2020-wording.yaml``: data, not code.

The paragraphs (``paragraphs``) go into the templates when they are built (`congvan.template_build`,
with ``{{ … }}`` fields of the letter's context); the opening (``context.opening``) goes into each
letter's context as it is rendered, with ``{directive}`` (the directive, cited in full) and
``{issuer}`` (the body that issued it) filled in.
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from importlib import resources

import yaml

FILE = "follow-up-2020-wording.yaml"
PARAGRAPHS = ("received", "missing", "regulation", "kpi")
#: The fields the opening may name.
OPENING_FIELDS = frozenset({"directive", "issuer"})


@dataclass(frozen=True)
class Wording:
    """The sentences of the follow-up letters: the body's paragraphs by name, and the opening."""

    paragraphs: dict[str, str]
    opening: str

    def opening_for(self, directive: str, issuer: str) -> str:
        """The opening sentence ("Theo Công văn số … của Bộ …, …") for this directive and its issuer."""
        return self.opening.format(directive=directive, issuer=issuer)


def parse(text: str, source: str = f"data/{FILE}") -> Wording:
    """The `Wording` in ``text``; ValueError naming what is missing or wrong."""
    data = yaml.safe_load(text) or {}
    paragraphs = data.get("paragraphs") or {}
    missing = [key for key in PARAGRAPHS if not isinstance(paragraphs.get(key), str)]
    if missing:
        raise ValueError(f"{source}: paragraphs.{', '.join(missing)} missing or not text")
    opening = (data.get("context") or {}).get("opening")
    if not isinstance(opening, str):
        raise ValueError(f"{source}: context.opening missing or not text")
    named = {field for _, field, _, _ in string.Formatter().parse(opening) if field is not None}
    if not named <= OPENING_FIELDS:
        unknown = ", ".join(sorted(named - OPENING_FIELDS))
        raise ValueError(f"{source}: context.opening names {unknown}; it may name {{directive}} and {{issuer}}")
    return Wording({key: paragraphs[key] for key in PARAGRAPHS}, opening)


def read(name: str = FILE) -> Wording:
    """The wording in the data file ``name`` shipped with congvan (``congvan.data``)."""
    return parse((resources.files("congvan.data") / name).read_text(encoding="utf-8"), f"data/{name}")


@functools.cache
def wording() -> Wording:
    """The wording shipped with congvan."""
    return read()
