"""Values entering a document: checked for characters a .docx cannot hold, then passed on.

Every value a template prints goes through `finalize` (Jinja's finalizer): one
regex scan finds nothing in ordinary text and the value goes on unchanged. A
value holding a special character is looked at more closely:

- ``\\t`` and ``\\n`` keep their meaning (a tab, a line break); so do ``\\a``
  (new paragraph) and ``\\f`` (page break), which the tree fix-up turns into
  Word markup;
- ``\\x0b`` (the line break Word itself writes when text is copied out of it),
  ``\\r\\n`` and ``\\r`` become ``\\n``, a line break;
- anything else XML 1.0 cannot hold (other C0 controls, lone surrogates,
  ``U+FFFE``, ``U+FFFF``) and the noncharacters ``U+FDD0``–``U+FDEF``, which
  the engine keeps for its own marks, is refused with `InvalidCharacterError`:
  a value never silently becomes something else.

Long values are also counted against the rendered part's size limit as they
are printed (short ones are counted by the loops that print them, see
`congvan.engine.sandbox`).
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from congvan.engine.sandbox import SHORT_VALUE, STATE
from congvan.errors import InvalidCharacterError

SPECIAL = re.compile("[\x00-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""A character that needs a closer look: every C0 control, surrogates, noncharacters."""
INVALID = re.compile("[\x00-\x06\x08\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""A character a value may not hold in a .docx (``\\t \\n \\a \\x0b \\f \\r`` have a meaning)."""

_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\r": "\n"})
_PLAIN_TYPES = frozenset((int, float, bool, type(None)))
_EXCERPT = 24


def first_invalid(text: str) -> int | None:
    """The index of the first character of ``text`` a .docx cannot hold, or None."""
    found = INVALID.search(text)
    return None if found is None else found.start()


def invalid_character(text: str, position: int) -> InvalidCharacterError:
    """The error for the character at ``position`` of the value ``text``: what it is, where, what to do."""
    code = ord(text[position])
    return InvalidCharacterError(
        f"the value {_excerpt(text, position)} holds U+{code:04X} ({_kind(code)}) at position {position} "
        f"(counting from 0): a .docx cannot hold it; remove it from the data",
        codepoint=code,
        position=position,
    )


@pass_context
def finalize(context: Context, value: Any) -> Any:
    """Check a value about to be printed; return it, its line breaks made ``\\n``, or raise."""
    if isinstance(value, str):
        if SPECIAL.search(value) is None:
            if len(value) > SHORT_VALUE:
                context.parent[STATE].charge(0, len(value))
            return value
        return _special(context, value)
    html = getattr(value, "__html__", None)  # a strict undefined raises here, naming the variable
    if html is not None:
        markup = Markup(html())
        if SPECIAL.search(markup) is None:
            if len(markup) > SHORT_VALUE:
                context.parent[STATE].charge(0, len(markup))
            return markup
        return _special(context, markup)
    if type(value) in _PLAIN_TYPES:
        return value
    text = str(value)
    if SPECIAL.search(text) is None:
        if len(text) > SHORT_VALUE:
            context.parent[STATE].charge(0, len(text))
        return text
    return _special(context, text)


def _special(context: Context, value: str) -> str:
    position = first_invalid(value)
    if position is not None:
        raise invalid_character(value, position)
    state = context.parent[STATE]
    state.controls = True
    if len(value) > SHORT_VALUE:
        state.charge(0, len(value))
    if "\r" not in value and "\x0b" not in value:
        return value
    fixed = str.translate(str.replace(value, "\r\n", "\n"), _LINE_BREAKS)
    return Markup(fixed) if isinstance(value, Markup) else fixed


def _kind(code: int) -> str:
    if code < 0x20:
        return "a control character"
    if 0xD800 <= code <= 0xDFFF:
        return "half of a UTF-16 surrogate pair, alone"
    if 0xFDD0 <= code <= 0xFDEF:
        return "a Unicode noncharacter, reserved for internal use"
    return "a Unicode noncharacter"


def _excerpt(text: str, position: int) -> str:
    """A short repr of ``text`` around ``position`` (the whole value when it is short)."""
    start = max(0, position - _EXCERPT)
    end = min(len(text), position + _EXCERPT)
    before = "…" if start > 0 else ""
    after = "…" if end < len(text) else ""
    return f"{before}{str.__repr__(text[start:end])}{after}"
