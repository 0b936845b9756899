"""Weekly hours and time windows: what their constructors and parser refuse.

The crashes the fuzz tests found in ``calendar/hours.py`` (tests/contract/test_fuzz.py),
each a regression test. The hours themselves are exercised through the calendar
in the other files of this folder.
"""

from __future__ import annotations

from connected_care_sla import TimeWindow, WeeklyHours
from connected_care_sla.exceptions import InvalidHoursError
from support.calls import expect


def test_regression_weekly_hours_of_non_sequences() -> None:
    # TypeError: object of type 'int' has no len().
    for days in (5, None, (1, 2, 3, 4, 5, 6, 7)):
        expect(InvalidHoursError, WeeklyHours, days)


def test_regression_booleans_as_window_bounds_and_makeup_day() -> None:
    # Accepted silently: TimeWindow(True, 5) is 00:00:00.000001-00:00:00.000005.
    expect(InvalidHoursError, TimeWindow, True, 5)
    expect(InvalidHoursError, WeeklyHours, ((),) * 7, True)


def test_regression_a_three_day_weekday_range() -> None:
    # "Mon-Tue-Wed" was read as Mon-Tue, silently dropping Wednesday.
    expect(InvalidHoursError, WeeklyHours.parse, {"Mon-Tue-Wed": "09:00-18:00"})
