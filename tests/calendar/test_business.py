"""BusinessCalendar, the engine's face with datetimes: its arguments and its identity.

Behaviours of ``calendar/business.py`` that mutation testing found unpinned
(docs/explanation/mutation.md): which argument an error names, the repr, the
dask token; then the crashes the fuzz tests found here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import holidays
import pytest

from connected_care_sla import BusinessCalendar
from connected_care_sla.exceptions import (
    InvalidDurationError,
    InvalidInstantError,
    UnknownZoneError,
)
from support.calls import MAX_MESSAGE, expect

H = timedelta(hours=1)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


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


# -- identity ------------------------------------------------------------------------------


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
        "2025-01-02,2025-01-03|2025-01-04,2025-01-05|||False"
    )
    # Named dates and complete years are part of the value, and of the token.
    named = BusinessCalendar("UTC", holidays={date(2025, 1, 2): "Company offsite"})
    plain = BusinessCalendar("UTC", holidays=[date(2025, 1, 2)])
    assert named.__dask_tokenize__() != plain.__dask_tokenize__()


# -- crashes the fuzz tests found (tests/contract/test_fuzz.py) ----------------------------


def test_regression_duration_too_long_to_print() -> None:
    # ValueError from repr() of an int of more than 4,300 digits, in the message.
    # (The same for a response target's duration: tests/policy/test_targets.py.)
    cal = BusinessCalendar("UTC")
    expect(InvalidDurationError, cal.add, datetime(2025, 1, 1, tzinfo=UTC), 10**5000)


def test_regression_huge_zone_name_in_a_message() -> None:
    # The whole 5 MB name went into the message.
    message = expect(UnknownZoneError, BusinessCalendar, "x" * 5_000_000)
    assert len(message) <= MAX_MESSAGE
