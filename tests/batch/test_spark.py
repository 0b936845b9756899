"""The batch function inside Spark (mapInPandas, mapInArrow), in local mode, where Spark can run.

Spark needs a Java runtime and a large download, so the README's test command
does not install it: this module runs wherever ``pyspark`` is importable and
``java`` is on the PATH, and is skipped, saying so, elsewhere. CI installs the
``spark`` extra after the README's command and runs this module again with
``CONNECTED_CARE_SLA_REQUIRE_SPARK=1``, which turns that skip into a failure, so
every submission proves the Spark route for real. The same code is the Spark
example of the how-to guide "Whole tables".
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

import connected_care_sla as sla
from connected_care_sla import BusinessCalendar

#: Set to 1 (as .ci/run does) to fail, not skip, where Spark cannot run.
REQUIRE = "CONNECTED_CARE_SLA_REQUIRE_SPARK"


def _cannot_run(reason: str) -> None:
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason}; {REQUIRE}=1 asks for the Spark tests to run", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


try:
    import pyspark  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    _cannot_run(
        "pyspark is not installed: Spark needs a JVM and a large download, so the README's "
        "test command does not install it (pip install -e '.[spark]', with Java 17 or later, "
        "to run this)"
    )
if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    _cannot_run("java is not on the PATH: Spark needs a Java runtime (17 or later) to run")

from pyspark.sql import SparkSession  # noqa: E402

# PySpark warns that it does not fully support pandas 3 yet, and calls pandas with an
# argument pandas 3 deprecates; neither is about this library, and what is used works.
pytestmark = [
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]

CALENDAR = BusinessCalendar("Asia/Shanghai", holidays="CN")
NOW = datetime(2026, 12, 1, tzinfo=UTC)
OPTIONS = {"calendar": CALENDAR, "responded": "first_response_at", "now": NOW, "errors": "coerce"}
SCHEMA = (
    "ticket long, plan string, severity string, deadline timestamp, clock string, "
    "target_s double, taken_s double, margin_s double, state string, error string"
)


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("connected-care-sla tests")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def random_tickets(count: int) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    start = pd.Timestamp("2025-01-01", tz="UTC")
    created = start + pd.to_timedelta(rng.integers(0, 600 * 86_400, count), unit="s")
    response = created + pd.to_timedelta(rng.integers(0, 3 * 86_400, count), unit="s")
    return pd.DataFrame(
        {
            "ticket": np.arange(count, dtype=np.int64),
            "plan": rng.choice(["Basic", "Developer", "Enterprise", "Premium", "Gold"], count),
            "severity": rng.choice(["S1", "S2", "S3", "S4"], count),
            "created_at": created,
            "first_response_at": response.where(rng.random(count) < 0.8),
        }
    )


def deadlines(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The how-to's function for mapInPandas: columns of the types SCHEMA declares."""
    # Spark hands timestamps over as naive UTC (the session zone): assume_tz="UTC".
    for batch in batches:
        out = sla.batch.first_response_deadlines(batch, assume_tz="UTC", **OPTIONS)  # type: ignore[arg-type]
        yield pd.DataFrame(
            {
                "ticket": out["ticket"],
                "plan": out["plan"],
                "severity": out["severity"],
                "deadline": out["deadline"],
                "clock": out["clock"].astype("string"),
                "target_s": out["target"].dt.total_seconds(),
                "taken_s": out["taken"].dt.total_seconds(),
                "margin_s": out["margin"].dt.total_seconds(),
                "state": out["state"].astype("string"),
                "error": out["error"],  # already pandas "string"
            }
        )


def test_the_schema_declares_the_types_of_the_columns_handed_to_spark() -> None:
    # What Spark receives from one batch (naive UTC times, as Spark hands them over).
    frame = random_tickets(200)
    for name in ("created_at", "first_response_at"):
        frame[name] = frame[name].dt.tz_localize(None)
    (batch,) = deadlines(iter([frame]))
    declared = dict(field.split() for field in SCHEMA.split(", "))
    assert list(declared) == list(batch.columns)
    for name, kind in declared.items():
        dtype = batch[name].dtype
        if kind == "string" and name in frame.columns:  # an input column, as it came
            assert pd.api.types.is_string_dtype(dtype), name
        elif kind == "string":
            assert dtype == pd.StringDtype(), name
        elif kind == "timestamp":
            assert isinstance(dtype, pd.DatetimeTZDtype), name
        else:
            assert dtype == {"long": np.int64, "double": np.float64}[kind], name


def test_map_in_pandas_gives_the_one_frame_answers(spark: SparkSession) -> None:
    frame = random_tickets(3_000)
    tickets = spark.createDataFrame(frame).repartition(3)
    result = tickets.mapInPandas(deadlines, schema=SCHEMA).toPandas()
    result = result.sort_values("ticket").reset_index(drop=True)

    whole = sla.batch.first_response_deadlines(frame, **OPTIONS)  # type: ignore[arg-type]
    expected = whole["deadline"].dt.tz_convert("UTC").dt.tz_localize(None)
    got = pd.to_datetime(result["deadline"]).astype("datetime64[us]")  # naive, session zone UTC
    pd.testing.assert_series_equal(got, expected.astype("datetime64[us]"), check_names=False)
    for name in ("clock", "state", "error"):
        assert result[name].fillna("").tolist() == whole[name].astype("string").fillna("").tolist()
    assert np.allclose(
        result["margin_s"].to_numpy(dtype=float),
        whole["margin"].dt.total_seconds().to_numpy(dtype=float),
        equal_nan=True,
    )
    assert result["error"].notna().sum() == whole["error"].notna().sum() > 0


# -- mapInArrow: the Arrow route, no pandas in the function -----------------------------

ARROW_SCHEMA = "ticket long, deadline timestamp, clock string, margin_s double, state string"


def arrow_deadlines(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The how-to's function for mapInArrow: each batch as a pyarrow Table, and back."""
    for batch in batches:
        out = sla.batch.first_response_deadlines(pa.Table.from_batches([batch]), **OPTIONS)  # type: ignore[arg-type]
        seconds = pc.divide(out["margin"].cast(pa.int64()), 1_000_000.0)
        yield from pa.table(
            {
                "ticket": out["ticket"],
                "deadline": out["deadline"].cast(pa.timestamp("us", tz="UTC")),
                "clock": out["clock"].cast(pa.string()),
                "margin_s": seconds,
                "state": out["state"].cast(pa.string()),
            }
        ).to_batches()


def test_map_in_arrow_gives_the_one_frame_answers(spark: SparkSession) -> None:
    frame = random_tickets(2_000)
    tickets = spark.createDataFrame(frame).repartition(2)
    result = tickets.mapInArrow(arrow_deadlines, schema=ARROW_SCHEMA).toPandas()
    result = result.sort_values("ticket").reset_index(drop=True)

    whole = sla.batch.first_response_deadlines(frame, **OPTIONS)  # type: ignore[arg-type]
    expected = whole["deadline"].dt.tz_convert("UTC").dt.tz_localize(None)
    got = pd.to_datetime(result["deadline"]).astype("datetime64[us]")
    pd.testing.assert_series_equal(got, expected.astype("datetime64[us]"), check_names=False)
    for name in ("clock", "state"):
        assert result[name].fillna("").tolist() == whole[name].astype("string").fillna("").tolist()
    assert np.allclose(
        result["margin_s"].to_numpy(dtype=float),
        whole["margin"].dt.total_seconds().to_numpy(dtype=float),
        equal_nan=True,
    )
