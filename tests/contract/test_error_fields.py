"""Errors keep the facts their message is made of, and survive pickling."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta

import pytest

import connected_care_sla as sla
from connected_care_sla import exceptions

CREATED = datetime(2025, 6, 6, 9, tzinfo=UTC)


def test_a_wrong_type_of_instant_names_the_argument_and_keeps_the_value() -> None:
    with pytest.raises(exceptions.InstantTypeError) as info:
        sla.first_response_deadline("Developer", "S1", "2025-06-06", "UTC")  # type: ignore[arg-type]
    error = info.value
    assert isinstance(error, TypeError)
    assert isinstance(error, ValueError)
    assert (error.argument, error.value) == ("created_at", "2025-06-06")
    assert error.expected == "a time-zone-aware datetime"
    assert str(error) == (
        "created_at must be a time-zone-aware datetime, got '2025-06-06' of type str"
    )


def test_a_naive_instant_keeps_the_value_and_says_how_to_fix_it() -> None:
    naive = datetime(2025, 6, 6, 9)
    with pytest.raises(exceptions.NaiveInstantError) as info:
        sla.first_response_deadline("Developer", "S1", naive, "UTC")
    assert not isinstance(info.value, TypeError)
    assert info.value.value == naive
    assert "replace(tzinfo=ZoneInfo(" in str(info.value)


def test_a_status_before_creation_is_out_of_order_with_both_instants() -> None:
    before = CREATED - timedelta(hours=1)
    with pytest.raises(exceptions.InstantsOutOfOrderError) as info:
        sla.response_status("Developer", "S1", CREATED, "UTC", now=before)
    error = info.value
    assert (error.argument, error.value) == ("now", before)
    assert (error.earlier_argument, error.earlier_value) == ("created_at", CREATED)
    assert "before the ticket was created" in str(error)


def test_an_unknown_plan_lists_the_known_ones_as_data() -> None:
    with pytest.raises(exceptions.UnknownPlanError) as info:
        sla.first_response_deadline("Gold", "S1", CREATED, "UTC")
    error = info.value
    assert error.value == "Gold"
    assert error.known == ("Basic", "Developer", "Enterprise", "Premium")
    assert error.policy == "Connected Care"


@pytest.mark.parametrize(
    "error",
    [
        exceptions.InstantTypeError(argument="now", value=3, expected="a datetime"),
        exceptions.UnknownSeverityError("S9", ["S1", "S2"], policy="Acme"),
        exceptions.PolicyError("bad", source="policy file 'a.toml'", argument="name", value=3),
        exceptions.InstantsOutOfOrderError(
            "x", argument="now", value=1, earlier_argument="created_at", earlier_value=2
        ),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_pickle_with_their_fields(error: exceptions.SlaError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert again.__dict__ == error.__dict__
