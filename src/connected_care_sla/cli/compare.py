"""The ``compare`` command: what a policy or calendar change would do to a file of tickets.

``connected-care-sla compare tickets.csv --tz Asia/Shanghai --policy old.toml
--against new.toml`` reads the tickets (the same nothing-lost CSV reader as
``batch``), computes every deadline under both sides with
[`batch.compare`][connected_care_sla.batch.compare], and prints per plan and
severity how many tickets change state and by how much deadlines move, then
the tickets that changed. ``-o FILE`` writes the per-ticket table; ``--json`` prints the
summary as JSON. The other side may instead (or also) change the calendar:
``--against-calendar FILE``, ``--against-holidays CC`` or ``--against-hours``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Final

from ..exceptions import MissingExtraError, SlaError
from . import arguments
from .arguments import (
    CliError,
    add_calendar_options,
    add_json_option,
    add_policy_option,
    calendar_from_args,
    parse_time,
    policy_from_args,
)
from .events import EventFile, add_event_options
from .output import collecting_warnings, emit, one_line, print_json, warn
from .records import CsvRecords
from .streams import opened, written
from .words import missing_extra

__all__ = ["register"]

#: How many changed tickets the text output lists.
_LISTED: Final = 20


def register(subparsers: Any) -> None:
    """Add the ``compare`` command to the main parser's subparsers."""
    compare = subparsers.add_parser(
        "compare",
        help="what would a policy or calendar change do to these tickets?",
        description="Compute every ticket's deadline (and state, with a first-response "
        "column) under the policy and calendar in force and under --against (a draft "
        "policy) or --against-calendar/--against-holidays/--against-hours, and print how "
        "many tickets change state and by how much deadlines move, per plan and severity. "
        "Needs the pandas extra.",
    )
    compare.add_argument("input", metavar="INPUT", help="the tickets, a CSV file ('-': stdin)")
    add_calendar_options(compare)
    add_policy_option(compare)
    compare.add_argument(
        "--against",
        metavar="FILE",
        help="the policy file (or policy book) to compare with; default: --policy",
    )
    compare.add_argument(
        "--against-calendar", metavar="FILE", help="the calendar file to compare with"
    )
    compare.add_argument(
        "--against-holidays",
        metavar="CC[-SUBDIV]",
        help="compare with these holidays instead of --holidays (e.g. CN; 'none' for none)",
    )
    compare.add_argument(
        "--against-hours",
        action="append",
        metavar="DAYS=WINDOWS",
        help="compare with these business hours (as --hours)",
    )
    compare.add_argument("--plan-column", default="plan", metavar="COLUMN")
    compare.add_argument("--severity-column", default="severity", metavar="COLUMN")
    compare.add_argument("--created-column", default="created_at", metavar="COLUMN")
    compare.add_argument(
        "--responded-column",
        default="first_response_at",
        metavar="COLUMN",
        help="first-response times; when the file has it, each side has a state",
    )
    compare.add_argument("--now", metavar="TIME", help="judge unanswered tickets at TIME")
    add_event_options(compare)
    compare.add_argument(
        "--by",
        default="plan,severity",
        metavar="COLUMNS",
        help="comma-separated grouping columns of the summary; default plan,severity",
    )
    compare.add_argument(
        "-o", "--output", metavar="FILE", help="also write the per-ticket comparison (CSV)"
    )
    compare.add_argument(
        "--errors",
        choices=("raise", "coerce"),
        default="raise",
        help="raise: stop at the first bad ticket (default); coerce: leave bad tickets out "
        "of the summary (their error is in the -o file)",
    )
    add_json_option(compare)
    compare.set_defaults(func=_cmd_compare)


def _against_calendar(args: argparse.Namespace) -> Any:
    """The other side's calendar: the first side's with the --against-* options applied."""
    if args.against_calendar is None and args.against_holidays is None and not args.against_hours:
        return None
    changed = dict(vars(args))
    if args.against_calendar is not None:
        changed.update(calendar=args.against_calendar, tz=None, holidays=None, hours=None)
    if args.against_holidays is not None:
        changed["holidays"] = args.against_holidays
    if args.against_hours:
        changed["hours"] = args.against_hours
    return calendar_from_args(argparse.Namespace(**changed))


def _cmd_compare(args: argparse.Namespace) -> int:
    try:
        from ..batch import _require, compare

        _require()
    except MissingExtraError as exc:
        raise missing_extra("the compare command", exc) from None
    import pandas as pd

    calendar = calendar_from_args(args)
    against_calendar = _against_calendar(args)
    policy = policy_from_args(args)
    against = None
    if args.against is not None:
        against = policy_from_args(argparse.Namespace(**{**vars(args), "policy": args.against}))
    name = "stdin" if args.input == "-" else args.input
    with opened(args.input) as (source, _):
        reader = CsvRecords(source, name)
        header = reader.header
        records = [record for chunk in reader.chunks(100_000) for record in chunk]
    bad = [(line, problem) for line, fields, problem in records if fields is None]
    if bad and args.errors == "raise":
        line, problem = bad[0]
        raise CliError(f"{name}: line {line}: {problem}", option="INPUT", value=args.input)
    good = [(line, fields) for line, fields, _ in records if fields is not None]
    frame = pd.DataFrame([list(f) for _, f in good], columns=header, dtype=object)
    frame = frame.where(frame != "", None)
    frame.index = pd.Index([line for line, _ in good])
    for column in (args.plan_column, args.severity_column, args.created_column):
        if column not in header:
            raise CliError(
                f"{name} has no column {column!r} (its columns: {', '.join(map(repr, header))})",
                option="INPUT",
                value=args.input,
            )
    by = [c.strip() for c in args.by.split(",") if c.strip()]
    unknown = [c for c in by if c not in header]
    if unknown:
        raise CliError(
            f"--by names {', '.join(map(repr, unknown))}, which {name} has no column of (its "
            f"columns: {', '.join(map(repr, header))})",
            option="--by",
            value=args.by,
        )
    severity = frame[args.severity_column]
    frame[args.severity_column] = severity.map(
        lambda v: int(v) if isinstance(v, str) and v.strip().isdigit() else v
    )
    options: dict[str, Any] = {
        "policy": policy,
        "against": against,
        "calendar": calendar,
        "against_calendar": against_calendar,
        "plan": args.plan_column,
        "severity": args.severity_column,
        "created": args.created_column,
        "errors": args.errors,
        "by": by or None,
    }
    if args.responded_column in header:
        options["responded"] = args.responded_column
    if args.now is not None:
        options["now"] = parse_time(args.now, calendar.zone, "--now", arguments._now())
    events = None
    if args.events is not None:
        events = EventFile(pd, args.events, args.errors)
        options["events"] = events.for_chunk(records, header, args.ticket_column)
        options["ticket"] = args.ticket_column
    with collecting_warnings(Warning) as warned:
        try:
            result = compare(frame, **options)
        except SlaError as exc:
            text = one_line(str(exc)).replace("pass errors='coerce'", "pass --errors coerce")
            raise CliError(f"{name}: {_line_words(text)}", option="INPUT") from None
        if events is not None:
            warned += events.unmatched()
    if args.output is not None:
        out = result.tickets.copy()
        for column in out.columns:
            kind = out[column].dtype.kind
            if kind == "M":  # instants as ISO 8601 with their offset
                out[column] = [("" if pd.isna(v) else v.isoformat()) for v in out[column]]
            elif kind == "m":  # durations as [-]H:MM:SS[.ffffff], as batch writes them
                out[column] = [_clock_text(v) for v in out[column]]
        out.insert(0, "line", out.index)
        with written(args.output) as sink:
            out.to_csv(sink, index=False)
    if args.json:
        table = result.table.reset_index()
        summary = []
        for record in table.to_dict("records"):
            summary.append({k: _json_value(v) for k, v in record.items()})
        print_json(
            {
                "command": "compare",
                "tickets": int(result.table["tickets"].sum()),
                "state_changes": result.state_changes,
                "later": result.later,
                "summary": summary,
                "changed": [
                    {"line": int(line), "change": str(text)}
                    for line, text in result.tickets["change"].items()
                    if isinstance(text, str) and text
                ],
                "warnings": warned,
            }
        )
    else:
        lines = str(result).splitlines()
        changed = [
            (line, text)
            for line, text in result.tickets["change"].items()
            if isinstance(text, str) and text
        ]
        if changed:
            lines += ["", f"tickets that change ({len(changed):,}):"]
            lines += [f"  line {line}: {text}" for line, text in changed[:_LISTED]]
            if len(changed) > _LISTED:
                lines.append(f"  ... and {len(changed) - _LISTED:,} more (see -o FILE)")
        emit(lines)
    warn(warned)
    if bad:
        sys.stderr.write(f"{len(bad):,} records of {name} could not be read and are left out\n")
    return 0


def _clock_text(value: Any) -> str:
    """A duration as ``[-]H:MM:SS[.ffffff]`` ("" for none), as ``batch`` writes durations."""
    import pandas as pd

    if pd.isna(value):
        return ""
    us = int(pd.Timedelta(value).value // 1000)
    sign, us = ("-" if us < 0 else ""), abs(us)
    seconds, micros = divmod(us, 1_000_000)
    text = f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return text + (f".{micros:06d}" if micros else "")


def _line_words(text: str) -> str:
    import re

    return re.sub(r"^row (\d+)", r"line \1", text)


def _json_value(value: object) -> object:
    """A summary cell as JSON: counts as ints, durations as {"microseconds", "text"}."""
    import pandas as pd

    from .._json import duration

    if isinstance(value, pd.Timedelta):
        return duration(value.to_pytimedelta())
    if value is pd.NaT or value is None:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
