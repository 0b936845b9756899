"""Properties of a ticket's history, and the fast code against a slow reference.

Histories come from the public strategies ``connected_care_sla.testing.changes``
and ``pauses``; the reference is ``support.history_reference``, which walks
business intervals one by one with the paused stretches cut out.
"""

from __future__ import annotations

import contextlib
import dataclasses
import warnings
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla import BusinessCalendar, Change, Policy, Status, connected_care_policy
from connected_care_sla.exceptions import HolidayHorizonWarning, SlaError
from connected_care_sla.testing import (
    assert_deadline_honours_history,
    changes,
    instants,
    pauses,
)
from support.history_reference import ref_deadline

BUILTIN = connected_care_policy()
POLICIES = tuple(
    dataclasses.replace(BUILTIN, retarget=retarget, pausable=pausable)
    for retarget in ("from-creation", "from-change")
    for pausable in (False, True)
)
CALENDARS = (
    BusinessCalendar("Asia/Shanghai"),
    BusinessCalendar("America/New_York", {"Mon-Fri": "09:00-12:00, 13:00-18:00"}),
    BusinessCalendar("Europe/London", {"Mon-Fri": "22:00-06:00"}, holidays="GB"),
)
US = timedelta(microseconds=1)
Pause = tuple[datetime, datetime | None]


@st.composite
def tickets(draw: st.DrawFn, *, ongoing: bool = False) -> dict[str, Any]:
    """A ticket with a history: calendar, policy, plan, severity, creation, changes, pauses."""
    cal = draw(st.sampled_from(CALENDARS))
    policy = draw(st.sampled_from(POLICIES))
    created = draw(
        instants(cal, start=datetime(2024, 1, 1).date(), end=datetime(2027, 12, 1).date())
    )
    plan = draw(st.sampled_from(policy.plans))
    severity = draw(st.sampled_from(policy.severities))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HolidayHorizonWarning)
        due = sla.first_response_deadline(plan, severity, created, cal, policy=policy)
    edges = (cal.next_open(created), cal.next_close(created), due)
    return {
        "cal": cal,
        "policy": policy,
        "plan": plan,
        "severity": severity,
        "created": created,
        "changes": draw(changes(created, policy, near=edges)),
        "pauses": draw(pauses(created, ongoing=ongoing, near=edges)),
    }


def deadline(t: dict[str, Any], **history: Any) -> datetime | None:
    history = {"changes": t["changes"], "pauses": t["pauses"], **history}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HolidayHorizonWarning)
        return sla.first_response_deadline(
            t["plan"], t["severity"], t["created"], t["cal"], policy=t["policy"], **history
        )


def escalation(t: dict[str, Any], share: Any, **history: Any) -> datetime | None:
    history = {"changes": t["changes"], "pauses": t["pauses"], **history}
    return sla.escalation_instant(
        t["plan"], t["severity"], t["created"], t["cal"], share, policy=t["policy"], **history
    )


def status(t: dict[str, Any], now: datetime, **kw: Any) -> sla.ResponseStatus:
    kw = {"changes": t["changes"], "pauses": t["pauses"], **kw}
    return sla.response_status(
        t["plan"], t["severity"], t["created"], t["cal"], now=now, policy=t["policy"], **kw
    )


def later(moment: datetime | None, other: datetime | None) -> bool:
    """Whether ``moment`` lies after ``other`` (no target counts as never)."""
    if moment is None or other is None:
        return moment is not other
    # Aware datetimes of one ZoneInfo compare as wall times (fold ignored): compare in UTC.
    return moment.astimezone(UTC) > other.astimezone(UTC)


# -- against the reference ------------------------------------------------------------------


@given(tickets())
def test_the_deadline_agrees_with_the_walking_reference(t: dict[str, Any]) -> None:
    expected = ref_deadline(
        t["policy"], t["cal"], t["plan"], t["severity"], t["created"], t["changes"], t["pauses"]
    )
    assert deadline(t) == expected


@given(tickets())
def test_the_deadline_honours_the_history_by_the_toolkit_assertion(t: dict[str, Any]) -> None:
    assert_deadline_honours_history(
        t["plan"],
        t["severity"],
        t["created"],
        deadline(t),
        t["cal"],
        t["policy"],
        changes=t["changes"],
        pauses=t["pauses"],
    )


def test_the_toolkit_assertion_explains_a_wrong_deadline() -> None:
    created = datetime.fromisoformat("2025-06-09T09:00:00+08:00")
    raised = [Change(created + timedelta(hours=2), severity="S1")]
    with pytest.raises(AssertionError, match="5h of the target is consumed, not exactly 4h"):
        assert_deadline_honours_history(
            "developer",
            "S3",
            created,
            created + timedelta(hours=5),
            "Asia/Shanghai",
            changes=raised,
        )


@given(tickets(), st.sampled_from([Fraction(1, 3), Fraction(1, 2), Fraction(3, 4), 0.9]))
def test_escalation_instants_agree_with_the_walking_reference(
    t: dict[str, Any], share: Any
) -> None:
    exact = Fraction(repr(share)) if isinstance(share, float) else share
    expected = ref_deadline(
        t["policy"],
        t["cal"],
        t["plan"],
        t["severity"],
        t["created"],
        t["changes"],
        t["pauses"],
        share=exact,
    )
    assert escalation(t, share) == expected


@given(tickets(ongoing=True), st.integers(0, 6 * 24 * 60))
def test_a_status_deadline_agrees_with_the_reference_as_of_now(
    t: dict[str, Any], minutes: int
) -> None:
    now = t["created"].astimezone(UTC) + timedelta(minutes=minutes)
    expected = ref_deadline(
        t["policy"],
        t["cal"],
        t["plan"],
        t["severity"],
        t["created"],
        t["changes"],
        t["pauses"],
        now=now,
    )
    assert status(t, now).deadline == expected


# -- properties -----------------------------------------------------------------------------


@given(tickets())
def test_no_changes_and_no_pauses_answers_exactly_as_without_a_history(t: dict[str, Any]) -> None:
    plain = sla.first_response_deadline(
        t["plan"], t["severity"], t["created"], t["cal"], policy=t["policy"]
    )
    assert deadline(t, changes=(), pauses=()) == plain
    assert deadline(t, changes=[], pauses=iter(())) == plain
    now = t["created"].astimezone(UTC) + timedelta(hours=3)
    bare = sla.response_status(
        t["plan"], t["severity"], t["created"], t["cal"], now=now, policy=t["policy"]
    )
    assert status(t, now, changes=(), pauses=()) == bare
    assert (bare.paused_since, bare.pauses_ignored) == (None, False)


@given(tickets())
def test_from_creation_is_never_later_than_from_change(t: dict[str, Any]) -> None:
    policy = t["policy"]
    first = deadline({**t, "policy": dataclasses.replace(policy, retarget="from-creation")})
    second = deadline({**t, "policy": dataclasses.replace(policy, retarget="from-change")})
    assert not later(first, second)


@given(tickets(), st.data())
def test_removing_a_pause_never_moves_the_deadline_later(t: dict[str, Any], data: Any) -> None:
    assume(t["pauses"])
    t = {**t, "policy": dataclasses.replace(t["policy"], pausable=True)}
    index = data.draw(st.integers(0, len(t["pauses"]) - 1))
    fewer = t["pauses"][:index] + t["pauses"][index + 1 :]
    assert not later(deadline(t, pauses=fewer), deadline(t))


@given(tickets(), st.data(), st.integers(0, 3 * 24 * 60))
def test_the_deadline_is_monotone_in_each_pause_length(
    t: dict[str, Any], data: Any, minutes: int
) -> None:
    assume(t["pauses"])
    t = {**t, "policy": dataclasses.replace(t["policy"], pausable=True)}
    index = data.draw(st.integers(0, len(t["pauses"]) - 1))
    start, end = t["pauses"][index]
    assert end is not None
    longer = list(t["pauses"])
    longer[index] = (start, end.astimezone(UTC) + timedelta(minutes=minutes))
    assert not later(deadline(t), deadline(t, pauses=longer))


@given(tickets(), st.lists(st.fractions(0, 1).filter(bool), min_size=2, max_size=4))
def test_escalation_is_monotone_in_the_share_and_the_deadline_at_one(
    t: dict[str, Any], shares: list[Fraction]
) -> None:
    due = deadline(t)
    assert escalation(t, 1) == due
    instants_ = [escalation(t, share) for share in sorted(shares)]
    if due is None:
        assert instants_ == [None] * len(shares)
    else:
        utc = [moment.astimezone(UTC) for moment in instants_ if moment is not None]
        assert utc == sorted(utc)
        assert len(utc) == len(shares)
        assert all(moment <= due.astimezone(UTC) for moment in utc)


@given(tickets(), st.integers(0, 5 * 24 * 60), st.integers(0, 24 * 60), st.data())
def test_a_change_at_or_after_the_response_changes_nothing(
    t: dict[str, Any], minutes: int, extra: int, data: Any
) -> None:
    responded = t["created"].astimezone(UTC) + timedelta(minutes=minutes)
    now = responded + timedelta(minutes=extra)
    kept = tuple(change for change in t["changes"] if change.at < responded)
    late_at = max([responded, *(c.at.astimezone(UTC) + US for c in kept)])
    late = Change(late_at, severity=data.draw(st.sampled_from(t["policy"].severities)))
    assert status(t, now, responded_at=responded, changes=(*kept, late)) == status(
        t, now, responded_at=responded, changes=kept
    )


@given(tickets(), st.integers(0, 5 * 24 * 60), st.sampled_from([0.5, 0.75, Fraction(9, 10)]))
def test_at_risk_agrees_with_the_escalation_instant(
    t: dict[str, Any], minutes: int, share: Any
) -> None:
    now = t["created"].astimezone(UTC) + timedelta(minutes=minutes)
    past = tuple(change for change in t["changes"] if change.at <= now)
    history = {"changes": past, "pauses": t["pauses"]}
    state = status(t, now, at_risk=share, **history).state
    due, at = deadline(t, **history), escalation(t, share, **history)
    if due is None:
        assert state is Status.NO_TARGET
        return
    assert at is not None
    expected = Status.BREACHED if now > due else Status.AT_RISK if now >= at else Status.ON_TRACK
    assert state is expected


@given(tickets(ongoing=True))
def test_histories_raise_only_our_errors(t: dict[str, Any]) -> None:
    with contextlib.suppress(SlaError):
        deadline(t)


def test_the_reference_agrees_on_a_named_example() -> None:
    policy: Policy = POLICIES[3]  # from-change, pausable
    created = datetime.fromisoformat("2025-06-09T09:00:00+08:00")
    history = [Change(created + timedelta(hours=2), severity="S1")]
    pause = [(created + timedelta(hours=3), created + timedelta(hours=4))]
    expected = ref_deadline(policy, CALENDARS[0], "developer", "S3", created, history, pause)
    assert expected == created + timedelta(hours=7)
    got = sla.first_response_deadline(
        "developer", "S3", created, CALENDARS[0], policy=policy, changes=history, pauses=pause
    )
    assert got == expected


pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)
