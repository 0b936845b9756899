"""Plans, severities, response targets and policy files (SPEC 1, 2, 2b, 3.8)."""

from __future__ import annotations

import dataclasses
import pickle
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla import (
    Clock,
    InvalidDurationError,
    Plan,
    Policy,
    PolicyBook,
    PolicyError,
    ResponseTarget,
    Service,
    Severity,
    UnknownPlanError,
    UnknownSeverityError,
)
from connected_care_sla.policy import format_duration, parse_duration

# -- SPEC, written out --------------------------------------------------------

#: SPEC 2b, verbatim meaning.
DEFINITIONS = {
    "S1": "Complete loss of production environment functionality.",
    "S2": "High impact on operations in production environments.",
    "S3": "Non-critical database usage issues in production or non-production environments.",
    "S4": "General question on how a feature or function performs or should be configured; "
    "minimal business impact, tolerable for a reasonable period.",
}

#: SPEC 2: service -> the plans (B, D, E, P) that include it.
ENTITLEMENTS = {
    Service.BILLING_AND_ACCOUNT_SUPPORT: "BDEP",
    Service.TECHNICAL_SUPPORT_TICKETS: "DEP",
    Service.DATABASE_GUIDANCE: "DEP",
    Service.CLINIC_ADVANCED_MONITORING: "EP",
    Service.AI_CHAT_IN_IM: "EP",
    Service.IM_ALERT_SUBSCRIPTION: "EP",
    Service.IM_TICKET_SUBSCRIPTION: "EP",
    Service.IM_TICKET_INTERACTION: "P",
    Service.TECHNICAL_ACCOUNT_MANAGER: "P",
    Service.DOCUMENTATION: "BDEP",
    Service.FAQ: "BDEP",
    Service.COMMUNITY_WORKSPACE: "BDEP",
    Service.TIDB_AI: "BDEP",
    Service.KNOWLEDGE_BASE: "DEP",
}
PLAN_LETTERS = {"B": Plan.BASIC, "D": Plan.DEVELOPER, "E": Plan.ENTERPRISE, "P": Plan.PREMIUM}

GOOD_POLICY = """
name = "Acme support"
effective_from = 2024-01-01

[severities]
P1 = "Production down."
P2 = "Anything else."

[first_response]
Gold   = { P1 = "15m wall", P2 = "1h30m business" }
Bronze = { P1 = "none", P2 = "none" }

[entitlements]
Gold = ["technical-account-manager", "pager"]
Bronze = []

[services]
pager = "A pager number"
"""


def write(tmp_path: Path, text: str, name: str = "policy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- enums ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("Enterprise", Plan.ENTERPRISE),
        ("enterprise", Plan.ENTERPRISE),
        ("ENTERPRISE", Plan.ENTERPRISE),
        ("basic", Plan.BASIC),
        ("DeVeLoPeR", Plan.DEVELOPER),
        (Plan.PREMIUM, Plan.PREMIUM),
    ],
)
def test_plan_accepts_names_in_any_case(given_name: str, expected: Plan) -> None:
    assert Plan(given_name) is expected


@pytest.mark.parametrize("bad", ["gold", "", "enterprise ", "Enterprise1", 1, None, 2.5])
def test_plan_refuses_anything_else_listing_the_plans(bad: object) -> None:
    with pytest.raises(UnknownPlanError) as info:
        Plan(bad)  # type: ignore[arg-type]
    message = str(info.value)
    assert repr(bad) in message
    assert "Basic, Developer, Enterprise, Premium" in message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("S1", Severity.S1),
        ("s1", Severity.S1),
        (1, Severity.S1),
        (4, Severity.S4),
        ("s3", Severity.S3),
    ],
)
def test_severity_accepts_names_and_ints(given_name: object, expected: Severity) -> None:
    assert Severity(given_name) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["S5", "S0", 0, 5, -1, True, False, "1", "sev1", None, 1.0])
def test_severity_refuses_anything_else_listing_the_levels(bad: object) -> None:
    with pytest.raises(UnknownSeverityError) as info:
        Severity(bad)  # type: ignore[arg-type]
    assert repr(bad) in str(info.value)
    assert "S1, S2, S3, S4" in str(info.value)


def test_enum_members_are_their_strings() -> None:
    plan: str = Plan.ENTERPRISE
    severity: str = Severity.S2
    service: str = Service.FAQ
    assert plan == "Enterprise"
    assert severity == "S2"
    assert service == "faq"
    assert {"Enterprise": 1}[Plan.ENTERPRISE] == 1
    assert str(Plan.PREMIUM) == "Premium"
    assert f"{Severity.S4}" == "S4"


@pytest.mark.parametrize("severity", list(Severity))
def test_severity_carries_its_published_definition(severity: Severity) -> None:
    assert severity.definition == DEFINITIONS[severity]


def test_clock_accepts_any_case_and_refuses_unknown() -> None:
    assert Clock("WALL") is Clock.WALL
    assert Clock("business") is Clock.BUSINESS
    with pytest.raises(PolicyError, match="'sundial'"):
        Clock("sundial")


def test_service_labels_follow_spec() -> None:
    assert Service.TECHNICAL_ACCOUNT_MANAGER.label == "Technical account manager"
    assert Service.TIDB_AI.label == "TiDB.AI"
    assert Service("TECHNICAL_ACCOUNT_MANAGER") is Service.TECHNICAL_ACCOUNT_MANAGER
    assert Service("Technical-Account-Manager") is Service.TECHNICAL_ACCOUNT_MANAGER
    with pytest.raises(ValueError, match="'tea'"):
        Service("tea")


# -- entitlements (SPEC 2) ------------------------------------------------------


@pytest.mark.parametrize(("service", "letters"), list(ENTITLEMENTS.items()))
def test_entitlement_table_matches_spec(service: Service, letters: str) -> None:
    for letter, plan in PLAN_LETTERS.items():
        assert plan.includes(service) is (letter in letters), (plan, service)
        assert (service in sla.entitlements(plan)) is (letter in letters)


def test_entitlements_are_service_members() -> None:
    premium = sla.entitlements("premium")
    assert premium == frozenset(Service)
    assert all(isinstance(item, Service) for item in premium)
    assert sla.entitlements(Plan.BASIC) == {
        Service.BILLING_AND_ACCOUNT_SUPPORT,
        Service.DOCUMENTATION,
        Service.FAQ,
        Service.COMMUNITY_WORKSPACE,
        Service.TIDB_AI,
    }


def test_includes_accepts_a_service_key_string() -> None:
    assert Plan.PREMIUM.includes("Technical-Account-Manager")
    assert not Plan.DEVELOPER.includes("im-ticket-interaction")


def test_includes_refuses_an_unknown_service() -> None:
    with pytest.raises(ValueError, match="'tea-delivery'"):
        Plan.PREMIUM.includes("tea-delivery")


def test_entitlements_refuses_unknown_plan() -> None:
    with pytest.raises(UnknownPlanError, match="'platinum'"):
        sla.entitlements("platinum")


# -- durations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4h", timedelta(hours=4)),
        ("30m", timedelta(minutes=30)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("90m", timedelta(minutes=90)),
        ("45s", timedelta(seconds=45)),
        ("1h0m0.5s", timedelta(hours=1, microseconds=500_000)),
        ("0h1m", timedelta(minutes=1)),
        ("0.000001s", timedelta(microseconds=1)),
        ("24h", timedelta(hours=24)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "not a duration"),
        ("4", "not a duration"),
        ("4 h", "not a duration"),
        ("1.5h", "not a duration"),
        ("4d", "not a duration"),
        ("h", "not a duration"),
        ("30m1h", "not a duration"),
        ("4h4h", "not a duration"),
        ("0.0000001s", "not a duration"),
        ("４h", "not a duration"),  # a full-width digit
        ("-4h", "negative"),
        ("0h", "zero"),
        ("0m0s", "zero"),
    ],
)
def test_parse_duration_refuses(text: str, problem: str) -> None:
    with pytest.raises(InvalidDurationError) as info:
        parse_duration(text)
    assert repr(text) in str(info.value)
    assert problem in str(info.value)


@pytest.mark.parametrize("bad", [4, 4.0, None, timedelta(hours=1)])
def test_parse_duration_refuses_non_strings(bad: object) -> None:
    with pytest.raises(InvalidDurationError, match=re.escape(f"got {bad!r}")):
        parse_duration(bad)


@given(st.integers(min_value=1, max_value=(10**9 - 1) * 3_600_000_000))
def test_format_then_parse_round_trips(us: int) -> None:
    duration = timedelta(microseconds=us)
    assert parse_duration(format_duration(duration)) == duration


# -- response targets -------------------------------------------------------------


def test_response_target_is_printable_and_comparable() -> None:
    target = sla.response_target("premium", "S1")
    assert target == ResponseTarget(timedelta(minutes=30), Clock.WALL)
    assert target == ResponseTarget("30m", "wall")
    assert target != ResponseTarget("30m", "business")
    assert repr(target) == "ResponseTarget('30m', Clock.WALL)"
    assert str(target) == "30 minutes (wall clock, 24x7)"
    assert str(ResponseTarget("24h", Clock.BUSINESS)) == "24 business hours"
    assert str(ResponseTarget("1h", Clock.BUSINESS)) == "1 business hour"
    assert str(ResponseTarget("1h30m", Clock.BUSINESS)) == "1 hour 30 minutes of business time"
    assert str(ResponseTarget("1h0m1s", Clock.WALL)) == "1 hour 1 second (wall clock, 24x7)"
    assert len({target, ResponseTarget("30m", "wall")}) == 1
    assert eval(repr(target), {"ResponseTarget": ResponseTarget, "Clock": Clock}) == target


def test_response_target_is_frozen_and_not_ordered() -> None:
    target = ResponseTarget("4h", Clock.BUSINESS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        target.clock = Clock.WALL  # type: ignore[misc]
    with pytest.raises(TypeError):
        _ = target < ResponseTarget("5h", Clock.BUSINESS)  # type: ignore[operator]
    assert pickle.loads(pickle.dumps(target)) == target


@pytest.mark.parametrize(
    ("duration", "error"),
    [
        (timedelta(0), InvalidDurationError),
        (timedelta(minutes=-5), InvalidDurationError),
        ("0m", InvalidDurationError),
        ("soon", InvalidDurationError),
        (30, InvalidDurationError),
    ],
)
def test_response_target_refuses_bad_durations(duration: Any, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        ResponseTarget(duration, Clock.WALL)
    assert repr(duration) in str(info.value) or str(duration) in str(info.value)


def test_response_target_refuses_an_unknown_clock() -> None:
    with pytest.raises(PolicyError, match="'24/7'"):
        ResponseTarget("1h", "24/7")


# -- the built-in policy ----------------------------------------------------------


def test_builtin_policy_is_data_in_the_package() -> None:
    from importlib import resources

    text = resources.files("connected_care_sla").joinpath("data/connected_care.toml")
    assert "effective_from = 2025-02-17" in text.read_text(encoding="utf-8")
    policy = sla.connected_care_policy()
    assert policy is sla.connected_care_policy()
    assert policy.name == "Connected Care"
    assert policy.effective_from == date(2025, 2, 17)
    assert policy.plans == tuple(Plan)
    assert policy.severities == tuple(Severity)
    assert all(type(plan) is Plan for plan in policy.plans)
    assert policy.definitions == tuple(DEFINITIONS.values())
    assert dict(policy.services)[Service.FAQ] == "FAQ"
    assert "connected_care.toml" in policy.source


def test_policy_keys_resolve_case_insensitively() -> None:
    policy = sla.connected_care_policy()
    assert policy.plan_key("premium") is Plan.PREMIUM
    assert policy.severity_key(2) is Severity.S2
    assert policy.severity_key("s3") is Severity.S3
    with pytest.raises(UnknownPlanError, match=r"'Gold'.*Basic, Developer, Enterprise, Premium"):
        policy.plan_key("Gold")
    with pytest.raises(UnknownSeverityError, match=r"'P1'.*S1, S2, S3, S4"):
        policy.severity_key("P1")
    with pytest.raises(UnknownSeverityError, match="True"):
        policy.severity_key(True)
    with pytest.raises(UnknownPlanError, match="None"):
        policy.plan_key(None)


def test_policy_is_a_hashable_value() -> None:
    policy = sla.connected_care_policy()
    again = Policy.from_mapping(
        {
            "name": "Connected Care",
            "effective_from": date(2025, 2, 17),
            "severities": dict(zip(policy.severities, policy.definitions, strict=True)),
            "first_response": {
                str(plan): {
                    str(sev): "none"
                    if cell is None
                    else f"{format_duration(cell.duration)} {cell.clock}"
                    for sev, cell in zip(policy.severities, row, strict=True)
                }
                for plan, row in zip(policy.plans, policy.response_table, strict=True)
            },
            "entitlements": {
                str(plan): sorted(items)
                for plan, items in zip(policy.plans, policy.entitlement_table, strict=True)
            },
            "services": dict(policy.services),
        },
        source="a test",
    )
    assert again == policy  # the source is not part of equality
    assert hash(again) == hash(policy)
    assert again.source == "a test"
    assert "Connected Care" in repr(policy)


# -- custom policies ---------------------------------------------------------------


def test_load_policy_with_other_plans_severities_and_services(tmp_path: Path) -> None:
    policy = sla.load_policy(write(tmp_path, GOOD_POLICY))
    assert policy.name == "Acme support"
    assert policy.plans == ("Gold", "Bronze")
    assert policy.severities == ("P1", "P2")
    assert policy.target("gold", "p1") == ResponseTarget("15m", Clock.WALL)
    assert policy.target("GOLD", "P2") == ResponseTarget("1h30m", Clock.BUSINESS)
    assert policy.target("bronze", "P1") is None
    assert policy.entitlements("Gold") == {Service.TECHNICAL_ACCOUNT_MANAGER, "pager"}
    assert policy.includes("gold", "PAGER")
    assert policy.label("pager") == "A pager number"
    assert policy.label(Service.TECHNICAL_ACCOUNT_MANAGER) == "Technical account manager"
    assert policy.definition("p1") == "Production down."
    with pytest.raises(UnknownPlanError, match=r"'Premium'.*Gold, Bronze"):
        policy.target(Plan.PREMIUM, "P1")
    with pytest.raises(UnknownSeverityError, match=r"1.*P1, P2"):
        policy.target("Gold", 1)


def test_custom_policy_keys_matching_builtin_names_become_enum_members(tmp_path: Path) -> None:
    text = """
[severities]
s1 = "Down."
[first_response]
enterprise = { S1 = "2h wall" }
"""
    policy = sla.load_policy(write(tmp_path, text, "mine.toml"))
    assert policy.plans == (Plan.ENTERPRISE,)
    assert policy.plans[0] is Plan.ENTERPRISE
    assert policy.severities[0] is Severity.S1
    assert policy.name == "mine"  # default: the file name
    assert policy.effective_from is None
    assert policy.entitlements("enterprise") == frozenset()
    assert sla.response_target(Plan.ENTERPRISE, 1, policy=policy) == ResponseTarget("2h", "wall")


def test_policy_from_mapping() -> None:
    policy = Policy.from_mapping(
        {"severities": {"Urgent": "x"}, "first_response": {"Std": {"urgent": "8h business"}}}
    )
    assert policy.target("std", "URGENT") == ResponseTarget("8h", Clock.BUSINESS)
    assert policy.name == "custom policy"


# -- malformed policy files ----------------------------------------------------------

SEVERITIES = '[severities]\nS1 = "Down."\nS2 = "Slow."\n'

MALFORMED = [
    pytest.param("", "(top level)", "{}", "empty", id="empty-file"),
    pytest.param("   \n# only a comment\n", "(top level)", "{}", "empty", id="comment-only"),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "4h sundial", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'4h sundial'",
        "unknown clock 'sundial'",
        id="unknown-clock",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "0h wall", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'0h wall'",
        "zero",
        id="zero-duration",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "-4h wall", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'-4h wall'",
        "negative",
        id="negative-duration",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "soon wall", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'soon wall'",
        "not a duration",
        id="not-a-duration",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "1.5h wall", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'1.5h wall'",
        "not a duration",
        id="float-duration",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "4 hours business", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'4 hours business'",
        "<duration> <clock>",
        id="three-words",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "4h", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'4h'",
        "<duration> <clock>",
        id="missing-clock",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = 4, S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "= 4:",
        "expected a string",
        id="cell-not-a-string",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "1h wall" }\n',
        "first_response.Gold",
        "'S1': '1h wall'",
        "missing the severity 'S2'",
        id="missing-severity",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "1h wall", S2 = "1h wall", S3 = "none" }\n',
        "first_response.Gold.S3",
        "'none'",
        "not in [severities]",
        id="extra-severity",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "1h wall", s1 = "1h wall", S2 = "none" }\n',
        "first_response.Gold.s1",
        "'1h wall'",
        "again",
        id="duplicate-severity-in-row",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + 'gold = { S1 = "1h wall", S2 = "none" }\n',
        "first_response.gold",
        "'S1': '1h wall'",
        "names 'Gold' again",
        id="duplicate-plan",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = "1h wall"\n',
        "first_response.Gold",
        "'1h wall'",
        "table of severities",
        id="row-not-a-table",
    ),
    pytest.param(
        '[first_response]\nGold = { S1 = "1h wall" }\n',
        "severities",
        "None",
        "non-empty table",
        id="no-severities",
    ),
    pytest.param(
        'severities = ["S1", "S2"]\n[first_response]\nGold = { S1 = "1h wall" }\n',
        "severities",
        "['S1', 'S2']",
        "non-empty table",
        id="severities-a-list",
    ),
    pytest.param(
        '[severities]\nS1 = 1\n[first_response]\nGold = { S1 = "1h wall" }\n',
        "severities.S1",
        "= 1:",
        "definition",
        id="definition-not-a-string",
    ),
    pytest.param(SEVERITIES, "first_response", "None", "non-empty table", id="no-table"),
    pytest.param(
        SEVERITIES + "[first_response]\n",
        "first_response",
        "{}",
        "non-empty table",
        id="empty-table",
    ),
    pytest.param(
        'effective_from = "2025-02-17"\n'
        + SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n',
        "effective_from",
        "'2025-02-17'",
        "TOML date",
        id="date-as-string",
    ),
    pytest.param(
        "effective_from = 2025-02-17T09:00:00\n"
        + SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n',
        "effective_from",
        "datetime.datetime(2025, 2, 17, 9, 0)",
        "TOML date",
        id="date-with-time",
    ),
    pytest.param(
        "name = 7\n" + SEVERITIES + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n',
        "name",
        "= 7:",
        "name",
        id="name-not-a-string",
    ),
    pytest.param(
        "effective_form = 2025-02-17\n"
        + SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n',
        "effective_form",
        "datetime.date(2025, 2, 17)",
        "unknown key",
        id="unknown-key",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + '[entitlements]\nGold = ["teleportation"]\n',
        "entitlements.Gold",
        "'teleportation'",
        "unknown service",
        id="unknown-service",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + '[entitlements]\nGold = "faq"\n',
        "entitlements.Gold",
        "'faq'",
        "list of service keys",
        id="entitlements-not-a-list",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + "Tin = { S1 = 'none', S2 = 'none' }\n"
        + '[entitlements]\nGold = ["faq"]\n',
        "entitlements",
        "{'Gold': ['faq']}",
        "plan 'Tin' is missing",
        id="entitlements-missing-plan",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + '[entitlements]\nGold = ["faq"]\nSilver = []\n',
        "entitlements.Silver",
        "[]",
        "not in [first_response]",
        id="entitlements-unknown-plan",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + "[services]\npager = 3\n",
        "services.pager",
        "= 3:",
        "label",
        id="service-label-not-a-string",
    ),
    pytest.param("[severities\n", "", "", "not valid TOML", id="not-toml"),
]


@pytest.mark.parametrize(("text", "key", "value", "problem"), MALFORMED)
def test_malformed_policy_is_refused_naming_file_key_and_value(
    tmp_path: Path, text: str, key: str, value: str, problem: str
) -> None:
    path = write(tmp_path, text, "broken.toml")
    with pytest.raises(PolicyError) as info:
        sla.load_policy(path)
    message = str(info.value)
    assert str(path) in message
    assert f"key {key!r}" in message or not key
    assert value in message
    assert problem in message
    assert isinstance(info.value, ValueError)


def test_policy_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Caf\u00e9"\n'.encode("latin-1"))
    with pytest.raises(PolicyError, match=re.escape("latin1.toml")):
        sla.load_policy(path)


def test_missing_policy_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        sla.load_policy(tmp_path / "absent.toml")


def test_policy_constructor_checks_table_shape() -> None:
    with pytest.raises(PolicyError, match="one cell per plan and severity"):
        Policy(
            name="x",
            effective_from=None,
            plans=("A",),
            severities=("S1", "S2"),
            definitions=("a", "b"),
            response_table=((None,),),
            entitlement_table=(frozenset(),),
            services=(),
        )


# -- policy books (SPEC 3.8) --------------------------------------------------------

BOOK = """
name = "Acme"

[[versions]]
effective_from = 2025-01-01
[versions.severities]
S1 = "Down."
[versions.first_response]
Gold = { S1 = "2h wall" }

[[versions]]
name = "Acme, faster"
effective_from = 2026-01-01
[versions.severities]
S1 = "Down."
[versions.first_response]
Gold = { S1 = "1h wall" }
Platinum = { S1 = "15m wall" }
"""


def test_load_policy_book_picks_the_version_in_force(tmp_path: Path) -> None:
    book = sla.load_policy_book(write(tmp_path, BOOK))
    assert [v.name for v in book.versions] == ["Acme", "Acme, faster"]
    assert book.latest.name == "Acme, faster"
    assert book.in_force(date(2025, 12, 31)).target("gold", 1) == ResponseTarget("2h", "wall")
    assert book.in_force(date(2026, 1, 1)).target("gold", 1) == ResponseTarget("1h", "wall")
    # Before the first version: the earliest applies.
    assert book.in_force(date(1999, 1, 1)).name == "Acme"
    assert sla.response_target("gold", 1, policy=book) == ResponseTarget("1h", "wall")
    assert sla.response_target("gold", 1, policy=book, on=date(2025, 6, 1)) == ResponseTarget(
        "2h", "wall"
    )
    assert sla.response_target(
        "gold", 1, policy=book, on=datetime(2025, 6, 1, 12)
    ) == ResponseTarget("2h", "wall")
    assert "Acme (effective 2025-01-01)" in repr(book)


def test_policy_book_refuses_duplicate_dates(tmp_path: Path) -> None:
    text = BOOK.replace("2026-01-01", "2025-01-01")
    path = write(tmp_path, text, "twice.toml")
    with pytest.raises(PolicyError) as info:
        sla.load_policy_book(path)
    message = str(info.value)
    assert str(path) in message
    assert "versions[1].effective_from" in message
    assert "2025, 1, 1" in message
    assert "same date" in message


def test_policy_book_version_needs_a_date(tmp_path: Path) -> None:
    text = BOOK.replace("effective_from = 2026-01-01\n", "")
    path = write(tmp_path, text, "undated.toml")
    with pytest.raises(PolicyError, match=r"versions\[1\]\.effective_from.*None"):
        sla.load_policy_book(path)


def test_policy_book_errors_name_the_version(tmp_path: Path) -> None:
    path = write(tmp_path, BOOK.replace('"15m wall"', '"15m sundial"'), "bad.toml")
    with pytest.raises(PolicyError, match=r"versions\[1\]\.first_response\.Platinum\.S1"):
        sla.load_policy_book(path)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("versions = []\n", "'versions' = []"),
        ("versions = 3\n", "'versions' = 3"),
        ('versions = ["x"]\n', "'versions[0]' = 'x'"),
        ("versions = []\ncolour = 'red'\n", "'colour' = 'red'"),
    ],
)
def test_malformed_policy_books(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, text, "book.toml")
    with pytest.raises(PolicyError) as info:
        sla.load_policy_book(path)
    assert fragment in str(info.value)
    assert str(path) in str(info.value)


def test_load_policy_refuses_a_book_and_book_accepts_one_dated_policy(tmp_path: Path) -> None:
    book_path = write(tmp_path, BOOK, "book.toml")
    with pytest.raises(PolicyError, match="load_policy_book"):
        sla.load_policy(book_path)
    single = sla.load_policy_book(write(tmp_path, GOOD_POLICY))
    assert len(single.versions) == 1
    assert single.latest.name == "Acme support"
    undated = GOOD_POLICY.replace("effective_from = 2024-01-01\n", "")
    with pytest.raises(PolicyError, match="effective_from"):
        sla.load_policy_book(write(tmp_path, undated, "undated.toml"))


def test_policy_book_constructor() -> None:
    builtin = sla.connected_care_policy()
    later = dataclasses.replace(builtin, name="Later", effective_from=date(2027, 1, 1))
    book = PolicyBook([later, builtin])  # any order; sorted by date
    assert book.versions == (builtin, later)
    with pytest.raises(PolicyError, match="at least one"):
        PolicyBook([])
    with pytest.raises(PolicyError, match="'not a policy'"):
        PolicyBook(["not a policy"])  # type: ignore[list-item]
    with pytest.raises(PolicyError, match="same date 2025-02-17"):
        PolicyBook([builtin, dataclasses.replace(builtin, name="Copy")])
    with pytest.raises(PolicyError, match="no effective_from"):
        PolicyBook([dataclasses.replace(builtin, effective_from=None)])


def test_policy_book_from_mapping() -> None:
    book = PolicyBook.from_mapping(
        {
            "versions": [
                {
                    "effective_from": date(2024, 1, 1),
                    "severities": {"S1": "x"},
                    "first_response": {"A": {"S1": "1h wall"}},
                }
            ]
        }
    )
    assert book.latest.target("a", "s1") == ResponseTarget("1h", Clock.WALL)
