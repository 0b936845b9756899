"""Closed days and make-up workdays.

A :class:`HolidaySource` is an immutable description of which local dates are
closed: countries (and subdivisions) from the ``holidays`` package, explicit
dates, or both; plus explicit make-up workdays. Years are produced on demand
by :meth:`HolidaySource.year`, so a calendar is cheap to build and works for
any year.
"""

from __future__ import annotations

import functools
import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, TypeAlias

import holidays as holidays_pkg

from .._text import shown
from ..exceptions import HolidaysTypeError, InvalidHolidaysError

# ``warnings.catch_warnings`` swaps process-wide state; calendars used from
# several threads must not interleave those swaps.
_WARNINGS_LOCK: Final = threading.Lock()

HolidaysLike: TypeAlias = (
    "str | tuple[str, str] | date | holidays_pkg.HolidayBase | HolidaySource | Iterable[Any] | None"
)


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


@dataclass(frozen=True, slots=True)
class HolidayYear:
    """The closed dates and make-up workdays of one year, with their names.

    ``uncovered`` names the countries whose data does not officially cover
    this year (see :meth:`CountrySpec.official_years`), with the years they do.
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


@dataclass(frozen=True, slots=True)
class HolidaySource:
    """Which local dates are closed (holidays) and which weekend dates open (make-up).

    A holiday closes the whole local date. A make-up workday opens a date
    that the weekly hours would leave closed; an explicit or country holiday on
    the same date wins.
    """

    countries: tuple[CountrySpec, ...] = ()
    dates: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    @property
    def empty(self) -> bool:
        """True when no date is ever closed or opened."""
        return not (self.countries or self.dates or self.workdays)

    def year(self, year: int) -> HolidayYear:
        """Closed dates, make-up workdays and names for one year."""
        closed = {d for d in self.dates if d.year == year}
        makeup = {d for d in self.workdays if d.year == year}
        names: dict[date, str] = dict.fromkeys(closed, "closed (explicit date)")
        uncovered: list[str] = []
        for country in self.countries:
            first, last = country.official_years()
            with _WARNINGS_LOCK, warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    calendar = country.build(year)
                except (NotImplementedError, ValueError, OverflowError) as exc:
                    raise InvalidHolidaysError(
                        f"holiday calendar {country.code} cannot produce year {year}: {exc}"
                    ) from exc
            if not first <= year <= last:
                uncovered.append(f"{country.code} (official data covers {first} to {last})")
            elif caught:
                # The package itself says this year is not fully covered.
                uncovered.append(f"{country.code} ({caught[0].message})")
            for day, name in calendar.items():
                if day.year == year:
                    closed.add(day)
                    names[day] = f"{name} ({country.code})" if len(self.countries) > 1 else name
            for day in getattr(calendar, "weekend_workdays", ()):
                if day.year == year:
                    makeup.add(day)
        makeup -= closed
        return HolidayYear(
            frozenset(closed),
            frozenset(makeup),
            tuple(sorted(names.items())),
            tuple(uncovered),
        )

    def describe(self) -> str:
        """A short human description, e.g. ``'CN + 2 dates'``."""
        parts = [c.code for c in self.countries]
        if self.dates:
            parts.append(f"{len(self.dates)} date{'s' if len(self.dates) != 1 else ''}")
        if self.workdays:
            parts.append(f"{len(self.workdays)} make-up workday(s)")
        return " + ".join(parts) if parts else "none"


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
        probe = holidays_pkg.country_holidays(text.upper(), subdiv=subdiv, years=())
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
    """Read any accepted holiday specification into a :class:`HolidaySource`.

    Accepted: ``None``; a country code ``'CN'`` or ``'US-CA'``; a tuple
    ``('US', 'CA')`` (always country then subdivision); a ``holidays`` object;
    a ``date``; or any iterable mixing those (a combination). A list such as
    ``['US', 'CA']`` names two countries.
    """
    if isinstance(value, HolidaySource):
        base = value
    else:
        countries: list[CountrySpec] = []
        dates: set[date] = set()
        _collect(value, countries, dates, top=True)
        base = HolidaySource(tuple(dict.fromkeys(countries)), frozenset(dates))
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
    return HolidaySource(base.countries, base.dates, frozenset(extra))


def _collect(value: object, countries: list[CountrySpec], dates: set[date], *, top: bool) -> None:
    if value is None:
        return
    if isinstance(value, holidays_pkg.HolidayBase):
        spec, known = _from_object(value)
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
    elif isinstance(value, Iterable) and not isinstance(value, (bytes, dict)):
        for item in value:
            _collect(item, countries, dates, top=False)
    else:
        raise HolidaysTypeError(
            f"cannot read holidays from {shown(value)} of type {type(value).__name__}; expected a "
            f"country code like 'CN' or 'US-CA', a pair ('US', 'CA'), a holidays object, "
            f"dates, or a list combining them",
            argument="",
            value=value,
        )
