"""Where a ticket's first response stands at ``now``: `response_status`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Any

from .._exact import floored_percent, percent_text
from .._instants import duration_us, to_us, us_to_timedelta
from .._json import duration, instant, number, seconds
from .._text import WEEKDAYS, relative
from ..exceptions import InstantsOutOfOrderError
from ..policy import PlanLike, Policy, PolicyLike, ResponseTarget, SeverityLike, format_duration
from .history import Change, PauseLike, covering
from .text import when
from .ticket import CalendarLike, _open_ticket, _threshold, _with_history

__all__ = ["ResponseStatus", "Status", "response_status"]


class Status(Enum):
    """Where a ticket's first response stands at ``now``."""

    #: Not responded; less than the at-risk share of the target consumed.
    ON_TRACK = "on track"
    #: Not responded; at least the at-risk share consumed, deadline not passed.
    AT_RISK = "at risk"
    #: Not responded and ``now`` is after the deadline.
    BREACHED = "breached"
    #: Responded at or before the deadline.
    MET = "met"
    #: Responded after the deadline.
    MISSED = "missed"
    #: The plan has no response target (Basic).
    NO_TARGET = "no target"

    def __repr__(self) -> str:
        return f"Status.{self.name}"


@dataclass(frozen=True, slots=True)
class ResponseStatus:
    """A ticket's first-response status at one instant (see `response_status`).

    ``consumed`` and ``remaining`` are measured on the target's own clock:
    business time for business-hour targets, elapsed time for wall-clock ones,
    from the instant the target in force counts from (``counts_from``), with
    paused time (``paused``) not counted. The clock stops at the response.
    ``remaining`` is negative once overdue. With no target, the deadline and
    all amounts are None. ``plan`` and ``severity`` are those in force at
    ``now`` (after the changes up to then).

    ``pauses_ignored`` is True when pauses were given but the policy does not
    let the clock pause; ``paused_since`` is the start of the pause that holds
    ``now`` (an ongoing one counts up to ``now``), None when the clock runs.
    """

    state: Status
    plan: str
    severity: str
    target: ResponseTarget | None
    created_at: datetime
    now: datetime
    responded_at: datetime | None
    deadline: datetime | None
    consumed: timedelta | None
    remaining: timedelta | None
    fraction_consumed: Fraction | None
    at_risk: Fraction
    policy: Policy
    counts_from: datetime | None = None
    paused: timedelta | None = None
    paused_since: datetime | None = None
    pauses_ignored: bool = False

    def __repr__(self) -> str:
        if self.deadline is None:
            return f"ResponseStatus({self.state!r}, {self.plan} {self.severity}, no target)"
        assert self.remaining is not None
        assert self.fraction_consumed is not None
        return (
            f"ResponseStatus({self.state!r}, {self.plan} {self.severity}, "
            f"deadline={self.deadline.isoformat()}, remaining={format_duration(self.remaining)}, "
            f"consumed={percent_text(self.fraction_consumed)})"
        )

    @property
    def consumed_pct(self) -> Decimal | None:
        """The share of the target consumed, in percent floored to one decimal; None without
        a target.

        Floored from the exact fraction, so ``100.0`` means the whole target is
        consumed and ``75.0`` that at least three quarters are.

        Examples:
            >>> from zoneinfo import ZoneInfo
            >>> created = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
            >>> later = datetime(2025, 6, 9, 11, 59, 59, 999999, tzinfo=ZoneInfo("Asia/Shanghai"))
            >>> response_status("developer", "S1", created, "Asia/Shanghai", now=later).consumed_pct
            Decimal('99.9')
        """
        return None if self.fraction_consumed is None else floored_percent(self.fraction_consumed)

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-friendly dict: the ``status`` and ``deadline`` commands' ``--json``.

        Instants are ISO 8601 in the calendar's zone with its offset
        (``deadline_utc`` the deadline in UTC, ``+00:00``); durations are
        ``{"microseconds", "seconds", "text"}`` on the target's clock; the
        target as [`ResponseTarget.to_dict`][connected_care_sla.policy.model.ResponseTarget.to_dict]
        gives it. ``seconds_left`` and ``time_left`` are the real time from
        ``now`` to the deadline (negative, "ago", once passed); ``consumed_pct``
        is floored to one decimal.
        ``docs/reference/json.md`` lists every key.

        Returns:
            A dict of strings, numbers, booleans, None, lists and dicts.

        Examples:
            >>> from zoneinfo import ZoneInfo
            >>> created = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
            >>> monday = datetime(2025, 6, 9, 11, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
            >>> status = response_status("developer", "S1", created, "Asia/Shanghai", now=monday)
            >>> data = status.to_dict()
            >>> data["state"], data["deadline"], data["deadline_utc"], data["consumed_pct"]
            ('AT_RISK', '2025-06-09T12:00:00+08:00', '2025-06-09T04:00:00+00:00', 75.0)
            >>> data["remaining"]
            {'microseconds': 3600000000, 'seconds': 3600, 'text': '1h'}
        """
        left = None if self.deadline is None else to_us(self.deadline) - to_us(self.now)
        return {
            "state": self.state.name,
            "state_text": self.state.value,
            "plan": self.plan,
            "severity": self.severity,
            "policy": self.policy.describe(),
            "target": None if self.target is None else self.target.to_dict(),
            "created": instant(self.created_at),
            "now": instant(self.now),
            "responded": instant(self.responded_at),
            "counts_from": instant(self.counts_from),
            "deadline": instant(self.deadline),
            "deadline_utc": None
            if self.deadline is None
            else instant(self.deadline.astimezone(UTC)),
            "weekday": None if self.deadline is None else WEEKDAYS[self.deadline.weekday()],
            "seconds_left": None if left is None else seconds(left),
            "time_left": None if left is None else relative(left),
            "consumed": duration(self.consumed),
            "remaining": duration(self.remaining),
            "consumed_pct": number(self.consumed_pct),
            "fraction_consumed": (
                None if self.fraction_consumed is None else float(self.fraction_consumed)
            ),
            "at_risk": float(self.at_risk),
            "paused": duration(self.paused),
            "paused_since": instant(self.paused_since),
            "pauses_ignored": self.pauses_ignored,
        }

    def _repr_html_(self) -> str:
        """Compact HTML for notebooks (Jupyter calls this)."""
        from ..display import StatusView, status_html

        if self.target is None or self.deadline is None:
            return status_html(
                StatusView(self.state.value, self.plan, self.severity, self.created_at, self.now)
            )
        assert self.remaining is not None
        assert self.fraction_consumed is not None
        view = StatusView(
            self.state.value,
            self.plan,
            self.severity,
            self.created_at,
            self.now,
            target=str(self.target),
            business=self.target.is_business,
            deadline=self.deadline,
            responded_at=self.responded_at,
            remaining_us=duration_us(self.remaining),
            # Floored to the tenth shown, so the card never rounds a miss up to 100.0%.
            consumed=float(floored_percent(self.fraction_consumed)) / 100,
        )
        return status_html(view)

    def __str__(self) -> str:
        head = f"{self.state.value.upper()}: {self.plan} {self.severity}"
        notes = ""
        if self.paused_since is not None:
            notes += f"; paused since {when(self.paused_since)}"
        if self.pauses_ignored:
            notes += "; pauses ignored (this policy does not pause the clock)"
        if self.target is None or self.deadline is None:
            return f"{head}, no first-response target{notes}"
        assert self.consumed is not None
        assert self.remaining is not None
        assert self.fraction_consumed is not None
        return (
            f"{head}, target {self.target}, due {when(self.deadline)}; "
            f"{format_duration(self.consumed)} consumed "
            f"({percent_text(self.fraction_consumed)}), {format_duration(self.remaining)} remaining"
            f"{notes}"
        )


def response_status(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    *,
    now: datetime,
    responded_at: datetime | None = None,
    at_risk: float | Fraction | Decimal = 0.75,
    policy: PolicyLike | None = None,
    changes: Iterable[Change] = (),
    pauses: Iterable[PauseLike] = (),
) -> ResponseStatus:
    """Where a ticket's first response stands at ``now``.

    Nothing reads the system clock: ``now`` is always given.

    * No target (Basic): ``NO_TARGET``.
    * Responded at or before ``now``: ``MET`` when ``responded_at <= deadline``,
      otherwise ``MISSED``. A ``responded_at`` after ``now`` has not happened
      yet at ``now`` and is ignored (the status is as of ``now``).
    * Not responded: ``BREACHED`` when ``now`` is after the deadline; else
      ``AT_RISK`` when at least ``at_risk`` of the target is consumed; else
      ``ON_TRACK``. Without changes, as ``now`` advances a ticket only moves
      forward through ``ON_TRACK``, ``AT_RISK``, ``BREACHED``.

    The history is as of ``now``: the target in force is that of the latest
    change strictly before the response and at or before ``now``; paused time
    counts up to the response and up to ``now`` (an ongoing pause
    ``(start, None)`` counts up to ``now``, and the deadline is the one the
    ticket has if the pause ends then).

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> shanghai = ZoneInfo("Asia/Shanghai")
        >>> created = datetime(2025, 6, 6, 17, 0, tzinfo=shanghai)  # a Friday
        >>> monday = datetime(2025, 6, 9, 11, 0, tzinfo=shanghai)
        >>> status = response_status("developer", "S1", created, "Asia/Shanghai", now=monday)
        >>> status.state, status.remaining, status.consumed
        (Status.AT_RISK, datetime.timedelta(seconds=3600), datetime.timedelta(seconds=10800))

    Raises:
        InvalidInstantError: a naive time, ``now`` before ``created_at``, or
            ``responded_at`` before ``created_at`` (a response cannot precede
            its ticket).
        ValueError: ``at_risk`` is not a number in ``(0, 1]``.
        InvalidHistoryError: changes or pauses refused, as for
            [`first_response_deadline`][connected_care_sla.first_response_deadline].
        UnknownPlanError, UnknownSeverityError, UnknownZoneError, PolicyError:
            as [`first_response_deadline`][connected_care_sla.first_response_deadline].
    """
    threshold = _threshold(at_risk)
    ticket = _open_ticket(plan, severity, created_at, calendar, policy)
    now_us = to_us(now, "now")
    if now_us < ticket.created:
        raise InstantsOutOfOrderError(
            "a status exists only from creation on",
            argument="now",
            value=now,
            earlier_argument="created_at",
            earlier_value=created_at,
        )
    response = None if responded_at is None else to_us(responded_at, "responded_at")
    if response is not None and response < ticket.created:
        raise InstantsOutOfOrderError(
            "check that both carry the right time zone",
            argument="responded_at",
            value=responded_at,
            earlier_argument="created_at",
            earlier_value=created_at,
        )
    if response is not None and response > now_us:
        response = None  # not yet responded as of `now`
    ticket = _with_history(
        ticket, created_at, changes, pauses, responded=response, now=now_us, question="a status"
    )

    paused = None
    if ticket.target is None or ticket.deadline is None:
        # Basic has no response target; a normal answer, not an error.
        state, consumed, fraction = Status.NO_TARGET, None, None
    else:
        until = now_us if response is None else response
        target_us = duration_us(ticket.target.duration)
        consumed = ticket.consumed(until)
        if ticket.pauses:
            assert ticket.clock is not None
            paused = ticket.clock.paused(ticket.start, until, ticket.pauses)
        fraction = Fraction(consumed, target_us)
        if response is not None:
            state = Status.MET if response <= ticket.deadline else Status.MISSED
        elif now_us > ticket.deadline:
            state = Status.BREACHED
        elif fraction >= threshold:
            state = Status.AT_RISK
        else:
            state = Status.ON_TRACK
    since = None
    if response is None and ticket.policy.pausable and ticket.read_pauses:
        since = covering(list(ticket.read_pauses), now_us)
    return ResponseStatus(
        state=state,
        plan=ticket.plan,
        severity=ticket.severity,
        target=ticket.target,
        created_at=ticket.at(ticket.created),
        now=ticket.at(now_us),
        responded_at=None if response is None else ticket.at(response),
        deadline=None if ticket.deadline is None else ticket.at(ticket.deadline),
        consumed=None if consumed is None else us_to_timedelta(consumed),
        remaining=(
            None
            if consumed is None or ticket.target is None
            else ticket.target.duration - us_to_timedelta(consumed)
        ),
        fraction_consumed=fraction,
        at_risk=threshold,
        policy=ticket.policy,
        counts_from=None if ticket.target is None else ticket.at(ticket.start),
        paused=None if consumed is None else us_to_timedelta(paused or 0),
        paused_since=None if since is None else ticket.at(since),
        pauses_ignored=ticket.pauses_ignored,
    )
