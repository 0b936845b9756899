"""First-response compliance per group: `compliance` and its `ComplianceReport`.

The report counts the tickets of each group that met, missed or still wait
for their target, and summarises the margins of the answered ones. The
per-row states come from
[`first_response_deadlines`][connected_care_sla.batch.first_response_deadlines], which
[`compliance`][connected_care_sla.batch.compliance] calls again when given the column of response
times.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final

from .._json import versions
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
from .problems import Errors
from .summary import compliance_percent, group_summary, key_value, summary_dict
from .tables import Table, of_kind, pandas_frame, pandas_table

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
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
            * ``compliance_pct``: ``100 * met / (met + missed)`` floored to one
              decimal from the exact counts (a group with a miss never shows
              100.0), NaN when none is decided yet;
            * ``median_margin``: the median ``margin`` of answered tickets (of
              an even count, the mean of the middle two rounded down to the
              microsecond);
            * ``p95_margin``: the margin that at least 95% of answered tickets
              kept or beat (the nearest-rank 5th percentile: one ticket's own
              margin; negative: the slowest 5% were late by at least that
              much). Margins are exact durations (``timedelta64[us]``) on each
              target's own clock: business time for business-hour targets.
        tickets: the per-row table the report was built from (with
            ``deadline``, ``target``, ``taken``, ``margin`` and ``state``).
        by: the grouping columns.
        versions: the releases of this library, ``holidays`` and the zone data
            the report was computed with (an upgrade can change answers).
    """

    table: pd.DataFrame
    tickets: pd.DataFrame
    by: tuple[str, ...]
    versions: Mapping[str, str | None] = field(default_factory=versions)

    @cached_property
    def _table(self) -> pd.DataFrame:
        """The report's ``table`` as pandas, indexed by group, whatever its kind (read once)."""
        return pandas_table(self.table, self.by)

    @cached_property
    def _tickets(self) -> pd.DataFrame:
        """The report's ``tickets`` as pandas, whatever their kind (read once)."""
        return pandas_frame(self.tickets)[0]

    def __repr__(self) -> str:
        met = int(self._table["met"].sum())
        share = compliance_percent(met, met + int(self._table["missed"].sum()))
        overall = "no ticket decided yet" if share is None else f"overall {share}% met"
        grouping = ", ".join(self.by) if self.by else "all tickets"
        count = int(self._table["tickets"].sum())
        return (
            f"ComplianceReport({len(self._table)} group{'s' if len(self._table) != 1 else ''} "
            f"by {grouping}; {count:,} ticket{'s' if count != 1 else ''}, {overall})"
        )

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-friendly dict: the ``report`` command's ``--json``.

        ``groups`` has one entry per row of `table`, its ``group`` the
        values of the ``by`` columns; ``overall`` the same numbers for all
        tickets together. Percentages are floored to one decimal (null when
        none is decided); margins are ``{"microseconds", "seconds", "text"}``
        (null when none is answered). ``docs/reference/json.md`` lists every key.

        Returns:
            ``{"by", "groups", "overall", "versions"}``.
        """
        import pandas as pd

        groups = []
        for label, row in self._table.iterrows():
            values = label if isinstance(label, tuple) else (label,)
            key = dict(zip(self.by, map(key_value, values), strict=True)) if self.by else {}
            groups.append({"group": key, **summary_dict(row)})
        rows, everything = _grouped(self._tickets, ())
        total = group_summary(rows, everything)
        overall = (
            summary_dict(total.iloc[0])
            if len(total)
            else summary_dict(
                {"tickets": 0, "met": 0, "missed": 0, "open": 0}
                | {"median_margin": pd.NaT, "p95_margin": pd.NaT}
            )
        )
        return {
            "by": list(self.by),
            "groups": groups,
            "overall": overall,
            "versions": dict(self.versions),
        }

    def formatted(self) -> pd.DataFrame:
        """The table for reading: percentages to one decimal, margins as ``1h30m``."""
        shown = self._table.copy()
        shown["compliance_pct"] = [
            "n/a" if math.isnan(v) else f"{v:.1f}" for v in self._table["compliance_pct"]
        ]
        for column in ("median_margin", "p95_margin"):
            shown[column] = [_compact(v) for v in self._table[column]]
        return shown

    def __str__(self) -> str:
        return str(self.formatted().to_string())

    def _repr_html_(self) -> str:
        """The table and, when matplotlib is installed, its figure as an embedded PNG."""
        from html import escape

        caption = escape(repr(self))
        picture = ""
        try:
            from .plot import png_data_uri
        except ImportError:  # no matplotlib: the table alone
            pass
        else:
            figure = self.plot()
            width = round(float(figure.get_size_inches()[0]) * 100)
            picture = (
                f'<img src="{png_data_uri(figure)}" alt="{caption}" '
                f'style="max-width:100%;width:{width}px">'
            )
        return (
            f"<div><p><strong>First-response compliance</strong>: {caption[17:-1]}</p>"
            f"{self.formatted().to_html()}{picture}</div>"
        )

    def plot(
        self, ax: Axes | None = None, *, title: str | None = None, goal: float | None = None
    ) -> Figure:
        """A matplotlib figure of the report, which a notebook shows as an image.

        Grouped by ordinary columns (plan, severity, zone), a bar per group:
        the share of decided tickets that met their target, green at or
        above ``goal``, amber up to 15 points below it, red further below,
        grey when none is decided yet; the goal is a dashed line. Beside it,
        answered tickets' time taken as a percentage of their target (box:
        quartiles; whiskers: 5th to 95th percentile), the target at 100%.

        Grouped by a column of periods as well (months ``2025-06``, weeks
        ``2025-W23``, days, quarters, or pandas periods or timestamps), a
        trend: compliance per period, a line per group of the other
        columns, over the same bands, and the missed tickets per period.

        Percentages written on the figure are floored to one decimal from
        the exact counts: a group with a miss never shows 100.0. No pyplot
        state is touched and no ``%matplotlib`` line is needed: the figure
        shows itself in Jupyter as a PNG image; save it with
        ``figure.savefig(path)``.

        Args:
            ax: draw only the compliance chart (bars, or the trend) into
                these matplotlib axes, e.g. one panel of a figure of yours.
            title: the title; by default "First-response compliance by ..."
                naming the grouping.
            goal: the compliance goal in percent, ``0 < goal <= 100``
                (default 95).

        Returns:
            The figure: a matplotlib ``Figure`` (with ``ax``, the figure that
            holds it).

        Raises:
            MissingExtraError: matplotlib is not installed.
            InvalidThresholdError: ``goal`` is not above 0 and at most 100
                (a [`ThresholdTypeError`][connected_care_sla.exceptions.ThresholdTypeError]
                when it is not a number).

        Examples:
            >>> import pandas as pd
            >>> from connected_care_sla.batch import compliance
            >>> rows = pd.DataFrame({
            ...     "plan": ["Developer"] * 3,
            ...     "month": ["2025-05", "2025-06", "2025-06"],
            ...     "target": pd.to_timedelta(["4h"] * 3),
            ...     "taken": pd.to_timedelta(["1h", "2h", "5h"]),
            ...     "margin": pd.to_timedelta(["3h", "2h", "-1h"]),
            ...     "state": ["met", "met", "missed"],
            ... })
            >>> figure = compliance(rows, by=["plan", "month"]).plot(goal=90)
            >>> figure.axes[0].get_title()
            'Compliance per month'
            >>> figure._repr_png_()[0][:4]
            b'\\x89PNG'
        """
        require(plots=True)
        from .plot import check_goal, compliance_figure

        check_goal(goal)
        _, grouped = _grouped(self._tickets, self.by)
        return compliance_figure(
            self._table, grouped["share"], self.by, ax=ax, title=title, goal=goal
        )


def _compact(value: object) -> str:
    import pandas as pd

    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return format_duration(pd.Timedelta(value).to_pytimedelta())


def compliance(
    data: Table,
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

    ``data`` is a table from
    [`first_response_deadlines`][connected_care_sla.batch.first_response_deadlines]. With
    ``responded`` (the column of first-response times), each ticket is measured as
    [`first_response_deadlines`][connected_care_sla.batch.first_response_deadlines] does with that
    argument, using the calendar, policy and columns it was computed with (kept for this process in
    the table's ``attrs``; pass them again to override, or when the table came from elsewhere, e.g.
    another process or a file). Without ``responded``, ``data`` must already hold ``taken``,
    ``margin`` and ``state`` (from ``first_response_deadlines(..., responded=...)``, the CLI
    ``batch`` command, or Dask/Spark partitions).

    Args:
        data: the per-row table: a pandas DataFrame, a polars DataFrame or a
            pyarrow Table. The report's ``table`` and ``tickets`` are of the
            same kind (a polars or Arrow ``table`` has the ``by`` columns
            first, where pandas has them as its index).
        responded: the column (or array) of first-response times; missing
            values mean no response yet.
        by: the grouping columns (names), or None for one group of all tickets.
            For a month column, add one first, e.g.
            ``out["month"] = out["created_at"].dt.strftime("%Y-%m")``.
        now: judge unanswered tickets at this instant: past their deadline
            they are ``breached`` (counted with ``missed``), otherwise ``on
            track`` or ``at risk`` (counted as ``open``); without ``now``, ``open``.
        calendar: as for
            [`first_response_deadlines`][connected_care_sla.batch.first_response_deadlines]; by
            default, as the table was computed. The same holds for ``zone``, ``calendars``,
            ``policy``, ``plan``, ``severity``, ``created``, ``assume_tz`` and ``errors``.
        zone: see ``calendar``.
        calendars: see ``calendar``.
        policy: see ``calendar``.
        plan: see ``calendar``.
        severity: see ``calendar``.
        created: see ``calendar``.
        assume_tz: see ``calendar``.
        errors: see ``calendar``.

    Returns:
        A [`ComplianceReport`][connected_care_sla.batch.ComplianceReport]; ``report.table`` is
        sorted by group.
    """
    require()
    frame, kind = pandas_frame(data)
    frame = as_frame(frame)
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
                "table does not carry it (a pandas table computed in this process does; a "
                "polars or Arrow table, or one read from a file, does not); pass "
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
    table = _summary(tickets, keys)
    if kind != "pandas":
        table = of_kind(table, kind, index=bool(keys))
        tickets = of_kind(tickets, kind, like=data)
    return ComplianceReport(table=table, tickets=tickets, by=keys)


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
    # With now=, breached counts with missed, and on track and at risk as open.
    missed = state.isin(["missed", "breached"]).to_numpy(dtype=bool)
    waiting = state.isin(["open", "on track", "at risk"]).to_numpy(dtype=bool)
    decided = (state == "met").to_numpy(dtype=bool) | missed | waiting
    margin = pd.to_timedelta(tickets["margin"]).array[decided]
    taken = pd.to_timedelta(tickets["taken"]).to_numpy(dtype="m8[us]")[decided].astype(np.int64)
    target = pd.to_timedelta(tickets["target"]).to_numpy(dtype="m8[us]")[decided].astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(taken == NAT, np.nan, 100.0 * taken / np.where(target > 0, target, 1))
    rows = pd.DataFrame(
        {
            "met": (state == "met").to_numpy(dtype=bool)[decided],
            "missed": missed[decided],
            "open": waiting[decided],
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
    """The report table, in integers: see `summary` for the rules."""
    rows, grouped = _grouped(tickets, by)
    table = group_summary(rows, grouped)
    if not by:
        table.index.name = None
    return table[list(_SUMMARY_COLUMNS)]
