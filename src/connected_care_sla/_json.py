"""The JSON shapes every ``to_dict()`` and every ``--json`` document share.

One spelling per kind of value, so that the command line and Python give the
same document (``docs/reference/json.md`` publishes the schema):

* an instant is ISO 8601 with its UTC offset, in the zone it was computed
  in (the calendar's): ``"2025-06-09T12:00:00+08:00"``; UTC is written
  ``+00:00``, as in the batch CSV, never ``Z``;
* a duration is ``{"microseconds": 5400000000, "seconds": 5400, "text":
  "1h30m"}``: ``microseconds`` is the exact integer, ``seconds`` the same in
  seconds (an integer when whole, else a number with up to six decimals) and
  ``text`` the compact form policy files use;
* a percentage is a number with one decimal, floored from exact counts
  (`connected_care_sla._exact`);
* ``versions`` names the releases an answer was computed with: this
  library, ``holidays`` and the time-zone database (its release and where
  it was read from), since an upgrade of either can change an answer.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> instant(datetime(2025, 6, 9, 4, 0, tzinfo=timezone.utc))
    '2025-06-09T04:00:00+00:00'
    >>> duration(timedelta(hours=1, minutes=30))
    {'microseconds': 5400000000, 'seconds': 5400, 'text': '1h30m'}
    >>> duration_of_us(-1_500_000)
    {'microseconds': -1500000, 'seconds': -1.5, 'text': '-1.5s'}
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._instants import duration_us
from ._text import compact

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["duration", "duration_of_us", "instant", "number", "seconds", "versions"]


def instant(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset of the zone ``moment`` is in (``+00:00`` for UTC), or None."""
    return None if moment is None else moment.isoformat()


def seconds(us: int) -> int | float:
    """Microseconds as seconds: an ``int`` when whole, else the decimal the microseconds spell.

    The float is read from the exact decimal text (``-1.5``, ``0.000001``), so
    it prints back as that text; the exact value is the integer ``microseconds``.
    """
    if us % 1_000_000 == 0:
        return us // 1_000_000
    return float(Decimal(us).scaleb(-6))


def duration_of_us(us: int) -> dict[str, Any]:
    """``{"microseconds", "seconds", "text"}`` of a duration in integer microseconds."""
    return {"microseconds": us, "seconds": seconds(us), "text": compact(us)}


def duration(value: timedelta | None) -> dict[str, Any] | None:
    """``{"microseconds", "seconds", "text"}`` of a duration, or None."""
    return None if value is None else duration_of_us(duration_us(value))


def number(value: Decimal | None) -> float | None:
    """A floored percentage (one decimal) as a JSON number, or None."""
    return None if value is None else float(value)


def versions(zone: str | None = None) -> dict[str, str | None]:
    """The releases an answer is computed with: this library, ``holidays``, the zone data.

    ``tzdata`` is the release of the time-zone database that `zoneinfo`
    reads for ``zone`` (default ``UTC``): the system's (``tzdata_source`` is
    its folder) when it has the zone, else the ``tzdata`` package's
    (``tzdata_source`` ``"tzdata package"``). A release that cannot be
    found is None.

    Examples:
        >>> sorted(versions())
        ['connected_care_sla', 'holidays', 'tzdata', 'tzdata_source']
    """
    from pathlib import Path  # here: only this question needs it

    key = zone or "UTC"
    source, release = "tzdata package", _installed("tzdata")
    for folder in zoneinfo.TZPATH:
        root = Path(folder)
        if _has_zone(root, key):
            source, release = str(root), _system_release(root)
            break
    return {
        "connected_care_sla": _installed("connected-care-sla"),
        "holidays": _installed("holidays"),
        "tzdata": release,
        "tzdata_source": source,
    }


def _installed(name: str) -> str | None:
    # Imported here: importlib.metadata costs more to import than the whole package.
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _has_zone(root: Path, key: str) -> bool:
    if not root.is_absolute() or any(part in ("", ".", "..") for part in key.split("/")):
        return False
    try:
        return (root / key).is_file()
    except OSError:
        return False


def _system_release(root: Path) -> str | None:
    """The release a system zone folder names (``tzdata.zi``'s ``# version 2025b``)."""
    try:
        with (root / "tzdata.zi").open(encoding="ascii", errors="replace") as handle:
            first = handle.readline()
    except OSError:
        return None
    words = first.split()
    if len(words) == 3 and words[:2] == ["#", "version"]:
        return words[2]
    return None
