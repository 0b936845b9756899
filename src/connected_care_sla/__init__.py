"""connected-care-sla: by when must support first respond to this ticket?

The front door, grouped: the calendar, the policy, the questions about one
ticket, and the two errors most callers catch. Every other error lives in
:mod:`connected_care_sla.exceptions`; whole tables are answered by
:mod:`connected_care_sla.batch` (an optional extra, imported on first use, so
importing this package never imports numpy or pandas).
"""

from __future__ import annotations

import importlib
import warnings
from importlib import metadata
from typing import TYPE_CHECKING, Any

from . import exceptions
from .calendar import BusinessCalendar, BusinessWindow, TimeWindow, WeeklyHours
from .deadlines import (
    Change,
    Explanation,
    ResponseStatus,
    Status,
    escalation_instant,
    explanation,
    first_response_deadline,
    response_status,
)
from .exceptions import CalendarNeverOpensError, SlaError
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

if TYPE_CHECKING:
    from . import batch

try:
    __version__ = metadata.version("connected-care-sla")
except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree, not installed
    __version__ = "0.0.0+unknown"

__all__ = [  # noqa: RUF022 - grouped by subject, not A-Z
    # the calendar
    "BusinessCalendar",
    "BusinessWindow",
    "TimeWindow",
    "WeeklyHours",
    # the policy
    "Clock",
    "Plan",
    "Policy",
    "PolicyBook",
    "ResponseTarget",
    "Service",
    "Severity",
    "connected_care_policy",
    "load_policy",
    "load_policy_book",
    # one ticket
    "Change",
    "Explanation",
    "ResponseStatus",
    "Status",
    "escalation_instant",
    "explanation",
    "first_response_deadline",
    "response_status",
    # errors (the others are in connected_care_sla.exceptions)
    "SlaError",
    "CalendarNeverOpensError",
    # whole tables (imported on first use)
    "batch",
]

# Names that were public here before 0.2.0: where each one went.
# The errors that stood here before 0.2.0 (errors added since were never here).
_MOVED_ERRORS = frozenset(
    {
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
    }
)
_REMOVED = {
    "explain": "str(explanation(...)) gives the same text",
    "response_target": "Policy.target(plan, severity), e.g. connected_care_policy().target(...)",
    "entitlements": "Policy.entitlements(plan), e.g. connected_care_policy().entitlements(...)",
    "OffsetChange": "connected_care_sla.deadlines.OffsetChange",
    "PassedDay": "connected_care_sla.deadlines.PassedDay",
}


def __getattr__(name: str) -> Any:
    """``batch`` on first use; a pointer for each name that moved or went away."""
    if name == "batch":
        return importlib.import_module(".batch", __name__)
    if name in _MOVED_ERRORS:
        warnings.warn(
            f"connected_care_sla.{name} moved to connected_care_sla.exceptions.{name}; "
            f"import it from there (the top-level name goes away in a later release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(exceptions, name)
    if name in _REMOVED:
        raise AttributeError(
            f"connected_care_sla.{name} was removed in 0.2.0; use {_REMOVED[name]}", name=name
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}", name=name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
