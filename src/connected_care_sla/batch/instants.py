"""Reading a column of times: instants as integer microseconds, and why a row has none.

A column may hold tz-aware ``datetime64`` values (fastest), pyarrow
timestamps, ISO 8601 strings, or Python objects (aware ``datetime`` objects in
any mix of zones, naive ones, strings, missing values). Whatever it holds,
`instants` gives microseconds since the epoch (UTC) and a status per
row; `add_time_problems` turns the statuses that are not an instant
into per-row problems, in the words the scalar API would use.
"""

from __future__ import annotations

import math
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, Final

from .._instants import EPOCH_ORDINAL, US_PER_DAY, to_us
from ..exceptions import InvalidInstantError, NaiveInstantError, ResultOutOfRangeError, SlaError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from .problems import Problems

__all__ = ["ACCEPTED", "NAT", "add_time_problems", "instants", "missing_words"]

#: numpy's NaT as int64: "no instant" in the arrays of microseconds.
NAT: Final = -(2**63)
# The instants Python's datetime can represent (µs since the epoch, UTC): the
# scalar API can represent nothing else, so neither does a row.
_MIN_US: Final = (1 - EPOCH_ORDINAL) * US_PER_DAY + US_PER_DAY  # 0001-01-02, any offset
_MAX_US: Final = (9999 * 366 - EPOCH_ORDINAL) * US_PER_DAY
# An ISO 8601 string that carries a UTC offset after its time of day.
_HAS_OFFSET: Final = (
    r"[T\s]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)\s*$"
)

# The status of a row's time.
INSTANT: Final = 0
MISSING: Final = 1
NAIVE: Final = 2  # no zone, and no assume_tz
UNREADABLE: Final = 3
OUT_OF_RANGE: Final = 4  # outside the range datetime represents
NOT_ONE_INSTANT: Final = 5  # a naive time that a DST change skips or repeats in assume_tz


def instants(
    series: pd.Series, assume: tzinfo | None
) -> tuple[NDArray[np.int64], NDArray[np.int8]]:
    """Instants (µs since the epoch, `NAT` for none) and a status per row.

    The statuses are `INSTANT`, `MISSING`, `NAIVE` (no zone,
    and no ``assume_tz``), `UNREADABLE` (not a time),
    `OUT_OF_RANGE` (outside the range ``datetime`` represents) and
    `NOT_ONE_INSTANT` (a naive time that does not exist, or exists
    twice, in ``assume_tz``).
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
            status[us != NAT] = NAIVE
        else:
            us = _localize(naive, assume)
            status[(us == NAT) & ~np.asarray(naive.isna())] = NOT_ONE_INSTANT
    else:
        kind = pd.api.types.infer_dtype(series, skipna=True)
        if kind == "string":
            us = _parse_strings(series, status, assume)
        else:
            us = _convert_objects(series, status, assume)
    if len(us) and int(us.min()) >= _MIN_US and int(us.max()) <= _MAX_US:
        return us, status  # every row an instant in range (NaT is the least int64)
    missing = us == NAT
    status[missing & (status == INSTANT)] = MISSING
    outside = ~missing & ((us < _MIN_US) | (us > _MAX_US))
    status[outside & (status == INSTANT)] = OUT_OF_RANGE
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
    status[present & (us == NAT)] = UNREADABLE
    naive = present & ~text.str.contains(_HAS_OFFSET, regex=True).to_numpy(
        dtype=bool, na_value=False
    )
    naive &= us != NAT
    if naive.any():
        if assume is None:
            status[naive] = NAIVE
        else:
            local = pd.to_datetime(text[naive], format="ISO8601").array.as_unit("us")
            us[naive] = _localize(local, assume)
            status[naive & (us == NAT)] = NOT_ONE_INSTANT
    return us


def _convert_objects(
    series: pd.Series, status: NDArray[np.int8], assume: tzinfo | None
) -> NDArray[np.int64]:
    """Python objects one by one: aware datetimes, naive ones, ISO strings, missing values."""
    import numpy as np
    import pandas as pd

    values = series.to_numpy(dtype=object)
    us = np.full(len(values), NAT, dtype=np.int64)
    for row, value in enumerate(values):
        moment = value
        if isinstance(moment, np.datetime64):
            moment = pd.Timestamp(moment) if not np.isnat(moment) else None
        if isinstance(moment, str):
            try:
                moment = datetime.fromisoformat(moment.strip())
            except ValueError:
                status[row] = UNREADABLE
                continue
        if (
            moment is None
            or moment is pd.NaT
            or moment is pd.NA
            or (isinstance(moment, float) and math.isnan(moment))
        ):
            continue  # missing
        if not isinstance(moment, datetime):
            status[row] = UNREADABLE
        elif moment.utcoffset() is not None:
            us[row] = to_us(moment)
        elif assume is None:
            status[row] = NAIVE
        else:
            first = moment.replace(tzinfo=assume, fold=0)
            if first.utcoffset() != moment.replace(tzinfo=assume, fold=1).utcoffset():
                status[row] = NOT_ONE_INSTANT  # in a DST gap or overlap
                continue
            try:
                us[row] = to_us(first)
            except (OverflowError, ResultOutOfRangeError):
                status[row] = OUT_OF_RANGE
    return us


# What is wrong with a time of each status: the error the scalar API raises, and
# the words ("{what}": the column).
_TIME_PROBLEMS: Final[tuple[tuple[int, type[SlaError], str], ...]] = (
    (MISSING, InvalidInstantError, "{what} is missing"),  # said by missing_words
    (
        NAIVE,
        NaiveInstantError,
        "{what} is naive (it has no time zone), so it names no instant; give aware times, "
        "or name the zone naive times were recorded in with assume_tz= (e.g. assume_tz='UTC')",
    ),
    (
        UNREADABLE,
        InvalidInstantError,
        "{what} is not a date and time (expected an aware datetime or ISO 8601)",
    ),
    (
        OUT_OF_RANGE,
        ResultOutOfRangeError,
        "{what} lies outside the range datetime can represent (years 1 to 9999)",
    ),
    (
        NOT_ONE_INSTANT,
        InvalidInstantError,
        "{what} is a naive time that does not exist (the clocks jump over it) or happens "
        "twice (the clocks go back) in the assume_tz zone; give it with its UTC offset",
    ),
)


#: What a row with no time needs, by the argument that names the column.
_NEEDED: Final = {
    "created": "every ticket needs the time it was created",
    "responded": "a response needs its time",
}
#: What a time column accepts, in Python words (the command line says its own).
ACCEPTED: Final = (
    "an aware datetime, or ISO 8601 text with a UTC offset such as '2025-06-06T17:00:00+08:00'"
)


def _found(value: object) -> str:
    """How a missing value is spelt: ``None``, ``NaN``, ``NaT`` or ``<NA>``."""
    import numpy as np
    import pandas as pd

    if value is None:
        return "None"
    if value is pd.NaT or (isinstance(value, np.datetime64) and np.isnat(value)):
        return "NaT"
    if value is pd.NA:
        return "<NA>"
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    return repr(value)


def missing_words(argument: str, label: object, found: str) -> str:
    """``the created= column 'created_at' is empty in this row (NaT); ...``, without what
    is accepted (the error's ``expected``, `ACCEPTED`).

    Examples:
        >>> print(missing_words("created", "created_at", "NaT"))  # doctest: +NORMALIZE_WHITESPACE
        the created= column 'created_at' is empty in this row (NaT); every ticket needs
        the time it was created
    """
    needed = _NEEDED.get(argument, "each row needs a time")
    return f"the {argument}= column {label!r} is empty in this row ({found}); {needed}"


def add_time_problems(
    problems: Problems,
    status: NDArray[np.int8],
    column: str,
    *,
    series: pd.Series | None = None,
    missing_ok: bool = False,
) -> None:
    """Mark the rows of ``column`` whose time is not an instant (missing ones too, unless
    ``missing_ok``).

    A missing time is said with the column ``series`` names (its ``name``) and
    what the row held there (``None``, ``NaN``, ``NaT``, ``<NA>``).
    """
    import numpy as np

    for code, error, words in _TIME_PROBLEMS:
        rows = status == code
        if not rows.any() or (code == MISSING and missing_ok):
            continue
        if code != MISSING:
            text = words.format(what=column)
            problems.add(rows, column, error(text, argument=column), text)
            continue
        label = column if series is None or series.name is None else series.name
        where = np.flatnonzero(rows)
        held = series.to_numpy(dtype=object)[where] if series is not None else None
        found = np.array(
            ["NaT"] * len(where) if held is None else [_found(value) for value in held],
            dtype=object,
        )
        for spelt in dict.fromkeys(found.tolist()):
            mask = np.zeros(len(status), dtype=bool)
            mask[where[found == spelt]] = True
            said = error(missing_words(column, label, spelt), argument=column, expected=ACCEPTED)
            problems.add(mask, column, said, str(said))
