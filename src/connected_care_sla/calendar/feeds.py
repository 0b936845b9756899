"""Holiday feeds: the all-day events of an iCalendar (``.ics``) file as closed dates.

Help desks publish their closures as iCalendar feeds. `read_ics` reads
one (a path, or the text itself) with the ``icalendar`` and
``recurring-ical-events`` packages (the ``ics`` extra) into a
`HolidayFeed`: the closed local dates of the years asked, each with a
name that says which event of which feed closed it. The feed is accepted
wherever a calendar takes ``holidays=``, alone or in a list with countries.

The rules:

* only all-day events close dates; an event with a time of day (its
  ``DTSTART`` or ``DTEND`` is a date-time, its ``DURATION`` not whole days, or
  an ``RDATE`` a date-time) is refused with an error naming it, never skipped;
* an event closes each date from its ``DTSTART`` up to its ``DTEND``, which is
  exclusive (an event of 10 to 13 March closes the 10th, 11th and 12th);
  without ``DTEND`` it closes ``DURATION`` days, or its one date;
* a recurring event (``RRULE``, ``RDATE``, ``EXDATE``, moved or cancelled
  occurrences) is expanded over the years asked; only dates in those years
  are kept, from recurring and single events alike;
* a cancelled event or occurrence (``STATUS:CANCELLED``) closes nothing;
* a file that is not iCalendar, or holds a property that cannot be read, is
  refused naming the file (and the event).
"""

from __future__ import annotations

import bisect
import importlib
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, TypeAlias

from .._text import shown
from ..exceptions import (
    HolidaysTypeError,
    InvalidFeedError,
    InvalidHolidaysError,
    MissingExtraError,
    TimedFeedEventError,
)
from .holidays import HolidaySource

__all__ = ["EXTRA", "HolidayFeed", "YearsLike", "read_ics"]

#: The name of the extra: ``pip install "connected-care-sla[ics]"``.
EXTRA: Final = "ics"

#: What ``years=`` accepts: one year, or an iterable of years such as ``range(2025, 2028)``.
YearsLike: TypeAlias = "int | Iterable[int]"

# The years a feed can be expanded over: expanding needs the days either side of them.
_FIRST_YEAR: Final = 2
_LAST_YEAR: Final = 9998
_ALL_DAY: Final = "all-day events only (DTSTART;VALUE=DATE:20251224, DTEND exclusive)"


@dataclass(frozen=True, slots=True)
class HolidayFeed(Mapping[date, str]):
    """The closed dates of a holiday feed, each with its name: a mapping ``date -> name``.

    Built by `read_ics`. Each name says which event of which feed closed
    the date, e.g. ``'Company offsite (feed team.ics)'``; several events on
    one date are named together. Iterating gives the dates in order, so the
    feed is accepted as ``holidays=`` of a calendar, alone or in a list with
    countries, and the explanation of a deadline names the feed's event.

    Attributes:
        feed: the feed's name: the file's name, or the ``name=`` given.
        years: the years the feed was expanded over, in order.
        names: ``(date, name)`` pairs, sorted by date.

    Examples:
        >>> from datetime import date
        >>> offsite = (date(2025, 3, 10), "Offsite (feed team.ics)")
        >>> feed = HolidayFeed("team.ics", (2025,), (offsite,))
        >>> feed[date(2025, 3, 10)], len(feed), date(2025, 3, 11) in feed
        ('Offsite (feed team.ics)', 1, False)
    """

    feed: str
    years: tuple[int, ...]
    names: tuple[tuple[date, str], ...]

    def __getitem__(self, day: date) -> str:
        if isinstance(day, date) and not isinstance(day, datetime):
            at = bisect.bisect_left(self.names, day, key=_day_of)
            if at < len(self.names) and self.names[at][0] == day:
                return self.names[at][1]
        raise KeyError(day)

    def __iter__(self) -> Iterator[date]:
        return (day for day, _ in self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, day: object) -> bool:
        try:
            self[day]  # type: ignore[index]
        except KeyError:
            return False
        return True

    @property
    def dates(self) -> frozenset[date]:
        """The closed dates, as a set."""
        return frozenset(day for day, _ in self.names)

    def name_of(self, day: date) -> str | None:
        """The name of the closure on ``day``, or None when the feed leaves it open."""
        return self.get(day)

    @property
    def source(self) -> HolidaySource:
        """The feed as a `HolidaySource` of named explicit dates.

        The same closed dates and names a calendar gets from ``holidays=feed``.
        """
        return HolidaySource(names=self.names)

    def __repr__(self) -> str:
        years = (
            str(self.years[0])
            if len(self.years) == 1
            else f"{self.years[0]}-{self.years[-1]}"
            if self.years == tuple(range(self.years[0], self.years[-1] + 1))
            else ",".join(map(str, self.years))
        )
        count = len(self.names)
        return f"HolidayFeed({self.feed!r}, years {years}, {count} date{'s' * (count != 1)})"


def _day_of(pair: tuple[date, str]) -> date:
    return pair[0]


def read_ics(
    source: str | os.PathLike[str] | bytes, *, years: YearsLike, name: str | None = None
) -> HolidayFeed:
    """Read the all-day events of an iCalendar feed into closed dates with names.

    Args:
        source: the path of an ``.ics`` file, or the feed's text itself (a
            string that holds ``BEGIN:VCALENDAR``, or bytes).
        years: which years to expand the feed over: a year (``2026``) or
            years (``range(2025, 2028)``). Only dates in these years are kept.
        name: the feed's name in the dates' names and in error messages;
            default the file's name (``team.ics``), or ``'ICS text'``.

    Returns:
        The closed dates of those years, each named after its event and the
        feed: ``'Company offsite (feed team.ics)'``.

    Raises:
        MissingExtraError: the ``ics`` extra (``icalendar``,
            ``recurring-ical-events``) is not installed.
        InvalidFeedError: the file is not iCalendar, or an event cannot be read.
        TimedFeedEventError: an event has a time of day (only all-day events
            close dates); the message names its SUMMARY and UID.
        HolidaysTypeError: ``years`` is not a year or years.
        InvalidHolidaysError: ``years`` is empty or outside the years 2 to 9998.
        OSError: the file cannot be read.

    Examples:
        >>> text = '''BEGIN:VCALENDAR
        ... VERSION:2.0
        ... PRODID:-//Example//Team holidays//EN
        ... BEGIN:VEVENT
        ... UID:offsite-2025@example.com
        ... SUMMARY:Company offsite
        ... DTSTART;VALUE=DATE:20250310
        ... DTEND;VALUE=DATE:20250312
        ... END:VEVENT
        ... END:VCALENDAR
        ... '''
        >>> feed = read_ics(text, years=2025, name="team.ics")
        >>> for day, closure in feed.items():
        ...     print(day, closure)
        2025-03-10 Company offsite (feed team.ics)
        2025-03-11 Company offsite (feed team.ics)
    """
    wanted = _years(years)
    text, label = _text(source, name)
    icalendar, recurring = _extra()
    calendar = _parse(icalendar, text, label)
    for event in calendar.walk("VEVENT"):
        _check_event(event, label)
    closed: dict[date, list[str]] = {}
    for first_year, last_year in _runs(wanted):
        low, high = date(first_year, 1, 1), date(last_year + 1, 1, 1)
        try:
            occurrences = list(recurring.of(calendar).between(low, high))
        except (ValueError, TypeError, OverflowError) as exc:
            years_text = str(first_year) if first_year == last_year else f"{first_year}-{last_year}"
            raise InvalidFeedError(
                f"holiday feed {label}: its events cannot be expanded over {years_text}: {exc}",
                argument=label,
                value=first_year,
            ) from exc
        for occurrence in occurrences:
            if str(occurrence.get("STATUS", "")).upper() == "CANCELLED":
                continue
            first, end = _span(occurrence, label)
            summary = _said(occurrence, "SUMMARY") or "closed"
            day = max(first, low)
            while day < min(end, high):
                names = closed.setdefault(day, [])
                if summary not in names:
                    names.append(summary)
                day += timedelta(days=1)
    return HolidayFeed(
        label,
        wanted,
        tuple((day, f"{', '.join(closed[day])} (feed {label})") for day in sorted(closed)),
    )


def _years(value: object) -> tuple[int, ...]:
    """``years=`` as sorted distinct years."""
    given: list[object]
    if isinstance(value, int) and not isinstance(value, bool):
        given = [value]
    elif isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping)):
        given = list(value)
    else:
        raise HolidaysTypeError(
            argument="years", value=value, expected="a year or years, e.g. range(2025, 2028)"
        )
    items: set[int] = set()
    for item in given:
        if not isinstance(item, int) or isinstance(item, bool):
            raise HolidaysTypeError(
                argument="years", value=item, expected="whole years such as 2025 or 2026"
            )
        if not _FIRST_YEAR <= item <= _LAST_YEAR:
            raise InvalidHolidaysError(
                f"years holds {shown(item)}, outside the years a feed can be expanded over",
                argument="years",
                value=item,
                expected=f"years from {_FIRST_YEAR} to {_LAST_YEAR}",
            )
        items.add(item)
    if not items:
        raise InvalidHolidaysError(
            "years is empty, so the feed would close no date",
            argument="years",
            value=value,
            expected="the years to expand the feed over, e.g. range(2025, 2028)",
        )
    return tuple(sorted(items))


def _runs(years: tuple[int, ...]) -> list[tuple[int, int]]:
    """Sorted years as runs of consecutive years: ``(2025, 2026, 2028)`` -> 2025-2026, 2028."""
    runs: list[tuple[int, int]] = []
    for year in years:
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def _text(source: object, name: str | None) -> tuple[str | bytes, str]:
    """The feed's text, and its name for dates and messages."""
    if name is not None and not isinstance(name, str):
        raise HolidaysTypeError(
            argument="name", value=name, expected="the feed's name as text, e.g. 'team.ics'"
        )
    if isinstance(source, bytes):
        return source, name or "ICS text"
    if isinstance(source, str) and "BEGIN:VCALENDAR" in source.upper():
        return source, name or "ICS text"
    if not isinstance(source, (str, os.PathLike)):
        raise HolidaysTypeError(
            argument="source",
            value=source,
            expected="the path of an .ics file, or the text of one (BEGIN:VCALENDAR ...)",
        )
    path = os.fspath(source)
    if not isinstance(path, str):
        raise HolidaysTypeError(
            argument="source", value=source, expected="a path as text, e.g. 'team.ics'"
        )
    with open(path, "rb") as handle:
        return handle.read(), name or os.path.basename(path) or path


def _extra() -> tuple[Any, Any]:
    """The ``icalendar`` and ``recurring_ical_events`` modules, or how to install them."""
    try:
        # Imported by name: the extra is optional, and only this function needs it.
        icalendar = importlib.import_module("icalendar")
        recurring = importlib.import_module("recurring_ical_events")
    except ImportError as exc:
        missing = exc.name or "icalendar or recurring-ical-events"
        raise MissingExtraError("read_ics", argument=EXTRA, value=missing) from exc
    return icalendar, recurring


def _parse(icalendar: Any, text: str | bytes, label: str) -> Any:
    """The feed's one VCALENDAR, every property of it readable."""
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, TypeError, IndexError, KeyError, UnicodeDecodeError) as exc:
        raise InvalidFeedError(
            f"holiday feed {label} is not valid iCalendar: {exc}",
            argument=label,
            expected="an iCalendar (.ics) file: BEGIN:VCALENDAR, its events, END:VCALENDAR",
        ) from exc
    if getattr(calendar, "name", None) != "VCALENDAR":
        raise InvalidFeedError(
            f"holiday feed {label} is not valid iCalendar: it holds a "
            f"{getattr(calendar, 'name', None) or 'component'} outside any VCALENDAR",
            argument=label,
            expected="an iCalendar (.ics) file: BEGIN:VCALENDAR, its events, END:VCALENDAR",
        )
    for component in calendar.walk():
        for prop, problem in getattr(component, "errors", ()) or ():
            where = "" if component.name == "VCALENDAR" else f" in {_event(component)}"
            raise InvalidFeedError(
                f"holiday feed {label}: the property {prop}{where} cannot be read: {problem}",
                argument=label,
                value=prop,
            )
    return calendar


def _event(event: Any) -> str:
    """An event as a message names it: its SUMMARY and UID."""
    summary, uid = _said(event, "SUMMARY"), _said(event, "UID")
    said = f"the event {shown(summary)}" if summary else "an event without a SUMMARY"
    return f"{said} (UID {shown(uid)})" if uid else f"{said} (no UID)"


def _said(event: Any, name: str) -> str:
    """A text property of an event (the first, when it is given twice), stripped."""
    value = event.get(name, "")
    return str(value[0] if isinstance(value, list) and value else value).strip()


#: The properties an event has at most once (RFC 5545, section 3.6.1).
_ONCE: Final = ("UID", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "STATUS", "SUMMARY")


def _check_event(event: Any, label: str) -> None:
    """Refuse an event that is not all-day, or has no start."""
    for name in _ONCE:
        if isinstance(event.get(name), list):
            raise InvalidFeedError(
                f"holiday feed {label}: {_event(event)} has {name} more than once",
                argument=label,
                value=_said(event, "UID"),
                expected=f"at most one {name} per event",
            )
    if event.get("DTEND") is not None and event.get("DURATION") is not None:
        raise InvalidFeedError(
            f"holiday feed {label}: {_event(event)} has both DTEND and DURATION",
            argument=label,
            value=_said(event, "UID"),
            expected="an event with DTEND or DURATION, not both",
        )
    start = event.get("DTSTART")
    if start is None:
        raise InvalidFeedError(
            f"holiday feed {label}: {_event(event)} has no DTSTART",
            argument=label,
            value=_said(event, "UID"),
            expected=_ALL_DAY,
        )
    timed = None
    if isinstance(start.dt, datetime) or not isinstance(start.dt, date):
        timed = f"starts at a time of day ({shown(start.to_ical().decode())})"
    elif event.get("DTEND") is not None and isinstance(event["DTEND"].dt, datetime):
        timed = f"ends at a time of day ({shown(event['DTEND'].to_ical().decode())})"
    elif event.get("DURATION") is not None and _not_days(event["DURATION"].dt):
        timed = f"lasts {shown(event['DURATION'].to_ical().decode())}, not whole days"
    else:
        extra = event.get("RDATE")
        for item in extra if isinstance(extra, list) else [] if extra is None else [extra]:
            if any(isinstance(value.dt, datetime) for value in item.dts):
                timed = f"recurs at a time of day (RDATE {shown(item.to_ical().decode())})"
                break
    if timed is None and event.get("DTEND") is not None and event["DTEND"].dt <= start.dt:
        raise InvalidFeedError(
            f"holiday feed {label}: {_event(event)} ends ({event['DTEND'].dt.isoformat()}) on "
            f"or before it starts ({start.dt.isoformat()})",
            argument=label,
            value=_said(event, "UID"),
            expected="a DTEND after the DTSTART (DTEND is exclusive: the day after the last)",
        )
    if timed is not None:
        raise TimedFeedEventError(
            f"holiday feed {label}: {_event(event)} {timed}; a holiday feed closes whole "
            f"dates, so make the event all-day or remove it from the feed",
            argument=label,
            value=_said(event, "UID"),
            expected=_ALL_DAY,
        )


def _not_days(duration: object) -> bool:
    return not isinstance(duration, timedelta) or duration % timedelta(days=1) != timedelta(0)


def _span(occurrence: Any, label: str) -> tuple[date, date]:
    """The first date an occurrence closes and the exclusive end of its dates."""
    first = occurrence["DTSTART"].dt
    end_prop = occurrence.get("DTEND")
    end = first + timedelta(days=1) if end_prop is None else end_prop.dt
    if isinstance(first, datetime) or isinstance(end, datetime):
        raise TimedFeedEventError(
            f"holiday feed {label}: {_event(occurrence)} has an occurrence at a time of day "
            f"({first.isoformat()}); a holiday feed closes whole dates",
            argument=label,
            value=_said(occurrence, "UID"),
            expected=_ALL_DAY,
        )
    if end <= first:
        raise InvalidFeedError(
            f"holiday feed {label}: {_event(occurrence)} ends ({end.isoformat()}) on or before "
            f"it starts ({first.isoformat()})",
            argument=label,
            value=_said(occurrence, "UID"),
            expected="a DTEND after the DTSTART (DTEND is exclusive: the day after the last)",
        )
    return first, end
