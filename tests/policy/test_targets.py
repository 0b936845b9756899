"""Response targets: one cell of a response table (``policy/targets.py``; SPEC 1).

A duration and a clock (wall or business), printable in words, comparable,
frozen; bad durations and unknown clocks are refused naming the value. The
behaviours mutation testing found unpinned are pinned with their whole messages.
"""

from __future__ import annotations

import dataclasses
import pickle
from datetime import timedelta
from typing import Any

import pytest

import connected_care_sla as sla
from connected_care_sla import Clock, ResponseTarget
from connected_care_sla.exceptions import InvalidDurationError, PolicyError
from support.calls import expect


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


def refusal(build: Any) -> str:
    with pytest.raises(PolicyError) as info:
        build()
    return message(info)


# -- response targets -------------------------------------------------------------


def test_response_target_is_printable_and_comparable() -> None:
    target = sla.connected_care_policy().target("premium", "S1")
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


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (ResponseTarget("1s", "wall"), "1 second (wall clock, 24x7)"),
        (ResponseTarget("90s", "wall"), "1 minute 30 seconds (wall clock, 24x7)"),
        (ResponseTarget("1h0m1.5s", "business"), "1 hour 1.5 seconds of business time"),
        (ResponseTarget("2s", "business"), "2 seconds of business time"),
    ],
)
def test_response_targets_read_in_words(target: ResponseTarget, text: str) -> None:
    assert str(target) == text


def test_a_clock_that_is_not_a_string_is_refused() -> None:
    assert refusal(lambda: ResponseTarget("1h", 3)) == (  # type: ignore[arg-type]
        "unknown clock 3 of type int; expected 'wall' (elapsed real time, 24x7) or 'business' "
        "(time inside business hours)"
    )


def test_a_one_microsecond_target_is_positive() -> None:
    assert ResponseTarget(timedelta(microseconds=1), "wall").duration == timedelta(microseconds=1)


def test_type_errors_name_the_type() -> None:
    with pytest.raises(InvalidDurationError) as info:
        ResponseTarget(5, "wall")  # type: ignore[arg-type]
    assert message(info) == (
        "a response target's duration must be a datetime.timedelta, e.g. timedelta(hours=4), "
        "got 5 of type int"
    )


# -- crashes the fuzz tests found (tests/contract/test_fuzz.py) -----------------------------


def test_regression_response_target_duration_too_long_to_print() -> None:
    # ValueError from repr() of an int of more than 4,300 digits, in the message.
    # (The same for a calendar's duration: tests/calendar/test_business.py.)
    expect(InvalidDurationError, ResponseTarget, 10**5000, "wall")
