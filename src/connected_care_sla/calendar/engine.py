"""The business calendar and its exact, span-independent arithmetic.

Integers in, integers out: instants are microseconds since the epoch and
amounts are business microseconds; nothing here validates. Business time is
the real time that passes inside business windows. Each local date ``D`` holds
``A(D)`` microseconds of it. For almost every date that is the *nominal*
amount of its weekday (the wall-clock length of its windows); only a few dates
a year differ:

* holidays (closed), make-up workdays (opened), dates whose hours an
  override replaces, the day before a closed or overridden date when an
  overnight window is cut at midnight, and
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
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from .._instants import (
    EPOCH_ORDINAL,
    MAX_ORDINAL,
    MIN_ORDINAL,
    US_PER_DAY,
    local_ordinal_and_wall,
    resolve_wall,
    utc_offset_us,
)
from .._text import WEEKDAY_NAMES, shown, wall_text
from ..exceptions import (
    CalendarNeverOpensError,
    HolidayHorizonError,
    HolidayHorizonWarning,
    InvalidHoursError,
    ResultOutOfRangeError,
    warn_caller,
)
from .holidays import HolidaySource, HolidayYear
from .hours import TimeWindow, WeeklyHours

__all__ = ["Engine"]

_Intervals = tuple[tuple[int, int], ...]
_Windows = tuple[tuple[int, int], ...]  # wall-clock µs since the opening date's midnight
Overrides = tuple[tuple[date, tuple[TimeWindow, ...]], ...]
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
class _YearTable:
    """The special dates of one calendar year, with exact windows and deltas."""

    holidays: HolidayYear
    ordinals: tuple[int, ...]  # sorted special dates
    delta_prefix: tuple[int, ...]  # delta_prefix[i] = sum of deltas of ordinals[:i]
    intervals: dict[int, _Intervals]
    dst_days: frozenset[int]
    fold_dates: frozenset[int]  # dates local time may go back into across midnight
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


class Engine:
    """Per-calendar precomputation and a bounded, thread-safe year cache."""

    __slots__ = (
        "_cache",
        "_days",
        "_lock",
        "fold_dates",
        "holidays",
        "lookahead_us",
        "makeup",
        "nominal",
        "open_years",
        "overnight",
        "overrides",
        "prefix",
        "reach",
        "strict",
        "week_us",
        "windows",
        "zone",
    )

    def __init__(
        self,
        zone: ZoneInfo,
        hours: WeeklyHours,
        holidays: HolidaySource,
        strict: bool,
        overrides: Overrides = (),
    ) -> None:
        self.zone = zone
        self.strict = strict
        self.holidays = holidays
        self.windows: tuple[_Windows, ...] = tuple(
            tuple((w.opens_us, w.closes_us) for w in day) for day in hours.days
        )
        self.makeup = tuple((w.opens_us, w.closes_us) for w in hours.makeup_windows)
        self.overrides: dict[int, _Windows] = {
            day.toordinal(): tuple((w.opens_us, w.closes_us) for w in windows)
            for day, windows in overrides
        }
        self.nominal = tuple(sum(end - start for start, end in day) for day in self.windows)
        self.week_us = sum(self.nominal)
        # Without weekly windows only overrides open: the years they open in bound every search.
        opening = sorted(o for o, windows in self.overrides.items() if windows)
        self.open_years = (_year_of(opening[0]), _year_of(opening[-1])) if opening else None
        # Targets up to this size may end within the look-ahead dates of `locate`.
        self.lookahead_us = _LOOKAHEAD_DATES * max(self.nominal)
        self.overnight = any(
            end > US_PER_DAY
            for windows in (*self.windows, self.makeup, *self.overrides.values())
            for _, end in windows
        )
        # The dates from an instant's base whose windows may hold it: the base and
        # the local date itself when overnight windows move the base back (see
        # `_dates_from` for the date after).
        self.reach = 2 if self.overnight else 1
        # Dates into which local time may go back across midnight (near a DST change
        # that sets clocks back), gathered as years are built.
        self.fold_dates: frozenset[int] = frozenset()
        prefix = [0]
        for index in range(14):
            prefix.append(prefix[-1] + self.nominal[index % 7])
        self.prefix = tuple(prefix)
        self._cache: OrderedDict[int, _YearTable] = OrderedDict()
        self._days: dict[int, _Intervals] = {}
        self._lock = threading.Lock()
        if self.overnight:
            self._check_overrides()
            self._check_makeup(holidays.workdays, holidays.dates)

    def _check_overrides(self) -> None:
        """Refuse an overnight override window that runs into the next date's hours."""
        closed, makeup = self.holidays.dates, self.holidays.workdays
        for ordinal, windows in sorted(self.overrides.items()):
            spill = max((end - US_PER_DAY for _, end in windows), default=0)
            after = date.fromordinal(ordinal + 1)
            if spill <= 0 or ordinal + 1 in self.overrides or after in closed:
                continue
            following = self.day_windows(ordinal + 1, closed, makeup)
            first_open = min((start for start, _ in following), default=US_PER_DAY)
            if spill > first_open:
                raise InvalidHoursError(
                    f"the override of {date.fromordinal(ordinal).isoformat()} runs overnight "
                    f"until {wall_text(spill)}, into the hours of {after.isoformat()} (opening "
                    f"at {wall_text(first_open)}); shorten it or override {after.isoformat()} too"
                )

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
        """One date's exact intervals: an override's windows beat everything else.

        ``closed`` holds the closed dates of the year (and January 1 of the
        next when it is closed); an overridden date counts as closed for the
        date before it, whose overnight windows are cut at its midnight.
        """
        day = date.fromordinal(ordinal)
        windows = self.overrides.get(ordinal)
        if windows is None:
            if day in closed:
                return ()
            windows = self.makeup if day in makeup else self.windows[_weekday(ordinal)]
        result: list[tuple[int, int]] = []
        next_closed = date.fromordinal(ordinal + 1) in closed or ordinal + 1 in self.overrides
        for start, end in windows:
            if end > US_PER_DAY and next_closed:
                end = US_PER_DAY  # a closed date closes its whole local date
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
            self.fold_dates |= table.fold_dates
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
            warn_caller(message, HolidayHorizonWarning)
        closed = this.closed
        makeup = this.makeup
        candidates: set[int] = {o for o in self.overrides if first <= o < stop}
        for day in this.closed | this.makeup:
            candidates.add(day.toordinal())
        if self.overnight:
            candidates |= {o - 1 for o in tuple(candidates)}
            self._check_makeup(makeup, closed)
        if self.overnight and year < _MAX_YEAR:
            # An overnight window of December 31 is cut by a closed January 1.
            new_year = date.fromordinal(stop)
            if new_year in self.holidays.year(year + 1).closed or stop in self.overrides:
                closed = closed | {new_year}
                candidates.add(stop - 1)
        dst_days, breaks, offsets, folds = self._dst_candidates(first, stop)
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
            fold_dates=frozenset(folds),
            offset_breaks=tuple(breaks),
            offsets=tuple(offsets),
            first=first,
            stop=stop,
            through=through,
            total=self.nominal_sum(first, stop) + prefix[-1],
        )

    def _check_makeup(self, makeup: frozenset[date], closed: frozenset[date]) -> None:
        """Refuse make-up workdays whose hours collide with a neighbour's overnight window."""
        for day in sorted(makeup):
            ordinal = day.toordinal()
            if ordinal in self.overrides:
                continue
            before, after = date.fromordinal(ordinal - 1), date.fromordinal(ordinal + 1)
            previous = self.day_windows(ordinal - 1, closed, makeup)
            spill = max((end - US_PER_DAY for _, end in previous), default=0)
            first_open = min((start for start, _ in self.makeup), default=US_PER_DAY)
            if spill > first_open:
                raise InvalidHoursError(
                    f"the make-up workday {day.isoformat()} opens at {wall_text(first_open)}, "
                    f"inside the overnight window of {before.isoformat()} (until "
                    f"{wall_text(spill)}); choose another makeup_day or give the date an override"
                )
            own = max((end - US_PER_DAY for _, end in self.makeup), default=0)
            following = self.day_windows(ordinal + 1, closed, makeup)
            if (
                after not in closed
                and ordinal + 1 not in self.overrides
                and own > min((start for start, _ in following), default=US_PER_DAY)
            ):
                raise InvalidHoursError(
                    f"the make-up workday {day.isoformat()} runs overnight until "
                    f"{wall_text(own)}, into the hours of {after.isoformat()} "
                    f"({WEEKDAY_NAMES[_weekday(ordinal + 1)]}); choose another makeup_day or "
                    f"give the date an override"
                )

    def day_windows(
        self, ordinal: int, closed: frozenset[date], makeup: frozenset[date]
    ) -> _Windows:
        """The wall-clock windows of one date, before any cut at midnight."""
        windows = self.overrides.get(ordinal)
        if windows is not None:
            return windows
        day = date.fromordinal(ordinal)
        if day in closed:
            return ()
        return self.makeup if day in makeup else self.windows[_weekday(ordinal)]

    def _dst_candidates(
        self, first: int, stop: int
    ) -> tuple[set[int], list[int], list[int], set[int]]:
        """Dates near a UTC-offset change, the offset of the other dates, and fold dates.

        Offsets are probed once a day (changes are weeks apart); every date
        within a day of a change is special and gets exact windows. The dates
        near a change that sets clocks back are fold dates: local time may go
        back across midnight into them.
        """
        result: set[int] = set()
        folds: set[int] = set()
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
                if offset < previous:
                    folds.update(range(low - 1, high + 2))
                breaks.append(high + 2)
                offsets.append(offset)
                previous = offset
        return result, breaks, offsets, folds

    # -- the questions, in integers ------------------------------------------
    #
    # Instants are µs since the epoch; amounts are business µs. Nothing here
    # validates: BusinessCalendar and deadlines.py hand over checked integers.

    def add(self, start: int, amount: int, ordinal: int | None = None) -> int:
        """The earliest instant by which ``amount`` business µs have passed since ``start``.

        A negative amount counts back: the latest instant from which ``-amount``
        runs up to ``start``. ``ordinal`` is the local date of ``start`` when
        the caller knows it already (:meth:`local_ordinal` of the datetime).
        """
        if amount == 0:
            return start
        if ordinal is None:
            base = self.base_of(start)
        else:
            base = ordinal - 1 if self.overnight else ordinal
        return self.locate(base, self.partial(base, start) + amount, latest=amount < 0)

    def elapsed(self, start: int, end: int) -> int:
        """Business µs between two instants, signed."""
        if end < start:
            return -self.elapsed(end, start)
        base_a, base_b = self.base_of(start), self.base_of(end)
        return (
            self.business_sum(base_a, base_b)
            + self.partial(base_b, end)
            - self.partial(base_a, start)
        )

    def window_at(self, at: int) -> tuple[int, int] | None:
        """The business interval ``[opens, closes)`` that contains ``at``, or None."""
        base = self.base_of(at)
        local = base + self.reach - 1
        for day in range(base, local + 1):
            for low, high in self.intervals(day):
                if low <= at < high:
                    return low, high
                if at < low:
                    return None
        if local in self.fold_dates:  # an hour repeated after time went back across midnight
            for low, high in self.intervals(local + 1):
                if low <= at < high:
                    return low, high
                if at < low:
                    return None
        return None

    def previous_close(self, at: int) -> int:
        """``at`` inside a window or exactly at a close, else the latest close before it.

        Counts back one business µs from ``at`` (through the year totals, never
        over days) and steps forward to the close that µs ends. Raises
        CalendarNeverOpensError when the calendar has no business time before
        ``at`` (no windows at all, or none in the decades before), and
        ResultOutOfRangeError when the search leaves the supported years.
        """
        if self.window_at(at) is not None:
            return at
        base = self.base_of(at)
        return self.locate(base, self.partial(base, at) - 1, latest=False) + 1

    def window_before(self, at: int) -> tuple[int, int]:
        """The interval that contains ``at``, else the latest one that closes by ``at``.

        Raises as :meth:`previous_close` does.
        """
        window = self.window_at(at)
        if window is not None:
            return window
        close = self.previous_close(at)
        window = self.window_at(close - 1)
        if window is None:  # pragma: no cover - a close always ends a window
            raise AssertionError("previous_close returned no window's close")
        return window

    def next_open(self, at: int) -> int:
        """The earliest instant at or after ``at`` inside a window."""
        base = self.base_of(at)
        return self.locate(base, self.partial(base, at), latest=True)

    def next_close(self, at: int) -> int:
        """The close of the window that contains ``at``, or else of the next window."""
        window = self.window_at(self.next_open(at))
        if window is None:  # pragma: no cover - next_open always lands inside a window
            raise AssertionError("next_open returned a closed instant")
        return window[1]

    def intervals_between(self, low: int, high: int) -> list[tuple[int, int]]:
        """The business intervals that overlap ``[low, high)``, in order, unclipped."""
        if high <= low:
            return []
        last = self.base_of(high)
        return [
            (start, end)
            for ordinal in range(self.base_of(low), max(last + 2, self._dates_from(last).stop))
            for start, end in self.intervals(ordinal)
            if start < high and end > low
        ]

    def _dates_from(self, base: int) -> range:
        """The dates whose windows may hold an instant of base ``base``, in order.

        After the instant's local date comes the next date when local time can go
        back across midnight into it: an instant in the repeated hour has the
        earlier local date but may lie in a window of the next one.
        """
        local = base + self.reach - 1
        self.intervals(local)  # builds the year that says whether time goes back into it
        return range(base, local + (2 if local in self.fold_dates else 1))

    # -- positions ----------------------------------------------------------

    def partial(self, base: int, instant: int) -> int:
        """Business µs in the windows of the dates from ``base`` before ``instant``.

        ``base`` comes from :meth:`base_of`: the instant's local date, or the
        date before it when overnight windows can reach into that date. The
        date after the local date counts too when local time can go back across
        midnight into the local date (see :meth:`_dates_from`).
        """
        total = 0
        local = base
        if self.overnight:
            for low, high in self.intervals(base):
                if instant <= low:
                    return total  # dates' windows follow one another in time
                total += (high if high < instant else instant) - low
            local = base + 1
        for low, high in self.intervals(local):
            if instant <= low:
                return total
            total += (high if high < instant else instant) - low
        if local in self.fold_dates:  # an hour repeated after time went back across midnight
            for low, high in self.intervals(local + 1):
                if instant <= low:
                    return total
                total += (high if high < instant else instant) - low
        return total

    def base_of(self, instant: int) -> int:
        """The first date whose windows can hold ``instant``: positions count from it."""
        ordinal, _ = local_ordinal_and_wall(instant, self.zone)
        return ordinal - 1 if self.overnight else ordinal

    def local_ordinal(self, instant: datetime) -> int:
        """The local date (ordinal) of an aware datetime, without a round trip through integers."""
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
        return ordinal

    def locate(self, base: int, target: int, *, latest: bool) -> int:
        """The instant at which ``target`` µs of business time since ``base`` has passed.

        ``latest=False``: the earliest such instant (``target > 0``): a target
        that runs out exactly at a close is that close. ``latest=True``: the
        latest such instant (``target >= 0``): exactly at a close, it is the
        next opening.
        """
        if self.week_us == 0 and self.open_years is None:
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
            if not self.week_us:
                self._check_opens(year, forward=False)
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

    def _check_opens(self, year: int, *, forward: bool) -> None:
        """Without weekly windows, only the years of the overrides hold business time."""
        span = self.open_years
        if span is None:
            return
        if year > span[1] if forward else year < span[0]:
            edge = "last" if forward else "first"
            raise CalendarNeverOpensError(
                f"this calendar has no weekly windows and its overrides open no date "
                f"{'after' if forward else 'before'} {span[1] if forward else span[0]} (its "
                f"{edge} opening), so the business time asked for can never elapse"
            )

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
            if not self.week_us:
                self._check_opens(year, forward=True)
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
