"""Assertions about a policy or calendar change: `assert_no_deadline_later`.

A policy author pins what a draft may not do ("this change moves no Premium
deadline later") in a test, run before the draft is published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Final

from hypothesis.errors import InvalidArgument

from .._text import when as _when
from ..calendar import BusinessCalendar
from ..deadlines import CalendarLike, first_response_deadline
from ..policy import Policy, PolicyBook, PolicyLike, format_duration

__all__ = ["assert_no_deadline_later"]

_SHOWN: Final = 10


def _rows(tickets: object) -> list[Mapping[str, Any]]:
    """The tickets as mappings: an iterable of mappings, or a table with ``to_dict``."""
    to_dict = getattr(tickets, "to_dict", None)
    if callable(to_dict) and hasattr(tickets, "columns"):
        records: list[Any] = list(to_dict("records"))
    elif isinstance(tickets, Iterable) and not isinstance(tickets, (str, bytes, Mapping)):
        records = list(tickets)
    else:
        raise InvalidArgument(
            f"tickets must be a table (a pandas DataFrame) or an iterable of mappings with "
            f"'plan', 'severity' and 'created_at', got {tickets!r}"
        )
    for number, record in enumerate(records):
        if not isinstance(record, Mapping):
            raise InvalidArgument(f"ticket {number} is not a mapping: {record!r}")
    return records


def _matches(value: object, wanted: object, policy: Policy, kind: str) -> bool:
    if wanted is None:
        return True
    key = policy.plan_key if kind == "plan" else policy.severity_key
    return bool(key(value) == key(wanted))


def assert_no_deadline_later(
    old: PolicyLike | BusinessCalendar,
    new: PolicyLike | BusinessCalendar,
    tickets: object,
    *,
    calendar: CalendarLike | None = None,
    policy: PolicyLike | None = None,
    plan: str | None = None,
    severity: str | int | None = None,
) -> None:
    """Check that going from ``old`` to ``new`` moves no deadline later.

    ``old`` and ``new`` are two policies (or policy books), with the tickets'
    ``calendar``; or two calendars, with the tickets' ``policy`` (default:
    the built-in one). ``tickets`` is a pandas DataFrame or an iterable of
    mappings with ``plan``, ``severity`` and ``created_at`` (and optionally
    ``changes`` and ``pauses``, a ticket's history, and ``ticket_id`` or
    ``id`` to name it). With ``plan`` and/or ``severity``, only those
    tickets are checked. A ticket that had a target and has none under
    ``new`` counts as later. Each deadline is
    [`first_response_deadline`][connected_care_sla.first_response_deadline].

    Raises:
        AssertionError: naming each ticket whose deadline moves later (the
            first ten), with both deadlines and by how much.
        hypothesis.errors.InvalidArgument: the arguments do not fit together.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> import dataclasses
        >>> from connected_care_sla import connected_care_policy
        >>> old = connected_care_policy()
        >>> new = dataclasses.replace(old, pausable=True)  # no deadline moves without pauses
        >>> sh = ZoneInfo("Asia/Shanghai")
        >>> tickets = [{"plan": "Premium", "severity": "S3",
        ...             "created_at": datetime(2025, 6, 9, 9, 0, tzinfo=sh)}]
        >>> assert_no_deadline_later(old, new, tickets, calendar="Asia/Shanghai", plan="Premium")
        >>> assert_no_deadline_later(  # doctest: +NORMALIZE_WHITESPACE
        ...     BusinessCalendar("Asia/Shanghai"),
        ...     BusinessCalendar("Asia/Shanghai", {"Mon-Fri": "10:00-18:00"}),
        ...     tickets,
        ... )
        Traceback (most recent call last):
        ...
        AssertionError: 1 of 1 deadline moves later: ticket 0 (Premium S3 created Mon 2025-06-09
        09:00:00 +08:00): Mon 2025-06-09 13:00:00 +08:00 -> Mon 2025-06-09 14:00:00 +08:00 (later by
        1h)
    """
    calendars = isinstance(old, BusinessCalendar), isinstance(new, BusinessCalendar)
    if calendars[0] != calendars[1]:
        raise InvalidArgument("old and new must both be policies or both be calendars")
    if calendars[0]:
        sides: list[dict[str, Any]] = [
            {"calendar": old, "policy": policy},
            {"calendar": new, "policy": policy},
        ]
    else:
        if calendar is None:
            raise InvalidArgument("comparing two policies needs the tickets' calendar=")
        if policy is not None:
            raise InvalidArgument("policy= goes with two calendars; here old and new are policies")
        sides = [{"calendar": calendar, "policy": old}, {"calendar": calendar, "policy": new}]
    for side in sides:
        given = side["policy"]
        if given is not None and not isinstance(given, (Policy, PolicyBook)):
            raise InvalidArgument(f"a policy must be a Policy or a PolicyBook, got {given!r}")
    first = sides[0]["policy"]
    terms = (
        first.versions[0]
        if isinstance(first, PolicyBook)
        else first
        if isinstance(first, Policy)
        else None
    )
    if terms is None:
        from ..policy import connected_care_policy

        terms = connected_care_policy()
    later: list[str] = []
    checked = 0
    for number, ticket in enumerate(_rows(tickets)):
        try:
            row_plan, row_severity, created = (
                ticket["plan"],
                ticket["severity"],
                ticket["created_at"],
            )
        except KeyError as exc:
            raise InvalidArgument(f"ticket {number} has no {exc.args[0]!r}") from None
        if not (
            _matches(row_plan, plan, terms, "plan")
            and _matches(row_severity, severity, terms, "severity")
        ):
            continue
        checked += 1
        history = {
            "changes": ticket.get("changes") or (),
            "pauses": ticket.get("pauses") or (),
        }
        before, after = (
            first_response_deadline(
                row_plan, row_severity, created, side["calendar"], policy=side["policy"], **history
            )
            for side in sides
        )
        if before is None or not _later(after, before):
            continue
        name = ticket.get("ticket_id", ticket.get("id", number))
        head = f"ticket {name} ({row_plan} {row_severity} created {_when(_aware(created))})"
        if after is None:
            later.append(f"{head}: {_when(before)} -> no target any more")
        else:
            moved = after.astimezone(UTC) - before.astimezone(UTC)
            later.append(
                f"{head}: {_when(before)} -> {_when(after)} (later by {format_duration(moved)})"
            )
    if later:
        shown = "; ".join(later[:_SHOWN])
        more = "" if len(later) <= _SHOWN else f"; and {len(later) - _SHOWN} more"
        count = f"{len(later)} of {checked} deadline{'s' if checked != 1 else ''}"
        verb = "moves" if len(later) == 1 else "move"
        raise AssertionError(f"{count} {verb} later: {shown}{more}")


def _aware(moment: object) -> datetime:
    if not isinstance(moment, datetime):
        raise InvalidArgument(f"created_at must be an aware datetime, got {moment!r}")
    return moment


def _later(after: datetime | None, before: datetime) -> bool:
    return after is None or after.astimezone(UTC) > before.astimezone(UTC)
