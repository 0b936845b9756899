"""Hypothesis strategies and assertions for testing code that computes deadlines.

For policy authors and backend teams: draw plans, severities, instants,
calendars and whole tickets where deadline code tends to break, and check the
answers with assertions that explain themselves. The library's own property
tests use these same strategies; [`changes`][connected_care_sla.testing.changes] and
[`pauses`][connected_care_sla.testing.pauses] draw a ticket's history before its first response.

Install the extra, which adds Hypothesis (``pip install
"connected-care-sla[testing]"``), and import this module by its full name:
``import connected_care_sla`` never imports it, nor Hypothesis.

Instants lean towards the hard cases: DST transitions (and wall times inside
a DST gap or overlap), window edges such as 09:00 and 18:00 to the
microsecond, rest days such as weekends, and the eves of holidays. Calendars
mix zones, split shifts, overnight windows, windows ending at 24:00, and
holidays. Nothing here reads the clock or the process time zone.

Examples:
    >>> from hypothesis import given, settings
    >>> from connected_care_sla import first_response_deadline
    >>> @settings(max_examples=25, deadline=None)
    ... @given(tickets())
    ... def test_every_deadline_honours_its_target(ticket):
    ...     deadline = first_response_deadline(
    ...         ticket.plan, ticket.severity, ticket.created, ticket.calendar
    ...     )
    ...     assert_deadline_honours_target(
    ...         ticket.plan, ticket.severity, ticket.created, deadline, ticket.calendar
    ...     )
    >>> test_every_deadline_honours_its_target()
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._instants import zone_of
from ..calendar import BusinessCalendar, WeeklyHours
from ..calendar.holidays import HolidaySource
from ..deadlines import (
    CalendarLike,
    ResponseStatus,
    first_response_deadline,
    response_status,
)
from ..exceptions import HolidayHorizonWarning, InvalidHoursError, SlaError
from ..policy import PolicyLike
from .assertions import _versions, assert_deadline_honours_target, assert_status
from .comparisons import assert_no_deadline_later
from .histories import assert_deadline_honours_history, changes, pauses

__all__ = [
    "Ticket",
    "assert_deadline_honours_history",
    "assert_deadline_honours_target",
    "assert_no_deadline_later",
    "assert_status",
    "calendars",
    "changes",
    "holiday_specs",
    "instants",
    "pauses",
    "plans",
    "severities",
    "tickets",
    "weekly_hours",
    "zones",
]

_T = TypeVar("_T")
_US: Final = timedelta(microseconds=1)
_HOUR_US: Final = 3_600_000_000
_DAY_US: Final = 24 * _HOUR_US

#: Zones worth testing in: DST in both hemispheres, a half-hour DST change
#: (Lord Howe), a DST gap at midnight (Santiago), odd offsets (Kolkata,
#: Kathmandu, Chatham), DST against the usual direction (Casablanca), and none.
_ZONE_NAMES: Final = (
    "Asia/Shanghai",
    "America/New_York",
    "Europe/Berlin",
    "Europe/London",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Santiago",
    "America/St_Johns",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Africa/Casablanca",
    "UTC",
)

_FIRST_DAY: Final = date(2000, 1, 3)
_LAST_DAY: Final = date(2035, 12, 28)

#: Weekly hours worth trying by name; ``None`` stands for the default hours.
_NAMED_HOURS: Final[tuple[dict[int | str, Any] | None, ...]] = (
    None,
    {"Mon-Fri": "09:00-12:00, 13:00-18:00"},
    {"Mon-Fri": "22:00-06:00"},
    {"Mon-Fri": "09:00-12:00, 13:00-18:00", "Sat": "22:00-06:00"},
    {"Mon-Sun": "00:00-24:00"},
    {"Mon-Fri": "18:00-24:00", "Sun": "20:00-24:00"},
    {"Sat-Sun": "10:00-16:00"},
    {"Mon-Sun": "01:30-02:30, 23:00-23:59"},
    {"Mon-Fri": "00:00-02:30, 03:00-05:00"},
    {"Mon-Sun": "20:00-08:00"},
    {"Mon-Thu": "08:59:59.5-17:00:00.000001", "Fri": "09:00-09:01"},
    {"Wed": "12:00-12:30"},
)

_COUNTRIES: Final = ("CN", "US", "GB", "DE", "JP", "IN", ("US", "CA"), "HK")

_NUDGES: Final[tuple[timedelta, ...]] = (
    timedelta(0),
    _US,
    -_US,
    timedelta(seconds=1),
    -timedelta(seconds=1),
    timedelta(minutes=30),
    -timedelta(minutes=30),
    timedelta(hours=1),
    -timedelta(hours=1),
)


def _strategy(value: st.SearchStrategy[_T] | _T) -> st.SearchStrategy[_T]:
    """A strategy as given, or one that always draws the plain value."""
    return value if isinstance(value, st.SearchStrategy) else st.just(value)


# -- vocabulary --------------------------------------------------------------------


def plans(policy: PolicyLike | None = None) -> st.SearchStrategy[str]:
    """The plan names of a policy (default: the built-in Connected Care policy).

    Of a [`PolicyBook`][connected_care_sla.PolicyBook], the plans of every version.
    Built-in names come as [`Plan`][connected_care_sla.Plan] members, which
    are strings.

    Examples:
        >>> from hypothesis import find
        >>> find(plans(), lambda plan: plan != "Basic")
        <Plan.DEVELOPER: 'Developer'>
    """
    names = dict.fromkeys(plan for version in _versions(policy) for plan in version.plans)
    return st.sampled_from(tuple(names))


def severities(policy: PolicyLike | None = None) -> st.SearchStrategy[str]:
    """The severity names of a policy (default: the built-in one), most severe first.

    Of a [`PolicyBook`][connected_care_sla.PolicyBook], the severities of every version.
    """
    names = dict.fromkeys(key for version in _versions(policy) for key in version.severities)
    return st.sampled_from(tuple(names))


def zones(names: Iterable[str] | None = None) -> st.SearchStrategy[ZoneInfo]:
    """IANA zones as ``ZoneInfo`` values: ``names``, or a set chosen for their quirks.

    The default set: Asia/Shanghai, America/New_York, Europe/Berlin,
    Europe/London, Australia/Sydney, Australia/Lord_Howe (a 30-minute DST
    change), America/Santiago (a DST gap at midnight), America/St_Johns,
    Asia/Kolkata, Asia/Kathmandu, Pacific/Chatham, Africa/Casablanca and UTC.
    ``zone.key`` is the name, as
    [`first_response_deadline`][connected_care_sla.first_response_deadline] takes it.
    """
    chosen = _ZONE_NAMES if names is None else tuple(names)
    if not chosen:
        raise InvalidArgument("zones() needs at least one zone name")
    return st.sampled_from(tuple(zone_of(name) for name in chosen))


_zones = zones  # calendars() has an argument of that name


# -- weekly hours, holidays, calendars --------------------------------------------


def _clock(us: int) -> str:
    hours, rest = divmod(us, _HOUR_US)
    return f"{hours:02d}:{rest // 60_000_000:02d}"


@st.composite
def _random_hours(draw: st.DrawFn) -> WeeklyHours:
    """Valid weekly hours on a 15-minute grid (sometimes 1-minute), maybe overnight."""
    step = draw(st.sampled_from([15, 30, 60, 1])) * 60_000_000
    slots = _DAY_US // step
    spec: dict[int | str, Any] = {}
    for day in range(7):
        if not draw(st.booleans()):
            continue
        points = sorted(draw(st.sets(st.integers(0, slots), min_size=2, max_size=4)))
        if len(points) % 2:
            points = points[:-1]
        windows = [
            f"{_clock(points[i] * step)}-{_clock(points[i + 1] * step)}"
            for i in range(0, len(points), 2)
            if points[i] < slots
        ]
        if windows and draw(st.integers(0, 3)) == 0:
            # The last window runs overnight: it ends earlier than it starts.
            opens = windows[-1].split("-")[0]
            closes = _clock(draw(st.integers(0, slots - 1)) * step)
            if closes < opens:
                windows[-1] = f"{opens}-{closes}"
        if windows:
            spec[day] = windows
    try:
        hours = WeeklyHours.parse(spec, makeup_day=draw(st.sampled_from([0, 2, 5])))
    except InvalidHoursError:  # an overnight window reaching into the next day's
        assume(False)
        raise  # pragma: no cover - assume(False) does not return
    assume(hours.week_us > 0)
    return hours


def weekly_hours() -> st.SearchStrategy[WeeklyHours]:
    """Weekly business hours that open at least once a week.

    The default Monday to Friday 09:00-18:00, split shifts, overnight windows
    (``22:00-06:00``), windows ending at 24:00, 24x7, weekends only, windows
    whose edges fall in DST gaps, sub-second edges, a single half hour a week,
    and random windows on a 15-minute (sometimes 1-minute) grid.

    Examples:
        >>> from hypothesis import find
        >>> find(weekly_hours(), lambda hours: True)
        WeeklyHours({'Mon-Fri': '09:00-18:00'})
    """
    named = st.sampled_from(
        [
            WeeklyHours.default() if spec is None else WeeklyHours.parse(spec)
            for spec in _NAMED_HOURS
        ]
        + [WeeklyHours.parse({"Mon-Fri": "09:00-18:00", "Sat": "10:00-14:00"}, makeup_day="Sat")]
    )
    return st.one_of(named, _random_hours())


def holiday_specs(
    countries: Sequence[str | tuple[str, str]] = _COUNTRIES,
) -> st.SearchStrategy[Any]:
    """Holiday specifications as `BusinessCalendar` takes them.

    None (no holidays, the default) half the time; otherwise a
    country from ``countries`` (China by default brings its make-up
    workdays), a set of explicit dates, or a country with extra dates.
    """
    if not countries:
        raise InvalidArgument("holiday_specs() needs at least one country")
    country = st.sampled_from(list(countries))
    days = st.sets(st.dates(_FIRST_DAY, _LAST_DAY), min_size=1, max_size=20)
    return st.one_of(
        st.none(),
        st.none(),
        country,
        days.map(sorted),
        st.tuples(country, days).map(lambda pair: [pair[0], *sorted(pair[1])]),
    )


@st.composite
def _calendars(
    draw: st.DrawFn,
    zone_strategy: st.SearchStrategy[ZoneInfo | str],
    hours_strategy: st.SearchStrategy[WeeklyHours | None],
    holiday_strategy: st.SearchStrategy[Any],
    strict: bool,
) -> BusinessCalendar:
    return BusinessCalendar(
        draw(zone_strategy), draw(hours_strategy), draw(holiday_strategy), strict=strict
    )


def calendars(
    zones: st.SearchStrategy[ZoneInfo | str] | ZoneInfo | str | None = None,
    hours: st.SearchStrategy[WeeklyHours | None] | WeeklyHours | None = None,
    holidays: st.SearchStrategy[Any] | Any = None,
    *,
    strict: bool = False,
) -> st.SearchStrategy[BusinessCalendar]:
    """Business calendars: a zone, weekly hours and holidays.

    Each argument is a strategy or a plain value; None draws from
    [`zones`][connected_care_sla.testing.zones],
    [`weekly_hours`][connected_care_sla.testing.weekly_hours] and
    [`holiday_specs`][connected_care_sla.testing.holiday_specs]. For calendars without holidays,
    pass ``holidays=()``.

    Examples:
        >>> from hypothesis import find
        >>> find(calendars(zones="Asia/Shanghai", holidays=()), lambda cal: True)
        BusinessCalendar('Asia/Shanghai')
    """
    return _calendars(
        _zones() if zones is None else _strategy(zones),
        weekly_hours() if hours is None else _strategy(hours),
        holiday_specs() if holidays is None else _strategy(holidays),
        strict,
    )


# -- instants -----------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _transitions(zone: ZoneInfo, first: date, last: date) -> tuple[datetime, ...]:
    """The UTC-offset changes of ``zone`` from ``first`` to ``last``, as UTC instants."""
    start = datetime.combine(first, time(), tzinfo=UTC) - timedelta(days=1)
    end = datetime.combine(last, time(), tzinfo=UTC) + timedelta(days=2)
    changes = BusinessCalendar(zone).dst_changes(start, end)
    return tuple(moment.astimezone(UTC) for moment, _ in changes)


@functools.lru_cache(maxsize=64)
def _gaps(zone: ZoneInfo, first: date, last: date) -> tuple[tuple[datetime, int], ...]:
    """Each DST gap: the naive wall time it starts at and its length in µs."""
    result = []
    for moment in _transitions(zone, first, last):
        before = (moment - _US).astimezone(zone).utcoffset()
        after = moment.astimezone(zone).utcoffset()
        assert before is not None
        assert after is not None
        if after > before:
            result.append(((moment + before).replace(tzinfo=None), (after - before) // _US))
    return tuple(result)


@functools.lru_cache(maxsize=64)
def _covered(source: HolidaySource, first: date, last: date) -> tuple[date, date]:
    """``first`` to ``last``, narrowed to the years ``source``'s holiday data covers.

    The end stays a month clear of the last covered year's end, so the deadline
    of an ordinary target from an instant in range stays in range too.
    """
    if source.empty:
        return first, last
    low, high = first.year, last.year
    while low < high and source.year(low).uncovered:
        low += 1
    while high > low and source.year(high).uncovered:
        high -= 1
    if source.year(low).uncovered:
        return first, last  # nothing is covered: keep the range and let it warn
    start = max(first, date(low, 1, 8))
    end = min(last, date(high, 12, 1))
    return (start, end) if start <= end else (first, last)


@functools.lru_cache(maxsize=64)
def _closed_days(source: HolidaySource, first: date, last: date) -> tuple[date, ...]:
    """The holidays of ``source`` from ``first`` to ``last``."""
    if source.empty:
        return ()
    found: set[date] = set()
    for year in range(first.year, last.year + 1):
        found |= source.year(year).closed
    return tuple(sorted(day for day in found if first <= day <= last))


def _wall(day: date, wall_us: int, zone: tzinfo, fold: int) -> datetime:
    """A local wall time as an instant, normalised through UTC (fold agrees with it)."""
    naive = datetime.combine(day, time()) + wall_us * _US
    return naive.replace(tzinfo=zone, fold=fold).astimezone(UTC).astimezone(zone)


@st.composite
def _instants(
    draw: st.DrawFn,
    zone: ZoneInfo,
    hours: WeeklyHours,
    source: HolidaySource,
    first: date,
    last: date,
    near: datetime | None,
) -> datetime:
    if near is not None:
        if draw(st.integers(0, 3)) == 0:
            # Right next to the first instant: a microsecond, a second, hours or days away.
            shift = draw(
                st.one_of(
                    st.sampled_from(_NUDGES),
                    st.integers(-3 * _DAY_US, 3 * _DAY_US).map(lambda us: us * _US),
                )
            )
            return (near.astimezone(UTC) + shift).astimezone(zone)
        centre = near.astimezone(UTC).astimezone(zone).date()
        first, last = centre - timedelta(days=20), centre + timedelta(days=20)
    edges = sorted(
        {w.opens_us for d in hours.days for w in d}
        | {w.closes_us % _DAY_US for d in hours.days for w in d}
    )
    rest_days = [index for index, windows in enumerate(hours.days) if not windows]
    kind = draw(
        st.sampled_from(
            ["any", "edge", "dst", "dst-wall", "rest-day", "holiday", "hour", "midnight", "edge"]
        )
    )
    fold = draw(st.integers(0, 1))
    nudge: timedelta = draw(st.sampled_from(_NUDGES[:5]))
    if kind in ("dst", "dst-wall"):
        moments = _transitions(zone, first, last)
        if moments:
            moment = draw(st.sampled_from(moments))
            if kind == "dst":
                return (moment + draw(st.sampled_from(_NUDGES))).astimezone(zone)
            # A wall time near the change as a person would write it: not normalised,
            # so it may lie in a gap or carry either fold (utcoffset() still reads it).
            gaps = _gaps(zone, first, last)
            in_gap = bool(gaps) and draw(st.booleans())
            if in_gap:
                start, length = draw(st.sampled_from(gaps))
                return (start + draw(st.integers(0, length - 1)) * _US).replace(
                    tzinfo=zone, fold=fold
                )
            naive = moment.astimezone(zone).replace(tzinfo=None)
            offset = draw(st.integers(-8, 8)) * timedelta(minutes=15)
            return (naive + offset).replace(tzinfo=zone, fold=fold)
        kind = "any"
    if kind == "holiday":
        closed = _closed_days(source, first, last)
        if closed:
            holiday = draw(st.sampled_from(closed))
            day = holiday - timedelta(days=draw(st.sampled_from([1, 1, 0, 2])))
            wall = draw(st.sampled_from([*edges, 0, 12 * _HOUR_US])) if edges else 0
            if draw(st.booleans()):
                wall = draw(st.integers(0, _DAY_US - 1))
            return (_wall(day, wall, zone, fold).astimezone(UTC) + nudge).astimezone(zone)
        kind = "rest-day"
    if kind == "any":
        low = datetime.combine(first, time())
        high = datetime.combine(last, time(23, 59, 59, 999_999))
        return draw(st.datetimes(low, high)).replace(tzinfo=UTC).astimezone(zone)
    day = draw(st.dates(first, last))
    if kind == "rest-day" and rest_days:
        weekday = draw(st.sampled_from(rest_days))
        day += timedelta(days=(weekday - day.weekday()) % 7)
        if day > last:
            day -= timedelta(days=7)
        wall = draw(st.integers(0, _DAY_US - 1))
    elif kind in ("edge", "rest-day"):
        wall = draw(st.sampled_from(edges)) if edges else 0
    elif kind == "hour":
        wall = draw(st.integers(0, 23)) * _HOUR_US
    else:  # midnight
        wall = 0
    return (_wall(day, wall, zone, fold).astimezone(UTC) + nudge).astimezone(zone)


def instants(
    zone: BusinessCalendar | ZoneInfo | str | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    near: datetime | None = None,
) -> st.SearchStrategy[datetime]:
    """Aware ``datetime`` values in a zone, weighted towards the cases that break code.

    About half are plain random instants (to the microsecond); the rest fall
    on or next to a DST transition (also as wall times inside a DST gap or
    overlap, with either ``fold``: valid input, and the classic trap), on a
    window edge such as 09:00 or 18:00 (give or take a microsecond), on a rest
    day such as a Saturday, on the eve of a holiday, or at local midnight.

    Args:
        zone: a [`BusinessCalendar`][connected_care_sla.BusinessCalendar] (its zone, and
            its hours and holidays give the edges, rest days and holiday eves),
            a zone (its window edges are 09:00 and 18:00, its rest days
            Saturday and Sunday), or None to draw a zone from
            [`zones`][connected_care_sla.testing.zones].
        start: the first local date to draw from; default 2000-01-03. For a
            calendar with country holidays, the default stays within the years
            the holiday data is official for.
        end: the last local date; default 2035-12-28. For a calendar with
            country holidays, the default stops a month before the end of the
            last year its data is official for (China publishes its make-up
            workdays a year at a time), so that deadlines from these instants
            raise no `HolidayHorizonWarning`.
        near: draw within 20 days of this instant instead, often right next
            to it (a second instant of the same test).
    """
    if zone is None:
        return zones().flatmap(lambda tz: instants(tz, start=start, end=end, near=near))
    calendar = zone if isinstance(zone, BusinessCalendar) else BusinessCalendar(zone)
    first = _FIRST_DAY if start is None else start
    last = _LAST_DAY if end is None else end
    if start is None or end is None:
        low, high = _covered(calendar.holidays, first, last)
        first, last = (first if start is not None else low), (last if end is not None else high)
    if not first <= last:
        raise InvalidArgument(f"instants() needs start <= end, got {first} and {last}")
    if near is not None and near.utcoffset() is None:
        raise InvalidArgument(f"near= must be an aware datetime, got {near!r}")
    return _instants(calendar.zone, calendar.hours, calendar.holidays, first, last, near)


# -- tickets ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ticket:
    """A drawn ticket: plan, severity, creation and first response (None: not yet).

    ``calendar`` and ``policy`` are the ones it was drawn for;
    [`deadline`][connected_care_sla.testing.Ticket.deadline] and
    [`status`][connected_care_sla.testing.Ticket.status] ask the library with them.
    """

    plan: str
    severity: str
    created: datetime
    responded: datetime | None
    calendar: BusinessCalendar
    policy: PolicyLike | None = None

    def deadline(self) -> datetime | None:
        """`first_response_deadline` of this ticket."""
        return first_response_deadline(
            self.plan, self.severity, self.created, self.calendar, policy=self.policy
        )

    def status(self, now: datetime) -> ResponseStatus:
        """[`response_status`][connected_care_sla.response_status] of this ticket at ``now``."""
        return response_status(
            self.plan,
            self.severity,
            self.created,
            self.calendar,
            now=now,
            responded_at=self.responded,
            policy=self.policy,
        )


def _quiet_deadline(ticket: Ticket) -> datetime | None:
    """The deadline, or None when the library refuses (out of range, strict holidays)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HolidayHorizonWarning)
        try:
            return ticket.deadline()
        except SlaError:
            return None


@st.composite
def _tickets(
    draw: st.DrawFn,
    policy: PolicyLike | None,
    calendar_strategy: st.SearchStrategy[BusinessCalendar],
    answered: bool | None,
) -> Ticket:
    calendar = draw(calendar_strategy)
    created = draw(instants(calendar))
    local_day = created.astimezone(UTC).astimezone(calendar.zone).date()
    # A country's make-up workday may run into overnight hours, which the calendar
    # refuses when it lays out that year: such calendars are not drawn.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HolidayHorizonWarning)
        try:
            for year in range(max(2, local_day.year - 1), min(9998, local_day.year + 1) + 1):
                calendar._engine.total(year)
        except InvalidHoursError:
            assume(False)
        except SlaError:
            pass  # strict holidays, out of range: the ticket's own questions say so
    version = _versions(policy)[0] if policy is None else policy.in_force(local_day)
    plan = draw(st.sampled_from(version.plans))
    severity = draw(st.sampled_from(version.severities))
    ticket = Ticket(plan, severity, created, None, calendar, policy)
    if answered is False or (answered is None and draw(st.booleans())):
        return ticket
    after = draw(
        st.one_of(
            st.integers(0, 10 * _DAY_US).map(lambda us: us * _US),
            st.sampled_from([timedelta(0), _US, timedelta(minutes=30), timedelta(hours=1)]),
        )
    )
    responded = created.astimezone(UTC) + after
    deadline = _quiet_deadline(ticket)
    if deadline is not None and draw(st.booleans()):
        # At the deadline, a microsecond either side, or a while either side.
        shift = draw(st.sampled_from([timedelta(0), _US, -_US, -after, after]))
        responded = max(deadline.astimezone(UTC) + shift, created.astimezone(UTC))
    return Ticket(plan, severity, created, responded.astimezone(calendar.zone), calendar, policy)


def tickets(
    policy: PolicyLike | None = None,
    calendar: st.SearchStrategy[BusinessCalendar] | CalendarLike | None = None,
    *,
    answered: bool | None = None,
) -> st.SearchStrategy[Ticket]:
    """Tickets of a policy (default: the built-in one), as `Ticket` values.

    The creation instant comes from [`instants`][connected_care_sla.testing.instants] in the
    ticket's calendar; plan and severity from the policy version in force on that
    local date. A first response, when there is one (``answered``: always,
    never, or None for either), comes after creation, often exactly at the
    deadline or a microsecond either side of it.

    Args:
        policy: a [`Policy`][connected_care_sla.Policy] or
            [`PolicyBook`][connected_care_sla.PolicyBook].
        calendar: a calendar, a zone name (the default hours there), or a
            strategy of calendars; default [`calendars`][connected_care_sla.testing.calendars].
        answered: True: every ticket has a response; False: none has.
    """
    _versions(policy)  # checks the argument
    if calendar is None:
        calendar_strategy = calendars()
    elif isinstance(calendar, str):
        calendar_strategy = st.just(BusinessCalendar(calendar))
    else:
        calendar_strategy = _strategy(calendar)
    return _tickets(policy, calendar_strategy, answered)
