"""The built-in vocabulary: plans, severities, services and clocks (SPEC 1, 2).

``policy/vocabulary.py``: each name is read in any letter case, and anything
else is refused listing the names there are.
"""

from __future__ import annotations

import pytest

from connected_care_sla import Clock, Plan, Service, Severity
from connected_care_sla._text import listing as _listing
from connected_care_sla._text import shown as _show
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


# -- the words' own refusals, pinned whole (mutation testing showed them unchecked) ---------


def test_an_unknown_built_in_plan_says_so_with_its_fields() -> None:
    with pytest.raises(UnknownPlanError) as info:
        Plan("gold")
    error = info.value
    assert str(error) == (
        "unknown plan 'gold'; expected one of Basic, Developer, Enterprise, Premium (any letter "
        "case). Plans of a custom policy are passed as strings together with policy="
    )
    assert (error.argument, error.value, error.policy) == ("plan", "gold", "")
    assert error.known == ("Basic", "Developer", "Enterprise", "Premium")


def test_an_unknown_built_in_severity_says_so_with_its_fields() -> None:
    with pytest.raises(UnknownSeverityError) as info:
        Severity(9)
    assert str(info.value) == (
        "unknown severity 9; expected one of S1, S2, S3, S4 (any letter case, or an int 1 to 4)"
    )
    assert (info.value.argument, info.value.value) == ("severity", 9)
    assert info.value.known == ("S1", "S2", "S3", "S4")


def test_an_unknown_clock_says_so_with_its_fields() -> None:
    with pytest.raises(PolicyError) as info:
        Clock("x")
    assert str(info.value) == (
        "unknown clock 'x'; expected 'wall' (elapsed real time, 24x7) or 'business' (time "
        "inside business hours)"
    )
    assert (info.value.argument, info.value.value) == ("clock", "x")


def test_long_lists_of_names_are_cut_short_in_messages() -> None:
    names = [f"S{i}" for i in range(14)]
    assert _listing(names) == "S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, ... (14 in all)"
    assert _listing(names[:12]) == ", ".join(names[:12])
    assert _listing(["a"]) == "a"
    assert _show(Plan.BASIC) == "'Basic'"
    assert _show(3) == "3"
