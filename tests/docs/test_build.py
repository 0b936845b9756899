"""The documentation site builds with warnings as errors, offline.

``mkdocs build --strict`` fails on a broken link, a page missing from the
files, or a docstring mkdocstrings cannot render. The build runs in a
subprocess into a temporary directory, so the work tree is left alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import ROOT


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # mkdocs-material's notice about MkDocs 2
    env.pop("GH_TOKEN", None)  # nothing is fetched: the site builds offline
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    for page in (
        "index.html",
        "tutorial.html",  # pages are files: the site also works opened from disk
        "reference/deadlines.html",
        "explanation/design.html",
    ):
        assert (site / page).is_file(), page
    reference = (site / "reference" / "deadlines.html").read_text(encoding="utf-8")
    assert "first_response_deadline" in reference
    assert "By when support must first respond" in reference  # rendered from the docstring
