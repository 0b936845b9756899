"""The rules of a calendar's versions, and the refusals when a calendar is built.

A `Rules` value holds one version's weekly hours, make-up hours,
holidays and overrides in integers; a `RuleBook` holds the versions in
date order and answers what a local date's windows are under the version in
force on it. The checks that refuse a calendar whose windows would run into
each other (an overnight override, make-up day or version change) live here,
next to the rules they read.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from .._instants import MAX_ORDINAL, MIN_ORDINAL, US_PER_DAY
from .._text import WEEKDAY_NAMES, wall_text
from ..exceptions import (
    HolidayHorizonError,
    HolidayHorizonWarning,
    InvalidHoursError,
    ResultOutOfRangeError,
    warn_caller,
)
from .holidays import HolidaySource, HolidayYear
from .hours import TimeWindow, WeeklyHours

__all__ = ["Overrides", "RuleBook", "Rules", "year_of", "year_start"]

Windows = tuple[tuple[int, int], ...]  # wall-clock µs since the opening date's midnight
Overrides = tuple[tuple[date, tuple[TimeWindow, ...]], ...]
NO_DATE: Final = MIN_ORDINAL  # the first rules are in force from the beginning of time
_FACTS_CACHE_SIZE: Final = 1024


def year_of(ordinal: int) -> int:
    """The year of a date ordinal; the library's error outside datetime's range."""
    if not MIN_ORDINAL <= ordinal <= MAX_ORDINAL:
        raise ResultOutOfRangeError(
            "the computation reached a date outside the range datetime can represent "
            "(years 1 to 9999)"
        )
    return date.fromordinal(ordinal).year


def _weekday(ordinal: int) -> int:
    return (ordinal - 1) % 7  # date.fromordinal(1) is a Monday


def year_start(year: int) -> int:
    return date(year, 1, 1).toordinal()


def _windows(windows: Sequence[TimeWindow]) -> Windows:
    return tuple((w.opens_us, w.closes_us) for w in windows)


@dataclass(frozen=True, slots=True, eq=False)
class Rules:
    """The rules of one calendar version in integers, in force from ``first`` on."""

    first: int  # date ordinal from which these rules are in force
    weekly: tuple[Windows, ...]  # seven days, Monday first
    makeup: Windows
    holidays: HolidaySource
    overrides: dict[int, Windows]
    strict: bool

    @classmethod
    def of(
        cls,
        first: date | None,
        hours: WeeklyHours,
        holidays: HolidaySource,
        overrides: Overrides,
        strict: bool,
    ) -> Rules:
        """The integer rules of one version (``first`` None: from the beginning of time)."""
        return cls(
            first=NO_DATE if first is None else first.toordinal(),
            weekly=tuple(_windows(day) for day in hours.days),
            makeup=_windows(hours.makeup_windows),
            holidays=holidays,
            overrides={day.toordinal(): _windows(windows) for day, windows in overrides},
            strict=strict,
        )

    @property
    def week_us(self) -> int:
        """Business µs of a regular week (wall-clock lengths)."""
        return sum(end - start for day in self.weekly for start, end in day)

    def windows_on(self, ordinal: int, facts: HolidayYear) -> Windows:
        """One date's wall-clock windows before any cut at midnight."""
        windows = self.overrides.get(ordinal)
        if windows is not None:
            return windows
        day = date.fromordinal(ordinal)
        if day in facts.closed:
            return ()
        return self.makeup if day in facts.makeup else self.weekly[_weekday(ordinal)]

    def closes(self, ordinal: int, facts: HolidayYear) -> bool:
        """Whether the date is closed or overridden: the date before is cut at its midnight."""
        return ordinal in self.overrides or date.fromordinal(ordinal) in facts.closed


class RuleBook:
    """The versions of a calendar in date order, and what each local date's windows are."""

    __slots__ = ("_facts", "_lock", "rules", "starts")

    def __init__(self, rules: tuple[Rules, ...]) -> None:
        self.rules = rules
        self.starts = tuple(r.first for r in rules)
        self._facts: dict[tuple[int, int], HolidayYear] = {}
        self._lock = threading.Lock()

    # -- the rules of a date ----------------------------------------------

    def rules_on(self, ordinal: int) -> Rules:
        """The rules in force on a date: before the first version, the first."""
        if len(self.rules) == 1:
            return self.rules[0]
        return self.rules[max(0, bisect_right(self.starts, ordinal) - 1)]

    def facts(self, rules: Rules, year: int) -> HolidayYear:
        """The holidays and make-up workdays of one year under one version (cached)."""
        key = (id(rules), year)
        found = self._facts.get(key)
        if found is None:
            found = rules.holidays.year(year)
            with self._lock:
                if len(self._facts) > _FACTS_CACHE_SIZE:
                    self._facts.clear()
                self._facts[key] = found
        return found

    def _day(self, ordinal: int) -> tuple[Windows, bool]:
        """A date's windows and whether the next date cuts them at its midnight."""
        rules = self.rules_on(ordinal)
        windows = rules.windows_on(ordinal, self.facts(rules, year_of(ordinal)))
        after = self.rules_on(ordinal + 1)
        cut = after.closes(ordinal + 1, self.facts(after, year_of(ordinal + 1)))
        return windows, cut

    def _explicit_day(self, ordinal: int) -> Windows:
        """A date's windows from the explicit rules only (no country data): for build checks."""
        rules = self.rules_on(ordinal)
        windows = rules.overrides.get(ordinal)
        if windows is not None:
            return windows
        day = date.fromordinal(ordinal)
        if day in rules.holidays.dates:
            return ()
        return rules.makeup if day in rules.holidays.workdays else rules.weekly[_weekday(ordinal)]

    def _explicitly_closes(self, ordinal: int) -> bool:
        rules = self.rules_on(ordinal)
        return ordinal in rules.overrides or date.fromordinal(ordinal) in rules.holidays.dates

    # -- refusals when the calendar is built --------------------------------

    def _spill_into(self, ordinal: int) -> tuple[int, int] | None:
        """The date before's spill past midnight and the date's first opening, if they collide."""
        if self._explicitly_closes(ordinal):
            return None
        spill = max((end - US_PER_DAY for _, end in self._explicit_day(ordinal - 1)), default=0)
        first_open = min((start for start, _ in self._explicit_day(ordinal)), default=US_PER_DAY)
        return (spill, first_open) if spill > first_open else None

    def _check_overrides(self) -> None:
        """Refuse an overnight override window that runs into the next date's hours."""
        for rules in self.rules:
            for ordinal in sorted(rules.overrides):
                if self.rules_on(ordinal) is not rules:
                    continue  # another version is in force on that date
                clash = self._spill_into(ordinal + 1)
                if clash is not None:
                    after = date.fromordinal(ordinal + 1).isoformat()
                    raise InvalidHoursError(
                        f"the override of {date.fromordinal(ordinal).isoformat()} runs overnight "
                        f"until {wall_text(clash[0])}, into the hours of {after} (opening at "
                        f"{wall_text(clash[1])}); shorten it or override {after} too"
                    )

    def _check_explicit_makeup(self) -> None:
        for rules in self.rules:
            days = {d for d in rules.holidays.workdays if self.rules_on(d.toordinal()) is rules}
            self._check_makeup(frozenset(days), explicit=True)

    def _check_makeup(self, makeup: frozenset[date], *, explicit: bool = False) -> None:
        """Refuse make-up workdays whose hours collide with a neighbour's overnight window.

        ``explicit``: judge the neighbours by the explicit rules alone (when the
        calendar is built, before any country's data is read).
        """
        for day in sorted(makeup):
            ordinal = day.toordinal()
            rules = self.rules_on(ordinal)
            if ordinal in rules.overrides:
                continue
            before, after = date.fromordinal(ordinal - 1), date.fromordinal(ordinal + 1)
            if explicit:
                previous = self._explicit_day(ordinal - 1)
                following = (
                    None
                    if self._explicitly_closes(ordinal + 1)
                    else self._explicit_day(ordinal + 1)
                )
            else:
                previous = self._day(ordinal - 1)[0]
                following = None if self._day(ordinal)[1] else self._day(ordinal + 1)[0]
            spill = max((end - US_PER_DAY for _, end in previous), default=0)
            first_open = min((start for start, _ in rules.makeup), default=US_PER_DAY)
            if spill > first_open:
                raise InvalidHoursError(
                    f"the make-up workday {day.isoformat()} opens at {wall_text(first_open)}, "
                    f"inside the overnight window of {before.isoformat()} (until "
                    f"{wall_text(spill)}); choose another makeup_day or give the date an override"
                )
            own = max((end - US_PER_DAY for _, end in rules.makeup), default=0)
            next_open = min((start for start, _ in following or ()), default=US_PER_DAY)
            if following is not None and own > next_open:
                raise InvalidHoursError(
                    f"the make-up workday {day.isoformat()} runs overnight until "
                    f"{wall_text(own)}, into the hours of {after.isoformat()} "
                    f"({WEEKDAY_NAMES[_weekday(ordinal + 1)]}); choose another makeup_day or "
                    f"give the date an override"
                )

    def _check_versions(self) -> None:
        """Refuse versions whose windows would overlap across the change date."""
        for rules in self.rules[1:]:
            clash = self._spill_into(rules.first)
            if clash is not None:
                change = date.fromordinal(rules.first)
                raise InvalidHoursError(
                    f"the version in force from {change.isoformat()} opens at "
                    f"{wall_text(clash[1])} on that date, inside the overnight window of the "
                    f"previous version's {date.fromordinal(rules.first - 1).isoformat()} (until "
                    f"{wall_text(clash[0])}); shorten that window or start the version on "
                    f"another date"
                )

    def _opening_bounds(self) -> tuple[bool, int | None, int | None]:
        """Whether any date can open, and the first and last that can when weekly hours end."""
        openings = [
            ordinal
            for rules in self.rules
            for ordinal, windows in rules.overrides.items()
            if windows and self.rules_on(ordinal) is rules
        ]
        for index, rules in enumerate(self.rules):
            if rules.week_us:
                openings.append(max(rules.first, MIN_ORDINAL + 1))
                if index + 1 < len(self.rules):
                    openings.append(self.rules[index + 1].first - 1)
        if not openings:
            return False, None, None
        first = None if self.rules[0].week_us else min(openings)
        last = None if self.rules[-1].week_us else max(openings)
        return True, first, last

    def _warn_uncovered(self, year: int, first: int, stop: int) -> None:
        """Warn (or raise, for a strict version) when a year's holiday data is not official."""
        uncovered: dict[str, bool] = {}
        for index, rules in enumerate(self.rules):
            following = self.starts[index + 1] if index + 1 < len(self.rules) else None
            if rules.first >= stop or (following is not None and following <= first):
                continue  # not in force in this year
            for country in self.facts(rules, year).uncovered:
                uncovered[country] = uncovered.get(country, False) or rules.strict
        if not uncovered:
            return
        message = (
            f"holiday data for {year} is not official for: {'; '.join(uncovered)}; "
            f"deadlines in {year} may miss holidays or make-up workdays"
        )
        if any(uncovered.values()):
            raise HolidayHorizonError(message + " (the calendar is strict)")
        warn_caller(message, HolidayHorizonWarning)
