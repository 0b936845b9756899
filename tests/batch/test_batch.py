"""Whole tables at once (connected_care_sla.batch): the same answers as the scalar API.

The property tests build random frames (DST zones, China's holidays and
make-up workdays, split shifts, overnight windows, exact 18:00 boundaries) and
compare every row with ``first_response_deadline`` and ``response_status``.
Data stays in 2025-2026: China's official holiday data ends with 2026.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

import connected_care_sla as sla
from connected_care_sla import (
    BusinessCalendar,
    Policy,
    PolicyBook,
    Status,
    connected_care_policy,
)
from connected_care_sla._instants import to_us
from connected_care_sla.batch import ComplianceReport, compliance, first_response_deadlines
from connected_care_sla.calendar.engine import Engine
from connected_care_sla.exceptions import (
    InvalidInstantError,
    InvalidTableError,
    UnknownPlanError,
    UnknownSeverityError,
    UnknownZoneError,
)
from support.calls import expect

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")

CALENDARS = {
    "china": BusinessCalendar("Asia/Shanghai", holidays="CN"),
    "new-york": BusinessCalendar("America/New_York"),
    "split": BusinessCalendar(
        "Europe/London",
        {"Mon-Fri": "09:00-12:30, 13:30-18:00", "Sat": "10:00-14:00"},
        holidays=[date(2025, 12, 25), date(2026, 4, 3)],
    ),
    "overnight": BusinessCalendar(
        "America/New_York", {"Mon-Thu": "22:00-06:00", "Sun": "22:00-06:00"}
    ),
}
# One calendar per zone, for per-row zones.
BY_ZONE = {
    "Asia/Shanghai": CALENDARS["china"],
    "America/New_York": CALENDARS["overnight"],
    "Europe/London": CALENDARS["split"],
}
NOW = datetime(2026, 12, 20, tzinfo=UTC)

# Days worth a closer look: DST changes (New York, London), China's holidays and
# make-up workdays (2025-01-26, 2025-02-08, 2025-04-27, 2025-09-28, 2025-10-11).
SPECIAL_DAYS = [
    date(2025, 3, 9),
    date(2025, 11, 2),
    date(2026, 3, 8),
    date(2026, 11, 1),
    date(2025, 3, 30),
    date(2025, 10, 26),
    date(2025, 1, 26),
    date(2025, 1, 27),
    date(2025, 2, 8),
    date(2025, 4, 27),
    date(2025, 9, 28),
    date(2025, 9, 30),
    date(2025, 10, 1),
    date(2025, 10, 8),
    date(2025, 10, 11),
    date(2025, 12, 24),
    date(2025, 12, 25),
    date(2026, 2, 13),
]
# Opening and closing edges, and creation times whose targets end exactly at 18:00
# (14:00 + 4 business hours, 10:00 + 8), a DST gap (02:30) and overlap (01:30).
WALL_TIMES = [
    time(0, 0),
    time(1, 30),
    time(2, 30),
    time(5, 59, 59, 999_999),
    time(6, 0),
    time(8, 59, 59, 999_999),
    time(9, 0),
    time(10, 0),
    time(12, 30),
    time(13, 30),
    time(14, 0),
    time(17, 59, 59, 999_999),
    time(18, 0),
    time(22, 0),
    time(23, 59, 59, 999_999),
]
PLANS = ["Basic", "Developer", "Enterprise", "Premium", "premium", "DEVELOPER"]
SEVERITIES = ["S1", "S2", "S3", "S4", "s3", 1, 2, 4]


@st.composite
def instants(draw: st.DrawFn, zone: ZoneInfo) -> datetime:
    """An aware instant in 2025 to October 2026, often on an edge, in some offset."""
    day = draw(
        st.one_of(
            st.sampled_from(SPECIAL_DAYS),
            st.dates(date(2025, 1, 1), date(2026, 10, 31)),
        )
    )
    wall = draw(
        st.one_of(
            st.sampled_from(WALL_TIMES),
            st.times().map(lambda t: t.replace(microsecond=t.microsecond)),
        )
    )
    local = datetime.combine(day, wall, tzinfo=zone).replace(fold=draw(st.integers(0, 1)))
    shown = draw(st.sampled_from([zone, UTC, timezone(timedelta(hours=5, minutes=30))]))
    return local.astimezone(shown)


@st.composite
def tickets(draw: st.DrawFn, zones: list[str]) -> list[dict[str, object]]:
    rows = []
    for _ in range(draw(st.integers(1, 30))):
        zone = draw(st.sampled_from(zones))
        created = draw(instants(BY_ZONE.get(zone, CALENDARS["china"]).zone))
        zone_of = created.tzinfo
        gap = draw(
            st.one_of(
                st.none(),
                st.timedeltas(timedelta(0), timedelta(days=10)),
                st.sampled_from([timedelta(0), timedelta(minutes=30), timedelta(hours=4)]),
            )
        )
        rows.append(
            {
                "plan": draw(st.sampled_from(PLANS)),
                "severity": draw(st.sampled_from(SEVERITIES)),
                "created_at": created,
                # On absolute instants: aware datetimes in one zone add as wall times.
                "first_response_at": (
                    None if gap is None else (created.astimezone(UTC) + gap).astimezone(zone_of)
                ),
                "zone": zone,
            }
        )
    return rows


def as_column(values: list[datetime | None], form: str) -> object:
    """The same instants as a frame may hold them."""
    if form == "objects":
        return pd.Series(values, dtype=object)
    if form == "strings":
        return pd.Series([None if v is None else v.isoformat() for v in values], dtype=object)
    utc = pd.to_datetime(pd.Series(values, dtype=object), utc=True)
    if form == "utc-ns":
        return utc.dt.as_unit("ns")
    return utc.dt.tz_convert(form)  # a zone: one tz-aware datetime64 column


def python(value: object) -> datetime | None:
    return None if pd.isna(value) else pd.Timestamp(value).to_pydatetime()


def delta(value: object) -> timedelta | None:
    return None if pd.isna(value) else pd.Timedelta(value).to_pytimedelta()


# -- the same answers as the scalar API, row by row -------------------------------------


@given(
    rows=tickets(["Asia/Shanghai"]),
    name=st.sampled_from(sorted(CALENDARS)),
    form=st.sampled_from(["objects", "strings", "utc-ns", "UTC", "Asia/Kolkata"]),
)
def test_deadlines_match_the_scalar_api(
    rows: list[dict[str, object]], name: str, form: str
) -> None:
    calendar = CALENDARS[name]
    created = [row["created_at"] for row in rows]
    frame = pd.DataFrame(
        {
            "plan": [row["plan"] for row in rows],
            "severity": pd.Series([row["severity"] for row in rows], dtype=object),
            "created_at": as_column(created, form),  # type: ignore[arg-type]
        }
    )
    out = first_response_deadlines(frame, calendar=calendar)
    assert str(out["deadline"].dtype) == f"datetime64[us, {calendar.zone.key}]"
    for row, got, clock, target in zip(
        rows, out["deadline"], out["clock"], out["target"], strict=True
    ):
        expected = sla.first_response_deadline(
            row["plan"],  # type: ignore[arg-type]
            row["severity"],  # type: ignore[arg-type]
            row["created_at"],  # type: ignore[arg-type]
            calendar,
        )
        cell = connected_care_policy().target(row["plan"], row["severity"])  # type: ignore[arg-type]
        actual = python(got)
        assert actual == expected
        if expected is not None and actual is not None:
            assert actual.utcoffset() == expected.utcoffset()  # shown in the calendar's zone
        assert (None if pd.isna(clock) else clock) == (None if cell is None else cell.clock.value)
        assert delta(target) == (None if cell is None else cell.duration)


@given(rows=tickets(sorted(BY_ZONE)), form=st.sampled_from(["objects", "UTC"]))
def test_responses_match_response_status(rows: list[dict[str, object]], form: str) -> None:
    """Per-row zones, with responses: taken, margin and state as response_status says."""
    frame = pd.DataFrame(
        {
            "plan": [row["plan"] for row in rows],
            "severity": pd.Series([row["severity"] for row in rows], dtype=object),
            "created_at": as_column([row["created_at"] for row in rows], form),  # type: ignore[arg-type]
            "first_response_at": as_column(
                [row["first_response_at"] for row in rows],  # type: ignore[misc]
                form,
            ),
            "zone": [row["zone"] for row in rows],
        }
    )
    out = first_response_deadlines(
        frame,
        zone="zone",
        calendars=BY_ZONE,
        responded="first_response_at",
        now=NOW,
        tz="local",
    )
    for row, (_, got) in zip(rows, out.iterrows(), strict=True):
        calendar = BY_ZONE[row["zone"]]  # type: ignore[index]
        status = sla.response_status(
            row["plan"],  # type: ignore[arg-type]
            row["severity"],  # type: ignore[arg-type]
            row["created_at"],  # type: ignore[arg-type]
            calendar,
            now=NOW,
            responded_at=row["first_response_at"],  # type: ignore[arg-type]
        )
        deadline = python(got["deadline"])
        assert deadline == status.deadline
        if deadline is not None:
            assert deadline.tzinfo == calendar.zone  # tz="local": each row's own zone
        assert got["state"] == status.state.value  # with now=, the six states of the status
        if status.responded_at is not None and status.target is not None:
            assert delta(got["taken"]) == status.consumed
            assert delta(got["margin"]) == status.remaining
        else:
            assert pd.isna(got["taken"])
            assert pd.isna(got["margin"])


@given(rows=tickets(sorted(BY_ZONE)))
def test_per_row_zones_are_utc_and_match_one_calendar_at_a_time(
    rows: list[dict[str, object]],
) -> None:
    frame = pd.DataFrame(rows).drop(columns="first_response_at")
    frame["severity"] = frame["severity"].astype(object)
    out = first_response_deadlines(frame, zone="zone", calendars=BY_ZONE)
    assert str(out["deadline"].dtype) == "datetime64[us, UTC]"
    for zone, calendar in BY_ZONE.items():
        mine = frame[frame["zone"] == zone]
        alone = first_response_deadlines(mine, calendar=calendar)
        pd.testing.assert_series_equal(
            out.loc[mine.index, "deadline"].dt.tz_convert(zone), alone["deadline"]
        )


# -- edges, written out --------------------------------------------------------------------


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


def test_a_target_ending_at_18_00_is_due_at_18_00_and_18_00_starts_next_opening() -> None:
    frame = pd.DataFrame(
        {
            "plan": ["Developer", "Developer", "Enterprise"],
            "severity": ["S1", "S1", "S3"],
            "created_at": [sh(2025, 6, 6, 14, 0), sh(2025, 6, 6, 18, 0), sh(2025, 6, 6, 10, 0)],
        }
    )
    out = first_response_deadlines(frame, calendar="Asia/Shanghai")
    assert [python(d) for d in out["deadline"]] == [
        sh(2025, 6, 6, 18, 0),
        sh(2025, 6, 9, 13, 0),
        sh(2025, 6, 6, 18, 0),
    ]


def test_make_up_workday_and_golden_week() -> None:
    calendar = CALENDARS["china"]
    created = [sh(2025, 9, 30, 17, 0), sh(2025, 10, 10, 17, 0)]
    out = first_response_deadlines(
        None, plan=["developer"] * 2, severity=[1, 1], created=created, calendar=calendar
    )
    # Golden Week closes 1-8 October; Saturday 11 October is a make-up workday.
    assert [python(d) for d in out["deadline"]] == [
        sh(2025, 10, 9, 12, 0),
        sh(2025, 10, 11, 12, 0),
    ]


def test_basic_has_no_deadline_clock_or_target() -> None:
    out = first_response_deadlines(
        None, plan=["Basic"], severity=["S1"], created=[sh(2025, 6, 6)], calendar="Asia/Shanghai"
    )
    assert pd.isna(out["deadline"].iloc[0])
    assert pd.isna(out["clock"].iloc[0])
    assert pd.isna(out["target"].iloc[0])
    assert list(out["clock"].cat.categories) == ["wall", "business"]


def test_wall_targets_are_exact_across_dst() -> None:
    created = datetime(2025, 3, 9, 1, 30, tzinfo=NEW_YORK)  # the night the clocks spring forward
    out = first_response_deadlines(
        None, plan=["Enterprise"], severity=["S1"], created=[created], calendar="America/New_York"
    )
    deadline = python(out["deadline"].iloc[0])
    assert deadline is not None
    assert to_us(deadline) - to_us(created) == 3_600_000_000
    assert deadline.isoformat() == "2025-03-09T03:30:00-04:00"


def test_arrays_make_the_table_and_the_index_is_kept() -> None:
    created = np.array(["2025-06-06T09:00", "2025-06-06T10:00"], dtype="datetime64[us]")
    out = first_response_deadlines(
        plan=np.array(["Premium", "Developer"]),
        severity=np.array([1, 4]),
        created=created,
        calendar="Asia/Shanghai",
        assume_tz="UTC",
    )
    assert list(out.columns[:3]) == ["plan", "severity", "created_at"]
    assert [python(d) for d in out["deadline"]] == [
        sh(2025, 6, 6, 17, 30),
        sh(2025, 6, 11, 15, 0),  # 18:00 local, Friday: 9 + 9 + 6 business hours from Monday
    ]
    frame = pd.DataFrame(
        {"plan": ["Premium"] * 3, "severity": ["S1"] * 3, "created_at": [sh(2025, 6, 6)] * 3},
        index=["b", "a", "b"],
    )
    out = first_response_deadlines(frame, calendar="Asia/Shanghai")
    assert list(out.index) == ["b", "a", "b"]
    assert list(frame.columns) == ["plan", "severity", "created_at"]  # the input is untouched


def test_columns_may_be_arrays_next_to_a_table() -> None:
    frame = pd.DataFrame({"created_at": [sh(2025, 6, 6, 9, 0)]}, index=[7])
    out = first_response_deadlines(
        frame, plan=["Premium"], severity=pd.Series(["S2"], index=[0]), calendar="Asia/Shanghai"
    )
    assert python(out.loc[7, "deadline"]) == sh(2025, 6, 6, 10, 0)


def test_naive_times_are_refused_unless_their_zone_is_named() -> None:
    naive = pd.DataFrame(
        {"plan": ["Premium"], "severity": ["S1"], "created_at": [datetime(2025, 6, 6, 9, 0)]}
    )
    with pytest.raises(InvalidInstantError, match=r"row 0 .*naive.*assume_tz"):
        first_response_deadlines(naive, calendar="Asia/Shanghai")
    out = first_response_deadlines(naive, calendar="Asia/Shanghai", assume_tz="Asia/Shanghai")
    assert python(out["deadline"].iloc[0]) == sh(2025, 6, 6, 9, 30)


@pytest.mark.parametrize(
    "form", ["datetime64", "objects", "strings"], ids=["datetime64", "objects", "strings"]
)
def test_naive_times_in_a_dst_gap_or_overlap_are_bad_rows(form: str) -> None:
    walls = [datetime(2025, 3, 9, 2, 30), datetime(2025, 11, 2, 1, 30), datetime(2025, 6, 6, 9)]
    column: object = {
        "datetime64": pd.Series(walls, dtype="datetime64[us]"),
        "objects": pd.Series(walls, dtype=object),
        "strings": pd.Series([w.isoformat() for w in walls], dtype=object),
    }[form]
    frame = pd.DataFrame({"plan": ["Premium"] * 3, "severity": ["S1"] * 3, "created_at": column})
    out = first_response_deadlines(
        frame, calendar="America/New_York", assume_tz="America/New_York", errors="coerce"
    )
    assert out["deadline"].isna().tolist() == [True, True, False]
    assert "does not exist" in out["error"].iloc[0]
    assert python(out["deadline"].iloc[2]) == datetime(2025, 6, 6, 9, 30, tzinfo=NEW_YORK)


def test_iso_strings_with_mixed_offsets() -> None:
    frame = pd.DataFrame(
        {
            "plan": ["Premium", "Premium", "Premium", "Premium"],
            "severity": ["S1"] * 4,
            "created_at": [
                "2025-06-06T09:00:00+08:00",
                "2025-06-06 01:00:00Z",
                "2025-06-05T21:00:00.000001-04:00",
                "2025-06-06",
            ],
        }
    )
    out = first_response_deadlines(frame, calendar="Asia/Shanghai", errors="coerce")
    assert [python(d) for d in out["deadline"]] == [
        sh(2025, 6, 6, 9, 30),
        sh(2025, 6, 6, 9, 30),
        sh(2025, 6, 6, 9, 30, 0, 1),
        None,
    ]
    assert "naive" in out["error"].iloc[3]


def test_errors_raise_names_the_first_bad_row_and_its_value() -> None:
    frame = pd.DataFrame(
        {
            "plan": ["Premium", "Gold", "Premium", "Premium"],
            "severity": ["S1", "S1", "S9", "S1"],
            "created_at": [sh(2025, 6, 6)] * 3 + [None],
        },
        index=[10, 11, 12, 13],
    )
    with pytest.raises(UnknownPlanError, match=r"row 11 \(plan = 'Gold'\): unknown plan 'Gold'.*3"):
        first_response_deadlines(frame, calendar="Asia/Shanghai")
    with pytest.raises(UnknownSeverityError, match=r"row 12 \(severity = 'S9'\)"):
        first_response_deadlines(frame.drop(index=11), calendar="Asia/Shanghai")
    with pytest.raises(
        InvalidInstantError,
        match=r"row 13 .*the created= column 'created_at' is empty in this row \(NaT\)",
    ):
        first_response_deadlines(frame.loc[[13]], calendar="Asia/Shanghai")


def test_errors_coerce_reports_each_bad_row_and_never_gives_it_a_deadline() -> None:
    frame = pd.DataFrame(
        {
            "plan": ["Premium", "Gold", "Premium", "Premium", None, "Developer"],
            "severity": ["S1", "S1", "S9", "S1", "S1", "S1"],
            "created_at": pd.Series(
                [sh(2025, 6, 6), sh(2025, 6, 6), sh(2025, 6, 6), None, sh(2025, 6, 6), 42],
                dtype=object,
            ),
        }
    )
    out = first_response_deadlines(frame, calendar="Asia/Shanghai", errors="coerce")
    assert python(out["deadline"].iloc[0]) == sh(2025, 6, 6, 0, 30)
    assert pd.isna(out["error"].iloc[0])
    assert out["deadline"].iloc[1:].isna().all()
    assert out["clock"].iloc[1:].isna().all()
    assert out["target"].iloc[1:].isna().all()
    errors = out["error"].tolist()[1:]
    assert errors[0].startswith("plan: unknown plan 'Gold'")
    assert errors[1].startswith("severity: unknown severity 'S9'")
    assert errors[2] == (
        "created: the created= column 'created_at' is empty in this row (None); every ticket "
        "needs the time it was created; expected an aware datetime, or ISO 8601 text with a UTC "
        "offset such as '2025-06-06T17:00:00+08:00'"
    )
    assert errors[3] == "plan: plan is missing"
    assert errors[4].startswith("created: created is not a date and time")


def test_per_row_zones_bad_and_missing_zones() -> None:
    frame = pd.DataFrame(
        {
            "plan": ["Premium"] * 4,
            "severity": ["S1"] * 4,
            "created_at": [sh(2025, 6, 6, 9)] * 4,
            "zone": ["Asia/Shanghai", "Mars/Olympus", None, "Europe/Paris"],
        }
    )
    out = first_response_deadlines(frame, zone="zone", errors="coerce")
    assert out["deadline"].isna().tolist() == [False, True, True, False]
    assert "Mars/Olympus" in out["error"].iloc[1]
    assert out["error"].iloc[2] == "zone: zone is missing"
    with pytest.raises(UnknownZoneError, match="row 1"):
        first_response_deadlines(frame, zone="zone")
    # With a mapping, a zone it lacks is a bad row, not the default hours.
    out = first_response_deadlines(frame, zone="zone", calendars=BY_ZONE, errors="coerce")
    assert "no calendar for the zone 'Europe/Paris'" in out["error"].iloc[3]
    built: list[str] = []

    def build(zone: str) -> BusinessCalendar:
        built.append(zone)
        return BusinessCalendar(zone)

    out = first_response_deadlines(frame.iloc[[0, 3, 0]], zone="zone", calendars=build)
    assert sorted(built) == ["Asia/Shanghai", "Europe/Paris"]  # once per zone
    assert str(out["deadline"].dtype) == "datetime64[us, UTC]"
    out = first_response_deadlines(frame.iloc[[0, 3]], zone="zone", tz="Europe/Paris")
    assert str(out["deadline"].dtype) == "datetime64[us, Europe/Paris]"


def test_a_policy_book_switches_versions_at_local_midnight() -> None:
    faster = Policy.from_mapping(
        {
            "name": "Faster",
            "effective_from": date(2026, 1, 1),
            "severities": {"S1": "Down."},
            "first_response": {"Premium": {"S1": "15m wall"}, "Gold": {"S1": "1h business"}},
        }
    )
    book = PolicyBook([connected_care_policy(), faster])
    created = [
        sh(2025, 12, 31, 23, 59, 59),  # still 2025 in Shanghai
        datetime(2025, 12, 31, 16, 0, tzinfo=UTC),  # 2026-01-01 00:00 in Shanghai
        sh(2026, 3, 2, 9, 0),
        sh(2025, 6, 6, 9, 0),
    ]
    out = first_response_deadlines(
        None,
        plan=["Premium", "Premium", "Gold", "Gold"],
        severity=["S1"] * 4,
        created=created,
        calendar="Asia/Shanghai",
        policy=book,
        errors="coerce",
    )
    minutes = [None if pd.isna(t) else t // pd.Timedelta(minutes=1) for t in out["target"]]
    assert minutes == [30, 15, 60, None]
    assert "unknown plan 'Gold'" in out["error"].iloc[3]  # not in the 2025 version
    for index, moment in enumerate(created[:3]):
        expected = sla.first_response_deadline(
            ["Premium", "Premium", "Gold"][index], "S1", moment, "Asia/Shanghai", policy=book
        )
        assert python(out["deadline"].iloc[index]) == expected


def test_empty_tables() -> None:
    frame = pd.DataFrame(
        {
            "plan": pd.Series(dtype="str"),
            "severity": pd.Series(dtype="str"),
            "created_at": pd.Series(dtype="datetime64[us, UTC]"),
            "first_response_at": pd.Series(dtype=object),
        }
    )
    out = first_response_deadlines(frame, calendar="Asia/Shanghai", responded="first_response_at")
    assert len(out) == 0
    assert str(out["deadline"].dtype) == "datetime64[us, Asia/Shanghai]"
    assert list(out.columns[-6:]) == ["deadline", "clock", "target", "taken", "margin", "state"]
    report = compliance(out)
    assert report.table.empty
    assert isinstance(report.plot(), Figure)


def test_bad_arguments_name_the_fix() -> None:
    frame = pd.DataFrame({"plan": ["Premium"], "severity": ["S1"], "created_at": [sh(2025, 6, 6)]})
    with pytest.raises(InvalidTableError, match="names no column"):
        first_response_deadlines(frame, created="opened_at", calendar="Asia/Shanghai")
    with pytest.raises(InvalidTableError, match="not both"):
        first_response_deadlines(frame, calendar="Asia/Shanghai", zone="plan")
    with pytest.raises(InvalidTableError, match="not neither"):
        first_response_deadlines(frame)
    with pytest.raises(InvalidTableError, match="has 2 values but the table has 1"):
        first_response_deadlines(frame, plan=["a", "b"], calendar="Asia/Shanghai")
    with pytest.raises(InvalidTableError, match="different lengths"):
        first_response_deadlines(plan=["a"], severity=["S1", "S2"], created=[1], calendar="UTC")
    with pytest.raises(InvalidTableError, match="errors must be"):
        first_response_deadlines(frame, calendar="UTC", errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(InvalidTableError, match="map_partitions"):
        first_response_deadlines(type("Fake", (), {"map_partitions": None})(), calendar="UTC")
    with pytest.raises(UnknownZoneError):
        first_response_deadlines(frame, calendar="Mars/Olympus")


def test_junk_values_take_the_route_of_occurring_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    from connected_care_sla.batch import targets

    frame = pd.DataFrame(
        {
            "plan": ["Premium", "Gold", "developer", None, "Basic", "Premium"],
            "severity": ["S1", "S1", 4, "S2", "S9", 2],
            "created_at": [sh(2025, 6, 6, 9)] * 6,
        }
    )
    every_pair = first_response_deadlines(frame, calendar="Asia/Shanghai", errors="coerce")
    monkeypatch.setattr(targets, "_MAX_PAIRS", 1)
    occurring = first_response_deadlines(frame, calendar="Asia/Shanghai", errors="coerce")
    pd.testing.assert_frame_equal(every_pair, occurring)
    assert every_pair["error"].notna().tolist() == [False, True, False, True, True, False]


def test_now_needs_responses() -> None:
    frame = answered_tickets()
    with pytest.raises(InvalidTableError, match="needs responded="):
        first_response_deadlines(frame, calendar="Asia/Shanghai", now=NOW)
    out = first_response_deadlines(frame, calendar="Asia/Shanghai", responded="first_response_at")
    with pytest.raises(InvalidTableError, match="now= needs responded="):
        compliance(out, now=NOW)


def test_existing_output_columns_are_replaced() -> None:
    frame = pd.DataFrame(
        {"plan": ["Premium"], "severity": ["S1"], "created_at": [sh(2025, 6, 6)], "target": [1]}
    )
    out = first_response_deadlines(frame, calendar="Asia/Shanghai")
    assert out["target"].iloc[0] == pd.Timedelta(minutes=30)


# -- responses and compliance --------------------------------------------------------------


def answered_tickets() -> pd.DataFrame:
    friday = sh(2025, 6, 6, 17, 0)
    return pd.DataFrame(
        {
            "plan": ["Developer", "Developer", "Premium", "Premium", "Premium", "Basic"],
            "severity": ["S1", "S1", "S1", "S1", "S1", "S1"],
            "created_at": [friday] * 6,
            "first_response_at": [
                sh(2025, 6, 9, 11, 0),  # 3 business hours: 1 h to spare
                sh(2025, 6, 9, 13, 0),  # 5 business hours: 1 h late
                friday + timedelta(minutes=10),
                friday + timedelta(minutes=50),
                None,
                None,
            ],
        }
    )


def test_compliance_table() -> None:
    out = first_response_deadlines(answered_tickets(), calendar="Asia/Shanghai")
    report = compliance(out, responded="first_response_at", by=["plan", "severity"])
    assert isinstance(report, ComplianceReport)
    table = report.table
    assert list(table.columns) == [
        "tickets",
        "met",
        "missed",
        "open",
        "compliance_pct",
        "median_margin",
        "p95_margin",
    ]
    assert table.index.names == ["plan", "severity"]
    developer = table.loc[("Developer", "S1")]
    assert developer[["tickets", "met", "missed", "open"]].tolist() == [2, 1, 1, 0]
    assert developer["compliance_pct"] == 50.0
    assert developer["median_margin"] == pd.Timedelta(0)
    # Nearest rank: of -1h and 1h, the margin at least 95% kept or beat is -1h (no interpolation).
    assert developer["p95_margin"] == pd.Timedelta(hours=-1)
    premium = table.loc[("Premium", "S1")]
    assert premium[["tickets", "met", "missed", "open"]].tolist() == [3, 1, 1, 1]
    assert ("Basic", "S1") not in table.index  # no target: not counted
    tickets = report.tickets
    assert tickets["state"].tolist() == ["met", "missed", "met", "missed", "open", "no target"]
    assert delta(tickets["taken"].iloc[0]) == timedelta(hours=3)
    assert delta(tickets["margin"].iloc[3]) == timedelta(minutes=-20)
    assert "Developer" in report._repr_html_()
    assert "50.0" in str(report)
    assert repr(report) == (
        "ComplianceReport(2 groups by plan, severity; 5 tickets, overall 50.0% met)"
    )


def test_compliance_with_now_and_without_groups() -> None:
    out = first_response_deadlines(
        answered_tickets(), calendar="Asia/Shanghai", responded="first_response_at", now=NOW
    )
    assert out["state"].tolist()[4] == "breached"  # unanswered past its deadline at now
    report = compliance(out, by=None)  # taken, margin and state are already there
    # breached counts with missed; on track and at risk count as open
    assert report.table.loc["all tickets", ["met", "missed", "open"]].tolist() == [2, 3, 0]
    early = sh(2025, 6, 6, 17, 20)
    out = first_response_deadlines(
        answered_tickets().iloc[[2, 3, 4]],
        calendar="Asia/Shanghai",
        responded="first_response_at",
        now=early,
    )
    # A response after now has not happened yet: on track or at risk until the deadline.
    expected = [
        sla.response_status(
            row.plan, row.severity, row.created_at, "Asia/Shanghai", now=early,
            responded_at=None if pd.isna(row.first_response_at) else row.first_response_at,
        ).state.value
        for row in answered_tickets().iloc[[2, 3, 4]].itertuples()
    ]  # fmt: skip
    assert out["state"].tolist() == expected == ["met", "on track", "on track"]
    report = compliance(out, by=None)
    assert report.table.loc["all tickets", ["met", "missed", "open"]].tolist() == [1, 0, 2]


def test_compliance_finds_the_calendar_or_asks_for_it() -> None:
    frame = answered_tickets()
    frame["month"] = "2025-06"
    out = first_response_deadlines(frame, calendar=CALENDARS["china"])
    assert json.dumps(out.attrs)  # JSON-safe: to_parquet writes attrs
    report = compliance(out, responded="first_response_at", by="month")
    assert report.table.loc["2025-06", "met"] == 2
    bare = out.copy()
    bare.attrs = {}
    with pytest.raises(InvalidTableError, match="pass calendar="):
        compliance(bare, responded="first_response_at")
    again = compliance(bare, responded="first_response_at", calendar=CALENDARS["china"])
    pd.testing.assert_frame_equal(again.table, compliance(out, responded="first_response_at").table)
    with pytest.raises(InvalidTableError, match="no taken, margin, state"):
        compliance(out)
    with pytest.raises(InvalidTableError, match="by= names 'region'"):
        compliance(out, responded="first_response_at", by="region")


def test_responses_before_creation_are_bad_rows() -> None:
    frame = answered_tickets()
    frame.loc[0, "first_response_at"] = sh(2025, 6, 6, 16, 0)
    with pytest.raises(InvalidInstantError, match=r"row 0 .*before the ticket was created"):
        first_response_deadlines(frame, calendar="Asia/Shanghai", responded="first_response_at")
    out = first_response_deadlines(
        frame, calendar="Asia/Shanghai", responded="first_response_at", errors="coerce"
    )
    assert pd.isna(out["state"].iloc[0])
    assert pd.isna(out["deadline"].iloc[0])
    assert out["state"].iloc[1] == "missed"
    with pytest.raises(InvalidInstantError, match="created after now"):
        first_response_deadlines(
            frame.iloc[1:],
            calendar="Asia/Shanghai",
            responded="first_response_at",
            now=sh(2025, 6, 1),
        )


def test_a_response_at_19_00_for_an_18_00_deadline_is_missed_with_zero_margin() -> None:
    out = first_response_deadlines(
        None,
        plan=["Developer"],
        severity=["S1"],
        created=[sh(2025, 6, 6, 14, 0)],
        responded=[sh(2025, 6, 6, 19, 0)],
        calendar="Asia/Shanghai",
    )
    assert out["state"].iloc[0] == "missed"
    assert out["margin"].iloc[0] == pd.Timedelta(0)
    status = sla.response_status(
        "Developer",
        "S1",
        sh(2025, 6, 6, 14, 0),
        "Asia/Shanghai",
        now=sh(2025, 6, 6, 19, 0),
        responded_at=sh(2025, 6, 6, 19, 0),
    )
    assert status.state is Status.MISSED
    assert status.remaining == timedelta(0)


def test_plot_is_a_figure_with_both_panels(tmp_path: object) -> None:
    out = first_response_deadlines(
        answered_tickets(), calendar="Asia/Shanghai", responded="first_response_at"
    )
    figure = compliance(out).plot()
    assert isinstance(figure, Figure)
    left, right = figure.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["Developer / S1", "Premium / S1"]
    assert right.get_title() == "Response time against target"
    path = f"{tmp_path}/report.png"
    figure.savefig(path)
    with open(path, "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


# -- the optional extra ---------------------------------------------------------------------------


def test_importing_the_library_imports_neither_pandas_nor_numpy_nor_matplotlib() -> None:
    code = (
        "import sys, connected_care_sla as sla\n"
        "assert sla.batch.first_response_deadlines\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_without_the_extra_the_batch_module_says_what_to_install() -> None:
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "import connected_care_sla as sla\n"
        "from connected_care_sla.exceptions import MissingExtraError\n"
        "try:\n"
        "    sla.batch.first_response_deadlines(None, plan=[], severity=[], created=[],"
        " calendar='UTC')\n"
        "except MissingExtraError as exc:\n"
        "    assert isinstance(exc, ImportError) and isinstance(exc, sla.SlaError)\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert 'pip install "connected-care-sla[pandas]"' in result.stdout


# -- output dtypes: what Arrow and Parquet store ------------------------------------------

#: The options of each case: one calendar or per-row zones, with or without responses.
STORED = {
    "deadlines": {"calendar": "Asia/Shanghai"},
    "responses": {"calendar": "Asia/Shanghai", "responded": "first_response_at"},
    "responses-now": {
        "calendar": "Asia/Shanghai",
        "responded": "first_response_at",
        "now": datetime(2025, 6, 9, 12, tzinfo=SHANGHAI),
    },
    "zones": {"zone": "zone", "responded": "first_response_at", "now": NOW},
}


def stored_tickets(*, bad: bool) -> pd.DataFrame:
    """Tickets of every state; with ``bad``, an unknown plan, a missing time, a bad zone."""
    friday = sh(2025, 6, 6, 17, 0)
    frame = pd.DataFrame(
        {
            "ticket": np.arange(6, dtype=np.int64),
            "plan": ["Developer", "Developer", "Premium", "Premium", "Basic", "Enterprise"],
            "severity": pd.Series(["S1", "S1", "S1", "S2", "S1", "S3"], dtype="category"),
            "created_at": pd.Series([friday] * 6).astype("datetime64[us, Asia/Shanghai]"),
            "first_response_at": pd.Series(
                [sh(2025, 6, 9, 11), sh(2025, 6, 9, 13), friday + timedelta(minutes=10)]
                + [None] * 3
            ).astype("datetime64[ns, Asia/Shanghai]"),
            "zone": ["Asia/Shanghai"] * 3 + ["America/New_York"] * 3,
        }
    )
    if bad:
        frame.loc[1, "plan"] = "Gold"
        frame.loc[3, "created_at"] = pd.NaT
        frame.loc[5, "zone"] = "Mars/Olympus"
    return frame


def stored_dtypes(options: dict[str, object], errors: str) -> dict[str, object]:
    """The dtype each output column must have."""
    zone = "UTC" if "zone" in options else "Asia/Shanghai"
    expected: dict[str, object] = {
        "deadline": pd.DatetimeTZDtype("us", zone),
        "clock": pd.CategoricalDtype(["wall", "business"]),
        "target": np.dtype("m8[us]"),
    }
    if "responded" in options:
        expected["taken"] = expected["margin"] = np.dtype("m8[us]")
        expected["state"] = pd.CategoricalDtype(
            ["met", "missed", "open", "no target", "on track", "at risk", "breached"]
        )
    if errors == "coerce":
        expected["error"] = pd.StringDtype()
    return expected


def is_text(arrow: pa.DataType) -> bool:
    """An Arrow string type (pandas 3's ``str`` and ``string[pyarrow]`` are large strings)."""
    return bool(pa.types.is_string(arrow) or pa.types.is_large_string(arrow))


@pytest.mark.parametrize("errors", ["raise", "coerce"])
@pytest.mark.parametrize("case", list(STORED))
def test_regression_output_columns_are_types_arrow_and_parquet_store(
    tmp_path: Path, case: str, errors: Literal["raise", "coerce"]
) -> None:
    # With errors="coerce", the error column was of object dtype (None or str), which
    # Dask's to_parquet refused with ArrowInvalid; every new column now has a type that
    # Arrow and Parquet store, and the input columns keep theirs.
    frame = stored_tickets(bad=errors == "coerce")
    options = STORED[case]
    out = first_response_deadlines(frame, errors=errors, **options)  # type: ignore[arg-type]

    assert out.dtypes[list(frame.columns)].to_dict() == frame.dtypes.to_dict()
    expected = stored_dtypes(options, errors)
    assert list(out.columns) == [*frame.columns, *expected]
    assert {name: out[name].dtype for name in expected} == expected
    if errors == "coerce":
        bad = [1, 3, 5] if "zone" in options else [1, 3]  # the zone column is read with zone=
        assert out["error"].notna().tolist() == [row in bad for row in range(6)]
        assert out["error"].iloc[0] is pd.NA

    schema = pa.Table.from_pandas(out).schema
    for name in ("clock", "state"):
        if name in expected:
            assert is_text(schema.field(name).type.value_type)
    assert schema.field("target").type == pa.duration("us")
    if errors == "coerce":
        assert is_text(schema.field("error").type)
    out.to_parquet(tmp_path / "x.parquet")
    # Read back: the same values and dtypes, the input columns' included.
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "x.parquet"), out)


@pytest.mark.parametrize("rows", [0, 3], ids=["no-row", "no-bad-row"])
def test_regression_error_column_is_text_with_no_bad_row(rows: int) -> None:
    # An all-missing or empty object column says nothing of its type: Dask's meta (an
    # empty frame) made to_parquet fail with ArrowInvalid, and a partition without bad
    # rows had another dtype than one with them.
    frame = stored_tickets(bad=False).iloc[:rows]
    out = first_response_deadlines(frame, calendar="Asia/Shanghai", errors="coerce")
    assert out["error"].dtype == pd.StringDtype()
    assert out["error"].isna().all()
    assert is_text(pa.Table.from_pandas(out).schema.field("error").type)


def test_local_deadlines_are_timestamps_that_parquet_keeps_as_instants(tmp_path: Path) -> None:
    # tz="local": each row in its own zone, an object column; Parquet holds one zone per
    # column, so the instants come back in the first row's zone, unchanged.
    frame = stored_tickets(bad=False)
    out = first_response_deadlines(frame, zone="zone", tz="local")
    assert out["deadline"].dtype == object
    assert [str(v.tz) for v in out["deadline"].dropna()] == ["Asia/Shanghai"] * 3 + [
        "America/New_York"
    ] * 2
    out.to_parquet(tmp_path / "x.parquet")
    back = pd.read_parquet(tmp_path / "x.parquet")["deadline"]
    assert back.dtype == pd.DatetimeTZDtype("us", "Asia/Shanghai")
    assert [python(v) for v in back] == [python(v) for v in out["deadline"]]


# -- crashes the fuzz tests found (tests/contract/test_fuzz.py) ----------------------------


def test_regression_batch_rows_with_unhashable_values() -> None:
    # TypeError: unhashable type: 'list', from pandas.factorize.
    created = datetime(2025, 6, 6, 17, 0, tzinfo=SHANGHAI)
    for column in ("plan", "severity"):
        frame = pd.DataFrame({"plan": ["Developer"], "severity": ["S1"], "created_at": [created]})
        frame[column] = pd.Series([[1]], dtype=object)
        message = expect(sla.SlaError, first_response_deadlines, frame, calendar="UTC")
        assert f"({column} = [1])" in message
        out = first_response_deadlines(frame, calendar="UTC", errors="coerce")
        assert out["error"].tolist() == [out["error"][0]]
        assert "[1]" in out["error"][0]


def test_regression_batch_rows_thousands_of_years_apart() -> None:
    # One business index from the first row to the last deadline: 10 s for two rows
    # 8,000 years apart (20 s with responses), every date of the span laid out.
    created = [datetime(9998, 5, 7, 0, 31, tzinfo=UTC), datetime(2000, 1, 3, 9, 0, tzinfo=UTC)]
    frame = pd.DataFrame(
        {
            "plan": ["Developer", "Enterprise"],
            "severity": ["S1", "S3"],
            "created_at": pd.Series(created, dtype=object),
            "first_response_at": pd.Series(
                [datetime(9998, 5, 8, tzinfo=UTC), datetime(2000, 1, 3, 12, tzinfo=UTC)],
                dtype=object,
            ),
        }
    )
    laid_out: set[int] = set()
    build = Engine._build_year

    def counted(engine: Engine, year: int) -> Any:
        laid_out.add(year)
        return build(engine, year)

    # Count the years whose windows are laid out: work, not time (an early version
    # laid out every date between the rows: 2.9 million; the years between the rows
    # are skipped by their totals).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Engine, "_build_year", counted)
        out = first_response_deadlines(
            frame, calendar=sla.BusinessCalendar("UTC"), responded="first_response_at"
        )
    assert len(laid_out) < 10  # not the 8,000 years between the two rows
    assert out["deadline"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "9998-05-07 13:00",
        "2000-01-03 17:00",
    ]
    assert out["state"].tolist() == ["missed", "met"]


@pytest.mark.parametrize(
    ("missing", "said"),
    [(None, "None"), (float("nan"), "NaN"), (pd.NaT, "NaT"), (pd.NA, "<NA>")],
)
def test_a_missing_creation_names_the_column_and_what_it_held(missing: object, said: str) -> None:
    frame = pd.DataFrame(
        {
            "plan": ["Premium", "Premium"],
            "severity": ["S1", "S1"],
            "opened": pd.Series([sh(2025, 6, 6), missing], dtype=object),
        }
    )
    out = first_response_deadlines(
        frame, created="opened", calendar="Asia/Shanghai", errors="coerce"
    )
    error = out["error"].iloc[1]
    assert error.startswith(f"created: the created= column 'opened' is empty in this row ({said});")
    assert "expected an aware datetime, or ISO 8601 text with a UTC offset" in error
    with pytest.raises(InvalidInstantError) as info:
        first_response_deadlines(frame, created="opened", calendar="Asia/Shanghai")
    assert info.value.argument == "created"
    assert f"is empty in this row ({said})" in str(info.value)
