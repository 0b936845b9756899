"""Differential tests: the engine against the day-by-day reference model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar
from support.calendar_cases import calendars_and_instants, calendars_with_overrides
from support.calendar_cases import second_instant as override_second_instant
from support.reference import (
    ref_add,
    ref_elapsed,
    ref_is_open,
    ref_next_open,
    ref_windows,
    us_of,
)
from support.strategies import (
    durations,
    fit,
    second_instant,
    short_durations,
)

# Country holiday data beyond its official years warns; that is not what these tests check.
pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)


def utc(instant: datetime) -> datetime:
    """Compare instants, not wall times: same-zone datetimes compare by wall clock."""
    return instant.astimezone(UTC)


@given(calendars_and_instants(), durations)
def test_add_matches_reference(case: tuple[BusinessCalendar, datetime], d: timedelta) -> None:
    cal, start = case
    d = fit(cal, d)
    assert utc(cal.add(start, d)) == utc(ref_add(cal, start, d))


@given(calendars_and_instants(), durations)
def test_add_negative_matches_reference(
    case: tuple[BusinessCalendar, datetime], d: timedelta
) -> None:
    cal, start = case
    d = fit(cal, d)
    assert utc(cal.add(start, -d)) == utc(ref_add(cal, start, -d))


@given(calendars_and_instants(), short_durations)
def test_subtract_matches_reference(case: tuple[BusinessCalendar, datetime], d: timedelta) -> None:
    cal, start = case
    d = fit(cal, d)
    assert utc(cal.subtract(start, d)) == utc(ref_add(cal, start, -d))


@given(st.data(), calendars_and_instants())
def test_elapsed_matches_reference(
    data: st.DataObject, case: tuple[BusinessCalendar, datetime]
) -> None:
    cal, start = case
    end = data.draw(second_instant(cal, start))
    assert cal.elapsed(start, end) == ref_elapsed(cal, start, end)


@given(calendars_and_instants(), durations)
def test_elapsed_over_long_spans_matches_reference(
    case: tuple[BusinessCalendar, datetime], d: timedelta
) -> None:
    cal, start = case
    end = utc(start) + d * 3  # up to about a year
    assert cal.elapsed(start, end) == ref_elapsed(cal, start, end)


@given(calendars_and_instants())
def test_is_open_matches_reference(case: tuple[BusinessCalendar, datetime]) -> None:
    cal, instant = case
    assert cal.is_open(instant) == ref_is_open(cal, instant)


@given(calendars_and_instants())
def test_next_open_matches_reference(case: tuple[BusinessCalendar, datetime]) -> None:
    cal, instant = case
    assert utc(cal.next_open(instant)) == utc(ref_next_open(cal, instant))


@given(st.data(), calendars_and_instants())
def test_windows_match_reference(
    data: st.DataObject, case: tuple[BusinessCalendar, datetime]
) -> None:
    cal, start = case
    end = data.draw(second_instant(cal, start))
    got = [(us_of(w.opens), us_of(w.closes)) for w in cal.windows(start, end)]
    assert got == ref_windows(cal, start, end)


# -- calendars with overrides, over the zones where local time is awkward -------------


@given(calendars_with_overrides(), durations)
def test_add_with_overrides_matches_reference(
    case: tuple[BusinessCalendar, datetime], d: timedelta
) -> None:
    cal, start = case
    d = fit(cal, d)
    assert utc(cal.add(start, d)) == utc(ref_add(cal, start, d))
    assert utc(cal.add(start, -d)) == utc(ref_add(cal, start, -d))


@given(st.data(), calendars_with_overrides())
def test_elapsed_with_overrides_matches_reference(
    data: st.DataObject, case: tuple[BusinessCalendar, datetime]
) -> None:
    cal, start = case
    end = data.draw(override_second_instant(cal, start))
    assert cal.elapsed(start, end) == ref_elapsed(cal, start, end)


@given(calendars_with_overrides())
def test_open_and_next_open_with_overrides_match_reference(
    case: tuple[BusinessCalendar, datetime],
) -> None:
    cal, instant = case
    assert cal.is_open(instant) == ref_is_open(cal, instant)
    assert utc(cal.next_open(instant)) == utc(ref_next_open(cal, instant))


@given(st.data(), calendars_with_overrides())
def test_windows_with_overrides_match_reference(
    data: st.DataObject, case: tuple[BusinessCalendar, datetime]
) -> None:
    cal, start = case
    end = data.draw(override_second_instant(cal, start))
    got = [(us_of(w.opens), us_of(w.closes)) for w in cal.windows(start, end)]
    assert got == ref_windows(cal, start, end)
