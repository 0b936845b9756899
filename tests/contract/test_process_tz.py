"""The process time zone (``TZ``) must not change any answer.

A few examples from ``support/calendar_examples.py`` are replayed in fresh
interpreters with ``TZ`` set to UTC, Asia/Shanghai and America/New_York; every
run must print the same lines, and those lines must be the expected answers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from support import ROOT
from support.calendar_examples import ADD_EXAMPLES

TESTS = ROOT / "tests"

#: Examples from ADD_EXAMPLES: DST in the calendar's zone, a gap edge, holidays.
NAMES = [
    "four-hours-ending-at-close-is-due-at-close",
    "china-national-day",
    "new-york-spring-forward-24x7-day-holds-23-hours",
    "new-york-fall-back-24x7-first-0130-plus-one-hour-is-second-0130",
    "new-york-window-edge-in-gap-opens-at-0300-edt",
    "berlin-fall-back-window-0100-0400-holds-4-hours",
    "lord-howe-half-hour-spring-forward-24x7",
    "overnight-window-cut-at-a-holidays-midnight",
]

SCRIPT = """
import json, sys
from datetime import datetime, timedelta, timezone
sys.path.insert(0, sys.argv[1])
from support.calendar_examples import ADD_EXAMPLES, SHANGHAI
from connected_care_sla import BusinessCalendar

names = json.loads(sys.argv[2])
lines = [f"{e.name} {e.run()}" for e in ADD_EXAMPLES if e.name in names]
cal = BusinessCalendar("America/New_York", {"Mon-Sun": "00:00-24:00"})
naive_utc = datetime(2025, 3, 9, 6, 30)  # 01:30 EST, half an hour before the gap
lines.append(cal.add(naive_utc.replace(tzinfo=timezone.utc), timedelta(hours=1)).isoformat())
lines.append(str(cal.is_open(datetime(2025, 3, 9, 2, 30, tzinfo=SHANGHAI))))
print("\\n".join(lines))
"""


def _run(tz: str) -> list[str]:
    env = {**os.environ, "TZ": tz, "PYTHONWARNINGS": "error"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(TESTS), json.dumps(NAMES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.fixture(scope="module")
def outputs() -> dict[str, list[str]]:
    return {tz: _run(tz) for tz in ("UTC", "Asia/Shanghai", "America/New_York")}


def test_process_time_zone_does_not_change_answers(outputs: dict[str, list[str]]) -> None:
    first, *others = outputs.values()
    assert all(other == first for other in others), outputs


def test_answers_in_other_process_time_zones_are_the_expected_ones(
    outputs: dict[str, list[str]],
) -> None:
    expected = [f"{e.name} {e.expected}" for e in ADD_EXAMPLES if e.name in NAMES]
    expected += ["2025-03-09T03:30:00-04:00", "True"]
    for tz, lines in outputs.items():
        assert lines == expected, tz
