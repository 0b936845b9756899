"""Fuzzing every entry point: the contract is a correct answer or one of our errors.

Arbitrary values (ints of any size, NaN and infinite floats, booleans, strings
with NULs and lone surrogates, naive and aware datetimes up to ``datetime.min``
and ``datetime.max`` at extreme offsets, huge and negative timedeltas, dates,
lists, dicts, and objects of the library itself) go into every public function
and constructor, the TOML policy reader (random documents, random text, and
mutations of the built-in policy file), ``batch.first_response_deadlines`` and
the command line's argument parser. Each call must

* return an answer (checked where the answer can be: deadlines honour their
  targets, statuses are consistent), or
* raise an :class:`~connected_care_sla.SlaError` whose message says something,
  without ever a bare ``ValueError``, ``TypeError``, ``OverflowError``,
  ``RecursionError`` or ``AttributeError``, and
* finish within :data:`TIMEOUT` seconds (each call runs in a thread).

The command line must return 0 or 2, never raise, and say what is wrong in one
line on stderr. Each crash these tests have found is a named regression test
(``test_regression_...``) in the file of the subject it pins: tests/calendar/,
tests/policy/, tests/cli/, tests/batch/, tests/test_deadlines.py.

The number of examples comes from the Hypothesis profile (``tests/conftest.py``);
for a long run: ``pytest tests/contract/test_fuzz.py --hypothesis-profile=long``.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time as clock
import traceback
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla import exceptions
from connected_care_sla.testing import (
    assert_deadline_honours_target,
    assert_status,
    calendars,
    instants,
    plans,
    severities,
    weekly_hours,
)
from support import ROOT
from support.calls import MAX_MESSAGE, TIMEOUT, call, check_cli, name_of

# Country holiday data beyond its official years warns; these tests check errors.
pytestmark = pytest.mark.filterwarnings(
    "ignore::connected_care_sla.exceptions.HolidayHorizonWarning"
)

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
US = timedelta(microseconds=1)
BUILTIN_TOML = (
    resources.files("connected_care_sla.policy")
    .joinpath("data/connected_care.toml")
    .read_text("utf-8")
)


# -- running one call ------------------------------------------------------------------------


def answer(
    function: Callable[..., Any],
    *args: Any,
    allowed: tuple[type[BaseException], ...] = (sla.SlaError,),
    **kwargs: Any,
) -> Any:
    """The answer of a call, or None when it raised an allowed error; else the test fails."""
    outcome = call(function, *args, **kwargs)
    error = outcome.error
    if error is None:
        return outcome.value
    shown = "".join(traceback.format_exception(error))
    assert isinstance(error, allowed), (
        f"{name_of(function)} raised {type(error).__name__}, not one of our errors:\n{shown}"
    )
    text = str(error)
    assert text.strip(), f"{name_of(function)} raised {type(error).__name__} with no message"
    assert len(text) <= MAX_MESSAGE, (
        f"{name_of(function)} raised a message of {len(text):,} characters: {text[:300]}..."
    )
    return None


# -- arbitrary values ------------------------------------------------------------------------

FIXED_ZONES = (
    UTC,
    timezone(timedelta(hours=14)),
    timezone(-timedelta(hours=12)),
    timezone(timedelta(hours=23, minutes=59, seconds=59)),
    timezone(-timedelta(hours=23, minutes=59)),
)
ZONES = (
    *FIXED_ZONES,
    SH,
    NY,
    ZoneInfo("Australia/Lord_Howe"),
    ZoneInfo("America/Santiago"),
    ZoneInfo("Pacific/Kiritimati"),
    ZoneInfo("Pacific/Apia"),  # skipped 2011-12-30 entirely
)
EDGE_DATETIMES = (
    datetime.min,
    datetime.max,
    *(datetime.min.replace(tzinfo=zone) for zone in ZONES),
    *(datetime.max.replace(tzinfo=zone) for zone in ZONES),
    datetime(1, 1, 2, tzinfo=UTC),
    datetime(2, 1, 1, tzinfo=UTC),
    datetime(9998, 12, 31, 23, 0, tzinfo=SH),
    datetime(9999, 12, 30, tzinfo=NY),
    datetime(2011, 12, 30, 12, 0, tzinfo=ZoneInfo("Pacific/Apia")),
    datetime(2025, 3, 9, 2, 30, tzinfo=NY),  # in a DST gap
    datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=NY),  # the second 01:30
)
EDGE_TIMEDELTAS = (
    timedelta.max,
    timedelta.min,
    timedelta.resolution,
    -timedelta.resolution,
    timedelta(0),
    timedelta(days=999_999_999),  # refused at once: past datetime's range in real time
    timedelta(days=-999_999_999),
    timedelta(hours=2000),
)
#: Spans and durations of the fuzzed calls: the engine's cost grows with the years a
#: computation crosses (about 0.6 ms a year), so thousands of years apart are tested
#: once, in test_instants_thousands_of_years_apart_finish, not in every example.
SPANS = st.timedeltas(min_value=-timedelta(days=3000), max_value=timedelta(days=3000))
STRINGS = (
    "",
    " ",
    "S1",
    "s4",
    "1",
    "0",
    "Premium",
    "developer",
    "BASIC",
    "gold",
    "Asia/Shanghai",
    "UTC",
    "utc",
    "Mars/Olympus",
    "../../etc/passwd",
    "/",
    "\x00",
    "CN",
    "US-CA",
    "XX",
    "US-",
    "-",
    "09:00-18:00",
    "22:00-06:00",
    "24:00-09:00",
    "00:00-24:00",
    "Mon-Fri",
    "Sun-Mon",
    "4h",
    "30m wall",
    "4h business",
    "none",
    "nan",
    "inf",
    "-1",
    "²",
    "١",
    "\udcff",
)
NUMBERS = (
    0,
    1,
    -1,
    4,
    7,
    2**31,
    2**63,
    -(2**63),
    10**20,
    10**1_000,  # (longer ints cannot be printed, not even by Hypothesis: see below)
    -(10**1_000),
    0.0,
    -0.0,
    0.75,
    1.5,
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    5e-324,
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("-Infinity"),
    Decimal("1e999999"),
    Decimal("0.75"),
    Fraction(3, 4),
    complex(1, 1),
)
LIBRARY_OBJECTS = (
    sla.BusinessCalendar("UTC"),
    sla.BusinessCalendar("Asia/Shanghai", holidays="CN"),
    sla.WeeklyHours.default(),
    sla.TimeWindow.parse("09:00-18:00"),
    sla.connected_care_policy(),
    sla.Plan.BASIC,
    sla.Severity.S1,
    sla.Service.FAQ,
    sla.Clock.WALL,
    sla.Status.MET,
    SH,
    object(),
    int,
    print,
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.sampled_from(NUMBERS),
    st.text(max_size=12),
    st.sampled_from(STRINGS),
    st.sampled_from("x9").map(lambda c: c * 5_000),  # not in STRINGS: Hypothesis prints those
    st.binary(max_size=8),
    st.datetimes(),
    st.datetimes(timezones=st.sampled_from(ZONES)),
    st.sampled_from(EDGE_DATETIMES),
    SPANS,
    st.sampled_from(EDGE_TIMEDELTAS),
    st.dates(),
    st.times(),
    st.decimals(),
    st.fractions(),
    st.sampled_from(LIBRARY_OBJECTS),
)
keys = st.one_of(
    st.text(max_size=6),
    st.integers(-1, 8),
    st.sampled_from(["Mon", "Mon-Fri", "S1", "severities", "first_response", "versions"]),
)
anything = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.tuples(children, children),
        st.dictionaries(keys, children, max_size=3),
    ),
    max_leaves=6,
)


def either(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A valid value, or anything at all."""
    return st.one_of(valid, anything)


aware = st.one_of(
    instants(start=date(2000, 1, 1), end=date(2035, 12, 31)),
    st.datetimes(timezones=st.sampled_from(ZONES)),
    st.sampled_from([d for d in EDGE_DATETIMES if d.tzinfo is not None]),
)
durations = st.one_of(SPANS, st.sampled_from(EDGE_TIMEDELTAS))


def shifted(first: Any, span: Any) -> Any:
    """``first + span`` when both are what they look like (a second instant near the
    first), else ``span`` itself: arbitrary values stay arbitrary."""
    if isinstance(first, datetime) and isinstance(span, timedelta) and first.utcoffset():
        with contextlib.suppress(OverflowError):
            return (first.astimezone(UTC) + span).astimezone(first.tzinfo)
    if isinstance(first, datetime) and isinstance(span, timedelta):
        with contextlib.suppress(OverflowError, TypeError):
            return first + span
    return span


nearby = st.one_of(st.timedeltas(timedelta(0), timedelta(days=400)), anything)
zone_names = st.sampled_from(["UTC", "Asia/Shanghai", "America/New_York", "Australia/Lord_Howe"])
calendar_values = st.one_of(
    zone_names,
    calendars(holidays=st.sampled_from([(), "CN", "US", [date(2025, 10, 1)]])),
    st.sampled_from(LIBRARY_OBJECTS[:2]),
)
policy_values = st.one_of(st.none(), st.just(sla.connected_care_policy()), anything)


def explained(*args: Any, **kwargs: Any) -> str:
    """The text of an explanation (``explain(...)`` until 0.2.0)."""
    return str(sla.explanation(*args, **kwargs))


DEADLINE_FUNCTIONS = (sla.first_response_deadline, explained, sla.explanation)


# -- the public functions --------------------------------------------------------------------


@given(
    st.sampled_from(DEADLINE_FUNCTIONS),
    either(plans()),
    either(severities()),
    either(aware),
    either(calendar_values),
    policy_values,
)
def test_deadline_functions(
    function: Callable[..., Any],
    plan: Any,
    severity: Any,
    created: Any,
    calendar: Any,
    policy: Any,
) -> None:
    result = answer(function, plan, severity, created, calendar, policy=policy)
    if function is sla.first_response_deadline and result is not None:
        assert result.tzinfo is not None
        answer(assert_deadline_honours_target, plan, severity, created, result, calendar, policy)


@given(
    either(plans()),
    either(severities()),
    either(aware),
    either(calendar_values),
    nearby,
    st.one_of(st.none(), nearby),
    st.one_of(st.just(0.75), anything),
    policy_values,
)
def test_response_status(
    plan: Any,
    severity: Any,
    created: Any,
    calendar: Any,
    now: Any,
    responded: Any,
    at_risk: Any,
    policy: Any,
) -> None:
    now = shifted(created, now)
    responded = None if responded is None else shifted(created, responded)
    status = answer(
        sla.response_status,
        plan,
        severity,
        created,
        calendar,
        now=now,
        responded_at=responded,
        at_risk=at_risk,
        policy=policy,
    )
    if status is not None:
        assert_status(status)
        str(status)
        repr(status)


# -- calendars -------------------------------------------------------------------

hours_values = st.one_of(
    st.none(),
    weekly_hours(),
    st.sampled_from([{"Mon-Fri": "09:00-18:00"}, {"Sun": "22:00-06:00"}, {}]),
    anything,
)
holiday_values = st.one_of(
    st.none(),
    st.sampled_from(["CN", "US-CA", ("US", "CA"), ["CN", "HK"], [date(2025, 10, 1)]]),
    anything,
)


@given(either(zone_names), hours_values, holiday_values, either(st.lists(st.dates())), anything)
def test_calendar_constructor(
    zone: Any, hours: Any, holidays: Any, workdays: Any, strict: Any
) -> None:
    cal = answer(sla.BusinessCalendar, zone, hours, holidays, workdays=workdays, strict=strict)
    if cal is not None:
        repr(cal)
        hash(cal)


CALENDARS = (
    sla.BusinessCalendar("UTC"),
    sla.BusinessCalendar("America/New_York", {"Mon-Sun": "01:30-02:30, 23:00-23:59"}),
    sla.BusinessCalendar("Asia/Shanghai", holidays="CN"),
    sla.BusinessCalendar("Australia/Lord_Howe", {"Mon-Fri": "22:00-06:00"}),
    sla.BusinessCalendar("America/Santiago", {"Sat-Sun": "00:00-24:00"}),
    SPARSE := sla.BusinessCalendar("Europe/Berlin", {"Wed": "12:00-12:00:00.000001"}),
)


@given(
    st.sampled_from(CALENDARS),
    st.sampled_from(["add", "subtract"]),
    either(aware),
    either(durations),
)
def test_calendar_arithmetic(cal: sla.BusinessCalendar, method: str, start: Any, d: Any) -> None:
    if cal is SPARSE and isinstance(d, timedelta) and abs(d) < timedelta(days=3000):
        d = (d // US % 7) * US  # 1 µs a week: a few µs are years; more crosses thousands
    result = answer(getattr(cal, method), start, d)
    if result is not None:
        assert result.tzinfo is cal.zone
        if cal.hours.week_us >= 3_600_000_000:  # not the 1 µs a week calendar: a slow check
            elapsed = answer(cal.elapsed, start, result)
            if elapsed is not None:
                assert elapsed == (d if method == "add" else -d)


@given(
    st.sampled_from(CALENDARS),
    st.sampled_from(["elapsed", "is_open", "next_open", "next_close"]),
    either(aware),
    st.one_of(SPANS, anything),
)
def test_calendar_queries(cal: sla.BusinessCalendar, method: str, first: Any, span: Any) -> None:
    if method == "elapsed":
        answer(cal.elapsed, first, shifted(first, span))
    else:
        answer(getattr(cal, method), first)


@given(
    st.sampled_from(CALENDARS),
    st.sampled_from(["windows", "dst_changes"]),
    either(aware),
    st.one_of(st.timedeltas(timedelta(days=-10), timedelta(days=400)), anything),
)
def test_calendar_listings(cal: sla.BusinessCalendar, method: str, start: Any, span: Any) -> None:
    # Both list what lies between two instants: the cost grows with the span, so
    # the span stays within about a year when both ends are instants.
    answer(getattr(cal, method), start, shifted(start, span))


@given(
    st.sampled_from(CALENDARS),
    st.sampled_from(["holiday_name", "is_makeup_workday"]),
    either(st.dates()),
)
def test_calendar_days(cal: sla.BusinessCalendar, method: str, day: Any) -> None:
    answer(getattr(cal, method), day)


# -- hours ----------------------------------------------------------------------------------


@given(either(st.integers(-1, 2 * 86_400_000_000)), either(st.integers(0, 2 * 86_400_000_000)))
def test_time_window_constructor(opens: Any, closes: Any) -> None:
    window = answer(sla.TimeWindow, opens, closes)
    if window is not None:
        assert type(window.opens_us) is int
        assert type(window.closes_us) is int
        str(window)


@given(either(st.sampled_from(["09:00-18:00", "22:00-06:00", "09:00-24:00", ("09:00", "10:00")])))
def test_time_window_parse(value: Any) -> None:
    answer(sla.TimeWindow.parse, value)


@given(either(st.lists(st.just(()), min_size=7, max_size=7).map(tuple)), anything)
def test_weekly_hours_constructor(days: Any, makeup_day: Any) -> None:
    hours = answer(sla.WeeklyHours, days, makeup_day)
    if hours is not None:
        assert type(hours.makeup_day) is int
        repr(hours)


@given(hours_values, st.one_of(st.just(0), st.sampled_from(["Sat", "sunday"]), anything))
def test_weekly_hours_parse(spec: Any, makeup_day: Any) -> None:
    hours = answer(sla.WeeklyHours.parse, spec, makeup_day=makeup_day)
    if hours is not None:
        repr(hours)
        hours.to_mapping()


# -- policies --------------------------------------------------------------------

cells = st.one_of(
    st.sampled_from(["none", "4h business", "30m wall", "1h30m wall", "0h wall", "4 h business"]),
    anything,
)
names = st.one_of(
    st.sampled_from(["S1", "s1", "P1", "Gold", "gold", "Basic", " x", ""]),
    st.text(max_size=6),
    st.integers(),
    st.none(),
    st.dates(),
)  # (mapping keys: hashable)
policy_mappings = st.fixed_dictionaries(
    {},
    optional={
        "name": either(st.just("Acme")),
        "effective_from": either(st.dates()),
        "severities": either(st.dictionaries(names, either(st.just("Down.")), max_size=3)),
        "first_response": either(
            st.dictionaries(names, either(st.dictionaries(names, cells, max_size=3)), max_size=3)
        ),
        "entitlements": either(st.dictionaries(names, either(st.lists(names)), max_size=3)),
        "services": either(st.dictionaries(names, either(st.just("A pager")), max_size=2)),
        "versions": anything,
        "extra": anything,
    },
)


@given(either(policy_mappings), anything)
def test_policy_from_mapping(data: Any, source: Any) -> None:
    for reader in (sla.Policy.from_mapping, sla.PolicyBook.from_mapping):
        answer(reader, data, source=source)
    answer(sla.PolicyBook.from_mapping, {"versions": [data, data]})


POLICY_FIELDS = {
    "name": "x",
    "effective_from": None,
    "plans": ("A",),
    "severities": ("S1",),
    "definitions": ("Down.",),
    "response_table": ((None,),),
    "entitlement_table": (frozenset(),),
    "services": (),
}


@given(st.fixed_dictionaries({name: either(st.just(v)) for name, v in POLICY_FIELDS.items()}))
def test_policy_constructor(fields: dict[str, Any]) -> None:
    policy = answer(sla.Policy, **fields)
    if policy is not None:
        repr(policy)
        policy.describe()
        answer(policy.target, "A", "S1")


@given(either(st.lists(st.sampled_from([sla.connected_care_policy()]), max_size=2)))
def test_policy_book_constructor(versions: Any) -> None:
    answer(sla.PolicyBook, versions)


BOOK = sla.PolicyBook(
    [
        sla.connected_care_policy(),
        sla.Policy.from_mapping(
            {
                "name": "Faster",
                "effective_from": date(2030, 1, 1),
                "severities": {"P1": "Down."},
                "first_response": {"Gold": {"P1": "15m wall"}},
            }
        ),
    ]
)


def version_on(policy: sla.Policy | sla.PolicyBook, on: Any) -> sla.Policy:
    """The version in force ``on`` a day; the latest when ``on`` is None."""
    if on is None:
        return policy.latest if isinstance(policy, sla.PolicyBook) else policy
    return policy.in_force(on)


@given(
    st.sampled_from(["target", "entitlements"]),
    either(plans()),
    either(severities()),
    st.sampled_from([sla.connected_care_policy(), BOOK]),
    st.one_of(st.none(), either(st.dates())),
)
def test_table_lookups(method: str, plan: Any, severity: Any, policy: Any, on: Any) -> None:
    # response_target(plan, severity, policy=, on=) and entitlements(plan, policy=, on=)
    # until 0.2.0: the version in force on a day, then its target or entitlements.
    if method == "entitlements":
        answer(lambda: version_on(policy, on).entitlements(plan))
    else:
        answer(lambda: version_on(policy, on).target(plan, severity))


@given(
    st.sampled_from(
        [
            "plan_key",
            "severity_key",
            "service_key",
            "target",
            "definition",
            "entitlements",
            "includes",
            "label",
            "in_force",
        ]
    ),
    st.sampled_from([sla.connected_care_policy(), BOOK]),
    either(plans()),
    anything,
)
def test_policy_methods(method: str, policy: Any, first: Any, second: Any) -> None:
    if isinstance(policy, sla.PolicyBook):
        answer(policy.in_force, first)
        return
    function = getattr(policy, method)
    if method in ("target", "includes"):
        answer(function, first, second)
    else:
        answer(function, first)


@given(
    either(st.sampled_from(["4h", "30m", "1h30m"])), either(st.sampled_from(["wall", "business"]))
)
def test_response_target_constructor(duration: Any, clock_name: Any) -> None:
    target = answer(sla.ResponseTarget, duration, clock_name)
    if target is not None:
        assert target.duration > timedelta(0)
        str(target)
        repr(target)


@given(
    st.sampled_from([sla.Plan, sla.Severity, sla.Service, sla.Clock]),
    either(st.sampled_from(["enterprise", "S1", "faq", "wall", 2])),
)
def test_vocabulary_lookups(vocabulary: type, value: Any) -> None:
    # A stdlib limit, not ours: Enum's own lookup formats ``%r`` of a value it cannot
    # find, and Python refuses to print an int of more than 4,300 digits.
    assume(not (isinstance(value, int) and value.bit_length() > 14_000))
    answer(vocabulary, value)


@given(
    st.sampled_from(
        [
            getattr(exceptions, name)
            for name in exceptions.__all__
            if name.endswith(("Error", "Warning"))
        ]
    ),
    st.lists(anything, max_size=2),
)
def test_exception_constructors(kind: type[BaseException], args: list[Any]) -> None:
    error = answer(kind, *args)
    assert isinstance(error, kind)
    assert isinstance(error, sla.SlaError) or issubclass(kind, Warning)


# Output-only value types (BusinessWindow, Explanation, OffsetChange, PassedDay,
# ResponseStatus, Status) are built by the library, not from user input; their
# constructors check nothing, as with any dataclass, and are not fuzzed here.


# -- the policy file reader ------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    """A Python value as TOML (a small writer: the standard library has only a reader)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return "nan"
        if isinstance(value, float) and math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return '"?"'


def _toml_key(key: str) -> str:
    return '"' + key.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


toml_scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["none", "4h business", "30m wall", "S1", "Gold", "faq"]),
    st.dates(),
    st.datetimes(),
    st.times(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
toml_keys = st.one_of(
    st.sampled_from(
        [
            "name",
            "effective_from",
            "severities",
            "first_response",
            "entitlements",
            "services",
            "versions",
        ]
    ),
    st.text(max_size=8),
)
toml_documents = st.dictionaries(toml_keys, toml_values, max_size=6).map(
    lambda doc: "".join(f"{_toml_key(k)} = {_toml_value(v)}\n" for k, v in doc.items())
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


_counter = iter(range(10**9))


def read_file(folder: Path, text: str | bytes) -> None:
    """Both readers on one file: a policy, or PolicyError (never another error)."""
    path = folder / f"policy-{next(_counter)}.toml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
    else:
        path.write_bytes(text)
    try:
        for reader in (sla.load_policy, sla.load_policy_book):
            policy = answer(reader, path)
            if isinstance(policy, sla.Policy):
                check_loaded(policy)
            elif isinstance(policy, sla.PolicyBook):
                for version in policy.versions:
                    check_loaded(version)
    finally:
        path.unlink()


def check_loaded(policy: sla.Policy) -> None:
    """A policy that loads answers every cell."""
    created = datetime(2025, 6, 6, 17, 0, tzinfo=SH)
    for plan in policy.plans:
        for severity in policy.severities:
            deadline = answer(
                sla.first_response_deadline, plan, severity, created, "Asia/Shanghai", policy=policy
            )
            assert_deadline_honours_target(
                plan, severity, created, deadline, "Asia/Shanghai", policy
            )


@given(toml_documents)
def test_load_random_policy_documents(folder: Path, text: str) -> None:
    note(text)
    read_file(folder, text)


@given(st.text(max_size=200))
def test_load_random_text(folder: Path, text: str) -> None:
    read_file(folder, text)


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    """The built-in policy file with a few random edits."""
    data = bytearray(BUILTIN_TOML.encode("utf-8"))
    lines = BUILTIN_TOML.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(["delete", "insert", "replace-byte", "line", "swap", "truncate"])
        )
        at = draw(st.integers(0, len(data)))
        if kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=8),
                    st.sampled_from(
                        [b"[", b"]", b"{", b"}", b'"', b"=", b"\n", b",", b"[[versions]]\n"]
                    ),
                )
            )
        elif kind == "replace-byte" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "line":
            line = draw(st.sampled_from(lines)).encode("utf-8")
            data[at:at] = line
        elif kind == "swap" and data.strip():
            text = data.decode("utf-8", "surrogateescape").splitlines(keepends=True)
            i = draw(st.integers(0, len(text) - 1))
            j = draw(st.integers(0, len(text) - 1))
            text[i], text[j] = text[j], text[i]
            data = bytearray("".join(text).encode("utf-8", "surrogateescape"))
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


@given(mutations())
def test_load_mutations_of_the_builtin_policy(folder: Path, data: bytes) -> None:
    read_file(folder, data)


def test_a_5_mb_policy_file(folder: Path) -> None:
    started = clock.perf_counter()
    read_file(folder, BUILTIN_TOML + '\nnotes = "' + "x" * 5_000_000 + '"\n')
    read_file(folder, "# " + "x" * 5_000_000 + "\n" + BUILTIN_TOML)
    assert clock.perf_counter() - started < TIMEOUT


@pytest.mark.parametrize(
    "nesting",
    [
        "x = " + "[" * 10_000 + "]" * 10_000,
        "x = " + "{a = " * 10_000 + "1" + "}" * 10_000,
        "[" + ".".join(["a"] * 10_000) + "]",
        ".".join(["a"] * 10_000) + " = 1",
        "severities = " + "[" * 300 + "]" * 300,
    ],
    ids=["arrays", "inline-tables", "table-header", "dotted-key", "300-arrays"],
)
def test_a_deeply_nested_policy_file(folder: Path, nesting: str) -> None:
    read_file(folder, nesting + "\n")


# -- the command line -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_files(folder: Path) -> dict[str, str]:
    files = {
        "acme.toml": (ROOT / "docs" / "how-to" / "acme.toml").read_text(encoding="utf-8"),
        "bad.toml": "name = \n",
        "deep.toml": "x = " + "[" * 5_000 + "]" * 5_000 + "\n",
        "tickets.csv": "plan,severity,created_at,first_response_at\n"
        "Developer,S1,2025-06-06T17:00+08:00,2025-06-09T10:00+08:00\n"
        "premium,2,2025-06-06T09:00Z,\n",
        "junk.csv": "plan,severity,created_at\nx,\x00,not a time\n,,\n",
        "empty.csv": "",
    }
    paths = {}
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths[name] = str(path)
    paths["missing"] = str(folder / "no-such-file.toml")
    paths["folder"] = str(folder)
    paths["output"] = str(folder / "out.csv")
    return paths


TIME_TOKENS = (
    "2025-06-06T17:00+08:00",
    "2025-06-06T17:00",
    "2025-03-09T02:30",
    "2025-11-02 01:30",
    "2025-06-06",
    "now",
    "NOW",
    "0001-01-01T00:00+14:00",
    "9999-12-31T23:59:59.999999-23:59",
    "9998-12-31T23:59",
    "2040-06-04T10:00",
    "+2025-01-01T00:00Z",
    "2025-W23-5T17:00Z",
    "2025-06-06T24:00Z",
    "yesterday",
)
OPTION_VALUES = {
    "--tz": ("Asia/Shanghai", "America/New_York", "UTC", "Mars/Olympus", "", "\x00"),
    "--created": TIME_TOKENS,
    "--now": TIME_TOKENS,
    "--responded": TIME_TOKENS,
    "--at-risk": ("0.75", "1", "0", "nan", "1e999999999", "-0", "75%", "0.5"),
    "--holidays": ("CN", "US-CA", "CN,HK", "none", ",", "XX", "US-ZZ"),
    "--hours": ("Mon-Fri=09:00-18:00", "Mon=", "=x", "Sat=22:00-06:00", "Mon=foo", "Sun-Mon=1"),
    "--on": ("2025-06-06", "x", "9999-12-31", "0001-01-01"),
    "--zone-column": ("zone", "plan", ""),
    "--chunksize": ("1", "0", "-5", "x", "100000"),
    "--errors": ("raise", "coerce", "ignore"),
    "--assume-tz": ("UTC", "Mars/Olympus"),
    "--output-tz": ("UTC", "local", "Mars/Olympus"),
    "--by": ("plan,severity", "", "nope", "state"),
}
FLAGS = ("--json", "--explain", "--strict-holidays", "--progress", "--no-progress", "--help")
COMMANDS = ("deadline", "status", "table", "calendar", "batch", "report", "bogus", "--version")
POSITIONALS = (
    "developer",
    "Premium",
    "basic",
    "gold",
    "S1",
    "4",
    "²",
    "2025-06-01",
    "2025-06-07",
    "0001-01-01",
    "9999-12-31",
)


@st.composite
def argvs(draw: st.DrawFn, paths: dict[str, str]) -> list[str]:
    command = draw(st.sampled_from(COMMANDS))
    file_tokens = (paths["acme.toml"], paths["bad.toml"], paths["deep.toml"], paths["missing"])
    csv_tokens = (paths["tickets.csv"], paths["junk.csv"], paths["empty.csv"], paths["missing"])
    argv = [command]
    if command in ("batch", "report"):
        argv.append(draw(st.sampled_from([*csv_tokens, paths["folder"]])))
        argv += ["-o", paths["output"]] if command == "batch" and draw(st.booleans()) else []
    positional = st.one_of(
        st.sampled_from(POSITIONALS),
        st.text(max_size=6),
        st.sampled_from("19").map(lambda c: c * 5_000),  # too long for int()
    )
    argv += draw(st.lists(positional, max_size=3))
    for _ in range(draw(st.integers(0, 6))):
        option = draw(st.sampled_from([*OPTION_VALUES, "--policy", *FLAGS, "--bogus"]))
        argv.append(option)
        if option == "--policy":
            argv.append(draw(st.sampled_from(file_tokens)))
        elif option in OPTION_VALUES:
            argv.append(draw(st.one_of(st.sampled_from(OPTION_VALUES[option]), st.text())))
    return argv


@given(st.data())
def test_command_line(cli_files: dict[str, str], data: st.DataObject) -> None:
    argv = data.draw(argvs(cli_files))
    note(repr(argv))
    check_cli(argv)


@given(st.lists(st.text(), max_size=6))
def test_command_line_with_arbitrary_words(argv: list[str]) -> None:
    check_cli(argv)


# -- batch ----------------------------------------------------------------------------------


@given(
    st.lists(st.tuples(either(plans()), either(severities()), either(aware)), max_size=4),
    either(calendar_values),
    st.sampled_from(["raise", "coerce"]),
    st.one_of(st.none(), either(aware)),
)
def test_batch_first_response_deadlines(
    rows: list[tuple[Any, Any, Any]], calendar: Any, errors: str, now: Any
) -> None:
    pd = pytest.importorskip("pandas")
    from connected_care_sla import batch

    frame = pd.DataFrame(
        {
            "plan": pd.Series([r[0] for r in rows], dtype=object),
            "severity": pd.Series([r[1] for r in rows], dtype=object),
            "created_at": pd.Series([r[2] for r in rows], dtype=object),
        }
    )
    out = answer(batch.first_response_deadlines, frame, calendar=calendar, errors=errors)
    if out is not None:
        assert len(out) == len(rows)
    responded = frame.assign(first_response_at=frame["created_at"])
    answer(
        batch.first_response_deadlines,
        responded,
        calendar=calendar,
        responded="first_response_at",
        now=now,
        errors=errors,
    )


# An int too long to print (more than 4,300 digits: ``repr`` raises ValueError), in
# each argument of each entry point, the others valid. Hypothesis cannot draw such
# ints (it prints what it draws), so this part of the fuzzing is a plain table.

HUGE = 10**5_000
CREATED = datetime(2025, 6, 6, 17, 0, tzinfo=SH)
CAL = sla.BusinessCalendar("Asia/Shanghai", holidays="CN")
POLICY = sla.connected_care_policy()
HUGE_CALLS: list[tuple[str, Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = [
    (
        "first_response_deadline",
        sla.first_response_deadline,
        ("developer", "S1", CREATED, "UTC"),
        {"policy": None},
    ),
    ("explain", explained, ("developer", "S1", CREATED, "UTC"), {"policy": None}),
    ("explanation", sla.explanation, ("developer", "S1", CREATED, "UTC"), {"policy": None}),
    (
        "response_status",
        sla.response_status,
        ("developer", "S1", CREATED, "UTC"),
        {"now": CREATED, "responded_at": None, "at_risk": 0.75, "policy": None},
    ),
    ("target", POLICY.target, ("developer", "S1"), {}),
    ("entitlements", POLICY.entitlements, ("developer",), {}),
    ("Policy.in_force", POLICY.in_force, (date(2025, 1, 1),), {}),
    ("BusinessCalendar", sla.BusinessCalendar, ("UTC", None, None), {"workdays": ()}),
    ("add", CAL.add, (CREATED, timedelta(hours=1)), {}),
    ("subtract", CAL.subtract, (CREATED, timedelta(hours=1)), {}),
    ("elapsed", CAL.elapsed, (CREATED, CREATED), {}),
    ("is_open", CAL.is_open, (CREATED,), {}),
    ("next_open", CAL.next_open, (CREATED,), {}),
    ("next_close", CAL.next_close, (CREATED,), {}),
    ("windows", CAL.windows, (CREATED, CREATED), {}),
    ("dst_changes", CAL.dst_changes, (CREATED, CREATED), {}),
    ("holiday_name", CAL.holiday_name, (date(2025, 10, 1),), {}),
    ("is_makeup_workday", CAL.is_makeup_workday, (date(2025, 9, 28),), {}),
    ("TimeWindow", sla.TimeWindow, (0, 1), {}),
    ("TimeWindow.parse", sla.TimeWindow.parse, ("09:00-18:00",), {}),
    ("WeeklyHours", sla.WeeklyHours, (((),) * 7, 0), {}),
    ("WeeklyHours.parse", sla.WeeklyHours.parse, ({"Mon": "09:00-18:00"},), {"makeup_day": 0}),
    ("ResponseTarget", sla.ResponseTarget, ("4h", "wall"), {}),
    ("Policy.from_mapping", sla.Policy.from_mapping, ({"name": "x"},), {"source": "x"}),
    ("PolicyBook", sla.PolicyBook, ([POLICY],), {}),
    ("load_policy", sla.load_policy, ("policy.toml",), {}),
    ("plan_key", POLICY.plan_key, ("developer",), {}),
    ("severity_key", POLICY.severity_key, ("S1",), {}),
    ("service_key", POLICY.service_key, ("faq",), {}),
    ("in_force", BOOK.in_force, (date(2025, 1, 1),), {}),
]


def test_an_int_too_long_to_print_in_any_argument() -> None:
    failures = []
    for name, function, args, kwargs in HUGE_CALLS:
        for where in [*range(len(args)), *kwargs]:
            if isinstance(where, int):
                outcome = call(function, *args[:where], HUGE, *args[where + 1 :], **kwargs)
            else:
                outcome = call(function, *args, **{**kwargs, where: HUGE})
            if outcome.error is not None and not isinstance(outcome.error, sla.SlaError):
                failures.append(f"{name} argument {where}: {outcome.error!r}")
    assert not failures, "not one of our errors:\n" + "\n".join(failures)


# -- keep the fuzz tests honest -------------------------------------------------------------------


def test_the_value_pool_reaches_every_kind_of_value() -> None:
    kinds = {type(v) for v in (*NUMBERS, *STRINGS, *EDGE_DATETIMES, *EDGE_TIMEDELTAS)}
    assert {int, float, Decimal, Fraction, complex, str, datetime, timedelta} <= kinds
    assert any(d.tzinfo is None for d in EDGE_DATETIMES)
    assert any(d == datetime.max.replace(tzinfo=d.tzinfo) for d in EDGE_DATETIMES)


def test_the_timeout_guard_catches_a_hang() -> None:
    event = threading.Event()
    with pytest.raises(pytest.fail.Exception, match="hang"):
        call(event.wait, 5, timeout=0.05)
    event.set()
