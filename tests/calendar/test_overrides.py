"""Date-specific hours (overrides) and what explicit make-up workdays mean.

An override replaces the hours of one local date and beats weekly hours,
holidays and make-up workdays; the date is first closed like a holiday (the
previous date's overnight window ends at its midnight), then opens exactly the
override's windows. An explicit workday opens only a date whose weekday has no
weekly windows.
"""

from __future__ import annotations

import datetime as dt
import pickle
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from connected_care_sla import BusinessCalendar, CalendarNeverOpensError
from connected_care_sla.exceptions import HoursTypeError, InvalidHolidaysError, InvalidHoursError

pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)

H = timedelta(hours=1)
BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def be(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


# -- named cases from the peer libraries' suites --------------------------------------


def test_peer_case_a_half_day_on_christmas_eve() -> None:
    """Wed 2025-12-24 open 09:00-13:00: 2 hours from 12:00 run on into the 25th."""
    cal = BusinessCalendar("Europe/Berlin", overrides={date(2025, 12, 24): "09:00-13:00"})
    assert cal.add(be(2025, 12, 24, 12), 2 * H) == be(2025, 12, 25, 10)
    assert cal.elapsed(be(2025, 12, 24, 0), be(2025, 12, 25, 0)) == 4 * H
    assert not cal.is_open(be(2025, 12, 24, 14))
    assert cal.next_close(be(2025, 12, 24, 10)) == be(2025, 12, 24, 13)


def test_peer_case_a_closed_christmas_eve() -> None:
    cal = BusinessCalendar("Europe/Berlin", overrides={date(2025, 12, 24): "closed"})
    assert cal.add(be(2025, 12, 23, 17), 2 * H) == be(2025, 12, 25, 10)
    assert cal.override_on(date(2025, 12, 24)) == ()
    assert cal.previous_close(be(2025, 12, 24, 12)) == be(2025, 12, 23, 18)


def test_peer_case_a_saturday_opened_before_a_release() -> None:
    cal = BusinessCalendar("Europe/Berlin", overrides={date(2025, 6, 7): "10:00-14:00"})
    assert cal.add(be(2025, 6, 6, 17), 3 * H) == be(2025, 6, 7, 12)
    assert cal.next_open(be(2025, 6, 6, 18)) == be(2025, 6, 7, 10)
    assert cal.previous_open(be(2025, 6, 8, 12)) == be(2025, 6, 7, 10)


def test_peer_case_a_split_day() -> None:
    cal = BusinessCalendar("Europe/Berlin", overrides={date(2025, 6, 4): "09:00-12:00,13:00-15:00"})
    assert [(w.opens, w.closes) for w in cal.windows(be(2025, 6, 4), be(2025, 6, 5))] == [
        (be(2025, 6, 4, 9), be(2025, 6, 4, 12)),
        (be(2025, 6, 4, 13), be(2025, 6, 4, 15)),
    ]
    assert cal.add(be(2025, 6, 4, 11), 3 * H) == be(2025, 6, 4, 15)
    assert cal.add(be(2025, 6, 4, 11), 4 * H) == be(2025, 6, 5, 10)


# -- an override beats everything else for its date -----------------------------------


def test_an_override_opens_a_holiday_and_beats_a_makeup_day() -> None:
    cal = BusinessCalendar(
        "Asia/Shanghai",
        holidays="CN",
        overrides={date(2025, 10, 1): "10:00-12:00", date(2025, 9, 28): "closed"},
    )
    assert cal.is_open(sh(2025, 10, 1, 11))
    assert cal.holiday_name(date(2025, 10, 1)) is None
    assert not cal.is_open(sh(2025, 9, 28, 11))  # a make-up Sunday, closed by its override
    assert not cal.is_makeup_workday(date(2025, 9, 28))
    assert cal.holiday_name(date(2025, 10, 2)) is not None  # other dates keep their holiday


def test_an_override_cuts_the_previous_overnight_window_at_midnight() -> None:
    cal = BusinessCalendar(
        "UTC", {"Mon-Fri": "22:00-06:00"}, overrides={date(2025, 6, 5): "10:00-12:00"}
    )
    windows = cal.windows(datetime(2025, 6, 4, 12, tzinfo=UTC), datetime(2025, 6, 6, tzinfo=UTC))
    assert [(w.opens.hour, w.closes) for w in windows] == [
        (22, datetime(2025, 6, 5, tzinfo=UTC)),
        (10, datetime(2025, 6, 5, 12, tzinfo=UTC)),
    ]


def test_an_overnight_override_is_cut_when_the_next_date_is_closed() -> None:
    cal = BusinessCalendar(
        "UTC", overrides={date(2025, 6, 7): "22:00-06:00"}, holidays=[date(2025, 6, 8)]
    )
    window = cal.window_at_or_before(datetime(2025, 6, 8, 3, tzinfo=UTC))
    assert window is not None
    assert window.closes == datetime(2025, 6, 8, tzinfo=UTC)
    open_into_sunday = BusinessCalendar("UTC", overrides={date(2025, 6, 7): "22:00-06:00"})
    assert open_into_sunday.is_open(datetime(2025, 6, 8, 3, tzinfo=UTC))


def test_an_overnight_override_that_runs_into_the_next_dates_hours_is_refused() -> None:
    with pytest.raises(InvalidHoursError, match=r"2025-06-05 runs overnight until 10:00"):
        BusinessCalendar("UTC", overrides={date(2025, 6, 5): "22:00-10:00"})
    # Overriding the next date too, or closing it, is fine.
    BusinessCalendar(
        "UTC", overrides={date(2025, 6, 5): "22:00-10:00", date(2025, 6, 6): "11:00-12:00"}
    )
    BusinessCalendar(
        "UTC", holidays=[date(2025, 6, 6)], overrides={date(2025, 6, 5): "22:00-10:00"}
    )


def test_override_window_edges_in_a_dst_gap_follow_the_dst_rules() -> None:
    """Berlin 2025-03-30 skips 02:00-03:00: a window opening at 02:30 opens at 03:00."""
    cal = BusinessCalendar("Europe/Berlin", overrides={date(2025, 3, 30): "02:30-04:00"})
    window = cal.window_at_or_before(be(2025, 3, 30, 5))
    assert window is not None
    assert window.opens == be(2025, 3, 30, 3)
    assert window.duration == H


def test_a_calendar_opened_only_by_overrides_never_opens_after_them() -> None:
    cal = BusinessCalendar("UTC", {}, overrides={date(2025, 6, 7): "10:00-12:00"})
    start = datetime(2025, 6, 1, tzinfo=UTC)
    assert cal.add(start, H) == datetime(2025, 6, 7, 11, tzinfo=UTC)
    assert cal.elapsed(start, datetime(2026, 1, 1, tzinfo=UTC)) == 2 * H
    with pytest.raises(CalendarNeverOpensError, match="last opening"):
        cal.add(start, 3 * H)
    with pytest.raises(CalendarNeverOpensError):
        cal.next_open(datetime(2025, 6, 8, tzinfo=UTC))


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"2025-12-24": "closed"}, HoursTypeError),
        ({datetime(2025, 12, 24, tzinfo=UTC): "closed"}, HoursTypeError),
        ({date(2025, 12, 24): 5}, HoursTypeError),
        ({date(2025, 12, 24): "9-13"}, InvalidHoursError),
        ({date(2025, 12, 24): "09:00-13:00,12:00-14:00"}, InvalidHoursError),
        (["closed"], HoursTypeError),
    ],
)
def test_malformed_overrides_are_refused(overrides: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        BusinessCalendar("UTC", overrides=overrides)  # type: ignore[arg-type]


# -- overrides as data ----------------------------------------------------------------

CAL = BusinessCalendar(
    "Europe/Berlin",
    holidays="DE",
    overrides={
        date(2025, 12, 24): "09:00-13:00",
        date(2025, 12, 31): "closed",
        date(2025, 6, 7): "22:00-06:00",
        date(2025, 6, 4): "09:00-12:00,13:00-15:00",
    },
)


def test_overrides_are_data_in_date_order() -> None:
    assert [(day, tuple(map(str, windows))) for day, windows in CAL.overrides] == [
        (date(2025, 6, 4), ("09:00-12:00", "13:00-15:00")),
        (date(2025, 6, 7), ("22:00-06:00",)),
        (date(2025, 12, 24), ("09:00-13:00",)),
        (date(2025, 12, 31), ()),
    ]
    assert CAL.override_on(date(2025, 12, 24)) == CAL.overrides[2][1]
    assert CAL.override_on(date(2025, 12, 23)) is None


def test_overrides_in_repr_which_evaluates_back() -> None:
    plain = BusinessCalendar(
        "Europe/Berlin",
        overrides={
            date(2025, 12, 24): "09:00-13:00",
            date(2025, 12, 31): "closed",
            date(2025, 6, 7): "22:00-06:00",
            date(2025, 6, 4): "09:00-12:00,13:00-15:00",
        },
    )
    text = repr(plain)
    assert "datetime.date(2025, 12, 24): '09:00-13:00'" in text
    assert eval(text, {"BusinessCalendar": BusinessCalendar, "datetime": dt}) == plain


def test_overrides_count_in_equality_hashing_pickling_and_tokens() -> None:
    same = BusinessCalendar("Europe/Berlin", holidays="DE", overrides=dict(CAL.overrides))
    other = BusinessCalendar("Europe/Berlin", holidays="DE")
    assert same == CAL
    assert hash(same) == hash(CAL)
    assert other != CAL
    copy = pickle.loads(pickle.dumps(CAL))
    assert copy == CAL
    assert copy.add(be(2025, 12, 24, 12), 2 * H) == CAL.add(be(2025, 12, 24, 12), 2 * H)
    assert same.__dask_tokenize__() == CAL.__dask_tokenize__()
    assert other.__dask_tokenize__() != CAL.__dask_tokenize__()
    assert "2025-12-24=09:00-13:00" in CAL.__dask_tokenize__()


def test_overrides_in_the_notebook_html() -> None:
    html = CAL._repr_html_()
    assert "date-specific hours" in html
    assert "Wed 2025-12-24: 09:00-13:00" in html
    assert "Wed 2025-12-31: closed" in html


def test_overrides_in_windows() -> None:
    windows = CAL.windows(be(2025, 12, 24), be(2025, 12, 25))
    assert [(w.opens, w.closes) for w in windows] == [(be(2025, 12, 24, 9), be(2025, 12, 24, 13))]


# -- workdays mean what they say ------------------------------------------------------


def test_a_workday_on_a_weekday_with_windows_is_refused_pointing_to_overrides() -> None:
    with pytest.raises(InvalidHolidaysError, match=r"2025-06-06 is a Fri.*overrides="):
        BusinessCalendar("UTC", workdays=[date(2025, 6, 6)])


def test_a_workday_opens_a_rest_day_with_the_makeup_hours() -> None:
    cal = BusinessCalendar("UTC", workdays=[date(2025, 6, 7)])
    assert cal.is_open(datetime(2025, 6, 7, 10, tzinfo=UTC))
    assert cal.is_makeup_workday(date(2025, 6, 7))


def test_a_date_both_holiday_and_workday_stays_closed() -> None:
    cal = BusinessCalendar("UTC", holidays=[date(2025, 6, 7)], workdays=[date(2025, 6, 7)])
    assert not cal.is_open(datetime(2025, 6, 7, 10, tzinfo=UTC))
    assert not cal.is_makeup_workday(date(2025, 6, 7))


def test_weekly_hours_that_only_makeup_days_could_collide_with_are_accepted() -> None:
    hours = {"Mon-Fri": "06:00-18:00", "Sat": "22:00-07:00"}
    cal = BusinessCalendar("UTC", hours)
    assert cal.is_open(datetime(2025, 6, 8, 6, tzinfo=UTC))  # Saturday's night runs into Sunday
    with pytest.raises(InvalidHoursError, match=r"make-up workday 2025-06-08 opens at 06:00"):
        BusinessCalendar("UTC", hours, workdays=[date(2025, 6, 8)])


def test_a_country_makeup_day_that_collides_is_refused_when_its_year_is_built() -> None:
    """China's make-up Sunday 2025-01-26 follows a Saturday night shift running to 10:00."""
    cal = BusinessCalendar(
        "Asia/Shanghai", {"Mon-Fri": "09:00-18:00", "Sat": "22:00-10:00"}, holidays="CN"
    )
    with pytest.raises(InvalidHoursError, match="make-up workday 2025-01-26 opens at 09:00"):
        cal.add(sh(2025, 6, 6, 17), 4 * H)
    # Overriding the make-up day settles it.
    makeup_days = [date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28)]
    settled = BusinessCalendar(
        "Asia/Shanghai",
        {"Mon-Fri": "09:00-18:00", "Sat": "22:00-10:00"},
        holidays="CN",
        overrides=dict.fromkeys([*makeup_days, date(2025, 10, 11)], "10:00-18:00"),
    )
    assert settled.add(sh(2025, 6, 6, 17), 4 * H) == sh(2025, 6, 8, 1)
