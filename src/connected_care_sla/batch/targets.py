"""The response-table cell of each row: its policy version, target duration and clock.

The policy is asked once per distinct (plan, severity) pair and policy
version, not once per row: the rows are factorized into codes, the cells
looked up for every pair of codes, and the answers gathered back per row.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from .._instants import US_PER_DAY, duration_us, from_us, resolve_wall
from ..deadlines import _policy_on
from ..exceptions import (
    NOTHING,
    ResultOutOfRangeError,
    UnknownNameError,
    UnknownPlanError,
    UnknownSeverityError,
)
from ..policy import Clock, Policy, PolicyBook, PolicyLike
from .columns import factorize

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from .calendars import Group
    from .problems import Problems

__all__ = ["BUSINESS", "CLOCKS", "NO_CLOCK", "WALL", "targets", "version_codes", "versions"]

#: The clock of a row's target: the categories of the ``clock`` column, by code.
CLOCKS: Final = ("wall", "business")
WALL: Final = 0
BUSINESS: Final = 1
NO_CLOCK: Final = -1  # no target (Basic), or a bad row
# Up to this many (plan, severity) pairs, each distinct value of both columns is
# paired with each of the other; beyond it (junk data), only the pairs that occur.
_MAX_PAIRS: Final = 1 << 16


def versions(policy: PolicyLike | None) -> tuple[Policy, ...]:
    """The versions of ``policy=`` (one for a `Policy`), checking the argument."""
    checked = _policy_on(policy, None)  # validates the argument; the default policy
    if isinstance(policy, PolicyBook):
        return policy.versions
    return (checked,)


def version_codes(
    versions: tuple[Policy, ...], groups: list[Group], created: NDArray[np.int64]
) -> NDArray[np.int64] | None:
    """The policy version in force on each row's local creation date (None: one version).

    A version takes effect at the first instant of its date in the row's zone,
    so rows are placed by one binary search against those instants. Rows
    within a day of such an instant are placed again by their local date, as
    the scalar API does it, in case a DST change near midnight repeats a date.
    """
    import numpy as np

    if len(versions) == 1:
        return None
    dates = [version.effective_from for version in versions[1:] if version.effective_from]
    codes = np.zeros(len(created), dtype=np.int64)
    for group in groups:
        zone = group.calendar.zone
        starts = np.array(
            [resolve_wall(zone, day.toordinal(), 0) for day in dates],
            dtype=np.int64,
        )
        found = np.searchsorted(starts, created, side="right")
        near = np.zeros(len(created), dtype=bool)
        for start in starts:
            near |= np.abs(created - start) < US_PER_DAY
        if group.rows is not None:
            near &= group.rows
        for row in np.flatnonzero(near):
            try:
                day = from_us(int(created[row]), zone).date()
            except ResultOutOfRangeError:
                continue  # a bad row, reported elsewhere
            found[row] = bisect.bisect_right(dates, day)
        if group.rows is None:
            codes = found
        else:
            codes[group.rows] = found[group.rows]
    return codes


def targets(
    plans: pd.Series,
    severities: pd.Series,
    versions: tuple[Policy, ...],
    version_codes: NDArray[np.int64] | None,
    problems: Problems,
) -> tuple[NDArray[np.int64], NDArray[np.int8]]:
    """Target duration (µs) and clock code (`NO_CLOCK`, `WALL`,
    `BUSINESS`) per row; an unknown plan or severity goes to ``problems``."""
    import numpy as np

    plan_codes, plan_values = factorize(plans)
    severity_codes, severity_values = factorize(severities)
    width = len(severity_values) + 1  # code 0: missing
    # The (plan, severity) pair of each row, computed in place to keep temporaries few.
    pairs = plan_codes
    pairs += 1
    pairs *= width
    pairs += severity_codes
    pairs += 1
    del severity_codes
    if (len(plan_values) + 1) * width <= _MAX_PAIRS:
        present: list[int] = list(range((len(plan_values) + 1) * width))  # every pair
        cells = pairs
    else:  # very many distinct (bad) values: only the pairs that occur
        occurring, cells = np.unique(pairs, return_inverse=True)
        present = occurring.tolist()
        cells = cells.reshape(-1).astype(np.int64)
    size = len(versions) * len(present)
    durations = np.zeros(size, dtype=np.int64)
    clocks = np.full(size, NO_CLOCK, dtype=np.int8)
    issues = np.zeros(size, dtype=np.int32)
    for v, policy in enumerate(versions):
        plan_keys = [_missing(problems, UnknownPlanError, policy.plans, policy)]
        plan_keys += [_key(policy.plan_key, p, problems) for p in plan_values]
        severity_keys = [_missing(problems, UnknownSeverityError, policy.severities, policy)]
        severity_keys += [
            _key(policy.severity_key, _severity_value(x), problems) for x in severity_values
        ]
        for k, pair in enumerate(present):
            plan, severity = plan_keys[pair // width], severity_keys[pair % width]
            cell = v * len(present) + k
            if isinstance(plan, int):
                issues[cell] = plan
            elif isinstance(severity, int):
                issues[cell] = severity
            else:
                target = policy.target(plan, severity)
                if target is not None:
                    durations[cell] = duration_us(target.duration)
                    clocks[cell] = BUSINESS if target.clock is Clock.BUSINESS else WALL
    if version_codes is not None:
        cells += version_codes * len(present)
    # Mark the rows of bad pairs, if any row has one (one count per cell, not a gather).
    if issues.any() and np.bincount(cells, minlength=size)[issues != 0].any():
        row_issues = issues[cells]
        found = (row_issues != 0) & (problems.codes == 0)
        if found.any():
            problems.codes[found] = row_issues[found]
    return durations[cells], clocks[cells]


def _missing(
    problems: Problems, error: type[UnknownNameError], known: tuple[str, ...], policy: Policy
) -> str | int:
    """The code of the problem of a missing plan (or severity) in ``policy``."""
    return problems.kind(
        error.kind, error(NOTHING, known, policy=policy.name), f"{error.kind} is missing"
    )


def _key(resolve: Callable[[object], str], value: object, problems: Problems) -> str | int:
    """The policy's key for a value, or the code of the problem it has."""
    try:
        return resolve(value)
    except UnknownNameError as exc:
        return problems.kind(exc.kind, exc)


def _severity_value(value: object) -> object:
    """A float severity that is a whole number (a CSV column with blanks) as an int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
