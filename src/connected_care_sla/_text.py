"""Every human phrase of time, and values as error messages show them.

One home for the words the library prints: weekday names, UTC offsets, wall
clock times, durations (compact ``1h30m``, exact in words, rounded in words,
relative), and `shown`, the bounded ``repr`` that error messages use.
Nothing here raises or reads the clock; everything takes plain values.

A message names the bad value, but the value may be anything a caller passed
or a policy file held: a 5 MB string, a list nested 10,000 deep, an ``int`` too
long for ``repr`` (Python refuses to print ints of more than 4,300 digits), or
an object whose ``__repr__`` raises. `shown` gives a short, faithful
``repr`` of the usual values and a description of the others, so building an
error message can never become a second error.

Examples:
    >>> shown("gold"), shown([1, 2]), shown(None)
    ("'gold'", '[1, 2]', 'None')
    >>> shown("x" * 1000)[:12], len(shown("x" * 1000)) < 300
    ("'xxxxxxxxxxx", True)
    >>> shown(10**5000)
    '<an int of 16610 bits>'
    >>> compact(5_400_000_000), words(5_400_000_000), rounded_words(90_061_000_000)
    ('1h30m', '1 hour 30 minutes', '1 day 1 hour 1 minute')
    >>> relative(-90 * 60_000_000)
    '1 hour 30 minutes ago'
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
from datetime import datetime
from typing import Final

__all__ = [
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "clock_time",
    "compact",
    "listing",
    "offset_text",
    "plural",
    "relative",
    "rounded_words",
    "shown",
    "wall_text",
    "when",
    "words",
]

_SECOND: Final = 1_000_000
_MINUTE: Final = 60 * _SECOND
_HOUR: Final = 60 * _MINUTE
_DAY: Final = 24 * _HOUR

#: Short weekday names, Monday first (the keys of weekly hours).
WEEKDAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Full weekday names, Monday first.
WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_REPR: Final = reprlib.Repr()
_REPR.maxlevel = 4
_REPR.maxstring = 200
_REPR.maxother = 200
_REPR.maxlong = 200
for _name in ("maxdict", "maxlist", "maxtuple", "maxset", "maxfrozenset", "maxdeque", "maxarray"):
    setattr(_REPR, _name, 12)


def shown(value: object) -> str:
    """A bounded ``repr`` of ``value`` for an error message; never raises.

    A string subclass (an enum member of the vocabulary) shows as its plain string.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 600:
        return f"<an int of {value.bit_length()} bits>"
    if isinstance(value, str) and type(value) is not str:
        value = str.__str__(value)
    try:
        return _REPR.repr(value)
    except Exception:  # a caller's __repr__ may raise anything
        return f"<a {type(value).__name__} object whose repr() fails>"


def listing(names: Iterable[str], limit: int = 12) -> str:
    """Names for a message, comma-separated; a long list is cut short.

    Examples:
        >>> listing(f"S{i}" for i in range(14))
        'S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, ... (14 in all)'
    """
    items = list(names)
    if len(items) <= limit:
        return ", ".join(items)
    return f"{', '.join(items[:limit])}, ... ({len(items)} in all)"


def plural(count: int, unit: str) -> str:
    """``'1 hour'``, ``'2 hours'``."""
    return f"{count} {unit}{'' if count == 1 else 's'}"


def _seconds(us: int) -> str:
    """Seconds with up to six decimals and no trailing zeros: ``'1.5'``."""
    return f"{us // _SECOND}.{us % _SECOND:06d}".rstrip("0").rstrip(".")


def compact(us: int) -> str:
    """A duration as policies write it: ``'1h30m'``, ``'24h'``, ``'-1.5s'``, ``'0s'``."""
    if us == 0:
        return "0s"
    hours, rest = divmod(abs(us), _HOUR)
    minutes, rest = divmod(rest, _MINUTE)
    text = f"{hours}h" if hours else ""
    if minutes:
        text += f"{minutes}m"
    if rest:
        text += _seconds(rest) + "s"
    return ("-" if us < 0 else "") + text


def words(us: int) -> str:
    """A non-negative duration in words, exactly: ``'1 hour 30 minutes'``, ``'0.5 seconds'``."""
    hours, rest = divmod(us, _HOUR)
    minutes, rest = divmod(rest, _MINUTE)
    parts = []
    if hours:
        parts.append(plural(hours, "hour"))
    if minutes:
        parts.append(plural(minutes, "minute"))
    if rest:
        seconds = _seconds(rest)
        parts.append(f"{seconds} second{'' if seconds == '1' else 's'}")
    return " ".join(parts) or "0 seconds"


def rounded_words(us: int) -> str:
    """An amount of real time in words, to the minute: ``'2 days 19 hours'``.

    Days (of 24 hours), hours and minutes, rounded down; seconds only when
    the amount is under a minute. The sign is ignored: see `relative`.
    This is for reading, not arithmetic; the ISO 8601 instants are exact.

    Examples:
        >>> two_days = 2 * 86_400_000_000
        >>> rounded_words(0), rounded_words(59_999_999), rounded_words(two_days + 60_000_000)
        ('0 seconds', '59 seconds', '2 days 1 minute')
    """
    days, rest = divmod(abs(us), _DAY)
    hours, rest = divmod(rest, _HOUR)
    minutes, rest = divmod(rest, _MINUTE)
    parts = [plural(n, unit) for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"))]
    parts = [part for part in parts if not part.startswith("0 ")]
    return " ".join(parts) or plural(rest // _SECOND, "second")


def relative(us: int) -> str:
    """``'in 2 hours'`` for an instant ``us`` ahead, ``'2 hours ago'`` for one behind.

    Examples:
        >>> relative(7_200_000_000), relative(0)
        ('in 2 hours', 'now')
    """
    if us == 0:
        return "now"
    return f"in {rounded_words(us)}" if us > 0 else f"{rounded_words(us)} ago"


def wall_text(us: int) -> str:
    """Microseconds since local midnight as a wall time: ``'09:00'``, ``'17:59:30.5'``-style."""
    hours, rest = divmod(us, _HOUR)
    minutes, rest = divmod(rest, _MINUTE)
    seconds, micros = divmod(rest, _SECOND)
    text = f"{hours:02d}:{minutes:02d}"
    if seconds or micros:
        text += f":{seconds:02d}"
    if micros:
        text += f".{micros:06d}"
    return text


def offset_text(us: int) -> str:
    """A UTC offset in microseconds as ``'+08:00'`` or ``'-04:56'`` (seconds dropped)."""
    minutes = abs(us) // _MINUTE
    return f"{'-' if us < 0 else '+'}{minutes // 60:02d}:{minutes % 60:02d}"


def clock_time(moment: datetime, *, seconds: bool = True) -> str:
    """The wall time of ``moment``: ``'17:00:00'``; with ``seconds=False``, ``'17:00'``
    unless seconds or microseconds are there to show."""
    text = f"{moment:%H:%M}"
    if seconds or moment.second or moment.microsecond:
        text += f":{moment:%S}"
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text


def when(moment: datetime) -> str:
    """``'Fri 2025-06-06 17:00:00 +08:00'``: weekday, date, wall time and offset."""
    offset = moment.utcoffset()
    us = 0 if offset is None else (offset.days * 86_400 + offset.seconds) * _SECOND
    return f"{moment:%a %Y-%m-%d} {clock_time(moment)} {offset_text(us)}"
