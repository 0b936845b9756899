"""The calendar of each row: rows grouped by calendar, and business time over each group.

With ``calendar=`` every row has one calendar; with ``zone=`` the rows are
grouped by the zone they name, and each zone gets the default hours or the
calendar that ``calendars=`` gives it. The business-time arithmetic runs
once per group, on the rows whose target is on the business clock, in the
array index of :mod:`connected_care_sla.calendar.index`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, TypeAlias

from .._instants import US_PER_DAY, duration_us, from_us, zone_of
from .._text import shown
from ..calendar import BusinessCalendar
from ..deadlines import _default_calendar
from ..exceptions import UnknownZoneError, ZoneTypeError
from .columns import factorize

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from .problems import Problems

__all__ = ["CalendarsLike", "Group", "add_business_time", "measure_business_time", "zone_groups"]

#: What ``calendars=`` accepts with per-row zones: a calendar per zone name, or
#: a function that builds the calendar of a zone name (called once per zone).
CalendarsLike: TypeAlias = (
    "Mapping[str, BusinessCalendar] | Callable[[str], BusinessCalendar] | None"
)

#: Rows whose instants are further apart than this go into separate business indexes.
_CLUSTER_GAP_US: Final = 32 * US_PER_DAY
#: A response further than this from its ticket is measured by the scalar engine.
_FAR_US: Final = 400 * US_PER_DAY


@dataclass(frozen=True, slots=True)
class Group:
    """The rows that share one calendar: a boolean mask, or None for all rows."""

    calendar: BusinessCalendar
    rows: NDArray[np.bool_] | None


def zone_groups(zones: pd.Series, calendars: CalendarsLike, problems: Problems) -> list[Group]:
    """One group per distinct zone name; rows with a bad zone go to ``problems``."""
    codes, names = factorize(zones)
    groups: list[Group] = []
    problems.add(codes < 0, "zone", UnknownZoneError("zone is missing", argument="zone"))
    for code, name in enumerate(names):
        rows: NDArray[np.bool_] = codes == code
        try:
            calendar = _zone_calendar(name, calendars)
        except UnknownZoneError as exc:
            problems.add(rows, "zone", exc)
            continue
        groups.append(Group(calendar, rows))
    return groups


def _zone_calendar(name: object, calendars: CalendarsLike) -> BusinessCalendar:
    if not isinstance(name, str):
        raise ZoneTypeError(
            argument="zone", value=name, expected="an IANA name such as 'Asia/Shanghai'"
        )
    if calendars is None:
        return _default_calendar(zone_of(name).key)
    if isinstance(calendars, Mapping):
        found = calendars.get(name)
        if found is None:
            zone_of(name)  # an unknown zone says so first
            known = ", ".join(map(shown, calendars)) or "none"
            raise UnknownZoneError(
                f"calendars= has no calendar for the zone {shown(name)} (it has {known}); "
                f"add one, or pass a function that builds a zone's calendar",
                argument="zone",
                value=name,
            )
        given = f"calendars[{shown(name)}]"
    else:
        found = calendars(name)
        given = f"calendars({shown(name)})"
    if not isinstance(found, BusinessCalendar):
        raise ZoneTypeError(argument=given, value=found, expected="a BusinessCalendar")
    return found


def _business_rows(
    groups: list[Group], business: NDArray[np.bool_]
) -> Iterator[tuple[BusinessCalendar, NDArray[np.intp]]]:
    """Each group's calendar, with the positions of its rows among ``business``."""
    import numpy as np

    for group in groups:
        rows = np.flatnonzero(business if group.rows is None else business & group.rows)
        if len(rows):
            yield group.calendar, rows


def add_business_time(
    groups: list[Group],
    business: NDArray[np.bool_],
    starts: NDArray[np.int64],
    amounts: NDArray[np.int64],
    into: NDArray[np.int64],
) -> None:
    """For the ``business`` rows: the instant ``amounts`` of business time after ``starts``."""
    from ..calendar.index import add_business

    for calendar, rows in _business_rows(groups, business):
        # One index per cluster of nearby rows: an index holds every date from its
        # first row to its last deadline, so one row in 2000 and one in 9000 would
        # otherwise cost 7,000 years of dates (seconds) instead of two small indexes.
        for part in _clusters(starts[rows]):
            near = rows[part]
            into[near] = add_business(calendar, starts[near], amounts[near])


def measure_business_time(
    groups: list[Group],
    business: NDArray[np.bool_],
    starts: NDArray[np.int64],
    ends: NDArray[np.int64],
    into: NDArray[np.int64],
) -> None:
    """For the ``business`` rows: the business time from ``starts`` to ``ends``."""
    import numpy as np

    from ..calendar.index import elapsed_business

    for calendar, rows in _business_rows(groups, business):
        far = np.abs(ends[rows] - starts[rows]) > _FAR_US
        for row in rows[far]:  # answered long after: the scalar engine, by year tables
            into[row] = duration_us(
                calendar.elapsed(
                    from_us(int(starts[row]), calendar.zone),
                    from_us(int(ends[row]), calendar.zone),
                )
            )
        close = rows[~far]
        for part in _clusters(starts[close]):  # as in add_business_time
            near = close[part]
            into[near] = elapsed_business(calendar, starts[near], ends[near])


def _clusters(values: NDArray[np.int64]) -> list[NDArray[np.intp]]:
    """Positions into ``values`` grouped by nearness: sorted, and split wherever two
    consecutive values lie more than ``_CLUSTER_GAP_US`` apart."""
    import numpy as np

    order = np.argsort(values, kind="stable")
    breaks = np.flatnonzero(np.diff(values[order]) > _CLUSTER_GAP_US) + 1
    return list(np.split(order, breaks))
