"""Docstrings are written in the form the reference site renders.

The site renders Google-style docstrings with mkdocstrings: an example is
code only inside an ``Examples:`` section (elsewhere its ``>>>`` lines run
together as quoted prose), and a cross-reference is a Markdown reference,
``[`BusinessCalendar`][connected_care_sla.BusinessCalendar]``; a Sphinx role
such as ``:class:`BusinessCalendar``` shows as literal text. These checks read
the source, so they name the file and line to fix; ``test_site.py`` checks the
built pages.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import ROOT

SOURCES = sorted((ROOT / "src" / "connected_care_sla").rglob("*.py"))
_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc|obj):`")
_SECTION = re.compile(r"^\s*[A-Z][A-Za-z ]*:\s*$")


def docstrings(path: Path) -> Iterator[tuple[int, str]]:
    """``(first line, text)`` of every docstring of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                yield body[0].lineno, body[0].value.value


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", SOURCES, ids=_name)
def test_no_sphinx_roles(path: Path) -> None:
    found = [
        f"{_name(path)}:{line + offset}: {text.strip()[:70]}"
        for line, doc in docstrings(path)
        for offset, text in enumerate(doc.splitlines())
        if _ROLE.search(text)
    ]
    assert found == [], "write [`name`][connected_care_sla.path.to.name] (or `name`) instead"


@pytest.mark.parametrize("path", SOURCES, ids=_name)
def test_examples_are_in_an_examples_section(path: Path) -> None:
    found = []
    for line, doc in docstrings(path):
        lines = doc.splitlines()
        body = [text for text in lines[1:] if text.strip()]
        base = min((len(t) - len(t.lstrip()) for t in body), default=0)
        for offset, text in enumerate(lines[1:], start=1):
            if text.strip().startswith(">>>") and len(text) - len(text.lstrip()) <= base:
                found.append(f"{_name(path)}:{line + offset}: {text.strip()[:70]}")
                break
    assert found == [], "indent the examples under an 'Examples:' line"
