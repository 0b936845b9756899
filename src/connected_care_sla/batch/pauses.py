"""Paused time in whole tables: the deadline and the time consumed with pauses taken out.

The arithmetic of the scalar clock with pauses
(`connected_care_sla.deadlines.history.TargetClock`), for many rows at once:
each row's pauses are merged once (sorted, disjoint, cut at the response or
``now``), and the k-th pauses of all rows are handled together, so the cost
is one array operation per pause index, never a walk over days. Business time
is measured and added by the calendar index, as for rows without pauses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .calendars import add_business_time, measure_business_time
from .instants import NAT
from .targets import BUSINESS

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .calendars import Group

__all__ = ["paused_add", "unpaused"]

#: Each row's merged pauses, ``[start, end)`` in µs, sorted and disjoint.
Spans = dict[int, tuple[tuple[int, int], ...]]


def _kth(
    spans: Spans, count: int, k: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """The k-th pause of each row (``NAT`` where a row has fewer)."""
    import numpy as np

    starts = np.full(count, NAT, dtype=np.int64)
    ends = np.full(count, NAT, dtype=np.int64)
    has = np.zeros(count, dtype=bool)
    for row, pauses in spans.items():
        if len(pauses) > k:
            starts[row], ends[row] = pauses[k]
            has[row] = True
    return starts, ends, has


def _elapsed(
    groups: list[Group],
    clock: NDArray[np.int8],
    rows: NDArray[np.bool_],
    low: NDArray[np.int64],
    high: NDArray[np.int64],
) -> NDArray[np.int64]:
    """Time on each row's clock in ``[low, high)`` (``high >= low``), zero off ``rows``."""
    import numpy as np

    out = np.where(rows, high - low, 0).astype(np.int64)  # wall clock: real time
    business = rows & (clock == BUSINESS)
    if business.any():
        measure_business_time(groups, business, low, high, out)
    return out


def paused_add(
    groups: list[Group],
    clock: NDArray[np.int8],
    spans: Spans,
    starts: NDArray[np.int64],
    amounts: NDArray[np.int64],
) -> NDArray[np.int64]:
    """For the rows of ``spans``: the earliest instant by which ``amounts`` of unpaused clock
    time has passed since ``starts`` (``NAT`` on the other rows)."""
    import numpy as np

    count = len(starts)
    rows = np.zeros(count, dtype=bool)
    rows[list(spans)] = True
    cursor = np.where(rows, starts, 0).astype(np.int64)
    left = np.where(rows, amounts, 0).astype(np.int64)
    active = rows.copy()
    for k in range(max((len(p) for p in spans.values()), default=0)):
        low, high, has = _kth(spans, count, k)
        ahead = active & has & (high > cursor)
        before = _elapsed(groups, clock, ahead, cursor, np.where(ahead, np.maximum(low, cursor), 0))
        done = ahead & (before >= left)
        moved = ahead & ~done
        left[moved] -= before[moved]
        cursor[moved] = high[moved]
        active &= ~done
    result = np.where(rows, cursor + left, NAT)  # wall clock
    business = rows & (clock == BUSINESS)
    if business.any():
        add_business_time(groups, business, cursor, left, result)
    return result


def unpaused(
    groups: list[Group],
    clock: NDArray[np.int8],
    spans: Spans,
    rows: NDArray[np.bool_],
    starts: NDArray[np.int64],
    ends: NDArray[np.int64],
) -> NDArray[np.int64]:
    """For ``rows``: the clock time from ``starts`` to ``ends``, paused time not counted."""
    import numpy as np

    count = len(starts)
    forward = rows & (ends > starts)
    total = _elapsed(groups, clock, forward, starts, np.where(forward, ends, starts))
    for k in range(max((len(p) for p in spans.values()), default=0)):
        low, high, has = _kth(spans, count, k)
        low = np.maximum(low, starts)
        high = np.minimum(high, ends)
        inside = forward & has & (low < high)
        total -= _elapsed(
            groups, clock, inside, np.where(inside, low, 0), np.where(inside, high, 0)
        )
    return np.where(rows, total, NAT)
