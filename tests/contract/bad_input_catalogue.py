"""Every kind of bad input the library refuses, and what it says: one table.

``docs/reference/bad-input.md`` is generated from :data:`CASES`::

    python tests/contract/bad_input_catalogue.py --write

and ``tests/contract/test_bad_input.py`` runs every case (the error type, and the bad
value named in the message) and fails when the committed page differs from
what the cases produce now, so the page cannot drift from the code.

A case's ``code`` is a Python expression, evaluated in :data:`NAMESPACE` (the
public API, ``datetime`` and friends), or a command line starting with
``connected-care-sla``, run in-process with :func:`connected_care_sla.cli.main.main`.
Policy files named in a case are written to a temporary directory first
(:data:`FILES`), which is the working directory while the cases run.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import shlex
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytz

import connected_care_sla as sla
from connected_care_sla.cli.main import main as cli_main
from connected_care_sla.exceptions import (
    DuplicateNameError,
    DurationTypeError,
    HolidayHorizonError,
    HolidaysTypeError,
    HoursTypeError,
    InstantsOutOfOrderError,
    InstantTypeError,
    InvalidDurationError,
    InvalidHolidaysError,
    InvalidHoursError,
    InvalidThresholdError,
    LocalMeanTimeError,
    MissingInstantError,
    NaiveInstantError,
    PolicyError,
    PolicyFieldError,
    PolicyTypeError,
    ResultOutOfRangeError,
    ThresholdTypeError,
    UnknownPlanError,
    UnknownServiceError,
    UnknownSeverityError,
    UnknownZoneError,
    VersionDateError,
    ZoneTypeError,
)

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reference" / "bad-input.md"
CLI_PREFIX = "connected-care-sla "
HINT = "run python tests/contract/bad_input_catalogue.py --write"


@dataclass(frozen=True)
class Case:
    """One kind of bad input.

    ``names`` is the text of the bad value that the message must contain.
    ``elide`` is a pattern for parts of the message that come from elsewhere
    (the ``holidays`` package, Python's TOML reader) and may change with their
    versions: the page shows them as ``…``.
    """

    section: str
    title: str
    code: str
    error: type[BaseException] | None  # None: a command line, exit code 2
    names: str
    elide: str | None = None

    @property
    def is_cli(self) -> bool:
        return self.code.startswith(CLI_PREFIX)

    @property
    def id(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")


class CliFailedError(Exception):
    """A command line that failed: its exit code and its stderr."""

    def __init__(self, code: int, stderr: str) -> None:
        super().__init__(stderr)
        self.code = code
        self.stderr = stderr


def run_cli(command: str) -> CliFailedError:
    """Run ``connected-care-sla ...`` in-process; the failure it ends with."""
    argv = shlex.split(command)[1:]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(argv)
    return CliFailedError(code, err.getvalue())


def _never_open_mondays() -> list[date]:
    """Every Monday from 2025 to 2065: a Monday-only calendar never opens."""
    first = date(2025, 1, 6)
    return [first + timedelta(weeks=k) for k in range(52 * 41)]


SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
NAMESPACE: dict[str, Any] = {
    **{name: getattr(sla, name) for name in sla.__all__},
    "sla": sla,
    "date": date,
    "datetime": datetime,
    "time": time,
    "timedelta": timedelta,
    "timezone": timezone,
    "UTC": UTC,
    "ZoneInfo": ZoneInfo,
    "Fraction": Fraction,
    "pd": pd,
    "pytz": pytz,
    "math": math,
    "SH": SH,
    "NY": NY,
    "FRIDAY": datetime(2025, 6, 6, 17, 0, tzinfo=SH),
    "CAL": sla.BusinessCalendar("Asia/Shanghai"),
    "every_monday_for_41_years": _never_open_mondays,
}

_POLICY_HEAD = '[severities]\nP1 = "Down."\n'
_TICKETS = "plan,severity,created_at\nDeveloper,S1,2025-06-06T17:00:00+08:00\n"
FILES: dict[str, str] = {
    "extra-field.csv": _TICKETS + "Developer,S1,2025-06-06T17:00:00+08:00,extra\n",
    "open-quote.csv": _TICKETS + 'Developer,S1,"2025-06-06T17:00:00+08:00\n' + _TICKETS[25:],
    "not-utf8.csv": _TICKETS + "Devel\udcffoper,S1,2025-06-06T17:00:00+08:00\n",
    "empty.toml": "",
    "not-toml.toml": "name = Acme support\n",
    "typo.toml": _POLICY_HEAD + '[first_response]\nGold = { P1 = "15 min wall" }\n',
    "unknown-key.toml": _POLICY_HEAD + '[first_respons]\nGold = { P1 = "15m wall" }\n',
    "missing-cell.toml": '[severities]\nP1 = "Down."\nP2 = "Slow."\n'
    '[first_response]\nGold = { P1 = "15m wall" }\n',
    "deep.toml": "x = " + "[" * 10_000 + "]" * 10_000 + "\n",
    "huge.toml": 'notes = "' + "x" * 5_000_000 + '"\n',
    "book.toml": '[[versions]]\n[versions.severities]\nP1 = "Down."\n'
    '[versions.first_response]\nGold = { P1 = "15m wall" }\n',
    "not-utf8.toml": "name = 'Acme \udcff'\n",
}

CASES: tuple[Case, ...] = (
    # -- times ------------------------------------------------------------------------------
    Case(
        "Times",
        "A naive creation time",
        'first_response_deadline("developer", "S1", datetime(2025, 6, 6, 17, 0), "Asia/Shanghai")',
        NaiveInstantError,
        "2025-06-06 17:00:00 is naive",
    ),
    Case(
        "Times",
        "A naive now",
        'response_status("developer", "S1", FRIDAY, "Asia/Shanghai", now=datetime(2025, 6, 9))',
        NaiveInstantError,
        "now 2025-06-09 00:00:00 is naive",
    ),
    Case(
        "Times",
        "A date where a datetime is expected",
        "CAL.add(date(2025, 6, 6), timedelta(hours=4))",
        InstantTypeError,
        "datetime.date(2025, 6, 6)",
    ),
    Case(
        "Times",
        "A time as a string",
        'first_response_deadline("developer", "S1", "2025-06-06T17:00+08:00", "Asia/Shanghai")',
        InstantTypeError,
        "'2025-06-06T17:00+08:00'",
    ),
    Case(
        "Times",
        "now before the ticket was created",
        'response_status("developer", "S1", FRIDAY, "Asia/Shanghai", '
        "now=FRIDAY - timedelta(hours=1))",
        InstantsOutOfOrderError,
        "2025-06-06T16:00:00+08:00",
    ),
    Case(
        "Times",
        "A missing creation time (pandas NaT)",
        'first_response_deadline("developer", "S1", pd.NaT, "Asia/Shanghai")',
        MissingInstantError,
        "created_at is missing (got NaT)",
    ),
    Case(
        "Times",
        "None as now",
        'response_status("developer", "S1", FRIDAY, "Asia/Shanghai", now=None)',
        MissingInstantError,
        "now is missing (got None)",
    ),
    Case(
        "Times",
        "A pytz zone attached without localize",
        'first_response_deadline("enterprise", "S1", datetime(2025, 6, 6, 17, '
        'tzinfo=pytz.timezone("America/New_York")), "America/New_York")',
        LocalMeanTimeError,
        "-04:56",
    ),
    Case(
        "Times",
        "A response before the ticket was created",
        'response_status("developer", "S1", FRIDAY, "Asia/Shanghai", now=FRIDAY, '
        "responded_at=datetime(2025, 6, 6, 8, 0, tzinfo=UTC))",
        InstantsOutOfOrderError,
        "2025-06-06T08:00:00+00:00",
    ),
    Case(
        "Times",
        "The largest datetime, with a business target",
        'first_response_deadline("developer", "S1", datetime.max.replace(tzinfo=UTC), "UTC")',
        ResultOutOfRangeError,
        "9999-12-31T23:59:59.999999+00:00",
    ),
    Case(
        "Times",
        "The largest datetime, with a wall-clock target",
        'first_response_deadline("premium", "S1", datetime.max.replace(tzinfo=UTC), "UTC")',
        ResultOutOfRangeError,
        "9999-12-31 23:59:59.999999",
    ),
    Case(
        "Times",
        "The smallest datetime, at +14:00",
        'first_response_deadline("premium", "S1", '
        'datetime.min.replace(tzinfo=timezone(timedelta(hours=14))), "Asia/Shanghai")',
        ResultOutOfRangeError,
        "0001-01-01 00:00:00",
    ),
    Case(
        "Times",
        "A duration that runs past the year 9998",
        "CAL.add(FRIDAY, timedelta(days=999_999_999))",
        ResultOutOfRangeError,
        "timedelta(days=999999999)",
    ),
    # -- zones ----------------------------------------------------------------------------------
    Case(
        "Zones and calendars",
        "An unknown zone name",
        'first_response_deadline("developer", "S1", FRIDAY, "Mars/Olympus")',
        UnknownZoneError,
        "'Mars/Olympus'",
    ),
    Case(
        "Zones and calendars",
        "A zone abbreviation",
        'BusinessCalendar("CST")',
        UnknownZoneError,
        "'CST'",
    ),
    Case(
        "Zones and calendars",
        "A file path as a zone",
        'BusinessCalendar("../../etc/passwd")',
        UnknownZoneError,
        "'../../etc/passwd'",
    ),
    Case(
        "Zones and calendars",
        "A number as a zone",
        "BusinessCalendar(8)",
        ZoneTypeError,
        "got 8 of type int",
    ),
    Case(
        "Zones and calendars",
        "A ZoneInfo where a calendar or zone name is expected",
        'first_response_deadline("developer", "S1", FRIDAY, ZoneInfo("Asia/Shanghai"))',
        ZoneTypeError,
        "zoneinfo.ZoneInfo(key='Asia/Shanghai')",
    ),
    Case(
        "Zones and calendars",
        "A calendar that never opens",
        'BusinessCalendar("UTC", {}).add(FRIDAY, timedelta(hours=1))',
        sla.CalendarNeverOpensError,
        "no business windows on any weekday",
    ),
    Case(
        "Zones and calendars",
        "A calendar whose every open day is a holiday",
        'BusinessCalendar("UTC", {"Mon": "09:00-18:00"}, every_monday_for_41_years())'
        ".add(datetime(2025, 1, 1, tzinfo=UTC), timedelta(hours=1))",
        sla.CalendarNeverOpensError,
        "30 consecutive years",
    ),
    # -- hours ----------------------------------------------------------------------------------
    Case(
        "Business hours",
        "Overlapping windows",
        'BusinessCalendar("UTC", {"Mon-Fri": "09:00-12:00, 11:00-13:00"})',
        InvalidHoursError,
        "Mon 09:00-12:00 and Mon 11:00-13:00",
    ),
    Case(
        "Business hours",
        "An overnight window overlapping the next day's",
        'BusinessCalendar("UTC", {"Mon": "22:00-06:00", "Tue": "05:00-09:00"})',
        InvalidHoursError,
        "Mon 22:00-06:00 and Tue 05:00-09:00",
    ),
    Case(
        "Business hours",
        "Overlapping across the end of the week",
        'BusinessCalendar("UTC", {"Sun": "22:00-06:00", "Mon": "05:00-09:00"})',
        InvalidHoursError,
        "Sun 22:00-06:00 and Mon 05:00-09:00",
    ),
    Case(
        "Business hours",
        "A day given twice",
        'BusinessCalendar("UTC", {"Mon-Fri": "09:00-18:00", "Fri": "09:00-12:00"})',
        InvalidHoursError,
        "Fri is given twice",
    ),
    Case(
        "Business hours",
        "An empty window",
        'BusinessCalendar("UTC", {"Mon": "09:00-09:00"})',
        InvalidHoursError,
        "'09:00-09:00'",
    ),
    Case(
        "Business hours",
        "A time out of range",
        'BusinessCalendar("UTC", {"Mon": "09:00-25:00"})',
        InvalidHoursError,
        "'25:00'",
    ),
    Case(
        "Business hours",
        "NaN as a window",
        'BusinessCalendar("UTC", {"Mon": math.nan})',
        HoursTypeError,
        "nan",
    ),
    Case(
        "Business hours",
        "A boolean as a weekday",
        'BusinessCalendar("UTC", {True: "09:00-18:00"})',
        HoursTypeError,
        "got True",
    ),
    Case(
        "Business hours",
        "An unknown weekday",
        'BusinessCalendar("UTC", {"Mo-Fr": "09:00-18:00"})',
        InvalidHoursError,
        "'mo'",
    ),
    # -- holidays ------------------------------------------------------------------------------
    Case(
        "Holidays",
        "An unknown country",
        'BusinessCalendar("UTC", holidays="XX")',
        InvalidHolidaysError,
        "'XX'",
        elide=r"(?<='XX': ).*?(?=; expected)",
    ),
    Case(
        "Holidays",
        "An unknown subdivision",
        'BusinessCalendar("America/Los_Angeles", holidays=("US", "ZZ"))',
        InvalidHolidaysError,
        "subdivision 'ZZ'",
        elide=r"(?<='ZZ': ).*?(?=; expected)",
    ),
    Case(
        "Holidays",
        "A datetime as a holiday",
        'BusinessCalendar("UTC", holidays=[datetime(2025, 10, 1, 9, 0)])',
        InvalidHolidaysError,
        "datetime.datetime(2025, 10, 1, 9, 0)",
    ),
    Case(
        "Holidays",
        "A number as holidays",
        'BusinessCalendar("UTC", holidays=2025)',
        HolidaysTypeError,
        "2025 of type int",
    ),
    Case(
        "Holidays",
        "A string as a make-up workday",
        'BusinessCalendar("UTC", workdays=["2025-09-28"])',
        HolidaysTypeError,
        "'2025-09-28'",
    ),
    Case(
        "Holidays",
        "A strict calendar beyond its official holiday data",
        'BusinessCalendar("Asia/Shanghai", holidays="CN", strict=True)'
        ".add(datetime(2030, 6, 3, 9, 0, tzinfo=SH), timedelta(hours=4))",
        HolidayHorizonError,
        "holiday data for 2030",
        elide=r"(?<=official data covers ).*?(?=\))",
    ),
    # -- plans, severities, targets -------------------------------------------------------------
    Case(
        "Plans, severities and targets",
        "An unknown plan",
        'first_response_deadline("gold", "S1", FRIDAY, "Asia/Shanghai")',
        UnknownPlanError,
        "'gold'",
    ),
    Case(
        "Plans, severities and targets",
        "An unknown severity",
        'first_response_deadline("developer", "S5", FRIDAY, "Asia/Shanghai")',
        UnknownSeverityError,
        "'S5'",
    ),
    Case(
        "Plans, severities and targets",
        "Severity 0",
        'first_response_deadline("developer", 0, FRIDAY, "Asia/Shanghai")',
        UnknownSeverityError,
        "severity 0",
    ),
    Case(
        "Plans, severities and targets",
        "A boolean as a severity",
        'first_response_deadline("developer", True, FRIDAY, "Asia/Shanghai")',
        UnknownSeverityError,
        "severity True",
    ),
    Case(
        "Plans, severities and targets",
        "A float as a severity",
        'first_response_deadline("developer", 1.0, FRIDAY, "Asia/Shanghai")',
        UnknownSeverityError,
        "severity 1.0",
    ),
    Case(
        "Plans, severities and targets",
        "An unknown service",
        'connected_care_policy().includes("premium", "pager")',
        UnknownServiceError,
        "'pager'",
    ),
    Case(
        "Plans, severities and targets",
        "A number as a duration",
        "CAL.add(FRIDAY, 4)",
        DurationTypeError,
        "got 4 of type int",
    ),
    Case(
        "Plans, severities and targets",
        "A boolean as a duration",
        "CAL.add(FRIDAY, True)",
        DurationTypeError,
        "got True of type bool",
    ),
    Case(
        "Plans, severities and targets",
        "An infinite duration",
        'CAL.add(FRIDAY, float("inf"))',
        DurationTypeError,
        "got inf",
    ),
    Case(
        "Plans, severities and targets",
        "NaN hours as a target",
        'ResponseTarget(math.nan, "wall")',
        DurationTypeError,
        "got nan",
    ),
    Case(
        "Plans, severities and targets",
        "A target in words",
        'ResponseTarget("1.5 hours", "business")',
        InvalidDurationError,
        "'1.5 hours'",
    ),
    Case(
        "Plans, severities and targets",
        "A negative target",
        'ResponseTarget(timedelta(hours=-4), "business")',
        InvalidDurationError,
        "timedelta(days=-1, seconds=72000)",
    ),
    Case(
        "Plans, severities and targets",
        "An unknown clock",
        'ResponseTarget("4h", "office")',
        PolicyError,
        "'office'",
    ),
    Case(
        "Plans, severities and targets",
        "NaN as the at-risk share",
        'response_status("developer", "S1", FRIDAY, "Asia/Shanghai", now=FRIDAY, at_risk=math.nan)',
        InvalidThresholdError,
        "got nan",
    ),
    Case(
        "Plans, severities and targets",
        "A boolean as the at-risk share",
        'response_status("developer", "S1", FRIDAY, "Asia/Shanghai", now=FRIDAY, at_risk=True)',
        ThresholdTypeError,
        "got True",
    ),
    Case(
        "Plans, severities and targets",
        "An at-risk share above 1",
        'response_status("developer", "S1", FRIDAY, "Asia/Shanghai", now=FRIDAY, at_risk=75)',
        InvalidThresholdError,
        "got 75",
    ),
    Case(
        "Plans, severities and targets",
        "A severity too long to print",
        'first_response_deadline("developer", 10**5000, FRIDAY, "Asia/Shanghai")',
        UnknownSeverityError,
        "<an int of 16610 bits>",
    ),
    # -- policies -------------------------------------------------------------------------------
    Case(
        "Policies and policy files",
        "Latin S1 and Cyrillic \u04051 in one policy",
        'Policy.from_mapping({"severities": {"S1": "Down.", "\u04051": "Down."}, '
        '"first_response": {"Gold": {"S1": "1h wall", "\u04051": "4h wall"}}})',
        DuplicateNameError,
        "looks the same as 'S1'",
    ),
    Case(
        "Policies and policy files",
        "A plan name with a zero-width space",
        'Policy.from_mapping({"severities": {"S1": "Down."}, '
        '"first_response": {"Go\u200bld": {"S1": "1h wall"}}})',
        PolicyFieldError,
        "U+200B ZERO WIDTH SPACE",
    ),
    Case(
        "Policies and policy files",
        "A plan name mixing Latin and Cyrillic letters",
        'Policy.from_mapping({"severities": {"S1": "Down."}, '
        '"first_response": {"G\u043eld": {"S1": "1h wall"}}})',
        PolicyFieldError,
        "mixes Cyrillic and Latin letters",
    ),
    Case(
        "Policies and policy files",
        "A policy that is not a policy",
        'first_response_deadline("developer", "S1", FRIDAY, "Asia/Shanghai", policy="acme.toml")',
        PolicyTypeError,
        "'acme.toml'",
    ),
    Case(
        "Policies and policy files",
        "An empty policy file",
        'load_policy("empty.toml")',
        PolicyError,
        "'empty.toml'",
    ),
    Case(
        "Policies and policy files",
        "A file that is not TOML",
        'load_policy("not-toml.toml")',
        PolicyError,
        "'not-toml.toml' is not valid TOML",
        elide=r"(?<=is not valid TOML: ).*",
    ),
    Case(
        "Policies and policy files",
        "A file that is not UTF-8",
        'load_policy("not-utf8.toml")',
        PolicyError,
        "'not-utf8.toml' is not valid TOML",
    ),
    Case(
        "Policies and policy files",
        "A malformed cell",
        'load_policy("typo.toml")',
        PolicyError,
        "'15 min wall'",
    ),
    Case(
        "Policies and policy files",
        "An unknown key (a typo)",
        'load_policy("unknown-key.toml")',
        PolicyError,
        "'first_respons'",
    ),
    Case(
        "Policies and policy files",
        "A plan without a cell for each severity",
        'load_policy("missing-cell.toml")',
        PolicyError,
        "missing the severity 'P2'",
    ),
    Case(
        "Policies and policy files",
        "A file nested 10,000 levels deep",
        'load_policy("deep.toml")',
        PolicyError,
        "'deep.toml' nests arrays or tables too deeply",
    ),
    Case(
        "Policies and policy files",
        "A 5 MB file",
        'load_policy("huge.toml")',
        PolicyError,
        "key 'notes' = 'xxxxx",
    ),
    Case(
        "Policies and policy files",
        "A policy book version without a date",
        'load_policy_book("book.toml")',
        VersionDateError,
        "'versions[0].effective_from' = None",
    ),
    Case(
        "Policies and policy files",
        "A file that does not exist",
        'load_policy("no-such-file.toml")',
        FileNotFoundError,
        "'no-such-file.toml'",
    ),
    Case(
        "Policies and policy files",
        "A file descriptor instead of a path",
        "load_policy(3)",
        PolicyError,
        "got 3 of type int",
    ),
    Case(
        "Policies and policy files",
        "A policy version date that is not a date",
        'Policy.from_mapping({"effective_from": "2025-01-01", "severities": {"P1": "Down."}, '
        '"first_response": {"Gold": {"P1": "1h wall"}}})',
        PolicyError,
        "'2025-01-01'",
    ),
    Case(
        "Policies and policy files",
        "A policy book of something else",
        "PolicyBook(connected_care_policy())",
        PolicyError,
        "Policy('Connected Care'",
    ),
    Case(
        "Policies and policy files",
        "A day to pick the version in force that is not a date",
        'connected_care_policy().in_force("2025-06-06")',
        PolicyError,
        "'2025-06-06'",
    ),
    # -- command line ------------------------------------------------------------------------
    Case(
        "The command line",
        "A local time in a DST gap",
        "connected-care-sla deadline premium S1 --created 2025-03-09T02:30 --tz America/New_York",
        None,
        "2025-03-09T02:30 does not exist in America/New_York",
    ),
    Case(
        "The command line",
        "A local time in a DST overlap",
        "connected-care-sla deadline premium S1 --created '2025-11-02 01:30' --tz America/New_York",
        None,
        "2025-11-02 01:30 is ambiguous in America/New_York",
    ),
    Case(
        "The command line",
        "A date without a time of day",
        "connected-care-sla deadline premium S1 --created 2025-06-06 --tz Asia/Shanghai",
        None,
        "--created 2025-06-06 is a date without a time of day",
    ),
    Case(
        "The command line",
        "A time outside the representable range",
        "connected-care-sla status premium S1 --created 2025-06-06T17:00Z "
        "--now 9999-12-31T23:59-12:00 --tz UTC",
        None,
        "--now 9999-12-31T23:59-12:00 lies outside the range",
    ),
    Case(
        "The command line",
        "Not a time",
        "connected-care-sla deadline premium S1 --created yesterday --tz Asia/Shanghai",
        None,
        "'yesterday' is not a time",
    ),
    Case(
        "The command line",
        "An unknown zone",
        "connected-care-sla deadline premium S1 --created 2025-06-06T17:00Z --tz Asia/Beijing",
        None,
        "'Asia/Beijing'",
    ),
    Case(
        "The command line",
        "A day given twice in --hours",
        "connected-care-sla deadline developer S1 --created 2025-06-06T17:00Z --tz UTC "
        "--hours Mon=09:00-12:00 --hours Mon=13:00-18:00",
        None,
        "--hours names Mon twice",
    ),
    Case(
        "The command line",
        "An unknown holiday country",
        "connected-care-sla calendar --tz UTC --holidays XX 2025-06-01 2025-06-07",
        None,
        "'XX'",
        elide=r"(?<='XX': ).*?(?=; expected)",
    ),
    Case(
        "The command line",
        "A calendar listing beyond the supported years",
        "connected-care-sla calendar --tz UTC 0001-01-01 0001-01-07",
        None,
        "FROM 0001-01-01 is outside the years",
    ),
    Case(
        "The command line",
        "An at-risk share that is not a share",
        "connected-care-sla status developer S1 --created 2025-06-06T17:00Z --tz UTC --at-risk 75%",
        None,
        "--at-risk '75%'",
    ),
    Case(
        "The command line",
        "--strict-holidays beyond the official holiday data",
        "connected-care-sla deadline developer S1 --created 2030-06-03T09:00 --tz Asia/Shanghai "
        "--holidays CN --strict-holidays",
        None,
        "holiday data for 2030",
        elide=r"(?<=official data covers ).*?(?=\))",
    ),
    Case(
        "The command line",
        "A policy file nested 10,000 levels deep",
        "connected-care-sla table --policy deep.toml",
        None,
        "'deep.toml' nests arrays or tables too deeply",
    ),
    Case(
        "The command line",
        "A policy file that does not exist",
        "connected-care-sla table --policy no-such-file.toml",
        None,
        "'no-such-file.toml'",
    ),
    Case(
        "The command line",
        "A CSV record with more fields than the header",
        "connected-care-sla batch extra-field.csv --tz Asia/Shanghai -o out.csv",
        None,
        "extra-field.csv: line 3: 4 fields, the header has 3",
    ),
    Case(
        "The command line",
        "A CSV quote that is never closed",
        "connected-care-sla batch open-quote.csv --tz Asia/Shanghai -o out.csv",
        None,
        "open-quote.csv: line 3: field 3 opens a quote that is never closed",
    ),
    Case(
        "The command line",
        "CSV bytes that are not UTF-8",
        "connected-care-sla batch not-utf8.csv --tz Asia/Shanghai -o out.csv",
        None,
        "not-utf8.csv: line 3: field 1 is not UTF-8 text (byte 0xff)",
    ),
    Case(
        "The command line",
        "A missing argument",
        "connected-care-sla status developer S1 --tz Asia/Shanghai",
        None,
        "--created",
    ),
)


@contextlib.contextmanager
def policy_files() -> Iterator[Path]:
    """A temporary working directory holding :data:`FILES`."""
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        for name, text in FILES.items():
            Path(folder, name).write_bytes(text.encode("utf-8", "surrogateescape"))
        yield Path(folder)


def raised(case: Case) -> BaseException:
    """The error ``case`` ends with (for a command line: a :class:`CliFailedError`).

    Call inside :func:`policy_files`. A case that does not fail raises AssertionError.
    """
    if case.is_cli:
        return run_cli(case.code)
    call: Callable[[], object] = eval(f"lambda: {case.code}", dict(NAMESPACE))
    try:
        result = call()
    except Exception as exc:  # the case says which type it must be
        return exc
    raise AssertionError(f"{case.title}: {case.code} returned {result!r} instead of failing")


def message(case: Case, error: BaseException) -> str:
    """The message as the page shows it (parts from other packages elided)."""
    text = error.stderr.strip() if isinstance(error, CliFailedError) else str(error)
    return re.sub(case.elide, "…", text) if case.elide else text


def render() -> str:
    """The Markdown page, from running every case."""
    lines = [
        "# Bad input and what the library says",
        "",
        "Every kind of bad input the library refuses, with the error it raises and",
        "its message, exactly. Messages say what was received and what is accepted;",
        "every error derives from `SlaError` (and from `ValueError`, or `OverflowError`",
        "for results out of range), except that a policy file that cannot be read",
        "raises the `OSError` that reading it raised. The command line prints one line",
        "on stderr and exits with code 2, never a traceback.",
        "",
        "This page is generated from the table in `tests/contract/bad_input_catalogue.py`",
        "(`python tests/contract/bad_input_catalogue.py --write`);",
        "`tests/contract/test_bad_input.py` runs every entry and fails when this page",
        "differs from what the entries produce.",
        "Parts of a message that come from another package (the `holidays` package,",
        "Python's TOML reader) are shown as `…`.",
        "",
        "Beyond this list, `tests/contract/test_fuzz.py` feeds arbitrary values to every",
        "public function and constructor, to the policy file reader and to the command",
        "line, and accepts only a correct answer or one of these errors. CI runs a short",
        "profile; for a long run:",
        "",
        "```bash",
        "pytest tests/contract/test_fuzz.py --hypothesis-profile=long",
        "```",
        "",
        "In the Python examples, `FRIDAY` is `datetime(2025, 6, 6, 17, 0,",
        'tzinfo=ZoneInfo("Asia/Shanghai"))`, `CAL` is `BusinessCalendar("Asia/Shanghai")`',
        'and `SH` is `ZoneInfo("Asia/Shanghai")`. The files the examples name hold:',
        "",
    ]
    for name, text in FILES.items():
        shown = text if len(text) < 120 else f"{text[:40]}… ({len(text):,} characters)"
        shown = shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        lines.append(f"- `{name}`: " + (f"`{shown.strip()!r}`" if shown else "empty"))
    lines.append("")
    section = None
    with policy_files():
        for case in CASES:
            if case.section != section:
                section = case.section
                lines += [f"## {section}", ""]
            error = raised(case)
            lines += [f"### {case.title}", ""]
            if case.is_cli:
                assert isinstance(error, CliFailedError)
                lines += ["```text", f"$ {case.code}", message(case, error), "```", ""]
                lines += [f"Exit code {error.code}.", ""]
            else:
                lines += ["```python", case.code, "```", ""]
                shown = f"{type(error).__name__}: {message(case, error)}"
                lines += ["```text", shown, "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    page = render()
    if "--write" in argv:
        PAGE.write_text(page, encoding="utf-8")
        print(f"wrote {PAGE.relative_to(ROOT)}")
    else:
        sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
