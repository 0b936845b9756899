"""Whole tables at once: deadlines and compliance for pandas DataFrames.

Needs the optional extra ``pip install "connected-care-sla[pandas]"`` (pandas,
numpy, matplotlib). Importing :mod:`connected_care_sla` never imports them;
calling a function here without them raises :class:`MissingExtraError`, which
names that command.

* :func:`first_response_deadlines` answers :func:`~connected_care_sla.first_response_deadline`
  for every row of a table, with exactly the same instants, at millions of
  rows a second: the response-table cell is looked up once per distinct
  (plan, severity) pair, wall-clock targets are one integer addition, and
  business-hour targets are two binary searches per row in an index of the
  calendar's business windows (:mod:`connected_care_sla._vector`). Given a
  column of first-response times, it also measures each answered ticket.
* :func:`compliance` groups those rows into a :class:`ComplianceReport`: met,
  missed and open tickets, compliance and margins per group, and a plot.

Both are pure functions of one DataFrame, so they run unchanged on the
partitions of a Dask or Spark table (see the how-to guide "Whole tables").

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> import pandas as pd
>>> shanghai = ZoneInfo("Asia/Shanghai")
>>> tickets = pd.DataFrame({
...     "plan": ["Developer", "Premium", "Basic"],
...     "severity": ["S1", "S1", "S2"],
...     "created_at": [datetime(2025, 6, 6, 17, 0, tzinfo=shanghai)] * 3,
...     "first_response_at": [datetime(2025, 6, 9, 13, 0, tzinfo=shanghai), None, None],
... })
>>> out = first_response_deadlines(tickets, calendar="Asia/Shanghai")
>>> out[["plan", "deadline", "clock"]]
        plan                  deadline     clock
0  Developer 2025-06-09 12:00:00+08:00  business
1    Premium 2025-06-06 17:30:00+08:00      wall
2      Basic                       NaT       NaN
>>> report = compliance(out, responded="first_response_at", by="plan")
>>> columns = ["tickets", "met", "missed", "open", "compliance_pct"]
>>> report.table[columns]  # doctest: +NORMALIZE_WHITESPACE
           tickets  met  missed  open  compliance_pct
plan
Developer        1    0       1     0             0.0
Premium          1    0       0     1             NaN
"""

from __future__ import annotations

import itertools
import math
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from .._instants import (
    EPOCH_ORDINAL,
    US_PER_DAY,
    duration_us,
    from_us,
    resolve_wall,
    to_us,
    zone_of,
)
from ..calendar import BusinessCalendar
from ..deadlines import CalendarLike, _calendar, _default_calendar, _policy_on
from ..exceptions import (
    InvalidInstantError,
    InvalidTableError,
    MissingExtraError,
    ResultOutOfRangeError,
    SlaError,
    UnknownPlanError,
    UnknownSeverityError,
    UnknownZoneError,
)
from ..policy import Clock, Policy, PolicyBook, PolicyLike, format_duration

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from matplotlib.figure import Figure
    from numpy.typing import NDArray

__all__ = [
    "CalendarsLike",
    "ComplianceReport",
    "Errors",
    "compliance",
    "first_response_deadlines",
]

#: What ``errors=`` accepts: ``"raise"`` stops at the first bad row (default);
#: ``"coerce"`` gives bad rows no deadline and a message in an ``error`` column.
Errors: TypeAlias = Literal["raise", "coerce"]

#: What ``calendars=`` accepts with per-row zones: a calendar per zone name, or
#: a function that builds the calendar of a zone name (called once per zone).
CalendarsLike: TypeAlias = (
    "Mapping[str, BusinessCalendar] | Callable[[str], BusinessCalendar] | None"
)

_EXTRA: Final = 'pip install "connected-care-sla[pandas]"'
#: The output column names, in the order they are added.
_CLOCKS: Final = ("wall", "business")  # codes 0 and 1; -1 is "no target"
_STATES: Final = ("met", "missed", "open", "no target")  # codes 0 to 3
_MET, _MISSED, _OPEN, _NO_TARGET = range(4)
_NAT: Final = -(2**63)  # numpy's NaT as int64
# Up to this many (plan, severity) pairs, each distinct value of both columns is
# paired with each of the other; beyond it (junk data), only the pairs that occur.
_MAX_PAIRS: Final = 1 << 16
# The instants Python's datetime can represent (µs since the epoch, UTC): the
# scalar API can represent nothing else, so neither does a row.
_MIN_US: Final = (1 - EPOCH_ORDINAL) * US_PER_DAY + US_PER_DAY  # 0001-01-02, any offset
_MAX_US: Final = (9999 * 366 - EPOCH_ORDINAL) * US_PER_DAY
# An ISO 8601 string that carries a UTC offset after its time of day.
_HAS_OFFSET: Final = (
    r"[T\s]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)\s*$"
)


# -- the optional extra ----------------------------------------------------------


def _require(*, plots: bool = False) -> None:
    """Import the extra's packages, or say how to install them."""
    try:
        import numpy  # noqa: F401
        import pandas  # noqa: F401

        if plots:
            import matplotlib  # noqa: F401
    except ImportError as exc:
        what = "pandas, numpy and matplotlib" if plots else "pandas and numpy"
        raise MissingExtraError(
            f"connected_care_sla.batch needs {what} ({exc.name} is missing); install the "
            f"extra with: {_EXTRA}"
        ) from exc


# -- recording how a table was computed ------------------------------------------

_ATTRS: Final = "connected_care_sla"
_REGISTRY_SIZE: Final = 256
# options key -> (token, options); token -> options key. Bounded, most recent last.
_runs: OrderedDict[tuple[object, ...], tuple[str, dict[str, Any]]] = OrderedDict()
_by_token: dict[str, tuple[object, ...]] = {}
_registry_lock = threading.Lock()
_process = uuid.uuid4().hex[:12]
_counter = itertools.count()


def _hashable(value: object) -> object:
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    return value


def _remember(options: dict[str, Any]) -> str:
    """A token for the options of a run, for ``DataFrame.attrs``.

    ``attrs`` must stay JSON-safe (``to_parquet`` writes them) and cheap to
    deep-copy (pandas copies them on most operations), so the calendar and
    policy stay in this process, in a small bounded registry, and the table
    carries only the token. Equal options get the same token, so the
    partitions of one Dask run concatenate with their ``attrs`` intact. A
    token from another process (a file, a Dask worker) is simply not found.
    """
    key = tuple((name, _hashable(value)) for name, value in sorted(options.items()))
    with _registry_lock:
        known = _runs.get(key)
        token = known[0] if known is not None else f"{_process}-{next(_counter)}"
        _runs[key] = (token, options)
        _runs.move_to_end(key)
        _by_token[token] = key
        while len(_runs) > _REGISTRY_SIZE:
            _, (gone, _) = _runs.popitem(last=False)
            del _by_token[gone]
    return token


def _recall(data: pd.DataFrame) -> dict[str, Any]:
    """The options a table was computed with in this process, or {}."""
    record = data.attrs.get(_ATTRS)
    if isinstance(record, Mapping):
        with _registry_lock:
            key = _by_token.get(str(record.get("token")))
            if key is not None:
                return dict(_runs[key][1])
    return {}


# -- per-row problems -------------------------------------------------------------


class _Problems:
    """What is wrong with each row: an index into a list of messages (0: nothing).

    The first problem found for a row stays: checks run in the order the
    scalar API makes them (zone, creation time, plan, severity, response).
    """

    def __init__(self, count: int) -> None:
        import numpy as np

        self.codes: NDArray[np.int32] = np.zeros(count, dtype=np.int32)
        self.kinds: list[tuple[type[SlaError], str, str]] = [(SlaError, "", "")]
        self._known: dict[tuple[type[SlaError], str, str], int] = {}

    def kind(self, error: type[SlaError], column: str, text: str) -> int:
        """The code of one kind of problem (one message), registered once."""
        key = (error, column, text)
        code = self._known.get(key)
        if code is None:
            code = len(self.kinds)
            self.kinds.append(key)
            self._known[key] = code
        return code

    def add(self, mask: NDArray[np.bool_], error: type[SlaError], column: str, text: str) -> None:
        """Mark the rows of ``mask`` that have no problem yet."""
        if mask.any():
            self.codes[mask & (self.codes == 0)] = self.kind(error, column, text)

    @property
    def bad(self) -> NDArray[np.bool_]:
        result: NDArray[np.bool_] = self.codes != 0
        return result

    def raise_first(self, frame: pd.DataFrame, columns: Mapping[str, pd.Series]) -> None:
        """``errors="raise"``: the first bad row, by label and bad value."""
        import numpy as np

        positions = np.flatnonzero(self.codes)
        if len(positions) == 0:
            return
        at = int(positions[0])
        error, column, text = self.kinds[int(self.codes[at])]
        label = frame.index[at]
        where = f"row {label.item() if hasattr(label, 'item') else label!r}"
        if column in columns:
            where += f" ({column} = {_shown(columns[column].iloc[at])})"
        extra = "" if len(positions) == 1 else f" ({len(positions):,} bad rows in all)"
        raise error(
            f"{where}: {text}{extra}; pass errors='coerce' to get such rows with no deadline "
            f"and the reason in an 'error' column"
        )

    def messages(self) -> NDArray[np.object_]:
        """``errors="coerce"``: the message of each row, None (NA) when it has none."""
        import numpy as np

        texts = np.array([None] + [f"{c}: {t}" for _, c, t in self.kinds[1:]], dtype=object)
        result: NDArray[np.object_] = texts[self.codes]
        return result


def _shown(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return repr(str(value)) if isinstance(value, str) else repr(value)


# -- reading the table ------------------------------------------------------------


def _frame(data: object) -> pd.DataFrame:
    import pandas as pd

    if data is None:
        return pd.DataFrame()
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, Mapping):
        return pd.DataFrame(dict(data))
    if hasattr(data, "map_partitions") or hasattr(data, "mapInPandas"):
        raise InvalidTableError(
            f"batch functions take one pandas DataFrame; to run on a {type(data).__name__}, "
            f"apply them to each partition (Dask: map_partitions, Spark: mapInPandas), as "
            f"the how-to guide 'Whole tables' shows"
        )
    raise InvalidTableError(
        f"data must be a pandas DataFrame, a mapping of column names to values, or None "
        f"(with arrays for plan=, severity= and created=), got {type(data).__name__}"
    )


def _column(frame: pd.DataFrame, spec: object, what: str, rows: int) -> pd.Series:
    """A column by name, or an array-like aligned with the rows by position."""
    import numpy as np
    import pandas as pd

    if isinstance(spec, str):
        if spec not in frame.columns:
            shown = ", ".join(repr(str(c)) for c in frame.columns[:20]) or "none"
            raise InvalidTableError(
                f"{what}={spec!r} names no column of the table (its columns: {shown}); "
                f"pass {what}= the column's name, or an array of values"
            )
        return frame[spec]
    if spec is None or not hasattr(spec, "__len__"):
        raise InvalidTableError(
            f"{what}= must be a column name or an array of values (one per row), got {spec!r}"
        )
    values: Any = spec.array if isinstance(spec, pd.Series) else spec
    if not isinstance(values, (pd.Index, pd.api.extensions.ExtensionArray, np.ndarray, list)):
        values = list(values)
    if len(values) != rows:
        raise InvalidTableError(
            f"{what}= has {len(values):,} values but the table has {rows:,} rows"
        )
    index = frame.index if len(frame.columns) else None
    return pd.Series(values, index=index, name=what)


def _instants(
    series: pd.Series, assume: tzinfo | None
) -> tuple[NDArray[np.int64], NDArray[np.int8]]:
    """Instants (µs since the epoch) and a status per row.

    Status 0: an instant; 1: missing; 2: naive (no zone, and no ``assume_tz``);
    3: not a time; 4: outside the range ``datetime`` represents; 5: a naive
    time that does not exist, or exists twice, in ``assume_tz`` (DST).
    """
    import numpy as np
    import pandas as pd

    count = len(series)
    dtype = series.dtype
    status = np.zeros(count, dtype=np.int8)
    us: NDArray[np.int64]
    if isinstance(dtype, pd.ArrowDtype) and dtype.kind == "M":  # pyarrow timestamps
        zone = getattr(dtype.pyarrow_dtype, "tz", None)
        series = series.astype(f"datetime64[us, {zone}]" if zone else "datetime64[us]")
        dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        us = series.array.as_unit("us").asi8
    elif isinstance(dtype, np.dtype) and dtype.kind == "M":
        naive = series.array.as_unit("us")
        if assume is None:
            us = naive.asi8
            status[us != _NAT] = 2
        else:
            us = _localize(naive, assume)
            status[(us == _NAT) & ~np.asarray(naive.isna())] = 5
    else:
        kind = pd.api.types.infer_dtype(series, skipna=True)
        if kind == "string":
            us = _parse_strings(series, status, assume)
        else:
            us = _convert_objects(series, status, assume)
    missing = us == _NAT
    status[missing & (status == 0)] = 1
    outside = ~missing & ((us < _MIN_US) | (us > _MAX_US))
    status[outside & (status == 0)] = 4
    return us, status


def _localize(naive: Any, zone: tzinfo) -> NDArray[np.int64]:
    """Naive wall times read in ``zone``; one in a DST gap or overlap becomes NaT.

    Such a time never happened, or happened twice: a guess could give a wrong
    deadline, so the row is reported instead (as the command line does).
    """
    import numpy as np
    import pandas as pd

    index = pd.DatetimeIndex(naive)
    key = "UTC" if _is_utc(zone) else getattr(zone, "key", zone)
    result: NDArray[np.int64] = np.asarray(
        index.tz_localize(key, ambiguous="NaT", nonexistent="NaT").asi8
    )
    return result


def _is_utc(zone: tzinfo) -> bool:
    return getattr(zone, "key", None) in ("UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu")


def _parse_strings(
    series: pd.Series, status: NDArray[np.int8], assume: tzinfo | None
) -> NDArray[np.int64]:
    """ISO 8601 strings, vectorised; those without a UTC offset are naive."""
    import numpy as np
    import pandas as pd

    text = series.astype("string")
    parsed = pd.to_datetime(text, utc=True, format="ISO8601", errors="coerce")
    us: NDArray[np.int64] = np.array(parsed.array.as_unit("us").asi8, copy=True)
    present = text.notna().to_numpy(dtype=bool, na_value=False)
    status[present & (us == _NAT)] = 3
    naive = present & ~text.str.contains(_HAS_OFFSET, regex=True).to_numpy(
        dtype=bool, na_value=False
    )
    naive &= us != _NAT
    if naive.any():
        if assume is None:
            status[naive] = 2
        else:
            local = pd.to_datetime(text[naive], format="ISO8601").array.as_unit("us")
            us[naive] = _localize(local, assume)
            status[naive & (us == _NAT)] = 5
    return us


def _convert_objects(
    series: pd.Series, status: NDArray[np.int8], assume: tzinfo | None
) -> NDArray[np.int64]:
    """Python objects one by one: aware datetimes, naive ones, ISO strings, missing values."""
    import numpy as np
    import pandas as pd

    values = series.to_numpy(dtype=object)
    us = np.full(len(values), _NAT, dtype=np.int64)
    for row, value in enumerate(values):
        moment = value
        if isinstance(moment, np.datetime64):
            moment = pd.Timestamp(moment) if not np.isnat(moment) else None
        if isinstance(moment, str):
            try:
                moment = datetime.fromisoformat(moment.strip())
            except ValueError:
                status[row] = 3
                continue
        if moment is None or moment is pd.NaT or (isinstance(moment, float) and math.isnan(moment)):
            continue  # missing
        if not isinstance(moment, datetime):
            status[row] = 3
        elif moment.utcoffset() is not None:
            us[row] = to_us(moment)
        elif assume is None:
            status[row] = 2
        else:
            first = moment.replace(tzinfo=assume, fold=0)
            if first.utcoffset() != moment.replace(tzinfo=assume, fold=1).utcoffset():
                status[row] = 5  # in a DST gap or overlap
                continue
            try:
                us[row] = to_us(first)
            except (OverflowError, ResultOutOfRangeError):
                status[row] = 4
    return us


_TIME_PROBLEMS: Final = {
    1: (InvalidInstantError, "{what} is missing"),
    2: (
        InvalidInstantError,
        "{what} is naive (it has no time zone), so it names no instant; give aware times, "
        "or name the zone naive times were recorded in with assume_tz= (e.g. assume_tz='UTC')",
    ),
    3: (
        InvalidInstantError,
        "{what} is not a date and time (expected an aware datetime or ISO 8601)",
    ),
    4: (
        ResultOutOfRangeError,
        "{what} lies outside the range datetime can represent (years 1 to 9999)",
    ),
    5: (
        InvalidInstantError,
        "{what} is a naive time that does not exist (the clocks jump over it) or happens "
        "twice (the clocks go back) in the assume_tz zone; give it with its UTC offset",
    ),
}


def _time_problems(
    problems: _Problems, status: NDArray[np.int8], column: str, *, missing_ok: bool = False
) -> None:
    for code, (error, text) in _TIME_PROBLEMS.items():
        if code == 1 and missing_ok:
            continue
        problems.add(status == code, error, column, text.format(what=column))


class _Unhashable:
    """A value pandas cannot hash (a list as a plan), standing for itself alone."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


def _factorize(series: pd.Series) -> tuple[NDArray[np.int64], list[Any]]:
    import numpy as np
    import pandas as pd

    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:
        # An unhashable value (never a valid name): the row is refused as the scalar
        # API refuses it, naming the value, not with pandas' "unhashable type".
        wrapped = pd.Series(
            [v if _is_hashable(v) else _Unhashable(v) for v in series], dtype=object
        )
        codes, uniques = pd.factorize(wrapped, use_na_sentinel=True)
    values = [
        v.value if isinstance(v, _Unhashable) else v.item() if isinstance(v, np.generic) else v
        for v in uniques.tolist()
    ]
    return np.asarray(codes, dtype=np.int64), values


def _is_hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _severity_value(value: object) -> object:
    """A float severity that is a whole number (a CSV column with blanks) as an int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# -- calendars and zones -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    """The rows that share one calendar: a boolean mask, or None for all rows."""

    calendar: BusinessCalendar
    rows: NDArray[np.bool_] | None


def _zone_groups(zones: pd.Series, calendars: CalendarsLike, problems: _Problems) -> list[_Group]:
    """One group per distinct zone name; rows with a bad zone go to ``problems``."""
    codes, names = _factorize(zones)
    groups: list[_Group] = []
    problems.add(codes < 0, UnknownZoneError, "zone", "zone is missing")
    for code, name in enumerate(names):
        rows: NDArray[np.bool_] = codes == code
        try:
            calendar = _zone_calendar(name, calendars)
        except UnknownZoneError as exc:
            problems.add(rows, UnknownZoneError, "zone", str(exc))
            continue
        groups.append(_Group(calendar, rows))
    return groups


def _zone_calendar(name: object, calendars: CalendarsLike) -> BusinessCalendar:
    if not isinstance(name, str):
        raise UnknownZoneError(
            f"a zone must be an IANA name such as 'Asia/Shanghai', got {name!r} of type "
            f"{type(name).__name__}"
        )
    if calendars is None:
        return _default_calendar(zone_of(name).key)
    if isinstance(calendars, Mapping):
        found = calendars.get(name)
        if found is None:
            zone_of(name)  # an unknown zone says so first
            raise UnknownZoneError(
                f"calendars= has no calendar for the zone {name!r} (it has "
                f"{', '.join(map(repr, calendars)) or 'none'}); add one, or pass a function "
                f"that builds a zone's calendar"
            )
    else:
        found = calendars(name)
    if not isinstance(found, BusinessCalendar):
        raise UnknownZoneError(
            f"calendars= gave {found!r} for the zone {name!r}; expected a BusinessCalendar"
        )
    return found


# -- the response table, once per distinct cell ---------------------------------------


def _versions(policy: PolicyLike | None) -> tuple[Policy, ...]:
    checked = _policy_on(policy, None)  # validates the argument; the default policy
    if isinstance(policy, PolicyBook):
        return policy.versions
    return (checked,)


def _version_codes(
    versions: tuple[Policy, ...], groups: list[_Group], created: NDArray[np.int64]
) -> NDArray[np.int64] | None:
    """The policy version in force on each row's local creation date (SPEC 3.8).

    A version takes effect at the first instant of its date in the row's zone,
    so rows are placed by one binary search against those instants. Rows
    within a day of such an instant are placed again by their local date, as
    the scalar API does it, in case a DST change near midnight repeats a date.
    """
    import bisect

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


def _targets(
    plans: pd.Series,
    severities: pd.Series,
    versions: tuple[Policy, ...],
    version_codes: NDArray[np.int64] | None,
    problems: _Problems,
) -> tuple[NDArray[np.int64], NDArray[np.int8]]:
    """Target duration (µs) and clock code (-1: none, 0: wall, 1: business) per row."""
    import numpy as np

    plan_codes, plan_values = _factorize(plans)
    severity_codes, severity_values = _factorize(severities)
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
    clocks = np.full(size, -1, dtype=np.int8)
    issues = np.zeros(size, dtype=np.int32)
    for v, policy in enumerate(versions):
        plan_keys: list[str | int] = [problems.kind(UnknownPlanError, "plan", "plan is missing")]
        plan_keys += [
            _key(policy.plan_key, p, problems, UnknownPlanError, "plan") for p in plan_values
        ]
        severity_keys: list[str | int] = [
            problems.kind(UnknownSeverityError, "severity", "severity is missing")
        ]
        severity_keys += [
            _key(
                policy.severity_key, _severity_value(x), problems, UnknownSeverityError, "severity"
            )
            for x in severity_values
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
                    clocks[cell] = 1 if target.clock is Clock.BUSINESS else 0
    if version_codes is not None:
        cells += version_codes * len(present)
    row_issues = issues[cells]
    found = (row_issues != 0) & (problems.codes == 0)
    if found.any():
        problems.codes[found] = row_issues[found]
    return durations[cells], clocks[cells]


def _key(
    resolve: Callable[[object], str],
    value: object,
    problems: _Problems,
    error: type[SlaError],
    column: str,
) -> str | int:
    """The policy's key for a value, or the code of the problem it has."""
    try:
        return resolve(value)
    except (UnknownPlanError, UnknownSeverityError) as exc:
        return problems.kind(error, column, str(exc))


# -- building the output ---------------------------------------------------------------


def _datetimes(us: NDArray[np.int64], zone: str) -> Any:
    import pandas as pd

    return pd.DatetimeIndex(us.view("M8[us]")).tz_localize("UTC").tz_convert(zone).array


def _local_datetimes(us: NDArray[np.int64], groups: list[_Group]) -> Any:
    """Each row's instant in its own zone, as an object array of Timestamps."""
    import numpy as np
    import pandas as pd

    result = np.full(len(us), pd.NaT, dtype=object)
    for group in groups:
        assert group.rows is not None
        local = pd.DatetimeIndex(us[group.rows].view("M8[us]")).tz_localize("UTC")
        result[group.rows] = local.tz_convert(group.calendar.zone.key).astype(object)
    return result


def _durations(us: NDArray[np.int64]) -> Any:
    import pandas as pd

    return pd.array(us.view("m8[us]"))


def first_response_deadlines(
    data: pd.DataFrame | Mapping[str, Any] | None = None,
    *,
    plan: str | Any = "plan",
    severity: str | Any = "severity",
    created: str | Any = "created_at",
    calendar: CalendarLike | None = None,
    zone: str | Any | None = None,
    calendars: CalendarsLike = None,
    policy: PolicyLike | None = None,
    responded: str | Any | None = None,
    now: datetime | None = None,
    tz: str | None = None,
    assume_tz: str | None = None,
    errors: Errors = "raise",
) -> pd.DataFrame:
    """First-response deadlines for every row of a table, as the scalar API gives them.

    Row by row the result is exactly :func:`~connected_care_sla.first_response_deadline`
    (and, with ``responded``, :func:`~connected_care_sla.response_status`): the
    same instants to the microsecond, with DST, holidays, make-up workdays,
    split shifts and the 18:00 rule.

    Args:
        data: a pandas DataFrame, a mapping of column names to values, or None
            when ``plan``, ``severity`` and ``created`` are arrays.
        plan: the plans: a column name (default ``"plan"``), or an array, list
            or Series with one value per row. Matched as the scalar API
            matches them (any letter case).
        severity: the severities, likewise (default ``"severity"``); also
            ``1`` to ``4``.
        created: the creation instants, likewise (default ``"created_at"``):
            a tz-aware ``datetime64`` column (fastest), aware ``datetime``
            objects (any mix of zones), or ISO 8601 strings with a UTC offset.
        calendar: the calendar of every row: a :class:`BusinessCalendar`, or an
            IANA zone name for the default Monday to Friday 09:00-18:00 hours.
        zone: instead of ``calendar``, a column (or array) naming each row's
            IANA zone. Rows are grouped by zone; each zone gets the default
            hours, or the calendar ``calendars`` gives it.
        calendars: with ``zone``: a mapping of zone name to calendar, or a
            function that builds a zone's calendar (called once per zone).
        policy: a :class:`Policy` or :class:`PolicyBook` (default: the built-in
            Connected Care policy). Of a book, each row gets the version in
            force on its local creation date.
        responded: optionally, first-response times (a column or array; missing
            values mean no response yet). Adds ``taken``, ``margin`` and ``state``.
        now: with ``responded``, the instant the table is judged at: an
            unanswered ticket whose deadline has passed by then is ``missed``
            (and a response after ``now`` has not happened yet). Without it,
            unanswered tickets are ``open``.
        tz: the zone of the ``deadline`` column. Default: the calendar's zone
            with ``calendar``; UTC with per-row zones (a pandas column holds one
            zone). ``"local"`` with per-row zones gives each row's deadline in
            its own zone, as an object column of Timestamps (slower).
        assume_tz: the zone that naive creation and response times were
            recorded in (e.g. ``"UTC"``, as Spark hands timestamps over).
            Default None: naive times are bad rows, as in the scalar API (SPEC
            3.1). A naive time that a DST change skips or repeats in that zone
            is a bad row too: it names no single instant.
        errors: ``"raise"`` (default): the first bad row raises the error the
            scalar API raises, naming the row's label and bad value.
            ``"coerce"``: bad rows get no deadline and an ``error`` column says
            why (missing on good rows). A bad row never gets a deadline.

    Returns:
        A new DataFrame: the input columns (in order, same index), then
        ``deadline``, tz-aware ``datetime64[us]``, NaT with no target (Basic)
        or on a bad row; ``clock``, categorical ``"wall"`` or ``"business"``
        (missing: no target); ``target``, ``timedelta64[us]``, the
        response-table cell. With ``responded``: ``taken``, the time from
        creation to response on the target's clock (business time for
        business targets); ``margin`` = ``target - taken`` (negative: late),
        both NaT when unanswered; and ``state``, categorical ``"met"``,
        ``"missed"``, ``"open"`` or ``"no target"``. A response after the
        deadline is missed even when its business ``taken`` equals the
        target (answered at 19:00 for an 18:00 deadline: margin 0, missed),
        as in :func:`response_status`. With ``errors="coerce"``: ``error``.
        Existing columns of those names are replaced. :func:`compliance`
        reads the table's ``attrs`` to find the calendar again in this process.

    Raises:
        MissingExtraError: pandas or numpy is not installed.
        InvalidTableError: a column is missing, lengths differ, or both or
            neither of ``calendar`` and ``zone`` are given.
        UnknownPlanError: a bad plan, with ``errors="raise"``; likewise
            ``UnknownSeverityError``, ``InvalidInstantError`` (a missing, naive
            or unreadable time), ``UnknownZoneError`` and ``ResultOutOfRangeError``.
        PolicyError: ``policy`` is not a policy; ``CalendarNeverOpensError`` and
            ``HolidayHorizonError`` as in the scalar API.
    """
    _require()
    import numpy as np
    import pandas as pd

    mode = _errors(errors)
    frame = _frame(data)
    if (calendar is None) == (zone is None):
        raise InvalidTableError(
            "give either calendar= (one calendar, or a zone name, for every row) or zone= "
            "(a column naming each row's zone), not " + ("both" if zone is not None else "neither")
        )
    if calendars is not None and zone is None:
        raise InvalidTableError(
            "calendars= goes with zone= (per-row zones); with one calendar, pass calendar="
        )
    if now is not None and responded is None:
        raise InvalidTableError(
            "now= judges unanswered tickets, so it needs responded= (the column of "
            "first-response times; blank where there is no response yet)"
        )
    specs = {"plan": plan, "severity": severity, "created": created, "zone": zone}
    specs["responded"] = responded
    specs = {name: spec for name, spec in specs.items() if spec is not None}
    from_arrays = not len(frame.columns)
    rows = _array_length(specs) if from_arrays else len(frame)
    columns = {name: _column(frame, spec, name, rows) for name, spec in specs.items()}
    if from_arrays:  # the arrays make the table
        frame = pd.DataFrame({_ARRAY_NAMES[name]: c for name, c in columns.items()})
        columns = {name: frame[_ARRAY_NAMES[name]] for name in columns}
    problems = _Problems(rows)
    assume = None if assume_tz is None else zone_of(assume_tz)
    if tz is not None and tz != "local":
        zone_of(tz)

    # Step 1: the calendar of each row (SPEC 3.4).
    if zone is None:
        groups = [_Group(_calendar(calendar), None)]
    else:
        groups = _zone_groups(columns["zone"], calendars, problems)

    # Step 2: creation instants (SPEC 3.1).
    created_us, status = _instants(columns["created"], assume)
    _time_problems(problems, status, "created")
    del status

    # Steps 3 and 4: the policy version and the response-table cell (SPEC 3.8, 1).
    versions = _versions(policy)
    version_codes = _version_codes(versions, groups, created_us)
    target_us, clock = _targets(
        columns["plan"], columns["severity"], versions, version_codes, problems
    )
    del version_codes
    clock[problems.bad] = -1

    # Step 5: the deadline on the target's clock (SPEC 3.2, 3.3).
    deadline_us = created_us + target_us  # wall clock: elapsed real time
    _business(groups, clock, created_us, target_us, deadline_us)

    measured = None
    if responded is not None:
        measured = _responses(
            columns["responded"],
            created_us,
            deadline_us,
            target_us,
            clock,
            groups,
            problems,
            now,
            assume,
        )
    if mode == "raise":
        problems.raise_first(frame, columns)
    clock[problems.bad] = -1
    deadline_us[clock < 0] = _NAT
    target_us = np.where(clock < 0, _NAT, target_us)

    out = frame.copy(deep=False)
    if zone is None and tz in (None, "local"):
        out["deadline"] = _datetimes(deadline_us, groups[0].calendar.zone.key)
    elif tz == "local":
        out["deadline"] = _local_datetimes(deadline_us, groups)
    else:
        out["deadline"] = _datetimes(deadline_us, "UTC" if tz is None else zone_of(tz).key)
    del deadline_us
    out["clock"] = pd.Categorical.from_codes(clock, categories=list(_CLOCKS))
    out["target"] = _durations(target_us)
    if measured is not None:
        taken, state = measured
        taken[clock < 0] = _NAT
        state[problems.bad] = -1
        out["taken"] = _durations(taken)
        out["margin"] = _durations(np.where(taken == _NAT, _NAT, target_us - taken))
        out["state"] = pd.Categorical.from_codes(state, categories=list(_STATES))
    if mode == "coerce":
        out["error"] = problems.messages()
    options = {
        "plan": plan if isinstance(plan, str) else None,
        "severity": severity if isinstance(severity, str) else None,
        "created": created if isinstance(created, str) else None,
        "calendar": calendar,
        "zone": zone if isinstance(zone, str) else None,
        "calendars": calendars,
        "policy": policy,
        "tz": tz,
        "assume_tz": assume_tz,
        "errors": mode,
    }
    if from_arrays:
        options.update({name: _ARRAY_NAMES[name] for name in ("plan", "severity", "created")})
        if zone is not None:
            options["zone"] = _ARRAY_NAMES["zone"]
    out.attrs[_ATTRS] = {"token": _remember(options)}
    return out


#: Column names of a table made from arrays alone (``data=None``).
_ARRAY_NAMES: Final = {
    "plan": "plan",
    "severity": "severity",
    "created": "created_at",
    "zone": "zone",
    "responded": "first_response_at",
}


def _array_length(specs: Mapping[str, object]) -> int:
    lengths = {
        name: len(spec)
        for name, spec in specs.items()
        if not isinstance(spec, str) and hasattr(spec, "__len__")
    }
    named = [name for name, spec in specs.items() if isinstance(spec, str)]
    if named or not lengths:
        raise InvalidTableError(
            f"with no table (data=None), pass the values themselves as arrays, not column "
            f"names ({', '.join(f'{n}={specs[n]!r}' for n in named) or 'none given'})"
        )
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{name}: {length:,}" for name, length in lengths.items())
        raise InvalidTableError(f"the arrays have different lengths ({shown})")
    return next(iter(lengths.values()))


def _errors(errors: object) -> Errors:
    if errors == "raise":
        return "raise"
    if errors == "coerce":
        return "coerce"
    raise InvalidTableError(f"errors must be 'raise' or 'coerce', got {errors!r}")


def _business(
    groups: list[_Group],
    clock: NDArray[np.int8],
    starts: NDArray[np.int64],
    amounts: NDArray[np.int64],
    into: NDArray[np.int64],
    *,
    ends: NDArray[np.int64] | None = None,
) -> None:
    """For the business-clock rows of each calendar: ``add`` the amounts to the
    starts or, given ``ends``, measure the business time from starts to ends."""
    import numpy as np

    from ..calendar.index import add_business, elapsed_business

    business = clock == 1
    for group in groups:
        rows = np.flatnonzero(business if group.rows is None else business & group.rows)
        if len(rows) == 0:
            continue
        # One index per cluster of nearby rows: an index holds every date from its
        # first row to its last deadline, so one row in 2000 and one in 9000 would
        # otherwise cost 7,000 years of dates (seconds) instead of two small indexes.
        if ends is None:
            for part in _clusters(starts[rows]):
                near = rows[part]
                into[near] = add_business(group.calendar, starts[near], amounts[near])
            continue
        far = np.abs(ends[rows] - starts[rows]) > _FAR_US
        cal = group.calendar
        for row in rows[far]:  # answered long after: the scalar engine, by year tables
            into[row] = duration_us(
                cal.elapsed(from_us(int(starts[row]), cal.zone), from_us(int(ends[row]), cal.zone))
            )
        close = rows[~far]
        for part in _clusters(starts[close]):
            near = close[part]
            into[near] = elapsed_business(cal, starts[near], ends[near])


#: Rows whose instants are further apart than this go into separate business indexes.
_CLUSTER_GAP_US: Final = 32 * US_PER_DAY
#: A response further than this from its ticket is measured by the scalar engine.
_FAR_US: Final = 400 * US_PER_DAY


def _clusters(values: NDArray[np.int64]) -> list[NDArray[np.intp]]:
    """Positions into ``values`` grouped by nearness: sorted, and split wherever two
    consecutive values lie more than ``_CLUSTER_GAP_US`` apart."""
    import numpy as np

    order = np.argsort(values, kind="stable")
    breaks = np.flatnonzero(np.diff(values[order]) > _CLUSTER_GAP_US) + 1
    return list(np.split(order, breaks))


def _responses(
    responded: pd.Series,
    created_us: NDArray[np.int64],
    deadline_us: NDArray[np.int64],
    target_us: NDArray[np.int64],
    clock: NDArray[np.int8],
    groups: list[_Group],
    problems: _Problems,
    now: datetime | None,
    assume: tzinfo | None,
) -> tuple[NDArray[np.int64], NDArray[np.int8]]:
    """Time taken (µs, NaT when unanswered) and state code per row.

    The rules of :func:`~connected_care_sla.response_status`: met when
    answered by the deadline; a response after ``now`` has not happened yet;
    unanswered past the deadline at ``now`` is missed.
    """
    import numpy as np

    # In the order response_status checks them: now, then the response.
    now_us = None
    if now is not None:
        now_us = to_us(now, "now")
        problems.add(
            created_us > now_us,
            InvalidInstantError,
            "created",
            f"the ticket was created after now ({now.isoformat()}); a status exists only "
            f"from creation on",
        )
    response, status = _instants(responded, assume)
    _time_problems(problems, status, "responded", missing_ok=True)
    answered = status == 0
    del status
    problems.add(
        answered & (response < created_us),
        InvalidInstantError,
        "responded",
        "the response is before the ticket was created (a response cannot precede its "
        "ticket); check that both times carry the right zone",
    )
    if now_us is not None:
        answered &= response <= now_us  # not yet responded as of now
    has_target = clock >= 0
    bad = problems.bad
    has_target &= ~bad
    answered &= has_target
    taken = np.where(answered, response - created_us, _NAT)  # wall clock
    _business(
        groups,
        np.where(answered, clock, -1).astype(np.int8),
        created_us,
        target_us,
        taken,
        ends=response,
    )
    state = np.where(has_target, _OPEN, np.where(bad, -1, _NO_TARGET)).astype(np.int8)
    state[answered & (response <= deadline_us)] = _MET
    state[answered & (response > deadline_us)] = _MISSED
    if now_us is not None:
        state[has_target & ~answered & (deadline_us < now_us)] = _MISSED
    return taken, state


# -- compliance ---------------------------------------------------------------------------

_SUMMARY_COLUMNS: Final = (
    "tickets",
    "met",
    "missed",
    "open",
    "compliance_pct",
    "median_margin",
    "p95_margin",
)


@dataclass(frozen=True, eq=False)
class ComplianceReport:
    """First-response compliance of a table of tickets, per group.

    Attributes:
        table: one row per group (indexed by the ``by`` columns) with

            * ``tickets``: tickets with a target (Basic and bad rows are left out);
            * ``met``, ``missed``, ``open``: how many are in each state;
            * ``compliance_pct``: ``100 * met / (met + missed)``, NaN when
              none is decided yet;
            * ``median_margin``: the median ``margin`` of answered tickets;
            * ``p95_margin``: the margin that 95% of answered tickets kept or
              beat (the 5th percentile of margins; negative: the slowest 5%
              were late by at least that much). Margins are on each target's
              own clock: business time for business-hour targets.
        tickets: the per-row table the report was built from (with
            ``deadline``, ``target``, ``taken``, ``margin`` and ``state``).
        by: the grouping columns.
    """

    table: pd.DataFrame
    tickets: pd.DataFrame
    by: tuple[str, ...]

    def __repr__(self) -> str:
        decided = int(self.table["met"].sum() + self.table["missed"].sum())
        overall = (
            "no ticket decided yet"
            if decided == 0
            else f"overall {100 * int(self.table['met'].sum()) / decided:.1f}% met"
        )
        grouping = ", ".join(self.by) if self.by else "all tickets"
        return (
            f"ComplianceReport({len(self.table)} group{'s' if len(self.table) != 1 else ''} "
            f"by {grouping}; {int(self.table['tickets'].sum()):,} tickets, {overall})"
        )

    def formatted(self) -> pd.DataFrame:
        """The table for reading: percentages to one decimal, margins as ``1h30m``."""
        shown = self.table.copy()
        shown["compliance_pct"] = [
            "n/a" if math.isnan(v) else f"{v:.1f}" for v in self.table["compliance_pct"]
        ]
        for column in ("median_margin", "p95_margin"):
            shown[column] = [_compact(v) for v in self.table[column]]
        return shown

    def __str__(self) -> str:
        return str(self.formatted().to_string())

    def _repr_html_(self) -> str:
        from html import escape

        caption = escape(repr(self))
        return (
            f"<div><p><strong>First-response compliance</strong>: {caption[17:-1]}</p>"
            f"{self.formatted().to_html()}</div>"
        )

    def plot(self) -> Figure:
        """A matplotlib figure: compliance per group, and response time against target.

        Left, a bar per group: the share of decided tickets that met their
        target. Right, answered tickets' ``taken`` as a percentage of their
        target (box: quartiles; whiskers: 5th to 95th percentile), with the
        target at 100%. No pyplot state is touched: save it with
        ``figure.savefig(path)``; a notebook shows it as it is.

        Raises:
            MissingExtraError: matplotlib is not installed.
        """
        _require(plots=True)
        import numpy as np
        from matplotlib.figure import Figure

        table = self.table
        labels = [_label(key) for key in table.index]
        positions = np.arange(len(labels))
        figure = Figure(figsize=(11.0, 1.8 + 0.45 * max(len(labels), 1)), layout="constrained")
        left, right = figure.subplots(1, 2, sharey=True)

        percent = table["compliance_pct"].to_numpy(dtype=float)
        left.barh(positions, np.nan_to_num(percent), height=0.6, color=[_color(p) for p in percent])
        for y, (share, met, missed) in enumerate(
            zip(percent, table["met"], table["missed"], strict=True)
        ):
            shown = "n/a" if math.isnan(share) else f"{share:.1f}%"
            text = f"{shown} ({met:,} of {met + missed:,})"
            if share > 55:  # inside the bar, at its end
                left.text(share - 1, y, text, va="center", ha="right", fontsize=8, color="white")
            else:
                left.text(np.nan_to_num(share) + 1, y, text, va="center", fontsize=8)
        left.set_xlim(0, 100)
        left.set_yticks(positions, labels)
        left.invert_yaxis()
        left.set_xlabel("met / (met + missed), %")
        left.set_title("Compliance per group")

        _, grouped = _grouped(self.tickets, self.by)
        quantiles = [
            grouped["share"].quantile(q).to_numpy(dtype=float)
            for q in (0.05, 0.25, 0.5, 0.75, 0.95)
        ]
        boxes = []
        for y in range(len(labels)):
            low, q1, median, q3, high = (q[y] for q in quantiles)
            if not math.isnan(median):
                boxes.append(
                    (y, {"whislo": low, "q1": q1, "med": median, "q3": q3, "whishi": high})
                )
        if boxes:
            right.bxp(
                [box for _, box in boxes],
                positions=[y for y, _ in boxes],
                widths=0.6,
                showfliers=False,
                manage_ticks=False,
                **_horizontal(),
            )
        right.axvline(100, color="#c62828", linestyle="--", linewidth=1)
        right.set_xlim(left=0)
        right.set_xlabel("time taken, % of target (on the target's clock; dashed: target)")
        right.set_title("Response time against target")
        grouping = f" by {', '.join(self.by)}" if self.by else ""
        figure.suptitle(f"First-response compliance{grouping}")
        return figure


def _color(percent: float) -> str:
    if math.isnan(percent):
        return "#bdbdbd"
    if percent >= 95:
        return "#2e7d32"
    return "#f9a825" if percent >= 80 else "#c62828"


def _horizontal() -> dict[str, object]:
    """Horizontal boxes: ``orientation=`` from matplotlib 3.10, ``vert=`` before."""
    import matplotlib

    major, minor = (int(part) for part in matplotlib.__version__.split(".")[:2])
    if (major, minor) >= (3, 10):
        return {"orientation": "horizontal"}
    return {"vert": False}  # pragma: no cover - matplotlib before 3.10


def _label(key: object) -> str:
    if isinstance(key, tuple):
        return " / ".join(map(str, key))
    return str(key)


def _compact(value: object) -> str:
    import pandas as pd

    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return format_duration(pd.Timedelta(value).to_pytimedelta())


def compliance(
    data: pd.DataFrame,
    *,
    responded: str | Any | None = None,
    by: str | Sequence[str] | None = ("plan", "severity"),
    now: datetime | None = None,
    calendar: CalendarLike | None = None,
    zone: str | Any | None = None,
    calendars: CalendarsLike = None,
    policy: PolicyLike | None = None,
    plan: str | Any | None = None,
    severity: str | Any | None = None,
    created: str | Any | None = None,
    assume_tz: str | None = None,
    errors: Errors | None = None,
) -> ComplianceReport:
    """First-response compliance per group: met, missed, open, compliance and margins.

    ``data`` is a table from :func:`first_response_deadlines`. With
    ``responded`` (the column of first-response times), each ticket is measured
    as :func:`first_response_deadlines` does with that argument, using the
    calendar, policy and columns it was computed with (kept for this process
    in the table's ``attrs``; pass them again to override, or when the table
    came from elsewhere, e.g. another process or a file). Without
    ``responded``, ``data`` must already hold ``taken``, ``margin`` and
    ``state`` (from ``first_response_deadlines(..., responded=...)``, the CLI
    ``batch`` command, or Dask/Spark partitions).

    Args:
        data: the per-row table.
        responded: the column (or array) of first-response times; missing
            values mean no response yet.
        by: the grouping columns (names), or None for one group of all tickets.
            For a month column, add one first, e.g.
            ``out["month"] = out["created_at"].dt.strftime("%Y-%m")``.
        now: judge unanswered tickets at this instant: past their deadline
            they are ``missed``; otherwise (and without ``now``) ``open``.
        calendar: as for :func:`first_response_deadlines`; by default, as the
            table was computed. The same holds for ``zone``, ``calendars``,
            ``policy``, ``plan``, ``severity``, ``created``, ``assume_tz`` and
            ``errors``.
        zone: see ``calendar``.
        calendars: see ``calendar``.
        policy: see ``calendar``.
        plan: see ``calendar``.
        severity: see ``calendar``.
        created: see ``calendar``.
        assume_tz: see ``calendar``.
        errors: see ``calendar``.

    Returns:
        A :class:`ComplianceReport`; ``report.table`` is sorted by group.
    """
    _require()
    frame = _frame(data)
    if responded is None:
        if now is not None:
            raise InvalidTableError(
                "now= needs responded=: without it, the states already in the table are "
                "used as they were computed"
            )
        missing = [c for c in ("target", "taken", "margin", "state") if c not in frame.columns]
        if missing:
            raise InvalidTableError(
                f"the table has no {', '.join(missing)} column; pass responded= (the column "
                f"of first-response times), or compute them with "
                f"first_response_deadlines(..., responded=...)"
            )
        tickets = frame
    else:
        options = _recall(frame)
        given = {
            "calendar": calendar,
            "zone": zone,
            "calendars": calendars,
            "policy": policy,
            "plan": plan,
            "severity": severity,
            "created": created,
            "assume_tz": assume_tz,
            "errors": errors,
        }
        if calendar is not None or zone is not None:
            options.pop("calendar", None)
            options.pop("zone", None)
        options.update({k: v for k, v in given.items() if v is not None})
        if options.get("calendar") is None and options.get("zone") is None:
            raise InvalidTableError(
                "compliance needs the calendar the deadlines were computed with, and this "
                "table does not carry it (it was not computed in this process); pass "
                "calendar= (or zone= for per-row zones) and any policy= used"
            )
        for name, default in (
            ("plan", "plan"),
            ("severity", "severity"),
            ("created", "created_at"),
        ):
            if options.get(name) is None:
                options[name] = default
        if options.get("errors") is None:
            options["errors"] = "raise"
        tickets = first_response_deadlines(frame, responded=responded, now=now, **options)
    keys = _by(by, tickets)
    return ComplianceReport(table=_summary(tickets, keys), tickets=tickets, by=keys)


def _by(by: str | Sequence[str] | None, tickets: pd.DataFrame) -> tuple[str, ...]:
    keys: tuple[str, ...] = () if by is None else (by,) if isinstance(by, str) else tuple(by)
    for key in keys:
        if not isinstance(key, str) or key not in tickets.columns:
            raise InvalidTableError(
                f"by= names {key!r}, which is not a column of the table; group by column "
                f"names (add a column first for a derived key such as the month)"
            )
    return keys


def _grouped(tickets: pd.DataFrame, by: tuple[str, ...]) -> tuple[pd.DataFrame, Any]:
    """The tickets with a target (not bad rows), and their groups (sorted by key)."""
    import numpy as np
    import pandas as pd

    state = tickets["state"]
    decided = state.isin(["met", "missed", "open"]).to_numpy(dtype=bool)
    margin = pd.to_timedelta(tickets["margin"]).array[decided]
    taken = pd.to_timedelta(tickets["taken"]).to_numpy(dtype="m8[us]")[decided].astype(np.int64)
    target = pd.to_timedelta(tickets["target"]).to_numpy(dtype="m8[us]")[decided].astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(taken == _NAT, np.nan, 100.0 * taken / np.where(target > 0, target, 1))
    rows = pd.DataFrame(
        {
            "met": (state == "met").to_numpy(dtype=bool)[decided],
            "missed": (state == "missed").to_numpy(dtype=bool)[decided],
            "open": (state == "open").to_numpy(dtype=bool)[decided],
            "margin": margin,
            "share": share,
        }
    )
    for key in by:
        rows[key] = tickets[key].array[decided]
    if by:
        return rows, rows.groupby(list(by), observed=True, sort=True, dropna=False)
    rows["group"] = "all tickets"
    return rows, rows.groupby("group", sort=False)


def _summary(tickets: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    import numpy as np

    _, grouped = _grouped(tickets, by)
    table = grouped[["met", "missed", "open"]].sum().astype(np.int64)
    table.insert(0, "tickets", table.sum(axis=1))
    closed = (table["met"] + table["missed"]).to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        table["compliance_pct"] = np.where(closed > 0, 100 * table["met"] / closed, np.nan)
    table["median_margin"] = grouped["margin"].median()
    table["p95_margin"] = grouped["margin"].quantile(0.05)
    if not by:
        table.index.name = None
    return table[list(_SUMMARY_COLUMNS)]
