"""Calendars as data: the dict form, TOML calendar files, calendar sets and frozen holidays.

Round trips are properties (any calendar -> dict -> calendar is the same
calendar, and through TOML too); every refusal names its source, key path and
value; freezing keeps every answer and shields the frozen years from the
``holidays`` package's data; years declared complete silence the horizon
warning; and ``import connected_care_sla`` does not import ``holidays``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar, SlaError, WeeklyHours, testing
from connected_care_sla.calendar.files import (
    CalendarSet,
    calendar_from_dict,
    calendar_to_dict,
    calendars_from_dict,
    calendars_to_dict,
    dump_calendar,
    dump_calendars,
    freeze_holidays,
    load_calendar,
    load_calendars,
    write_calendar,
)
from connected_care_sla.calendar.holidays import (
    CountrySpec,
    HolidaySource,
    freeze_parts,
    holiday_source,
)
from connected_care_sla.exceptions import (
    NOTHING,
    CalendarFileError,
    CalendarFileTypeError,
    HolidayHorizonWarning,
    InvalidHolidaysError,
    MissingExtraError,
    UnwritableCalendarError,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
COUNTRIES = ("CN", "US", "DE", "US-CA")

# -- strategies ---------------------------------------------------------------------------

days = st.dates(date(2024, 1, 1), date(2027, 12, 31))
names = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1).filter(
    lambda text: text.strip() == text and text != ""
)
window_texts = st.sampled_from(
    ["closed", "09:00-13:00", "09:00-12:00,13:00-15:00", "10:00-10:00:00.5", "00:00-24:00"]
)


@st.composite
def plain_calendars(draw: st.DrawFn, zone: str | None = None) -> BusinessCalendar:
    """Calendars with every kind of part calendar data can hold."""
    zone_name = zone or draw(st.sampled_from(["Asia/Shanghai", "America/New_York", "UTC"]))
    hours = draw(st.one_of(st.none(), testing.weekly_hours()))
    if hours is not None and draw(st.booleans()):
        hours = WeeklyHours(hours.days, draw(st.integers(0, 6)))
    countries = draw(st.lists(st.sampled_from(COUNTRIES), unique=True, max_size=2))
    dates = draw(st.frozensets(days, max_size=4))
    named = draw(st.dictionaries(days, names, max_size=3))
    complete = {
        code: draw(st.lists(st.integers(2024, 2030), min_size=1, max_size=3))
        for code in countries
        if draw(st.booleans())
    }
    workdays = draw(st.frozensets(days, max_size=3))
    overrides = draw(st.dictionaries(days, window_texts, max_size=3))
    strict = draw(st.booleans())
    try:
        source = HolidaySource(
            holiday_source(countries).countries, dates, names=named, complete=complete
        )
        return BusinessCalendar(
            zone_name, hours, source, workdays=workdays, overrides=overrides, strict=strict
        )
    except SlaError:
        assume(False)
        raise


@st.composite
def versioned_calendars(draw: st.DrawFn) -> BusinessCalendar:
    zone = draw(st.sampled_from(["Asia/Shanghai", "Europe/Berlin"]))
    starts = draw(st.lists(days, min_size=1, max_size=3, unique=True))
    versions = {day: draw(plain_calendars(zone)) for day in starts}
    try:
        return BusinessCalendar.from_versions(versions)
    except SlaError:
        assume(False)
        raise


calendars = st.one_of(plain_calendars(), versioned_calendars())


# -- round trips --------------------------------------------------------------------------


@given(calendars)
def test_any_calendar_comes_back_equal_from_its_dict_form_which_is_json(
    cal: BusinessCalendar,
) -> None:
    data = calendar_to_dict(cal)
    assert calendar_from_dict(json.loads(json.dumps(data))) == cal


@given(calendars)
def test_any_calendar_comes_back_equal_from_its_toml_text(cal: BusinessCalendar) -> None:
    assert calendar_from_dict(tomllib.loads(dump_calendar(cal))) == cal


@given(plain_calendars())
def test_the_dict_form_leaves_out_only_defaults(cal: BusinessCalendar) -> None:
    data = calendar_to_dict(cal)
    assert data["zone"] == cal.zone.key
    assert "hours" in data
    assert ("overrides" in data) == bool(cal.overrides)
    assert ("strict" in data) == cal.strict


def test_a_calendar_file_is_read_written_and_read_again(tmp_path: Path) -> None:
    path = tmp_path / "shanghai.toml"
    path.write_text(SHANGHAI_FILE, encoding="utf-8")
    cal = load_calendar(path)
    assert cal.versions[1][0] == date(2026, 3, 1)
    again = tmp_path / "again.toml"
    write_calendar(cal, again)
    assert load_calendar(str(again)) == cal


SHANGHAI_FILE = textwrap.dedent(
    """\
    zone = "Asia/Shanghai"
    workdays = [2026-09-27]

    [hours]
    "Mon-Fri" = "09:00-12:00, 13:00-18:00"

    [holidays]
    countries = ["CN"]
    dates = [2026-12-31]

    [holidays.names]
    2026-06-05 = "Company offsite"

    [overrides]
    2025-12-24 = "09:00-13:00"

    [[versions]]
    effective_from = 2020-01-01

    [[versions]]
    effective_from = 2026-03-01
    hours = { "Mon-Fri" = "08:00-17:00" }
    """
)


def test_a_version_inherits_what_it_leaves_out_from_the_version_before() -> None:
    cal = load_from_text(SHANGHAI_FILE)
    (_, first), (_, second) = cal.versions
    assert first.hours != second.hours
    assert second.holidays == first.holidays
    assert second.overrides == first.overrides
    assert second.holidays.year(2026).name_of(date(2026, 6, 5)) == "Company offsite"
    dropped = load_from_text(SHANGHAI_FILE + "overrides = {}\n")
    assert dropped.versions[1][1].overrides == ()
    assert dropped.versions[0][1].overrides == first.overrides


def test_a_named_explicit_date_is_explained_by_its_name() -> None:
    cal = load_from_text(SHANGHAI_FILE)
    assert cal.holiday_name(date(2026, 6, 5)) == "Company offsite"
    assert cal.holiday_name(date(2026, 12, 31)) == "closed (explicit date)"


def test_a_country_can_be_a_table_with_subdivision_observance_and_categories() -> None:
    cal = calendar_from_dict(
        {
            "zone": "America/Los_Angeles",
            "holidays": {
                "countries": [
                    {"country": "US", "subdiv": "CA", "observed": False, "categories": ["public"]}
                ]
            },
        }
    )
    (spec,) = cal.holidays.countries
    assert (spec.code, spec.observed) == ("US-CA", False)
    assert calendar_to_dict(cal)["holidays"] == {
        "countries": [{"country": "US", "subdiv": "CA", "observed": False}]
    }


def load_from_text(text: str) -> BusinessCalendar:
    return calendar_from_dict(tomllib.loads(text))


# -- errors name the source, the key and the value --------------------------------------

ERRORS: list[tuple[str, str, str, object, type[CalendarFileError]]] = [
    ("no zone", "", "zone", NOTHING, CalendarFileError),
    ("zone a number", "zone = 5", "zone", 5, CalendarFileTypeError),
    ("unknown zone", 'zone = "Mars/Base"', "zone", "Mars/Base", CalendarFileError),
    ("unknown key", 'zone = "UTC"\nhollidays = "CN"', "hollidays", "CN", CalendarFileError),
    (
        "bad hours",
        'zone = "UTC"\nhours = { "Mon-Fri" = "9-5" }',
        'hours."Mon-Fri"',
        "9-5",
        CalendarFileError,
    ),
    (
        "bad day",
        'zone = "UTC"\nhours = { Funday = "09:00-10:00" }',
        "hours.Funday",
        "09:00-10:00",
        CalendarFileError,
    ),
    ("hours a number", 'zone = "UTC"\nhours = { Mon = 9 }', "hours.Mon", 9, CalendarFileTypeError),
    ("makeup day", 'zone = "UTC"\nmakeup_day = "Xyz"', "makeup_day", "Xyz", CalendarFileError),
    ("strict text", 'zone = "UTC"\nstrict = "yes"', "strict", "yes", CalendarFileTypeError),
    (
        "country",
        'zone = "UTC"\n[holidays]\ncountries = ["XX"]',
        "holidays.countries[0]",
        "XX",
        CalendarFileError,
    ),
    (
        "category",
        'zone = "UTC"\n[holidays]\ncountries = ["CN", { country = "US", categories = ["nope"] }]',
        "holidays.countries[1].categories[0]",
        "nope",
        CalendarFileError,
    ),
    (
        "no such date",
        'zone = "UTC"\n[holidays]\ndates = [2026-01-01, "2026-02-30"]',
        "holidays.dates[1]",
        "2026-02-30",
        CalendarFileError,
    ),
    (
        "date a number",
        'zone = "UTC"\n[holidays]\ndates = [20260101]',
        "holidays.dates[0]",
        20260101,
        CalendarFileTypeError,
    ),
    (
        "name key",
        'zone = "UTC"\n[holidays.names]\n2026-13-01 = "x"',
        'holidays.names."2026-13-01"',
        "2026-13-01",
        CalendarFileError,
    ),
    (
        "empty name",
        'zone = "UTC"\n[holidays.names]\n2026-01-02 = " "',
        'holidays.names."2026-01-02"',
        " ",
        CalendarFileError,
    ),
    (
        "complete for a country not listed",
        'zone = "UTC"\n[holidays]\ncountries = ["CN"]\ncomplete = { DE = [2027] }',
        "holidays.complete.DE",
        [2027],
        CalendarFileError,
    ),
    (
        "complete years",
        'zone = "UTC"\n[holidays]\ncountries = ["CN"]\ncomplete = { CN = ["2027"] }',
        "holidays.complete.CN",
        ["2027"],
        CalendarFileTypeError,
    ),
    (
        "workday datetime",
        'zone = "UTC"\nworkdays = [2026-06-06T10:00:00]',
        "workdays[0]",
        datetime(2026, 6, 6, 10),
        CalendarFileError,
    ),
    (
        "workday with hours",
        'zone = "UTC"\nworkdays = [2026-06-01]',
        "workdays",
        [date(2026, 6, 1)],
        CalendarFileError,
    ),
    (
        "override a number",
        'zone = "UTC"\n[overrides]\n2025-12-24 = 5',
        'overrides."2025-12-24"',
        5,
        CalendarFileTypeError,
    ),
    (
        "override in a version",
        'zone = "UTC"\n[[versions]]\neffective_from = 2020-01-01\n'
        '[[versions]]\neffective_from = 2025-01-01\n[versions.overrides]\n2025-12-24 = "9-13"',
        'versions[1].overrides."2025-12-24"',
        "9-13",
        CalendarFileError,
    ),
    (
        "version without date",
        'zone = "UTC"\n[[versions]]\nstrict = true',
        "versions[0].effective_from",
        NOTHING,
        CalendarFileError,
    ),
    (
        "version zone",
        'zone = "UTC"\n[[versions]]\neffective_from = 2020-01-01\nzone = "UTC"',
        "versions[0].zone",
        "UTC",
        CalendarFileError,
    ),
    (
        "versions out of order",
        'zone = "UTC"\n[[versions]]\neffective_from = 2025-01-01\n'
        "[[versions]]\neffective_from = 2020-01-01",
        "versions[1].effective_from",
        date(2020, 1, 1),
        CalendarFileError,
    ),
    (
        "a date at the top",
        'zone = "UTC"\neffective_from = 2026-03-01',
        "effective_from",
        date(2026, 3, 1),
        CalendarFileError,
    ),
    ("versions empty", 'zone = "UTC"\nversions = []', "versions", [], CalendarFileTypeError),
    (
        "unknown version key",
        'zone = "UTC"\n[[versions]]\neffective_from = 2020-01-01\nhour = {}',
        "versions[0].hour",
        {},
        CalendarFileError,
    ),
]


@pytest.mark.parametrize(
    ("text", "key", "value", "kind"),
    [case[1:] for case in ERRORS],
    ids=[case[0] for case in ERRORS],
)
def test_every_refusal_names_the_file_the_key_and_the_value(
    tmp_path: Path, text: str, key: str, value: object, kind: type[CalendarFileError]
) -> None:
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(kind) as info:
        load_calendar(path)
    error = info.value
    assert isinstance(error, ValueError)
    assert isinstance(error, SlaError)
    assert isinstance(error, TypeError) == (kind is CalendarFileTypeError)
    assert error.source == f"calendar file {str(path)!r}"
    assert (error.argument, error.value) == (key, value)
    message = str(error)
    assert message.startswith(f"calendar file {str(path)!r}: key {key}")
    if value is not NOTHING:
        assert f"{key} = {value!r}:" in message


@pytest.mark.parametrize(
    ("text", "key", "value", "kind"),
    [case[1:] for case in ERRORS],
    ids=[case[0] for case in ERRORS],
)
def test_the_dict_form_refuses_the_same_data_naming_calendar_data(
    text: str, key: str, value: object, kind: type[CalendarFileError]
) -> None:
    with pytest.raises(kind) as info:
        calendar_from_dict(tomllib.loads(text))
    assert (info.value.source, info.value.argument) == ("calendar data", key)


def test_a_file_that_is_not_toml_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("zone = ", encoding="utf-8")
    with pytest.raises(
        CalendarFileError, match=r"calendar file '.*broken\.toml' is not valid TOML"
    ):
        load_calendar(path)


def test_a_set_file_read_as_one_calendar_points_to_load_calendars(tmp_path: Path) -> None:
    path = tmp_path / "set.toml"
    path.write_text(SET_FILE, encoding="utf-8")
    with pytest.raises(CalendarFileError, match="read it with load_calendars"):
        load_calendar(path)


@pytest.mark.parametrize("path", [3, b"team.toml", "team\0.toml"])
def test_a_path_that_is_not_a_path_is_refused(path: Any) -> None:
    with pytest.raises(CalendarFileError):
        load_calendar(path)


def test_dict_dates_may_be_dates_or_iso_strings() -> None:
    as_dates = calendar_from_dict({"zone": "UTC", "overrides": {date(2025, 12, 24): "closed"}})
    as_text = calendar_from_dict({"zone": "UTC", "overrides": {"2025-12-24": "closed"}})
    assert as_dates == as_text


# -- what cannot be written is refused by name ------------------------------------------


def test_a_holidays_class_defined_in_code_is_refused_by_name() -> None:
    import holidays

    class Offsites(holidays.HolidayBase):
        country = "ZZ"

        def _populate(self, year: int) -> None:
            self[date(year, 6, 5)] = "Offsite"

    cal = BusinessCalendar("UTC", holidays=Offsites(years=2026))
    with pytest.raises(UnwritableCalendarError) as info:
        calendar_to_dict(cal)
    assert info.value.argument == "holidays.countries[0]"
    assert "Offsites" in str(info.value)


def test_writing_without_the_toml_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tomli_w", None)
    with pytest.raises(MissingExtraError) as info:
        dump_calendar(BusinessCalendar("UTC"))
    assert info.value.argument == "toml"
    assert 'pip install "connected-care-sla[toml]"' in str(info.value)


# -- several calendars keyed by a column -------------------------------------------------

SET_FILE = textwrap.dedent(
    """\
    key = "zone"

    [defaults]
    hours = { "Mon-Fri" = "09:00-18:00" }

    [calendars."Asia/Shanghai"]
    holidays = { countries = ["CN"] }

    [calendars."America/New_York"]
    holidays = { countries = ["US"] }
    hours = { "Mon-Fri" = "08:00-17:00" }

    [calendars."Europe/Berlin"]
    zone = "Europe/Berlin"
    holidays = { countries = ["DE"] }
    """
)


def test_a_set_file_gives_each_zone_its_calendar(tmp_path: Path) -> None:
    path = tmp_path / "zones.toml"
    path.write_text(SET_FILE, encoding="utf-8")
    found = load_calendars(path)
    assert found.key == "zone"
    assert list(found.calendars) == ["Asia/Shanghai", "America/New_York", "Europe/Berlin"]
    assert found.calendars["Asia/Shanghai"] == BusinessCalendar("Asia/Shanghai", holidays="CN")
    assert found["America/New_York"].hours.to_mapping() == {"Mon-Fri": "08:00-17:00"}
    assert calendars_from_dict(calendars_to_dict(found)) == found
    assert calendars_from_dict(tomllib.loads(dump_calendars(found))) == found
    assert hash(found) == hash(calendars_from_dict(calendars_to_dict(found)))


def test_a_set_keyed_by_customer_takes_each_zone_from_its_table_or_the_defaults() -> None:
    found = calendars_from_dict(
        {
            "key": "customer",
            "defaults": {"zone": "Asia/Shanghai"},
            "calendars": {"acme": {}, "globex": {"zone": "America/New_York"}},
        }
    )
    assert found["acme"].zone.key == "Asia/Shanghai"
    assert found["globex"].zone.key == "America/New_York"
    assert found == CalendarSet("customer", dict(found.calendars))


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"calendars": {"UTC": {}}}, "key"),
        ({"key": "zone"}, "calendars"),
        ({"key": "zone", "calendars": {"UTC": {"zone": "Asia/Shanghai"}}}, "calendars.UTC.zone"),
        ({"key": "customer", "calendars": {"acme": {}}}, "calendars.acme.zone"),
        ({"key": "zone", "calendars": {"UTC": {"hours": 3}}}, "calendars.UTC.hours"),
        ({"key": "zone", "defaults": {"strict": 1}, "calendars": {"UTC": {}}}, "defaults.strict"),
        ({"key": "zone", "calendar": {}}, "calendar"),
        ({"key": "zone", "defaults": {"zone": "UTC"}, "calendars": {"UTC": {}}}, "defaults.zone"),
        ({"key": "zone", "calendars": {}}, "calendars"),
        ({"key": "zone", "calendars": {"UTC": 3}}, "calendars.UTC"),
    ],
)
def test_a_set_refuses_naming_the_key(data: dict[str, Any], key: str) -> None:
    with pytest.raises(CalendarFileError) as info:
        calendars_from_dict(data)
    assert info.value.argument == key


# -- frozen holidays and complete years --------------------------------------------------


def windows_of(cal: BusinessCalendar, first: date, last: date) -> list[tuple[datetime, datetime]]:
    start = datetime.combine(first, datetime.min.time(), SHANGHAI)
    end = datetime.combine(last, datetime.min.time(), SHANGHAI)
    return [(w.opens, w.closes) for w in cal.windows(start, end)]


@pytest.mark.parametrize(
    "hours",
    [None, {"Mon-Fri": "09:00-12:00, 13:00-18:00"}, {"Mon-Sat": "10:00-16:00"}],
    ids=["default", "split", "saturdays"],
)
def test_a_frozen_calendar_answers_as_the_calendar_did(hours: dict[str, str] | None) -> None:
    cal = BusinessCalendar(SHANGHAI, hours, holidays="CN")
    frozen = freeze_holidays(cal, range(2024, 2027))
    assert frozen.holidays.complete == (("CN", (2024, 2025, 2026)),)
    assert windows_of(frozen, date(2024, 1, 1), date(2027, 1, 1)) == windows_of(
        cal, date(2024, 1, 1), date(2027, 1, 1)
    )
    assert frozen.holiday_name(date(2025, 10, 1)) == cal.holiday_name(date(2025, 10, 1))
    assert calendar_from_dict(calendar_to_dict(frozen)) == frozen


def test_frozen_years_are_unaffected_by_a_change_of_the_country_data() -> None:
    from holidays.countries import China

    class Upgraded(China):
        """The package's next release, which (say) adds a holiday on 2025-06-03."""

        def _populate(self, year: int) -> None:
            super()._populate(year)
            if year in (2025, 2027):
                self._add_holiday("New holiday", date(year, 6, 3))

    def upgraded(source: HolidaySource) -> HolidaySource:
        (spec,) = source.countries
        country = CountrySpec(Upgraded, spec.subdiv, spec.observed, spec.categories)
        return HolidaySource(
            (country,),
            source.dates,
            source.workdays,
            names=source.names,
            complete=source.complete,
        )

    plain = holiday_source("CN")
    frozen = plain.freeze([2024, 2025])
    assert date(2025, 6, 3) in upgraded(plain).year(2025).closed
    assert upgraded(frozen).year(2025) == frozen.year(2025) == plain.year(2025)
    assert date(2025, 6, 3) not in upgraded(frozen).year(2025).closed


def test_freezing_a_year_the_data_does_not_officially_cover_is_refused() -> None:
    cal = BusinessCalendar(SHANGHAI, holidays="CN")
    last = cal.holidays.countries[0].official_years()[1]
    with pytest.raises(InvalidHolidaysError, match="declare it complete"):
        freeze_holidays(cal, [last + 1])


def test_a_versioned_calendar_freezes_every_version() -> None:
    cal = BusinessCalendar.from_versions(
        {
            date(2024, 1, 1): BusinessCalendar(SHANGHAI, holidays="CN"),
            date(2025, 7, 1): BusinessCalendar(SHANGHAI, {"Mon-Fri": "08:00-17:00"}, "CN"),
        }
    )
    frozen = freeze_holidays(cal, [2025])
    assert all(v.holidays.complete == (("CN", (2025,)),) for _, v in frozen.versions)
    assert windows_of(frozen, date(2025, 1, 1), date(2026, 1, 1)) == windows_of(
        cal, date(2025, 1, 1), date(2026, 1, 1)
    )


CHINA_2027 = textwrap.dedent(
    """\
    zone = "Asia/Shanghai"
    workdays = [2027-02-20, 2027-09-26]

    [holidays]
    countries = ["CN"]
    complete = {{ CN = [{year}] }}

    [holidays.names]
    {year}-01-01 = "New Year's Day"
    {year}-10-01 = "National Day"
    """
)


def test_a_year_declared_complete_is_not_asked_of_the_package_and_does_not_warn() -> None:
    lenient = BusinessCalendar(SHANGHAI, holidays="CN")
    year = lenient.holidays.countries[0].official_years()[1] + 1
    probe = datetime(year, 3, 1, 10, tzinfo=SHANGHAI)
    with pytest.warns(HolidayHorizonWarning):
        lenient.is_open(probe)
    text = CHINA_2027.format(year=year).replace("2027-", f"{year}-")
    cal = calendar_from_dict(tomllib.loads(text))
    # pytest turns any warning into an error: none is raised.
    cal.add(probe, timedelta(hours=200))
    assert cal.holiday_name(date(year, 10, 1)) == "National Day"
    assert cal.holiday_name(date(year, 5, 1)) is None  # only what the file gives
    strict = calendar_from_dict({**tomllib.loads(text), "strict": True})
    assert strict.is_open(probe)


# -- the holidays package is imported when a country is first needed ---------------------


def test_importing_the_library_does_not_import_the_holidays_package() -> None:
    code = (
        "import sys, connected_care_sla\n"
        "from connected_care_sla.calendar.files import calendar_from_dict\n"
        "calendar_from_dict({'zone': 'UTC', 'holidays': {'dates': ['2026-01-01']}})\n"
        "assert 'holidays' not in sys.modules, 'imported early'\n"
        "connected_care_sla.BusinessCalendar('UTC', holidays='CN')\n"
        "assert 'holidays' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


# -- anything else is refused with a calendar data error ---------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3000),
    st.sampled_from(["CN", "US-CA", "Mon-Fri", "09:00-18:00", "closed", "2026-03-01", "UTC"]),
    st.text(max_size=5),
    days,
    st.datetimes(),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "zone",
                    "hours",
                    "holidays",
                    "countries",
                    "dates",
                    "names",
                    "complete",
                    "overrides",
                    "workdays",
                    "versions",
                    "effective_from",
                    "strict",
                    "makeup_day",
                    "Mon-Fri",
                    "CN",
                    "2026-03-01",
                    "country",
                    "subdiv",
                ]
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "zone",
                "hours",
                "holidays",
                "overrides",
                "versions",
                "workdays",
                "strict",
                "makeup_day",
            ]
        ),
        junk,
        max_size=5,
    ),
    st.sampled_from(["UTC", "Asia/Shanghai"]),
)
def test_any_data_gives_a_calendar_or_a_calendar_data_error(
    data: dict[str, Any], zone: str
) -> None:
    refused: CalendarFileError | None = None
    try:
        cal = calendar_from_dict({"zone": zone, **data} if "zone" not in data else data)
    except CalendarFileError as error:
        refused = error
    if refused is None:
        assert calendar_from_dict(calendar_to_dict(cal)) == cal
    else:
        assert refused.source == "calendar data"
        assert refused.argument


def test_freeze_parts_hands_back_the_make_up_days_on_weekdays_that_open() -> None:
    source = holiday_source("CN")
    frozen, moved = freeze_parts(source, [2025], open_weekdays=range(6))  # Mon-Sat open
    assert moved
    assert all(day.weekday() == 5 for day in moved)
    assert not moved & frozen.workdays
    assert frozen.workdays | moved == source.freeze([2025]).workdays


def test_freezing_a_saturday_make_up_day_under_overnight_hours_is_refused() -> None:
    cal = BusinessCalendar(SHANGHAI, {"Mon-Fri": "22:00-06:00", "Sat": "10:00-14:00"}, "CN")
    with pytest.raises(InvalidHolidaysError, match="overnight windows"):
        freeze_holidays(cal, [2025])
