"""The README's first screen cannot drift from the code or from CI.

Its first two shell blocks are the two commands a newcomer runs: the first
installs the package and answers a real deadline question with the command
line; the second installs the test tools and runs the whole suite. The first
one's command-line call is run here against the installed console script, and
``.ci/run`` must contain the second one verbatim.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCRIPT = Path(sys.executable).parent / "connected-care-sla"
FIRST_SCREEN_LINES = 40


def shell_blocks() -> list[tuple[int, str]]:
    """``(line number, content)`` of each ```bash or ```sh block, in order."""
    return [
        (README.count("\n", 0, match.start()) + 1, match[1].strip())
        for match in re.finditer(r"^```(?:bash|sh)\n(.*?)^```", README, flags=re.M | re.S)
    ]


def main_job_command() -> str:
    return shell_blocks()[0][1]


def readme_test_command() -> str:
    return shell_blocks()[1][1]


def test_the_two_commands_are_on_the_first_screen() -> None:
    blocks = shell_blocks()
    assert len(blocks) >= 2
    for line, content in blocks[:2]:
        assert line + content.count("\n") < FIRST_SCREEN_LINES, f"block at line {line}"
        assert "\n" not in content, "each is one command a newcomer can paste"


def test_main_job_command_installs_the_package_then_asks_the_cli() -> None:
    steps = [step.strip() for step in main_job_command().split("&&")]
    assert steps[0] == "python3 -m venv .venv"
    assert shlex.split(steps[1])[:3] == [".venv/bin/pip", "install", "-q"]
    assert shlex.split(steps[1])[-1] == "."
    assert shlex.split(steps[-1])[0] == ".venv/bin/connected-care-sla"


def test_main_job_cli_call_answers_the_question() -> None:
    call = shlex.split(main_job_command().split("&&")[-1])
    assert call[1] == "deadline"
    result = subprocess.run(
        [str(SCRIPT), *call[1:]], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    first = result.stdout.splitlines()[0]
    # Without --now the line has no relative time ("540 days ago"): the same every day.
    assert first == "deadline   2025-06-09T12:00:00+08:00  Monday"
    # The prose under the command states the same answer.
    assert "Monday 2025-06-09 at 12:00" in README


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    command = readme_test_command()
    assert command == (
        'python3 -m venv .venv && .venv/bin/python -m pip install -q -e ".[test]" '
        "&& .venv/bin/python -m pytest"
    )
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()
