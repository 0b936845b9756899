"""Policy data as a policy file holds it, read into the fields of a `Policy`.

The reader checks what only it can see: the shape of the data (tables, keys,
rows of cells, unknown keys) and the types a file gives. What makes a good
value (a name, a definition, distinct plans) is the constructor's to say, once;
``model.build`` turns a value the constructor refuses back into the key it
came from. The format is on the policy reference page.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Final, Literal, NamedTuple, TypeAlias

from .._text import listing, shown
from ..exceptions import InvalidDurationError, PolicyError
from .durations import parse_duration
from .targets import ResponseTarget
from .vocabulary import Clock, Plan, Service, Severity, _canonical, _fold, _lookup

__all__ = [
    "BUILTIN_FILE",
    "RETARGETS",
    "Read",
    "Retarget",
    "Where",
    "builtin_data",
    "read_book",
    "read_policy",
    "source_of",
]

#: The built-in policy, inside this package.
BUILTIN_FILE: Final = "data/connected_care.toml"

#: How the target of a severity or plan change counts: from the creation, or from the change.
Retarget: TypeAlias = Literal["from-creation", "from-change"]
RETARGETS: Final[tuple[Retarget, ...]] = ("from-creation", "from-change")


class Read(NamedTuple):
    """A policy as read: the constructor's fields, where each item came from, and the source."""

    fields: Mapping[str, object]
    #: constructor argument (``plans[1]``) -> (key, the name as written, the key's value)
    origins: dict[str, tuple[str, object, object]]
    where: Where


@dataclass(frozen=True, slots=True)
class Where:
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

    def at(self, prefix: str) -> Where:
        return Where(self.source, prefix)

    def error(self, key: str, value: object, problem: str) -> PolicyError:
        """The error for ``key = value``: the source and key are what a reader adds."""
        return PolicyError(problem, source=self.source, argument=key, value=value)


_POLICY_KEYS: Final = frozenset(
    {
        "name",
        "effective_from",
        "severities",
        "first_response",
        "entitlements",
        "services",
        "retarget",
        "pausable",
    }
)


def _unknown_keys(data: Mapping[str, object], known: Iterable[str]) -> list[str]:
    """The keys of ``data`` not in ``known``, in a stable order (keys of any type)."""
    expected = frozenset(known)
    return sorted((key for key in data if key not in expected), key=shown)


def source_of(source: object) -> Where:
    if not isinstance(source, str):
        raise PolicyError(
            f"source= names where policy data comes from, for messages: a string, got "
            f"{shown(source)} of type {type(source).__name__}"
        )
    return Where(source)


def _name(where: Where, key: str, text: object) -> str:
    """A name as the file wrote it: a string (what makes a good name, the constructor says)."""
    if not isinstance(text, str):
        raise where.error(key, text, "expected a non-empty name without surrounding spaces")
    return text


def _cell(where: Where, key: str, value: object) -> ResponseTarget | None:
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


def read_policy(
    data: Mapping[str, object],
    where: Where,
    *,
    default_name: str,
    default_key: str = "",
) -> Read:
    """The fields of a [`Policy`][connected_care_sla.Policy] from the structure of a policy file.

    The reader checks the shape of the data (tables, keys, cells) and turns it
    into the constructor's fields; the constructor checks the values, and
    `build` names the key of a value it
    refuses, from the ``origins`` recorded here.
    """
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
    if effective is not None and (
        not isinstance(effective, date) or isinstance(effective, datetime)
    ):
        raise where.error(
            where.key("effective_from"),
            effective,
            "expected a TOML date without quotes or time, e.g. effective_from = 2025-02-17",
        )
    retarget = data.get("retarget", "from-creation")
    if retarget not in RETARGETS:
        raise where.error(
            where.key("retarget"),
            retarget,
            "expected 'from-creation' (a new target counts from the creation, the default) "
            "or 'from-change' (it counts from the change)",
        )
    pausable = data.get("pausable", False)
    if not isinstance(pausable, bool):
        raise where.error(
            where.key("pausable"),
            pausable,
            "expected true (pauses stop the first-response clock) or false (the default)",
        )
    # Where each field's items came from: constructor argument -> (key, name, value).
    name_key = where.key("name") if "name" in data else default_key or where.key("name")
    origins: dict[str, tuple[str, object, object]] = {"name": (name_key, name, name)}

    severity_rows = _keyed(where, data, "severities", Severity, origins)
    severities = tuple(severity for severity, _, _ in severity_rows)
    definitions = []
    for index, (_, key, definition) in enumerate(severity_rows):
        if not isinstance(definition, str):
            raise where.error(key, definition, "expected the definition as a string")
        definitions.append(definition)
        origins[f"definitions[{index}]"] = (key, definition, definition)

    plan_rows = _keyed(where, data, "first_response", Plan, origins)
    plans = tuple(plan for plan, _, _ in plan_rows)
    table = tuple(_read_row(where, plan, key, row, severities) for plan, key, row in plan_rows)
    services = _read_services(where, data.get("services"), origins)
    entitlements = _read_entitlements(where, data.get("entitlements"), plans, services)
    fields = {
        "name": name,
        "effective_from": effective,
        "plans": plans,
        "severities": severities,
        "definitions": tuple(definitions),
        "response_table": table,
        "entitlement_table": entitlements,
        "services": tuple(services),
        "source": where.source,
        "retarget": retarget,
        "pausable": pausable,
    }
    return Read(fields, origins, where)


def _keyed(
    where: Where,
    data: Mapping[str, object],
    table_key: str,
    vocabulary: type[StrEnum],
    origins: dict[str, tuple[str, object, object]],
) -> list[tuple[str, str, object]]:
    """A non-empty table as ``(name, key, value)`` rows, names as the vocabulary has them.

    A name that matches the built-in ``vocabulary`` becomes its enum member.
    Where each row came from is recorded in ``origins`` for the constructor's
    errors (``plans[2]``, ``severities[0]``, ...).
    """
    key = where.key(table_key)
    table = data.get(table_key)
    if not isinstance(table, Mapping) or not table:
        raise where.error(key, table, f"expected a non-empty table, e.g. [{key}]")
    field_name = _FIELDS[table_key]
    rows = []
    for index, (written, value) in enumerate(table.items()):
        row_key = f"{key}.{written}" if isinstance(written, str) else where.key(table_key, written)
        name = _canonical(_name(where, row_key, written), vocabulary)
        rows.append((name, row_key, value))
        origins[f"{field_name}[{index}]"] = (row_key, written, value)
    return rows


#: The policy field each table of a policy file fills.
_FIELDS: Final = {"severities": "severities", "first_response": "plans", "services": "services"}


def _cells(
    where: Where, row_key: str, row: Mapping[object, object]
) -> dict[str, tuple[str, object]]:
    """The cells of a row (or the plans of [entitlements]) by folded name, each named once."""
    result: dict[str, tuple[str, object]] = {}
    for written, value in row.items():
        key = f"{row_key}.{written}" if isinstance(written, str) else where.key(row_key, written)
        name = _name(where, key, written)
        twin = result.get(_fold(name))
        if twin is not None:
            raise where.error(
                key, value, f"names {shown(twin[0])} again (names are compared in any letter case)"
            )
        result[_fold(name)] = (name, value)
    return result


def _read_row(
    where: Where, plan: str, row_key: str, row: object, severities: tuple[str, ...]
) -> tuple[ResponseTarget | None, ...]:
    if not isinstance(row, Mapping):
        raise where.error(
            row_key, row, "expected a table of severities, e.g. { S1 = '1h wall', ... }"
        )
    cells = _cells(where, row_key, row)
    known = {_fold(severity) for severity in severities}
    for folded, (written, value) in cells.items():
        if folded not in known:
            raise where.error(
                f"{row_key}.{written}",
                value,
                f"severity {shown(written)} is not in [severities] ({listing(severities)})",
            )
    missing = [severity for severity in severities if _fold(severity) not in cells]
    if missing:
        raise where.error(
            row_key,
            dict(row),
            f"plan {shown(plan)} is missing the severity {shown(missing[0])}; every plan needs "
            f"a cell for each of {listing(severities)} ('none' for no target)",
        )
    return tuple(
        _cell(where, f"{row_key}.{cells[_fold(severity)][0]}", cells[_fold(severity)][1])
        for severity in severities
    )


def _read_services(
    where: Where, value: object, origins: dict[str, tuple[str, object, object]]
) -> list[tuple[str, str]]:
    """The ``[services]`` table: labels of services (new ones, or built-in ones renamed)."""
    if value is None:
        return []
    if not isinstance(value, Mapping):
        raise where.error(where.key("services"), value, "expected a table of service = 'label'")
    labels = []
    for index, (service, key, label) in enumerate(
        _keyed(where, {"services": value}, "services", Service, origins)
    ):
        if not isinstance(label, str):
            raise where.error(key, label, "expected the service's label as a string")
        origins[f"services[{index}].label"] = (key, label, label)
        labels.append((service, label))
    return labels


def _read_entitlements(
    where: Where, value: object, plans: tuple[str, ...], services: list[tuple[str, str]]
) -> tuple[frozenset[str], ...]:
    """The ``[entitlements]`` table; adds the built-in services it uses to ``services``."""
    if value is None:
        return tuple(frozenset() for _ in plans)
    key = where.key("entitlements")
    if not isinstance(value, Mapping):
        raise where.error(key, value, "expected a table of plan = [services]")
    by_plan = _cells(where, key, value)
    known_plans = {_fold(plan) for plan in plans}
    for folded, (written, items) in by_plan.items():
        if folded not in known_plans:
            raise where.error(
                f"{key}.{written}",
                items,
                f"plan {shown(written)} is not in [first_response] ({listing(plans)})",
            )
    by_fold: dict[str, str] = {}
    for known, _ in services:
        by_fold.setdefault(_fold(known), known)
    result = []
    for plan in plans:
        if _fold(plan) not in by_plan:
            raise where.error(
                key,
                dict(value),
                f"plan {shown(plan)} is missing; list the services of every plan ([] for none)",
            )
        written, items = by_plan[_fold(plan)]
        item_key = f"{key}.{written}"
        if not isinstance(items, list):
            raise where.error(item_key, items, "expected a list of service keys")
        chosen: set[str] = set()
        for item in items:
            if not isinstance(item, str):
                raise where.error(item_key, item, "expected a service key (a string)")
            found = by_fold.get(_fold(item))
            member = _lookup(Service, item)
            if found is None and member is not None:
                services.append((member, builtin_labels()[member]))
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


def read_book(data: Mapping[str, object], where: Where, *, default_name: str) -> list[Read]:
    """The fields of each version of a policy book file, in file order."""
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
    read = []
    for index, version in enumerate(versions):
        at = where.at(f"versions[{index}]")
        if not isinstance(version, Mapping):
            raise at.error(at.key(), version, "expected a table (a complete policy)")
        read.append(read_policy(version, at, default_name=name, default_key="name"))
    return read


@functools.cache
def builtin_data() -> dict[str, object]:
    """The built-in policy file, parsed (read once; a copy of nothing: it is never changed)."""
    # Imported here: importlib.resources costs a tenth of the package's import time.
    import tomllib
    from importlib import resources

    resource = resources.files("connected_care_sla.policy").joinpath(BUILTIN_FILE)
    return tomllib.loads(resource.read_text(encoding="utf-8"))


@functools.cache
def builtin_labels() -> dict[str, str]:
    """The labels of the built-in services, as the built-in policy file gives them."""
    table = builtin_data()["services"]
    assert isinstance(table, dict)
    return {Service(key): str(label) for key, label in table.items()}
