"""The batch functions on polars DataFrames: the pandas answers, in polars.

Each property lays the same drawn tickets out as pandas and as polars (text
plain, ``Categorical`` or ``Enum``) and asks for the same thing: the columns
added must hold exactly the same values, the caller's columns must come back
as they were, and instants must be aware, in the calendar's zone.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar
from connected_care_sla.batch import compliance, first_response_deadlines
from connected_care_sla.batch.tables import _polars_series_read
from connected_care_sla.exceptions import (
    InvalidTableError,
    MissingExtraError,
    TableTypeError,
    UnknownPlanError,
)
from support.tables import (
    POLARS_TEXT,
    answers,
    pandas_table,
    polars_table,
    records,
    tickets,
)

pl = pytest.importorskip("polars", reason="the polars extra is not installed")

CHINA = BusinessCalendar("Asia/Shanghai", holidays="CN")
NOW = datetime(2026, 6, 1, tzinfo=UTC)
#: The option sets every property is tried with.
OPTIONS: dict[str, dict[str, Any]] = {
    "one calendar": {"calendar": CHINA},
    "a zone name": {"calendar": "America/New_York"},
    "responses": {"calendar": CHINA, "responded": "first_response_at"},
    "responses at now": {"calendar": CHINA, "responded": "first_response_at", "now": NOW},
    "per-row zones": {"zone": "zone", "responded": "first_response_at"},
    "per-row zones in Paris": {"zone": "zone", "tz": "Europe/Paris"},
}


@given(
    rows=tickets(),
    text=st.sampled_from(POLARS_TEXT),
    zone=st.sampled_from(["UTC", "Asia/Kolkata"]),
    case=st.sampled_from(sorted(OPTIONS)),
)
def test_polars_gives_the_pandas_answers(
    rows: pd.DataFrame, text: str, zone: str, case: str
) -> None:
    options = OPTIONS[case] | {"errors": "coerce"}
    expected = first_response_deadlines(pandas_table(rows, zone=zone), **options)
    table = polars_table(rows, text, zone)
    got = first_response_deadlines(table, **options)
    assert isinstance(got, pl.DataFrame)
    assert answers(got) == answers(expected)
    # The caller's columns come back exactly as they were, in front.
    assert got.select(table.columns).equals(table)
    assert got.columns[: len(table.columns)] == table.columns


# Three reports an example: fewer examples than the profile's, for a fast suite.
@settings(max_examples=25)
@given(
    rows=tickets(),
    text=st.sampled_from(["String", "Categorical"]),
    by=st.sampled_from([("plan",), ("severity", "zone"), None]),
)
def test_compliance_on_polars_gives_the_pandas_report(
    rows: pd.DataFrame, text: str, by: tuple[str, ...] | None
) -> None:
    options: dict[str, Any] = {
        "calendar": CHINA,
        "responded": "first_response_at",
        "now": NOW,
        "errors": "coerce",
        "by": by,
    }
    expected = compliance(pandas_table(rows), **options)
    got = compliance(polars_table(rows, text), **options)
    assert isinstance(got.table, pl.DataFrame)
    assert isinstance(got.tickets, pl.DataFrame)
    want = records(expected.table.reset_index() if by else expected.table)
    assert records(got.table) == want
    assert str(got) == str(expected)
    assert repr(got) == repr(expected)
    # The per-row table, measured once, is summarised again as in pandas.
    assert records(compliance(got.tickets, by=by).table) == want


def test_the_first_bad_row_raises_the_pandas_error_naming_its_position() -> None:
    rows = pd.DataFrame(
        {
            "plan": ["Developer", "Gold", "Gold"],
            "severity": ["S1", "S1", "S2"],
            "created_at": [datetime(2025, 6, 6, 9, tzinfo=UTC)] * 3,
        }
    )
    with pytest.raises(UnknownPlanError) as expected:
        first_response_deadlines(rows, calendar=CHINA)
    for text in ("String", "Categorical", "Enum"):
        table = pl.from_pandas(rows).with_columns(
            pl.col("plan").cast(
                {
                    "String": pl.String,
                    "Categorical": pl.Categorical,
                    "Enum": pl.Enum(["Gold", "Developer"]),
                }[text]
            )
        )
        with pytest.raises(UnknownPlanError) as got:
            first_response_deadlines(table, calendar=CHINA)
        assert str(got.value) == str(expected.value)
        assert "row 1 (plan = 'Gold')" in str(got.value)


def test_deadlines_are_aware_in_the_calendar_zone_and_the_new_columns_typed() -> None:
    table = pl.DataFrame(
        {
            "plan": ["Developer", "Premium", "Basic"],
            "severity": ["S1", "S1", "S2"],
            "created_at": [datetime(2025, 6, 6, 9, tzinfo=UTC)] * 3,
            "first_response_at": [datetime(2025, 6, 9, 5, tzinfo=UTC), None, None],
        }
    )
    out = first_response_deadlines(
        table, calendar=CHINA, responded="first_response_at", errors="coerce"
    )
    schema = out.schema
    assert schema["deadline"] == pl.Datetime("us", "Asia/Shanghai")
    assert schema["target"] == schema["taken"] == schema["margin"] == pl.Duration("us")
    assert schema["clock"] == schema["state"] == pl.Categorical
    assert schema["error"] == pl.String
    assert out["deadline"].to_list()[0].isoformat() == "2025-06-09T12:00:00+08:00"
    assert out["clock"].to_list() == ["business", "wall", None]
    assert out["state"].to_list() == ["missed", "open", "no target"]
    per_row = first_response_deadlines(table.with_columns(zone=pl.lit("Asia/Tokyo")), zone="zone")
    assert per_row.schema["deadline"] == pl.Datetime("us", "UTC")


def test_a_column_of_the_same_name_is_replaced_in_place() -> None:
    table = pl.DataFrame(
        {
            "deadline": ["old"],
            "plan": ["Developer"],
            "severity": ["S1"],
            "created_at": [datetime(2025, 6, 6, 9, tzinfo=UTC)],
        }
    )
    out = first_response_deadlines(table, calendar=CHINA)
    assert out.columns[:4] == table.columns
    assert out.schema["deadline"] == pl.Datetime("us", "Asia/Shanghai")


def test_values_given_as_polars_series_and_no_table() -> None:
    created = [datetime(2025, 6, 6, 9, tzinfo=UTC)] * 2
    table = pl.DataFrame({"created_at": created})
    out = first_response_deadlines(
        table,
        plan=pl.Series(["Developer", "Premium"]),
        severity=pl.Series(["S1", "S2"], dtype=pl.Categorical),
        calendar=CHINA,
    )
    expected = first_response_deadlines(
        pd.DataFrame({"created_at": created}),
        plan=["Developer", "Premium"],
        severity=["S1", "S2"],
        calendar=CHINA,
    )
    assert answers(out) == answers(expected)


def test_coded_columns_are_read_from_their_codes() -> None:
    # A Categorical column's physical codes, an Enum's positions: no value is decoded per row.
    values = ["S2", "S1", None, "S2", "S4"]
    for dtype in (pl.Categorical, pl.Enum(["S4", "S2", "S1", "S3"])):
        series = pl.Series(values, dtype=dtype)
        read = _polars_series_read(series, "text")
        assert isinstance(read.dtype, pd.CategoricalDtype)
        assert read.astype(object).where(read.notna(), None).tolist() == values
    enum = _polars_series_read(pl.Series(values, dtype=pl.Enum(["S4", "S2", "S1", "S3"])), "text")
    assert enum.cat.categories.tolist() == ["S4", "S2", "S1", "S3"]
    assert np.array_equal(enum.cat.codes.to_numpy(), [1, 2, -1, 1, 0])


def test_what_polars_cannot_hold_or_give_is_refused_with_what_to_do() -> None:
    table = pl.DataFrame(
        {
            "plan": ["Developer"],
            "severity": ["S1"],
            "created_at": [datetime(2025, 6, 6, tzinfo=UTC)],
        }
    )
    with pytest.raises(TableTypeError, match=r"collect\(\)"):
        first_response_deadlines(table.lazy(), calendar=CHINA)
    with pytest.raises(InvalidTableError, match="tz='local'"):
        first_response_deadlines(table.with_columns(zone=pl.lit("UTC")), zone="zone", tz="local")
    with pytest.raises(InvalidTableError, match=r"created='opened'.*'plan', 'severity'"):
        first_response_deadlines(table, created="opened", calendar=CHINA)
    with pytest.raises(InvalidTableError, match="pass calendar="):
        compliance(table, responded="created_at")


def test_without_pyarrow_the_error_names_the_polars_extra() -> None:
    code = (
        "import sys\n"
        "sys.modules['pyarrow'] = None\n"
        "import polars as pl\n"
        "import connected_care_sla as sla\n"
        "from connected_care_sla.exceptions import MissingExtraError\n"
        "try:\n"
        "    sla.batch.first_response_deadlines(pl.DataFrame({'plan': ['x']}), calendar='UTC')\n"
        "except MissingExtraError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert 'pip install "connected-care-sla[polars]"' in result.stdout
    assert "pyarrow" in result.stdout
    assert "polars DataFrame" in result.stdout
    assert issubclass(MissingExtraError, ImportError)
