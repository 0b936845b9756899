"""The ``connected-care-sla`` command line (also ``python -m connected_care_sla``).

Commands: ``deadline``, ``status``, ``table`` and ``calendar`` (see
``docs/reference/cli.md`` for every option and the ``--json`` shapes). Each
subcommand sets ``func`` (``args -> exit code``) with ``set_defaults``; other
modules add commands through :func:`_register_extra_commands`, and may reuse
:func:`add_calendar_options`, :func:`calendar_from_args`,
:func:`policy_from_args`, :func:`parse_time`, :func:`print_json` and
:class:`CliError`.

Bad input gives one line on stderr, ``connected-care-sla: error: ...``, and
exit code 2; never a traceback. This module is the only place that reads the
clock (for ``now``); the library itself never does.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tomllib
import warnings
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, Final, NoReturn
from zoneinfo import ZoneInfo

from dateutil.parser import isoparser

from .._instants import duration_us, to_us, zone_of
from ..calendar import BusinessCalendar, BusinessWindow
from ..deadlines import ResponseStatus, Status, explanation, response_status
from ..display import in_words, relative, target_text
from ..exceptions import HolidayHorizonWarning, SlaError
from ..policy import (
    Clock,
    Policy,
    PolicyBook,
    ResponseTarget,
    connected_care_policy,
    format_duration,
    load_policy,
    load_policy_book,
)

__all__ = [
    "PROG",
    "CliError",
    "add_calendar_options",
    "add_policy_option",
    "calendar_from_args",
    "main",
    "parse_time",
    "policy_from_args",
    "print_json",
]

PROG: Final = "connected-care-sla"
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TIME_HELP: Final = (
    "ISO 8601 with an offset (2025-06-06T17:00+08:00, 2025-06-06T09:00Z), a local time read "
    "in --tz (2025-06-06T17:00 or '2025-06-06 17:00'), or 'now'"
)


class CliError(Exception):
    """Bad command-line input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (what is wrong, where to read more)."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (see '{self.prog} --help')")


def _now() -> datetime:
    """The current instant: the only read of the clock in the whole package."""
    return datetime.now(UTC)


# -- reading arguments ----------------------------------------------------------------


def parse_time(text: str, zone: ZoneInfo, option: str, now: datetime) -> datetime:
    """Read a time argument: ISO 8601 with an offset, ``now``, or a local time in ``zone``.

    A local time that falls in a DST gap (it never happens) or overlap (it
    happens twice) is reported, not guessed.

    >>> from zoneinfo import ZoneInfo
    >>> ny = ZoneInfo("America/New_York")
    >>> parse_time("2025-06-06T17:00+08:00", ny, "--created", now=None).isoformat()
    '2025-06-06T17:00:00+08:00'
    >>> parse_time("2025-06-06 17:00", ny, "--created", now=None).isoformat()
    '2025-06-06T17:00:00-04:00'
    >>> parse_time("2025-03-09T02:30", ny, "--created", now=None)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    connected_care_sla._cli.CliError: --created 2025-03-09T02:30 does not exist in ...
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
        raise CliError(f"{option} {text} is a date without a time of day; expected {_TIME_HELP}")
    try:
        parsed = parser.isoparse(value)
    except (ValueError, OverflowError):
        raise CliError(f"{option} {text!r} is not a time; expected {_TIME_HELP}") from None
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
            f"(the years 1 to 9999, both in UTC and in --tz); expected {_TIME_HELP}"
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
        raise CliError(
            f"{option} {text} does not exist in {zone.key}: the clocks jump forward from "
            f"{_offset(before)} to {_offset(after)} that night, skipping it; give a time with "
            f"its offset, e.g. {naive.isoformat(timespec='minutes')}{_offset(before)} "
            f"(which is {shown.isoformat(timespec='minutes')}), or a time outside the gap"
        )
    first = earlier.isoformat(timespec="minutes")
    second = later.isoformat(timespec="minutes")
    raise CliError(
        f"{option} {text} is ambiguous in {zone.key}: it happens twice as the clocks go back, "
        f"at {first} and at {second}; give the one you mean with its offset"
    )


def _offset(offset: timedelta) -> str:
    minutes = duration_us(offset) // 60_000_000
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _date(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(
            f"{name} {text!r} is not a date; expected YYYY-MM-DD, e.g. 2025-06-06"
        ) from None


def _holidays_arg(text: str | None) -> list[str] | None:
    if text is None:
        return None
    codes = [part.strip() for part in text.split(",") if part.strip()]
    if not codes or any(code.casefold() == "none" for code in codes):
        return None
    return codes


def _hours_arg(items: Sequence[str] | None) -> dict[int | str, object] | None:
    if not items:
        return None
    spec: dict[int | str, object] = {}
    for item in items:
        days, sep, windows = item.partition("=")
        if not sep or not days.strip():
            raise CliError(
                f"--hours {item!r} is malformed; expected DAYS=WINDOWS such as "
                f"'Mon-Fri=09:00-12:00,13:00-18:00' or 'Sat=10:00-14:00'"
            )
        if days.strip() in spec:
            # A dict would keep only the last; WeeklyHours refuses a day given twice.
            raise CliError(
                f"--hours names {days.strip()} twice; give each day once, with all its "
                f"windows, e.g. --hours {days.strip()}=09:00-12:00,13:00-18:00"
            )
        spec[days.strip()] = windows
    return spec


def add_calendar_options(parser: argparse.ArgumentParser, *, zone_required: bool = True) -> None:
    """``--tz``, ``--holidays`` and ``--hours``: the calendar of business targets."""
    parser.add_argument(
        "--tz",
        required=zone_required,
        metavar="ZONE",
        help="the customer's IANA time zone, e.g. Asia/Shanghai or America/New_York",
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


def add_policy_option(parser: argparse.ArgumentParser) -> None:
    """``--policy FILE``: a custom policy or policy book instead of the built-in one."""
    parser.add_argument(
        "--policy",
        metavar="FILE",
        help="a policy file (TOML) or policy book ([[versions]]) to use instead of the "
        "built-in Connected Care policy",
    )


def calendar_from_args(args: argparse.Namespace) -> BusinessCalendar:
    """The calendar named by ``--tz``, ``--holidays`` and ``--hours``."""
    return BusinessCalendar(
        zone_of(args.tz),
        _hours_arg(args.hours),
        holidays=_holidays_arg(args.holidays),
        strict=bool(getattr(args, "strict_holidays", False)),
    )


def policy_from_args(args: argparse.Namespace) -> Policy | PolicyBook:
    """The policy of ``--policy FILE``, or the built-in one."""
    path = args.policy
    if path is None:
        return connected_care_policy()
    if "\0" in path:
        raise CliError(f"--policy {path!r} is not a file name (it contains a NUL character)")
    try:
        with open(path, "rb") as handle:
            is_book = "versions" in tomllib.load(handle)
    except (tomllib.TOMLDecodeError, RecursionError):
        is_book = False  # load_policy reports the error with the file name
    except OSError as exc:
        raise CliError(
            f"cannot read policy file {path!r}: {exc.strerror or exc}; give the path of a "
            f"TOML policy file"
        ) from None
    return load_policy_book(path) if is_book else load_policy(path)


def _severity(text: str) -> str | int:
    """``3`` means S3; only plain ASCII digits, and few of them, are read as a number."""
    digits = text.strip()
    if digits.isascii() and digits.isdigit() and len(digits) <= 9:
        return int(digits)
    return text


def _at_risk(text: str) -> Decimal:
    try:
        share = Decimal(text)
    except InvalidOperation:
        share = Decimal("NaN")
    if not share.is_finite() or not 0 < share <= 1:
        raise CliError(
            f"--at-risk {text!r} is not a share of the target; expected a number with "
            f"0 < SHARE <= 1, such as 0.75"
        )
    return share


# -- output helpers -------------------------------------------------------------------


def print_json(data: object) -> None:
    """Write one JSON document to stdout (UTF-8, two-space indent)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _seconds(us: int) -> int | float:
    return us // 1_000_000 if us % 1_000_000 == 0 else us / 1_000_000


def _duration_json(value: timedelta | None) -> dict[str, object] | None:
    if value is None:
        return None
    us = duration_us(value)
    return {"seconds": _seconds(us), "text": format_duration(value)}


def _target_json(target: ResponseTarget | None) -> dict[str, object] | None:
    if target is None:
        return None
    us = duration_us(target.duration)
    return {
        "duration": format_duration(target.duration),
        "seconds": _seconds(us),
        "clock": target.clock.value,
        "text": str(target),
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _day_and_weekday(moment: datetime) -> str:
    return f"{moment.isoformat()}  {_WEEKDAYS[moment.weekday()]}"


def _calendar_line(cal: BusinessCalendar) -> str:
    hours = ", ".join(f"{k} {v}" for k, v in cal.hours.to_mapping().items()) or "never open"
    return f"{cal.zone.key}, {hours}, holidays: {cal.holidays.describe()}"


def _calendar_json(cal: BusinessCalendar) -> dict[str, object]:
    return {
        "zone": cal.zone.key,
        "hours": cal.hours.to_mapping(),
        "holidays": cal.holidays.describe(),
    }


def _emit(lines: Sequence[str]) -> None:
    sys.stdout.write("".join(line.rstrip() + "\n" for line in lines))


@contextlib.contextmanager
def _collecting_warnings() -> Iterator[list[str]]:
    """Collect warnings (holiday data not official) as messages, printed after the output."""
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", HolidayHorizonWarning)
        yield messages
    messages.extend(dict.fromkeys(str(w.message) for w in caught))


def _warn(messages: Sequence[str]) -> None:
    for message in messages:
        sys.stderr.write(f"{PROG}: warning: {_one_line(message)}\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- deadline ---------------------------------------------------------------------------


def _cmd_deadline(args: argparse.Namespace) -> int:
    cal = calendar_from_args(args)
    clock = _now()
    created = parse_time(args.created, cal.zone, "--created", clock)
    now = clock if args.now is None else parse_time(args.now, cal.zone, "--now", clock)
    policy = policy_from_args(args)
    severity = _severity(args.severity)
    with _collecting_warnings() as warned:
        # A status at creation resolves the plan, severity, policy version and deadline.
        status = response_status(args.plan, severity, created, cal, now=created, policy=policy)
        text = (
            str(explanation(args.plan, severity, created, cal, policy=policy))
            if args.explain
            else None
        )
    deadline = status.deadline
    left = None if deadline is None else to_us(deadline) - to_us(now)
    if args.json:
        data: dict[str, object] = {
            "command": "deadline",
            "plan": status.plan,
            "severity": status.severity,
            "policy": status.policy.describe(),
            "target": _target_json(status.target),
            **_calendar_json(cal),
            "created": _iso(status.created_at),
            "now": now.astimezone(cal.zone).isoformat(),
            "deadline": _iso(deadline),
            "deadline_utc": None if deadline is None else _utc(deadline),
            "weekday": None if deadline is None else _WEEKDAYS[deadline.weekday()],
            "seconds_left": None if left is None else _seconds(left),
            "time_left": None if left is None else relative(left),
        }
        if text is not None:
            data["explanation"] = text
        data["warnings"] = warned
        print_json(data)
    else:
        cell = f"{status.plan} {status.severity} = {status.target or 'none'}"
        if deadline is None or left is None:
            first = f"deadline   none: {status.plan} has no first-response target"
        else:
            first = f"deadline   {_day_and_weekday(deadline)}, {relative(left)}"
        lines = [
            first,
            f"target     {cell}",
            f"created    {_day_and_weekday(status.created_at)}",
            f"calendar   {_calendar_line(cal)}",
            f"policy     {status.policy.describe()}",
        ]
        if text is not None:
            lines += ["", *text.splitlines()]
        _emit(lines)
    _warn(warned)
    return 0


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# -- status -------------------------------------------------------------------------------


def _cmd_status(args: argparse.Namespace) -> int:
    cal = calendar_from_args(args)
    clock = _now()
    created = parse_time(args.created, cal.zone, "--created", clock)
    now = clock if args.now is None else parse_time(args.now, cal.zone, "--now", clock)
    responded = (
        None
        if args.responded is None
        else parse_time(args.responded, cal.zone, "--responded", clock)
    )
    policy = policy_from_args(args)
    with _collecting_warnings() as warned:
        status = response_status(
            args.plan,
            _severity(args.severity),
            created,
            cal,
            now=now,
            responded_at=responded,
            at_risk=_at_risk(args.at_risk),
            policy=policy,
        )
    if args.json:
        print_json(
            {
                "command": "status",
                "state": status.state.name,
                "state_text": status.state.value,
                "plan": status.plan,
                "severity": status.severity,
                "policy": status.policy.describe(),
                "target": _target_json(status.target),
                **_calendar_json(cal),
                "created": _iso(status.created_at),
                "now": _iso(status.now),
                "responded": _iso(status.responded_at),
                "deadline": _iso(status.deadline),
                "consumed": _duration_json(status.consumed),
                "remaining": _duration_json(status.remaining),
                "fraction_consumed": (
                    None if status.fraction_consumed is None else float(status.fraction_consumed)
                ),
                "at_risk": float(status.at_risk),
                "warnings": warned,
            }
        )
    else:
        _emit(_status_lines(status, cal))
    _warn(warned)
    return 0


def _status_lines(status: ResponseStatus, cal: BusinessCalendar) -> list[str]:
    head = f"{status.state.value.upper()}: {status.plan} {status.severity}"
    if status.target is None or status.deadline is None:
        return [
            f"{head}, no first-response target",
            f"created    {_day_and_weekday(status.created_at)}",
            f"now        {_day_and_weekday(status.now)}",
            f"policy     {status.policy.describe()}",
        ]
    assert status.remaining is not None
    assert status.fraction_consumed is not None
    clock = "business time" if status.target.clock is Clock.BUSINESS else "wall-clock time"
    lines = [
        f"{head}, target {status.target}",
        f"created    {_day_and_weekday(status.created_at)}",
        f"now        {_day_and_weekday(status.now)}",
    ]
    deadline_us = to_us(status.deadline)
    if status.responded_at is None:
        lines.append(
            f"deadline   {_day_and_weekday(status.deadline)}, "
            f"{relative(deadline_us - to_us(status.now))}"
        )
    else:
        gap = deadline_us - to_us(status.responded_at)
        when = (
            "at the deadline"
            if gap == 0
            else f"{in_words(gap)} {'before' if gap > 0 else 'after'} the deadline"
        )
        lines.append(f"responded  {_day_and_weekday(status.responded_at)}, {when}")
        lines.append(f"deadline   {_day_and_weekday(status.deadline)}")
    share = f"{float(status.fraction_consumed) * 100:.1f}% of the target consumed"
    amount = format_duration(abs(status.remaining))
    if status.state is Status.BREACHED or status.state is Status.MISSED:
        lines.append(f"overdue    {amount} of {clock} ({share})")
    elif status.state is Status.MET:
        lines.append(f"to spare   {amount} of {clock} ({share})")
    else:
        lines.append(f"remaining  {amount} of {clock} ({share})")
    lines.append(f"calendar   {_calendar_line(cal)}")
    lines.append(f"policy     {status.policy.describe()}")
    return lines


# -- table ----------------------------------------------------------------------------------


def _aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]


def _cmd_table(args: argparse.Namespace) -> int:
    terms = policy_from_args(args)
    on = None if args.on is None else _date(args.on, "--on")
    if isinstance(terms, PolicyBook):
        policy = terms.latest if on is None else terms.in_force(on)
        versions = [v.describe() for v in terms.versions]
    else:
        policy = terms
        versions = [terms.describe()]
    plans = policy.plans
    if args.json:
        print_json(
            {
                "command": "table",
                "policy": {
                    "name": policy.name,
                    "effective_from": (
                        None if policy.effective_from is None else policy.effective_from.isoformat()
                    ),
                    "versions": versions,
                },
                "plans": list(plans),
                "severities": [
                    {"key": key, "definition": definition}
                    for key, definition in zip(policy.severities, policy.definitions, strict=True)
                ],
                "first_response": {
                    plan: {
                        severity: _target_json(policy.response_table[row][column])
                        for column, severity in enumerate(policy.severities)
                    }
                    for row, plan in enumerate(plans)
                },
                "services": [{"key": key, "label": label} for key, label in policy.services],
                "entitlements": {
                    plan: [
                        key for key, _ in policy.services if key in policy.entitlement_table[row]
                    ]
                    for row, plan in enumerate(plans)
                },
            }
        )
        return 0
    lines = [policy.describe()]
    if len(versions) > 1:
        lines.append(f"(a policy book of {len(versions)} versions: {'; '.join(versions)})")
    lines.append("")
    response: list[list[str]] = [["First response", *plans]]
    for column, severity in enumerate(policy.severities):
        response.append(
            [
                severity,
                *(target_text(policy.response_table[row][column]) for row in range(len(plans))),
            ]
        )
    lines += _aligned(response)
    lines += [
        "",
        "business: business hours of the ticket's calendar (Mon-Fri 09:00-18:00 local time",
        "unless configured); 24x7: elapsed wall-clock time, around the clock.",
    ]
    if policy.services:
        entitled: list[list[str]] = [["Entitlements", *plans]]
        for key, label in policy.services:
            entitled.append(
                [
                    label,
                    *(
                        "yes" if key in policy.entitlement_table[row] else "-"
                        for row in range(len(plans))
                    ),
                ]
            )
        lines += ["", *_aligned(entitled)]
    lines += ["", "Severities"]
    width = max(len(s) for s in policy.severities)
    lines += [
        f"{severity.ljust(width)}  {definition}"
        for severity, definition in zip(policy.severities, policy.definitions, strict=True)
    ]
    _emit(lines)
    return 0


# -- calendar ---------------------------------------------------------------------------------


def _clock_time(moment: datetime) -> str:
    text = f"{moment:%H:%M}"
    if moment.second or moment.microsecond:
        text += f":{moment:%S}"
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text


def _window_text(window: BusinessWindow) -> str:
    opens, closes = window.opens, window.closes
    text = f"{_clock_time(opens)}-{_clock_time(closes)}"
    if closes.date() != opens.date():
        text += " (next day)"
    before, after = opens.utcoffset(), closes.utcoffset()
    assert before is not None
    assert after is not None
    offsets = _offset(before) if before == after else f"{_offset(before)}/{_offset(after)}"
    return f"{text} {offsets}"


def _day_kind(cal: BusinessCalendar, day: date, windows: Sequence[BusinessWindow]) -> str:
    if cal.holiday_name(day) is not None:
        return "holiday"
    if cal.is_makeup_workday(day):
        return "make-up workday"
    if not cal.hours.days[day.weekday()]:
        return "rest day"
    return "business day" if windows else "closed"


def _cmd_calendar(args: argparse.Namespace) -> int:
    cal = calendar_from_args(args)
    policy_from_args(args)  # checked like on every command, though windows need no policy
    first = _date(args.start, "FROM")
    last = _date(args.end, "TO")
    for name, day in (("FROM", first), ("TO", last)):
        if not date(2, 1, 1) <= day <= date(9998, 12, 31):
            raise CliError(f"{name} {day} is outside the years 2 to 9998 that calendars can list")
    if last < first:
        raise CliError(
            f"TO {last} is before FROM {first}; give FROM first, e.g. 2025-09-27 2025-10-12"
        )
    if (last - first).days > 3660:
        raise CliError(
            f"FROM {first} to TO {last} spans more than 10 years; list at most 3,661 days at once"
        )
    zone = cal.zone
    days: list[dict[str, Any]] = []
    with _collecting_warnings() as warned:
        # Local midnights, widened by a day each side; windows are then kept by opening date.
        start = datetime.combine(first - timedelta(days=1), datetime.min.time(), tzinfo=zone)
        end = datetime.combine(last + timedelta(days=2), datetime.min.time(), tzinfo=zone)
        by_day: dict[date, list[BusinessWindow]] = {}
        for window in cal.windows(start, end):
            by_day.setdefault(window.opens.date(), []).append(window)
        day = first
        while day <= last:
            windows = by_day.get(day, [])
            days.append(
                {
                    "day": day,
                    "kind": _day_kind(cal, day, windows),
                    "holiday": cal.holiday_name(day),
                    "windows": windows,
                }
            )
            day += timedelta(days=1)
    if args.json:
        print_json(
            {
                "command": "calendar",
                **_calendar_json(cal),
                "from": first.isoformat(),
                "to": last.isoformat(),
                "days": [
                    {
                        "date": item["day"].isoformat(),
                        "weekday": _WEEKDAYS[item["day"].weekday()],
                        "kind": item["kind"],
                        "holiday": item["holiday"],
                        "windows": [
                            {
                                "opens": w.opens.isoformat(),
                                "closes": w.closes.isoformat(),
                                "seconds": _seconds(duration_us(w.duration)),
                            }
                            for w in item["windows"]
                        ],
                        "business_seconds": _seconds(
                            sum(duration_us(w.duration) for w in item["windows"])
                        ),
                    }
                    for item in days
                ],
                "warnings": warned,
            }
        )
    else:
        lines = [_calendar_line(cal)]
        for item in days:
            label = f"{item['day']:%Y-%m-%d %a}"
            windows = item["windows"]
            kind = item["kind"]
            if windows:
                total = sum((w.duration for w in windows), timedelta(0))
                text = f"{', '.join(_window_text(w) for w in windows)}  {format_duration(total)}"
                if kind == "make-up workday":
                    text += "  make-up workday"
            elif kind == "holiday":
                text = f"closed: holiday, {item['holiday']}"
            else:
                text = f"closed: {kind}"
            lines.append(f"{label}  {text}")
        _emit(lines)
    _warn(warned)
    return 0


# -- the parser -------------------------------------------------------------------------------


def _add_plan_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="Basic, Developer, Enterprise or Premium")
    parser.add_argument("severity", metavar="SEVERITY", help="S1 (most severe) to S4, or 1 to 4")


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object (documented, stable)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command, including those other modules register."""
    parser = _Parser(
        prog=PROG,
        description="Exact first-response deadlines for Connected Care support plans.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    subparsers = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True
    )

    deadline = subparsers.add_parser(
        "deadline",
        help="by when must support first respond?",
        description="Print the first-response deadline of a ticket: ISO 8601 in the zone, "
        "the weekday, and the time left from now.",
    )
    _add_plan_arguments(deadline)
    deadline.add_argument(
        "--created",
        default="now",
        metavar="TIME",
        help=f"ticket creation: {_TIME_HELP}; default now",
    )
    deadline.add_argument(
        "--now", metavar="TIME", help="the instant the time left is counted from; default now"
    )
    add_calendar_options(deadline)
    add_policy_option(deadline)
    deadline.add_argument(
        "--explain", action="store_true", help="also print how the deadline was derived"
    )
    _add_json(deadline)
    deadline.set_defaults(func=_cmd_deadline)

    status = subparsers.add_parser(
        "status",
        help="where does a ticket's first response stand?",
        description="Print a ticket's state (on track, at risk, breached, met, missed, no "
        "target), its deadline, and the time remaining or overdue on the target's clock.",
    )
    _add_plan_arguments(status)
    status.add_argument(
        "--created", required=True, metavar="TIME", help=f"ticket creation: {_TIME_HELP}"
    )
    status.add_argument("--now", metavar="TIME", help="the instant of the status; default now")
    status.add_argument("--responded", metavar="TIME", help="the first response, if any")
    status.add_argument(
        "--at-risk",
        default="0.75",
        metavar="SHARE",
        help="share of the target consumed from which a ticket is at risk; default 0.75",
    )
    add_calendar_options(status)
    add_policy_option(status)
    _add_json(status)
    status.set_defaults(func=_cmd_status)

    table = subparsers.add_parser(
        "table",
        help="the response table and the entitlements",
        description="Print the first-response table and the entitlements, plans as columns.",
    )
    add_policy_option(table)
    table.add_argument(
        "--on", metavar="DATE", help="of a policy book, the version in force on DATE"
    )
    _add_json(table)
    table.set_defaults(func=_cmd_table)

    calendar = subparsers.add_parser(
        "calendar",
        help="business windows, holidays and make-up workdays between two dates",
        description="List each local date from FROM to TO (both included): its business "
        "windows, or why it is closed.",
    )
    calendar.add_argument("start", metavar="FROM", help="first local date, YYYY-MM-DD")
    calendar.add_argument("end", metavar="TO", help="last local date, YYYY-MM-DD (included)")
    add_calendar_options(calendar)
    add_policy_option(calendar)
    _add_json(calendar)
    calendar.set_defaults(func=_cmd_calendar)

    _register_extra_commands(subparsers)
    return parser


def _version() -> str:
    from .. import __version__

    return __version__


def _register_extra_commands(subparsers: Any) -> None:
    """Commands defined elsewhere (``_cli_batch.register(subparsers)``), when present."""
    from . import files

    files.register(subparsers)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 2 bad input)."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        code: int = args.func(args)
        sys.stdout.flush()  # a closed pipe shows up here, inside the handlers below
    except (CliError, SlaError) as exc:
        sys.stderr.write(f"{PROG}: error: {_one_line(str(exc))}\n")
        return 2
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    return code
