"""Benchmark: first-response deadlines for a million tickets, per input kind, against a ceiling.

Run it with ``python benchmarks/batch.py`` (``pip install -e ".[test]"`` first;
polars and pyarrow are part of it). It prints, in one run:

* **kinds**: rows per second of ``batch.first_response_deadlines`` for each
  kind of input: pandas (text as ``str``), pandas with ``category`` columns,
  polars (``String``, and ``Categorical``) and Arrow (``string``, and
  dictionary columns), one calendar (Asia/Shanghai, Monday to Friday
  09:00-18:00, no holidays; the zone has no DST). Beside them:

  - the **ceiling**: the same deadlines computed here in closed form with
    numpy's business-day arithmetic (``np.busday_offset``), from the category
    codes and the integer instants, written without the library's code and
    valid only for such a calendar. It is checked to agree with the library
    on every row. Target: each coded kind within 1.2x of its time;
  - pandas ``CustomBusinessHour`` on the same rows, the way analysts use it:
    a loop over rows (its whole-index route is not vectorised and warns so),
    timed on a 20,000-row sample and scaled.

  Each figure is the median of ``--repeats`` runs, the kinds interleaved so
  that a busy moment of a shared machine does not favour one of them.
* **zones**: the realistic case, half the rows in Asia/Shanghai with China's
  holidays and make-up workdays, half in America/New_York (DST), grouped by
  zone; with pandas ``CustomBusinessHour`` beside it (target: at least 100x);
* **memory**: the peak memory per row beyond the input frame: ``tracemalloc``
  (which sees numpy's and pandas' allocations) and, as a cross-check that also
  sees pyarrow's memory pool and allocator overhead, the growth of the resident
  set of a forked child that does the same call (target: under 200 bytes);
* **span**: our time for spans of 4 and of 2,000 business hours (it should be flat);
* **check**: how many rows agree with the scalar ``first_response_deadline`` on a sample.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder comes first on the import path, and its
# calendar.py would shadow the standard library's calendar (which holidays and
# pandas import): keep the folder off the path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import holidays  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import connected_care_sla as sla  # noqa: E402
from connected_care_sla import BusinessCalendar, Policy  # noqa: E402

ZONES = ("Asia/Shanghai", "America/New_York")
PLANS = ("Basic", "Developer", "Enterprise", "Premium")
SEVERITIES = ("S1", "S2", "S3", "S4")
SAMPLE = 20_000


def calendars() -> dict[str, BusinessCalendar]:
    return {
        "Asia/Shanghai": BusinessCalendar("Asia/Shanghai", holidays="CN"),
        "America/New_York": BusinessCalendar("America/New_York", holidays="US"),
    }


def random_tickets(count: int, seed: int) -> pd.DataFrame:
    """Tickets as ``read_csv(..., parse_dates=...)`` gives them: str columns, UTC instants."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-01-01", tz="UTC").value // 1_000
    created = start + rng.integers(0, 365 * 86_400 * 10**6, count)
    return pd.DataFrame(
        {
            "plan": pd.array(rng.choice(PLANS, count), dtype="str"),
            "severity": pd.array(rng.choice(SEVERITIES, count), dtype="str"),
            "created_at": pd.DatetimeIndex(created.view("M8[us]")).tz_localize("UTC"),
            "zone": pd.array(rng.choice(ZONES, count), dtype="str"),
        }
    )


def best_of(runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - began)
    return best


def pandas_loop(frame: pd.DataFrame, *, with_holidays: bool = True) -> Callable[[], list[Any]]:
    """The usual pandas route: one CustomBusinessHour addition per business-hour row.

    Everything that is not the addition is prepared outside the timed loop:
    the naive local times (CustomBusinessHour needs them; it knows nothing of
    DST or make-up workdays, so its answers differ: only the cost is compared),
    each row's target, and one offset per (zone, hours) with the zone's holidays.
    """
    policy = sla.connected_care_policy()
    offsets: dict[tuple[str, int], Any] = {}
    for zone in ZONES:
        country = "CN" if zone == "Asia/Shanghai" else "US"
        days = sorted(holidays.country_holidays(country, years=range(2025, 2027)))
        days = days if with_holidays else []
        for hours in (4, 8, 12, 24):
            offsets[zone, hours] = (
                pd.offsets.CustomBusinessHour(start="09:00", end="18:00", holidays=days) * hours
            )
    local = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]")
    for zone in ZONES:
        rows = frame["zone"] == zone
        local[rows] = frame.loc[rows, "created_at"].dt.tz_convert(zone).dt.tz_localize(None)
    steps: list[Any] = []
    for plan, severity, zone in zip(frame["plan"], frame["severity"], frame["zone"], strict=True):
        target = policy.target(plan, severity)
        if target is None:
            steps.append(None)
        elif target.is_business:
            steps.append(offsets[zone, int(target.duration.total_seconds()) // 3600])
        else:
            steps.append(pd.Timedelta(target.duration))
    times = list(local)

    def loop() -> list[Any]:
        return [
            pd.NaT if step is None else at + step for at, step in zip(times, steps, strict=True)
        ]

    return loop


# -- kinds: each input kind against the closed-form ceiling ------------------------------

HOUR_US = 3_600_000_000
DAY_US = 24 * HOUR_US
OPENS_US, CLOSES_US = 9 * HOUR_US, 18 * HOUR_US
SHANGHAI_OFFSET_US = 8 * HOUR_US  # Asia/Shanghai: UTC+08:00 all year, no DST since 1991


def ceiling(frame: pd.DataFrame) -> np.ndarray:
    """The deadlines (µs since the epoch, NaT for no target) in closed form, with numpy.

    For one calendar only: Monday to Friday 09:00-18:00 at a fixed UTC+08:00,
    no holidays. ``frame`` has ``category`` columns for plan and severity and a
    tz-aware ``created_at``; the response table is read once per pair of
    categories. A business target starts at the creation, or at the next
    opening outside the hours; what the first day cannot hold is laid on whole
    business days of nine hours, found with ``np.busday_offset``, and a target
    that runs out at 18:00 is due at 18:00.
    """
    policy = sla.connected_care_policy()
    plans, severities = frame["plan"].array, frame["severity"].array
    width = len(severities.categories)
    cells = len(plans.categories) * width
    amounts = np.zeros(cells, dtype=np.int64)
    business = np.zeros(cells, dtype=bool)
    known = np.zeros(cells, dtype=bool)
    for i, plan in enumerate(plans.categories):
        for j, severity in enumerate(severities.categories):
            target = policy.target(plan, severity)
            if target is not None:
                amounts[i * width + j] = target.duration // pd.Timedelta(microseconds=1)
                business[i * width + j] = target.is_business
                known[i * width + j] = True
    cell = plans.codes.astype(np.int64) * width + severities.codes
    amount = amounts[cell]
    created = frame["created_at"].array.as_unit("us").asi8
    deadline = created + amount  # wall-clock targets
    rows = np.flatnonzero(business[cell])
    local = created[rows] + SHANGHAI_OFFSET_US
    left = amount[rows]
    day = local // DAY_US
    wall = local - day * DAY_US
    workday = np.is_busday(day.view("M8[D]"))
    today = workday & (wall < CLOSES_US)
    # Outside the hours, the clock starts at the next opening.
    later = np.busday_offset(day.view("M8[D]"), np.where(workday, 1, 0), roll="forward")
    start_day = np.where(today, day, later.view(np.int64))
    start_wall = np.where(today, np.maximum(wall, OPENS_US), OPENS_US)
    first = CLOSES_US - start_wall
    rest = left - first
    span = CLOSES_US - OPENS_US
    days = np.maximum((rest + span - 1) // span, 0)
    end_day = np.busday_offset(start_day.view("M8[D]"), days).view(np.int64)
    local_deadline = np.where(
        rest <= 0,
        start_day * DAY_US + start_wall + left,
        end_day * DAY_US + OPENS_US + rest - (days - 1) * span,
    )
    deadline[rows] = local_deadline - SHANGHAI_OFFSET_US
    deadline[~known[cell]] = np.iinfo(np.int64).min
    return deadline


def input_kinds(frame: pd.DataFrame) -> dict[str, Any]:
    """The same tickets in each kind of input (built outside the timing)."""
    import polars as pl
    import pyarrow as pa

    coded = frame.astype({"plan": "category", "severity": "category"})
    text = pa.Table.from_pandas(frame, preserve_index=False)
    polars_text = pl.from_arrow(text)
    assert isinstance(polars_text, pl.DataFrame)
    return {
        "pandas, str": frame,
        "pandas, category": coded,
        "polars, String": polars_text,
        "polars, Categorical": polars_text.with_columns(
            pl.col("plan", "severity").cast(pl.Categorical)
        ),
        "Arrow, string": text,
        "Arrow, dictionary": pa.Table.from_pandas(coded, preserve_index=False),
    }


def median_times(
    actions: dict[str, Callable[[], object]], repeats: int, clock: Callable[[], float]
) -> dict[str, float]:
    """The median time of each action over ``repeats`` rounds, the actions interleaved."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for action in actions.values():
        action()  # warm: year tables, imports
    for _ in range(repeats):
        for name, action in actions.items():
            began = clock()
            action()
            times[name].append(clock() - began)
    return {name: float(np.median(values)) for name, values in times.items()}


def deadlines_of(out: Any) -> np.ndarray:
    """The ``deadline`` column of any kind of result, as µs since the epoch (NaT: min)."""
    import pyarrow as pa

    if isinstance(out, pd.DataFrame):
        return np.asarray(out["deadline"].array.as_unit("us").asi8)
    arrow = out if isinstance(out, pa.Table) else out.to_arrow()
    column = arrow.column("deadline").cast(pa.int64())
    return np.asarray(column.fill_null(np.iinfo(np.int64).min).to_numpy())


def kinds_section(count: int, seed: int, repeats: int, *, cpu: bool = False) -> None:
    frame = random_tickets(count, seed).drop(columns="zone")
    calendar = BusinessCalendar("Asia/Shanghai")
    tables = input_kinds(frame)
    coded = tables["pandas, category"]
    actions: dict[str, Callable[[], object]] = {
        "ceiling (numpy, closed form)": lambda: ceiling(coded)
    }
    for name, table in tables.items():
        actions[name] = lambda table=table: sla.batch.first_response_deadlines(
            table, calendar=calendar
        )
    expected = ceiling(coded)
    for name, table in tables.items():
        got = deadlines_of(sla.batch.first_response_deadlines(table, calendar=calendar))
        if not np.array_equal(got, expected):
            raise SystemExit(
                f"{name}: {int((got != expected).sum()):,} rows differ from the ceiling"
            )
    times = median_times(actions, repeats, time.process_time if cpu else time.perf_counter)
    print(
        f"kinds:   {count:,} tickets created in 2025, one calendar (Asia/Shanghai, Mon-Fri "
        f"09:00-18:00, no holidays, no DST); median {'CPU' if cpu else 'wall'} time of "
        f"{repeats} runs, interleaved; every kind agrees with the ceiling on every row"
    )
    top = times["ceiling (numpy, closed form)"]
    for name, seconds in times.items():
        print(
            f"  {name:<30} {count / seconds:>12,.0f} rows/s  {seconds * 1000:7.1f} ms  "
            f"{seconds / top:5.2f}x the ceiling"
        )
    sample = frame.assign(zone="Asia/Shanghai").sample(n=min(SAMPLE, count), random_state=seed)
    loop = pandas_loop(sample, with_holidays=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' PerformanceWarnings, if any
        theirs = float(np.median([best_of(1, loop) for _ in range(3)]))
    print(
        f"  {'pandas CustomBusinessHour':<30} {len(sample) / theirs:>12,.0f} rows/s  (a loop "
        f"over rows, timed on a {len(sample):,}-row sample, median of 3)"
    )
    print("  target: the coded kinds (category, Categorical, dictionary) within 1.2x the ceiling")


def peak_tracemalloc(action: Callable[[], object], rows: int) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return (peak - before) / rows


def _rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss_growth(action: Callable[[], object], rows: int) -> float | None:
    """Growth of the resident set of a forked child running ``action`` (Linux only)."""
    if not hasattr(os, "fork") or not os.path.exists("/proc/self/statm"):
        return None
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        os.close(reader)
        gc.collect()
        start = _rss_bytes()
        action()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        os.write(writer, f"{peak - max(start, 0)}".encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as pipe:
        text = pipe.read()
    os.waitpid(child, 0)
    return int(text) / rows if text else None


def span_policy(hours: int) -> Policy:
    return Policy.from_mapping(
        {
            "name": f"{hours} business hours",
            "severities": {"S1": "Any."},
            "first_response": {"P": {"S1": f"{hours}h business"}},
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-n", "--tickets", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeats", type=int, default=7, help="runs per kind (median)")
    parser.add_argument(
        "--kinds-only", action="store_true", help="only the input kinds against the ceiling"
    )
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time the kinds in CPU seconds of this process (all its threads), steadier than "
        "wall time on a machine that others share",
    )
    args = parser.parse_args()
    count = args.tickets

    kinds_section(count, args.seed, args.repeats, cpu=args.cpu)
    if args.kinds_only:
        return

    by_zone = calendars()
    frame = random_tickets(count, args.seed)
    options: dict[str, Any] = {"zone": "zone", "calendars": by_zone}
    run = lambda: sla.batch.first_response_deadlines(frame, **options)  # noqa: E731

    print(
        f"zones:   {count:,} random tickets created in 2025: Asia/Shanghai (CN holidays and "
        f"make-up workdays) and America/New_York (DST, US holidays); {os.cpu_count()} CPUs, "
        f"one used"
    )
    began = time.perf_counter()
    out = run()
    first = time.perf_counter() - began
    ours = best_of(5, run)
    print(
        f"ours:    {count / ours:>12,.0f} rows/s  ({ours:.3f} s for all rows, best of 5; "
        f"first call {first:.3f} s, building the year tables)"
    )

    sample = frame.sample(n=min(SAMPLE, count), random_state=args.seed)
    loop = pandas_loop(sample)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' PerformanceWarnings, if any
        theirs = best_of(2, loop)
    pandas_rate = len(sample) / theirs
    print(
        f"pandas:  {pandas_rate:>12,.0f} rows/s  (CustomBusinessHour in a loop over rows, timed "
        f"on a {len(sample):,}-row sample: {theirs:.2f} s; scaled to {count:,} rows: "
        f"{count / pandas_rate:,.0f} s)"
    )
    print(f"ratio:   {theirs / len(sample) / (ours / count):>12,.0f}x  (target: at least 100x)")

    per_row = peak_tracemalloc(run, count)
    rss = peak_rss_growth(run, count)
    rss_text = "" if rss is None else f"; resident-set growth of a forked child: {rss:.0f}"
    print(
        f"memory:  {per_row:>12.0f} bytes/row of peak allocation beyond the input frame "
        f"(tracemalloc{rss_text}; target: under 200)"
    )

    spans: dict[int, float] = {4: float("inf"), 2000: float("inf")}
    runs = {}
    for hours in spans:
        policy = span_policy(hours)
        plans = pd.Series(["P"] * count)
        severities = pd.Series(["S1"] * count)

        def one(policy: Policy = policy, plans: Any = plans, severities: Any = severities) -> Any:
            return sla.batch.first_response_deadlines(
                None,
                plan=plans,
                severity=severities,
                created=frame["created_at"],
                calendar=by_zone["Asia/Shanghai"],
                policy=policy,
            )

        one()
        runs[hours] = one
    for _ in range(5):  # interleaved, so that a busy moment does not favour one span
        for hours, one in runs.items():
            spans[hours] = min(spans[hours], best_of(1, one))
    print(
        f"span:    {spans[4]:.3f} s at 4 business hours, {spans[2000]:.3f} s at 2,000 "
        f"(every row a business target, Asia/Shanghai with CN holidays): "
        f"{spans[2000] / spans[4]:.2f}x (1.0 is flat)"
    )

    check = out.sample(n=min(2_000, count), random_state=1)
    agree = 0
    for row in check.itertuples():
        expected = sla.first_response_deadline(
            row.plan, row.severity, row.created_at.to_pydatetime(), by_zone[row.zone]
        )
        got = None if pd.isna(row.deadline) else row.deadline.to_pydatetime()
        agree += expected == got
    print(f"check:   {agree:,} of {len(check):,} sampled rows equal first_response_deadline")


if __name__ == "__main__":
    main()
