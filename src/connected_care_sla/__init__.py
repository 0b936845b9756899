"""connected-care-sla: by when must support first respond to this ticket?

The public surface, grouped: exceptions, value types, functions, and the
:mod:`~connected_care_sla.batch` module for whole tables (an optional extra).
"""

from __future__ import annotations

from . import batch
from .calendar import BusinessCalendar, BusinessWindow
from .deadline import (
    Explanation,
    OffsetChange,
    PassedDay,
    ResponseStatus,
    Status,
    entitlements,
    explain,
    explanation,
    first_response_deadline,
    response_status,
    response_target,
)
from .exceptions import (
    CalendarNeverOpensError,
    HolidayHorizonError,
    HolidayHorizonWarning,
    InvalidDurationError,
    InvalidHolidaysError,
    InvalidHoursError,
    InvalidInstantError,
    InvalidTableError,
    InvalidThresholdError,
    MissingExtraError,
    PolicyError,
    ResultOutOfRangeError,
    SlaError,
    UnknownPlanError,
    UnknownServiceError,
    UnknownSeverityError,
    UnknownZoneError,
)
from .hours import TimeWindow, WeeklyHours
from .policy import (
    Clock,
    Plan,
    Policy,
    PolicyBook,
    ResponseTarget,
    Service,
    Severity,
    connected_care_policy,
    load_policy,
    load_policy_book,
)

__version__ = "0.1.0"

__all__ = [  # noqa: RUF022 - grouped by kind (exceptions, value types, functions), not A-Z
    # exceptions and warnings
    "SlaError",
    "CalendarNeverOpensError",
    "HolidayHorizonError",
    "HolidayHorizonWarning",
    "InvalidDurationError",
    "InvalidHolidaysError",
    "InvalidHoursError",
    "InvalidInstantError",
    "InvalidTableError",
    "InvalidThresholdError",
    "MissingExtraError",
    "PolicyError",
    "ResultOutOfRangeError",
    "UnknownPlanError",
    "UnknownServiceError",
    "UnknownSeverityError",
    "UnknownZoneError",
    # value types
    "BusinessCalendar",
    "BusinessWindow",
    "Clock",
    "Explanation",
    "OffsetChange",
    "PassedDay",
    "Plan",
    "Policy",
    "PolicyBook",
    "ResponseStatus",
    "ResponseTarget",
    "Service",
    "Severity",
    "Status",
    "TimeWindow",
    "WeeklyHours",
    # functions
    "connected_care_policy",
    "entitlements",
    "explain",
    "explanation",
    "first_response_deadline",
    "load_policy",
    "load_policy_book",
    "response_status",
    "response_target",
    # modules
    "batch",
]
