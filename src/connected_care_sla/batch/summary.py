"""The numbers of a compliance report, exactly: counts, floored percentages, margins.

Everything between the per-ticket states and the report's table is integer
arithmetic: counts of tickets, margins in integer microseconds. The rules:

* ``compliance_pct`` is ``100 * met / (met + missed)`` floored to one
  decimal, from the counts (``1000 * met // decided`` tenths): a group with a
  miss never shows ``100.0``. NaN when no ticket is decided yet.
* ``median_margin`` is the middle margin of the answered tickets; for an
  even count, the mean of the two middle ones rounded down to the whole
  microsecond (towards minus infinity).
* ``p95_margin`` is the margin that at least 95% of answered tickets kept or
  beat: the nearest-rank 5th percentile, the ``ceil(n / 20)``-th smallest
  margin, always one ticket's own margin.

Margins are on each target's own clock, as the batch functions compute them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .._exact import floored_percent
from .._json import duration_of_us, number
from .instants import NAT

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

__all__ = ["compliance_percent", "group_margins", "group_summary", "key_value", "summary_dict"]


def compliance_percent(met: int, decided: int) -> Decimal | None:
    """``100 * met / decided`` floored to one decimal; None when nothing is decided.

    Examples:
        >>> compliance_percent(99_998, 100_000), compliance_percent(0, 0)
        (Decimal('99.9'), None)
    """
    if decided <= 0:
        return None
    return floored_percent(Fraction(int(met), int(decided)))


def group_margins(
    codes: NDArray[np.int64], margins: NDArray[np.int64], groups: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """The median and nearest-rank 5th-percentile margin of each group, in microseconds.

    Args:
        codes: each ticket's group number, ``0 <= code < groups``.
        margins: each ticket's margin in microseconds, ``NAT`` when unanswered.
        groups: how many groups there are.

    Returns:
        ``(median, p95, answered)``: per group, the two margins and whether the
        group has an answered ticket (where it has none, both margins are 0).
    """
    import numpy as np

    answered = margins != NAT
    code, value = codes[answered], margins[answered]
    order = np.lexsort((value, code))
    code, value = code[order], value[order]
    counts = np.bincount(code, minlength=groups).astype(np.int64)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    has = counts > 0
    safe = np.where(has, counts, 1)
    padded = np.concatenate((value, np.zeros(1, dtype=np.int64)))  # a group with none reads 0
    low = padded[np.where(has, starts + (safe - 1) // 2, len(value))]
    high = padded[np.where(has, starts + safe // 2, len(value))]
    median = low + (high - low) // 2  # floor of the mean, without overflow
    p95 = padded[np.where(has, starts + (safe + 19) // 20 - 1, len(value))]
    return median, p95, has


def group_summary(rows: pd.DataFrame, grouped: Any) -> pd.DataFrame:
    """The report table: counts, the floored compliance and the exact margins per group.

    Args:
        rows: one row per ticket with a target, with the booleans ``met``,
            ``missed``, ``open`` and the ``margin`` (timedeltas, NaT unanswered).
        grouped: ``rows`` grouped by the report's keys.

    Returns:
        One row per group: ``tickets``, ``met``, ``missed``, ``open`` (integers),
        ``compliance_pct`` (floored to one decimal, NaN when none is decided),
        ``median_margin`` and ``p95_margin`` (``timedelta64[us]``, NaT when none
        is answered).
    """
    import numpy as np
    import pandas as pd

    table = grouped[["met", "missed", "open"]].sum().astype(np.int64)
    table.insert(0, "tickets", table.sum(axis=1))
    met = table["met"].to_numpy(dtype=np.int64)
    decided = met + table["missed"].to_numpy(dtype=np.int64)
    tenths = np.where(decided > 0, 1000 * met // np.where(decided > 0, decided, 1), 0)
    # The floored tenths as the number with one decimal they name (99.9, never 100.0 with a miss).
    table["compliance_pct"] = np.where(decided > 0, tenths / 10, np.nan)
    codes = np.asarray(grouped.ngroup(), dtype=np.int64)
    margins = pd.to_timedelta(rows["margin"]).to_numpy(dtype="m8[us]").astype(np.int64)
    median, p95, has = group_margins(codes, margins, len(table))
    table["median_margin"] = np.where(has, median, NAT).astype("m8[us]")
    table["p95_margin"] = np.where(has, p95, NAT).astype("m8[us]")
    return table


def summary_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """One group's numbers as JSON: counts, ``compliance_pct`` and margins as durations."""
    met, missed = int(row["met"]), int(row["missed"])
    return {
        "tickets": int(row["tickets"]),
        "met": met,
        "missed": missed,
        "open": int(row["open"]),
        "compliance_pct": number(compliance_percent(met, met + missed)),
        "median_margin": _margin(row["median_margin"]),
        "p95_margin": _margin(row["p95_margin"]),
    }


def _margin(value: object) -> dict[str, Any] | None:
    import numpy as np
    import pandas as pd

    if value is None or value is pd.NaT:
        return None
    us = pd.Timedelta(value).to_numpy().astype("m8[us]").astype(np.int64)
    return None if int(us) == NAT else duration_of_us(int(us))


def key_value(value: object) -> object:
    """A group key as JSON: text, a whole number, a number, a boolean, or null."""
    import pandas as pd

    if hasattr(value, "item") and not isinstance(value, (str, datetime)):
        value = value.item()
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)
