"""connected-care-sla: by when must support first respond to this ticket?

The public surface, grouped: exceptions, value types, functions.
"""

from __future__ import annotations

from .calendar import BusinessCalendar, BusinessWindow
from .exceptions import (
    CalendarNeverOpensError,
    HolidayHorizonError,
    HolidayHorizonWarning,
    InvalidDurationError,
    InvalidHolidaysError,
    InvalidHoursError,
    InvalidInstantError,
    PolicyError,
    ResultOutOfRangeError,
    SlaError,
    UnknownPlanError,
    UnknownSeverityError,
    UnknownZoneError,
)
from .hours import TimeWindow, WeeklyHours

__version__ = "0.1.0"

__all__ = [
    # exceptions and warnings
    "SlaError",
    "CalendarNeverOpensError",
    "HolidayHorizonError",
    "HolidayHorizonWarning",
    "InvalidDurationError",
    "InvalidHolidaysError",
    "InvalidHoursError",
    "InvalidInstantError",
    "PolicyError",
    "ResultOutOfRangeError",
    "UnknownPlanError",
    "UnknownSeverityError",
    "UnknownZoneError",
    # value types
    "BusinessCalendar",
    "BusinessWindow",
    "TimeWindow",
    "WeeklyHours",
]
