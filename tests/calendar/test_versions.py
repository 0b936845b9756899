"""Calendars that change over time: versions, each in force from a local date on."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar, first_response_deadline
from connected_care_sla.exceptions import (
    CalendarVersionsError,
    CalendarVersionsTypeError,
    InvalidHoursError,
)
from support.calendar_cases import calendars_with_overrides, versioned_calendars
from support.calendar_cases import second_instant as other_instant
from support.reference import (
    ref_add,
    ref_elapsed,
    ref_is_open,
    ref_next_open,
    ref_previous_close,
    ref_previous_open,
    ref_windows,
    us_of,
)

pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)

BERLIN = ZoneInfo("Europe/Berlin")
H = timedelta(hours=1)


def utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC)


def spring_change() -> BusinessCalendar:
    return BusinessCalendar.from_versions(
        {
            date(2025, 1, 1): BusinessCalendar("Europe/Berlin", holidays="DE"),
            date(2025, 4, 1): BusinessCalendar("Europe/Berlin", {"Mon-Fri": "08:00-17:00"}, "DE"),
        }
    )


# -- worked examples ----------------------------------------------------------------------


def test_each_date_takes_the_hours_of_the_version_in_force() -> None:
    cal = spring_change()
    monday = datetime(2025, 3, 31, 7, 0, tzinfo=BERLIN)
    assert cal.next_open(monday) == datetime(2025, 3, 31, 9, 0, tzinfo=BERLIN)
    assert cal.next_open(monday + timedelta(days=1)) == datetime(2025, 4, 1, 8, 0, tzinfo=BERLIN)
    # Four business hours from Monday 16:00: two on Monday (to 18:00), two from 08:00.
    due = cal.add(datetime(2025, 3, 31, 16, 0, tzinfo=BERLIN), 4 * H)
    assert due == datetime(2025, 4, 1, 10, 0, tzinfo=BERLIN)


def test_before_the_first_version_the_first_applies() -> None:
    cal = spring_change()
    early = datetime(2024, 6, 3, 7, 0, tzinfo=BERLIN)
    assert cal.next_open(early) == datetime(2024, 6, 3, 9, 0, tzinfo=BERLIN)


def test_a_deadline_uses_the_version_of_its_dates() -> None:
    cal = spring_change()
    created = datetime(2025, 3, 31, 15, 0, tzinfo=BERLIN)
    due = first_response_deadline("Developer", "S1", created, cal)
    assert due == datetime(2025, 4, 1, 9, 0, tzinfo=BERLIN)  # 3 h Monday, 1 h from 08:00


def test_an_overnight_window_follows_the_version_of_the_date_it_opens_on() -> None:
    cal = BusinessCalendar.from_versions(
        {
            date(2025, 1, 1): BusinessCalendar("UTC", {"Mon-Sun": "22:00-06:00"}),
            date(2025, 3, 4): BusinessCalendar("UTC", {"Mon-Sun": "09:00-17:00"}),
        }
    )
    night = datetime(2025, 3, 3, 22, 0, tzinfo=UTC)
    # March 3's window opens under the first version and runs to 06:00 on March 4.
    assert cal.next_close(night) == datetime(2025, 3, 4, 6, 0, tzinfo=UTC)
    assert cal.next_open(datetime(2025, 3, 4, 6, 0, tzinfo=UTC)) == datetime(
        2025, 3, 4, 9, 0, tzinfo=UTC
    )


def test_the_next_dates_version_decides_whether_an_overnight_window_is_cut() -> None:
    cal = BusinessCalendar.from_versions(
        {
            date(2025, 1, 1): BusinessCalendar("UTC", {"Mon-Sun": "22:00-06:00"}),
            date(2025, 3, 4): BusinessCalendar(
                "UTC", {"Mon-Sun": "22:00-06:00"}, holidays=[date(2025, 3, 4)]
            ),
        }
    )
    assert cal.next_close(datetime(2025, 3, 3, 22, 0, tzinfo=UTC)) == datetime(
        2025, 3, 4, 0, 0, tzinfo=UTC
    )


def test_versions_that_overlap_across_the_change_date_are_refused() -> None:
    with pytest.raises(InvalidHoursError) as info:
        BusinessCalendar.from_versions(
            {
                date(2025, 1, 1): BusinessCalendar("UTC", {"Mon-Sun": "22:00-06:00"}),
                date(2025, 3, 4): BusinessCalendar("UTC", {"Mon-Sun": "05:00-12:00"}),
            }
        )
    assert "2025-03-04" in str(info.value)
    assert "05:00" in str(info.value)


def test_versions_in_different_zones_are_refused_naming_both() -> None:
    with pytest.raises(CalendarVersionsError) as info:
        BusinessCalendar.from_versions(
            {
                date(2025, 1, 1): BusinessCalendar("Europe/Berlin"),
                date(2025, 6, 1): BusinessCalendar("Europe/Paris"),
            }
        )
    assert isinstance(info.value, ValueError)
    assert "Europe/Paris" in str(info.value)
    assert "Europe/Berlin" in str(info.value)


def test_a_zone_name_and_its_zoneinfo_are_one_zone() -> None:
    cal = BusinessCalendar.from_versions(
        {
            date(2025, 1, 1): BusinessCalendar("Europe/Berlin"),
            date(2025, 6, 1): BusinessCalendar(BERLIN, {"Mon-Fri": "08:00-16:00"}),
        }
    )
    assert cal.zone.key == "Europe/Berlin"


@pytest.mark.parametrize(
    ("versions", "error"),
    [
        ({}, CalendarVersionsError),
        ([BusinessCalendar("UTC")], CalendarVersionsTypeError),
        ({"2025-01-01": BusinessCalendar("UTC")}, CalendarVersionsTypeError),
        ({datetime(2025, 1, 1): BusinessCalendar("UTC")}, CalendarVersionsTypeError),
        ({date(2025, 1, 1): "UTC"}, CalendarVersionsTypeError),
    ],
    ids=["empty", "not-a-mapping", "text-date", "datetime", "not-a-calendar"],
)
def test_bad_versions_are_refused_saying_what_is_accepted(versions: object, error: type) -> None:
    with pytest.raises(error) as info:
        BusinessCalendar.from_versions(versions)  # type: ignore[arg-type]
    assert info.value.expected  # what would be accepted, kept as a field and said
    assert info.value.expected in str(info.value)


def test_a_versioned_calendar_as_a_version_is_refused() -> None:
    inner = spring_change()
    with pytest.raises(CalendarVersionsError, match="versions of its own"):
        BusinessCalendar.from_versions({date(2026, 1, 1): inner})


def test_versions_are_listed_and_the_first_version_gives_the_fields() -> None:
    cal = spring_change()
    assert [day for day, _ in cal.versions] == [date(2025, 1, 1), date(2025, 4, 1)]
    first = cal.versions[0][1]
    assert (cal.hours, cal.holidays, cal.overrides) == (first.hours, first.holidays, ())
    assert cal.version_on(date(2025, 5, 1)) is cal.versions[1][1]
    assert BusinessCalendar("UTC").versions == ()


def test_equality_hashing_pickling_and_repr_cover_every_version() -> None:
    cal, twin = spring_change(), spring_change()
    assert cal == twin
    assert hash(cal) == hash(twin)
    other = BusinessCalendar.from_versions(
        {
            date(2025, 1, 1): BusinessCalendar("Europe/Berlin", holidays="DE"),
            date(2025, 4, 2): BusinessCalendar("Europe/Berlin", {"Mon-Fri": "08:00-17:00"}, "DE"),
        }
    )
    assert cal != other
    copy = pickle.loads(pickle.dumps(cal))
    assert copy == cal
    monday = datetime(2025, 3, 31, 16, 0, tzinfo=BERLIN)
    assert copy.add(monday, 4 * H) == cal.add(monday, 4 * H)
    assert cal.__dask_tokenize__() == twin.__dask_tokenize__() != other.__dask_tokenize__()
    assert repr(cal).startswith("BusinessCalendar.from_versions({datetime.date(2025, 1, 1): ")


def test_an_override_of_a_later_version_is_found_on_its_date() -> None:
    cal = BusinessCalendar.from_versions(
        {
            date(2025, 1, 1): BusinessCalendar("UTC"),
            date(2025, 12, 1): BusinessCalendar(
                "UTC", overrides={date(2025, 12, 24): "09:00-13:00"}
            ),
        }
    )
    assert cal.override_on(date(2025, 12, 24)) is not None
    assert cal.override_on(date(2025, 12, 23)) is None


# -- properties against the reference model -------------------------------------------


durations = st.one_of(
    st.integers(1, 400).map(lambda h: timedelta(hours=h)),
    st.integers(1, 10**10).map(lambda us: timedelta(microseconds=us)),
)


@given(versioned_calendars(), durations)
def test_add_on_versions_matches_the_reference(
    case: tuple[BusinessCalendar, datetime], d: timedelta
) -> None:
    cal, start = case
    assert utc(cal.add(start, d)) == utc(ref_add(cal, start, d))
    assert utc(cal.add(start, -d)) == utc(ref_add(cal, start, -d))


@given(st.data(), versioned_calendars())
def test_questions_on_versions_match_the_reference(
    data: st.DataObject, case: tuple[BusinessCalendar, datetime]
) -> None:
    cal, start = case
    end = data.draw(other_instant(cal, start))
    assert cal.elapsed(start, end) == ref_elapsed(cal, start, end)
    assert cal.is_open(start) == ref_is_open(cal, start)
    assert utc(cal.next_open(start)) == utc(ref_next_open(cal, start))
    assert utc(cal.previous_close(start)) == utc(ref_previous_close(cal, start))
    assert utc(cal.previous_open(start)) == utc(ref_previous_open(cal, start))
    low, high = sorted((start, end), key=us_of)
    assert [(us_of(w.opens), us_of(w.closes)) for w in cal.windows(low, high)] == ref_windows(
        cal, low, high
    )


@given(calendars_with_overrides(), st.integers(1, 200).map(lambda h: timedelta(hours=h)))
def test_a_calendar_of_one_version_answers_as_that_calendar(
    case: tuple[BusinessCalendar, datetime], d: timedelta
) -> None:
    cal, start = case
    single = BusinessCalendar.from_versions({start.date() + timedelta(days=30): cal})
    assert single.add(start, d) == cal.add(start, d)
    assert single.elapsed(start, start + d) == cal.elapsed(start, start + d)
    assert single.next_open(start) == cal.next_open(start)


@given(versioned_calendars(), st.integers(1, 40), st.data())
def test_a_later_version_changes_no_business_time_before_its_date(
    case: tuple[BusinessCalendar, datetime], days: int, data: st.DataObject
) -> None:
    cal, start = case
    versions = dict(cal.versions) if cal.versions else {date(1970, 1, 1): cal}
    change = max(versions) + timedelta(days=days)
    new = BusinessCalendar(cal.zone, {"Mon-Sun": "10:00-11:00"}, [change])
    try:
        later = BusinessCalendar.from_versions({**versions, change: new})
    except InvalidHoursError:
        return  # the new version runs into the old one's overnight window: refused
    midnight = datetime.combine(change, datetime.min.time(), cal.zone)
    end = data.draw(other_instant(cal, start))
    low, high = sorted((start, end), key=us_of)
    if us_of(high) <= us_of(midnight):
        assert later.elapsed(low, high) == cal.elapsed(low, high)

        # Windows as far as they lie before the change date (an overnight window of
        # the date before may be cut at its midnight by the new version).
        def clipped(c: BusinessCalendar) -> list[tuple[int, int]]:
            return [
                (us_of(w.opens), min(us_of(w.closes), us_of(midnight)))
                for w in c.windows(low, high)
            ]

        assert clipped(later) == clipped(cal)
    due = cal.add(start, timedelta(hours=3))
    if us_of(due) <= us_of(midnight):
        assert later.add(start, timedelta(hours=3)) == due


@given(versioned_calendars())
def test_year_totals_agree_with_the_laid_out_years(case: tuple[BusinessCalendar, datetime]) -> None:
    cal, start = case
    engine = cal._engine
    for year in (start.year - 1, start.year, start.year + 1):
        assert engine._count_year(year) == engine._build_year(year).total


def test_the_notebook_view_shows_every_version() -> None:
    html = spring_change()._repr_html_()
    assert "In force from 2025-01-01" in html
    assert "In force from 2025-04-01" in html
    assert "08:00" in html


@given(versioned_calendars(), durations)
def test_answers_on_versions_never_go_back_in_time(
    case: tuple[BusinessCalendar, datetime], d: timedelta
) -> None:
    cal, start = case
    assert us_of(cal.next_open(start)) >= us_of(start)
    assert us_of(cal.next_close(start)) > us_of(start)
    assert us_of(cal.add(start, d)) >= us_of(start)
    assert us_of(cal.previous_close(start)) <= us_of(start)
    assert us_of(cal.subtract(start, d)) <= us_of(start)


@given(versioned_calendars())
def test_batch_deadlines_on_versions_equal_the_scalar_ones(
    case: tuple[BusinessCalendar, datetime],
) -> None:
    pd = pytest.importorskip("pandas")
    from connected_care_sla.batch import first_response_deadlines

    cal, start = case
    created = [start + timedelta(hours=k * 7, minutes=k) for k in range(6)]
    frame = pd.DataFrame(
        {
            "plan": ["Developer", "Enterprise", "Premium", "Developer", "Enterprise", "Premium"],
            "severity": ["S1", "S3", "S2", "S4", "S1", "S3"],
            "created_at": pd.Series(created, dtype=object),
        }
    )
    out = first_response_deadlines(frame, calendar=cal)
    for row, when in zip(out.itertuples(), created, strict=True):
        expected = first_response_deadline(row.plan, row.severity, when, cal)
        assert row.deadline.to_pydatetime() == expected


def test_a_zone_read_from_a_file_is_refused_naming_why(tmp_path: object) -> None:
    from importlib import resources

    import tzdata

    from connected_care_sla.exceptions import UnknownZoneError

    data = resources.files(tzdata).joinpath("zoneinfo", "Europe", "Berlin").read_bytes()
    import io

    zone = ZoneInfo.from_file(io.BytesIO(data))
    with pytest.raises(UnknownZoneError) as info:
        BusinessCalendar(zone)
    assert "ZoneInfo.from_file" in str(info.value)
    assert "Europe/Berlin" in str(info.value)  # what would be accepted
