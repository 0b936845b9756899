"""Measuring answered tickets: the time taken on the target's clock, and the state.

The rules of :func:`~connected_care_sla.response_status`, for whole arrays: a
ticket answered by its deadline is met, one answered after it missed; a
response after ``now`` has not happened yet; an unanswered ticket is open,
or missed when its deadline has passed by ``now``.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Final

from .._instants import to_us
from ..exceptions import NOTHING, InstantsOutOfOrderError
from .calendars import measure_business_time
from .instants import INSTANT, NAT, add_time_problems, instants
from .targets import BUSINESS, NO_CLOCK

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from .calendars import Group
    from .problems import Problems

__all__ = ["STATES", "responses"]

#: The states of the ``state`` column, by code (-1: a bad row).
STATES: Final = ("met", "missed", "open", "no target")
_MET, _MISSED, _OPEN, _NO_TARGET = range(4)


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
) -> tuple[NDArray[np.int64], NDArray[np.int8]]:
    """Time taken (µs, NaT when unanswered) and state code per row (see :data:`STATES`)."""
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
    add_time_problems(problems, status, "responded", missing_ok=True)
    answered = status == INSTANT
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
    taken = np.where(answered, response - created_us, NAT)  # wall clock
    measure_business_time(groups, answered & (clock == BUSINESS), created_us, response, taken)
    state = np.where(has_target, _OPEN, np.where(bad, -1, _NO_TARGET)).astype(np.int8)
    state[answered & (response <= deadline_us)] = _MET
    state[answered & (response > deadline_us)] = _MISSED
    if now_us is not None:
        state[has_target & ~answered & (deadline_us < now_us)] = _MISSED
    return taken, state
