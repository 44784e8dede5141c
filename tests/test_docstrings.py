"""Examples in docstrings run as tests, as in babel: a docstring never shows output the code does not give."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import congvan

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(congvan.__path__, "congvan.")
    if name not in ("congvan.__main__", "congvan.testing.pytest_plugin")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} fail"
