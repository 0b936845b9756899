"""The command line's arguments: what ``cli/arguments.py`` refuses, in one line.

The crashes the fuzz tests found in the command line (tests/contract/test_fuzz.py),
each a regression test: ``main()`` must return 0 or 2, never raise, and say what
is wrong in one line on stderr.
"""

from __future__ import annotations

from pathlib import Path

from support.calls import check_cli, run_cli


def test_regression_cli_severity_of_5000_digits() -> None:
    # ValueError from int(): more than 4,300 digits.
    check_cli(
        ["deadline", "developer", "9" * 5000, "--created", "2025-06-06T17:00Z", "--tz", "UTC"]
    )


def test_regression_cli_severity_in_unicode_digits() -> None:
    # "²".isdigit() is True, and int("²") raises ValueError.
    code, _, err = run_cli(["deadline", "developer", "²", "--created", "now", "--tz", "UTC"])
    assert code == 2
    assert "unknown severity '²'" in err


def test_regression_cli_policy_path_with_a_nul() -> None:
    code, _, err = run_cli(["table", "--policy", "a\x00b"])
    assert code == 2
    assert "NUL" in err


def test_regression_cli_calendar_at_the_ends_of_the_date_range() -> None:
    # OverflowError: date value out of range, from FROM - 1 day.
    for first, last in [("0001-01-01", "0001-01-05"), ("9999-12-25", "9999-12-31")]:
        code, _, err = run_cli(["calendar", "--tz", "UTC", first, last])
        assert code == 2
        assert "outside the years" in err


def test_regression_cli_now_outside_the_range_with_json() -> None:
    # OverflowError from now.astimezone(zone) in the JSON output.
    for now in ("9999-12-31T23:59:59.999999-23:59", "0001-01-01T00:00+14:00"):
        argv = ["deadline", "premium", "S1", "--created", "2025-01-01T00:00Z", "--now", now]
        code, _, err = run_cli([*argv, "--tz", "UTC", "--json"])
        assert code == 2
        assert "outside the range" in err


def test_regression_cli_hours_naming_a_day_twice() -> None:
    # The second --hours Mon=... silently replaced the first.
    argv = ["deadline", "developer", "S1", "--created", "2025-06-02T09:00Z", "--tz", "UTC"]
    code, _, err = run_cli([*argv, "--hours", "Mon=09:00-10:00", "--hours", "Mon=11:00-12:00"])
    assert code == 2
    assert "--hours names Mon twice" in err


def test_regression_cli_policy_file_nested_too_deeply(tmp_path: Path) -> None:
    # RecursionError from the command line's own look for [[versions]].
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5_000 + "]" * 5_000 + "\n", encoding="utf-8")
    code, _, err = run_cli(["table", "--policy", str(path)])
    assert code == 2
    assert "too deeply" in err
