"""Business-time arithmetic over whole numpy arrays of instants.

The scalar engine (``calendar.py``) answers one ticket at a time. For a table
of tickets, the business windows of every date the table can reach are laid
out once as sorted numpy arrays (taken from the scalar engine itself, so both
paths see exactly the same windows), and each row is answered with two lookups:
one for the position of its creation instant in cumulative business time, one
for the instant at which the target is used up. Each lookup is a binary search,
or, when the intervals are few per day, a table of buckets (one per day of
instants, or per slice of business time) that says where to start and a step or
two from there: the same answer, without a search per row. The cost per row
does not depend on the span, and everything stays in exact int64 microseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Final

import numpy as np

from .._instants import from_us, to_us

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .business import BusinessCalendar

    IntArray = NDArray[np.int64]


_DAY_US: Final = 86_400_000_000
_MAX_STEPS: Final = 6  # more intervals than this in one bucket: a binary search instead
_MAX_BUCKETS: Final = 1 << 22  # a table of buckets is at most this long (32 MiB)
_LAST: Final = np.iinfo(np.int64).max


@dataclass(frozen=True, slots=True)
class _Buckets:
    """Where to start looking for ``searchsorted(edges, x, side)`` in buckets of ``x``.

    ``first[b]`` is the answer for the lowest ``x`` of bucket ``b``; the answer
    for any ``x`` of the bucket is at most ``steps`` further on. ``edges`` ends
    in a sentinel so a step never reads past the end.
    """

    base: int
    width: int
    first: IntArray
    steps: int
    edges: IntArray
    right: bool

    @classmethod
    def of(cls, edges: IntArray, low: int, high: int, width: int, right: bool) -> _Buckets | None:
        """Buckets of ``width`` over ``[low, high]``, or None when a search is as good."""
        if len(edges) == 0 or width <= 0:
            return None
        count = (high - low) // width + 2
        if count > max(_MAX_BUCKETS // 8, 4 * len(edges)) or count > _MAX_BUCKETS:
            return None
        bounds = low + np.arange(count + 1, dtype=np.int64) * width
        first = np.searchsorted(edges, bounds, side="right" if right else "left").astype(np.int64)
        steps = int(np.max(np.diff(first))) + 1
        if steps > _MAX_STEPS:
            return None
        return cls(low, width, first[:-1], steps, np.append(edges, _LAST).astype(np.int64), right)

    def find(self, values: IntArray) -> IntArray | None:
        """``searchsorted(edges, values, side)``, or None when a value lies outside the buckets."""
        if len(values) == 0:
            return np.zeros(0, dtype=np.int64)
        if int(values.min()) < self.base or int(values.max()) >= self.base + self.width * len(
            self.first
        ):
            return None
        index = self.first[(values - self.base) // self.width]
        edges = self.edges
        for _ in range(self.steps):
            index += (edges[index] <= values) if self.right else (edges[index] < values)
        return index


@dataclass(frozen=True, slots=True)
class BusinessIndex:
    """The business intervals of one calendar between two instants, as arrays.

    ``starts[i], ends[i]`` are the i-th business interval (µs since the epoch,
    half-open), and ``before[i]`` the business µs in all intervals before it.
    """

    starts: IntArray
    ends: IntArray
    before: IntArray
    through: IntArray  # before[i] + the length of interval i
    by_instant: _Buckets | None  # where an instant lies among the ends, by day
    by_position: _Buckets | None  # where a position lies among the throughs

    def _after_ends(self, instants: IntArray) -> IntArray:
        """For each instant, how many intervals end at or before it."""
        found = None if self.by_instant is None else self.by_instant.find(instants)
        if found is None:
            return np.searchsorted(self.ends, instants, side="right")
        return found

    def _reaching(self, positions: IntArray) -> IntArray:
        """For each position, the first interval whose end reaches it."""
        found = None if self.by_position is None else self.by_position.find(positions)
        if found is None:
            return np.searchsorted(self.through, positions, side="left")
        return found

    @classmethod
    def covering(cls, calendar: BusinessCalendar, low_us: int, high_us: int) -> BusinessIndex:
        """An index whose intervals cover every instant in ``[low_us, high_us]``.

        It holds exactly the intervals of the scalar engine's timeline that
        overlap the range (so both paths see the same windows), from the first
        that ends after ``low_us`` to the last that opens by ``high_us``.
        Reading no further keeps the index from reaching years the scalar
        path would not (a holiday-horizon warning for a year no deadline touches).
        """
        pieces = calendar._engine.intervals_between(low_us, high_us + 1)
        starts = np.array([p[0] for p in pieces], dtype=np.int64)
        ends = np.array([p[1] for p in pieces], dtype=np.int64)
        lengths = ends - starts
        before = np.zeros(len(pieces), dtype=np.int64)
        if len(pieces) > 1:
            np.cumsum(lengths[:-1], out=before[1:])
        through = before + lengths
        by_instant = by_position = None
        if len(pieces):
            day = low_us - low_us % _DAY_US
            by_instant = _Buckets.of(ends, day, max(high_us, int(ends[-1])), _DAY_US, right=True)
            total = int(through[-1])
            # Slices of business time about as long as the shortest interval.
            width = max(1, int(lengths.min()))
            by_position = _Buckets.of(through, 0, total + 1, width, right=False)
        return cls(starts, ends, before, through, by_instant, by_position)

    @property
    def total(self) -> int:
        """Business µs held by all intervals of the index."""
        if len(self.starts) == 0:
            return 0
        return int(self.before[-1] + self.ends[-1] - self.starts[-1])

    def position(self, instants: IntArray) -> IntArray:
        """Business µs from the start of the index up to each instant."""
        if len(self.starts) == 0:
            # No window at all in the range (a long holiday): no business time passes.
            return np.zeros(len(instants), dtype=np.int64)
        # The interval that contains the instant, or the next one after it.
        index = self._after_ends(instants)
        inside = np.minimum(index, len(self.starts) - 1)
        into = np.clip(instants - self.starts[inside], 0, self.ends[inside] - self.starts[inside])
        past_all = index >= len(self.starts)
        result = self.before[inside] + np.where(
            past_all, self.ends[inside] - self.starts[inside], into
        )
        return result.astype(np.int64)

    def instant_at(self, positions: IntArray) -> IntArray:
        """The earliest instant at which each position (> 0) is reached."""
        index = self._reaching(positions)
        if len(index) and int(index.max()) >= len(self.starts):
            raise AssertionError("business index does not reach far enough")  # pragma: no cover
        return (self.starts[index] + (positions - self.before[index])).astype(np.int64)


#: Rows answered per step: the temporaries of one step stay a few MB however
#: long the table, and small enough to stay in the CPU caches.
CHUNK_ROWS: Final = 1 << 16


def add_business(calendar: BusinessCalendar, starts: IntArray, durations: IntArray) -> IntArray:
    """``calendar.add`` for arrays of instants and non-negative durations (µs)."""
    result = np.empty(len(starts), dtype=np.int64)
    if len(starts) == 0:
        return result
    low = int(starts.min())
    latest = int(starts.max())
    longest = int(durations.max())
    if longest == 0:
        result[:] = starts
        return result
    # Monotonic in both start and duration: the last deadline bounds them all. The
    # scalar answer also refuses a calendar that never opens, as scalar callers see it.
    far = to_us(calendar.add(from_us(latest, calendar.zone), timedelta(microseconds=longest)))
    index = BusinessIndex.covering(calendar, low, max(far, latest))
    for begin in range(0, len(starts), CHUNK_ROWS):
        part = slice(begin, begin + CHUNK_ROWS)
        some, amounts = starts[part], durations[part]
        found = index.instant_at(index.position(some) + amounts)
        result[part] = np.where(amounts == 0, some, found)
    return result


def elapsed_business(calendar: BusinessCalendar, starts: IntArray, ends: IntArray) -> IntArray:
    """``calendar.elapsed`` for arrays of instant pairs (µs), signed."""
    result = np.empty(len(starts), dtype=np.int64)
    if len(starts) == 0:
        return result
    low = int(min(starts.min(), ends.min()))
    high = int(max(starts.max(), ends.max()))
    index = BusinessIndex.covering(calendar, low, high)
    for begin in range(0, len(starts), CHUNK_ROWS):
        part = slice(begin, begin + CHUNK_ROWS)
        result[part] = index.position(ends[part]) - index.position(starts[part])
    return result
