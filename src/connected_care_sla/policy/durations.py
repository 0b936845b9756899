"""Durations in policy text: ``"4h"``, ``"30m"``, ``"1h30m"``, read into exact microseconds."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Final

from .._instants import US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND, duration_us
from .._text import compact, shown
from ..exceptions import InvalidDurationError

__all__ = ["format_duration", "parse_duration"]

# Each unit at most once, in the order h, m, s; up to 9 digits each (so any
# value fits a timedelta); seconds may carry up to 6 decimal places.
_DURATION_RE: Final = re.compile(
    r"(?:(?P<h>[0-9]{1,9})h)?(?:(?P<m>[0-9]{1,9})m)?"
    r"(?:(?P<s>[0-9]{1,9})(?:\.(?P<f>[0-9]{1,6}))?s)?"
)


def parse_duration(text: object) -> timedelta:
    """Read a policy duration such as ``"4h"``, ``"30m"`` or ``"1h30m"``.

    Hours, minutes and seconds, each at most once and in that order, whole
    numbers (seconds may have up to six decimal places). The result must be
    positive.

    Examples:
        >>> parse_duration("1h30m")
        datetime.timedelta(seconds=5400)
        >>> parse_duration("1.5 hours")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        connected_care_sla.exceptions.InvalidDurationError: '1.5 hours' is not a duration; ...

    Raises:
        InvalidDurationError: not a string, malformed, zero or negative.
    """
    if not isinstance(text, str):
        raise InvalidDurationError(
            f"a duration must be a string such as '4h', '30m' or '1h30m', got {shown(text)} "
            f"of type {type(text).__name__}"
        )
    if text.strip().startswith("-"):
        raise InvalidDurationError(
            f"duration {shown(text)} is negative; a response target must be a positive "
            f"duration such as '4h'"
        )
    match = _DURATION_RE.fullmatch(text)
    if match is None or not any(match.group("h", "m", "s")):
        raise InvalidDurationError(
            f"{shown(text)} is not a duration; write hours, minutes and seconds such as "
            f"'4h', '30m' or '1h30m'"
        )
    hours, minutes, seconds = (int(part or 0) for part in match.group("h", "m", "s"))
    micros = int((match["f"] or "").ljust(6, "0"))
    total = hours * US_PER_HOUR + minutes * US_PER_MINUTE + seconds * US_PER_SECOND + micros
    if total == 0:
        raise InvalidDurationError(
            f"duration {text!r} is zero; a response target must be a positive duration such as '4h'"
        )
    return timedelta(microseconds=total)


def format_duration(duration: timedelta) -> str:
    """The compact form of a duration, as `parse_duration` reads it.

    Examples:
        >>> format_duration(timedelta(minutes=90)), format_duration(timedelta(hours=24))
        ('1h30m', '24h')
        >>> format_duration(timedelta(seconds=-1.5))
        '-1.5s'
    """
    return compact(duration_us(duration))
