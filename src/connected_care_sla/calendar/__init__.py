"""Business calendars: weekly hours, holidays, and exact business-time arithmetic.

* `hours`: weekly business hours as data ([`WeeklyHours`][connected_care_sla.WeeklyHours],
  [`TimeWindow`][connected_care_sla.TimeWindow]);
* `holidays`: closed dates and make-up workdays (the ``holidays`` package, explicit dates);
* `engine`: the arithmetic, integer microseconds in and out;
* `business`: [`BusinessCalendar`][connected_care_sla.BusinessCalendar], the engine's face with
  datetimes;
* `rules`: each version's rules in integers, and the refusals of windows that collide;
* `data` and `files`: calendars as plain data and TOML files (`load_calendar`);
* `feeds`: holidays from iCalendar feeds (the ``ics`` extra);
* `index`: the engine's windows as numpy arrays, for whole tables (needs numpy).
"""

from __future__ import annotations

from .business import BusinessCalendar, BusinessWindow
from .files import CalendarSet, freeze_holidays, load_calendar, load_calendars
from .hours import TimeWindow, WeeklyHours

__all__ = [
    "BusinessCalendar",
    "BusinessWindow",
    "CalendarSet",
    "TimeWindow",
    "WeeklyHours",
    "freeze_holidays",
    "load_calendar",
    "load_calendars",
]
