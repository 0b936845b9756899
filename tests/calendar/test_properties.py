"""Properties of business-time arithmetic, one test per property.

Instants are compared, and shifted by a microsecond, in UTC: two datetimes in
the same ``ZoneInfo`` compare by wall clock and ignore ``fold``, and adding a
``timedelta`` to one is wall-clock arithmetic (an hour off in a DST overlap).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar
from connected_care_sla.calendar.holidays import HolidaySource
from support.calendar_cases import calendars_and_instants, calendars_with_overrides
from support.reference import is_closed
from support.strategies import (
    MIDNIGHT_HOURS,
    ZONES,
    any_offset,
    durations,
    fit,
    gap_wall_times,
    second_instant,
    short_durations,
    weekly_hours,
)

US = timedelta(microseconds=1)
Case = tuple[BusinessCalendar, datetime]

# Country holiday data beyond its official years warns; that is not what these tests check.
pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)


def utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC)


@given(calendars_and_instants(), durations)
def test_elapsed_from_start_to_add_is_the_duration(case: Case, d: timedelta) -> None:
    cal, start = case
    d = fit(cal, d)
    assert cal.elapsed(start, cal.add(start, d)) == d


@given(calendars_and_instants(), durations)
def test_add_is_the_earliest_instant(case: Case, d: timedelta) -> None:
    cal, start = case
    d = fit(cal, d)
    end = cal.add(start, d)
    assert cal.elapsed(start, utc(end) - US) < d


@given(st.data(), calendars_and_instants(), durations)
def test_add_is_monotonic_in_start(data: st.DataObject, case: Case, d: timedelta) -> None:
    cal, first = case
    d = fit(cal, d)
    second = data.draw(second_instant(cal, first))
    early, late = sorted([first, second], key=utc)
    assert utc(cal.add(early, d)) <= utc(cal.add(late, d))


@given(calendars_and_instants(), durations, durations)
def test_add_is_monotonic_in_duration(case: Case, a: timedelta, b: timedelta) -> None:
    cal, start = case
    small, large = sorted([fit(cal, a), fit(cal, b)])
    assert utc(cal.add(start, small)) <= utc(cal.add(start, large))


@given(calendars_and_instants(), short_durations, short_durations)
def test_add_composes(case: Case, a: timedelta, b: timedelta) -> None:
    cal, start = case
    a, b = fit(cal, a), fit(cal, b)
    assert utc(cal.add(cal.add(start, a), b)) == utc(cal.add(start, a + b))


@given(st.data(), calendars_and_instants())
def test_elapsed_is_additive(data: st.DataObject, case: Case) -> None:
    cal, a = case
    b = data.draw(second_instant(cal, a))
    c = data.draw(second_instant(cal, b))
    assert cal.elapsed(a, b) + cal.elapsed(b, c) == cal.elapsed(a, c)


@given(st.data(), calendars_and_instants())
def test_elapsed_is_antisymmetric(data: st.DataObject, case: Case) -> None:
    cal, a = case
    b = data.draw(second_instant(cal, a))
    assert cal.elapsed(b, a) == -cal.elapsed(a, b)
    assert cal.elapsed(a, a) == timedelta(0)


@given(st.data(), calendars_and_instants(), durations)
def test_answer_does_not_depend_on_the_input_offset(
    data: st.DataObject, case: Case, d: timedelta
) -> None:
    cal, start = case
    d = fit(cal, d)
    other = data.draw(any_offset(start, cal.zone))
    end = data.draw(second_instant(cal, start))
    assert cal.add(other, d).isoformat() == cal.add(start, d).isoformat()
    assert cal.add(other, -d).isoformat() == cal.add(start, -d).isoformat()
    assert cal.elapsed(other, end) == cal.elapsed(start, end)
    assert cal.is_open(other) == cal.is_open(start)
    assert cal.next_open(other).isoformat() == cal.next_open(start).isoformat()


@given(
    calendars_and_instants(
        # Santiago's gap is at midnight (fold=1 names the previous date): weight it.
        zone_strategy=st.one_of(
            st.just(ZoneInfo("America/Santiago")),
            st.sampled_from([z for z in ZONES if z.key != "UTC"]),
        ),
        hours_strategy=st.one_of(MIDNIGHT_HOURS, weekly_hours),
        instant_strategy=gap_wall_times,
    ),
    durations,
)
def test_a_wall_time_in_a_dst_gap_gives_the_answer_of_its_instant(case: Case, d: timedelta) -> None:
    """A never-occurring wall time names the instant ``utcoffset()`` gives it (SPEC 3.1)."""
    cal, raw = case
    d = fit(cal, d)
    same = utc(raw)
    assert cal.add(raw, d).isoformat() == cal.add(same, d).isoformat()
    assert cal.add(raw, -d).isoformat() == cal.add(same, -d).isoformat()
    assert cal.is_open(raw) == cal.is_open(same)
    assert cal.next_open(raw).isoformat() == cal.next_open(same).isoformat()
    assert cal.elapsed(raw, same + d) == cal.elapsed(same, same + d)


@given(calendars_and_instants(), durations)
def test_add_result_lies_inside_a_window(case: Case, d: timedelta) -> None:
    cal, start = case
    d = fit(cal, d)
    last_moment = utc(cal.add(start, d)) - US  # the last microsecond counted
    assert cal.is_open(last_moment)
    assert not is_closed(cal, last_moment.astimezone(cal.zone).date())


@given(calendars_and_instants())
def test_add_zero_is_start(case: Case) -> None:
    cal, start = case
    result = cal.add(start, timedelta(0))
    assert utc(result) == utc(start)
    assert result.tzinfo is cal.zone


@given(calendars_and_instants(), durations)
def test_negative_add_is_the_inverse(case: Case, d: timedelta) -> None:
    """``add(add(s, d), -d)`` is ``s`` when ``s`` is open.

    When ``s`` is closed it is the next opening, not ``s``: a negative add gives
    the *latest* instant from which ``d`` runs, and the clock of ``add(s, d)``
    only started at that opening.
    """
    cal, start = case
    d = fit(cal, d)
    end = cal.add(start, d)
    back = cal.add(end, -d)
    assert cal.elapsed(back, end) == d
    assert utc(back) == utc(cal.next_open(start))
    if cal.is_open(start):
        assert utc(back) == utc(start)
    assert utc(cal.subtract(end, d)) == utc(back)


@given(calendars_and_instants(), durations)
def test_negative_add_is_the_latest_instant(case: Case, d: timedelta) -> None:
    cal, start = case
    d = fit(cal, d)
    back = cal.add(start, -d)
    assert utc(back) <= utc(start)
    assert cal.elapsed(back, start) == d
    assert cal.elapsed(utc(back) + US, start) < d


@given(calendars_and_instants(), durations)
def test_results_are_in_the_calendar_zone(case: Case, d: timedelta) -> None:
    cal, start = case
    d = fit(cal, d)
    utc_start = start.astimezone(UTC)
    for result in (
        cal.add(utc_start, d),
        cal.add(utc_start, -d),
        cal.subtract(utc_start, d),
        cal.next_open(utc_start),
        cal.next_close(utc_start),
    ):
        assert result.tzinfo is cal.zone
        # Normalised: the wall time and fold are what the zone says for that instant.
        normal = utc(result).astimezone(cal.zone)
        assert (result.isoformat(), result.fold) == (normal.isoformat(), normal.fold)


# -- calendars with overrides, in the zones where local time is awkward ---------------


@given(calendars_with_overrides(), durations)
def test_add_and_next_open_never_go_back_in_time(case: Case, d: timedelta) -> None:
    cal, start = case
    d = fit(cal, d)
    assert utc(cal.add(start, d)) >= utc(start)
    assert utc(cal.add(start, -d)) <= utc(start)
    assert utc(cal.next_open(start)) >= utc(start)


@given(calendars_with_overrides(), durations)
def test_with_overrides_elapsed_from_start_to_add_is_the_duration(case: Case, d: timedelta) -> None:
    cal, start = case
    d = fit(cal, d)
    assert cal.elapsed(start, cal.add(start, d)) == d


@given(calendars_with_overrides())
def test_an_override_beats_holidays_and_makeup_days(case: Case) -> None:
    """Making the overridden dates holidays too changes no answer: the override wins."""
    cal, start = case
    source = cal.holidays
    extra = frozenset(day for day, _ in cal.overrides)
    closed = HolidaySource(source.countries, source.dates | extra, source.workdays - extra)
    both = BusinessCalendar(cal.zone, cal.hours, closed, overrides=cal.overrides)
    low, high = utc(start) - timedelta(days=12), utc(start) + timedelta(days=42)
    assert both.windows(low, high) == cal.windows(low, high)
    for day, _windows in cal.overrides:
        assert cal.holiday_name(day) is None
        assert not cal.is_makeup_workday(day)
