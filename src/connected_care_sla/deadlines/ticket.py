"""One ticket's first-response deadline, in integers, top to bottom.

Read this module with the calendar engine to follow one deadline.
[`first_response_deadline`][connected_care_sla.first_response_deadline] takes six steps, each in one
place:

1. the calendar: a [`BusinessCalendar`][connected_care_sla.BusinessCalendar], or a zone name meaning
   the default Monday to Friday 09:00-18:00 hours in that zone;
2. the creation instant: an aware ``datetime``, never a naive one;
3. the policy version in force on the ticket's local creation date (before the
   first version, the first);
4. the response-table cell of the plan and severity; none for Basic;
5. the ticket's history: the changes of severity and plan in force, and
   how the policy counts a new target (from the creation, or from the change);
6. the clock of the target in force: wall-clock time on absolute instants, or
   business time counted by the calendar, with paused time taken out when the
   policy lets the clock pause.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Literal, NamedTuple, TypeAlias

from .._instants import duration_us, from_us, reachable, representable, to_us
from ..calendar import BusinessCalendar
from ..exceptions import InvalidThresholdError, PolicyTypeError, ThresholdTypeError, ZoneTypeError
from ..policy import (
    Clock,
    PlanLike,
    Policy,
    PolicyBook,
    PolicyLike,
    ResponseTarget,
    SeverityLike,
    connected_care_policy,
)
from .history import (
    Change,
    ChangeAt,
    PauseAt,
    PauseLike,
    Pauses,
    TargetClock,
    closed,
    merge,
    read_changes,
    read_pauses,
)

__all__ = ["CalendarLike", "first_response_deadline"]

#: What ``calendar=`` accepts: a calendar, or an IANA zone name for the default hours.
CalendarLike: TypeAlias = "BusinessCalendar | str"


# -- step 1: the calendar -------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _default_calendar(zone: str) -> BusinessCalendar:
    """The default calendar of a zone, built once: a calendar caches its year tables."""
    return BusinessCalendar(zone)


def _calendar(calendar: object) -> BusinessCalendar:
    """The calendar of ``calendar=``: a calendar, or an IANA zone name for the default hours."""
    if isinstance(calendar, BusinessCalendar):
        return calendar
    if isinstance(calendar, str):
        return _default_calendar(calendar)
    raise ZoneTypeError(
        argument="calendar",
        value=calendar,
        expected="a BusinessCalendar or an IANA zone name such as 'Asia/Shanghai' (meaning "
        "Monday to Friday 09:00-18:00 there)",
    )


# -- step 3: the policy version ---------------------------------------------------


def _policy_on(policy: object, day: date | None) -> Policy:
    """The policy version in force on ``day`` (None: the latest).

    Before the first version took effect, the first applies (see ``policy`` module doc).
    """
    if policy is None:
        policy = connected_care_policy()
    if isinstance(policy, Policy):
        return policy
    if isinstance(policy, PolicyBook):
        return policy.latest if day is None else policy.in_force(day)
    raise PolicyTypeError(
        argument="policy",
        value=policy,
        expected="a Policy or a PolicyBook (see load_policy and load_policy_book)",
    )


# -- step 5: what each change did ---------------------------------------------------


class Step(NamedTuple):
    """What one change did: the cell before and after it, and whether it was in force."""

    change: ChangeAt
    before: tuple[str, str]
    after: tuple[str, str]
    target: ResponseTarget | None
    effect: Literal["retargeted", "unchanged", "after the response", "after now"]


# -- steps 2 to 6: one ticket ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ticket:
    """Everything about a ticket's target in force, in microseconds since the epoch.

    ``start`` is the instant the target in force counts from (the creation,
    or a change under ``retarget = "from-change"``); ``pauses`` the paused
    time that counts (none when the policy does not pause the clock).
    """

    calendar: BusinessCalendar
    created: int
    policy: Policy
    plan: str
    severity: str
    target: ResponseTarget | None
    deadline: int | None
    start: int = 0
    clock: TargetClock | None = None
    pauses: Pauses = ()
    pauses_ignored: bool = False
    read_pauses: tuple[PauseAt, ...] = ()
    steps: tuple[Step, ...] = ()
    opened: tuple[str, str] = ("", "")

    def at(self, us: int) -> datetime:
        """An instant as an aware datetime in the calendar's zone."""
        return from_us(us, self.calendar.zone)

    @property
    def predates_policy(self) -> bool:
        first = self.policy.effective_from
        return first is not None and self.at(self.created).date() < first

    def consumed(self, until: int) -> int:
        """Unpaused time on the target's clock from its start to ``until`` (µs)."""
        assert self.clock is not None
        return self.clock.unpaused(self.start, until, self.pauses)

    def reached(self, amount: int) -> int:
        """The earliest instant by which ``amount`` µs of the target is consumed."""
        assert self.clock is not None
        return self.clock.paused_add(self.start, amount, self.pauses)


def _clock(cal: BusinessCalendar, target: ResponseTarget, created_at: datetime) -> TargetClock:
    """The integer clock of a target: real time, or the calendar's business time."""
    if target.clock is Clock.WALL:
        # Elapsed real time on absolute instants: across a DST change "1 hour"
        # is still 3,600 seconds.
        return TargetClock(add=int.__add__, elapsed=lambda a, b: b - a)
    engine = cal._engine

    def add(start: int, amount: int) -> int:
        # Only time inside business windows counts; outside them, the clock
        # starts at the next opening; a target that runs out exactly at a close
        # is due at that close. DST and holidays are the engine's.
        reachable(created_at, start, amount, target.duration)
        return engine.add(start, amount)

    return TargetClock(add=add, elapsed=engine.elapsed)


def _open_ticket(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    policy: PolicyLike | None,
) -> _Ticket:
    """Steps 1 to 4, and 6 for the target of the creation: the ticket in integers.

    The creation instant crosses in once.
    """
    cal = _calendar(calendar)  # step 1
    created = representable(to_us(created_at, "created_at"))  # step 2: naive ones refused
    engine = cal._engine
    ordinal = engine.local_ordinal(created_at)
    terms = _policy_on(policy, date.fromordinal(ordinal))  # step 3
    plan_key, severity_key, target = terms._cell(plan, severity)  # step 4: None, no target
    deadline, clock = None, None
    if target is not None:  # step 6, on the target's own clock
        amount = duration_us(target.duration)
        clock = _clock(cal, target, created_at)
        if target.clock is Clock.WALL:
            # Elapsed real time on absolute instants: across a DST change "1 hour"
            # is still 3,600 seconds.
            deadline = created + amount
        else:
            # Only time inside business windows counts; created outside them, the
            # clock starts at the next opening; a target that runs out exactly at
            # a close is due at that close. DST and holidays are the engine's.
            reachable(created_at, created, amount, target.duration)
            deadline = engine.add(created, amount)
    opened = (plan_key, severity_key)
    return _Ticket(
        cal, created, terms, plan_key, severity_key, target, deadline, created, clock,
        opened=opened,
    )  # fmt: skip


def _with_history(
    ticket: _Ticket,
    created_at: datetime,
    changes: Iterable[Change],
    pauses: Iterable[PauseLike],
    *,
    responded: int | None = None,
    now: int | None = None,
    question: str = "the deadline",
) -> _Ticket:
    """Step 5, then step 6 again for the target in force: the ticket after its history.

    ``responded`` and ``now`` (µs; None: no such instant) bound the history: a
    change counts when it lies strictly before the response and at or before
    ``now``; paused time counts up to the earlier of the two. Without ``now``
    an ongoing pause is refused (``question`` names what was asked). With
    no changes and no pauses the ticket is the one of its creation.
    """
    history = read_changes(changes, ticket.created, created_at)
    given = read_pauses(pauses)
    if now is None:
        closed(given, question)
    if not history and not given:
        return ticket
    terms = ticket.policy
    plan_key, severity_key, target = ticket.plan, ticket.severity, ticket.target
    start, steps = ticket.created, []
    for change in history:
        new = change.change
        cell = terms._cell(
            plan_key if new.plan is None else new.plan,
            severity_key if new.severity is None else new.severity,
        )
        before, after = (plan_key, severity_key), cell[:2]
        if responded is not None and change.at >= responded:
            steps.append(Step(change, before, after, cell[2], "after the response"))
        elif now is not None and change.at > now:
            steps.append(Step(change, before, after, cell[2], "after now"))
        elif after == before:  # changes nothing; under from-change no restart either
            steps.append(Step(change, before, after, target, "unchanged"))
        else:
            plan_key, severity_key, target = cell
            if terms.retarget == "from-change":
                start = change.at
            steps.append(Step(change, before, after, target, "retargeted"))

    cut = min((t for t in (responded, now) if t is not None), default=None)
    counted = merge(given, cut) if terms.pausable else ()
    clock, deadline = None, None
    if target is not None:  # step 6, on the clock of the target in force
        clock = _clock(ticket.calendar, target, created_at)
        deadline = clock.paused_add(start, duration_us(target.duration), counted)
    return dataclasses.replace(
        ticket,
        plan=plan_key,
        severity=severity_key,
        target=target,
        deadline=deadline,
        start=start,
        clock=clock,
        pauses=counted,
        pauses_ignored=bool(given) and not terms.pausable,
        read_pauses=tuple(given),
        steps=tuple(steps),
    )


# -- shares of a target -------------------------------------------------------------


def _exact_number(value: object) -> bool:
    if isinstance(value, Decimal):
        return value.is_finite()
    return isinstance(value, (int, Fraction)) and not isinstance(value, bool)


def _threshold(at_risk: object, argument: str = "at_risk") -> Fraction:
    """A share of a target as an exact fraction in ``(0, 1]``.

    A float is read as the decimal it prints as (0.8 is 4/5, not 0.8000000000000000444).
    """
    value: Fraction | None = None
    if isinstance(at_risk, float) and math.isfinite(at_risk):
        value = Fraction(repr(at_risk))
    elif _exact_number(at_risk):
        assert isinstance(at_risk, (int, Fraction, Decimal))
        value = Fraction(at_risk)
    if value is None or not 0 < value <= 1:
        number = isinstance(at_risk, (int, float, Fraction, Decimal)) and not isinstance(
            at_risk, bool
        )
        wrong = InvalidThresholdError if number else ThresholdTypeError
        what = (
            "the share of the target consumed from which a ticket is at risk (e.g. 0.75)"
            if argument == "at_risk"
            else "the share of the target consumed at which to escalate (e.g. 0.5)"
        )
        raise wrong(
            argument=argument,
            value=at_risk,
            expected=f"a number with 0 < {argument} <= 1, {what}",
        )
    return value


def _share_amount(share: Fraction, target: ResponseTarget) -> int:
    """``share x target`` in whole µs, rounded up: the first whole µs at which it is reached."""
    return math.ceil(share * duration_us(target.duration))


# -- the deadline -------------------------------------------------------------------


def first_response_deadline(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    *,
    policy: PolicyLike | None = None,
    changes: Iterable[Change] = (),
    pauses: Iterable[PauseLike] = (),
) -> datetime | None:
    """By when support must first respond to a ticket, or None when the plan has no target.

    Args:
        plan: a [`Plan`][connected_care_sla.Plan] or a plan name in any letter case
            (``"enterprise"``).
        severity: a [`Severity`][connected_care_sla.Severity], a name (``"s1"``) or an int (``1``).
        created_at: the ticket's creation, a time-zone-aware ``datetime``.
        calendar: a [`BusinessCalendar`][connected_care_sla.BusinessCalendar], or an IANA zone name
            for the default Monday to Friday 09:00-18:00 hours in that zone.
        policy: a [`Policy`][connected_care_sla.Policy] or
            [`PolicyBook`][connected_care_sla.PolicyBook]; the built-in Connected Care policy by
            default. Of a book, the version in force on the creation date (local to the calendar)
            applies, whatever the changes.
        changes: the ticket's severity and plan changes, [`Change`][connected_care_sla.Change]
            values in time order. The latest one sets the target in force;
            the policy's ``retarget`` says whether that target counts from the
            creation (the default) or from the change. A change to a plan
            without a target leaves none.
        pauses: ``(start, end)`` pairs of aware datetimes, each the half-open
            interval ``[start, end)`` in which the clock stops, when the
            policy is ``pausable`` (otherwise they are checked and ignored).
            Paused time is taken out on the target's own clock: business time
            inside the pause for a business-hour target, real time for a
            wall-clock one. Overlapping pauses count once.

    Returns:
        An aware ``datetime`` in the calendar's zone; the same instant given in
        another offset gives the same deadline. None without a target.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> saturday = datetime(2025, 6, 7, 3, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> first_response_deadline("Enterprise", "S1", saturday, "Asia/Shanghai")
        datetime.datetime(2025, 6, 7, 4, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))

    Raises:
        UnknownPlanError, UnknownSeverityError: not in the policy; the message lists them.
        InvalidInstantError: ``created_at`` is naive or not a datetime.
        HistoryOrderError: a change before the creation, changes out of time
            order or two at one instant, or a pause that ends before it starts.
        InvalidHistoryError: a change naming neither a severity nor a plan;
            [`OngoingPauseError`][connected_care_sla.exceptions.OngoingPauseError], a pause without
            an end (ask [`response_status`][connected_care_sla.response_status], which counts it up
            to ``now``).
        UnknownZoneError: the calendar is neither a calendar nor a known zone name.
        PolicyError: ``policy`` is not a Policy or PolicyBook.
    """
    ticket = _open_ticket(plan, severity, created_at, calendar, policy)
    ticket = _with_history(ticket, created_at, changes, pauses)
    return None if ticket.deadline is None else ticket.at(ticket.deadline)
