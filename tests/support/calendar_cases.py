"""Calendars with date-specific hours, over the zones where local time is awkward.

:func:`calendars_and_instants` draws what :mod:`support.strategies` draws (zone,
weekly hours, holidays, make-up workdays, an instant where it matters) and
adds overrides near the instant, and the zones whose DST changes break
business-time arithmetic, each over the years where they do: local time going
back across midnight (St. John's and Goose Bay 1987-2010, Moncton 1993-2006,
Casey 2010, Guam 1969), half-hour DST (Lord Howe), midnight changes
(Santiago), 45-minute offsets (Chatham, Kathmandu), negative DST (Dublin),
a two-hour DST (Troll), Ramadan's suspended DST (Casablanca) and a skipped
day (Apia 2011).

Make-up workdays are drawn only on weekdays without weekly windows (the
calendar refuses others). Calendars whose overrides or make-up days the
calendar refuses (an overnight window running into the next date's hours)
are not drawn.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import assume
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar, WeeklyHours, testing
from connected_care_sla.exceptions import InvalidHoursError
from support import strategies as base

#: Zones and the years in which their local time is awkward (first, last).
AWKWARD_ZONES: tuple[tuple[str, int, int], ...] = (
    ("America/St_Johns", 1987, 2010),
    ("America/Goose_Bay", 1987, 2010),
    ("America/Moncton", 1993, 2006),
    ("Antarctica/Casey", 2010, 2010),
    ("Pacific/Guam", 1969, 1969),
    ("Australia/Lord_Howe", 2000, 2035),
    ("America/Santiago", 2000, 2035),
    ("Pacific/Chatham", 2000, 2035),
    ("Asia/Kathmandu", 1985, 1987),
    ("Europe/Dublin", 2000, 2035),
    ("Antarctica/Troll", 2005, 2035),
    ("Africa/Casablanca", 2012, 2035),
    ("Pacific/Apia", 2011, 2011),
)

#: Override hours worth trying: closures, short days, split days, overnight, whole days,
#: windows across midnight and in the small hours where DST changes fall.
OVERRIDE_HOURS = st.sampled_from(
    [
        "closed",
        "09:00-13:00",
        "09:00-12:00,13:00-15:00",
        "22:00-06:00",
        "00:00-24:00",
        "23:30-00:30",
        "01:30-02:30",
        "10:00-14:00",
        "00:00-01:00,23:00-24:00",
    ]
)

#: Weekly hours: the named and random ones, and those around midnight.
HOURS = st.one_of(base.weekly_hours, base.MIDNIGHT_HOURS)


@st.composite
def zone_and_years(draw: st.DrawFn) -> tuple[ZoneInfo, date, date]:
    """A zone and the local dates to draw instants from."""
    if draw(st.booleans()):
        zone = draw(base.zones)
        return zone, base.FIRST_DAY, base.LAST_DAY
    name, first, last = draw(st.sampled_from(AWKWARD_ZONES))
    return ZoneInfo(name), date(first, 1, 3), date(last, 12, 28)


def _build_years(cal: BusinessCalendar, year: int) -> None:
    """Build the years around ``year``: a country's make-up day may collide with overnight
    hours, which the calendar refuses when it builds that year."""
    for near in range(max(2, year - 3), year + 4):
        cal._engine.year(near)


def _weekly(spec: Any) -> WeeklyHours:
    return WeeklyHours.default() if spec is None else WeeklyHours.parse(spec)


@st.composite
def calendars_and_instants(
    draw: st.DrawFn,
    zone_strategy: st.SearchStrategy[ZoneInfo] = base.zones,
    hours_strategy: st.SearchStrategy[Any] = base.weekly_hours,
    instant_strategy: Any = None,
) -> tuple[BusinessCalendar, datetime]:
    """:func:`support.strategies.calendars_and_instants`, with workdays the calendar takes.

    Drawn make-up workdays that fall on a weekday with weekly windows are dropped.
    """
    zone = draw(zone_strategy)
    hours_spec = draw(hours_strategy)
    hours = _weekly(hours_spec)
    start = draw((instant_strategy or base.instants)(zone, hours))
    spec, workdays = draw(base.holiday_specs(start.date()))
    kept = [d for d in workdays if not hours.days[d.weekday()]]
    try:
        cal = BusinessCalendar(zone, hours_spec, spec, workdays=kept)
        _build_years(cal, start.date().year)
    except InvalidHoursError:
        assume(False)  # a make-up day's hours run into an overnight window
        raise  # pragma: no cover - assume(False) never returns
    return cal, start


@st.composite
def calendars_with_overrides(
    draw: st.DrawFn, *, overrides: bool = True
) -> tuple[BusinessCalendar, datetime]:
    """A calendar, possibly with overrides near the instant, and an instant in its zone."""
    zone, first, last = draw(zone_and_years())
    spec = draw(HOURS)
    hours = _weekly(spec)
    start = draw(testing.instants(BusinessCalendar(zone, hours), start=first, end=last))
    around = start.date()
    near = st.builds(lambda k: around + timedelta(days=k), st.integers(-10, 40))
    kind = draw(st.sampled_from(["none", "dates", "CN", "workdays"]))
    holidays: Any = None
    workdays: tuple[date, ...] = ()
    if kind == "dates":
        holidays = sorted(draw(st.sets(near, min_size=1, max_size=8)))
    elif kind == "CN" and first.year >= 2000:
        holidays = "CN"
    elif kind == "workdays":
        holidays = sorted(draw(st.sets(near, max_size=4)))
        rest = [d for d in draw(st.sets(near, max_size=6)) if not hours.days[d.weekday()]]
        workdays = tuple(sorted(rest))
    special: dict[date, str] = {}
    if overrides:
        special = draw(st.dictionaries(near, OVERRIDE_HOURS, max_size=5))
    try:
        cal = BusinessCalendar(zone, spec, holidays, workdays=workdays, overrides=special)
        _build_years(cal, around.year)
    except InvalidHoursError:
        assume(False)
        raise  # pragma: no cover - assume(False) never returns
    assume(cal.hours.week_us > 0)
    return cal, start


def second_instant(cal: BusinessCalendar, near: datetime) -> st.SearchStrategy[datetime]:
    """Another instant of the same calendar, within a few weeks of ``near``."""
    return testing.instants(BusinessCalendar(cal.zone, cal.hours), near=near)


@st.composite
def versioned_calendars(draw: st.DrawFn) -> tuple[BusinessCalendar, datetime]:
    """A calendar of one to three versions, changing within weeks of the drawn instant.

    Each version has its own weekly hours, holidays and overrides (drawn as
    :func:`calendars_with_overrides` draws them, in one zone); calendars whose
    versions run into each other across a change date are not drawn.
    """
    first_cal, start = draw(calendars_with_overrides())
    around = start.date()
    count = draw(st.integers(1, 3))
    changes = sorted(
        draw(
            st.sets(
                st.builds(lambda k: around + timedelta(days=k), st.integers(-20, 30)),
                min_size=count,
                max_size=count,
            )
        )
    )
    versions: dict[date, BusinessCalendar] = {changes[0]: first_cal}
    for day in changes[1:]:
        spec = draw(HOURS)
        near = st.builds(lambda k, day=day: day + timedelta(days=k), st.integers(-5, 20))
        holidays = sorted(draw(st.sets(near, max_size=4))) or None
        special = draw(st.dictionaries(near, OVERRIDE_HOURS, max_size=3))
        try:
            versions[day] = BusinessCalendar(first_cal.zone, spec, holidays, overrides=special)
        except InvalidHoursError:
            assume(False)
    try:
        cal = BusinessCalendar.from_versions(versions)
        _build_years(cal, around.year)
    except InvalidHoursError:
        assume(False)
        raise  # pragma: no cover - assume(False) never returns
    return cal, start
