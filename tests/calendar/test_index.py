"""The calendar's windows as arrays, for whole tables (``calendar/index.py``).

The batch path (tests/batch/) answers whole tables through these two functions;
here, the regressions found in them and the chunking of long inputs. Needs numpy
(the ``pandas`` extra).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

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
