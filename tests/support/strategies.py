"""Hypothesis strategies shared by the calendar tests.

Zones, weekly hours and instants come from the public toolkit,
:mod:`connected_care_sla.testing`, which policy authors use in their own tests:
the library is tested with the same strategies. This module adds what only the
calendar's own tests need (named hours in the forms ``BusinessCalendar``
parses, holidays near an instant, durations sized for the reference model, the
many ways to write one instant).

Instants stay within the years 2000 to 2035 (durations may carry results a few
years further). Strategies lean towards the cases that break business-time
arithmetic: instants exactly on window edges and DST transitions, durations of
whole hours, windows whose edges fall in DST gaps and overlaps.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import assume
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar, WeeklyHours, testing

US = timedelta(microseconds=1)
HOUR_US = 3_600_000_000
DAY_US = 24 * HOUR_US

ZONE_NAMES = (
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Shanghai",
    "Asia/Kolkata",
    "UTC",
)
ZONES = tuple(ZoneInfo(name) for name in ZONE_NAMES)

FIRST = datetime(2000, 1, 1, tzinfo=UTC)
LAST = datetime(2035, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)
FIRST_DAY = date(2000, 1, 3)
LAST_DAY = date(2035, 12, 28)

#: Weekly hours worth trying by name. ``None`` is the default Mon-Fri 09:00-18:00.
NAMED_HOURS: dict[str, Any] = {
    "default": None,
    "default-explicit": {"Mon-Fri": "09:00-18:00"},
    "split": {"Mon-Fri": "09:00-12:00, 13:00-18:00"},
    "overnight": {"Mon-Fri": "22:00-06:00"},
    "issue-mix": {"Mon-Fri": "09:00-12:00, 13:00-18:00", "Sat": "22:00-06:00"},
    "24x7": {"Mon-Sun": "00:00-24:00"},
    "evenings-to-24": {"Mon-Fri": "18:00-24:00", "Sun": "20:00-24:00"},
    "weekend-only": {"Sat-Sun": "10:00-16:00"},
    "dst-edges": {"Mon-Sun": "01:30-02:30, 23:00-23:59"},
    "early-gap": {"Mon-Fri": "00:00-02:30, 03:00-05:00"},
    "night-and-day": {"Mon-Sun": "20:00-08:00"},
    "odd-precision": {"Mon-Thu": "08:59:59.5-17:00:00.000001", "Fri": "09:00-09:01"},
    "sparse": {"Wed": "12:00-12:30"},
    "makeup-saturday": WeeklyHours.parse(
        {"Mon-Fri": "09:00-18:00", "Sat": "10:00-14:00"}, makeup_day="Sat"
    ),
}

zones = testing.zones(ZONE_NAMES)


def random_hours() -> st.SearchStrategy[WeeklyHours]:
    """Weekly hours that open at least once a week, as the public toolkit draws them."""
    return testing.weekly_hours()


weekly_hours = st.one_of(
    st.sampled_from(list(NAMED_HOURS.values())),
    random_hours(),
)


@functools.cache
def transitions(zone: ZoneInfo) -> tuple[datetime, ...]:
    """The UTC-offset changes of ``zone`` from 2000 to 2035, to the second (UTC)."""
    result = []
    probe = FIRST
    previous = probe.astimezone(zone).utcoffset()
    while probe < LAST:
        step = probe + timedelta(hours=6)
        offset = step.astimezone(zone).utcoffset()
        if offset != previous:
            low, high = probe, step  # the change lies in (low, high]
            while high - low > timedelta(seconds=1):
                mid = low + (high - low) // 2
                if mid.astimezone(zone).utcoffset() == previous:
                    low = mid
                else:
                    high = mid
            result.append(high)
            previous = offset
        probe = step
    return tuple(result)


SMALL_NUDGES = st.sampled_from(
    [timedelta(0), US, -US, timedelta(seconds=1), -timedelta(seconds=1), timedelta(minutes=-30)]
)
NUDGES = st.one_of(
    SMALL_NUDGES,
    st.integers(-48, 48).map(lambda h: timedelta(hours=h)),
    st.integers(-3 * DAY_US, 3 * DAY_US).map(lambda us: us * US),
)

RAW_NUDGES = st.one_of(
    st.integers(-8, 8).map(lambda k: k * timedelta(minutes=15)),
    SMALL_NUDGES,
)

#: Representations of one instant: the zone itself, UTC, extreme fixed offsets.
OFFSETS = (
    timezone(timedelta(hours=14)),
    timezone(timedelta(hours=-12)),
    timezone(timedelta(hours=5, minutes=45)),
    UTC,
)


def _wall(day: date, wall_us: int, zone: ZoneInfo, fold: int) -> datetime:
    naive = datetime.combine(day, time()) + wall_us * US
    # Normalise through UTC so that the datetime's fold agrees with its instant.
    return naive.replace(tzinfo=zone, fold=fold).astimezone(UTC).astimezone(zone)


def instants(
    zone: ZoneInfo,
    hours: WeeklyHours | None = None,
    near: datetime | None = None,
) -> st.SearchStrategy[datetime]:
    """An aware instant in ``zone``: random to the µs, or on a window edge, a DST change, a
    wall time in a DST gap, a rest day or midnight (:func:`connected_care_sla.testing.instants`).

    ``near`` keeps it within a few weeks of that instant (for a second instant
    of the same example).
    """
    calendar = BusinessCalendar(zone, hours)
    return testing.instants(calendar, start=FIRST_DAY, end=LAST_DAY, near=near)


def same_instant_in_zone(instant: datetime, zone: ZoneInfo) -> list[datetime]:
    """Every way to write ``instant`` as a wall time in ``zone`` (with a fold).

    Besides the normalised one, a wall time in a DST gap also names an instant
    (``utcoffset()`` reads it with the offset of its fold), e.g. Santiago's
    Sunday 00:30 with ``fold=1`` is Saturday 23:30 -04:00.
    """
    t = instant.astimezone(UTC)
    wall = t.astimezone(zone).replace(tzinfo=None)
    found: dict[tuple[datetime, int], datetime] = {}
    for half_hours in range(-4, 5):  # walls within two hours cover any DST jump used here
        naive = wall + half_hours * timedelta(minutes=30)
        for fold in (0, 1):
            candidate = naive.replace(tzinfo=zone, fold=fold)
            if candidate.astimezone(UTC) == t:
                found[naive, fold] = candidate
    return list(found.values())


def _gaps(zone: ZoneInfo) -> tuple[tuple[datetime, timedelta], ...]:
    """Each DST gap of ``zone``: the wall time it starts at (naive) and its length."""
    result = []
    for moment in transitions(zone):
        before = (moment - timedelta(seconds=1)).astimezone(zone).utcoffset()
        after = moment.astimezone(zone).utcoffset()
        assert before is not None
        assert after is not None
        if after > before:
            result.append(((moment + before).replace(tzinfo=None), after - before))
    return tuple(result)


@st.composite
def gap_wall_times(draw: st.DrawFn, zone: ZoneInfo, hours: object = None) -> datetime:
    """A wall time that never occurs (inside a DST gap), with either fold, not normalised.

    ``utcoffset()`` still reads it as an instant: with the offset before the jump
    for ``fold=0`` (an instant after the gap) and after the jump for ``fold=1``
    (an instant before it; for Santiago's midnight gap, on the previous date).
    """
    gaps = _gaps(zone)
    assume(gaps)
    start, length = draw(st.sampled_from(gaps))
    into = draw(st.one_of(st.just(0), st.integers(0, length // US - 1))) * US
    return (start + into).replace(tzinfo=zone, fold=draw(st.integers(0, 1)))


#: Hours with windows around local midnight, where a midnight DST gap matters.
MIDNIGHT_HOURS = st.sampled_from(
    [
        {"Mon-Sun": "00:00-24:00"},
        {"Sat": "22:00-24:00", "Sun": "09:00-18:00"},
        {"Mon-Sun": "23:00-23:59, 00:00-01:30"},
        {"Sat": "20:00-02:00"},
    ]
)


def any_offset(instant: datetime, zone: ZoneInfo) -> st.SearchStrategy[datetime]:
    """The same instant: in ``zone`` (any way to write it), UTC or an extreme fixed offset."""
    return st.sampled_from(
        [
            instant.astimezone(zone),
            *same_instant_in_zone(instant, zone),
            *(instant.astimezone(tz) for tz in OFFSETS),
        ]
    )


@st.composite
def holiday_specs(draw: st.DrawFn, around: date) -> tuple[Any, tuple[date, ...]]:
    """A holiday specification (and make-up workdays) that matters near ``around``."""
    near_dates = st.builds(lambda k: around + timedelta(days=k), st.integers(-10, 60))
    kind = draw(st.sampled_from(["none", "none", "dates", "CN", "CN+dates", "workdays"]))
    workdays: tuple[date, ...] = ()
    if kind == "none":
        spec: Any = None
    elif kind == "dates":
        spec = draw(st.sets(near_dates, min_size=1, max_size=12))
    elif kind == "CN":
        spec = "CN"
    elif kind == "CN+dates":
        spec = ["CN", *draw(st.sets(near_dates, max_size=5))]
    else:
        spec = draw(st.sets(near_dates, max_size=5))
        workdays = tuple(draw(st.sets(near_dates, min_size=1, max_size=5)))
    return spec, workdays


@st.composite
def calendars_and_instants(
    draw: st.DrawFn,
    zone_strategy: st.SearchStrategy[ZoneInfo] = zones,
    hours_strategy: st.SearchStrategy[Any] = weekly_hours,
    instant_strategy: Any = None,
) -> tuple[BusinessCalendar, datetime]:
    """A calendar (zone, hours, holidays) and an instant in its zone where it matters.

    ``instant_strategy(zone, hours)``, when given, draws the instant.
    """
    zone = draw(zone_strategy)
    hours_spec = draw(hours_strategy)
    hours = WeeklyHours.default() if hours_spec is None else WeeklyHours.parse(hours_spec)
    start = draw((instant_strategy or instants)(zone, hours))
    spec, workdays = draw(holiday_specs(start.date()))
    cal = BusinessCalendar(zone, hours_spec, spec, workdays=workdays)
    return cal, start


def second_instant(cal: BusinessCalendar, near: datetime) -> st.SearchStrategy[datetime]:
    """Another instant of the same calendar, within a few weeks of ``near``."""
    return instants(cal.zone, cal.hours, near=near)


durations = st.one_of(
    st.integers(1, 3000 * HOUR_US).map(lambda us: us * US),
    st.integers(1, 3000).map(lambda h: timedelta(hours=h)),
    st.integers(1, 3000 * 60).map(lambda m: timedelta(minutes=m)),
    st.sampled_from(
        [
            US,
            timedelta(seconds=1),
            timedelta(minutes=30),
            timedelta(hours=1),
            timedelta(hours=4),
            timedelta(hours=8),
            timedelta(hours=9),
            timedelta(hours=24),
            timedelta(hours=45),
            timedelta(hours=2000),
            timedelta(hours=3000),
        ]
    ),
    st.integers(1, 10**6).map(lambda us: us * US),
)


def fit(cal: BusinessCalendar, d: timedelta) -> timedelta:
    """``d`` halved until it needs at most about eight years of the calendar's hours.

    Keeps the reference model's day-by-day walk short for sparse calendars while
    keeping whole-hour durations whole for a while.
    """
    cap = cal.hours.week_us * 420 * US
    while d > cap:
        d //= 2
    return max(d, US)


#: Durations of at most two weeks of wall time, for properties that combine several.
short_durations = st.one_of(
    st.integers(1, 80 * HOUR_US).map(lambda us: us * US),
    st.integers(1, 80).map(lambda h: timedelta(hours=h)),
    st.sampled_from([US, timedelta(seconds=1), timedelta(minutes=30), timedelta(hours=9)]),
)
