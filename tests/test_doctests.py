"""The examples in the code's docstrings are checked: every module of newsclean runs through doctest."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import newsclean

# Importing __main__ runs the command line.
NOT_IMPORTABLE = {"newsclean.__main__"}
MODULES = sorted(
    {"newsclean"} | {m.name for m in pkgutil.walk_packages(newsclean.__path__, "newsclean.")} - NOT_IMPORTABLE
)


def test_every_module_is_found():
    assert {"newsclean.naming", "newsclean.chars", "newsclean.passes.normalize_text"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False, report=True)
    assert failed == 0, f"{failed} doctest examples of {name} failed (printed above)"
