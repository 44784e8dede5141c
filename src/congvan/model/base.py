"""Shared building blocks of the ND30 document model: the frozen base and text types."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from congvan.vietnamese import normalize


def _clean(value: str) -> str:
    text = normalize(value)
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if not text:
        raise ValueError("must not be blank: write the text or leave the field out")
    return text


#: Vietnamese text as a person reads it: NFC, ND30 tone placement, no stray spaces.
Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_clean)]


class Component(BaseModel):
    """Base of every ND30 component: immutable, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)
