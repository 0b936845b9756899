"""The ``deadline`` and ``status`` commands: one ticket at a time.

``deadline`` answers "by when must support first respond?" (with
``--explain``, how that deadline was derived); ``status`` says where a
ticket's first response stands at an instant: on track, at risk, breached,
met, missed, or no target.
"""

from __future__ import annotations

import argparse
from typing import Any

from .._instants import to_us
from .._text import WEEKDAYS, relative, rounded_words
from ..calendar import BusinessCalendar
from ..deadlines import ResponseStatus, Status, explanation, response_status
from ..policy import Clock, format_duration
from . import arguments
from .arguments import (
    TIME_HELP,
    add_calendar_options,
    add_json_option,
    add_plan_arguments,
    add_policy_option,
    calendar_from_args,
    parse_severity,
    parse_share,
    parse_time,
    policy_from_args,
)
from .output import (
    calendar_json,
    calendar_line,
    collecting_warnings,
    day_and_weekday,
    duration_json,
    emit,
    iso,
    print_json,
    seconds,
    target_json,
    utc_text,
    warn,
)

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``deadline`` and ``status`` commands to the main parser's subparsers."""
    deadline = subparsers.add_parser(
        "deadline",
        help="by when must support first respond?",
        description="Print the first-response deadline of a ticket: ISO 8601 in the zone, "
        "the weekday, and the time left from now.",
    )
    add_plan_arguments(deadline)
    deadline.add_argument(
        "--created",
        default="now",
        metavar="TIME",
        help=f"ticket creation: {TIME_HELP}; default now",
    )
    deadline.add_argument(
        "--now", metavar="TIME", help="the instant the time left is counted from; default now"
    )
    add_calendar_options(deadline)
    add_policy_option(deadline)
    deadline.add_argument(
        "--explain", action="store_true", help="also print how the deadline was derived"
    )
    add_json_option(deadline)
    deadline.set_defaults(func=_cmd_deadline)

    status = subparsers.add_parser(
        "status",
        help="where does a ticket's first response stand?",
        description="Print a ticket's state (on track, at risk, breached, met, missed, no "
        "target), its deadline, and the time remaining or overdue on the target's clock.",
    )
    add_plan_arguments(status)
    status.add_argument(
        "--created", required=True, metavar="TIME", help=f"ticket creation: {TIME_HELP}"
    )
    status.add_argument("--now", metavar="TIME", help="the instant of the status; default now")
    status.add_argument("--responded", metavar="TIME", help="the first response, if any")
    status.add_argument(
        "--at-risk",
        default="0.75",
        metavar="SHARE",
        help="share of the target consumed from which a ticket is at risk; default 0.75",
    )
    add_calendar_options(status)
    add_policy_option(status)
    add_json_option(status)
    status.set_defaults(func=_cmd_status)


def _ticket_json(status: ResponseStatus, cal: BusinessCalendar) -> dict[str, object]:
    """The fields both commands' JSON share: the ticket, its target and its calendar."""
    return {
        "plan": status.plan,
        "severity": status.severity,
        "policy": status.policy.describe(),
        "target": target_json(status.target),
        **calendar_json(cal),
        "created": iso(status.created_at),
    }


# -- deadline -------------------------------------------------------------------------------


def _cmd_deadline(args: argparse.Namespace) -> int:
    cal = calendar_from_args(args)
    clock = arguments._now()
    created = parse_time(args.created, cal.zone, "--created", clock)
    now = clock if args.now is None else parse_time(args.now, cal.zone, "--now", clock)
    policy = policy_from_args(args)
    severity = parse_severity(args.severity)
    with collecting_warnings() as warned:
        # A status at creation resolves the plan, severity, policy version and deadline.
        status = response_status(args.plan, severity, created, cal, now=created, policy=policy)
        text = (
            str(explanation(args.plan, severity, created, cal, policy=policy))
            if args.explain
            else None
        )
    deadline = status.deadline
    left = None if deadline is None else to_us(deadline) - to_us(now)
    if args.json:
        data: dict[str, object] = {
            "command": "deadline",
            **_ticket_json(status, cal),
            "now": now.astimezone(cal.zone).isoformat(),
            "deadline": iso(deadline),
            "deadline_utc": None if deadline is None else utc_text(deadline),
            "weekday": None if deadline is None else WEEKDAYS[deadline.weekday()],
            "seconds_left": None if left is None else seconds(left),
            "time_left": None if left is None else relative(left),
        }
        if text is not None:
            data["explanation"] = text
        data["warnings"] = warned
        print_json(data)
    else:
        cell = f"{status.plan} {status.severity} = {status.target or 'none'}"
        if deadline is None or left is None:
            first = f"deadline   none: {status.plan} has no first-response target"
        else:
            first = f"deadline   {day_and_weekday(deadline)}, {relative(left)}"
        lines = [
            first,
            f"target     {cell}",
            f"created    {day_and_weekday(status.created_at)}",
            f"calendar   {calendar_line(cal)}",
            f"policy     {status.policy.describe()}",
        ]
        if text is not None:
            lines += ["", *text.splitlines()]
        emit(lines)
    warn(warned)
    return 0


# -- status ---------------------------------------------------------------------------------


def _cmd_status(args: argparse.Namespace) -> int:
    cal = calendar_from_args(args)
    clock = arguments._now()
    created = parse_time(args.created, cal.zone, "--created", clock)
    now = clock if args.now is None else parse_time(args.now, cal.zone, "--now", clock)
    responded = (
        None
        if args.responded is None
        else parse_time(args.responded, cal.zone, "--responded", clock)
    )
    policy = policy_from_args(args)
    with collecting_warnings() as warned:
        status = response_status(
            args.plan,
            parse_severity(args.severity),
            created,
            cal,
            now=now,
            responded_at=responded,
            at_risk=parse_share(args.at_risk),
            policy=policy,
        )
    if args.json:
        print_json(
            {
                "command": "status",
                "state": status.state.name,
                "state_text": status.state.value,
                **_ticket_json(status, cal),
                "now": iso(status.now),
                "responded": iso(status.responded_at),
                "deadline": iso(status.deadline),
                "consumed": duration_json(status.consumed),
                "remaining": duration_json(status.remaining),
                "fraction_consumed": (
                    None if status.fraction_consumed is None else float(status.fraction_consumed)
                ),
                "at_risk": float(status.at_risk),
                "warnings": warned,
            }
        )
    else:
        emit(_status_lines(status, cal))
    warn(warned)
    return 0


def _status_lines(status: ResponseStatus, cal: BusinessCalendar) -> list[str]:
    head = f"{status.state.value.upper()}: {status.plan} {status.severity}"
    if status.target is None or status.deadline is None:
        return [
            f"{head}, no first-response target",
            f"created    {day_and_weekday(status.created_at)}",
            f"now        {day_and_weekday(status.now)}",
            f"policy     {status.policy.describe()}",
        ]
    assert status.remaining is not None
    assert status.fraction_consumed is not None
    clock = "business time" if status.target.clock is Clock.BUSINESS else "wall-clock time"
    lines = [
        f"{head}, target {status.target}",
        f"created    {day_and_weekday(status.created_at)}",
        f"now        {day_and_weekday(status.now)}",
    ]
    deadline_us = to_us(status.deadline)
    if status.responded_at is None:
        lines.append(
            f"deadline   {day_and_weekday(status.deadline)}, "
            f"{relative(deadline_us - to_us(status.now))}"
        )
    else:
        gap = deadline_us - to_us(status.responded_at)
        when = (
            "at the deadline"
            if gap == 0
            else f"{rounded_words(gap)} {'before' if gap > 0 else 'after'} the deadline"
        )
        lines.append(f"responded  {day_and_weekday(status.responded_at)}, {when}")
        lines.append(f"deadline   {day_and_weekday(status.deadline)}")
    share = f"{float(status.fraction_consumed) * 100:.1f}% of the target consumed"
    amount = format_duration(abs(status.remaining))
    if status.state is Status.BREACHED or status.state is Status.MISSED:
        lines.append(f"overdue    {amount} of {clock} ({share})")
    elif status.state is Status.MET:
        lines.append(f"to spare   {amount} of {clock} ({share})")
    else:
        lines.append(f"remaining  {amount} of {clock} ({share})")
    lines.append(f"calendar   {calendar_line(cal)}")
    lines.append(f"policy     {status.policy.describe()}")
    return lines
