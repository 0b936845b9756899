"""Behaviours that mutation testing found unpinned (docs/explanation/mutation.md).

Each test pins one behaviour of the calendar engine (``calendar.py``) or the
policy module (``policy.py``) that a mutant could change while the rest of the
suite still passed: a boundary, an error message that names the bad argument,
a rarely reached branch. All examples are fixed and fast; expected values were
worked out by hand or against the reference model in ``reference.py``.
"""

from __future__ import annotations

import pickle
import re
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest

from connected_care_sla import (
    BusinessCalendar,
    BusinessWindow,
    CalendarNeverOpensError,
    HolidayHorizonError,
    HolidayHorizonWarning,
    InvalidDurationError,
    InvalidInstantError,
    Policy,
    PolicyBook,
    PolicyError,
    ResponseTarget,
    ResultOutOfRangeError,
    Service,
    UnknownPlanError,
    UnknownServiceError,
    UnknownSeverityError,
    connected_care_policy,
    load_policy,
    load_policy_book,
)
from connected_care_sla.policy import format_duration, parse_duration
from reference import ref_windows, us_of

H = timedelta(hours=1)
ALWAYS = {"Mon-Sun": "00:00-24:00"}
NEW_YORK = ZoneInfo("America/New_York")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


# == calendar.py =====================================================================

# -- which argument an error names ----------------------------------------------------

NAIVE = datetime(2025, 6, 9, 10)
AWARE = utc(2025, 6, 9, 10)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        pytest.param(lambda cal: cal.add(NAIVE, H), "start", id="add"),
        pytest.param(lambda cal: cal.elapsed(NAIVE, AWARE), "start", id="elapsed-start"),
        pytest.param(lambda cal: cal.elapsed(AWARE, NAIVE), "end", id="elapsed-end"),
        pytest.param(lambda cal: cal.is_open(NAIVE), "instant", id="is_open"),
        pytest.param(lambda cal: cal.next_open(NAIVE), "instant", id="next_open"),
        pytest.param(lambda cal: cal.windows(NAIVE, AWARE), "start", id="windows-start"),
        pytest.param(lambda cal: cal.windows(AWARE, NAIVE), "end", id="windows-end"),
        pytest.param(lambda cal: cal.dst_changes(NAIVE, AWARE), "start", id="dst_changes-start"),
        pytest.param(lambda cal: cal.dst_changes(AWARE, NAIVE), "end", id="dst_changes-end"),
    ],
)
def test_a_naive_datetime_error_names_the_argument(call: Any, name: str) -> None:
    with pytest.raises(InvalidInstantError) as info:
        call(BusinessCalendar("UTC"))
    assert message(info).startswith(f"{name} 2025-06-09 10:00:00 is naive")


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
        # An overnight window of the day before: 0000-12-31 does not exist.
        (
            {"Mon-Sun": "22:00-06:00"},
            utc(1, 1, 1, 12),
            "the computation reached a date outside "
            "the range datetime can represent (years 1 to 9999)",
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
        "datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc) "
        "lies at the edge of the range datetime can represent in Pacific/Kiritimati"
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


# -- strict calendars, holiday horizons, identity -----------------------------------------

SHANGHAI = ZoneInfo("Asia/Shanghai")
UNCOVERED_2040 = (
    "holiday data for 2040 is not official for: CN (official data covers 1950 to {last}); "
    "deadlines in 2040 may miss holidays or make-up workdays"
)


def cn_last_official_year() -> int:
    cal = BusinessCalendar(SHANGHAI, holidays="CN")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cal.is_open(datetime(2040, 3, 1, 10, tzinfo=SHANGHAI))
    text = str(caught[0].message)
    found = re.search(r"covers 1950 to (\d+)\)", text)
    assert found is not None, text
    return int(found[1])


def test_a_strict_calendar_refuses_a_year_without_official_holiday_data() -> None:
    last = cn_last_official_year()
    cal = BusinessCalendar(SHANGHAI, holidays="CN", strict=True)
    with pytest.raises(HolidayHorizonError) as info:
        cal.is_open(datetime(2040, 3, 1, 10, tzinfo=SHANGHAI))
    assert message(info) == UNCOVERED_2040.format(last=last) + " (the calendar is strict)"


def test_a_lenient_calendar_warns_naming_every_uncovered_country() -> None:
    cal = BusinessCalendar(SHANGHAI, holidays=["CN", "RU"])
    with pytest.warns(HolidayHorizonWarning) as record:
        cal.is_open(datetime(2040, 3, 1, 10, tzinfo=SHANGHAI))
    text = str(record[0].message)
    assert re.fullmatch(
        r"holiday data for 2040 is not official for: CN \(official data covers 1950 to \d+\); "
        r"RU \(official data covers \d+ to \d+\); deadlines in 2040 may miss holidays or "
        r"make-up workdays",
        text,
    ), text


def test_a_strict_calendar_stays_strict_through_pickle() -> None:
    cal = BusinessCalendar(SHANGHAI, holidays="CN", strict=True)
    copy = pickle.loads(pickle.dumps(cal))
    assert copy.strict
    with pytest.raises(HolidayHorizonError):
        copy.is_open(datetime(2040, 3, 1, 10, tzinfo=SHANGHAI))


@pytest.mark.parametrize(
    ("call", "given"),
    [
        pytest.param(
            lambda cal: cal.holiday_name(datetime(2025, 1, 1)),
            "datetime.datetime(2025, 1, 1, 0, 0) of type datetime",
            id="holiday_name-of-a-datetime",
        ),
        pytest.param(
            lambda cal: cal.is_makeup_workday("2025-10-01"),
            "'2025-10-01' of type str",
            id="is_makeup_workday-of-a-string",
        ),
    ],
)
def test_date_questions_want_a_date(call: Any, given: str) -> None:
    with pytest.raises(InvalidInstantError) as info:
        call(BusinessCalendar("UTC"))
    assert message(info) == f"expected a local calendar date such as date(2025, 10, 1), got {given}"


def test_repr_shows_custom_hours_and_strictness() -> None:
    cal = BusinessCalendar("UTC", {"Mon": "09:00-10:00"}, strict=True)
    assert repr(cal) == (
        "BusinessCalendar('UTC', hours=WeeklyHours({'Mon': '09:00-10:00'}), strict=True)"
    )


def test_dask_token_spells_out_every_part_of_the_calendar() -> None:
    us = holidays.country_holidays("US", categories=("public", "unofficial"))
    cn = holidays.country_holidays("CN")
    cal = BusinessCalendar(
        "UTC",
        holidays=[us, cn, date(2025, 1, 3), date(2025, 1, 2)],
        workdays=[date(2025, 1, 5), date(2025, 1, 4)],
    )
    countries = ",".join(
        [
            f"{type(us).__module__}.{type(us).__qualname__}:None:True:public+unofficial",
            f"{type(cn).__module__}.{type(cn).__qualname__}:None:True:public",
        ]
    )
    assert cal.__dask_tokenize__() == (
        f"BusinessCalendar|UTC|WeeklyHours({{'Mon-Fri': '09:00-18:00'}})|{countries}|"
        "2025-01-02,2025-01-03|2025-01-04,2025-01-05|False"
    )


# == policy.py =======================================================================

SEVERITIES = {"S1": "Down.", "S2": "Slow."}
ROW = {"S1": "1h wall", "S2": "none"}


def mapping(**extra: object) -> dict[str, object]:
    return {"severities": SEVERITIES, "first_response": {"Gold": ROW}, **extra}


def refusal(build: Any) -> str:
    with pytest.raises(PolicyError) as info:
        build()
    return message(info)


# -- durations and their words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (1, "1s"), (1.5, "1.5s"), (-1.5, "-1.5s"), (-3600, "-1h"), (3601, "1h1s")],
)
def test_format_duration_writes_the_compact_form(seconds: float, text: str) -> None:
    assert format_duration(timedelta(seconds=seconds)) == text


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (ResponseTarget("1s", "wall"), "1 second (wall clock, 24x7)"),
        (ResponseTarget("90s", "wall"), "1 minute 30 seconds (wall clock, 24x7)"),
        (ResponseTarget("1h0m1.5s", "business"), "1 hour 1.5 seconds of business time"),
        (ResponseTarget("2s", "business"), "2 seconds of business time"),
    ],
)
def test_response_targets_read_in_words(target: ResponseTarget, text: str) -> None:
    assert str(target) == text


def test_a_clock_that_is_not_a_string_is_refused() -> None:
    assert refusal(lambda: ResponseTarget("1h", 3)) == (  # type: ignore[arg-type]
        "unknown clock 3 of type int; expected 'wall' (elapsed real time, 24x7) or 'business' "
        "(time inside business hours)"
    )


def test_a_one_microsecond_target_is_positive() -> None:
    assert ResponseTarget(timedelta(microseconds=1), "wall").duration == timedelta(microseconds=1)


def test_type_errors_name_the_type() -> None:
    with pytest.raises(InvalidDurationError) as info:
        ResponseTarget(5, "wall")  # type: ignore[arg-type]
    assert message(info) == (
        "a response target's duration must be a datetime.timedelta, e.g. timedelta(hours=4), "
        "got 5 of type int"
    )
    with pytest.raises(InvalidDurationError) as info:
        parse_duration(4)
    assert message(info) == (
        "a duration must be a string such as '4h', '30m' or '1h30m', got 4 of type int"
    )


# -- names --------------------------------------------------------------------------------


def test_an_underscore_matches_a_hyphen_in_service_keys() -> None:
    policy = connected_care_policy()
    assert policy.includes("premium", "technical_account_manager")
    assert policy.service_key("Technical_Account_Manager") == Service.TECHNICAL_ACCOUNT_MANAGER


def test_an_unknown_service_lists_the_services() -> None:
    with pytest.raises(UnknownServiceError) as info:
        Service("warp")
    assert message(info) == (
        f"unknown service 'warp'; expected one of {', '.join(Service)} (any letter case). "
        "Services of a custom policy are passed as strings"
    )


def test_int_severities_up_to_64_bits_name_sn() -> None:
    severities = {"S9223372036854775808": "2**63", "S18446744073709551616": "2**64"}
    policy = Policy.from_mapping(
        {"severities": severities, "first_response": {"Gold": dict.fromkeys(severities, "none")}}
    )
    assert policy.severity_key(2**63) == "S9223372036854775808"
    with pytest.raises(UnknownSeverityError):
        policy.severity_key(2**64)


@pytest.mark.parametrize(
    ("count", "listed"),
    [
        (12, "P0, P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11"),
        (13, "P0, P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11, ... (13 in all)"),
    ],
)
def test_messages_list_up_to_twelve_names(count: int, listed: str) -> None:
    rows = {f"P{i}": {"S1": "none"} for i in range(count)}
    policy = Policy.from_mapping({"severities": {"S1": "x"}, "first_response": rows})
    with pytest.raises(UnknownPlanError) as info:
        policy.plan_key("nope")
    assert message(info) == (
        f"unknown plan 'nope'; policy 'custom policy' has the plans {listed} (any letter case)"
    )


# -- malformed policy data: the whole message --------------------------------------------

BUILTIN_SERVICES = ", ".join(Service)

MALFORMED_MAPPINGS = [
    pytest.param(
        {},
        "key '(top level)' = {}: the policy is empty; it needs [severities] and "
        "[first_response] tables",
        id="empty",
    ),
    pytest.param(
        mapping(name=" Acme "),
        "key 'name' = ' Acme ': expected a non-empty name without surrounding spaces",
        id="name-with-spaces",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {" Gold": ROW}},
        "key 'first_response. Gold' = ' Gold': expected a non-empty name without surrounding "
        "spaces",
        id="plan-with-spaces",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": {"S1": 4, "S2": "none"}}},
        "key 'first_response.Gold.S1' = 4: expected a string such as '4h business', "
        "'30m wall' or 'none'",
        id="cell-not-a-string",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": {"S1": "4h wall x", "S2": "none"}}},
        "key 'first_response.Gold.S1' = '4h wall x': expected '<duration> <clock>' such as "
        "'4h business' or '30m wall', or 'none'",
        id="cell-of-three-words",
    ),
    pytest.param(
        mapping(plans=[]),
        "key 'plans' = []: unknown key; a policy has the keys effective_from, entitlements, "
        "first_response, name, services, severities",
        id="unknown-key",
    ),
    pytest.param(
        mapping(effective_from="2025-02-17"),
        "key 'effective_from' = '2025-02-17': expected a TOML date without quotes or time, "
        "e.g. effective_from = 2025-02-17",
        id="date-as-a-string",
    ),
    pytest.param(
        {"severities": {"S1": ""}, "first_response": {"Gold": {"S1": "1h wall"}}},
        "key 'severities.S1' = '': expected the definition as a string",
        id="empty-definition",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": "1h wall"}},
        "key 'first_response.Gold' = '1h wall': expected a table of severities, e.g. "
        "{ S1 = '1h wall', ... }",
        id="row-not-a-table",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": {**ROW, "S3": "none"}}},
        "key 'first_response.Gold.S3' = 'none': severity 'S3' is not in [severities] (S1, S2)",
        id="row-with-an-unknown-severity",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": {"S1": "1h wall"}}},
        "key 'first_response.Gold' = {'S1': '1h wall'}: plan 'Gold' is missing the severity "
        "'S2'; every plan needs a cell for each of S1, S2 ('none' for no target)",
        id="row-missing-a-severity",
    ),
    pytest.param(
        mapping(services=["pager"]),
        "key 'services' = ['pager']: expected a table of service = 'label'",
        id="services-not-a-table",
    ),
    pytest.param(
        mapping(services={"pager": 3}),
        "key 'services.pager' = 3: expected the service's label as a string",
        id="service-label-not-a-string",
    ),
    pytest.param(
        {"severities": {1: "x"}, "first_response": {"Gold": {"S1": "none"}}},
        "key 'severities.1' = 1: expected a non-empty name without surrounding spaces",
        id="key-not-a-string",
    ),
    pytest.param(
        mapping(entitlements=["faq"]),
        "key 'entitlements' = ['faq']: expected a table of plan = [services]",
        id="entitlements-not-a-table",
    ),
    pytest.param(
        mapping(entitlements={"Gold": [], "Tin": []}),
        "key 'entitlements.Tin' = []: plan 'Tin' is not in [first_response] (Gold)",
        id="entitlements-of-an-unknown-plan",
    ),
    pytest.param(
        mapping(entitlements={"Gold": "faq"}),
        "key 'entitlements.Gold' = 'faq': expected a list of service keys",
        id="entitlements-not-a-list",
    ),
    pytest.param(
        mapping(entitlements={"Gold": [3]}),
        "key 'entitlements.Gold' = 3: expected a service key (a string)",
        id="entitlement-not-a-string",
    ),
    pytest.param(
        mapping(entitlements={"Gold": ["warp"]}),
        f"key 'entitlements.Gold' = 'warp': unknown service; use a built-in one "
        f"({BUILTIN_SERVICES}) or declare it in [services]",
        id="unknown-service",
    ),
]


@pytest.mark.parametrize(("data", "text"), MALFORMED_MAPPINGS)
def test_malformed_policy_data_is_refused_with_the_whole_story(
    data: dict[str, object], text: str
) -> None:
    assert refusal(lambda: Policy.from_mapping(data)) == f"policy data: {text}"


MALFORMED_BOOKS = [
    pytest.param(
        {},
        "key '(top level)' = {}: the policy book is empty; it needs one or more [[versions]] "
        "tables",
        id="empty",
    ),
    pytest.param(
        {"versions": [], "extra": 1},
        "key 'extra' = 1: unknown key; a policy book has 'name' and [[versions]], each a "
        "complete policy",
        id="unknown-key",
    ),
    pytest.param(
        {"versions": []},
        "key 'versions' = []: expected one or more [[versions]] tables, each a complete "
        "policy with its effective_from date",
        id="no-versions",
    ),
    pytest.param(
        {"name": "", "versions": [mapping(effective_from=date(2025, 1, 1))]},
        "key 'name' = '': expected a non-empty name without surrounding spaces",
        id="empty-name",
    ),
    pytest.param(
        {"versions": ["x"]},
        "key 'versions[0]' = 'x': expected a table (a complete policy)",
        id="version-not-a-table",
    ),
    pytest.param(
        {"versions": [mapping()]},
        "key 'versions[0].effective_from' = None: each version of a policy book needs a "
        "date, e.g. effective_from = 2025-02-17",
        id="version-without-a-date",
    ),
    pytest.param(
        {
            "versions": [
                mapping(effective_from=date(2025, 1, 1)),
                mapping(effective_from=date(2025, 1, 1)),
            ]
        },
        "key 'versions[1].effective_from' = datetime.date(2025, 1, 1): versions[0] takes "
        "effect on the same date; give each version its own date",
        id="two-versions-one-date",
    ),
]


@pytest.mark.parametrize(("data", "text"), MALFORMED_BOOKS)
def test_malformed_policy_books_are_refused_with_the_whole_story(
    data: dict[str, object], text: str
) -> None:
    assert refusal(lambda: PolicyBook.from_mapping(data)) == f"policy data: {text}"


def test_unknown_keys_of_any_type_are_refused() -> None:
    assert refusal(lambda: Policy.from_mapping({**mapping(), 1: "x"})) == (
        "policy data: key '1' = 'x': unknown key; a policy has the keys effective_from, "
        "entitlements, first_response, name, services, severities"
    )
    text = refusal(lambda: Policy.from_mapping({**mapping(), 1: "x", "zzz": 2}))
    assert "unknown key; a policy has the keys" in text


def test_source_must_be_a_string() -> None:
    assert refusal(lambda: Policy.from_mapping(mapping(), source=3)) == (  # type: ignore[arg-type]
        "source= names where policy data comes from, for messages: a string, got 3 of type int"
    )


def test_a_policy_is_in_force_on_any_date_but_wants_a_date() -> None:
    policy = Policy.from_mapping(mapping())
    assert policy.in_force(date(2025, 1, 1)) is policy
    assert policy.in_force(datetime(2025, 1, 1, tzinfo=UTC)) is policy
    book = PolicyBook([Policy.from_mapping(mapping(effective_from=date(2025, 1, 1)))])
    for version in (policy, book):
        assert refusal(lambda v=version: v.in_force("2025-01-01")) == (
            "the day a policy version is in force on must be a datetime.date, got "
            "'2025-01-01' of type str"
        )


def test_a_policy_book_of_something_other_than_a_table_is_refused() -> None:
    text = refusal(lambda: PolicyBook.from_mapping(["x"]))  # type: ignore[arg-type]
    assert text.startswith("policy data: key '(top level)' = ['x']: ")


def test_a_book_without_names_calls_its_versions_custom_policy() -> None:
    book = PolicyBook.from_mapping(
        {
            "versions": [
                mapping(effective_from=date(2026, 1, 1)),
                mapping(effective_from=date(2025, 1, 1)),
            ]
        }
    )
    assert repr(book) == (
        "PolicyBook([custom policy (effective 2025-01-01), custom policy (effective 2026-01-01)])"
    )


def test_policy_book_constructor_refusals() -> None:
    assert refusal(lambda: PolicyBook("abc")) == (  # type: ignore[arg-type]
        "a policy book takes a list of Policy versions, got 'abc' of type str"
    )
    assert refusal(lambda: PolicyBook([])) == "a policy book needs at least one policy version"


# -- Policy(...) called directly ------------------------------------------------------------

TARGET = ResponseTarget("1h", "wall")
FIELDS: dict[str, Any] = {
    "name": "x",
    "effective_from": None,
    "plans": ("Gold",),
    "severities": ("S1",),
    "definitions": ("Down.",),
    "response_table": ((TARGET,),),
    "entitlement_table": (frozenset(),),
    "services": (),
}
HOW = "; build policies with load_policy or Policy.from_mapping"


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"name": 3}, "Policy field name must be a string, got 3 of type int" + HOW),
        ({"source": 3}, "Policy field source must be a string, got 3 of type int" + HOW),
        (
            {"effective_from": datetime(2025, 1, 1)},
            "Policy field effective_from must be a datetime.date or None, got "
            "datetime.datetime(2025, 1, 1, 0, 0) of type datetime" + HOW,
        ),
        (
            {"plans": ["Gold"]},
            "Policy field plans must be a tuple of strings, got ['Gold'] of type list" + HOW,
        ),
        (
            {"severities": ("S1", 2)},
            "Policy field severities must be a tuple of strings, got ('S1', 2) of type tuple" + HOW,
        ),
        (
            {"definitions": ["Down."]},
            "Policy field definitions must be a tuple of strings, got ['Down.'] of type list" + HOW,
        ),
        (
            {"response_table": [(TARGET,)]},
            "Policy field response_table must be a tuple of rows, each a tuple of "
            "ResponseTarget or None, got [(ResponseTarget('1h', Clock.WALL),)] of type list" + HOW,
        ),
        (
            {"response_table": (("1h",),)},
            "Policy field response_table must be a tuple of rows, each a tuple of "
            "ResponseTarget or None, got (('1h',),) of type tuple" + HOW,
        ),
        (
            {"entitlement_table": [frozenset()]},
            "Policy field entitlement_table must be a tuple of frozensets of service keys, got "
            "[frozenset()] of type list" + HOW,
        ),
        (
            {"entitlement_table": ({"faq"},)},
            "Policy field entitlement_table must be a tuple of frozensets of service keys, got "
            "({'faq'},) of type tuple" + HOW,
        ),
        (
            {"entitlement_table": (frozenset({3}),)},
            "Policy field entitlement_table must be a tuple of frozensets of service keys, got "
            "(frozenset({3}),) of type tuple" + HOW,
        ),
        (
            {"services": [("a", "b")]},
            "Policy field services must be a tuple of (key, label) string pairs, got "
            "[('a', 'b')] of type list" + HOW,
        ),
        (
            {"services": (("a", "b", "c"),)},
            "Policy field services must be a tuple of (key, label) string pairs, got "
            "(('a', 'b', 'c'),) of type tuple" + HOW,
        ),
        (
            {"services": (["a", "b"],)},
            "Policy field services must be a tuple of (key, label) string pairs, got "
            "(['a', 'b'],) of type tuple" + HOW,
        ),
        (
            {
                "plans": ("Gold", "GOLD"),
                "response_table": ((TARGET,), (TARGET,)),
                "entitlement_table": (frozenset(), frozenset()),
            },
            "Policy field plans names 'Gold' twice (as 'GOLD'); names are compared in any "
            "letter case",
        ),
        (
            {
                "severities": ("S1", "s1"),
                "definitions": ("a", "b"),
                "response_table": ((TARGET, TARGET),),
            },
            "Policy field severities names 'S1' twice (as 's1'); names are compared in any "
            "letter case",
        ),
        (
            {"services": (("pager", "A"), ("PAGER", "B"))},
            "Policy field services names 'pager' twice (as 'PAGER'); names are compared in "
            "any letter case",
        ),
        (
            {"plans": (), "response_table": (), "entitlement_table": ()},
            "policy 'x' (policy data) needs at least one plan and one severity",
        ),
        (
            {"definitions": ("a", "b")},
            "policy 'x' (policy data): one definition per severity is needed",
        ),
        (
            {"entitlement_table": ()},
            "policy 'x' (policy data): entitlement_table must hold one set per plan",
        ),
    ],
)
def test_policy_fields_are_checked_naming_field_and_value(
    fields: dict[str, Any], text: str
) -> None:
    assert refusal(lambda: Policy(**{**FIELDS, **fields})) == text


# -- policy files -----------------------------------------------------------------------------

GOOD = """
name = "Acme"
effective_from = 2025-01-01
[severities]
S1 = "Down."
[first_response]
Gold = { S1 = "1h wall" }
"""

BOOK = """
[[versions]]
effective_from = 2025-01-01
[versions.severities]
S1 = "Down."
[versions.first_response]
Gold = { S1 = "2h wall" }
"""


def test_policy_files_may_be_named_by_a_str(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_policy(str(path)).name == "Acme"
    assert load_policy_book(str(path)).latest.name == "Acme"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a\0b.toml", "policy file name 'a\\x00b.toml' contains a NUL character"),
        (3.5, "a policy file must be a path (a str or pathlib.Path), got 3.5 of type float"),
    ],
)
def test_a_policy_file_name_that_is_no_path_is_refused(path: Any, text: str) -> None:
    assert refusal(lambda: load_policy(path)) == text


class _PathLike:
    """An ``os.PathLike`` that is not a ``pathlib.Path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def test_policy_files_may_be_named_by_any_path_like(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_policy(_PathLike(path)).name == "Acme"  # type: ignore[arg-type]


def test_a_policy_file_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert refusal(lambda: load_policy(path)) == (
        f"policy file {str(path)!r} nests arrays or tables too deeply to read; a policy needs "
        "two levels ([first_response] rows of cells)"
    )


def test_load_policy_refuses_a_book_saying_what_to_use(tmp_path: Path) -> None:
    path = tmp_path / "book.toml"
    path.write_text(BOOK, encoding="utf-8")
    assert refusal(lambda: load_policy(path)) == (
        f"policy file {str(path)!r}: key 'versions' = '[[versions]]': this file is a policy "
        "book of several versions; read it with load_policy_book"
    )


def test_a_single_policy_read_as_a_book_is_named_after_its_file_and_needs_a_date(
    tmp_path: Path,
) -> None:
    path = tmp_path / "acme-2025.toml"
    path.write_text(GOOD.replace('name = "Acme"\n', ""), encoding="utf-8")
    assert load_policy_book(path).latest.name == "acme-2025"
    path.write_text(GOOD.replace("effective_from = 2025-01-01\n", ""), encoding="utf-8")
    assert refusal(lambda: load_policy_book(path)) == (
        f"policy file {str(path)!r}: key 'effective_from' = None: each version of a policy "
        "book needs a date, e.g. effective_from = 2025-02-17"
    )
