"""Batch with a table of events: each ticket's history, with the scalar answers row by row."""

from __future__ import annotations

import dataclasses
import warnings
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla import BusinessCalendar, Change, connected_care_policy
from connected_care_sla.batch import compliance, first_response_deadlines
from connected_care_sla.exceptions import (
    HistoryOrderError,
    HolidayHorizonWarning,
    InvalidEventError,
    InvalidTableError,
    UnknownPlanError,
    UnmatchedEventsWarning,
)
from connected_care_sla.testing import changes, instants, pauses

SH = ZoneInfo("Asia/Shanghai")
BUILTIN = connected_care_policy()
POLICIES = tuple(
    dataclasses.replace(BUILTIN, retarget=retarget, pausable=pausable)
    for retarget in ("from-creation", "from-change")
    for pausable in (False, True)
)
CALENDARS = (
    BusinessCalendar("Asia/Shanghai"),
    BusinessCalendar("America/New_York", {"Mon-Fri": "09:00-12:00, 13:00-18:00"}),
)
PAUSABLE = POLICIES[1]


def sh(day: int, hour: int, minute: int = 0) -> datetime:
    """June 2025 in Shanghai: the 9th is a Monday."""
    return datetime(2025, 6, day, hour, minute, tzinfo=SH)


def union(given: tuple[tuple[datetime, datetime | None], ...]) -> list[tuple[datetime, Any]]:
    """The union of pauses as disjoint pauses (an ongoing one swallows what follows)."""
    spans = sorted(
        (
            (start.astimezone(UTC), None if end is None else end.astimezone(UTC))
            for start, end in given
        ),
        key=lambda span: (span[0], span[1] is None, span[1] or span[0]),
    )
    merged: list[tuple[datetime, Any]] = []
    for start, end in spans:
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            last = merged[-1]
            if last[1] is not None and (end is None or end > last[1]):
                merged[-1] = (last[0], end)
            continue
        merged.append((start, end))
    return merged


def event_rows(key: str, history: dict[str, Any], draw: st.DrawFn) -> list[dict[str, Any]]:
    """The events of one ticket: a change as one row or as a plan row and a severity row."""
    rows: list[dict[str, Any]] = []
    for change in history["changes"]:
        at = change.at.isoformat()
        if change.severity is not None and change.plan is not None and draw(st.booleans()):
            rows.append({"ticket_id": key, "at": at, "severity": change.severity})
            rows.append({"ticket_id": key, "at": at, "plan": change.plan})
        else:
            rows.append(
                {"ticket_id": key, "at": at, "severity": change.severity, "plan": change.plan}
            )
    for start, end in union(history["pauses"]):
        rows.append({"ticket_id": key, "at": start.isoformat(), "pause": "start"})
        if end is not None:
            rows.append({"ticket_id": key, "at": end.isoformat(), "pause": draw(
                st.sampled_from(["end", "END", " end "])
            )})  # fmt: skip
    return rows


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    """Tickets with histories, one calendar and policy, and the events table, shuffled."""
    cal = draw(st.sampled_from(CALENDARS))
    policy = draw(st.sampled_from(POLICIES))
    judged = draw(st.booleans())
    count = draw(st.integers(1, 4))
    tickets, events = [], []
    for number in range(count):
        created = draw(
            instants(cal, start=datetime(2025, 1, 1).date(), end=datetime(2026, 12, 1).date())
        )
        history = {
            "changes": draw(changes(created, policy, max_size=3)),
            "pauses": draw(pauses(created, max_size=3, ongoing=judged)),
        }
        if draw(st.integers(0, 3)) == 0:
            history = {"changes": (), "pauses": ()}  # some rows without a history
        responded = draw(
            st.none()
            | st.timedeltas(timedelta(0), timedelta(days=6)).map(lambda d, c=created: c + d)
        )
        key = f"T{number}"
        tickets.append(
            {
                "ticket_id": key,
                "plan": draw(st.sampled_from(policy.plans)),
                "severity": draw(st.sampled_from(policy.severities)),
                "created_at": created,
                "first_response_at": responded,
                **history,
            }
        )
        events += event_rows(key, history, draw)
    events = draw(st.permutations(events))
    now = None
    if judged:
        first = min(t["created_at"].astimezone(UTC) for t in tickets)
        now = first + draw(st.timedeltas(timedelta(days=1), timedelta(days=8)))
    return {"cal": cal, "policy": policy, "tickets": tickets, "events": events, "now": now}


def frames(t: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    keep = ["ticket_id", "plan", "severity", "created_at", "first_response_at"]
    tickets = pd.DataFrame([{k: row[k] for k in keep} for row in t["tickets"]])
    tickets["first_response_at"] = tickets["first_response_at"].astype(object)
    events = pd.DataFrame(t["events"], columns=["ticket_id", "at", "severity", "plan", "pause"])
    return tickets, events


@settings(deadline=None)
@given(tables())
def test_batch_with_events_equals_the_scalar_functions_row_by_row(t: dict[str, Any]) -> None:
    tickets, events = frames(t)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HolidayHorizonWarning)
        out = first_response_deadlines(
            tickets, calendar=t["cal"], policy=t["policy"], responded="first_response_at",
            now=t["now"], events=events, errors="coerce",
        )  # fmt: skip
        for row, (_, got) in zip(t["tickets"], out.iterrows(), strict=True):
            history = {"changes": row["changes"], "pauses": row["pauses"]}
            args = (row["plan"], row["severity"], row["created_at"], t["cal"])
            try:
                if t["now"] is not None or row["first_response_at"] is not None:
                    at = t["now"] if t["now"] is not None else row["first_response_at"]
                    status = sla.response_status(
                        *args, now=at, responded_at=row["first_response_at"],
                        policy=t["policy"], **history,
                    )  # fmt: skip
                    deadline, state = status.deadline, status.state.value
                    if t["now"] is None and status.responded_at is None:
                        state = "open" if status.target is not None else "no target"
                else:
                    status = None
                    deadline = sla.first_response_deadline(*args, policy=t["policy"], **history)
                    state = "open" if deadline is not None else "no target"
            except sla.SlaError as exc:
                # a refused history is an error row (the scalar error is its reason)
                assert not pd.isna(got["error"]), exc  # noqa: PT017
                assert pd.isna(got["deadline"])
                continue
            assert pd.isna(got["error"]), got["error"]
            shown = None if pd.isna(got["deadline"]) else got["deadline"].to_pydatetime()
            assert shown == deadline
            assert got["state"] == state
            if (
                status is not None
                and status.responded_at is not None
                and status.consumed is not None
            ):
                assert got["taken"].to_pytimedelta() == status.consumed
                assert got["margin"].to_pytimedelta() == status.remaining
            else:
                assert pd.isna(got["taken"])


def test_a_severity_row_and_a_plan_row_at_one_instant_form_one_change() -> None:
    tickets = pd.DataFrame(
        {"ticket_id": [7], "plan": ["Developer"], "severity": ["S3"], "created_at": [sh(9, 9)]}
    )
    events = pd.DataFrame(
        {
            "ticket_id": [7, 7],
            "at": [sh(9, 11), sh(9, 11)],
            "severity": [None, "S1"],
            "plan": ["Enterprise", None],
        }
    )
    out = first_response_deadlines(tickets, calendar="Asia/Shanghai", events=events)
    # Enterprise S1: one hour, 24x7, counted from the creation (the built-in rule)
    assert out["deadline"].iloc[0] == pd.Timestamp(sh(9, 10))
    assert out["clock"].iloc[0] == "wall"
    assert out["target"].iloc[0] == pd.Timedelta(hours=1)


def test_events_in_any_order_and_pauses_that_pair_up_in_time_order() -> None:
    tickets = pd.DataFrame(
        {
            "ticket_id": ["a", "b"],
            "plan": ["Developer", "Developer"],
            "severity": ["S1", "S1"],
            "created_at": [sh(9, 9), sh(9, 9)],
            "first_response_at": [None, sh(9, 16)],
        }
    )
    events = pd.DataFrame(
        {
            "ticket_id": ["a", "b", "a", "a", "b"],
            "at": [sh(9, 12), sh(9, 10), sh(9, 10), sh(9, 11), sh(9, 11)],
            "pause": ["start", "end", "start", "end", "start"],
        }
    )
    out = first_response_deadlines(
        tickets, calendar="Asia/Shanghai", policy=PAUSABLE, responded="first_response_at",
        now=sh(9, 15), events=events, errors="coerce",
    )  # fmt: skip
    # a: paused 10-11 and from 12 on (ongoing, up to now): 2h consumed of 4h by now
    status = sla.response_status(
        "Developer", "S1", sh(9, 9), "Asia/Shanghai", now=sh(9, 15), policy=PAUSABLE,
        pauses=[(sh(9, 10), sh(9, 11)), (sh(9, 12), None)],
    )  # fmt: skip
    assert out["deadline"].iloc[0] == pd.Timestamp(status.deadline)
    assert out["state"].iloc[0] == status.state.value == "on track"
    # b: an end before any start is refused
    assert out["error"].iloc[1] == "events: event row 1: a pause ends that has not started"
    with pytest.raises(InvalidEventError, match="event row 1: a pause ends that has not started"):
        first_response_deadlines(
            tickets, calendar="Asia/Shanghai", policy=PAUSABLE, events=events.iloc[[1, 4]]
        )
    # without now, an ongoing pause leaves no deadline: the status is the question to ask
    out = first_response_deadlines(
        tickets.iloc[[0]], calendar="Asia/Shanghai", policy=PAUSABLE, events=events.iloc[[0, 2, 3]],
        errors="coerce",
    )  # fmt: skip
    assert "event rows 0, 2, 3: pauses[1] has no end yet" in out["error"].iloc[0]


def test_bad_events_make_their_ticket_an_error_row_naming_the_event() -> None:
    tickets = pd.DataFrame(
        {
            "ticket_id": ["a", "b", "c", "d"],
            "plan": ["Developer"] * 4,
            "severity": ["S3"] * 4,
            "created_at": [sh(9, 9)] * 4,
        }
    )
    events = pd.DataFrame(
        {
            "ticket_id": ["a", "b", "c", "c", "d"],
            "at": ["2025-06-09T10:00", "2025-06-09T10:00+08:00", "2025-06-09T10:00+08:00",
                   "2025-06-09T10:00+08:00", "2025-06-08T10:00+08:00"],
            "severity": [None, "S1", "S1", "S2", "S1"],
            "pause": [None, "maybe", None, None, None],
        }
    )  # fmt: skip
    out = first_response_deadlines(
        tickets, calendar="Asia/Shanghai", events=events, errors="coerce"
    )
    errors = out["error"].tolist()
    assert "event row 0: at '2025-06-09T10:00' is not an instant with a UTC offset" in errors[0]
    assert "event row 1: pause 'maybe' is neither 'start' nor 'end'" in errors[1]
    assert "two rows of the ticket at 2025-06-09T02:00:00+00:00 give the severity" in errors[2]
    assert errors[3].startswith("events: event row 4: ")
    assert "the ticket was created" in errors[3]
    assert out["deadline"].isna().all()
    with pytest.raises(HistoryOrderError, match=r"^row 3: event row 4: "):
        first_response_deadlines(
            tickets.iloc[[3]], calendar="Asia/Shanghai", events=events.iloc[[4]]
        )
    unknown_plan = pd.DataFrame({"ticket_id": ["a"], "at": [sh(9, 10)], "plan": ["Gold"]})
    with pytest.raises(UnknownPlanError, match="event row 0"):
        first_response_deadlines(tickets, calendar="Asia/Shanghai", events=unknown_plan)


def test_events_for_unknown_tickets_stop_the_run_or_warn() -> None:
    tickets = pd.DataFrame(
        {"ticket_id": ["a"], "plan": ["Developer"], "severity": ["S3"], "created_at": [sh(9, 9)]}
    )
    events = pd.DataFrame({"ticket_id": ["zz"], "at": [sh(9, 10)], "severity": ["S1"]})
    with pytest.raises(InvalidEventError, match="event row 0: the ticket 'zz' is not in the table"):
        first_response_deadlines(tickets, calendar="Asia/Shanghai", events=events)
    with pytest.warns(UnmatchedEventsWarning, match="'zz'"):
        out = first_response_deadlines(
            tickets, calendar="Asia/Shanghai", events=events, errors="coerce"
        )
    assert out["deadline"].iloc[0] == pd.Timestamp(sh(10, 12))  # S3, 12 business hours, as opened
    with pytest.raises(InvalidTableError, match="no 'at' column"):
        first_response_deadlines(
            tickets, calendar="Asia/Shanghai", events=pd.DataFrame({"ticket_id": ["a"]})
        )
    twice = pd.concat([tickets, tickets], ignore_index=True)
    mine = pd.DataFrame({"ticket_id": ["a"], "at": [sh(9, 10)], "severity": ["S1"]})
    out = first_response_deadlines(twice, calendar="Asia/Shanghai", events=mine, errors="coerce")
    assert out["error"].str.contains("on several rows").all()


def test_compliance_counts_breached_with_missed_and_recomputes_with_the_events() -> None:
    tickets = pd.DataFrame(
        {
            "ticket_id": ["a", "b"],
            "plan": ["Developer", "Developer"],
            "severity": ["S3", "S3"],
            "created_at": [sh(9, 9), sh(9, 9)],
            "first_response_at": [None, sh(9, 12)],
        }
    )
    events = pd.DataFrame({"ticket_id": ["a", "b"], "at": [sh(9, 11)] * 2, "severity": ["S1"] * 2})
    out = first_response_deadlines(tickets, calendar="Asia/Shanghai", events=events)
    report = compliance(out, responded="first_response_at", now=sh(9, 14), by=None)
    assert report.tickets["state"].tolist() == ["breached", "met"]
    assert report.table.loc["all tickets", ["met", "missed", "open"]].tolist() == [1, 1, 0]


def test_a_reason_column_on_request() -> None:
    tickets = pd.DataFrame(
        {
            "ticket_id": ["a", "b"],
            "plan": ["Developer", "Basic"],
            "severity": ["S3", "S3"],
            "created_at": [sh(9, 9), sh(9, 9)],
        }
    )
    events = pd.DataFrame(
        {
            "ticket_id": ["a", "a", "a"],
            "at": [sh(9, 11), sh(9, 12), sh(9, 13, 30)],
            "severity": ["S1", None, None],
            "pause": [None, "start", "end"],
        }
    )
    out = first_response_deadlines(
        tickets, calendar="Asia/Shanghai", policy=PAUSABLE, events=events, explain=True
    )
    assert out["reason"].tolist() == ["S3→S1 at +2h; paused 1h30m", ""]
    assert out["reason"].dtype == pd.StringDtype()
    explained = sla.explanation(
        "Developer", "S3", sh(9, 9), "Asia/Shanghai", policy=PAUSABLE,
        changes=[Change(sh(9, 11), severity="S1")], pauses=[(sh(9, 12), sh(9, 13, 30))],
    )  # fmt: skip
    assert explained.reason == out["reason"].iloc[0]


def test_paused_time_in_batch_across_a_dst_change_and_a_weekend() -> None:
    ny = ZoneInfo("America/New_York")
    night = datetime(2025, 3, 9, 1, 0, tzinfo=ny)  # clocks spring forward at 02:00
    friday = sh(6, 17)
    tickets = pd.DataFrame(
        {
            "ticket_id": ["dst", "weekend"],
            "plan": ["Enterprise", "Developer"],
            "severity": ["S1", "S1"],
            "created_at": [night, friday],
            "first_response_at": [None, sh(9, 13)],
        }
    )
    events = pd.DataFrame(
        {
            "ticket_id": ["dst", "dst", "weekend", "weekend"],
            "at": [
                datetime(2025, 3, 9, 1, 15, tzinfo=ny),
                datetime(2025, 3, 9, 3, 15, tzinfo=ny),
                sh(6, 17, 30),
                sh(9, 10),
            ],
            "pause": ["start", "end", "start", "end"],
        }
    )
    out = first_response_deadlines(
        tickets, calendar="Asia/Shanghai", policy=PAUSABLE, responded="first_response_at",
        events=events,
    )  # fmt: skip
    # Enterprise S1, 1 hour of wall clock, with one real hour paused: 2 hours after creation
    assert out["deadline"].iloc[0] == pd.Timestamp(datetime(2025, 3, 9, 4, 0, tzinfo=ny))
    # Developer S1, 4 business hours: Fri 17:00-17:30, then Mon 10:00 on: due Mon 13:30
    status = sla.response_status(
        "Developer", "S1", friday, "Asia/Shanghai", now=sh(9, 13), responded_at=sh(9, 13),
        policy=PAUSABLE, pauses=[(sh(6, 17, 30), sh(9, 10))],
    )  # fmt: skip
    assert out["deadline"].iloc[1] == pd.Timestamp(status.deadline) == pd.Timestamp(sh(9, 13, 30))
    assert out["state"].iloc[1] == "met"
    assert (
        out["taken"].iloc[1].to_pytimedelta() == status.consumed == timedelta(hours=3, minutes=30)
    )
