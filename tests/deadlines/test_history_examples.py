"""A ticket's life before its first response: named examples worked by hand, and refusals.

Severity and plan changes (the target in force, from-creation and from-change),
pauses (business time or real time not counted), escalation instants, and
the errors a history that cannot be refused gets.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

import connected_care_sla as sla
from connected_care_sla import Change, Status, connected_care_policy
from connected_care_sla.deadlines import escalation_ladder
from connected_care_sla.exceptions import (
    HistoryOrderError,
    HistoryTypeError,
    InstantsOutOfOrderError,
    InvalidHistoryError,
    InvalidInstantError,
    InvalidThresholdError,
    NaiveInstantError,
    OngoingPauseError,
    UnknownSeverityError,
)

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
BUILTIN = connected_care_policy()
FROM_CHANGE = dataclasses.replace(BUILTIN, retarget="from-change")
PAUSABLE = dataclasses.replace(BUILTIN, pausable=True)
PAUSABLE_FROM_CHANGE = dataclasses.replace(BUILTIN, pausable=True, retarget="from-change")


def sh(day: int, hour: int, minute: int = 0) -> datetime:
    """June 2025 in Shanghai: the 9th is a Monday."""
    return datetime(2025, 6, day, hour, minute, tzinfo=SH)


MONDAY_9 = sh(9, 9)


# -- severity and plan changes ------------------------------------------------------------


def test_s3_raised_to_s1_two_business_hours_in_counts_from_creation_by_default() -> None:
    # Developer S3 is 12 business hours, S1 4: from creation, 09:00 + 4h = 13:00.
    raised = [Change(sh(9, 11), severity="S1")]
    deadline = sla.first_response_deadline(
        "developer", "S3", MONDAY_9, "Asia/Shanghai", changes=raised
    )
    assert deadline == sh(9, 13)
    assert sla.first_response_deadline("developer", "S3", MONDAY_9, "Asia/Shanghai") == sh(10, 12)


def test_s3_raised_to_s1_two_business_hours_in_counts_from_the_change_under_from_change() -> None:
    raised = [Change(sh(9, 11), severity="S1")]
    deadline = sla.first_response_deadline(
        "developer", "S3", MONDAY_9, "Asia/Shanghai", policy=FROM_CHANGE, changes=raised
    )
    assert deadline == sh(9, 15)  # 11:00 + 4 business hours


def test_a_raise_whose_target_ran_out_before_the_change_is_breached_from_the_change_on() -> None:
    # Enterprise S3 is 8 business hours; S1 is 1 hour on the wall clock: due 10:00.
    raised = [Change(sh(9, 11), severity="S1")]
    args = ("enterprise", "S3", MONDAY_9, "Asia/Shanghai")
    assert sla.first_response_deadline(*args, changes=raised) == sh(9, 10)
    before = sla.response_status(*args, now=sh(9, 10, 30), changes=raised)
    assert (before.state, before.severity, before.deadline) == (Status.ON_TRACK, "S3", sh(9, 17))
    after = sla.response_status(*args, now=sh(9, 11), changes=raised)
    assert (after.state, after.severity, after.deadline) == (Status.BREACHED, "S1", sh(9, 10))
    assert sla.first_response_deadline(*args, policy=FROM_CHANGE, changes=raised) == sh(9, 12)


def test_a_downgrade_to_basic_leaves_no_target() -> None:
    down = [Change(sh(9, 10), plan="Basic")]
    args = ("developer", "S1", MONDAY_9, "Asia/Shanghai")
    assert sla.first_response_deadline(*args, changes=down) is None
    status = sla.response_status(*args, now=sh(9, 12), changes=down)
    assert (status.state, status.plan, status.deadline) == (Status.NO_TARGET, "Basic", None)
    assert sla.escalation_instant(*args, 0.5, changes=down) is None
    with pytest.raises(InvalidThresholdError):
        sla.escalation_instant(*args, 1.5, changes=down)  # refused with or without a target
    before = sla.response_status(*args, now=sh(9, 9, 30), changes=down)
    assert before.state is Status.ON_TRACK  # the downgrade lies after now
    text = str(sla.explanation(*args, changes=down))
    assert "Developer S1 -> Basic S1: no first-response target from here on" in text
    assert text.endswith("Deadline:     none")


def test_an_upgrade_from_basic_counts_from_creation_or_from_the_change() -> None:
    up = [Change(sh(9, 10), plan="Premium", severity=1)]  # Premium S1: 30 minutes, wall clock
    args = ("basic", "S2", MONDAY_9, "Asia/Shanghai")
    assert sla.first_response_deadline(*args, changes=up) == sh(9, 9, 30)
    assert sla.first_response_deadline(*args, policy=FROM_CHANGE, changes=up) == sh(9, 10, 30)


def test_a_change_that_changes_nothing_does_not_restart_the_clock() -> None:
    same = [Change(sh(9, 11), severity="s3"), Change(sh(9, 12), plan="DEVELOPER")]
    args = ("developer", "S3", MONDAY_9, "Asia/Shanghai")
    plain = sla.first_response_deadline(*args)
    assert sla.first_response_deadline(*args, changes=same) == plain
    assert sla.first_response_deadline(*args, policy=FROM_CHANGE, changes=same) == plain
    notes = sla.explanation(*args, policy=FROM_CHANGE, changes=same).changes
    assert [note.effect for note in notes] == ["unchanged", "unchanged"]


def test_a_change_at_the_creation_instant_is_as_if_opened_with_it() -> None:
    for policy in (BUILTIN, FROM_CHANGE):
        opened = sla.first_response_deadline("developer", "S1", MONDAY_9, "Asia/Shanghai")
        changed = sla.first_response_deadline(
            "developer",
            "S4",
            MONDAY_9,
            "Asia/Shanghai",
            policy=policy,
            changes=[Change(MONDAY_9, severity="S1")],
        )
        assert changed == opened


def test_a_change_at_or_after_the_response_has_no_effect() -> None:
    args = ("developer", "S3", MONDAY_9, "Asia/Shanghai")
    response = sh(9, 14)
    late = [Change(response, severity="S1")]
    status = sla.response_status(*args, now=sh(9, 15), responded_at=response, changes=late)
    plain = sla.response_status(*args, now=sh(9, 15), responded_at=response)
    assert status == plain
    assert status.state is Status.MET
    earlier = [Change(sh(9, 13, 59), severity="S1")]
    missed = sla.response_status(*args, now=sh(9, 15), responded_at=response, changes=earlier)
    assert missed.state is Status.MISSED


def test_the_policy_version_and_calendar_stay_those_of_the_creation() -> None:
    book = sla.PolicyBook(
        [
            BUILTIN,
            sla.Policy.from_mapping(
                {
                    "name": "Later",
                    "effective_from": datetime(2025, 6, 10).date(),
                    "severities": {"S1": "Down.", "S3": "Slow."},
                    "first_response": {"Developer": {"S1": "1m wall", "S3": "1m wall"}},
                }
            ),
        ]
    )
    changes = [Change(sh(11, 9), severity="S1")]
    deadline = sla.first_response_deadline(
        "developer", "S3", MONDAY_9, "Asia/Shanghai", policy=book, changes=changes
    )
    assert deadline == sh(9, 13)  # the built-in S1 target, from the creation


# -- pauses ------------------------------------------------------------------------------


def test_the_builtin_policy_ignores_pauses_and_the_status_says_so() -> None:
    args = ("developer", "S1", MONDAY_9, "Asia/Shanghai")
    pause = [(sh(9, 10), sh(9, 12))]
    assert sla.first_response_deadline(*args, pauses=pause) == sh(9, 13)
    status = sla.response_status(*args, now=sh(9, 11), pauses=pause)
    assert status.pauses_ignored
    assert status.paused_since is None
    assert "pauses ignored" in str(status)
    assert not sla.response_status(*args, now=sh(9, 11)).pauses_ignored


def test_business_time_inside_a_pause_is_not_counted() -> None:
    args = ("developer", "S1", MONDAY_9, "Asia/Shanghai")
    # 10:00-12:00 paused, plus an overlapping 11:00-12:30: 2.5 business hours not counted.
    pauses = [(sh(9, 10), sh(9, 12)), (sh(9, 11), sh(9, 12, 30))]
    assert sla.first_response_deadline(*args, policy=PAUSABLE, pauses=pauses) == sh(9, 15, 30)
    # A pause over the night holds no business time: nothing changes.
    night = [(sh(9, 18), sh(10, 9))]
    assert sla.first_response_deadline(*args, policy=PAUSABLE, pauses=night) == sh(9, 13)


def test_an_enterprise_s1_wall_target_paused_across_a_dst_change() -> None:
    # New York springs forward on 2025-03-09 at 02:00 EST -> 03:00 EDT. Created 01:00
    # EST; paused 01:15 EST to 03:15 EDT, which is one hour of real time.
    created = datetime(2025, 3, 9, 1, 0, tzinfo=NY)
    pause = [(datetime(2025, 3, 9, 1, 15, tzinfo=NY), datetime(2025, 3, 9, 3, 15, tzinfo=NY))]
    args = ("enterprise", "S1", created, "America/New_York")
    deadline = sla.first_response_deadline(*args, policy=PAUSABLE, pauses=pause)
    assert deadline == datetime(2025, 3, 9, 8, 0, tzinfo=UTC)  # 1h + 1h paused after 06:00Z
    assert deadline is not None
    assert deadline.isoformat() == "2025-03-09T04:00:00-04:00"
    ignored = sla.first_response_deadline(*args, pauses=pause)
    assert ignored is not None
    assert ignored.isoformat() == (
        "2025-03-09T03:00:00-04:00"  # the built-in policy ignores the pause
    )
    text = str(sla.explanation(*args, policy=PAUSABLE, pauses=pause))
    assert "1h not counted (pauses[0])" in text


def test_an_ongoing_pause_counts_up_to_now_in_a_status() -> None:
    args = ("developer", "S1", MONDAY_9, "Asia/Shanghai")
    ongoing = [(sh(9, 10), None)]
    status = sla.response_status(*args, now=sh(9, 11), policy=PAUSABLE, pauses=ongoing)
    assert status.paused_since == sh(9, 10)
    assert status.consumed == timedelta(hours=1)
    assert status.paused == timedelta(hours=1)
    # Its deadline is the one the ticket has if the pause ends now.
    ended_now = [(sh(9, 10), sh(9, 11))]
    assert status.deadline == sla.first_response_deadline(*args, policy=PAUSABLE, pauses=ended_now)
    assert status.deadline == sh(9, 14)
    assert status.state is Status.ON_TRACK
    assert "paused since Mon 2025-06-09 10:00:00 +08:00" in str(status)


def test_a_deadline_question_refuses_an_ongoing_pause_and_points_to_the_status() -> None:
    args = ("developer", "S1", MONDAY_9, "Asia/Shanghai")
    ongoing = [(sh(9, 9, 30), sh(9, 9, 45)), (sh(9, 10), None)]
    with pytest.raises(OngoingPauseError, match=r"response_status") as info:
        sla.first_response_deadline(*args, policy=PAUSABLE, pauses=ongoing)
    assert (info.value.kind, info.value.index, info.value.argument) == ("pause", 1, "pauses[1]")
    with pytest.raises(OngoingPauseError):
        sla.escalation_instant(*args, 0.5, policy=PAUSABLE, pauses=ongoing)
    with pytest.raises(OngoingPauseError):
        sla.explanation(*args, policy=PAUSABLE, pauses=ongoing)


def test_pause_parts_after_the_response_or_now_do_not_matter() -> None:
    args = ("developer", "S1", MONDAY_9, "Asia/Shanghai")
    pause = [(sh(9, 10), sh(9, 16))]
    at_now = sla.response_status(*args, now=sh(9, 11), policy=PAUSABLE, pauses=pause)
    assert at_now.deadline == sh(9, 14)  # as if the pause ended at now
    assert at_now.paused_since == sh(9, 10)
    answered = sla.response_status(
        *args, now=sh(9, 17), responded_at=sh(9, 10, 30), policy=PAUSABLE, pauses=pause
    )
    assert answered.state is Status.MET
    assert answered.deadline == sh(9, 13, 30)
    assert answered.paused_since is None


def test_an_empty_pause_changes_nothing_and_a_backwards_one_is_refused() -> None:
    args = ("developer", "S1", MONDAY_9, "Asia/Shanghai")
    empty = [(sh(9, 10), sh(9, 10))]
    assert sla.first_response_deadline(*args, policy=PAUSABLE, pauses=empty) == sh(9, 13)
    backwards = [(sh(9, 10), sh(9, 9, 30))]
    for policy in (BUILTIN, PAUSABLE):
        with pytest.raises(HistoryOrderError) as info:
            sla.first_response_deadline(*args, policy=policy, pauses=backwards)
        error = info.value
        assert isinstance(error, InstantsOutOfOrderError)
        assert (error.kind, error.index, error.at) == ("pause", 0, sh(9, 10))
        assert (error.argument, error.earlier_argument) == ("pauses[0].end", "pauses[0].start")


def test_pauses_before_the_clock_starts_do_not_matter() -> None:
    saturday = sh(7, 10)  # the clock starts on Monday at 09:00
    args = ("developer", "S1", saturday, "Asia/Shanghai")
    weekend = [(sh(7, 11), sh(9, 9))]
    assert sla.first_response_deadline(*args, policy=PAUSABLE, pauses=weekend) == sh(9, 13)
    # Under from-change, pauses before the change do not matter either.
    raised = [Change(sh(9, 11), severity="S1")]
    early = [(sh(9, 9), sh(9, 10, 30))]
    assert sla.first_response_deadline(
        "developer",
        "S3",
        MONDAY_9,
        "Asia/Shanghai",
        policy=PAUSABLE_FROM_CHANGE,
        changes=raised,
        pauses=early,
    ) == sh(9, 15)


# -- escalation --------------------------------------------------------------------------


def test_an_escalation_share_that_runs_out_exactly_at_18_00_is_due_at_18_00() -> None:
    # Developer S1 is 4 business hours; created 16:00, half of it is used up at 18:00.
    created = sh(9, 16)
    args = ("developer", "S1", created, "Asia/Shanghai")
    assert sla.escalation_instant(*args, 0.5) == sh(9, 18)
    assert sla.escalation_instant(*args, Fraction(1, 2)) == sh(9, 18)
    assert sla.escalation_instant(*args, 1) == sla.first_response_deadline(*args) == sh(10, 11)
    assert escalation_ladder(*args, shares=(0.25, 0.5, 1)) == (sh(9, 17), sh(9, 18), sh(10, 11))


def test_a_float_share_is_read_as_the_decimal_it_prints_as() -> None:
    # 0.1 of one hour is exactly 6 minutes, not 5:59.999999.
    created = sh(9, 9)
    assert sla.escalation_instant("premium", "S2", created, "Asia/Shanghai", 0.1) == sh(9, 9, 6)
    # A share that is not a whole microsecond is rounded up to the next one.
    third = sla.escalation_instant("premium", "S2", created, "Asia/Shanghai", Fraction(1, 7))
    assert third == sh(9, 9) + timedelta(microseconds=514_285_715)


@pytest.mark.parametrize("share", [0, -0.5, 1.0000001, float("nan"), float("inf")])
def test_a_share_outside_zero_to_one_is_refused(share: float) -> None:
    with pytest.raises(InvalidThresholdError, match="share"):
        sla.escalation_instant("developer", "S1", MONDAY_9, "Asia/Shanghai", share)
    with pytest.raises(InvalidThresholdError):
        sla.escalation_instant("basic", "S1", MONDAY_9, "Asia/Shanghai", share)


def test_at_risk_starts_at_the_escalation_instant_of_the_at_risk_share() -> None:
    args = ("developer", "S3", MONDAY_9, "Asia/Shanghai")
    history = {"changes": [Change(sh(9, 10), severity="S2")], "pauses": [(sh(9, 11), sh(9, 12))]}
    at = sla.escalation_instant(*args, 0.75, policy=PAUSABLE, **history)
    assert at == sh(9, 16)  # S2 is 8h: 6h consumed at 16:00 with one hour paused
    microsecond = timedelta(microseconds=1)
    before = sla.response_status(*args, now=at - microsecond, policy=PAUSABLE, **history)
    on = sla.response_status(*args, now=at, policy=PAUSABLE, **history)
    assert (before.state, on.state) == (Status.ON_TRACK, Status.AT_RISK)


# -- refusals ----------------------------------------------------------------------------


def test_changes_before_creation_out_of_order_or_at_one_instant_are_refused() -> None:
    args = ("developer", "S3", MONDAY_9, "Asia/Shanghai")
    cases = [
        ([Change(sh(9, 8), severity="S1")], 0, "created_at", "is before the ticket was created"),
        (
            [Change(sh(9, 11), severity="S1"), Change(sh(9, 10), severity="S2")],
            1,
            "changes[0].at",
            "give changes in time order",
        ),
        (
            [Change(sh(9, 11), severity="S1"), Change(sh(9, 11), plan="Premium")],
            1,
            "changes[0].at",
            "at the same instant as changes[0].at",
        ),
    ]
    for changes, index, earlier, words in cases:
        with pytest.raises(HistoryOrderError) as info:
            sla.first_response_deadline(*args, changes=changes)
        error = info.value
        assert isinstance(error, InvalidInstantError)
        assert isinstance(error, InvalidHistoryError)
        assert (error.kind, error.index, error.at) == ("change", index, changes[index].at)
        assert error.argument == f"changes[{index}].at"
        assert error.earlier_argument == earlier
        assert words in str(error)


def test_a_change_naming_neither_severity_nor_plan_is_refused_by_index_and_instant() -> None:
    changes = [Change(sh(9, 10), severity="S1"), Change(sh(9, 11))]
    with pytest.raises(InvalidHistoryError) as info:
        sla.response_status(
            "developer", "S3", MONDAY_9, "Asia/Shanghai", now=sh(9, 12), changes=changes
        )
    error = info.value
    assert (error.kind, error.index, error.at, error.argument) == (
        "change",
        1,
        sh(9, 11),
        "changes[1]",
    )
    assert "names a new severity, a new plan, or both" in str(error)


def test_malformed_histories_are_refused_with_our_errors() -> None:
    args = ("developer", "S3", MONDAY_9, "Asia/Shanghai")
    with pytest.raises(HistoryTypeError, match=r"changes\[0\] must be a Change"):
        sla.first_response_deadline(*args, changes=[(sh(9, 10), "S1")])  # type: ignore[list-item]
    with pytest.raises(HistoryTypeError, match="changes must be"):
        sla.first_response_deadline(*args, changes="S1")  # type: ignore[arg-type]
    with pytest.raises(HistoryTypeError, match=r"pauses\[0\] must be a \(start, end\) pair"):
        sla.first_response_deadline(*args, pauses=[sh(9, 10)])  # type: ignore[list-item]
    with pytest.raises(NaiveInstantError):
        sla.first_response_deadline(*args, pauses=[(datetime(2025, 6, 9, 10), None)])
    with pytest.raises(NaiveInstantError):
        Change(datetime(2025, 6, 9, 10), severity="S1")
    with pytest.raises(HistoryTypeError):
        Change(sh(9, 10), severity=1.5)  # type: ignore[arg-type]
    with pytest.raises(UnknownSeverityError):
        sla.first_response_deadline(*args, changes=[Change(sh(9, 10), severity="S9")])


# -- the Change value --------------------------------------------------------------------


def test_a_change_is_an_immutable_value_that_round_trips_through_json() -> None:
    change = Change(sh(9, 10, 30), severity=sla.Severity.S1, plan=sla.Plan.PREMIUM)
    data = change.to_dict()
    assert data == {"at": "2025-06-09T10:30:00+08:00", "severity": "S1", "plan": "Premium"}
    again = Change.from_dict(json.loads(json.dumps(data)))
    assert again == change
    assert again.at.utcoffset() == timedelta(hours=8)
    assert pickle.loads(pickle.dumps(change)) == change
    assert hash(again) == hash(change)
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.severity = "S2"  # type: ignore[misc]
    assert Change.from_dict({"at": "2025-06-09T10:30:00+08:00", "severity": 2}).severity == 2
    with pytest.raises(InvalidInstantError):
        Change.from_dict({"at": "2025-06-09T10:30:00", "severity": "S1"})  # no offset
    with pytest.raises(InvalidInstantError):
        Change.from_dict({"at": "yesterday", "severity": "S1"})
    with pytest.raises(HistoryTypeError):
        Change.from_dict({"at": "2025-06-09T10:30:00+08:00", "sev": "S1"})


def test_the_explanation_lists_each_change_and_pause_and_what_it_did() -> None:
    args = ("developer", "S3", MONDAY_9, "Asia/Shanghai")
    result = sla.explanation(
        *args,
        policy=PAUSABLE_FROM_CHANGE,
        changes=[Change(sh(9, 11), severity="S1"), Change(sh(9, 12), severity="S1")],
        pauses=[(sh(9, 13), sh(9, 14)), (sh(9, 13, 30), sh(9, 14, 30))],
    )
    assert result.deadline == sh(9, 16, 30)  # 11:00 + 4h, with 13:00-14:30 paused
    assert [note.effect for note in result.changes] == ["retargeted", "unchanged"]
    assert result.changes[0].counts_from == sh(9, 11)
    assert result.changes[0].deadline == sh(9, 16, 30)  # with the pauses
    assert [(p.start, p.end, p.indices) for p in result.pauses] == [
        (sh(9, 13), sh(9, 14, 30), (0, 1))
    ]
    assert result.pauses[0].removed == timedelta(hours=1, minutes=30)
    assert sum((w.duration for w in result.windows), timedelta(0)) == timedelta(hours=4)
    text = str(result)
    assert "Clock starts: Mon 2025-06-09 11:00:00 +08:00, the target in force counts from" in text
    assert "changes[1] Mon 2025-06-09 12:00:00 +08:00  Developer S1 -> Developer S1: no eff" in text
    assert (
        "Mon 2025-06-09 13:00:00 +08:00 - Mon 2025-06-09 14:30:00 +08:00  1h30m not counted "
        "(pauses[0], pauses[1])"
    ) in text


def test_thousands_of_unsorted_pauses_are_sorted_and_merged_once() -> None:
    # One minute in two is paused, given out of order and each pause twice: the
    # hour of Premium S2 (wall clock) runs out after 119 minutes.
    created = sh(9, 9)
    minute = timedelta(minutes=1)
    pauses = [(created + (2 * k + 1) * minute, created + (2 * k + 2) * minute) for k in range(3000)]
    given = pauses[::-1] + pauses[::2] + pauses[1::2]
    deadline = sla.first_response_deadline(
        "premium", "S2", created, "Asia/Shanghai", policy=PAUSABLE, pauses=given
    )
    assert deadline == created + 119 * minute
    status = sla.response_status(
        "premium", "S2", created, "Asia/Shanghai", now=created + 10 * minute, policy=PAUSABLE,
        pauses=given,
    )  # fmt: skip
    assert status.consumed == 5 * minute
    assert status.paused == 5 * minute
