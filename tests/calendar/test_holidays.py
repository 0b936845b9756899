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
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar, SlaError
from connected_care_sla.calendar.holidays import HolidaySource, holiday_source
from connected_care_sla.exceptions import (
    HolidayHorizonError,
    HolidayHorizonWarning,
    HolidaysTypeError,
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


# -- named explicit dates, complete years and frozen holidays ------------------------------

OFFSITE = date(2026, 6, 5)


def test_a_named_explicit_date_is_closed_and_explained_by_its_name() -> None:
    source = HolidaySource(names={OFFSITE: "Company offsite"})
    assert source.dates == frozenset({OFFSITE})
    assert source.year(2026).name_of(OFFSITE) == "Company offsite"
    cal = BusinessCalendar("UTC", holidays={OFFSITE: "Company offsite"})
    assert cal.holiday_name(OFFSITE) == "Company offsite"
    assert HolidaySource((), {OFFSITE}, names=[(OFFSITE, "Company offsite")]) == source


def test_the_positional_constructor_still_works() -> None:
    source = HolidaySource((), frozenset({OFFSITE}), frozenset({date(2026, 6, 6)}))
    assert source.year(2026).name_of(OFFSITE) == "closed (explicit date)"
    assert source.year(2026).makeup == frozenset({date(2026, 6, 6)})


def test_an_explicit_name_beats_the_country_name() -> None:
    cal = BusinessCalendar(SHANGHAI, holidays=["CN", {date(2025, 10, 1): "Team day"}])
    assert cal.holiday_name(date(2025, 10, 1)) == "Team day"
    assert cal.holiday_name(date(2025, 10, 2)) == BusinessCalendar(
        SHANGHAI, holidays="CN"
    ).holiday_name(date(2025, 10, 2))


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"names": {OFFSITE: ""}}, InvalidHolidaysError),
        ({"names": {OFFSITE: 5}}, HolidaysTypeError),
        ({"names": {"2026-06-05": "x"}}, HolidaysTypeError),
        ({"names": "Company offsite"}, HolidaysTypeError),
        ({"complete": {"CN": [2027]}}, InvalidHolidaysError),
        ({"complete": 2027}, HolidaysTypeError),
    ],
)
def test_names_and_complete_years_are_checked(
    kwargs: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        HolidaySource(**kwargs)


def test_complete_years_must_be_years_of_a_country_the_source_has() -> None:
    countries = holiday_source("CN").countries
    assert HolidaySource(countries, complete={"CN": [2027, 2027]}).complete == (("CN", (2027,)),)
    with pytest.raises(InvalidHolidaysError, match="not one of this calendar's countries"):
        HolidaySource(countries, complete={"DE": [2027]})
    with pytest.raises(HolidaysTypeError):
        HolidaySource(countries, complete={"CN": [True]})
    with pytest.raises(HolidaysTypeError):
        HolidaySource(countries, complete={"CN": "2027"})


def test_a_complete_year_asks_nothing_of_the_country_and_raises_no_horizon_warning() -> None:
    last = cn_last_official_year()
    countries = holiday_source("CN").countries
    source = HolidaySource(
        countries, names={date(last + 1, 1, 1): "New Year's Day"}, complete={"CN": [last + 1]}
    )
    year = source.year(last + 1)
    assert year.uncovered == ()
    assert year.closed == frozenset({date(last + 1, 1, 1)})
    assert HolidaySource(countries).year(last + 1).uncovered != ()
    assert "CN (complete: " in source.describe()


@given(
    st.lists(st.sampled_from(["CN", "US", "DE", "RU"]), min_size=1, max_size=2, unique=True),
    st.lists(st.integers(2015, 2025), min_size=1, max_size=3),
    st.frozensets(st.dates(date(2015, 1, 1), date(2025, 12, 31)), max_size=4),
)
def test_a_frozen_source_gives_every_year_as_the_source_did(
    codes: list[str], years: list[int], dates: frozenset[date]
) -> None:
    source = HolidaySource(holiday_source(codes).countries, dates)
    frozen = source.freeze(years)
    assert dict(frozen.complete) == {c.code: tuple(sorted(set(years))) for c in source.countries}
    for year in {*years, min(years) - 1}:
        assert frozen.year(year) == source.year(year)
    assert frozen.freeze(years) == frozen


def test_freeze_wants_integer_years() -> None:
    source = holiday_source("CN")
    for years in (2025, "2025", [2025.0]):
        with pytest.raises(HolidaysTypeError):
            source.freeze(years)  # type: ignore[arg-type]


def test_the_token_covers_names_and_complete_years() -> None:
    countries = holiday_source("CN").countries
    plain = HolidaySource(countries, {OFFSITE})
    named = HolidaySource(countries, names={OFFSITE: "Company offsite"})
    complete = HolidaySource(countries, {OFFSITE}, complete={"CN": [2027]})
    assert len({plain.token(), named.token(), complete.token()}) == 3
    assert HolidaySource(countries, {OFFSITE}).token() == plain.token()
