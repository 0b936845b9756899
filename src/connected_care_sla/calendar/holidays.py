"""Closed days and make-up workdays.

A [`HolidaySource`][connected_care_sla.calendar.holidays.HolidaySource] is an immutable description
of which local dates are
closed: countries (and subdivisions) from the ``holidays`` package, explicit
dates (each optionally named), or both; plus explicit make-up workdays. Years
are produced on demand by
[`HolidaySource.year`][connected_care_sla.calendar.holidays.HolidaySource.year], so a calendar is
cheap to build and works for any year.

A year can be declared *complete* for a country: the caller gave that year's
holidays and make-up workdays as explicit dates, so the package is not asked
about that country in that year (and no horizon warning is raised for it).
[`HolidaySource.freeze`][connected_care_sla.calendar.holidays.HolidaySource.freeze] does exactly
that with the package's own answers, so a later upgrade of the package cannot change those years.

The ``holidays`` package is imported the first time a country is needed, not
when this module is.
"""

from __future__ import annotations

import functools
import sys
import threading
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from .._text import shown
from ..exceptions import HolidaysTypeError, InvalidHolidaysError

if TYPE_CHECKING:
    import holidays as holidays_pkg

__all__ = ["CountrySpec", "HolidaySource", "HolidayYear", "freeze_parts", "holiday_source"]

# ``warnings.catch_warnings`` swaps process-wide state; calendars used from
# several threads must not interleave those swaps.
_WARNINGS_LOCK: Final = threading.Lock()

#: The name an explicit date without a name of its own has in explanations.
EXPLICIT_NAME: Final = "closed (explicit date)"

HolidaysLike: TypeAlias = (
    "str | tuple[str, str] | date | holidays_pkg.HolidayBase | HolidaySource "
    "| Mapping[date, str] | Iterable[Any] | None"
)


def _package() -> ModuleType:
    """The ``holidays`` package, imported on first use (it takes tens of milliseconds)."""
    import holidays

    return holidays


def _is_holiday_object(value: object) -> bool:
    """Whether ``value`` is a ``holidays`` object, without importing the package for it."""
    module = sys.modules.get("holidays")
    return module is not None and isinstance(value, module.HolidayBase)


@dataclass(frozen=True, slots=True)
class CountrySpec:
    """One country (or market) calendar from the ``holidays`` package."""

    entity: type[holidays_pkg.HolidayBase]
    subdiv: str | None = None
    observed: bool = True
    categories: tuple[str, ...] = ("public",)

    @property
    def code(self) -> str:
        """The country code, with ``-SUBDIV`` when a subdivision is set."""
        country = getattr(self.entity, "country", None) or getattr(
            self.entity, "market", self.entity.__name__
        )
        return f"{country}-{self.subdiv}" if self.subdiv else str(country)

    def build(self, year: int) -> holidays_pkg.HolidayBase:
        """The ``holidays`` object of this country for one year."""
        return self.entity(
            years=year,
            subdiv=self.subdiv,
            observed=self.observed,
            categories=self.categories,
        )

    def official_years(self) -> tuple[int, int]:
        """The first and last year this country's calendar is officially known.

        That is the package's own year range, cut short for countries that
        move working days onto weekends by yearly decree (China, Russia,
        Vietnam, ...): their make-up workdays are known only through the last
        year the package lists one for; later years are estimates without them.
        """
        first, last = int(self.entity.start_year), int(self.entity.end_year)
        decreed = _last_decreed_year(self.entity)
        return first, last if decreed is None else min(last, decreed)

    def answers(self, year: int) -> tuple[dict[date, str], set[date], str | None]:
        """The package's holidays (date -> name) and make-up workdays of ``year``.

        The third item says why the year is not officially covered (None when it is).
        """
        first, last = self.official_years()
        with _WARNINGS_LOCK, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                calendar = self.build(year)
            except (NotImplementedError, ValueError, OverflowError) as exc:
                raise InvalidHolidaysError(
                    f"holiday calendar {self.code} cannot produce year {year}: {exc}"
                ) from exc
        uncovered: str | None = None
        if not first <= year <= last:
            uncovered = f"{self.code} (official data covers {first} to {last})"
        elif caught:
            # The package itself says this year is not fully covered.
            uncovered = f"{self.code} ({caught[0].message})"
        closed = {day: str(name) for day, name in calendar.items() if day.year == year}
        makeup = {day for day in getattr(calendar, "weekend_workdays", ()) if day.year == year}
        return closed, makeup, uncovered


@dataclass(frozen=True, slots=True)
class HolidayYear:
    """The closed dates and make-up workdays of one year, with their names.

    ``uncovered`` names the countries whose data does not officially cover
    this year (see `CountrySpec.official_years`), with the years they do.
    """

    closed: frozenset[date]
    makeup: frozenset[date]
    names: tuple[tuple[date, str], ...]
    uncovered: tuple[str, ...] = ()

    def name_of(self, day: date) -> str | None:
        """The holiday's name for ``day``, or None."""
        for when, name in self.names:
            if when == day:
                return name
        return None


@dataclass(frozen=True, slots=True, init=False)
class HolidaySource:
    """Which local dates are closed (holidays) and which weekend dates open (make-up).

    A holiday closes the whole local date. A make-up workday opens a date
    that the weekly hours would leave closed; an explicit or country holiday on
    the same date wins.

    Examples:
        >>> from datetime import date
        >>> source = HolidaySource(names={date(2026, 6, 5): "Company offsite"})
        >>> source.year(2026).name_of(date(2026, 6, 5))
        'Company offsite'
        >>> source.dates
        frozenset({datetime.date(2026, 6, 5)})

    Args:
        countries: country calendars of the ``holidays`` package.
        dates: explicit closed dates.
        workdays: explicit make-up workdays.
        names: names of explicit closed dates (a mapping of date to name, or
            pairs); a named date is closed even when ``dates`` omits it. An
            explanation shows the name ("Company offsite") instead of
            "closed (explicit date)"; a name beats a country's name for the date.
        complete: years declared complete per country code (``{"CN": [2027]}``):
            the explicit dates and workdays hold everything for that country in
            those years, so the package is not asked and no horizon warning is
            raised for it. Each code must be one of ``countries``.

    Raises:
        HolidaysTypeError: a name, date or year of the wrong type.
        InvalidHolidaysError: an empty name, or a complete year for a country
            the source does not have.
    """

    countries: tuple[CountrySpec, ...]
    dates: frozenset[date]
    workdays: frozenset[date]
    names: tuple[tuple[date, str], ...]
    complete: tuple[tuple[str, tuple[int, ...]], ...]

    def __init__(
        self,
        countries: Iterable[CountrySpec] = (),
        dates: Iterable[date] = frozenset(),
        workdays: Iterable[date] = frozenset(),
        *,
        names: Mapping[date, str] | Iterable[tuple[date, str]] | None = None,
        complete: Mapping[str, Iterable[int]] | Iterable[tuple[str, Iterable[int]]] | None = None,
    ) -> None:
        named = _names(names)
        specs = tuple(countries)
        object.__setattr__(self, "countries", specs)
        object.__setattr__(self, "dates", frozenset(dates) | frozenset(dict(named)))
        object.__setattr__(self, "workdays", frozenset(workdays))
        object.__setattr__(self, "names", named)
        object.__setattr__(self, "complete", _complete(complete, specs))

    @property
    def empty(self) -> bool:
        """True when no date is ever closed or opened."""
        return not (self.countries or self.dates or self.workdays)

    def complete_years(self, code: str) -> tuple[int, ...]:
        """The years declared complete for country ``code`` (``'CN'``, ``'US-CA'``)."""
        return dict(self.complete).get(code, ())

    def year(self, year: int) -> HolidayYear:
        """Closed dates, make-up workdays and names for one year."""
        closed = {d for d in self.dates if d.year == year}
        makeup = {d for d in self.workdays if d.year == year}
        explicit = dict(self.names)
        names: dict[date, str] = {d: explicit.get(d, EXPLICIT_NAME) for d in closed}
        uncovered: list[str] = []
        complete = dict(self.complete)
        for country in self.countries:
            if year in complete.get(country.code, ()):
                continue
            holidays, workdays, missing = country.answers(year)
            if missing is not None:
                uncovered.append(missing)
            closed.update(holidays)
            for day, name in holidays.items():
                if day not in explicit:
                    names[day] = self._labelled(name, country)
            makeup |= workdays
        makeup -= closed
        return HolidayYear(
            frozenset(closed),
            frozenset(makeup),
            tuple(sorted(names.items())),
            tuple(uncovered),
        )

    def _labelled(self, name: str, country: CountrySpec) -> str:
        return f"{name} ({country.code})" if len(self.countries) > 1 else name

    def freeze(self, years: Iterable[int]) -> HolidaySource:
        """This source with its countries' holidays of ``years`` written down as explicit data.

        Each country's holidays in those years become named explicit dates
        and its make-up workdays explicit workdays, and the years are declared
        complete for it: a later upgrade of the ``holidays`` package can no
        longer change them. Years already complete for a country are kept as
        they are. Every answer of the frozen source equals this one's.

        Examples:
            >>> source = holiday_source("CN").freeze(range(2024, 2026))
            >>> source.complete
            (('CN', (2024, 2025)),)
            >>> source.year(2025).name_of(date(2025, 10, 1))
            'National Day'

        Raises:
            HolidaysTypeError: ``years`` is not a collection of integer years.
            InvalidHolidaysError: a year the country's data does not officially
                cover (its make-up workdays are not known yet): give that year's
                dates yourself and declare it complete instead.
        """
        wanted = _years(years, "years")
        dates, workdays = set(self.dates), set(self.workdays)
        names = dict(self.names)
        explicit = frozenset(names)
        complete = {code: set(done) for code, done in self.complete}
        for country in self.countries:
            done = complete.setdefault(country.code, set())
            for year in wanted:
                if year in done:
                    continue
                holidays, makeup, missing = country.answers(year)
                if missing is not None:
                    raise InvalidHolidaysError(
                        f"cannot freeze the holidays of {year} for {missing}: the package's "
                        f"answers for that year are estimates; give the year's holidays and "
                        f"make-up workdays as explicit dates and declare it complete "
                        f"(complete={{{country.code!r}: [{year}]}})",
                        argument="years",
                        value=year,
                    )
                dates.update(holidays)
                for day, name in holidays.items():
                    if day not in explicit:
                        names[day] = self._labelled(name, country)
                workdays |= makeup - self.dates - holidays.keys()
                done.add(year)
        return HolidaySource(
            self.countries,
            dates,
            workdays - dates,
            names=names,
            complete={code: done for code, done in complete.items() if done},
        )

    def token(self) -> str:
        """A deterministic text of every field, for tokens (Dask) that equal sources share."""
        countries = ",".join(
            f"{c.entity.__module__}.{c.entity.__qualname__}:{c.subdiv}:{c.observed}:"
            f"{'+'.join(c.categories)}"
            for c in self.countries
        )
        dates = ",".join(d.isoformat() for d in sorted(self.dates))
        workdays = ",".join(d.isoformat() for d in sorted(self.workdays))
        names = ",".join(f"{d.isoformat()}={name!r}" for d, name in self.names)
        complete = ",".join(f"{code}={list(years)}" for code, years in self.complete)
        return f"{countries}|{dates}|{workdays}|{names}|{complete}"

    def describe(self) -> str:
        """A short human description, e.g. ``'CN + 2 dates'``."""
        parts = []
        for country in self.countries:
            done = self.complete_years(country.code)
            parts.append(f"{country.code} (complete: {_spans(done)})" if done else country.code)
        if self.dates:
            parts.append(f"{len(self.dates)} date{'s' if len(self.dates) != 1 else ''}")
        if self.workdays:
            parts.append(f"{len(self.workdays)} make-up workday(s)")
        return " + ".join(parts) if parts else "none"


def freeze_parts(
    source: HolidaySource, years: Iterable[int], open_weekdays: Iterable[int] = ()
) -> tuple[HolidaySource, frozenset[date]]:
    """`HolidaySource.freeze`, for a calendar whose weekly hours open ``open_weekdays``.

    An explicit workday may open only a weekday without weekly hours, but a
    country's make-up workday opens any date with the make-up hours. So the
    make-up days of the frozen years that fall on one of ``open_weekdays``
    (0 is Monday) are left out of the frozen source's workdays and returned
    apart: the calendar keeps their answers by giving each an override with
    its make-up hours.

    Args:
        source: the holidays to freeze.
        years: the years to freeze, for every country of ``source``.
        open_weekdays: the weekdays the calendar's weekly hours open.

    Returns:
        The frozen source, and the make-up days it leaves out.

    Raises:
        As [`HolidaySource.freeze`][connected_care_sla.calendar.holidays.HolidaySource.freeze].
    """
    frozen = source.freeze(years)
    opened = frozenset(open_weekdays)
    moved = frozenset(day for day in frozen.workdays - source.workdays if day.weekday() in opened)
    if not moved:
        return frozen, moved
    kept = HolidaySource(
        frozen.countries,
        frozen.dates,
        frozen.workdays - moved,
        names=frozen.names,
        complete=frozen.complete,
    )
    return kept, moved


def _spans(years: Iterable[int]) -> str:
    """``'2024-2026, 2028'`` for the years 2024, 2025, 2026 and 2028."""
    spans: list[list[int]] = []
    for year in sorted(years):
        if spans and spans[-1][1] == year - 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _local_date(value: object, what: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise HolidaysTypeError(
            f"{what} must be a local datetime.date such as date(2026, 6, 5), got "
            f"{shown(value)} of type {type(value).__name__}",
            value=value,
        )
    return value


def _names(value: object) -> tuple[tuple[date, str], ...]:
    if value is None:
        return ()
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        items = list(value)
        if not all(isinstance(item, tuple) and len(item) == 2 for item in items):
            raise HolidaysTypeError(
                f"names must map dates to names, e.g. {{date(2026, 6, 5): 'Company offsite'}}, "
                f"got {shown(value)}",
                value=value,
            )
    else:
        raise HolidaysTypeError(
            f"names must map dates to names, e.g. {{date(2026, 6, 5): 'Company offsite'}}, "
            f"got {shown(value)} of type {type(value).__name__}",
            value=value,
        )
    result: dict[date, str] = {}
    for day, name in items:
        _local_date(day, "the date of a holiday name")
        if not isinstance(name, str):
            raise HolidaysTypeError(
                f"the name of {day.isoformat()} must be a string such as 'Company offsite', "
                f"got {shown(name)} of type {type(name).__name__}",
                value=name,
            )
        if not name.strip():
            raise InvalidHolidaysError(
                f"the name of {day.isoformat()} is empty; give a name such as 'Company offsite', "
                f"or list the date without a name",
                value=name,
            )
        result[day] = name.strip()
    return tuple(sorted(result.items()))


def _years(value: object, what: str) -> tuple[int, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise HolidaysTypeError(
            f"{what} must be a collection of years such as [2027] or range(2024, 2027), got "
            f"{shown(value)} of type {type(value).__name__}",
            value=value,
        )
    years: set[int] = set()
    for item in value:
        if type(item) is not int:
            raise HolidaysTypeError(
                f"a year in {what} must be an integer such as 2027, got {shown(item)} of type "
                f"{type(item).__name__}",
                value=item,
            )
        if not 1 <= item <= 9999:
            raise InvalidHolidaysError(
                f"the year {item} in {what} is out of range; expected 1 to 9999", value=item
            )
        years.add(item)
    return tuple(sorted(years))


def _complete(
    value: object, countries: tuple[CountrySpec, ...]
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    if value is None:
        return ()
    items: list[object]
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        items = list(value)
    else:
        items = [value]
    codes = {country.code for country in countries}
    result: dict[str, tuple[int, ...]] = {}
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            raise HolidaysTypeError(
                f"complete must map country codes to years, e.g. {{'CN': [2027]}}, got "
                f"{shown(value)}",
                value=value,
            )
        code, years = item
        if code not in codes:
            known = ", ".join(sorted(codes)) or "none"
            raise InvalidHolidaysError(
                f"years are declared complete for {shown(code)}, which is not one of this "
                f"calendar's countries ({known}); declare them for a country it has",
                value=code,
            )
        done = _years(years, f"the complete years of {code}")
        if done:
            result[code] = tuple(sorted({*result.get(code, ()), *done}))
    return tuple(sorted(result.items()))


@functools.lru_cache(maxsize=256)
def _last_decreed_year(entity: type[holidays_pkg.HolidayBase]) -> int | None:
    """The last year with a decreed weekend-to-weekday swap in the package's data."""
    probe = entity(years=())
    last: int | None = None
    for name in dir(probe):
        if not name.startswith("special_"):
            continue
        table = getattr(probe, name, None)
        if not isinstance(table, dict):
            continue
        for year, entries in table.items():
            if not isinstance(year, int):
                continue
            items = entries if entries and isinstance(entries[0], tuple) else (entries,)
            # Swap entries are (to_month, to_day, from_month, from_day[, year]).
            if any(isinstance(item, tuple) and len(item) >= 4 for item in items):
                last = year if last is None else max(last, year)
    return last


def _country(code: str, subdiv: str | None = None) -> CountrySpec:
    text = code.strip()
    if subdiv is None and "-" in text:
        text, _, subdiv = text.partition("-")
    try:
        probe = _package().country_holidays(text.upper(), subdiv=subdiv, years=())
    except NotImplementedError as exc:
        raise InvalidHolidaysError(
            f"unknown holiday country or subdivision {shown(code)}"
            f"{'' if subdiv is None else f' with subdivision {shown(subdiv)}'}: {exc}; expected an "
            f"ISO 3166 code the holidays package supports, e.g. 'CN', 'US' or ('US', 'CA')"
        ) from exc
    return CountrySpec(
        type(probe), probe.subdiv, bool(probe.observed), tuple(sorted(probe.categories))
    )


def _from_object(obj: holidays_pkg.HolidayBase) -> tuple[CountrySpec, frozenset[date]]:
    spec = CountrySpec(
        type(obj),
        obj.subdiv,
        bool(obj.observed),
        tuple(sorted(obj.categories)),
    )
    return spec, frozenset(obj.keys())


def holiday_source(value: object, workdays: Iterable[object] | None = ()) -> HolidaySource:
    """Read any accepted holiday specification into a `HolidaySource`.

    Accepted: ``None``; a country code ``'CN'`` or ``'US-CA'``; a tuple
    ``('US', 'CA')`` (always country then subdivision); a ``holidays`` object;
    a ``date``; a mapping of dates to names (``{date(2026, 6, 5): 'Company
    offsite'}``, named closed dates); a
    [`HolidaySource`][connected_care_sla.calendar.holidays.HolidaySource]; or any iterable mixing
    those (a combination). A list such as ``['US', 'CA']`` names two countries.
    """
    if isinstance(value, HolidaySource):
        base = value
    else:
        countries: list[CountrySpec] = []
        dates: set[date] = set()
        names: dict[date, str] = {}
        _collect(value, countries, dates, names)
        base = HolidaySource(tuple(dict.fromkeys(countries)), dates, names=names)
    extra = set(base.workdays)
    if workdays is None:
        workdays = ()
    elif isinstance(workdays, date) or not isinstance(workdays, Iterable):
        raise HolidaysTypeError(
            f"workdays must be a collection of datetime.date values, e.g. "
            f"[date(2025, 9, 28)], got {shown(workdays)} of type {type(workdays).__name__}",
            value=workdays,
        )
    for item in workdays:
        if not isinstance(item, date) or isinstance(item, datetime):
            raise HolidaysTypeError(
                f"a make-up workday must be a datetime.date, got {shown(item)} of type "
                f"{type(item).__name__}",
                value=item,
            )
        extra.add(item)
    if extra == base.workdays:
        return base
    return HolidaySource(
        base.countries, base.dates, extra, names=base.names, complete=base.complete
    )


def _collect(
    value: object, countries: list[CountrySpec], dates: set[date], names: dict[date, str]
) -> None:
    if value is None:
        return
    if _is_holiday_object(value):
        spec, known = _from_object(value)  # type: ignore[arg-type]
        countries.append(spec)
        dates.update(known)
    elif isinstance(value, str):
        countries.append(_country(value))
    elif isinstance(value, date):
        if isinstance(value, datetime):
            raise InvalidHolidaysError(
                f"holiday {shown(value)} is a datetime; give the local date, "
                f"e.g. {shown(value.date())}"
            )
        dates.add(value)
    elif isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        # A tuple of two strings is always (country, subdivision); a list names countries.
        countries.append(_country(value[0], value[1]))
    elif isinstance(value, Mapping) and all(
        isinstance(key, date) and isinstance(name, str) for key, name in value.items()
    ):
        names.update(_names(value))
    elif isinstance(value, Iterable) and not isinstance(value, (bytes, Mapping)):
        for item in value:
            _collect(item, countries, dates, names)
    else:
        raise HolidaysTypeError(
            f"cannot read holidays from {shown(value)} of type {type(value).__name__}; expected a "
            f"country code like 'CN' or 'US-CA', a pair ('US', 'CA'), a holidays object, "
            f"dates, a mapping of dates to names, or a list combining them",
            argument="",
            value=value,
        )
