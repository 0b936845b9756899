"""Instants at the door: missing values and pytz's local-mean-time trap are refused.

Every scalar question takes its instants through one gate; these pin what the
gate refuses and that it names the argument and the fix.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
import pytest
import pytz
from hypothesis import given
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla.exceptions import (
    InvalidInstantError,
    LocalMeanTimeError,
    MissingInstantError,
)

CAL = sla.BusinessCalendar("America/New_York")
CREATED = datetime(2025, 6, 6, 17, tzinfo=UTC)
H = timedelta(hours=1)

# Every scalar entry point, with the missing value in each of its instants.
ENTRY_POINTS: list[tuple[str, Any]] = [
    ("start", lambda v: CAL.add(v, H)),
    ("end", lambda v: CAL.subtract(v, H)),
    ("start", lambda v: CAL.elapsed(v, CREATED)),
    ("end", lambda v: CAL.elapsed(CREATED, v)),
    ("instant", lambda v: CAL.is_open(v)),
    ("instant", lambda v: CAL.next_open(v)),
    ("instant", lambda v: CAL.next_close(v)),
    ("start", lambda v: CAL.windows(v, CREATED)),
    ("created_at", lambda v: sla.first_response_deadline("Developer", "S1", v, CAL)),
    ("created_at", lambda v: sla.response_status("Developer", "S1", v, CAL, now=CREATED)),
    ("now", lambda v: sla.response_status("Developer", "S1", CREATED, CAL, now=v)),
    ("created_at", lambda v: sla.explanation("Developer", "S1", v, CAL)),
]


@pytest.mark.parametrize("missing", [pd.NaT, None], ids=["NaT", "None"])
@pytest.mark.parametrize(("argument", "ask"), ENTRY_POINTS)
def test_a_missing_instant_is_refused_naming_the_argument(
    missing: object, argument: str, ask: Any
) -> None:
    with pytest.raises(MissingInstantError) as info:
        ask(missing)
    error = info.value
    assert isinstance(error, InvalidInstantError)
    assert error.argument == argument
    assert error.value is missing
    assert str(error).startswith(f"{argument} is missing (got ")
    assert "time-zone-aware datetime" in str(error)


def test_a_response_that_is_nat_is_missing_too() -> None:
    # responded_at=None means "not yet"; NaT is not a way to say so.
    with pytest.raises(MissingInstantError, match="responded_at is missing"):
        sla.response_status("Developer", "S1", CREATED, CAL, now=CREATED, responded_at=pd.NaT)


def test_regression_pytz_zone_attached_with_the_constructor_is_refused_with_the_fix() -> None:
    # The trap: -04:56 (New York's local mean time) instead of -04:00, so a
    # 1-hour target answered Monday 09:56.
    new_york = pytz.timezone("America/New_York")
    trapped = datetime(2025, 6, 6, 17, tzinfo=new_york)
    with pytest.raises(LocalMeanTimeError) as info:
        sla.first_response_deadline("Enterprise", "S1", trapped, CAL)
    text = str(info.value)
    assert "-04:56" in text
    assert "-04:00" in text
    assert "localize" in text
    assert info.value.argument == "created_at"
    with pytest.raises(LocalMeanTimeError):
        CAL.add(datetime(2025, 1, 6, 9).replace(tzinfo=new_york), H)


@pytest.mark.parametrize(
    "name", ["America/New_York", "Europe/Berlin", "Asia/Shanghai", "Australia/Lord_Howe", "UTC"]
)
@given(moment=st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2100, 1, 1)))
def test_a_localized_pytz_datetime_answers_as_zoneinfo_does(name: str, moment: datetime) -> None:
    zone = pytz.timezone(name)
    localized = zone.localize(moment)
    same = localized.astimezone(UTC)
    assert CAL.add(localized, H) == CAL.add(same, H)
    assert sla.first_response_deadline("Developer", "S2", localized, CAL) == (
        sla.first_response_deadline("Developer", "S2", same, CAL)
    )


def test_pytz_utc_is_fine_however_it_is_attached() -> None:
    assert CAL.add(datetime(2025, 6, 6, 17, tzinfo=pytz.utc), H) == CAL.add(CREATED, H)
