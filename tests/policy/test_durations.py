"""Policy durations such as ``"4h"``, ``"30m"`` or ``"1h30m"`` (``policy/durations.py``)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla.exceptions import InvalidDurationError
from connected_care_sla.policy import format_duration, parse_duration


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


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


# -- durations and their words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (1, "1s"), (1.5, "1.5s"), (-1.5, "-1.5s"), (-3600, "-1h"), (3601, "1h1s")],
)
def test_format_duration_writes_the_compact_form(seconds: float, text: str) -> None:
    assert format_duration(timedelta(seconds=seconds)) == text


def test_a_duration_that_is_not_a_string_is_refused_naming_the_type() -> None:
    with pytest.raises(InvalidDurationError) as info:
        parse_duration(4)
    assert message(info) == (
        "a duration must be a string such as '4h', '30m' or '1h30m', got 4 of type int"
    )
