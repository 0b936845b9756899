"""First-response deadlines, end to end.

Read this file top to bottom to follow one deadline. :func:`first_response_deadline`
takes five steps, each in one place:

1. the calendar: a :class:`BusinessCalendar`, or a zone name meaning the default
   Monday to Friday 09:00-18:00 hours in that zone;
2. the creation instant: an aware ``datetime``, never a naive one;
3. the policy version in force on the ticket's local creation date (before the
   first version, the first);
4. the response-table cell of the plan and severity; none for Basic;
5. the clock of that cell: wall-clock time on absolute instants, or
   business time counted by the calendar.

:func:`response_status` then places ``now`` against that deadline, and
:func:`explanation` writes the derivation out for a support engineer.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from connected_care_sla import Plan, Severity
>>> friday = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> first_response_deadline("developer", "S1", friday, "Asia/Shanghai").isoformat()
'2025-06-09T12:00:00+08:00'
>>> first_response_deadline(Plan.BASIC, Severity.S1, friday, "Asia/Shanghai") is None
True
"""

from __future__ import annotations

import functools
import math
import textwrap
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Final, Literal, TypeAlias

from ._instants import duration_us, from_us, reachable, representable, to_us, us_to_timedelta
from .calendar import BusinessCalendar, BusinessWindow
from .exceptions import (
    InstantsOutOfOrderError,
    InvalidThresholdError,
    PolicyTypeError,
    ThresholdTypeError,
    ZoneTypeError,
)
from .policy import (
    Clock,
    PlanLike,
    Policy,
    PolicyBook,
    PolicyLike,
    ResponseTarget,
    SeverityLike,
    connected_care_policy,
    format_duration,
)

__all__ = [
    "CalendarLike",
    "Explanation",
    "OffsetChange",
    "PassedDay",
    "ResponseStatus",
    "Status",
    "explanation",
    "first_response_deadline",
    "response_status",
]

#: What ``calendar=`` accepts: a calendar, or an IANA zone name for the default hours.
CalendarLike: TypeAlias = "BusinessCalendar | str"

_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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


# -- steps 2 to 5: one ticket ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ticket:
    """Everything fixed at a ticket's creation, in microseconds since the epoch."""

    calendar: BusinessCalendar
    created: int
    policy: Policy
    plan: str
    severity: str
    target: ResponseTarget | None
    deadline: int | None

    def at(self, us: int) -> datetime:
        """An instant as an aware datetime in the calendar's zone."""
        return from_us(us, self.calendar.zone)

    @property
    def predates_policy(self) -> bool:
        first = self.policy.effective_from
        return first is not None and self.at(self.created).date() < first


def _open_ticket(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    policy: PolicyLike | None,
) -> _Ticket:
    """Steps 1 to 5: the ticket in integers. The creation instant crosses in once."""
    cal = _calendar(calendar)  # step 1
    created = representable(to_us(created_at, "created_at"))  # step 2: naive ones refused
    engine = cal._engine
    ordinal = engine.local_ordinal(created_at)
    terms = _policy_on(policy, date.fromordinal(ordinal))  # step 3
    plan_key, severity_key, target = terms._cell(plan, severity)  # step 4: None, no target
    deadline = None
    if target is not None:  # step 5, on the target's own clock
        amount = duration_us(target.duration)
        if target.clock is Clock.WALL:
            # Elapsed real time on absolute instants: across a DST change "1 hour"
            # is still 3,600 seconds.
            deadline = created + amount
        else:
            # Only time inside business windows counts; created outside them, the
            # clock starts at the next opening; a target that runs out exactly at
            # a close is due at that close. DST and holidays are the engine's.
            reachable(created_at, created, amount, target.duration)
            deadline = engine.add(created, amount, ordinal)
    return _Ticket(cal, created, terms, plan_key, severity_key, target, deadline)


def _consumed(ticket: _Ticket, until: int) -> int:
    """Time on the target's clock from creation to ``until`` (µs)."""
    assert ticket.target is not None
    if ticket.target.clock is Clock.WALL:
        return until - ticket.created
    return ticket.calendar._engine.elapsed(ticket.created, until)


# -- the public questions ---------------------------------------------------------


def first_response_deadline(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    *,
    policy: PolicyLike | None = None,
) -> datetime | None:
    """By when support must first respond to a ticket, or None when the plan has no target.

    Args:
        plan: a :class:`Plan` or a plan name in any letter case (``"enterprise"``).
        severity: a :class:`Severity`, a name (``"s1"``) or an int (``1``).
        created_at: the ticket's creation, a time-zone-aware ``datetime``.
        calendar: a :class:`BusinessCalendar`, or an IANA zone name for the
            default Monday to Friday 09:00-18:00 hours in that zone.
        policy: a :class:`Policy` or :class:`PolicyBook`; the built-in
            Connected Care policy by default. Of a book, the version in force
            on the creation date (local to the calendar) applies.

    Returns:
        An aware ``datetime`` in the calendar's zone; the same instant given in
        another offset gives the same deadline. None for Basic.

    >>> from zoneinfo import ZoneInfo
    >>> saturday = datetime(2025, 6, 7, 3, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> first_response_deadline("Enterprise", "S1", saturday, "Asia/Shanghai")
    datetime.datetime(2025, 6, 7, 4, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))

    Raises:
        UnknownPlanError, UnknownSeverityError: not in the policy; the message lists them.
        InvalidInstantError: ``created_at`` is naive or not a datetime.
        UnknownZoneError: the calendar is neither a calendar nor a known zone name.
        PolicyError: ``policy`` is not a Policy or PolicyBook.
    """
    ticket = _open_ticket(plan, severity, created_at, calendar, policy)
    return None if ticket.deadline is None else ticket.at(ticket.deadline)


# -- status -----------------------------------------------------------------------


class Status(Enum):
    """Where a ticket's first response stands at ``now``."""

    #: Not responded; less than the at-risk share of the target consumed.
    ON_TRACK = "on track"
    #: Not responded; at least the at-risk share consumed, deadline not passed.
    AT_RISK = "at risk"
    #: Not responded and ``now`` is after the deadline.
    BREACHED = "breached"
    #: Responded at or before the deadline.
    MET = "met"
    #: Responded after the deadline.
    MISSED = "missed"
    #: The plan has no response target (Basic, SPEC 1).
    NO_TARGET = "no target"

    def __repr__(self) -> str:
        return f"Status.{self.name}"


@dataclass(frozen=True, slots=True)
class ResponseStatus:
    """A ticket's first-response status at one instant (see :func:`response_status`).

    ``consumed`` and ``remaining`` are measured on the target's own clock:
    business time for business-hour targets, elapsed time for wall-clock ones.
    The clock stops at the response. ``remaining`` is negative once overdue.
    With no target, the deadline and all amounts are None.
    """

    state: Status
    plan: str
    severity: str
    target: ResponseTarget | None
    created_at: datetime
    now: datetime
    responded_at: datetime | None
    deadline: datetime | None
    consumed: timedelta | None
    remaining: timedelta | None
    fraction_consumed: Fraction | None
    at_risk: Fraction
    policy: Policy

    def __repr__(self) -> str:
        if self.deadline is None:
            return f"ResponseStatus({self.state!r}, {self.plan} {self.severity}, no target)"
        assert self.remaining is not None
        assert self.fraction_consumed is not None
        return (
            f"ResponseStatus({self.state!r}, {self.plan} {self.severity}, "
            f"deadline={self.deadline.isoformat()}, remaining={format_duration(self.remaining)}, "
            f"consumed={_percent(self.fraction_consumed)})"
        )

    def _repr_html_(self) -> str:
        """Compact HTML for notebooks (Jupyter calls this)."""
        from .display import StatusView, status_html

        if self.target is None or self.deadline is None:
            return status_html(
                StatusView(self.state.value, self.plan, self.severity, self.created_at, self.now)
            )
        assert self.remaining is not None
        assert self.fraction_consumed is not None
        view = StatusView(
            self.state.value,
            self.plan,
            self.severity,
            self.created_at,
            self.now,
            target=str(self.target),
            business=self.target.is_business,
            deadline=self.deadline,
            responded_at=self.responded_at,
            remaining_us=duration_us(self.remaining),
            consumed=float(self.fraction_consumed),
        )
        return status_html(view)

    def __str__(self) -> str:
        head = f"{self.state.value.upper()}: {self.plan} {self.severity}"
        if self.target is None or self.deadline is None:
            return f"{head}, no first-response target"
        assert self.consumed is not None
        assert self.remaining is not None
        assert self.fraction_consumed is not None
        return (
            f"{head}, target {self.target}, due {_when(self.deadline)}; "
            f"{format_duration(self.consumed)} consumed "
            f"({_percent(self.fraction_consumed)}), {format_duration(self.remaining)} remaining"
        )


def _percent(fraction: Fraction) -> str:
    return f"{float(fraction * 100):.1f}%"  # display only; the arithmetic is exact


def _exact_number(value: object) -> bool:
    if isinstance(value, Decimal):
        return value.is_finite()
    return isinstance(value, (int, Fraction)) and not isinstance(value, bool)


def _threshold(at_risk: object) -> Fraction:
    """The at-risk share as an exact fraction in ``(0, 1]``.

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
        raise wrong(
            argument="at_risk",
            value=at_risk,
            expected="a number with 0 < at_risk <= 1, the share of the target consumed from "
            "which a ticket is at risk (e.g. 0.75)",
        )
    return value


def response_status(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    *,
    now: datetime,
    responded_at: datetime | None = None,
    at_risk: float | Fraction | Decimal = 0.75,
    policy: PolicyLike | None = None,
) -> ResponseStatus:
    """Where a ticket's first response stands at ``now``.

    Nothing reads the system clock: ``now`` is always given.

    * No target (Basic): ``NO_TARGET``.
    * Responded at or before ``now``: ``MET`` when ``responded_at <= deadline``,
      otherwise ``MISSED``. A ``responded_at`` after ``now`` has not happened
      yet at ``now`` and is ignored (the status is as of ``now``).
    * Not responded: ``BREACHED`` when ``now`` is after the deadline; else
      ``AT_RISK`` when at least ``at_risk`` of the target is consumed; else
      ``ON_TRACK``. As ``now`` advances a ticket only moves forward through
      ``ON_TRACK``, ``AT_RISK``, ``BREACHED``.

    >>> from zoneinfo import ZoneInfo
    >>> shanghai = ZoneInfo("Asia/Shanghai")
    >>> created = datetime(2025, 6, 6, 17, 0, tzinfo=shanghai)  # a Friday
    >>> monday = datetime(2025, 6, 9, 11, 0, tzinfo=shanghai)
    >>> status = response_status("developer", "S1", created, "Asia/Shanghai", now=monday)
    >>> status.state, status.remaining, status.consumed
    (Status.AT_RISK, datetime.timedelta(seconds=3600), datetime.timedelta(seconds=10800))

    Raises:
        InvalidInstantError: a naive time, ``now`` before ``created_at``, or
            ``responded_at`` before ``created_at`` (a response cannot precede
            its ticket).
        ValueError: ``at_risk`` is not a number in ``(0, 1]``.
        UnknownPlanError, UnknownSeverityError, UnknownZoneError, PolicyError:
            as :func:`first_response_deadline`.
    """
    threshold = _threshold(at_risk)
    ticket = _open_ticket(plan, severity, created_at, calendar, policy)
    now_us = to_us(now, "now")
    if now_us < ticket.created:
        raise InstantsOutOfOrderError(
            "a status exists only from creation on",
            argument="now",
            value=now,
            earlier_argument="created_at",
            earlier_value=created_at,
        )
    response = None if responded_at is None else to_us(responded_at, "responded_at")
    if response is not None and response < ticket.created:
        raise InstantsOutOfOrderError(
            "check that both carry the right time zone",
            argument="responded_at",
            value=responded_at,
            earlier_argument="created_at",
            earlier_value=created_at,
        )
    if response is not None and response > now_us:
        response = None  # not yet responded as of `now`

    if ticket.target is None or ticket.deadline is None:
        # SPEC 1: Basic has no response target; a normal answer, not an error.
        state, consumed, fraction = Status.NO_TARGET, None, None
    else:
        target_us = duration_us(ticket.target.duration)
        consumed = _consumed(ticket, now_us if response is None else response)
        fraction = Fraction(consumed, target_us)
        if response is not None:
            state = Status.MET if response <= ticket.deadline else Status.MISSED
        elif now_us > ticket.deadline:
            state = Status.BREACHED
        elif fraction >= threshold:
            state = Status.AT_RISK
        else:
            state = Status.ON_TRACK
    return ResponseStatus(
        state=state,
        plan=ticket.plan,
        severity=ticket.severity,
        target=ticket.target,
        created_at=ticket.at(ticket.created),
        now=ticket.at(now_us),
        responded_at=None if response is None else ticket.at(response),
        deadline=None if ticket.deadline is None else ticket.at(ticket.deadline),
        consumed=None if consumed is None else us_to_timedelta(consumed),
        remaining=(
            None
            if consumed is None or ticket.target is None
            else ticket.target.duration - us_to_timedelta(consumed)
        ),
        fraction_consumed=fraction,
        at_risk=threshold,
        policy=ticket.policy,
    )


# -- explanation ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PassedDay:
    """A local date of note between creation and deadline of a business-hour target."""

    day: date
    kind: Literal["rest day", "holiday", "make-up workday"]
    #: The holiday's name, for ``kind == "holiday"``.
    name: str | None = None

    def __str__(self) -> str:
        text = f"{self.day:%a %Y-%m-%d}  {self.kind}"
        if self.kind == "holiday":
            return f"{text}: {self.name} (closed all day)"
        if self.kind == "make-up workday":
            return f"{text}: a rest day opened as a working day (usual hours)"
        return f"{text} (no business hours)"


@dataclass(frozen=True, slots=True)
class OffsetChange:
    """A UTC-offset change (DST) at instant ``at``: from ``before`` to ``after``."""

    at: datetime
    before: timedelta
    after: timedelta

    def __str__(self) -> str:
        shift = self.after - self.before
        direction = "forward" if shift > timedelta(0) else "back"
        return (
            f"{_when(self.at)}  UTC offset {_offset(self.before)} -> {_offset(self.after)} "
            f"(clocks {direction} {format_duration(abs(shift))})"
        )


@dataclass(frozen=True, slots=True)
class Explanation:
    """How a first-response deadline was derived; ``str()`` is the plain-text account.

    Fields: the ``plan``, ``severity`` and its ``definition``; the ``policy``
    version used and whether the ticket ``predates_policy``; the ``target``
    (None: no target); the ``calendar``; ``created_at``; ``clock_start`` and
    ``start_reason`` (None when the clock starts at creation); the business
    ``windows`` consumed, clipped to ``[clock_start, deadline]``; the local
    ``days`` of note passed over (rest days, holidays, make-up workdays); the
    ``dst_changes`` crossed; and the ``deadline``.
    """

    plan: str
    severity: str
    definition: str
    policy: Policy
    predates_policy: bool
    target: ResponseTarget | None
    calendar: BusinessCalendar
    created_at: datetime
    clock_start: datetime | None
    start_reason: str | None
    windows: tuple[BusinessWindow, ...]
    days: tuple[PassedDay, ...]
    dst_changes: tuple[OffsetChange, ...]
    deadline: datetime | None

    def __repr__(self) -> str:
        due = "no target" if self.deadline is None else f"deadline={self.deadline.isoformat()}"
        return f"Explanation({self.plan} {self.severity}, {self.target!s}, {due})"

    def __str__(self) -> str:
        return "\n".join(self._lines())

    def _repr_html_(self) -> str:
        """The derivation as an HTML timeline, for notebooks (Jupyter calls this)."""
        from .display import ExplanationView, explanation_html

        business = self.target is not None and self.target.is_business
        cal = self.calendar
        view = ExplanationView(
            plan=self.plan,
            severity=self.severity,
            definition=self.definition,
            policy=self.policy.describe(),
            target=None if self.target is None else str(self.target),
            zone=cal.zone,
            created_at=self.created_at,
            deadline=self.deadline,
            hours=tuple(cal.hours.to_mapping().items()) if business else None,
            holidays=cal.holidays.describe() if business else None,
            predates=self.policy.effective_from if self.predates_policy else None,
            clock_start=self.clock_start,
            start_reason=self.start_reason,
            windows=tuple((window.opens, window.closes) for window in self.windows),
            days=tuple((day.day, day.kind, day.name) for day in self.days),
            dst_changes=tuple((change.at, str(change)) for change in self.dst_changes),
        )
        return explanation_html(view)

    def _lines(self) -> list[str]:
        lines = [
            f"{self.plan} {self.severity} under {self.policy.describe()}",
            textwrap.fill(
                f"{self.severity}: {self.definition}",
                width=88,
                initial_indent="  ",
                subsequent_indent="    ",
            ),
        ]
        if self.predates_policy:
            assert self.policy.effective_from is not None
            lines.append(
                f"  Note: created on {self.created_at.date()}, before this policy took effect "
                f"on {self.policy.effective_from}; the earliest version applies."
            )
        cell = f"Response table: row {self.plan}, column {self.severity} = "
        zone = self.calendar.zone.key
        if self.target is None or self.deadline is None or self.clock_start is None:
            lines += [
                cell + "none: this plan has no first-response target",
                f"Zone:         {zone}",
                f"Created:      {_when(self.created_at)}",
                "Deadline:     none",
            ]
            return lines
        lines.append(cell + str(self.target))
        if self.target.clock is Clock.WALL:
            lines.append(
                "Clock:        wall clock, 24x7: elapsed real time; business hours, weekends "
                "and holidays do not stop it"
            )
        else:
            hours = ", ".join(f"{k} {v}" for k, v in self.calendar.hours.to_mapping().items())
            lines.append(
                f"Clock:        business hours {hours} local time, holidays: "
                f"{self.calendar.holidays.describe()}"
            )
        lines += [f"Zone:         {zone}", f"Created:      {_when(self.created_at)}"]
        if self.start_reason is None:
            lines.append(f"Clock starts: {_when(self.clock_start)}, at creation")
        else:
            lines.append(f"Clock starts: {_when(self.clock_start)}, {self.start_reason}")
        if self.target.clock is Clock.BUSINESS:
            total = timedelta(0)
            count = len(self.windows)
            lines.append(
                f"Business time consumed: {format_duration(self.target.duration)} in "
                f"{count} window{'' if count == 1 else 's'}"
            )
            for window in self.windows:
                total += window.duration
                lines.append(
                    f"  {_span(window)}  {format_duration(window.duration):>8}  "
                    f"(total {format_duration(total)})"
                )
            lines.append("Days passed over:" + ("" if self.days else " none"))
            lines += [f"  {day}" for day in self.days]
        if self.dst_changes:
            lines.append("DST changes crossed:")
            lines += [f"  {change}" for change in self.dst_changes]
            lines.append(
                "  (a wall-clock hour is still 3,600 seconds)"
                if self.target.clock is Clock.WALL
                else "  (windows are local wall-clock times and hold the real time inside them)"
            )
        else:
            lines.append("DST changes crossed: none")
        lines.append(f"Deadline:     {_when(self.deadline)}")
        return lines


def _offset(offset: timedelta | None) -> str:
    us = 0 if offset is None else duration_us(offset)
    sign = "-" if us < 0 else "+"
    minutes = abs(us) // 60_000_000
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _clock_time(moment: datetime) -> str:
    text = f"{moment:%H:%M:%S}"
    return text + (f".{moment.microsecond:06d}" if moment.microsecond else "")


def _when(moment: datetime) -> str:
    """``'Fri 2025-06-06 17:00:00 +08:00'``."""
    return f"{moment:%a %Y-%m-%d} {_clock_time(moment)} {_offset(moment.utcoffset())}"


def _span(window: BusinessWindow) -> str:
    opens, closes = window.opens, window.closes
    if opens.date() == closes.date() and opens.utcoffset() == closes.utcoffset():
        return f"{opens:%a %Y-%m-%d} {_clock_time(opens)}-{_clock_time(closes)} " + _offset(
            opens.utcoffset()
        )
    return f"{_when(opens)} - {_when(closes)}"


def _start_reason(cal: BusinessCalendar, created: datetime, start: datetime) -> str | None:
    """Why the business clock starts after creation, or None if it does not."""
    if start == created:
        return None
    day = created.date()
    holiday = cal.holiday_name(day)
    if holiday is not None:
        why = f"created on {day}, {holiday}, a holiday"
    elif not cal.is_makeup_workday(day) and not cal.hours.days[day.weekday()]:
        why = f"created on a {_WEEKDAYS[day.weekday()]}, a rest day"
    elif any(w.closes == created for w in cal.windows(created - timedelta(days=1), created)):
        why = (
            f"created at {_clock_time(created)}, the close of business (windows are "
            f"half-open, [opens, closes))"
        )
    else:
        why = f"created at {_clock_time(created)}, outside the day's business hours"
    return f"{why}; the clock starts at the next opening"


def _passed_days(cal: BusinessCalendar, first: date, last: date) -> tuple[PassedDay, ...]:
    """Rest days, holidays and make-up workdays in ``[first, last]`` (local dates)."""
    result = []
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        day = date.fromordinal(ordinal)
        holiday = cal.holiday_name(day)
        if holiday is not None:
            result.append(PassedDay(day, "holiday", holiday))
        elif cal.is_makeup_workday(day):
            result.append(PassedDay(day, "make-up workday"))
        elif not cal.hours.days[day.weekday()]:
            result.append(PassedDay(day, "rest day"))
    return tuple(result)


def _dst_changes(cal: BusinessCalendar, start: datetime, end: datetime) -> tuple[OffsetChange, ...]:
    changes = []
    for at, after in cal.dst_changes(start, end):
        before = from_us(to_us(at) - 1, cal.zone).utcoffset()
        assert before is not None
        changes.append(OffsetChange(at, before, after))
    return tuple(changes)


def explanation(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    *,
    policy: PolicyLike | None = None,
) -> Explanation:
    """The derivation of a first-response deadline, as a structured value.

    ``str()`` of the result is a plain-text account for a support engineer;
    in a notebook it shows as an HTML timeline. Listing the
    windows consumed takes time in proportion to their number (one per
    business day), unlike the deadline itself.

    >>> from zoneinfo import ZoneInfo
    >>> created = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> print(explanation("developer", "S4", created, "Asia/Shanghai"))
    Developer S4 under Connected Care (effective 2025-02-17)
      S4: General question on how a feature or function performs or should be configured;
        minimal business impact, tolerable for a reasonable period.
    Response table: row Developer, column S4 = 24 business hours
    Clock:        business hours Mon-Fri 09:00-18:00 local time, holidays: none
    Zone:         Asia/Shanghai
    Created:      Fri 2025-06-06 17:00:00 +08:00
    Clock starts: Fri 2025-06-06 17:00:00 +08:00, at creation
    Business time consumed: 24h in 4 windows
      Fri 2025-06-06 17:00:00-18:00:00 +08:00        1h  (total 1h)
      Mon 2025-06-09 09:00:00-18:00:00 +08:00        9h  (total 10h)
      Tue 2025-06-10 09:00:00-18:00:00 +08:00        9h  (total 19h)
      Wed 2025-06-11 09:00:00-14:00:00 +08:00        5h  (total 24h)
    Days passed over:
      Sat 2025-06-07  rest day (no business hours)
      Sun 2025-06-08  rest day (no business hours)
    DST changes crossed: none
    Deadline:     Wed 2025-06-11 14:00:00 +08:00

    Raises:
        As :func:`first_response_deadline`.
    """
    ticket = _open_ticket(plan, severity, created_at, calendar, policy)
    cal = ticket.calendar
    created = ticket.at(ticket.created)
    deadline = None if ticket.deadline is None else ticket.at(ticket.deadline)
    start: datetime | None = None
    reason: str | None = None
    windows: tuple[BusinessWindow, ...] = ()
    days: tuple[PassedDay, ...] = ()
    changes: tuple[OffsetChange, ...] = ()
    if ticket.target is not None and deadline is not None:
        start = created
        if ticket.target.clock is Clock.BUSINESS:
            start = cal.next_open(created)
            reason = _start_reason(cal, created, start)
            windows = tuple(
                BusinessWindow(max(w.opens, start), min(w.closes, deadline))
                for w in cal.windows(start, deadline)
            )
            days = _passed_days(cal, created.date(), deadline.date())
        changes = _dst_changes(cal, created, deadline)
    return Explanation(
        plan=ticket.plan,
        severity=ticket.severity,
        definition=ticket.policy.definition(ticket.severity),
        policy=ticket.policy,
        predates_policy=ticket.predates_policy,
        target=ticket.target,
        calendar=cal,
        created_at=created,
        clock_start=start,
        start_reason=reason,
        windows=windows,
        days=days,
        dst_changes=changes,
        deadline=deadline,
    )
