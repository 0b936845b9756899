"""Hypothesis strategies for a ticket's history: severity and plan changes, and pauses.

Histories lean towards the hard cases: a change at the creation instant, a
change that leaves plan and severity as they were, a downgrade to a plan
without a target; pauses that overlap, that are empty, that start before the
creation, that end at a window edge, and pauses still going on.
[`assert_deadline_honours_history`][connected_care_sla.testing.assert_deadline_honours_history]
checks a deadline against a history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._text import when as _when
from ..calendar import BusinessCalendar
from ..deadlines import CalendarLike, Change, PauseLike
from ..policy import Clock, PolicyLike, format_duration
from .assertions import _versions

__all__ = ["assert_deadline_honours_history", "changes", "pauses"]

_MINUTE: Final = timedelta(minutes=1)
_US: Final = timedelta(microseconds=1)


def _aware(moment: datetime, argument: str) -> datetime:
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise InvalidArgument(f"{argument} must be an aware datetime, got {moment!r}")
    return moment


def _offsets(span: timedelta, near: tuple[timedelta, ...] = ()) -> st.SearchStrategy[timedelta]:
    """Offsets in ``[0, span]``: whole minutes mostly, a microsecond off now and then, and
    the offsets of the instants to lean towards (exactly, or a microsecond either side)."""
    minutes = span // _MINUTE
    choices = [
        st.integers(0, minutes).map(lambda m: m * _MINUTE),
        st.integers(0, minutes).map(lambda m: max(m * _MINUTE - _US, timedelta(0))),
        st.sampled_from([timedelta(0), timedelta(hours=1), timedelta(hours=2)]),
    ]
    close = [
        n + d for n in near for d in (timedelta(0), _US, -_US) if timedelta(0) <= n + d <= span
    ]
    if close:
        choices.append(st.sampled_from(close))
    return st.one_of(choices)


def _near(created: datetime, near: Iterable[datetime | None]) -> tuple[timedelta, ...]:
    """The offsets from ``created`` of the aware instants in ``near`` (None: skipped)."""
    result = []
    for moment in near:
        if moment is not None:
            result.append(_aware(moment, "near").astimezone(UTC) - created.astimezone(UTC))
    return tuple(result)


def changes(
    created: datetime,
    policy: PolicyLike | None = None,
    *,
    max_size: int = 4,
    within: timedelta = timedelta(days=5),
    near: Iterable[datetime | None] = (),
) -> st.SearchStrategy[tuple[Change, ...]]:
    """Histories of [`Change`][connected_care_sla.Change] values for a ticket created at
    ``created``: in strictly increasing time order, none before the creation, each
    naming a severity, a plan or both of the policy's first version.

    Args:
        created: the creation instant (an aware datetime).
        policy: a [`Policy`][connected_care_sla.Policy] or
            [`PolicyBook`][connected_care_sla.PolicyBook] (default: the built-in one).
        max_size: the most changes in one history.
        within: changes lie in ``[created, created + within]``.
        near: instants to lean towards (a deadline, a window edge, a DST change):
            changes fall exactly on them, or a microsecond either side.
    """
    created = _aware(created, "created")
    version = _versions(policy)[0]
    leaning = _near(created, near)

    @st.composite
    def draw_changes(draw: st.DrawFn) -> tuple[Change, ...]:
        offsets = draw(st.lists(_offsets(within, leaning), max_size=max_size, unique=True))
        result = []
        for offset in sorted(offsets):
            at = (created.astimezone(UTC) + offset).astimezone(created.tzinfo)
            kind = draw(st.sampled_from(["severity", "plan", "both"]))
            severity = draw(st.sampled_from(version.severities)) if kind != "plan" else None
            plan = draw(st.sampled_from(version.plans)) if kind != "severity" else None
            result.append(Change(at, severity=severity, plan=plan))
        return tuple(result)

    return draw_changes()


def pauses(
    created: datetime,
    *,
    max_size: int = 4,
    within: timedelta = timedelta(days=5),
    ongoing: bool = False,
    near: Iterable[datetime | None] = (),
) -> st.SearchStrategy[tuple[PauseLike, ...]]:
    """Pauses ``(start, end)`` around a ticket created at ``created``: some overlapping,
    some empty, some starting up to a day before the creation; with ``ongoing``, the
    last may have no end (``(start, None)``).

    Args:
        created: the creation instant (an aware datetime).
        max_size: the most pauses in one history.
        within: pauses start in ``[created - 1 day, created + within]``.
        ongoing: whether a pause may still be going on.
        near: instants to lean towards: pauses start on them, or a microsecond
            either side (with a weekend or a DST change, a pause across it).
    """
    created = _aware(created, "created")
    earliest = created.astimezone(UTC) - timedelta(days=1)
    leaning = tuple(offset + timedelta(days=1) for offset in _near(created, near))

    @st.composite
    def draw_pauses(draw: st.DrawFn) -> tuple[PauseLike, ...]:
        count = draw(st.integers(0, max_size))
        result: list[PauseLike] = []
        for _ in range(count):
            start = earliest + draw(_offsets(within + timedelta(days=1), leaning))
            length = draw(_offsets(timedelta(days=2)))
            result.append(
                (start.astimezone(created.tzinfo), (start + length).astimezone(created.tzinfo))
            )
        if ongoing and result and draw(st.booleans()):
            result[-1] = (result[-1][0], None)
        return tuple(result)

    return draw_pauses()


def _union(spans: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted((s.astimezone(UTC), e.astimezone(UTC)) for s, e in spans if s < e):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def assert_deadline_honours_history(
    plan: str,
    severity: str | int,
    created: datetime,
    deadline: datetime | None,
    calendar: CalendarLike,
    policy: PolicyLike | None = None,
    *,
    changes: Iterable[Change] = (),
    pauses: Iterable[PauseLike] = (),
) -> None:
    """Check a deadline against a ticket's history: the target in force, counted as the
    policy says, with paused time taken out.

    Independent of how ``deadline`` was computed: the target in force is that
    of the latest change that changed plan or severity (``changes`` in time
    order), counted from the creation or, under ``retarget = "from-change"``,
    from that change; when the policy is ``pausable``, the union of the
    (ended) pauses is taken out on the target's clock (``calendar.elapsed``
    for business time, real time for a wall clock). The deadline must be the
    earliest instant at which the target's worth has been consumed.

    Raises:
        AssertionError: the deadline does not honour the history; the message
            says how much was consumed by it.
        hypothesis.errors.InvalidArgument: an ongoing pause (no deadline can
            be checked before it ends).

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> sh = ZoneInfo("Asia/Shanghai")
        >>> monday = datetime(2025, 6, 9, 9, 0, tzinfo=sh)
        >>> raised = [Change(datetime(2025, 6, 9, 11, 0, tzinfo=sh), severity="S1")]
        >>> assert_deadline_honours_history(
        ...     "developer", "S3", monday, datetime(2025, 6, 9, 13, 0, tzinfo=sh), "Asia/Shanghai",
        ...     changes=raised,
        ... )
    """
    cal = calendar if isinstance(calendar, BusinessCalendar) else BusinessCalendar(calendar)
    _aware(created, "created")
    local_day = created.astimezone(UTC).astimezone(cal.zone).date()
    version = _versions(policy)[0] if policy is None else policy.in_force(local_day)
    plan_key, severity_key = version.plan_key(plan), version.severity_key(severity)
    start = created.astimezone(UTC)
    for change in changes:
        new = (
            plan_key if change.plan is None else version.plan_key(change.plan),
            severity_key if change.severity is None else version.severity_key(change.severity),
        )
        if new != (plan_key, severity_key):
            plan_key, severity_key = new
            if version.retarget == "from-change":
                start = change.at.astimezone(UTC)
    target = version.target(plan_key, severity_key)
    head = f"{plan_key} {severity_key} ({target or 'no target'}) created {_when(created)}"
    if target is None:
        if deadline is not None:
            raise AssertionError(f"{head}: no target is in force, yet a deadline {deadline!r}")
        return
    closed: list[tuple[datetime, datetime]] = []
    for pause_start, pause_end in pauses:
        if pause_end is None:
            raise InvalidArgument("a deadline can be checked only once every pause has ended")
        closed.append((pause_start, pause_end))
    paused = _union(closed) if version.pausable else []

    def clock(low: datetime, high: datetime) -> timedelta:
        if high <= low:
            return timedelta(0)
        return high - low if target.clock is Clock.WALL else cal.elapsed(low, high)

    def consumed(until: datetime) -> timedelta:
        taken = clock(start, until)
        for low, high in paused:
            taken -= clock(max(low, start), min(high, until))
        return taken

    if not isinstance(deadline, datetime) or deadline.utcoffset() is None:
        raise AssertionError(f"{head}: the deadline {deadline!r} is not an aware datetime")
    at = deadline.astimezone(UTC)
    if consumed(at) != target.duration or (at > start and consumed(at - _US) >= target.duration):
        raise AssertionError(
            f"{head}: by the deadline {_when(deadline)}, {format_duration(consumed(at))} of the "
            f"target is consumed, not exactly {format_duration(target.duration)} for the first time"
        )
