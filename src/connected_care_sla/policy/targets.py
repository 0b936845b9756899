"""Response targets: one cell of a response table, a positive duration on a clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from .._instants import US_PER_HOUR, duration_us
from .._json import duration_of_us
from .._text import plural, shown, words
from ..exceptions import InvalidDurationError, PolicyError
from .durations import format_duration, parse_duration
from .vocabulary import Clock

__all__ = ["ResponseTarget", "target_text"]


@dataclass(frozen=True, slots=True, init=False)
class ResponseTarget:
    """One cell of the response table: a positive duration on a clock.

    Examples:
        >>> target = ResponseTarget("4h", "business")
        >>> target
        ResponseTarget('4h', Clock.BUSINESS)
        >>> print(target, "|", ResponseTarget(timedelta(minutes=30), Clock.WALL))
        4 business hours | 30 minutes (wall clock, 24x7)
        >>> target == ResponseTarget(timedelta(hours=4), Clock.BUSINESS)
        True

        Targets compare equal when duration and clock are equal. They are not
        ordered: 4 business hours and 4 wall hours are not comparable amounts.
    """

    duration: timedelta
    clock: Clock

    def __init__(self, duration: timedelta | str, clock: Clock | str) -> None:
        value = parse_duration(duration) if isinstance(duration, str) else duration
        if duration_us(value, "a response target's duration") <= 0:
            raise InvalidDurationError(
                f"a response target must be a positive duration, got {shown(duration)}"
            )
        object.__setattr__(self, "duration", value)
        if not isinstance(clock, str):  # Clock(x) would print x: not every int can be
            raise PolicyError(
                f"unknown clock {shown(clock)} of type {type(clock).__name__}; expected 'wall' "
                f"(elapsed real time, 24x7) or 'business' (time inside business hours)"
            )
        object.__setattr__(self, "clock", Clock(clock))

    @property
    def is_business(self) -> bool:
        """True for business-hour targets, False for wall-clock (24x7) ones."""
        return self.clock is Clock.BUSINESS

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-friendly dict, the shape every ``--json`` document uses for a target.

        ``duration`` is the compact text of policy files, ``microseconds`` the
        exact amount and ``seconds`` the same in seconds, ``clock`` ``"business"``
        or ``"wall"``, and ``text`` the description in words.

        Returns:
            ``{"duration", "microseconds", "seconds", "clock", "text"}``.

        Examples:
            >>> ResponseTarget("4h", "business").to_dict()  # doctest: +NORMALIZE_WHITESPACE
            {'duration': '4h', 'microseconds': 14400000000, 'seconds': 14400,
             'clock': 'business', 'text': '4 business hours'}
        """
        amount = duration_of_us(duration_us(self.duration))
        return {
            "duration": amount["text"],
            "microseconds": amount["microseconds"],
            "seconds": amount["seconds"],
            "clock": self.clock.value,
            "text": str(self),
        }

    def __repr__(self) -> str:
        return f"ResponseTarget({format_duration(self.duration)!r}, {self.clock!r})"

    def __str__(self) -> str:
        us = duration_us(self.duration)
        if self.clock is Clock.WALL:
            return f"{words(us)} (wall clock, 24x7)"
        if us % US_PER_HOUR == 0:
            return plural(us // US_PER_HOUR, "business hour")
        return f"{words(us)} of business time"


def target_text(target: ResponseTarget | None) -> str:
    """A response-table cell in a few characters: ``'4h business'``, ``'30m 24x7'``, ``'none'``.

    Examples:
        >>> target_text(ResponseTarget("30m", "wall")), target_text(None)
        ('30m 24x7', 'none')
    """
    if target is None:
        return "none"
    clock = "24x7" if target.clock is Clock.WALL else "business"
    return f"{format_duration(target.duration)} {clock}"
