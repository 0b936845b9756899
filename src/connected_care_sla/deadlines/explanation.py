"""How a first-response deadline was derived, and why a measured ticket met or missed it.

[`explanation`][connected_care_sla.deadlines.explanation.explanation] gives an
[`Explanation`][connected_care_sla.Explanation]: the target in force and the rule that chose it,
each change and pause and what it did, the business windows consumed, the days, overrides and DST
changes crossed, and, for a ticket with a response (or still open at ``now``), the time consumed by
then, the time that fell outside business hours, the state and the margin. It has a
plain-text ``str``, an HTML form for notebooks, ``to_dict()`` for JSON, and a
one-line [`Explanation.reason`][connected_care_sla.deadlines.Explanation.reason] for a table's
``reason`` column.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .._instants import from_us, to_us, us_to_timedelta
from .._json import versions
from ..calendar import BusinessCalendar, BusinessWindow
from ..policy import (
    Clock,
    PlanLike,
    Policy,
    PolicyLike,
    ResponseTarget,
    SeverityLike,
    format_duration,
)
from .history import Change, PauseLike, Pauses
from .notes import (
    ChangeNote,
    OffsetChange,
    OverrideNote,
    PassedDay,
    PauseNote,
    duration_dict,
    instant_text,
    override_notes,
    passed_days,
    target_dict,
)
from .status import ResponseStatus, Status, response_status
from .text import WEEKDAYS, clock_time, percent, span, when
from .ticket import CalendarLike, _open_ticket, _Ticket, _with_history

__all__ = [
    "ChangeNote",
    "Explanation",
    "OffsetChange",
    "OverrideNote",
    "PassedDay",
    "PauseNote",
    "explanation",
]


@dataclass(frozen=True, slots=True)
class Explanation:
    """How a first-response deadline was derived; ``str()`` is the plain-text account.

    Fields: the ``plan``, ``severity`` and its ``definition``; the ``policy``
    version used and whether the ticket ``predates_policy``; the ``target``
    (None: no target); the ``calendar``; ``created_at``; ``clock_start`` and
    ``start_reason`` (None when the clock starts at creation); the business
    ``windows`` consumed, clipped to ``[clock_start, deadline]``; the local
    ``days`` of note passed over (rest days, holidays, make-up workdays); the
    ``dst_changes`` crossed; and the ``deadline``. The ticket's history: the
    ``changes`` ([`ChangeNote`][connected_care_sla.deadlines.ChangeNote], each and what it did;
    ``plan`` and ``severity`` above are those in force after them) and the ``pauses``
    ([`PauseNote`][connected_care_sla.deadlines.PauseNote], their union), with ``pauses_ignored``
    True when the policy does not pause the clock; business ``windows`` then leave out
    paused time. ``rule`` says in words what chose the target in force (the
    response-table cell, and the change that put it in force).

    The account of a measured ticket, when
    [`explanation`][connected_care_sla.deadlines.explanation.explanation] was given ``responded_at``
    or ``now`` (otherwise None or empty): ``responded_at`` and ``now``; ``status``, the
    [`ResponseStatus`][connected_care_sla.ResponseStatus] at ``now`` (or at the response), whose
    ``state`` is also ``state``; ``consumed``, the time consumed on the target's clock by the
    response (or ``now``), paused time not counted; ``outside_hours``, the real time from the
    clock's start to then that fell outside business windows (business-hour targets only);
    ``paused``, the time on the target's clock the pauses took out by then;
    and ``margin``, ``target - consumed`` (negative: overdue). ``days``,
    ``overrides`` ([`OverrideNote`][connected_care_sla.deadlines.notes.OverrideNote], dates whose
    hours an override replaced) and ``dst_changes`` cover the span from the clock's start to
    the later of the deadline and the response (or ``now``).
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
    changes: tuple[ChangeNote, ...] = ()
    pauses: tuple[PauseNote, ...] = ()
    pauses_ignored: bool = False
    rule: str = ""
    overrides: tuple[OverrideNote, ...] = ()
    responded_at: datetime | None = None
    now: datetime | None = None
    status: ResponseStatus | None = None
    consumed: timedelta | None = None
    outside_hours: timedelta | None = None
    paused: timedelta | None = None
    margin: timedelta | None = None

    @property
    def state(self) -> Status | None:
        """The state at the response (or ``now``), such as ``MET``; None if not measured."""
        return None if self.status is None else self.status.state

    def __repr__(self) -> str:
        due = "no target" if self.deadline is None else f"deadline={self.deadline.isoformat()}"
        state = "" if self.state is None else f", {self.state!r}"
        return f"Explanation({self.plan} {self.severity}, {self.target!s}, {due}{state})"

    @property
    def reason(self) -> str:
        """The account on one line, for a table's ``reason`` column ("" when nothing is of note).

        Changes as ``S3→S1 at +2h`` (the real time after creation), paused time,
        ignored pauses, the holidays, make-up days, overrides and DST changes
        crossed, and a clock that started after creation.

        Examples:
            >>> from zoneinfo import ZoneInfo
            >>> sh = ZoneInfo("Asia/Shanghai")
            >>> raised = Change(datetime(2025, 6, 9, 11, 0, tzinfo=sh), severity="S1")
            >>> explanation(
            ...     "developer", "S3", datetime(2025, 6, 9, 9, 0, tzinfo=sh), "Asia/Shanghai",
            ...     changes=[raised],
            ... ).reason
            'S3→S1 at +2h'
        """
        return "; ".join(_reason_parts(self))

    def to_dict(self) -> dict[str, Any]:
        """The account as plain, JSON-friendly data (``json.dumps`` takes it as it is).

        Instants are ISO 8601 strings in the calendar's zone with their offset;
        durations ``{"microseconds": <int>, "seconds": ..., "text": "1h30m"}``
        (the integer is exact); names
        plain strings. Keys: ``plan``, ``severity``, ``definition``,
        ``policy`` (``name``, ``effective_from``, ``retarget``, ``pausable``,
        ``text``), ``predates_policy``, ``target`` (``duration``, ``clock``,
        ``text``, or None), ``rule``, ``zone``, ``created_at``,
        ``clock_start``, ``start_reason``, ``deadline``, ``changes`` and
        ``pauses`` (each as its note's ``to_dict``; a change has ``at``,
        ``severity`` and ``plan`` as
        [`Change.to_dict`][connected_care_sla.deadlines.Change.to_dict]),
        ``pauses_ignored``, ``windows`` (``opens``, ``closes``, ``duration``),
        ``days``, ``overrides``, ``dst_changes``, and the measurement: ``responded_at``,
        ``now``, ``state`` (the [`Status`][connected_care_sla.Status] name, e.g. ``"MET"``, or
        None), ``consumed``, ``outside_hours``, ``paused``, ``margin``; ``text``,
        the plain-text account, and ``reason``, its one-line form; and ``versions``,
        the releases of this library, ``holidays`` and the zone data (for the
        calendar's zone) it is computed with, since an upgrade can change an answer.

        Returns:
            A plain, JSON-friendly dict.

        Examples:
            >>> from zoneinfo import ZoneInfo
            >>> created = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
            >>> data = explanation("developer", "S1", created, "Asia/Shanghai").to_dict()
            >>> data["deadline"]
            '2025-06-09T12:00:00+08:00'
            >>> sorted(data["versions"])
            ['connected_care_sla', 'holidays', 'tzdata', 'tzdata_source']
        """
        policy = self.policy
        return {
            "plan": self.plan,
            "severity": self.severity,
            "definition": self.definition,
            "policy": {
                "name": policy.name,
                "effective_from": (
                    None if policy.effective_from is None else policy.effective_from.isoformat()
                ),
                "retarget": policy.retarget,
                "pausable": policy.pausable,
                "text": policy.describe(),
            },
            "predates_policy": self.predates_policy,
            "target": target_dict(self.target),
            "rule": self.rule,
            "zone": self.calendar.zone.key,
            "created_at": self.created_at.isoformat(),
            "clock_start": instant_text(self.clock_start),
            "start_reason": self.start_reason,
            "deadline": instant_text(self.deadline),
            "changes": [note.to_dict() for note in self.changes],
            "pauses": [note.to_dict() for note in self.pauses],
            "pauses_ignored": self.pauses_ignored,
            "windows": [
                {
                    "opens": window.opens.isoformat(),
                    "closes": window.closes.isoformat(),
                    "duration": duration_dict(window.duration),
                }
                for window in self.windows
            ],
            "days": [day.to_dict() for day in self.days],
            "overrides": [note.to_dict() for note in self.overrides],
            "dst_changes": [change.to_dict() for change in self.dst_changes],
            "responded_at": instant_text(self.responded_at),
            "now": instant_text(self.now),
            "state": None if self.state is None else self.state.name,
            "consumed": duration_dict(self.consumed),
            "outside_hours": duration_dict(self.outside_hours),
            "paused": duration_dict(self.paused),
            "margin": duration_dict(self.margin),
            "text": str(self),
            "reason": self.reason,
            "versions": versions(self.calendar.zone.key),
        }

    def __str__(self) -> str:
        return "\n".join(self._lines())

    def _repr_html_(self) -> str:
        """The derivation as an HTML timeline, for notebooks (Jupyter calls this)."""
        from ..display import ExplanationView, explanation_html

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
        extra = [*self._history_lines(), *self._override_lines(), *self._measured_lines()]
        if not extra:
            return explanation_html(view)
        from html import escape

        items = "".join(f"<li>{escape(line.strip())}</li>" for line in extra)
        return f'{explanation_html(view)}<ul class="ccsla-account">{items}</ul>'

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
                f"Created:      {when(self.created_at)}",
                *self._history_lines(),
                "Deadline:     none",
                *self._measured_lines(),
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
        lines += [f"Zone:         {zone}", f"Created:      {when(self.created_at)}"]
        if self.start_reason is None:
            lines.append(f"Clock starts: {when(self.clock_start)}, at creation")
        else:
            lines.append(f"Clock starts: {when(self.clock_start)}, {self.start_reason}")
        lines += self._history_lines()
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
                    f"  {span(window)}  {format_duration(window.duration):>8}  "
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
        lines += self._override_lines()
        lines.append(f"Deadline:     {when(self.deadline)}")
        if self.rule and (self.changes or self.predates_policy):
            lines.append(f"Target rule:  {self.rule}")
        lines += self._measured_lines()
        return lines

    def _override_lines(self) -> list[str]:
        if not self.overrides:
            return []
        return ["Overrides crossed (date-specific hours):", *(f"  {o}" for o in self.overrides)]

    def _measured_lines(self) -> list[str]:
        """The measurement: the response (or ``now``), time consumed, state and margin."""
        status = self.status
        if status is None:
            return []
        lines = []
        if self.responded_at is not None:
            lines.append(f"Responded:    {when(self.responded_at)}")
        if self.now is not None:
            lines.append(f"Now:          {when(self.now)}")
        if status.target is None or self.consumed is None or self.margin is None:
            lines.append(f"State:        {status.state.value.upper()} (no first-response target)")
            return lines
        assert status.fraction_consumed is not None
        by = "the response" if status.responded_at is not None else "now"
        clock = "business time" if status.target.is_business else "wall-clock time"
        lines.append(
            f"Consumed:     {format_duration(self.consumed)} of {clock} by {by} "
            f"({percent(status.fraction_consumed)} of {status.target})"
        )
        if self.paused:
            lines.append(f"Paused:       {format_duration(self.paused)} not counted")
        if self.outside_hours is not None:
            lines.append(
                f"Outside business hours: {format_duration(self.outside_hours)} of real time "
                f"(not counted)"
            )
        if self.margin < timedelta(0):
            margin = f"{format_duration(-self.margin)} over the target"
        elif status.state in (Status.MET, Status.MISSED):
            margin = f"{format_duration(self.margin)} to spare"
        else:
            margin = f"{format_duration(self.margin)} left"
        lines.append(f"State:        {status.state.value.upper()}, margin {margin}")
        if status.paused_since is not None:
            lines.append(f"  (paused since {when(status.paused_since)})")
        return lines

    def _history_lines(self) -> list[str]:
        lines = []
        if self.changes:
            retarget = self.policy.retarget
            lines.append(f"Changes ({retarget}: a new target counts from the {retarget[5:]}):")
            lines += [f"  changes[{note.index}] {note}" for note in self.changes]
        if self.pauses_ignored:
            lines.append(
                "Pauses:       ignored, this policy does not pause the first-response clock"
            )
        elif self.pauses:
            lines.append("Pauses (paused time is not counted; overlapping pauses count once):")
            lines += [f"  {note}" for note in self.pauses]
        return lines


def _start_reason(cal: BusinessCalendar, created: datetime, start: datetime) -> str | None:
    """Why the business clock starts after creation, or None if it does not."""
    if start == created:
        return None
    day = created.date()
    holiday = cal.holiday_name(day)
    if holiday is not None:
        why = f"created on {day}, {holiday}, a holiday"
    elif not cal.is_makeup_workday(day) and not cal.hours.days[day.weekday()]:
        why = f"created on a {WEEKDAYS[day.weekday()]}, a rest day"
    elif any(w.closes == created for w in cal.windows(created - timedelta(days=1), created)):
        why = (
            f"created at {clock_time(created)}, the close of business (windows are "
            f"half-open, [opens, closes))"
        )
    else:
        why = f"created at {clock_time(created)}, outside the day's business hours"
    return f"{why}; the clock starts at the next opening"


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
    changes: Iterable[Change] = (),
    pauses: Iterable[PauseLike] = (),
    responded_at: datetime | None = None,
    now: datetime | None = None,
    at_risk: float | Fraction | Decimal = 0.75,
) -> Explanation:
    """The derivation of a first-response deadline, and why a ticket met or missed it.

    ``str()`` of the result is a plain-text account for a support engineer;
    in a notebook it shows as an HTML timeline; ``to_dict()`` is its JSON
    form. Listing the windows consumed takes time in proportion to their
    number (one per business day), unlike the deadline itself.

    Args:
        plan: as for [`first_response_deadline`][connected_care_sla.first_response_deadline].
        severity: as for [`first_response_deadline`][connected_care_sla.first_response_deadline].
        created_at: as for [`first_response_deadline`][connected_care_sla.first_response_deadline].
        calendar: as for [`first_response_deadline`][connected_care_sla.first_response_deadline].
        policy: as for [`first_response_deadline`][connected_care_sla.first_response_deadline].
        changes: as for [`first_response_deadline`][connected_care_sla.first_response_deadline].
        pauses: as for [`first_response_deadline`][connected_care_sla.first_response_deadline] (an
            ongoing one needs ``now``).
        responded_at: the first response, if any: the account then measures
            the ticket at it (the time consumed, the state ``MET`` or
            ``MISSED``, the margin), as [`response_status`][connected_care_sla.response_status]
            does.
        now: measure the ticket as of this instant, as
            [`response_status`][connected_care_sla.response_status] does (a response after ``now``
            has not happened yet).
        at_risk: the at-risk share, as for [`response_status`][connected_care_sla.response_status].

    Examples:
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

        A ticket answered late, measured at its response:

        >>> answered = datetime(2025, 6, 11, 15, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> account = explanation(
        ...     "developer", "S4", created, "Asia/Shanghai", responded_at=answered
        ... )
        >>> late = account.margin == -timedelta(hours=1)
        >>> account.state, late, format_duration(account.outside_hours)
        (Status.MISSED, True, '93h')
        >>> print(str(account).splitlines()[-3])
        Consumed:     25h of business time by the response (104.2% of 24 business hours)

    Raises:
        SlaError: what [`first_response_deadline`][connected_care_sla.first_response_deadline]
            raises, and [`response_status`][connected_care_sla.response_status] for
            ``responded_at`` and ``now``.
    """
    return _explain(
        plan, severity, created_at, calendar, policy, tuple(changes), tuple(pauses),
        responded_at, now, at_risk, listing=True,
    )  # fmt: skip


def _explain(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    policy: PolicyLike | None,
    history: tuple[Change, ...],
    given: tuple[PauseLike, ...],
    responded_at: datetime | None,
    now: datetime | None,
    at_risk: float | Fraction | Decimal,
    *,
    listing: bool,
) -> Explanation:
    """`explanation`; without ``listing``, no business windows (for a reason column)."""
    opened = _open_ticket(plan, severity, created_at, calendar, policy)
    status: ResponseStatus | None = None
    response: int | None = None
    now_us: int | None = None
    if responded_at is not None or now is not None:
        # The status checks the instants (naive, out of order) and measures the ticket.
        at = now if now is not None else responded_at
        assert at is not None
        status = response_status(
            plan, severity, created_at, calendar, now=at, responded_at=responded_at,
            at_risk=at_risk, policy=policy, changes=history, pauses=given,
        )  # fmt: skip
        now_us = to_us(at)
        if status.responded_at is not None:
            response = to_us(status.responded_at)
    bounds = (response, now_us)
    ticket = _with_history(
        opened,
        created_at,
        history,
        given,
        question="an explanation",
        responded=response,
        now=now_us,
    )
    cal = ticket.calendar
    created = ticket.at(ticket.created)
    deadline = None if ticket.deadline is None else ticket.at(ticket.deadline)
    start: datetime | None = None
    reason: str | None = None
    windows: tuple[BusinessWindow, ...] = ()
    days: tuple[PassedDay, ...] = ()
    overrides: tuple[OverrideNote, ...] = ()
    offsets: tuple[OffsetChange, ...] = ()
    consumed = outside = paused = margin = None
    if ticket.target is not None and deadline is not None and ticket.deadline is not None:
        counts_from = ticket.at(ticket.start)
        start = counts_from
        end_us = ticket.deadline if now_us is None else response if response is not None else now_us
        assert end_us is not None
        last = ticket.at(max(ticket.deadline, end_us, ticket.start))
        if ticket.target.clock is Clock.BUSINESS:
            start = cal.next_open(counts_from)
            if counts_from == created:
                reason = _start_reason(cal, created, start)
            elif start != counts_from:
                reason = "outside business hours then, so the clock starts at the next opening"
            if listing:
                windows = _unpaused(
                    tuple(
                        BusinessWindow(max(w.opens, start), min(w.closes, deadline))
                        for w in cal.windows(start, deadline)
                    ),
                    ticket,
                )
            days = passed_days(cal, counts_from.date(), last.date())
            overrides = override_notes(cal, counts_from.date(), last.date())
        if counts_from != created:
            changed = f"the target in force counts from the change at {when(counts_from)}"
            reason = changed if reason is None else f"{changed}; {reason}"
        offsets = _dst_changes(cal, counts_from, last)
        if status is not None and status.consumed is not None:
            consumed, paused, margin = status.consumed, status.paused, status.remaining
            if ticket.target.clock is Clock.BUSINESS:
                real = max(end_us - ticket.start, 0)
                inside = cal._engine.elapsed(ticket.start, end_us) if real else 0
                outside = us_to_timedelta(real - inside)
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
        dst_changes=offsets,
        deadline=deadline,
        changes=_change_notes(opened, created_at, ticket, history, given, bounds),
        pauses=_pause_notes(ticket, given),
        pauses_ignored=ticket.pauses_ignored,
        rule=_rule(opened, ticket),
        overrides=overrides,
        responded_at=None if status is None else status.responded_at,
        now=None if now is None or status is None else status.now,
        status=status,
        consumed=consumed,
        outside_hours=outside,
        paused=paused,
        margin=margin,
    )


def _rule(opened: _Ticket, ticket: _Ticket) -> str:
    """What chose the target in force, in words."""
    cell = f"the response table's row {ticket.plan}, column {ticket.severity} of "
    cell += ticket.policy.describe()
    if ticket.predates_policy:
        cell += " (its earliest version: the ticket predates it)"
    cell += f" = {'none' if ticket.target is None else ticket.target}"
    in_force = [step for step in ticket.steps if step.effect == "retargeted"]
    if not in_force:
        return f"{cell}; the ticket's plan and severity at creation"
    last = in_force[-1]
    counted = (
        "counted from the creation (retarget = from-creation)"
        if ticket.policy.retarget == "from-creation"
        else "counted from the change (retarget = from-change)"
    )
    return (
        f"{cell}; put in force by changes[{last.change.position}] at "
        f"{when(ticket.at(last.change.at))} ({' '.join(last.before)} -> {' '.join(last.after)}), "
        f"{counted}"
    )


def _change_notes(
    opened: _Ticket,
    created_at: datetime,
    ticket: _Ticket,
    history: tuple[Change, ...],
    pauses: tuple[PauseLike, ...],
    bounds: tuple[int | None, int | None],
) -> tuple[ChangeNote, ...]:
    """Each change and what it did, with the deadline after it (the history up to it)."""
    notes = []
    for number, step in enumerate(ticket.steps):
        after = _with_history(
            opened, created_at, history[: number + 1], pauses, responded=bounds[0], now=bounds[1]
        )
        notes.append(
            ChangeNote(
                index=step.change.position,
                at=ticket.at(step.change.at),
                before=step.before,
                after=step.after,
                effect=step.effect,
                target=step.target,
                counts_from=None if after.start == ticket.created else ticket.at(after.start),
                deadline=None if after.deadline is None else ticket.at(after.deadline),
            )
        )
    return tuple(notes)


def _reason_parts(account: Explanation) -> list[str]:
    """The facts of note of an account, each in a few words."""
    parts = []
    created = account.created_at
    for note in account.changes:
        if note.effect != "retargeted":
            continue
        moved = []
        if note.before[0] != note.after[0]:
            moved.append(f"{note.before[0]}→{note.after[0]}")
        if note.before[1] != note.after[1]:
            moved.append(f"{note.before[1]}→{note.after[1]}")
        offset = format_duration(note.at - created)
        parts.append(f"{' '.join(moved)} at +{offset}")
    if account.pauses_ignored:
        parts.append("pauses ignored (policy not pausable)")
    else:
        removed = sum((note.removed for note in account.pauses), timedelta(0))
        if account.paused is not None:
            removed = account.paused
        if removed:
            parts.append(f"paused {format_duration(removed)}")
    start = account.clock_start
    restarted = account.start_reason is not None and account.start_reason.startswith(
        "the target in force counts from the change"
    )  # said by the change
    if account.start_reason is not None and start is not None and not restarted:
        parts.append(f"clock started {start:%a %Y-%m-%d %H:%M}")
    for kind, said in (("holiday", "holiday"), ("make-up workday", "make-up workday")):
        dates = [day.day.isoformat() for day in account.days if day.kind == kind]
        if len(dates) > 2:
            parts.append(f"crossed {len(dates)} {said}s {dates[0]} to {dates[-1]}")
        elif dates:
            parts.append(f"crossed {said}{'s' if len(dates) > 1 else ''} {', '.join(dates)}")
    for override in account.overrides:
        windows = ",".join(map(str, override.windows))
        parts.append(f"{override.kind} {override.day.isoformat()} {windows}".rstrip())
    for change in account.dst_changes:
        parts.append(f"DST change {change.at.date().isoformat()}")
    return parts


def _pause_notes(ticket: _Ticket, pauses: tuple[PauseLike, ...]) -> tuple[PauseNote, ...]:
    """The union of the pauses, each stretch with the clock time it took out."""
    notes = []
    for low, high in ticket.pauses:
        indices = tuple(
            pause.position
            for pause in ticket.read_pauses
            if pause.start < high and (pause.end is None or pause.end > low)
        )
        removed = 0
        if ticket.clock is not None and ticket.deadline is not None:
            stop = max(ticket.deadline, ticket.start)
            removed = ticket.clock.paused(ticket.start, stop, ((low, high),))
        notes.append(PauseNote(ticket.at(low), ticket.at(high), indices, us_to_timedelta(removed)))
    return tuple(notes)


def _unpaused(windows: tuple[BusinessWindow, ...], ticket: _Ticket) -> tuple[BusinessWindow, ...]:
    """``windows`` with the paused stretches cut out (pauses are sorted and disjoint)."""
    pauses: Pauses = ticket.pauses
    if not pauses:
        return windows
    result = []
    for window in windows:
        low, high = to_us(window.opens), to_us(window.closes)
        for pause_start, pause_end in pauses:
            if pause_end <= low or pause_start >= high:
                continue
            if pause_start > low:
                result.append((low, pause_start))
            low = max(low, pause_end)
            if low >= high:
                break
        if low < high:
            result.append((low, high))
    zone = ticket.calendar.zone
    return tuple(BusinessWindow(from_us(a, zone), from_us(b, zone)) for a, b in result)
