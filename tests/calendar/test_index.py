"""The calendar's windows as arrays, for whole tables (``calendar/index.py``).

The batch path (tests/batch/) answers whole tables through these two functions;
here, the regressions found in them and the chunking of long inputs. Needs numpy
(the ``pandas`` extra).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar
from connected_care_sla._instants import to_us

np = pytest.importorskip("numpy")
index = pytest.importorskip("connected_care_sla.calendar.index")
add_business = index.add_business
elapsed_business = index.elapsed_business

SHANGHAI = ZoneInfo("Asia/Shanghai")
#: Split shifts, Saturday hours and two holidays, in London.
SPLIT = BusinessCalendar(
    "Europe/London",
    {"Mon-Fri": "09:00-12:30, 13:30-18:00", "Sat": "10:00-14:00"},
    holidays=[date(2025, 12, 25), date(2026, 4, 3)],
)


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def test_elapsed_business_over_a_range_with_no_window_at_all() -> None:
    """Regression: Golden Week holds no window; the index used to be empty and fail."""
    calendar = BusinessCalendar("Asia/Shanghai", holidays="CN")
    starts = np.array([to_us(sh(2025, 10, 2, 10, 0))])
    ends = np.array([to_us(sh(2025, 10, 3, 10, 0))])
    assert elapsed_business(calendar, starts, ends).tolist() == [0]
    assert add_business(calendar, starts, np.array([0])).tolist() == starts.tolist()


def test_no_holiday_warning_for_a_year_no_deadline_reaches() -> None:
    """Regression: the index reached two days past the last deadline, into 2027."""
    calendar = BusinessCalendar("Asia/Shanghai", holidays="CN")
    created = sh(2026, 12, 31, 10, 0)
    found = add_business(calendar, np.array([to_us(created)]), np.array([3_600_000_000]))
    assert found.tolist() == [to_us(sh(2026, 12, 31, 11, 0))]  # and no HolidayHorizonWarning


def test_chunks_give_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    calendar = SPLIT
    rng = np.random.default_rng(7)
    starts = to_us(datetime(2025, 1, 1, tzinfo=UTC)) + rng.integers(0, 300 * 86_400 * 10**6, 500)
    amounts = rng.integers(1, 40 * 3_600 * 10**6, 500)
    whole = add_business(calendar, starts, amounts)
    monkeypatch.setattr(index, "CHUNK_ROWS", 7)
    assert add_business(calendar, starts, amounts).tolist() == whole.tolist()
    assert elapsed_business(calendar, starts, whole).tolist() == amounts.tolist()


#: Short days, a closed date, a Saturday opened overnight and a holiday opened, in Berlin.
OVERRIDDEN = BusinessCalendar(
    "Europe/Berlin",
    {"Mon-Fri": "09:00-12:30, 13:30-18:00"},
    holidays=[date(2025, 12, 25), date(2025, 12, 26)],
    overrides={
        date(2025, 12, 24): "09:00-13:00",
        date(2025, 12, 26): "10:00-12:00",
        date(2025, 12, 29): "closed",
        date(2025, 12, 27): "22:00-06:00",
        date(2025, 3, 30): "01:30-04:00",
    },
)


def test_batch_equals_scalar_on_a_calendar_with_overrides() -> None:
    """The batch path lays out the engine's intervals, so overrides reach it unchanged."""
    zone = OVERRIDDEN.zone
    base = datetime(2025, 12, 20, tzinfo=zone)
    starts_dt = [base + (k * 3_517 % 300_000) * timedelta(seconds=7) for k in range(400)]
    starts_dt += [
        datetime(2025, 3, 29, 20, tzinfo=zone) + timedelta(minutes=37 * k) for k in range(40)
    ]
    durations_us = [(k * 7_919 % 40) * 900_000_000 for k in range(len(starts_dt))]
    starts = np.array([to_us(s) for s in starts_dt], dtype=np.int64)
    durations = np.array(durations_us, dtype=np.int64)
    got = add_business(OVERRIDDEN, starts, durations)
    expected = [
        to_us(OVERRIDDEN.add(s, timedelta(microseconds=d)))
        for s, d in zip(starts_dt, durations_us, strict=True)
    ]
    assert got.tolist() == expected
    ends = np.array([to_us(s) + 5 * 86_400_000_000 for s in starts_dt], dtype=np.int64)
    measured = elapsed_business(OVERRIDDEN, starts, ends)
    assert measured.tolist() == [
        OVERRIDDEN.elapsed(s, s.astimezone(UTC) + timedelta(days=5)) // timedelta(microseconds=1)
        for s in starts_dt
    ]


@given(
    st.lists(st.integers(0, 10**7), min_size=1, max_size=60).map(sorted),
    st.lists(st.integers(0, 10**7), min_size=1, max_size=200),
    st.integers(1, 10**6),
    st.booleans(),
)
def test_buckets_find_what_a_binary_search_finds(
    edges: list[int], values: list[int], width: int, right: bool
) -> None:
    array = np.array(edges, dtype=np.int64)
    wanted = np.array(values, dtype=np.int64)
    buckets = index._Buckets.of(array, 0, 10**7, width, right=right)
    if buckets is None:
        return  # too many edges per bucket, or too many buckets: the search is used
    found = buckets.find(wanted)
    assert found is not None
    expected = np.searchsorted(array, wanted, side="right" if right else "left")
    assert found.tolist() == expected.tolist()


def test_values_outside_the_buckets_fall_back_to_the_search() -> None:
    buckets = index._Buckets.of(np.array([10, 20, 30], dtype=np.int64), 0, 40, 10, right=True)
    assert buckets is not None
    assert buckets.find(np.array([-1], dtype=np.int64)) is None
    assert buckets.find(np.array([10**9], dtype=np.int64)) is None
