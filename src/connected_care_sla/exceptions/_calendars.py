"""Errors about calendars: hours, holidays, versions, feeds and calendar files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._text import listing, shown
from ._base import NOTHING, SlaError, _said, _WrongTypeError

__all__ = [
    "CalendarFileError",
    "CalendarFileTypeError",
    "CalendarNeverOpensError",
    "CalendarVersionsError",
    "CalendarVersionsTypeError",
    "HolidayHorizonError",
    "HolidayHorizonWarning",
    "HolidaysTypeError",
    "HoursTypeError",
    "InvalidFeedError",
    "InvalidHolidaysError",
    "InvalidHoursError",
    "TimedFeedEventError",
    "UnknownCalendarKeyError",
    "UnwritableCalendarError",
]


# -- calendars ------------------------------------------------------------------------


class InvalidHoursError(SlaError, ValueError):
    """Weekly business hours are malformed, overlapping or empty windows."""


class HoursTypeError(_WrongTypeError, InvalidHoursError, TypeError):
    """Weekly hours or a window are of a type that cannot hold hours."""


class InvalidHolidaysError(SlaError, ValueError):
    """A holiday specification names an unknown country or subdivision, or a bad date."""


class HolidaysTypeError(_WrongTypeError, InvalidHolidaysError, TypeError):
    """A holiday or workday specification is of a type that names no dates."""


class CalendarNeverOpensError(SlaError, ValueError):
    """A calendar has no business time in which a duration could elapse."""


class CalendarVersionsError(SlaError, ValueError):
    """The versions of a calendar cannot make one calendar (different zones, no versions)."""


class CalendarVersionsTypeError(_WrongTypeError, CalendarVersionsError, TypeError):
    """The versions of a calendar are not a mapping of dates to calendars."""


class HolidayHorizonError(SlaError, ValueError):
    """A strict calendar reached years its country holiday data does not cover."""


class HolidayHorizonWarning(UserWarning):
    """A computation reached years a country's holiday data does not officially cover."""


class InvalidFeedError(InvalidHolidaysError):
    """A holiday feed (iCalendar) is not iCalendar, or an event in it cannot be read.

    ``argument`` names the feed (its file); ``value`` the event's UID or the property.
    """


class TimedFeedEventError(InvalidFeedError):
    """An event of a holiday feed has a time of day (``value``: its UID; the message
    names its SUMMARY too): only all-day events close dates."""


class CalendarFileError(SlaError, ValueError):
    """A calendar file, or its dict form, is malformed: ``source`` names the file (or
    "calendar data"), ``argument`` the key path (``versions[1].workdays[0]``), ``value`` it."""

    source: str

    def __init__(self, problem: object = "", *more: object, source: str = "", **fields: Any):
        self.source = _said(source)
        super().__init__(problem, *more, **fields)

    def _message(self) -> str:
        text = f"{self.problem}; expected {self.expected}" if self.expected else self.problem
        if self.argument:
            value = "" if self.value is NOTHING else f" = {shown(self.value)}"
            text = f"key {self.argument}{value}: {text}"
        return f"{self.source}: {text}" if self.source else text


class CalendarFileTypeError(CalendarFileError, TypeError):
    """A value in calendar data has the wrong type (a number where hours are text)."""


class UnwritableCalendarError(CalendarFileError):
    """A part of a calendar that calendar data cannot hold (a ``holidays`` class defined in
    code): writing is refused, naming the part (``argument``) and what it holds (``value``)."""


class UnknownCalendarKeyError(SlaError, ValueError):
    """A row's value in the key column of several calendars has no calendar among them.

    ``argument`` is the key column (``zone``, ``customer``), ``value`` the
    row's value (`NOTHING` when the row has none), and ``known`` the
    values that have a calendar.
    """

    known: tuple[str, ...]

    def __init__(
        self,
        problem: object = "",
        *more: object,
        argument: str = "",
        value: object = NOTHING,
        expected: str = "",
        known: Iterable[str] = (),
    ) -> None:
        self.known = tuple(_said(name) for name in known)
        super().__init__(problem, *more, argument=argument, value=value, expected=expected)

    def _message(self) -> str:
        if self.problem:
            return super()._message()
        column, have = self.argument or "key", listing(map(shown, self.known)) or "none"
        if self.value is NOTHING:
            return f"the row has no {column}; the calendars have a {column} of {have}"
        return (
            f"no calendar for {column} {shown(self.value)}; the calendars have a {column} of "
            f"{have}: add a calendar for it, or give the row one of those"
        )
