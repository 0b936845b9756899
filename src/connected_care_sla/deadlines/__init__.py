"""First-response deadlines, end to end.

The questions about one ticket, one module each:

* `ticket`: [`first_response_deadline`][connected_care_sla.first_response_deadline],
  one ticket opened in integers and its deadline, step by step (read it with
  the calendar engine to follow one deadline);
* `history`: the ticket's life before its
  first response, [`Change`][connected_care_sla.Change] values and pauses, and a clock with pauses;
* `status`: [`response_status`][connected_care_sla.response_status], where
  the first response stands at ``now``;
* `escalation`: [`escalation_instant`][connected_care_sla.escalation_instant]
  and [`escalation_ladder`][connected_care_sla.deadlines.escalation_ladder], when a share of the
  target is consumed;
* [`explanation`][connected_care_sla.deadlines.explanation]:
  [`explanation`][connected_care_sla.explanation], the derivation written out for a support
  engineer.

Examples:
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from connected_care_sla import Plan, Severity
    >>> friday = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> first_response_deadline("developer", "S1", friday, "Asia/Shanghai").isoformat()
    '2025-06-09T12:00:00+08:00'
    >>> first_response_deadline(Plan.BASIC, Severity.S1, friday, "Asia/Shanghai") is None
    True

    A ticket raised from S3 to S1 two business hours in has the S1 target, four
    business hours, counted from its creation (the built-in policy's rule):

    >>> monday = datetime(2025, 6, 9, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> eleven = datetime(2025, 6, 9, 11, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> raised = Change(eleven, severity="S1")
    >>> first_response_deadline("developer", "S3", monday, "Asia/Shanghai", changes=[raised])
    datetime.datetime(2025, 6, 9, 13, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
"""

from __future__ import annotations

from .escalation import escalation_instant, escalation_ladder
from .explanation import (
    ChangeNote,
    Explanation,
    OffsetChange,
    OverrideNote,
    PassedDay,
    PauseNote,
    explanation,
)
from .history import Change, History, PauseLike
from .status import ResponseStatus, Status, response_status
from .ticket import CalendarLike, first_response_deadline
from .ticket import _calendar as _calendar
from .ticket import _default_calendar as _default_calendar
from .ticket import _open_ticket as _open_ticket
from .ticket import _policy_on as _policy_on
from .ticket import _threshold as _threshold

__all__ = [
    "CalendarLike",
    "Change",
    "ChangeNote",
    "Explanation",
    "History",
    "OffsetChange",
    "OverrideNote",
    "PassedDay",
    "PauseLike",
    "PauseNote",
    "ResponseStatus",
    "Status",
    "escalation_instant",
    "escalation_ladder",
    "explanation",
    "first_response_deadline",
    "response_status",
]

# The private names above are used by batch (the calendar of a row, one default
# calendar per zone, the policy version of a date) and by tests.
