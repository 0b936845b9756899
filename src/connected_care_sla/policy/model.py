"""Policies as values: response targets, one policy version, and a book of versions.

A [`Policy`][connected_care_sla.Policy] is one version of a support policy: the first-response
table (plan x severity -> [`ResponseTarget`][connected_care_sla.ResponseTarget] or no target), the
severity definitions, and the services each plan includes.
[`Policy.from_mapping`][connected_care_sla.policy.model.Policy.from_mapping] builds one from the
structure a policy file holds (the format is on the reference page);
[`PolicyBook`][connected_care_sla.PolicyBook] holds several versions with the dates they took
effect, and [`connected_care_policy`][connected_care_sla.connected_care_policy] is the built-in
Connected Care policy, read from ``data/connected_care.toml`` inside this package.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeAlias

from .._text import shown
from ..exceptions import (
    DuplicateNameError,
    PolicyError,
    PolicyFieldError,
    PolicyTypeError,
    UnknownPlanError,
    UnknownServiceError,
    UnknownSeverityError,
    VersionDateError,
)
from .mapping import (
    BUILTIN_FILE,
    RETARGETS,
    Read,
    Retarget,
    Where,
    builtin_data,
    read_book,
    read_policy,
    source_of,
)
from .targets import ResponseTarget, target_text
from .vocabulary import (
    PlanLike,
    Service,
    SeverityLike,
    _fold,
    _matching,
    _name_problem,
    _severity_name,
    _skeleton,
)

if TYPE_CHECKING:
    from ..display import PolicyView

__all__ = [
    "Policy",
    "PolicyBook",
    "PolicyLike",
    "ResponseTarget",
    "build",
    "connected_care_policy",
    "target_text",
]


# -- policies -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Policy:
    """One version of a support policy.

    Build one with [`load_policy`][connected_care_sla.load_policy] or
    [`from_mapping`][connected_care_sla.policy.model.Policy.from_mapping]; the fields mirror the
    tables of the support plan:

    * ``plans`` and ``severities``: the keys, in table order (most severe
      first); built-in names are [`Plan`][connected_care_sla.Plan] /
      [`Severity`][connected_care_sla.Severity] members.
    * ``definitions[j]``: the definition of ``severities[j]``.
    * ``response_table[i][j]``: the target of ``plans[i]`` at ``severities[j]``,
      or None for no target.
    * ``entitlement_table[i]``: the service keys ``plans[i]`` includes.
    * ``services``: ``(key, label)`` of every service the policy names.
    * ``effective_from``: the date it took effect, or None (always in force).
    * ``source``: where it was read from (not part of equality).
    * ``retarget``: how the target of a severity or plan change counts,
      ``"from-creation"`` (the default: as if the ticket had been opened
      with it) or ``"from-change"`` (from the instant of the change).
    * ``pausable``: whether pauses stop the first-response clock (default
      False: pauses are ignored).
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
    retarget: Retarget = "from-creation"
    pausable: bool = False

    def __post_init__(self) -> None:
        _validate(self)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, source: str = "policy data") -> Policy:
        """Build a policy from the same structure a policy file holds (see the module doc).

        ``source`` names the origin in error messages.
        """
        return build(read_policy(data, source_of(source), default_name="custom policy"))

    # -- resolving names ------------------------------------------------------

    def plan_key(self, plan: object) -> str:
        """The policy's key for ``plan`` (a `Plan` or a name in any case).

        Raises:
            UnknownPlanError: the policy has no such plan; the message lists those it has.
        """
        key = _matching(self.plans, plan)
        if key is not None:
            return key
        raise UnknownPlanError(plan, self.plans, policy=self.name, expected="any letter case")

    def severity_key(self, severity: object) -> str:
        """The policy's key for ``severity`` (a `Severity`, a name, or ``n`` for ``"Sn"``).

        Raises:
            UnknownSeverityError: the policy has no such severity; the message lists them.
        """
        key = _matching(self.severities, _severity_name(severity))
        if key is not None:
            return key
        raise UnknownSeverityError(
            severity,
            self.severities,
            policy=self.name,
            expected="any letter case; an int n means 'Sn'",
        )

    def service_key(self, service: object) -> str:
        """The policy's key for ``service`` (a `Service` or a key in any case).

        Raises:
            UnknownServiceError: the policy names no such service.
        """
        key = _matching((name for name, _ in self.services), service)
        if key is not None:
            return key
        raise UnknownServiceError(
            service, (key for key, _ in self.services), policy=self.name, expected="any letter case"
        )

    # -- reading the tables ---------------------------------------------------

    def target(self, plan: PlanLike, severity: SeverityLike) -> ResponseTarget | None:
        """The first-response target of one cell, or None when the plan has no target."""
        return self._cell(plan, severity)[2]

    def _cell(self, plan: object, severity: object) -> tuple[str, str, ResponseTarget | None]:
        """The plan's key, the severity's key and their cell, each name resolved once."""
        plan_key, severity_key = self.plan_key(plan), self.severity_key(severity)
        row = self.response_table[self.plans.index(plan_key)]
        return plan_key, severity_key, row[self.severities.index(severity_key)]

    def definition(self, severity: SeverityLike) -> str:
        """The definition of a severity level."""
        return self.definitions[self.severities.index(self.severity_key(severity))]

    def entitlements(self, plan: PlanLike) -> frozenset[str]:
        """The services a plan includes; built-in ones are `Service` members."""
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

        return policy_html(_policy_view(self))

    def __repr__(self) -> str:
        return (
            f"Policy({self.name!r}, effective_from={self.effective_from!r}, "
            f"plans={list(map(str, self.plans))!r}, "
            f"severities={list(map(str, self.severities))!r})"
        )


def _policy_view(policy: Policy) -> PolicyView:
    from ..display import PolicyView

    """The plain data that `Policy._repr_html_` draws: the tables as text."""
    return PolicyView(
        title=policy.describe(),
        plans=tuple(map(str, policy.plans)),
        severities=tuple(map(str, policy.severities)),
        definitions=policy.definitions,
        cells=tuple(tuple(map(target_text, row)) for row in policy.response_table),
        services=tuple(
            (label, tuple(key in included for included in policy.entitlement_table))
            for key, label in policy.services
        ),
    )


def _local_date(day: object) -> date:
    """``day`` as a date (a datetime's own date), or PolicyError."""
    if isinstance(day, datetime):
        return day.date()
    if not isinstance(day, date):
        raise PolicyError(
            f"the day a policy version is in force on must be a datetime.date, got "
            f"{shown(day)} of type {type(day).__name__}"
        )
    return day


def _validate(policy: Policy) -> None:
    """Every rule a policy's value must keep, in one place.

    Readers ([`Policy.from_mapping`][connected_care_sla.policy.model.Policy.from_mapping],
    the file readers) build through the constructor and only add where a refused
    value came from. An error names the field, and the position in it: ``plans[1]``,
    ``services[0].label``.
    """
    _check_types(policy)
    services = tuple(key for key, _ in policy.services)
    _check_names("name", (policy.name,), distinct=False)
    for field_name, names in (
        ("severities", policy.severities),
        ("plans", policy.plans),
        ("services", services),
    ):
        _check_names(field_name, names, distinct=True)
    where = f"policy {policy.name!r} ({policy.source})"
    if not policy.plans or not policy.severities:
        raise PolicyError(f"{where} needs at least one plan and one severity")
    if len(policy.definitions) != len(policy.severities):
        raise PolicyError(f"{where}: one definition per severity is needed")
    if len(policy.response_table) != len(policy.plans) or any(
        len(row) != len(policy.severities) for row in policy.response_table
    ):
        raise PolicyError(f"{where}: response_table must hold one cell per plan and severity")
    if len(policy.entitlement_table) != len(policy.plans):
        raise PolicyError(f"{where}: entitlement_table must hold one set per plan")
    for index, text in enumerate(policy.definitions):
        if not text.strip():
            raise PolicyFieldError(
                "expected the definition as a string", argument=f"definitions[{index}]", value=text
            )
    for index, (_, label) in enumerate(policy.services):
        if not label.strip():
            raise PolicyFieldError(
                "expected the service's label as a string",
                argument=f"services[{index}].label",
                value=label,
            )
    declared = frozenset(services)
    for index, included in enumerate(policy.entitlement_table):
        for service in sorted(included - declared):
            raise PolicyFieldError(
                f"unknown service; use a built-in one ({', '.join(Service)}) or declare it in "
                f"[services]",
                argument=f"entitlement_table[{index}]",
                value=service,
            )


def _check_names(field_name: str, names: tuple[str, ...], *, distinct: bool) -> None:
    """Names are fit to print, and distinct however they are written.

    Two names are the same when they are equal after Unicode normalisation and
    case folding (``Gold``, ``GOLD``, ``Ｇｏｌｄ``), or when they differ only by
    letters of another script that look like Latin ones (Latin ``S1``,
    Cyrillic ``Ѕ1``).
    """
    seen: dict[str, str] = {}
    for index, name in enumerate(names):
        argument = field_name if field_name == "name" else f"{field_name}[{index}]"
        problem = _name_problem(name)
        if problem is not None:
            raise PolicyFieldError(problem, argument=argument, value=name)
        twin = seen.setdefault(_skeleton(name), name)
        if distinct and twin is not name:
            look_alike = _fold(twin) != _fold(name)
            raise DuplicateNameError(field_name, index, name, twin, look_alike=look_alike)


def _check_types(policy: Policy) -> None:
    """The types of a policy's fields (what a direct ``Policy(...)`` call may get wrong)."""

    def refuse(field_name: str, value: object, expected: str) -> PolicyTypeError:
        return PolicyTypeError(
            "build policies with load_policy or Policy.from_mapping",
            argument=f"Policy field {field_name}",
            value=value,
            expected=expected,
        )

    def strings(field_name: str, value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
            raise refuse(field_name, value, "a tuple of strings")

    for field_name in ("name", "source"):
        if not isinstance(getattr(policy, field_name), str):
            raise refuse(field_name, getattr(policy, field_name), "a string")
    if not isinstance(policy.retarget, str):
        raise refuse("retarget", policy.retarget, " or ".join(map(repr, RETARGETS)))
    if policy.retarget not in RETARGETS:
        raise PolicyFieldError(
            f"expected {' or '.join(map(repr, RETARGETS))}",
            argument="retarget",
            value=policy.retarget,
        )
    if not isinstance(policy.pausable, bool):
        raise refuse("pausable", policy.pausable, "True or False")
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


@dataclass(frozen=True, slots=True, init=False)
class PolicyBook:
    """Several versions of a policy, each in force from its ``effective_from`` date.

    Examples:
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
                f"a policy book takes a list of Policy versions, got {shown(versions)} of type "
                f"{type(versions).__name__}"
            )
        items = tuple(versions)
        if not items:
            raise PolicyError("a policy book needs at least one policy version")
        for item in items:
            if not isinstance(item, Policy):
                raise PolicyError(
                    f"a policy book holds Policy values (from load_policy), got {shown(item)}"
                )
            if item.effective_from is None:
                raise VersionDateError(
                    f"policy {item.name!r} ({item.source}) has no effective_from, so a book "
                    f"cannot tell when it applies; add e.g. effective_from = 2025-02-17",
                    version=item,
                )
        ordered = tuple(sorted(items, key=lambda p: p.effective_from or date.min))
        for first, second in itertools.pairwise(ordered):
            if first.effective_from == second.effective_from:
                raise VersionDateError(
                    f"two policy versions take effect on the same date "
                    f"{first.effective_from}: {first.name!r} ({first.source}) and "
                    f"{second.name!r} ({second.source}); give each version its own date",
                    version=second,
                    other=first,
                )
        object.__setattr__(self, "versions", ordered)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, source: str = "policy data") -> PolicyBook:
        """Build a book from the structure of a policy book file (``[[versions]]``)."""
        where = source_of(source)
        versions = read_book(data, where, default_name="custom policy")
        return _book(where, [build(version) for version in versions], "versions[{}].")

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

        return policy_book_html([_policy_view(version) for version in self.versions])

    def __repr__(self) -> str:
        return f"PolicyBook([{', '.join(v.describe() for v in self.versions)}])"


#: What ``policy=`` accepts: one policy, or a book of versions.
PolicyLike: TypeAlias = "Policy | PolicyBook"


# -- building through the constructors --------------------------------------------


def build(read: Read) -> Policy:
    """The policy of ``read`` through its constructor; a refused value named by its key."""
    try:
        return Policy(**read.fields)  # type: ignore[arg-type]
    except PolicyError as exc:
        origin = read.origins.get(exc.argument)
        if origin is None:  # pragma: no cover - the reader builds every field it names
            raise
        key, written, value = origin
        shown_value = value if isinstance(exc, DuplicateNameError) else written
        raise exc.located(read.where.source, key, shown_value) from None


def _book(where: Where, policies: list[Policy], key: str) -> PolicyBook:
    """The book of ``policies`` read from ``where``; a refused version named by its key."""
    try:
        return PolicyBook(policies)
    except VersionDateError as exc:
        index = next(i for i, policy in enumerate(policies) if policy is exc.version)
        if exc.other is None:
            problem = "each version of a policy book needs a date, e.g. effective_from = 2025-02-17"
        else:
            twin = next(i for i, policy in enumerate(policies) if policy is exc.other)
            first, index = sorted((index, twin))
            problem = (
                f"versions[{first}] takes effect on the same date; give each version its own date"
            )
        raise exc.located(
            where.source, key.format(index) + "effective_from", exc.value, problem
        ) from None


@functools.cache
def connected_care_policy() -> Policy:
    """The built-in Connected Care policy, read once from the package.

    Examples:
        >>> policy = connected_care_policy()
        >>> policy  # doctest: +NORMALIZE_WHITESPACE
        Policy('Connected Care', effective_from=datetime.date(2025, 2, 17),
               plans=['Basic', 'Developer', 'Enterprise', 'Premium'],
               severities=['S1', 'S2', 'S3', 'S4'])
        >>> from connected_care_sla import Plan, Severity
        >>> policy.target(Plan.DEVELOPER, Severity.S4)
        ResponseTarget('24h', Clock.BUSINESS)
        >>> policy.target("basic", 1) is None
        True
    """
    where = Where(f"built-in policy file 'connected_care_sla/policy/{BUILTIN_FILE}'")
    return build(read_policy(builtin_data(), where, default_name="Connected Care"))
