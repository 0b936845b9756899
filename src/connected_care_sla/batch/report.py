"""First-response compliance per group: :func:`compliance` and its :class:`ComplianceReport`.

The report counts the tickets of each group that met, missed or still wait
for their target, and summarises the margins of the answered ones. The
per-row states come from :func:`~.deadlines.first_response_deadlines`, which
:func:`compliance` calls again when given the column of response times.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from .._text import shown
from ..deadlines import CalendarLike
from ..exceptions import InvalidTableError, TableTypeError
from ..policy import PolicyLike, format_duration
from . import runs
from ._extra import require
from .calendars import CalendarsLike
from .columns import as_frame
from .deadlines import first_response_deadlines
from .instants import NAT
from .plot import compliance_figure
from .problems import Errors

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["ComplianceReport", "compliance"]

_SUMMARY_COLUMNS: Final = (
    "tickets",
    "met",
    "missed",
    "open",
    "compliance_pct",
    "median_margin",
    "p95_margin",
)


@dataclass(frozen=True, eq=False)
class ComplianceReport:
    """First-response compliance of a table of tickets, per group.

    Attributes:
        table: one row per group (indexed by the ``by`` columns) with

            * ``tickets``: tickets with a target (Basic and bad rows are left out);
            * ``met``, ``missed``, ``open``: how many are in each state;
            * ``compliance_pct``: ``100 * met / (met + missed)``, NaN when
              none is decided yet;
            * ``median_margin``: the median ``margin`` of answered tickets;
            * ``p95_margin``: the margin that 95% of answered tickets kept or
              beat (the 5th percentile of margins; negative: the slowest 5%
              were late by at least that much). Margins are on each target's
              own clock: business time for business-hour targets.
        tickets: the per-row table the report was built from (with
            ``deadline``, ``target``, ``taken``, ``margin`` and ``state``).
        by: the grouping columns.
    """

    table: pd.DataFrame
    tickets: pd.DataFrame
    by: tuple[str, ...]

    def __repr__(self) -> str:
        decided = int(self.table["met"].sum() + self.table["missed"].sum())
        overall = (
            "no ticket decided yet"
            if decided == 0
            else f"overall {100 * int(self.table['met'].sum()) / decided:.1f}% met"
        )
        grouping = ", ".join(self.by) if self.by else "all tickets"
        return (
            f"ComplianceReport({len(self.table)} group{'s' if len(self.table) != 1 else ''} "
            f"by {grouping}; {int(self.table['tickets'].sum()):,} tickets, {overall})"
        )

    def formatted(self) -> pd.DataFrame:
        """The table for reading: percentages to one decimal, margins as ``1h30m``."""
        shown = self.table.copy()
        shown["compliance_pct"] = [
            "n/a" if math.isnan(v) else f"{v:.1f}" for v in self.table["compliance_pct"]
        ]
        for column in ("median_margin", "p95_margin"):
            shown[column] = [_compact(v) for v in self.table[column]]
        return shown

    def __str__(self) -> str:
        return str(self.formatted().to_string())

    def _repr_html_(self) -> str:
        from html import escape

        caption = escape(repr(self))
        return (
            f"<div><p><strong>First-response compliance</strong>: {caption[17:-1]}</p>"
            f"{self.formatted().to_html()}</div>"
        )

    def plot(self) -> Figure:
        """A matplotlib figure: compliance per group, and response time against target.

        Left, a bar per group: the share of decided tickets that met their
        target. Right, answered tickets' ``taken`` as a percentage of their
        target (box: quartiles; whiskers: 5th to 95th percentile), with the
        target at 100%. No pyplot state is touched: save it with
        ``figure.savefig(path)``; a notebook shows it as it is.

        Raises:
            MissingExtraError: matplotlib is not installed.
        """
        require(plots=True)
        _, grouped = _grouped(self.tickets, self.by)
        return compliance_figure(self.table, grouped["share"], self.by)


def _compact(value: object) -> str:
    import pandas as pd

    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return format_duration(pd.Timedelta(value).to_pytimedelta())


def compliance(
    data: pd.DataFrame,
    *,
    responded: str | Any | None = None,
    by: str | Sequence[str] | None = ("plan", "severity"),
    now: datetime | None = None,
    calendar: CalendarLike | None = None,
    zone: str | Any | None = None,
    calendars: CalendarsLike = None,
    policy: PolicyLike | None = None,
    plan: str | Any | None = None,
    severity: str | Any | None = None,
    created: str | Any | None = None,
    assume_tz: str | None = None,
    errors: Errors | None = None,
) -> ComplianceReport:
    """First-response compliance per group: met, missed, open, compliance and margins.

    ``data`` is a table from :func:`first_response_deadlines`. With
    ``responded`` (the column of first-response times), each ticket is measured
    as :func:`first_response_deadlines` does with that argument, using the
    calendar, policy and columns it was computed with (kept for this process
    in the table's ``attrs``; pass them again to override, or when the table
    came from elsewhere, e.g. another process or a file). Without
    ``responded``, ``data`` must already hold ``taken``, ``margin`` and
    ``state`` (from ``first_response_deadlines(..., responded=...)``, the CLI
    ``batch`` command, or Dask/Spark partitions).

    Args:
        data: the per-row table.
        responded: the column (or array) of first-response times; missing
            values mean no response yet.
        by: the grouping columns (names), or None for one group of all tickets.
            For a month column, add one first, e.g.
            ``out["month"] = out["created_at"].dt.strftime("%Y-%m")``.
        now: judge unanswered tickets at this instant: past their deadline
            they are ``missed``; otherwise (and without ``now``) ``open``.
        calendar: as for :func:`first_response_deadlines`; by default, as the
            table was computed. The same holds for ``zone``, ``calendars``,
            ``policy``, ``plan``, ``severity``, ``created``, ``assume_tz`` and
            ``errors``.
        zone: see ``calendar``.
        calendars: see ``calendar``.
        policy: see ``calendar``.
        plan: see ``calendar``.
        severity: see ``calendar``.
        created: see ``calendar``.
        assume_tz: see ``calendar``.
        errors: see ``calendar``.

    Returns:
        A :class:`ComplianceReport`; ``report.table`` is sorted by group.
    """
    require()
    frame = as_frame(data)
    if responded is None:
        if now is not None:
            raise InvalidTableError(
                "now= needs responded=: without it, the states already in the table are "
                "used as they were computed",
                argument="now",
                value=now,
            )
        missing = [c for c in ("target", "taken", "margin", "state") if c not in frame.columns]
        if missing:
            raise InvalidTableError(
                f"the table has no {', '.join(missing)} column; pass responded= (the column "
                f"of first-response times), or compute them with "
                f"first_response_deadlines(..., responded=...)",
                argument="data",
            )
        tickets = frame
    else:
        options = runs.recall(frame)
        given = {
            "calendar": calendar,
            "zone": zone,
            "calendars": calendars,
            "policy": policy,
            "plan": plan,
            "severity": severity,
            "created": created,
            "assume_tz": assume_tz,
            "errors": errors,
        }
        if calendar is not None or zone is not None:
            options.pop("calendar", None)
            options.pop("zone", None)
        options.update({k: v for k, v in given.items() if v is not None})
        if options.get("calendar") is None and options.get("zone") is None:
            raise InvalidTableError(
                "compliance needs the calendar the deadlines were computed with, and this "
                "table does not carry it (it was not computed in this process); pass "
                "calendar= (or zone= for per-row zones) and any policy= used",
                argument="calendar",
            )
        for name, default in (
            ("plan", "plan"),
            ("severity", "severity"),
            ("created", "created_at"),
        ):
            if options.get(name) is None:
                options[name] = default
        if options.get("errors") is None:
            options["errors"] = "raise"
        tickets = first_response_deadlines(frame, responded=responded, now=now, **options)
    keys = _by(by, tickets)
    return ComplianceReport(table=_summary(tickets, keys), tickets=tickets, by=keys)


def _by(by: str | Sequence[str] | None, tickets: pd.DataFrame) -> tuple[str, ...]:
    """The grouping columns of ``by=``, checked against the table."""
    if by is not None and not isinstance(by, (str, Iterable)):
        raise TableTypeError(
            argument="by",
            value=by,
            expected="a column name, a sequence of column names, or None",
        )
    keys: tuple[str, ...] = () if by is None else (by,) if isinstance(by, str) else tuple(by)
    for key in keys:
        if not isinstance(key, str):
            raise TableTypeError(argument="by", value=key, expected="column names (strings)")
        if key not in tickets.columns:
            raise InvalidTableError(
                f"by= names {shown(key)}, which is not a column of the table; group by column "
                f"names (add a column first for a derived key such as the month)",
                argument="by",
                value=key,
            )
    return keys


def _grouped(tickets: pd.DataFrame, by: tuple[str, ...]) -> tuple[pd.DataFrame, Any]:
    """The tickets with a target (not bad rows), and their groups (sorted by key).

    Per ticket: ``met``, ``missed``, ``open``, ``margin`` and ``share``, the
    time taken as a percentage of the target (NaN when unanswered).
    """
    import numpy as np
    import pandas as pd

    state = tickets["state"]
    decided = state.isin(["met", "missed", "open"]).to_numpy(dtype=bool)
    margin = pd.to_timedelta(tickets["margin"]).array[decided]
    taken = pd.to_timedelta(tickets["taken"]).to_numpy(dtype="m8[us]")[decided].astype(np.int64)
    target = pd.to_timedelta(tickets["target"]).to_numpy(dtype="m8[us]")[decided].astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(taken == NAT, np.nan, 100.0 * taken / np.where(target > 0, target, 1))
    rows = pd.DataFrame(
        {
            "met": (state == "met").to_numpy(dtype=bool)[decided],
            "missed": (state == "missed").to_numpy(dtype=bool)[decided],
            "open": (state == "open").to_numpy(dtype=bool)[decided],
            "margin": margin,
            "share": share,
        }
    )
    for key in by:
        rows[key] = tickets[key].array[decided]
    if by:
        return rows, rows.groupby(list(by), observed=True, sort=True, dropna=False)
    rows["group"] = "all tickets"
    return rows, rows.groupby("group", sort=False)


def _summary(tickets: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    import numpy as np

    _, grouped = _grouped(tickets, by)
    table = grouped[["met", "missed", "open"]].sum().astype(np.int64)
    table.insert(0, "tickets", table.sum(axis=1))
    closed = (table["met"] + table["missed"]).to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        table["compliance_pct"] = np.where(closed > 0, 100 * table["met"] / closed, np.nan)
    table["median_margin"] = grouped["margin"].median()
    table["p95_margin"] = grouped["margin"].quantile(0.05)
    if not by:
        table.index.name = None
    return table[list(_SUMMARY_COLUMNS)]
