"""The history strategies of ``connected_care_sla.testing`` reach the awkward cases."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import find, given, settings
from hypothesis.errors import InvalidArgument

from connected_care_sla import Plan, connected_care_policy
from connected_care_sla.testing import changes, pauses

CREATED = datetime(2025, 6, 9, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2025, 6, 9, 13, 0, tzinfo=UTC)
US = timedelta(microseconds=1)


@given(changes(CREATED))
def test_changes_are_in_strict_time_order_from_creation_and_name_something(
    history: tuple[Any, ...],
) -> None:
    instants = [change.at for change in history]
    assert instants == sorted(instants)
    assert len(set(instants)) == len(instants)
    assert all(at >= CREATED for at in instants)
    assert all(change.severity is not None or change.plan is not None for change in history)


@given(pauses(CREATED, ongoing=True))
def test_pauses_are_pairs_that_never_end_before_they_start(history: tuple[Any, ...]) -> None:
    for start, end in history:
        assert end is None or end >= start


@pytest.mark.parametrize(
    "case",
    [
        "a change at the creation instant",
        "a change exactly at the deadline",
        "a change a microsecond before the deadline",
        "a change to Basic",
    ],
)
def test_changes_reach(case: str) -> None:
    def hit(history: tuple[Any, ...]) -> bool:
        at = [change.at for change in history]
        return {
            "a change at the creation instant": CREATED in at,
            "a change exactly at the deadline": DEADLINE in at,
            "a change a microsecond before the deadline": DEADLINE - US in at,
            "a change to Basic": any(change.plan == Plan.BASIC for change in history),
        }[case]

    policy = connected_care_policy()
    find(changes(CREATED, policy, near=[DEADLINE]), hit, settings=settings(max_examples=2000))


@pytest.mark.parametrize(
    "case",
    ["overlapping", "empty", "before the creation", "ongoing", "starting at the deadline"],
)
def test_pauses_reach(case: str) -> None:
    def hit(history: tuple[Any, ...]) -> bool:
        spans = sorted((start, end) for start, end in history if end is not None)
        return {
            "overlapping": any(b[0] < a[1] for a, b in itertools.pairwise(spans)),
            "empty": any(start == end for start, end in history),
            "before the creation": any(start < CREATED for start, _ in history),
            "ongoing": any(end is None for _, end in history),
            "starting at the deadline": any(start == DEADLINE for start, _ in history),
        }[case]

    strategy = pauses(CREATED, ongoing=True, near=[DEADLINE])
    find(strategy, hit, settings=settings(max_examples=2000))


def test_a_naive_creation_is_refused() -> None:
    with pytest.raises(InvalidArgument):
        changes(datetime(2025, 6, 9, 9, 0))
    with pytest.raises(InvalidArgument):
        pauses(datetime(2025, 6, 9, 9, 0))
