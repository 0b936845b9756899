"""Instants and local wall-clock times as integer microseconds.

SPEC 3.1 (instants, not wall times), 3.4 (local time, DST gaps and overlaps)
and 3.6 (integer microseconds) live here. Everything else in the library does
arithmetic on plain ``int`` microseconds since the Unix epoch (UTC), so no
float ever touches a duration.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Final

from ._text import shown
from .exceptions import (
    InvalidDurationError,
    InvalidInstantError,
    ResultOutOfRangeError,
    UnknownZoneError,
)

US_PER_SECOND: Final = 1_000_000
US_PER_MINUTE: Final = 60 * US_PER_SECOND
US_PER_HOUR: Final = 60 * US_PER_MINUTE
US_PER_DAY: Final = 86_400 * US_PER_SECOND
EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()
MIN_ORDINAL: Final = date.min.toordinal()
MAX_ORDINAL: Final = date.max.toordinal()
MIN_US: Final = (datetime.min.replace(tzinfo=UTC) - EPOCH) // timedelta(microseconds=1)
MAX_US: Final = (datetime.max.replace(tzinfo=UTC) - EPOCH) // timedelta(microseconds=1)


def zone_of(zone: object) -> zoneinfo.ZoneInfo:
    """Return the ``ZoneInfo`` for an IANA name or a ``ZoneInfo``.

    >>> zone_of("Asia/Shanghai").key
    'Asia/Shanghai'
    """
    if isinstance(zone, zoneinfo.ZoneInfo):
        return zone
    if not isinstance(zone, str):
        raise UnknownZoneError(
            f"time zone must be an IANA name such as 'Asia/Shanghai' or a zoneinfo.ZoneInfo, "
            f"got {shown(zone)} of type {type(zone).__name__}"
        )
    try:
        return zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise UnknownZoneError(
            f"unknown time zone {shown(zone)}: expected an IANA name such as "
            f"'Asia/Shanghai' or 'America/New_York'"
        ) from exc


def to_us(instant: object, what: str = "instant") -> int:
    """Microseconds since the Unix epoch of an aware ``datetime`` (SPEC 3.1)."""
    if not isinstance(instant, datetime):
        raise InvalidInstantError(
            f"{what} must be a time-zone-aware datetime, got {shown(instant)} of type "
            f"{type(instant).__name__}"
        )
    offset = instant.utcoffset()
    if offset is None:
        raise InvalidInstantError(
            f"{what} {instant} is naive (it has no time zone), so it names no instant; "
            f"attach the zone it was recorded in, e.g. "
            f"value.replace(tzinfo=ZoneInfo('Asia/Shanghai')), or use "
            f"datetime.now(timezone.utc) for the current time"
        )
    delta = instant - EPOCH
    return (delta.days * 86_400 + delta.seconds) * US_PER_SECOND + delta.microseconds


def from_us(us: int, zone: tzinfo) -> datetime:
    """The aware ``datetime`` in ``zone`` at ``us`` microseconds since the epoch."""
    if not MIN_US <= us <= MAX_US:
        raise ResultOutOfRangeError(
            f"the result lies outside the range datetime can represent "
            f"({datetime.min} to {datetime.max} UTC)"
        )
    try:
        return (EPOCH + timedelta(microseconds=us)).astimezone(zone)
    except OverflowError as exc:
        raise ResultOutOfRangeError(
            f"the result lies outside the range datetime can represent in {zone}"
        ) from exc


def duration_us(duration: object, what: str = "duration") -> int:
    """Whole microseconds of a ``timedelta`` (SPEC 3.6: no floats)."""
    if isinstance(duration, bool) or not isinstance(duration, timedelta):
        raise InvalidDurationError(
            f"{what} must be a datetime.timedelta, e.g. timedelta(hours=4), got "
            f"{shown(duration)} of type {type(duration).__name__}"
        )
    return (duration.days * 86_400 + duration.seconds) * US_PER_SECOND + duration.microseconds


def us_to_timedelta(us: int) -> timedelta:
    """The ``timedelta`` of ``us`` microseconds."""
    return timedelta(microseconds=us)


def local_ordinal_and_wall(us: int, zone: tzinfo) -> tuple[int, int]:
    """The local date ordinal and microseconds since local midnight of an instant."""
    local = from_us(us, zone)
    wall = (
        local.hour * 3600 + local.minute * 60 + local.second
    ) * US_PER_SECOND + local.microsecond
    return local.toordinal(), wall


def offset_us_at_wall(zone: tzinfo, ordinal: int, wall_us: int, fold: int) -> int:
    """UTC offset in microseconds that ``zone`` gives a local wall time with ``fold``."""
    naive = datetime.fromordinal(ordinal) + timedelta(microseconds=wall_us)
    offset = zone.utcoffset(naive.replace(fold=fold))
    assert offset is not None  # a ZoneInfo always has an offset
    return offset // timedelta(microseconds=1)


def resolve_wall(zone: tzinfo, ordinal: int, wall_us: int) -> int:
    """The instant (µs since the epoch) of a local wall time, by SPEC 3.4.

    A wall time that occurs once maps to that instant. One inside a DST gap
    (it never occurs) maps to the first instant after the gap, that is the
    transition itself. One inside an overlap (it occurs twice) maps to the
    first occurrence.

    ``wall_us`` may be up to and including 24:00 (or more, for the next day).
    """
    local_us = (ordinal - EPOCH_ORDINAL) * US_PER_DAY + wall_us
    try:
        before = offset_us_at_wall(zone, ordinal, wall_us, 0)
        after = offset_us_at_wall(zone, ordinal, wall_us, 1)
    except OverflowError as exc:
        raise ResultOutOfRangeError(
            "the computation reached a local time outside the range datetime can represent"
        ) from exc
    if before >= after:
        # Unique (equal offsets) or an overlap: fold=0 is the first occurrence.
        return local_us - before
    # In a gap: the clock jumped from before to after at the transition T, with
    # local_us - after < T <= local_us - before. Transitions fall on whole
    # seconds, so bisect on seconds for the first instant with the new offset.
    low = (local_us - after) // US_PER_SECOND
    high = -((before - local_us) // US_PER_SECOND)  # ceil
    while low < high:
        mid = (low + high) // 2
        if utc_offset_us(zone, mid * US_PER_SECOND) == after:
            high = mid
        else:
            low = mid + 1
    return low * US_PER_SECOND


def utc_offset_us(zone: tzinfo, us: int) -> int:
    """The UTC offset in microseconds that ``zone`` has at instant ``us``."""
    try:
        offset = (EPOCH + timedelta(microseconds=us)).astimezone(zone).utcoffset()
    except OverflowError as exc:
        raise ResultOutOfRangeError(
            "the computation reached an instant outside the range datetime can represent"
        ) from exc
    assert offset is not None
    return offset // timedelta(microseconds=1)
