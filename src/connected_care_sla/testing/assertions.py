"""Assertions that explain themselves: a deadline honours its target, a status is right."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Final

from hypothesis.errors import InvalidArgument

from .._instants import to_us
from .._text import when as _when
from ..calendar import BusinessCalendar
from ..deadlines import (
    CalendarLike,
    ResponseStatus,
    Status,
)
from ..policy import Clock, Policy, PolicyBook, PolicyLike, connected_care_policy, format_duration

__all__ = ["assert_deadline_honours_target", "assert_status"]

_US: Final = timedelta(microseconds=1)


def _versions(policy: PolicyLike | None) -> tuple[Policy, ...]:
    if policy is None:
        return (connected_care_policy(),)
    if isinstance(policy, Policy):
        return (policy,)
    if isinstance(policy, PolicyBook):
        return policy.versions
    raise InvalidArgument(f"policy must be a Policy, a PolicyBook or None, got {policy!r}")


def assert_deadline_honours_target(
    plan: str,
    severity: str | int,
    created: datetime,
    deadline: datetime | None,
    calendar: CalendarLike,
    policy: PolicyLike | None = None,
) -> None:
    """Check a deadline against the response target it should honour.

    Independent of how ``deadline`` was computed (your code, a database, the
    library): the target is looked up in ``policy`` (the version in force on
    the creation date, local to the calendar), then

    * no target (Basic): the deadline must be None;
    * a wall-clock target: exactly the target's real time after ``created``
      (DST changes do not stretch it);
    * a business-hour target: exactly the target's business time after
      ``created`` by ``calendar.elapsed``, and the earliest such instant (so a
      target that runs out at 18:00 is due at 18:00, not at the next opening).

    Raises:
        AssertionError: the deadline does not honour the target; the message
            says by how much, in the target's own clock.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> sh = ZoneInfo("Asia/Shanghai")
        >>> friday = datetime(2025, 6, 6, 17, 0, tzinfo=sh)
        >>> monday_noon = datetime(2025, 6, 9, 12, 0, tzinfo=sh)
        >>> assert_deadline_honours_target("developer", "S1", friday, monday_noon, "Asia/Shanghai")
        >>> assert_deadline_honours_target(  # doctest: +NORMALIZE_WHITESPACE
        ...     "developer", "S1", friday, monday_noon + timedelta(hours=1), "Asia/Shanghai"
        ... )
        Traceback (most recent call last):
        ...
        AssertionError: Developer S1 (4 business hours) created Fri 2025-06-06 17:00:00 +08:00 in
        Asia/Shanghai: the deadline Mon 2025-06-09 13:00:00 +08:00 is 5h of business time after
        creation, not 4h
    """
    cal = calendar if isinstance(calendar, BusinessCalendar) else BusinessCalendar(calendar)
    to_us(created, "created")  # refuses a naive time, which would be read in the process zone
    local_day = created.astimezone(UTC).astimezone(cal.zone).date()
    versions = _versions(policy)
    version = versions[0] if policy is None else policy.in_force(local_day)
    plan_key, severity_key = version.plan_key(plan), version.severity_key(severity)
    target = version.target(plan_key, severity_key)
    head = f"{plan_key} {severity_key} ({target or 'no target'}) created {_when(created)}"
    head += f" in {cal.zone.key}"
    if target is None:
        if deadline is not None:
            raise AssertionError(f"{head}: the plan has no target, yet a deadline {deadline!r}")
        return
    if not isinstance(deadline, datetime):
        raise AssertionError(f"{head}: the deadline {deadline!r} is not a datetime")
    if deadline.utcoffset() is None:
        raise AssertionError(f"{head}: the deadline {deadline!r} is naive")
    shown = _when(deadline)
    if target.clock is Clock.WALL:
        taken = deadline.astimezone(UTC) - created.astimezone(UTC)
        if taken != target.duration:
            raise AssertionError(
                f"{head}: the deadline {shown} is {format_duration(taken)} of real time after "
                f"creation, not {format_duration(target.duration)}"
            )
        return
    taken = cal.elapsed(created, deadline)
    if taken != target.duration:
        raise AssertionError(
            f"{head}: the deadline {shown} is {format_duration(taken)} of business time after "
            f"creation, not {format_duration(target.duration)}"
        )
    just_before = deadline.astimezone(UTC) - _US
    earlier = cal.elapsed(created, just_before)
    if earlier >= target.duration:
        raise AssertionError(
            f"{head}: the deadline {shown} is not the earliest instant honouring the target: "
            f"{format_duration(earlier)} of business time had passed a microsecond before it, "
            f"at {_when(just_before.astimezone(cal.zone))}"
        )


def _state(expected: Status | str) -> Status:
    if isinstance(expected, Status):
        return expected
    wanted = str(expected).strip().casefold().replace("_", " ").replace("-", " ")
    for state in Status:
        if wanted in (state.value, state.name.casefold().replace("_", " ")):
            return state
    raise InvalidArgument(
        f"unknown state {expected!r}; expected a Status or one of "
        f"{', '.join(repr(s.value) for s in Status)}"
    )


def assert_status(status: ResponseStatus, expected: Status | str | None = None) -> None:
    """Check that a `ResponseStatus` is consistent, and its state.

    Consistent: the state follows from the deadline, ``now``, the response
    and the at-risk share (``MET`` or ``MISSED`` once responded, ``BREACHED``
    after the deadline, ``AT_RISK`` from the at-risk share on, else
    ``ON_TRACK``; ``NO_TARGET`` without a target), and ``remaining`` and
    ``fraction_consumed`` agree with ``consumed``. ``expected`` may be a
    [`Status`][connected_care_sla.Status] or its text (``"at risk"``, ``"AT_RISK"``).

    Raises:
        AssertionError: with the status in words.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> from connected_care_sla import response_status
        >>> sh = ZoneInfo("Asia/Shanghai")
        >>> created = datetime(2025, 6, 6, 17, 0, tzinfo=sh)
        >>> status = response_status("developer", "S1", created, "Asia/Shanghai",
        ...                          now=datetime(2025, 6, 9, 11, 0, tzinfo=sh))
        >>> assert_status(status, "at risk")
        >>> assert_status(status, "on track")  # doctest: +NORMALIZE_WHITESPACE
        Traceback (most recent call last):
        ...
        AssertionError: expected ON TRACK, got AT RISK: Developer S1, target 4 business hours,
        due Mon 2025-06-09 12:00:00 +08:00; 3h consumed (75.0%), 1h remaining
    """
    text = str(status)
    derived = _derived_state(status, text)
    if status.state is not derived:
        raise AssertionError(
            f"the state should be {derived.value.upper()}, got {status.state.value.upper()}: {text}"
        )
    if expected is not None:
        wanted = _state(expected)
        if status.state is not wanted:
            raise AssertionError(f"expected {wanted.value.upper()}, got {text}")


def _derived_state(status: ResponseStatus, text: str) -> Status:
    """The state the other fields of ``status`` imply (after checking they agree)."""
    if status.target is None or status.deadline is None:
        if status.consumed is not None or status.remaining is not None:
            raise AssertionError(f"amounts of time without a target: {text}")
        return Status.NO_TARGET
    consumed, remaining = status.consumed, status.remaining
    if consumed is None or remaining is None or status.fraction_consumed is None:
        raise AssertionError(f"a target without amounts of time: {text}")
    if remaining != status.target.duration - consumed:
        raise AssertionError(f"remaining is not target - consumed: {text}")
    if status.fraction_consumed != Fraction(consumed // _US, status.target.duration // _US):
        raise AssertionError(f"fraction_consumed is not consumed / target: {text}")
    deadline, now = status.deadline.astimezone(UTC), status.now.astimezone(UTC)
    if status.responded_at is not None:
        responded = status.responded_at.astimezone(UTC)
        if responded > now:
            raise AssertionError(f"a response after now: {text}")
        return Status.MET if responded <= deadline else Status.MISSED
    if now > deadline:
        return Status.BREACHED
    return Status.AT_RISK if status.fraction_consumed >= status.at_risk else Status.ON_TRACK
