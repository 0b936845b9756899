"""The events of an ``events=`` table as arrays: read, grouped and measured per ticket row.

`batch.events` reads the table; this module does the column work on it. Each
event is classified with array operations (which ticket row, whether its
instant is one, whether it names a pause edge or a change); the good events
are sorted once by ticket row and instant, a plan row and a severity row of
one instant become one change, and pause edges pair up. A ticket whose events
need the scalar reading (two rows at one instant naming the same thing, pause
edges out of turn, a name of the wrong type) is left to it, so its error
message is the scalar one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from typing import TYPE_CHECKING, Any, Final

from .._instants import from_us
from ..deadlines import Change, PauseLike
from ..deadlines.history import _FOREVER as FOREVER
from ..deadlines.history import Pauses
from ..policy import Policy
from .instants import NAT
from .pauses import Spans

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

__all__ = [
    "BAD_PAUSE",
    "END",
    "NO_PAUSE",
    "START",
    "Changes",
    "Histories",
    "PauseRows",
    "blanks",
    "codes_of",
    "forward",
    "group_events",
    "in_force_arrays",
    "labels_by_row",
    "mapped",
    "merged_pauses",
    "segment_starts",
]

#: The pause code of an event: none, a start, an end, a word that is neither.
NO_PAUSE: Final = 0
START: Final = 1
END: Final = 2
BAD_PAUSE: Final = 3


def blanks(frame: pd.DataFrame, name: str, is_blank: Callable[[object], bool]) -> NDArray[np.bool_]:
    """Which cells of ``frame[name]`` are blank (``is_blank`` decides each candidate)."""
    import numpy as np
    import pandas as pd

    if name not in frame.columns:
        return np.ones(len(frame), dtype=bool)
    column = frame[name]
    candidate = np.array(column.isna(), dtype=bool)
    kind = getattr(column.dtype, "kind", "")
    if not (pd.api.types.is_numeric_dtype(column.dtype) or kind == "M"):
        text = column.astype("string").str.strip()
        candidate |= (text == "").to_numpy(dtype=bool, na_value=False)
    values = column.to_numpy()
    if values.dtype.kind != "O" or not candidate.any():
        return candidate
    found = np.zeros(len(frame), dtype=bool)
    chosen = np.flatnonzero(candidate)
    found[chosen] = [value is None or is_blank(value) for value in values[chosen].tolist()]
    return found


def codes_of(values: NDArray[Any], read: Callable[[object], int]) -> NDArray[np.int64]:
    """``read`` of each value as an int64 array (see `mapped`)."""
    import numpy as np

    result: NDArray[np.int64] = mapped(values, read, np.int64)
    return result


def mapped(values: NDArray[Any], read: Callable[[object], Any], dtype: Any = object) -> Any:
    """``read`` of each value, asked once per distinct string; any other value (a
    missing one, a number, which pandas would merge with an equal one of another type)
    is read on its own."""
    import numpy as np
    import pandas as pd

    result = np.empty(len(values), dtype=dtype)
    try:
        codes, uniques = pd.factorize(values)
    except TypeError:
        result[:] = [read(value) for value in values.tolist()]
        return result
    if not all(type(value) is str for value in uniques.tolist()):
        result[:] = [read(value) for value in values.tolist()]
        return result
    table = np.empty(len(uniques) + 1, dtype=dtype)
    table[:-1] = [read(value) for value in uniques.tolist()]
    result[:] = table[np.asarray(codes, dtype=np.int64)]  # -1: a missing value, read below
    missing = np.flatnonzero(codes < 0)
    if len(missing):
        none = read(None)  # the usual missing value, read once
        result[missing] = [none if value is None else read(value) for value in values[missing]]
    return result


@dataclass(frozen=True, slots=True)
class Changes:
    """The changes of the fast rows, sorted by row and instant."""

    row: NDArray[np.int64]
    at: NDArray[np.int64]
    severity: NDArray[Any]  # object: the new severity, or None
    plan: NDArray[Any]  # object: the new plan, or None


@dataclass(frozen=True, slots=True)
class PauseRows:
    """The pauses of the fast rows, sorted by row and start (`end` NaT: ongoing)."""

    row: NDArray[np.int64]
    start: NDArray[np.int64]
    end: NDArray[np.int64]


def group_events(
    row: NDArray[np.int64],
    at: NDArray[np.int64],
    severity: NDArray[Any],
    plan: NDArray[Any],
    pause: NDArray[np.int8],
    typed: NDArray[np.bool_],
    nat: int,
) -> tuple[Changes, PauseRows, NDArray[np.int64]]:
    """The changes and pauses of the good events (in table order), and the rows left to the
    scalar reading: those with two severities, two plans or two like pause edges at one
    instant, a start and an end at one instant, edges out of turn, or a name not ``typed``."""
    import numpy as np

    order = np.lexsort((np.arange(len(row)), at, row))
    row, at, pause = row[order], at[order], pause[order]
    severity, plan, typed = severity[order], plan[order], typed[order]
    count = len(row)
    first = np.ones(count, dtype=bool)  # the first event of its (row, instant)
    if count:
        first[1:] = (row[1:] != row[:-1]) | (at[1:] != at[:-1])
    group = np.cumsum(first) - 1
    groups = int(group[-1]) + 1 if count else 0
    has_severity = np.array([value is not None for value in severity.tolist()], dtype=bool)
    has_plan = np.array([value is not None for value in plan.tolist()], dtype=bool)
    slow = ~typed
    for flags in (has_severity, has_plan, pause == START, pause == END):
        slow |= (np.bincount(group, weights=flags, minlength=groups) > 1)[group]
    both = (np.bincount(group, weights=pause == START, minlength=groups) > 0) & (
        np.bincount(group, weights=pause == END, minlength=groups) > 0
    )
    slow |= both[group]
    edges = np.flatnonzero(pause != NO_PAUSE)
    edge_rows = row[edges]
    opens = np.ones(len(edges), dtype=bool)
    if len(edges):
        opens[1:] = edge_rows[1:] != edge_rows[:-1]
    begin = np.maximum.accumulate(np.where(opens, np.arange(len(edges)), 0))
    turn = (np.arange(len(edges)) - begin) % 2  # 0: a start is due, 1: an end
    wrong = turn != np.where(pause[edges] == START, 0, 1)
    slow[edges[wrong]] = True
    slow_rows = np.unique(row[slow])
    keep = ~np.isin(row, slow_rows)

    change = keep & (pause == NO_PAUSE)
    picked = np.flatnonzero(change)
    starts = np.flatnonzero(first[picked] | np.r_[True, group[picked][1:] != group[picked][:-1]])
    if len(picked):
        severity_at = np.where(has_severity[picked], picked, -1)
        plan_at = np.where(has_plan[picked], picked, -1)
        severity_pick = np.maximum.reduceat(severity_at, starts)
        plan_pick = np.maximum.reduceat(plan_at, starts)
        heads = picked[starts]
    else:
        severity_pick = plan_pick = heads = np.zeros(0, dtype=np.int64)
    none = np.array([None], dtype=object)
    changes = Changes(
        row[heads],
        at[heads],
        np.r_[severity, none][severity_pick],  # -1: the None at the end
        np.r_[plan, none][plan_pick],
    )
    kept_edges = edges[keep[edges]]
    is_start = pause[kept_edges] == START
    begins = kept_edges[is_start]
    after = np.flatnonzero(is_start) + 1  # the edge after a start: its end, in the same row
    closed = after < len(kept_edges)
    closed[closed] = row[kept_edges[after[closed]]] == row[begins[closed]]
    ends = np.full(len(begins), nat, dtype=np.int64)
    ends[closed] = at[kept_edges[after[closed]]]
    return changes, PauseRows(row[begins], at[begins], ends), slow_rows


def merged_pauses(
    pauses: PauseRows, cut: NDArray[np.int64], wanted: NDArray[np.bool_], nat: int, forever: int
) -> dict[int, Pauses]:
    """Each wanted row's pauses, cut at its ``cut`` (NaT: none), as sorted disjoint spans."""
    import numpy as np

    take = wanted[pauses.row]
    rows = pauses.row[take]
    limit = cut[rows]
    stop = np.where(pauses.end[take] == nat, forever, pauses.end[take])
    stop = np.where(limit != nat, np.minimum(stop, limit), stop)
    start = pauses.start[take]
    real = start < stop
    spans: dict[int, Pauses] = {}
    current: list[tuple[int, int]] = []
    last = -1
    for row, begin, end in zip(
        rows[real].tolist(), start[real].tolist(), stop[real].tolist(), strict=True
    ):
        if row != last:
            if current:
                spans[last] = tuple(current)
            current, last = [(begin, end)], row
        elif begin <= current[-1][1]:
            current[-1] = (current[-1][0], max(current[-1][1], end))
        else:
            current.append((begin, end))
    if current:
        spans[last] = tuple(current)
    return spans


def segment_starts(rows: NDArray[np.int64]) -> NDArray[np.int64]:
    """For each position of a sorted ``rows``, the first position of its row."""
    import numpy as np

    opens = np.ones(len(rows), dtype=bool)
    if len(rows):
        opens[1:] = rows[1:] != rows[:-1]
    result: NDArray[np.int64] = np.maximum.accumulate(np.where(opens, np.arange(len(rows)), 0))
    return result


def forward(
    rows: NDArray[np.int64], given: NDArray[np.bool_], values: NDArray[Any], before: NDArray[Any]
) -> tuple[NDArray[Any], NDArray[np.int64]]:
    """Within each row, the latest ``given`` value up to each position (``before``: the
    row's value when none is), and that position (-1: none)."""
    import numpy as np

    position = (
        np.maximum.accumulate(np.where(given, np.arange(len(rows)), -1))
        if len(rows)
        else (np.zeros(0, dtype=np.int64))
    )
    position = np.where(position >= segment_starts(rows), position, -1)
    return np.where(position >= 0, values[np.maximum(position, 0)], before), position


def labels_by_row(event_row: Sequence[int], places: Sequence[str]) -> dict[int, list[str]]:
    """The places of each row's events, in table order."""
    labels: dict[int, list[str]] = {}
    for row, place in zip(event_row, places, strict=True):
        if row >= 0:
            labels.setdefault(row, []).append(place)
    return labels


@dataclass
class Histories:
    """Each ticket row's history (by position), and the event rows it came from.

    Most rows' histories are held as arrays (``fast``, ``pauses_fast``); those
    read by the scalar path are in the dicts. `changes_of`, `pauses_of` and
    `labels_of` give a row's history either way.
    """

    changes: dict[int, list[Change]] = field(default_factory=dict)
    #: The instants of ``changes`` in µs since the epoch.
    change_us: dict[int, list[int]] = field(default_factory=dict)
    pauses: dict[int, list[PauseLike]] = field(default_factory=dict)
    fast: Changes | None = None
    pauses_fast: PauseRows | None = None
    event_row: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    dropped: set[int] = field(default_factory=set)
    _labels: dict[int, list[str]] | None = None

    @property
    def rows(self) -> list[int]:
        """The positions of the ticket rows that have a history, in order."""
        found = set(self.changes) | set(self.pauses)
        if self.fast is not None:
            found.update(self.fast.row.tolist())
        if self.pauses_fast is not None:
            found.update(self.pauses_fast.row.tolist())
        return sorted(found - self.dropped)

    def changes_of(self, row: int) -> list[Change]:
        """The changes of a row, in time order."""
        if row in self.changes or self.fast is None or row in self.dropped:
            return self.changes.get(row, [])
        lo, hi = _span(self.fast.row, row)
        return [
            Change(from_us(at, UTC), severity=severity, plan=plan)
            for at, severity, plan in zip(
                self.fast.at[lo:hi].tolist(),
                self.fast.severity[lo:hi].tolist(),
                self.fast.plan[lo:hi].tolist(),
                strict=True,
            )
        ]

    def pauses_of(self, row: int) -> list[PauseLike]:
        """The pauses of a row, in time order (an ongoing one ends in None)."""
        if row in self.pauses or self.pauses_fast is None or row in self.dropped:
            return self.pauses.get(row, [])
        lo, hi = _span(self.pauses_fast.row, row)
        return [
            (from_us(start, UTC), None if end == NAT else from_us(end, UTC))
            for start, end in zip(
                self.pauses_fast.start[lo:hi].tolist(),
                self.pauses_fast.end[lo:hi].tolist(),
                strict=True,
            )
        ]

    def labels_of(self, row: int) -> list[str]:
        """The places of a row's events, in table order."""
        if self._labels is None:
            self._labels = labels_by_row(self.event_row, self.places)
        return self._labels.get(row, [])


def _span(rows: NDArray[np.int64], row: int) -> tuple[int, int]:
    import numpy as np

    return int(np.searchsorted(rows, row, "left")), int(np.searchsorted(rows, row, "right"))


def in_force_arrays(
    histories: Histories,
    plans: NDArray[Any],
    severities: NDArray[Any],
    created_us: NDArray[np.int64],
    responded: NDArray[np.int64] | None,
    now_us: int | None,
    versions: tuple[Policy, ...],
    codes: NDArray[np.int64] | None,
    bad: NDArray[np.bool_],
    starts: NDArray[np.int64],
    spans: Spans,
    key_of: Callable[[int, Policy, str, object], str | None],
    severity_of: Callable[[object], object],
) -> list[int]:
    """`batch.events.in_force` for the rows held as arrays, with column operations; the rows it
    leaves to the scalar path. ``plans``, ``severities``, ``starts`` and ``spans``
    are written in place."""
    import numpy as np

    changes, pauses = histories.fast, histories.pauses_fast
    if changes is None or pauses is None:
        return []
    count = len(created_us)
    present = np.zeros(count, dtype=bool)
    present[changes.row] = True
    present[pauses.row] = True
    present &= ~bad
    rows = np.flatnonzero(present)
    if not len(rows):
        return []
    version = np.zeros(count, dtype=np.int64) if codes is None else codes
    response = np.full(count, NAT, dtype=np.int64)
    if responded is not None:
        response = responded.copy()
        if now_us is not None:
            response[response > now_us] = NAT
    keys: dict[str | None, int] = {None: -1}

    def key_codes(kind: str, row_of: NDArray[np.int64], values: NDArray[Any]) -> NDArray[Any]:
        found = np.full(len(values), -1, dtype=np.int64)
        of_row = version[row_of]
        for v in np.unique(of_row).tolist():
            here = of_row == v

            def code(value: object, v: int = v) -> int:
                return keys.setdefault(key_of(v, versions[v], kind, value), len(keys))

            found[here] = codes_of(values[here], code)
        return found

    ticket_plan = plans[rows]
    ticket_severity = mapped(severities[rows], severity_of)
    plan_key = np.full(count, -1, dtype=np.int64)
    severity_key = np.full(count, -1, dtype=np.int64)
    plan_key[rows] = key_codes("plan", rows, ticket_plan)
    severity_key[rows] = key_codes("severity", rows, ticket_severity)
    simple = present & (plan_key >= 0) & (severity_key >= 0)
    if now_us is None:
        ongoing = pauses.row[(pauses.end == NAT) & (response[pauses.row] == NAT)]
        simple[ongoing] = False
    row, at = changes.row, changes.at
    given_plan = np.array([value is not None for value in changes.plan.tolist()], dtype=bool)
    given_severity = np.array(
        [value is not None for value in changes.severity.tolist()], dtype=bool
    )
    change_plan = np.full(len(row), -1, dtype=np.int64)
    change_severity = np.full(len(row), -1, dtype=np.int64)
    change_plan[given_plan] = key_codes("plan", row[given_plan], changes.plan[given_plan])
    change_severity[given_severity] = key_codes(
        "severity", row[given_severity], changes.severity[given_severity]
    )
    refused = (at < created_us[row]) | (given_plan & (change_plan < 0))
    refused |= given_severity & (change_severity < 0)
    simple[row[refused]] = False
    applied = (response[row] == NAT) | (at < response[row])
    if now_us is not None:
        applied &= at <= now_us
    plan_after, plan_from = forward(row, applied & given_plan, change_plan, plan_key[row])
    severity_after, severity_from = forward(
        row, applied & given_severity, change_severity, severity_key[row]
    )
    first = segment_starts(row) == np.arange(len(row))
    plan_before = np.where(first, plan_key[row], np.r_[-1, plan_after[:-1]])
    severity_before = np.where(first, severity_key[row], np.r_[-1, severity_after[:-1]])
    moved = applied & ((plan_after != plan_before) | (severity_after != severity_before))
    from_change = np.array([policy.retarget == "from-change" for policy in versions])
    moved &= from_change[version[row]] & simple[row]
    latest = np.flatnonzero(moved)
    if len(latest):
        last = np.r_[row[latest][1:] != row[latest][:-1], True]
        starts[row[latest[last]]] = at[latest[last]]
    ends = np.r_[row[1:] != row[:-1], True] if len(row) else np.zeros(0, dtype=bool)
    ends &= simple[row]
    severities[rows[simple[rows]]] = ticket_severity[simple[rows]]
    final_plan, final_severity = plan_from[ends], severity_from[ends]
    at_rows = row[ends]
    plans[at_rows[final_plan >= 0]] = changes.plan[final_plan[final_plan >= 0]]
    severities[at_rows[final_severity >= 0]] = changes.severity[final_severity[final_severity >= 0]]
    pausable = np.array([policy.pausable for policy in versions])
    wanted = simple & pausable[version]
    cut = response if now_us is None else np.where(response == NAT, now_us, response)
    spans.update(merged_pauses(pauses, cut, wanted, NAT, FOREVER))
    return np.flatnonzero(present & ~simple).tolist()
