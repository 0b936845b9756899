"""A slow, obviously correct model of a ticket's history: changes and pauses.

It shares no code with ``connected_care_sla.deadlines``: it picks the target in
force by reading the changes one by one, then walks the business intervals of
:mod:`support.reference` (or the one endless interval of a wall clock) with the
paused stretches cut out of them, interval by interval, until the target's
worth of time has gone by. From the library it reads only the policy's table
(``policy.target``, ``plan_key``, ``severity_key``) and its two switches.

Rules (a ticket's life before its first response):

* the target in force is that of the latest change strictly before the
  response and at or before ``now``; a change that leaves plan and severity as
  they were does nothing;
* ``from-creation``: the target counts from the creation; ``from-change``:
  from the latest change that did something;
* pauses count only when the policy is pausable; paused time (their union) is
  not consumed; parts after the cut (the response, ``now``) do not matter; an
  ongoing pause runs to the cut.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from support.reference import _intervals_forward, instant_of, us_of

if TYPE_CHECKING:
    from connected_care_sla import BusinessCalendar, Policy

FOREVER = 2**62


def in_force(
    policy: Policy,
    plan: str,
    severity: Any,
    created: datetime,
    changes: Sequence[Any],
    *,
    responded: datetime | None = None,
    now: datetime | None = None,
) -> tuple[Any, int]:
    """The target in force and the instant (µs) it counts from."""
    plan_key, severity_key = policy.plan_key(plan), policy.severity_key(severity)
    start = us_of(created)
    for change in changes:
        if responded is not None and change.at >= responded:
            break
        if now is not None and change.at > now:
            break
        new_plan = plan_key if change.plan is None else policy.plan_key(change.plan)
        new_severity = (
            severity_key if change.severity is None else policy.severity_key(change.severity)
        )
        if (new_plan, new_severity) == (plan_key, severity_key):
            continue
        plan_key, severity_key = new_plan, new_severity
        if policy.retarget == "from-change":
            start = us_of(change.at)
    return policy.target(plan_key, severity_key), start


def union(pauses: Sequence[tuple[datetime, datetime | None]], cut: int | None) -> list[list[int]]:
    """The pauses as sorted, disjoint µs intervals, cut at ``cut``."""
    spans = []
    for start, end in pauses:
        low = us_of(start)
        high = FOREVER if end is None else us_of(end)
        if cut is not None:
            high = min(high, cut)
        if low < high:
            spans.append([low, high])
    spans.sort()
    merged: list[list[int]] = []
    for low, high in spans:
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return merged


def _running(
    cal: BusinessCalendar, business: bool, start: int, paused: list[list[int]]
) -> Iterator[tuple[int, int]]:
    """The stretches in which the clock runs, from ``start`` on, in time order."""
    intervals = _intervals_forward(cal, start) if business else iter([(start, FOREVER)])
    for low, high in intervals:
        low = max(low, start)
        for pause_low, pause_high in paused:
            if pause_high <= low or pause_low >= high:
                continue
            if pause_low > low:
                yield low, pause_low
            low = max(low, pause_high)
        if low < high:
            yield low, high


def reached(
    cal: BusinessCalendar, business: bool, start: int, amount: int, paused: list[list[int]]
) -> int:
    """The earliest instant (µs) by which ``amount`` µs of running clock has gone by."""
    if amount == 0:
        return start
    for low, high in _running(cal, business, start, paused):
        if amount <= high - low:
            return low + amount
        amount -= high - low
    raise AssertionError("unreachable")  # pragma: no cover


def consumed(
    cal: BusinessCalendar, business: bool, start: int, until: int, paused: list[list[int]]
) -> int:
    """Running clock time (µs) between ``start`` and ``until``."""
    total = 0
    for low, high in _running(cal, business, start, paused):
        if low >= until:
            break
        total += min(high, until) - low
    return total


def ref_deadline(
    policy: Policy,
    cal: BusinessCalendar,
    plan: str,
    severity: Any,
    created: datetime,
    changes: Sequence[Any] = (),
    pauses: Sequence[tuple[datetime, datetime | None]] = (),
    *,
    share: Fraction = Fraction(1),
    responded: datetime | None = None,
    now: datetime | None = None,
) -> datetime | None:
    """The instant at which ``share`` of the target in force is consumed, or None."""
    target, start = in_force(policy, plan, severity, created, changes, responded=responded, now=now)
    if target is None:
        return None
    cuts = [us_of(t) for t in (responded, now) if t is not None]
    paused = union(pauses, min(cuts) if cuts else None) if policy.pausable else []
    amount = math.ceil(share * (target.duration // (target.duration.resolution)))
    return instant_of(reached(cal, target.is_business, start, amount, paused), cal.zone)
