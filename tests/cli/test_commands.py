"""The installed ``connected-care-sla`` console script, run as users run it.

Every command, the ``--json`` shapes, exit codes, and each kind of bad input.
Times are always explicit (``--created``, ``--now``): the output is the same
on every day the suite runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from connected_care_sla.cli.arguments import add_calendar_options, calendar_from_args
from connected_care_sla.cli.main import build_parser, main
from support import policy_text, write_policy

SCRIPT = Path(sys.executable).parent / "connected-care-sla"
SH = ["--tz", "Asia/Shanghai"]
FRIDAY_17 = "2025-06-06T17:00+08:00"

#: The keys of ``ResponseStatus.to_dict()``, in order, with the calendar after the target:
#: ``deadline --json`` and ``status --json`` are the same document (docs/reference/json.md).
STATUS_KEYS = [
    "command",
    "state",
    "state_text",
    "plan",
    "severity",
    "policy",
    "target",
    "zone",
    "hours",
    "holidays",
    "created",
    "now",
    "responded",
    "counts_from",
    "deadline",
    "deadline_utc",
    "weekday",
    "seconds_left",
    "time_left",
    "consumed",
    "remaining",
    "consumed_pct",
    "fraction_consumed",
    "at_risk",
    "paused",
    "paused_since",
    "pauses_ignored",
    "history",
    "warnings",
]
#: The same, without the history the status command echoes.
DEADLINE_KEYS = [key for key in STATUS_KEYS if key != "history"]
TARGET_KEYS = ["duration", "microseconds", "seconds", "clock", "text"]

#: "Acme support" (P1/P2, Gold and Bronze) and a book of it (from 2025 and 2026): tests/data/.
CUSTOM_POLICY = policy_text("acme-support.toml")
POLICY_BOOK = "acme-support-book.toml"


def run(*args: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
    """Run the installed console script; check its exit code."""
    if not SCRIPT.exists():  # pragma: no cover - a broken install
        pytest.fail(f"{SCRIPT} is missing: install the package with `pip install -e .`")
    result = subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == expect, (result.stdout, result.stderr)
    return result


def run_json(*args: str) -> dict[str, object]:
    result = run(*args, "--json")
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


# -- deadline ---------------------------------------------------------------------


def test_deadline_text_gives_iso_weekday_and_time_left() -> None:
    result = run("deadline", "developer", "S1", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH)
    assert result.stdout.splitlines() == [
        "deadline   2025-06-09T12:00:00+08:00  Monday, in 2 days 19 hours",
        "target     Developer S1 = 4 business hours",
        "created    2025-06-06T17:00:00+08:00  Friday",
        "calendar   Asia/Shanghai, Mon-Fri 09:00-18:00, holidays: none",
        "policy     Connected Care (effective 2025-02-17)",
    ]
    assert result.stderr == ""


def test_deadline_json_shape() -> None:
    data = run_json("deadline", "premium", "1", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH)
    assert list(data) == DEADLINE_KEYS
    assert data["target"] == {
        "duration": "30m",
        "microseconds": 1_800_000_000,
        "seconds": 1800,
        "clock": "wall",
        "text": "30 minutes (wall clock, 24x7)",
    }
    assert data["plan"] == "Premium"
    assert data["severity"] == "S1"
    assert data["deadline"] == "2025-06-06T17:30:00+08:00"
    assert data["deadline_utc"] == "2025-06-06T09:30:00+00:00"
    assert data["weekday"] == "Friday"
    assert data["seconds_left"] == 1800
    assert data["time_left"] == "in 30 minutes"
    assert data["hours"] == {"Mon-Fri": "09:00-18:00"}
    assert data["warnings"] == []


def test_deadline_in_the_past_says_ago() -> None:
    data = run_json("deadline", "developer", "S1", "--created", FRIDAY_17, *SH)
    # --now defaults to the real clock, read once in the command-line layer.
    left = data["seconds_left"]
    assert isinstance(left, (int, float))
    assert left < 0
    assert str(data["time_left"]).endswith(" ago")


def test_created_defaults_to_now() -> None:
    before = datetime.now(UTC)
    data = run_json("deadline", "enterprise", "S1", "--tz", "UTC")
    after = datetime.now(UTC)
    created = datetime.fromisoformat(str(data["created"]))
    assert before - timedelta(seconds=1) <= created <= after
    assert datetime.fromisoformat(str(data["deadline"])) == created + timedelta(hours=1)


def test_deadline_explain_appends_the_derivation() -> None:
    result = run(
        "deadline", "developer", "S4", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH, "--explain"
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("deadline   2025-06-11T14:00:00+08:00  Wednesday")
    assert "Developer S4 under Connected Care (effective 2025-02-17)" in lines
    assert lines[-1] == "Deadline:     Wed 2025-06-11 14:00:00 +08:00"
    data = run_json(
        "deadline", "developer", "S4", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH, "--explain"
    )
    assert list(data) == [*DEADLINE_KEYS[:-1], "explanation", "derivation", "warnings"]
    assert str(data["explanation"]).endswith("Deadline:     Wed 2025-06-11 14:00:00 +08:00")


def test_basic_has_no_target_and_exits_0() -> None:
    result = run("deadline", "basic", "S1", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH)
    assert result.stdout.splitlines()[0] == ("deadline   none: Basic has no first-response target")
    data = run_json("deadline", "basic", "S1", "--created", FRIDAY_17, *SH)
    assert data["target"] is None
    assert data["deadline"] is None
    assert data["seconds_left"] is None


@pytest.mark.parametrize(
    "created",
    [
        "2025-06-06T17:00+08:00",
        "2025-06-06T09:00Z",
        "2025-06-06T09:00:00+00:00",
        "2025-06-06T05:00-04:00",
        "2025-06-06T17:00",  # local, read in --tz
        "2025-06-06 17:00",
        "20250606T170000",
    ],
)
def test_one_instant_in_any_form_gives_one_deadline(created: str) -> None:
    data = run_json("deadline", "developer", "S1", "--created", created, *SH)
    assert data["created"] == "2025-06-06T17:00:00+08:00"
    assert data["deadline"] == "2025-06-09T12:00:00+08:00"


def test_holidays_option_closes_days_and_opens_makeup_workdays() -> None:
    data = run_json(
        "deadline", "developer", "S1", "--created", "2025-10-10T16:00", *SH, "--holidays", "CN"
    )
    assert data["holidays"] == "CN"
    assert data["deadline"] == "2025-10-11T11:00:00+08:00"  # Saturday, a make-up workday


def test_hours_option_sets_split_shifts() -> None:
    data = run_json(
        "deadline",
        "developer",
        "S1",
        "--created",
        "2025-06-06T11:00",
        *SH,
        "--hours",
        "Mon-Fri=09:00-12:00,13:00-18:00",
    )
    assert data["hours"] == {"Mon-Fri": "09:00-12:00, 13:00-18:00"}
    assert data["deadline"] == "2025-06-06T16:00:00+08:00"


def test_holiday_data_beyond_its_horizon_warns_on_stderr() -> None:
    result = run(
        "deadline", "developer", "S1", "--created", "2040-06-04T10:00", *SH, "--holidays", "CN"
    )
    warning = result.stderr.splitlines()
    assert len(warning) == 1
    assert warning[0].startswith("connected-care-sla: warning: holiday data for 2040")
    data = json.loads(
        run(
            "deadline",
            "developer",
            "S1",
            "--created",
            "2040-06-04T10:00",
            *SH,
            "--holidays",
            "CN",
            "--json",
        ).stdout
    )
    assert len(data["warnings"]) == 1


# -- status -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "responded", "state", "line"),
    [
        ("2025-06-09T09:00+08:00", None, "ON_TRACK", "remaining  3h of business time"),
        ("2025-06-09T11:00+08:00", None, "AT_RISK", "remaining  1h of business time"),
        ("2025-06-09T14:00+08:00", None, "BREACHED", "overdue    2h of business time"),
        ("2025-06-09T14:00+08:00", "2025-06-09T10:00+08:00", "MET", "to spare   2h"),
        ("2025-06-09T14:00+08:00", "2025-06-09T13:00+08:00", "MISSED", "overdue    1h"),
    ],
)
def test_status_states(now: str, responded: str | None, state: str, line: str) -> None:
    args = ["status", "developer", "S1", "--created", FRIDAY_17, "--now", now, *SH]
    if responded is not None:
        args += ["--responded", responded]
    lines = run(*args).stdout.splitlines()
    assert lines[0] == f"{state.replace('_', ' ')}: Developer S1, target 4 business hours"
    assert any(text.startswith(line) for text in lines), lines
    assert lines[-1] == "policy     Connected Care (effective 2025-02-17)"
    data = run_json(*args)
    assert list(data) == STATUS_KEYS
    assert data["state"] == state


def test_status_json_values() -> None:
    data = run_json(
        "status", "developer", "S1", "--created", FRIDAY_17, "--now", "2025-06-09T11:00", *SH
    )
    assert data["state_text"] == "at risk"
    assert data["deadline"] == "2025-06-09T12:00:00+08:00"
    assert data["consumed"] == {"microseconds": 10_800_000_000, "seconds": 10800, "text": "3h"}
    assert data["remaining"] == {"microseconds": 3_600_000_000, "seconds": 3600, "text": "1h"}
    assert data["consumed_pct"] == 75.0
    assert data["fraction_consumed"] == 0.75
    assert data["at_risk"] == 0.75
    assert data["responded"] is None
    target = data["target"]
    assert isinstance(target, dict)
    assert list(target) == TARGET_KEYS


def test_status_overdue_remaining_is_negative_and_at_risk_is_an_option() -> None:
    data = run_json(
        "status", "premium", "S1", "--created", FRIDAY_17, "--now", "2025-06-06T18:00", *SH
    )
    assert data["state"] == "BREACHED"
    assert data["remaining"] == {"microseconds": -1_800_000_000, "seconds": -1800, "text": "-30m"}
    data = run_json(
        "status",
        "premium",
        "S1",
        "--created",
        FRIDAY_17,
        "--now",
        "2025-06-06T17:10",
        *SH,
        "--at-risk",
        "0.25",
    )
    assert data["state"] == "AT_RISK"
    assert data["at_risk"] == 0.25


def test_status_without_target() -> None:
    result = run("status", "basic", "S2", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH)
    assert result.stdout.splitlines()[0] == "NO TARGET: Basic S2, no first-response target"
    data = run_json("status", "basic", "S2", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH)
    assert data["state"] == "NO_TARGET"
    assert data["deadline"] is None
    assert data["remaining"] is None
    assert data["fraction_consumed"] is None


# -- table ---------------------------------------------------------------------------


def test_table_text_has_plans_as_columns() -> None:
    lines = run("table").stdout.splitlines()
    assert lines[0] == "Connected Care (effective 2025-02-17)"
    assert lines[2].split() == ["First", "response", "Basic", "Developer", "Enterprise", "Premium"]
    assert lines[3].split() == ["S1", "none", "4h", "business", "1h", "24x7", "30m", "24x7"]
    assert lines[6].split() == ["S4", "none", *["24h", "business"] * 3]
    # Aligned: every column of the response table starts at the same offset.
    header = lines[2]
    for row in lines[3:7]:
        assert row[header.index("Developer") - 1] == " "
        assert row[header.index("Developer")] != " "
    tam = next(line for line in lines if line.startswith("Technical account manager"))
    assert tam.split()[-4:] == ["-", "-", "-", "yes"]
    assert all(line == line.rstrip() for line in lines)


def test_table_json_shape() -> None:
    data = run_json("table")
    assert list(data) == [
        "command",
        "policy",
        "plans",
        "severities",
        "first_response",
        "services",
        "entitlements",
    ]
    assert data["plans"] == ["Basic", "Developer", "Enterprise", "Premium"]
    table = data["first_response"]
    assert isinstance(table, dict)
    assert table["Basic"] == {"S1": None, "S2": None, "S3": None, "S4": None}
    assert table["Enterprise"]["S3"] == {
        "duration": "8h",
        "microseconds": 28_800_000_000,
        "seconds": 28800,
        "clock": "business",
        "text": "8 business hours",
    }
    entitled = data["entitlements"]
    assert isinstance(entitled, dict)
    assert "technical-account-manager" in entitled["Premium"]
    assert "technical-account-manager" not in entitled["Enterprise"]
    assert data["policy"] == {
        "name": "Connected Care",
        "effective_from": "2025-02-17",
        "versions": ["Connected Care (effective 2025-02-17)"],
    }


# -- calendar -------------------------------------------------------------------------


def test_calendar_lists_windows_holidays_and_makeup_workdays() -> None:
    lines = run("calendar", *SH, "--holidays", "CN", "2025-09-27", "2025-10-12").stdout.splitlines()
    assert lines[0] == "Asia/Shanghai, Mon-Fri 09:00-18:00, holidays: CN"
    assert lines[1] == "2025-09-27 Sat  closed: rest day"
    assert lines[2] == "2025-09-28 Sun  09:00-18:00 +08:00  9h  make-up workday"
    assert lines[5] == "2025-10-01 Wed  closed: holiday, National Day"
    assert lines[-2] == "2025-10-11 Sat  09:00-18:00 +08:00  9h  make-up workday"
    assert len(lines) == 1 + 16


def test_calendar_json_shape_and_dst() -> None:
    data = run_json(
        "calendar",
        "--tz",
        "America/New_York",
        "--hours",
        "Sun=01:00-05:00",
        "2025-03-08",
        "2025-03-09",
    )
    assert list(data) == ["command", "zone", "hours", "holidays", "from", "to", "days", "warnings"]
    days = data["days"]
    assert isinstance(days, list)
    assert days[0] == {
        "date": "2025-03-08",
        "weekday": "Saturday",
        "kind": "rest day",
        "holiday": None,
        "override": None,
        "windows": [],
        "business_seconds": 0,
    }
    # The spring-forward night: the window holds 3 real hours, not 4 (SPEC 3.4).
    assert days[1]["windows"] == [
        {
            "opens": "2025-03-09T01:00:00-05:00",
            "closes": "2025-03-09T05:00:00-04:00",
            "seconds": 10800,
        }
    ]
    assert days[1]["kind"] == "business day"


def test_calendar_holiday_in_json() -> None:
    data = run_json("calendar", *SH, "--holidays", "CN", "2025-10-01", "2025-10-01")
    assert data["days"] == [
        {
            "date": "2025-10-01",
            "weekday": "Wednesday",
            "kind": "holiday",
            "holiday": "National Day",
            "override": None,
            "windows": [],
            "business_seconds": 0,
        }
    ]


# -- --policy on every command --------------------------------------------------------------


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    return write_policy(tmp_path, "acme-support.toml", "acme.toml")


def test_policy_option_on_every_command(policy_file: Path) -> None:
    policy = ["--policy", str(policy_file)]
    data = run_json("deadline", "gold", "P1", "--created", FRIDAY_17, *SH, *policy)
    assert data["deadline"] == "2025-06-06T17:15:00+08:00"
    assert data["policy"] == "Acme support (effective 2025-01-01)"
    data = run_json(
        "status", "gold", "P2", "--created", FRIDAY_17, "--now", "2025-06-09T09:00", *SH, *policy
    )
    assert data["state"] == "ON_TRACK"
    assert data["deadline"] == "2025-06-09T10:00:00+08:00"
    lines = run("table", *policy).stdout.splitlines()
    assert lines[2].split() == ["First", "response", "Gold", "Bronze"]
    assert run("calendar", *SH, *policy, "2025-06-06", "2025-06-06").returncode == 0


def test_policy_book_picks_the_version_in_force(tmp_path: Path) -> None:
    path = write_policy(tmp_path, POLICY_BOOK, "book.toml")
    policy = ["--policy", str(path)]
    old = run_json(
        "deadline", "gold", "P1", "--created", "2025-06-06T17:00Z", "--tz", "UTC", *policy
    )
    new = run_json(
        "deadline", "gold", "P1", "--created", "2026-06-05T17:00Z", "--tz", "UTC", *policy
    )
    assert old["deadline"] == "2025-06-06T18:00:00+00:00"
    assert new["deadline"] == "2026-06-05T17:15:00+00:00"
    table = run_json("table", *policy, "--on", "2025-06-01")
    assert table["first_response"] == {
        "Gold": {
            "P1": {
                "duration": "1h",
                "microseconds": 3_600_000_000,
                "seconds": 3600,
                "clock": "wall",
                "text": "1 hour (wall clock, 24x7)",
            }
        }
    }
    text = run("table", *policy).stdout.splitlines()
    assert text[0] == "Acme support (effective 2026-01-01)"
    assert text[1].startswith("(a policy book of 2 versions")


# -- bad input: one line, exit code 2, no traceback ------------------------------------------


BAD_INPUTS = {
    "no command": ([], "the following arguments are required: COMMAND"),
    "unknown command": (["frobnicate"], "invalid choice: 'frobnicate'"),
    "missing --tz": (["deadline", "developer", "S1"], "arguments --tz --calendar is required"),
    "unknown plan": (["deadline", "gold", "S1", *SH], "unknown plan 'gold'"),
    "unknown severity": (["deadline", "developer", "S9", *SH], "unknown severity 'S9'"),
    "unknown zone": (["deadline", "developer", "S1", "--tz", "Mars/Olympus"], "unknown time zone"),
    "unknown holidays": (
        ["deadline", "developer", "S1", *SH, "--holidays", "XX"],
        "unknown holiday country",
    ),
    "not a time": (["deadline", "developer", "S1", *SH, "--created", "yesterday"], "is not a time"),
    "a date, no time": (
        ["deadline", "developer", "S1", *SH, "--created", "2025-06-06"],
        "a date without a time of day",
    ),
    "DST gap": (
        ["deadline", "premium", "S1", "--tz", "America/New_York", "--created", "2025-03-09T02:30"],
        "does not exist in America/New_York",
    ),
    "DST overlap": (
        ["deadline", "premium", "S1", "--tz", "America/New_York", "--created", "2025-11-02 01:30"],
        "is ambiguous in America/New_York",
    ),
    "bad hours": (["deadline", "developer", "S1", *SH, "--hours", "Mon-Fri"], "DAYS=WINDOWS"),
    "bad window": (
        ["deadline", "developer", "S1", *SH, "--hours", "Mon=25:00-26:00"],
        "out of range",
    ),
    "status without --created": (["status", "developer", "S1", *SH], "required: --created"),
    "now before created": (
        ["status", "developer", "S1", *SH, "--created", FRIDAY_17, "--now", "2025-06-01T00:00Z"],
        "is before the ticket was created",
    ),
    "response before creation": (
        [
            "status",
            "developer",
            "S1",
            *SH,
            "--created",
            FRIDAY_17,
            "--responded",
            "2025-06-01T00:00Z",
        ],
        "is before the ticket was created",
    ),
    "bad --at-risk": (
        ["status", "developer", "S1", *SH, "--created", FRIDAY_17, "--at-risk", "1.5"],
        "0 < SHARE <= 1",
    ),
    "missing policy file": (
        ["table", "--policy", "/no/such/policy.toml"],
        "cannot read policy file",
    ),
    "bad date": (["calendar", *SH, "2025-02-30", "2025-03-01"], "is not a date"),
    "dates reversed": (["calendar", *SH, "2025-03-01", "2025-02-01"], "is before FROM"),
    "bad --on": (["table", "--on", "someday"], "is not a date"),
    "unknown option": (["table", "--colour"], "unrecognized arguments: --colour"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_is_one_line_and_exit_code_2(case: str) -> None:
    args, expected = BAD_INPUTS[case]
    result = run(*args, expect=2)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("connected-care-sla: error: ")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_malformed_policy_file_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(CUSTOM_POLICY.replace('"15m wall"', '"15 minutes"'), encoding="utf-8")
    line = run("table", "--policy", str(path), expect=2).stderr.strip()
    assert line.startswith("connected-care-sla: error: policy file")
    assert "broken.toml" in line
    assert "first_response.Gold.P1" in line
    path.write_text("this is = = not toml", encoding="utf-8")
    line = run("table", "--policy", str(path), expect=2).stderr.strip()
    assert "is not valid TOML" in line
    assert "\n" not in line


def test_help_and_version_exit_0() -> None:
    assert run("--version").stdout.startswith("connected-care-sla ")
    result = run("--help")
    for command in ("deadline", "status", "table", "calendar"):
        assert command in result.stdout
    assert "ISO 8601" in run("deadline", "--help").stdout


def test_python_dash_m_runs_the_same_command_line() -> None:
    ticket = ["developer", "S1", *SH, "--created", FRIDAY_17, "--now", FRIDAY_17]
    result = subprocess.run(
        [sys.executable, "-m", "connected_care_sla", "deadline", *ticket],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("deadline   2025-06-09T12:00:00+08:00  Monday")
    bad = subprocess.run(
        [sys.executable, "-m", "connected_care_sla", "deadline"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("connected-care-sla: error: ")


# -- in-process: main() and extension commands -----------------------------------------------


def test_main_returns_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["table", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["command"] == "table"
    assert main(["deadline", "developer", "S1"]) == 2
    assert capsys.readouterr().err.startswith("connected-care-sla: error: ")


def test_main_collects_holiday_horizon_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    # pytest turns warnings into errors; the command line reports them on stderr instead.
    args = ["calendar", *SH, "--holidays", "CN", "2040-01-02", "2040-01-02"]
    assert main(args) == 0
    assert "warning: holiday data for 2040" in capsys.readouterr().err


def test_command_modules_share_the_calendar_options(capsys: pytest.CaptureFixture[str]) -> None:
    # Each module of commands (cli/tickets.py, cli/listings.py, cli/files.py) registers
    # its commands with the options of cli/arguments.py; any other command can too.
    def hello(args: argparse.Namespace) -> int:
        print(f"hello from {calendar_from_args(args).zone.key}")
        return 0

    parser = argparse.ArgumentParser(prog="connected-care-sla")
    command = parser.add_subparsers(dest="command", required=True).add_parser("hello")
    add_calendar_options(command)
    command.set_defaults(func=hello)
    args = parser.parse_args(["hello", "--tz", "UTC"])
    assert args.func(args) == 0
    assert capsys.readouterr().out == "hello from UTC\n"
    with pytest.raises(SystemExit) as info:
        parser.parse_args(["hello"])  # --tz is required
    assert info.value.code == 2


def test_the_batch_and_report_commands_are_always_registered() -> None:
    # They were loaded through importlib, as a plug-in; now every command is built in.
    parser = build_parser()
    assert parser.parse_args(["table"]).command == "table"
    assert parser.parse_args(["batch", "tickets.csv"]).command == "batch"
    assert parser.parse_args(["report", "deadlines.csv"]).command == "report"
    result = subprocess.run(
        [sys.executable, "-m", "connected_care_sla", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in ("deadline", "status", "table", "calendar", "batch", "report"):
        assert name in result.stdout, name
