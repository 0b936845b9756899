"""What a policy or calendar change would do: compare() and assert_no_deadline_later()."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla import BusinessCalendar, ResponseTarget, connected_care_policy
from connected_care_sla.batch import PolicyComparison, compare, first_response_deadlines
from connected_care_sla.exceptions import InvalidTableError, UnknownPlanError
from connected_care_sla.testing import assert_no_deadline_later, instants

SH = ZoneInfo("Asia/Shanghai")
BUILTIN = connected_care_policy()


def sh(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 6, day, hour, minute, tzinfo=SH)


def with_cell(policy: sla.Policy, plan: int, severity: int, target: str) -> sla.Policy:
    table: list[list[ResponseTarget | None]] = [list(row) for row in policy.response_table]
    if target == "none":
        table[plan][severity] = None
    else:
        amount, clock = target.split()
        table[plan][severity] = ResponseTarget(amount, clock)
    return dataclasses.replace(policy, response_table=tuple(map(tuple, table)))


#: Premium S1 from 30 minutes to 45 (later), Developer S3 from 12 business hours to 10.
DRAFT = with_cell(with_cell(BUILTIN, 3, 0, "45m wall"), 1, 2, "10h business")


def tickets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ticket_id": ["p1", "p2", "d1", "b1"],
            "plan": ["Premium", "Premium", "Developer", "Basic"],
            "severity": ["S1", "S2", "S3", "S1"],
            "created_at": [sh(9, 9), sh(9, 9), sh(9, 9), sh(9, 9)],
            "first_response_at": [sh(9, 9, 40), None, sh(10, 11), None],
        }
    )


def test_per_ticket_deadlines_states_and_moves_under_both_policies() -> None:
    result = compare(
        tickets(), calendar="Asia/Shanghai", against=DRAFT, responded="first_response_at"
    )
    assert isinstance(result, PolicyComparison)
    out = result.tickets
    assert out["change"].tolist() == [
        "later by 15m; missed -> met",
        "",
        "earlier by 2h; met -> missed",
        "",
    ]
    assert out["moved"].tolist()[:3] == [
        pd.Timedelta(minutes=15),
        pd.Timedelta(0),
        pd.Timedelta(hours=-2),
    ]
    assert pd.isna(out["moved"].iloc[3])  # Basic: no deadline on either side
    assert out["state_changed"].tolist() == [True, False, True, False]
    assert result.state_changes == 2
    assert result.later == 1
    table = result.table
    premium = table.loc[("Premium", "S1")]
    assert premium[["tickets", "state_changed", "later", "earlier"]].tolist() == [1, 1, 1, 0]
    assert premium["most_later"] == pd.Timedelta(minutes=15)
    assert table.loc[("Developer", "S3"), "most_earlier"] == pd.Timedelta(hours=-2)
    assert table.loc[("Basic", "S1"), "unchanged"] == 1
    assert "2 change state" in repr(result)
    assert "15m" in str(result)
    assert "<table" in result._repr_html_()


def test_a_calendar_change_and_a_lost_target() -> None:
    shorter = BusinessCalendar("Asia/Shanghai", {"Mon-Fri": "10:00-18:00"})
    result = compare(tickets(), calendar="Asia/Shanghai", against_calendar=shorter, by=None)
    row = result.table.loc["all tickets"]
    assert row[["tickets", "later", "earlier", "unchanged"]].tolist() == [4, 1, 0, 3]
    assert row["most_later"] == pd.Timedelta(hours=2)  # Developer S3: 8 business hours a day
    no_premium = with_cell(BUILTIN, 3, 0, "none")
    lost = compare(tickets(), calendar="Asia/Shanghai", against=no_premium)
    assert lost.tickets["change"].iloc[0] == "no target any more"
    assert lost.later == 1
    with pytest.raises(InvalidTableError, match="by= names 'region'"):
        compare(tickets(), calendar="Asia/Shanghai", by="region")


def test_bad_rows_are_left_out_with_coerce() -> None:
    frame = tickets()
    frame.loc[1, "plan"] = "Gold"
    result = compare(frame, calendar="Asia/Shanghai", against=DRAFT, errors="coerce")
    assert "unknown plan 'Gold'" in result.tickets["error"].iloc[1]
    assert int(result.table["tickets"].sum()) == 3
    with pytest.raises(UnknownPlanError):
        compare(frame, calendar="Asia/Shanghai", against=DRAFT)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        instants(BusinessCalendar("Asia/Shanghai"), start=date(2025, 1, 1)), min_size=1, max_size=6
    )
)
def test_the_comparison_is_the_difference_of_two_batch_runs(created: list[datetime]) -> None:
    frame = pd.DataFrame(
        {
            "plan": (["Premium", "Developer", "Enterprise"] * 2)[: len(created)],
            "severity": (["S1", "S3", "S2"] * 2)[: len(created)],
            "created_at": created,
        }
    )
    result = compare(frame, calendar="Asia/Shanghai", against=DRAFT)
    old = first_response_deadlines(frame, calendar="Asia/Shanghai")
    new = first_response_deadlines(frame, calendar="Asia/Shanghai", policy=DRAFT)
    moved = (new["deadline"] - old["deadline"]).tolist()
    assert result.tickets["moved"].tolist() == moved
    later = sum(m > timedelta(0) for m in moved if not pd.isna(m))
    assert int(result.table["later"].sum()) == later


def test_assert_no_deadline_later_names_the_tickets() -> None:
    frame = tickets()
    assert_no_deadline_later(BUILTIN, DRAFT, frame, calendar="Asia/Shanghai", plan="Developer")
    with pytest.raises(AssertionError) as raised:
        assert_no_deadline_later(BUILTIN, DRAFT, frame, calendar="Asia/Shanghai", plan="Premium")
    message = str(raised.value)
    assert message.startswith("1 of 2 deadlines moves later: ticket p1 (Premium S1 created Mon ")
    assert "(later by 15m)" in message
    records = frame.to_dict("records")
    with pytest.raises(AssertionError, match="no target any more"):
        assert_no_deadline_later(
            BUILTIN,
            with_cell(BUILTIN, 3, 0, "none"),
            records,
            calendar="Asia/Shanghai",  # type: ignore[arg-type]
        )
    shorter = BusinessCalendar("Asia/Shanghai", {"Mon-Fri": "10:00-18:00"})
    with pytest.raises(AssertionError, match="ticket d1"):
        assert_no_deadline_later(BusinessCalendar("Asia/Shanghai"), shorter, records)
