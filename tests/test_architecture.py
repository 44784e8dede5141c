"""The layout's rules, read from the source: no import cycle, and the generic parts load no campaign.

The import graph is built with `ast` from every ``import`` in ``src/congvan`` — at module
level and inside functions alike (an import inside a function still ties the two modules
together); imports under ``if TYPE_CHECKING:`` never run and are left out.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "congvan"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    return skipped


def import_graph() -> dict[str, set[str]]:
    """Module → the congvan modules it imports (the deepest module each import names)."""
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}

    def known(name: str) -> str | None:
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name or None

    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_only(tree)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                targets = [known(alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
                submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in paths]
                targets = submodules or [known(base)]
            else:
                continue
            graph[name].update(t for t in targets if t and t.startswith("congvan") and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_inside_functions_and_relative_ones() -> None:
    graph = import_graph()
    assert "congvan.documents.numbered" in graph["congvan.documents"]  # inside render()
    assert "congvan.engine.loader" in graph["congvan.pipeline.merge"]
    assert "congvan.errors" in graph["congvan.units.model"]


def test_a_cycle_is_found_when_there_is_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_there_is_no_import_cycle_in_congvan() -> None:
    assert cycles(import_graph()) == []


GENERIC_ENTRY_POINTS = ("congvan.pipeline.merge", "congvan.pipeline.tables", "congvan.engine", "congvan.documents")
CAMPAIGN_OR_BUILDER = (
    "congvan.campaigns",
    "congvan.template_build",
    "congvan.template_blocks",
    "congvan.template_models",
    "congvan.ooxml.wordml",
)


@pytest.mark.parametrize("module", GENERIC_ENTRY_POINTS)
def test_the_generic_parts_import_no_campaign_and_not_the_template_builder(module: str) -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; print('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert module in loaded
    assert [name for name in loaded if name.startswith(CAMPAIGN_OR_BUILDER)] == []


def test_the_mail_merge_loads_no_database_layer() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, congvan.pipeline.merge; print('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "sqlalchemy" not in loaded and "congvan.register.facade" not in loaded
