"""A table of events beside the tickets: each ticket's history, read and measured.

Help-desk exports give a ticket's life as a second table, one row per event,
in any order. The columns of an ``events=`` table:

* ``ticket_id``: the ticket the event belongs to, matched against the
  tickets table's id column (``ticket=``, default ``"ticket_id"``);
* ``at``: the instant of the event (as the ``created`` column is read);
* ``severity`` and ``plan``: the new severity and/or plan (blank: as it was);
* ``pause``: ``start`` or ``end`` for the start or the end of a pause (blank:
  not a pause).

Only ``ticket_id`` and ``at`` are required; a row names a change, a pause
start or a pause end. A plan row and a severity row of one ticket at one
instant form one change. Pauses of a ticket pair up in time order: each
``start`` with the next ``end``; a ``start`` with no ``end`` after it is a
pause still going on. A bad event makes its ticket's row a bad row (with
``errors="coerce"`` an error row naming the event's row), as does a history
the scalar API refuses (a change before the creation, an unknown plan).

Rows with a history give exactly the answers of
[`response_status`][connected_care_sla.response_status]. Most stay on the
vectorised path: the plan and severity in force replace the row's, the target
counts from the creation (or, under ``from-change``, from the change that set
it), and paused time is taken out by `batch.pauses`. A history the scalar
API would refuse goes to the scalar functions, row by row, which raise the
error it raises.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from .._instants import duration_us, from_us, to_us
from .._text import shown
from ..deadlines import (
    Change,
    PauseLike,
    Status,
    _open_ticket,
    response_status,
)
from ..deadlines.explanation import _explain
from ..deadlines.history import PauseAt, merge
from ..deadlines.ticket import _with_history
from ..exceptions import (
    InvalidEventError,
    InvalidHistoryError,
    InvalidTableError,
    SlaError,
    UnmatchedEventsWarning,
)
from ..policy import Clock, Policy, PolicyLike
from .columns import as_frame
from .event_rows import (
    BAD_PAUSE,
    END,
    NO_PAUSE,
    START,
    Histories,
    blanks,
    codes_of,
    group_events,
    in_force_arrays,
    mapped,
)
from .instants import INSTANT, MISSING, NAT, instants
from .pauses import Spans
from .targets import BUSINESS, NO_CLOCK, WALL

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from .calendars import Group
    from .problems import Problems

__all__ = [
    "EVENT_COLUMNS",
    "Arrays",
    "Histories",
    "apply_histories",
    "in_force",
    "read_events",
    "reasons",
]

#: The columns of an ``events=`` table; only ``ticket_id`` and ``at`` are required.
EVENT_COLUMNS: Final = ("ticket_id", "at", "severity", "plan", "pause")
_PAUSE_WORDS: Final = {"start": "start", "end": "end"}


@dataclass
class _Event:
    at: int
    order: int
    label: object
    place: str
    severity: object
    plan: object
    pause: str | None


def _blank(value: object) -> bool:
    """A missing value of a column: None, NaN, pandas' NA or NaT, or blank text."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


def _severity(value: object) -> Any:
    """A severity as the scalar API reads it: ``3`` and ``"3"`` are S3."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return value


def _places(frame: pd.DataFrame) -> list[str]:
    """How messages name each event row: ``event row 3``, or ``events.csv line 5`` for a
    table read from a file (its index named ``line``, ``attrs["source"]`` the file)."""
    source = frame.attrs.get("source")
    labels = frame.index.tolist()
    if frame.index.name == "line" and isinstance(source, str):
        return [f"{source} line {label}" for label in labels]
    return [
        f"event row {label!r}" if isinstance(label, str) else f"event row {label}"
        for label in labels
    ]


def read_events(
    events: object,
    ticket_ids: pd.Series,
    assume: tzinfo | None,
    problems: Problems,
    mode: str,
) -> Histories:
    """The history of each ticket row from an ``events=`` table; bad events go to ``problems``.

    Raises:
        InvalidTableError: the table lacks a required column.
        InvalidEventError: with ``mode == "raise"``, an event for a ticket
            the table does not have (a bad event of a known ticket is a
            problem of its row, raised with the others).
    """
    import numpy as np
    import pandas as pd

    frame = as_frame(events)
    missing = [name for name in ("ticket_id", "at") if name not in frame.columns]
    if missing:
        raise InvalidTableError(
            f"the events table has no {' or '.join(map(repr, missing))} column (its columns: "
            f"{', '.join(repr(str(c)) for c in frame.columns) or 'none'}); an events table has "
            f"the columns {', '.join(EVENT_COLUMNS)} (ticket_id and at required)",
            argument="events",
        )
    histories = Histories()
    if not len(frame) or not len(ticket_ids):
        return histories  # no event, or no ticket (an empty partition, a Dask meta frame)
    ids = pd.Index(ticket_ids.array)
    duplicated = np.asarray(ids.duplicated(keep=False))
    unique = pd.Index(ids[~duplicated])
    positions = np.flatnonzero(~duplicated)
    found = unique.get_indexer(pd.Index(frame["ticket_id"].array))
    at_us, status = _instants_once(frame["at"], assume)
    empty = np.full(len(frame), None, dtype=object)

    def values(name: str) -> NDArray[Any]:
        return frame[name].to_numpy(dtype=object) if name in frame.columns else empty

    severities, plans, pause_cells = values("severity"), values("plan"), values("pause")
    blank_ticket = blanks(frame, "ticket_id", _blank)
    blank_severity = blanks(frame, "severity", _blank)
    blank_plan = blanks(frame, "plan", _blank)
    blank_pause = blanks(frame, "pause", _blank)
    pause = codes_of(_blanked(pause_cells, blank_pause), _pause_code).astype(np.int8)
    pause[blank_pause] = NO_PAUSE
    names_change = ~blank_severity | ~blank_plan
    matched = (found >= 0) & ~blank_ticket
    event_row = np.where(matched, np.r_[positions, -1][found], -1)
    good = (
        matched & (status == INSTANT) & (pause != BAD_PAUSE) & ((pause == NO_PAUSE) == names_change)
    )
    places = _places(frame)
    histories.event_row, histories.places = event_row.tolist(), places
    bad: dict[int, tuple[str, SlaError]] = {}
    others = np.flatnonzero(~good).tolist()
    unmatched = _bad_events(
        others, frame, places, ids, duplicated, found, event_row, at_us, status, bad
    )
    if unmatched:
        _unmatched(unmatched, frame, places, values("ticket_id").tolist(), mode)
    good &= ~np.isin(event_row, np.array(list(bad), dtype=np.int64))
    chosen = np.flatnonzero(good)
    severity = mapped(_blanked(severities, blank_severity)[chosen], _severity)
    plan = _blanked(plans, blank_plan)[chosen]
    typed = np.array(
        [
            (s is None or type(s) in (str, int)) and (p is None or type(p) is str)
            for s, p in zip(severity.tolist(), plan.tolist(), strict=True)
        ],
        dtype=bool,
    )
    fast, fast_pauses, slow_rows = group_events(
        event_row[chosen], at_us[chosen], severity, plan, pause[chosen], typed, NAT
    )
    histories.fast, histories.pauses_fast = fast, fast_pauses
    slow = set(slow_rows.tolist())
    by_row: dict[int, list[_Event]] = {}
    words = {START: "start", END: "end", NO_PAUSE: None}
    labels = frame.index.tolist()
    for index, order in enumerate(chosen.tolist()):
        row = int(event_row[order])
        if row in slow:
            by_row.setdefault(row, []).append(
                _Event(
                    int(at_us[order]), order, labels[order], places[order],
                    severity[index], plan[index], words[int(pause[order])],
                )
            )  # fmt: skip
    for row, events_of in by_row.items():
        try:
            _history(row, events_of, histories)
        except InvalidEventError as exc:
            bad[row] = (str(exc), exc)
    for row, (text, error) in bad.items():
        histories.changes.pop(row, None)
        histories.change_us.pop(row, None)
        histories.pauses.pop(row, None)
        histories.dropped.add(row)
        mask = np.zeros(len(problems.codes), dtype=bool)
        mask[row] = True
        problems.add(mask, "events", error, text)
    return histories


def _instants_once(
    column: pd.Series, assume: tzinfo | None
) -> tuple[NDArray[np.int64], NDArray[np.int8]]:
    """`instants` of a column of text, each distinct string read once (an export gives a
    change and a pause start at one instant the same text)."""
    import numpy as np
    import pandas as pd

    text = isinstance(column.dtype, pd.StringDtype)
    if column.dtype.kind != "O" and not text:
        return instants(column, assume)
    try:
        codes, uniques = column.factorize()
    except TypeError:
        return instants(column, assume)
    if len(uniques) * 4 > len(column) * 3:
        return instants(column, assume)  # few repeats
    if not text and not all(type(v) is str for v in uniques.tolist()):
        return instants(column, assume)  # not all text
    us, status = instants(pd.Series(uniques), assume)
    codes = np.asarray(codes, dtype=np.int64)
    at_us = np.r_[us, NAT][codes]
    at_status = np.r_[status, np.int8(MISSING)][codes].astype(np.int8)
    return at_us, at_status


def _blanked(values: NDArray[Any], blank: NDArray[np.bool_]) -> NDArray[Any]:
    """``values`` with None in the blank cells."""
    result = values.copy()
    result[blank] = None
    return result


def _pause_code(value: object) -> int:
    if value is None:
        return NO_PAUSE
    word = _PAUSE_WORDS.get(str(value).strip().casefold())
    return BAD_PAUSE if word is None else START if word == "start" else END


def _bad_events(
    orders: list[int],
    frame: pd.DataFrame,
    places: list[str],
    ids: pd.Index,
    duplicated: NDArray[np.bool_],
    found: NDArray[np.int64],
    event_row: NDArray[np.int64],
    at_us: NDArray[np.int64],
    status: NDArray[np.int8],
    bad: dict[int, tuple[str, SlaError]],
) -> list[int]:
    """The problems of the events that are not good (in table order) into ``bad``; the
    events that name no ticket of the table."""
    import numpy as np

    unmatched: list[int] = []

    cells: dict[str, list[Any]] = {}

    def cell(name: str, order: int) -> object:
        if name not in frame.columns:
            return None
        if name not in cells:
            cells[name] = frame[name].to_numpy(dtype=object).tolist()
        return cells[name][order]

    for order in orders:
        label = frame.index[order]
        place = places[order]
        ticket = cell("ticket_id", order)
        if event_row[order] < 0:
            dup: list[int] = (
                np.flatnonzero(np.asarray(ids == ticket) & duplicated).tolist()
                if not _blank(ticket) and found[order] < 0
                else []
            )
            if len(dup):
                for row in dup:
                    bad.setdefault(
                        int(row),
                        _problem(
                            label,
                            place,
                            f"the ticket id {shown(ticket)} is on several rows of the table, so "
                            f"its events cannot be matched to one ticket; give each ticket once",
                        ),
                    )
                continue
            unmatched.append(order)
            continue
        row = int(event_row[order])
        time = cell("at", order)
        if status[order] != INSTANT:
            bad.setdefault(
                row,
                _problem(
                    label,
                    place,
                    "at is missing"
                    if at_us[order] == NAT and _blank(time)
                    else f"at {shown(time)} is not an instant with a UTC offset "
                    f"(an aware datetime, or ISO 8601 such as 2025-06-09T11:00:00+08:00)",
                ),
            )
            continue
        pause = cell("pause", order)
        word = None if _blank(pause) else _PAUSE_WORDS.get(str(pause).strip().casefold())
        if not _blank(pause) and word is None:
            bad.setdefault(
                row,
                _problem(
                    label,
                    place,
                    f"pause {shown(pause)} is neither 'start' nor 'end'",
                    expected="pause = start or end (blank for a change of severity or plan)",
                ),
            )
            continue
        changes = not _blank(cell("severity", order)) or not _blank(cell("plan", order))
        if word is not None and changes:
            bad.setdefault(
                row,
                _problem(
                    label,
                    place,
                    "one row names both a pause and a change; give each on its own row",
                ),
            )
            continue
        bad.setdefault(
            row,
            _problem(
                label,
                place,
                "the row names no change and no pause",
                expected="a new severity and/or plan, or pause = start or end",
            ),
        )
    return unmatched


def _problem(label: object, place: str, text: str, *, expected: str = "") -> tuple[str, SlaError]:
    error = InvalidEventError(f"{place}: {text}", argument="events", value=label, expected=expected)
    return str(error), error


def _unmatched(
    orders: list[int], frame: pd.DataFrame, places: list[str], tickets: list[Any], mode: str
) -> None:
    first = orders[0]
    text = f"{places[first]}: the ticket {shown(tickets[first])} is not in the table" + (
        "" if len(orders) == 1 else f" ({len(orders):,} events name tickets it lacks)"
    )
    if mode == "raise":
        raise InvalidEventError(
            text,
            argument="events",
            value=frame.index[first],
            expected="events of the table's tickets only (the ticket_id column matches the "
            "tickets' ticket= column); pass errors='coerce' to go on without them",
        )
    warnings.warn(
        f"{text}; such events are left out (pass only the events of the table's tickets)",
        UnmatchedEventsWarning,
        stacklevel=4,
    )


def _history(row: int, events: list[_Event], into: Histories) -> None:
    """One ticket's changes and pauses from its events, in time order."""
    events.sort(key=lambda event: (event.at, event.order))
    changes: list[Change] = []
    change_us: list[int] = []
    pauses: list[PauseLike] = []
    open_since: _Event | None = None
    index = 0
    while index < len(events):
        at = events[index].at
        group = []
        while index < len(events) and events[index].at == at:
            group.append(events[index])
            index += 1
        moment = from_us(at, UTC)
        severity: object = None
        plan: object = None
        for event in group:
            if event.pause is not None:
                continue
            for name, value in (("severity", event.severity), ("plan", event.plan)):
                if value is None:
                    continue
                held = severity if name == "severity" else plan
                if held is not None and held != value:
                    raise _refused(
                        event,
                        f"two rows of the ticket at {moment.isoformat()} give the {name} "
                        f"{shown(held)} and {shown(value)}; give one",
                        "change",
                    )
                if name == "severity":
                    severity = value
                else:
                    plan = value
        if severity is not None or plan is not None:
            try:
                changes.append(Change(moment, severity=severity, plan=plan))  # type: ignore[arg-type]
                change_us.append(at)
            except SlaError as exc:
                raise _refused(group[0], str(exc), "change") from None
        starts = [event for event in group if event.pause == "start"]
        ends = [event for event in group if event.pause == "end"]
        if len(starts) > 1 or len(ends) > 1:
            raise _refused(
                (starts or ends)[1],
                "two rows of the ticket at one instant give the same pause edge",
                "pause",
            )
        order = (ends + starts) if open_since is not None else (starts + ends)
        for event in order:
            if event.pause == "start":
                if open_since is not None:
                    raise _refused(
                        event,
                        f"a pause starts while the one started at "
                        f"{from_us(open_since.at, UTC).isoformat()} ({open_since.place}) "
                        f"has not ended",
                        "pause",
                    )
                open_since = event
            else:
                if open_since is None:
                    raise _refused(event, "a pause ends that has not started", "pause")
                pauses.append((from_us(open_since.at, UTC), moment))
                open_since = None
    if open_since is not None:
        pauses.append((from_us(open_since.at, UTC), None))
    if changes:
        into.changes[row] = changes
        into.change_us[row] = change_us
    if pauses:
        into.pauses[row] = pauses


def _refused(event: _Event, text: str, kind: str) -> InvalidEventError:
    return InvalidEventError(
        f"{event.place}: {text}",
        kind=kind,
        at=from_us(event.at, UTC),
        argument="events",
        value=event.label,
    )


def in_force(
    histories: Histories,
    rows: Mapping[str, pd.Series],
    created_us: NDArray[np.int64],
    responded: NDArray[np.int64] | None,
    now: datetime | None,
    versions: tuple[Policy, ...],
    codes: NDArray[np.int64] | None,
    bad: NDArray[np.bool_],
) -> tuple[pd.Series, pd.Series, NDArray[np.int64], Spans, list[int]]:
    """The plan and severity to look each row's target up with, the instant its target
    counts from, and the rows left to the scalar path.

    Under ``retarget = "from-creation"`` with no paused time that counts, the
    deadline of a ticket with a history is that of a ticket opened with the
    plan and severity in force (those of the changes strictly before the
    response and at or before ``now``): the vectorised path answers it. Under
    ``from-change`` it is that target counted from the instant of the latest
    change that changed plan or severity; paused time that counts (a
    pausable policy) is given as each row's merged pauses, cut at the
    response or ``now``. Every other row with a history (one the scalar API
    would refuse, an unknown name, an ongoing pause with no ``now``) goes to
    the scalar functions, which answer it or raise the error they raise.
    """
    plans = rows["plan"].to_numpy(dtype=object).copy()
    severities = rows["severity"].to_numpy(dtype=object).copy()
    now_us = None if now is None else to_us(now, "now")
    scalar: list[int] = []
    known: dict[tuple[int, str, object], str | None] = {}
    starts = created_us.copy()
    spans: Spans = {}

    def key_of(version: int, policy: Policy, kind: str, value: object) -> str | None:
        """The policy's key for a name (cached), or None for a name it does not know."""
        key = (version, kind, value if _hashable(value) else id(value))
        if key not in known:
            try:
                known[key] = (policy.plan_key if kind == "plan" else policy.severity_key)(value)
            except SlaError:
                known[key] = None
        return known[key]

    def names(version: int, policy: Policy, kind: str, value: object) -> bool:
        return key_of(version, policy, kind, value) is not None

    scalar = in_force_arrays(
        histories, plans, severities, created_us, responded, now_us, versions, codes, bad,
        starts, spans, key_of, _severity,
    )  # fmt: skip
    for row in sorted(set(histories.changes) | set(histories.pauses)):
        if bad[row]:
            continue
        version = 0 if codes is None else int(codes[row])
        policy = versions[version]
        changes = histories.changes.get(row, [])
        pauses = histories.pauses.get(row, [])
        response = None
        if responded is not None and responded[row] != NAT:
            response = int(responded[row])
            if now_us is not None and response > now_us:
                response = None
        plan, severity = plans[row], _severity(severities[row])
        created = int(created_us[row])
        simple = (
            not (now_us is None and response is None and any(e is None for _, e in pauses))
            and names(version, policy, "plan", plan)
            and names(version, policy, "severity", severity)
        )
        for change, at in zip(changes, histories.change_us.get(row, []), strict=True):
            if not simple:
                break
            if at < created or not (
                (change.plan is None or names(version, policy, "plan", change.plan))
                and (change.severity is None or names(version, policy, "severity", change.severity))
            ):
                simple = False
                break
            if (response is None or at < response) and (now_us is None or at <= now_us):
                before = (
                    key_of(version, policy, "plan", plan),
                    key_of(version, policy, "severity", severity),
                )
                plan = plan if change.plan is None else change.plan
                severity = severity if change.severity is None else change.severity
                after = (
                    key_of(version, policy, "plan", plan),
                    key_of(version, policy, "severity", severity),
                )
                if after != before and policy.retarget == "from-change":
                    starts[row] = at  # a new target counts from the change that set it
        if simple:
            plans[row], severities[row] = plan, severity
            if policy.pausable and pauses:
                cut = min((t for t in (response, now_us) if t is not None), default=None)
                read = [
                    PauseAt(i, to_us(a), None if b is None else to_us(b))
                    for i, (a, b) in enumerate(pauses)
                ]
                merged = merge(read, cut)
                if merged:
                    spans[row] = merged
        else:
            scalar.append(row)
    index = rows["plan"].index
    return pd_series(plans, index), pd_series(severities, index), starts, spans, sorted(scalar)


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def pd_series(values: Any, index: Any) -> pd.Series:
    import pandas as pd

    return pd.Series(values, index=index, dtype=object)


@dataclass(frozen=True, slots=True)
class Arrays:
    """The per-row arrays the scalar answers of rows with a history are written into."""

    deadline: NDArray[np.int64]
    target: NDArray[np.int64]
    clock: NDArray[np.int8]
    taken: NDArray[np.int64] | None
    state: NDArray[np.int8] | None


def apply_histories(
    histories: Histories,
    rows: Mapping[str, pd.Series],
    created_us: NDArray[np.int64],
    groups: list[Group],
    policy: PolicyLike | None,
    responded: NDArray[np.int64] | None,
    now: datetime | None,
    at_risk: float | Fraction | Decimal,
    states: tuple[str, ...],
    out: Arrays,
    problems: Problems,
    only: list[int] | None = None,
) -> None:
    """The answers of the rows with a history, by the scalar functions, into ``out``.

    ``responded`` holds each row's response (µs, `NAT` for none; already
    read and checked). A history the scalar API refuses makes the row a bad row.
    ``only`` limits it to those rows (default: every row with a history).
    """
    import numpy as np

    if only is not None and not only:
        return  # every row with a history answered by the vectorised path
    bad = problems.bad
    now_us = None if now is None else to_us(now, "now")
    codes = {name: code for code, name in enumerate(states)}
    plans = rows["plan"].to_numpy(dtype=object)
    severities = rows["severity"].to_numpy(dtype=object)
    for row in histories.rows if only is None else only:
        if bad[row]:
            continue
        calendar = _calendar_of(groups, row)
        created_at = from_us(int(created_us[row]), calendar.zone)
        plan = plans[row]
        severity = _severity(severities[row])
        changes = histories.changes_of(row)
        pauses = histories.pauses_of(row)
        response = None
        if responded is not None and responded[row] != NAT:
            response = int(responded[row])
            if now_us is not None and response > now_us:
                response = None
        try:
            if response is None and now is None:
                ticket = _open_ticket(plan, severity, created_at, calendar, policy)
                ticket = _with_history(ticket, created_at, changes, pauses)
                target, deadline, taken = ticket.target, ticket.deadline, None
                state = "open" if target is not None else "no target"
            else:
                at = now if now is not None else from_us(response or 0, UTC)
                status = response_status(
                    plan, severity, created_at, calendar, now=at,
                    responded_at=None if response is None else from_us(response, UTC),
                    at_risk=at_risk, policy=policy, changes=changes, pauses=pauses,
                )  # fmt: skip
                target = status.target
                deadline = None if status.deadline is None else to_us(status.deadline)
                taken = (
                    None
                    if status.responded_at is None or status.consumed is None
                    else duration_us(status.consumed)
                )
                state = status.state.value
                if now is None and status.state not in (Status.MET, Status.MISSED):
                    state = "open" if target is not None else "no target"
        except SlaError as exc:
            mask = np.zeros(len(problems.codes), dtype=bool)
            mask[row] = True
            problems.add(mask, "events", exc, _history_words(exc, histories.labels_of(row)))
            continue
        if target is None or deadline is None:
            out.clock[row] = NO_CLOCK
            out.deadline[row] = NAT
            out.target[row] = 0
        else:
            out.clock[row] = BUSINESS if target.clock is Clock.BUSINESS else WALL
            out.deadline[row] = deadline
            out.target[row] = duration_us(target.duration)
        if out.taken is not None:
            out.taken[row] = NAT if taken is None else taken
        if out.state is not None:
            out.state[row] = codes[state]


def _history_words(error: SlaError, places: list[str]) -> str:
    """A refused history in the words of a row: the event rows it came from."""
    where = "; ".join(places)
    if len(places) > 1 and all(place.startswith("event row ") for place in places):
        where = "event rows " + ", ".join(place[10:] for place in places)
    if isinstance(error, InvalidHistoryError) and error.kind:
        return f"{where}: {error} (the ticket's history)"
    return f"{where}: {error}"


def _calendar_of(groups: list[Group], row: int) -> Any:
    for group in groups:
        if group.rows is None or group.rows[row]:
            return group.calendar
    raise AssertionError("every good row has a calendar")  # pragma: no cover


def reasons(
    rows: Mapping[str, pd.Series],
    histories: Histories | None,
    created_us: NDArray[np.int64],
    groups: list[Group],
    policy: PolicyLike | None,
    responded: NDArray[np.int64] | None,
    now: datetime | None,
    at_risk: float | Fraction | Decimal,
    bad: NDArray[np.bool_],
) -> Any:
    """The ``reason`` column: each good row's account on one line (pandas ``string``)."""
    import pandas as pd

    texts: list[str | None] = []
    plans = rows["plan"].to_numpy(dtype=object)
    severities = rows["severity"].to_numpy(dtype=object)
    for row in range(len(created_us)):
        if bad[row]:
            texts.append(None)
            continue
        calendar = _calendar_of(groups, row)
        created_at = from_us(int(created_us[row]), calendar.zone)
        changes = () if histories is None else tuple(histories.changes_of(row))
        pauses = () if histories is None else tuple(histories.pauses_of(row))
        response = None
        if responded is not None and responded[row] != NAT:
            response = from_us(int(responded[row]), UTC)
        if response is None and now is None and any(end is None for _, end in pauses):
            texts.append(None)
            continue
        try:
            account = _explain(
                plans[row], _severity(severities[row]), created_at,
                calendar, policy, changes, pauses, response, now, at_risk, listing=False,
            )  # fmt: skip
        except SlaError:
            texts.append(None)
            continue
        texts.append(account.reason)
    return pd.array(texts, dtype=pd.StringDtype())
