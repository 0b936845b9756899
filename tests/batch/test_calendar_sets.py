"""Several calendars keyed by a column, in batch: a ``CalendarSet`` as ``calendar=``.

A set (``load_calendars`` of a calendars file) picks each row's calendar by
its value in the column the set's ``key`` names: a Shanghai, New York and
Berlin table gets CN, US and DE holidays in one call, each row exactly its
scalar deadline. A value without a calendar is a bad row naming the value and
the values that have one (``errors="coerce"``) or stops the call (``"raise"``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar, first_response_deadline
from connected_care_sla.batch import compliance, first_response_deadlines
from connected_care_sla.batch.calendars import keyed_calendars
from connected_care_sla.calendar.files import CalendarSet, load_calendars
from connected_care_sla.exceptions import InvalidTableError, UnknownCalendarKeyError

pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)

COUNTRIES = {"Asia/Shanghai": "CN", "America/New_York": "US", "Europe/Berlin": "DE"}
ZONES = CalendarSet(
    "zone", {zone: BusinessCalendar(zone, holidays=code) for zone, code in COUNTRIES.items()}
)
CUSTOMERS = CalendarSet(
    "customer",
    {
        "17": BusinessCalendar("Asia/Shanghai", holidays="CN"),
        "acme": BusinessCalendar("America/New_York", holidays="US"),
    },
)


def tickets(zones: list[str], created: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "plan": ["Developer"] * len(zones),
            "severity": ["S3"] * len(zones),
            "created_at": pd.to_datetime(created, utc=True),
            "zone": zones,
        }
    )


# Each created on a holiday of its own country only.
HOLIDAYS = tickets(
    list(COUNTRIES),
    ["2025-10-01T02:00Z", "2025-07-04T14:00Z", "2025-10-03T08:00Z"],
)
EXPECTED = pd.to_datetime(
    ["2025-10-10T04:00Z", "2025-07-08T16:00Z", "2025-10-07T10:00Z"], utc=True
).tolist()


def test_a_calendar_set_as_calendar_gives_each_row_its_zones_holidays() -> None:
    out = first_response_deadlines(HOLIDAYS, calendar=ZONES)
    assert out["deadline"].tolist() == EXPECTED
    assert str(out["deadline"].dtype) == "datetime64[us, UTC]"


def test_a_mapping_and_a_key_column_do_the_same() -> None:
    out = first_response_deadlines(HOLIDAYS, zone="zone", calendars=dict(ZONES))
    assert out["deadline"].tolist() == EXPECTED
    out = first_response_deadlines(HOLIDAYS, zone="zone", calendars=ZONES)
    assert out["deadline"].tolist() == EXPECTED
    out = first_response_deadlines(HOLIDAYS, calendars=ZONES)  # the set names its column
    assert out["deadline"].tolist() == EXPECTED


def test_a_set_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "zones.toml"
    path.write_text(
        'key = "zone"\n'
        + "".join(
            f'[calendars."{zone}"]\nholidays = {{ countries = ["{code}"] }}\n'
            for zone, code in COUNTRIES.items()
        ),
        encoding="utf-8",
    )
    cals = load_calendars(path)
    assert cals == ZONES
    out = first_response_deadlines(HOLIDAYS, calendar=cals, tz="local")
    assert [d.isoformat() for d in out["deadline"]] == [
        "2025-10-10T12:00:00+08:00",
        "2025-07-08T12:00:00-04:00",
        "2025-10-07T12:00:00+02:00",
    ]


def test_a_set_keyed_by_customer_and_whole_number_ids() -> None:
    frame = HOLIDAYS.iloc[:2].assign(customer=[17, "acme"])
    out = first_response_deadlines(frame, calendar=CUSTOMERS)
    shanghai, new_york = CUSTOMERS["17"], CUSTOMERS["acme"]
    assert out["deadline"].tolist() == [
        first_response_deadline("Developer", "S3", frame["created_at"][0], shanghai),
        first_response_deadline("Developer", "S3", frame["created_at"][1], new_york),
    ]


def test_zone_names_another_column_holding_the_keys() -> None:
    frame = HOLIDAYS.rename(columns={"zone": "where"})
    out = first_response_deadlines(frame, calendar=ZONES, zone="where")
    assert out["deadline"].tolist() == EXPECTED


def test_a_value_without_a_calendar_is_a_bad_row_naming_the_known_values() -> None:
    frame = tickets(
        ["Asia/Shanghai", "Europe/Paris", None],  # type: ignore[list-item]
        ["2025-06-06T09:00Z"] * 3,
    )
    with pytest.raises(UnknownCalendarKeyError) as info:
        first_response_deadlines(frame, calendar=ZONES)
    error = info.value
    assert (error.argument, error.value) == ("zone", "Europe/Paris")
    assert error.known == tuple(COUNTRIES)
    assert isinstance(error, ValueError)
    assert str(error).startswith("row 1 (zone = 'Europe/Paris'): no calendar for zone")
    out = first_response_deadlines(frame, calendar=ZONES, errors="coerce")
    assert pd.isna(out["error"][0])
    assert out["error"][1] == (
        "zone: no calendar for zone 'Europe/Paris'; the calendars have a zone of "
        "'Asia/Shanghai', 'America/New_York', 'Europe/Berlin': add a calendar for it, or give "
        "the row one of those"
    )
    assert out["error"][2].startswith("zone: the row has no zone; the calendars have")
    assert out["deadline"].isna().tolist() == [False, True, True]


def test_a_set_beside_other_calendars_is_refused() -> None:
    with pytest.raises(InvalidTableError, match="give it alone"):
        first_response_deadlines(HOLIDAYS, calendar=ZONES, calendars={"x": ZONES["Asia/Shanghai"]})
    assert keyed_calendars(None, None, ZONES) == (None, "zone", ZONES)
    assert keyed_calendars(ZONES, "where", None) == (None, "where", ZONES)
    plain = BusinessCalendar("UTC")
    assert keyed_calendars(plain, None, None) == (plain, None, None)


def test_compliance_with_a_calendar_set() -> None:
    frame = HOLIDAYS.assign(
        first_response_at=pd.to_datetime(
            ["2025-10-09T02:00Z", "2025-07-09T14:00Z", "2025-10-06T08:00Z"], utc=True
        )
    )
    out = first_response_deadlines(frame, calendar=ZONES, responded="first_response_at")
    assert out["state"].tolist() == ["met", "missed", "met"]
    report = compliance(frame, responded="first_response_at", by=None, calendar=ZONES)
    assert int(report.table["met"].iloc[0]) == 2


def test_polars_and_arrow_tables_read_the_key_column() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.Table.from_pandas(HOLIDAYS, preserve_index=False)
    out = first_response_deadlines(table, calendar=ZONES)
    assert [v.as_py() for v in out["deadline"]] == [d.to_pydatetime() for d in EXPECTED]


CREATED = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2026, 11, 30), timezones=st.just(UTC)
)


@given(
    st.lists(
        st.tuples(st.sampled_from([*COUNTRIES, "Europe/Paris"]), CREATED, st.sampled_from("1234")),
        min_size=1,
        max_size=12,
    )
)
def test_each_row_gets_the_scalar_deadline_of_its_calendar(
    rows: list[tuple[str, datetime, str]],
) -> None:
    frame = pd.DataFrame(
        {
            "plan": ["Developer"] * len(rows),
            "severity": [f"S{s}" for _, _, s in rows],
            "created_at": pd.to_datetime([c for _, c, _ in rows], utc=True),
            "zone": [z for z, _, _ in rows],
        }
    )
    out = first_response_deadlines(frame, calendar=ZONES, errors="coerce")
    for (zone, created, severity), deadline, error in zip(
        rows, out["deadline"], out["error"], strict=True
    ):
        if zone not in ZONES:
            assert pd.isna(deadline)
            assert f"no calendar for zone {zone!r}" in error
            continue
        assert pd.isna(error)
        expected = first_response_deadline("Developer", f"S{severity}", created, ZONES[zone])
        assert deadline == expected
