"""What a policy or calendar change would do to a table of tickets: `compare`.

A policy author runs the tickets of a past month (or a synthetic set) under
the policy in force and under the draft, and sees per ticket the deadline and
state under each and what changed, and per plan and severity how many
tickets change state and by how much deadlines move (exact durations).
Either side may also change the calendar (other hours, other holidays).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from .._text import shown
from ..deadlines import CalendarLike
from ..exceptions import InvalidTableError, TableTypeError
from ..policy import PolicyLike, format_duration
from ._extra import require
from .calendars import CalendarsLike
from .columns import as_frame
from .deadlines import first_response_deadlines
from .instants import NAT
from .problems import Errors

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PolicyComparison", "compare"]

#: The columns of `PolicyComparison.table`, in order.
SUMMARY_COLUMNS: Final = (
    "tickets",
    "state_changed",
    "later",
    "earlier",
    "unchanged",
    "target_gained",
    "target_lost",
    "most_later",
    "most_earlier",
    "median_moved",
)
_OUTPUT: Final = ("deadline", "clock", "target", "taken", "margin", "state", "error")


@dataclass(frozen=True, eq=False)
class PolicyComparison:
    """What a change of policy (or calendar) does to a table of tickets.

    Attributes:
        tickets: one row per input row, in order: the input columns, then for
            each side (``_old``, ``_new``) its ``deadline``, ``target`` and
            (with ``responded``) ``state``; ``moved``, ``deadline_new -
            deadline_old`` (``timedelta64[us]``, exact; NaT when either side
            has no deadline); ``state_changed`` (bool); and ``change``, what
            changed in words (``"later by 2h"``, ``"earlier by 30m"``, ``"no
            target any more"``, ``"met -> missed"``; empty when nothing did).
            With ``errors="coerce"``, ``error``: a row bad on either side.
        table: per group (the ``by`` columns): ``tickets`` compared (rows good
            on both sides), ``state_changed``, ``later``, ``earlier`` and
            ``unchanged`` deadlines, ``target_gained`` and ``target_lost``,
            ``most_later`` and ``most_earlier`` (the largest moves each way,
            exact durations, NaT when none) and ``median_moved`` (rounded down
            to the microsecond).
        by: the grouping columns.
    """

    tickets: pd.DataFrame
    table: pd.DataFrame
    by: tuple[str, ...]

    @property
    def state_changes(self) -> int:
        """How many tickets change state."""
        return int(self.tickets["state_changed"].sum())

    @property
    def later(self) -> int:
        """How many deadlines move later (a lost target counts as later)."""
        return int(self.table["later"].sum() + self.table["target_lost"].sum())

    def __repr__(self) -> str:
        compared = int(self.table["tickets"].sum())
        return (
            f"PolicyComparison({compared:,} tickets; {self.state_changes:,} change state, "
            f"{int(self.table['later'].sum()):,} later, {int(self.table['earlier'].sum()):,} "
            f"earlier, {int(self.table['target_lost'].sum()):,} lose their target)"
        )

    def formatted(self) -> pd.DataFrame:
        """The table for reading: the moves as ``1h30m``."""
        shown_table = self.table.copy()
        for column in ("most_later", "most_earlier", "median_moved"):
            shown_table[column] = [_compact(v) for v in self.table[column]]
        return shown_table

    def __str__(self) -> str:
        return f"{self!r}\n{self.formatted().to_string()}"

    def _repr_html_(self) -> str:
        from html import escape

        return (
            f"<div><p><strong>What the change does</strong>: {escape(repr(self)[17:-1])}</p>"
            f"{self.formatted().to_html()}</div>"
        )


def _compact(value: object) -> str:
    import pandas as pd

    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return "n/a"
    return format_duration(pd.Timedelta(value).to_pytimedelta())


def compare(
    data: pd.DataFrame | Mapping[str, Any],
    *,
    policy: PolicyLike | None = None,
    against: PolicyLike | None = None,
    calendar: CalendarLike | None = None,
    against_calendar: CalendarLike | None = None,
    zone: str | Any | None = None,
    calendars: CalendarsLike = None,
    against_calendars: CalendarsLike = None,
    plan: str | Any = "plan",
    severity: str | Any = "severity",
    created: str | Any = "created_at",
    responded: str | Any | None = None,
    now: datetime | None = None,
    events: pd.DataFrame | Mapping[str, Any] | None = None,
    ticket: str | Any = "ticket_id",
    at_risk: float | Fraction | Decimal = 0.75,
    by: str | Sequence[str] | None = ("plan", "severity"),
    assume_tz: str | None = None,
    errors: Errors = "raise",
) -> PolicyComparison:
    """The deadlines and states of a table of tickets under two policies (or calendars).

    Each side is `first_response_deadlines` of the same table: the
    first with ``policy`` and ``calendar`` (or ``zone`` and ``calendars``),
    the second with ``against`` and ``against_calendar`` (or
    ``against_calendars``), each defaulting to the first side's. Give a
    draft policy as ``against`` to see what publishing it would do, a
    calendar with new holidays as ``against_calendar`` to see what those
    would do.

    Args:
        data: the tickets, as for `first_response_deadlines`.
        policy: the policy in force (default: the built-in one).
        against: the policy to compare with (default: ``policy``).
        calendar: the calendar, or a zone name (or give ``zone``).
        against_calendar: the calendar to compare with (default: ``calendar``).
        zone: per-row zones, as for `first_response_deadlines`.
        calendars: with ``zone``, the calendar of each zone.
        against_calendars: with ``zone``, the other side's (default: ``calendars``).
        plan: the plan column, as for `first_response_deadlines`.
        severity: the severity column, likewise.
        created: the creation column, likewise.
        responded: optionally, first-response times: each side then has a state.
        now: with ``responded``, judge unanswered tickets at this instant.
        events: the tickets' histories, as for `first_response_deadlines`.
        ticket: with ``events``, the ticket id column.
        at_risk: with ``now``, the at-risk share.
        by: the grouping columns of the summary (default plan and severity),
            or None for one group.
        assume_tz: as for `first_response_deadlines`.
        errors: ``"raise"`` (default) or ``"coerce"``: a row bad on either
            side is left out of the summary, with its ``error``.

    Returns:
        A `PolicyComparison`.

    Examples:
        >>> import dataclasses
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> import pandas as pd
        >>> from connected_care_sla import ResponseTarget, connected_care_policy
        >>> shanghai = ZoneInfo("Asia/Shanghai")
        >>> tickets = pd.DataFrame({
        ...     "plan": ["Developer", "Developer", "Premium"],
        ...     "severity": ["S3", "S3", "S3"],
        ...     "created_at": [datetime(2025, 6, 9, 9, 0, tzinfo=shanghai)] * 3,
        ... })
        >>> current = connected_care_policy()
        >>> table = [list(row) for row in current.response_table]
        >>> table[1][2] = ResponseTarget("10h", "business")  # Developer S3: 12 -> 10 business hours
        >>> draft = dataclasses.replace(current, response_table=tuple(map(tuple, table)))
        >>> result = compare(tickets, calendar="Asia/Shanghai", against=draft)
        >>> result.tickets["change"].tolist()
        ['earlier by 2h', 'earlier by 2h', '']
        >>> result.table[["tickets", "earlier", "unchanged"]]  # doctest: +NORMALIZE_WHITESPACE
                            tickets  earlier  unchanged
        plan      severity
        Developer S3              2        2          0
        Premium   S3              1        0          1

    Raises:
        As `first_response_deadlines`; `InvalidTableError` for a
        ``by`` column the table lacks.
    """
    require()
    import numpy as np
    import pandas as pd

    frame = as_frame(data)
    common: dict[str, Any] = {
        "plan": plan,
        "severity": severity,
        "created": created,
        "responded": responded,
        "now": now,
        "assume_tz": assume_tz,
        "errors": errors,
        "at_risk": at_risk,
    }
    if events is not None:
        common.update(events=events, ticket=ticket)
    if calendar is not None or zone is None:
        old_where: dict[str, Any] = {"calendar": calendar}
        new_where: dict[str, Any] = {
            "calendar": calendar if against_calendar is None else against_calendar
        }
    else:
        old_where = {"zone": zone, "calendars": calendars}
        new_where = {
            "zone": zone,
            "calendars": calendars if against_calendars is None else against_calendars,
        }
    old = first_response_deadlines(frame, policy=policy, **old_where, **common)
    new = first_response_deadlines(
        frame, policy=policy if against is None else against, **new_where, **common
    )
    base = old[[c for c in old.columns if c not in _OUTPUT]]
    out = base.copy(deep=False)
    for side, table in (("old", old), ("new", new)):
        for column in ("deadline", "target", "state"):
            if column in table.columns:
                out[f"{column}_{side}"] = (
                    table[column].to_numpy() if column != "state" else (table[column].array)
                )
    old_us = _us(old["deadline"])
    new_us = _us(new["deadline"])
    both = (old_us != NAT) & (new_us != NAT)
    moved = np.where(both, new_us - np.where(both, old_us, 0), NAT)
    out["moved"] = pd.array(moved.view("m8[us]"))
    if "state" in old.columns:
        differ = (old["state"].astype(object) != new["state"].astype(object)).to_numpy(bool)
        present = old["state"].notna().to_numpy(bool) & new["state"].notna().to_numpy(bool)
        changed = differ & present
    else:
        changed = np.zeros(len(out), dtype=bool)
    out["state_changed"] = changed
    bad = np.zeros(len(out), dtype=bool)
    if errors == "coerce":
        error = old["error"].fillna(new["error"])
        bad = error.notna().to_numpy(bool)
        out["error"] = error
    out["change"] = _changes(old, new, old_us, new_us, moved, changed, bad)
    keys = _by(by, out)
    table = _summary(out, old_us, new_us, moved, bad, keys)
    return PolicyComparison(tickets=out, table=table, by=keys)


def _us(column: pd.Series) -> Any:
    import numpy as np

    values = column
    if values.dtype == object:  # tz="local": Timestamps of several zones
        import pandas as pd

        values = pd.to_datetime(values, utc=True)
    return values.to_numpy(dtype="M8[us]").astype(np.int64)


def _changes(
    old: pd.DataFrame,
    new: pd.DataFrame,
    old_us: Any,
    new_us: Any,
    moved: Any,
    changed: Any,
    bad: Any,
) -> Any:
    """What changed per row, in words ("" when nothing did; missing on a bad row)."""
    import pandas as pd

    old_states = old["state"].astype(object).tolist() if "state" in old.columns else None
    new_states = new["state"].astype(object).tolist() if "state" in new.columns else None
    texts: list[str | None] = []
    for row in range(len(old_us)):
        if bad[row]:
            texts.append(None)
            continue
        parts = []
        if old_us[row] == NAT and new_us[row] != NAT:
            parts.append("target gained")
        elif old_us[row] != NAT and new_us[row] == NAT:
            parts.append("no target any more")
        elif old_us[row] != NAT and moved[row] != 0:
            amount = format_duration(timedelta(microseconds=abs(int(moved[row]))))
            parts.append(f"{'later' if moved[row] > 0 else 'earlier'} by {amount}")
        if changed[row] and old_states is not None and new_states is not None:
            parts.append(f"{old_states[row]} -> {new_states[row]}")
        texts.append("; ".join(parts))
    return pd.array(texts, dtype=pd.StringDtype())


def _by(by: str | Sequence[str] | None, tickets: pd.DataFrame) -> tuple[str, ...]:
    if by is not None and not isinstance(by, (str, Sequence)):
        raise TableTypeError(
            argument="by", value=by, expected="a column name, a sequence of names, or None"
        )
    keys: tuple[str, ...] = () if by is None else (by,) if isinstance(by, str) else tuple(by)
    for key in keys:
        if key not in tickets.columns:
            raise InvalidTableError(
                f"by= names {shown(key)}, which is not a column of the table",
                argument="by",
                value=key,
            )
    return keys


def _summary(
    tickets: pd.DataFrame, old_us: Any, new_us: Any, moved: Any, bad: Any, by: tuple[str, ...]
) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    good = ~bad
    has_old, has_new = old_us != NAT, new_us != NAT
    rows = pd.DataFrame(
        {
            "tickets": good,
            "state_changed": tickets["state_changed"].to_numpy(bool) & good,
            "later": good & has_old & has_new & (moved > 0),
            "earlier": good & has_old & has_new & (moved < 0) & (moved != NAT),
            "unchanged": good & ((has_old & has_new & (moved == 0)) | (~has_old & ~has_new)),
            "target_gained": good & ~has_old & has_new,
            "target_lost": good & has_old & ~has_new,
            "moved": np.where(good & has_old & has_new, moved, NAT),
        }
    )
    if by:
        for key in by:
            rows[key] = tickets[key].array
        rows = rows[good]
        grouped = rows.groupby(list(by), observed=True, sort=True, dropna=False)
    else:
        rows = rows[good]
        rows["group"] = "all tickets"
        grouped = rows.groupby("group", sort=False)
    counts = list(SUMMARY_COLUMNS[:7])
    table = grouped[counts].sum().astype(np.int64)
    moves = grouped["moved"]
    table["most_later"] = moves.agg(lambda v: _extreme(v, later=True))
    table["most_earlier"] = moves.agg(lambda v: _extreme(v, later=False))
    table["median_moved"] = moves.agg(_median)
    for column in ("most_later", "most_earlier", "median_moved"):
        table[column] = pd.array(table[column].to_numpy(dtype=np.int64).view("m8[us]"))
    if not by:
        table.index.name = None
    return table[list(SUMMARY_COLUMNS)]


def _extreme(values: Any, *, later: bool) -> int:
    import numpy as np

    v = values.to_numpy(dtype=np.int64)
    v = v[v != NAT]
    v = v[v > 0] if later else v[v < 0]
    if not len(v):
        return NAT
    return int(v.max() if later else v.min())


def _median(values: Any) -> int:
    """The median move, exact: of an even count, the mean of the middle two rounded down."""
    import numpy as np

    v = np.sort(values.to_numpy(dtype=np.int64))
    v = v[v != NAT]
    if not len(v):
        return NAT
    middle = len(v) // 2
    if len(v) % 2:
        return int(v[middle])
    return (int(v[middle - 1]) + int(v[middle])) // 2
