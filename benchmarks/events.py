"""Benchmark: batch deadlines with a table of events beside the tickets, against none.

Run it with ``python benchmarks/events.py`` (``--cpu`` for CPU time, steadier
on a shared machine). 100,000 tickets in Asia/Shanghai
(one calendar, the built-in policy), answered and judged at ``now``; then the
same with an events table giving a tenth of them a severity change (ISO 8601
text, as an export has it); the same events under a policy that counts a
new target from the change; and under a pausable policy with a half-hour
pause on each such ticket (three events per ticket). It prints each time and
the ratio to the run without events. All three stay on the vectorised path:
the events table is read with column operations, and only tickets whose
history needs the scalar reading are taken one by one.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder comes first on the import path, and its
# calendar.py would shadow the standard library's calendar: keep it off the path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import dataclasses  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from connected_care_sla import connected_care_policy  # noqa: E402
from connected_care_sla.batch import first_response_deadlines  # noqa: E402

COUNT = 100_000


def tables(count: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    base = pd.Timestamp("2025-03-01", tz="Asia/Shanghai")
    created = base + pd.to_timedelta(rng.integers(0, 300 * 86_400, count), unit="s")
    tickets = pd.DataFrame(
        {
            "ticket_id": np.arange(count),
            "plan": rng.choice(["Developer", "Enterprise", "Premium", "Basic"], count),
            "severity": rng.choice(["S1", "S2", "S3", "S4"], count),
            "created_at": created,
            "first_response_at": created
            + pd.to_timedelta(rng.integers(60, 30 * 3_600, count), unit="s"),
        }
    )
    some = rng.choice(count, count // 10, replace=False)
    at = tickets["created_at"].iloc[some] + pd.to_timedelta(
        rng.integers(0, 3_600, len(some)), unit="s"
    )
    events = pd.DataFrame(
        {
            "ticket_id": some,
            "at": [t.isoformat() for t in at],
            "severity": rng.choice(["S1", "S2"], len(some)),
        }
    )
    return tickets, events


#: With ``--cpu``, the process's CPU time (steadier on a shared machine) instead of
#: the wall-clock time.
CLOCK: Callable[[], float] = time.process_time if "--cpu" in sys.argv else time.perf_counter
RUNS = 7


def median_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = CLOCK()
        action()
        times.append(CLOCK() - start)
    return statistics.median(times)


def main() -> None:
    tickets, events = tables(COUNT)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    from_change = dataclasses.replace(connected_care_policy(), retarget="from-change")

    def run(**options: object) -> object:
        return first_response_deadlines(
            tickets, calendar="Asia/Shanghai", responded="first_response_at", now=now, **options
        )

    run()
    bare = median_of(RUNS, run)
    with_events = median_of(RUNS, lambda: run(events=events))
    changed = median_of(RUNS, lambda: run(events=events, policy=from_change))
    pausable = dataclasses.replace(connected_care_policy(), pausable=True)
    starts = pd.to_datetime(events["at"], format="ISO8601")
    half = pd.Timedelta(minutes=30)
    pauses = pd.concat(
        [
            events,
            events.assign(severity=None, pause="start"),
            events.assign(severity=None, pause="end", at=[(t + half).isoformat() for t in starts]),
        ],
        ignore_index=True,
    )
    paused = median_of(RUNS, lambda: run(events=pauses, policy=pausable))
    kind = "CPU" if CLOCK is time.process_time else "wall-clock"
    print(f"{COUNT:,} tickets, {len(events):,} changes (a tenth of the tickets)")
    print(f"  median {kind} time of {RUNS} runs")
    print(f"  no events:                        {bare:.3f}s")
    print(f"  changes, from-creation:           {with_events:.3f}s  ({with_events / bare:.1f}x)")
    print(f"  changes, from-change:             {changed:.3f}s  ({changed / bare:.1f}x)")
    print(f"  changes and pauses, pausable:     {paused:.3f}s  ({paused / bare:.1f}x)")


if __name__ == "__main__":
    main()
