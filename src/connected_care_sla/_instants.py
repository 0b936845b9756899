"""Instants and local wall-clock times as integer microseconds.

Three rules live here: a time is an instant, never a naive wall time; a local
wall time in a DST gap means the first instant after the gap, and one in an
overlap its first occurrence; durations are integer microseconds. Everything
else in the library does arithmetic on plain ``int`` microseconds since the
Unix epoch (UTC), so no float ever touches a duration.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Final

from ._text import offset_text, shown
from .exceptions import (
    DurationTypeError,
    InstantTypeError,
    LocalMeanTimeError,
    MissingInstantError,
    NaiveInstantError,
    ResultOutOfRangeError,
    UnknownZoneError,
    ZoneTypeError,
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

    Examples:
        >>> zone_of("Asia/Shanghai").key
        'Asia/Shanghai'
    """
    if isinstance(zone, zoneinfo.ZoneInfo):
        if zone.key is None:
            # ZoneInfo.from_file: no name to show, pickle, write to a file or give
            # to pandas, so a deadline in it could not be carried whole.
            raise UnknownZoneError(
                argument="time zone",
                value=zone,
                problem="this ZoneInfo has no IANA name (it was read with ZoneInfo.from_file), "
                "so its deadlines could not be pickled, written or handed to pandas by name",
                expected="an IANA name such as 'Europe/Berlin' or ZoneInfo('Europe/Berlin')",
            )
        return zone
    if not isinstance(zone, str):
        raise ZoneTypeError(
            argument="time zone",
            value=zone,
            expected="an IANA name such as 'Asia/Shanghai' or a zoneinfo.ZoneInfo",
        )
    try:
        return zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise UnknownZoneError(
            argument="time zone",
            value=zone,
            expected="an IANA name such as 'Asia/Shanghai' or 'America/New_York'",
        ) from exc


def to_us(instant: object, what: str = "instant") -> int:
    """Microseconds since the Unix epoch of an aware ``datetime``; naive ones are refused."""
    if type(instant) is not datetime or type(instant.tzinfo) is not zoneinfo.ZoneInfo:
        # Anything but a plain datetime in a ZoneInfo (the common case) is checked here.
        if instant is None or (isinstance(instant, datetime) and instant != instant):
            # pandas' NaT is a datetime that is not equal to itself.
            raise MissingInstantError(argument=what, value=instant, expected="an aware datetime")
        if not isinstance(instant, datetime):
            raise InstantTypeError(
                argument=what, value=instant, expected="a time-zone-aware datetime"
            )
        offset = instant.utcoffset()
        if offset is None:
            raise NaiveInstantError(
                argument=what, value=instant, expected="a time-zone-aware datetime"
            )
        if hasattr(instant.tzinfo, "localize"):
            _check_pytz(instant, offset, what)
    delta = instant - EPOCH
    return (delta.days * 86_400 + delta.seconds) * US_PER_SECOND + delta.microseconds


def _check_pytz(instant: datetime, offset: timedelta, what: str) -> None:
    """Refuse a pytz zone attached without ``localize``: it carries local mean time.

    pytz is not imported: its zones are known by their ``localize`` method.
    The offsets the zone can have at that wall time (either side of a DST
    change) are asked of the zone itself; an offset that is neither is the
    trap, whatever the zone.
    """
    zone: Any = instant.tzinfo
    naive = instant.replace(tzinfo=None)
    try:
        allowed = {zone.localize(naive, is_dst=flag).utcoffset() for flag in (False, True)}
    except Exception:  # not pytz after all, or a wall time it cannot place: leave it
        return
    if offset not in allowed:
        expected = sorted(o for o in allowed if o is not None)
        raise LocalMeanTimeError(
            argument=what,
            value=instant,
            expected=" or ".join(offset_text(o // timedelta(microseconds=1)) for o in expected),
        )


def representable(us: int) -> int:
    """``us`` itself, when ``datetime`` can represent that instant in UTC."""
    if not MIN_US <= us <= MAX_US:
        raise ResultOutOfRangeError(
            f"the result lies outside the range datetime can represent "
            f"({datetime.min} to {datetime.max} UTC)",
            value=us,
        )
    return us


def reachable(start: datetime, start_us: int, amount: int, duration: object) -> None:
    """Refuse at once business time that would run past the representable range.

    Business time never passes faster than real time, so ``start + amount``
    bounds the answer.
    """
    if not MIN_US <= start_us + amount <= MAX_US:
        raise ResultOutOfRangeError(
            f"adding {shown(duration)} of business time to {start.isoformat()} goes past the "
            f"range datetime can represent ({datetime.min} to {datetime.max} UTC)",
            argument="duration",
            value=duration,
        )


@functools.lru_cache(maxsize=64)
def _epoch_in(zone: tzinfo) -> datetime:
    """1970-01-01 00:00 as wall fields carrying ``zone``: ``fromutc`` reads them as UTC."""
    return datetime(1970, 1, 1, tzinfo=zone)


def from_us(us: int, zone: tzinfo) -> datetime:
    """The aware ``datetime`` in ``zone`` at ``us`` microseconds since the epoch."""
    representable(us)
    seconds, micro = divmod(us, US_PER_SECOND)
    try:
        # The UTC wall time, then the zone's own conversion from UTC: exact, in integers.
        return zone.fromutc(_epoch_in(zone) + timedelta(0, seconds, micro))
    except OverflowError:
        pass  # near the ends of datetime's range: the slower route says which end
    try:
        return (EPOCH + timedelta(microseconds=us)).astimezone(zone)
    except OverflowError as exc:
        raise ResultOutOfRangeError(
            f"the result lies outside the range datetime can represent in {zone}"
        ) from exc


def duration_us(duration: object, what: str = "duration") -> int:
    """Whole microseconds of a ``timedelta``: no floats."""
    if isinstance(duration, bool) or not isinstance(duration, timedelta):
        raise DurationTypeError(
            argument=what, value=duration, expected="a datetime.timedelta, e.g. timedelta(hours=4)"
        )
    return (duration.days * 86_400 + duration.seconds) * US_PER_SECOND + duration.microseconds


def us_to_timedelta(us: int) -> timedelta:
    """The ``timedelta`` of ``us`` microseconds."""
    seconds, micro = divmod(us, US_PER_SECOND)
    return timedelta(0, seconds, micro)


def offset_us_at_wall(zone: tzinfo, ordinal: int, wall_us: int, fold: int) -> int:
    """UTC offset in microseconds that ``zone`` gives a local wall time with ``fold``."""
    naive = datetime.fromordinal(ordinal) + timedelta(microseconds=wall_us)
    offset = zone.utcoffset(naive.replace(fold=fold))
    assert offset is not None  # a ZoneInfo always has an offset
    return offset // timedelta(microseconds=1)


def resolve_wall(zone: tzinfo, ordinal: int, wall_us: int) -> int:
    """The instant (µs since the epoch) of a local wall time.

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
