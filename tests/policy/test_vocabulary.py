"""The built-in vocabulary: plans, severities, services and clocks (SPEC 1, 2).

``policy/vocabulary.py``: each name is read in any letter case, and anything
else is refused listing the names there are.
"""

from __future__ import annotations

import pytest

from connected_care_sla import Clock, Plan, Service, Severity
from connected_care_sla.exceptions import (
    PolicyError,
    UnknownPlanError,
    UnknownServiceError,
    UnknownSeverityError,
)


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


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


def test_clock_accepts_any_case_and_refuses_unknown() -> None:
    assert Clock("WALL") is Clock.WALL
    assert Clock("business") is Clock.BUSINESS
    with pytest.raises(PolicyError, match="'sundial'"):
        Clock("sundial")


def test_an_unknown_service_lists_the_services() -> None:
    with pytest.raises(UnknownServiceError) as info:
        Service("warp")
    assert message(info) == (
        f"unknown service 'warp'; expected one of {', '.join(Service)} (any letter case). "
        "Services of a custom policy are passed as strings"
    )
