"""The business calendar: the public face of the engine, with datetimes.

[`BusinessCalendar`][connected_care_sla.BusinessCalendar] validates its
arguments, turns datetimes into integer microseconds once, asks the engine
(`engine`), and turns the answer back into an aware datetime in the
calendar's zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .._instants import (
    EPOCH,
    US_PER_DAY,
    duration_us,
    from_us,
    reachable,
    to_us,
    us_to_timedelta,
    utc_offset_us,
    zone_of,
)
from .._text import WEEKDAY_NAMES, shown
from ..exceptions import (
    CalendarNeverOpensError,
    CalendarVersionsError,
    CalendarVersionsTypeError,
    HoursTypeError,
    InvalidHolidaysError,
    InvalidInstantError,
)
from .engine import Engine
from .holidays import HolidaysLike, HolidaySource, holiday_source
from .hours import TimeWindow, WeeklyHours, date_windows
from .rules import Overrides, Rules

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

    Examples:
        >>> from datetime import datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> cal = BusinessCalendar("Asia/Shanghai")
        >>> friday = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> cal.add(friday, timedelta(hours=4)).isoformat()
        '2025-06-09T12:00:00+08:00'

    Args:
        zone: an IANA zone name (``"Asia/Shanghai"``) or a ``ZoneInfo``.
        hours: weekly windows; a [`WeeklyHours`][connected_care_sla.WeeklyHours]
            or a mapping such as ``{"Mon-Fri": "09:00-12:00, 13:00-18:00"}``.
            Default Mon-Fri 09:00-18:00.
        holidays: closed dates: a country code (``"CN"``, ``"US-CA"``), a tuple
            ``("US", "CA")``, a ``holidays`` object, dates, or a list combining them.
        workdays: extra make-up workdays: dates whose weekday has no weekly
            windows, opened with the make-up hours. A date that is also a holiday
            stays closed; to change the hours of a date whose weekday has windows,
            give it an override.
        overrides: hours of single local dates, beating weekly hours, holidays
            and make-up workdays: ``{date(2025, 12, 24): "09:00-13:00"}``,
            ``"closed"``, ``"09:00-12:00,13:00-15:00"`` or an overnight
            ``"22:00-06:00"``. The date before an overridden date has its overnight
            windows cut at midnight, as before a holiday; an overnight override
            window is cut at midnight when the next date is closed, and refused
            when it would run into the next date's weekly hours.
        strict: when a computation reaches a year that a country's holiday data
            does not officially cover (China publishes its make-up workdays one
            year at a time), raise
            [`HolidayHorizonError`][connected_care_sla.exceptions.HolidayHorizonError]
            instead of warning with
            [`HolidayHorizonWarning`][connected_care_sla.exceptions.HolidayHorizonWarning].

    The calendar is immutable, hashable and safe to share between threads;
    calendars built from equal arguments compare equal.
    """

    zone: ZoneInfo
    hours: WeeklyHours
    holidays: HolidaySource
    strict: bool
    overrides: Overrides
    versions: tuple[tuple[date, BusinessCalendar], ...]
    _engine: Engine = field(compare=False, repr=False, hash=False)

    def __init__(
        self,
        zone: str | ZoneInfo,
        hours: WeeklyHours | dict[int | str, object] | None = None,
        holidays: HolidaysLike = None,
        *,
        workdays: Iterable[date] = (),
        overrides: Mapping[date, object] | Overrides | None = None,
        strict: bool = False,
    ) -> None:
        tz = zone_of(zone)
        weekly = WeeklyHours.default() if hours is None else WeeklyHours.parse(hours)  # type: ignore[arg-type]
        source = holiday_source(holidays, workdays)
        _check_workdays(weekly, source)
        exact = _overrides(overrides)
        object.__setattr__(self, "zone", tz)
        object.__setattr__(self, "hours", weekly)
        object.__setattr__(self, "holidays", source)
        object.__setattr__(self, "strict", bool(strict))
        object.__setattr__(self, "overrides", exact)
        object.__setattr__(self, "versions", ())
        rules = Rules.of(None, weekly, source, exact, bool(strict))
        object.__setattr__(self, "_engine", Engine(tz, (rules,)))

    @classmethod
    def from_versions(cls, versions: Mapping[date, BusinessCalendar]) -> BusinessCalendar:
        """One calendar whose rules change over time: each version in force from its date on.

        Each local date takes its weekly hours, holidays, make-up workdays and
        overrides from the version in force on it; before the first version's
        date the first version applies. An overnight window belongs to the date
        it opens on (and so to that date's version); the next date's own version
        says whether it is closed and so cuts the window at midnight. Adding a
        version from a date never changes business time before that date, so
        answers about the past stay what they were.

        Examples:
            >>> from datetime import date, datetime, timedelta
            >>> from zoneinfo import ZoneInfo
            >>> cal = BusinessCalendar.from_versions({
            ...     date(2025, 1, 1): BusinessCalendar("Europe/Berlin"),
            ...     date(2025, 4, 1): BusinessCalendar("Europe/Berlin", {"Mon-Fri": "08:00-17:00"}),
            ... })
            >>> berlin = ZoneInfo("Europe/Berlin")
            >>> cal.next_open(datetime(2025, 3, 31, 7, 0, tzinfo=berlin)).isoformat()
            '2025-03-31T09:00:00+02:00'
            >>> cal.next_open(datetime(2025, 4, 1, 7, 0, tzinfo=berlin)).isoformat()
            '2025-04-01T08:00:00+02:00'

        Args:
            versions: local dates mapped to plain calendars, all in one zone.

        Returns:
            A calendar accepted wherever a calendar is. Its ``versions`` lists
            the ``(date, calendar)`` pairs in date order; its ``hours``,
            ``holidays``, ``overrides`` and ``strict`` are the first version's.

        Raises:
            CalendarVersionsTypeError: not a mapping of ``datetime.date`` to
                ``BusinessCalendar``.
            CalendarVersionsError: no versions, versions in different zones, or
                a version that is itself versioned.
            InvalidHoursError: the windows of two versions overlap across the
                date the later one starts.
        """
        pairs = _versions(versions)
        first = pairs[0][1]
        rules = tuple(
            Rules.of(None if index == 0 else day, c.hours, c.holidays, c.overrides, c.strict)
            for index, (day, c) in enumerate(pairs)
        )
        calendar = object.__new__(cls)
        for name in ("zone", "hours", "holidays", "strict", "overrides"):
            object.__setattr__(calendar, name, getattr(first, name))
        object.__setattr__(calendar, "versions", pairs)
        object.__setattr__(calendar, "_engine", Engine(first.zone, rules))
        return calendar

    def to_dict(self) -> dict[str, object]:
        """The calendar as plain data (the calendar file's shape, JSON-friendly).

        Backends keep per-customer calendars in a database this way;
        ``BusinessCalendar.from_dict(cal.to_dict()) == cal``. Parts that plain
        data cannot hold (a ``holidays`` class defined in code) are refused by
        name with `UnwritableCalendarError`.

        Examples:
            >>> BusinessCalendar("Asia/Shanghai", holidays="CN").to_dict()["zone"]
            'Asia/Shanghai'
        """
        from .data import calendar_to_dict

        return calendar_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> BusinessCalendar:
        """A calendar from plain data in the calendar file's shape (see `to_dict`).

        Raises:
            CalendarFileError: a key, a value or a type the shape does not
                allow, naming the key and the value received.
        """
        from .data import calendar_from_dict

        return calendar_from_dict(data)

    def version_on(self, day: date) -> BusinessCalendar:
        """The plain calendar in force on local date ``day`` (itself when not versioned)."""
        day = _local_date(day)
        if not self.versions:
            return self
        current = self.versions[0][1]
        for start, calendar in self.versions:
            if start <= day:
                current = calendar
        return current

    def __repr__(self) -> str:
        if self.versions:
            shown_versions = ", ".join(f"{day!r}: {cal!r}" for day, cal in self.versions)
            return f"BusinessCalendar.from_versions({{{shown_versions}}})"
        parts = [repr(self.zone.key)]
        if self.hours != WeeklyHours.default():
            parts.append(f"hours={self.hours!r}")
        if not self.holidays.empty:
            parts.append(f"holidays={self.holidays.describe()!r}")
        if self.overrides:
            shown_overrides = ", ".join(
                f"{day!r}: {_windows_text(windows)!r}" for day, windows in self.overrides
            )
            parts.append(f"overrides={{{shown_overrides}}}")
        if self.strict:
            parts.append("strict=True")
        return f"BusinessCalendar({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """Weekly hours, zone and holidays as HTML, for notebooks (each version, if any)."""
        from ..display import CalendarView, calendar_html

        if self.versions:
            return "".join(
                f"<div><p><b>In force from {day.isoformat()}</b>"
                f"{' (and before)' if index == 0 else ''}</p>{calendar._repr_html_()}</div>"
                for index, (day, calendar) in enumerate(self.versions)
            )

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
            overrides=tuple((day, _windows_text(windows)) for day, windows in self.overrides),
        )
        return calendar_html(view)

    def __dask_tokenize__(self) -> str:
        """A deterministic token for Dask: equal calendars give equal tokens.

        Dask hashes the arguments of ``map_partitions``; the calendar's caches
        and lock are not part of its value. A versioned calendar's token covers
        every version.
        """
        if self.versions:
            return "Versions|" + "|".join(
                f"{day.isoformat()}={cal.__dask_tokenize__()}" for day, cal in self.versions
            )
        overrides = "".join(
            f"|{day.isoformat()}={_windows_text(windows)}" for day, windows in self.overrides
        )
        return (
            f"BusinessCalendar|{self.zone.key}|{self.hours!r}|{self.holidays.token()}|"
            f"{self.strict}{overrides}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        if self.versions:
            return (_rebuild_versions, (self.versions,))
        return (
            _rebuild,
            (self.zone.key, self.hours, self.holidays, self.strict, self.overrides),
        )

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

    def _add(self, start: datetime, amount: int, duration: object, what: str = "start") -> datetime:
        instant = to_us(start, what)
        reachable(start, instant, amount, duration)
        return from_us(self._engine.add(instant, amount), self.zone)

    def subtract(self, end: datetime, duration: timedelta) -> datetime:
        """The latest instant from which ``duration`` of business time runs to ``end``.

        The same as ``add(end, -duration)``.
        """
        return self._add(end, -duration_us(duration), duration, "end")

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Business time between two instants: the real time inside windows, signed.

        ``elapsed(b, a) == -elapsed(a, b)``.
        """
        if (
            type(start) is datetime
            and type(end) is datetime
            and type(start.tzinfo) is ZoneInfo
            and type(end.tzinfo) is ZoneInfo
        ):
            # The common case, as to_us would take it, without two calls.
            first, last = start - EPOCH, end - EPOCH
            low = (first.days * 86_400 + first.seconds) * 1_000_000 + first.microseconds
            high = (last.days * 86_400 + last.seconds) * 1_000_000 + last.microseconds
        else:
            low, high = to_us(start, "start"), to_us(end, "end")
        return us_to_timedelta(self._engine.elapsed(low, high))

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

    def previous_close(self, instant: datetime) -> datetime:
        """``instant`` itself when it is inside a window or exactly at a close, else the
        latest close before it: the mirror of `next_open` (a roll backward).

        Raises:
            InvalidInstantError: ``instant`` is naive or not a datetime.
            CalendarNeverOpensError: no window closes before ``instant``: the
                calendar has no weekly windows and no override opens a date
                before it, or it had no business time for decades.
            ResultOutOfRangeError: the search left the years ``datetime`` holds.
        """
        return from_us(self._engine.previous_close(to_us(instant, "instant")), self.zone)

    def previous_open(self, instant: datetime) -> datetime:
        """The opening of the window containing ``instant``, else of the latest window
        before it: the mirror of `next_close`.

        Raises as `previous_close` does.
        """
        return from_us(self._engine.window_before(to_us(instant, "instant"))[0], self.zone)

    def window_at_or_before(self, instant: datetime) -> BusinessWindow | None:
        """The window containing ``instant``, else the latest window that closed by it.

        None when no window ever closed before ``instant`` (the calendar cannot
        open before it); beyond the years ``datetime`` holds, ResultOutOfRangeError.
        """
        at = to_us(instant, "instant")
        try:
            low, high = self._engine.window_before(at)
        except CalendarNeverOpensError:
            return None
        return BusinessWindow(from_us(low, self.zone), from_us(high, self.zone))

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
        """The name of the holiday on local date ``day``, or None when it is not one.

        An overridden date takes its hours from its override alone, so it is
        not a holiday here (see `override_on`).
        """
        facts = self._engine.holidays_on(_local_date(day))
        if day in facts.closed and self.override_on(day) is None:
            return facts.name_of(day) or "holiday"
        return None

    def is_makeup_workday(self, day: date) -> bool:
        """Whether local date ``day`` is a make-up workday that opens on a rest day.

        An overridden date opens with its override's hours, never as a make-up day.
        """
        in_table = day in self._engine.holidays_on(_local_date(day)).makeup
        return in_table and self.override_on(day) is None

    def override_on(self, day: date) -> tuple[TimeWindow, ...] | None:
        """The windows an override gives local date ``day`` (empty: closed), or None."""
        day = _local_date(day)
        return dict(self.version_on(day).overrides).get(day)

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
    zone: str,
    hours: WeeklyHours,
    holidays: HolidaySource,
    strict: bool,
    overrides: Overrides = (),
) -> BusinessCalendar:
    return BusinessCalendar(zone, hours, holidays, strict=strict, overrides=overrides)


def _rebuild_versions(versions: tuple[tuple[date, BusinessCalendar], ...]) -> BusinessCalendar:
    return BusinessCalendar.from_versions(dict(versions))


def _versions(value: object) -> tuple[tuple[date, BusinessCalendar], ...]:
    """Check the argument of ``from_versions`` and sort it by date."""
    if not isinstance(value, Mapping):
        raise CalendarVersionsTypeError(
            argument="versions",
            value=value,
            expected="a mapping of datetime.date to BusinessCalendar, e.g. "
            "{date(2025, 1, 1): BusinessCalendar('Asia/Shanghai')}",
        )
    if not value:
        raise CalendarVersionsError(
            argument="versions",
            value=value,
            problem="no versions given",
            expected="at least one date mapped to a BusinessCalendar",
        )
    pairs: list[tuple[date, BusinessCalendar]] = []
    for day, calendar in value.items():
        if not isinstance(day, date) or isinstance(day, datetime):
            raise CalendarVersionsTypeError(
                argument="the date a version is in force from",
                value=day,
                expected="a local datetime.date such as date(2026, 3, 1)",
            )
        if not isinstance(calendar, BusinessCalendar):
            raise CalendarVersionsTypeError(
                argument=f"the version from {day.isoformat()}",
                value=calendar,
                expected="a BusinessCalendar",
            )
        if calendar.versions:
            raise CalendarVersionsError(
                argument=f"the version from {day.isoformat()}",
                value=calendar,
                problem=f"the version from {day.isoformat()} has versions of its own",
                expected="plain calendars (give each of its versions its own date instead)",
            )
        pairs.append((day, calendar))
    pairs.sort(key=lambda pair: pair[0])
    zone = pairs[0][1].zone.key
    for day, calendar in pairs[1:]:
        if calendar.zone.key != zone:
            raise CalendarVersionsError(
                argument=f"the version from {day.isoformat()}",
                value=calendar.zone.key,
                problem=f"the version from {day.isoformat()} is in {calendar.zone.key}, the "
                f"version from {pairs[0][0].isoformat()} in {zone}",
                expected=f"every version in one zone ({zone})",
            )
    return tuple(pairs)


def _windows_text(windows: tuple[TimeWindow, ...]) -> str:
    """An override's windows as the text it is written in (``'closed'`` when none)."""
    return ",".join(map(str, windows)) if windows else "closed"


def _overrides(value: object) -> Overrides:
    """Read ``overrides`` (a mapping of dates to window text, or pairs) into sorted pairs."""
    if value is None:
        return ()
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, tuple) and all(isinstance(i, tuple) and len(i) == 2 for i in value):
        items = list(value)
    else:
        raise HoursTypeError(
            f"overrides must map dates to hours, e.g. {{date(2025, 12, 24): '09:00-13:00'}}, "
            f"got {shown(value)} of type {type(value).__name__}",
            value=value,
        )
    result: dict[date, tuple[TimeWindow, ...]] = {}
    for day, hours in items:
        if not isinstance(day, date) or isinstance(day, datetime):
            raise HoursTypeError(
                f"an override's key must be a local datetime.date such as date(2025, 12, 24), "
                f"got {shown(day)} of type {type(day).__name__}",
                value=day,
            )
        if day in result:
            raise InvalidHolidaysError(f"the date {day.isoformat()} is overridden twice")
        label = f"the override of {day.isoformat()}"
        if isinstance(hours, str) or (
            isinstance(hours, tuple) and all(isinstance(w, TimeWindow) for w in hours)
        ):
            result[day] = date_windows(list(hours) if isinstance(hours, tuple) else hours, label)
        else:
            raise HoursTypeError(
                f"{label} must be 'closed' or windows such as '09:00-13:00' or "
                f"'09:00-12:00,13:00-15:00', got {shown(hours)} of type {type(hours).__name__}",
                value=hours,
            )
    return tuple(sorted(result.items()))


def _check_workdays(hours: WeeklyHours, source: HolidaySource) -> None:
    """An explicit make-up workday opens only a date whose weekday has no weekly windows."""
    for day in sorted(source.workdays):
        weekday = day.weekday()
        if hours.days[weekday]:
            raise InvalidHolidaysError(
                f"the workday {day.isoformat()} is a {WEEKDAY_NAMES[weekday]}, which already "
                f"has weekly hours; a make-up workday opens only a date whose weekday has none. "
                f"To change that date's hours, give overrides={{date({day.year}, {day.month}, "
                f"{day.day}): '09:00-18:00'}} with the hours it should have"
            )
