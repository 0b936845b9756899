"""Grouping a table's instants by nearness, so that far-apart rows get small indexes."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla.batch.calendars import _CLUSTER_GAP_US, _clusters

DAY_US = 86_400_000_000
YEAR_US = 366 * DAY_US


@given(
    st.lists(
        st.one_of(
            st.integers(0, 3 * _CLUSTER_GAP_US),
            st.integers(-300 * YEAR_US, 7_000 * YEAR_US),
        ),
        min_size=1,
        max_size=200,
    )
)
def test_every_row_is_in_one_group_and_groups_are_far_apart(values: list[int]) -> None:
    instants = np.array(values, dtype=np.int64)
    groups = _clusters(instants)
    if groups == [None]:  # one group of all rows
        parts = [np.arange(len(instants))]
    else:
        parts = [part for part in groups if part is not None]
        assert len(parts) == len(groups) > 1
    assert sorted(np.concatenate(parts).tolist()) == list(range(len(instants)))
    # Groups in order of their instants: each starts more than a gap after the last ended.
    spans = sorted((int(instants[p].min()), int(instants[p].max())) for p in parts)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start - end > _CLUSTER_GAP_US
    # Rows within a gap of each other share a group.
    order = np.argsort(instants, kind="stable")
    close = np.flatnonzero(np.diff(instants[order]) < _CLUSTER_GAP_US)
    group_of = np.empty(len(instants), dtype=np.int64)
    for number, part in enumerate(parts):
        group_of[part] = number
    assert all(group_of[order[i]] == group_of[order[i + 1]] for i in close)


def test_near_rows_make_one_group_and_far_ones_two() -> None:
    assert _clusters(np.array([0, DAY_US, 40 * DAY_US], dtype=np.int64)) == [None]
    apart = _clusters(np.array([7_000 * YEAR_US, 0, DAY_US], dtype=np.int64))
    assert [part.tolist() for part in apart if part is not None] == [[1, 2], [0]]
    assert _clusters(np.array([], dtype=np.int64)) == []
