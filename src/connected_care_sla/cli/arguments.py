"""Reading the command line's arguments: times, dates, calendars, policies.

Every command builds its options with the ``add_*`` functions here and reads
them back with the ``*_from_args`` and ``parse_*`` functions. Bad input raises
`CliError`, which `connected_care_sla.cli.main.main` prints as one
line (exit code 2). `_now` is the only read of the clock in the whole
package: the library itself never reads it, and a command that needs "now"
calls ``arguments._now()`` through this module, so a test can replace it.
"""

from __future__ import annotations

import argparse
import tomllib
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Final, TypeVar
from zoneinfo import ZoneInfo

from dateutil.parser import isoparser

from .._instants import duration_us, zone_of
from .._text import offset_text
from ..calendar import BusinessCalendar
from ..calendar.files import CalendarSet, load_calendar, load_calendars
from ..exceptions import NOTHING
from ..policy import Policy, PolicyBook, connected_care_policy, load_policy, load_policy_book

__all__ = [
    "TIME_HELP",
    "CliError",
    "add_calendar_options",
    "add_json_option",
    "add_plan_arguments",
    "add_policy_option",
    "calendar_from_args",
    "calendars_from_args",
    "parse_date",
    "parse_severity",
    "parse_share",
    "parse_time",
    "policy_from_args",
    "positive_count",
]

_Loaded = TypeVar("_Loaded", BusinessCalendar, CalendarSet)

#: What a time argument may be, as the help and the error messages say it.
TIME_HELP: Final = (
    "ISO 8601 with an offset (2025-06-06T17:00+08:00, 2025-06-06T09:00Z), a local time read "
    "in --tz (2025-06-06T17:00 or '2025-06-06 17:00'), or 'now'"
)


class CliError(Exception):
    """Bad command-line input: printed as one line, exit code 2.

    Like the library's errors it keeps what its message is made of:
    ``option`` (the option or argument, e.g. ``--created``; ``""`` when the
    error is about no single one), ``value`` (the text received, or
    `NOTHING`) and ``expected`` (what
    would have been accepted, in words; when given, the message ends with
    ``; expected ...``).
    """

    problem: str
    option: str
    value: object
    expected: str

    def __init__(
        self, problem: str, *, option: str = "", value: object = NOTHING, expected: str = ""
    ) -> None:
        self.problem = problem
        self.option = option
        self.value = value
        self.expected = expected
        super().__init__(f"{problem}; expected {expected}" if expected else problem)


def _now() -> datetime:
    """The current instant: the only read of the clock in the whole package."""
    return datetime.now(UTC)


# -- times and dates ----------------------------------------------------------------------


def parse_time(text: str, zone: ZoneInfo, option: str, now: datetime) -> datetime:
    """Read a time argument: ISO 8601 with an offset, ``now``, or a local time in ``zone``.

    A local time that falls in a DST gap (it never happens) or overlap (it
    happens twice) is reported, not guessed.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> ny = ZoneInfo("America/New_York")
        >>> parse_time("2025-06-06T17:00+08:00", ny, "--created", now=None).isoformat()
        '2025-06-06T17:00:00+08:00'
        >>> parse_time("2025-06-06 17:00", ny, "--created", now=None).isoformat()
        '2025-06-06T17:00:00-04:00'
        >>> parse_time("2025-03-09T02:30", ny, "--created", now=None)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        connected_care_sla.cli.arguments.CliError: --created 2025-03-09T02:30 does not exist in ...
    """
    value = text.strip()
    if value.casefold() == "now":
        return now
    parser = isoparser()
    try:
        parser.parse_isodate(value)
    except ValueError:
        pass  # not a bare date: read it as a date and time below
    else:
        raise CliError(
            f"{option} {text} is a date without a time of day",
            option=option,
            value=text,
            expected=TIME_HELP,
        )
    try:
        parsed = parser.isoparse(value)
    except (ValueError, OverflowError):
        raise CliError(
            f"{option} {text!r} is not a time", option=option, value=text, expected=TIME_HELP
        ) from None
    offset = parsed.utcoffset()
    if offset is not None:
        moment = parsed.replace(tzinfo=UTC if not offset else timezone(offset))
    else:
        moment = _localize(parsed, zone, option, text)
    try:
        moment.astimezone(UTC).astimezone(zone)
    except OverflowError:
        raise CliError(
            f"{option} {text} lies outside the range of times this command can work with "
            f"(the years 1 to 9999, both in UTC and in --tz)",
            option=option,
            value=text,
            expected=TIME_HELP,
        ) from None
    return moment


def _localize(naive: datetime, zone: ZoneInfo, option: str, text: str) -> datetime:
    """A naive wall time read in ``zone``; DST gaps and overlaps are errors."""
    earlier = naive.replace(tzinfo=zone, fold=0)
    later = naive.replace(tzinfo=zone, fold=1)
    before, after = earlier.utcoffset(), later.utcoffset()
    assert before is not None
    assert after is not None
    if before == after:
        return earlier
    if before < after:
        # fold=0 reads the wall time with the offset before the change: a gap.
        shown = earlier.astimezone(UTC).astimezone(zone)
        old, new = offset_text(duration_us(before)), offset_text(duration_us(after))
        raise CliError(
            f"{option} {text} does not exist in {zone.key}: the clocks jump forward from "
            f"{old} to {new} that night, skipping it; give a time with its offset, e.g. "
            f"{naive.isoformat(timespec='minutes')}{old} "
            f"(which is {shown.isoformat(timespec='minutes')}), or a time outside the gap",
            option=option,
            value=text,
        )
    first = earlier.isoformat(timespec="minutes")
    second = later.isoformat(timespec="minutes")
    raise CliError(
        f"{option} {text} is ambiguous in {zone.key}: it happens twice as the clocks go back, "
        f"at {first} and at {second}; give the one you mean with its offset",
        option=option,
        value=text,
    )


def parse_date(text: str, name: str) -> date:
    """A local date, ``YYYY-MM-DD``; ``name`` is the option or argument it came from."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(
            f"{name} {text!r} is not a date",
            option=name,
            value=text,
            expected="YYYY-MM-DD, e.g. 2025-06-06",
        ) from None


# -- the calendar: --tz, --holidays, --hours, or --calendar FILE ----------------------------

#: The options a calendar file replaces: it gives the zone, hours and holidays whole.
_FILE_REPLACES: Final = (
    ("hours", "--hours", "its [hours] table"),
    ("holidays", "--holidays", "its [holidays] table"),
    ("strict_holidays", "--strict-holidays", "strict = true"),
)


def add_calendar_options(
    parser: argparse.ArgumentParser, *, zone_required: bool = True, several: bool = False
) -> None:
    """``--tz`` or ``--calendar FILE``, ``--holidays`` and ``--hours``: the calendar.

    With ``several`` (``batch``), also ``--calendars FILE``: a calendar per
    value of a column. One of ``--tz`` and ``--calendar`` (and ``--calendars``)
    is required when ``zone_required``; giving two is refused.
    """
    where = parser.add_mutually_exclusive_group(required=zone_required)
    where.add_argument(
        "--tz",
        metavar="ZONE",
        help="the customer's IANA time zone, e.g. Asia/Shanghai or America/New_York",
    )
    where.add_argument(
        "--calendar",
        metavar="FILE",
        help="instead of --tz, --hours and --holidays: a calendar file (TOML) giving the "
        "zone, weekly hours, holidays, overrides and versions",
    )
    if several:
        where.add_argument(
            "--calendars",
            metavar="FILE",
            help="a file of several calendars (TOML), each picked by the value of the column "
            'its key names (key = "zone" or "customer"); instead of --tz or --zone-column',
        )
    parser.add_argument(
        "--holidays",
        metavar="CC[-SUBDIV]",
        help="close a country's public holidays (and open its make-up workdays): "
        "CN, US-CA, or several as CN,HK; default none",
    )
    parser.add_argument(
        "--hours",
        action="append",
        metavar="DAYS=WINDOWS",
        help="business hours instead of Mon-Fri 09:00-18:00; repeat per group of days, "
        "e.g. --hours Mon-Fri=09:00-12:00,13:00-18:00 --hours Sat=10:00-14:00",
    )
    parser.add_argument(
        "--strict-holidays",
        action="store_true",
        help="refuse (exit code 2) instead of warning when a computation reaches a year the "
        "country's holiday data does not officially cover",
    )


def calendar_from_args(args: argparse.Namespace) -> BusinessCalendar:
    """The calendar of ``--calendar FILE``, or of ``--tz``, ``--holidays`` and ``--hours``.

    A calendar file gives the calendar whole: ``--hours``, ``--holidays`` or
    ``--strict-holidays`` beside it are refused, saying what in the file
    does that instead.
    """
    path = getattr(args, "calendar", None)
    if path is not None:
        _alone(args, "--calendar")
        return _read_calendar_file(path, "--calendar", load_calendar)
    if args.tz is None:
        raise CliError(
            "give the calendar: --tz ZONE (with --hours and --holidays as needed) or "
            "--calendar FILE",
            option="--tz",
        )
    return BusinessCalendar(
        zone_of(args.tz),
        _hours_arg(args.hours),
        holidays=_holidays_arg(args.holidays),
        strict=bool(getattr(args, "strict_holidays", False)),
    )


def calendars_from_args(args: argparse.Namespace) -> CalendarSet | None:
    """The calendars of ``batch --calendars FILE`` (keyed by a column's value), or None."""
    path = getattr(args, "calendars", None)
    if path is None:
        return None
    _alone(args, "--calendars")
    return _read_calendar_file(path, "--calendars", load_calendars)


def _alone(args: argparse.Namespace, option: str) -> None:
    """Refuse the options a calendar file replaces, naming what in the file does it."""
    for name, flag, instead in _FILE_REPLACES:
        if getattr(args, name, None):
            raise CliError(
                f"{flag} cannot be combined with {option}: the file gives the calendar whole; "
                f"put {instead} in the file, or leave out {option}",
                option=flag,
                value=getattr(args, name),
            )


def _read_calendar_file(path: str, option: str, load: Callable[[str], _Loaded]) -> _Loaded:
    """``load(path)``, with a file that cannot be opened, or holds the other kind of
    calendar file (one calendar for ``--calendars``, several for ``--calendar``),
    said as one line naming it."""
    if "\0" in path:
        raise CliError(
            f"{option} {path!r} is not a file name (it contains a NUL character)",
            option=option,
            value=path,
        )
    try:
        with open(path, "rb") as handle:
            data: object = tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        data = None  # the loader says what is wrong, with the file's name
    except OSError as exc:
        raise CliError(
            f"cannot read calendar file {path!r} ({option}): {exc.strerror or exc}; give the "
            f"path of a TOML calendar file",
            option=option,
            value=path,
        ) from None
    if isinstance(data, dict):
        several = "calendars" in data
        if option == "--calendar" and several:
            raise CliError(
                f"--calendar {path!r} holds several calendars (keyed by "
                f"{data.get('key', 'a column')!r}); give it to batch as --calendars FILE, or "
                f"give --calendar the file of one calendar",
                option=option,
                value=path,
            )
        if option == "--calendars" and not several and "zone" in data:
            raise CliError(
                f"--calendars {path!r} holds one calendar (zone = {data['zone']!r}); give it as "
                f'--calendar FILE, or write a file of several: key = "zone" and a '
                f'[calendars."<zone>"] table for each',
                option=option,
                value=path,
            )
    return load(path)


def _holidays_arg(text: str | None) -> list[str] | None:
    """``CN,HK`` as ``["CN", "HK"]``; nothing, or ``none``, as no holidays."""
    if text is None:
        return None
    codes = [part.strip() for part in text.split(",") if part.strip()]
    if not codes or any(code.casefold() == "none" for code in codes):
        return None
    return codes


def _hours_arg(items: Sequence[str] | None) -> dict[int | str, object] | None:
    """Each ``--hours DAYS=WINDOWS`` as one entry of the weekly hours' mapping."""
    if not items:
        return None
    spec: dict[int | str, object] = {}
    for item in items:
        days, sep, windows = item.partition("=")
        if not sep or not days.strip():
            raise CliError(
                f"--hours {item!r} is malformed",
                option="--hours",
                value=item,
                expected="DAYS=WINDOWS such as 'Mon-Fri=09:00-12:00,13:00-18:00' or "
                "'Sat=10:00-14:00'",
            )
        if days.strip() in spec:
            # A dict would keep only the last; WeeklyHours refuses a day given twice.
            raise CliError(
                f"--hours names {days.strip()} twice; give each day once, with all its "
                f"windows, e.g. --hours {days.strip()}=09:00-12:00,13:00-18:00",
                option="--hours",
                value=item,
            )
        spec[days.strip()] = windows
    return spec


# -- the policy: --policy ----------------------------------------------------------------------


def add_policy_option(parser: argparse.ArgumentParser) -> None:
    """``--policy FILE``: a custom policy or policy book instead of the built-in one."""
    parser.add_argument(
        "--policy",
        metavar="FILE",
        help="a policy file (TOML) or policy book ([[versions]]) to use instead of the "
        "built-in Connected Care policy",
    )


def policy_from_args(args: argparse.Namespace) -> Policy | PolicyBook:
    """The policy of ``--policy FILE``, or the built-in one."""
    path = args.policy
    if path is None:
        return connected_care_policy()
    if "\0" in path:
        raise CliError(
            f"--policy {path!r} is not a file name (it contains a NUL character)",
            option="--policy",
            value=path,
        )
    try:
        with open(path, "rb") as handle:
            is_book = "versions" in tomllib.load(handle)
    except (tomllib.TOMLDecodeError, RecursionError):
        is_book = False  # load_policy reports the error with the file name
    except OSError as exc:
        raise CliError(
            f"cannot read policy file {path!r}: {exc.strerror or exc}; give the path of a "
            f"TOML policy file",
            option="--policy",
            value=path,
        ) from None
    return load_policy_book(path) if is_book else load_policy(path)


# -- a ticket: PLAN SEVERITY, --at-risk, --json ---------------------------------------------


def add_plan_arguments(parser: argparse.ArgumentParser) -> None:
    """The positional ``PLAN`` and ``SEVERITY`` of a ticket."""
    parser.add_argument("plan", metavar="PLAN", help="Basic, Developer, Enterprise or Premium")
    parser.add_argument("severity", metavar="SEVERITY", help="S1 (most severe) to S4, or 1 to 4")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """``--json``: one JSON object on stdout instead of text."""
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object (documented, stable)"
    )


def parse_severity(text: str) -> str | int:
    """``3`` means S3; only plain ASCII digits, and few of them, are read as a number."""
    digits = text.strip()
    if digits.isascii() and digits.isdigit() and len(digits) <= 9:
        return int(digits)
    return text


def parse_share(text: str, option: str = "--at-risk") -> Decimal:
    """A share of a target, ``0 < SHARE <= 1``, read exactly (``0.75``)."""
    try:
        share = Decimal(text)
    except InvalidOperation:
        share = Decimal("NaN")
    if not share.is_finite() or not 0 < share <= 1:
        raise CliError(
            f"{option} {text!r} is not a share of the target",
            option=option,
            value=text,
            expected="a number with 0 < SHARE <= 1, such as 0.75",
        )
    return share


def positive_count(text: str) -> int:
    """An argparse ``type``: a whole number above zero (``--chunksize``)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value
