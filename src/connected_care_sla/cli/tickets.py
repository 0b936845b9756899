"""The ``deadline`` and ``status`` commands: one ticket at a time.

``deadline`` answers "by when must support first respond?" (with
``--explain``, how that deadline was derived); ``status`` says where a
ticket's first response stands at an instant: on track, at risk, breached,
met, missed, or no target.
"""

from __future__ import annotations

import argparse
import re
from datetime import datetime
from decimal import Decimal
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo

from .._exact import percent_text
from .._instants import to_us
from .._text import relative, rounded_words
from ..calendar import BusinessCalendar
from ..deadlines import (
    Change,
    Explanation,
    History,
    PauseLike,
    ResponseStatus,
    Status,
    explanation,
    response_status,
)
from ..exceptions import InvalidHistoryError, SlaError, UnknownNameError
from ..policy import Clock, Policy, PolicyBook, format_duration
from . import arguments
from .arguments import (
    TIME_HELP,
    CliError,
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
    emit,
    iso,
    print_json,
    seconds,
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
    _add_history_options(deadline)
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
    _add_history_options(status)
    status.add_argument(
        "--explain",
        action="store_true",
        help="also print why the ticket stands where it does: the target in force, each "
        "change and pause, the time consumed and the margin",
    )
    add_json_option(status)
    status.set_defaults(func=_cmd_status)


# -- a ticket's history: --change and --pause ---------------------------------------------

_CHANGE_FORM: Final = (
    "INSTANT=S1, INSTANT=plan:Enterprise or INSTANT=S1,plan:Enterprise (INSTANT as for "
    "--created), e.g. --change 2025-06-09T11:00+08:00=S1"
)
_PAUSE_FORM: Final = (
    "START/END, or START/ for a pause still going on (times as for --created), e.g. "
    "--pause 2025-06-09T12:00+08:00/2025-06-09T13:30+08:00"
)


def _add_history_options(parser: argparse.ArgumentParser) -> None:
    """``--change`` and ``--pause``, each repeated: the ticket's life before its response."""
    parser.add_argument(
        "--change",
        action="append",
        default=[],
        metavar="INSTANT=CHANGE",
        help="a severity and/or plan change at INSTANT: INSTANT=S1, INSTANT=plan:Enterprise "
        "or INSTANT=S1,plan:Enterprise; repeat for several (in any order)",
    )
    parser.add_argument(
        "--pause",
        action="append",
        default=[],
        metavar="START/END",
        help="a pause of the first-response clock, [START, END); START/ for one still going "
        "on (counted up to --now by status); the policy must be pausable; repeat for several",
    )


class _History(NamedTuple):
    """The ticket's history from the command line, with the text each item came from."""

    changes: tuple[Change, ...]
    pauses: tuple[PauseLike, ...]
    change_texts: tuple[str, ...]
    pause_texts: tuple[str, ...]


def _history_from_args(args: argparse.Namespace, zone: ZoneInfo, now: datetime) -> _History:
    """The ``--change`` and ``--pause`` options, read; changes in time order."""
    changes: list[tuple[Change, str]] = []
    for text in args.change:
        instant, sep, spec = text.partition("=")
        if not sep or not instant.strip() or not spec.strip():
            raise CliError(
                f"--change {text!r} is malformed", option="--change", value=text,
                expected=_CHANGE_FORM,
            )  # fmt: skip
        at = parse_time(instant, zone, "--change", now)
        severity: str | int | None = None
        plan: str | None = None
        for item in (part.strip() for part in spec.split(",")):
            name, colon, value = item.partition(":")
            key = name.strip().casefold() if colon else "severity"
            value = value.strip() if colon else item
            if not value or key not in ("severity", "plan"):
                raise CliError(
                    f"--change {text!r}: {item!r} is neither a severity (S1) nor plan:NAME",
                    option="--change", value=text, expected=_CHANGE_FORM,
                )  # fmt: skip
            if (severity if key == "severity" else plan) is not None:
                raise CliError(
                    f"--change {text!r} names the {key} twice", option="--change", value=text,
                    expected=_CHANGE_FORM,
                )  # fmt: skip
            if key == "severity":
                severity = parse_severity(value)
            else:
                plan = value
        changes.append((Change(at, severity=severity, plan=plan), text))
    changes.sort(key=lambda item: to_us(item[0].at))
    pauses: list[PauseLike] = []
    for text in args.pause:
        start, sep, end = text.partition("/")
        if not sep or not start.strip():
            raise CliError(
                f"--pause {text!r} is malformed", option="--pause", value=text,
                expected=_PAUSE_FORM,
            )  # fmt: skip
        begins = parse_time(start, zone, "--pause", now)
        ends = None if not end.strip() else parse_time(end, zone, "--pause", now)
        pauses.append((begins, ends))
    return _History(
        tuple(change for change, _ in changes),
        tuple(pauses),
        tuple(text for _, text in changes),
        tuple(args.pause),
    )


def _in_cli_words(exc: SlaError, history: _History) -> CliError:
    """A refused history, naming the options as they were typed."""
    text = str(exc)
    if isinstance(exc, UnknownNameError):
        for change, typed in zip(history.changes, history.change_texts, strict=True):
            if exc.value in (change.severity, change.plan):
                return CliError(f"--change {typed}: {text}", option="--change", value=typed)
        raise exc  # the ticket's own plan or severity: the message says it as it is

    def option(match: re.Match[str]) -> str:
        kind, index = match.group(1), int(match.group(2))
        texts = history.change_texts if kind == "changes" else history.pause_texts
        name = "--change" if kind == "changes" else "--pause"
        shown = texts[index] if index < len(texts) else "?"
        return f"{name} {shown}"

    def edge(match: re.Match[str]) -> str:
        index = int(match.group(1))
        shown = history.pause_texts[index] if index < len(history.pause_texts) else "?"
        return f"the {match.group(2)} of --pause {shown}"

    text = re.sub(r"pauses\[(\d+)\]\.(start|end)", edge, text)
    text = re.sub(r"(changes|pauses)\[(\d+)\](?:\.at)?", option, text)
    text = text.replace("created_at", "--created")
    text = text.replace(
        "give one Change naming both severity and plan",
        "give one --change naming both, e.g. --change INSTANT=S1,plan:Enterprise",
    )
    text = text.replace("ask response_status(..., now=...)", "ask the status command (--now)")
    return CliError(text, option="--change" if "--change" in text else "--pause")


def _document(
    command: str,
    status: ResponseStatus,
    cal: BusinessCalendar,
    warned: list[str],
    extra: dict[str, object] | None = None,
) -> dict[str, object]:
    """A command's JSON: `ResponseStatus.to_dict`, the calendar after the target, then
    ``extra`` and the warnings (the same shape for ``deadline`` and ``status``)."""
    data: dict[str, object] = {"command": command}
    for key, value in status.to_dict().items():
        data[key] = value
        if key == "target":
            data.update(calendar_json(cal))
    data.update(extra or {})
    data["warnings"] = warned
    return data


def _answer(
    args: argparse.Namespace,
    severity: str | int,
    created: datetime,
    cal: BusinessCalendar,
    policy: Policy | PolicyBook | None,
    history: _History,
    *,
    now: datetime,
    explain_now: datetime | None,
    responded: datetime | None = None,
    share: Decimal | None = None,
) -> tuple[ResponseStatus, Explanation | None]:
    """The status at ``now`` and, with --explain, the explanation; errors in CLI words."""
    asked: dict[str, Any] = {
        "policy": policy,
        "changes": history.changes,
        "pauses": history.pauses,
        "responded_at": responded,
    }
    if share is not None:
        asked["at_risk"] = share
    try:
        status = response_status(args.plan, severity, created, cal, now=now, **asked)
        derived = (
            explanation(args.plan, severity, created, cal, now=explain_now, **asked)
            if args.explain
            else None
        )
    except (InvalidHistoryError, UnknownNameError) as exc:
        raise _in_cli_words(exc, history) from None
    return status, derived


# -- deadline -------------------------------------------------------------------------------


def _cmd_deadline(args: argparse.Namespace) -> int:
    cal = calendar_from_args(args)
    clock = arguments._now()
    created = parse_time(args.created, cal.zone, "--created", clock)
    now = clock if args.now is None else parse_time(args.now, cal.zone, "--now", clock)
    policy = policy_from_args(args)
    severity = parse_severity(args.severity)
    history = _history_from_args(args, cal.zone, clock)
    with collecting_warnings() as warned:
        # The status at --now (at creation for a ticket created later) resolves the plan,
        # severity, policy version and deadline; its JSON is the status command's. With a
        # history, at its last instant if later: the deadline counts every change and pause.
        ongoing = [
            text
            for (_, end), text in zip(history.pauses, history.pause_texts, strict=True)
            if not end
        ]
        if ongoing:
            raise CliError(
                f"--pause {ongoing[0]} has no end yet, so the deadline depends on when it ends; "
                f"ask the status command, which counts an ongoing pause up to --now, or give "
                f"the end",
                option="--pause",
                value=ongoing[0],
                expected="START/END",
            )
        instants = [c.at for c in history.changes] + [e for _, e in history.pauses if e]
        at = max([created, now, *instants], key=to_us)
        status, derived = _answer(
            args, severity, created, cal, policy, history, now=at, explain_now=None
        )
    deadline = status.deadline
    left = None if deadline is None else to_us(deadline) - to_us(now)
    if args.json:
        extra: dict[str, object] = (
            {}
            if derived is None
            else {"explanation": str(derived), "derivation": derived.to_dict()}
        )
        data = _document("deadline", status, cal, warned, extra)
        if at is not now:  # created after --now: the time left is still counted from --now
            data["now"] = iso(now.astimezone(cal.zone))
            data["seconds_left"] = None if left is None else seconds(left)
            data["time_left"] = None if left is None else relative(left)
        print_json(data)
    else:
        cell = f"{status.plan} {status.severity} = {status.target or 'none'}"
        if deadline is None or left is None:
            first = f"deadline   none: {status.plan} has no first-response target"
        elif args.now is None:
            # No relative time from the machine's clock: the line reads the same every day.
            first = f"deadline   {day_and_weekday(deadline)}"
        else:
            first = f"deadline   {day_and_weekday(deadline)}, {relative(left)}"
        lines = [
            first,
            f"target     {cell}",
            f"created    {day_and_weekday(status.created_at)}",
            f"calendar   {calendar_line(cal)}",
            f"policy     {status.policy.describe()}",
        ]
        if derived is not None:
            lines += ["", *str(derived).splitlines()]
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
    history = _history_from_args(args, cal.zone, clock)
    severity = parse_severity(args.severity)
    share = parse_share(args.at_risk)
    with collecting_warnings() as warned:
        status, derived = _answer(
            args, severity, created, cal, policy, history, now=now, explain_now=now,
            responded=responded, share=share,
        )  # fmt: skip
    if args.json:
        extra: dict[str, object] = {"history": History(history.changes, history.pauses).to_dict()}
        if derived is not None:
            extra.update(explanation=str(derived), derivation=derived.to_dict())
        print_json(_document("status", status, cal, warned, extra))
    else:
        lines = _status_lines(status, cal)
        if derived is not None:
            lines += ["", *str(derived).splitlines()]
        emit(lines)
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
    share = f"{percent_text(status.fraction_consumed)} of the target consumed"
    amount = format_duration(abs(status.remaining))
    if status.state is Status.BREACHED or status.state is Status.MISSED:
        lines.append(f"overdue    {amount} of {clock} ({share})")
    elif status.state is Status.MET:
        lines.append(f"to spare   {amount} of {clock} ({share})")
    else:
        lines.append(f"remaining  {amount} of {clock} ({share})")
    if status.paused:
        lines.append(f"paused     {format_duration(status.paused)} of {clock} not counted")
    if status.paused_since is not None:
        lines.append(f"paused     since {day_and_weekday(status.paused_since)} (still paused)")
    if status.pauses_ignored:
        lines.append("pauses     ignored: this policy does not pause the first-response clock")
    lines.append(f"calendar   {calendar_line(cal)}")
    lines.append(f"policy     {status.policy.describe()}")
    return lines
