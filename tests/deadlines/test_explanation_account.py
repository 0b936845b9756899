"""Why a measured ticket met or missed: the Explanation value, its JSON form, and histories.

Hand-worked accounts (a response after the deadline, an open ticket at now, an
override crossed, a DST change crossed) and properties: the account agrees
with response_status field by field, its dict is JSON and names instants in
the calendar's zone, and a history round-trips through plain dicts.
"""

from __future__ import annotations

import dataclasses
import json
import warnings
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla import BusinessCalendar, Change, Status, connected_care_policy
from connected_care_sla.deadlines import History
from connected_care_sla.exceptions import (
    HistoryTypeError,
    HolidayHorizonWarning,
    InvalidInstantError,
    NaiveInstantError,
)
from connected_care_sla.testing import changes, instants, pauses

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
BUILTIN = connected_care_policy()
PAUSABLE = dataclasses.replace(BUILTIN, pausable=True)
FROM_CHANGE = dataclasses.replace(BUILTIN, retarget="from-change")


def sh(day: int, hour: int, minute: int = 0, month: int = 6) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=SH)


def test_a_late_response_is_missed_with_the_time_consumed_outside_hours_and_margin() -> None:
    account = sla.explanation(
        "developer", "S1", sh(6, 17), "Asia/Shanghai", responded_at=sh(9, 13)
    )  # Friday 17:00, answered Monday 13:00: 5 business hours of 4
    assert account.state is Status.MISSED
    assert account.consumed == timedelta(hours=5)
    assert account.margin == -timedelta(hours=1)
    # Fri 18:00 to Mon 09:00: 63 hours of real time outside business hours
    assert account.outside_hours == timedelta(hours=63)
    text = str(account)
    assert "Responded:    Mon 2025-06-09 13:00:00 +08:00" in text
    assert "State:        MISSED, margin 1h over the target" in text
    assert "Outside business hours: 63h of real time (not counted)" in text


def test_an_open_ticket_at_now_says_what_is_left() -> None:
    account = sla.explanation("developer", "S1", sh(9, 9), "Asia/Shanghai", now=sh(9, 11))
    assert account.state is Status.ON_TRACK
    assert account.margin == timedelta(hours=2)
    assert "State:        ON TRACK, margin 2h left" in str(account)
    # without responded_at or now, nothing is measured and the text is as it always was
    plain = sla.explanation("developer", "S1", sh(9, 9), "Asia/Shanghai")
    assert plain.state is None
    assert plain.margin is None
    assert "State:" not in str(plain)


def test_the_rule_that_chose_the_target_names_the_change_and_the_retarget_rule() -> None:
    raised = [Change(sh(9, 11), severity="S1")]
    for policy, counted in ((BUILTIN, "from-creation"), (FROM_CHANGE, "from-change")):
        account = sla.explanation(
            "developer", "S3", sh(9, 9), "Asia/Shanghai", policy=policy, changes=raised
        )
        assert "row Developer, column S1" in account.rule
        assert "put in force by changes[0]" in account.rule
        assert f"retarget = {counted}" in account.rule
        assert account.reason == "S3→S1 at +2h"
    opened = sla.explanation("developer", "S3", sh(9, 9), "Asia/Shanghai")
    assert opened.rule.endswith("the ticket's plan and severity at creation")


def test_overrides_holidays_and_dst_changes_crossed() -> None:
    cal = BusinessCalendar(
        "Asia/Shanghai", holidays=["CN"], overrides={date(2025, 9, 30): "09:00-13:00"}
    )
    account = sla.explanation("developer", "S4", sh(29, 9, month=9), cal)
    assert [str(o) for o in account.overrides] == ["Tue 2025-09-30: short day 09:00-13:00"]
    assert "Overrides crossed (date-specific hours):" in str(account)
    assert "short day 2025-09-30 09:00-13:00" in account.reason
    assert "crossed 6 holidays 2025-10-01 to 2025-10-08" in account.reason  # 4th, 5th: weekend
    closed = BusinessCalendar("Asia/Shanghai", overrides={date(2025, 12, 24): "closed"})
    christmas = sla.explanation("developer", "S1", datetime(2025, 12, 24, 9, tzinfo=SH), closed)
    assert [(o.kind, str(o)) for o in christmas.overrides] == [
        ("closed", "Wed 2025-12-24: closed (override)")
    ]
    # New York falls back on 2025-11-02: an Enterprise S1 across it is 3,600 seconds
    fall = sla.explanation(
        "enterprise", "S1", datetime(2025, 11, 2, 1, 30, tzinfo=NY), "America/New_York",
        responded_at=datetime(2025, 11, 2, 1, 15, tzinfo=NY, fold=1),  # 45 minutes in
    )  # fmt: skip
    assert [str(c.after) for c in fall.dst_changes] == ["-1 day, 19:00:00"]
    assert fall.state is Status.MET
    assert "DST change 2025-11-02" in fall.reason


def test_pauses_in_the_account_and_the_reason() -> None:
    account = sla.explanation(
        "developer", "S1", sh(9, 9), "Asia/Shanghai", policy=PAUSABLE,
        pauses=[(sh(9, 10), sh(9, 11, 30))], responded_at=sh(9, 14),
    )  # fmt: skip
    assert account.paused == timedelta(hours=1, minutes=30)
    assert account.consumed == timedelta(hours=3, minutes=30)
    assert account.state is Status.MET
    assert account.reason == "paused 1h30m"
    ignored = sla.explanation(
        "developer", "S1", sh(9, 9), "Asia/Shanghai", pauses=[(sh(9, 10), sh(9, 11))]
    )
    assert ignored.reason == "pauses ignored (policy not pausable)"


def test_changes_at_or_after_the_response_are_listed_with_no_effect() -> None:
    account = sla.explanation(
        "developer", "S3", sh(9, 9), "Asia/Shanghai", responded_at=sh(9, 11),
        changes=[Change(sh(9, 11), severity="S1")],
    )  # fmt: skip
    assert [note.effect for note in account.changes] == ["after the response"]
    assert account.severity == "S3"
    assert "no effect (at or after the first response)" in str(account)
    assert account.reason == ""


def test_the_dict_form_is_json_with_instants_in_the_calendar_zone_and_exact_durations() -> None:
    account = sla.explanation(
        "developer", "S3", datetime(2025, 6, 9, 1, 0, tzinfo=UTC), "Asia/Shanghai",
        changes=[Change(datetime(2025, 6, 9, 3, 0, tzinfo=UTC), severity="S1")],
        responded_at=sh(9, 14),
    )  # fmt: skip
    data = json.loads(json.dumps(account.to_dict()))
    assert data["created_at"] == "2025-06-09T09:00:00+08:00"
    assert data["deadline"] == "2025-06-09T13:00:00+08:00"
    assert data["state"] == "MISSED"
    assert data["margin"] == {"microseconds": -3_600_000_000, "seconds": -3600, "text": "-1h"}
    assert data["policy"]["retarget"] == "from-creation"
    change = data["changes"][0]
    # the keys of Change.to_dict, with what the change did
    assert {k: change[k] for k in ("at", "severity", "plan")} == {
        "at": "2025-06-09T11:00:00+08:00",
        "severity": "S1",
        "plan": "Developer",
    }
    assert change["effect"] == "retargeted"
    assert data["reason"] == "S3→S1 at +2h"
    assert data["text"] == str(account)
    assert "MISSED" in account._repr_html_()


@st.composite
def histories(draw: st.DrawFn) -> History:
    created = draw(instants(BusinessCalendar("Asia/Shanghai")))
    return History(draw(changes(created)), draw(pauses(created, ongoing=True)))


@settings(max_examples=50, deadline=None)
@given(histories())
def test_a_history_round_trips_through_plain_dicts_and_json(history: History) -> None:
    data = history.to_dict()
    again = History.from_dict(json.loads(json.dumps(data)))
    assert again == history
    assert hash(again) == hash(history)
    for (start, end), (start2, end2) in zip(history.pauses, again.pauses, strict=True):
        assert start2.utcoffset() == start.utcoffset()
        assert (end is None) == (end2 is None)
    for change in again.changes:
        assert Change.from_dict(change.to_dict()) == change


def test_history_dicts_refuse_what_they_cannot_read() -> None:
    with pytest.raises(HistoryTypeError):
        History.from_dict({"changes": [], "pauses": [], "extra": 1})
    with pytest.raises(HistoryTypeError):
        History.from_dict({"pauses": [{"start": "2025-06-09T10:00:00+08:00"}]})
    with pytest.raises(InvalidInstantError):
        History.from_dict({"pauses": [{"start": "soon", "end": None}]})
    with pytest.raises(NaiveInstantError):
        History.from_dict({"pauses": [{"start": "2025-06-09T10:00:00", "end": None}]})
    with pytest.raises(HistoryTypeError):
        History([sh(9, 10)])  # type: ignore[list-item]
    assert History.from_dict({}) == History()


@st.composite
def measured(draw: st.DrawFn) -> dict[str, Any]:
    cal = draw(
        st.sampled_from([BusinessCalendar("Asia/Shanghai"), BusinessCalendar("America/New_York")])
    )
    policy = draw(st.sampled_from([BUILTIN, PAUSABLE, FROM_CHANGE]))
    created = draw(instants(cal, start=date(2025, 1, 1), end=date(2026, 6, 1)))
    later = draw(st.timedeltas(timedelta(0), timedelta(days=6)))
    # Instants, not wall times: `created + later` in the zone resets fold to 0, which
    # moves a creation in the repeated hour of a DST change an hour back.
    real = created.astimezone(UTC)
    return {
        "cal": cal,
        "policy": policy,
        "plan": draw(st.sampled_from(policy.plans)),
        "severity": draw(st.sampled_from(policy.severities)),
        "created": created,
        "changes": draw(changes(created, policy, max_size=2)),
        "pauses": draw(pauses(created, max_size=2, ongoing=True)),
        "now": (real + later).astimezone(cal.zone),
        "responded": draw(st.none() | st.just((real + later / 2).astimezone(cal.zone))),
    }


@settings(max_examples=60, deadline=None)
@given(measured())
def test_the_account_agrees_with_the_status(t: dict[str, Any]) -> None:
    args = (t["plan"], t["severity"], t["created"], t["cal"])
    history = {"changes": t["changes"], "pauses": t["pauses"], "policy": t["policy"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HolidayHorizonWarning)
        status = sla.response_status(*args, now=t["now"], responded_at=t["responded"], **history)
        account = sla.explanation(*args, now=t["now"], responded_at=t["responded"], **history)
    assert account.state is status.state
    assert account.deadline == status.deadline
    assert account.consumed == status.consumed
    assert account.margin == status.remaining
    assert (account.plan, account.severity) == (status.plan, status.severity)
    if account.outside_hours is not None:
        assert account.outside_hours >= timedelta(0)
    assert json.loads(json.dumps(account.to_dict()))["state"] == status.state.name


def test_a_date_opened_by_an_override_is_not_a_rest_day_passed_over() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    cal = BusinessCalendar(
        "Europe/Berlin",
        holidays="DE",
        overrides={date(2025, 12, 24): "09:00-13:00", date(2025, 12, 27): "10:00-14:00"},
    )
    created = datetime(2025, 12, 24, 12, 0, tzinfo=berlin)
    text = str(sla.explanation("Developer", "S1", created, cal))
    assert "Sat 2025-12-27: opened 10:00-14:00" in text
    assert "Wed 2025-12-24: short day 09:00-13:00" in text
    assert "2025-12-27  rest day" not in text
    assert "Christmas Day" in text


def test_passed_days_follow_the_version_in_force() -> None:
    from connected_care_sla.deadlines.notes import passed_days

    cal = BusinessCalendar.from_versions(
        {
            date(2025, 1, 1): BusinessCalendar("UTC"),
            date(2025, 6, 1): BusinessCalendar("UTC", {"Mon-Sat": "09:00-18:00"}),
        }
    )
    kinds = {d.day: d.kind for d in passed_days(cal, date(2025, 5, 24), date(2025, 6, 8))}
    assert kinds[date(2025, 5, 24)] == "rest day"  # a Saturday under the first version
    assert date(2025, 6, 7) not in kinds  # a Saturday with hours under the second
    assert kinds[date(2025, 6, 8)] == "rest day"
