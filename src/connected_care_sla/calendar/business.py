"""The business calendar: the public face of the engine, with datetimes.

:class:`BusinessCalendar` validates its arguments, turns datetimes into integer
microseconds once, asks the engine (:mod:`.engine`), and turns the answer back
into an aware datetime in the calendar's zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .._instants import (
    US_PER_DAY,
    duration_us,
    from_us,
    reachable,
    to_us,
    us_to_timedelta,
    utc_offset_us,
    zone_of,
)
from .._text import shown
from ..exceptions import InvalidInstantError
from .engine import Engine
from .holidays import HolidaysLike, HolidaySource, holiday_source
from .hours import WeeklyHours

__all__ = ["BusinessCalendar", "BusinessWindow"]


@dataclass(frozen=True, slots=True)
class BusinessWindow:
    """One business window on the timeline: open over ``[opens, closes)``."""

    opens: datetime
    closes: datetime

    @property
    def duration(self) -> timedelta:
        """The real time the window holds (DST changes included).

        Not ``closes - opens``: Python subtracts two datetimes that share a
        tzinfo as wall times, which is an hour off across a DST change.
        """
        return us_to_timedelta(to_us(self.closes) - to_us(self.opens))

    def __repr__(self) -> str:
        return f"BusinessWindow({self.opens.isoformat()} -> {self.closes.isoformat()})"


@dataclass(frozen=True, slots=True, init=False)
class BusinessCalendar:
    """Business hours in one time zone, with holidays: the clock of business targets.

    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> cal = BusinessCalendar("Asia/Shanghai")
    >>> friday = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> cal.add(friday, timedelta(hours=4)).isoformat()
    '2025-06-09T12:00:00+08:00'

    Args:
        zone: an IANA zone name (``"Asia/Shanghai"``) or a ``ZoneInfo``.
        hours: weekly windows; a :class:`WeeklyHours` or a mapping such as
            ``{"Mon-Fri": "09:00-12:00, 13:00-18:00"}``. Default Mon-Fri 09:00-18:00.
        holidays: closed dates: a country code (``"CN"``, ``"US-CA"``), a tuple
            ``("US", "CA")``, a ``holidays`` object, dates, or a list combining them.
        workdays: extra make-up workdays (dates that open with the make-up hours).
        strict: when a computation reaches a year that a country's holiday data
            does not officially cover (China publishes its make-up workdays one
            year at a time), raise :class:`HolidayHorizonError` instead of
            warning with :class:`HolidayHorizonWarning`.

    The calendar is immutable, hashable and safe to share between threads;
    calendars built from equal arguments compare equal.
    """

    zone: ZoneInfo
    hours: WeeklyHours
    holidays: HolidaySource
    strict: bool
    _engine: Engine = field(compare=False, repr=False, hash=False)

    def __init__(
        self,
        zone: str | ZoneInfo,
        hours: WeeklyHours | dict[int | str, object] | None = None,
        holidays: HolidaysLike = None,
        *,
        workdays: Iterable[date] = (),
        strict: bool = False,
    ) -> None:
        tz = zone_of(zone)
        weekly = WeeklyHours.default() if hours is None else WeeklyHours.parse(hours)  # type: ignore[arg-type]
        source = holiday_source(holidays, workdays)
        object.__setattr__(self, "zone", tz)
        object.__setattr__(self, "hours", weekly)
        object.__setattr__(self, "holidays", source)
        object.__setattr__(self, "strict", bool(strict))
        object.__setattr__(self, "_engine", Engine(tz, weekly, source, bool(strict)))

    def __repr__(self) -> str:
        parts = [repr(self.zone.key)]
        if self.hours != WeeklyHours.default():
            parts.append(f"hours={self.hours!r}")
        if not self.holidays.empty:
            parts.append(f"holidays={self.holidays.describe()!r}")
        if self.strict:
            parts.append("strict=True")
        return f"BusinessCalendar({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """Weekly hours, zone and holidays as HTML, for notebooks."""
        from ..display import CalendarView, calendar_html

        hours = self.hours
        makeup = (tuple(map(str, hours.makeup_windows)), hours.makeup_day)
        view = CalendarView(
            zone=self.zone.key,
            days=tuple(
                (tuple(map(str, windows)), sum(w.length_us for w in windows))
                for windows in hours.days
            ),
            week_us=hours.week_us,
            holidays=self.holidays.describe(),
            makeup=None if self.holidays.empty else makeup,
            strict=self.strict,
        )
        return calendar_html(view)

    def __dask_tokenize__(self) -> str:
        """A deterministic token for Dask: equal calendars give equal tokens.

        Dask hashes the arguments of ``map_partitions``; the calendar's caches
        and lock are not part of its value.
        """
        source = self.holidays
        countries = ",".join(
            f"{c.entity.__module__}.{c.entity.__qualname__}:{c.subdiv}:{c.observed}:"
            f"{'+'.join(c.categories)}"
            for c in source.countries
        )
        dates = ",".join(d.isoformat() for d in sorted(source.dates))
        workdays = ",".join(d.isoformat() for d in sorted(source.workdays))
        return (
            f"BusinessCalendar|{self.zone.key}|{self.hours!r}|{countries}|{dates}|{workdays}|"
            f"{self.strict}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.zone.key, self.hours, self.holidays, self.strict))

    # -- arithmetic ---------------------------------------------------------

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The earliest instant by which ``duration`` of business time has elapsed.

        The clock starts at ``start``, or at the next opening when ``start`` is
        outside business hours. A duration that runs out exactly at a window's
        close gives that close (18:00), not the next opening. A zero duration
        gives ``start`` itself (in this calendar's zone). A negative duration
        counts backwards: the latest instant from which ``-duration`` of
        business time runs up to ``start``.

        Raises:
            InvalidInstantError: ``start`` is naive or not a datetime.
            InvalidDurationError: ``duration`` is not a ``timedelta``.
            CalendarNeverOpensError: the calendar has no business time at all.
            ResultOutOfRangeError: the result is beyond what ``datetime`` holds.
        """
        return self._add(start, duration_us(duration), duration)

    def _add(self, start: datetime, amount: int, duration: object) -> datetime:
        instant = to_us(start, "start")
        reachable(start, instant, amount, duration)
        engine = self._engine
        ordinal = None if amount == 0 else engine.local_ordinal(start)
        return from_us(engine.add(instant, amount, ordinal), self.zone)

    def subtract(self, end: datetime, duration: timedelta) -> datetime:
        """The latest instant from which ``duration`` of business time runs to ``end``.

        The same as ``add(end, -duration)``.
        """
        return self._add(end, -duration_us(duration), duration)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Business time between two instants: the real time inside windows, signed.

        ``elapsed(b, a) == -elapsed(a, b)``.
        """
        return us_to_timedelta(self._engine.elapsed(to_us(start, "start"), to_us(end, "end")))

    def is_open(self, instant: datetime) -> bool:
        """Whether ``instant`` lies inside a business window (half-open ``[opens, closes)``)."""
        return self._engine.window_at(to_us(instant, "instant")) is not None

    def next_open(self, instant: datetime) -> datetime:
        """The earliest instant at or after ``instant`` when the calendar is open.

        That is ``instant`` itself when it is inside a window.
        """
        return from_us(self._engine.next_open(to_us(instant, "instant")), self.zone)

    def next_close(self, instant: datetime) -> datetime:
        """The close of the window that contains ``instant``, or else of the next window."""
        return from_us(self._engine.next_close(to_us(instant, "instant")), self.zone)

    def windows(self, start: datetime, end: datetime) -> list[BusinessWindow]:
        """The business windows that overlap ``[start, end)``, in order, unclipped."""
        zone = self.zone
        return [
            BusinessWindow(from_us(low, zone), from_us(high, zone))
            for low, high in self._engine.intervals_between(
                to_us(start, "start"), to_us(end, "end")
            )
        ]

    # -- facts for explanations ----------------------------------------------

    def holiday_name(self, day: date) -> str | None:
        """The name of the holiday on local date ``day``, or None when it is not one."""
        table = self._engine.year(_local_date(day).year)
        if day in table.holidays.closed:
            return table.holidays.name_of(day) or "holiday"
        return None

    def is_makeup_workday(self, day: date) -> bool:
        """Whether local date ``day`` is a make-up workday that opens on a rest day."""
        return day in self._engine.year(_local_date(day).year).holidays.makeup

    def dst_changes(self, start: datetime, end: datetime) -> list[tuple[datetime, timedelta]]:
        """UTC-offset changes in ``[start, end)``: the instant and the new offset."""
        low, high = to_us(start, "start"), to_us(end, "end")
        result: list[tuple[datetime, timedelta]] = []
        if high <= low:
            return result
        previous = utc_offset_us(self.zone, low)
        # Offsets change rarely: probe daily, then bisect each change to the second.
        probe = low
        while probe < high:
            step = min(probe + US_PER_DAY, high)
            offset = utc_offset_us(self.zone, step)
            if offset != previous:
                lo_s, hi_s = probe // 1_000_000, -(-step // 1_000_000)
                while lo_s < hi_s:
                    mid = (lo_s + hi_s) // 2
                    if utc_offset_us(self.zone, mid * 1_000_000) == previous:
                        lo_s = mid + 1
                    else:
                        hi_s = mid
                when = lo_s * 1_000_000
                if low <= when < high:
                    result.append((from_us(when, self.zone), us_to_timedelta(offset)))
                previous = offset
            probe = step
        return result


def _local_date(day: object) -> date:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise InvalidInstantError(
            f"expected a local calendar date such as date(2025, 10, 1), got {shown(day)} of "
            f"type {type(day).__name__}"
        )
    return day


def _rebuild(
    zone: str, hours: WeeklyHours, holidays: HolidaySource, strict: bool
) -> BusinessCalendar:
    return BusinessCalendar(zone, hours, holidays, strict=strict)
