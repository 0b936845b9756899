"""Every error and warning the library raises.

All errors derive from [`SlaError`][connected_care_sla.SlaError], and each one keeps the facts its
message is made of, so code can act on an error without reading its text:

* ``argument``: what the problem is in (an argument, a field, a file's key,
  a column), as the caller named it;
* ``value``: the value received (`NOTHING` when there is no single one);
* ``expected``: what would have been accepted, in words;
* ``problem``: what is wrong, in words, when that says more than "not what
  was expected".

Each error also derives from the built-in exception it really is. A value of
the wrong type raises a class that is also a `TypeError` (and still a
subclass of the class raised for that argument, so ``except`` clauses written
for one keep catching it); a value of the right type but wrong content raises
a `ValueError`; a result past what ``datetime`` can hold raises an
`OverflowError`.

Examples:
    >>> from connected_care_sla import first_response_deadline
    >>> try:
    ...     first_response_deadline("Developer", "S1", "2025-06-06 17:00", "Asia/Shanghai")
    ... except InvalidInstantError as error:
    ...     print(type(error).__name__, isinstance(error, TypeError), error.argument, error.value)
    InstantTypeError True created_at 2025-06-06 17:00
"""

from __future__ import annotations

from ._base import NOTHING, SlaError, warn_caller
from ._calendars import (
    CalendarFileError,
    CalendarFileTypeError,
    CalendarNeverOpensError,
    CalendarVersionsError,
    CalendarVersionsTypeError,
    HolidayHorizonError,
    HolidayHorizonWarning,
    HolidaysTypeError,
    HoursTypeError,
    InvalidFeedError,
    InvalidHolidaysError,
    InvalidHoursError,
    TimedFeedEventError,
    UnknownCalendarKeyError,
    UnwritableCalendarError,
)
from ._instants import (
    HistoryOrderError,
    HistoryTypeError,
    InstantsOutOfOrderError,
    InstantTypeError,
    InvalidHistoryError,
    InvalidInstantError,
    LocalMeanTimeError,
    MissingInstantError,
    NaiveInstantError,
    OngoingPauseError,
    ResultOutOfRangeError,
    UnknownZoneError,
    ZoneTypeError,
)
from ._policies import (
    DuplicateNameError,
    DurationTypeError,
    InvalidDurationError,
    InvalidThresholdError,
    PolicyError,
    PolicyFieldError,
    PolicyTypeError,
    ThresholdTypeError,
    UnknownNameError,
    UnknownPlanError,
    UnknownServiceError,
    UnknownSeverityError,
    VersionDateError,
)
from ._tables import (
    InvalidEventError,
    InvalidTableError,
    MissingExtraError,
    TableTypeError,
    UnknownFileKindError,
    UnknownSchemaError,
    UnmatchedEventsWarning,
)

__all__ = [
    "NOTHING",
    "CalendarFileError",
    "CalendarFileTypeError",
    "CalendarNeverOpensError",
    "CalendarVersionsError",
    "CalendarVersionsTypeError",
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
    "InvalidEventError",
    "InvalidFeedError",
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
    "TimedFeedEventError",
    "UnknownCalendarKeyError",
    "UnknownFileKindError",
    "UnknownNameError",
    "UnknownPlanError",
    "UnknownSchemaError",
    "UnknownServiceError",
    "UnknownSeverityError",
    "UnknownZoneError",
    "UnmatchedEventsWarning",
    "UnwritableCalendarError",
    "VersionDateError",
    "ZoneTypeError",
    "warn_caller",
]


# Every error says it is from this module (in tracebacks, reprs and pickles), wherever
# in the package it is defined: the submodules only keep the file sizes readable.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type):
        _value.__module__ = __name__
del _name, _value
