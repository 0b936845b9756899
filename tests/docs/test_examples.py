"""The command-line examples in the docs and the README run, and print what they show.

Python examples in Markdown are doctests (``--doctest-glob="*.md"``). Command
examples are ```` ```console ```` blocks: each ``$ connected-care-sla ...`` line
is run with the installed console script, and what follows it, up to the next
``$`` line, is its exact output (stdout, then stderr). An example whose output
starts with ``connected-care-sla: error:`` must exit with code 2, any other 0.
Shell set-up (venvs, ``pip install``) goes in ```` ```bash ```` blocks, which
are not run; the README's two commands are checked by ``test_readme.py``.
"""

from __future__ import annotations

import importlib
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

import connected_care_sla
from support import ROOT

SCRIPT = Path(sys.executable).parent / "connected-care-sla"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
_CONSOLE = re.compile(r"^```console\n(.*?)^```", flags=re.M | re.S)


@dataclass(frozen=True)
class Example:
    page: str
    line: int
    command: str
    output: str

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"


def console_examples() -> list[Example]:
    examples = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in _CONSOLE.finditer(text):
            first_line = text.count("\n", 0, block.start(1)) + 1
            command: str | None = None
            start = 0
            output: list[str] = []
            for offset, line in enumerate(block[1].splitlines()):
                if line.startswith("$ "):
                    if command is not None:
                        examples.append(Example(_name(page), start, command, "".join(output)))
                    command, start, output = line[2:], first_line + offset, []
                else:
                    assert command is not None, f"{_name(page)}:{first_line}: output before a $"
                    output.append(line + "\n")
            if command is not None:
                examples.append(Example(_name(page), start, command, "".join(output)))
    return examples


def _name(page: Path) -> str:
    return str(page.relative_to(ROOT))


EXAMPLES = console_examples()


def test_the_docs_have_command_examples() -> None:
    pages = {example.page for example in EXAMPLES}
    assert {"README.md", "docs/tutorial.md", "docs/reference/cli.md"} <= pages


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_command_example(example: Example) -> None:
    args = shlex.split(example.command)
    assert args[0] == "connected-care-sla", (
        f"{example.id}: a console example runs connected-care-sla only; put other shell "
        f"commands in a bash block"
    )
    result = subprocess.run(
        [str(SCRIPT), *args[1:]],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,  # examples name files relative to the repository, e.g. docs/how-to/acme.toml
    )
    expected_code = 2 if example.output.startswith("connected-care-sla: error:") else 0
    assert result.stdout + result.stderr == example.output, example.id
    assert result.returncode == expected_code, example.id


def _documented_object(entry: str) -> object:
    """What a ``::: dotted.path`` entry of mkdocstrings documents: a module or a member."""
    parts = entry.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise AssertionError(f"::: {entry} names nothing importable")


def test_every_public_name_has_a_reference_entry() -> None:
    # A name is documented where it lives (``::: connected_care_sla.calendar.business.
    # BusinessCalendar``), or by an entry for its whole module (``::: connected_care_sla.
    # exceptions`` documents every name in that module's __all__).
    reference = "".join(
        page.read_text(encoding="utf-8") for page in (ROOT / "docs" / "reference").glob("*.md")
    )
    entries = re.findall(r"^::: (connected_care_sla(?:\.\w+)*)\s*$", reference, flags=re.M)
    documented: list[object] = []
    for entry in entries:
        found = _documented_object(entry)
        documented.append(found)
        if isinstance(found, ModuleType):
            documented += [getattr(found, name) for name in getattr(found, "__all__", ())]
    missing = [
        name
        for name in connected_care_sla.__all__
        if not any(getattr(connected_care_sla, name) is item for item in documented)
    ]
    assert missing == [], (
        f"add '::: connected_care_sla.MODULE.NAME' to a docs/reference page: {missing}"
    )


def test_the_policy_file_in_the_docs_is_the_one_shown() -> None:
    shown = (ROOT / "docs" / "how-to" / "custom-policy.md").read_text(encoding="utf-8")
    policy = (ROOT / "docs" / "how-to" / "acme.toml").read_text(encoding="utf-8")
    assert f"```toml\n{policy}```" in shown
