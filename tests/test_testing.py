"""The public testing toolkit, ``connected_care_sla.testing``.

Its strategies must reach the cases they promise (DST transitions, wall times
in a DST gap, 09:00 and 18:00 exactly, rest days, holiday eves, answers exactly
at the deadline), and its assertions must catch wrong deadlines and statuses
with a readable message. The first test is also the library checked against
an independent statement of the SPEC, on every kind of ticket.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import connected_care_sla as sla
from connected_care_sla import BusinessCalendar, Policy, PolicyBook, Status, WeeklyHours
from connected_care_sla.exceptions import InvalidInstantError, UnknownPlanError, UnknownZoneError
from connected_care_sla.testing import (
    Ticket,
    assert_deadline_honours_target,
    assert_status,
    calendars,
    holiday_specs,
    instants,
    plans,
    severities,
    tickets,
    weekly_hours,
    zones,
)

US = timedelta(microseconds=1)
SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
FRIDAY_17 = datetime(2025, 6, 6, 17, 0, tzinfo=SH)

FASTER = Policy.from_mapping(
    {
        "name": "Faster",
        "effective_from": date(2030, 1, 1),
        "severities": {"P1": "Down.", "P2": "Slow."},
        "first_response": {"Gold": {"P1": "15m wall", "P2": "2h business"}},
    }
)
BOOK = PolicyBook([sla.connected_care_policy(), FASTER])


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# -- the library against the assertion ------------------------------------------------------


@given(tickets())
def test_every_deadline_honours_its_target(ticket: Ticket) -> None:
    assert_deadline_honours_target(
        ticket.plan, ticket.severity, ticket.created, ticket.deadline(), ticket.calendar
    )


@given(tickets(policy=BOOK, calendar=calendars(holidays=())))
def test_every_deadline_of_a_policy_book_honours_its_target(ticket: Ticket) -> None:
    assert_deadline_honours_target(
        ticket.plan, ticket.severity, ticket.created, ticket.deadline(), ticket.calendar, BOOK
    )


@given(st.data(), tickets())
def test_every_status_is_consistent(data: st.DataObject, ticket: Ticket) -> None:
    now = data.draw(instants(ticket.calendar, near=ticket.created))
    if utc(now) < utc(ticket.created):
        now = ticket.created
    assert_status(ticket.status(now))


# -- the strategies reach what they promise ------------------------------------------------


def _transitions(zone: ZoneInfo) -> set[datetime]:
    cal = BusinessCalendar(zone)
    start, end = datetime(2000, 1, 1, tzinfo=UTC), datetime(2036, 1, 1, tzinfo=UTC)
    return {utc(moment) for moment, _ in cal.dst_changes(start, end)}


def test_instants_reach_dst_transitions_exactly() -> None:
    changes = _transitions(NY)
    found = find(instants(NY), lambda t: utc(t) in changes)
    assert found.tzinfo is NY


def test_instants_reach_wall_times_inside_a_dst_gap() -> None:
    def in_gap(t: datetime) -> bool:
        return t.astimezone(UTC).astimezone(NY).replace(tzinfo=None) != t.replace(tzinfo=None)

    found = find(instants(NY), in_gap)
    assert found.tzinfo is NY


@pytest.mark.parametrize("clock", [time(9), time(18)])
def test_instants_reach_the_default_window_edges(clock: time) -> None:
    found = find(instants(SH), lambda t: t.time() == clock and t.weekday() < 5)
    assert found.time() == clock


def test_instants_reach_the_edges_of_a_calendars_own_windows() -> None:
    cal = BusinessCalendar("Asia/Shanghai", {"Mon-Fri": "08:30-12:15, 13:45-17:20"})
    for clock in (time(8, 30), time(12, 15), time(13, 45), time(17, 20)):
        assert find(instants(cal), lambda t, c=clock: t.time() == c).time() == clock


def test_instants_reach_weekends_and_a_calendars_own_rest_days() -> None:
    assert find(instants(SH), lambda t: t.weekday() == 6).weekday() == 6
    tuesdays_off = BusinessCalendar("UTC", {"Mon": "09:00-18:00", "Wed-Sun": "09:00-18:00"})
    assert find(instants(tuesdays_off), lambda t: t.weekday() == 1).weekday() == 1


def test_instants_reach_the_eve_of_a_holiday() -> None:
    cal = BusinessCalendar("Asia/Shanghai", holidays="CN")

    def holiday_eve_at_close(t: datetime) -> bool:
        tomorrow = t.date() + timedelta(days=1)
        return t.time() == time(18) and cal.holiday_name(tomorrow) is not None

    found = find(instants(cal), holiday_eve_at_close)
    assert cal.holiday_name(found.date() + timedelta(days=1)) is not None


@given(instants(BusinessCalendar("Asia/Shanghai", holidays="CN")))
def test_instants_of_a_country_calendar_stay_where_its_data_is_official(t: datetime) -> None:
    # China publishes its make-up workdays a year at a time (the engine's horizon: 2026).
    assert date(2000, 1, 1) <= t.date() <= date(2026, 12, 2)  # a nudge may cross midnight


@given(instants(SH, start=date(2031, 1, 1), end=date(2031, 1, 31)))
def test_instants_stay_in_the_range_asked_for(t: datetime) -> None:
    assert t.tzinfo is SH
    assert date(2030, 12, 31) <= t.date() <= date(2031, 2, 1)  # a nudge may cross midnight


@given(st.data(), instants(NY))
def test_near_keeps_a_second_instant_within_three_weeks(data: st.DataObject, t: datetime) -> None:
    second = data.draw(instants(NY, near=t))
    assert abs(utc(second) - utc(t)) < timedelta(days=22)


@given(instants())
def test_instants_without_a_zone_draw_one(t: datetime) -> None:
    assert isinstance(t.tzinfo, ZoneInfo)
    assert t.utcoffset() is not None


def test_instants_refuse_bad_arguments() -> None:
    with pytest.raises(InvalidArgument, match="start <= end"):
        instants(SH, start=date(2030, 1, 1), end=date(2029, 1, 1))
    with pytest.raises(InvalidArgument, match="aware"):
        instants(SH, near=datetime(2025, 1, 1))
    with pytest.raises(UnknownZoneError):
        instants("Mars/Olympus")


def test_zones_default_set_and_own_names() -> None:
    assert find(zones(), lambda z: z.key == "Australia/Lord_Howe").key == "Australia/Lord_Howe"
    assert find(zones(["UTC"]), lambda z: True) is ZoneInfo("UTC")
    with pytest.raises(InvalidArgument):
        zones([])


@pytest.mark.parametrize(
    ("what", "check"),
    [
        ("overnight", lambda h: any(w.overnight for day in h.days for w in day)),
        ("split shift", lambda h: any(len(day) >= 2 for day in h.days)),
        ("24:00 end", lambda h: any(w.closes_us == 86_400_000_000 for d in h.days for w in d)),
        ("24x7", lambda h: h.week_us == 7 * 86_400_000_000),
        ("weekends only", lambda h: not any(h.days[:5]) and any(h.days[5:])),
    ],
)
def test_weekly_hours_reach_every_shape(what: str, check: object) -> None:
    assert callable(check)
    assert check(find(weekly_hours(), check)), what


@given(weekly_hours())
def test_weekly_hours_always_open_some_time(hours: WeeklyHours) -> None:
    assert hours.week_us > 0


@given(calendars(zones="Europe/Berlin", hours=WeeklyHours.default(), holidays=()))
def test_calendars_take_plain_values(cal: BusinessCalendar) -> None:
    assert cal == BusinessCalendar("Europe/Berlin")


@given(calendars(holidays=holiday_specs(["DE"]), strict=True))
def test_calendars_take_strategies_and_strict(cal: BusinessCalendar) -> None:
    assert cal.strict
    assert all(country.code == "DE" for country in cal.holidays.countries)


def test_holiday_specs_reach_countries_dates_and_combinations() -> None:
    assert find(holiday_specs(), lambda spec: spec == "CN") == "CN"
    combined = find(holiday_specs(), lambda s: isinstance(s, list) and isinstance(s[0], str))
    assert isinstance(combined[1], date)
    with pytest.raises(InvalidArgument):
        holiday_specs([])


def test_plans_and_severities_of_a_book_are_those_of_every_version() -> None:
    assert find(plans(BOOK), lambda p: p == "Gold") == "Gold"
    assert find(severities(BOOK), lambda s: s == "S4") == "S4"
    assert find(severities(), lambda s: True) == "S1"
    with pytest.raises(InvalidArgument):
        plans("Connected Care")  # type: ignore[arg-type]


@given(tickets(policy=BOOK, calendar="Asia/Shanghai"))
def test_tickets_use_the_version_in_force_on_their_local_creation_date(ticket: Ticket) -> None:
    version = BOOK.in_force(utc(ticket.created).astimezone(SH).date())
    assert ticket.plan in version.plans
    assert ticket.severity in version.severities
    assert ticket.policy is BOOK


@given(tickets(answered=True))
def test_answered_tickets_are_answered_after_creation(ticket: Ticket) -> None:
    assert ticket.responded is not None
    assert utc(ticket.responded) >= utc(ticket.created)


@given(tickets(answered=False))
def test_unanswered_tickets(ticket: Ticket) -> None:
    assert ticket.responded is None


def test_tickets_are_answered_exactly_at_the_deadline_and_a_microsecond_either_side() -> None:
    for shift in (timedelta(0), US, -US):

        def answered(ticket: Ticket, shift: timedelta = shift) -> bool:
            deadline = ticket.deadline()
            return (
                deadline is not None
                and ticket.responded is not None
                and utc(ticket.responded) == utc(deadline) + shift
                and ticket.responded > ticket.created
            )

        found = find(tickets(calendar="Asia/Shanghai", answered=True), answered)
        assert found.status(found.responded).state in {Status.MET, Status.MISSED}  # type: ignore[arg-type]


def test_tickets_are_frozen_values() -> None:
    ticket = Ticket("Developer", "S1", FRIDAY_17, None, BusinessCalendar("Asia/Shanghai"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ticket.plan = "Basic"  # type: ignore[misc]
    assert ticket == dataclasses.replace(ticket)
    assert hash(ticket) == hash(dataclasses.replace(ticket))
    assert ticket.deadline() == datetime(2025, 6, 9, 12, 0, tzinfo=SH)


# -- the assertions catch wrong answers ----------------------------------------------------


def test_a_deadline_one_business_hour_late_is_caught() -> None:
    late = datetime(2025, 6, 9, 13, 0, tzinfo=SH)
    with pytest.raises(AssertionError, match="is 5h of business time after creation, not 4h"):
        assert_deadline_honours_target("developer", "S1", FRIDAY_17, late, "Asia/Shanghai")


def test_the_next_opening_instead_of_the_close_is_caught() -> None:
    # 4 business hours from Friday 14:00 run out at 18:00: due then, not Monday 09:00.
    created = datetime(2025, 6, 6, 14, 0, tzinfo=SH)
    assert_deadline_honours_target(
        "developer", "S1", created, datetime(2025, 6, 6, 18, 0, tzinfo=SH), "Asia/Shanghai"
    )
    monday = datetime(2025, 6, 9, 9, 0, tzinfo=SH)
    with pytest.raises(AssertionError, match="not the earliest instant"):
        assert_deadline_honours_target("developer", "S1", created, monday, "Asia/Shanghai")


def test_wall_clock_arithmetic_across_a_dst_change_is_caught() -> None:
    created = datetime(2025, 11, 2, 0, 30, tzinfo=NY)  # EDT; the clocks go back at 02:00
    wall_sum = created + timedelta(hours=2)  # Python adds wall time: 02:30 EST, 3 real hours
    with pytest.raises(AssertionError, match="is 3h of real time after creation, not 2h"):
        assert_deadline_honours_target("enterprise", "S2", created, wall_sum, "America/New_York")
    right = (created.astimezone(UTC) + timedelta(hours=2)).astimezone(NY)
    assert_deadline_honours_target("enterprise", "S2", created, right, "America/New_York")


def test_a_deadline_for_a_plan_without_target_and_a_missing_one_are_caught() -> None:
    with pytest.raises(AssertionError, match="no target, yet a deadline"):
        assert_deadline_honours_target("basic", "S1", FRIDAY_17, FRIDAY_17, "Asia/Shanghai")
    assert_deadline_honours_target("basic", "S1", FRIDAY_17, None, "Asia/Shanghai")
    with pytest.raises(AssertionError, match="not a datetime"):
        assert_deadline_honours_target("premium", "S1", FRIDAY_17, None, "Asia/Shanghai")
    naive = datetime(2025, 6, 6, 17, 30)
    with pytest.raises(AssertionError, match="naive"):
        assert_deadline_honours_target("premium", "S1", FRIDAY_17, naive, "Asia/Shanghai")


def test_the_assertion_refuses_a_naive_creation_time() -> None:
    with pytest.raises(InvalidInstantError):
        assert_deadline_honours_target(
            "premium", "S1", datetime(2025, 6, 6, 17), FRIDAY_17, "Asia/Shanghai"
        )


def test_the_assertion_uses_the_policy_version_in_force() -> None:
    created = datetime(2030, 1, 1, 9, 0, tzinfo=SH)
    due = datetime(2030, 1, 1, 9, 15, tzinfo=SH)
    assert_deadline_honours_target("gold", "p1", created, due, "Asia/Shanghai", BOOK)
    with pytest.raises(UnknownPlanError):
        assert_deadline_honours_target("gold", "p1", created, due, "Asia/Shanghai")


def test_assert_status_checks_the_state_and_its_consistency() -> None:
    now = datetime(2025, 6, 9, 11, 0, tzinfo=SH)
    status = sla.response_status("developer", "S1", FRIDAY_17, "Asia/Shanghai", now=now)
    assert_status(status, Status.AT_RISK)
    assert_status(status, "AT_RISK")
    assert_status(status, "at-risk")
    with pytest.raises(AssertionError, match="expected BREACHED, got AT RISK: Developer S1"):
        assert_status(status, "breached")
    with pytest.raises(AssertionError, match="should be AT RISK, got ON TRACK"):
        assert_status(dataclasses.replace(status, state=Status.ON_TRACK))
    with pytest.raises(AssertionError, match="remaining is not target - consumed"):
        assert_status(dataclasses.replace(status, remaining=timedelta(hours=2)))
    with pytest.raises(InvalidArgument, match="unknown state 'late'"):
        assert_status(status, "late")
    basic = sla.response_status("basic", "S1", FRIDAY_17, "Asia/Shanghai", now=now)
    assert_status(basic, "no target")


@settings(max_examples=20)
@given(tickets(answered=True))
def test_assert_status_at_the_response(ticket: Ticket) -> None:
    assert ticket.responded is not None
    status = ticket.status(ticket.responded)
    expected = Status.NO_TARGET if status.deadline is None else None
    assert_status(status, expected)


# -- the module --------------------------------------------------------------------------


def test_importing_the_library_does_not_import_hypothesis() -> None:
    code = (
        "import sys, connected_care_sla\n"
        "assert 'hypothesis' not in sys.modules\n"
        "import connected_care_sla.testing\n"
        "assert 'hypothesis' in sys.modules\n"
        "assert not hasattr(connected_care_sla, 'Ticket')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_module_exports_exactly_its_documented_names() -> None:
    from connected_care_sla import testing

    assert sorted(testing.__all__) == testing.__all__
    for name in testing.__all__:
        assert getattr(testing, name).__doc__, name
