"""The batch functions on pyarrow Tables: the pandas answers, in Arrow.

Each property lays the same drawn tickets out as pandas and as a pyarrow
Table (text as ``string``, ``large_string``, a dictionary, or a chunked
column with a different dictionary per chunk) and asks for the same thing:
the columns added must hold exactly the same values, the caller's columns
must come back as they were, and instants must be aware, in the calendar's
zone.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar
from connected_care_sla.batch import compliance, first_response_deadlines
from connected_care_sla.batch.columns import factorize
from connected_care_sla.batch.tables import _series, kind_of
from connected_care_sla.exceptions import InvalidTableError, TableTypeError, UnknownPlanError
from support.tables import (
    ARROW_TEXT,
    PANDAS_TEXT,
    answers,
    arrow_table,
    pandas_table,
    records,
    tickets,
)

CHINA = BusinessCalendar("Asia/Shanghai", holidays="CN")
NOW = datetime(2026, 6, 1, tzinfo=UTC)
OPTIONS: dict[str, dict[str, Any]] = {
    "one calendar": {"calendar": CHINA},
    "responses": {"calendar": CHINA, "responded": "first_response_at"},
    "responses at now": {"calendar": "Europe/London", "responded": "first_response_at", "now": NOW},
    "per-row zones": {"zone": "zone", "responded": "first_response_at", "now": NOW},
    "per-row zones in Tokyo": {"zone": "zone", "tz": "Asia/Tokyo"},
}


@given(
    rows=tickets(),
    text=st.sampled_from(ARROW_TEXT),
    zone=st.sampled_from(["UTC", "America/New_York"]),
    case=st.sampled_from(sorted(OPTIONS)),
)
def test_arrow_gives_the_pandas_answers(
    rows: pd.DataFrame, text: str, zone: str, case: str
) -> None:
    options = OPTIONS[case] | {"errors": "coerce"}
    expected = first_response_deadlines(pandas_table(rows, zone=zone), **options)
    table = arrow_table(rows, text, zone)
    got = first_response_deadlines(table, **options)
    assert isinstance(got, pa.Table)
    assert answers(got) == answers(expected)
    assert got.select(table.column_names).equals(table)
    assert got.column_names[: table.num_columns] == table.column_names


@given(rows=tickets(), text=st.sampled_from(PANDAS_TEXT), case=st.sampled_from(sorted(OPTIONS)))
def test_pandas_text_plain_or_coded_gives_the_same_answers(
    rows: pd.DataFrame, text: str, case: str
) -> None:
    options = OPTIONS[case] | {"errors": "coerce"}
    expected = first_response_deadlines(pandas_table(rows), **options)
    assert answers(first_response_deadlines(pandas_table(rows, text), **options)) == answers(
        expected
    )


# Three reports an example: fewer examples than the profile's, for a fast suite.
@settings(max_examples=25)
@given(
    rows=tickets(),
    text=st.sampled_from(["string", "dictionary"]),
    by=st.sampled_from([("plan",), ("severity", "zone"), None]),
)
def test_compliance_on_arrow_gives_the_pandas_report(
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
    got = compliance(arrow_table(rows, text), **options)
    assert isinstance(got.table, pa.Table)
    assert isinstance(got.tickets, pa.Table)
    want = records(expected.table.reset_index() if by else expected.table)
    assert records(got.table) == want
    assert str(got) == str(expected)
    assert repr(got) == repr(expected)
    assert records(compliance(got.tickets, by=by).table) == want


def test_the_new_columns_are_typed_and_deadlines_aware() -> None:
    table = pa.table(
        {
            "plan": ["Developer", "Premium", "Basic"],
            "severity": pa.array(["S1", "S1", "S2"]).dictionary_encode(),
            "created_at": pa.array(
                [datetime(2025, 6, 6, 9, tzinfo=UTC)] * 3, pa.timestamp("ns", tz="UTC")
            ),
        }
    )
    out = first_response_deadlines(table, calendar=CHINA, errors="coerce")
    schema = out.schema
    assert schema.field("deadline").type == pa.timestamp("us", tz="Asia/Shanghai")
    assert schema.field("target").type == pa.duration("us")
    assert pa.types.is_dictionary(schema.field("clock").type)
    assert pa.types.is_string(schema.field("error").type) or pa.types.is_large_string(
        schema.field("error").type
    )
    assert out["deadline"][0].as_py().isoformat() == "2025-06-09T12:00:00+08:00"
    assert out["clock"].to_pylist() == ["business", "wall", None]
    assert out["deadline"].null_count == 1
    assert out["error"].null_count == 3


def test_naive_arrow_times_are_bad_rows_unless_their_zone_is_named() -> None:
    naive = pa.table(
        {
            "plan": ["Developer"],
            "severity": ["S1"],
            "created_at": pa.array([datetime(2025, 6, 6, 9)], pa.timestamp("us")),
        }
    )
    out = first_response_deadlines(naive, calendar=CHINA, errors="coerce")
    assert "naive" in out["error"][0].as_py()
    utc = first_response_deadlines(naive, calendar=CHINA, assume_tz="UTC")
    assert utc["deadline"][0].as_py().isoformat() == "2025-06-09T12:00:00+08:00"


def test_the_first_bad_row_raises_the_pandas_error_naming_its_position() -> None:
    rows = {
        "plan": ["Developer", "Gold"],
        "severity": ["S1", "S1"],
        "created_at": [datetime(2025, 6, 6, 9, tzinfo=UTC)] * 2,
    }
    with pytest.raises(UnknownPlanError) as expected:
        first_response_deadlines(pd.DataFrame(rows), calendar=CHINA)
    with pytest.raises(UnknownPlanError) as got:
        first_response_deadlines(pa.table(rows), calendar=CHINA)
    assert str(got.value) == str(expected.value)


def test_dictionary_and_category_columns_are_used_as_they_are_coded() -> None:
    # The dictionary's codes and values, as they are: no value is decoded per row.
    array = pa.DictionaryArray.from_arrays(
        pa.array([2, 0, None, 2], pa.int16()), pa.array(["S3", "S1", "S2"])
    )
    read = _series(array, "text")
    assert read.cat.categories.tolist() == ["S3", "S1", "S2"]
    assert read.cat.codes.tolist() == [2, 0, -1, 2]
    codes, values = factorize(read)
    assert codes.tolist() == [2, 0, -1, 2]
    assert values == ["S3", "S1", "S2"]
    # A pandas category column likewise: its codes and categories, unused ones included.
    category = pd.Series(["b", "a", None]).astype(pd.CategoricalDtype(["z", "a", "b"]))
    codes, values = factorize(category)
    assert np.array_equal(codes, [2, 1, -1])
    assert values == ["z", "a", "b"]


def test_what_arrow_cannot_hold_or_give_is_refused_with_what_to_do() -> None:
    table = pa.table(
        {"plan": ["Developer"], "severity": ["S1"], "zone": ["UTC"], "created_at": [NOW]}
    )
    with pytest.raises(TableTypeError, match=r"Table.from_batches"):
        first_response_deadlines(table.to_batches()[0], calendar=CHINA)
    with pytest.raises(InvalidTableError, match="tz='local'"):
        first_response_deadlines(table, zone="zone", tz="local")
    with pytest.raises(InvalidTableError, match=r"plan='tier' names no column"):
        first_response_deadlines(table, plan="tier", calendar=CHINA)
    with pytest.raises(TableTypeError, match="a pyarrow Table"):
        first_response_deadlines(object(), calendar=CHINA)
    assert kind_of(table) == "arrow"
    assert kind_of(pd.DataFrame()) == kind_of(None) == "pandas"


def test_without_pandas_the_error_names_the_arrow_extra() -> None:
    code = (
        "import sys\n"
        "class NoPandas:\n"  # pyarrow copes with a pandas that raises ImportError
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.partition('.')[0] == 'pandas':\n"
        "            raise ImportError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, NoPandas())\n"
        "import pyarrow as pa\n"
        "import connected_care_sla as sla\n"
        "try:\n"
        "    sla.batch.first_response_deadlines(pa.table({'plan': ['x']}), calendar='UTC')\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert 'pip install "connected-care-sla[arrow]"' in result.stdout
    assert "pyarrow Table" in result.stdout
