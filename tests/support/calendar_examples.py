"""Named ``BusinessCalendar.add`` examples, written out by hand.

Each expected value was worked out on paper from SPEC section 3. Where another
library answers differently, a comment says so: that difference is the reason
the example exists. ``tests/calendar/test_examples.py`` runs them;
``tests/contract/test_process_tz.py`` replays them in subprocesses with a
different process time zone, which is why they are plain data here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from connected_care_sla import BusinessCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
US = timedelta(microseconds=1)
H = timedelta(hours=1)
ALWAYS = {"Mon-Sun": "00:00-24:00"}


def at(text: str, zone: ZoneInfo) -> datetime:
    """A local wall time; ``fold=1`` when the text ends in ``'#2'`` (second occurrence)."""
    fold = 1 if text.endswith("#2") else 0
    naive = datetime.fromisoformat(text.removesuffix("#2"))
    return naive.replace(tzinfo=zone, fold=fold)


class AddExample(NamedTuple):
    """``BusinessCalendar(zone, hours, holidays).add(start, duration) == expected``."""

    name: str
    zone: str
    hours: Any
    holidays: Any
    start: str  # local wall time in ``zone`` (ISO, '#2' = second occurrence)
    duration: timedelta
    expected: str  # ISO 8601 with offset, as ``isoformat()`` prints the result

    def calendar(self) -> BusinessCalendar:
        return BusinessCalendar(self.zone, self.hours, self.holidays)

    def run(self) -> str:
        return self.calendar().add(at(self.start, ZoneInfo(self.zone)), self.duration).isoformat()


ADD_EXAMPLES = [
    # pandas CustomBusinessHour rolls a result at 18:00 to 09:00 of the next business day.
    AddExample(
        "four-hours-ending-at-close-is-due-at-close",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-09T14:00",
        4 * H,
        "2025-06-09T18:00:00+08:00",
    ),
    AddExample(
        "last-microsecond-before-close",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-09T17:59:59.999999",
        US,
        "2025-06-09T18:00:00+08:00",
    ),
    AddExample(
        "last-second-before-close",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-09T17:59:59",
        timedelta(seconds=1),
        "2025-06-09T18:00:00+08:00",
    ),
    AddExample(
        "microseconds-kept-through-a-weekend",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-06T17:59:59.999999",
        2 * US,
        "2025-06-09T09:00:00.000001+08:00",
    ),
    AddExample(
        "friday-1759-plus-one-minute-is-friday-close",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-06T17:59",
        timedelta(minutes=1),
        "2025-06-06T18:00:00+08:00",
    ),
    AddExample(
        "friday-1759-plus-two-minutes-is-monday-0901",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-06T17:59",
        timedelta(minutes=2),
        "2025-06-09T09:01:00+08:00",
    ),
    AddExample(
        "created-at-close-starts-at-next-opening",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-06T18:00",
        H,
        "2025-06-09T10:00:00+08:00",
    ),
    AddExample(
        "twenty-four-business-hours-is-two-days-and-six-hours",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-09T09:00",
        24 * H,
        "2025-06-11T15:00:00+08:00",
    ),
    AddExample(
        "us-independence-day-eve",
        "America/New_York",
        None,
        "US",
        "2025-07-03T17:00",
        2 * H,
        "2025-07-07T10:00:00-04:00",
    ),
    AddExample(
        "overnight-window-cut-at-a-holidays-midnight",
        "Europe/Berlin",
        {"Mon-Sun": "22:00-06:00"},
        [date(2025, 12, 25)],
        "2025-12-24T23:00",
        2 * H,
        "2025-12-26T23:00:00+01:00",
    ),
    AddExample(
        "china-national-day",
        "Asia/Shanghai",
        None,
        "CN",
        "2025-09-30T16:30",
        4 * H,
        "2025-10-09T11:30:00+08:00",
    ),
    AddExample(
        "china-makeup-saturday-after-national-day",
        "Asia/Shanghai",
        None,
        "CN",
        "2025-10-10T17:00",
        2 * H,
        "2025-10-11T10:00:00+08:00",
    ),
    AddExample(
        # The calendar: BusinessCalendar("Asia/Shanghai", holidays="CN").
        # Fri 17-18 (1h), Sun 28th is a make-up workday (9h), Mon (9h), Tue 09-14 (5h).
        "issue-example-shanghai-cn-24-business-hours",
        "Asia/Shanghai",
        None,
        "CN",
        "2025-09-26T17:00",
        24 * H,
        "2025-09-30T14:00:00+08:00",
    ),
    AddExample(
        "new-york-spring-forward-24x7-day-holds-23-hours",
        "America/New_York",
        ALWAYS,
        None,
        "2025-03-09T00:00",
        23 * H,
        "2025-03-10T00:00:00-04:00",
    ),
    AddExample(
        "new-york-spring-forward-24x7-one-hour-after-0100",
        "America/New_York",
        ALWAYS,
        None,
        "2025-03-09T01:00",
        H,
        "2025-03-09T03:00:00-04:00",
    ),
    AddExample(
        "new-york-fall-back-24x7-day-holds-25-hours",
        "America/New_York",
        ALWAYS,
        None,
        "2025-11-02T00:00",
        25 * H,
        "2025-11-03T00:00:00-05:00",
    ),
    AddExample(
        "new-york-fall-back-24x7-first-0130-plus-one-hour-is-second-0130",
        "America/New_York",
        ALWAYS,
        None,
        "2025-11-02T01:30",
        H,
        "2025-11-02T01:30:00-05:00",
    ),
    AddExample(
        "new-york-spring-weekend-default-hours",
        "America/New_York",
        None,
        None,
        "2025-03-07T17:00",
        2 * H,
        "2025-03-10T10:00:00-04:00",
    ),
    AddExample(
        "new-york-fall-weekend-default-hours",
        "America/New_York",
        None,
        None,
        "2025-10-31T17:00",
        2 * H,
        "2025-11-03T10:00:00-05:00",
    ),
    AddExample(
        "new-york-window-edge-in-gap-opens-at-0300-edt",
        "America/New_York",
        {"Sun": "02:30-05:00"},
        None,
        "2025-03-09T00:00",
        H,
        "2025-03-09T04:00:00-04:00",
    ),
    AddExample(
        "new-york-window-edge-in-overlap-opens-at-first-occurrence",
        "America/New_York",
        {"Sun": "01:30-03:00"},
        None,
        "2025-11-02T00:00",
        2 * H,
        "2025-11-02T02:30:00-05:00",
    ),
    AddExample(
        "berlin-spring-forward-24x7",
        "Europe/Berlin",
        ALWAYS,
        None,
        "2025-03-30T00:00",
        23 * H,
        "2025-03-31T00:00:00+02:00",
    ),
    AddExample(
        "berlin-fall-back-window-0100-0400-holds-4-hours",
        "Europe/Berlin",
        {"Sun": "01:00-04:00"},
        None,
        "2025-10-26T01:00",
        3 * H,
        "2025-10-26T03:00:00+01:00",
    ),
    AddExample(
        "berlin-spring-forward-window-0100-0400-holds-2-hours",
        "Europe/Berlin",
        {"Sun": "01:00-04:00"},
        None,
        "2025-03-30T01:00",
        2 * H,
        "2025-03-30T04:00:00+02:00",
    ),
    AddExample(
        "lord-howe-half-hour-spring-forward-24x7",
        "Australia/Lord_Howe",
        ALWAYS,
        None,
        "2025-10-05T00:00",
        timedelta(hours=23, minutes=30),
        "2025-10-06T00:00:00+11:00",
    ),
    AddExample(
        "lord-howe-half-hour-fall-back-24x7",
        "Australia/Lord_Howe",
        ALWAYS,
        None,
        "2025-04-06T00:00",
        timedelta(hours=24, minutes=30),
        "2025-04-07T00:00:00+10:30",
    ),
    AddExample(
        "overnight-window-friday-night-to-saturday-close",
        "Asia/Shanghai",
        {"Mon-Fri": "22:00-06:00"},
        None,
        "2025-06-06T23:00",
        7 * H,
        "2025-06-07T06:00:00+08:00",
    ),
    AddExample(
        "overnight-window-skips-the-weekend",
        "Asia/Shanghai",
        {"Mon-Fri": "22:00-06:00"},
        None,
        "2025-06-06T23:00",
        8 * H,
        "2025-06-09T23:00:00+08:00",
    ),
    AddExample(
        # Fri 17:00 EST + 2h: 1h Friday, 1h Monday, and Monday is already daylight time.
        "year-2090-deadline",
        "America/New_York",
        None,
        None,
        "2090-03-10T17:00",
        2 * H,
        "2090-03-13T10:00:00-04:00",
    ),
    AddExample(
        "subtract-across-a-weekend",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-09T10:00",
        -2 * H,
        "2025-06-06T17:00:00+08:00",
    ),
    AddExample(
        "negative-exactly-a-day-lands-on-the-opening",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-10T09:00",
        -9 * H,
        "2025-06-09T09:00:00+08:00",
    ),
    AddExample(
        "negative-back-to-the-opening-stays-on-the-opening",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-09T12:00",
        -3 * H,
        "2025-06-09T09:00:00+08:00",
    ),
    AddExample(
        "negative-one-microsecond-from-opening",
        "Asia/Shanghai",
        None,
        None,
        "2025-06-09T09:00",
        -US,
        "2025-06-06T17:59:59.999999+08:00",
    ),
]
