"""The command-line reference documents every command and option the parser has.

``docs/reference/cli-options.md`` is generated from the argument parser by
``docs/gen_cli.py``; it must be what the generator writes now, so a new
option or command cannot go undocumented. The hand-written
``docs/reference/cli.md`` must have a section for every command.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
from types import ModuleType

from connected_care_sla.cli.main import build_parser
from support import ROOT

CLI_PAGE = ROOT / "docs" / "reference" / "cli.md"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_cli", ROOT / "docs" / "gen_cli.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands() -> dict[str, argparse.ArgumentParser]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no commands")


def test_the_generated_page_is_current() -> None:
    gen_cli = _generator()
    current = gen_cli.PAGE.read_text(encoding="utf-8")
    assert current == gen_cli.render(), (
        "docs/reference/cli-options.md is out of date; run: python docs/gen_cli.py"
    )


def test_the_generated_page_names_every_command_and_option() -> None:
    page = (ROOT / "docs" / "reference" / "cli-options.md").read_text(encoding="utf-8")
    for name, parser in _commands().items():
        assert f"## `{name}`" in page, name
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in page, f"{name} {option}"


def test_the_hand_written_page_has_a_section_per_command() -> None:
    page = CLI_PAGE.read_text(encoding="utf-8")
    sections = set(re.findall(r"^## `([\w-]+)`", page, flags=re.M))
    missing = sorted(set(_commands()) - sections)
    assert missing == [], f"add a '## `COMMAND`' section to docs/reference/cli.md for {missing}"
    assert "(cli-options.md)" in page, "cli.md links to the page of every option"
