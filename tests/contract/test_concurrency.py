"""Shared across threads, bounded in memory, and blind to the clock.

A web backend shares calendars and policies between its worker threads: the
same 10,000 deadlines computed from 8 threads at once, all starting on cold
caches, must equal a single-threaded run. Every cache (year tables, window
dates, default calendars per zone) is bounded, so a long-running process that
sees many zones and years does not grow. And nothing reads the system clock or
the process time zone: a fresh interpreter in which every clock read raises
computes the same answers.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import pytest

import connected_care_sla as sla
from connected_care_sla import deadlines as deadline_module
from connected_care_sla.exceptions import HolidayHorizonWarning

THREADS = 8
TICKETS = 10_000


def _calendars() -> list[Any]:
    """Fresh (cold-cache) calendars: holidays, split shifts, overnight, DST, and zone names."""
    return [
        sla.BusinessCalendar("Asia/Shanghai", holidays="CN"),
        sla.BusinessCalendar("America/New_York", holidays="US"),
        sla.BusinessCalendar("Europe/Berlin", {"Mon-Fri": "09:00-12:00, 13:00-18:00"}, "DE"),
        sla.BusinessCalendar("Australia/Lord_Howe", {"Mon-Fri": "22:00-06:00"}),
        sla.BusinessCalendar("America/Santiago", {"Mon-Sun": "00:00-24:00"}, "CL"),
        "Asia/Kolkata",
        "Europe/London",
        "UTC",
    ]


def _policies() -> list[sla.Policy | sla.PolicyBook]:
    builtin = sla.connected_care_policy()
    faster = sla.Policy.from_mapping(
        {
            "name": "Faster",
            "effective_from": date(2026, 1, 1),
            "severities": {"S1": "Down.", "S2": "Slow."},
            "first_response": {
                "Basic": {"S1": "none", "S2": "none"},
                "Developer": {"S1": "2h business", "S2": "30m wall"},
                "Enterprise": {"S1": "30m wall", "S2": "4h business"},
                "Premium": {"S1": "15m wall", "S2": "1h30m business"},
            },
        }
    )
    return [builtin, sla.PolicyBook([builtin, faster])]


def _tickets(seed: int) -> list[tuple[int, int, str, str, datetime]]:
    """(calendar index, policy index, plan, severity, created): fixed by ``seed``.

    Creation instants stay in 2024 to 2026, the years China's holiday data covers.
    """
    rng = random.Random(seed)
    zones = [ZoneInfo(name) for name in ("Asia/Shanghai", "America/New_York", "Europe/Berlin")]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    span = int((datetime(2026, 11, 30, tzinfo=UTC) - start).total_seconds())
    tickets = []
    for _ in range(TICKETS):
        created = start + timedelta(seconds=rng.randrange(span), microseconds=rng.randrange(10**6))
        if rng.random() < 0.3:  # on the hour, where the 09:00 and 18:00 edges are
            created = created.replace(minute=0, second=0, microsecond=0)
        tickets.append(
            (
                rng.randrange(8),
                rng.randrange(2),
                rng.choice(["Basic", "Developer", "Enterprise", "Premium"]),
                rng.choice(["S1", "S2"]),
                created.astimezone(rng.choice(zones)),
            )
        )
    return tickets


Answer = tuple[str, ...]


def _compute(
    tickets: list[tuple[int, int, str, str, datetime]],
    calendars: list[Any],
    policies: list[sla.Policy | sla.PolicyBook],
) -> list[Answer]:
    answers: list[Answer] = []
    for cal_index, policy_index, plan, severity, created in tickets:
        calendar = calendars[cal_index]
        policy = policies[policy_index]
        due = sla.first_response_deadline(plan, severity, created, calendar, policy=policy)
        if due is None:
            answers.append(("none",))
            continue
        if created.microsecond % 4:  # a status for about a quarter of the tickets
            answers.append((due.isoformat(),))
            continue
        status = sla.response_status(
            plan, severity, created, calendar, now=due - timedelta(minutes=5), policy=policy
        )
        answers.append((due.isoformat(), status.state.name, str(status.consumed)))
    return answers


@pytest.fixture(scope="module")
def tickets() -> list[tuple[int, int, str, str, datetime]]:
    return _tickets(seed=20250606)


@pytest.fixture(scope="module")
def single_threaded(tickets: list[tuple[int, int, str, str, datetime]]) -> list[Answer]:
    deadline_module._default_calendar.cache_clear()
    return _compute(tickets, _calendars(), _policies())


def _rotation(index: int) -> list[int]:
    """The order thread ``index`` runs the tickets in: all of them, from a different start."""
    first = index * TICKETS // THREADS
    return [*range(first, TICKETS), *range(first)]


def test_8_threads_give_the_answers_of_one(
    tickets: list[tuple[int, int, str, str, datetime]], single_threaded: list[Answer]
) -> None:
    # Shared objects, all caches cold: the threads build year tables concurrently.
    deadline_module._default_calendar.cache_clear()
    calendars, policies = _calendars(), _policies()
    barrier = threading.Barrier(THREADS)

    def worker(index: int) -> list[Answer]:
        mine = [tickets[i] for i in _rotation(index)]
        barrier.wait()
        return _compute(mine, calendars, policies)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))
    for index, answers in enumerate(results):
        by_ticket = dict(zip(_rotation(index), answers, strict=True))
        assert [by_ticket[i] for i in range(TICKETS)] == single_threaded, f"thread {index}"


def test_the_tickets_cover_what_matters(
    tickets: list[tuple[int, int, str, str, datetime]], single_threaded: list[Answer]
) -> None:
    assert len(single_threaded) == TICKETS
    states = {answer[1] for answer in single_threaded if len(answer) > 1}
    assert {"AT_RISK", "ON_TRACK"} <= states
    assert sum(answer == ("none",) for answer in single_threaded) > 500  # Basic: no target
    assert len({t[0] for t in tickets}) == 8
    assert len({t[1] for t in tickets}) == 2


def test_a_calendar_shared_with_threads_that_warn_still_warns_once_per_call() -> None:
    # Holiday-data warnings are collected per year table; threads must not lose them
    # or raise them in the wrong thread.
    cal = sla.BusinessCalendar("Asia/Shanghai", holidays="CN")
    created = datetime(2031, 6, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    barrier = threading.Barrier(THREADS)

    def worker(_: int) -> datetime:
        barrier.wait()
        return cal.add(created, timedelta(hours=4))

    with pytest.warns(HolidayHorizonWarning), ThreadPoolExecutor(THREADS) as pool:
        answers = set(pool.map(worker, range(THREADS)))
    assert answers == {datetime(2031, 6, 2, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai"))}


# -- bounded caches ------------------------------------------------------------------------


def test_year_and_date_caches_stay_bounded_over_500_years() -> None:
    cal = sla.BusinessCalendar("America/New_York")
    engine = cal._engine
    ny = ZoneInfo("America/New_York")
    for year in range(1800, 2301):
        created = datetime(year, 3, 6, 17, 0, tzinfo=ny)
        due = cal.add(created, timedelta(hours=24))
        assert cal.elapsed(created, due) == timedelta(hours=24)
        cal.windows(created, created + timedelta(days=30))
        assert len(engine._years) <= 256
        assert len(engine._totals) <= 16 * 256 + 1
    assert len(engine._years) == 256  # the bound was reached, and held
    # Long spans go through the year tables too, without keeping them all.
    first, last = datetime(1800, 1, 1, tzinfo=UTC), datetime(2300, 1, 1, tzinfo=UTC)
    assert cal.elapsed(first, last) > timedelta(days=365 * 100)
    assert len(engine._years) <= 256


def test_default_calendars_per_zone_stay_bounded_over_100_zones() -> None:
    deadline_module._default_calendar.cache_clear()
    zones = sorted(available_timezones())[:100]
    created = datetime(2025, 6, 6, 9, 0, tzinfo=UTC)
    for zone in zones:
        sla.first_response_deadline("developer", "S4", created, zone)
    info = deadline_module._default_calendar.cache_info()
    assert info.currsize <= info.maxsize == 32


def test_holiday_and_testing_caches_are_bounded() -> None:
    from connected_care_sla import testing
    from connected_care_sla.calendar import holidays as holiday_module

    bounded: list[Callable[..., Any]] = [
        holiday_module._last_decreed_year,
        testing._transitions,
        testing._gaps,
        testing._covered,
        testing._closed_days,
    ]
    for function in bounded:
        maxsize = function.cache_info().maxsize  # type: ignore[attr-defined]
        assert maxsize is not None, function


# -- no clock, no process time zone -----------------------------------------------------------

#: Run before anything is imported: every read of the clock or of the process time
#: zone raises. ``datetime.datetime`` and ``datetime.date`` are replaced by subclasses
#: whose ``now``/``today``/``utcnow`` raise; ``isinstance`` still accepts every
#: datetime. The C implementation of ``datetime.now`` does not go through the ``time``
#: module, hence the subclasses.
NO_CLOCK = r"""
import datetime as _dt, time as _time


class _AnyDatetime(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, cls.__mro__[1])

    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls.__mro__[1])


def _refuse(what):
    def refuse(*args, **kwargs):
        raise AssertionError(f"{what} was called: the library must not read the clock")
    return refuse


class datetime(_dt.datetime, metaclass=_AnyDatetime):
    now = classmethod(_refuse("datetime.now()"))
    utcnow = classmethod(_refuse("datetime.utcnow()"))
    today = classmethod(_refuse("datetime.today()"))


class date(_dt.date, metaclass=_AnyDatetime):
    today = classmethod(_refuse("date.today()"))


_dt.datetime, _dt.date = datetime, date

# dateutil (imported by holidays) reads time.localtime() once on import, for the
# two-digit years of its default parser, which nothing here uses: the traps on the
# time module are set once the library is imported.
import connected_care_sla, connected_care_sla.cli.main

for _name in ("time", "time_ns", "localtime", "mktime", "ctime", "asctime"):
    setattr(_time, _name, _refuse(f"time.{_name}()"))
_gmtime, _strftime = _time.gmtime, _time.strftime
_time.gmtime = lambda *a: _gmtime(*a) if a else _refuse("time.gmtime()")()
_time.strftime = lambda f, *a: _strftime(f, *a) if a else _refuse("time.strftime()")()
"""

NO_CLOCK_RUN = r"""
import io, contextlib, json, sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo
import connected_care_sla as sla
from connected_care_sla.cli import arguments
from connected_care_sla.cli.main import main

sh, ny = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York")
created = datetime(2025, 9, 30, 16, 30, tzinfo=sh)
china = sla.BusinessCalendar("Asia/Shanghai", holidays="CN")
out = {
    "deadline": sla.first_response_deadline("enterprise", "S3", created, china).isoformat(),
    "status": repr(sla.response_status("developer", "S1", created, "Asia/Shanghai",
                                       now=created + timedelta(days=1))),
    "explain": str(sla.explanation("developer", "S4", created, china)).splitlines()[-1],
    "dst": sla.BusinessCalendar("America/New_York", {"Mon-Sun": "00:00-24:00"})
        .add(datetime(2025, 3, 9, 1, 30, tzinfo=ny), timedelta(hours=1)).isoformat(),
    "table": str(sla.connected_care_policy().target("premium", 1)),
}
# The command line may read the clock, in one place (arguments._now); everything else not.
arguments._now = lambda: datetime(2025, 10, 1, tzinfo=timezone.utc)
buffer = io.StringIO()
with contextlib.redirect_stdout(buffer):
    code = main(["deadline", "developer", "S1", "--created", "2025-06-06T17:00",
                      "--tz", "Asia/Shanghai", "--holidays", "CN", "--json"])
out["cli"] = [code, json.loads(buffer.getvalue())["deadline"]]
print(json.dumps(out))
"""


def test_nothing_reads_the_clock_or_the_process_time_zone() -> None:
    env = {**os.environ, "TZ": "Pacific/Chatham", "PYTHONWARNINGS": "error"}
    done = subprocess.run(
        [sys.executable, "-c", NO_CLOCK + NO_CLOCK_RUN],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out == {
        "deadline": "2025-10-09T15:30:00+08:00",
        # 1.5 h on Tuesday, 7.5 h on Wednesday (no holidays in the default calendar).
        "status": "ResponseStatus(Status.BREACHED, Developer S1, "
        "deadline=2025-10-01T11:30:00+08:00, remaining=-5h, consumed=225.0%)",
        # 1.5 h Tuesday, National Day week closed, 9 h Thursday and Friday, and
        # Saturday 2025-10-11 is a make-up workday: 4.5 h more.
        "explain": "Deadline:     Sat 2025-10-11 13:30:00 +08:00",
        "dst": "2025-03-09T03:30:00-04:00",
        "table": "30 minutes (wall clock, 24x7)",
        "cli": [0, "2025-06-09T12:00:00+08:00"],
    }


def test_the_no_clock_prelude_catches_a_clock_read() -> None:
    probe = "from datetime import datetime\ndatetime.now()\n"
    done = subprocess.run(
        [sys.executable, "-c", NO_CLOCK + probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "datetime.now() was called" in done.stderr
    done = subprocess.run(
        [sys.executable, "-c", NO_CLOCK + "import time\ntime.localtime()\n"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "time.localtime() was called" in done.stderr
