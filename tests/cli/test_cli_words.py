"""Command-line messages in command-line words, read as a newcomer reads them.

Options, not Python argument names (``--assume-tz UTC``, not
``assume_tz='UTC'``); the CSV column and the bad value echoed; the extra to
install named with its ``pip`` command; the progress bar's last line once; and
the first command of the README reading the same every day.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla._text import shown
from connected_care_sla.cli import arguments
from connected_care_sla.cli.main import main
from connected_care_sla.cli.streams import Progress
from connected_care_sla.cli.words import in_cli_words
from connected_care_sla.exceptions import MissingExtraError

SH = ["--tz", "Asia/Shanghai"]
FRIDAY_17 = "2025-06-06T17:00+08:00"
PYTHON_WORDS = ("assume_tz", "errors='coerce'", "created:", "responded:", "an int n")


def _batch(tmp_path: Path, text: str, *options: str) -> list[dict[str, str]]:
    path = tmp_path / "tickets.csv"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["batch", str(path), *SH, "--errors", "coerce", "-o", str(out), *options]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_error_column_names_the_column_and_the_value(tmp_path: Path) -> None:
    rows = _batch(
        tmp_path,
        "plan,severity,opened,first_response_at\n"
        "Developer,S1,2025-06-06 17:00,\n"
        "Developer,S1,,\n"
        "Developer,S1,banana,\n"
        "Developer,S9,2025-06-06T17:00:00+08:00,\n"
        "Developer,S1,2025-06-06T17:00:00+08:00,2025-06-01T09:00:00+08:00\n",
        "--created-column",
        "opened",
    )
    naive, empty, unreadable, severity, early = (row["error"] for row in rows)
    assert naive.startswith("opened '2025-06-06 17:00' has no UTC offset")
    assert "--assume-tz (e.g. --assume-tz UTC)" in naive
    assert (
        empty
        == "opened is empty: every ticket needs the time it was created, ISO 8601 with an offset"
    )
    assert unreadable.startswith("opened 'banana' is not a date and time")
    assert "severity 'S9'" in severity
    assert "a number n means Sn" in severity
    assert early.startswith("first_response_at '2025-06-01T09:00:00+08:00': the response is before")
    for message in (naive, empty, unreadable, severity, early):
        assert not any(word in message for word in PYTHON_WORDS), message


def test_the_first_bad_row_stops_the_run_in_command_line_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text("plan,severity,opened\nDeveloper,S1,2025-06-06 17:00\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["batch", str(path), *SH, "--created-column", "opened"]) == 2
    error = capsys.readouterr().err
    assert "line 2 (opened = '2025-06-06 17:00'): opened has no UTC offset" in error
    assert "--assume-tz (e.g. --assume-tz UTC)" in error
    assert "pass --errors coerce" in error
    assert not any(word in error for word in PYTHON_WORDS), error


def test_assume_tz_then_reads_such_times(tmp_path: Path) -> None:
    rows = _batch(
        tmp_path, "plan,severity,created_at\nPremium,S1,2025-06-06 09:00\n", "--assume-tz", "UTC"
    )
    assert rows[0]["error"] == ""
    assert rows[0]["deadline"] == "2025-06-06T17:30:00+08:00"


@pytest.mark.parametrize("command", ["batch", "report"])
def test_a_missing_extra_names_the_extra_and_the_pip_command(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    def missing(**_: object) -> None:
        raise MissingExtraError("connected_care_sla.batch", argument="pandas", value="pandas")

    monkeypatch.setattr("connected_care_sla.batch._extra.require", missing)
    path = tmp_path / "tickets.csv"
    path.write_text("plan,severity,created_at\n", encoding="utf-8")
    capsys.readouterr()
    assert main([command, str(path), *(SH if command == "batch" else [])]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"connected-care-sla: error: the {command} command needs the 'pandas'")
    assert "pandas is not installed" in error
    assert "pip install 'connected-care-sla[pandas]'" in error


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@given(st.integers(1, 5), st.booleans())
def test_the_progress_bar_prints_its_last_line_once(chunks: int, sized: bool) -> None:
    data = b"x" * 1000
    source = io.BytesIO(data)
    err = _Tty()
    saved, sys.stderr = sys.stderr, err
    try:
        progress = Progress(source, len(data) if sized else None, enabled=True)
        for chunk in range(chunks):
            source.seek(len(data) * (chunk + 1) // chunks)
            progress._drawn = -1.0  # as if the last redraw were long ago
            progress.update(10)
        progress.done()
        progress.done()  # a second call changes nothing
    finally:
        sys.stderr = saved
    drawn = err.getvalue()
    assert drawn.endswith("\n")
    assert drawn.count("\n") == 1
    assert drawn.count(f"{chunks * 10:,} rows,") == 1 or not sized
    if sized:
        assert drawn.count("100%") == 1


def test_deadline_without_now_prints_no_relative_time(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever the day the suite runs, the first line is the same.
    lines = set()
    for today in ("2025-06-06T17:00:00+08:00", "2026-12-01T12:00:00+00:00"):
        monkeypatch.setattr(arguments, "_now", lambda t=today: datetime.fromisoformat(t))
        capsys.readouterr()
        assert main(["deadline", "developer", "S1", "--created", FRIDAY_17, *SH]) == 0
        lines.add(capsys.readouterr().out.splitlines()[0])
    assert lines == {"deadline   2025-06-09T12:00:00+08:00  Monday"}
    assert (
        main(["deadline", "developer", "S1", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH]) == 0
    )
    assert capsys.readouterr().out.splitlines()[0].endswith("Monday, in 2 days 19 hours")


def test_check_says_ok_in_one_line_or_locates_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "acme.toml"
    policy.write_text('[severities]\nP1 = "Down."\n[first_response]\nGold = { P1 = "15m" }\n')
    capsys.readouterr()
    assert main(["check", str(policy)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "key 'first_response.Gold.P1' = '15m'" in error
    policy.write_text(policy.read_text().replace('"15m"', '"15m wall"'))
    assert main(["check", str(policy)]) == 0
    assert capsys.readouterr().out == f"OK: {policy}: policy acme, 1 plan, 1 severity\n"
    calendar = tmp_path / "shanghai.toml"
    calendar.write_text('zone = "Asia/Shanghai"\nholidays = { countries = ["CN"] }\n')
    assert main(["check", str(calendar)]) == 0
    assert capsys.readouterr().out.startswith(f"OK: {calendar}: calendar Asia/Shanghai, ")
    calendar.write_text('zone = "Mars/Olympus"\n')
    assert main(["check", str(calendar)]) == 2
    assert "zone = 'Mars/Olympus'" in capsys.readouterr().err
    other = tmp_path / "other.toml"
    other.write_text("colour = 'blue'\n")
    assert main(["check", str(other)]) == 2
    error = capsys.readouterr().err
    assert "is neither a policy file nor a calendar file (its top-level keys: colour)" in error
    assert main(["check", str(tmp_path / "absent.toml")]) == 2
    assert "cannot read" in capsys.readouterr().err


_MESSAGES = st.sampled_from(
    [
        "created: created is naive (it has no time zone), so it names no instant; give aware "
        "times, or name the zone naive times were recorded in with assume_tz= "
        "(e.g. assume_tz='UTC')",
        "created: created is not a date and time (expected an aware datetime or ISO 8601)",
        "created: created is a naive time that does not exist (the clocks jump over it) or "
        "happens twice (the clocks go back) in the assume_tz zone; give it with its UTC offset",
        "responded: the response is before the ticket was created",
        "plan: unknown plan 'Gold'; policy 'Connected Care' has the plans Basic (any letter case)",
    ]
)


@given(_MESSAGES, st.text(min_size=1, max_size=30), st.sampled_from(["created_at", "opened"]))
def test_every_row_error_names_its_column_and_value_in_cli_words(
    message: str, value: str, column: str
) -> None:
    args = argparse.Namespace(
        plan_column="plan",
        severity_column="severity",
        created_column=column,
        responded_column="first_response_at",
        zone_column=None,
    )
    argument = message.partition(":")[0]
    field = {"created": column, "responded": "first_response_at", "plan": "plan"}[argument]
    said = in_cli_words(message, args, {field: value})
    assert said.startswith(field)
    assert shown(value) in said or "'Gold'" in said
    assert "assume_tz" not in said
    assert "aware datetime" not in said
