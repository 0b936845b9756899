"""First-response deadlines, status and explanations (SPEC 1, 3)."""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla import (
    BusinessCalendar,
    Clock,
    Plan,
    ResponseTarget,
    Service,
    Severity,
    SlaError,
    Status,
    connected_care_policy,
)
from connected_care_sla.deadlines import _default_calendar
from connected_care_sla.exceptions import (
    InvalidInstantError,
    InvalidThresholdError,
    PolicyError,
    UnknownPlanError,
    UnknownSeverityError,
    UnknownZoneError,
)
from support import write_policy
from support.calls import expect

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
HOUR = timedelta(hours=1)
US = timedelta(microseconds=1)


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def ny(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def absolute(moment: datetime) -> datetime:
    """Aware datetimes in one ZoneInfo subtract as wall times; compare in UTC instead."""
    return moment.astimezone(UTC)


# -- SPEC 1, all 16 cells, written out ------------------------------------------

# Created Wednesday 2025-06-04 10:00 in Shanghai: 8 business hours left that day,
# then 9 on Thursday and on Friday.
CREATED = sh(2025, 6, 4, 10, 0)
TABLE = [
    # plan, severity, target, deadline
    ("Basic", "S1", None, None),
    ("Basic", "S2", None, None),
    ("Basic", "S3", None, None),
    ("Basic", "S4", None, None),
    ("Developer", "S1", ResponseTarget("4h", "business"), sh(2025, 6, 4, 14, 0)),
    ("Developer", "S2", ResponseTarget("8h", "business"), sh(2025, 6, 4, 18, 0)),
    ("Developer", "S3", ResponseTarget("12h", "business"), sh(2025, 6, 5, 13, 0)),
    ("Developer", "S4", ResponseTarget("24h", "business"), sh(2025, 6, 6, 16, 0)),
    ("Enterprise", "S1", ResponseTarget("1h", "wall"), sh(2025, 6, 4, 11, 0)),
    ("Enterprise", "S2", ResponseTarget("2h", "wall"), sh(2025, 6, 4, 12, 0)),
    ("Enterprise", "S3", ResponseTarget("8h", "business"), sh(2025, 6, 4, 18, 0)),
    ("Enterprise", "S4", ResponseTarget("24h", "business"), sh(2025, 6, 6, 16, 0)),
    ("Premium", "S1", ResponseTarget("30m", "wall"), sh(2025, 6, 4, 10, 30)),
    ("Premium", "S2", ResponseTarget("1h", "wall"), sh(2025, 6, 4, 11, 0)),
    ("Premium", "S3", ResponseTarget("4h", "business"), sh(2025, 6, 4, 14, 0)),
    ("Premium", "S4", ResponseTarget("24h", "business"), sh(2025, 6, 6, 16, 0)),
]


@pytest.mark.parametrize(("plan", "severity", "target", "deadline"), TABLE)
def test_every_cell_of_the_response_table(
    plan: str, severity: str, target: ResponseTarget | None, deadline: datetime | None
) -> None:
    policy = connected_care_policy()
    assert policy.target(plan, severity) == target
    assert policy.target(plan.lower(), severity.lower()) == target
    assert policy.target(Plan(plan), Severity(severity)) == target
    assert policy.target(plan, int(severity[1])) == target
    got = sla.first_response_deadline(plan, severity, CREATED, "Asia/Shanghai")
    assert got == deadline
    if got is not None:
        assert got.tzinfo is SHANGHAI or got.tzinfo == SHANGHAI
        assert got.isoformat() == deadline.isoformat()  # type: ignore[union-attr]


def test_table_covers_all_cells() -> None:
    assert {(p, s) for p, s, _, _ in TABLE} == {(str(p), str(s)) for p in Plan for s in Severity}


# -- hand-checkable examples -------------------------------------------------------


def test_friday_1700_developer_s1_in_shanghai_is_due_monday_1200() -> None:
    deadline = sla.first_response_deadline(
        "developer", "S1", sh(2025, 6, 6, 17, 0), "Asia/Shanghai"
    )
    assert deadline == sh(2025, 6, 9, 12, 0)
    assert deadline is not None
    assert deadline.strftime("%A %H:%M") == "Monday 12:00"


def test_enterprise_s1_on_saturday_0300_is_due_saturday_0400() -> None:
    deadline = sla.first_response_deadline(
        sla.Plan.ENTERPRISE, sla.Severity.S1, sh(2025, 6, 7, 3, 0), "Asia/Shanghai"
    )
    assert deadline == sh(2025, 6, 7, 4, 0)


def test_developer_s4_is_two_business_days_and_six_hours() -> None:
    monday_open = sh(2025, 6, 9, 9, 0)
    deadline = sla.first_response_deadline("developer", "S4", monday_open, "Asia/Shanghai")
    assert deadline == sh(2025, 6, 11, 15, 0)  # Wednesday 15:00: 9 + 9 + 6 hours
    assert deadline != sh(2025, 6, 10, 9, 0)  # not "one day"


def test_a_target_running_out_at_1800_is_due_at_1800() -> None:
    deadline = sla.first_response_deadline("developer", "S2", sh(2025, 6, 4, 10), "Asia/Shanghai")
    assert deadline == sh(2025, 6, 4, 18, 0)


def test_a_ticket_created_at_1800_starts_at_the_next_opening() -> None:
    deadline = sla.first_response_deadline("developer", "S1", sh(2025, 6, 4, 18), "Asia/Shanghai")
    assert deadline == sh(2025, 6, 5, 13, 0)


def test_basic_has_no_target_whatever_the_time() -> None:
    assert sla.first_response_deadline(Plan.BASIC, Severity.S1, CREATED, "Asia/Shanghai") is None


def test_wall_target_across_new_york_spring_forward() -> None:
    created = ny(2025, 3, 9, 1, 30)  # EST; at 02:00 the clocks jump to 03:00 EDT
    deadline = sla.first_response_deadline("premium", "S2", created, "America/New_York")
    assert deadline == ny(2025, 3, 9, 3, 30)
    assert deadline is not None
    assert absolute(deadline) - absolute(created) == HOUR
    assert deadline.utcoffset() == timedelta(hours=-4)


def test_wall_target_across_new_york_fall_back() -> None:
    created = ny(2025, 11, 2, 0, 30)  # EDT; at 02:00 EDT the clocks fall back to 01:00 EST
    deadline = sla.first_response_deadline("enterprise", "S2", created, "America/New_York")
    assert deadline is not None
    assert absolute(deadline) - absolute(created) == 2 * HOUR
    assert (deadline.hour, deadline.minute, deadline.fold) == (1, 30, 1)  # the second 01:30


def test_business_target_with_china_holidays_and_makeup_workday() -> None:
    cn = BusinessCalendar("Asia/Shanghai", holidays="CN")
    # Tuesday 2025-09-30 16:00: 2h that day, then National Day and Mid-Autumn
    # (Oct 1-8) are closed; Thursday Oct 9 09:00 + 6h.
    assert sla.first_response_deadline("enterprise", "S3", sh(2025, 9, 30, 16), cn) == sh(
        2025, 10, 9, 15, 0
    )
    # Friday 2025-09-26 17:00: Sunday Sep 28 is a make-up workday.
    assert sla.first_response_deadline("developer", "S2", sh(2025, 9, 26, 17), cn) == sh(
        2025, 9, 28, 16, 0
    )


def test_result_is_in_the_calendar_zone() -> None:
    created = datetime(2025, 6, 4, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    deadline = sla.first_response_deadline("developer", "S1", created, "Asia/Shanghai")
    assert deadline is not None
    assert deadline.isoformat() == "2025-06-04T14:00:00+08:00"
    wall = sla.first_response_deadline("premium", "S1", created, "Asia/Shanghai")
    assert wall is not None
    assert wall.isoformat() == "2025-06-04T10:30:00+08:00"


def test_zone_name_and_calendar_agree_and_default_calendars_are_memoised() -> None:
    by_name = sla.first_response_deadline("developer", "S3", CREATED, "Asia/Shanghai")
    by_calendar = sla.first_response_deadline(
        "developer", "S3", CREATED, BusinessCalendar("Asia/Shanghai")
    )
    assert by_name == by_calendar
    assert _default_calendar("Asia/Shanghai") is _default_calendar("Asia/Shanghai")
    assert _default_calendar("Asia/Shanghai") == BusinessCalendar("Asia/Shanghai")


def test_custom_calendar_hours_are_used() -> None:
    split = BusinessCalendar("Asia/Shanghai", {"Mon-Fri": "09:00-12:00, 13:00-18:00"})
    # Wednesday 10:00 + 4 business hours with a lunch break: 10-12, 13-15.
    assert sla.first_response_deadline("developer", "S1", CREATED, split) == sh(2025, 6, 4, 15)


# -- custom policies and versions -----------------------------------------------------

#: A policy of its own plans (Gold, Tin), severities (P1, P2) and a service (pager);
#: a book of two versions (v1 from 2025-01-01, v2 from 2025-07-01). In tests/data/.
CUSTOM = "acme-gold-tin.toml"
BOOK = "v1-v2-book.toml"


def test_custom_policy_with_its_own_plans_and_severities(tmp_path: Path) -> None:
    policy = sla.load_policy(write_policy(tmp_path, CUSTOM, "acme.toml"))
    created = sh(2025, 6, 4, 17, 30)
    assert sla.first_response_deadline("gold", "p1", created, "Asia/Shanghai", policy=policy) == (
        sh(2025, 6, 4, 17, 45)
    )
    assert sla.first_response_deadline("Gold", "P2", created, "Asia/Shanghai", policy=policy) == (
        sh(2025, 6, 5, 10, 0)
    )
    assert sla.first_response_deadline("tin", "P1", created, "Asia/Shanghai", policy=policy) is None
    assert policy.entitlements("gold") == {Service.FAQ, "pager"}
    with pytest.raises(UnknownPlanError, match=r"'Premium'.*Gold, Tin"):
        sla.first_response_deadline(Plan.PREMIUM, "P1", created, "Asia/Shanghai", policy=policy)
    with pytest.raises(UnknownSeverityError, match=r"'S1'.*P1, P2"):
        sla.first_response_deadline("gold", Severity.S1, created, "Asia/Shanghai", policy=policy)


def test_the_version_in_force_at_creation_applies(tmp_path: Path) -> None:
    book = sla.load_policy_book(write_policy(tmp_path, BOOK, "book.toml"))
    june = sh(2025, 6, 30, 23, 0)
    july = sh(2025, 7, 1, 0, 30)
    assert (
        sla.first_response_deadline("gold", 1, june, "Asia/Shanghai", policy=book)
        == june + 2 * HOUR
    )
    assert sla.first_response_deadline("gold", 1, july, "Asia/Shanghai", policy=book) == july + HOUR
    # The creation date is local to the calendar: 2025-06-30 16:30 UTC is July 1 in Shanghai.
    same = datetime(2025, 6, 30, 16, 30, tzinfo=UTC)
    assert sla.first_response_deadline("gold", 1, same, "Asia/Shanghai", policy=book) == july + HOUR
    assert sla.first_response_deadline("gold", 1, same, "UTC", policy=book) == same + 2 * HOUR
    status = sla.response_status("gold", 1, july, "Asia/Shanghai", now=july, policy=book)
    assert status.policy.name == "v2"


def test_a_ticket_before_any_version_gets_the_earliest(tmp_path: Path) -> None:
    book = sla.load_policy_book(write_policy(tmp_path, BOOK, "book.toml"))
    early = sh(2020, 3, 1, 12, 0)
    assert sla.first_response_deadline("gold", 1, early, "Asia/Shanghai", policy=book) == (
        early + 2 * HOUR
    )
    assert sla.explanation("gold", 1, early, "Asia/Shanghai", policy=book).predates_policy


def test_builtin_policy_applies_before_its_launch_date() -> None:
    january = sh(2025, 1, 20, 10, 0)  # published in January 2025, launched 2025-02-17
    assert sla.first_response_deadline("premium", "S1", january, "Asia/Shanghai") == (
        sh(2025, 1, 20, 10, 30)
    )
    text = str(sla.explanation("premium", "S1", january, "Asia/Shanghai"))
    assert "before this policy took effect on 2025-02-17" in text
    assert "earliest version applies" in text
    assert "Note:" not in str(sla.explanation("premium", "S1", CREATED, "Asia/Shanghai"))


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "severity", "error", "shown"),
    [
        ("gold", "S1", UnknownPlanError, "'gold'"),
        ("", "S1", UnknownPlanError, "''"),
        (None, "S1", UnknownPlanError, "None"),
        (3, "S1", UnknownPlanError, "3"),
        ("premium", "S5", UnknownSeverityError, "'S5'"),
        ("premium", 0, UnknownSeverityError, "0"),
        ("premium", True, UnknownSeverityError, "True"),
        ("premium", 1.0, UnknownSeverityError, "1.0"),
        ("premium", None, UnknownSeverityError, "None"),
    ],
)
def test_unknown_plan_or_severity(
    plan: object, severity: object, error: type[Exception], shown: str
) -> None:
    for call in (
        lambda: sla.first_response_deadline(plan, severity, CREATED, "Asia/Shanghai"),  # type: ignore[arg-type]
        lambda: connected_care_policy().target(plan, severity),  # type: ignore[arg-type]
        lambda: sla.response_status(plan, severity, CREATED, "Asia/Shanghai", now=CREATED),  # type: ignore[arg-type]
        lambda: str(sla.explanation(plan, severity, CREATED, "Asia/Shanghai")),  # type: ignore[arg-type]
    ):
        with pytest.raises(error) as info:
            call()
        assert shown in str(info.value)
        assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("created", "shown"),
    [
        (datetime(2025, 6, 4, 10, 0), "naive"),
        ("2025-06-04T10:00:00+08:00", "'2025-06-04T10:00:00+08:00'"),
        (date(2025, 6, 4), "datetime.date(2025, 6, 4)"),
        (None, "None"),
    ],
)
def test_created_at_must_be_an_aware_datetime(created: object, shown: str) -> None:
    with pytest.raises(InvalidInstantError) as info:
        sla.first_response_deadline("premium", "S1", created, "Asia/Shanghai")  # type: ignore[arg-type]
    assert shown in str(info.value)
    assert "created_at" in str(info.value)


@pytest.mark.parametrize(
    ("calendar", "error", "shown"),
    [
        ("Mars/Olympus_Mons", UnknownZoneError, "'Mars/Olympus_Mons'"),
        (8, UnknownZoneError, "8 of type int"),
        (SHANGHAI, UnknownZoneError, "zoneinfo.ZoneInfo(key='Asia/Shanghai')"),
        (None, UnknownZoneError, "None"),
    ],
)
def test_bad_calendar(calendar: object, error: type[Exception], shown: str) -> None:
    with pytest.raises(error) as info:
        sla.first_response_deadline("premium", "S1", CREATED, calendar)  # type: ignore[arg-type]
    assert shown in str(info.value)


@pytest.mark.parametrize("policy", ["connected_care.toml", 42, {"severities": {}}])
def test_bad_policy_argument(policy: object) -> None:
    with pytest.raises(PolicyError) as info:
        sla.first_response_deadline("premium", "S1", CREATED, "UTC", policy=policy)  # type: ignore[arg-type]
    assert repr(policy) in str(info.value)
    with pytest.raises(PolicyError):
        sla.explanation("premium", "S1", CREATED, "UTC", policy=policy)  # type: ignore[arg-type]


def test_bad_on_argument() -> None:
    with pytest.raises(PolicyError, match="'2025-01-01'"):
        connected_care_policy().in_force("2025-01-01")  # type: ignore[arg-type]


# -- status -------------------------------------------------------------------------


def status(
    plan: str = "developer",
    severity: str = "S1",
    *,
    created: datetime = CREATED,
    now: datetime,
    responded_at: datetime | None = None,
    at_risk: float | Fraction | Decimal = 0.75,
) -> sla.ResponseStatus:
    return sla.response_status(
        plan,
        severity,
        created,
        "Asia/Shanghai",
        now=now,
        responded_at=responded_at,
        at_risk=at_risk,
    )


def test_status_on_track_at_risk_breached_in_business_time() -> None:
    # Developer S1 from Wednesday 10:00: 4 business hours, due 14:00.
    early = status(now=sh(2025, 6, 4, 12, 59))
    assert early.state is Status.ON_TRACK
    assert early.consumed == timedelta(hours=2, minutes=59)
    assert early.remaining == timedelta(hours=1, minutes=1)
    assert early.deadline == sh(2025, 6, 4, 14, 0)
    risky = status(now=sh(2025, 6, 4, 13, 0))  # exactly 75 %
    assert risky.state is Status.AT_RISK
    assert risky.fraction_consumed == Fraction(3, 4)
    at_deadline = status(now=sh(2025, 6, 4, 14, 0))
    assert at_deadline.state is Status.AT_RISK  # it can still be met at the deadline
    assert at_deadline.remaining == timedelta(0)
    late = status(now=sh(2025, 6, 4, 14, 0) + US)
    assert late.state is Status.BREACHED
    assert late.remaining == -US
    assert late.consumed == 4 * HOUR + US


def test_remaining_is_in_business_time_for_business_targets() -> None:
    # Friday 17:00, due Monday 12:00; on Saturday only one business hour has passed.
    created = sh(2025, 6, 6, 17, 0)
    weekend = status(created=created, now=sh(2025, 6, 7, 15, 0))
    assert weekend.state is Status.ON_TRACK
    assert weekend.consumed == HOUR
    assert weekend.remaining == 3 * HOUR
    assert weekend.fraction_consumed == Fraction(1, 4)
    # Overnight, before Thursday's opening: still 3 of 4 business hours consumed.
    overnight = status(created=sh(2025, 6, 4, 15, 0), now=sh(2025, 6, 5, 8, 0))
    assert overnight.deadline == sh(2025, 6, 5, 10, 0)
    assert overnight.consumed == 3 * HOUR
    assert overnight.state is Status.AT_RISK


def test_remaining_is_in_wall_time_for_wall_targets() -> None:
    created = sh(2025, 6, 7, 3, 0)  # a Saturday: wall clocks do not stop
    half = status("enterprise", "S1", created=created, now=sh(2025, 6, 7, 3, 30))
    assert half.state is Status.ON_TRACK
    assert half.remaining == timedelta(minutes=30)
    late = status("enterprise", "S1", created=created, now=sh(2025, 6, 7, 6, 0))
    assert late.state is Status.BREACHED
    assert late.remaining == -2 * HOUR
    assert late.fraction_consumed == 3


def test_breached_while_closed_shows_no_business_time_remaining() -> None:
    # Developer S2 from Wednesday 10:00 is due 18:00; at 20:00 it is breached.
    late = status("developer", "S2", now=sh(2025, 6, 4, 20, 0))
    assert late.state is Status.BREACHED
    assert late.remaining == timedelta(0)
    assert late.fraction_consumed == 1


def test_met_and_missed() -> None:
    deadline = sh(2025, 6, 4, 14, 0)
    later = sh(2025, 6, 9, 9, 0)
    met = status(now=later, responded_at=deadline)
    assert met.state is Status.MET
    assert met.responded_at == deadline
    assert met.consumed == 4 * HOUR  # the clock stops at the response
    missed = status(now=later, responded_at=deadline + US)
    assert missed.state is Status.MISSED
    assert missed.remaining == -US
    quick = status(now=later, responded_at=CREATED)
    assert quick.state is Status.MET
    assert quick.consumed == timedelta(0)


def test_response_after_now_has_not_happened_yet() -> None:
    now = sh(2025, 6, 4, 11, 0)
    result = status(now=now, responded_at=sh(2025, 6, 4, 12, 0))
    assert result.state is Status.ON_TRACK
    assert result.responded_at is None


def test_no_target_status() -> None:
    result = status("basic", "S1", now=sh(2025, 6, 30, 0, 0), responded_at=CREATED)
    assert result.state is Status.NO_TARGET
    assert result.deadline is None
    assert result.remaining is None
    assert result.consumed is None
    assert result.fraction_consumed is None
    assert result.target is None
    assert "no target" in repr(result)


@pytest.mark.parametrize(
    ("at_risk", "expected"),
    [
        (0.5, Fraction(1, 2)),
        (1, Fraction(1)),
        (0.8, Fraction(4, 5)),
        (Fraction(2, 3), Fraction(2, 3)),
        (Decimal("0.9"), Fraction(9, 10)),
    ],
)
def test_at_risk_threshold_is_exact(
    at_risk: float | Fraction | Decimal, expected: Fraction
) -> None:
    assert status(now=CREATED, at_risk=at_risk).at_risk == expected


def test_at_risk_of_a_float_is_the_decimal_it_prints() -> None:
    # 80 % of 4 business hours is 3h12m: at risk with at_risk=0.8 (not 0.8000000000000000444).
    assert status(now=sh(2025, 6, 4, 13, 12), at_risk=0.8).state is Status.AT_RISK
    assert status(now=sh(2025, 6, 4, 13, 11), at_risk=0.8).state is Status.ON_TRACK
    assert status(now=sh(2025, 6, 4, 13, 59), at_risk=1).state is Status.ON_TRACK
    assert status(now=sh(2025, 6, 4, 14, 0), at_risk=1).state is Status.AT_RISK


@pytest.mark.parametrize(
    "bad", [0, 0.0, -0.25, 1.01, 2, float("nan"), float("inf"), True, "0.5", None, Decimal("NaN")]
)
def test_at_risk_must_be_in_zero_to_one(bad: object) -> None:
    with pytest.raises(ValueError, match="0 < at_risk <= 1") as info:
        status(now=CREATED, at_risk=bad)  # type: ignore[arg-type]
    assert repr(bad) in str(info.value)


def test_now_before_creation_is_refused() -> None:
    with pytest.raises(InvalidInstantError) as info:
        status(now=CREATED - US)
    assert "before the ticket was created" in str(info.value)
    assert (CREATED - US).isoformat() in str(info.value)


def test_response_before_creation_is_refused() -> None:
    with pytest.raises(InvalidInstantError) as info:
        status(now=sh(2025, 6, 5), responded_at=sh(2025, 6, 4, 9, 0))
    assert "responded_at" in str(info.value)
    assert "before the ticket was created" in str(info.value)
    with pytest.raises(InvalidInstantError, match="before the ticket"):
        status("basic", now=sh(2025, 6, 5), responded_at=sh(2025, 6, 4, 9, 0))


@pytest.mark.parametrize("name", ["now", "responded_at"])
def test_naive_status_instants_are_refused(name: str) -> None:
    naive = datetime(2025, 6, 4, 12, 0)
    kwargs = {"now": sh(2025, 6, 5), name: naive}
    with pytest.raises(InvalidInstantError, match=f"{name} .*naive"):
        sla.response_status("developer", "S1", CREATED, "Asia/Shanghai", **kwargs)  # type: ignore[arg-type]


def test_status_value_is_frozen_printable_and_in_the_calendar_zone() -> None:
    result = status(now=datetime(2025, 6, 4, 5, 0, tzinfo=UTC))
    assert result.now == sh(2025, 6, 4, 13, 0)
    assert result.now.tzinfo == SHANGHAI
    assert result.created_at.isoformat() == "2025-06-04T10:00:00+08:00"
    assert repr(result) == (
        "ResponseStatus(Status.AT_RISK, Developer S1, deadline=2025-06-04T14:00:00+08:00, "
        "remaining=1h, consumed=75.0%)"
    )
    assert str(result).startswith("AT RISK: Developer S1, target 4 business hours")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.state = Status.MET  # type: ignore[misc]
    assert hash(result) == hash(dataclasses.replace(result))


# -- explanations ---------------------------------------------------------------------------


def test_explanation_of_the_friday_example() -> None:
    text = str(sla.explanation("developer", "S1", sh(2025, 6, 6, 17, 0), "Asia/Shanghai"))
    for line in [
        "Developer S1 under Connected Care (effective 2025-02-17)",
        "S1: Complete loss of production environment functionality.",
        "Response table: row Developer, column S1 = 4 business hours",
        "business hours Mon-Fri 09:00-18:00",
        "Zone:         Asia/Shanghai",
        "Created:      Fri 2025-06-06 17:00:00 +08:00",
        "Clock starts: Fri 2025-06-06 17:00:00 +08:00, at creation",
        "Fri 2025-06-06 17:00:00-18:00:00 +08:00",
        "Mon 2025-06-09 09:00:00-12:00:00 +08:00",
        "Sat 2025-06-07  rest day",
        "Sun 2025-06-08  rest day",
        "DST changes crossed: none",
        "Deadline:     Mon 2025-06-09 12:00:00 +08:00",
    ]:
        assert line in text, line


def test_explanation_says_why_the_clock_starts_later() -> None:
    weekend = sla.explanation("developer", "S1", sh(2025, 6, 7, 3, 0), "Asia/Shanghai")
    assert weekend.clock_start == sh(2025, 6, 9, 9, 0)
    assert weekend.start_reason is not None
    assert "Saturday, a rest day" in weekend.start_reason
    at_close = sla.explanation("developer", "S1", sh(2025, 6, 4, 18, 0), "Asia/Shanghai")
    assert at_close.start_reason is not None
    assert "close of business" in at_close.start_reason
    early = sla.explanation("developer", "S1", sh(2025, 6, 4, 7, 0), "Asia/Shanghai")
    assert early.start_reason is not None
    assert "outside the day's business hours" in early.start_reason
    cn = BusinessCalendar("Asia/Shanghai", holidays="CN")
    holiday = sla.explanation("developer", "S1", sh(2025, 10, 1, 10, 0), cn)
    assert holiday.start_reason is not None
    assert "National Day, a holiday" in holiday.start_reason
    inside = sla.explanation("developer", "S1", CREATED, "Asia/Shanghai")
    assert inside.start_reason is None
    assert inside.clock_start == CREATED


def test_explanation_names_holidays_and_makeup_workdays() -> None:
    cn = BusinessCalendar("Asia/Shanghai", holidays="CN")
    result = sla.explanation("developer", "S4", sh(2025, 10, 1, 17, 0), cn)
    kinds = {(d.day, d.kind, d.name) for d in result.days}
    assert (date(2025, 10, 1), "holiday", "National Day") in kinds
    assert (date(2025, 10, 6), "holiday", "Mid-Autumn Festival") in kinds
    assert (date(2025, 10, 4), "rest day", None) in kinds
    assert (date(2025, 10, 11), "make-up workday", None) in kinds
    assert result.deadline == sh(2025, 10, 11, 15, 0)
    text = str(result)
    assert "Wed 2025-10-01  holiday: National Day" in text
    assert "Sat 2025-10-11  make-up workday" in text
    assert "Sat 2025-10-11 09:00:00-15:00:00 +08:00" in text


def test_explanation_lists_the_windows_consumed() -> None:
    result = sla.explanation("developer", "S4", sh(2025, 6, 6, 17, 0), "Asia/Shanghai")
    assert [(w.opens, w.closes) for w in result.windows] == [
        (sh(2025, 6, 6, 17), sh(2025, 6, 6, 18)),
        (sh(2025, 6, 9, 9), sh(2025, 6, 9, 18)),
        (sh(2025, 6, 10, 9), sh(2025, 6, 10, 18)),
        (sh(2025, 6, 11, 9), sh(2025, 6, 11, 14)),
    ]
    assert sum((w.duration for w in result.windows), timedelta(0)) == 24 * HOUR
    assert "Business time consumed: 24h in 4 windows" in str(result)


def test_explanation_shows_dst_changes_crossed() -> None:
    wall = sla.explanation("premium", "S2", ny(2025, 3, 9, 1, 30), "America/New_York")
    assert len(wall.dst_changes) == 1
    change = wall.dst_changes[0]
    assert change.at == ny(2025, 3, 9, 3, 0)
    assert (change.before, change.after) == (timedelta(hours=-5), timedelta(hours=-4))
    text = str(wall)
    assert "UTC offset -05:00 -> -04:00 (clocks forward 1h)" in text
    assert "3,600 seconds" in text
    assert wall.windows == ()
    assert wall.days == ()
    business = sla.explanation("developer", "S4", ny(2025, 10, 31, 17, 0), "America/New_York")
    assert [c.after for c in business.dst_changes] == [timedelta(hours=-5)]
    assert "clocks back 1h" in str(business)
    assert "Mon 2025-11-03 09:00:00-18:00:00 -05:00" in str(business)


def test_explanation_for_no_target() -> None:
    result = sla.explanation("basic", "S2", CREATED, "Asia/Shanghai")
    assert result.target is None
    assert result.deadline is None
    assert result.clock_start is None
    assert result.windows == ()
    text = str(result)
    # The text names the rule by what it says, not by a section number of the SPEC.
    assert (
        "Response table: row Basic, column S2 = none: this plan has no first-response target\n"
        in text
    )
    assert "Deadline:     none" in text
    assert repr(result) == "Explanation(Basic S2, None, no target)"


def test_the_text_of_an_explanation_is_its_str() -> None:
    # explain(...) was removed in 0.2.0: str(explanation(...)) gives the same text.
    args = ("enterprise", "S3", sh(2025, 6, 6, 17, 0), "Asia/Shanghai")
    result = sla.explanation(*args)
    assert str(sla.explanation(*args)) == str(result)
    assert isinstance(str(sla.explanation(*args)), str)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.deadline = None  # type: ignore[misc]
    assert hash(result) == hash(sla.explanation(*args))
    assert result == sla.explanation(*args)


# -- properties ---------------------------------------------------------------------------

ZONE_NAMES = ["Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC"]
BUSINESS_CELLS = [(p, s) for p, s, t, _ in TABLE if t is not None and t.clock is Clock.BUSINESS]
WALL_CELLS = [(p, s) for p, s, t, _ in TABLE if t is not None and t.clock is Clock.WALL]
TARGET_CELLS = BUSINESS_CELLS + WALL_CELLS

instants = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@st.composite
def near_new_york_dst(draw: st.DrawFn) -> datetime:
    """Instants within a few hours of a New York DST change."""
    year = draw(st.integers(2000, 2035))
    spring = draw(st.booleans())
    # Second Sunday of March / first Sunday of November, 07:00 / 06:00 UTC.
    if spring:
        day = date(year, 3, 8)
        hour = 7
    else:
        day = date(year, 11, 1)
        hour = 6
    day += timedelta(days=(6 - day.weekday()) % 7)
    change = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return change + timedelta(microseconds=draw(st.integers(-3 * 3600 * 10**6, 3 * 3600 * 10**6)))


@given(st.sampled_from(BUSINESS_CELLS), instants, st.sampled_from(ZONE_NAMES))
def test_business_deadline_elapses_exactly_the_target(
    cell: tuple[str, str], created: datetime, zone: str
) -> None:
    deadline = sla.first_response_deadline(*cell, created, zone)
    target = connected_care_policy().target(*cell)
    assert deadline is not None
    assert target is not None
    assert _default_calendar(zone).elapsed(created, deadline) == target.duration
    # ... and is the earliest such instant: just before, less has elapsed.
    assert _default_calendar(zone).elapsed(created, deadline - US) < target.duration


@given(st.sampled_from(WALL_CELLS), st.one_of(instants, near_new_york_dst()))
def test_wall_deadline_is_target_later_in_absolute_time(
    cell: tuple[str, str], created: datetime
) -> None:
    deadline = sla.first_response_deadline(*cell, created, "America/New_York")
    target = connected_care_policy().target(*cell)
    assert deadline is not None
    assert target is not None
    assert absolute(deadline) - absolute(created) == target.duration
    assert deadline.tzinfo == NEW_YORK


@given(st.sampled_from(TARGET_CELLS), instants, instants, st.sampled_from(ZONE_NAMES))
def test_deadlines_are_monotonic_in_creation_time(
    cell: tuple[str, str], first: datetime, second: datetime, zone: str
) -> None:
    early, late = sorted([first, second])
    assert sla.first_response_deadline(*cell, early, zone) <= sla.first_response_deadline(  # type: ignore[operator]
        *cell, late, zone
    )


@given(st.sampled_from(TARGET_CELLS), instants, offsets, st.sampled_from(ZONE_NAMES))
def test_same_instant_in_another_offset_gives_the_same_deadline(
    cell: tuple[str, str], created: datetime, offset: timezone, zone: str
) -> None:
    here = sla.first_response_deadline(*cell, created, zone)
    there = sla.first_response_deadline(*cell, created.astimezone(offset), zone)
    assert here == there
    assert here is not None
    assert there is not None
    assert here.isoformat() == there.isoformat()


@given(
    st.sampled_from(TARGET_CELLS),
    instants,
    st.lists(st.integers(0, 6 * 24 * 3600 * 10**6), min_size=2, max_size=8),
    st.sampled_from([0.5, 0.75, 0.9, 1]),
)
def test_status_only_moves_forward_as_now_advances(
    cell: tuple[str, str], created: datetime, steps: list[int], at_risk: float
) -> None:
    order = [Status.ON_TRACK, Status.AT_RISK, Status.BREACHED]
    seen = []
    for step in sorted(steps):
        now = created + timedelta(microseconds=step)
        result = sla.response_status(*cell, created, "Asia/Shanghai", now=now, at_risk=at_risk)
        assert result.state in order
        assert result.consumed is not None
        assert result.remaining is not None
        assert result.consumed + result.remaining == result.target.duration  # type: ignore[union-attr]
        assert result.deadline is not None
        assert (result.state is Status.BREACHED) is (now > result.deadline)
        seen.append(order.index(result.state))
    assert seen == sorted(seen)


@given(st.sampled_from(TARGET_CELLS), instants, st.integers(0, 4 * 24 * 3600 * 10**6))
def test_met_iff_responded_by_the_deadline(
    cell: tuple[str, str], created: datetime, after: int
) -> None:
    responded = created + timedelta(microseconds=after)
    result = sla.response_status(
        *cell, created, "Asia/Shanghai", now=responded + HOUR, responded_at=responded
    )
    deadline = sla.first_response_deadline(*cell, created, "Asia/Shanghai")
    assert deadline is not None
    assert result.state is (Status.MET if responded <= deadline else Status.MISSED)
    assert (result.remaining is not None and result.remaining >= timedelta(0)) is (
        responded <= deadline
    )


@given(
    st.sampled_from(BUSINESS_CELLS),
    st.datetimes(
        min_value=datetime(2020, 1, 1),
        max_value=datetime(2026, 11, 30),
        timezones=st.just(SHANGHAI),
    ),
)
def test_explanation_windows_add_up_to_the_target(cell: tuple[str, str], created: datetime) -> None:
    cn = BusinessCalendar("Asia/Shanghai", holidays="CN")
    result = sla.explanation(*cell, created, cn)
    assert result.target is not None
    assert result.deadline is not None
    assert result.clock_start is not None
    assert sum((w.duration for w in result.windows), timedelta(0)) == result.target.duration
    assert all(result.clock_start <= w.opens < w.closes <= result.deadline for w in result.windows)
    assert result.deadline == sla.first_response_deadline(*cell, created, cn)
    closed = {d.day for d in result.days if d.kind != "make-up workday"}
    assert not any(w.opens.date() in closed for w in result.windows)


@given(
    plan=st.one_of(st.text(max_size=12), st.integers(), st.none(), st.sampled_from(list(Plan))),
    severity=st.one_of(
        st.text(max_size=4), st.integers(), st.booleans(), st.sampled_from(list(Severity))
    ),
    created=st.one_of(instants, st.datetimes(), st.none()),
    calendar=st.sampled_from(["Asia/Shanghai", "Nowhere/Land", "", 3]),
)
def test_never_raises_anything_but_library_errors(
    plan: object, severity: object, created: object, calendar: object
) -> None:
    with contextlib.suppress(SlaError):
        sla.first_response_deadline(plan, severity, created, calendar)  # type: ignore[arg-type]


def test_entitlements_for_a_plan() -> None:
    policy = connected_care_policy()
    assert policy.includes(sla.Plan.PREMIUM, sla.Service.TECHNICAL_ACCOUNT_MANAGER)
    assert Service.TECHNICAL_ACCOUNT_MANAGER not in policy.entitlements("enterprise")
    assert Service.CLINIC_ADVANCED_MONITORING in policy.entitlements("enterprise")


# -- crashes the fuzz tests found (tests/contract/test_fuzz.py) ----------------------------


def test_regression_at_risk_too_long_to_print() -> None:
    created = datetime(2025, 6, 6, 17, 0, tzinfo=SHANGHAI)
    message = expect(
        InvalidThresholdError,
        sla.response_status,
        "developer",
        "S1",
        created,
        "UTC",
        now=created,
        at_risk=10**5000,
    )
    assert "<an int of" in message
