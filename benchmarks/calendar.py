"""Benchmark: BusinessCalendar.add and elapsed against pandas and two business-hours libraries.

Run it with ``python benchmarks/calendar.py`` (``pip install -e ".[bench]"`` first
for the peers; any peer that is missing is reported as such and skipped).
``--quick`` is a smoke run of a few seconds; ``--profile`` adds a cProfile of
``add`` at the shortest and longest span.

Every library gets the same random ticket creation instants (uniform over the
real time of 2025), in Asia/Shanghai with China's public holidays and in
America/New_York with the United States' public holidays, and business hours
Mon-Fri 09:00-18:00. It prints, side by side in one run:

* ``add`` at 4, 24 and 2,000 business hours: ours, pandas ``CustomBusinessHour``
  (the holidays as ``holidays=``, given naive local ``Timestamp`` values prepared
  outside the timing, its fastest path) and ``businesstimedelta`` (a ``Rules``
  of a ``WorkDayRule`` and a ``HolidayRule``);
* ``elapsed`` at 4 and 24 business hours (the end instant is our ``add`` of
  the span): ours, ``businesstime`` (durations only, naive local times) and
  ``businesstimedelta``. pandas has no business-duration function;
* the time of ``import connected_care_sla`` over a bare interpreter;
* the targets, each with PASS or FAIL.

Times are medians of repeated runs, with the fastest and slowest run, since
these machines are noisy; the libraries take turns within each repeat. A slow
peer is timed on a prefix of the same instants, sized to a time budget per run
(the ``calls`` column). Agreement with our answers is printed with the reasons
for the differences, which are by design: pandas moves a deadline that ends
exactly at a close (18:00) to the next opening (09:00 of the next business day),
and no peer knows China's make-up workdays (weekend dates worked in exchange
for a longer holiday).
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's ``calendar`` module, which
# ``holidays`` and pandas import: keep this folder off the import path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import gc  # noqa: E402
import importlib  # noqa: E402
import importlib.metadata  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import UTC, date, datetime, timedelta  # noqa: E402
from datetime import time as clock  # noqa: E402
from typing import Any  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import holidays  # noqa: E402

import connected_care_sla  # noqa: E402
from connected_care_sla import BusinessCalendar  # noqa: E402

OURS = "connected_care_sla"
PANDAS = "pandas CBH"
BTD = "businesstimedelta"
BT = "businesstime"
ADD_SPANS = (4, 24, 2000)
ELAPSED_SPANS = (4, 24)
SITES = (("Asia/Shanghai", "CN"), ("America/New_York", "US"))
HOLIDAY_YEARS = range(2024, 2030)
OPENS, CLOSES = clock(9), clock(18)
WEEKDAYS = (0, 1, 2, 3, 4)

# Targets of issue 10.
PANDAS_FACTOR = 20.0
FLAT_RATIO = 1.15
BUSINESSTIME_FACTOR = 2.0
IMPORT_MS = 40.0


@dataclass(frozen=True, slots=True)
class Settings:
    tickets: int
    seed: int
    repeat: int
    budget: float
    minimum: int
    import_runs: int
    profile: bool
    quick: bool
    wall: bool

    @property
    def clock(self) -> Callable[[], float]:
        """This thread's CPU time (steady when other processes share the cores), or wall time."""
        return time.perf_counter if self.wall else time.thread_time


@dataclass(frozen=True, slots=True)
class Site:
    """One zone with its country's holidays, as each library wants them."""

    zone: ZoneInfo
    country: str
    calendar: BusinessCalendar
    closed: frozenset[date]
    makeup: frozenset[date]


@dataclass(slots=True)
class Runner:
    """One library answering one question for a list of inputs.

    ``prepare`` turns the shared inputs into the library's own (not timed);
    ``run`` makes one call per input (timed); ``answer`` turns one of its
    results into an aware datetime or a timedelta for comparison (not timed).
    """

    name: str
    prepare: Callable[[Sequence[Any]], list[Any]]
    run: Callable[[list[Any]], list[Any]]
    answer: Callable[[Any], Any]
    inputs: list[Any] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)
    failed: str = ""  # why a peer could not run here

    @property
    def median(self) -> float:
        return statistics.median(self.times) / len(self.inputs)


@dataclass(frozen=True, slots=True)
class Peers:
    """The peer libraries that could be imported, and why the others could not."""

    modules: dict[str, Any]
    missing: dict[str, str]


def load_peers() -> Peers:
    modules: dict[str, Any] = {}
    missing: dict[str, str] = {}
    for name, module in (("pandas", "pandas"), (BTD, "businesstimedelta"), (BT, "businesstime")):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                modules[name] = importlib.import_module(module)
        except Exception as error:  # a peer broken on this Python is reported, not fatal
            missing[name] = f"{type(error).__name__}: {error}"
    if BTD in modules:
        try:
            modules["pytz"] = importlib.import_module("pytz")
        except ImportError as error:
            missing[BTD] = f"needs pytz: {error}"
            del modules[BTD]
    return Peers(modules, missing)


def version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def make_site(zone_name: str, country: str) -> Site:
    zone = ZoneInfo(zone_name)
    days = holidays.country_holidays(country, years=HOLIDAY_YEARS)
    makeup = frozenset(getattr(days, "weekend_workdays", ()))
    return Site(zone, country, BusinessCalendar(zone, holidays=country), frozenset(days), makeup)


def creation_instants(count: int, seed: int, zone: ZoneInfo) -> list[datetime]:
    """Random instants, uniform over the real time of 2025, in ``zone``."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    year = 365 * 86_400
    return [
        (
            start + timedelta(seconds=rng.randrange(year), microseconds=rng.randrange(10**6))
        ).astimezone(zone)
        for _ in range(count)
    ]


# -- the contenders ------------------------------------------------------------


def add_runners(site: Site, hours: int, peers: Peers) -> list[Runner]:
    span = timedelta(hours=hours)
    calendar = site.calendar
    runners = [
        Runner(
            OURS,
            list,
            lambda starts: [calendar.add(s, span) for s in starts],
            lambda result: result,
        )
    ]
    if "pandas" in peers.modules:
        pd = peers.modules["pandas"]
        offset = (
            pd.offsets.CustomBusinessHour(start="09:00", end="18:00", holidays=sorted(site.closed))
            * hours
        )
        runners.append(
            Runner(
                PANDAS,
                lambda starts: [pd.Timestamp(s.replace(tzinfo=None)) for s in starts],
                lambda stamps: [t + offset for t in stamps],
                lambda result: result.to_pydatetime().replace(tzinfo=site.zone),
            )
        )
    if BTD in peers.modules:
        rule = btd_rule(site, peers)
        delta = peers.modules[BTD].BusinessTimeDelta(rule, hours=hours)
        runners.append(
            Runner(BTD, list, lambda starts: [s + delta for s in starts], lambda result: result)
        )
    return runners


def elapsed_runners(site: Site, peers: Peers) -> list[Runner]:
    calendar = site.calendar
    runners = [
        Runner(
            OURS,
            list,
            lambda pairs: [calendar.elapsed(a, b) for a, b in pairs],
            lambda result: result,
        )
    ]
    if BT in peers.modules:
        clock_ = peers.modules[BT].BusinessTime(
            business_hours=(OPENS, CLOSES), weekends=(5, 6), holidays=site.closed
        )
        runners.append(
            Runner(
                BT,
                lambda pairs: [(a.replace(tzinfo=None), b.replace(tzinfo=None)) for a, b in pairs],
                lambda pairs: [clock_.businesstime_hours(a, b) for a, b in pairs],
                lambda result: result,
            )
        )
    if BTD in peers.modules:
        rule = btd_rule(site, peers)
        runners.append(
            Runner(
                BTD,
                list,
                lambda pairs: [rule.difference(a, b) for a, b in pairs],
                lambda result: result.timedelta,
            )
        )
    return runners


def btd_rule(site: Site, peers: Peers) -> Any:
    module, pytz = peers.modules[BTD], peers.modules["pytz"]
    tz = pytz.timezone(site.zone.key)
    workday = module.WorkDayRule(
        start_time=OPENS, end_time=CLOSES, working_days=list(WEEKDAYS), tz=tz
    )
    # A set of dates: the library tests each date with ``in``, day by day.
    return module.Rules([workday, module.HolidayRule(site.closed, tz=tz)])


# -- timing ----------------------------------------------------------------------


def timed(runner: Runner, inputs: list[Any], clock: Callable[[], float]) -> tuple[float, list[Any]]:
    gc.disable()  # no collection inside a timed run (one costs tens of ms with pandas loaded)
    try:
        began = clock()
        results = runner.run(inputs)
        spent = clock() - began
    finally:
        gc.enable()
    return spent, results


def race(runners: list[Runner], shared: Sequence[Any], settings: Settings) -> None:
    """Time every runner ``settings.repeat`` times, taking turns within each repeat.

    The first runner (ours) gets all of ``shared``. A peer is first timed on a
    few inputs; it then gets the prefix of ``shared`` that fits the time budget
    of one run (at least ``settings.minimum`` inputs, at most all of them).
    """
    for index, runner in enumerate(runners):
        try:
            probe = runner.prepare(shared[: settings.minimum])
            timed(runner, probe, settings.clock)  # warm caches and imports
            spent, _ = timed(runner, probe, settings.clock)
            per_call = max(spent / len(probe), 1e-9)
            fits = max(settings.minimum, settings.budget / per_call)
            count = len(shared) if index == 0 else int(min(len(shared), fits))
            runner.inputs = runner.prepare(shared[:count])
            timed(runner, runner.inputs, settings.clock)  # every input once before timing
        except Exception as error:
            if index == 0:
                raise
            runner.failed = f"{type(error).__name__}: {error}"[:80]
    for _ in range(settings.repeat):
        for runner in runners:
            if not runner.failed:
                spent, runner.results = timed(runner, runner.inputs, settings.clock)
                runner.times.append(spent)


# -- agreement -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Agreement:
    compared: int
    same: int
    at_close: int
    makeup: int
    other: int
    example: str = ""

    def text(self) -> str:
        parts = [f"{self.same / self.compared:6.1%}"]
        if self.at_close:
            parts.append(f"{self.at_close / self.compared:.1%} close vs next opening")
        if self.makeup:
            parts.append(f"{self.makeup / self.compared:.1%} make-up workday in span")
        if self.other:
            parts.append(f"{self.other / self.compared:.1%} other, e.g. {self.example}")
        return parts[0] + (" (" + "; ".join(parts[1:]) + ")" if len(parts) > 1 else "")


def makeup_between(site: Site, first: datetime, last: datetime) -> bool:
    low = first.astimezone(site.zone).date()
    high = last.astimezone(site.zone).date()
    return any(low <= day <= high for day in site.makeup)


def agree_add(site: Site, starts: Sequence[datetime], ours: Runner, peer: Runner) -> Agreement:
    same = at_close = makeup = other = 0
    example = ""
    calendar = site.calendar
    for start, mine, raw in zip(starts, ours.results, peer.results, strict=False):
        theirs = peer.answer(raw)
        if theirs == mine:
            same += 1
        elif not calendar.is_open(mine) and calendar.next_open(mine) == theirs:
            at_close += 1
        elif makeup_between(site, start, max(mine, theirs)):
            makeup += 1
        else:
            other += 1
            example = example or f"{start:%Y-%m-%d %H:%M} -> {mine:%m-%d %H:%M} / {theirs}"
    return Agreement(same + at_close + makeup + other, same, at_close, makeup, other, example)


def agree_elapsed(
    site: Site, pairs: Sequence[tuple[datetime, datetime]], ours: Runner, peer: Runner
) -> Agreement:
    same = makeup = other = 0
    example = ""
    for (start, end), mine, raw in zip(pairs, ours.results, peer.results, strict=False):
        theirs = peer.answer(raw)
        # Both peers drop sub-second parts: agreement is to the second.
        if abs(theirs - mine) < timedelta(seconds=1):
            same += 1
        elif makeup_between(site, start, end):
            makeup += 1
        else:
            other += 1
            example = example or f"{start:%Y-%m-%d %H:%M}..{end:%m-%d %H:%M}: {mine} / {theirs}"
    return Agreement(same + makeup + other, same, 0, makeup, other, example)


# Cases where the libraries differ by design: a span that runs out exactly at a
# close (pandas gives the next opening), and a make-up workday (only ours opens it).
DESIGN_CASES = {
    "CN": (
        ("ends at a close", datetime(2025, 6, 9, 9), 9),
        ("a make-up workday", datetime(2025, 9, 26, 17), 4),
    ),
    "US": (("ends at a close", datetime(2025, 6, 9, 9), 9),),
}


def print_design_cases(site: Site, peers: Peers) -> None:
    for label, wall, hours in DESIGN_CASES.get(site.country, ()):
        start = wall.replace(tzinfo=site.zone)
        answers = []
        for runner in add_runners(site, hours, peers):
            result = runner.answer(runner.run(runner.prepare([start]))[0])
            answers.append(f"{runner.name} {result.astimezone(site.zone):%a %m-%d %H:%M}")
        print(f"  by design, {label}: {start:%a %Y-%m-%d %H:%M} + {hours} h gives")
        print(f"    {', '.join(answers)}")


# -- output ----------------------------------------------------------------------


def microseconds(seconds: float) -> str:
    value = seconds * 1e6
    return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def print_runs(label: str, runners: list[Runner], agreements: dict[str, Agreement]) -> None:
    ours = runners[0].median
    for index, runner in enumerate(runners):
        if runner.failed:
            print(f"  {'':>6} {runner.name:<19} failed here: {runner.failed}")
            continue
        per_call = [t / len(runner.inputs) for t in runner.times]
        spread = f"{microseconds(min(per_call))}-{microseconds(max(per_call))}"
        factor = "" if index == 0 else f"{runner.median / ours:,.1f}x"
        agreement = agreements[runner.name].text() if runner.name in agreements else ""
        print(
            f"  {label if index == 0 else '':>6} {runner.name:<19}{len(runner.inputs):>8,}"
            f"{microseconds(runner.median):>11} {spread:>19}{factor:>10}   {agreement}"
        )


def header() -> None:
    print(
        f"  {'span':>6} {'library':<19}{'calls':>8}{'median µs':>11} {'min-max µs':>19}"
        f"{'x ours':>10}   agreement with ours"
    )


@dataclass(slots=True)
class Verdicts:
    lines: list[tuple[bool | None, str]] = field(default_factory=list)

    def check(self, ok: bool | None, text: str) -> None:
        self.lines.append((ok, text))

    def show(self) -> None:
        print("\nTargets")
        for ok, text in self.lines:
            mark = "n/a " if ok is None else ("PASS" if ok else "FAIL")
            print(f"  {mark}  {text}")


def bench_site(site: Site, peers: Peers, settings: Settings, verdicts: Verdicts) -> None:
    name = f"{site.zone.key}, {site.country} public holidays"
    starts = creation_instants(settings.tickets, settings.seed, site.zone)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the holiday horizon warning of far spans
        for s in starts:  # build the year tables once, as a backend would
            site.calendar.add(s, timedelta(hours=ADD_SPANS[-1]))

        print(f"\nadd: {name}")
        header()
        medians: dict[int, float] = {}
        for hours in ADD_SPANS:
            runners = add_runners(site, hours, peers)
            race(runners, starts, settings)
            ours = runners[0]
            medians[hours] = ours.median
            agreements = {
                r.name: agree_add(site, starts, ours, r) for r in runners[1:] if not r.failed
            }
            print_runs(f"{hours:,} h", runners, agreements)
            pandas = next((r for r in runners if r.name == PANDAS and not r.failed), None)
            if pandas is None:
                verdicts.check(None, f"{site.zone.key} add {hours} h vs pandas: not available")
            else:
                factor = pandas.median / ours.median
                verdicts.check(
                    factor >= PANDAS_FACTOR,
                    f"{site.zone.key:<17} add {hours:>5,} h: {factor:5.1f}x pandas "
                    f"(target >= {PANDAS_FACTOR:.0f}x)",
                )
        print_design_cases(site, peers)
        flat = medians[ADD_SPANS[-1]] / medians[ADD_SPANS[0]]
        verdicts.check(
            flat <= FLAT_RATIO,
            f"{site.zone.key:<17} add {ADD_SPANS[-1]:,} h / {ADD_SPANS[0]} h: {flat:.2f} "
            f"(target <= {FLAT_RATIO})",
        )

        print(f"\nelapsed (to our add of the span): {name}")
        header()
        for hours in ELAPSED_SPANS:
            span = timedelta(hours=hours)
            pairs = [(s, site.calendar.add(s, span)) for s in starts]
            runners = elapsed_runners(site, peers)
            race(runners, pairs, settings)
            ours = runners[0]
            agreements = {
                r.name: agree_elapsed(site, pairs, ours, r) for r in runners[1:] if not r.failed
            }
            print_runs(f"{hours:,} h", runners, agreements)
            if hours != ELAPSED_SPANS[0]:
                continue
            peer = next((r for r in runners if r.name == BT and not r.failed), None)
            if peer is None:
                verdicts.check(None, f"{site.zone.key} elapsed 4 h vs businesstime: not available")
            else:
                factor = peer.median / ours.median
                verdicts.check(
                    factor >= BUSINESSTIME_FACTOR,
                    f"{site.zone.key:<17} elapsed {hours} h: {factor:5.1f}x businesstime "
                    f"(target >= {BUSINESSTIME_FACTOR:.0f}x)",
                )
    if settings.profile:
        profile_add(site, starts)


def import_cost(runs: int, wall: bool) -> tuple[float, float, float, float]:
    """The cost of ``import connected_care_sla`` and of a bare interpreter, in ms.

    Medians over ``runs`` interpreter starts each, the two commands taking
    turns, from a folder with no ``calendar.py`` in it: the CPU time of the
    child (user + system), or with ``wall`` its wall time. Bytecode is cached
    (in a temporary folder, after one untimed start of each), as it is for an
    installed package, even where the environment sets PYTHONDONTWRITEBYTECODE.
    Returns the two medians, the spread (max - min) of the import runs, and
    the median cost of importing what a first deadline needs (the package
    loads each part on first use, so that is the figure a program that asks
    for a deadline pays).
    """
    commands = (
        [sys.executable, "-c", "import connected_care_sla"],
        [sys.executable, "-c", "pass"],
        [sys.executable, "-c", "from connected_care_sla import first_response_deadline"],
    )
    spent: tuple[list[float], list[float], list[float]] = ([], [], [])

    def now() -> float:
        if wall:
            return time.perf_counter()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return children.ru_utime + children.ru_stime

    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        for command in commands:
            subprocess.run(command, cwd=folder, env=env, check=True)
        for _ in range(runs):
            for command, into in zip(commands, spent, strict=True):
                began = now()
                subprocess.run(command, cwd=folder, env=env, check=True)
                into.append((now() - began) * 1000)
    return (
        statistics.median(spent[0]),
        statistics.median(spent[1]),
        max(spent[0]) - min(spent[0]),
        statistics.median(spent[2]),
    )


def profile_add(site: Site, starts: list[datetime]) -> None:
    calendar = site.calendar
    for hours in (ADD_SPANS[0], ADD_SPANS[-1]):
        span = timedelta(hours=hours)
        profiler = cProfile.Profile()
        profiler.enable()
        for s in starts:
            calendar.add(s, span)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(14)
        print(f"\nprofile of add, {site.zone.key}, {hours:,} h, {len(starts):,} calls (cProfile)")
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
        for line in lines[start:]:
            if line.strip():
                print("  " + line.replace(str(Path.cwd()), "."))


def parse(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-n", "--tickets", type=int, help="creation instants (default 20,000)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, help="timed runs per library (default 7)")
    parser.add_argument(
        "--budget", type=float, help="seconds per timed run of a slow peer (default 0.2)"
    )
    parser.add_argument(
        "--import-runs", type=int, help="interpreter starts timed for the import (default 20)"
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    parser.add_argument("--profile", action="store_true", help="also profile add (cProfile)")
    parser.add_argument(
        "--wall", action="store_true", help="time wall-clock time instead of CPU time"
    )
    args = parser.parse_args(argv)
    quick = bool(args.quick)
    tickets = args.tickets or (200 if quick else 20_000)
    return Settings(
        tickets=tickets,
        seed=args.seed,
        repeat=args.repeat or (3 if quick else 7),
        budget=args.budget or (0.01 if quick else 0.2),
        minimum=min(tickets, 3 if quick else 20),
        import_runs=args.import_runs or (3 if quick else 20),
        profile=bool(args.profile),
        quick=quick,
        wall=bool(args.wall),
    )


def main(argv: Sequence[str] | None = None) -> None:
    settings = parse(argv)
    peers = load_peers()
    versions = ", ".join(
        f"{name} {version(name)}" for name in (OURS, "pandas", BTD, BT, "holidays")
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Calendar benchmark: {settings.tickets:,} random creation instants in 2025 "
        f"(seed {settings.seed}), Mon-Fri 09:00-18:00; median of {settings.repeat} run(s), "
        f"libraries taking turns; {'wall' if settings.wall else 'CPU'} time\n"
        f"Python {platform.python_version()}; {versions}; "
        f"{os.cpu_count()} CPUs, load average {load}\n"
        f"connected_care_sla imported from {Path(connected_care_sla.__file__).parent.parent}"
    )
    if settings.quick:
        print("A quick smoke run: too few calls for the figures to mean anything.")
    for name, why in peers.missing.items():
        print(f"  {name} left out, it cannot be imported here: {why}")
    print(
        "Notes: pandas gets naive local Timestamps (made outside the timing) and has no\n"
        "  business-duration function, so it is not in the elapsed tables. businesstime only\n"
        "  measures durations (no add), on naive local times. Agreement of elapsed is to the\n"
        "  second: both peers drop sub-second parts. x ours: the peer's median over ours."
    )

    verdicts = Verdicts()
    for zone_name, country in SITES:
        bench_site(make_site(zone_name, country), peers, settings, verdicts)

    with_package, bare, spread, deadline = import_cost(settings.import_runs, settings.wall)
    cost = with_package - bare
    what = "wall time" if settings.wall else "CPU time of the child"
    print(
        f"\nimport connected_care_sla: {with_package:.1f} ms, bare interpreter {bare:.1f} ms "
        f"(medians of {settings.import_runs} runs each, {what}; import runs spread {spread:.1f} ms)"
        f"\n  from connected_care_sla import first_response_deadline: {deadline:.1f} ms "
        f"({deadline - bare:.1f} ms over bare: the parts a first deadline loads)"
    )
    verdicts.check(cost <= IMPORT_MS, f"import cost {cost:.1f} ms (target <= {IMPORT_MS:.0f} ms)")
    verdicts.show()


if __name__ == "__main__":
    main()
