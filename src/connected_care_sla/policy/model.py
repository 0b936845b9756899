"""Policies as values: response targets, one policy version, and a book of versions.

A :class:`Policy` is one version of a support policy: the first-response
table (plan x severity -> :class:`ResponseTarget` or no target), the severity
definitions, and the services each plan includes. :meth:`Policy.from_mapping`
builds one from the structure a policy file holds (the format is on the
reference page); :class:`PolicyBook` holds several versions with the dates they
took effect, and :func:`connected_care_policy` is the built-in Connected Care
policy, read from ``data/connected_care.toml`` inside this package.

Which version applies, and tickets from before any: the version in force on
the ticket's creation date (the local date in the calendar's zone) applies,
the one with the latest ``effective_from`` on or before that date. A ticket
created before the earliest version took effect is answered by the earliest
version, not refused: the built-in table was published in January 2025,
before Connected Care launched on 2025-02-17, and has not changed since.
"""

from __future__ import annotations

import functools
import itertools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from importlib import resources
from typing import Final, TypeAlias

from .._instants import US_PER_HOUR, duration_us
from .._text import plural, shown, words
from ..exceptions import (
    InvalidDurationError,
    PolicyError,
    UnknownPlanError,
    UnknownServiceError,
    UnknownSeverityError,
)
from .durations import format_duration, parse_duration
from .vocabulary import (
    Clock,
    Plan,
    PlanLike,
    Service,
    Severity,
    SeverityLike,
    _canonical,
    _fold,
    _listing,
    _lookup,
    _matching,
    _severity_name,
    _show,
)

__all__ = ["Policy", "PolicyBook", "PolicyLike", "ResponseTarget", "connected_care_policy"]

_BUILTIN_FILE: Final = "data/connected_care.toml"


# -- response targets ---------------------------------------------------------


@dataclass(frozen=True, slots=True, init=False)
class ResponseTarget:
    """One cell of the response table: a positive duration on a clock.

    >>> target = ResponseTarget("4h", "business")
    >>> target
    ResponseTarget('4h', Clock.BUSINESS)
    >>> print(target, "|", ResponseTarget(timedelta(minutes=30), Clock.WALL))
    4 business hours | 30 minutes (wall clock, 24x7)
    >>> target == ResponseTarget(timedelta(hours=4), Clock.BUSINESS)
    True

    Targets compare equal when duration and clock are equal. They are not
    ordered: 4 business hours and 4 wall hours are not comparable amounts.
    """

    duration: timedelta
    clock: Clock

    def __init__(self, duration: timedelta | str, clock: Clock | str) -> None:
        value = parse_duration(duration) if isinstance(duration, str) else duration
        if duration_us(value, "a response target's duration") <= 0:
            raise InvalidDurationError(
                f"a response target must be a positive duration, got {_show(duration)}"
            )
        object.__setattr__(self, "duration", value)
        if not isinstance(clock, str):  # Clock(x) would print x: not every int can be
            raise PolicyError(
                f"unknown clock {_show(clock)} of type {type(clock).__name__}; expected 'wall' "
                f"(elapsed real time, 24x7) or 'business' (time inside business hours)"
            )
        object.__setattr__(self, "clock", Clock(clock))

    @property
    def is_business(self) -> bool:
        """True for business-hour targets, False for wall-clock (24x7) ones."""
        return self.clock is Clock.BUSINESS

    def __repr__(self) -> str:
        return f"ResponseTarget({format_duration(self.duration)!r}, {self.clock!r})"

    def __str__(self) -> str:
        us = duration_us(self.duration)
        if self.clock is Clock.WALL:
            return f"{words(us)} (wall clock, 24x7)"
        if us % US_PER_HOUR == 0:
            return plural(us // US_PER_HOUR, "business hour")
        return f"{words(us)} of business time"


# -- policies -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Policy:
    """One version of a support policy.

    Build one with :func:`load_policy` or :meth:`from_mapping`; the fields
    mirror the tables of the SPEC:

    * ``plans`` and ``severities``: the keys, in table order (most severe
      first); built-in names are :class:`Plan` / :class:`Severity` members.
    * ``definitions[j]``: the definition of ``severities[j]``.
    * ``response_table[i][j]``: the target of ``plans[i]`` at ``severities[j]``,
      or None for no target.
    * ``entitlement_table[i]``: the service keys ``plans[i]`` includes.
    * ``services``: ``(key, label)`` of every service the policy names.
    * ``effective_from``: the date it took effect, or None (always in force).
    * ``source``: where it was read from (not part of equality).
    """

    name: str
    effective_from: date | None
    plans: tuple[str, ...]
    severities: tuple[str, ...]
    definitions: tuple[str, ...]
    response_table: tuple[tuple[ResponseTarget | None, ...], ...]
    entitlement_table: tuple[frozenset[str], ...]
    services: tuple[tuple[str, str], ...]
    source: str = field(default="policy data", compare=False)

    def __post_init__(self) -> None:
        _check_policy_fields(self)
        where = f"policy {self.name!r} ({self.source})"
        if not self.plans or not self.severities:
            raise PolicyError(f"{where} needs at least one plan and one severity")
        if len(self.definitions) != len(self.severities):
            raise PolicyError(f"{where}: one definition per severity is needed")
        if len(self.response_table) != len(self.plans) or any(
            len(row) != len(self.severities) for row in self.response_table
        ):
            raise PolicyError(f"{where}: response_table must hold one cell per plan and severity")
        if len(self.entitlement_table) != len(self.plans):
            raise PolicyError(f"{where}: entitlement_table must hold one set per plan")

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, source: str = "policy data") -> Policy:
        """Build a policy from the same structure a policy file holds (see the module doc).

        ``source`` names the origin in error messages.
        """
        return _read_policy(data, _source(source), default_name="custom policy")

    # -- resolving names ------------------------------------------------------

    def plan_key(self, plan: object) -> str:
        """The policy's key for ``plan`` (a :class:`Plan` or a name in any case).

        Raises:
            UnknownPlanError: the policy has no such plan; the message lists those it has.
        """
        key = _matching(self.plans, plan)
        if key is not None:
            return key
        raise UnknownPlanError(
            f"unknown plan {_show(plan)}; policy {self.name!r} has the plans "
            f"{_listing(self.plans)} (any letter case)"
        )

    def severity_key(self, severity: object) -> str:
        """The policy's key for ``severity`` (a :class:`Severity`, a name, or ``n`` for ``"Sn"``).

        Raises:
            UnknownSeverityError: the policy has no such severity; the message lists them.
        """
        key = _matching(self.severities, _severity_name(severity))
        if key is not None:
            return key
        raise UnknownSeverityError(
            f"unknown severity {_show(severity)}; policy {self.name!r} has the severities "
            f"{_listing(self.severities)} (any letter case; an int n means 'Sn')"
        )

    def service_key(self, service: object) -> str:
        """The policy's key for ``service`` (a :class:`Service` or a key in any case).

        Raises:
            UnknownServiceError: the policy names no such service.
        """
        key = _matching((name for name, _ in self.services), service)
        if key is not None:
            return key
        raise UnknownServiceError(
            f"unknown service {_show(service)}; policy {self.name!r} names the services "
            f"{_listing(key for key, _ in self.services)}"
        )

    # -- reading the tables ---------------------------------------------------

    def target(self, plan: PlanLike, severity: SeverityLike) -> ResponseTarget | None:
        """The first-response target of one cell, or None when the plan has none (SPEC 1)."""
        row = self.plans.index(self.plan_key(plan))
        return self.response_table[row][self.severities.index(self.severity_key(severity))]

    def definition(self, severity: SeverityLike) -> str:
        """The definition of a severity level (SPEC 2b)."""
        return self.definitions[self.severities.index(self.severity_key(severity))]

    def entitlements(self, plan: PlanLike) -> frozenset[str]:
        """The services a plan includes (SPEC 2); built-in ones are :class:`Service` members."""
        return self.entitlement_table[self.plans.index(self.plan_key(plan))]

    def includes(self, plan: PlanLike, service: Service | str) -> bool:
        """Whether ``plan`` includes ``service``."""
        return self.service_key(service) in self.entitlements(plan)

    def label(self, service: Service | str) -> str:
        """The display name of a service."""
        return dict(self.services)[self.service_key(service)]

    def in_force(self, day: date) -> Policy:
        """The version in force on ``day``: a single policy is always itself."""
        _local_date(day)
        return self

    def describe(self) -> str:
        """``'Connected Care (effective 2025-02-17)'``."""
        if self.effective_from is None:
            return self.name
        return f"{self.name} (effective {self.effective_from.isoformat()})"

    def _repr_html_(self) -> str:
        """The response table (plans as columns) as HTML, for notebooks."""
        from ..display import policy_html

        return policy_html(self)

    def __repr__(self) -> str:
        return (
            f"Policy({self.name!r}, effective_from={self.effective_from!r}, "
            f"plans={list(map(str, self.plans))!r}, "
            f"severities={list(map(str, self.severities))!r})"
        )


def _local_date(day: object) -> date:
    """``day`` as a date (a datetime's own date), or PolicyError."""
    if isinstance(day, datetime):
        return day.date()
    if not isinstance(day, date):
        raise PolicyError(
            f"the day a policy version is in force on must be a datetime.date, got "
            f"{_show(day)} of type {type(day).__name__}"
        )
    return day


def _check_policy_fields(policy: Policy) -> None:
    """The types of a policy's fields (a direct ``Policy(...)`` call is not checked
    by the file reader), and its keys distinct in any letter case."""

    def refuse(field_name: str, value: object, expected: str) -> PolicyError:
        return PolicyError(
            f"Policy field {field_name} must be {expected}, got {shown(value)} of type "
            f"{type(value).__name__}; build policies with load_policy or Policy.from_mapping"
        )

    def strings(field_name: str, value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
            raise refuse(field_name, value, "a tuple of strings")

    for field_name in ("name", "source"):
        if not isinstance(getattr(policy, field_name), str):
            raise refuse(field_name, getattr(policy, field_name), "a string")
    effective = policy.effective_from
    if effective is not None and (
        not isinstance(effective, date) or isinstance(effective, datetime)
    ):
        raise refuse("effective_from", effective, "a datetime.date or None")
    strings("plans", policy.plans)
    strings("severities", policy.severities)
    strings("definitions", policy.definitions)
    table = policy.response_table
    if not isinstance(table, tuple) or not all(
        isinstance(row, tuple) and all(c is None or isinstance(c, ResponseTarget) for c in row)
        for row in table
    ):
        raise refuse(
            "response_table", table, "a tuple of rows, each a tuple of ResponseTarget or None"
        )
    entitled = policy.entitlement_table
    if not isinstance(entitled, tuple) or not all(
        isinstance(row, frozenset) and all(isinstance(v, str) for v in row) for row in entitled
    ):
        raise refuse("entitlement_table", entitled, "a tuple of frozensets of service keys")
    services = policy.services
    if not isinstance(services, tuple) or not all(
        isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(v, str) for v in pair)
        for pair in services
    ):
        raise refuse("services", services, "a tuple of (key, label) string pairs")
    for field_name, keys in (
        ("plans", policy.plans),
        ("severities", policy.severities),
        ("services", tuple(key for key, _ in services)),
    ):
        seen: dict[str, str] = {}
        for key in keys:
            folded = _fold(key)
            if folded in seen:
                raise PolicyError(
                    f"Policy field {field_name} names {_show(seen[folded])} twice (as "
                    f"{_show(key)}); names are compared in any letter case"
                )
            seen[folded] = key


@dataclass(frozen=True, slots=True, init=False)
class PolicyBook:
    """Several versions of a policy, each in force from its ``effective_from`` date.

    >>> old = connected_care_policy()
    >>> data = {
    ...     "name": "Faster",
    ...     "effective_from": date(2026, 1, 1),
    ...     "severities": {"S1": "Down.", "S2": "Slow."},
    ...     "first_response": {"Gold": {"S1": "15m wall", "S2": "2h business"}},
    ... }
    >>> book = PolicyBook([old, Policy.from_mapping(data)])
    >>> book.in_force(date(2025, 12, 31)).name, book.in_force(date(2026, 1, 1)).name
    ('Connected Care', 'Faster')
    >>> book.in_force(date(2020, 1, 1)).name  # before the first: the earliest applies
    'Connected Care'

    Raises:
        PolicyError: no versions, a version without ``effective_from``, or two
            versions taking effect on the same date.
    """

    versions: tuple[Policy, ...]

    def __init__(self, versions: Iterable[Policy]) -> None:
        if isinstance(versions, (str, bytes, Mapping, Policy)) or not isinstance(
            versions, Iterable
        ):
            raise PolicyError(
                f"a policy book takes a list of Policy versions, got {_show(versions)} of type "
                f"{type(versions).__name__}"
            )
        items = tuple(versions)
        if not items:
            raise PolicyError("a policy book needs at least one policy version")
        for item in items:
            if not isinstance(item, Policy):
                raise PolicyError(
                    f"a policy book holds Policy values (from load_policy), got {_show(item)}"
                )
            if item.effective_from is None:
                raise PolicyError(
                    f"policy {item.name!r} ({item.source}) has no effective_from, so a book "
                    f"cannot tell when it applies; add e.g. effective_from = 2025-02-17"
                )
        ordered = tuple(sorted(items, key=lambda p: p.effective_from or date.min))
        for first, second in itertools.pairwise(ordered):
            if first.effective_from == second.effective_from:
                raise PolicyError(
                    f"two policy versions take effect on the same date "
                    f"{first.effective_from}: {first.name!r} ({first.source}) and "
                    f"{second.name!r} ({second.source}); give each version its own date"
                )
        object.__setattr__(self, "versions", ordered)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, source: str = "policy data") -> PolicyBook:
        """Build a book from the structure of a policy book file (``[[versions]]``)."""
        return _read_book(data, _source(source), default_name="custom policy")

    def in_force(self, day: date) -> Policy:
        """The version in force on local date ``day``; before the first, the first.

        A ``datetime`` stands for its own date.
        """
        day = _local_date(day)
        current = self.versions[0]
        for version in self.versions[1:]:
            assert version.effective_from is not None
            if version.effective_from > day:
                break
            current = version
        return current

    @property
    def latest(self) -> Policy:
        """The version that took effect last."""
        return self.versions[-1]

    def _repr_html_(self) -> str:
        """The versions and their response tables as HTML, for notebooks."""
        from ..display import policy_book_html

        return policy_book_html(self)

    def __repr__(self) -> str:
        return f"PolicyBook([{', '.join(v.describe() for v in self.versions)}])"


#: What ``policy=`` accepts: one policy, or a book of versions.
PolicyLike: TypeAlias = "Policy | PolicyBook"


# -- loading --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Where:
    """The origin of policy data, for error messages that name file and key."""

    source: str
    prefix: str = ""

    def key(self, *parts: object) -> str:
        """The dotted key of ``parts`` (of any type: a mapping's keys may be anything)."""
        return ".".join(
            p if isinstance(p, str) else shown(p)
            for p in (self.prefix, *parts)
            if not (isinstance(p, str) and not p)
        )

    def at(self, prefix: str) -> _Where:
        return _Where(self.source, prefix)

    def error(self, key: str, value: object, problem: str) -> PolicyError:
        return PolicyError(f"{self.source}: key {shown(key)} = {shown(value)}: {problem}")


_POLICY_KEYS: Final = frozenset(
    {"name", "effective_from", "severities", "first_response", "entitlements", "services"}
)


def _unknown_keys(data: Mapping[str, object], known: Iterable[str]) -> list[str]:
    """The keys of ``data`` not in ``known``, in a stable order (keys of any type)."""
    expected = frozenset(known)
    return sorted((key for key in data if key not in expected), key=shown)


def _source(source: object) -> _Where:
    if not isinstance(source, str):
        raise PolicyError(
            f"source= names where policy data comes from, for messages: a string, got "
            f"{shown(source)} of type {type(source).__name__}"
        )
    return _Where(source)


def _name(where: _Where, key: str, text: object) -> str:
    if not isinstance(text, str) or not text.strip() or text != text.strip():
        raise where.error(key, text, "expected a non-empty name without surrounding spaces")
    return text


def _cell(where: _Where, key: str, value: object) -> ResponseTarget | None:
    if not isinstance(value, str):
        raise where.error(
            key, value, "expected a string such as '4h business', '30m wall' or 'none'"
        )
    if value.strip().casefold() == "none":
        return None
    parts = value.split()
    if len(parts) != 2:
        raise where.error(
            key,
            value,
            "expected '<duration> <clock>' such as '4h business' or '30m wall', or 'none'",
        )
    try:
        clock = Clock(parts[1])
    except PolicyError:
        raise where.error(
            key, value, f"unknown clock {parts[1]!r}; expected 'wall' (24x7) or 'business'"
        ) from None
    try:
        return ResponseTarget(parse_duration(parts[0]), clock)
    except InvalidDurationError as exc:
        raise where.error(key, value, str(exc)) from None


def _read_policy(
    data: Mapping[str, object], where: _Where, *, default_name: str, need_date: bool = False
) -> Policy:
    if not isinstance(data, Mapping) or not data:
        raise where.error(
            where.key() or "(top level)",
            data,
            "the policy is empty; it needs [severities] and [first_response] tables",
        )
    unknown = _unknown_keys(data, _POLICY_KEYS)
    if unknown:
        raise where.error(
            where.key(unknown[0]),
            data[unknown[0]],
            f"unknown key; a policy has the keys {', '.join(sorted(_POLICY_KEYS))}",
        )
    name = _name(where, where.key("name"), data.get("name", default_name))
    effective = data.get("effective_from")
    if effective is None and need_date:
        raise where.error(
            where.key("effective_from"),
            effective,
            "each version of a policy book needs a date, e.g. effective_from = 2025-02-17",
        )
    if effective is not None and (
        not isinstance(effective, date) or isinstance(effective, datetime)
    ):
        raise where.error(
            where.key("effective_from"),
            effective,
            "expected a TOML date without quotes or time, e.g. effective_from = 2025-02-17",
        )

    severity_table = _keyed(where, data, ("severities",), Severity)
    severities = tuple(severity_table)
    definitions = []
    for key, definition in severity_table.values():
        if not isinstance(definition, str) or not definition.strip():
            raise where.error(
                where.key("severities", key), definition, "expected the definition as a string"
            )
        definitions.append(definition)

    rows = _keyed(where, data, ("first_response",), Plan)
    plans = tuple(rows)
    table = tuple(_read_row(where, plan, key, row, severities) for plan, (key, row) in rows.items())
    services = _read_services(where, data.get("services"))
    entitlements = _read_entitlements(where, data.get("entitlements"), plans, services)
    return Policy(
        name=name,
        effective_from=effective,
        plans=plans,
        severities=severities,
        definitions=tuple(definitions),
        response_table=table,
        entitlement_table=entitlements,
        services=tuple(services.items()),
        source=where.source,
    )


def _keyed(
    where: _Where, data: Mapping[str, object], path: tuple[str, ...], vocabulary: type[StrEnum]
) -> dict[str, tuple[str, object]]:
    """A non-empty table by canonical key: ``{key: (key as written, value)}``.

    Keys are names compared in any letter case; one that matches the built-in
    ``vocabulary`` becomes its enum member. A name given twice is refused.
    """
    key = where.key(*path)
    table = data.get(path[-1])
    if not isinstance(table, Mapping) or not table:
        raise where.error(key, table, f"expected a non-empty table, e.g. [{key}]")
    result: dict[str, tuple[str, object]] = {}
    folded: dict[str, str] = {}  # by _fold: one lookup per key, however large the table
    for written, value in table.items():
        name = _canonical(_name(where, f"{key}.{written}", written), vocabulary)
        twin = folded.get(_fold(name))
        if twin is not None:
            raise where.error(
                f"{key}.{written}",
                value,
                f"names {_show(twin)} again (names are compared in any letter case)",
            )
        folded[_fold(name)] = name
        result[name] = (written, value)
    return result


def _read_row(
    where: _Where, plan: str, written: str, row: object, severities: tuple[str, ...]
) -> tuple[ResponseTarget | None, ...]:
    row_key = where.key("first_response", written)
    if not isinstance(row, Mapping):
        raise where.error(
            row_key, row, "expected a table of severities, e.g. { S1 = '1h wall', ... }"
        )
    by_fold = {_fold(severity): severity for severity in severities}
    cells: dict[str, tuple[str, object]] = {}
    for name, (key, value) in _keyed(
        where, {written: row}, ("first_response", written), Severity
    ).items():
        if _fold(name) not in by_fold:
            raise where.error(
                f"{row_key}.{key}",
                value,
                f"severity {_show(key)} is not in [severities] ({_listing(severities)})",
            )
        cells[by_fold[_fold(name)]] = (key, value)
    missing = [severity for severity in severities if severity not in cells]
    if missing:
        raise where.error(
            row_key,
            dict(row),
            f"plan {_show(plan)} is missing the severity {_show(missing[0])}; every plan needs "
            f"a cell for each of {_listing(severities)} ('none' for no target)",
        )
    return tuple(
        _cell(where, f"{row_key}.{cells[severity][0]}", cells[severity][1])
        for severity in severities
    )


def _read_services(where: _Where, value: object) -> dict[str, str]:
    """The ``[services]`` table: labels of services (new ones, or built-in ones renamed)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise where.error(where.key("services"), value, "expected a table of service = 'label'")
    services = _keyed(where, {"services": value}, ("services",), Service)
    labels = {}
    for service, (key, label) in services.items():
        if not isinstance(label, str) or not label.strip():
            raise where.error(
                where.key("services", key), label, "expected the service's label as a string"
            )
        labels[service] = label
    return labels


def _read_entitlements(
    where: _Where, value: object, plans: tuple[str, ...], services: dict[str, str]
) -> tuple[frozenset[str], ...]:
    """The ``[entitlements]`` table; adds the built-in services it uses to ``services``."""
    if value is None:
        return tuple(frozenset() for _ in plans)
    if not isinstance(value, Mapping):
        raise where.error(where.key("entitlements"), value, "expected a table of plan = [services]")
    by_plan = _keyed(where, {"entitlements": value}, ("entitlements",), Plan)
    known_plans = set(plans)
    for plan, (key, items) in by_plan.items():
        if plan not in known_plans:
            raise where.error(
                where.key("entitlements", key),
                items,
                f"plan {_show(key)} is not in [first_response] ({_listing(plans)})",
            )
    by_fold = {_fold(known): known for known in services}
    result = []
    for plan in plans:
        if plan not in by_plan:
            raise where.error(
                where.key("entitlements"),
                dict(value),
                f"plan {_show(plan)} is missing; list the services of every plan ([] for none)",
            )
        key, items = by_plan[plan]
        item_key = where.key("entitlements", key)
        if not isinstance(items, list):
            raise where.error(item_key, items, "expected a list of service keys")
        chosen: set[str] = set()
        for item in items:
            if not isinstance(item, str):
                raise where.error(item_key, item, "expected a service key (a string)")
            found = by_fold.get(_fold(item))
            member = _lookup(Service, item)
            if found is None and member is not None:
                services[member] = connected_care_policy().label(member)
                by_fold[_fold(member)] = found = member
            if found is None:
                raise where.error(
                    item_key,
                    item,
                    f"unknown service; use a built-in one ({', '.join(Service)}) or declare "
                    f"it in [services]",
                )
            chosen.add(found)
        result.append(frozenset(chosen))
    return tuple(result)


def _read_book(data: Mapping[str, object], where: _Where, *, default_name: str) -> PolicyBook:
    if not isinstance(data, Mapping) or not data:
        raise where.error(
            "(top level)",
            data,
            "the policy book is empty; it needs one or more [[versions]] tables",
        )
    versions = data.get("versions")
    unknown = _unknown_keys(data, {"name", "versions"})
    if unknown:
        raise where.error(
            unknown[0],
            data[unknown[0]],
            "unknown key; a policy book has 'name' and [[versions]], each a complete policy",
        )
    if not isinstance(versions, list) or not versions:
        raise where.error(
            "versions",
            versions,
            "expected one or more [[versions]] tables, each a complete policy with its "
            "effective_from date",
        )
    name = _name(where, "name", data.get("name", default_name))
    policies = []
    for index, version in enumerate(versions):
        at = where.at(f"versions[{index}]")
        if not isinstance(version, Mapping):
            raise at.error(at.key(), version, "expected a table (a complete policy)")
        policies.append(_read_policy(version, at, default_name=name, need_date=True))
    seen: dict[date | None, int] = {}
    for index, policy in enumerate(policies):
        if policy.effective_from in seen:
            raise where.error(
                f"versions[{index}].effective_from",
                policy.effective_from,
                f"versions[{seen[policy.effective_from]}] takes effect on the same date; "
                f"give each version its own date",
            )
        seen[policy.effective_from] = index
    return PolicyBook(policies)


@functools.cache
def connected_care_policy() -> Policy:
    """The built-in Connected Care policy, read once from the package.

    >>> policy = connected_care_policy()
    >>> policy  # doctest: +NORMALIZE_WHITESPACE
    Policy('Connected Care', effective_from=datetime.date(2025, 2, 17),
           plans=['Basic', 'Developer', 'Enterprise', 'Premium'],
           severities=['S1', 'S2', 'S3', 'S4'])
    >>> policy.target(Plan.DEVELOPER, Severity.S4)
    ResponseTarget('24h', Clock.BUSINESS)
    >>> policy.target("basic", 1) is None
    True
    """
    resource = resources.files("connected_care_sla.policy").joinpath(_BUILTIN_FILE)
    return _read_policy(
        tomllib.loads(resource.read_text(encoding="utf-8")),
        _Where(f"built-in policy file 'connected_care_sla/policy/{_BUILTIN_FILE}'"),
        default_name="Connected Care",
    )
