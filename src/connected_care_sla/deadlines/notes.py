"""The parts of an account of a deadline: the days, offsets, changes, pauses and overrides.

Each is a frozen value with a plain-text ``str`` and a ``to_dict`` that is
JSON-friendly: instants in ISO 8601 with their offset (in the calendar's
zone), durations as ``{"microseconds": ..., "seconds": ..., "text": ...}``
(the exact integer, the same in seconds, and the compact form ``1h30m``), names as plain strings.
The keys follow [`to_dict`][connected_care_sla.deadlines.Change.to_dict] (``at``, ``severity``,
``plan``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from .._json import duration, instant
from ..calendar import BusinessCalendar, TimeWindow
from ..policy import ResponseTarget, format_duration
from .text import offset, when

__all__ = [
    "ChangeNote",
    "OffsetChange",
    "OverrideNote",
    "PassedDay",
    "PauseNote",
    "duration_dict",
    "instant_text",
    "override_notes",
    "passed_days",
    "target_dict",
]


def instant_text(moment: datetime | None) -> str | None:
    """An instant in ISO 8601 with its offset, or None."""
    return instant(moment)


def duration_dict(value: timedelta | None) -> dict[str, Any] | None:
    """``{"microseconds": 5400000000, "seconds": 5400, "text": "1h30m"}``, or None."""
    return duration(value)


def target_dict(target: ResponseTarget | None) -> dict[str, Any] | None:
    """A target as `ResponseTarget.to_dict` gives it, or None without a target."""
    return None if target is None else target.to_dict()


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

    def to_dict(self) -> dict[str, Any]:
        """``{"date": "2025-06-07", "kind": "rest day", "name": None}``."""
        return {"date": self.day.isoformat(), "kind": self.kind, "name": self.name}


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

    def to_dict(self) -> dict[str, Any]:
        """``{"at": ..., "before": "-04:00", "after": "-05:00", "text": ...}``."""
        return {
            "at": self.at.isoformat(),
            "before": offset(self.before),
            "after": offset(self.after),
            "text": str(self),
        }


@dataclass(frozen=True, slots=True)
class ChangeNote:
    """What one severity or plan change did (``index``: its position in ``changes=``).

    ``before`` and ``after`` are ``(plan, severity)``; ``effect`` is
    ``"retargeted"`` (the target of ``after`` is in force from ``at``, counted
    from ``counts_from``), ``"unchanged"`` (plan and severity as they were:
    nothing changes, no restart), ``"after the response"`` (at or after the
    first response: no effect on it) or ``"after now"`` (not yet in force at
    the status's ``now``). ``deadline`` is the deadline after it (later
    changes may move it again); None without a target.
    """

    index: int
    at: datetime
    before: tuple[str, str]
    after: tuple[str, str]
    effect: Literal["retargeted", "unchanged", "after the response", "after now"]
    target: ResponseTarget | None
    counts_from: datetime | None
    deadline: datetime | None

    def __str__(self) -> str:
        head = f"{when(self.at)}  {' '.join(self.before)} -> {' '.join(self.after)}: "
        if self.effect == "unchanged":
            return head + "no effect (plan and severity as they were; the clock runs on)"
        if self.effect == "after the response":
            return head + "no effect (at or after the first response)"
        if self.effect == "after now":
            return head + "not in force yet (after now)"
        if self.target is None or self.deadline is None:
            return head + "no first-response target from here on"
        counted = "the creation" if self.counts_from is None else when(self.counts_from)
        return head + f"target {self.target}, counted from {counted}; due {when(self.deadline)}"

    def to_dict(self) -> dict[str, Any]:
        """The change as `Change.to_dict` names it, and what it did.

        ``at``, ``severity`` and ``plan`` (those after the change), ``index``,
        ``before`` and ``after`` as ``{"plan": ..., "severity": ...}``,
        ``effect``, ``target``, ``counts_from`` (None: the creation) and the
        ``deadline`` after it.
        """
        return {
            "index": self.index,
            "at": self.at.isoformat(),
            "severity": self.after[1],
            "plan": self.after[0],
            "before": {"plan": self.before[0], "severity": self.before[1]},
            "after": {"plan": self.after[0], "severity": self.after[1]},
            "effect": self.effect,
            "target": target_dict(self.target),
            "counts_from": instant_text(self.counts_from),
            "deadline": instant_text(self.deadline),
            "text": str(self),
        }


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

    def to_dict(self) -> dict[str, Any]:
        """``{"start": ..., "end": ..., "indices": [0, 1], "removed": {...}, "text": ...}``."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "indices": list(self.indices),
            "removed": duration_dict(self.removed),
            "text": str(self),
        }


#: What an override does to its date, as the account says it.
OverrideKind = Literal["closed", "opened", "short day", "long day", "other hours"]


@dataclass(frozen=True, slots=True)
class OverrideNote:
    """A local date whose hours an override replaced, crossed by the ticket's clock.

    ``windows`` are the override's (empty: closed all day); ``kind`` compares
    them with the hours the date would otherwise have had (``usual``, in
    business time): ``"closed"``, ``"opened"`` (a date otherwise closed),
    ``"short day"``, ``"long day"`` or ``"other hours"`` (as long, other times).

    Examples:
        >>> from datetime import date
        >>> print(OverrideNote(date(2025, 12, 24), (TimeWindow.parse("09:00-13:00"),), "short day"))
        Wed 2025-12-24: short day 09:00-13:00
    """

    day: date
    windows: tuple[TimeWindow, ...]
    kind: OverrideKind

    def __str__(self) -> str:
        if not self.windows:
            return f"{self.day:%a %Y-%m-%d}: closed (override)"
        return f"{self.day:%a %Y-%m-%d}: {self.kind} {','.join(map(str, self.windows))}"

    def to_dict(self) -> dict[str, Any]:
        """``{"date": "2025-12-24", "kind": "short day", "windows": ["09:00-13:00"], ...}``."""
        return {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "windows": [str(window) for window in self.windows],
            "text": str(self),
        }


def passed_days(cal: BusinessCalendar, first: date, last: date) -> tuple[PassedDay, ...]:
    """Rest days, holidays and make-up workdays in ``[first, last]`` (local dates).

    An overridden date is none of these (its override note says what it was),
    and each date is judged by the hours of the calendar version in force on it.
    """
    result = []
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        day = date.fromordinal(ordinal)
        if cal.override_on(day) is not None:
            continue
        holiday = cal.holiday_name(day)
        if holiday is not None:
            result.append(PassedDay(day, "holiday", holiday))
        elif cal.is_makeup_workday(day):
            result.append(PassedDay(day, "make-up workday"))
        elif not cal.version_on(day).hours.days[day.weekday()]:
            result.append(PassedDay(day, "rest day"))
    return tuple(result)


def override_notes(cal: BusinessCalendar, first: date, last: date) -> tuple[OverrideNote, ...]:
    """The dates in ``[first, last]`` whose hours an override replaced."""
    notes = []
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        day = date.fromordinal(ordinal)
        windows = cal.override_on(day)
        if windows is None:
            continue
        hours = cal.version_on(day).hours  # the usual hours of the version in force
        usual = sum(w.closes_us - w.opens_us for w in hours.days[day.weekday()])
        given = sum(w.closes_us - w.opens_us for w in windows)
        kind: OverrideKind
        if not windows:
            kind = "closed"
        elif not usual:
            kind = "opened"
        elif given < usual:
            kind = "short day"
        elif given > usual:
            kind = "long day"
        else:
            kind = "other hours"
        notes.append(OverrideNote(day, windows, kind))
    return tuple(notes)
