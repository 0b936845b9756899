"""Holidays in a calendar: strict and lenient horizons, date questions.

Behaviours of ``calendar/holidays.py`` (through :class:`BusinessCalendar`) that
mutation testing found unpinned (docs/explanation/mutation.md): the whole
message of a strict refusal and of a warning naming every uncovered country,
strictness kept through pickle, and what a date question accepts; then the
crashes the fuzz tests found here. The horizon itself, through every layer, is
in ``tests/contract/test_holiday_horizon.py``.
"""

from __future__ import annotations

import pickle
import re
import warnings
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from connected_care_sla import BusinessCalendar, SlaError
from connected_care_sla.exceptions import (
    HolidayHorizonError,
    HolidayHorizonWarning,
    InvalidHolidaysError,
    InvalidInstantError,
)
from support.calls import expect


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


# -- strict calendars and holiday horizons -------------------------------------------------

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


# -- crashes the fuzz tests found (tests/contract/test_fuzz.py) ----------------------------


def test_regression_holiday_name_and_makeup_workday_of_a_non_date() -> None:
    # AttributeError: 'str' object has no attribute 'year'.
    cal = BusinessCalendar("Asia/Shanghai", holidays="CN")
    expect(SlaError, cal.holiday_name, "2025-10-01")
    expect(SlaError, cal.is_makeup_workday, None)


def test_regression_workdays_that_are_not_a_list() -> None:
    # TypeError: 'int' object is not iterable.
    expect(InvalidHolidaysError, BusinessCalendar, "UTC", workdays=5)
