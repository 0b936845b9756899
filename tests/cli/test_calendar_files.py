"""Calendar files on the command line: ``--calendar FILE`` and ``batch --calendars FILE``.

A calendar file gives a command its calendar whole (zone, hours, holidays,
overrides, versions); beside ``--tz``, ``--hours``, ``--holidays`` or
``--strict-holidays`` it is refused. A file of several calendars keyed by a
column gives each row of a batch its own calendar, so a Shanghai, New York and
Berlin file gets CN, US and DE holidays in one run. A bad file is one line on
stderr naming the file, the key and the value, exit code 2.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar, first_response_deadline
from support.calls import check_cli, run_cli

pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)

BERLIN_FILE = """\
zone = "Europe/Berlin"

[holidays]
countries = ["DE"]

[overrides]
2025-12-24 = "09:00-13:00"
2025-12-31 = "closed"
2025-12-27 = "10:00-14:00"
"""

ZONES_FILE = """\
key = "zone"

[calendars."Asia/Shanghai"]
holidays = { countries = ["CN"] }

[calendars."America/New_York"]
holidays = { countries = ["US"] }

[calendars."Europe/Berlin"]
holidays = { countries = ["DE"] }
"""

CUSTOMERS_FILE = """\
key = "customer"

[defaults]
hours = { "Mon-Fri" = "08:00-17:00" }

[calendars.acme]
zone = "Asia/Shanghai"
holidays = { countries = ["CN"] }

[calendars.globex]
zone = "America/New_York"
"""

# Each created on a public holiday of its own country only: 1 October (CN National
# Day), 4 July (US Independence Day), 3 October (German Unity Day).
TICKETS = """\
id,plan,severity,created_at,zone
1,Developer,S3,2025-10-01T10:00+08:00,Asia/Shanghai
2,Developer,S3,2025-07-04T10:00-04:00,America/New_York
3,Developer,S3,2025-10-03T10:00+02:00,Europe/Berlin
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    written = {}
    for name, text in (
        ("berlin.toml", BERLIN_FILE),
        ("zones.toml", ZONES_FILE),
        ("customers.toml", CUSTOMERS_FILE),
        ("tickets.csv", TICKETS),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        written[name] = str(path)
    written["dir"] = str(tmp_path)
    return written


def ok(argv: list[str]) -> str:
    code, out, err = run_cli(argv)
    assert code == 0, err
    return out


def refused(argv: list[str]) -> str:
    """The one line of a refusal (exit code 2), without the program's prefix."""
    check_cli(argv)
    code, _, err = run_cli(argv)
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.startswith("connected-care-sla: error:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0].removeprefix("connected-care-sla: error: ")


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- --calendar FILE on every command that has a calendar -------------------------------


def test_deadline_with_a_calendar_file_uses_its_zone_holidays_and_overrides(
    files: dict[str, str],
) -> None:
    data = json.loads(
        ok(
            [
                "deadline",
                "developer",
                "S3",
                "--created",
                "2025-12-24T12:00",  # a local time, read in the file's zone
                "--now",
                "2025-12-24T12:00+01:00",
                "--calendar",
                files["berlin.toml"],
                "--json",
            ]
        )
    )
    # 1h on the short Christmas Eve (to 13:00), closed 25-26 (DE holidays), Saturday 27
    # opened 10:00-14:00 by an override (4h), then the 7h left on Monday 29: 16:00.
    assert data["deadline"] == "2025-12-29T16:00:00+01:00"
    assert data["zone"] == "Europe/Berlin"


def test_status_and_explain_name_the_override(files: dict[str, str]) -> None:
    created = ["--created", "2025-12-24T12:00+01:00", "--now", "2025-12-24T12:30+01:00"]
    out = ok(
        ["deadline", "developer", "S3", *created, "--calendar", files["berlin.toml"], "--explain"]
    )
    assert "Wed 2025-12-24: short day 09:00-13:00" in out
    out = ok(["status", "developer", "S3", *created, "--calendar", files["berlin.toml"]])
    assert "Europe/Berlin" in out


def test_the_calendar_listing_shows_overrides(files: dict[str, str]) -> None:
    out = ok(["calendar", "--calendar", files["berlin.toml"], "2025-12-23", "2025-12-31"])
    lines = out.splitlines()
    assert lines[1] == "2025-12-23 Tue  09:00-18:00 +01:00  9h"
    assert lines[2] == "2025-12-24 Wed  09:00-13:00 +01:00  4h  short day (override)"
    assert lines[3] == "2025-12-25 Thu  closed: holiday, Christmas Day"
    assert lines[5] == "2025-12-27 Sat  10:00-14:00 +01:00  4h  opened (override)"
    assert lines[-1] == "2025-12-31 Wed  closed (override)"


def test_the_calendar_listing_shows_overrides_in_json(files: dict[str, str]) -> None:
    argv = ["calendar", "--calendar", files["berlin.toml"], "2025-12-24", "2025-12-31", "--json"]
    days = {day["date"]: day for day in json.loads(ok(argv))["days"]}
    assert days["2025-12-24"]["kind"] == "override"
    assert days["2025-12-24"]["override"] == {"kind": "short day", "windows": ["09:00-13:00"]}
    assert days["2025-12-24"]["business_seconds"] == 4 * 3600
    assert days["2025-12-31"]["override"] == {"kind": "closed", "windows": []}
    assert days["2025-12-31"]["windows"] == []
    assert days["2025-12-25"]["override"] is None
    assert days["2025-12-25"]["kind"] == "holiday"


def test_an_override_is_told_against_the_hours_of_the_version_in_force(tmp_path: Path) -> None:
    path = tmp_path / "versions.toml"
    path.write_text(
        'zone = "Europe/Berlin"\n\n[[versions]]\neffective_from = 2020-01-01\n\n'
        '[[versions]]\neffective_from = 2025-12-01\nhours = { "Mon-Fri" = "08:00-12:00" }\n'
        'overrides = { 2025-12-23 = "08:00-16:00", 2025-12-24 = "08:00-10:00" }\n',
        encoding="utf-8",
    )
    lines = ok(["calendar", "--calendar", str(path), "2025-12-22", "2025-12-24"]).splitlines()
    assert lines[1:] == [
        "2025-12-22 Mon  08:00-12:00 +01:00  4h",
        "2025-12-23 Tue  08:00-16:00 +01:00  8h  long day (override)",  # 8h > the 4h then
        "2025-12-24 Wed  08:00-10:00 +01:00  2h  short day (override)",
    ]


def test_without_a_calendar_file_no_date_is_an_override() -> None:
    out = ok(["calendar", "--tz", "UTC", "2025-06-02", "2025-06-08", "--json"])
    assert [day["override"] for day in json.loads(out)["days"]] == [None] * 7


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--tz", "UTC"], "argument --tz: not allowed with argument --calendar"),
        (["--holidays", "CN"], "--holidays cannot be combined with --calendar"),
        (["--hours", "Mon=09:00-12:00"], "put its [hours] table in the file"),
        (["--strict-holidays"], "put strict = true in the file"),
    ],
)
def test_a_calendar_file_beside_the_options_it_replaces_is_refused(
    files: dict[str, str], extra: list[str], words: str
) -> None:
    argv = ["deadline", "developer", "S1", "--created", "2025-06-06T17:00Z"]
    assert words in refused([*argv, "--calendar", files["berlin.toml"], *extra])


def test_without_a_zone_or_a_calendar_file_the_command_says_which_to_give() -> None:
    line = refused(["calendar", "2025-06-02", "2025-06-03"])
    assert "one of the arguments --tz --calendar is required" in line


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('zone = "Mars/Olympus"\n', "key zone = 'Mars/Olympus': unknown time zone"),
        ('zone = "UTC"\n[overrides]\n2025-12-24 = "9-13"\n', 'overrides."2025-12-24"'),
        ("zone = \n", "is not valid TOML"),
        ('zone = "UTC"\nbogus = 1\n', "bogus"),
    ],
)
def test_a_bad_calendar_file_is_one_line_naming_the_file_key_and_value(
    tmp_path: Path, text: str, words: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    line = refused(["calendar", "--calendar", str(path), "2025-06-02", "2025-06-03"])
    assert "bad.toml" in line
    assert words in line


def test_a_calendar_file_that_cannot_be_read_is_one_line(files: dict[str, str]) -> None:
    missing = str(Path(files["dir"]) / "missing.toml")
    line = refused(["calendar", "--calendar", missing, "2025-06-02", "2025-06-03"])
    assert line.startswith(f"cannot read calendar file {missing!r} (--calendar): ")
    line = refused(["calendar", "--calendar", files["dir"], "2025-06-02", "2025-06-03"])
    assert "cannot read calendar file" in line


def test_a_file_of_several_calendars_is_not_one_calendar(files: dict[str, str]) -> None:
    line = refused(["calendar", "--calendar", files["zones.toml"], "2025-06-02", "2025-06-03"])
    assert "holds several calendars (keyed by 'zone')" in line
    assert "--calendars FILE" in line


# -- batch --calendar FILE and --calendars FILE ------------------------------------------


def test_batch_with_one_calendar_file(files: dict[str, str]) -> None:
    out = rows(ok(["batch", files["tickets.csv"], "--calendar", files["berlin.toml"]]))
    # Every row in Berlin with DE holidays: of the three dates only 3 October is closed.
    assert [row["deadline"] for row in out] == [
        "2025-10-02T12:00:00+02:00",
        "2025-07-08T10:00:00+02:00",
        "2025-10-07T12:00:00+02:00",
    ]


def test_batch_with_three_zones_gets_each_zones_holidays(files: dict[str, str]) -> None:
    out = rows(ok(["batch", files["tickets.csv"], "--calendars", files["zones.toml"]]))
    # Each deadline is written in its own calendar's zone, with its offset; each row
    # skips its own country's holidays: 1-8 October in CN, 4 July in the US, 3 October in DE.
    assert [row["deadline"] for row in out] == [
        "2025-10-10T12:00:00+08:00",
        "2025-07-08T12:00:00-04:00",
        "2025-10-07T12:00:00+02:00",
    ]
    utc = rows(
        ok(
            [
                "batch",
                files["tickets.csv"],
                "--calendars",
                files["zones.toml"],
                "--output-tz",
                "UTC",
            ]
        )
    )
    assert [row["deadline"] for row in utc] == [
        "2025-10-10T04:00:00+00:00",
        "2025-07-08T16:00:00+00:00",
        "2025-10-07T10:00:00+00:00",
    ]


def test_batch_rows_by_customer(files: dict[str, str], tmp_path: Path) -> None:
    tickets = tmp_path / "by-customer.csv"
    tickets.write_text(
        "plan,severity,created_at,customer\n"
        "Developer,S3,2025-10-01T10:00+08:00,acme\n"
        "Developer,S3,2025-10-01T10:00+08:00,globex\n",
        encoding="utf-8",
    )
    out = rows(ok(["batch", str(tickets), "--calendars", files["customers.toml"]]))
    # acme: Shanghai, CN holidays, 08:00-17:00 from [defaults]; globex: New York, none.
    assert [row["deadline"] for row in out] == [
        "2025-10-10T11:00:00+08:00",
        "2025-10-02T11:00:00-04:00",  # 9h on 1 October, 3h on the 2nd
    ]


def test_a_row_whose_key_has_no_calendar(files: dict[str, str], tmp_path: Path) -> None:
    tickets = tmp_path / "paris.csv"
    tickets.write_text(TICKETS + "4,Developer,S3,2025-10-03T10:00+02:00,Europe/Paris\n", "utf-8")
    argv = ["batch", str(tickets), "--calendars", files["zones.toml"]]
    line = refused(argv)
    assert "line 5 (zone = 'Europe/Paris')" in line
    assert "no calendar for zone 'Europe/Paris'" in line
    assert "'Asia/Shanghai', 'America/New_York', 'Europe/Berlin'" in line
    out = rows(ok([*argv, "--errors", "coerce"]))
    assert [row["deadline"] for row in out][3] == ""
    assert out[3]["error"].startswith("zone: no calendar for zone 'Europe/Paris'; the calendars")
    assert [row["error"] for row in out[:3]] == ["", "", ""]


def test_batch_refuses_two_ways_of_giving_calendars(files: dict[str, str]) -> None:
    base = ["batch", files["tickets.csv"]]
    line = refused([*base, "--calendars", files["zones.toml"], "--zone-column", "zone"])
    assert "not both --zone-column and --calendars" in line
    line = refused([*base, "--calendars", files["zones.toml"], "--tz", "UTC"])
    assert "not allowed with argument --calendars" in line
    line = refused([*base, "--calendars", files["zones.toml"], "--holidays", "US"])
    assert "--holidays cannot be combined with --calendars" in line
    assert "not neither" in refused(base)


def test_batch_says_which_kind_of_file_each_option_takes(files: dict[str, str]) -> None:
    line = refused(["batch", files["tickets.csv"], "--calendars", files["berlin.toml"]])
    assert "holds one calendar (zone = 'Europe/Berlin'); give it as --calendar FILE" in line
    line = refused(["batch", files["tickets.csv"], "--calendar", files["zones.toml"]])
    assert "holds several calendars" in line


def test_batch_needs_the_key_column(files: dict[str, str], tmp_path: Path) -> None:
    tickets = tmp_path / "no-customer.csv"
    tickets.write_text(TICKETS, encoding="utf-8")
    line = refused(["batch", str(tickets), "--calendars", files["customers.toml"]])
    assert "has no column 'customer'" in line
    assert "names 'customer'" in line


def test_a_bad_calendars_file_is_one_line(tmp_path: Path, files: dict[str, str]) -> None:
    path = tmp_path / "bad-set.toml"
    path.write_text(ZONES_FILE.replace('["US"]', '["XX"]'), encoding="utf-8")
    line = refused(["batch", files["tickets.csv"], "--calendars", str(path)])
    assert "bad-set.toml" in line
    assert "America/New_York" in line
    assert "XX" in line


# -- properties ----------------------------------------------------------------------------

ZONES = ("Asia/Shanghai", "America/New_York", "Europe/Berlin")
COUNTRIES = {"Asia/Shanghai": "CN", "America/New_York": "US", "Europe/Berlin": "DE"}


@given(
    st.lists(
        st.tuples(
            st.sampled_from(ZONES),
            st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 6, 30)),
            st.sampled_from(["S1", "S2", "S3", "S4"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_each_row_of_a_calendars_file_gets_the_scalar_deadline_of_its_zone(
    tmp_path_factory: pytest.TempPathFactory, tickets: list[tuple[str, datetime, str]]
) -> None:
    folder = tmp_path_factory.mktemp("zones")
    (folder / "zones.toml").write_text(ZONES_FILE, encoding="utf-8")
    created = [
        naive.replace(tzinfo=ZoneInfo(zone), microsecond=0).astimezone(ZoneInfo("UTC"))
        for zone, naive, _ in tickets
    ]
    lines = ["plan,severity,created_at,zone"]
    lines += [
        f"Developer,{severity},{at.isoformat()},{zone}"
        for (zone, _, severity), at in zip(tickets, created, strict=True)
    ]
    (folder / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = rows(ok(["batch", str(folder / "t.csv"), "--calendars", str(folder / "zones.toml")]))
    for row, (zone, _, severity), at in zip(out, tickets, created, strict=True):
        calendar = BusinessCalendar(zone, holidays=COUNTRIES[zone])
        expected = first_response_deadline("Developer", severity, at, calendar)
        assert expected is not None
        assert datetime.fromisoformat(row["deadline"]) == expected


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)), st.data())
def test_the_listing_marks_exactly_the_overridden_dates(
    tmp_path_factory: pytest.TempPathFactory, first: date, data: st.DataObject
) -> None:
    span = [first + timedelta(days=i) for i in range(10)]
    chosen = data.draw(st.sets(st.sampled_from(span), max_size=5))
    hours = {
        day: data.draw(st.sampled_from(["closed", "09:00-13:00", "07:00-19:00"])) for day in chosen
    }
    folder = tmp_path_factory.mktemp("overrides")
    table = "".join(f'{day.isoformat()} = "{text}"\n' for day, text in sorted(hours.items()))
    (folder / "c.toml").write_text(f'zone = "UTC"\n[overrides]\n{table}', encoding="utf-8")
    argv = ["calendar", "--calendar", str(folder / "c.toml"), str(span[0]), str(span[-1])]
    days = json.loads(ok([*argv, "--json"]))["days"]
    assert {day["date"] for day in days if day["override"] is not None} == {
        day.isoformat() for day in chosen
    }
    lines = ok(argv).splitlines()[1:]
    for day, line in zip(span, lines, strict=True):
        assert ("(override)" in line) == (day in chosen)
        if hours.get(day) == "closed":
            assert line.endswith("closed (override)")


@given(st.data())
def test_any_mix_of_calendar_options_exits_0_or_2_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("mix")
    paths = {}
    for name, text in (
        ("one.toml", BERLIN_FILE),
        ("set.toml", ZONES_FILE),
        ("bad.toml", 'zone = "Nowhere/Land"\n'),
        ("junk.toml", "= = =\n"),
        ("t.csv", TICKETS),
    ):
        (folder / name).write_text(text, encoding="utf-8")
        paths[name] = str(folder / name)
    files = [*(p for n, p in paths.items() if n.endswith(".toml")), str(folder / "none.toml")]
    command = data.draw(st.sampled_from(["deadline", "status", "calendar", "batch"]))
    argv = {
        "deadline": ["deadline", "developer", "S1", "--created", "2025-12-24T12:00"],
        "status": ["status", "developer", "S1", "--created", "2025-12-24T12:00+01:00"],
        "calendar": ["calendar", "2025-12-22", "2025-12-31"],
        "batch": ["batch", paths["t.csv"]],
    }[command]
    choices = [
        ["--calendar", data.draw(st.sampled_from(files))],
        ["--calendars", data.draw(st.sampled_from(files))],
        ["--tz", "Europe/Berlin"],
        ["--holidays", "DE"],
        ["--hours", "Mon-Fri=09:00-17:00"],
        ["--strict-holidays"],
        ["--zone-column", "zone"],
        ["--errors", "coerce"],
    ]
    for option in data.draw(st.lists(st.sampled_from(choices), max_size=4)):
        argv += option
    check_cli(argv)
