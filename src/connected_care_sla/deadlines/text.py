"""How an account of a deadline writes instants, offsets, spans and shares."""

from __future__ import annotations

from datetime import datetime, timedelta
from fractions import Fraction
from typing import Final

from .._instants import duration_us
from ..calendar import BusinessWindow

__all__ = ["WEEKDAYS", "clock_time", "offset", "percent", "span", "when"]

WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def percent(fraction: Fraction) -> str:
    """``'75.0%'``: for display only; the arithmetic is exact."""
    return f"{float(fraction * 100):.1f}%"


def offset(utc_offset: timedelta | None) -> str:
    """``'+08:00'``."""
    us = 0 if utc_offset is None else duration_us(utc_offset)
    sign = "-" if us < 0 else "+"
    minutes = abs(us) // 60_000_000
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def clock_time(moment: datetime) -> str:
    """``'17:00:00'``, with microseconds when there are any."""
    text = f"{moment:%H:%M:%S}"
    return text + (f".{moment.microsecond:06d}" if moment.microsecond else "")


def when(moment: datetime) -> str:
    """``'Fri 2025-06-06 17:00:00 +08:00'``."""
    return f"{moment:%a %Y-%m-%d} {clock_time(moment)} {offset(moment.utcoffset())}"


def span(window: BusinessWindow) -> str:
    """A window on one line: the date once when both ends share it and its offset."""
    opens, closes = window.opens, window.closes
    if opens.date() == closes.date() and opens.utcoffset() == closes.utcoffset():
        return f"{opens:%a %Y-%m-%d} {clock_time(opens)}-{clock_time(closes)} " + offset(
            opens.utcoffset()
        )
    return f"{when(opens)} - {when(closes)}"
