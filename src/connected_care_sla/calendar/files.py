"""Calendar files: calendar data (`connected_care_sla.calendar.data`) as TOML, read and written.

[`load_calendar`][connected_care_sla.calendar.files.load_calendar] reads one calendar (the shape is
on the calendar reference page and in `connected_care_sla.calendar.data`);
[`write_calendar`][connected_care_sla.calendar.files.write_calendar] and
[`dump_calendar`][connected_care_sla.calendar.files.dump_calendar] write one (with the ``toml``
extra, the ``tomli-w`` package). Errors name the file, the key path and the value.

A file of several calendars, keyed by the value of a column (for batch use):

```toml
key = "zone"                    # the column whose value picks the calendar

[defaults]                      # keys every calendar inherits (optional)
hours = { "Mon-Fri" = "09:00-18:00" }

[calendars."Asia/Shanghai"]     # with key = "zone", the zone is the table's name
holidays = { countries = ["CN"] }

[calendars."America/New_York"]
holidays = { countries = ["US"] }
```

[`freeze_holidays`][connected_care_sla.calendar.files.freeze_holidays] writes a calendar's country
holidays of given years down as explicit dates, so that an upgrade of the ``holidays`` package
cannot change them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from .._text import WEEKDAY_NAMES, shown
from ..exceptions import (
    NOTHING,
    CalendarFileError,
    CalendarFileTypeError,
    InvalidHolidaysError,
    MissingExtraError,
)
from .business import BusinessCalendar
from .data import (
    _CALENDAR_KEYS,
    _At,
    _calendar,
    _calendar_data,
    _layer,
    _table,
    _unknown,
    calendar_from_dict,
    calendar_to_dict,
)
from .holidays import _years, freeze_parts

__all__ = [
    "EXTRA",
    "CalendarSet",
    "calendar_from_dict",
    "calendar_to_dict",
    "calendars_from_dict",
    "calendars_to_dict",
    "dump_calendar",
    "dump_calendars",
    "freeze_holidays",
    "load_calendar",
    "load_calendars",
    "write_calendar",
]

#: The extra that writes TOML: ``pip install "connected-care-sla[toml]"``.
EXTRA: Final = "toml"
_SET_KEYS: Final = ("key", "defaults", "calendars")


# -- files ----------------------------------------------------------------------------


def _file_name(path: object, what: str) -> str:
    name = os.fspath(path) if isinstance(path, os.PathLike) else path
    if not isinstance(name, str):
        raise CalendarFileTypeError(
            f"a {what} must be a path (a str or pathlib.Path), got {shown(path)} of type "
            f"{type(path).__name__}",
            value=path,
        )
    if "\0" in name:
        raise CalendarFileError(f"{what} name {shown(name)} contains a NUL character", value=name)
    return name


def _read_toml(path: object, what: str) -> tuple[dict[str, Any], _At]:
    import tomllib  # here, not at import: only reading a file needs it

    name = _file_name(path, what)
    at = _At(f"{what} {shown(name)}")
    try:
        with open(name, "rb") as handle:
            raw = handle.read()
        return tomllib.loads(raw.decode("utf-8")), at
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CalendarFileError(f"{at.source} is not valid TOML: {exc}") from None
    except RecursionError:
        raise CalendarFileError(f"{at.source} nests arrays or tables too deeply") from None


def load_calendar(path: str | os.PathLike[str]) -> BusinessCalendar:
    """Read a calendar from a TOML calendar file (the shape is in the module doc).

    Args:
        path: the file.

    Returns:
        The calendar the file describes.

    Raises:
        CalendarFileError: the file is not TOML or describes no calendar; the
            message names the file, the key path (``versions[1].overrides."2025-12-24"``),
            the value found and what would be accepted.
        OSError: the file cannot be read.
    """
    data, at = _read_toml(path, "calendar file")
    if "calendars" in data:
        raise (at / "calendars").error(
            NOTHING, "this file holds several calendars; read it with load_calendars"
        )
    return _calendar(data, at)


def _toml_writer() -> Any:
    try:
        import tomli_w
    except ImportError:
        raise MissingExtraError(
            "writing a calendar file", argument=EXTRA, value="tomli_w"
        ) from None
    return tomli_w


def dump_calendar(calendar: BusinessCalendar) -> str:
    """A calendar as the text of a TOML calendar file (needs the ``toml`` extra).

    ``load_calendar`` of the text written to a file gives back an equal calendar.

    Raises:
        UnwritableCalendarError: as
            [`calendar_to_dict`][connected_care_sla.calendar.data.calendar_to_dict].
        MissingExtraError: the ``tomli-w`` package (the ``toml`` extra) is not installed.
    """
    writer = _toml_writer()
    return str(writer.dumps(_calendar_data(calendar, _At("calendar"), iso=False)))


def write_calendar(calendar: BusinessCalendar, path: str | os.PathLike[str]) -> None:
    """Write a calendar to a TOML calendar file (needs the ``toml`` extra).

    Raises:
        UnwritableCalendarError: as
            [`calendar_to_dict`][connected_care_sla.calendar.data.calendar_to_dict]; nothing is
            written.
        MissingExtraError: the ``toml`` extra is not installed.
        OSError: the file cannot be written.
    """
    text = dump_calendar(calendar)
    with open(_file_name(path, "calendar file"), "w", encoding="utf-8") as handle:
        handle.write(text)


# -- several calendars keyed by a column ------------------------------------------------


@dataclass(frozen=True, slots=True, init=False)
class CalendarSet(Mapping[str, BusinessCalendar]):
    """Several calendars, each picked by the value of one column (``key``).

    A mapping of the column's values to calendars, read from a file of
    ``[calendars."<value>"]`` tables by
    [`load_calendars`][connected_care_sla.calendar.files.load_calendars].

    Examples:
        >>> cals = CalendarSet("zone", {"Asia/Shanghai": BusinessCalendar("Asia/Shanghai")})
        >>> cals.key, list(cals)
        ('zone', ['Asia/Shanghai'])

    Args:
        key: the name of the column whose value picks the calendar (``"zone"``,
            ``"customer"``).
        calendars: the column's values and their calendars.
    """

    key: str
    calendars: Mapping[str, BusinessCalendar]

    def __init__(self, key: str, calendars: Mapping[str, BusinessCalendar]) -> None:
        if not isinstance(key, str) or not key.strip():
            raise CalendarFileTypeError(
                f"the key of a calendar set names a column, got {shown(key)}", value=key
            )
        table = dict(calendars)
        for value, calendar in table.items():
            if not isinstance(value, str) or not isinstance(calendar, BusinessCalendar):
                raise CalendarFileTypeError(
                    f"a calendar set maps column values (strings) to BusinessCalendar values, "
                    f"got {shown(value)}: {shown(calendar)}",
                    value=calendar,
                )
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "calendars", MappingProxyType(table))

    def __getitem__(self, value: str) -> BusinessCalendar:
        return self.calendars[value]

    def __iter__(self) -> Iterator[str]:
        return iter(self.calendars)

    def __len__(self) -> int:
        return len(self.calendars)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CalendarSet):
            return NotImplemented
        return self.key == other.key and dict(self.calendars) == dict(other.calendars)

    def __hash__(self) -> int:
        return hash((self.key, frozenset(self.calendars.items())))

    def __repr__(self) -> str:
        return f"CalendarSet({self.key!r}, {dict(self.calendars)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (CalendarSet, (self.key, dict(self.calendars)))


def _calendar_set(data: Mapping[str, object], at: _At) -> CalendarSet:
    _unknown(data, _SET_KEYS, at, "a file of several calendars")
    key = data.get("key")
    if not isinstance(key, str) or not key.strip():
        raise (at / "key").error(
            NOTHING if "key" not in data else key,
            "a file of several calendars names the column that picks one",
            "a column name such as 'zone' or 'customer'",
        )
    defaults = _table(data.get("defaults", {}), at / "defaults", "a table of calendar keys")
    _unknown(defaults, _CALENDAR_KEYS, at / "defaults", "defaults")
    if key == "zone" and "zone" in defaults:
        raise (at / "defaults" / "zone").error(
            defaults["zone"],
            "the calendars are keyed by zone: each one's zone is its name",
            "no zone in [defaults]",
        )
    below = _layer(defaults, at / "defaults")
    tables = _table(data.get("calendars"), at / "calendars", "a table of calendars")
    if not tables:
        raise (at / "calendars").error({}, "no calendars", 'one or more [calendars."..."]')
    found: dict[str, BusinessCalendar] = {}
    for value, table in tables.items():
        where = at / "calendars" / value
        by_zone = key == "zone"
        if by_zone and isinstance(table, Mapping) and table.get("zone", value) != value:
            raise (where / "zone").error(
                table["zone"],
                f"the calendars are keyed by zone, and this one's name is {value!r}",
                "no zone key (the name is the zone), or the same zone",
            )
        cal = _calendar(table, where, below, zone_default=value if by_zone else None)
        found[value] = cal
    return CalendarSet(key, found)


def load_calendars(path: str | os.PathLike[str]) -> CalendarSet:
    """Read a file of several calendars keyed by a column value (see the module doc).

    With ``key = "zone"`` each calendar's zone is its table's name; with any
    other key (``"customer"``) each calendar, or ``[defaults]``, gives its zone.

    Args:
        path: the file.

    Returns:
        The calendars, by the value of the column ``key`` names.

    Raises:
        CalendarFileError: as [`load_calendar`][connected_care_sla.calendar.files.load_calendar],
            with the key path under ``calendars."<value>"``.
        OSError: the file cannot be read.
    """
    data, at = _read_toml(path, "calendar file")
    return _calendar_set(data, at)


def calendars_from_dict(data: Mapping[str, object]) -> CalendarSet:
    """Several calendars from the dict form of a calendar set file.

    Raises:
        CalendarFileError: as
            [`calendar_from_dict`][connected_care_sla.calendar.data.calendar_from_dict].
    """
    return _calendar_set(_table(data, _At("calendar data"), "a table"), _At("calendar data"))


def calendars_to_dict(calendars: CalendarSet) -> dict[str, object]:
    """The dict form of a calendar set: ``key`` and one table per calendar.

    Raises:
        UnwritableCalendarError: as
            [`calendar_to_dict`][connected_care_sla.calendar.data.calendar_to_dict].
    """
    return _set_data(calendars, iso=True)


def _set_data(calendars: CalendarSet, iso: bool) -> dict[str, object]:
    at = _At("calendars")
    tables: dict[str, object] = {}
    for value, calendar in calendars.items():
        table = _calendar_data(calendar, at / value, iso)
        if calendars.key == "zone" and table["zone"] == value:
            del table["zone"]
        tables[value] = table
    return {"key": calendars.key, "calendars": tables}


def dump_calendars(calendars: CalendarSet) -> str:
    """A calendar set as the text of a TOML file `load_calendars` reads.

    Raises:
        UnwritableCalendarError: as
            [`calendar_to_dict`][connected_care_sla.calendar.data.calendar_to_dict].
        MissingExtraError: the ``toml`` extra is not installed.
    """
    writer = _toml_writer()
    return str(writer.dumps(_set_data(calendars, iso=False)))


# -- freezing -------------------------------------------------------------------------


def _frozen_plain(calendar: BusinessCalendar, years: tuple[int, ...]) -> BusinessCalendar:
    hours = calendar.hours
    open_weekdays = [index for index, windows in enumerate(hours.days) if windows]
    source, moved = freeze_parts(calendar.holidays, years, open_weekdays)
    overrides = dict(calendar.overrides)
    overnight = any(w.overnight for day in hours.days for w in day)
    for day in sorted(moved - overrides.keys()):
        # An override cuts the overnight window of the date before at midnight; a
        # make-up day does not: with overnight hours the answers would change.
        if overnight:
            raise InvalidHolidaysError(
                f"cannot freeze the make-up workday {day.isoformat()}: it is a "
                f"{WEEKDAY_NAMES[day.weekday()]}, which has weekly hours, and the calendar has "
                f"overnight windows; give the date an override with the hours it should have",
                argument="years",
                value=day,
            )
        overrides[day] = hours.makeup_windows
    return BusinessCalendar(
        calendar.zone, hours, source, overrides=overrides, strict=calendar.strict
    )


def freeze_holidays(calendar: BusinessCalendar, years: Iterable[int]) -> BusinessCalendar:
    """The calendar with its countries' holidays of ``years`` frozen into explicit data.

    The holidays and make-up workdays the ``holidays`` package gives for those
    years become named explicit dates and workdays, and the years are declared
    complete for each country, so an upgrade of the package cannot change their
    answers; the frozen calendar answers as the calendar did. A make-up workday
    on a weekday that has weekly hours becomes an override with the make-up hours.
    Every version of a versioned calendar is frozen.

    Examples:
        >>> cal = freeze_holidays(BusinessCalendar("Asia/Shanghai", holidays="CN"), [2025])
        >>> cal.holidays.complete
        (('CN', (2025,)),)

    Raises:
        HolidaysTypeError: ``years`` is not a collection of integer years.
        InvalidHolidaysError: a year the package does not officially cover; or a
            make-up workday on a weekday with weekly hours, in a calendar with
            overnight windows (an override would cut the night before it).
    """
    wanted = _years(years, "years")
    if not calendar.versions:
        return _frozen_plain(calendar, wanted)
    frozen = {day: _frozen_plain(version, wanted) for day, version in calendar.versions}
    return BusinessCalendar.from_versions(frozen)
