"""Reports and statuses say exact numbers: floored percentages, margins to the microsecond.

A group with a miss never shows 100.0; every percentage ``p`` shown satisfies
``p <= exact ratio < p + 0.1``; the median and 95th-percentile margins are
those a reference computed with Python integers gives, stated rules and all
(the median of an even count rounded down to the microsecond; the
nearest-rank 5th percentile). No float touches a number between the engine
and the report table.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla._exact import floored_percent, percent_text

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

from connected_care_sla.batch import compliance  # noqa: E402
from connected_care_sla.batch.summary import compliance_percent, group_margins  # noqa: E402

SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2025, 6, 6, 17, 0, tzinfo=SHANGHAI)
TARGET_US = 30 * 60 * 1_000_000  # Premium S1: 30 minutes, wall clock
TENTH = Decimal("0.1")


def _reference_margins(margins: list[int]) -> tuple[int, int]:
    """The stated rules, with Python integers: the median (floor of the mean of the
    middle two) and the nearest-rank 5th percentile."""
    ordered = sorted(margins)
    n = len(ordered)
    median = (ordered[(n - 1) // 2] + ordered[n // 2]) // 2
    rank = -(-n // 20)  # ceil(n / 20)
    return median, ordered[rank - 1]


# -- percentages ------------------------------------------------------------------------


@given(st.integers(0, 10**7), st.integers(1, 10**7))
def test_a_floored_percent_is_at_most_the_ratio_and_within_a_tenth(met: int, decided: int) -> None:
    met = min(met, decided)
    shown = compliance_percent(met, decided)
    assert shown is not None
    exact = Fraction(100 * met, decided)
    assert Fraction(shown) <= exact < Fraction(shown) + Fraction(TENTH)
    assert shown == shown.quantize(TENTH)


@given(st.integers(0, 10**7), st.integers(1, 10**7))
def test_a_group_with_a_miss_never_shows_100(met: int, missed: int) -> None:
    shown = compliance_percent(met, met + missed)
    assert shown is not None
    assert shown < 100
    assert str(shown) != "100.0"


def test_two_misses_in_thousands_show_99_9_not_100() -> None:
    assert compliance_percent(99_998, 100_000) == Decimal("99.9")
    assert compliance_percent(5_000, 5_000) == Decimal("100.0")
    assert compliance_percent(0, 0) is None


@given(st.fractions(min_value=0, max_value=20))
def test_floored_percent_of_any_fraction(share: Fraction) -> None:
    shown = floored_percent(share)
    assert Fraction(shown) <= 100 * share < Fraction(shown) + Fraction(TENTH)
    assert percent_text(share) == f"{shown}%"


# -- the report table -------------------------------------------------------------------


taken_us = st.integers(0, 3 * TARGET_US)


@st.composite
def answered_groups(draw: st.DrawFn) -> list[tuple[str, int | None]]:
    """Tickets of a few groups: each its group and the microseconds it took (None: open)."""
    return draw(
        st.lists(
            st.tuples(st.sampled_from(["a", "b", "c"]), st.none() | taken_us),
            min_size=1,
            max_size=60,
        )
    )


def _report(tickets: list[tuple[str, int | None]]) -> sla.batch.ComplianceReport:
    frame = pd.DataFrame(
        {
            "plan": ["premium"] * len(tickets),
            "severity": ["S1"] * len(tickets),
            "created_at": [CREATED] * len(tickets),
            "first_response_at": [
                None if us is None else CREATED + timedelta(microseconds=us) for _, us in tickets
            ],
            "team": [group for group, _ in tickets],
        }
    )
    return compliance(frame, responded="first_response_at", calendar="Asia/Shanghai", by="team")


@given(answered_groups())
def test_the_report_table_is_exact(tickets: list[tuple[str, int | None]]) -> None:
    report = _report(tickets)
    for group, row in report.table.iterrows():
        taken = [us for g, us in tickets if g == group and us is not None]
        met = sum(1 for us in taken if us <= TARGET_US)
        missed = len(taken) - met
        assert (row["met"], row["missed"]) == (met, missed)
        if missed:
            assert row["compliance_pct"] < 100
        if taken:
            exact = Fraction(100 * met, len(taken))
            assert Fraction(str(row["compliance_pct"])) <= exact
            assert exact < Fraction(str(row["compliance_pct"])) + Fraction(TENTH)
            median, p95 = _reference_margins([TARGET_US - us for us in taken])
            assert row["median_margin"] == pd.Timedelta(microseconds=median)
            assert row["p95_margin"] == pd.Timedelta(microseconds=p95)
        else:
            assert np.isnan(row["compliance_pct"])
            assert pd.isna(row["median_margin"])


@given(answered_groups())
def test_the_report_dict_says_the_same_numbers(tickets: list[tuple[str, int | None]]) -> None:
    report = _report(tickets)
    data = report.to_dict()
    for entry, (group, row) in zip(data["groups"], report.table.iterrows(), strict=True):
        assert entry["group"] == {"team": group}
        for key in ("tickets", "met", "missed", "open"):
            assert entry[key] == row[key]
        margin = entry["median_margin"]
        if margin is not None:
            assert margin["microseconds"] == row["median_margin"] // pd.Timedelta(microseconds=1)
    taken = [us for _, us in tickets if us is not None]
    if taken:
        median, p95 = _reference_margins([TARGET_US - us for us in taken])
        assert data["overall"]["median_margin"]["microseconds"] == median
        assert data["overall"]["p95_margin"]["microseconds"] == p95


def test_a_margin_reads_to_the_microsecond() -> None:
    # 3h32m1.7s late on a 30-minute target: no float noise (-3h32m1.699999s).
    late = TARGET_US + (3 * 3600 + 32 * 60 + 1) * 1_000_000 + 700_000
    report = _report([("a", late)])
    shown = report.formatted()
    assert shown["median_margin"].iloc[0] == "-3h32m1.7s"
    assert report.table["median_margin"].iloc[0] == -pd.Timedelta(microseconds=late - TARGET_US)
    assert str(report.table["median_margin"].dtype) == "timedelta64[us]"


def test_a_group_of_2_misses_in_4000_shows_99_9() -> None:
    tickets: list[tuple[str, int | None]] = [("a", 1)] * 3998 + [("a", TARGET_US + 1)] * 2
    report = _report(tickets)
    assert report.table["compliance_pct"].iloc[0] == 99.9
    assert report.formatted()["compliance_pct"].iloc[0] == "99.9"
    assert "overall 99.9% met" in repr(report)


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(-(10**15), 10**15)), max_size=80))
def test_group_margins_follow_the_stated_rules(rows: list[tuple[int, int]]) -> None:
    codes = np.array([code for code, _ in rows], dtype=np.int64)
    margins = np.array([us for _, us in rows], dtype=np.int64)
    median, p95, answered = group_margins(codes, margins, 5)
    for group in range(5):
        mine = [us for code, us in rows if code == group]
        assert bool(answered[group]) == bool(mine)
        if mine:
            assert (int(median[group]), int(p95[group])) == _reference_margins(mine)


# -- a status ---------------------------------------------------------------------------


@given(st.integers(0, 2 * TARGET_US))
def test_a_status_share_is_floored(consumed_us: int) -> None:
    now = CREATED + timedelta(microseconds=consumed_us)
    status = sla.response_status("premium", "S1", CREATED, "Asia/Shanghai", now=now)
    assert status.consumed_pct is not None
    exact = Fraction(100 * consumed_us, TARGET_US)
    assert Fraction(status.consumed_pct) <= exact < Fraction(status.consumed_pct) + Fraction(TENTH)
    if consumed_us < TARGET_US:
        assert status.consumed_pct < 100
        assert "100.0%" not in str(status)
        assert "100.0%" not in repr(status)
    assert status.to_dict()["consumed_pct"] == float(status.consumed_pct)


def test_a_microsecond_before_the_deadline_is_99_9_percent() -> None:
    now = CREATED + timedelta(microseconds=TARGET_US - 1)
    status = sla.response_status("premium", "S1", CREATED, "Asia/Shanghai", now=now)
    assert status.consumed_pct == Decimal("99.9")
    assert "(99.9%)" in str(status)
