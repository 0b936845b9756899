"""Every error and warning the library raises.

All errors derive from :class:`SlaError`. Each one that is caused by a bad
value also derives from :class:`ValueError` (or :class:`OverflowError` for
results out of range), so ``except ValueError`` keeps working. Messages name
the value received and what would have been accepted.
"""

from __future__ import annotations

__all__ = [
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
    "SlaError",
    "UnknownPlanError",
    "UnknownServiceError",
    "UnknownSeverityError",
    "UnknownZoneError",
]


class SlaError(Exception):
    """Base class of every error raised by connected-care-sla."""


class InvalidInstantError(SlaError, ValueError):
    """A time was not a time-zone-aware instant (naive, or not a datetime).

    Also raised when instants are out of order: ``now`` or ``responded_at``
    before the ticket's creation.
    """


class UnknownZoneError(SlaError, ValueError):
    """A time zone name is not in the IANA database."""


class InvalidHoursError(SlaError, ValueError):
    """Weekly business hours are malformed, overlapping or empty windows."""


class InvalidHolidaysError(SlaError, ValueError):
    """A holiday specification names an unknown country or subdivision, or a bad date."""


class InvalidDurationError(SlaError, ValueError):
    """A duration is not a ``timedelta`` (or is NaN, infinite, or a bool)."""


class CalendarNeverOpensError(SlaError, ValueError):
    """A calendar has no business time in which a duration could elapse."""


class ResultOutOfRangeError(SlaError, OverflowError):
    """A result would fall outside the range ``datetime`` can represent."""


class UnknownPlanError(SlaError, ValueError):
    """A support plan name is not in the policy."""


class UnknownSeverityError(SlaError, ValueError):
    """A severity is not in the policy."""


class UnknownServiceError(SlaError, ValueError):
    """A service or customer resource is not in the policy's entitlements."""


class InvalidThresholdError(SlaError, ValueError):
    """An at-risk threshold is not a number in ``(0, 1]``."""


class PolicyError(SlaError, ValueError):
    """A policy file or policy data is malformed, or a ``policy=`` argument is wrong.

    The message names the source (file), the key and the bad value.
    """


class InvalidTableError(SlaError, ValueError):
    """A table given to :mod:`connected_care_sla.batch` cannot be read.

    A named column is missing, arrays differ in length, or the arguments
    conflict (both or neither of ``calendar=`` and ``zone=``). Problems of
    single rows raise the error the scalar API raises for that value instead.
    """


class MissingExtraError(SlaError, ImportError):
    """An optional extra is not installed; the message names the ``pip install`` command."""


class HolidayHorizonError(SlaError, ValueError):
    """A strict calendar reached years its country holiday data does not cover."""


class HolidayHorizonWarning(UserWarning):
    """A computation reached years a country's holiday data does not officially cover."""
