"""Named regression examples, written out by hand.

Each expected value was worked out on paper from SPEC section 3. Where another
library answers differently, the docstring says so: that difference is the
reason the example exists.

The ``add`` examples are plain data in ``support/calendar_examples.py``, so that
``tests/contract/test_process_tz.py`` can replay them in subprocesses with a
different process time zone.
"""

from __future__ import annotations

import pickle
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from connected_care_sla import BusinessCalendar, CalendarNeverOpensError, SlaError, WeeklyHours
from connected_care_sla.exceptions import (
    InvalidDurationError,
    InvalidHolidaysError,
    InvalidHoursError,
    InvalidInstantError,
    ResultOutOfRangeError,
    UnknownZoneError,
)
from support.calendar_examples import (
    ADD_EXAMPLES,
    ALWAYS,
    BERLIN,
    LORD_HOWE,
    NEW_YORK,
    SHANGHAI,
    US,
    AddExample,
    H,
    at,
)


@pytest.mark.parametrize("example", ADD_EXAMPLES, ids=[e.name for e in ADD_EXAMPLES])
def test_add_example(example: AddExample) -> None:
    assert example.run() == example.expected


# -- elapsed and is_open ---------------------------------------------------------


def test_elapsed_start_and_end_after_close_counts_a_whole_day() -> None:
    """businesstime answers 0 here; the business day in between holds 9 hours."""
    cal = BusinessCalendar("Asia/Shanghai")
    start = at("2025-06-09T19:00", SHANGHAI)  # Monday, after closing
    end = at("2025-06-10T19:00", SHANGHAI)  # Tuesday, after closing
    assert cal.elapsed(start, end) == 9 * H
    assert cal.elapsed(end, start) == -9 * H


@pytest.mark.parametrize(
    ("zone", "day", "hours", "expected"),
    [
        (NEW_YORK, "2025-03-09", ALWAYS, 23 * H),
        (NEW_YORK, "2025-11-02", ALWAYS, 25 * H),
        (NEW_YORK, "2025-03-09", {"Sun": "02:30-05:00"}, 2 * H),
        (NEW_YORK, "2025-11-02", {"Sun": "01:30-03:00"}, timedelta(hours=2, minutes=30)),
        (BERLIN, "2025-03-30", ALWAYS, 23 * H),
        (BERLIN, "2025-10-26", ALWAYS, 25 * H),
        (BERLIN, "2025-03-30", {"Sun": "01:00-04:00"}, 2 * H),
        (BERLIN, "2025-10-26", {"Sun": "01:00-04:00"}, 4 * H),
        (LORD_HOWE, "2025-10-05", ALWAYS, timedelta(hours=23, minutes=30)),
        (LORD_HOWE, "2025-04-06", ALWAYS, timedelta(hours=24, minutes=30)),
        (LORD_HOWE, "2025-10-05", {"Sun": "02:00-03:00"}, timedelta(minutes=30)),
        (LORD_HOWE, "2025-04-06", {"Sun": "01:30-02:00"}, timedelta(hours=1)),
        (NEW_YORK, "2025-03-09", None, timedelta(0)),
        (SHANGHAI, "2025-06-09", {"Mon": "09:00-12:00, 13:00-18:00"}, 8 * H),
    ],
)
def test_business_time_held_by_a_dst_day(
    zone: ZoneInfo, day: str, hours: Any, expected: timedelta
) -> None:
    cal = BusinessCalendar(zone, hours)
    first = date.fromisoformat(day)
    start = datetime(first.year, first.month, first.day, tzinfo=zone)
    end = start + timedelta(days=1)  # same-zone arithmetic is wall-clock: next local midnight
    assert cal.elapsed(start, end) == expected


def test_new_york_default_hours_over_the_spring_weekend() -> None:
    cal = BusinessCalendar("America/New_York")
    assert cal.elapsed(at("2025-03-07T09:00", NEW_YORK), at("2025-03-10T09:00", NEW_YORK)) == 9 * H
    assert cal.elapsed(at("2025-03-07T18:00", NEW_YORK), at("2025-03-10T09:00", NEW_YORK)) == (
        timedelta(0)
    )


def test_window_edge_in_a_gap_opens_at_the_transition() -> None:
    cal = BusinessCalendar("America/New_York", {"Sun": "02:30-05:00"})
    (window,) = cal.windows(at("2025-03-09T00:00", NEW_YORK), at("2025-03-10T00:00", NEW_YORK))
    assert window.opens.isoformat() == "2025-03-09T03:00:00-04:00"
    assert window.closes.isoformat() == "2025-03-09T05:00:00-04:00"
    assert window.duration == 2 * H
    assert cal.next_open(at("2025-03-09T00:00", NEW_YORK)).isoformat() == (
        "2025-03-09T03:00:00-04:00"
    )


def test_window_edge_in_an_overlap_opens_at_the_first_occurrence() -> None:
    cal = BusinessCalendar("America/New_York", {"Sun": "01:30-03:00"})
    (window,) = cal.windows(at("2025-11-02T00:00", NEW_YORK), at("2025-11-03T00:00", NEW_YORK))
    assert window.opens.isoformat() == "2025-11-02T01:30:00-04:00"
    assert window.closes.isoformat() == "2025-11-02T03:00:00-05:00"
    assert cal.is_open(at("2025-11-02T01:30#2", NEW_YORK))  # second 01:30, still open


def test_is_open_is_half_open() -> None:
    cal = BusinessCalendar("Asia/Shanghai")
    assert not cal.is_open(at("2025-06-09T08:59:59.999999", SHANGHAI))
    assert cal.is_open(at("2025-06-09T09:00", SHANGHAI))
    assert cal.is_open(at("2025-06-09T17:59:59.999999", SHANGHAI))
    assert not cal.is_open(at("2025-06-09T18:00", SHANGHAI))


def test_next_open_and_close_at_friday_close() -> None:
    cal = BusinessCalendar("Asia/Shanghai")
    friday_close = at("2025-06-06T18:00", SHANGHAI)
    assert cal.next_open(friday_close).isoformat() == "2025-06-09T09:00:00+08:00"
    assert cal.next_close(friday_close).isoformat() == "2025-06-09T18:00:00+08:00"
    inside = at("2025-06-06T10:00", SHANGHAI)
    assert cal.next_open(inside) == inside
    assert cal.next_close(inside).isoformat() == "2025-06-06T18:00:00+08:00"


def test_overnight_window_22_to_06() -> None:
    cal = BusinessCalendar("Asia/Shanghai", {"Mon-Fri": "22:00-06:00"})
    assert cal.is_open(at("2025-06-07T05:59", SHANGHAI))  # Saturday morning: Friday's window
    assert not cal.is_open(at("2025-06-07T06:00", SHANGHAI))
    assert not cal.is_open(at("2025-06-07T22:00", SHANGHAI))  # Saturday night: closed
    assert cal.is_open(at("2025-06-10T03:00", SHANGHAI))  # Monday's window, on Tuesday
    assert not cal.is_open(at("2025-06-09T03:00", SHANGHAI))  # Monday 03:00: Sunday is closed
    assert cal.elapsed(at("2025-06-09T00:00", SHANGHAI), at("2025-06-16T00:00", SHANGHAI)) == (
        40 * H
    )


def test_china_makeup_days_open_and_national_day_closed() -> None:
    cal = BusinessCalendar("Asia/Shanghai", holidays="CN")
    assert cal.is_open(at("2025-09-28T10:00", SHANGHAI))  # Sunday, make-up workday
    assert cal.is_open(at("2025-10-11T10:00", SHANGHAI))  # Saturday, make-up workday
    assert not cal.is_open(at("2025-09-27T10:00", SHANGHAI))  # an ordinary Saturday
    for day in range(1, 9):
        assert not cal.is_open(datetime(2025, 10, day, 10, tzinfo=SHANGHAI)), day
    assert cal.is_open(at("2025-10-09T10:00", SHANGHAI))
    assert cal.is_makeup_workday(date(2025, 9, 28))
    assert cal.holiday_name(date(2025, 10, 1)) is not None


def test_makeup_day_uses_makeup_day_hours() -> None:
    hours = WeeklyHours.parse({"Mon": "08:00-12:00", "Tue-Fri": "09:00-18:00"})
    cal = BusinessCalendar("Asia/Shanghai", hours, workdays=[date(2025, 6, 7)])
    saturday = at("2025-06-07T00:00", SHANGHAI)
    assert cal.elapsed(saturday, saturday + 24 * H) == 4 * H
    assert cal.next_open(saturday).isoformat() == "2025-06-07T08:00:00+08:00"


def test_add_reads_a_wall_time_in_a_midnight_gap_as_the_instant_it_names() -> None:
    """Regression (fixed in 117a1c6): ``add`` took the start's local date from its wall fields.

    Santiago skips Sunday 2025-09-07 00:00-01:00. ``Sunday 00:30, fold=1`` is a
    valid aware datetime: ``utcoffset()`` reads it with the offset after the
    jump (-03:00), so it names 03:30 UTC, i.e. Saturday 23:30 -04:00, half an
    hour before the Saturday 22:00-24:00 window closes. The answer must be the
    same as for that instant written any other way (SPEC 3.1).
    """
    santiago = ZoneInfo("America/Santiago")
    cal = BusinessCalendar(santiago, {"Sat": "22:00-24:00", "Sun": "09:00-18:00"})
    start = datetime(2025, 9, 7, 0, 30, fold=1, tzinfo=santiago)
    assert start.astimezone(UTC) == datetime(2025, 9, 7, 3, 30, tzinfo=UTC)
    assert cal.is_open(start)
    expected = "2025-09-06T23:40:00-04:00"
    assert cal.add(start.astimezone(UTC), timedelta(minutes=10)).isoformat() == expected
    assert cal.add(start, timedelta(minutes=10)).isoformat() == expected


def test_add_in_a_midnight_gap_24x7() -> None:
    """The same regression on a 24x7 calendar: one hour after Saturday 23:30 -04:00."""
    santiago = ZoneInfo("America/Santiago")
    cal = BusinessCalendar(santiago, ALWAYS)
    start = datetime(2025, 9, 7, 0, 30, fold=1, tzinfo=santiago)
    assert cal.add(start, H).isoformat() == "2025-09-07T01:30:00-03:00"


def test_input_offset_does_not_matter() -> None:
    cal = BusinessCalendar("Asia/Shanghai")
    local = at("2025-06-06T17:00", SHANGHAI)
    results = {
        cal.add(local.astimezone(tz), 2 * H).isoformat()
        for tz in (SHANGHAI, UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12)))
    }
    assert results == {"2025-06-09T10:00:00+08:00"}


# -- errors ----------------------------------------------------------------------


@pytest.mark.parametrize("hours", [{}, {"Mon-Sun": None}, {"Mon": "closed"}])
def test_calendar_that_never_opens_raises(hours: dict[str, Any]) -> None:
    cal = BusinessCalendar("UTC", hours)
    start = datetime(2025, 6, 9, tzinfo=UTC)
    with pytest.raises(CalendarNeverOpensError):
        cal.add(start, H)
    with pytest.raises(CalendarNeverOpensError):
        cal.add(start, -H)
    with pytest.raises(CalendarNeverOpensError):
        cal.next_open(start)
    assert cal.elapsed(start, start + 1000 * H) == timedelta(0)


def test_holiday_on_the_only_open_weekday_skips_a_week() -> None:
    cal = BusinessCalendar("UTC", {"Wed": "09:00-10:00"}, [date(2025, 6, 11)])
    start = datetime(2025, 6, 10, tzinfo=UTC)
    assert cal.add(start, H).isoformat() == "2025-06-18T10:00:00+00:00"


def test_naive_datetime_is_refused_with_a_fix() -> None:
    cal = BusinessCalendar("Asia/Shanghai")
    with pytest.raises(InvalidInstantError, match="tzinfo") as info:
        cal.add(datetime(2025, 6, 9, 10), H)
    assert "ZoneInfo" in str(info.value)
    assert isinstance(info.value, ValueError)
    for call in (
        lambda: cal.elapsed(datetime(2025, 6, 9, 10), datetime(2025, 6, 9, 11, tzinfo=UTC)),
        lambda: cal.elapsed(datetime(2025, 6, 9, 10, tzinfo=UTC), datetime(2025, 6, 9, 11)),
        lambda: cal.is_open(datetime(2025, 6, 9, 10)),
        lambda: cal.next_open(datetime(2025, 6, 9, 10)),
    ):
        with pytest.raises(InvalidInstantError, match="tzinfo"):
            call()


@pytest.mark.parametrize("duration", [4, 4.0, True, "4h", None])
def test_duration_must_be_a_timedelta(duration: Any) -> None:
    cal = BusinessCalendar("Asia/Shanghai")
    with pytest.raises(InvalidDurationError, match="timedelta"):
        cal.add(datetime(2025, 6, 9, 10, tzinfo=SHANGHAI), duration)


@pytest.mark.parametrize(
    ("start", "duration"),
    [
        (datetime(9999, 12, 31, 20, tzinfo=UTC), 5 * H),
        (datetime(9999, 12, 30, 20, tzinfo=UTC), 200 * H),
        (datetime(9990, 6, 9, tzinfo=UTC), timedelta(days=10**5)),
        (datetime(1, 1, 1, 5, tzinfo=UTC), -10 * H),
        (datetime(1, 1, 2, 5, tzinfo=UTC), -timedelta(days=4000)),
        (datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC), US),
    ],
)
def test_result_beyond_datetime_range_raises(start: datetime, duration: timedelta) -> None:
    cal = BusinessCalendar("UTC", ALWAYS)
    with pytest.raises(ResultOutOfRangeError) as info:
        cal.add(start, duration)
    assert isinstance(info.value, OverflowError)
    assert isinstance(info.value, SlaError)


@pytest.mark.parametrize(
    ("hours", "bad"),
    [
        ({"Mon": "09:00-12:00, 11:00-13:00"}, "11:00-13:00"),
        ({"Mon": "22:00-06:00", "Tue": "05:00-09:00"}, "05:00-09:00"),
        ({"Mon": "09:00-09:00"}, "09:00-09:00"),
        ({"Mon": "09:00-25:00"}, "25:00"),
        ({"Mon": "9-18"}, "9-18"),
        ({"Mon": "09:60-18:00"}, "09:60"),
        ({"Funday": "09:00-18:00"}, "Funday"),
        ({"Mon": "24:00-06:00"}, "24:00"),
    ],
)
def test_bad_hours_raise_naming_the_value(hours: dict[str, str], bad: str) -> None:
    with pytest.raises(InvalidHoursError) as info:
        BusinessCalendar("UTC", hours)
    assert bad in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unknown_zone_names_it() -> None:
    with pytest.raises(UnknownZoneError, match="Mars/Olympus_Mons"):
        BusinessCalendar("Mars/Olympus_Mons")


@pytest.mark.parametrize(
    ("spec", "bad"), [("XX", "XX"), (("US", "ZZ"), "ZZ"), (["CN", "QQ"], "QQ"), ("US-ZZ", "ZZ")]
)
def test_unknown_holiday_country_names_it(spec: Any, bad: str) -> None:
    with pytest.raises(InvalidHolidaysError, match=bad):
        BusinessCalendar("UTC", None, spec)


# -- value semantics -------------------------------------------------------------


def _build_examples() -> tuple[BusinessCalendar, BusinessCalendar]:
    one = BusinessCalendar("Asia/Shanghai", {"Mon-Fri": "09:00-18:00"}, "CN")
    two = BusinessCalendar(SHANGHAI, None, holidays="CN")
    return one, two


def test_calendars_equal_and_hash_alike_from_equal_arguments() -> None:
    one, two = _build_examples()
    assert one == two
    assert hash(one) == hash(two)
    assert len({one, two}) == 1
    assert one != BusinessCalendar("Asia/Shanghai")
    assert one != BusinessCalendar("Asia/Tokyo", None, "CN")
    explicit = BusinessCalendar("UTC", None, [date(2025, 1, 1), date(2025, 5, 1)])
    assert explicit == BusinessCalendar("UTC", None, {date(2025, 5, 1), date(2025, 1, 1)})


def test_calendars_pickle() -> None:
    cal = BusinessCalendar(
        "America/New_York", {"Mon-Fri": "09:00-12:00, 13:00-18:00", "Sat": "22:00-06:00"}, "US"
    )
    start = at("2025-07-03T17:00", NEW_YORK)
    expected = cal.add(start, 10 * H)
    copy = pickle.loads(pickle.dumps(cal))
    assert copy == cal
    assert hash(copy) == hash(cal)
    assert copy.add(start, 10 * H) == expected
    assert copy.add(start, 10 * H).isoformat() == expected.isoformat()


def test_shared_calendar_gives_identical_answers_across_threads() -> None:
    starts = [
        datetime(2001 + year, month, 1 + (year * 7 + month) % 27, 7 + year % 12, tzinfo=SHANGHAI)
        for year in range(0, 24, 3)
        for month in range(1, 13)
    ]
    durations = [timedelta(minutes=30), 4 * H, 24 * H, 2000 * H]
    single = BusinessCalendar("Asia/Shanghai", None, "CN")

    def answers(cal: BusinessCalendar) -> list[str]:
        return [cal.add(s, d).isoformat() for s in starts for d in durations] + [
            str(cal.elapsed(s, s + 1000 * H)) for s in starts
        ]

    expected = answers(single)
    shared = BusinessCalendar("Asia/Shanghai", None, "CN")
    barrier = threading.Barrier(8)

    def work(_: int) -> list[str]:
        barrier.wait()
        return answers(shared)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert all(result == expected for result in results)


def test_calendars_in_threads_leave_the_process_warning_state_alone() -> None:
    """Regression (fixed in 117a1c6): holiday years are read under ``catch_warnings``.

    ``catch_warnings`` swaps process-global state (the filter list and the
    function that shows warnings) and is not thread-safe. Calendars used from
    several threads at once interleave those swaps: afterwards an ``"always"``
    filter is left at the front of ``warnings.filters`` and later warnings are
    appended to a list nobody reads, so a ``HolidayHorizonWarning`` (or any
    warning) is never seen again, and ``-W error`` stops working.
    """
    before = list(warnings.filters)
    barrier = threading.Barrier(8)

    def work(_: int) -> None:
        barrier.wait()
        for year in range(2001, 2025):
            cal = BusinessCalendar("Asia/Shanghai", None, "CN")
            cal.add(datetime(year, 3, 1, tzinfo=SHANGHAI), 500 * H)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, range(8)))
    assert warnings.filters == before
    with pytest.raises(UserWarning, match="still raised"):
        warnings.warn("still raised under filterwarnings=error", UserWarning, stacklevel=1)
