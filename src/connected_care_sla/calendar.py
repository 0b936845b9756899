"""The business calendar and its exact, span-independent arithmetic.

SPEC 3.2 to 3.7 as one engine. Business time is the real time that passes
inside business windows. Each local date ``D`` holds ``A(D)`` microseconds of
it. For almost every date that is the *nominal* amount of its weekday (the
wall-clock length of its windows); only a few dates a year differ:

* holidays (closed), make-up workdays (opened), the day before a holiday when
  an overnight window is cut at midnight, and
* dates whose windows a DST change cuts through, or whose window edges fall in
  a DST gap or overlap.

Those *special* dates are found once per calendar year (lazily, cached and
bounded) and kept with their exact windows and their difference from the
nominal amount. Sums of business time over any run of dates are then whole
weeks times the weekly total, plus a partial week, plus the differences of the
special dates in the run: a bisection, never a walk over days or hours.
"""

from __future__ import annotations

import threading
import warnings
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from ._holidays import HolidaysLike, HolidaySource, HolidayYear, holiday_source
from ._instants import (
    EPOCH_ORDINAL,
    MAX_ORDINAL,
    MAX_US,
    MIN_ORDINAL,
    MIN_US,
    US_PER_DAY,
    duration_us,
    from_us,
    local_ordinal_and_wall,
    resolve_wall,
    to_us,
    us_to_timedelta,
    utc_offset_us,
    zone_of,
)
from ._repr import shown
from .exceptions import (
    CalendarNeverOpensError,
    HolidayHorizonError,
    HolidayHorizonWarning,
    InvalidInstantError,
    ResultOutOfRangeError,
)
from .hours import WeeklyHours

__all__ = ["BusinessCalendar", "BusinessWindow"]

_Intervals = tuple[tuple[int, int], ...]
_MIN_YEAR: Final = 2  # one spare year at each end of datetime's range
_MAX_YEAR: Final = 9998
_MAX_EMPTY_YEARS: Final = 30
_YEAR_CACHE_SIZE: Final = 256
_DAY_CACHE_SIZE: Final = 8192
_LOOKAHEAD_DATES: Final = 4


def _year_of(ordinal: int) -> int:
    """The year of a date ordinal; the library's error outside datetime's range."""
    if not MIN_ORDINAL <= ordinal <= MAX_ORDINAL:
        raise ResultOutOfRangeError(
            "the computation reached a date outside the range datetime can represent "
            "(years 1 to 9999)"
        )
    return date.fromordinal(ordinal).year


def _weekday(ordinal: int) -> int:
    return (ordinal - 1) % 7  # date.fromordinal(1) is a Monday


def _year_start(year: int) -> int:
    return date(year, 1, 1).toordinal()


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


@dataclass(frozen=True, slots=True)
class _YearTable:
    """The special dates of one calendar year, with exact windows and deltas."""

    holidays: HolidayYear
    ordinals: tuple[int, ...]  # sorted special dates
    delta_prefix: tuple[int, ...]  # delta_prefix[i] = sum of deltas of ordinals[:i]
    intervals: dict[int, _Intervals]
    dst_days: frozenset[int]
    # The UTC offset of regular (non-special) dates: offsets[i] holds from
    # offset_breaks[i - 1] on (offsets[0] from the year's start).
    offset_breaks: tuple[int, ...]
    offsets: tuple[int, ...]
    first: int  # ordinal of January 1
    stop: int  # ordinal of the next January 1
    through: tuple[int, ...]  # business µs from January 1 to the end of ordinals[i]
    total: int  # business µs of the whole year


def _within(intervals: _Intervals, rest: int, latest: bool) -> int | None:
    """The instant ``rest`` business µs into one date's intervals, or None if beyond.

    Earliest (``latest=False``): an amount that ends exactly at a close is that
    close. Latest: it is the next opening instead.
    """
    consumed = 0
    for low, high in intervals:
        length = high - low
        if (consumed + length > rest) if latest else (consumed + length >= rest):
            return low + (rest - consumed)
        consumed += length
    return None


class _Engine:
    """Per-calendar precomputation and a bounded, thread-safe year cache."""

    __slots__ = (
        "_cache",
        "_days",
        "_lock",
        "holidays",
        "lookahead_us",
        "makeup",
        "nominal",
        "overnight",
        "prefix",
        "strict",
        "week_us",
        "windows",
        "zone",
    )

    def __init__(
        self, zone: ZoneInfo, hours: WeeklyHours, holidays: HolidaySource, strict: bool
    ) -> None:
        self.zone = zone
        self.strict = strict
        self.holidays = holidays
        self.windows: tuple[tuple[tuple[int, int], ...], ...] = tuple(
            tuple((w.opens_us, w.closes_us) for w in day) for day in hours.days
        )
        self.makeup = tuple((w.opens_us, w.closes_us) for w in hours.makeup_windows)
        self.nominal = tuple(sum(end - start for start, end in day) for day in self.windows)
        self.week_us = sum(self.nominal)
        # Targets up to this size may end within the look-ahead dates of `locate`.
        self.lookahead_us = _LOOKAHEAD_DATES * max(self.nominal)
        self.overnight = any(end > US_PER_DAY for day in self.windows for _, end in day) or any(
            end > US_PER_DAY for _, end in self.makeup
        )
        prefix = [0]
        for index in range(14):
            prefix.append(prefix[-1] + self.nominal[index % 7])
        self.prefix = tuple(prefix)
        self._cache: OrderedDict[int, _YearTable] = OrderedDict()
        self._days: dict[int, _Intervals] = {}
        self._lock = threading.Lock()

    # -- sums ---------------------------------------------------------------

    def nominal_sum(self, first: int, stop: int) -> int:
        """Nominal business µs of the dates ``[first, stop)`` (``first <= stop``)."""
        weeks, rest = divmod(stop - first, 7)
        weekday = _weekday(first)
        return weeks * self.week_us + self.prefix[weekday + rest] - self.prefix[weekday]

    def business_sum(self, first: int, stop: int) -> int:
        """Exact business µs of the dates ``[first, stop)``, signed."""
        if stop < first:
            return -self.business_sum(stop, first)
        total = self.nominal_sum(first, stop)
        cursor = first
        while cursor < stop:
            year = _year_of(cursor)
            table = self.year(year)
            end = min(stop, _year_start(year + 1) if year < 9999 else stop)
            low = bisect_left(table.ordinals, cursor)
            high = bisect_left(table.ordinals, end)
            total += table.delta_prefix[high] - table.delta_prefix[low]
            cursor = end
        return total

    # -- one date -----------------------------------------------------------

    def intervals(self, ordinal: int) -> _Intervals:
        """The business intervals (µs since the epoch) of the windows of one date."""
        known = self._days.get(ordinal)
        if known is not None:
            return known
        table = self.year(_year_of(ordinal))
        result = table.intervals.get(ordinal)
        if result is None:
            # A regular date: no DST change touches it, so one offset serves all edges.
            breaks = table.offset_breaks
            offset = table.offsets[bisect_right(breaks, ordinal) if breaks else 0]
            midnight = (ordinal - EPOCH_ORDINAL) * US_PER_DAY - offset
            result = tuple(
                (midnight + start, midnight + end) for start, end in self.windows[_weekday(ordinal)]
            )
        if len(self._days) >= _DAY_CACHE_SIZE:
            self._days.clear()  # bounded: a long-running process never grows past this
        self._days[ordinal] = result
        return result

    def _exact_intervals(
        self, ordinal: int, closed: frozenset[date], makeup: frozenset[date]
    ) -> _Intervals:
        day = date.fromordinal(ordinal)
        if day in closed:
            return ()
        windows = self.makeup if day in makeup else self.windows[_weekday(ordinal)]
        result: list[tuple[int, int]] = []
        next_closed = date.fromordinal(ordinal + 1) in closed
        for start, end in windows:
            if end > US_PER_DAY and next_closed:
                end = US_PER_DAY  # a holiday closes its whole local date
            low = resolve_wall(self.zone, ordinal, start)
            high = resolve_wall(self.zone, ordinal, end)
            if high > low:
                result.append((low, high))
        return tuple(result)

    # -- one year -----------------------------------------------------------

    def year(self, year: int) -> _YearTable:
        """The special dates of ``year``, computed once and cached (bounded)."""
        table = self._cache.get(year)
        if table is not None:
            return table
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise ResultOutOfRangeError(
                f"the computation reached the year {year}; business arithmetic is supported "
                f"for the years {_MIN_YEAR} to {_MAX_YEAR}"
            )
        table = self._build_year(year)
        with self._lock:
            self._cache[year] = table
            while len(self._cache) > _YEAR_CACHE_SIZE:
                self._cache.popitem(last=False)
        return table

    def _build_year(self, year: int) -> _YearTable:
        first, stop = _year_start(year), _year_start(year + 1)
        this = self.holidays.year(year)
        if this.uncovered:
            message = (
                f"holiday data for {year} is not official for: {'; '.join(this.uncovered)}; "
                f"deadlines in {year} may miss holidays or make-up workdays"
            )
            if self.strict:
                raise HolidayHorizonError(message + " (the calendar is strict)")
            warnings.warn(message, HolidayHorizonWarning, stacklevel=4)
        closed = this.closed
        candidates: set[int] = set()
        for day in this.closed | this.makeup:
            candidates.add(day.toordinal())
            if self.overnight:
                candidates.add(day.toordinal() - 1)
        if self.overnight and year < _MAX_YEAR:
            # An overnight window of December 31 is cut by a holiday on January 1.
            new_year = date.fromordinal(stop)
            if new_year in self.holidays.year(year + 1).closed:
                closed = closed | {new_year}
                candidates.add(stop - 1)
        makeup = this.makeup
        dst_days, breaks, offsets = self._dst_candidates(first, stop)
        candidates |= dst_days
        ordinals: list[int] = []
        prefix = [0]
        intervals: dict[int, _Intervals] = {}
        for ordinal in sorted(c for c in candidates if first <= c < stop):
            exact = self._exact_intervals(ordinal, closed, makeup)
            delta = sum(b - a for a, b in exact) - self.nominal[_weekday(ordinal)]
            ordinals.append(ordinal)
            prefix.append(prefix[-1] + delta)
            intervals[ordinal] = exact
        through = tuple(
            self.nominal_sum(first, ordinal + 1) + prefix[index + 1]
            for index, ordinal in enumerate(ordinals)
        )
        return _YearTable(
            holidays=this,
            ordinals=tuple(ordinals),
            delta_prefix=tuple(prefix),
            intervals=intervals,
            dst_days=frozenset(dst_days),
            offset_breaks=tuple(breaks),
            offsets=tuple(offsets),
            first=first,
            stop=stop,
            through=through,
            total=self.nominal_sum(first, stop) + prefix[-1],
        )

    def _dst_candidates(self, first: int, stop: int) -> tuple[set[int], list[int], list[int]]:
        """Dates near a UTC-offset change, and the offset of the other dates.

        Offsets are probed once a day (changes are weeks apart); every date
        within a day of a change is special and gets exact windows.
        """
        result: set[int] = set()
        start_us = (first - 2 - EPOCH_ORDINAL) * US_PER_DAY
        previous = utc_offset_us(self.zone, start_us)
        breaks: list[int] = []
        offsets = [previous]
        for step in range(1, stop - first + 5):
            probe = start_us + step * US_PER_DAY
            offset = utc_offset_us(self.zone, probe)
            if offset != previous:
                low = (probe - US_PER_DAY + min(offset, previous)) // US_PER_DAY + EPOCH_ORDINAL
                high = (probe + max(offset, previous)) // US_PER_DAY + EPOCH_ORDINAL
                result.update(range(low - 1, high + 2))
                breaks.append(high + 2)
                offsets.append(offset)
                previous = offset
        return result, breaks, offsets

    # -- positions ----------------------------------------------------------

    def partial(self, base: int, instant: int) -> int:
        """Business µs in the windows of the dates from ``base`` before ``instant``.

        ``base`` comes from :meth:`base_of`: the instant's local date, or the
        date before it when overnight windows can reach into that date.
        """
        total = 0
        for ordinal in (base, base + 1) if self.overnight else (base,):
            for low, high in self.intervals(ordinal):
                if instant <= low:
                    break
                total += min(high, instant) - low
        return total

    def base_of(self, instant: int) -> int:
        """The first date whose windows can hold ``instant``: positions count from it."""
        ordinal, _ = local_ordinal_and_wall(instant, self.zone)
        return ordinal - 1 if self.overnight else ordinal

    def base_of_datetime(self, instant: datetime) -> int:
        """``base_of`` for an aware datetime, without a round trip through integers."""
        try:
            if instant.tzinfo is self.zone and (
                instant.utcoffset() == instant.replace(fold=1 - instant.fold).utcoffset()
            ):
                # Already local, and a wall time that occurs exactly once: its date is right.
                ordinal = instant.toordinal()
            else:
                # Through UTC: ``astimezone`` to the datetime's own tzinfo returns it
                # unchanged, wall fields and all, even for a wall time in a DST gap
                # (fold=1 there names an instant on the day before).
                ordinal = instant.astimezone(UTC).astimezone(self.zone).toordinal()
        except OverflowError as exc:
            raise ResultOutOfRangeError(
                f"{shown(instant)} lies at the edge of the range datetime can represent in "
                f"{self.zone.key}"
            ) from exc
        return ordinal - 1 if self.overnight else ordinal

    def locate(self, base: int, target: int, *, latest: bool) -> int:
        """The instant at which ``target`` µs of business time since ``base`` has passed.

        ``latest=False``: the earliest such instant (``target > 0``): a target
        that runs out exactly at a close is that close. ``latest=True``: the
        latest such instant (``target >= 0``): exactly at a close, it is the
        next opening.
        """
        if self.week_us == 0:
            raise CalendarNeverOpensError(
                "this calendar has no business windows on any weekday, so no business time "
                "can elapse; give weekly hours such as {'Mon-Fri': '09:00-18:00'}"
            )
        if target < 0:
            base, target = self._rebase_back(base, -target)
        elif target <= self.lookahead_us:
            # Most short targets end within a few dates (a weekend at most): look
            # there first. A fixed number of dates, so the cost stays flat.
            for _ in range(_LOOKAHEAD_DATES):
                intervals = self.intervals(base)
                found = _within(intervals, target, latest)
                if found is not None:
                    return found
                for low, high in intervals:
                    target -= high - low
                base += 1
        day, rest = self._find_day(base, target, latest)
        found = _within(self.intervals(day), rest, latest)
        if found is None:  # pragma: no cover - sums and windows always agree
            raise AssertionError("business sums and date windows disagree")
        return found

    def _rebase_back(self, base: int, amount: int) -> tuple[int, int]:
        """An earlier base with at least ``amount`` business µs before the old base."""
        cursor, gathered, empty = base, 0, 0
        while gathered < amount:
            year = _year_of(cursor - 1)
            start = _year_start(year)
            if year < _MIN_YEAR:
                raise ResultOutOfRangeError(
                    f"the result would lie before the year {_MIN_YEAR}, outside the supported range"
                )
            piece = self.business_sum(start, cursor)
            empty = empty + 1 if piece == 0 else 0
            self._check_empty(empty)
            gathered += piece
            cursor = start
        return cursor, gathered - amount

    @staticmethod
    def _check_empty(empty_years: int) -> None:
        if empty_years > _MAX_EMPTY_YEARS:
            raise CalendarNeverOpensError(
                f"this calendar had no business time in {_MAX_EMPTY_YEARS} consecutive years "
                f"(every open date is a holiday), so the duration can never elapse"
            )

    def _find_day(self, base: int, need: int, latest: bool) -> tuple[int, int]:
        """The first date ``D >= base`` whose windows carry the total past ``need``.

        "Past" is ``>= need`` for the earliest instant and ``> need`` for the
        latest. Returns ``D`` and the business µs still needed inside ``D``.
        Whole years are skipped by their totals, special dates found by
        bisection, and regular dates by whole weeks.
        """
        cursor, empty = base, 0
        while True:
            year = _year_of(cursor)
            if year > _MAX_YEAR:
                raise ResultOutOfRangeError(
                    f"the result would lie after the year {_MAX_YEAR}, outside the supported range"
                )
            table = self.year(year)
            first = bisect_left(table.ordinals, cursor)
            # Positions are business µs since the start of the year.
            at_cursor = self.nominal_sum(table.first, cursor) + table.delta_prefix[first]
            goal = at_cursor + need
            if (table.total > goal) if latest else (table.total >= goal):
                break
            need = goal - table.total
            empty = empty + 1 if table.total == at_cursor else 0
            self._check_empty(empty)
            cursor = table.stop

        ordinals, through = table.ordinals, table.through
        # The first special date by whose end the goal is reached.
        index = (bisect_right if latest else bisect_left)(through, goal, first)
        if index > first:
            regular_start, before = ordinals[index - 1] + 1, through[index - 1]
        else:
            regular_start, before = cursor, at_cursor
        if index < len(ordinals):
            special = ordinals[index]
            regular = self.nominal_sum(regular_start, special)
            if not ((before + regular > goal) if latest else (before + regular >= goal)):
                return special, goal - before - regular
        return self._nominal_find(regular_start, goal - before, latest)

    def _nominal_find(self, start: int, need: int, latest: bool) -> tuple[int, int]:
        """Within regular dates from ``start``: the date the nominal total passes ``need``."""
        weeks = need // self.week_us if latest else max(0, (need - 1) // self.week_us)
        day = start + 7 * weeks
        consumed = weeks * self.week_us
        while True:
            after = consumed + self.nominal[_weekday(day)]
            if (after > need) if latest else (after >= need):
                return day, need - consumed
            consumed = after
            day += 1


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
    _engine: _Engine = field(compare=False, repr=False, hash=False)

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
        object.__setattr__(self, "_engine", _Engine(tz, weekly, source, bool(strict)))

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
        from ._display import calendar_html

        return calendar_html(self)

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
        return self._add_us(start, duration_us(duration), duration)

    def _add_us(self, start: datetime, amount: int, duration: object) -> datetime:
        instant = to_us(start, "start")
        if amount == 0:
            return from_us(instant, self.zone)
        if not MIN_US <= instant + amount <= MAX_US:
            # Business time never passes faster than real time: fail at once.
            raise ResultOutOfRangeError(
                f"adding {shown(duration)} of business time to {start.isoformat()} goes past the "
                f"range datetime can represent ({datetime.min} to {datetime.max} UTC)"
            )
        engine = self._engine
        base = engine.base_of_datetime(start)
        target = engine.partial(base, instant) + amount
        return from_us(engine.locate(base, target, latest=amount < 0), self.zone)

    def subtract(self, end: datetime, duration: timedelta) -> datetime:
        """The latest instant from which ``duration`` of business time runs to ``end``.

        The same as ``add(end, -duration)``.
        """
        return self._add_us(end, -duration_us(duration), duration)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Business time between two instants: the real time inside windows, signed.

        ``elapsed(b, a) == -elapsed(a, b)``.
        """
        return us_to_timedelta(self._elapsed_us(to_us(start, "start"), to_us(end, "end")))

    def _elapsed_us(self, start: int, end: int) -> int:
        if end < start:
            return -self._elapsed_us(end, start)
        engine = self._engine
        base_a = engine.base_of(start)
        base_b = engine.base_of(end)
        return (
            engine.business_sum(base_a, base_b)
            + engine.partial(base_b, end)
            - engine.partial(base_a, start)
        )

    def is_open(self, instant: datetime) -> bool:
        """Whether ``instant`` lies inside a business window (half-open ``[opens, closes)``)."""
        at = to_us(instant, "instant")
        engine = self._engine
        base = engine.base_of(at)
        return any(
            low <= at < high for day in (base, base + 1) for low, high in engine.intervals(day)
        )

    def next_open(self, instant: datetime) -> datetime:
        """The earliest instant at or after ``instant`` when the calendar is open.

        That is ``instant`` itself when it is inside a window.
        """
        at = to_us(instant, "instant")
        engine = self._engine
        base = engine.base_of(at)
        return from_us(engine.locate(base, engine.partial(base, at), latest=True), self.zone)

    def next_close(self, instant: datetime) -> datetime:
        """The close of the window that contains ``instant``, or else of the next window."""
        opening = self.next_open(instant)
        at = to_us(opening, "instant")
        engine = self._engine
        base = engine.base_of(at)
        for day in (base, base + 1):
            for low, high in engine.intervals(day):
                if low <= at < high:
                    return from_us(high, self.zone)
        raise AssertionError("next_open returned a closed instant")  # pragma: no cover

    def windows(self, start: datetime, end: datetime) -> list[BusinessWindow]:
        """The business windows that overlap ``[start, end)``, in order, unclipped."""
        low_us, high_us = to_us(start, "start"), to_us(end, "end")
        if high_us <= low_us:
            return []
        engine = self._engine
        first = engine.base_of(low_us)
        last = engine.base_of(high_us) + 1
        result = []
        for ordinal in range(first, last + 1):
            for low, high in engine.intervals(ordinal):
                if low < high_us and high > low_us:
                    result.append(BusinessWindow(from_us(low, self.zone), from_us(high, self.zone)))
        return result

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
