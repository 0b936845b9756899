"""Calendars as data: TOML calendar files and the same shape as a plain dict.

One shape describes a calendar, in a file or in a dict (a backend keeps its
customers' calendars in a database). Every key is optional except ``zone``:

```toml
zone = "Asia/Shanghai"
strict = false                  # true: refuse years the holiday data does not cover
makeup_day = "Mon"              # the weekday whose hours a make-up workday opens with
workdays = [2026-09-27]         # explicit make-up workdays

[hours]                         # weekly hours; without this table Mon-Fri 09:00-18:00
"Mon-Fri" = "09:00-12:00, 13:00-18:00"
"Sat" = "22:00-06:00"

[holidays]
countries = ["CN", "US-CA"]     # or tables: { country = "US", subdiv = "CA", observed = false }
dates = [2026-12-31]            # closed dates without a name
complete = { CN = [2027] }      # years whose CN holidays are all in dates/names/workdays

[holidays.names]                # closed dates with the name explanations show
2026-06-05 = "Company offsite"

[overrides]                     # the hours of single dates
2025-12-24 = "09:00-13:00"
2025-12-31 = "closed"

[[versions]]                    # a calendar that changes over time (optional)
effective_from = 2020-01-01

[[versions]]
effective_from = 2026-03-01
hours = { "Mon-Fri" = "08:00-17:00" }
```
Versions inherit: the first ``[[versions]]`` table takes every key it leaves
out from the top level, and each later one from the version before it. A key
a version gives replaces that key whole (its ``hours`` table replaces all the
weekly hours, its ``holidays`` table all the holidays); ``overrides = {}``
drops the overrides it would inherit. All versions share the top level's
``zone``.

In the dict form dates may be ``datetime.date`` values or ISO strings
(``"2026-03-01"``); [`calendar_to_dict`][connected_care_sla.calendar.data.calendar_to_dict] writes
ISO strings, so the dict is JSON as it stands. Errors name the source, the key path and the value.

`connected_care_sla.calendar.files` reads and writes the same shape as TOML files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, TypeVar

from .._text import WEEKDAY_NAMES, listing, shown
from ..exceptions import (
    NOTHING,
    CalendarFileError,
    CalendarFileTypeError,
    SlaError,
    UnwritableCalendarError,
)
from .business import BusinessCalendar
from .holidays import CountrySpec, HolidaySource, _country, _package
from .hours import TimeWindow, WeeklyHours, date_windows

__all__ = ["calendar_from_dict", "calendar_to_dict"]

_T = TypeVar("_T")

_CALENDAR_KEYS: Final = (
    "zone",
    "strict",
    "makeup_day",
    "workdays",
    "hours",
    "holidays",
    "overrides",
)
_VERSION_KEYS: Final = frozenset(_CALENDAR_KEYS) - {"zone"} | {"effective_from"}
_HOLIDAY_KEYS: Final = ("countries", "dates", "names", "complete")
_COUNTRY_KEYS: Final = ("country", "subdiv", "observed", "categories")
_BARE_KEY: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_WINDOWS: Final = "'closed' or windows such as '09:00-13:00' or '09:00-12:00,13:00-15:00'"
_DATE: Final = "a date such as 2026-03-01 (in a dict, also the string '2026-03-01')"


@dataclass(frozen=True, slots=True)
class _At:
    """Where a value is: the source (a file, "calendar data") and the key path in it."""

    source: str
    path: str = ""

    def __truediv__(self, key: object) -> _At:
        if isinstance(key, int):
            return _At(self.source, f"{self.path}[{key}]")
        text = str(key) if _BARE_KEY.fullmatch(str(key)) else f'"{key}"'
        return _At(self.source, f"{self.path}.{text}" if self.path else text)

    def error(self, value: object, problem: str, expected: str = "") -> CalendarFileError:
        return CalendarFileError(
            problem, source=self.source, argument=self.path, value=value, expected=expected
        )

    def wrong_type(self, value: object, expected: str) -> CalendarFileTypeError:
        return CalendarFileTypeError(
            f"got {shown(value)} of type {type(value).__name__}",
            source=self.source,
            argument=self.path,
            value=value,
            expected=expected,
        )

    def unwritable(self, value: object, problem: str) -> UnwritableCalendarError:
        return UnwritableCalendarError(
            problem, source=self.source, argument=self.path or "(calendar)", value=value
        )


# -- reading --------------------------------------------------------------------------


def _table(value: object, at: _At, what: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise at.wrong_type(value, what)
    return value


def _unknown(data: Mapping[str, object], known: Iterable[str], at: _At, what: str) -> None:
    allowed = tuple(known)
    for key in data:
        if key not in allowed:
            raise (at / key).error(
                data[key], f"unknown key in {what}", f"one of {listing(sorted(allowed))}"
            )


def _date(value: object, at: _At) -> date:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise at.error(value, "no such date", _DATE) from None
    if isinstance(value, datetime):
        raise at.error(value, "a date and time; a calendar date has no time of day", _DATE)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        raise at.error(value, "not a date", _DATE)
    raise at.wrong_type(value, _DATE)


def _dates(value: object, at: _At) -> list[date]:
    if not isinstance(value, list | tuple):
        raise at.wrong_type(value, "a list of dates such as [2026-12-24, 2026-12-31]")
    return [_date(item, at / index) for index, item in enumerate(value)]


def _bool(value: object, at: _At) -> bool:
    if not isinstance(value, bool):
        raise at.wrong_type(value, "true or false")
    return value


def _hours(value: object, at: _At, makeup_day: object, makeup_at: _At) -> WeeklyHours:
    spec = _table(value, at, 'a table of weekdays to hours, e.g. { "Mon-Fri" = "09:00-18:00" }')
    for key, windows in spec.items():
        if not (isinstance(windows, str) or (isinstance(windows, list) and windows)):
            raise (at / key).wrong_type(windows, f"{_WINDOWS}, or a list of such windows")
        try:
            WeeklyHours.parse({key: windows})
        except SlaError as exc:
            raise (at / key).error(windows, str(exc)) from None
    if isinstance(makeup_day, bool) or not isinstance(makeup_day, int | str):
        raise makeup_at.wrong_type(makeup_day, "a weekday such as 'Mon' or 0 (Monday) to 6")
    try:
        WeeklyHours.parse({}, makeup_day=makeup_day)
    except SlaError as exc:
        raise makeup_at.error(makeup_day, str(exc)) from None
    try:
        return WeeklyHours.parse(dict(spec), makeup_day=makeup_day)  # type: ignore[arg-type]
    except SlaError as exc:
        raise at.error(dict(spec), str(exc)) from None


def _country_of(value: object, at: _At) -> CountrySpec:
    if isinstance(value, str):
        return _located(at, value, lambda: _country(value))
    entry = _table(value, at, "a country code such as 'CN' or 'US-CA', or a table")
    _unknown(entry, _COUNTRY_KEYS, at, "a country")
    code, subdiv = entry.get("country"), entry.get("subdiv")
    if not isinstance(code, str):
        raise (at / "country").wrong_type(code, "a country code such as 'US'")
    if subdiv is not None and not isinstance(subdiv, str):
        raise (at / "subdiv").wrong_type(subdiv, "a subdivision code such as 'CA'")
    spec = _located(at / "country", code, lambda: _country(code, subdiv))
    observed = _bool(entry.get("observed", True), at / "observed")
    categories: tuple[str, ...] = spec.categories
    if "categories" in entry:
        raw = entry["categories"]
        where = at / "categories"
        if not (isinstance(raw, list) and raw and all(isinstance(c, str) for c in raw)):
            raise where.wrong_type(raw, "a list of holiday categories such as ['public']")
        known = sorted(getattr(spec.entity, "supported_categories", ()) or ("public",))
        for index, category in enumerate(raw):
            if category not in known:
                raise (where / index).error(
                    category, f"{spec.code} has no such holiday category", listing(known)
                )
        categories = tuple(sorted(set(raw)))
    return CountrySpec(spec.entity, spec.subdiv, observed, categories)


def _located(at: _At, value: object, build: Callable[[], _T]) -> _T:
    """``build()``, with an error of the library said of ``at = value``."""
    try:
        return build()
    except SlaError as exc:
        raise _relocated(at, value, exc) from None


def _relocated(at: _At, value: object, exc: SlaError) -> CalendarFileError:
    """The library's error ``exc``, said of ``at = value`` (a wrong type stays a TypeError)."""
    kind = CalendarFileTypeError if isinstance(exc, TypeError) else CalendarFileError
    return kind(str(exc), source=at.source, argument=at.path, value=value)


def _holidays(value: object, at: _At) -> HolidaySource:
    if isinstance(value, str):
        value = {"countries": [value]}
    data = _table(value, at, "a table with countries, dates, names and complete")
    _unknown(data, _HOLIDAY_KEYS, at, "holidays")
    countries: list[CountrySpec] = []
    raw = data.get("countries", [])
    if not isinstance(raw, list):
        raise (at / "countries").wrong_type(raw, "a list of country codes such as ['CN']")
    for index, item in enumerate(raw):
        spec = _country_of(item, at / "countries" / index)
        if spec in countries:
            raise (at / "countries" / index).error(item, "this country is listed twice")
        countries.append(spec)
    dates = _dates(data.get("dates", []), at / "dates")
    names: dict[date, str] = {}
    for key, name in _table(
        data.get("names", {}), at / "names", "a table of dates to names"
    ).items():
        where = at / "names" / key
        day = _date(key, where)
        if not isinstance(name, str):
            raise where.wrong_type(name, "a name such as 'Company offsite'")
        if not name.strip():
            raise where.error(name, "the name is empty", "a name such as 'Company offsite'")
        if day in names or day in dates:
            raise where.error(name, f"the date {day.isoformat()} is given twice")
        names[day] = name
    if len(set(dates)) != len(dates):
        twice = next(d for d in dates if dates.count(d) > 1)
        raise (at / "dates").error(data.get("dates"), f"{twice.isoformat()} is listed twice")
    complete: dict[str, list[int]] = {}
    codes = [c.code for c in countries]
    for code, years in _table(
        data.get("complete", {}), at / "complete", "a table of country codes to years"
    ).items():
        where = at / "complete" / code
        if code not in codes:
            raise where.error(
                years,
                "years are declared complete for a country these holidays do not list",
                f"one of the countries: {listing(codes) or '(none listed)'}",
            )
        if not (isinstance(years, list) and all(type(y) is int for y in years)):
            raise where.wrong_type(years, "a list of years such as [2027]")
        complete[code] = years
    return _located(
        at,
        dict(data),
        lambda: HolidaySource(countries, dates, names=names, complete=complete),
    )


def _overrides(value: object, at: _At) -> dict[date, tuple[TimeWindow, ...]]:
    result: dict[date, tuple[TimeWindow, ...]] = {}
    for key, hours in _table(value, at, "a table of dates to hours").items():
        where = at / key
        day = _date(key, where)
        if not isinstance(hours, str):
            raise where.wrong_type(hours, _WINDOWS)
        if day in result:
            raise where.error(hours, f"the date {day.isoformat()} is overridden twice")
        label = f"the override of {day.isoformat()}"
        result[day] = _located(where, hours, functools.partial(date_windows, hours, label))
    return result


#: A calendar's keys as read, merged over what they inherit: key -> (value, where it is).
_Layer = dict[str, tuple[object, _At]]


def _layer(data: Mapping[str, object], at: _At, below: _Layer | None = None) -> _Layer:
    merged = dict(below or {})
    for key, value in data.items():
        merged[key] = (value, at / key)
    return merged


def _plain(zone: object, zone_at: _At, layer: _Layer, at: _At) -> BusinessCalendar:
    """One plain calendar from its merged keys."""
    if not isinstance(zone, str):
        raise zone_at.wrong_type(zone, "an IANA zone name such as 'Asia/Shanghai'")

    def get(key: str, default: object) -> tuple[object, _At]:
        return layer.get(key, (default, at / key))

    hours_value, hours_at = get("hours", None)
    makeup_value, makeup_at = get("makeup_day", 0)
    hours = (
        WeeklyHours.default()
        if hours_value is None and makeup_value == 0
        else _hours(
            WeeklyHours.default().to_mapping() if hours_value is None else hours_value,
            hours_at,
            makeup_value,
            makeup_at,
        )
    )
    holidays_value, holidays_at = get("holidays", {})
    source = _holidays(holidays_value, holidays_at)
    workdays_value, workdays_at = get("workdays", [])
    workdays = _dates(workdays_value, workdays_at)
    overrides_value, overrides_at = get("overrides", {})
    overrides = _overrides(overrides_value, overrides_at)
    strict_value, strict_at = get("strict", False)
    strict = _bool(strict_value, strict_at)
    try:
        return BusinessCalendar(
            zone, hours, source, workdays=workdays, overrides=overrides, strict=strict
        )
    except SlaError as exc:
        text = str(exc)
        if "workday" in text and workdays:
            where, value = workdays_at, workdays_value
        elif "override" in text and overrides:
            where, value = overrides_at, overrides_value
        elif "zone" in text:
            where, value = zone_at, zone
        else:
            where, value = at if at.path else hours_at, NOTHING
        raise _relocated(where, value, exc) from None


def _calendar(
    data: object, at: _At, below: _Layer | None = None, zone_default: str | None = None
) -> BusinessCalendar:
    table = _table(data, at, "a table of calendar keys (zone, hours, holidays, ...)")
    if "effective_from" in table:
        raise (at / "effective_from").error(
            table["effective_from"],
            "a date a version starts on belongs in its [[versions]] table",
            "[[versions]] tables, each with effective_from and the keys that change",
        )
    _unknown(table, (*_CALENDAR_KEYS, "versions"), at, "a calendar")
    layer = _layer(table, at, below)
    if "zone" in layer:
        zone, zone_at = layer.pop("zone")
    elif zone_default is not None:
        zone, zone_at = zone_default, at
    else:
        raise (at / "zone").error(
            NOTHING, "a calendar needs its time zone", "an IANA name such as 'Asia/Shanghai'"
        )
    versions = layer.pop("versions", None)
    if versions is None:
        return _plain(zone, zone_at, layer, at)
    raw, versions_at = versions
    if not (isinstance(raw, list) and raw):
        raise versions_at.wrong_type(raw, "one or more [[versions]] tables with effective_from")
    found: dict[date, BusinessCalendar] = {}
    for index, item in enumerate(raw):
        where = versions_at / index
        version = _table(item, where, "a table with effective_from and the keys it changes")
        if "zone" in version:
            raise (where / "zone").error(
                version["zone"], "all versions share the calendar's zone; give it at the top"
            )
        _unknown(version, _VERSION_KEYS, where, "a version")
        if "effective_from" not in version:
            raise (where / "effective_from").error(NOTHING, "a version needs its first date", _DATE)
        day = _date(version["effective_from"], where / "effective_from")
        if day in found:
            raise (where / "effective_from").error(day, "another version starts on this date")
        if found and day < max(found):
            raise (where / "effective_from").error(
                day, f"versions are listed in date order; the one before starts {max(found)}"
            )
        layer = _layer({k: v for k, v in version.items() if k != "effective_from"}, where, layer)
        found[day] = _plain(zone, zone_at, layer, where)
    return _located(versions_at, NOTHING, functools.partial(BusinessCalendar.from_versions, found))


def calendar_from_dict(data: Mapping[str, object]) -> BusinessCalendar:
    """A calendar from its dict form (the shape of a calendar file, see the module doc).

    Examples:
        >>> closed = {"2025-12-24": "closed"}
        >>> cal = calendar_from_dict({"zone": "Asia/Shanghai", "overrides": closed})
        >>> cal.override_on(date(2025, 12, 24))
        ()

    Args:
        data: the calendar's keys: ``zone`` and the optional ``hours``,
            ``makeup_day``, ``holidays``, ``workdays``, ``overrides``, ``strict``
            and ``versions``; dates as ``datetime.date`` or ISO strings.

    Returns:
        The calendar, equal to the one
        [`calendar_to_dict`][connected_care_sla.calendar.data.calendar_to_dict] was given.

    Raises:
        CalendarFileError: a key, or a value, a calendar does not have; the
            message names the key path and the value. A value of the wrong
            type raises
            [`CalendarFileTypeError`][connected_care_sla.exceptions.CalendarFileTypeError].
    """
    return _calendar(data, _At("calendar data"))


# -- writing --------------------------------------------------------------------------


def _windows_text(windows: tuple[TimeWindow, ...]) -> str:
    return ",".join(map(str, windows)) if windows else "closed"


def _iso(day: date, iso: bool) -> object:
    return day.isoformat() if iso else day


def _country_data(spec: CountrySpec, at: _At) -> object:
    entity = spec.entity
    code = getattr(entity, "country", None)
    package = _package()
    standard: CountrySpec | None = None
    if isinstance(code, str) and entity.__module__.startswith("holidays."):
        try:
            standard = _country(code, spec.subdiv)
        except SlaError:
            standard = None
    if standard is None or not (
        issubclass(standard.entity, entity) or issubclass(entity, standard.entity)
    ):
        kind = "market" if getattr(entity, "market", None) else "class"
        raise at.unwritable(
            f"{entity.__module__}.{entity.__qualname__}",
            f"the holiday calendar {kind} {entity.__qualname__} is not a country of the "
            f"holidays package {package.__version__}, so calendar data cannot name it; give "
            f"its dates as explicit dates, or freeze them (freeze_holidays)",
        )
    if spec.observed and spec.categories == standard.categories:
        return spec.code
    entry: dict[str, object] = {"country": code}
    if spec.subdiv:
        entry["subdiv"] = spec.subdiv
    if not spec.observed:
        entry["observed"] = False
    if spec.categories != standard.categories:
        entry["categories"] = list(spec.categories)
    return entry


def _holidays_data(source: HolidaySource, at: _At, iso: bool) -> dict[str, object]:
    data: dict[str, object] = {}
    if source.countries:
        data["countries"] = [
            _country_data(spec, at / "countries" / index)
            for index, spec in enumerate(source.countries)
        ]
    named = dict(source.names)
    unnamed = sorted(d for d in source.dates if d not in named)
    if unnamed:
        data["dates"] = [_iso(d, iso) for d in unnamed]
    if named:
        data["names"] = {d.isoformat(): name for d, name in source.names}
    if source.complete:
        data["complete"] = {code: list(years) for code, years in source.complete}
    return data


def _plain_data(calendar: BusinessCalendar, at: _At, iso: bool) -> dict[str, object]:
    """Every key of a plain calendar but its zone, defaults included."""
    source = calendar.holidays
    hours = calendar.hours
    return {
        "strict": calendar.strict,
        "makeup_day": WEEKDAY_NAMES[hours.makeup_day],
        "workdays": [_iso(d, iso) for d in sorted(source.workdays)],
        "hours": hours.to_mapping(),
        "holidays": _holidays_data(source, at / "holidays", iso),
        "overrides": {d.isoformat(): _windows_text(w) for d, w in calendar.overrides},
    }


_DEFAULTS: Final[dict[str, object]] = {
    "strict": False,
    "makeup_day": WEEKDAY_NAMES[0],
    "workdays": [],
    "holidays": {},
    "overrides": {},
}


def _zone_name(calendar: BusinessCalendar, at: _At) -> str:
    key = calendar.zone.key
    if not key:
        raise (at / "zone").unwritable(
            calendar.zone,
            "the zone has no IANA name (it was read from a file), so calendar data cannot "
            "name it; build the calendar with a zone name such as 'Asia/Shanghai'",
        )
    return str(key)


def _calendar_data(calendar: BusinessCalendar, at: _At, iso: bool) -> dict[str, object]:
    result: dict[str, object] = {"zone": _zone_name(calendar, at)}
    versions = calendar.versions
    plain = versions[0][1] if versions else calendar
    first = _plain_data(plain, at, iso)
    result.update({k: v for k, v in first.items() if _DEFAULTS.get(k, NOTHING) != v})
    if versions:
        tables: list[dict[str, object]] = []
        previous = first
        for index, (day, version) in enumerate(versions):
            current = _plain_data(version, at / "versions" / index, iso) if index else first
            table: dict[str, object] = {"effective_from": _iso(day, iso)}
            table.update({k: v for k, v in current.items() if previous[k] != v})
            tables.append(table)
            previous = current
        result["versions"] = tables
    return result


def calendar_to_dict(calendar: BusinessCalendar) -> dict[str, object]:
    """The dict form of a calendar: JSON as it stands (dates as ISO strings).

    ``calendar_from_dict(calendar_to_dict(c)) == c`` for a calendar built
    from country codes, dates and hours; keys that hold their default are left out.

    Examples:
        >>> data = calendar_to_dict(BusinessCalendar("Asia/Shanghai", holidays="CN"))
        >>> data["zone"], data["holidays"]
        ('Asia/Shanghai', {'countries': ['CN']})
        >>> calendar_from_dict(data) == BusinessCalendar("Asia/Shanghai", holidays="CN")
        True

    Raises:
        UnwritableCalendarError: a part calendar data cannot hold (a holiday
            calendar class defined in code, a zone without an IANA name); the
            message names the part.
    """
    return _calendar_data(calendar, _At("calendar"), iso=True)
