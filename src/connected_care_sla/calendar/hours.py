"""Weekly business hours, as data.

A [`WeeklyHours`][connected_care_sla.WeeklyHours] gives each weekday zero or more
[`TimeWindow`][connected_care_sla.TimeWindow]
values: half-open local wall-clock spans ``[opens, closes)``. A window may end
at 24:00, and a window whose end is earlier than its start runs overnight and
belongs to the day it opens on (22:00-06:00 on Monday closes on Tuesday 06:00).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import time
from typing import Final, TypeAlias

from .._instants import US_PER_DAY
from .._text import WEEKDAY_NAMES, shown, wall_text
from ..exceptions import HoursTypeError, InvalidHoursError

__all__ = ["TimeWindow", "WeeklyHours"]

_FULL_NAMES: Final = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_TIME_RE: Final = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*$")

WindowLike: TypeAlias = "str | TimeWindow | tuple[time | str, time | str]"
DayHoursLike: TypeAlias = "str | TimeWindow | Iterable[WindowLike] | None"


def _parse_clock(value: time | str, *, allow_24: bool, context: str) -> int:
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise InvalidHoursError(
                f"{context}: window times are local wall-clock times and take no tzinfo, "
                f"got {shown(value)}"
            )
        return (
            value.hour * 3600 + value.minute * 60 + value.second
        ) * 1_000_000 + value.microsecond
    if not isinstance(value, str):
        raise HoursTypeError(
            f"{context}: a window time must be 'HH:MM' or a datetime.time, got {shown(value)}",
            value=value,
        )
    match = _TIME_RE.match(value)
    if match is None:
        raise InvalidHoursError(
            f"{context}: malformed time {shown(value)}; expected 'HH:MM' (or 'HH:MM:SS'), "
            f"e.g. '09:00'"
        )
    hours, minutes = int(match[1]), int(match[2])
    seconds = int(match[3] or 0)
    micros = int((match[4] or "0").ljust(6, "0"))
    total = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + micros
    if minutes > 59 or seconds > 59 or total > US_PER_DAY or (total == US_PER_DAY and not allow_24):
        limit = "00:00 to 24:00" if allow_24 else "00:00 to 23:59"
        raise InvalidHoursError(f"{context}: time {shown(value)} is out of range; expected {limit}")
    return total


@dataclass(frozen=True, slots=True, order=True)
class TimeWindow:
    """One business window of a day: local wall-clock ``[opens, closes)``.

    Both bounds are microseconds since local midnight of the day the window
    opens on. ``closes`` lies in ``(opens, opens + 24h]``; a value above 24:00
    means the window runs overnight into the next day.

    Examples:
        >>> TimeWindow.parse("09:00-18:00")
        TimeWindow('09:00-18:00')
        >>> TimeWindow.parse("22:00-06:00").overnight
        True
    """

    opens_us: int
    closes_us: int

    def __post_init__(self) -> None:
        if not (
            type(self.opens_us) is int and type(self.closes_us) is int  # not bool, not float
        ):
            raise HoursTypeError(
                f"TimeWindow bounds must be integer microseconds, got "
                f"{shown(self.opens_us)} and {shown(self.closes_us)}",
                value=(self.opens_us, self.closes_us),
            )
        if not 0 <= self.opens_us < US_PER_DAY:
            raise InvalidHoursError(
                f"a window must open between 00:00 and 24:00, got {shown(self.opens_us)} µs"
            )
        if not self.opens_us < self.closes_us <= self.opens_us + US_PER_DAY:
            raise InvalidHoursError(
                f"a window must close after it opens and within 24 hours, got "
                f"{wall_text(self.opens_us)} to {shown(self.closes_us)} µs"
            )

    @classmethod
    def parse(cls, value: WindowLike) -> TimeWindow:
        """Read ``'HH:MM-HH:MM'`` or a ``(opens, closes)`` pair of times or strings.

        An end of ``24:00`` is midnight at the end of the day; an end earlier
        than the start is an overnight window. Equal start and end is refused.
        """
        if isinstance(value, TimeWindow):
            return value
        if isinstance(value, str):
            parts = value.split("-")
            if len(parts) != 2:
                raise InvalidHoursError(
                    f"malformed window {shown(value)}; expected 'HH:MM-HH:MM', e.g. '09:00-18:00'"
                )
            start_text, end_text = parts
            context = f"window {shown(value)}"
            start = _parse_clock(start_text, allow_24=False, context=context)
            end = _parse_clock(end_text, allow_24=True, context=context)
        elif isinstance(value, tuple) and len(value) == 2:
            context = f"window {shown(value)}"
            start = _parse_clock(value[0], allow_24=False, context=context)
            end = _parse_clock(value[1], allow_24=True, context=context)
        else:
            raise InvalidHoursError(
                f"malformed window {shown(value)}; expected 'HH:MM-HH:MM' or a pair of "
                f"datetime.time values"
            )
        if end == start or (end == 0 and start == 0):
            raise InvalidHoursError(
                f"window {shown(value)} is empty (it opens and closes at the same time); "
                f"give a window such as '09:00-18:00' or use '00:00-24:00' for a whole day"
            )
        if end < start:
            end += US_PER_DAY
        return cls(start, end)

    @property
    def overnight(self) -> bool:
        """True when the window closes on the next day."""
        return self.closes_us > US_PER_DAY

    @property
    def length_us(self) -> int:
        """Wall-clock length in microseconds (real length may differ on DST days)."""
        return self.closes_us - self.opens_us

    def __str__(self) -> str:
        closes = self.closes_us if self.closes_us <= US_PER_DAY else self.closes_us - US_PER_DAY
        return f"{wall_text(self.opens_us)}-{wall_text(closes)}"

    def __repr__(self) -> str:
        return f"TimeWindow({str(self)!r})"


def _day_index(key: object) -> list[int]:
    if isinstance(key, bool):
        raise HoursTypeError(
            f"weekday key must be 0-6 or a name like 'Mon', got {shown(key)}", value=key
        )
    if isinstance(key, int):
        if 0 <= key <= 6:
            return [key]
        raise InvalidHoursError(
            f"weekday {shown(key)} is out of range; expected 0 (Monday) to 6 (Sunday)"
        )
    if not isinstance(key, str):
        raise HoursTypeError(
            f"weekday key must be 0-6 or a name like 'Mon', got {shown(key)}", value=key
        )
    text = key.strip().lower()
    if text.count("-") > 1:
        raise InvalidHoursError(
            f"weekday range {shown(key)} has more than two ends; write it like 'Mon-Fri'"
        )
    if "-" in text:
        first, _, last = text.partition("-")
        start, end = _day_index(first)[0], _day_index(last)[0]
        if end < start:
            raise InvalidHoursError(
                f"weekday range {shown(key)} runs backwards; write it Monday first, e.g. 'Mon-Fri'"
            )
        return list(range(start, end + 1))
    for index, full in enumerate(_FULL_NAMES):
        if text and len(text) >= 3 and full.startswith(text):
            return [index]
    raise InvalidHoursError(
        f"unknown weekday {shown(key)}; expected one of {', '.join(WEEKDAY_NAMES)}, a range like "
        f"'Mon-Fri', or 0 (Monday) to 6 (Sunday)"
    )


def _day_windows(value: DayHoursLike, day: str) -> tuple[TimeWindow, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: Sequence[WindowLike] = [p for p in value.split(",") if p.strip()]
        if value.strip().lower() in {"", "closed"}:
            return ()
    elif isinstance(value, (TimeWindow, tuple)) and not (
        isinstance(value, tuple) and value and isinstance(value[0], (TimeWindow, tuple))
    ):
        items = [value]
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        raise HoursTypeError(
            f"hours for {day} must be a string like '09:00-18:00', a list of windows, or None, "
            f"got {shown(value)}",
            value=value,
        )
    return tuple(sorted(TimeWindow.parse(item) for item in items))


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """Business windows for each weekday, Monday (0) to Sunday (6).

    ``makeup_day`` names the weekday whose windows a make-up workday (a
    weekend day that a country calendar declares a working day) opens with;
    Monday by default.

    Examples:
        >>> WeeklyHours.default()
        WeeklyHours({'Mon-Fri': '09:00-18:00'})
        >>> WeeklyHours.parse({"Mon-Fri": "09:00-12:00, 13:00-18:00"}).week_us // 3_600_000_000
        40
    """

    days: tuple[tuple[TimeWindow, ...], ...]
    makeup_day: int = field(default=0)

    def __post_init__(self) -> None:
        if not isinstance(self.days, (tuple, list)) or not all(
            isinstance(day, (tuple, list)) for day in self.days
        ):
            raise HoursTypeError(
                f"WeeklyHours needs 7 sequences of TimeWindow values (Monday first), got "
                f"{shown(self.days)}; use WeeklyHours.parse({{'Mon-Fri': '09:00-18:00'}})",
                value=self.days,
            )
        if len(self.days) != 7:
            raise InvalidHoursError(f"WeeklyHours needs 7 days of windows, got {len(self.days)}")
        if not (type(self.makeup_day) is int and 0 <= self.makeup_day <= 6):
            raise InvalidHoursError(
                f"makeup_day must be a weekday 0 (Monday) to 6 (Sunday), "
                f"got {shown(self.makeup_day)}"
            )
        for windows in self.days:
            for window in windows:
                if not isinstance(window, TimeWindow):
                    raise HoursTypeError(
                        f"WeeklyHours days hold TimeWindow values, got {shown(window)}; "
                        f"use WeeklyHours.parse({{'Mon-Fri': '09:00-18:00'}})",
                        value=window,
                    )
        object.__setattr__(self, "days", tuple(tuple(sorted(d)) for d in self.days))
        spans: list[tuple[int, int, str]] = []
        for index, windows in enumerate(self.days):
            for window in windows:
                base = index * US_PER_DAY
                label = f"{WEEKDAY_NAMES[index]} {window}"
                spans.append((base + window.opens_us, base + window.closes_us, label))
        _check_disjoint(spans)
        # Make-up hours that would collide with a neighbour's overnight window are
        # refused only when a make-up workday actually produces the collision: the
        # calendar checks its explicit workdays, and each year its country's.

    @classmethod
    def default(cls) -> WeeklyHours:
        """Monday to Friday, 09:00 to 18:00 (the Connected Care business hours)."""
        return cls.parse({"Mon-Fri": "09:00-18:00"})

    @classmethod
    def parse(
        cls, spec: Mapping[int | str, DayHoursLike], *, makeup_day: int | str = 0
    ) -> WeeklyHours:
        """Build weekly hours from a mapping of weekdays to windows.

        Keys: ``0`` to ``6``, weekday names (``'Mon'``, ``'monday'``) or ranges
        (``'Mon-Fri'``). Values: ``'09:00-18:00'``, ``'09:00-12:00, 13:00-18:00'``,
        a list of such windows or ``(time, time)`` pairs, or ``None`` (closed).
        Days not named are closed. A day named twice is refused.
        """
        if isinstance(spec, WeeklyHours):
            return spec
        if not isinstance(spec, Mapping):
            raise HoursTypeError(
                f"weekly hours must be a mapping such as {{'Mon-Fri': '09:00-18:00'}}, "
                f"got {shown(spec)}",
                value=spec,
            )
        days: list[tuple[TimeWindow, ...] | None] = [None] * 7
        for key, value in spec.items():
            for index in _day_index(key):
                if days[index] is not None:
                    raise InvalidHoursError(
                        f"{WEEKDAY_NAMES[index]} is given twice in the weekly hours "
                        f"(key {shown(key)})"
                    )
                days[index] = _day_windows(value, WEEKDAY_NAMES[index])
        makeup = makeup_day if isinstance(makeup_day, int) else _day_index(makeup_day)[0]
        return cls(tuple(d or () for d in days), makeup)

    @property
    def makeup_windows(self) -> tuple[TimeWindow, ...]:
        """The windows a make-up workday opens with."""
        return self.days[self.makeup_day]

    @property
    def week_us(self) -> int:
        """Nominal business microseconds in one week (no DST, no holidays)."""
        return sum(w.length_us for day in self.days for w in day)

    def to_mapping(self) -> dict[str, str]:
        """A compact mapping of weekday ranges to windows, for display and round trips."""
        result: dict[str, str] = {}
        index = 0
        while index < 7:
            end = index
            while end + 1 < 7 and self.days[end + 1] == self.days[index]:
                end += 1
            if self.days[index]:
                key = (
                    WEEKDAY_NAMES[index]
                    if end == index
                    else f"{WEEKDAY_NAMES[index]}-{WEEKDAY_NAMES[end]}"
                )
                result[key] = ", ".join(str(w) for w in self.days[index])
            index = end + 1
        return result

    def __repr__(self) -> str:
        extra = f", makeup_day={self.makeup_day}" if self.makeup_day else ""
        return f"WeeklyHours({self.to_mapping()!r}{extra})"


def _check_disjoint(spans: list[tuple[int, int, str]]) -> None:
    week = 7 * US_PER_DAY
    ordered = sorted(spans)
    for (_start_a, end_a, label_a), (start_b, _, label_b) in itertools.pairwise(ordered):
        if start_b < end_a:
            raise InvalidHoursError(
                f"business windows overlap: {label_a} and {label_b}; windows must not overlap"
            )
    if ordered:
        _last_start, last_end, last_label = ordered[-1]
        first_start, _, first_label = ordered[0]
        if last_end > week and first_start < last_end - week:
            raise InvalidHoursError(
                f"business windows overlap across the week's end: {last_label} and "
                f"{first_label}; windows must not overlap"
            )


def date_windows(value: DayHoursLike, label: str) -> tuple[TimeWindow, ...]:
    """One date's windows: ``'closed'`` or window text such as ``'09:00-12:00,13:00-15:00'``.

    The windows must not overlap; one may run overnight (``'22:00-06:00'``).
    """
    windows = _day_windows(value, label)
    _check_disjoint([(w.opens_us, w.closes_us, f"{label} {w}") for w in windows])
    return windows
