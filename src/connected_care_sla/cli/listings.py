"""The ``table`` and ``calendar`` commands: what a policy promises, when a calendar is open.

``table`` prints a policy's first-response table, its entitlements and its
severities, plans as columns. ``calendar`` lists each local date between two
dates: its business windows, or why it is closed (holiday, rest day), and which
dates an override gives other hours ("short day (override)", "closed (override)").
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from .._instants import duration_us
from .._text import WEEKDAYS, clock_time, offset_text
from ..calendar import BusinessCalendar, BusinessWindow, TimeWindow
from ..policy import PolicyBook, format_duration
from ..policy.model import target_text
from .arguments import (
    CliError,
    add_calendar_options,
    add_json_option,
    add_policy_option,
    calendar_from_args,
    parse_date,
    policy_from_args,
)
from .output import (
    calendar_json,
    calendar_line,
    collecting_warnings,
    emit,
    print_json,
    seconds,
    target_json,
    warn,
)

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``table`` and ``calendar`` commands to the main parser's subparsers."""
    table = subparsers.add_parser(
        "table",
        help="the response table and the entitlements",
        description="Print the first-response table and the entitlements, plans as columns.",
    )
    add_policy_option(table)
    table.add_argument(
        "--on", metavar="DATE", help="of a policy book, the version in force on DATE"
    )
    add_json_option(table)
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
    add_json_option(calendar)
    calendar.set_defaults(func=_cmd_calendar)


# -- table ----------------------------------------------------------------------------------


def _cmd_table(args: argparse.Namespace) -> int:
    terms = policy_from_args(args)
    on = None if args.on is None else parse_date(args.on, "--on")
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
                        severity: target_json(policy.response_table[row][column])
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
        cells = (target_text(policy.response_table[row][column]) for row in range(len(plans)))
        response.append([severity, *cells])
    lines += _aligned(response)
    lines += [
        "",
        "business: business hours of the ticket's calendar (Mon-Fri 09:00-18:00 local time",
        "unless configured); 24x7: elapsed wall-clock time, around the clock.",
    ]
    if policy.services:
        entitled: list[list[str]] = [["Entitlements", *plans]]
        for key, label in policy.services:
            marks = (
                "yes" if key in policy.entitlement_table[row] else "-" for row in range(len(plans))
            )
            entitled.append([label, *marks])
        lines += ["", *_aligned(entitled)]
    lines += ["", "Severities"]
    width = max(len(s) for s in policy.severities)
    lines += [
        f"{severity.ljust(width)}  {definition}"
        for severity, definition in zip(policy.severities, policy.definitions, strict=True)
    ]
    emit(lines)
    return 0


def _aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows of cells as lines, each column as wide as its widest cell."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]


# -- calendar ---------------------------------------------------------------------------------


class _Day(NamedTuple):
    """One local date of the listing."""

    day: date
    kind: str  # business day, holiday, make-up workday, rest day, closed, override
    holiday: str | None
    windows: list[BusinessWindow]
    #: With an override: what it does (closed, opened, short day, long day, other
    #: hours) and its windows as written; None on a date without one.
    override: tuple[str, tuple[TimeWindow, ...]] | None = None


def _cmd_calendar(args: argparse.Namespace) -> int:
    cal = calendar_from_args(args)
    policy_from_args(args)  # checked like on every command, though windows need no policy
    first = parse_date(args.start, "FROM")
    last = parse_date(args.end, "TO")
    for name, day in (("FROM", first), ("TO", last)):
        if not date(2, 1, 1) <= day <= date(9998, 12, 31):
            raise CliError(
                f"{name} {day} is outside the years 2 to 9998 that calendars can list",
                option=name,
                value=day,
            )
    if last < first:
        raise CliError(
            f"TO {last} is before FROM {first}; give FROM first, e.g. 2025-09-27 2025-10-12",
            option="TO",
            value=last,
        )
    if (last - first).days > 3660:
        raise CliError(
            f"FROM {first} to TO {last} spans more than 10 years; list at most 3,661 days at once"
        )
    with collecting_warnings() as warned:
        days = _days(cal, first, last)
    if args.json:
        print_json(
            {
                "command": "calendar",
                **calendar_json(cal),
                "from": first.isoformat(),
                "to": last.isoformat(),
                "days": [_day_json(item) for item in days],
                "warnings": warned,
            }
        )
    else:
        emit([calendar_line(cal), *(_day_line(item) for item in days)])
    warn(warned)
    return 0


def _days(cal: BusinessCalendar, first: date, last: date) -> list[_Day]:
    """Each local date from ``first`` to ``last``, with the windows that open on it."""
    # Local midnights, widened by a day each side; windows are then kept by opening date.
    start = datetime.combine(first - timedelta(days=1), datetime.min.time(), tzinfo=cal.zone)
    end = datetime.combine(last + timedelta(days=2), datetime.min.time(), tzinfo=cal.zone)
    by_day: dict[date, list[BusinessWindow]] = {}
    for window in cal.windows(start, end):
        by_day.setdefault(window.opens.date(), []).append(window)
    days = []
    day = first
    while day <= last:
        windows = by_day.get(day, [])
        override = _override(cal, day)
        kind = "override" if override is not None else _day_kind(cal, day, windows)
        days.append(_Day(day, kind, cal.holiday_name(day), windows, override))
        day += timedelta(days=1)
    return days


def _override(cal: BusinessCalendar, day: date) -> tuple[str, tuple[TimeWindow, ...]] | None:
    """What an override does to ``day`` (against the weekly hours in force), and its windows."""
    windows = cal.override_on(day)
    if windows is None:
        return None
    # The weekly hours of the version in force on the date (the first before it).
    hours = cal.hours
    for start, version in cal.versions:
        if start <= day:
            hours = version.hours
    usual = sum(w.length_us for w in hours.days[day.weekday()])
    given = sum(w.length_us for w in windows)
    if not windows:
        return "closed", windows
    if not usual:
        return "opened", windows
    if given != usual:
        return ("short day" if given < usual else "long day"), windows
    return "other hours", windows


def _day_kind(cal: BusinessCalendar, day: date, windows: Sequence[BusinessWindow]) -> str:
    if cal.holiday_name(day) is not None:
        return "holiday"
    if cal.is_makeup_workday(day):
        return "make-up workday"
    if not cal.hours.days[day.weekday()]:
        return "rest day"
    return "business day" if windows else "closed"


def _day_json(item: _Day) -> dict[str, object]:
    return {
        "date": item.day.isoformat(),
        "weekday": WEEKDAYS[item.day.weekday()],
        "kind": item.kind,
        "holiday": item.holiday,
        "override": (
            None
            if item.override is None
            else {"kind": item.override[0], "windows": [str(w) for w in item.override[1]]}
        ),
        "windows": [
            {
                "opens": w.opens.isoformat(),
                "closes": w.closes.isoformat(),
                "seconds": seconds(duration_us(w.duration)),
            }
            for w in item.windows
        ],
        "business_seconds": seconds(sum(duration_us(w.duration) for w in item.windows)),
    }


def _day_line(item: _Day) -> str:
    """``'2025-10-01 Wed  closed: holiday, National Day'``.

    An overridden date says so: ``'2025-12-24 Wed  09:00-13:00 +01:00  4h  short day
    (override)'``, ``'2025-12-31 Wed  closed (override)'``.
    """
    label = f"{item.day:%Y-%m-%d %a}"
    if item.windows:
        total = sum((w.duration for w in item.windows), timedelta(0))
        text = f"{', '.join(_window_text(w) for w in item.windows)}  {format_duration(total)}"
        if item.override is not None:
            text += f"  {item.override[0]} (override)"
        elif item.kind == "make-up workday":
            text += "  make-up workday"
    elif item.override is not None:
        text = "closed (override)"
    elif item.kind == "holiday":
        text = f"closed: holiday, {item.holiday}"
    else:
        text = f"closed: {item.kind}"
    return f"{label}  {text}"


def _window_text(window: BusinessWindow) -> str:
    """``'09:00-18:00 +08:00'``; a window across midnight or a change of offset says so."""
    opens, closes = window.opens, window.closes
    text = f"{clock_time(opens, seconds=False)}-{clock_time(closes, seconds=False)}"
    if closes.date() != opens.date():
        text += " (next day)"
    before, after = opens.utcoffset(), closes.utcoffset()
    assert before is not None
    assert after is not None
    offsets = offset_text(duration_us(before))
    if before != after:
        offsets += f"/{offset_text(duration_us(after))}"
    return f"{text} {offsets}"
