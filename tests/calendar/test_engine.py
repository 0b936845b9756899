"""The calendar engine's arithmetic at its edges: boundaries, years, offset changes.

Each test pins a behaviour of the engine (``calendar/engine.py``, through
:class:`BusinessCalendar`) that a mutant could change while the rest of the suite
still passed (docs/explanation/mutation.md): the windows of one date, the exact
boundaries of the search, the supported years, years with no business time,
unusual UTC-offset changes, DST changes as facts. Then the crashes the fuzz
tests found in the engine, each a regression test, and two computations that
are slow but must finish. Expected values were worked out by hand or against
the reference model in ``support/reference.py``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from connected_care_sla import BusinessCalendar, BusinessWindow, CalendarNeverOpensError
from connected_care_sla.exceptions import ResultOutOfRangeError
from support.calls import call, expect
from support.reference import ref_windows, us_of

H = timedelta(hours=1)
ALWAYS = {"Mon-Sun": "00:00-24:00"}
NEW_YORK = ZoneInfo("America/New_York")
SH = ZoneInfo("Asia/Shanghai")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


# -- windows of one date ----------------------------------------------------------------


def test_a_window_whose_edges_both_fall_in_a_dst_gap_holds_nothing() -> None:
    # 02:10 and 02:50 on 2025-03-09 never occur in New York: both edges resolve
    # to the 03:00 transition, so the window is empty and is not listed.
    cal = BusinessCalendar(NEW_YORK, {"Sun": "02:10-02:50", "Mon-Fri": "09:00-18:00"})
    sunday = datetime(2025, 3, 9, tzinfo=NEW_YORK)
    assert cal.windows(sunday, sunday + timedelta(days=1)) == []
    assert cal.elapsed(sunday, sunday + timedelta(days=1)) == timedelta(0)


def test_an_overnight_window_on_new_years_eve_is_cut_by_a_new_years_day_holiday() -> None:
    cal = BusinessCalendar("UTC", {"Mon-Sun": "22:00-06:00"}, [date(2026, 1, 1)])
    assert cal.windows(utc(2025, 12, 31, 12), utc(2026, 1, 3, 12)) == [
        BusinessWindow(utc(2025, 12, 31, 22), utc(2026, 1, 1)),
        BusinessWindow(utc(2026, 1, 2, 22), utc(2026, 1, 3, 6)),
    ]
    assert cal.elapsed(utc(2025, 12, 31, 12), utc(2026, 1, 2, 12)) == 2 * H
    assert cal.add(utc(2025, 12, 31, 23), 2 * H) == utc(2026, 1, 2, 23)
    assert cal.add(utc(2026, 1, 2, 23), -2 * H) == utc(2025, 12, 31, 23)


def test_an_overnight_window_on_new_years_eve_runs_on_when_new_years_day_is_open() -> None:
    cal = BusinessCalendar("UTC", {"Mon-Sun": "22:00-06:00"}, [date(2026, 1, 2)])
    assert cal.windows(utc(2025, 12, 31, 12), utc(2026, 1, 1, 12)) == [
        BusinessWindow(utc(2025, 12, 31, 22), utc(2026, 1, 1, 6)),
    ]


def test_three_windows_in_a_day_are_consumed_in_order() -> None:
    cal = BusinessCalendar("UTC", {"Mon-Fri": "09:00-10:00, 11:00-12:00, 13:00-18:00"})
    assert cal.add(utc(2025, 6, 9, 9), 3 * H) == utc(2025, 6, 9, 14)


def test_next_close_of_touching_windows_is_the_close_of_the_window_holding_the_instant() -> None:
    cal = BusinessCalendar("UTC", {"Mon-Fri": "09:00-12:00, 12:00-18:00"})
    assert cal.next_close(utc(2025, 6, 9, 12)) == utc(2025, 6, 9, 18)


def test_windows_of_an_empty_span_and_of_a_span_starting_at_a_close_are_none() -> None:
    cal = BusinessCalendar("UTC")
    assert cal.windows(utc(2025, 6, 9, 12), utc(2025, 6, 9, 12)) == []
    assert cal.windows(utc(2025, 6, 9, 18), utc(2025, 6, 9, 20)) == []
    assert cal.windows(utc(2025, 6, 9, 7), utc(2025, 6, 9, 9)) == []


# -- exact boundaries of the search ------------------------------------------------------


def test_a_duration_that_runs_out_at_the_last_close_of_the_year_ends_there() -> None:
    # Searched by year totals: the goal equals the year's total exactly.
    cal = BusinessCalendar("UTC")
    assert cal.add(utc(2025, 12, 30, 9), 18 * H) == utc(2025, 12, 31, 18)
    # Six business days: beyond the few dates looked at before searching.
    assert cal.add(utc(2025, 12, 24, 9), 54 * H) == utc(2025, 12, 31, 18)


def test_next_open_after_the_years_last_business_is_in_the_next_year() -> None:
    # No business time after Friday 2025-12-19 in 2025, and 2026-01-01 is closed too.
    closed = [date(2025, 12, day) for day in range(22, 32)] + [date(2026, 1, 1)]
    cal = BusinessCalendar("UTC", holidays=closed)
    assert cal.next_open(utc(2025, 12, 19, 18)) == utc(2026, 1, 2, 9)


def test_a_duration_that_runs_out_at_the_close_before_a_makeup_day_ends_at_that_close() -> None:
    # Saturday 2025-06-14 is a make-up workday (a special date); the goal is
    # reached exactly at Friday's close, before it.
    cal = BusinessCalendar("UTC", workdays=[date(2025, 6, 14)])
    assert cal.add(utc(2025, 6, 12, 9), 18 * H) == utc(2025, 6, 13, 18)


def test_subtract_landing_on_a_lunch_break_gives_the_afternoon_opening() -> None:
    # 5 business hours before Monday 18:00 is 13:00 (the latest instant), not 12:00.
    cal = BusinessCalendar("UTC", {"Mon-Fri": "09:00-12:00, 13:00-18:00"})
    assert cal.subtract(utc(2025, 6, 10, 10), 6 * H) == utc(2025, 6, 9, 13)


# -- the supported years: 2 to 9998 ------------------------------------------------------


def test_the_first_and_last_supported_years_compute() -> None:
    cal = BusinessCalendar("UTC", ALWAYS)
    assert cal.is_open(utc(2, 6, 1, 10))
    assert cal.is_open(utc(9998, 6, 1, 10))
    assert cal.add(utc(9998, 6, 1), 240 * H) == utc(9998, 6, 11)  # past the look-ahead
    assert cal.subtract(utc(3, 1, 2), 72 * H) == utc(2, 12, 30)


@pytest.mark.parametrize(
    ("call", "text"),
    [
        pytest.param(
            lambda cal: cal.subtract(utc(2, 1, 5), 240 * H),
            "the result would lie before the year 2, outside the supported range",
            id="before-year-2",
        ),
        pytest.param(
            lambda cal: cal.add(utc(9998, 12, 30), 240 * H),
            "the result would lie after the year 9998, outside the supported range",
            id="after-year-9998",
        ),
        pytest.param(
            lambda cal: cal.is_open(utc(9999, 6, 1)),
            "the computation reached the year 9999; business arithmetic is supported for "
            "the years 2 to 9998",
            id="year-9999",
        ),
    ],
)
def test_leaving_the_supported_years_says_which_limit(call: Any, text: str) -> None:
    with pytest.raises(ResultOutOfRangeError) as info:
        call(BusinessCalendar("UTC", ALWAYS))
    assert message(info) == text


@pytest.mark.parametrize(
    ("start", "years"),
    [(utc(7000, 1, 1), 4000), (utc(3000, 1, 1), -3500)],
    ids=["forward", "backward"],
)
def test_a_duration_beyond_datetimes_range_in_real_time_is_refused_at_once(
    start: datetime, years: int
) -> None:
    with pytest.raises(ResultOutOfRangeError, match="goes past the range datetime can represent"):
        BusinessCalendar("UTC").add(start, timedelta(days=365 * years))


def test_refusing_a_duration_beyond_datetimes_range_names_it() -> None:
    cal = BusinessCalendar("UTC")
    with pytest.raises(ResultOutOfRangeError) as info:
        cal.add(utc(7000, 1, 1), timedelta(days=1_460_000))
    assert message(info) == (
        "adding datetime.timedelta(days=1460000) of business time to 7000-01-01T00:00:00+00:00 "
        "goes past the range datetime can represent (0001-01-01 00:00:00 to "
        "9999-12-31 23:59:59.999999 UTC)"
    )
    with pytest.raises(ResultOutOfRangeError) as info:
        cal.subtract(utc(3000, 1, 1), timedelta(days=1_277_500))
    assert "datetime.timedelta(days=1277500)" in message(info)


@pytest.mark.parametrize(
    ("hours", "instant", "text"),
    [
        (
            ALWAYS,
            utc(1, 1, 1, 12),
            "the computation reached the year 1; business arithmetic "
            "is supported for the years 2 to 9998",
        ),
        (
            ALWAYS,
            utc(9999, 12, 31, 12),
            "the computation reached the year 9999; business "
            "arithmetic is supported for the years 2 to 9998",
        ),
        # With overnight windows too: the engine lays out whole years, and year 1 is not one.
        (
            {"Mon-Sun": "22:00-06:00"},
            utc(1, 1, 1, 12),
            "the computation reached the year 1; business arithmetic "
            "is supported for the years 2 to 9998",
        ),
    ],
    ids=["first-date", "last-date", "before-the-first-date"],
)
def test_the_first_and_last_dates_of_datetime_are_refused_saying_why(
    hours: dict[str, str], instant: datetime, text: str
) -> None:
    with pytest.raises(ResultOutOfRangeError) as info:
        BusinessCalendar("UTC", hours).is_open(instant)
    assert message(info) == text


def test_a_start_at_the_edge_of_datetimes_range_is_refused_naming_it() -> None:
    cal = BusinessCalendar("Pacific/Kiritimati", ALWAYS)  # UTC+14: datetime.max has no local time
    with pytest.raises(ResultOutOfRangeError) as info:
        cal.add(datetime.max.replace(tzinfo=UTC), -H)
    assert message(info) == (
        "the computation reached the year 9999; business arithmetic is supported for the "
        "years 2 to 9998"
    )


def test_a_calendar_without_weekly_hours_says_so() -> None:
    with pytest.raises(CalendarNeverOpensError) as info:
        BusinessCalendar("UTC", {}).add(utc(2025, 1, 1), H)
    assert message(info) == (
        "this calendar has no business windows on any weekday, so no business time can "
        "elapse; give weekly hours such as {'Mon-Fri': '09:00-18:00'}"
    )


# -- years with no business time at all ---------------------------------------------------


def mondays(first_year: int, last_year: int) -> list[date]:
    day = date(first_year, 1, 1)
    day += timedelta(days=-day.weekday() % 7)
    result = []
    while day.year <= last_year:
        result.append(day)
        day += timedelta(days=7)
    return result


MONDAYS = {"Mon": "09:00-10:00"}
NEVER_ELAPSES = (
    "this calendar had no business time in 30 consecutive years (every open date is a "
    "holiday), so the duration can never elapse"
)


def test_thirty_empty_years_are_searched_through_forwards() -> None:
    # Every Monday of 2030 to 2059 is a holiday: the next open Monday is in 2060.
    cal = BusinessCalendar("UTC", MONDAYS, mondays(2030, 2059))
    assert cal.add(utc(2030, 1, 1), H) == utc(2060, 1, 5, 10)
    after_business = BusinessCalendar("UTC", MONDAYS, mondays(2030, 2059))
    # December 2029 holds five open Mondays, then thirty empty years.
    assert after_business.add(utc(2029, 12, 1), 6 * H) == utc(2060, 1, 5, 10)


def test_thirty_empty_years_are_searched_through_backwards() -> None:
    cal = BusinessCalendar("UTC", MONDAYS, mondays(2030, 2059))
    assert cal.subtract(utc(2060, 1, 1), H) == utc(2029, 12, 31, 9)
    after_business = BusinessCalendar("UTC", MONDAYS, mondays(2030, 2059))
    # January 2060 holds four open Mondays before the 31st.
    assert after_business.subtract(utc(2060, 1, 31), 5 * H) == utc(2029, 12, 31, 9)


def test_thirty_one_empty_years_mean_the_duration_never_elapses() -> None:
    cal = BusinessCalendar("UTC", MONDAYS, mondays(2030, 2060))
    with pytest.raises(CalendarNeverOpensError) as info:
        cal.add(utc(2030, 1, 1), H)
    assert message(info) == NEVER_ELAPSES
    with pytest.raises(CalendarNeverOpensError) as info:
        cal.subtract(utc(2061, 1, 1), H)
    assert message(info) == NEVER_ELAPSES


def test_decades_of_business_time_in_one_step() -> None:
    cal = BusinessCalendar("UTC", ALWAYS)
    forty_years = timedelta(days=365 * 40)
    assert cal.add(utc(2000, 1, 1), forty_years) == utc(2000, 1, 1) + forty_years
    assert cal.subtract(utc(2050, 1, 1), forty_years) == utc(2050, 1, 1) - forty_years


# -- unusual UTC-offset changes -----------------------------------------------------------

#: Offset changes at awkward places: at a local midnight that starts the year
#: (Kathmandu, +05:30 to +05:45), a skipped date near the year's end (Apia,
#: 2011-12-30; Kiritimati, 1994-12-31), and ordinary DST.
ODD_CHANGES = [
    pytest.param("Asia/Kathmandu", utc(1986, 1, 1), id="kathmandu-1986"),
    pytest.param("Pacific/Apia", utc(2011, 12, 30), id="apia-2011"),
    pytest.param("Pacific/Kiritimati", utc(1995, 1, 1), id="kiritimati-1995"),
    pytest.param("America/New_York", utc(2025, 3, 9), id="new-york-2025"),
    pytest.param("Australia/Lord_Howe", utc(2025, 4, 6), id="lord-howe-2025"),
]


@pytest.mark.parametrize(("zone", "when"), ODD_CHANGES)
def test_a_24x7_calendar_counts_real_time_across_offset_changes(zone: str, when: datetime) -> None:
    cal = BusinessCalendar(zone, ALWAYS)
    start, end = when - timedelta(days=3, hours=5), when + timedelta(days=3, hours=7)
    assert cal.elapsed(start, end) == end - start
    assert cal.add(start, end - start) == end
    assert cal.subtract(end, end - start) == start
    # Over whole years, searched by year totals.
    year_before, year_after = when - timedelta(days=400), when + timedelta(days=400)
    assert cal.elapsed(year_before, year_after) == year_after - year_before
    assert cal.add(year_before, year_after - year_before) == year_after
    assert cal.subtract(year_after, year_after - year_before) == year_before


@pytest.mark.parametrize(("zone", "when"), ODD_CHANGES)
def test_windows_across_offset_changes_match_the_reference(zone: str, when: datetime) -> None:
    cal = BusinessCalendar(zone, {"Mon-Sun": "00:00-01:00, 02:00-04:00, 09:00-18:00, 23:00-24:00"})
    start, end = when - timedelta(days=4), when + timedelta(days=4)
    got = [(us_of(w.opens), us_of(w.closes)) for w in cal.windows(start, end)]
    assert got == ref_windows(cal, start, end)


# -- DST changes as facts ------------------------------------------------------------------

SPRING_2025 = utc(2025, 3, 9, 7)  # New York: 02:00 EST becomes 03:00 EDT


@pytest.mark.parametrize(
    "start",
    [
        SPRING_2025 - timedelta(days=1) + timedelta(minutes=10),  # change late in a day's probe
        SPRING_2025 - timedelta(days=3, microseconds=-500_000),  # probes off whole seconds
        SPRING_2025 - timedelta(seconds=1),
    ],
)
def test_dst_changes_finds_the_change_to_the_second(start: datetime) -> None:
    cal = BusinessCalendar(NEW_YORK)
    changes = cal.dst_changes(start, SPRING_2025 + timedelta(days=2))
    assert changes == [(SPRING_2025, timedelta(hours=-4))]
    assert changes[0][0].astimezone(UTC) == SPRING_2025


def test_dst_changes_leaves_out_a_change_at_the_end() -> None:
    cal = BusinessCalendar(NEW_YORK)
    assert cal.dst_changes(SPRING_2025 - timedelta(days=3), SPRING_2025) == []


# -- crashes the fuzz tests found (tests/contract/test_fuzz.py) ----------------------------


def test_regression_subtract_the_largest_timedelta() -> None:
    # OverflowError: -timedelta.max is not a timedelta.
    start = datetime(2025, 1, 1, tzinfo=UTC)
    expect(ResultOutOfRangeError, BusinessCalendar("UTC").subtract, start, timedelta.max)


def test_regression_overnight_calendar_at_the_first_representable_day() -> None:
    # ValueError: ordinal must be >= 1 (the day before 0001-01-01, for overnight windows).
    cal = BusinessCalendar("UTC", {"Mon-Fri": "22:00-06:00"})
    first = datetime(1, 1, 1, tzinfo=UTC)
    expect(ResultOutOfRangeError, cal.add, first, timedelta(hours=4))
    expect(ResultOutOfRangeError, cal.elapsed, first, first)
    expect(ResultOutOfRangeError, cal.is_open, first)


def test_regression_dst_changes_from_the_first_representable_day() -> None:
    # OverflowError: date value out of range.
    cal = BusinessCalendar("America/New_York")
    expect(
        ResultOutOfRangeError,
        cal.dst_changes,
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1, 1, 2, tzinfo=UTC),
    )


# -- slow, not hung -----------------------------------------------------------------------------


def test_instants_thousands_of_years_apart_finish() -> None:
    # The engine builds a table per year crossed: about 5 s for 8,000 years.
    cal = BusinessCalendar("America/New_York")
    outcome = call(cal.elapsed, datetime(2, 1, 3, tzinfo=UTC), datetime(9998, 12, 30, tzinfo=UTC))
    assert outcome.error is None
    assert outcome.value > timedelta(days=700_000)


def test_a_duration_of_a_million_days_finishes() -> None:
    # Within datetime's range in real time, so not refused at once: the engine walks
    # the year tables to 9998 (about 5 s) before it finds the result out of range.
    cal = BusinessCalendar("Asia/Shanghai")
    start = datetime(2025, 6, 6, 17, 0, tzinfo=SH)
    expect(ResultOutOfRangeError, cal.add, start, timedelta(days=1_000_000))
