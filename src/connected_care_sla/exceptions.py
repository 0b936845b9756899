"""Every error and warning the library raises.

All errors derive from :class:`SlaError`, and each one keeps the facts its
message is made of, so code can act on an error without reading its text:

* ``argument``: what the problem is in (an argument, a field, a file's key,
  a column), as the caller named it;
* ``value``: the value received (:data:`NOTHING` when there is no single one);
* ``expected``: what would have been accepted, in words;
* ``problem``: what is wrong, in words, when that says more than "not what
  was expected".

Each error also derives from the built-in exception it really is. A value of
the wrong type raises a class that is also a :class:`TypeError` (and still a
subclass of the class raised for that argument, so ``except`` clauses written
for one keep catching it); a value of the right type but wrong content raises
a :class:`ValueError`; a result past what ``datetime`` can hold raises an
:class:`OverflowError`.

>>> from connected_care_sla import first_response_deadline
>>> try:
...     first_response_deadline("Developer", "S1", "2025-06-06 17:00", "Asia/Shanghai")
... except InvalidInstantError as error:
...     print(type(error).__name__, isinstance(error, TypeError), error.argument, error.value)
InstantTypeError True created_at 2025-06-06 17:00
"""

from __future__ import annotations

import copy
import os
import sys
import warnings
from collections.abc import Iterable
from types import FrameType
from typing import Final

from ._text import listing, offset_text, shown

__all__ = [
    "NOTHING",
    "CalendarNeverOpensError",
    "DuplicateNameError",
    "DurationTypeError",
    "HistoryOrderError",
    "HistoryTypeError",
    "HolidayHorizonError",
    "HolidayHorizonWarning",
    "HolidaysTypeError",
    "HoursTypeError",
    "InstantTypeError",
    "InstantsOutOfOrderError",
    "InvalidDurationError",
    "InvalidHistoryError",
    "InvalidHolidaysError",
    "InvalidHoursError",
    "InvalidInstantError",
    "InvalidTableError",
    "InvalidThresholdError",
    "LocalMeanTimeError",
    "MissingExtraError",
    "MissingInstantError",
    "NaiveInstantError",
    "OngoingPauseError",
    "PolicyError",
    "PolicyFieldError",
    "PolicyTypeError",
    "ResultOutOfRangeError",
    "SlaError",
    "TableTypeError",
    "ThresholdTypeError",
    "UnknownNameError",
    "UnknownPlanError",
    "UnknownServiceError",
    "UnknownSeverityError",
    "UnknownZoneError",
    "VersionDateError",
    "ZoneTypeError",
    "warn_caller",
]


class _Nothing:
    """The ``value`` of an error that is about no single value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOTHING"

    def __reduce__(self) -> str:
        return "NOTHING"


#: The ``value`` of an error that is about no single value.
NOTHING: Final = _Nothing()


class SlaError(Exception):
    """Base class of every error raised by connected-care-sla.

    Args:
        problem: what is wrong, in words.
        argument: what the problem is in, as the caller named it.
        value: the value received.
        expected: what would have been accepted.
    """

    argument: str
    value: object
    expected: str
    problem: str

    def __init__(
        self,
        problem: object = "",
        *more: object,
        argument: str = "",
        value: object = NOTHING,
        expected: str = "",
    ) -> None:
        # Any positional arguments are taken, as for any exception: they become the problem.
        self.problem = "; ".join(_said(part) for part in (problem, *more) if part != "")
        self.argument = _said(argument)
        self.value = value
        self.expected = _said(expected)
        super().__init__(self._message())

    def _message(self) -> str:
        """The message, from the fields (subclasses say it their way)."""
        if self.expected and self.problem:
            return f"{self.problem}; expected {self.expected}"
        return self.problem or self.expected

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuild from the fields and the message as it stands (a caller may have
        # added context to it, as batch does with the row), not through __init__.
        return (_rebuild, (type(self), self.__dict__.copy(), self.args))


def _said(text: object) -> str:
    """``text`` as a message part: a string as it is, anything else as :func:`shown` shows it."""
    return text if isinstance(text, str) else shown(text)


def _rebuild(cls: type[SlaError], state: dict[str, object], args: tuple[object, ...]) -> SlaError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, *args)
    return error


class _WrongTypeError(SlaError):
    """A value of the wrong type: "``argument`` must be ``expected``, got ``value`` of type T"."""

    def _message(self) -> str:
        if not self.argument:  # the message says it in its own words
            return super()._message()
        text = (
            f"{self.argument} must be {self.expected}, got {shown(self.value)} of type "
            f"{type(self.value).__name__}"
        )
        return f"{text}; {self.problem}" if self.problem else text


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
    those of :class:`InstantsOutOfOrderError` and of
    :class:`InvalidHistoryError` (``kind``, ``index``, ``at``).
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


class HolidayHorizonError(SlaError, ValueError):
    """A strict calendar reached years its country holiday data does not cover."""


class HolidayHorizonWarning(UserWarning):
    """A computation reached years a country's holiday data does not officially cover."""


def warn_caller(message: str, category: type[Warning]) -> None:
    """Warn, pointing at the first line outside this package (the caller's own line).

    A fixed ``stacklevel`` would point inside the library whenever the path
    to the warning is longer or shorter than expected.
    """
    package = os.path.dirname(os.path.abspath(__file__))
    frame: FrameType | None = sys._getframe(1)
    level = 2  # 1 is this function, 2 the frame above
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)


# -- durations and thresholds -----------------------------------------------------------


class InvalidDurationError(SlaError, ValueError):
    """A duration is malformed, zero or negative where a positive one is needed."""


class DurationTypeError(_WrongTypeError, InvalidDurationError, TypeError):
    """A duration is not a ``timedelta`` (or, in policy text, not a string)."""


class InvalidThresholdError(SlaError, ValueError):
    """An at-risk threshold is not a number in ``(0, 1]``."""

    def _message(self) -> str:
        return f"{self.argument} must be {self.expected}, got {shown(self.value)}"


class ThresholdTypeError(InvalidThresholdError, TypeError):
    """An at-risk threshold is not a number at all."""


# -- policies -------------------------------------------------------------------------


class PolicyError(SlaError, ValueError):
    """A policy file or policy data is malformed, or a ``policy=`` argument is wrong.

    ``source`` names where the data came from (a file, "policy data"); for
    data read from a file or a mapping, ``argument`` is the dotted key.
    """

    source: str

    def __init__(
        self,
        problem: object = "",
        *more: object,
        source: str = "",
        argument: str = "",
        value: object = NOTHING,
        expected: str = "",
    ) -> None:
        self.source = _said(source)
        super().__init__(problem, *more, argument=argument, value=value, expected=expected)

    def _message(self) -> str:
        if self.source and self.argument:
            return (
                f"{self.source}: key {shown(self.argument)} = {shown(self.value)}: {self.problem}"
            )
        text = super()._message()
        return f"{self.source}: {text}" if self.source else text

    def located(
        self, source: str, key: str, value: object, problem: str | None = None
    ) -> PolicyError:
        """The same error, said of ``key = value`` in ``source`` (what a file reader adds).

        ``problem`` says it in the file's terms, where those differ from the value's.
        """
        error = copy.copy(self)
        error.source, error.argument, error.value = source, key, value
        if problem is not None:
            error.problem = problem
        Exception.__init__(error, error._message())
        return error


class PolicyFieldError(PolicyError):
    """A field of a :class:`~connected_care_sla.Policy` holds a value a policy cannot have.

    ``argument`` names the field and the position in it (``plans[1]``); a
    reader of policy data turns that into the key it came from.
    """

    def _message(self) -> str:
        if self.source:
            return super()._message()
        return f"Policy field {self.argument} = {shown(self.value)}: {self.problem}"


class DuplicateNameError(PolicyFieldError):
    """A policy names a plan, severity or service twice (names compare in any letter case).

    Besides the common fields (``argument`` is ``field[index]``, ``value`` the
    second name): ``field``, ``index``, ``twin``, the name given first, and
    ``look_alike``: the two differ, but only by letters that look the same.
    """

    field: str
    index: int
    twin: object
    look_alike: bool

    def __init__(
        self,
        field: str = "",
        index: int = 0,
        name: object = "",
        twin: object = "",
        *,
        look_alike: bool = False,
    ) -> None:
        self.field, self.index, self.twin, self.look_alike = _said(field), index, twin, look_alike
        super().__init__(
            f"is a name that looks the same as {shown(twin)} (letters of Cyrillic or Greek that "
            f"look like Latin ones count as those)"
            if look_alike
            else f"names {shown(twin)} again (names are compared in any letter case)",
            argument=f"{self.field}[{shown(index)}]",
            value=name,
        )

    def _message(self) -> str:
        if self.source:
            return super()._message()
        if self.look_alike:
            return (
                f"Policy field {self.field} names {shown(self.twin)} twice (as "
                f"{shown(self.value)}, which looks the same); letters of Cyrillic or Greek "
                f"that look like Latin ones count as those"
            )
        return (
            f"Policy field {self.field} names {shown(self.twin)} twice (as {shown(self.value)}); "
            f"names are compared in any letter case"
        )


class VersionDateError(PolicyError):
    """A version of a policy book has no ``effective_from``, or one another version has.

    Besides the common fields (``value`` is the version's date): ``version``, the
    policy refused, and ``other``, the version that already takes effect on
    that date (None when the date is missing).
    """

    version: object
    other: object

    def __init__(
        self, problem: object = "", *more: object, version: object = None, other: object = None
    ) -> None:
        self.version, self.other = version, other
        date = getattr(version, "effective_from", None)
        super().__init__(problem, *more, argument="effective_from", value=date)

    def _message(self) -> str:
        return super()._message() if self.source else self.problem


class PolicyTypeError(_WrongTypeError, PolicyError, TypeError):
    """A ``policy=`` argument (or a policy's field) is of the wrong type."""


class UnknownNameError(SlaError, ValueError):
    """A plan, severity or service name is not in the policy.

    Besides the common fields: ``known``, the names the policy has, and
    ``policy``, its name (empty for the built-in vocabulary).
    """

    kind: str = "name"
    kinds: str = "names"
    known: tuple[str, ...]
    policy: str

    def __init__(
        self,
        value: object = NOTHING,
        known: Iterable[str] = (),
        *more: object,
        policy: str = "",
        expected: str = "",
        problem: str = "",
    ) -> None:
        names = known if isinstance(known, Iterable) and not isinstance(known, str) else ()
        self.known = tuple(_said(str.__str__(n) if isinstance(n, str) else n) for n in names)
        self.policy = _said(policy)
        super().__init__(problem, *more, argument=self.kind, value=value, expected=expected)

    def _message(self) -> str:
        known = (
            f"policy {self.policy!r} has the {self.kinds} {listing(self.known)}"
            if self.policy
            else f"expected one of {', '.join(self.known)}"
        )
        text = f"unknown {self.kind} {shown(self.value)}; {known}"
        if self.expected:
            text += f" ({self.expected})"
        return f"{text}. {self.problem}" if self.problem else text


class UnknownPlanError(UnknownNameError):
    """A support plan name is not in the policy."""

    kind = "plan"
    kinds = "plans"


class UnknownSeverityError(UnknownNameError):
    """A severity is not in the policy."""

    kind = "severity"
    kinds = "severities"


class UnknownServiceError(UnknownNameError):
    """A service or customer resource is not in the policy's entitlements."""

    kind = "service"
    kinds = "services"


# -- tables and extras ----------------------------------------------------------------


class InvalidTableError(SlaError, ValueError):
    """A table given to :mod:`connected_care_sla.batch` cannot be read.

    A named column is missing, arrays differ in length, or the arguments
    conflict (both or neither of ``calendar=`` and ``zone=``). Problems of
    single rows raise the error the scalar API raises for that value instead.
    """


class TableTypeError(_WrongTypeError, InvalidTableError, TypeError):
    """The table, or an argument naming its columns, is of the wrong type."""


class MissingExtraError(SlaError, ImportError):
    """An optional extra is not installed.

    ``argument`` is the extra's name and ``value`` the module that is missing;
    the message names the ``pip install`` command.
    """

    def _message(self) -> str:
        return (
            f"{self.problem} needs the optional module {self.value}, which is not installed; "
            f'install it with: pip install "connected-care-sla[{self.argument}]"'
        )
