"""Business calendars: weekly hours, holidays, and exact business-time arithmetic.

* :mod:`.hours`: weekly business hours as data (:class:`WeeklyHours`, :class:`TimeWindow`);
* :mod:`.holidays`: closed dates and make-up workdays (the ``holidays`` package, explicit dates);
* :mod:`.engine`: the arithmetic, integer microseconds in and out;
* :mod:`.business`: :class:`BusinessCalendar`, the engine's face with datetimes;
* :mod:`.index`: the engine's windows as numpy arrays, for whole tables (needs numpy).
"""

from __future__ import annotations

from .business import BusinessCalendar, BusinessWindow
from .hours import TimeWindow, WeeklyHours

__all__ = ["BusinessCalendar", "BusinessWindow", "TimeWindow", "WeeklyHours"]
