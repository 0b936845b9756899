"""Whole tables at once: deadlines and compliance for pandas DataFrames.

Needs the optional extra ``pip install "connected-care-sla[pandas]"`` (pandas,
numpy, matplotlib). Importing `connected_care_sla` never imports them;
calling a function here without them raises
[`MissingExtraError`][connected_care_sla.exceptions.MissingExtraError], which names that command.

* [`first_response_deadlines`][connected_care_sla.batch.first_response_deadlines] answers
  [`first_response_deadline`][connected_care_sla.first_response_deadline] for every row of a table,
  with exactly the same instants, at millions of rows a second: the response-table cell is looked up
  once per distinct (plan, severity) pair, wall-clock targets are one integer addition, and
  business-hour targets are two binary searches per row in an index of the
  calendar's business windows (`connected_care_sla.calendar.index`). Given a
  column of first-response times, it also measures each answered ticket.
* [`compliance`][connected_care_sla.batch.compliance] groups those rows into a
  [`ComplianceReport`][connected_care_sla.batch.ComplianceReport]: met, missed and open tickets,
  compliance and margins per group, and a plot.

Both are pure functions of one DataFrame, so they run unchanged on the
partitions of a Dask or Spark table (see the how-to guide "Whole tables").

Examples:
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> import pandas as pd
    >>> shanghai = ZoneInfo("Asia/Shanghai")
    >>> tickets = pd.DataFrame({
    ...     "plan": ["Developer", "Premium", "Basic"],
    ...     "severity": ["S1", "S1", "S2"],
    ...     "created_at": [datetime(2025, 6, 6, 17, 0, tzinfo=shanghai)] * 3,
    ...     "first_response_at": [datetime(2025, 6, 9, 13, 0, tzinfo=shanghai), None, None],
    ... })
    >>> out = first_response_deadlines(tickets, calendar="Asia/Shanghai")
    >>> out[["plan", "deadline", "clock"]]
            plan                  deadline     clock
    0  Developer 2025-06-09 12:00:00+08:00  business
    1    Premium 2025-06-06 17:30:00+08:00      wall
    2      Basic                       NaT       NaN
    >>> report = compliance(out, responded="first_response_at", by="plan")
    >>> columns = ["tickets", "met", "missed", "open", "compliance_pct"]
    >>> report.table[columns]  # doctest: +NORMALIZE_WHITESPACE
               tickets  met  missed  open  compliance_pct
    plan
    Developer        1    0       1     0             0.0
    Premium          1    0       0     1             NaN
"""

from __future__ import annotations

# The modules, in the order one table's flow reads them: _extra (the optional
# extra), columns and instants (reading the table), problems (bad rows),
# calendars, targets, responses, deadlines (first_response_deadlines), runs (how
# a table was computed), report and plot (compliance), events (a table of
# ticket histories) and compare (what a policy change would do). None imports
# numpy or pandas at import time.
from . import _extra
from .calendars import CalendarsLike
from .compare import PolicyComparison, compare
from .deadlines import first_response_deadlines
from .events import EVENT_COLUMNS
from .problems import Errors
from .report import ComplianceReport, compliance

__all__ = [
    "EVENT_COLUMNS",
    "CalendarsLike",
    "ComplianceReport",
    "Errors",
    "PolicyComparison",
    "compare",
    "compliance",
    "first_response_deadlines",
]

#: The optional-extra guard; the command line imports it from here.
_require = _extra.require
