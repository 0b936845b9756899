"""Benchmark: BusinessCalendar.add against pandas CustomBusinessHour.

Run it with ``python benchmarks/calendar.py`` (pandas must be installed:
``pip install -e ".[test]"``). Both libraries get the same random ticket
creation times in Asia/Shanghai with China's public holidays, and the same
spans of 4, 24 and 2,000 business hours. It prints deadlines per second for
each, their ratio, and how often the two agree (they differ by design: pandas
moves a deadline that ends exactly at 18:00 to 09:00 the next business day and
knows nothing of China's make-up workdays).
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's ``calendar`` module, which
# ``holidays`` and pandas import: keep this folder off the import path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timedelta  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import holidays  # noqa: E402
import pandas as pd  # noqa: E402

from connected_care_sla import BusinessCalendar  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
SPANS_HOURS = (4, 24, 2000)


def random_creation_times(count: int, seed: int) -> list[datetime]:
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=ZONE)
    return [
        start + timedelta(seconds=rng.randrange(365 * 86_400), microseconds=rng.randrange(10**6))
        for _ in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--tickets", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per library and span; the best counts"
    )
    args = parser.parse_args()

    created = random_creation_times(args.tickets, args.seed)
    calendar = BusinessCalendar(ZONE, holidays="CN")
    cn_days = sorted(holidays.country_holidays("CN", years=range(2025, 2028)))
    naive = [pd.Timestamp(c.replace(tzinfo=None)) for c in created]

    print(
        f"{args.tickets:,} random creation times in 2025, Asia/Shanghai, CN holidays; "
        f"best of {args.repeat} runs each"
    )
    print(f"{'span':>8} {'ours/s':>12} {'pandas/s':>12} {'ratio':>7} {'agree':>7}")
    own_cost: dict[int, float] = {}
    for hours in SPANS_HOURS:
        span = timedelta(hours=hours)
        calendar.add(created[0], span)  # build the year tables once, as a backend would
        own = other = float("inf")
        for _ in range(args.repeat):
            began = time.perf_counter()
            ours = [calendar.add(c, span) for c in created]
            own = min(own, time.perf_counter() - began)
        own_cost[hours] = own / len(created)

        offset = pd.offsets.CustomBusinessHour(start="09:00", end="18:00", holidays=cn_days) * hours
        for _ in range(args.repeat):
            began = time.perf_counter()
            theirs = [t + offset for t in naive]
            other = min(other, time.perf_counter() - began)

        agree = sum(
            o.replace(tzinfo=None) == t.to_pydatetime() for o, t in zip(ours, theirs, strict=True)
        )
        print(
            f"{hours:>7}h {len(created) / own:>12,.0f} {len(created) / other:>12,.0f} "
            f"{other / own:>6.1f}x {agree / len(created):>7.1%}"
        )
    flat = own_cost[SPANS_HOURS[-1]] / own_cost[SPANS_HOURS[0]]
    print(f"our cost at {SPANS_HOURS[-1]} h / at {SPANS_HOURS[0]} h: {flat:.2f}x (1.0 is flat)")


if __name__ == "__main__":
    main()
