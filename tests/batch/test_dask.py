"""The batch functions inside Dask: map_partitions over several partitions, for real.

A partition is a pandas DataFrame and first_response_deadlines a pure function
of it, so the result must equal the one-frame result row for row, computed or
written to Parquet and read back.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

import connected_care_sla as sla
from connected_care_sla import BusinessCalendar

CALENDAR = BusinessCalendar("Asia/Shanghai", holidays="CN")
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def random_tickets(count: int, seed: int = 2025) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-01-01", tz="Asia/Shanghai")
    created = start + pd.to_timedelta(rng.integers(0, 600 * 86_400, count), unit="s")
    answered = rng.random(count) < 0.8
    response = created + pd.to_timedelta(rng.integers(0, 3 * 86_400, count), unit="s")
    return pd.DataFrame(
        {
            "ticket": np.arange(count),
            "plan": rng.choice(["Basic", "Developer", "Enterprise", "Premium"], count),
            "severity": rng.choice(["S1", "S2", "S3", "S4"], count),
            "created_at": created,
            "first_response_at": response.where(answered),
        }
    )


OPTIONS = {"calendar": CALENDAR, "responded": "first_response_at", "now": NOW}


def test_map_partitions_gives_the_one_frame_answers() -> None:
    frame = random_tickets(4_000)
    whole = sla.batch.first_response_deadlines(frame, **OPTIONS)  # type: ignore[arg-type]

    tickets = dd.from_pandas(frame, npartitions=5)
    assert tickets.npartitions == 5
    # An empty frame of the input's columns gives the output's columns and dtypes.
    meta = sla.batch.first_response_deadlines(dd.utils.make_meta(tickets), **OPTIONS)  # type: ignore[arg-type]
    out = tickets.map_partitions(sla.batch.first_response_deadlines, meta=meta, **OPTIONS)
    computed = out.compute(scheduler="threads")  # the local scheduler

    assert len(computed) == len(frame)
    for column in ("deadline", "target", "taken", "margin"):
        pd.testing.assert_series_equal(computed[column], whole[column], check_names=False)
    for column in ("clock", "state"):
        assert computed[column].astype(str).tolist() == whole[column].astype(str).tolist()

    # The aggregate is the same too, from the partitions' taken, margin and state.
    pd.testing.assert_frame_equal(
        sla.batch.compliance(computed).table,
        sla.batch.compliance(whole).table,
        check_index_type=False,  # Dask hands strings over as string[pyarrow]
    )


def test_per_row_zones_with_errors_coerced_across_partitions() -> None:
    frame = random_tickets(1_000, seed=7)
    frame["zone"] = np.where(frame["ticket"] % 3 == 0, "America/New_York", "Asia/Shanghai")
    frame.loc[frame["ticket"] % 97 == 0, "plan"] = "Gold"
    options = {"zone": "zone", "errors": "coerce"}
    whole = sla.batch.first_response_deadlines(frame, **options)  # type: ignore[arg-type]
    tickets = dd.from_pandas(frame, npartitions=4)
    meta = sla.batch.first_response_deadlines(dd.utils.make_meta(tickets), **options)  # type: ignore[arg-type]
    computed = tickets.map_partitions(
        sla.batch.first_response_deadlines, meta=meta, **options
    ).compute(scheduler="threads")
    pd.testing.assert_series_equal(computed["deadline"], whole["deadline"])
    assert computed["error"].notna().sum() == whole["error"].notna().sum() > 0


def with_bad_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Unknown plans, a missing creation time and a response before creation, all in the
    first three quarters of the rows: the last partition of four has no bad row."""
    frame = frame.copy()
    early = frame["ticket"] < len(frame) * 3 // 4
    frame.loc[early & (frame["ticket"] % 89 == 0), "plan"] = "Gold"
    frame.loc[frame["ticket"] == 7, "created_at"] = pd.NaT
    frame.loc[frame["ticket"] == 11, "first_response_at"] = frame.loc[
        11, "created_at"
    ] - pd.Timedelta(hours=1)
    return frame


# Dask's Parquet writer and reader call set_index and reset_index with inplace=True, which
# pandas 3.1 deprecates: Dask's, not this library's, and the files are written and read.
@pytest.mark.filterwarnings(
    r"ignore:The inplace keyword in DataFrame\.(set|reset)_index:pandas.errors.Pandas4Warning"
)
def test_regression_dask_to_parquet_with_errors_coerced_reads_back_the_one_frame_answers(
    tmp_path: Path,
) -> None:
    # The error column was of object dtype: empty in Dask's meta, and all missing in a
    # partition without bad rows, so to_parquet failed with ArrowInvalid.
    frame = with_bad_rows(random_tickets(2_000, seed=3))
    options = {**OPTIONS, "errors": "coerce"}
    whole = sla.batch.first_response_deadlines(frame, **options)  # type: ignore[arg-type]
    assert whole["error"].notna().sum() == 19

    tickets = dd.from_pandas(frame, npartitions=4)
    meta = sla.batch.first_response_deadlines(dd.utils.make_meta(tickets), **options)  # type: ignore[arg-type]
    out = tickets.map_partitions(sla.batch.first_response_deadlines, meta=meta, **options)
    out.to_parquet(tmp_path / "deadlines")
    back = dd.read_parquet(tmp_path / "deadlines").compute(scheduler="threads")

    assert len(back) == len(frame)
    assert back["ticket"].tolist() == frame["ticket"].tolist()
    for column in ("deadline", "target", "taken", "margin", "error"):
        pd.testing.assert_series_equal(back[column], whole[column], check_index_type=False)
    for column in ("clock", "state"):
        assert back[column].dtype == whole[column].dtype  # the same fixed categories
        assert back[column].astype(str).tolist() == whole[column].astype(str).tolist()
    pd.testing.assert_frame_equal(
        sla.batch.compliance(back).table,
        sla.batch.compliance(whole).table,
        check_index_type=False,  # Dask hands strings over as string[pyarrow]
    )


def test_regression_every_partition_has_the_dtypes_of_the_meta() -> None:
    # A partition's columns must be those Dask's meta announces, categories included,
    # whether the partition has bad rows or none.
    frame = with_bad_rows(random_tickets(1_000, seed=5))
    options = {**OPTIONS, "errors": "coerce"}
    tickets = dd.from_pandas(frame, npartitions=4)
    meta = sla.batch.first_response_deadlines(dd.utils.make_meta(tickets), **options)  # type: ignore[arg-type]
    assert meta["error"].dtype == pd.StringDtype()
    assert list(meta["clock"].cat.categories) == ["wall", "business"]
    assert list(meta["state"].cat.categories) == [
        "met", "missed", "open", "no target", "on track", "at risk", "breached"
    ]  # fmt: skip
    out = tickets.map_partitions(sla.batch.first_response_deadlines, meta=meta, **options)
    parts = [out.get_partition(i).compute(scheduler="threads") for i in range(out.npartitions)]
    assert [int(part["error"].notna().sum()) > 0 for part in parts] == [True, True, True, False]
    for part in parts:
        assert part.dtypes.to_dict() == meta.dtypes.to_dict()
    # The input columns keep the dtypes Dask gave them.
    for name, dtype in dd.utils.make_meta(tickets).dtypes.items():
        assert meta[name].dtype == dtype
