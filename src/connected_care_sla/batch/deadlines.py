"""First-response deadlines for a whole table: the columns ``deadline``, ``clock``, ``target``.

[`first_response_deadlines`][connected_care_sla.batch.first_response_deadlines] follows the steps of
the scalar [`first_response_deadline`][connected_care_sla.first_response_deadline] for all rows at
once: the calendar of each row, its creation instant, the policy version and the
response-table cell, then the deadline on the target's clock. With
``responded=`` it also measures each answered ticket. Bad rows are gathered
in `Problems` on the way and never get a deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .._instants import zone_of
from ..calendar.files import CalendarSet
from ..deadlines import CalendarLike, _calendar, _threshold
from ..exceptions import InvalidTableError
from ..policy import PolicyLike
from . import runs
from ._extra import require
from .calendars import CalendarsLike, Group, add_business_time, calendar_sets, zone_groups
from .columns import ARRAY_NAMES, array_length, as_frame, column
from .events import Arrays, apply_histories, in_force, read_events, reasons
from .instants import INSTANT, NAT, add_time_problems, instants
from .pauses import paused_add
from .problems import Errors, Problems, errors_mode
from .responses import STATES, responses
from .tables import Table, each_kind
from .targets import BUSINESS, CLOCKS, NO_CLOCK, targets, version_codes, versions

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

__all__ = ["first_response_deadlines"]


@calendar_sets
@each_kind
def first_response_deadlines(
    data: Table | Mapping[str, Any] | None = None,
    *,
    plan: str | Any = "plan",
    severity: str | Any = "severity",
    created: str | Any = "created_at",
    calendar: CalendarLike | CalendarSet | None = None,
    zone: str | Any | None = None,
    calendars: CalendarsLike = None,
    policy: PolicyLike | None = None,
    responded: str | Any | None = None,
    now: datetime | None = None,
    tz: str | None = None,
    assume_tz: str | None = None,
    errors: Errors = "raise",
    events: pd.DataFrame | Mapping[str, Any] | None = None,
    ticket: str | Any = "ticket_id",
    at_risk: float | Fraction | Decimal = 0.75,
    explain: bool = False,
) -> pd.DataFrame:
    """First-response deadlines for every row of a table, as the scalar API gives them.

    Row by row the result is exactly
    [`first_response_deadline`][connected_care_sla.first_response_deadline] (and, with
    ``responded``, [`response_status`][connected_care_sla.response_status]): the same instants to
    the microsecond, with DST, holidays, make-up workdays, split shifts and the 18:00 rule.

    Args:
        data: a pandas DataFrame, a polars DataFrame, a pyarrow Table, a
            mapping of column names to values, or None when ``plan``,
            ``severity`` and ``created`` are arrays. The result is of the
            same kind (a pandas DataFrame for a mapping or None).
        plan: the plans: a column name (default ``"plan"``), or an array, list
            or Series with one value per row. Matched as the scalar API
            matches them (any letter case).
        severity: the severities, likewise (default ``"severity"``); also
            ``1`` to ``4``.
        created: the creation instants, likewise (default ``"created_at"``):
            a tz-aware ``datetime64`` column (fastest), aware ``datetime``
            objects (any mix of zones), or ISO 8601 strings with a UTC offset.
        calendar: the calendar of every row: a
            [`BusinessCalendar`][connected_care_sla.BusinessCalendar], or an IANA zone name for the
            default Monday to Friday 09:00-18:00 hours. Or several calendars keyed by a column (a
            ``CalendarSet``, from ``load_calendars``): each row gets the calendar of its value in
            the column the set's ``key`` names (or ``zone``, when given); a value
            without a calendar is a bad row (``UnknownCalendarKeyError``).
        zone: instead of ``calendar``, a column (or array) naming each row's
            IANA zone. Rows are grouped by zone; each zone gets the default
            hours, or the calendar ``calendars`` gives it.
        calendars: with ``zone``: a mapping of zone name to calendar, or a
            function that builds a zone's calendar (called once per zone).
        policy: a [`Policy`][connected_care_sla.Policy] or
            [`PolicyBook`][connected_care_sla.PolicyBook] (default: the built-in Connected Care
            policy). Of a book, each row gets the version in force on its local creation date.
        responded: optionally, first-response times (a column or array; missing
            values mean no response yet). Adds ``taken``, ``margin`` and ``state``.
        now: with ``responded``, the instant the table is judged at: an
            unanswered ticket whose deadline has passed by then is ``missed``
            (and a response after ``now`` has not happened yet). Without it,
            unanswered tickets are ``open``.
        tz: the zone of the ``deadline`` column. Default: the calendar's zone
            with ``calendar``; UTC with per-row zones (a pandas column holds one
            zone). ``"local"`` with per-row zones gives each row's deadline in
            its own zone, as an object column of Timestamps (slower, and for
            showing: an Arrow or Parquet column holds one zone, so pandas'
            ``to_parquet`` writes the instants in the first row's zone and
            Dask's refuses the column).
        assume_tz: the zone that naive creation and response times were
            recorded in (e.g. ``"UTC"``, as Spark hands timestamps over).
            Default None: naive times are bad rows, as in the scalar API (a
            time without a zone names no instant). A naive time that a DST
            change skips or repeats in that zone is a bad row too: it names no
            single instant.
        errors: ``"raise"`` (default): the first bad row raises the error the
            scalar API raises, naming the row's label and bad value.
            ``"coerce"``: bad rows get no deadline and an ``error`` column says
            why (missing on good rows). A bad row never gets a deadline.
        events: optionally, each ticket's history as a second table, one row
            per event, in any order, with the columns ``ticket_id`` (matched
            against ``ticket``), ``at`` (the instant), ``severity`` and/or
            ``plan`` (the new ones; blank: as it was) or ``pause`` (``start``
            or ``end``). A plan row and a severity row of one ticket at one
            instant form one change; each pause ``start`` pairs with the next
            ``end`` (none: a pause still going on). A bad event, or a history
            the scalar API refuses, makes its ticket's row a bad row whose
            error names the event's row; an event for a ticket the table does
            not have raises [`InvalidEventError`][connected_care_sla.exceptions.InvalidEventError]
            (``"coerce"``: an
            [`UnmatchedEventsWarning`][connected_care_sla.exceptions.UnmatchedEventsWarning]; a
            table of no rows, such as a Dask ``meta`` frame, ignores them: give each
            partition the events of its own tickets). Rows
            with a history get exactly the answers of
            [`response_status`][connected_care_sla.response_status] with ``changes=`` and
            ``pauses=`` (the property tests check it row by row).
        ticket: with ``events``, the column (or array) of ticket ids
            (default ``"ticket_id"``).
        at_risk: with ``now``, the share of the target from which an
            unanswered ticket is ``"at risk"`` (as for ``response_status``).
        explain: add a ``reason`` column: each row's account on one line
            (``"S3→S1 at +2h; paused 1h30m; crossed holiday 2025-10-01"``, the
            [`Explanation.reason`][connected_care_sla.deadlines.Explanation.reason] of
            [`explanation`][connected_care_sla.explanation]; empty when nothing is of note, missing
            on a bad row). Row by row, so slower.

    Returns:
        A new table of the kind of ``data`` (polars and pyarrow: see below):
        the input columns (in order, same index), then
        ``deadline``, tz-aware ``datetime64[us]``, NaT with no target (Basic)
        or on a bad row; ``clock``, categorical ``"wall"`` or ``"business"``
        (missing: no target); ``target``, ``timedelta64[us]``, the
        response-table cell. With ``responded``: ``taken``, the time from
        creation to response on the target's clock (business time for
        business targets); ``margin`` = ``target - taken`` (negative: late),
        both NaT when unanswered; and ``state``, categorical: ``"met"``,
        ``"missed"``, ``"open"`` (unanswered) or ``"no target"``; with ``now``
        the six states of [`response_status`][connected_care_sla.response_status]
        instead (``"on track"``, ``"at risk"``, ``"breached"``, ``"met"``,
        ``"missed"``, ``"no target"``; one categorical dtype holds all seven).
        Rows with a history have the target in force, ``taken`` the time
        consumed on its clock (paused time not counted) and ``margin``
        ``target - taken``. A response after the
        deadline is missed even when its business ``taken`` equals the
        target (answered at 19:00 for an 18:00 deadline: margin 0, missed),
        as in [`response_status`][connected_care_sla.response_status]. With ``errors="coerce"``:
        ``error``, pandas' ``string`` dtype, missing (``pd.NA``) on good rows.
        Existing columns of those names are replaced; the input columns keep
        their dtypes. Each new column has the same dtype on every call (an
        empty frame's too, so Dask's ``meta`` and every partition agree), and
        one that Arrow and Parquet store (``out.to_parquet(path)``).
        [`compliance`][connected_care_sla.batch.compliance] reads the table's ``attrs`` to find the
        calendar again in this process.

        Of a polars DataFrame or a pyarrow Table, the result is the same
        table with the new columns added (row order kept): ``deadline`` an
        Arrow timestamp (polars ``Datetime``) in the same zone, ``clock`` and
        ``state`` dictionary columns (polars ``Enum``), ``target``, ``taken``
        and ``margin`` durations in microseconds, ``error`` text. Rows are
        named by their position in messages. ``tz="local"`` is refused (such
        a column holds one zone), and the result carries no record of the
        calendar: pass ``calendar=`` to [`compliance`][connected_care_sla.batch.compliance] again.

    Raises:
        MissingExtraError: pandas or numpy is not installed (for a polars
            DataFrame or pyarrow Table: a module of its extra, ``polars`` or
            ``arrow``).
        InvalidTableError: a column is missing, lengths differ, or both or
            neither of ``calendar`` and ``zone`` are given.
        UnknownPlanError: a bad plan, with ``errors="raise"``; likewise
            ``UnknownSeverityError``, ``InvalidInstantError`` (a missing, naive
            or unreadable time), ``UnknownZoneError`` and ``ResultOutOfRangeError``.
        PolicyError: ``policy`` is not a policy; ``CalendarNeverOpensError`` and
            ``HolidayHorizonError`` as in the scalar API.
    """
    require()
    import numpy as np
    import pandas as pd

    mode = errors_mode(errors)
    frame = as_frame(data)
    if (calendar is None) == (zone is None):
        raise InvalidTableError(
            "give either calendar= (one calendar, or a zone name, for every row) or zone= "
            "(a column naming each row's zone), not " + ("both" if zone is not None else "neither")
        )
    if calendars is not None and zone is None:
        raise InvalidTableError(
            "calendars= goes with zone= (per-row zones); with one calendar, pass calendar=",
            argument="calendars",
            value=calendars,
        )
    if now is not None and responded is None:
        raise InvalidTableError(
            "now= judges unanswered tickets, so it needs responded= (the column of "
            "first-response times; blank where there is no response yet)",
            argument="now",
            value=now,
        )
    share = _threshold(at_risk)
    specs = {"plan": plan, "severity": severity, "created": created, "zone": zone}
    specs["responded"] = responded
    specs = {name: spec for name, spec in specs.items() if spec is not None}
    from_arrays = not len(frame.columns)
    rows = array_length(specs) if from_arrays else len(frame)
    columns = {name: column(frame, spec, name, rows) for name, spec in specs.items()}
    if from_arrays:  # the arrays make the table
        frame = pd.DataFrame({ARRAY_NAMES[name]: c for name, c in columns.items()})
        columns = {name: frame[ARRAY_NAMES[name]] for name in columns}
    if events is not None:
        columns["ticket"] = column(frame, ticket, "ticket", rows)
    problems = Problems(rows)
    assume = None if assume_tz is None else zone_of(assume_tz)
    if tz is not None and tz != "local":
        zone_of(tz)

    # Step 1: the calendar of each row.
    if zone is None:
        groups = [Group(_calendar(calendar), None)]
    else:
        groups = zone_groups(columns["zone"], calendars, problems)

    # Step 2: creation instants.
    created_us, status = instants(columns["created"], assume)
    add_time_problems(problems, status, "created", series=columns["created"])
    del status

    # Steps 3 and 4: the policy version and the response-table cell.
    policies = versions(policy)
    codes = version_codes(policies, groups, created_us)
    plans, severities = columns["plan"], columns["severity"]
    histories, scalar, starts = None, None, created_us
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    if events is not None:  # step 5 first: the plan and severity in force, where it decides
        histories = read_events(events, columns["ticket"], assume, problems, mode)
        early = None
        if responded is not None:
            early, status = instants(columns["responded"], assume)
            early[status != INSTANT] = NAT
            del status
        plans, severities, starts, spans, scalar = in_force(
            histories, columns, created_us, early, now, policies, codes, problems.bad
        )
    target_us, clock = targets(plans, severities, policies, codes, problems)
    del codes, plans, severities
    clock[problems.bad] = NO_CLOCK

    # Step 5: the deadline on the target's clock.
    # From the creation; under retarget = "from-change", from the change that set it.
    deadline_us = starts + target_us  # wall clock: elapsed real time
    add_business_time(groups, clock == BUSINESS, starts, target_us, deadline_us)
    spans = {row: p for row, p in spans.items() if clock[row] != NO_CLOCK}
    if spans:  # paused time taken out, on each target's own clock
        paused = np.array(list(spans), dtype=np.intp)
        deadline_us[paused] = paused_add(groups, clock, spans, starts, target_us)[paused]

    measured = None
    response = None
    if responded is not None:
        taken_us, state_codes, response = responses(
            columns["responded"],
            created_us,
            deadline_us,
            target_us,
            clock,
            groups,
            problems,
            now,
            assume,
            share,
            starts,
            spans,
        )
        measured = taken_us, state_codes
    if histories is not None:  # the other rows with a history: the scalar functions
        arrays = Arrays(
            deadline_us, target_us, clock, *(measured if measured is not None else (None, None))
        )
        apply_histories(
            histories, columns, created_us, groups, policy, response, now, share, STATES,
            arrays, problems, scalar,
        )  # fmt: skip
    reason = None
    if explain:
        reason = reasons(
            columns, histories, created_us, groups, policy, response, now, share, problems.bad
        )
    if mode == "raise":
        problems.raise_first(frame, columns)
    clock[problems.bad] = NO_CLOCK
    deadline_us[clock == NO_CLOCK] = NAT
    target_us = np.where(clock == NO_CLOCK, NAT, target_us)

    out = frame.copy(deep=False)
    out["deadline"] = _deadline_column(deadline_us, groups, per_row=zone is not None, tz=tz)
    del deadline_us
    out["clock"] = _categories(clock, CLOCKS)
    out["target"] = _durations(target_us)
    if measured is not None:
        taken, state = measured
        taken[clock == NO_CLOCK] = NAT
        state[problems.bad] = -1
        out["taken"] = _durations(taken)
        out["margin"] = _durations(np.where(taken == NAT, NAT, target_us - taken))
        out["state"] = _categories(state, STATES)
    if reason is not None:
        out["reason"] = reason
    if mode == "coerce":
        out["error"] = problems.messages()  # pandas "string", whatever the rows hold
    options: dict[str, Any] = {
        "plan": plan if isinstance(plan, str) else None,
        "severity": severity if isinstance(severity, str) else None,
        "created": created if isinstance(created, str) else None,
        "calendar": calendar,
        "zone": zone if isinstance(zone, str) else None,
        "calendars": calendars,
        "policy": policy,
        "tz": tz,
        "assume_tz": assume_tz,
        "errors": mode,
    }
    if events is not None:
        options.update(events=events, ticket=ticket if isinstance(ticket, str) else None)
    if at_risk != 0.75:
        options["at_risk"] = at_risk
    if from_arrays:
        options.update({name: ARRAY_NAMES[name] for name in ("plan", "severity", "created")})
        if zone is not None:
            options["zone"] = ARRAY_NAMES["zone"]
    runs.remember(out, options)
    return out


# -- the output columns -------------------------------------------------------------------


def _deadline_column(
    deadline_us: NDArray[np.int64], groups: list[Group], *, per_row: bool, tz: str | None
) -> Any:
    """The ``deadline`` column: in the calendar's zone, ``tz``, UTC, or each row's zone."""
    if not per_row and tz in (None, "local"):
        return _datetimes(deadline_us, groups[0].calendar.zone.key)
    if tz == "local":
        return _local_datetimes(deadline_us, groups)
    return _datetimes(deadline_us, "UTC" if tz is None else zone_of(tz).key)


def _datetimes(us: NDArray[np.int64], zone: str) -> Any:
    import pandas as pd

    return pd.DatetimeIndex(us.view("M8[us]")).tz_localize("UTC").tz_convert(zone).array


def _local_datetimes(us: NDArray[np.int64], groups: list[Group]) -> Any:
    """Each row's instant in its own zone, as an object array of Timestamps."""
    import numpy as np
    import pandas as pd

    result = np.full(len(us), pd.NaT, dtype=object)
    for group in groups:
        assert group.rows is not None
        local = pd.DatetimeIndex(us[group.rows].view("M8[us]")).tz_localize("UTC")
        result[group.rows] = local.tz_convert(group.calendar.zone.key).astype(object)
    return result


def _durations(us: NDArray[np.int64]) -> Any:
    import pandas as pd

    return pd.array(us.view("m8[us]"))


def _categories(codes: NDArray[np.int8], names: tuple[str, ...]) -> Any:
    """A categorical column of fixed categories (-1: missing), the same whatever the rows hold.

    Every call gives the same dtype, an empty frame's included, so the
    partitions of a Dask table agree with each other and with its ``meta``.
    """
    import pandas as pd

    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(list(names)))
