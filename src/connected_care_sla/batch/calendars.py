"""The calendar of each row: rows grouped by calendar, and business time over each group.

With ``calendar=`` every row has one calendar; with ``zone=`` the rows are
grouped by the zone they name, and each zone gets the default hours or the
calendar that ``calendars=`` gives it. Several calendars keyed by a column
(a [`CalendarSet`][connected_care_sla.calendar.files.CalendarSet], as a calendars
file gives them) pick each row's calendar by its value in that column (a
zone, a customer): a value without a calendar is a bad row naming the values
that have one. The business-time arithmetic runs once per group, on the rows
whose target is on the business clock, in the array index of
`connected_care_sla.calendar.index`.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, ParamSpec, TypeAlias, TypeVar

from .._instants import US_PER_DAY, duration_us, from_us, zone_of
from .._text import shown
from ..calendar import BusinessCalendar
from ..calendar.files import CalendarSet
from ..deadlines import CalendarLike, _default_calendar
from ..exceptions import InvalidTableError, UnknownCalendarKeyError, UnknownZoneError, ZoneTypeError
from .columns import factorize

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from .problems import Problems

__all__ = [
    "CalendarsLike",
    "Group",
    "add_business_time",
    "calendar_sets",
    "keyed_calendars",
    "measure_business_time",
    "zone_groups",
]

#: What ``calendars=`` accepts with per-row zones: a calendar per zone name, or
#: a function that builds the calendar of a zone name (called once per zone), or
#: a `CalendarSet` of `connected_care_sla.calendar.files` (its key column picks).
CalendarsLike: TypeAlias = (
    "CalendarSet | Mapping[str, BusinessCalendar] | Callable[[str], BusinessCalendar] | None"
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


def keyed_calendars(
    calendar: CalendarLike | CalendarSet | None, zone: object, calendars: CalendarsLike
) -> tuple[CalendarLike | None, object, CalendarsLike]:
    """``calendar=``, ``zone=`` and ``calendars=`` with a calendar set read as per-row calendars.

    A [`CalendarSet`][connected_care_sla.calendar.files.CalendarSet] given as ``calendar`` (or as
    ``calendars`` without ``zone``) picks each row's calendar by the column its ``key`` names;
    ``zone`` may name another column holding those values.

    Raises:
        InvalidTableError: a calendar set as ``calendar`` beside ``calendars``.
    """
    if isinstance(calendar, CalendarSet):
        if calendars is not None and calendars != calendar:
            raise InvalidTableError(
                "calendar= is a set of calendars keyed by a column; give it alone, without "
                "calendars=",
                argument="calendars",
                value=calendars,
            )
        return None, calendar.key if zone is None else zone, calendar
    if isinstance(calendars, CalendarSet) and zone is None and calendar is None:
        return None, calendars.key, calendars
    return calendar, zone, calendars


_P = ParamSpec("_P")
_R = TypeVar("_R")


def calendar_sets(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` (of ``calendar=``, ``zone=``, ``calendars=``) taking a calendar set too.

    The arguments go through `keyed_calendars` before anything reads the
    table, so the key column is among the columns a call names.
    """

    @functools.wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        calendar, calendars = kwargs.get("calendar"), kwargs.get("calendars")
        if isinstance(calendar, CalendarSet) or isinstance(calendars, CalendarSet):
            chosen = keyed_calendars(calendar, kwargs.get("zone"), calendars)  # type: ignore[arg-type]
            kwargs["calendar"], kwargs["zone"], kwargs["calendars"] = chosen
        return function(*args, **kwargs)

    return run


def zone_groups(zones: pd.Series, calendars: CalendarsLike, problems: Problems) -> list[Group]:
    """One group per distinct zone name (or key value); bad rows go to ``problems``."""
    codes, names = factorize(zones)
    groups: list[Group] = []
    if isinstance(calendars, CalendarSet):
        missing: UnknownZoneError | UnknownCalendarKeyError = UnknownCalendarKeyError(
            argument=calendars.key, known=calendars
        )
    else:
        missing = UnknownZoneError("zone is missing", argument="zone")
    problems.add(codes < 0, "zone", missing)
    for code, name in enumerate(names):
        rows: NDArray[np.bool_] = codes == code
        try:
            calendar = _zone_calendar(name, calendars)
        except (UnknownZoneError, UnknownCalendarKeyError) as exc:
            problems.add(rows, "zone", exc)
            continue
        groups.append(Group(calendar, rows))
    return groups


def _zone_calendar(name: object, calendars: CalendarsLike) -> BusinessCalendar:
    if isinstance(calendars, CalendarSet):
        # Keys are text; a column of whole numbers (customer ids) is looked up by their digits.
        if isinstance(name, numbers.Integral) and not isinstance(name, bool):
            name = int(name)
        text = str(name) if isinstance(name, int) and not isinstance(name, bool) else name
        found = calendars.get(text) if isinstance(text, str) else None
        if found is None:
            raise UnknownCalendarKeyError(argument=calendars.key, value=name, known=calendars)
        return found
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
        some = starts[rows]
        for part in _clusters(some):
            if part is None:  # one cluster: all the rows
                into[rows] = add_business(calendar, some, amounts[rows])
                continue
            near = rows[part]
            into[near] = add_business(calendar, some[part], amounts[near])


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
            near = close if part is None else close[part]
            into[near] = elapsed_business(calendar, starts[near], ends[near])


def _clusters(values: NDArray[np.int64]) -> list[NDArray[np.intp] | None]:
    """Positions into ``values`` grouped by nearness (``[None]``: one group of all).

    The values are counted in buckets of ``_CLUSTER_GAP_US``; an empty bucket
    splits them, so no group spans a gap of two buckets or more, and two
    values closer than one bucket are in one group. Counting is linear: no
    sort of the rows, which cost more than the business arithmetic itself.
    """
    import numpy as np

    if len(values) == 0:
        return []
    low = int(values.min())
    if int(values.max()) - low <= 2 * _CLUSTER_GAP_US:
        return [None]
    buckets = (values - low) // _CLUSTER_GAP_US
    used = np.bincount(buckets) > 0
    # A group starts at each used bucket that follows an empty one.
    starts = used & ~np.concatenate(([False], used[:-1]))
    group_of_bucket = np.cumsum(starts) - 1
    if group_of_bucket[-1] == 0:
        return [None]
    groups = group_of_bucket[buckets]
    order = np.argsort(groups, kind="stable")
    breaks = np.flatnonzero(np.diff(groups[order])) + 1
    return list(np.split(order, breaks))
