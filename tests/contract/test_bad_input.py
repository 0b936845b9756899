"""The catalogue of bad input: each entry fails as documented, and the page matches.

The cases live in ``tests/contract/bad_input_catalogue.py``; ``docs/reference/bad-input.md``
is generated from them. Each case must raise the error type it names (a command
line: exit code 2 and one line on stderr) with a message that names the bad
value; the committed page must be what the cases produce now.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import connected_care_sla as sla
from contract.bad_input_catalogue import (
    CASES,
    FILES,
    HINT,
    PAGE,
    Case,
    CliFailedError,
    message,
    policy_files,
    raised,
    render,
)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with policy_files() as folder:
        yield folder


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case_fails_as_documented(case: Case, workdir: Path) -> None:
    error = raised(case)
    if case.is_cli:
        assert isinstance(error, CliFailedError)
        assert error.code == 2, error.stderr
        assert error.stderr.startswith("connected-care-sla: error: "), error.stderr
        assert error.stderr.count("\n") == 1, error.stderr
        assert "Traceback" not in error.stderr
    else:
        assert type(error) is case.error, f"{case.code}: {error!r}"
        if not isinstance(error, OSError):
            assert isinstance(error, sla.SlaError)
            assert isinstance(error, (ValueError, OverflowError))
    assert case.names in message(case, error), message(case, error)


def test_the_page_is_generated_from_the_cases() -> None:
    committed = PAGE.read_text(encoding="utf-8")
    assert committed == render(), f"docs/reference/bad-input.md is out of date: {HINT}"


def test_the_catalogue_covers_every_kind_of_bad_input_the_issue_lists() -> None:
    titles = " | ".join(case.title.lower() for case in CASES)
    for kind in (
        "naive",
        "unknown zone",
        "unknown plan",
        "unknown severity",
        "as a duration",
        "nan",
        "infinite",
        "a boolean",
        "largest datetime",
        "smallest datetime",
        "never opens",
        "overlapping",
        "unknown country",
        "unknown subdivision",
        "not toml",
        "empty policy file",
        "5 mb",
        "10,000 levels",
        "dst gap",
    ):
        assert kind in titles, kind


def test_titles_are_unique_and_files_are_used() -> None:
    assert len({case.id for case in CASES}) == len(CASES)
    used = " ".join(case.code for case in CASES)
    assert all(name in used for name in FILES)
