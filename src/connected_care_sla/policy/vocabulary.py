"""The words of a support policy: plans, severities, services and clocks.

A policy's keys are strings. [`Plan`][connected_care_sla.Plan],
[`Severity`][connected_care_sla.Severity] and [`Service`][connected_care_sla.Service] are the
built-in Connected Care vocabulary. They are ``StrEnum`` s, so a member *is* its string
(``Plan.ENTERPRISE == "Enterprise"``) and can be passed wherever a key is expected. A custom policy
may name plans, severities and services beyond the built-in ones: pass those as strings. Names
are matched in any letter case (and ``_`` matches ``-``); a severity may also be
given as an ``int`` (``1`` means ``"S1"``). Wherever a policy key matches the
built-in vocabulary, the policy hands back the enum member.

What a plan includes, what a severity means and what a service is called are
facts of a policy, not of the words: ask the policy
(``connected_care_policy().includes(plan, service)``, ``.definition(severity)``,
``.label(service)``).

Examples:
    >>> Plan("enterprise"), Severity(1)
    (<Plan.ENTERPRISE: 'Enterprise'>, <Severity.S1: 'S1'>)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Final, Self, TypeAlias, TypeVar

from .._text import shown
from ..exceptions import (
    PolicyError,
    SlaError,
    UnknownPlanError,
    UnknownServiceError,
    UnknownSeverityError,
)

__all__ = ["Clock", "Plan", "PlanLike", "Service", "Severity", "SeverityLike"]


def _fold(text: str) -> str:
    """The form names are compared in: Unicode NFKC (full-width ``Ｓ１`` is ``S1``),
    any letter case, ``_`` the same as ``-``."""
    return unicodedata.normalize("NFKC", text).casefold().replace("_", "-")


# Letters of Cyrillic and Greek that print like a Latin letter, after case
# folding (so uppercase look-alikes are here by their lowercase forms). From the
# Unicode confusables data (UTS #39), the letters a support policy could mix up.
_LOOK_ALIKES: Final = str.maketrans(
    "авеꙇіјкмнорсѕтуүхһԁԛԝ" + "αβεζηικμνορτυχ",
    "abeiijkmhopcstyyxhdqw" + "abezhikmnoptyx",
)
# Scripts whose letters are mistaken for each other.
_CONFUSABLE_SCRIPTS: Final = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def _skeleton(text: str) -> str:
    """The form two names must not share: folded, with look-alike letters as Latin ones."""
    return _fold(text).translate(_LOOK_ALIKES)


def _name_problem(name: str) -> str | None:
    """What makes ``name`` unfit to name a plan, severity or service, or None.

    Control and format characters (a zero-width space, a bidirectional
    override) print as nothing; letters of Latin mixed with Cyrillic or Greek
    print like another name.
    """
    if not name.strip() or name != name.strip():
        return "expected a non-empty name without surrounding spaces"
    for char in name:
        if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp"):
            code = f"U+{ord(char):04X} {unicodedata.name(char, 'a control character')}"
            return f"expected a name without control or format characters; it holds {code}"
    scripts = {
        unicodedata.name(char, "").split(" ")[0]
        for char in name
        if unicodedata.category(char).startswith("L")
    } & _CONFUSABLE_SCRIPTS
    if len(scripts) > 1:
        mixed = " and ".join(sorted(script.title() for script in scripts))
        return f"expected the letters of one script; it mixes {mixed} letters"
    return None


def _matching(keys: Iterable[str], name: object) -> str | None:
    """The key among ``keys`` that ``name`` names (compared folded), or None."""
    if isinstance(name, str):
        folded = _fold(name)
        for key in keys:
            if _fold(key) == folded:
                return key
    return None


_E = TypeVar("_E", bound=StrEnum)


def _lookup(enum: type[_E], value: object) -> _E | None:
    if isinstance(value, str):
        folded = _fold(value)
        for member in enum:
            if folded in (_fold(member.value), _fold(member.name)):
                return member
    return None


def _severity_name(value: object) -> object:
    """An int severity ``n`` as the name ``"Sn"``; anything else unchanged.

    Only ints of a sensible size: Python refuses to print one of more than
    4,300 digits, and no policy has that many severities.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= 64:
        return f"S{value}"
    return value


class _Word(StrEnum):
    """A word of the built-in vocabulary: named in any letter case, refused by its own error."""

    @classmethod
    def _missing_(cls, value: object) -> Self:
        member = _lookup(cls, cls._name_of(value))
        if member is None:
            raise cls._unknown(value)
        return member

    @classmethod
    def _name_of(cls, value: object) -> object:
        """``value`` as the name it stands for (a severity's ``1`` is ``"S1"``)."""
        return value

    @classmethod
    def _unknown(cls, value: object) -> SlaError:
        """The error for a value that names no member."""
        raise NotImplementedError  # pragma: no cover - each vocabulary says it


class Clock(_Word):
    """How a response target's time runs."""

    #: Elapsed real time, around the clock (24x7).
    WALL = "wall"
    #: Time inside the business windows of a calendar.
    BUSINESS = "business"

    @classmethod
    def _unknown(cls, value: object) -> SlaError:
        return PolicyError(
            f"unknown clock {shown(value)}; expected 'wall' (elapsed real time, 24x7) or "
            f"'business' (time inside business hours)",
            argument="clock",
            value=value,
        )

    def __repr__(self) -> str:
        return f"Clock.{self.name}"


class Plan(_Word):
    """The Connected Care support plans.

    A member is its display name as a string. ``Plan("enterprise")`` and
    ``Plan("ENTERPRISE")`` give `ENTERPRISE`; anything else raises
    [`UnknownPlanError`][connected_care_sla.exceptions.UnknownPlanError]. Plans of a custom policy
    are plain strings.
    """

    BASIC = "Basic"
    DEVELOPER = "Developer"
    ENTERPRISE = "Enterprise"
    PREMIUM = "Premium"

    @classmethod
    def _unknown(cls, value: object) -> SlaError:
        return UnknownPlanError(
            value,
            cls,
            expected="any letter case",
            problem="Plans of a custom policy are passed as strings together with policy=",
        )


class Severity(_Word):
    """The Connected Care severity levels, S1 (most severe) to S4.

    ``Severity("s1")`` and ``Severity(1)`` give `S1`; anything else
    raises [`UnknownSeverityError`][connected_care_sla.exceptions.UnknownSeverityError]. The
    customer picks the severity.

    Examples:
        >>> Severity("s1") is Severity.S1
        True
    """

    S1 = "S1"
    S2 = "S2"
    S3 = "S3"
    S4 = "S4"

    @classmethod
    def _name_of(cls, value: object) -> object:
        return _severity_name(value)

    @classmethod
    def _unknown(cls, value: object) -> SlaError:
        return UnknownSeverityError(value, cls, expected="any letter case, or an int 1 to 4")


class Service(_Word):
    """Services and customer resources a plan may include.

    The value is the key used in policy files; a policy gives each its label.

    Examples:
        >>> Service("FAQ") is Service.FAQ
        True
    """

    BILLING_AND_ACCOUNT_SUPPORT = "billing-and-account-support"
    TECHNICAL_SUPPORT_TICKETS = "technical-support-tickets"
    DATABASE_GUIDANCE = "end-to-end-database-guidance"
    CLINIC_ADVANCED_MONITORING = "clinic-advanced-monitoring"
    AI_CHAT_IN_IM = "ai-chat-in-im"
    IM_ALERT_SUBSCRIPTION = "im-alert-subscription"
    IM_TICKET_SUBSCRIPTION = "im-ticket-subscription"
    IM_TICKET_INTERACTION = "im-ticket-interaction"
    TECHNICAL_ACCOUNT_MANAGER = "technical-account-manager"
    DOCUMENTATION = "documentation"
    FAQ = "faq"
    COMMUNITY_WORKSPACE = "community-workspace"
    TIDB_AI = "tidb-ai"
    KNOWLEDGE_BASE = "knowledge-base"

    @classmethod
    def _unknown(cls, value: object) -> SlaError:
        return UnknownServiceError(
            value,
            cls,
            expected="any letter case",
            problem="Services of a custom policy are passed as strings",
        )


#: A plan as the functions accept it: a [`Plan`][connected_care_sla.Plan] or a name in any case.
PlanLike: TypeAlias = "Plan | str"
#: A severity as accepted: a [`Severity`][connected_care_sla.Severity], a name in any case,
#: or 1 to 4.
SeverityLike: TypeAlias = "Severity | str | int"


def _canonical(text: str, vocabulary: type[StrEnum]) -> str:
    """``text`` as the enum member it names, else unchanged."""
    member = _lookup(vocabulary, text)
    return text if member is None else member
