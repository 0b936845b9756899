"""A ticket's history before its first response: severity and plan changes, and pauses.

The caller gives the history as instants; nothing is read from a clock.

* A [`Change`][connected_care_sla.Change] names an instant and a new severity, a new plan, or both.
  Changes come in time order, each strictly after the previous one and none
  before the creation.
* A pause is a half-open interval ``(start, end)`` of instants, ``[start,
  end)``; ``(start, None)`` is a pause still going on. A pause whose end
  precedes its start is refused; overlapping pauses count once (their union).

This module reads and checks a history and holds the integer arithmetic of a
clock with pauses: pauses are sorted and merged once, and each question then
costs one engine call per pause (``O(k log k)`` for ``k`` pauses), never a walk
over days. Which change is in force and how its target counts is the ticket
module's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, NamedTuple

from .._instants import MAX_US, representable, to_us
from ..exceptions import (
    HistoryOrderError,
    HistoryTypeError,
    InstantTypeError,
    InvalidHistoryError,
    OngoingPauseError,
)
from ..policy import PlanLike, SeverityLike

__all__ = [
    "Change",
    "ChangeAt",
    "History",
    "PauseAt",
    "PauseLike",
    "Pauses",
    "TargetClock",
    "closed",
    "covering",
    "merge",
    "read_changes",
    "read_pauses",
]

#: One pause as the caller gives it: ``(start, end)``, ``end`` None while it goes on.
PauseLike = tuple[datetime, datetime | None]

#: Merged pauses: sorted, disjoint, non-empty ``[start, end)`` intervals in µs.
Pauses = tuple[tuple[int, int], ...]

_NO_PAUSES: Final[Pauses] = ()
_FOREVER: Final = MAX_US + 1  # past every instant: the end of an ongoing pause


@dataclass(frozen=True, slots=True, init=False)
class Change:
    """A change of a ticket's severity, plan, or both, at instant ``at``.

    Examples:
        >>> from datetime import UTC
        >>> change = Change(datetime(2025, 6, 6, 11, 0, tzinfo=UTC), severity="S1")
        >>> change.severity, change.plan
        ('S1', None)
        >>> change.to_dict()
        {'at': '2025-06-06T11:00:00+00:00', 'severity': 'S1', 'plan': None}
        >>> Change.from_dict(change.to_dict()) == change
        True

        ``at`` is a time-zone-aware ``datetime``; ``severity`` and ``plan`` are
        names as the policy has them (a [`Severity`][connected_care_sla.Severity] or
        [`Plan`][connected_care_sla.Plan], a name in any letter case, an int ``n`` for ``"Sn"``), or
        None for "as it was". A change naming neither is refused when a history holding it is
        read, as are changes out of time order.

    Raises:
        InvalidInstantError: ``at`` is not an aware ``datetime``.
        HistoryTypeError: ``severity`` or ``plan`` is not a name.
    """

    at: datetime
    severity: SeverityLike | None = None
    plan: PlanLike | None = None

    def __init__(
        self,
        at: datetime,
        *,
        severity: SeverityLike | None = None,
        plan: PlanLike | None = None,
    ) -> None:
        to_us(at, "Change.at")  # a naive or non-datetime instant names no instant
        if severity is not None and (
            isinstance(severity, bool) or not isinstance(severity, (str, int))
        ):
            raise HistoryTypeError(
                kind="change",
                at=at,
                argument="Change.severity",
                value=severity,
                expected="a severity name such as 'S1', an int n for 'Sn', or None",
            )
        if plan is not None and not isinstance(plan, str):
            raise HistoryTypeError(
                kind="change",
                at=at,
                argument="Change.plan",
                value=plan,
                expected="a plan name such as 'Enterprise', or None",
            )
        object.__setattr__(self, "at", at)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "plan", plan)

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-friendly dict: ``at`` in ISO 8601 with its offset, names as strings."""
        severity = self.severity
        if isinstance(severity, str):
            severity = str.__str__(severity)  # an enum member as its plain string
        return {
            "at": self.at.isoformat(),
            "severity": severity,
            "plan": None if self.plan is None else str.__str__(self.plan),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Change:
        """The change of a dict from `to_dict` (``at`` an ISO 8601 string or a datetime).

        Raises:
            HistoryTypeError: not a mapping, or keys other than ``at``, ``severity``, ``plan``.
            InvalidInstantError: ``at`` is missing, or not an instant with an offset.
        """
        if not isinstance(data, Mapping) or set(data) - {"at", "severity", "plan"}:
            raise HistoryTypeError(
                kind="change",
                argument="Change.from_dict",
                value=data,
                expected="a dict with the keys 'at', 'severity' and 'plan' (as to_dict gives)",
            )
        at = data.get("at")
        if isinstance(at, str):
            try:
                at = datetime.fromisoformat(at)
            except ValueError:
                raise InstantTypeError(
                    argument="Change.at",
                    value=at,
                    expected="an ISO 8601 instant with its offset, such as "
                    "'2025-06-06T11:00:00+08:00'",
                ) from None
        severity, plan = data.get("severity"), data.get("plan")
        return cls(at, severity=severity, plan=plan)  # type: ignore[arg-type]


def _instant(value: object, argument: str) -> object:
    """An ISO 8601 string read as a datetime (any other value as it is, checked later)."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise InstantTypeError(
                argument=argument,
                value=value,
                expected="an ISO 8601 instant with its offset, such as '2025-06-06T11:00:00+08:00'",
            ) from None
    return value


_HISTORY_KEYS: Final = frozenset({"changes", "pauses"})


@dataclass(frozen=True, slots=True, init=False)
class History:
    """A ticket's whole history: its changes and its pauses, as a backend stores them.

    ``changes`` is a tuple of [`Change`][connected_care_sla.Change] values, ``pauses`` a tuple of
    ``(start, end)`` pairs (``end`` None while the pause goes on). Pass them on
    as ``changes=history.changes, pauses=history.pauses``. The history is
    checked when a question reads it, as ``changes=`` and ``pauses=`` are.

    Examples:
        >>> from datetime import UTC
        >>> history = History(
        ...     [Change(datetime(2025, 6, 6, 11, 0, tzinfo=UTC), severity="S1")],
        ...     [(datetime(2025, 6, 6, 12, 0, tzinfo=UTC), None)],
        ... )
        >>> history.to_dict()["pauses"]
        [{'start': '2025-06-06T12:00:00+00:00', 'end': None}]
        >>> History.from_dict(history.to_dict()) == history
        True

    Raises:
        HistoryTypeError: a change is not a [`Change`][connected_care_sla.Change], or a pause not a
            pair.
    """

    changes: tuple[Change, ...]
    pauses: tuple[PauseLike, ...]

    def __init__(self, changes: Iterable[Change] = (), pauses: Iterable[PauseLike] = ()) -> None:
        read = tuple(_items(changes, "changes", "an iterable of Change values (empty for none)"))
        for index, change in enumerate(read):
            if not isinstance(change, Change):
                raise HistoryTypeError(
                    kind="change",
                    index=index,
                    argument=f"changes[{index}]",
                    value=change,
                    expected="a Change(at, severity=..., plan=...)",
                )
        given = []
        for index, pause in enumerate(
            _items(pauses, "pauses", "an iterable of (start, end) pairs (empty for none)")
        ):
            if not isinstance(pause, (tuple, list)) or len(pause) != 2:
                raise HistoryTypeError(
                    kind="pause",
                    index=index,
                    argument=f"pauses[{index}]",
                    value=pause,
                    expected="a (start, end) pair of aware datetimes, end None while it goes on",
                )
            start, end = pause
            to_us(start, f"pauses[{index}].start")  # a naive instant names no instant
            if end is not None:
                to_us(end, f"pauses[{index}].end")
            given.append((start, end))
        object.__setattr__(self, "changes", read)
        object.__setattr__(self, "pauses", tuple(given))

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-friendly dict: ``{"changes": [...], "pauses": [...]}``.

        Each change as [`Change.to_dict`][connected_care_sla.deadlines.Change.to_dict] gives it;
        each pause as ``{"start": ..., "end": ...}``, instants in ISO 8601 with their
        offset, ``end`` None while the pause goes on.
        """
        return {
            "changes": [change.to_dict() for change in self.changes],
            "pauses": [
                {"start": start.isoformat(), "end": None if end is None else end.isoformat()}
                for start, end in self.pauses
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> History:
        """The history of a dict from `to_dict` (either key may be left out).

        Raises:
            HistoryTypeError: not a mapping, other keys, or a pause that is not a
                ``{"start": ..., "end": ...}`` dict.
            InvalidInstantError: an instant that is not ISO 8601 with an offset.
        """
        if not isinstance(data, Mapping) or set(data) - _HISTORY_KEYS:
            raise HistoryTypeError(
                argument="History.from_dict",
                value=data,
                expected="a dict with the keys 'changes' and 'pauses' (as to_dict gives)",
            )
        changes = _items(data.get("changes", ()), "changes", "a list of change dicts")
        pauses = []
        for index, pause in enumerate(
            _items(data.get("pauses", ()), "pauses", "a list of pause dicts")
        ):
            if not isinstance(pause, Mapping) or set(pause) != {"start", "end"}:
                raise HistoryTypeError(
                    kind="pause",
                    index=index,
                    argument=f"pauses[{index}]",
                    value=pause,
                    expected="a dict with the keys 'start' and 'end' (end None while it goes on)",
                )
            start = _instant(pause["start"], f"pauses[{index}].start")
            end = None if pause["end"] is None else _instant(pause["end"], f"pauses[{index}].end")
            pauses.append((start, end))
        return cls(
            [Change.from_dict(change) for change in changes],  # type: ignore[arg-type]
            pauses,  # type: ignore[arg-type]
        )


def _items(value: object, argument: str, expected: str) -> list[object]:
    """The items of an iterable argument (a string or a mapping is none)."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise HistoryTypeError(argument=argument, value=value, expected=expected)
    return list(value)


class ChangeAt(NamedTuple):
    """A change read and checked: its position in ``changes=``, its instant (µs), the change."""

    position: int
    at: int
    change: Change


def read_changes(changes: Iterable[Change], created: int, created_at: datetime) -> list[ChangeAt]:
    """The changes of ``changes=``, checked: each a `Change` naming something, in
    strictly increasing time order, none before the creation."""
    read: list[ChangeAt] = []
    items = _items(changes, "changes", "an iterable of Change values (empty for none)")
    for index, change in enumerate(items):
        argument = f"changes[{index}]"
        if not isinstance(change, Change):
            raise HistoryTypeError(
                kind="change",
                index=index,
                argument=argument,
                value=change,
                expected="a Change(at, severity=..., plan=...)",
            )
        if change.severity is None and change.plan is None:
            raise InvalidHistoryError(
                "a change names a new severity, a new plan, or both",
                kind="change",
                index=index,
                at=change.at,
                argument=argument,
                value=change,
                expected="e.g. Change(at, severity='S1') or Change(at, plan='Enterprise')",
            )
        at = representable(to_us(change.at, f"{argument}.at"))
        if read and at <= read[-1].at:
            previous = read[-1]
            raise HistoryOrderError(
                "give changes in time order"
                if at < previous.at
                else "two changes at one instant: give one Change naming both severity and plan",
                kind="change",
                index=index,
                at=change.at,
                argument=f"{argument}.at",
                value=change.at,
                earlier_argument=f"changes[{previous.position}].at",
                earlier_value=previous.change.at,
            )
        if at < created:
            raise HistoryOrderError(
                "a ticket changes only from its creation on",
                kind="change",
                index=index,
                at=change.at,
                argument=f"{argument}.at",
                value=change.at,
                earlier_argument="created_at",
                earlier_value=created_at,
            )
        read.append(ChangeAt(index, at, change))
    return read


class PauseAt(NamedTuple):
    """A pause read and checked: its position and its instants in µs (end None: ongoing)."""

    position: int
    start: int
    end: int | None


def read_pauses(pauses: Iterable[PauseLike]) -> list[PauseAt]:
    """The pauses of ``pauses=``, checked: ``(start, end)`` pairs, ``end`` None or not before
    ``start``. Any policy refuses a pause that ends before it starts."""
    read: list[PauseAt] = []
    items = _items(pauses, "pauses", "an iterable of (start, end) pairs (empty for none)")
    for index, pause in enumerate(items):
        argument = f"pauses[{index}]"
        if not isinstance(pause, (tuple, list)) or len(pause) != 2:
            raise HistoryTypeError(
                kind="pause",
                index=index,
                argument=argument,
                value=pause,
                expected="a (start, end) pair of aware datetimes, end None while it goes on",
            )
        start_at, end_at = pause
        start = representable(to_us(start_at, f"{argument}.start"))
        end = None if end_at is None else representable(to_us(end_at, f"{argument}.end"))
        if end is not None and end < start:
            raise HistoryOrderError(
                "a pause ends at or after its start",
                kind="pause",
                index=index,
                at=start_at,
                argument=f"{argument}.end",
                value=end_at,
                earlier_argument=f"{argument}.start",
                earlier_value=start_at,
            )
        read.append(PauseAt(index, start, end))
    return read


def closed(pauses: list[PauseAt], question: str) -> list[PauseAt]:
    """``pauses`` when every one has ended; an ongoing one is refused, pointing to the status."""
    for pause in pauses:
        if pause.end is None:
            raise OngoingPauseError(
                f"pauses[{pause.position}] has no end yet, so {question} depends on when it "
                f"ends; ask response_status(..., now=...), which counts an ongoing pause up to "
                f"now, or give the end",
                kind="pause",
                index=pause.position,
                argument=f"pauses[{pause.position}]",
            )
    return pauses


def merge(pauses: list[PauseAt], until: int | None) -> Pauses:
    """The union of ``pauses`` as sorted, disjoint, non-empty intervals, cut at ``until``.

    Parts after ``until`` do not matter; an ongoing pause runs to ``until``
    (without one, past any instant a datetime can hold).
    """
    spans = []
    for _, start, end in pauses:
        stop = _FOREVER if end is None else end
        if until is not None:
            stop = min(stop, until)
        if start < stop:
            spans.append((start, stop))
    if not spans:
        return _NO_PAUSES
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return tuple(merged)


def covering(pauses: list[PauseAt], instant: int) -> int | None:
    """The start of the pause (of their union) that holds ``instant``, or None.

    Pauses are half-open; an ongoing one holds every instant from its start on.
    """
    for start, end in merge(pauses, None):
        if start <= instant < end:
            return start
    return None


@dataclass(frozen=True, slots=True)
class TargetClock:
    """A target's clock in integers: ``add`` and ``elapsed`` on µs, wall or business."""

    add: Callable[[int, int], int]
    elapsed: Callable[[int, int], int]

    def paused_add(self, start: int, amount: int, pauses: Pauses) -> int:
        """The earliest instant by which ``amount`` µs of unpaused clock time has passed
        since ``start``: one ``elapsed`` per pause after ``start``, then one ``add``."""
        cursor, left = start, amount
        for pause_start, pause_end in pauses:
            if pause_end <= cursor:
                continue
            before = self.elapsed(cursor, max(pause_start, cursor))
            if before >= left:
                break
            left -= before
            cursor = pause_end
        return self.add(cursor, left)

    def paused(self, start: int, end: int, pauses: Pauses) -> int:
        """Clock µs inside ``pauses`` between ``start`` and ``end``."""
        total = 0
        for pause_start, pause_end in pauses:
            if pause_start >= end:
                break
            low, high = max(pause_start, start), min(pause_end, end)
            if low < high:
                total += self.elapsed(low, high)
        return total

    def unpaused(self, start: int, end: int, pauses: Pauses) -> int:
        """Clock µs consumed between ``start`` and ``end``, paused time not counted."""
        if end <= start:
            return 0
        return self.elapsed(start, end) - self.paused(start, end, pauses)
