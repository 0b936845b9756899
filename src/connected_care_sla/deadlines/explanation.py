"""How a first-response deadline was derived: :func:`explanation` and its parts."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from .._instants import from_us, to_us, us_to_timedelta
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
from .text import WEEKDAYS, clock_time, offset, span, when
from .ticket import CalendarLike, _open_ticket, _Ticket, _with_history

__all__ = ["ChangeNote", "Explanation", "OffsetChange", "PassedDay", "PauseNote", "explanation"]


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
            f"{when(self.at)}  UTC offset {offset(self.before)} -> {offset(self.after)} "
            f"(clocks {direction} {format_duration(abs(shift))})"
        )


@dataclass(frozen=True, slots=True)
class ChangeNote:
    """What one severity or plan change did (``index``: its position in ``changes=``).

    ``before`` and ``after`` are ``(plan, severity)``; ``effect`` is
    ``"retargeted"`` (the target of ``after`` is in force from ``at``, counted
    from ``counts_from``) or ``"unchanged"`` (plan and severity as they were:
    nothing changes, no restart). ``deadline`` is the deadline after it
    (later changes may move it again); None without a target.
    """

    index: int
    at: datetime
    before: tuple[str, str]
    after: tuple[str, str]
    effect: Literal["retargeted", "unchanged"]
    target: ResponseTarget | None
    counts_from: datetime | None
    deadline: datetime | None

    def __str__(self) -> str:
        head = f"{when(self.at)}  {' '.join(self.before)} -> {' '.join(self.after)}: "
        if self.effect == "unchanged":
            return head + "no effect (plan and severity as they were; the clock runs on)"
        if self.target is None or self.deadline is None:
            return head + "no first-response target from here on"
        counted = "the creation" if self.counts_from is None else when(self.counts_from)
        return head + f"target {self.target}, counted from {counted}; due {when(self.deadline)}"


@dataclass(frozen=True, slots=True)
class PauseNote:
    """Paused time: one stretch of the union of the pauses given (``indices`` in ``pauses=``).

    ``removed`` is the time on the target's clock inside ``[start, end)``
    between the clock's start and the deadline: what the pause took out
    (zero outside business hours for a business-hour target).
    """

    start: datetime
    end: datetime
    indices: tuple[int, ...]
    removed: timedelta

    def __str__(self) -> str:
        given = ", ".join(f"pauses[{i}]" for i in self.indices)
        return (
            f"{when(self.start)} - {when(self.end)}  {format_duration(self.removed)} not "
            f"counted ({given})"
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
    ``dst_changes`` crossed; and the ``deadline``. The ticket's history: the
    ``changes`` (:class:`ChangeNote`, each and what it did; ``plan`` and
    ``severity`` above are those in force after them) and the ``pauses``
    (:class:`PauseNote`, their union), with ``pauses_ignored`` True when the
    policy does not pause the clock; business ``windows`` then leave out
    paused time.
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

    def __repr__(self) -> str:
        due = "no target" if self.deadline is None else f"deadline={self.deadline.isoformat()}"
        return f"Explanation({self.plan} {self.severity}, {self.target!s}, {due})"

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
                f"Created:      {when(self.created_at)}",
                *self._history_lines(),
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
        lines.append(f"Deadline:     {when(self.deadline)}")
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
    changes: Iterable[Change] = (),
    pauses: Iterable[PauseLike] = (),
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
    history = tuple(changes)
    given = tuple(pauses)
    opened = _open_ticket(plan, severity, created_at, calendar, policy)
    ticket = _with_history(opened, created_at, history, given, question="an explanation")
    cal = ticket.calendar
    created = ticket.at(ticket.created)
    deadline = None if ticket.deadline is None else ticket.at(ticket.deadline)
    start: datetime | None = None
    reason: str | None = None
    windows: tuple[BusinessWindow, ...] = ()
    days: tuple[PassedDay, ...] = ()
    offsets: tuple[OffsetChange, ...] = ()
    if ticket.target is not None and deadline is not None:
        counts_from = ticket.at(ticket.start)
        start = counts_from
        if ticket.target.clock is Clock.BUSINESS:
            start = cal.next_open(counts_from)
            if counts_from == created:
                reason = _start_reason(cal, created, start)
            elif start != counts_from:
                reason = "outside business hours then, so the clock starts at the next opening"
            windows = _unpaused(
                tuple(
                    BusinessWindow(max(w.opens, start), min(w.closes, deadline))
                    for w in cal.windows(start, deadline)
                ),
                ticket,
            )
            days = _passed_days(cal, counts_from.date(), deadline.date())
        if counts_from != created:
            changed = f"the target in force counts from the change at {when(counts_from)}"
            reason = changed if reason is None else f"{changed}; {reason}"
        offsets = _dst_changes(cal, counts_from, deadline)
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
        changes=_change_notes(opened, created_at, ticket, history, given),
        pauses=_pause_notes(ticket, given),
        pauses_ignored=ticket.pauses_ignored,
    )


def _change_notes(
    opened: _Ticket,
    created_at: datetime,
    ticket: _Ticket,
    history: tuple[Change, ...],
    pauses: tuple[PauseLike, ...],
) -> tuple[ChangeNote, ...]:
    """Each change and what it did, with the deadline after it (the history up to it)."""
    notes = []
    for number, step in enumerate(ticket.steps):
        assert step.effect in ("retargeted", "unchanged")
        after = _with_history(opened, created_at, history[: number + 1], pauses)
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
