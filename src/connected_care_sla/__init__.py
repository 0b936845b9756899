"""connected-care-sla: by when must support first respond to this ticket?

The front door, grouped: the calendar, the policy, the questions about one
ticket, and the two errors most callers catch. Every other error lives in
[`connected_care_sla.exceptions`][connected_care_sla.exceptions]; whole tables are answered by
[`connected_care_sla.batch`][connected_care_sla.batch] (an optional extra, imported on first use, so
importing this package never imports numpy or pandas).
"""

from __future__ import annotations

import importlib

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this module.
TYPE_CHECKING = False
if TYPE_CHECKING:  # for type checkers and readers; at run time each name loads on first use
    from typing import Any

    from . import batch, exceptions  # noqa: F401 - attributes reached through __getattr__
    from .calendar import BusinessCalendar, BusinessWindow, TimeWindow, WeeklyHours, load_calendar
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

#: Where each public name lives: it is imported from there the first time it is used,
#: so ``import connected_care_sla`` costs next to nothing and a program pays only for
#: the parts it uses (a calendar alone never loads the policies or the explanations).
_HOMES = {
    **dict.fromkeys(
        ("BusinessCalendar", "BusinessWindow", "TimeWindow", "WeeklyHours", "load_calendar"),
        ".calendar",
    ),
    **dict.fromkeys(
        (
            "Change",
            "Explanation",
            "ResponseStatus",
            "Status",
            "escalation_instant",
            "explanation",
            "first_response_deadline",
            "response_status",
        ),
        ".deadlines",
    ),
    **dict.fromkeys(("CalendarNeverOpensError", "SlaError"), ".exceptions"),
    **dict.fromkeys(
        (
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
        ),
        ".policy",
    ),
}
_SUBMODULES = frozenset(
    {"batch", "exceptions", "calendar", "deadlines", "policy", "testing", "cli"}
)

__all__ = [  # noqa: RUF022 - grouped by subject, not A-Z
    # the calendar
    "BusinessCalendar",
    "BusinessWindow",
    "TimeWindow",
    "WeeklyHours",
    "load_calendar",
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
    """Each public name, ``batch`` and ``__version__`` on first use; a pointer for each
    name that moved or went away.

    ``__version__`` is read from the installed package's metadata when first
    asked for: ``importlib.metadata`` costs more to import than the rest of
    the package.
    """
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home, __name__), name)
        globals()[name] = value  # the next use is a plain attribute
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version("connected-care-sla")
        except metadata.PackageNotFoundError:  # pragma: no cover - a source tree, not installed
            return "0.0.0+unknown"
    if name in _MOVED_ERRORS:
        import warnings

        warnings.warn(
            f"connected_care_sla.{name} moved to connected_care_sla.exceptions.{name}; "
            f"import it from there (the top-level name goes away in a later release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(".exceptions", __name__), name)
    if name in _REMOVED:
        raise AttributeError(
            f"connected_care_sla.{name} was removed in 0.2.0; use {_REMOVED[name]}", name=name
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}", name=name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
