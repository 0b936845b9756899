"""Errors about instants, histories, zones and the range of datetime."""

from __future__ import annotations

from typing import Final

from .._text import offset_text, shown
from ._base import NOTHING, SlaError, _said, _WrongTypeError

__all__ = [
    "HistoryOrderError",
    "HistoryTypeError",
    "InstantTypeError",
    "InstantsOutOfOrderError",
    "InvalidHistoryError",
    "InvalidInstantError",
    "LocalMeanTimeError",
    "MissingInstantError",
    "NaiveInstantError",
    "OngoingPauseError",
    "ResultOutOfRangeError",
    "UnknownZoneError",
    "ZoneTypeError",
]


# -- instants and zones ---------------------------------------------------------------


class InvalidInstantError(SlaError, ValueError):
    """A time is not a time-zone-aware instant, or instants are out of order."""


class InstantTypeError(_WrongTypeError, InvalidInstantError, TypeError):
    """A time is not a ``datetime`` at all."""


class NaiveInstantError(InvalidInstantError):
    """A ``datetime`` is naive: it has no time zone, so it names no instant."""

    def _message(self) -> str:
        return (
            f"{self.argument} {self.value} is naive (it has no time zone), so it names no "
            f"instant; attach the zone it was recorded in, e.g. "
            f"value.replace(tzinfo=ZoneInfo('Asia/Shanghai')), or use "
            f"datetime.now(timezone.utc) for the current time"
        )


class MissingInstantError(InvalidInstantError, TypeError):
    """An instant is missing: ``None``, or a missing-value marker such as pandas' ``NaT``.

    A whole table may have missing times (batch reads them as missing values);
    a question about one ticket needs its instant.
    """

    def _message(self) -> str:
        return (
            f"{self.argument} is missing (got {shown(self.value)}); give the instant as a "
            f"time-zone-aware datetime"
        )


class LocalMeanTimeError(InvalidInstantError):
    """A pytz zone was attached with ``replace(tzinfo=...)`` or the ``datetime`` constructor.

    pytz zones carry the zone's first offset, its local mean time (-04:56 for
    New York), until ``zone.localize(...)`` picks the offset in force; the
    datetime then names an instant minutes away from the one meant.
    ``expected`` is the offset the zone has at that wall time.
    """

    def _message(self) -> str:
        zone = getattr(getattr(self.value, "tzinfo", None), "zone", "the zone")
        return (
            f"{self.argument} {self.value} carries the local mean time of the pytz zone "
            f"{zone} ({_offset(self.value)}), not the offset in force then ({self.expected}): "
            f"pytz zones must be attached with zone.localize(naive_datetime), not with "
            f"replace(tzinfo=...) or datetime(..., tzinfo=...); or use zoneinfo.ZoneInfo"
        )


def _offset(moment: object) -> str:
    utcoffset = getattr(moment, "utcoffset", None)
    offset = utcoffset() if callable(utcoffset) else None
    if offset is None:
        return "no offset"
    return offset_text((offset.days * 86_400 + offset.seconds) * 1_000_000 + offset.microseconds)


class InstantsOutOfOrderError(InvalidInstantError):
    """An instant lies before one it must follow (a response before its ticket).

    Besides the common fields: ``earlier_argument`` and ``earlier_value``, the
    instant that ``argument`` must not precede.
    """

    earlier_argument: str
    earlier_value: object

    def __init__(
        self,
        problem: object = "",
        *more: object,
        argument: str = "",
        value: object = NOTHING,
        earlier_argument: str = "",
        earlier_value: object = NOTHING,
    ) -> None:
        self.earlier_argument = _said(earlier_argument)
        self.earlier_value = earlier_value
        super().__init__(
            problem,
            *more,
            argument=argument,
            value=value,
            expected=f"an instant at or after {earlier_argument}",
        )

    def _message(self) -> str:
        earlier = _EARLIER.get(self.earlier_argument, self.earlier_argument)
        text = (
            f"{self.argument} ({_iso(self.value)}) is before {earlier} ({_iso(self.earlier_value)})"
        )
        return f"{text}; {self.problem}" if self.problem else text


class InvalidHistoryError(SlaError, ValueError):
    """A ticket's history (its severity and plan changes, its pauses) is refused.

    Besides the common fields (``argument`` is ``changes[i]`` or ``pauses[i]``,
    or a part of one such as ``pauses[i].end``): ``kind``, ``"change"`` or
    ``"pause"``; ``index``, the position of the offending item in what the
    caller gave (-1 for the whole argument); and ``at``, its instant (a
    pause's start).
    """

    kind: str
    index: int
    at: object

    def __init__(
        self,
        problem: object = "",
        *more: object,
        kind: str = "",
        index: int = -1,
        at: object = NOTHING,
        argument: str = "",
        value: object = NOTHING,
        expected: str = "",
    ) -> None:
        self.kind, self.index, self.at = _said(kind), index, at
        super().__init__(problem, *more, argument=argument, value=value, expected=expected)


class HistoryTypeError(_WrongTypeError, InvalidHistoryError, TypeError):
    """A change is not a ``Change``, or a pause is not a ``(start, end)`` pair."""


class OngoingPauseError(InvalidHistoryError):
    """A question without ``now`` (a deadline, an escalation instant) got an ongoing pause.

    An ongoing pause ``(start, None)`` has no end yet, so only a status, which
    is asked as of ``now``, can count it.
    """


class HistoryOrderError(InstantsOutOfOrderError, InvalidHistoryError):
    """An item of a ticket's history lies before an instant it must follow.

    A change before the creation or before the previous change, two changes
    at one instant, or a pause that ends before it starts. The fields are
    those of [`InstantsOutOfOrderError`][connected_care_sla.exceptions.InstantsOutOfOrderError] and
    of [`InvalidHistoryError`][connected_care_sla.exceptions.InvalidHistoryError] (``kind``,
    ``index``, ``at``).
    """

    def __init__(
        self,
        problem: object = "",
        *more: object,
        kind: str = "",
        index: int = -1,
        at: object = NOTHING,
        argument: str = "",
        value: object = NOTHING,
        earlier_argument: str = "",
        earlier_value: object = NOTHING,
    ) -> None:
        super().__init__(
            problem,
            *more,
            argument=argument,
            value=value,
            earlier_argument=earlier_argument,
            earlier_value=earlier_value,
        )
        self.kind, self.index, self.at = _said(kind), index, at

    def _message(self) -> str:
        if self.value is NOTHING or self.value != self.earlier_value:
            return super()._message()
        text = (
            f"{self.argument} ({_iso(self.value)}) is at the same instant as "
            f"{self.earlier_argument}"
        )
        return f"{text}; {self.problem}" if self.problem else text


#: How a message names the instant another must follow.
_EARLIER: Final = {"created_at": "the ticket was created"}


def _iso(value: object) -> str:
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else shown(value)


class UnknownZoneError(SlaError, ValueError):
    """A time zone name is not in the IANA database."""

    def _message(self) -> str:
        if self.problem:
            return super()._message()
        return f"unknown time zone {shown(self.value)}: expected {self.expected}"


class ZoneTypeError(_WrongTypeError, UnknownZoneError, TypeError):
    """A time zone (or a calendar) is neither a name nor a zone object."""


class ResultOutOfRangeError(SlaError, OverflowError):
    """A result would fall outside the range ``datetime`` can represent."""
