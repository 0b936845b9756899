"""Counting back to a window: previous_close, previous_open, window_at_or_before.

And the regressions of local time going back across midnight: an instant in
the repeated hour has the earlier local date but may lie in a window of the
next date (St. John's and Goose Bay 1987-2010, Moncton 1993-2006, Casey 2010,
Guam 1969).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from connected_care_sla import BusinessCalendar, CalendarNeverOpensError
from support.calendar_cases import calendars_with_overrides
from support.reference import (
    ref_add,
    ref_elapsed,
    ref_is_open,
    ref_next_open,
    ref_previous_close,
    ref_previous_open,
)

pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)

US = timedelta(microseconds=1)
BERLIN = ZoneInfo("Europe/Berlin")
Case = tuple[BusinessCalendar, datetime]


def utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC)


def be(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


# -- the queries, by example ---------------------------------------------------------


def test_previous_close_of_an_open_instant_is_itself() -> None:
    cal = BusinessCalendar("Europe/Berlin")
    assert cal.previous_close(be(2025, 6, 4, 10)) == be(2025, 6, 4, 10)
    assert cal.previous_close(be(2025, 6, 4, 9)) == be(2025, 6, 4, 9)  # an opening is inside


def test_previous_close_at_a_close_is_that_close() -> None:
    cal = BusinessCalendar("Europe/Berlin")
    assert cal.previous_close(be(2025, 6, 4, 18)) == be(2025, 6, 4, 18)


def test_previous_close_rolls_back_over_a_weekend() -> None:
    """The roll-backward of other libraries: Sunday rolls back to Friday's close."""
    cal = BusinessCalendar("Europe/Berlin")
    assert cal.previous_close(be(2025, 6, 8, 12)) == be(2025, 6, 6, 18)
    assert cal.previous_close(be(2025, 6, 9, 8, 59)) == be(2025, 6, 6, 18)


def test_previous_open_and_the_window_at_or_before() -> None:
    cal = BusinessCalendar("Europe/Berlin", {"Mon-Fri": "09:00-12:00, 13:00-18:00"})
    assert cal.previous_open(be(2025, 6, 4, 12, 30)) == be(2025, 6, 4, 9)
    assert cal.previous_open(be(2025, 6, 4, 14)) == be(2025, 6, 4, 13)
    assert cal.previous_open(be(2025, 6, 4, 13)) == be(2025, 6, 4, 13)
    window = cal.window_at_or_before(be(2025, 6, 7, 10))
    assert window is not None
    assert (window.opens, window.closes) == (be(2025, 6, 6, 13), be(2025, 6, 6, 18))


def test_previous_queries_skip_holidays_and_overrides() -> None:
    cal = BusinessCalendar(
        "Europe/Berlin",
        holidays=[date(2025, 12, 25), date(2025, 12, 26)],
        overrides={date(2025, 12, 24): "09:00-13:00"},
    )
    assert cal.previous_close(be(2025, 12, 27, 10)) == be(2025, 12, 24, 13)
    assert cal.previous_open(be(2025, 12, 26, 10)) == be(2025, 12, 24, 9)


def test_previous_close_on_a_calendar_that_never_opened_before_raises() -> None:
    """Opened only by an override: nothing closes before it, and None from the window query."""
    cal = BusinessCalendar("UTC", {}, overrides={date(2025, 6, 7): "10:00-12:00"})
    before = datetime(2025, 6, 1, tzinfo=UTC)
    with pytest.raises(CalendarNeverOpensError):
        cal.previous_close(before)
    with pytest.raises(CalendarNeverOpensError):
        cal.previous_open(before)
    assert cal.window_at_or_before(before) is None
    after = datetime(2030, 1, 1, tzinfo=UTC)
    assert cal.previous_close(after) == datetime(2025, 6, 7, 12, tzinfo=UTC)
    assert cal.previous_open(after) == datetime(2025, 6, 7, 10, tzinfo=UTC)


def test_previous_close_on_a_calendar_without_any_window_raises() -> None:
    cal = BusinessCalendar("UTC", {})
    with pytest.raises(CalendarNeverOpensError):
        cal.previous_close(datetime(2025, 6, 1, tzinfo=UTC))
    assert cal.window_at_or_before(datetime(2025, 6, 1, tzinfo=UTC)) is None


# -- against the reference model and properties, with overrides, in awkward zones ----


@given(calendars_with_overrides())
def test_previous_close_matches_reference(case: Case) -> None:
    cal, t = case
    assert utc(cal.previous_close(t)) == utc(ref_previous_close(cal, t))


@given(calendars_with_overrides())
def test_previous_open_matches_reference(case: Case) -> None:
    cal, t = case
    assert utc(cal.previous_open(t)) == utc(ref_previous_open(cal, t))


@given(calendars_with_overrides())
def test_previous_close_and_open_are_not_after_the_instant(case: Case) -> None:
    cal, t = case
    assert utc(cal.previous_close(t)) <= utc(t)
    assert utc(cal.previous_open(t)) <= utc(t)
    assert utc(cal.next_open(t)) >= utc(t)


@given(calendars_with_overrides())
def test_previous_close_of_next_close_is_next_close(case: Case) -> None:
    cal, t = case
    close = cal.next_close(t)
    assert utc(cal.previous_close(close)) == utc(close)


@given(calendars_with_overrides())
def test_previous_open_of_an_open_instant_opens_its_window(case: Case) -> None:
    cal, t = case
    if not cal.is_open(t):
        t = cal.next_open(t)
    window = cal.window_at_or_before(t)
    assert window is not None
    assert utc(window.opens) <= utc(t) < utc(window.closes)
    assert utc(cal.previous_open(t)) == utc(window.opens)


# -- local time going back across midnight -------------------------------------------


def _midnight_fallbacks(name: str, first: int, last: int) -> list[datetime]:
    """The UTC instants at which ``name``'s local date goes back (clocks back across 00:00)."""
    zone = ZoneInfo(name)
    found = []
    probe = datetime(first, 1, 1, tzinfo=UTC)
    end = datetime(last + 1, 1, 1, tzinfo=UTC)
    step = timedelta(minutes=1)
    previous = probe.astimezone(zone)
    while probe < end:
        probe += timedelta(hours=6)
        now = probe.astimezone(zone)
        if now.utcoffset() != previous.utcoffset():
            low = probe - timedelta(hours=6)
            while low.astimezone(zone).utcoffset() == previous.utcoffset():
                low += step
            if low.astimezone(zone).date() < (low - step).astimezone(zone).date():
                found.append(low)
        previous = now
    return found


MIDNIGHT_ZONES = [
    ("America/St_Johns", 1990, 1990),
    ("America/St_Johns", 2006, 2006),
    ("America/Goose_Bay", 2000, 2000),
    ("America/Moncton", 1995, 1995),
    ("Antarctica/Casey", 2010, 2010),
    ("Pacific/Guam", 1969, 1969),
]
NIGHT_HOURS = [
    {"Mon-Sun": "00:00-24:00"},
    {"Mon-Sun": "22:00-06:00"},
    {"Mon-Sun": "00:00-01:30, 23:00-24:00"},
    {"Mon-Fri": "09:00-18:00"},
]


@pytest.mark.parametrize(("name", "first", "last"), MIDNIGHT_ZONES)
@pytest.mark.parametrize("hours", NIGHT_HOURS)
def test_regression_an_instant_in_an_hour_repeated_across_midnight(
    name: str, first: int, last: int, hours: dict[str, str]
) -> None:
    """Every query agrees with the reference model around the change, minute by minute.

    Casey, 2010-03-04: a 24x7 calendar counted 1 hour for 3.5 hours of real time,
    and ``add`` and ``next_open`` could answer an instant before their input.
    """
    changes = _midnight_fallbacks(name, first, last)
    assert changes, f"{name} has no change back across midnight in {first}-{last}"
    cal = BusinessCalendar(name, hours)
    for change in changes:
        for minutes in range(-200, 200, 7):
            t = (change + timedelta(minutes=minutes)).astimezone(cal.zone)
            assert cal.is_open(t) == ref_is_open(cal, t), t
            assert utc(cal.next_open(t)) == utc(ref_next_open(cal, t)), t
            assert utc(cal.next_open(t)) >= utc(t)
            assert utc(cal.previous_close(t)) == utc(ref_previous_close(cal, t)), t
            assert utc(cal.previous_open(t)) == utc(ref_previous_open(cal, t)), t
            for hours_ in (1, 3, 30):
                d = timedelta(hours=hours_)
                assert utc(cal.add(t, d)) == utc(ref_add(cal, t, d)), (t, d)
                assert utc(cal.add(t, -d)) == utc(ref_add(cal, t, -d)), (t, -d)
                assert utc(cal.add(t, d)) >= utc(t)
            later = t + timedelta(hours=3, minutes=30)
            assert cal.elapsed(t, later) == ref_elapsed(cal, t, later), t


def test_regression_casey_24x7_counts_every_hour_of_2010_03_04() -> None:
    cal = BusinessCalendar("Antarctica/Casey", {"Mon-Sun": "00:00-24:00"})
    for hour in range(10, 18):
        start = datetime(2010, 3, 4, hour, tzinfo=UTC)
        assert cal.elapsed(start, start + timedelta(hours=3.5)) == timedelta(hours=3.5)
        assert cal.is_open(start + timedelta(minutes=90))
