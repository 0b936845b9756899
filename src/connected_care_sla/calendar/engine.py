"""The business calendar's arithmetic: exact, span-independent, in integers.

Integers in, integers out: instants are microseconds since the epoch and
amounts are business microseconds; nothing here validates. Business time is
the real time that passes inside business windows.

The timeline of one calendar year is laid out once (lazily, cached and
bounded): every business interval whose window opens on a local date of the
year, as sorted integer arrays of starts and ends, with the business time
through the end of each interval. Each local date takes its windows from the
rules in force on it (the calendar's version for that date): an override's
windows, else closed on a holiday, else the make-up hours on a make-up
workday, else the weekday's hours; an overnight window is cut at midnight
when the next date (by that date's own rules) is closed or overridden.

A question is then answered with a bisection or two in one year's arrays, and
whole years are skipped by their totals: never a walk over days or hours.
Working on the timeline, not on local dates, keeps every zone exact: an
instant of an hour repeated after local time went back across midnight lies
in the interval that holds it, whatever local date its wall clock shows.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from .._instants import EPOCH_ORDINAL, US_PER_DAY, resolve_wall, utc_offset_us
from .._text import shown
from ..exceptions import CalendarNeverOpensError, InvalidHoursError, ResultOutOfRangeError
from .holidays import HolidayYear
from .rules import RuleBook, Rules, year_of, year_start

__all__ = ["Engine"]

_MIN_YEAR: Final = 2  # one spare year at each end of datetime's range
_MAX_YEAR: Final = 9998
_MAX_EMPTY_YEARS: Final = 30
_YEAR_CACHE_SIZE: Final = 256
_ONE_US: Final = timedelta(microseconds=1)
_PROBE_DAYS: Final = 3


@dataclass(frozen=True, slots=True)
class _Year:
    """The business intervals of the windows that open on the dates of one year."""

    year: int
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    through: tuple[int, ...]  # business µs from the year's first interval to the end of each
    total: int
    low: int  # the year's local midnight of January 1
    high: int  # the next year's local midnight of January 1

    def position(self, at: int) -> int:
        """Business µs of this year's intervals before ``at``."""
        index = bisect_right(self.ends, at)
        position = self.through[index - 1] if index else 0
        if index < len(self.starts) and self.starts[index] < at:
            position += at - self.starts[index]
        return position

    def earliest(self, goal: int) -> int:
        """The earliest instant at which ``0 < goal <= total`` has passed (a close, if exact)."""
        index = bisect_left(self.through, goal)
        return self.ends[index] - (self.through[index] - goal)

    def latest(self, goal: int) -> tuple[int, int]:
        """The latest instant at ``0 <= goal < total`` (an opening, if exact), and its interval."""
        index = bisect_right(self.through, goal)
        ends = self.ends[index]
        return ends - (self.through[index] - goal), index


class Engine(RuleBook):
    """A calendar's rules with a bounded, thread-safe cache of laid-out years."""

    __slots__ = (
        "_last",
        "_midnights",
        "_totals",
        "_years",
        "first_opening",
        "last_opening",
        "opens",
        "overnight",
        "zone",
    )

    def __init__(self, zone: ZoneInfo, rules: tuple[Rules, ...]) -> None:
        super().__init__(rules)
        self.zone = zone
        self.overnight = any(
            end > US_PER_DAY
            for r in rules
            for windows in (*r.weekly, r.makeup, *r.overrides.values())
            for _, end in windows
        )
        self._years: OrderedDict[int, _Year] = OrderedDict()
        self._totals: dict[int, int] = {}
        self._midnights: dict[int, int] = {}
        self._last: _Year | None = None
        self.opens, self.first_opening, self.last_opening = self._opening_bounds()
        if self.overnight:
            self._check_overrides()
            self._check_explicit_makeup()
            self._check_versions()

    def holidays_on(self, day: date) -> HolidayYear:
        """The holiday facts of the year of ``day`` under the version in force on it.

        Asking about a year whose holiday data is not official warns (or, for a
        strict calendar, raises) as any other question about that year does.
        """
        self.total(day.year)
        return self.facts(self.rules_on(day.toordinal()), day.year)

    # -- one year -----------------------------------------------------------

    def midnight(self, year: int) -> int:
        """The instant of local midnight starting January 1 of ``year``."""
        found = self._midnights.get(year)
        if found is None:
            found = resolve_wall(self.zone, year_start(year), 0)
            self._midnights[year] = found
        return found

    def year(self, year: int) -> _Year:
        """The laid-out business intervals of ``year``, computed once and cached (bounded)."""
        table = self._years.get(year)
        if table is not None:
            return table
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise ResultOutOfRangeError(
                f"the computation reached the year {year}; business arithmetic is supported "
                f"for the years {_MIN_YEAR} to {_MAX_YEAR}"
            )
        table = self._build_year(year)
        with self._lock:
            self._years[year] = table
            while len(self._years) > _YEAR_CACHE_SIZE:
                self._years.popitem(last=False)
        return table

    def total(self, year: int) -> int:
        """Business µs of the intervals of ``year``, without laying the year out.

        Whole years are skipped by their totals: the nominal hours of each
        version's weekdays, corrected on the few special dates (holidays,
        make-up workdays, overrides, their eves, version changes, DST changes).
        """
        table = self._years.get(year)
        if table is not None:
            return table.total
        found = self._totals.get(year)
        if found is None:
            if not _MIN_YEAR <= year <= _MAX_YEAR:
                self.year(year)  # the library's error, naming the supported years
            found = self._count_year(year)
            with self._lock:
                if len(self._totals) > 16 * _YEAR_CACHE_SIZE:
                    self._totals.clear()
                self._totals[year] = found
        return found

    def _plan(self, year: int) -> tuple[int, int, frozenset[int], list[int], set[int]]:
        """The first and stop ordinals, DST dates, daily offsets and special dates of a year."""
        first, stop = year_start(year), year_start(year + 1)
        if year not in self._totals and year not in self._years:
            self._warn_uncovered(year, first, stop)
        if self.overnight:
            for rules in self.rules:
                makeup = self.facts(rules, year).makeup
                self._check_makeup(
                    frozenset(d for d in makeup if self.rules_on(d.toordinal()) is rules)
                )
        exact, offsets = self._offsets(first, stop)
        special = set(exact)
        for index, rules in enumerate(self.rules):
            following = self.starts[index + 1] if index + 1 < len(self.rules) else None
            if rules.first >= stop or (following is not None and following <= first):
                continue  # not in force in this year
            facts = self.facts(rules, year)
            marked = {d.toordinal() for d in facts.closed | facts.makeup}
            marked.update(o for o in rules.overrides if first - 1 <= o <= stop)
            if rules.first > first:
                marked.add(rules.first)
            special |= marked
            special |= {o - 1 for o in marked}  # the date before may be cut at midnight
        special.add(stop - 1)  # a closed January 1 may cut December 31
        return first, stop, exact, offsets, special

    def _date_intervals(
        self, ordinal: int, midnight: int | None, special: bool
    ) -> list[tuple[int, int]]:
        """One date's business intervals; ``midnight`` None: resolve each edge exactly."""
        if special:
            windows, cut = self._day(ordinal)
        else:
            windows, cut = self.rules_on(ordinal).weekly[(ordinal - 1) % 7], False
        result = []
        for opens, closes in windows:
            if cut and closes > US_PER_DAY:
                closes = US_PER_DAY  # a closed date closes its whole local date
            if midnight is None:
                low = resolve_wall(self.zone, ordinal, opens)
                high = resolve_wall(self.zone, ordinal, closes)
            else:
                low, high = midnight + opens, midnight + closes
            if high > low:
                result.append((low, high))
        return result

    def _count_year(self, year: int) -> int:
        first, stop, exact, offsets, special = self._plan(year)
        total = 0
        for index, rules in enumerate(self.rules):
            low = max(first, rules.first)
            high = min(stop, self.starts[index + 1]) if index + 1 < len(self.rules) else stop
            if low < high:
                weeks, rest = divmod(high - low, 7)
                total += weeks * rules.week_us
                for ordinal in range(low, low + rest):
                    total += sum(b - a for a, b in rules.weekly[(ordinal - 1) % 7])
        for ordinal in special:
            if not first <= ordinal < stop:
                continue
            nominal = sum(b - a for a, b in self.rules_on(ordinal).weekly[(ordinal - 1) % 7])
            midnight = None
            if ordinal not in exact:
                midnight = (ordinal - EPOCH_ORDINAL) * US_PER_DAY - offsets[ordinal - first]
            exact_us = sum(b - a for a, b in self._date_intervals(ordinal, midnight, True))
            total += exact_us - nominal
        return total

    def _build_year(self, year: int) -> _Year:
        first, stop, exact, offsets, special = self._plan(year)
        starts: list[int] = []
        ends: list[int] = []
        through: list[int] = []
        total = 0
        last_end = None
        for ordinal in range(first, stop):
            midnight = None
            if ordinal not in exact:
                midnight = (ordinal - EPOCH_ORDINAL) * US_PER_DAY - offsets[ordinal - first]
            for low, high in self._date_intervals(ordinal, midnight, ordinal in special):
                if last_end is not None and low < last_end:
                    raise InvalidHoursError(
                        f"the windows of {date.fromordinal(ordinal).isoformat()} overlap those "
                        f"of the date before (an overnight window runs into this date's hours); "
                        f"give one of the two dates an override"
                    )
                total += high - low
                starts.append(low)
                ends.append(high)
                through.append(total)
                last_end = high
        return _Year(
            year=year,
            starts=tuple(starts),
            ends=tuple(ends),
            through=tuple(through),
            total=total,
            low=self.midnight(year),
            high=self.midnight(year + 1),
        )

    def _offsets(self, first: int, stop: int) -> tuple[frozenset[int], list[int]]:
        """The dates near a UTC-offset change, and the offset of every date of the year.

        The offset at each UTC midnight is known from probes every
        ``_PROBE_DAYS`` days, with the days between probed one by one when two
        probes differ: no zone changes its offset and back within that many
        days (the shortest such return in the tz database is 6.96 days). Every
        date within a day of a change gets its window edges resolved exactly;
        ``offsets[i]`` is the offset at the UTC midnight of date ``first + i``.
        """
        days = stop - first + 3
        start_s = (first - 2 - EPOCH_ORDINAL) * 86_400
        daily: list[int | None] = [None] * (days + 1)
        for step in (*range(0, days, _PROBE_DAYS), days):
            daily[step] = self._offset_at(start_s + step * 86_400)
        for step in range(0, days, _PROBE_DAYS):
            end = min(step + _PROBE_DAYS, days)
            if daily[step] == daily[end]:
                for day in range(step + 1, end):
                    daily[day] = daily[step]
            else:
                for day in range(step + 1, end):
                    daily[day] = self._offset_at(start_s + day * 86_400)
        exact: set[int] = set()
        previous = daily[0]
        for step in range(1, days + 1):
            offset = daily[step]
            assert offset is not None
            assert previous is not None
            if offset != previous:
                probe = (start_s + step * 86_400) * 1_000_000
                low = (probe - US_PER_DAY + min(offset, previous)) // US_PER_DAY + EPOCH_ORDINAL
                high = (probe + max(offset, previous)) // US_PER_DAY + EPOCH_ORDINAL
                exact.update(range(low - 1, high + 2))
                previous = offset
        offsets = [o for o in daily[2 : 2 + stop - first] if o is not None]
        return frozenset(exact), offsets

    def _offset_at(self, seconds: int) -> int:
        """The UTC offset (µs) at an instant given in whole seconds since the epoch."""
        try:
            shift = datetime.fromtimestamp(seconds, self.zone).utcoffset()
        except (OverflowError, ValueError, OSError):  # at the ends of datetime's range
            return utc_offset_us(self.zone, seconds * 1_000_000)
        return 0 if shift is None else shift // _ONE_US

    # -- finding an instant's year --------------------------------------------

    def _table_of(self, at: int) -> _Year:
        """The year whose intervals hold or follow ``at``: positions count in it."""
        table = self._last
        if table is None or not table.low <= at < table.high:
            year = year_of(at // US_PER_DAY + EPOCH_ORDINAL)
            if not _MIN_YEAR <= year <= _MAX_YEAR:
                self.year(year)  # the library's error, naming the supported years
            if at < self.midnight(year):
                year -= 1
            elif at >= self.midnight(year + 1):
                year += 1
            table = self.year(year)
            self._last = table
        if self.overnight and (not table.starts or at < table.starts[0]):
            # The overnight window of December 31 may hold it.
            before = self.year(table.year - 1)
            if before.ends and at < before.ends[-1]:
                return before
        return table

    def _next_year(self, year: int, total: int, empty: int) -> tuple[int, int]:
        """The year after ``year`` (of ``total`` business µs) for a search going forward."""
        if self.last_opening is not None and year >= year_of(self.last_opening):
            raise CalendarNeverOpensError(
                f"this calendar opens no date after {date.fromordinal(self.last_opening)} (its "
                f"last opening: it has no weekly windows after that), so the business time "
                f"asked for can never elapse"
            )
        if year >= _MAX_YEAR:
            raise ResultOutOfRangeError(
                f"the result would lie after the year {_MAX_YEAR}, outside the supported range"
            )
        empty = empty + 1 if total == 0 else 0
        _check_empty(empty)
        return year + 1, empty

    def _previous_year(self, year: int, total: int, empty: int) -> tuple[int, int]:
        """The year before ``year`` (of ``total`` business µs) for a search going back."""
        if self.first_opening is not None and year <= year_of(self.first_opening):
            raise CalendarNeverOpensError(
                f"this calendar opens no date before {date.fromordinal(self.first_opening)} (its "
                f"first opening: it has no weekly windows before that), so the business time "
                f"asked for can never elapse"
            )
        if year <= _MIN_YEAR:
            raise ResultOutOfRangeError(
                f"the result would lie before the year {_MIN_YEAR}, outside the supported range"
            )
        empty = empty + 1 if total == 0 else 0
        _check_empty(empty)
        return year - 1, empty

    # -- the questions, in integers ------------------------------------------
    #
    # Instants are µs since the epoch; amounts are business µs. Nothing here
    # validates: BusinessCalendar and the deadlines hand over checked integers.

    def add(self, start: int, amount: int) -> int:
        """The earliest instant by which ``amount`` business µs have passed since ``start``.

        A negative amount counts back: the latest instant from which ``-amount``
        runs up to ``start`` (exactly at an opening, that opening).
        """
        if amount == 0:
            return start
        if not self.opens:
            raise_never_opens()
        table = self._last
        if table is None or not table.low <= start < table.high or self.overnight:
            table = self._table_of(start)
        # The position of ``start``: business µs of the year's intervals before it.
        ends, through = table.ends, table.through
        index = bisect_right(ends, start)
        goal = through[index - 1] + amount if index else amount
        if index < len(ends) and table.starts[index] < start:
            goal += start - table.starts[index]
        total = table.total
        if 0 < goal <= total:  # the common case: the answer lies in the same year
            if amount > 0:
                found = bisect_left(through, goal)
                return ends[found] - (through[found] - goal)
            return table.latest(goal)[0]
        if amount > 0 and goal > total and self.last_opening is None:
            # The next most common case: the answer lies in the next year, already laid out.
            following = self._years.get(table.year + 1)
            rest = goal - total
            if following is not None and rest <= following.total:
                through = following.through
                found = bisect_left(through, rest)
                return following.ends[found] - (through[found] - rest)
        year, empty = table.year, 0
        if amount > 0:
            while goal > total:
                goal -= total
                year, empty = self._next_year(year, total, empty)
                total = self.total(year)
            return self.year(year).earliest(goal)
        while goal < 0:
            year, empty = self._previous_year(year, total, empty)
            total = self.total(year)
            goal += total
        return self.year(year).latest(goal)[0]

    def elapsed(self, start: int, end: int) -> int:
        """Business µs between two instants, signed."""
        if end < start:
            return -self.elapsed(end, start)
        first = self._last
        if first is None or not first.low <= start < first.high or self.overnight:
            first = self._table_of(start)
        if end < first.high and not self.overnight:
            # Both in one year: the business time of its intervals between the two.
            starts, ends, through = first.starts, first.ends, first.through
            low = bisect_right(ends, start)
            high = bisect_right(ends, end)
            total = (through[high - 1] if high else 0) - (through[low - 1] if low else 0)
            if high < len(starts) and starts[high] < end:
                total += end - starts[high]
            if low < len(starts) and starts[low] < start:
                total -= start - starts[low]
            return total
        last = self._table_of(end)
        total = last.position(end) - first.position(start)
        for year in range(first.year, last.year):
            total += self.total(year)
        return total

    def _forward(self, at: int) -> tuple[_Year, int, int]:
        """The latest instant at ``at``'s position (``at`` itself when open), with its interval."""
        if not self.opens:
            raise_never_opens()
        table = self._table_of(at)
        goal, empty = table.position(at), 0
        year, total = table.year, table.total
        while goal >= total:
            goal -= total
            year, empty = self._next_year(year, total, empty)
            total = self.total(year)
        table = self.year(year)
        instant, index = table.latest(goal)
        return table, index, instant

    def window_at(self, at: int) -> tuple[int, int] | None:
        """The business interval ``[opens, closes)`` that contains ``at``, or None."""
        table = self._table_of(at)
        index = bisect_right(table.ends, at)
        if index < len(table.starts) and table.starts[index] <= at:
            return table.starts[index], table.ends[index]
        return None

    def window_before(self, at: int) -> tuple[int, int]:
        """The interval that contains ``at``, else the latest one that closes by ``at``.

        Raises CalendarNeverOpensError when no window closes before ``at`` (no
        weekly windows and no opening before it, or none for decades), and
        ResultOutOfRangeError when the search leaves the supported years.
        """
        table = self._table_of(at)
        index = bisect_right(table.ends, at)
        if index < len(table.starts) and table.starts[index] <= at:
            return table.starts[index], table.ends[index]
        if not self.opens:
            raise_never_opens()
        empty, year, total = 0, table.year, table.total
        if index == 0:
            while True:
                year, empty = self._previous_year(year, total, empty)
                total = self.total(year)
                if total:
                    break
            table = self.year(year)
            index = len(table.ends)
        return table.starts[index - 1], table.ends[index - 1]

    def previous_close(self, at: int) -> int:
        """``at`` inside a window or exactly at a close, else the latest close before it."""
        low, high = self.window_before(at)
        return at if low <= at <= high else high

    def next_open(self, at: int) -> int:
        """The earliest instant at or after ``at`` inside a window."""
        return self._forward(at)[2]

    def next_close(self, at: int) -> int:
        """The close of the window that contains ``at``, or else of the next window."""
        table, index, _ = self._forward(at)
        return table.ends[index]

    def intervals_between(self, low: int, high: int) -> list[tuple[int, int]]:
        """The business intervals that overlap ``[low, high)``, in order, unclipped."""
        if high <= low:
            return []
        table = self._table_of(low)
        index = bisect_right(table.ends, low)
        result: list[tuple[int, int]] = []
        while True:
            starts, ends = table.starts, table.ends
            while index < len(starts):
                if starts[index] >= high:
                    return result
                result.append((starts[index], ends[index]))
                index += 1
            # The next year's windows open at its local midnight or later.
            if table.high >= high or table.year >= _MAX_YEAR:
                return result
            table, index = self.year(table.year + 1), 0

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


def raise_never_opens() -> None:
    """The error of a calendar with no business window anywhere."""
    raise CalendarNeverOpensError(
        "this calendar has no business windows on any weekday, so no business time "
        "can elapse; give weekly hours such as {'Mon-Fri': '09:00-18:00'}"
    )


def _check_empty(empty_years: int) -> None:
    if empty_years > _MAX_EMPTY_YEARS:
        raise CalendarNeverOpensError(
            f"this calendar had no business time in {_MAX_EMPTY_YEARS} consecutive years "
            f"(every open date is a holiday), so the duration can never elapse"
        )
