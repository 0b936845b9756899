"""Errors about durations, thresholds, policies and the names they hold."""

from __future__ import annotations

import copy
from collections.abc import Iterable

from .._text import listing, shown
from ._base import NOTHING, SlaError, _said, _WrongTypeError

__all__ = [
    "DuplicateNameError",
    "DurationTypeError",
    "InvalidDurationError",
    "InvalidThresholdError",
    "PolicyError",
    "PolicyFieldError",
    "PolicyTypeError",
    "ThresholdTypeError",
    "UnknownNameError",
    "UnknownPlanError",
    "UnknownServiceError",
    "UnknownSeverityError",
    "VersionDateError",
]


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
    """A field of a [`Policy`][connected_care_sla.Policy] holds a value a policy cannot have.

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
