"""No XML is built by string formatting outside ``congvan.ooxml`` (issue 13).

The check walks every module of ``src/congvan`` with `ast` and reports each
string literal, f-string or bytes literal that holds XML markup (a prefixed
tag such as ``<w:p``, a closing tag, ``/>``, ``xmlns`` or ``<?xml``), whether
it is concatenated, formatted or passed to ``.replace``. Docstrings are prose,
and a regular expression given to ``re`` matches serialised XML rather than
building it (the one such module is ``engine/textpatch.py``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "congvan"
ALLOWED = SOURCE / "ooxml"
MARKUP = re.compile(r"<\?xml|</|/>|xmlns|<[A-Za-z_][\w.-]*:[A-Za-z_]")
_REGEX_FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}


def _subtree(node: ast.AST) -> set[int]:
    return {id(inner) for inner in ast.walk(node)}


def _skipped(tree: ast.AST) -> set[int]:
    """Docstrings, and the patterns given to an ``re`` function (``re.compile(r"<w:p ...")``)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in _REGEX_FUNCTIONS
            and node.args
        ):
            skipped |= _subtree(node.args[0])
    return skipped


def xml_strings(source: str, filename: str = "<source>") -> list[str]:
    """``line: what`` for each string in ``source`` that holds XML markup (not a docstring, not a regex)."""
    tree = ast.parse(source, filename)
    skipped = _skipped(tree)
    replaced: set[int] = set()
    in_fstring: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace":
            for arg in node.args:
                replaced |= _subtree(arg)
        elif isinstance(node, ast.JoinedStr):
            in_fstring |= {id(part) for part in node.values}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped or id(node) in in_fstring:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            kind = "f-string"
        elif isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
            text = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
            kind = "string"
        else:
            continue
        if MARKUP.search(text):
            what = f".replace with a {kind}" if id(node) in replaced else kind
            found.append((node.lineno, node.col_offset, f"line {node.lineno}: {what} {text[:70]!r}"))
    return [entry for _, _, entry in sorted(found)]


def test_the_check_finds_xml_built_from_strings() -> None:
    source = '''
"""A docstring may show <w:p> markup."""
import re
PATTERN = re.compile(r"<w:p [^>]*>")
def run(text):
    """Neither is this: </w:r>."""
    return f"<w:r><w:t>{text}</w:t></w:r>"
DECLARATION = '<?xml version="1.0"?>'
ROOT = "<Types " + 'xmlns="urn:x">'
EMPTY = b"<Default/>"
def edit(xml, field):
    return xml.replace("</w:p>", field + "</w:p>")
'''
    found = xml_strings(source)
    assert [entry.split(":")[0] for entry in found] == [
        "line 7",
        "line 8",
        "line 9",
        "line 10",
        "line 12",
        "line 12",
    ], found
    assert found[0].startswith("line 7: f-string '<w:r><w:t>")
    assert found[-1].startswith("line 12: .replace with a string '</w:p>'")


def test_plain_strings_are_not_markup() -> None:
    source = 'A = "w:p"\nB = "a < b and c > d"\nC = "https://example.org/x"\nD = "{{ x }} {%p if y %}"\n'
    assert xml_strings(source) == []


def _modules() -> list[Path]:
    return sorted(path for path in SOURCE.rglob("*.py") if ALLOWED not in path.parents)


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(SOURCE)))
def test_no_xml_is_built_from_strings_outside_ooxml(path: Path) -> None:
    found = xml_strings(path.read_text(encoding="utf-8"), str(path))
    assert not found, f"{path.relative_to(SOURCE)} builds XML from strings (use congvan.ooxml):\n" + "\n".join(found)
