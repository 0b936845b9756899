"""Tables of tickets in every kind the batch functions take, and their answers as plain values.

``tickets()`` draws rows (good and bad plans, severities and times, answered
or not, in a few zones); ``pandas_table``, ``polars_table`` and
``arrow_table`` lay the same rows out as each library holds them, text
columns plain or coded (pandas ``category``, polars ``Categorical`` and
``Enum``, Arrow dictionaries, chunked with a dictionary per chunk);
``answers`` reads the columns a batch function added back as Python values
(instants as UTC microseconds with their zone), whatever the kind, so the
three kinds can be compared exactly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import strategies as st

#: The columns the batch functions add, in order.
OUTPUTS = ("deadline", "clock", "target", "taken", "margin", "state", "error")
PLANS = ["Basic", "Developer", "Enterprise", "Premium", "premium", "Gold", None]
SEVERITIES = ["S1", "S2", "S3", "S4", "s2", "S9", None]
ZONES = ["Asia/Shanghai", "America/New_York", "Europe/London", "Mars/Base"]
TEXT = ("plan", "severity", "zone")
#: The ways a text column is held: plain text, or coded.
PANDAS_TEXT = ("object", "str", "category")
POLARS_TEXT = ("String", "Categorical", "Enum")
ARROW_TEXT = ("string", "large_string", "dictionary", "chunked-dictionary")


@st.composite
def instants(draw: st.DrawFn) -> datetime:
    """An aware instant in 2025 or 2026, often at an opening or closing edge."""
    day = draw(
        st.one_of(
            st.sampled_from([date(2025, 3, 9), date(2025, 10, 1), date(2025, 12, 25)]),
            st.dates(date(2025, 1, 1), date(2026, 10, 31)),
        )
    )
    wall = draw(st.one_of(st.sampled_from([time(9), time(14), time(18), time(2, 30)]), st.times()))
    zone = ZoneInfo(draw(st.sampled_from(ZONES[:3])))
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


@st.composite
def tickets(draw: st.DrawFn) -> pd.DataFrame:
    """1 to 25 tickets as plain Python values: plan, severity, zone, created_at,
    first_response_at (None: not answered yet, or a missing creation time)."""
    rows = []
    for _ in range(draw(st.integers(1, 25))):
        created = None if draw(st.integers(0, 19)) == 0 else draw(instants())  # None: a bad row
        gap = draw(st.one_of(st.none(), st.timedeltas(timedelta(0), timedelta(days=6))))
        rows.append(
            {
                "plan": draw(st.sampled_from(PLANS)),
                "severity": draw(st.sampled_from(SEVERITIES)),
                "zone": draw(st.sampled_from(ZONES)),
                "created_at": created,
                "first_response_at": None if gap is None or created is None else created + gap,
            }
        )
    names = ["plan", "severity", "zone", "created_at", "first_response_at"]
    return pd.DataFrame({n: pd.Series([row[n] for row in rows], dtype=object) for n in names})


def _instants(values: pd.Series, zone: str) -> pd.Series:
    return pd.to_datetime(values.astype(object), utc=True).dt.as_unit("us").dt.tz_convert(zone)


def pandas_table(rows: pd.DataFrame, text: str = "object", zone: str = "UTC") -> pd.DataFrame:
    """The rows as pandas: text as ``object``, ``str`` or ``category``; aware instants."""
    frame = pd.DataFrame(
        {name: pd.Series(rows[name].tolist(), dtype=object) for name in TEXT}
        | {name: _instants(rows[name], zone) for name in ("created_at", "first_response_at")}
    )
    if text != "object":
        for name in TEXT:
            frame[name] = frame[name].astype(text)
    return frame


def arrow_table(rows: pd.DataFrame, text: str = "string", zone: str = "UTC") -> pa.Table:
    """The rows as a pyarrow Table: text plain or as dictionaries (chunked: one per chunk)."""
    columns: dict[str, Any] = {}
    for name in TEXT:
        values = rows[name].tolist()
        if text == "chunked-dictionary":
            half = len(values) // 2
            columns[name] = pa.chunked_array(
                [
                    pa.array(values[:half], pa.string()).dictionary_encode(),
                    pa.array(values[half:], pa.string()).dictionary_encode(),
                ],
                type=pa.dictionary(pa.int32(), pa.string()),
            )
        elif text == "dictionary":
            columns[name] = pa.array(values, pa.string()).dictionary_encode()
        else:
            columns[name] = pa.array(values, getattr(pa, text)())
    for name in ("created_at", "first_response_at"):
        columns[name] = pa.array(_instants(rows[name], zone), pa.timestamp("us", tz=zone))
    return pa.table(columns)


def polars_table(rows: pd.DataFrame, text: str = "String", zone: str = "UTC") -> Any:
    """The rows as a polars DataFrame: text as ``String``, ``Categorical`` or ``Enum``."""
    import polars as pl

    frame = pl.from_arrow(arrow_table(rows, "string", zone))
    assert isinstance(frame, pl.DataFrame)
    if text == "Categorical":
        frame = frame.with_columns(pl.col(*TEXT).cast(pl.Categorical))
    elif text == "Enum":
        frame = frame.with_columns(
            pl.col(name).cast(pl.Enum([*sorted({v for v in rows[name] if v is not None}), "?"]))
            for name in TEXT
        )
    return frame


def as_arrow(table: Any) -> pa.Table:
    """A table of any kind as a pyarrow Table."""
    if isinstance(table, pa.Table):
        return table
    if isinstance(table, pd.DataFrame):
        return pa.Table.from_pandas(table, preserve_index=False)
    return table.to_arrow()


def answers(table: Any, names: tuple[str, ...] = OUTPUTS) -> dict[str, list[object]]:
    """The named columns that are there, as Python values: instants and durations as
    integer microseconds (instants in UTC, with the column's zone as ``<name>.zone``),
    categories and text as strings, missing as None."""
    arrow = as_arrow(table)
    result: dict[str, list[object]] = {}
    for name in names:
        if name not in arrow.column_names:
            continue
        column = arrow.column(name)
        kind = column.type
        if pa.types.is_timestamp(kind):
            result[f"{name}.zone"] = [kind.tz]
            column = column.cast(pa.timestamp("us", tz=kind.tz)).cast(pa.int64())
        elif pa.types.is_duration(kind):
            column = column.cast(pa.duration("us")).cast(pa.int64())
        elif pa.types.is_dictionary(kind):
            column = column.cast(kind.value_type)
        if pa.types.is_large_string(column.type):
            column = column.cast(pa.string())
        result[name] = column.to_pylist()
    return result


def records(table: Any) -> list[dict[str, object]]:
    """A small table of any kind (a report's summary) as rows of Python values, with
    floats' NaN read as None and durations as microseconds."""
    arrow = as_arrow(table)
    columns = {}
    for name in arrow.column_names:
        column = arrow.column(name)
        if pa.types.is_duration(column.type):
            column = column.cast(pa.duration("us")).cast(pa.int64())
        elif pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        elif pa.types.is_floating(column.type):
            column = pc.if_else(pc.is_nan(column), None, column)
        if pa.types.is_large_string(column.type):
            column = column.cast(pa.string())
        columns[name] = column.to_pylist()
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]
