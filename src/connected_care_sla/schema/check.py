"""Check a policy or calendar file without computing anything: `check_file`.

The kind of file is read from its top-level keys: ``[first_response]`` (or
``[severities]``, ``[entitlements]``, ...) makes a policy file, ``[[versions]]``
of such tables a policy book; ``zone``, ``hours``, ``holidays`` or
``overrides`` make a calendar file, ``[calendars."<value>"]`` tables a file of
several calendars. The file is then read by the library's own reader
([`load_policy`][connected_care_sla.load_policy], ``load_policy_book``,
``load_calendar``, ``load_calendars``), so the check refuses exactly what a
computation would, with the same message naming the key and the value.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias

from .._text import plural, shown
from ..calendar import BusinessCalendar
from ..calendar.files import load_calendar, load_calendars
from ..exceptions import UnknownFileKindError
from ..policy import load_policy, load_policy_book

__all__ = ["CheckedFile", "FileKind", "check_file"]

#: The kinds of file `check_file` reads.
FileKind: TypeAlias = Literal["policy", "policy book", "calendar", "calendars"]

_POLICY_KEYS: Final = frozenset(
    {"first_response", "severities", "entitlements", "services", "retarget", "pausable"}
)
_CALENDAR_KEYS: Final = frozenset(
    {"zone", "hours", "holidays", "overrides", "workdays", "makeup_day", "strict"}
)
_KINDS: Final = (
    "a policy file (with a [first_response] table), a policy book ([[versions]] of "
    "policies) or a calendar file (with zone, hours, holidays or overrides, or "
    '[calendars."<value>"] tables)'
)


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """A file that `check_file` read without error; ``str()`` is the one-line OK.

    Attributes:
        path: the file, as given.
        kind: ``"policy"``, ``"policy book"``, ``"calendar"`` or ``"calendars"``.
        summary: what the file holds, in a few words.
    """

    path: str
    kind: FileKind
    summary: str

    def __str__(self) -> str:
        return f"OK: {self.path}: {self.summary}"

    def to_dict(self) -> dict[str, Any]:
        """``{"path", "kind", "ok", "summary"}``: the ``check`` command's ``--json``.

        Returns:
            A plain, JSON-friendly dict (``ok`` is True).
        """
        return {"path": self.path, "kind": self.kind, "ok": True, "summary": self.summary}


def check_file(path: str | os.PathLike[str]) -> CheckedFile:
    """Read a policy, policy book or calendar file and validate it, computing nothing.

    Args:
        path: the TOML file.

    Returns:
        What the file is and holds; ``str()`` gives ``OK: path: ...``.

    Raises:
        UnknownFileKindError: the file is not TOML, or is neither kind of file.
        PolicyError: a policy file or book is malformed (the message names the
            file, the key and the value), as [`load_policy`][connected_care_sla.load_policy].
        CalendarFileError: a calendar file is malformed, as ``load_calendar``.
        OSError: the file cannot be read.

    Examples:
        >>> from pathlib import Path
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> policy = folder / "acme.toml"
        >>> text = '[severities]\\nP1 = "Down."\\n[first_response]\\nGold = { P1 = "15m" }\\n'
        >>> _ = policy.write_text(text)
        >>> check_file(policy)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        connected_care_sla.exceptions.PolicyError: ...: key 'first_response.Gold.P1' = '15m': ...
        >>> _ = policy.write_text(policy.read_text().replace('"15m"', '"15m wall"'))
        >>> print(check_file(policy))  # doctest: +ELLIPSIS
        OK: .../acme.toml: policy acme, 1 plan, 1 severity
    """
    name = os.fspath(path) if isinstance(path, os.PathLike) else path
    if not isinstance(name, str) or "\0" in name:
        raise UnknownFileKindError(
            f"a file to check must be a path (a str or pathlib.Path), got {shown(path)}",
            argument="path",
            value=path,
        )
    kind = _kind(name)
    if kind == "policy":
        policy = load_policy(name)
        count = len(policy.severities)
        summary = (
            f"policy {policy.describe()}, {plural(len(policy.plans), 'plan')}, "
            f"{count} {'severity' if count == 1 else 'severities'}"
        )
    elif kind == "policy book":
        book = load_policy_book(name)
        summary = f"policy book of {plural(len(book.versions), 'version')}: " + "; ".join(
            version.describe() for version in book.versions
        )
    elif kind == "calendar":
        summary = "calendar " + _calendar_text(load_calendar(name))
    else:
        calendars = load_calendars(name)
        summary = (
            f"{plural(len(calendars), 'calendar')} picked by the column {calendars.key!r}: "
            + ", ".join(shown(value) for value in calendars)
        )
    return CheckedFile(name, kind, summary)


def _kind(name: str) -> FileKind:
    """The kind of file ``name`` is, from its top-level keys."""
    with open(name, "rb") as handle:
        raw = handle.read()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise UnknownFileKindError(
            f"{shown(name)} is not a TOML file ({exc or type(exc).__name__})",
            argument="path",
            value=name,
            expected=_KINDS,
        ) from None
    keys = set(data)
    if "calendars" in keys:
        return "calendars"
    if "versions" in keys:
        versions = data["versions"]
        tables = versions if isinstance(versions, list) else []
        in_versions = set().union(*(set(t) for t in tables if isinstance(t, dict)))
        if in_versions & _POLICY_KEYS or not (keys | in_versions) & _CALENDAR_KEYS:
            return "policy book"
        return "calendar"
    if keys & _POLICY_KEYS:
        return "policy"
    if keys & _CALENDAR_KEYS:
        return "calendar"
    found = ", ".join(sorted(keys)) if keys else "no keys at all"
    raise UnknownFileKindError(
        f"{shown(name)} is neither a policy file nor a calendar file (its top-level keys: {found})",
        argument="path",
        value=name,
        expected=_KINDS,
    )


def _calendar_text(calendar: BusinessCalendar) -> str:
    """``'Asia/Shanghai, Mon-Fri 09:00-18:00, holidays: CN'`` (and the versions, if several)."""
    hours = ", ".join(f"{k} {v}" for k, v in calendar.hours.to_mapping().items()) or "never open"
    text = f"{calendar.zone.key}, {hours}, holidays: {calendar.holidays.describe()}"
    if len(calendar.versions) > 1:
        text += f", {plural(len(calendar.versions), 'version')}"
    if calendar.overrides:
        text += f", {plural(len(calendar.overrides), 'override')}"
    return text
