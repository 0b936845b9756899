"""Holiday feeds: the all-day events of an iCalendar file as closed, named dates.

Every feed here is a small ICS text written in the test (no network). The
rules: recurring events are expanded over the years asked, a multi-day event
closes each date up to its exclusive DTEND, an event with a time of day is
refused naming its SUMMARY and UID (never skipped), and a file that is not
iCalendar is refused naming the file.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar, explanation
from connected_care_sla.calendar.feeds import HolidayFeed, read_ics
from connected_care_sla.exceptions import (
    HolidaysTypeError,
    InvalidFeedError,
    InvalidHolidaysError,
    MissingExtraError,
    SlaError,
    TimedFeedEventError,
)

pytest.importorskip("icalendar")
pytest.importorskip("recurring_ical_events")

pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)

BERLIN = ZoneInfo("Europe/Berlin")


def ics(*events: str) -> str:
    """A feed of ``events`` (each the lines between BEGIN:VEVENT and END:VEVENT)."""
    body = "".join(f"BEGIN:VEVENT\r\n{event.strip()}\r\nEND:VEVENT\r\n" for event in events)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//connected-care-sla tests//EN\r\n"
        f"{body}END:VCALENDAR\r\n"
    ).replace("\n\r\n", "\r\n")


def event(uid: str, summary: str, start: date, end: date | None = None, *more: str) -> str:
    lines = [f"UID:{uid}", f"SUMMARY:{summary}", f"DTSTART;VALUE=DATE:{_basic(start)}"]
    if end is not None:
        lines.append(f"DTEND;VALUE=DATE:{_basic(end)}")
    return "\r\n".join([*lines, *more])


def _basic(day: date) -> str:
    """A date as iCalendar writes it: 20250310 (four digits of year, always)."""
    return day.isoformat().replace("-", "")


NEW_YEAR = event("new-year@example.com", "New Year", date(2025, 1, 1), None, "RRULE:FREQ=YEARLY")
OFFSITE = event("offsite@example.com", "Company offsite", date(2025, 3, 10), date(2025, 3, 13))


# -- examples ------------------------------------------------------------------------------


def test_a_yearly_event_is_expanded_over_the_years_asked() -> None:
    feed = read_ics(ics(NEW_YEAR), years=range(2025, 2028), name="team.ics")
    assert dict(feed) == {
        date(2025, 1, 1): "New Year (feed team.ics)",
        date(2026, 1, 1): "New Year (feed team.ics)",
        date(2027, 1, 1): "New Year (feed team.ics)",
    }
    assert feed.years == (2025, 2026, 2027)
    assert read_ics(ics(NEW_YEAR), years=2030).dates == {date(2030, 1, 1)}


def test_a_multi_day_event_closes_each_date_up_to_its_exclusive_end() -> None:
    feed = read_ics(ics(OFFSITE), years=2025, name="team.ics")
    assert sorted(feed) == [date(2025, 3, 10), date(2025, 3, 11), date(2025, 3, 12)]
    assert feed.name_of(date(2025, 3, 11)) == "Company offsite (feed team.ics)"
    assert feed.name_of(date(2025, 3, 13)) is None


def test_an_event_without_an_end_closes_its_date_or_its_duration() -> None:
    one = event("one@example.com", "Founders' day", date(2025, 5, 2))
    two = event("two@example.com", "Move", date(2025, 6, 5), None, "DURATION:P2D")
    assert sorted(read_ics(ics(one, two), years=2025)) == [
        date(2025, 5, 2),
        date(2025, 6, 5),
        date(2025, 6, 6),
    ]


def test_an_excluded_date_of_a_recurring_event_stays_open() -> None:
    skipped = event(
        "ny@example.com",
        "New Year",
        date(2025, 1, 1),
        None,
        "RRULE:FREQ=YEARLY",
        "EXDATE;VALUE=DATE:20260101",
    )
    assert sorted(read_ics(ics(skipped), years=range(2025, 2028))) == [
        date(2025, 1, 1),
        date(2027, 1, 1),
    ]


def test_a_moved_occurrence_closes_its_new_date_and_a_cancelled_one_nothing() -> None:
    monthly = event(
        "m@example.com", "Maintenance", date(2025, 1, 6), None, "RRULE:FREQ=MONTHLY;COUNT=3"
    )
    moved = event(
        "m@example.com", "Maintenance", date(2025, 2, 7), None, "RECURRENCE-ID;VALUE=DATE:20250206"
    )
    cancelled = event(
        "m@example.com",
        "Maintenance",
        date(2025, 3, 6),
        None,
        "RECURRENCE-ID;VALUE=DATE:20250306",
        "STATUS:CANCELLED",
    )
    assert sorted(read_ics(ics(monthly, moved, cancelled), years=2025)) == [
        date(2025, 1, 6),
        date(2025, 2, 7),
    ]


def test_two_events_on_one_date_are_named_together() -> None:
    first = event("a@example.com", "Inventory", date(2025, 3, 11))
    feed = read_ics(ics(OFFSITE, first), years=2025, name="team.ics")
    assert feed[date(2025, 3, 11)] == "Company offsite, Inventory (feed team.ics)"
    assert feed[date(2025, 3, 10)] == "Company offsite (feed team.ics)"


def test_only_dates_in_the_years_asked_are_kept() -> None:
    long = event("x@example.com", "Year-end break", date(2025, 12, 30), date(2026, 1, 3))
    assert sorted(read_ics(ics(long), years=2026)) == [date(2026, 1, 1), date(2026, 1, 2)]
    assert sorted(read_ics(ics(long), years=[2025])) == [date(2025, 12, 30), date(2025, 12, 31)]


def test_a_file_is_read_by_path_and_named_by_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "team.ics"
    path.write_text(ics(OFFSITE), encoding="utf-8")
    for source in (path, str(path)):
        feed = read_ics(source, years=2025)
        assert feed.feed == "team.ics"
        assert feed[date(2025, 3, 10)] == "Company offsite (feed team.ics)"
    assert read_ics(path.read_bytes(), years=2025).feed == "ICS text"


def test_a_feed_closes_a_calendar_and_the_explanation_names_the_feed() -> None:
    feed = read_ics(ics(OFFSITE), years=range(2025, 2028), name="team.ics")
    cal = BusinessCalendar(BERLIN, holidays=feed)
    monday = datetime(2025, 3, 7, 17, tzinfo=BERLIN)  # the Friday before, an hour to close
    assert cal.add(monday, timedelta(hours=2)) == datetime(2025, 3, 13, 10, tzinfo=BERLIN)
    assert not cal.is_open(datetime(2025, 3, 11, 12, tzinfo=BERLIN))
    assert cal.holiday_name(date(2025, 3, 11)) == "Company offsite (feed team.ics)"
    combined = BusinessCalendar(BERLIN, holidays=["DE", feed])
    assert combined.holiday_name(date(2025, 12, 25)) == "Christmas Day"
    assert combined.holiday_name(date(2025, 3, 12)) == "Company offsite (feed team.ics)"
    assert BusinessCalendar(BERLIN, holidays=feed.source) == cal
    told = str(explanation("Developer", "S3", monday, combined))
    assert "Tue 2025-03-11  holiday: Company offsite (feed team.ics)" in told


def test_the_feed_is_a_frozen_hashable_value() -> None:
    feed = read_ics(ics(OFFSITE), years=2025, name="team.ics")
    again = read_ics(ics(OFFSITE), years=[2025], name="team.ics")
    assert feed == again
    assert hash(feed) == hash(again)
    assert repr(feed) == "HolidayFeed('team.ics', years 2025, 3 dates)"
    with pytest.raises(AttributeError):
        feed.feed = "other.ics"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(feed)) == feed


# -- refused -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        ["DTSTART:20250310T120000Z", "DTEND:20250310T130000Z"],
        ["DTSTART;TZID=Europe/Berlin:20250310T090000", "DURATION:PT1H"],
        ["DTSTART;VALUE=DATE:20250310", "DTEND:20250311T120000Z"],
        ["DTSTART;VALUE=DATE:20250310", "DURATION:PT12H"],
        ["DTSTART;VALUE=DATE:20250310", "RDATE:20250505T100000Z"],
    ],
)
def test_a_timed_event_is_refused_naming_its_summary_and_uid(lines: list[str]) -> None:
    timed = "\r\n".join(["UID:lunch-42@example.com", "SUMMARY:Team lunch", *lines])
    with pytest.raises(TimedFeedEventError) as info:
        read_ics(ics(OFFSITE, timed), years=2025, name="team.ics")
    message = str(info.value)
    assert "'Team lunch'" in message
    assert "lunch-42@example.com" in message
    assert "team.ics" in message
    assert info.value.argument == "team.ics"
    assert info.value.value == "lunch-42@example.com"
    assert isinstance(info.value, ValueError)


def test_a_timed_event_outside_the_years_asked_is_still_refused() -> None:
    timed = "UID:t@example.com\r\nSUMMARY:Party\r\nDTSTART:20400101T180000Z"
    with pytest.raises(TimedFeedEventError, match="Party"):
        read_ics(ics(OFFSITE, timed), years=2025)


@pytest.mark.parametrize(
    "text",
    [
        "hello world BEGIN:VCALENDAR",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20250101\r\nEND:VEVENT\r\nBEGIN:VCALENDAR",
        ics("UID:1\r\nSUMMARY:Broken\r\nDTSTART;VALUE=DATE:2025-13-45"),
        ics("UID:1\r\nSUMMARY:Bad rule\r\nDTSTART;VALUE=DATE:20250101\r\nRRULE:FREQ=SOMETIMES"),
        ics("UID:1\r\nSUMMARY:No start"),
        ics(event("1", "Backwards", date(2025, 3, 10), date(2025, 3, 9))),
    ],
)
def test_a_feed_that_is_not_valid_icalendar_is_refused_naming_the_file(text: str) -> None:
    with pytest.raises(InvalidFeedError) as info:
        read_ics(text, years=2025, name="broken.ics")
    assert "broken.ics" in str(info.value)
    assert info.value.argument == "broken.ics"
    assert not isinstance(info.value, TimedFeedEventError)


def test_a_file_that_is_not_icalendar_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "holidays.ics"
    path.write_bytes(b"\xff\xfe not a calendar at all")
    with pytest.raises(InvalidFeedError, match=r"holiday feed holidays\.ics is not valid"):
        read_ics(path, years=2025)
    with pytest.raises(FileNotFoundError):
        read_ics(tmp_path / "missing.ics", years=2025)


@pytest.mark.parametrize(
    ("years", "error"),
    [
        ("2025", HolidaysTypeError),
        (2025.0, HolidaysTypeError),
        ([2025, "2026"], HolidaysTypeError),
        ([True], HolidaysTypeError),
        ([], InvalidHolidaysError),
        (range(2025, 2025), InvalidHolidaysError),
        ([1], InvalidHolidaysError),
        ([9999], InvalidHolidaysError),
    ],
)
def test_years_must_be_a_year_or_years(years: object, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        read_ics(ics(NEW_YEAR), years=years)  # type: ignore[arg-type]
    assert info.value.argument == "years"  # type: ignore[attr-defined]


def test_a_source_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(HolidaysTypeError, match="source must be"):
        read_ics(42, years=2025)  # type: ignore[arg-type]


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(MissingExtraError) as info:
        read_ics(ics(NEW_YEAR), years=2025)
    assert info.value.argument == "ics"
    assert 'pip install "connected-care-sla[ics]"' in str(info.value)
    assert isinstance(info.value, ImportError)


# -- properties ----------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
EVENTS = st.lists(
    st.tuples(DAYS, st.integers(min_value=1, max_value=40), st.sampled_from("ABC")),
    max_size=6,
)
YEARS = st.sets(st.integers(min_value=2023, max_value=2028), min_size=1, max_size=4)


def _feed(spans: Sequence[tuple[date, int, str]]) -> str:
    return ics(
        *(
            event(f"{i}@example.com", f"Event {name}", start, start + timedelta(days=length))
            for i, (start, length, name) in enumerate(spans)
        )
    )


@given(EVENTS, YEARS)
def test_each_all_day_event_closes_exactly_its_dates_in_the_years_asked(
    spans: list[tuple[date, int, str]], years: set[int]
) -> None:
    feed = read_ics(_feed(spans), years=years, name="p.ics")
    expected = {
        start + timedelta(days=offset)
        for start, length, _ in spans
        for offset in range(length)
        if (start + timedelta(days=offset)).year in years
    }
    assert feed.dates == expected
    for day in feed:
        names = {f"Event {n}" for s, length, n in spans if s <= day < s + timedelta(days=length)}
        assert feed[day].endswith(" (feed p.ics)")
        assert set(feed[day].removesuffix(" (feed p.ics)").split(", ")) == names


@given(
    EVENTS,
    st.integers(min_value=0, max_value=6),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31)),
    st.text(alphabet="abcdefgh -", min_size=1, max_size=12).filter(str.strip),
)
def test_a_timed_event_anywhere_refuses_the_whole_feed_naming_it(
    spans: list[tuple[date, int, str]], position: int, start: datetime, summary: str
) -> None:
    events = [
        event(f"{i}@example.com", f"Event {name}", first, first + timedelta(days=length))
        for i, (first, length, name) in enumerate(spans)
    ]
    timed = f"UID:timed@example.com\r\nSUMMARY:{summary}\r\nDTSTART:{start:%Y%m%dT%H%M%S}Z"
    events.insert(min(position, len(events)), timed)
    with pytest.raises(TimedFeedEventError) as info:
        read_ics(ics(*events), years=range(2024, 2028), name="t.ics")
    assert repr(summary.strip()) in str(info.value)
    assert info.value.value == "timed@example.com"


@given(EVENTS, YEARS, YEARS)
def test_fewer_years_give_the_same_dates_restricted_to_them(
    spans: list[tuple[date, int, str]], some: set[int], more: set[int]
) -> None:
    text = _feed(spans)
    wide = read_ics(text, years=some | more)
    narrow = read_ics(text, years=some)
    assert dict(narrow) == {day: name for day, name in wide.items() if day.year in some}


@given(st.sets(st.integers(min_value=1990, max_value=2100), min_size=1, max_size=6))
def test_a_yearly_event_closes_its_date_in_every_year_asked_from_its_start(
    years: set[int],
) -> None:
    yearly = event("y@example.com", "Founding", date(2000, 2, 29), None, "RRULE:FREQ=YEARLY")
    feed = read_ics(ics(yearly), years=years)
    # RFC 5545: a yearly rule skips the years whose date does not exist (no 29 February).
    leap = [y for y in sorted(years) if y >= 2000 and y % 4 == 0 and (y % 100 or y % 400 == 0)]
    assert sorted(feed) == [date(year, 2, 29) for year in leap]


def test_the_first_and_last_years_a_feed_can_be_expanded_over() -> None:
    yearly = event("y@example.com", "Founding", date(2, 3, 1), None, "RRULE:FREQ=YEARLY")
    assert sorted(read_ics(ics(yearly), years=[2, 9998])) == [date(2, 3, 1), date(9998, 3, 1)]


@given(st.text(max_size=200))
def test_any_text_gives_a_feed_or_one_of_our_errors(text: str) -> None:
    refused: SlaError | None = None
    try:
        read_ics("BEGIN:VCALENDAR\r\n" + text, years=2025, name="fuzz.ics")
    except SlaError as error:
        refused = error
    assert refused is None or "fuzz.ics" in str(refused)


def test_holiday_feed_is_a_mapping_of_dates_to_names() -> None:
    feed = HolidayFeed("x.ics", (2025,), ((date(2025, 1, 1), "A (feed x.ics)"),))
    assert list(feed.keys()) == [date(2025, 1, 1)]
    assert feed.get(date(2025, 1, 2)) is None
    assert date(2025, 1, 1) in feed


LINES = st.sampled_from(
    [
        "DTSTART;VALUE=DATE:20250310",
        "DTSTART:20250310T090000Z",
        "DTSTART;VALUE=DATE:2025031",
        "DTSTART;TZID=Nowhere/Land:20250310T090000",
        "DTEND;VALUE=DATE:20250312",
        "DTEND;VALUE=DATE:20250301",
        "DTEND:20250310T100000",
        "DURATION:P3D",
        "DURATION:-P1D",
        "DURATION:PT0S",
        "DURATION:bogus",
        "RRULE:FREQ=YEARLY",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "RRULE:FREQ=DAILY;UNTIL=20250315",
        "RRULE:FREQ=YEARLY;UNTIL=20250315T000000Z",
        "RRULE:FREQ=MONTHLY;BYDAY=XX",
        "EXDATE;VALUE=DATE:20260310",
        "EXDATE:20260310T090000Z",
        "RDATE;VALUE=DATE:20250401",
        "RDATE;VALUE=PERIOD:20250401T000000Z/P1D",
        "RECURRENCE-ID;VALUE=DATE:20260310",
        "STATUS:CANCELLED",
        "SUMMARY:Closed",
        "UID:same@example.com",
    ]
)


@given(st.lists(st.lists(LINES, max_size=6), max_size=4))
def test_events_of_any_properties_give_a_feed_or_one_of_our_errors(
    events: list[list[str]],
) -> None:
    text = ics(*("\r\n".join(lines) for lines in events if lines))
    refused: SlaError | None = None
    try:
        feed = read_ics(text, years=range(2025, 2027), name="fuzz.ics")
    except SlaError as error:
        refused = error
    if refused is None:
        assert all(day.year in (2025, 2026) for day in feed)
    else:
        assert "fuzz.ics" in str(refused)
