"""The built site reads well: examples as code, links that lead somewhere, from disk too.

The site is built once (``mkdocs build`` into a temporary folder, offline,
in a few seconds) and every page is read back:

* no Sphinx role (``:class:``, ``:func:``, ...) shows as literal text: the
  docstrings cross-reference in Markdown, which becomes links;
* no doctest directive (``# doctest: +ELLIPSIS``) and no ``>>>`` example shows
  outside a code block;
* every internal link and image leads to a file of the site (a page, never a
  folder: the site is browsed from disk) and to an anchor that page has;
* each "Returns:" section of the reference is one row, however many lines
  its description wraps over.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support import ROOT

_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc|obj|ref|py:\w+):`?")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # mkdocs-material's notice about MkDocs 2
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--no-strict",  # warnings fail test_build.py; here, what the pages show
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


class _Page(HTMLParser):
    """What a page shows as text (outside code), its links, and its anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.prose: list[str] = []
        self.links: list[str] = []
        self.anchors: set[str] = set()
        self._skip = 0  # inside <script>, <style>, <pre> or <code>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style", "pre", "code"):
            self._skip += 1
        for key in ("id", "name"):
            if values.get(key):
                self.anchors.add(str(values[key]))
        for key in ("href", "src"):
            if values.get(key) and tag != "link":
                self.links.append(str(values[key]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "pre", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.prose.append(data)


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _pages(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*.html")):
        if path.name != "404.html":
            yield path


def test_the_site_has_the_reference_pages(site: Path) -> None:
    for name in ("batch", "deadlines", "calendar", "policy", "cli", "cli-options"):
        assert (site / "reference" / f"{name}.html").is_file(), name


def test_no_sphinx_role_shows_as_text(site: Path) -> None:
    shown = {
        str(path.relative_to(site)): sorted(set(_ROLE.findall(" ".join(_read(path).prose))))
        for path in _pages(site)
    }
    assert {page: roles for page, roles in shown.items() if roles} == {}


def test_no_doctest_directive_is_shown(site: Path) -> None:
    pages = [
        str(path.relative_to(site))
        for path in _pages(site)
        if "doctest:" in path.read_text(encoding="utf-8")
    ]
    assert pages == []


def test_examples_are_code_blocks(site: Path) -> None:
    outside = {
        str(path.relative_to(site)): line.strip()[:80]
        for path in _pages(site)
        for line in " ".join(_read(path).prose).splitlines()
        if ">>>" in line
    }
    assert outside == {}
    # Markdown reads an example left as prose as nested quotes ("> > > ..."): no page
    # of the reference quotes anything.
    quoting = [
        path.name
        for path in sorted((site / "reference").glob("*.html"))
        if "<blockquote>" in path.read_text(encoding="utf-8")
    ]
    assert quoting == []
    batch = (site / "reference" / "batch.html").read_text(encoding="utf-8")
    assert batch.count('<span class="gp">&gt;&gt;&gt; </span>') > 10  # highlighted, as pycon


def test_cross_references_are_links(site: Path) -> None:
    batch = (site / "reference" / "batch.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="autorefs autorefs-internal"[^>]*href="[^"]*\.html#', batch)


def test_every_internal_link_leads_to_a_file_and_an_anchor(site: Path) -> None:
    anchors: dict[Path, set[str]] = {}
    broken: list[str] = []
    for path in _pages(site):
        page = _read(path)
        anchors.setdefault(path.resolve(), page.anchors)
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # data:, https:, mailto: ...
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            where = f"{path.relative_to(site)}: {link}"
            if not target.is_relative_to(site.resolve()) or not target.exists():
                broken.append(f"{where} (no such file)")
            elif target.is_dir():
                broken.append(f"{where} (a folder: opened from disk it lists files)")
            elif parts.fragment and target.suffix == ".html":
                if target not in anchors:
                    anchors[target] = _read(target).anchors
                if unquote(parts.fragment) not in anchors[target]:
                    broken.append(f"{where} (no such anchor)")
    assert broken == []


def test_returns_is_one_row(site: Path) -> None:
    sections = re.compile(
        r'doc-section-title">Returns:</span></p>\s*<table>.*?<tbody>(.*?)</tbody>', re.S
    )
    split = {}
    for path in sorted((site / "reference").glob("*.html")):
        for body in sections.findall(path.read_text(encoding="utf-8")):
            rows = body.count('<tr class="doc-section-item">')
            if rows != 1:
                split[path.name] = rows
    assert split == {}
