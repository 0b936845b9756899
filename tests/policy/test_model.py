"""The policy model: response targets, policies and policy books (SPEC 1, 2, 2b, 3.8).

``policy/model.py``: :class:`ResponseTarget`, :class:`Policy` (the built-in one
and custom ones built with ``Policy.from_mapping`` or ``Policy(...)``) and
:class:`PolicyBook`. The behaviours mutation testing found unpinned
(docs/explanation/mutation.md) are pinned with their whole messages; then the
crashes the fuzz tests found here, each a regression test. Policy files are in
``test_files.py``.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

import pytest

import connected_care_sla as sla
from connected_care_sla import (
    Clock,
    Plan,
    Policy,
    PolicyBook,
    ResponseTarget,
    Service,
    Severity,
    connected_care_policy,
)
from connected_care_sla.exceptions import (
    PolicyError,
    UnknownPlanError,
    UnknownSeverityError,
)
from connected_care_sla.policy import format_duration
from support.calls import expect


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


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


# -- entitlements (SPEC 2) ------------------------------------------------------


@pytest.mark.parametrize(("service", "letters"), list(ENTITLEMENTS.items()))
def test_entitlement_table_matches_spec(service: Service, letters: str) -> None:
    policy = sla.connected_care_policy()
    for letter, plan in PLAN_LETTERS.items():
        assert policy.includes(plan, service) is (letter in letters), (plan, service)
        assert (service in policy.entitlements(plan)) is (letter in letters)


def test_entitlements_are_service_members() -> None:
    premium = sla.connected_care_policy().entitlements("premium")
    assert premium == frozenset(Service)
    assert all(isinstance(item, Service) for item in premium)
    assert sla.connected_care_policy().entitlements(Plan.BASIC) == {
        Service.BILLING_AND_ACCOUNT_SUPPORT,
        Service.DOCUMENTATION,
        Service.FAQ,
        Service.COMMUNITY_WORKSPACE,
        Service.TIDB_AI,
    }


def test_includes_accepts_a_service_key_string() -> None:
    assert sla.connected_care_policy().includes(Plan.PREMIUM, "Technical-Account-Manager")
    assert not sla.connected_care_policy().includes(Plan.DEVELOPER, "im-ticket-interaction")


def test_includes_refuses_an_unknown_service() -> None:
    with pytest.raises(ValueError, match="'tea-delivery'"):
        sla.connected_care_policy().includes(Plan.PREMIUM, "tea-delivery")


def test_entitlements_refuses_unknown_plan() -> None:
    with pytest.raises(UnknownPlanError, match="'platinum'"):
        sla.connected_care_policy().entitlements("platinum")


# -- the built-in policy ----------------------------------------------------------


def test_builtin_policy_is_data_in_the_package() -> None:
    from importlib import resources

    text = resources.files("connected_care_sla.policy").joinpath("data/connected_care.toml")
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


@pytest.mark.parametrize("severity", list(Severity))
def test_severity_carries_its_published_definition(severity: Severity) -> None:
    assert sla.connected_care_policy().definition(severity) == DEFINITIONS[severity]


def test_service_labels_follow_spec() -> None:
    policy = sla.connected_care_policy()
    assert policy.label(Service.TECHNICAL_ACCOUNT_MANAGER) == "Technical account manager"
    assert policy.label(Service.TIDB_AI) == "TiDB.AI"
    assert Service("TECHNICAL_ACCOUNT_MANAGER") is Service.TECHNICAL_ACCOUNT_MANAGER
    assert Service("Technical-Account-Manager") is Service.TECHNICAL_ACCOUNT_MANAGER
    with pytest.raises(ValueError, match="'tea'"):
        Service("tea")


# -- custom policies, from data ------------------------------------------------------------


def test_policy_from_mapping() -> None:
    policy = Policy.from_mapping(
        {"severities": {"Urgent": "x"}, "first_response": {"Std": {"urgent": "8h business"}}}
    )
    assert policy.target("std", "URGENT") == ResponseTarget("8h", Clock.BUSINESS)
    assert policy.name == "custom policy"


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


# -- policy data for the tests below -------------------------------------------------------

SEVERITIES = {"S1": "Down.", "S2": "Slow."}
ROW = {"S1": "1h wall", "S2": "none"}


def mapping(**extra: object) -> dict[str, object]:
    return {"severities": SEVERITIES, "first_response": {"Gold": ROW}, **extra}


def refusal(build: Any) -> str:
    with pytest.raises(PolicyError) as info:
        build()
    return message(info)


# -- names --------------------------------------------------------------------------------


def test_an_underscore_matches_a_hyphen_in_service_keys() -> None:
    policy = connected_care_policy()
    assert policy.includes("premium", "technical_account_manager")
    assert policy.service_key("Technical_Account_Manager") == Service.TECHNICAL_ACCOUNT_MANAGER


def test_int_severities_up_to_64_bits_name_sn() -> None:
    severities = {"S9223372036854775808": "2**63", "S18446744073709551616": "2**64"}
    policy = Policy.from_mapping(
        {"severities": severities, "first_response": {"Gold": dict.fromkeys(severities, "none")}}
    )
    assert policy.severity_key(2**63) == "S9223372036854775808"
    with pytest.raises(UnknownSeverityError):
        policy.severity_key(2**64)


@pytest.mark.parametrize(
    ("count", "listed"),
    [
        (12, "P0, P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11"),
        (13, "P0, P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11, ... (13 in all)"),
    ],
)
def test_messages_list_up_to_twelve_names(count: int, listed: str) -> None:
    rows = {f"P{i}": {"S1": "none"} for i in range(count)}
    policy = Policy.from_mapping({"severities": {"S1": "x"}, "first_response": rows})
    with pytest.raises(UnknownPlanError) as info:
        policy.plan_key("nope")
    assert message(info) == (
        f"unknown plan 'nope'; policy 'custom policy' has the plans {listed} (any letter case)"
    )


# -- malformed policy data: the whole message --------------------------------------------

BUILTIN_SERVICES = ", ".join(Service)

MALFORMED_MAPPINGS = [
    pytest.param(
        {},
        "key '(top level)' = {}: the policy is empty; it needs [severities] and "
        "[first_response] tables",
        id="empty",
    ),
    pytest.param(
        mapping(name=" Acme "),
        "key 'name' = ' Acme ': expected a non-empty name without surrounding spaces",
        id="name-with-spaces",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {" Gold": ROW}},
        "key 'first_response. Gold' = ' Gold': expected a non-empty name without surrounding "
        "spaces",
        id="plan-with-spaces",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": {"S1": 4, "S2": "none"}}},
        "key 'first_response.Gold.S1' = 4: expected a string such as '4h business', "
        "'30m wall' or 'none'",
        id="cell-not-a-string",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": {"S1": "4h wall x", "S2": "none"}}},
        "key 'first_response.Gold.S1' = '4h wall x': expected '<duration> <clock>' such as "
        "'4h business' or '30m wall', or 'none'",
        id="cell-of-three-words",
    ),
    pytest.param(
        mapping(plans=[]),
        "key 'plans' = []: unknown key; a policy has the keys effective_from, entitlements, "
        "first_response, name, pausable, retarget, services, severities",
        id="unknown-key",
    ),
    pytest.param(
        mapping(effective_from="2025-02-17"),
        "key 'effective_from' = '2025-02-17': expected a TOML date without quotes or time, "
        "e.g. effective_from = 2025-02-17",
        id="date-as-a-string",
    ),
    pytest.param(
        {"severities": {"S1": ""}, "first_response": {"Gold": {"S1": "1h wall"}}},
        "key 'severities.S1' = '': expected the definition as a string",
        id="empty-definition",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": "1h wall"}},
        "key 'first_response.Gold' = '1h wall': expected a table of severities, e.g. "
        "{ S1 = '1h wall', ... }",
        id="row-not-a-table",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": {**ROW, "S3": "none"}}},
        "key 'first_response.Gold.S3' = 'none': severity 'S3' is not in [severities] (S1, S2)",
        id="row-with-an-unknown-severity",
    ),
    pytest.param(
        {"severities": SEVERITIES, "first_response": {"Gold": {"S1": "1h wall"}}},
        "key 'first_response.Gold' = {'S1': '1h wall'}: plan 'Gold' is missing the severity "
        "'S2'; every plan needs a cell for each of S1, S2 ('none' for no target)",
        id="row-missing-a-severity",
    ),
    pytest.param(
        mapping(services=["pager"]),
        "key 'services' = ['pager']: expected a table of service = 'label'",
        id="services-not-a-table",
    ),
    pytest.param(
        mapping(services={"pager": 3}),
        "key 'services.pager' = 3: expected the service's label as a string",
        id="service-label-not-a-string",
    ),
    pytest.param(
        {"severities": {1: "x"}, "first_response": {"Gold": {"S1": "none"}}},
        "key 'severities.1' = 1: expected a non-empty name without surrounding spaces",
        id="key-not-a-string",
    ),
    pytest.param(
        mapping(entitlements=["faq"]),
        "key 'entitlements' = ['faq']: expected a table of plan = [services]",
        id="entitlements-not-a-table",
    ),
    pytest.param(
        mapping(entitlements={"Gold": [], "Tin": []}),
        "key 'entitlements.Tin' = []: plan 'Tin' is not in [first_response] (Gold)",
        id="entitlements-of-an-unknown-plan",
    ),
    pytest.param(
        mapping(entitlements={"Gold": "faq"}),
        "key 'entitlements.Gold' = 'faq': expected a list of service keys",
        id="entitlements-not-a-list",
    ),
    pytest.param(
        mapping(entitlements={"Gold": [3]}),
        "key 'entitlements.Gold' = 3: expected a service key (a string)",
        id="entitlement-not-a-string",
    ),
    pytest.param(
        mapping(entitlements={"Gold": ["warp"]}),
        f"key 'entitlements.Gold' = 'warp': unknown service; use a built-in one "
        f"({BUILTIN_SERVICES}) or declare it in [services]",
        id="unknown-service",
    ),
]


@pytest.mark.parametrize(("data", "text"), MALFORMED_MAPPINGS)
def test_malformed_policy_data_is_refused_with_the_whole_story(
    data: dict[str, object], text: str
) -> None:
    assert refusal(lambda: Policy.from_mapping(data)) == f"policy data: {text}"


MALFORMED_BOOKS = [
    pytest.param(
        {},
        "key '(top level)' = {}: the policy book is empty; it needs one or more [[versions]] "
        "tables",
        id="empty",
    ),
    pytest.param(
        {"versions": [], "extra": 1},
        "key 'extra' = 1: unknown key; a policy book has 'name' and [[versions]], each a "
        "complete policy",
        id="unknown-key",
    ),
    pytest.param(
        {"versions": []},
        "key 'versions' = []: expected one or more [[versions]] tables, each a complete "
        "policy with its effective_from date",
        id="no-versions",
    ),
    pytest.param(
        {"name": "", "versions": [mapping(effective_from=date(2025, 1, 1))]},
        "key 'name' = '': expected a non-empty name without surrounding spaces",
        id="empty-name",
    ),
    pytest.param(
        {"versions": ["x"]},
        "key 'versions[0]' = 'x': expected a table (a complete policy)",
        id="version-not-a-table",
    ),
    pytest.param(
        {"versions": [mapping()]},
        "key 'versions[0].effective_from' = None: each version of a policy book needs a "
        "date, e.g. effective_from = 2025-02-17",
        id="version-without-a-date",
    ),
    pytest.param(
        {
            "versions": [
                mapping(effective_from=date(2025, 1, 1)),
                mapping(effective_from=date(2025, 1, 1)),
            ]
        },
        "key 'versions[1].effective_from' = datetime.date(2025, 1, 1): versions[0] takes "
        "effect on the same date; give each version its own date",
        id="two-versions-one-date",
    ),
]


@pytest.mark.parametrize(("data", "text"), MALFORMED_BOOKS)
def test_malformed_policy_books_are_refused_with_the_whole_story(
    data: dict[str, object], text: str
) -> None:
    assert refusal(lambda: PolicyBook.from_mapping(data)) == f"policy data: {text}"


def test_unknown_keys_of_any_type_are_refused() -> None:
    assert refusal(lambda: Policy.from_mapping({**mapping(), 1: "x"})) == (
        "policy data: key '1' = 'x': unknown key; a policy has the keys effective_from, "
        "entitlements, first_response, name, pausable, retarget, services, severities"
    )
    text = refusal(lambda: Policy.from_mapping({**mapping(), 1: "x", "zzz": 2}))
    assert "unknown key; a policy has the keys" in text


def test_source_must_be_a_string() -> None:
    assert refusal(lambda: Policy.from_mapping(mapping(), source=3)) == (  # type: ignore[arg-type]
        "source= names where policy data comes from, for messages: a string, got 3 of type int"
    )


def test_a_policy_is_in_force_on_any_date_but_wants_a_date() -> None:
    policy = Policy.from_mapping(mapping())
    assert policy.in_force(date(2025, 1, 1)) is policy
    assert policy.in_force(datetime(2025, 1, 1, tzinfo=UTC)) is policy
    book = PolicyBook([Policy.from_mapping(mapping(effective_from=date(2025, 1, 1)))])
    for version in (policy, book):
        assert refusal(lambda v=version: v.in_force("2025-01-01")) == (
            "the day a policy version is in force on must be a datetime.date, got "
            "'2025-01-01' of type str"
        )


def test_a_policy_book_of_something_other_than_a_table_is_refused() -> None:
    text = refusal(lambda: PolicyBook.from_mapping(["x"]))  # type: ignore[arg-type]
    assert text.startswith("policy data: key '(top level)' = ['x']: ")


def test_a_book_without_names_calls_its_versions_custom_policy() -> None:
    book = PolicyBook.from_mapping(
        {
            "versions": [
                mapping(effective_from=date(2026, 1, 1)),
                mapping(effective_from=date(2025, 1, 1)),
            ]
        }
    )
    assert repr(book) == (
        "PolicyBook([custom policy (effective 2025-01-01), custom policy (effective 2026-01-01)])"
    )


def test_policy_book_constructor_refusals() -> None:
    assert refusal(lambda: PolicyBook("abc")) == (  # type: ignore[arg-type]
        "a policy book takes a list of Policy versions, got 'abc' of type str"
    )
    assert refusal(lambda: PolicyBook([])) == "a policy book needs at least one policy version"


# -- Policy(...) called directly ------------------------------------------------------------

TARGET = ResponseTarget("1h", "wall")
FIELDS: dict[str, Any] = {
    "name": "x",
    "effective_from": None,
    "plans": ("Gold",),
    "severities": ("S1",),
    "definitions": ("Down.",),
    "response_table": ((TARGET,),),
    "entitlement_table": (frozenset(),),
    "services": (),
}
HOW = "; build policies with load_policy or Policy.from_mapping"


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"name": 3}, "Policy field name must be a string, got 3 of type int" + HOW),
        ({"source": 3}, "Policy field source must be a string, got 3 of type int" + HOW),
        (
            {"effective_from": datetime(2025, 1, 1)},
            "Policy field effective_from must be a datetime.date or None, got "
            "datetime.datetime(2025, 1, 1, 0, 0) of type datetime" + HOW,
        ),
        (
            {"plans": ["Gold"]},
            "Policy field plans must be a tuple of strings, got ['Gold'] of type list" + HOW,
        ),
        (
            {"severities": ("S1", 2)},
            "Policy field severities must be a tuple of strings, got ('S1', 2) of type tuple" + HOW,
        ),
        (
            {"definitions": ["Down."]},
            "Policy field definitions must be a tuple of strings, got ['Down.'] of type list" + HOW,
        ),
        (
            {"response_table": [(TARGET,)]},
            "Policy field response_table must be a tuple of rows, each a tuple of "
            "ResponseTarget or None, got [(ResponseTarget('1h', Clock.WALL),)] of type list" + HOW,
        ),
        (
            {"response_table": (("1h",),)},
            "Policy field response_table must be a tuple of rows, each a tuple of "
            "ResponseTarget or None, got (('1h',),) of type tuple" + HOW,
        ),
        (
            {"entitlement_table": [frozenset()]},
            "Policy field entitlement_table must be a tuple of frozensets of service keys, got "
            "[frozenset()] of type list" + HOW,
        ),
        (
            {"entitlement_table": ({"faq"},)},
            "Policy field entitlement_table must be a tuple of frozensets of service keys, got "
            "({'faq'},) of type tuple" + HOW,
        ),
        (
            {"entitlement_table": (frozenset({3}),)},
            "Policy field entitlement_table must be a tuple of frozensets of service keys, got "
            "(frozenset({3}),) of type tuple" + HOW,
        ),
        (
            {"services": [("a", "b")]},
            "Policy field services must be a tuple of (key, label) string pairs, got "
            "[('a', 'b')] of type list" + HOW,
        ),
        (
            {"services": (("a", "b", "c"),)},
            "Policy field services must be a tuple of (key, label) string pairs, got "
            "(('a', 'b', 'c'),) of type tuple" + HOW,
        ),
        (
            {"services": (["a", "b"],)},
            "Policy field services must be a tuple of (key, label) string pairs, got "
            "(['a', 'b'],) of type tuple" + HOW,
        ),
        (
            {
                "plans": ("Gold", "GOLD"),
                "response_table": ((TARGET,), (TARGET,)),
                "entitlement_table": (frozenset(), frozenset()),
            },
            "Policy field plans names 'Gold' twice (as 'GOLD'); names are compared in any "
            "letter case",
        ),
        (
            {
                "severities": ("S1", "s1"),
                "definitions": ("a", "b"),
                "response_table": ((TARGET, TARGET),),
            },
            "Policy field severities names 'S1' twice (as 's1'); names are compared in any "
            "letter case",
        ),
        (
            {"services": (("pager", "A"), ("PAGER", "B"))},
            "Policy field services names 'pager' twice (as 'PAGER'); names are compared in "
            "any letter case",
        ),
        (
            {"plans": (), "response_table": (), "entitlement_table": ()},
            "policy 'x' (policy data) needs at least one plan and one severity",
        ),
        (
            {"definitions": ("a", "b")},
            "policy 'x' (policy data): one definition per severity is needed",
        ),
        (
            {"entitlement_table": ()},
            "policy 'x' (policy data): entitlement_table must hold one set per plan",
        ),
    ],
)
def test_policy_fields_are_checked_naming_field_and_value(
    fields: dict[str, Any], text: str
) -> None:
    assert refusal(lambda: Policy(**{**FIELDS, **fields})) == text


# -- policy books, from data ---------------------------------------------------------------


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


# -- crashes the fuzz tests found (tests/contract/test_fuzz.py) ----------------------------

#: Valid fields of a direct ``Policy(...)`` call.
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
#: The built-in policy, then a faster one from 2030.
FASTER_BOOK = PolicyBook(
    [
        connected_care_policy(),
        Policy.from_mapping(
            {
                "name": "Faster",
                "effective_from": date(2030, 1, 1),
                "severities": {"P1": "Down."},
                "first_response": {"Gold": {"P1": "15m wall"}},
            }
        ),
    ]
)


def test_regression_severity_too_long_to_print() -> None:
    # ValueError from f"S{severity}" and repr(): ints of more than 4,300 digits.
    message = expect(UnknownSeverityError, connected_care_policy().target, "developer", 10**5000)
    assert "<an int of 16610 bits>" in message
    expect(UnknownSeverityError, connected_care_policy().severity_key, -(10**5000))


def test_regression_policy_constructor_checks_types() -> None:
    # TypeError: object of type 'int' has no len().
    fields = dict(POLICY_FIELDS)
    for name, bad in [("plans", 1), ("name", None), ("response_table", ((4,),))]:
        message = expect(PolicyError, Policy, **{**fields, name: bad})
        assert f"Policy field {name}" in message
    message = expect(PolicyError, Policy, **{**fields, "plans": ("A", "a")})
    assert "names 'A' twice" in message


def test_regression_policy_mapping_with_keys_of_mixed_types() -> None:
    # TypeError: '<' not supported between int and str (sorting the unknown keys), and
    # "sequence item 0: expected str instance, int found" (joining a key path).
    for reader in (Policy.from_mapping, PolicyBook.from_mapping):
        assert "unknown key" in expect(PolicyError, reader, {5: 1, "zz": None})
        assert "key 5" in expect(PolicyError, reader, {5: 1}).replace("'", "")
    message = expect(PolicyError, Policy.from_mapping, {"severities": {5: "x"}})
    assert "severities.5" in message
    expect(PolicyError, Policy.from_mapping, {"name": "x"}, source=None)


def test_regression_policy_book_of_a_non_list() -> None:
    # TypeError: 'int' object is not iterable; AttributeError from from_mapping(5).
    expect(PolicyError, PolicyBook, 5)
    expect(PolicyError, PolicyBook, None)
    expect(PolicyError, PolicyBook.from_mapping, 5)


def test_regression_policy_book_in_force_on_a_non_date() -> None:
    # TypeError: '>' not supported between datetime.date and str.
    assert "'2030'" in expect(PolicyError, FASTER_BOOK.in_force, "2030")
    assert FASTER_BOOK.in_force(datetime(2030, 1, 1, 9, 0)).name == "Faster"
