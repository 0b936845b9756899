"""Measuring answered tickets: the time taken on the target's clock, and the state.

The rules of [`response_status`][connected_care_sla.response_status], for whole arrays: a
ticket answered by its deadline is met, one answered after it missed; a
response after ``now`` has not happened yet. Without ``now`` an unanswered
ticket is open; with it, breached once its deadline has passed, at risk from
the instant its at-risk share of the target is consumed, on track before.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from fractions import Fraction
from typing import TYPE_CHECKING, Final

from .._instants import to_us
from ..exceptions import NOTHING, InstantsOutOfOrderError
from .calendars import add_business_time, measure_business_time
from .instants import INSTANT, NAT, add_time_problems, instants
from .pauses import Spans, paused_add, unpaused
from .targets import BUSINESS, NO_CLOCK

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from .calendars import Group
    from .problems import Problems

__all__ = ["STATES", "responses"]

#: The states of the ``state`` column, by code (-1: a bad row): without ``now``,
#: "open" for an unanswered ticket; with it, the states of ``response_status``.
STATES: Final = ("met", "missed", "open", "no target", "on track", "at risk", "breached")
_MET, _MISSED, _OPEN, _NO_TARGET, _ON_TRACK, _AT_RISK, _BREACHED = range(7)


def responses(
    responded: pd.Series,
    created_us: NDArray[np.int64],
    deadline_us: NDArray[np.int64],
    target_us: NDArray[np.int64],
    clock: NDArray[np.int8],
    groups: list[Group],
    problems: Problems,
    now: datetime | None,
    assume: tzinfo | None,
    at_risk: Fraction = Fraction(3, 4),
    starts: NDArray[np.int64] | None = None,
    spans: Spans | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int8], NDArray[np.int64]]:
    """Time taken (µs, NaT when unanswered), state code per row (see `STATES`), and
    the responses read (µs, NaT when there is none). ``starts`` is the instant each
    target counts from (default: the creation); ``spans`` the merged pauses of the rows
    whose paused time counts (their ``deadline_us`` already has it taken out)."""
    import numpy as np

    # In the order response_status checks them: now, then the response.
    now_us = None
    if now is not None:
        now_us = to_us(now, "now")
        problems.add(
            created_us > now_us,
            "created",
            InstantsOutOfOrderError(
                "a status exists only from creation on",
                argument="now",
                value=now,
                earlier_argument="created",
                earlier_value=NOTHING,
            ),
            f"the ticket was created after now ({now.isoformat()}); a status exists only "
            f"from creation on",
        )
    response, status = instants(responded, assume)
    add_time_problems(problems, status, "responded", series=responded, missing_ok=True)
    answered = status == INSTANT
    status_ok = answered.copy()
    del status
    problems.add(
        answered & (response < created_us),
        "responded",
        InstantsOutOfOrderError(
            "check that both carry the right time zone",
            argument="responded",
            value=NOTHING,
            earlier_argument="created",
            earlier_value=NOTHING,
        ),
        "the response is before the ticket was created (a response cannot precede its "
        "ticket); check that both times carry the right zone",
    )
    if now_us is not None:
        answered &= response <= now_us  # not yet responded as of now
    has_target = clock != NO_CLOCK
    bad = problems.bad
    has_target &= ~bad
    answered &= has_target
    start = created_us if starts is None else starts
    taken = np.where(answered, response - start, NAT)  # wall clock
    measure_business_time(groups, answered & (clock == BUSINESS), start, response, taken)
    paused = np.zeros(len(created_us), dtype=bool)
    if spans:
        paused[list(spans)] = True
        fix = answered & paused
        if fix.any():  # paused time not counted
            taken[fix] = unpaused(groups, clock, spans, fix, start, response)[fix]
    state = np.where(has_target, _OPEN, np.where(bad, -1, _NO_TARGET)).astype(np.int8)
    state[answered & (response <= deadline_us)] = _MET
    state[answered & (response > deadline_us)] = _MISSED
    if now_us is not None:
        waiting = has_target & ~answered
        state[waiting] = _ON_TRACK
        # At risk from the instant the at-risk share is consumed (rounded up to the
        # whole µs), exactly as response_status and escalation_instant say it.
        amount = np.zeros(len(target_us), dtype=np.int64)
        for value in np.unique(target_us[waiting]).tolist():  # a few distinct targets
            share = -((-at_risk.numerator * value) // at_risk.denominator)  # exact, rounded up
            amount[target_us == value] = share
        risky = np.where(waiting, start + amount, NAT)  # wall clock
        add_business_time(groups, waiting & (clock == BUSINESS), start, amount, risky)
        if spans:
            late = {row: p for row, p in spans.items() if waiting[row]}
            if late:
                rows = np.array(list(late), dtype=np.intp)
                risky[rows] = paused_add(groups, clock, late, start, amount)[rows]
        state[waiting & (risky <= now_us)] = _AT_RISK
        state[waiting & (deadline_us < now_us)] = _BREACHED
    response = np.where(status_ok, response, NAT)
    return taken, state, response
