"""A slow, obviously correct model of business time, to check the engine against.

It shares no code with ``connected_care_sla.calendar``: it walks local dates
one at a time, turns each date's windows into absolute instants (integer
microseconds since the Unix epoch) and walks those intervals. From the
calendar it reads only its inputs: ``.zone``, ``.hours``, ``.overrides`` and the
holiday facts ``cal.holidays.year(y)`` (closed dates and make-up workdays).

Rules (SPEC 3.3 to 3.5 and 3.9):

* an overridden date has exactly its override's windows, whatever else;
* otherwise a date's windows are those of its weekday; a make-up workday uses
  ``hours.makeup_windows``; a closed date has none;
* an overnight window whose next date is closed or overridden ends at midnight;
* a wall time that occurs once is that instant; one that occurs twice (an
  overlap) is its first occurrence; one that never occurs (a gap) is the first
  instant after the gap, i.e. the transition;
* business time is the real time inside the intervals, windows half-open.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from connected_care_sla import BusinessCalendar, WeeklyHours

US = timedelta(microseconds=1)
SECOND_US = 1_000_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_DAYS_WALKED = 40 * 366  # give up after this many dates (no test needs more)


def us_of(instant: datetime) -> int:
    """Microseconds since the epoch of an aware datetime."""
    return (instant - EPOCH) // US


def instant_of(us: int, zone: tzinfo) -> datetime:
    """The aware datetime in ``zone`` at ``us`` microseconds since the epoch."""
    return (EPOCH + us * US).astimezone(zone)


def _offset_us(zone: tzinfo, us: int) -> int:
    offset = instant_of(us, zone).utcoffset()
    assert offset is not None
    return offset // US


def _transition_after(zone: tzinfo, low: int) -> int:
    """The first instant after ``low`` at which the UTC offset changes.

    A plain scan, first minute by minute, then second by second (tz
    transitions fall on whole seconds). Only called for a wall time known to be
    in a gap, so a transition lies less than a few hours ahead.
    """
    before = _offset_us(zone, low)
    t = low - low % SECOND_US
    while _offset_us(zone, t + 60 * SECOND_US) == before:
        t += 60 * SECOND_US
    while _offset_us(zone, t + SECOND_US) == before:
        t += SECOND_US
    return t + SECOND_US


def resolve_wall(zone: tzinfo, day: date, wall_us: int) -> int:
    """The instant of local wall time ``day 00:00 + wall_us`` (SPEC 3.4)."""
    naive = datetime(day.year, day.month, day.day) + wall_us * US
    first = us_of(naive.replace(tzinfo=zone, fold=0))
    second = us_of(naive.replace(tzinfo=zone, fold=1))
    if first <= second:  # exists once (equal) or twice (overlap: fold=0 comes first)
        return first
    # A gap: fold=1 reads it with the offset after the jump, an instant before the jump.
    return _transition_after(zone, second)


@functools.lru_cache(maxsize=4096)
def _holiday_year(source: Any, year: int) -> tuple[frozenset[date], frozenset[date]]:
    facts = source.year(year)
    return facts.closed, facts.makeup


def _in_force(cal: BusinessCalendar, day: date) -> BusinessCalendar:
    """The plain calendar whose rules hold on ``day``: the latest version from on or before it."""
    versions = getattr(cal, "versions", ())
    if not versions:
        return cal
    chosen = versions[0][1]  # before the first version, the first applies
    for start, version in versions:
        if start <= day:
            chosen = version
    return chosen


def is_closed(cal: BusinessCalendar, day: date) -> bool:
    """Whether the holiday facts in force on ``day`` close it."""
    version = _in_force(cal, day)
    return day in _holiday_year(version.holidays, day.year)[0]


def day_intervals(cal: BusinessCalendar, day: date) -> tuple[tuple[int, int], ...]:
    """The business intervals ``[lo, hi)`` (µs since the epoch) of the windows of ``day``."""
    version = _in_force(cal, day)
    following = day + timedelta(days=1)
    after = _in_force(cal, following)
    after_closed = following in _holiday_year(after.holidays, following.year)[0] or (
        following in dict(after.overrides)
    )
    return _day_intervals(
        version.zone, version.hours, version.holidays, version.overrides, day, after_closed
    )


@functools.lru_cache(maxsize=1 << 16)
def _day_intervals(
    zone: ZoneInfo, hours: WeeklyHours, source: Any, overrides: Any, day: date, next_closed: bool
) -> tuple[tuple[int, int], ...]:
    special = dict(overrides)
    closed, makeup = _holiday_year(source, day.year)
    if day in special:
        windows = special[day]
    elif day in closed:
        return ()
    else:
        windows = hours.makeup_windows if day in makeup else hours.days[day.weekday()]
    result = []
    for window in windows:
        opens, closes = window.opens_us, window.closes_us
        if next_closed:  # a holiday closes its whole date: cut at midnight
            closes = min(closes, 24 * 3600 * SECOND_US)
        low = resolve_wall(zone, day, opens)
        high = resolve_wall(zone, day, closes)
        if high > low:
            result.append((low, high))
    return tuple(result)


def _local_date(cal: BusinessCalendar, us: int) -> date:
    return instant_of(us, cal.zone).date()


def _intervals_forward(cal: BusinessCalendar, since: int) -> Iterator[tuple[int, int]]:
    """All intervals that end after ``since``, in time order.

    Date order is time order; the assertion checks it rather than trusting it.
    """
    day = _local_date(cal, since) - timedelta(days=2)
    previous_high = None
    for _ in range(MAX_DAYS_WALKED):
        for low, high in day_intervals(cal, day):
            assert previous_high is None or low >= previous_high, "intervals overlap"
            previous_high = high
            if high > since:
                yield low, high
        day += timedelta(days=1)
    raise RuntimeError("reference model: no business time found")


def _intervals_backward(cal: BusinessCalendar, until: int) -> Iterator[tuple[int, int]]:
    """All intervals that start before ``until``, latest first."""
    day = _local_date(cal, until) + timedelta(days=1)
    previous_low = None
    for _ in range(MAX_DAYS_WALKED):
        for low, high in reversed(day_intervals(cal, day)):
            assert previous_low is None or high <= previous_low, "intervals overlap"
            previous_low = low
            if low < until:
                yield low, high
        day -= timedelta(days=1)
    raise RuntimeError("reference model: no business time found")


def ref_is_open(cal: BusinessCalendar, instant: datetime) -> bool:
    """Whether ``instant`` is inside a business window (half-open)."""
    at = us_of(instant)
    day = _local_date(cal, at)
    return any(
        low <= at < high
        for offset in (-2, -1, 0, 1)
        for low, high in day_intervals(cal, day + timedelta(days=offset))
    )


def ref_elapsed_us(cal: BusinessCalendar, start: int, end: int) -> int:
    """Signed business µs between two instants (µs since the epoch)."""
    if end < start:
        return -ref_elapsed_us(cal, end, start)
    total = 0
    for low, high in _intervals_forward(cal, start):
        if low >= end:
            break
        total += min(high, end) - max(low, start)
    return total


def ref_elapsed(cal: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    """Business time between two instants, signed."""
    return ref_elapsed_us(cal, us_of(start), us_of(end)) * US


def ref_add_us(cal: BusinessCalendar, start: int, amount: int) -> int:
    """``add`` on µs: earliest instant by which ``amount`` µs elapsed (latest, backwards)."""
    if amount == 0:
        return start
    if amount > 0:
        for low, high in _intervals_forward(cal, start):
            low = max(low, start)
            if amount <= high - low:
                return low + amount  # exactly at a close: that close
            amount -= high - low
    else:
        amount = -amount
        for low, high in _intervals_backward(cal, start):
            high = min(high, start)
            if amount <= high - low:
                return high - amount  # exactly at an opening: that opening
            amount -= high - low
    raise AssertionError("unreachable")  # pragma: no cover


def ref_add(cal: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    """The reference answer of ``cal.add(start, duration)``."""
    return instant_of(ref_add_us(cal, us_of(start), duration // US), cal.zone)


def ref_next_open(cal: BusinessCalendar, instant: datetime) -> datetime:
    """The earliest open instant at or after ``instant``."""
    at = us_of(instant)
    for low, high in _intervals_forward(cal, at):
        if high > low:
            return instant_of(max(low, at), cal.zone)
    raise AssertionError("unreachable")  # pragma: no cover


def ref_windows(cal: BusinessCalendar, start: datetime, end: datetime) -> list[tuple[int, int]]:
    """The intervals (µs since the epoch) that overlap ``[start, end)``, unclipped."""
    low_us, high_us = us_of(start), us_of(end)
    result = []
    if high_us <= low_us:
        return result
    for low, high in _intervals_forward(cal, low_us):
        if low >= high_us:
            break
        result.append((low, high))
    return result


def ref_window_before(cal: BusinessCalendar, instant: datetime) -> tuple[int, int]:
    """The interval containing ``instant``, else the latest one that closes by it."""
    at = us_of(instant)
    for low, high in _intervals_backward(cal, at + 1):
        return low, high  # the latest interval that opens at or before ``at``
    raise AssertionError("unreachable")  # pragma: no cover


def ref_previous_close(cal: BusinessCalendar, instant: datetime) -> datetime:
    """``instant`` inside a window or exactly at a close, else the latest close before it."""
    at = us_of(instant)
    low, high = ref_window_before(cal, instant)
    return instant_of(at if low <= at <= high else high, cal.zone)


def ref_previous_open(cal: BusinessCalendar, instant: datetime) -> datetime:
    """The opening of the window containing ``instant``, else of the latest before it."""
    return instant_of(ref_window_before(cal, instant)[0], cal.zone)
