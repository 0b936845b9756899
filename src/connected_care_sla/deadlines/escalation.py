"""When a share of a ticket's target is consumed: escalation instants and ladders.

The instant at which a share ``s`` (``0 < s <= 1``) of the target is
consumed is the earliest instant at which the time consumed on the target's
clock (after the changes in force, without paused time) reaches ``s x
target``, rounded up to the whole microsecond; ``s = 1`` is the deadline. A
ticket is at risk from the instant of its at-risk share on, so
[`response_status`][connected_care_sla.response_status] and
[`escalation_instant`][connected_care_sla.escalation_instant] agree to the microsecond.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from ..policy import PlanLike, PolicyLike, SeverityLike
from .history import Change, PauseLike
from .ticket import CalendarLike, _open_ticket, _share_amount, _threshold, _with_history

__all__ = ["escalation_instant", "escalation_ladder"]

Share = float | Fraction | Decimal | int


def escalation_instant(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    share: Share,
    *,
    policy: PolicyLike | None = None,
    changes: Iterable[Change] = (),
    pauses: Iterable[PauseLike] = (),
) -> datetime | None:
    """The earliest instant at which ``share`` of the target is consumed, or None without one.

    ``share`` is a number in ``(0, 1]``: ``1`` is the deadline, ``0.75`` the
    instant a ticket turns at risk by default. A float is read as the decimal
    it prints as (``0.8`` is 4/5). The time consumed is counted on the
    target's own clock, as for
    [`first_response_deadline`][connected_care_sla.first_response_deadline] (whose ``changes`` and
    ``pauses`` these are), and the instant is rounded up to the whole microsecond.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> created = datetime(2025, 6, 6, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Friday
        >>> escalation_instant("developer", "S2", created, "Asia/Shanghai", 0.5).isoformat()
        '2025-06-06T13:00:00+08:00'
        >>> escalation_instant("basic", "S2", created, "Asia/Shanghai", 0.5) is None
        True

    Raises:
        InvalidThresholdError: ``share`` is not a number in ``(0, 1]`` (with or
            without a target).
        OngoingPauseError: a pause has no end; ask
            [`response_status`][connected_care_sla.response_status].
        SlaError: otherwise, what
            [`first_response_deadline`][connected_care_sla.first_response_deadline] raises.
    """
    fraction = _threshold(share, "share")
    ticket = _open_ticket(plan, severity, created_at, calendar, policy)
    ticket = _with_history(ticket, created_at, changes, pauses, question="an escalation instant")
    if ticket.target is None:
        return None
    return ticket.at(ticket.reached(_share_amount(fraction, ticket.target)))


def escalation_ladder(
    plan: PlanLike,
    severity: SeverityLike,
    created_at: datetime,
    calendar: CalendarLike,
    *,
    shares: Iterable[Share] = (0.5, 0.75, 0.9, 1),
    policy: PolicyLike | None = None,
    changes: Iterable[Change] = (),
    pauses: Iterable[PauseLike] = (),
) -> tuple[datetime, ...] | None:
    """The escalation instants of several shares, one per share in the order given.

    Each is [`escalation_instant`][connected_care_sla.escalation_instant] of its share (the history
    is read once); instants never go back as the share grows, so increasing shares
    give instants in time order. None without a target.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> created = datetime(2025, 6, 6, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> ladder = escalation_ladder("developer", "S2", created, "Asia/Shanghai")
        >>> print(", ".join(t.strftime("%a %H:%M") for t in ladder))
        Fri 13:00, Fri 15:00, Fri 16:12, Fri 17:00

    Raises:
        SlaError: what [`escalation_instant`][connected_care_sla.escalation_instant] raises.
    """
    fractions = [_threshold(share, "share") for share in shares]
    ticket = _open_ticket(plan, severity, created_at, calendar, policy)
    ticket = _with_history(ticket, created_at, changes, pauses, question="an escalation ladder")
    target = ticket.target
    if target is None:
        return None
    return tuple(ticket.at(ticket.reached(_share_amount(f, target))) for f in fractions)
