"""The ``batch`` and ``report`` commands: whole CSV files of tickets.

``connected-care-sla batch tickets.csv --tz ZONE -o out.csv`` reads the CSV a
chunk of records at a time (`CsvRecords`: every record with
its line number, a broken one costing only itself), adds the deadline columns
of
[`connected_care_sla.batch.first_response_deadlines`][connected_care_sla.batch.first_response_deadlines]
to each chunk and appends it to the output, so memory stays the same however large the file. Every
record gives one output row, in input order, with its ``line`` number first and its fields written
back as they were read; a record that cannot be read (or, with ``--errors coerce``, has a bad value)
gets the reason in an ``error`` column, and with ``--errors raise`` (the default) the first one
stops the run. A progress line goes to stderr. When the input has a
first-response column, ``taken``, ``margin`` and ``state`` are added too, and
``connected-care-sla report out.csv --by plan,severity [--plot report.png]``
prints the compliance table of
[`connected_care_sla.batch.compliance`][connected_care_sla.batch.compliance] and draws its figure.

The main command line (`connected_care_sla.cli.main`) calls
`register`. pandas is imported only when a command runs, so without
the ``pandas`` extra the commands still exist and say which extra to install
(the library's [`MissingExtraError`][connected_care_sla.exceptions.MissingExtraError],
printed as one line). The files themselves are opened, written and shown
progress by `connected_care_sla.cli.streams`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Final

from .._instants import zone_of
from ..calendar import BusinessCalendar
from ..exceptions import MissingExtraError, SlaError
from . import arguments
from .arguments import (
    CliError,
    add_calendar_options,
    add_json_option,
    add_policy_option,
    calendar_from_args,
    calendars_from_args,
    parse_time,
    policy_from_args,
    positive_count,
)
from .events import EventFile, add_event_options
from .output import PROG, collecting_warnings, one_line, print_json, warn
from .records import CsvRecords, RawRecord
from .streams import Progress, opened, written
from .words import error_column, in_cli_words, missing_extra, raised_in_cli_words

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register"]

_DEFAULT_CHUNK: Final = 100_000
_RESULT_COLUMNS: Final = ("taken", "margin", "state", "target")
#: The output column of each record's line number in the input (the header is line 1).
LINE: Final = "line"
_COERCE_HINT: Final = (
    "pass --errors coerce to write such records as rows with the reason in an 'error' column"
)


def register(subparsers: Any) -> None:
    """Add the ``batch`` and ``report`` commands to the main parser's subparsers."""
    batch = subparsers.add_parser(
        "batch",
        help="deadlines for every ticket of a CSV file (streams files of any size)",
        description="Read a CSV of tickets in chunks and write it back with the columns "
        "deadline, clock and target (and taken, margin and state when a first-response "
        "column is present). Memory stays constant however large the file; a progress "
        "line goes to stderr. Needs the pandas extra.",
    )
    batch.add_argument(
        "input", metavar="INPUT", help="the tickets, a CSV file with a header ('-': stdin)"
    )
    batch.add_argument(
        "-o", "--output", default="-", metavar="OUTPUT", help="the CSV to write; default stdout"
    )
    add_calendar_options(batch, zone_required=False, several=True)
    batch.add_argument(
        "--zone-column",
        metavar="COLUMN",
        help="instead of --tz, the column naming each row's IANA zone (deadlines are then "
        "written in each row's zone unless --output-tz says otherwise)",
    )
    add_policy_option(batch)
    add_event_options(batch)
    batch.add_argument("--plan-column", default="plan", metavar="COLUMN", help="default: plan")
    batch.add_argument(
        "--severity-column", default="severity", metavar="COLUMN", help="default: severity"
    )
    batch.add_argument(
        "--created-column",
        default="created_at",
        metavar="COLUMN",
        help="ISO 8601 creation times with an offset; default: created_at",
    )
    batch.add_argument(
        "--responded-column",
        default="first_response_at",
        metavar="COLUMN",
        help="first-response times (blank: not answered); used when the file has it; "
        "default: first_response_at",
    )
    batch.add_argument(
        "--now",
        metavar="TIME",
        help="judge unanswered tickets at TIME: on track, at risk or (past their deadline) "
        "breached; default: they stay open",
    )
    batch.add_argument(
        "--assume-tz",
        metavar="ZONE",
        help="the zone of times written without an offset (e.g. UTC); default: such rows "
        "are errors",
    )
    batch.add_argument(
        "--output-tz",
        metavar="ZONE",
        help="write deadlines in this zone ('local': each row's own zone); default: the "
        "calendar's zone (each row's own with --zone-column or --calendars)",
    )
    batch.add_argument(
        "--errors",
        choices=("raise", "coerce"),
        default="raise",
        help="raise: stop at the first bad record or value, naming its line (default); "
        "coerce: write bad records with no deadline and the reason in an error column",
    )
    batch.add_argument(
        "--chunksize",
        type=positive_count,
        default=_DEFAULT_CHUNK,
        metavar="ROWS",
        help=f"rows per chunk; default {_DEFAULT_CHUNK:,}",
    )
    batch.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress line on stderr; default: when stderr is a terminal",
    )
    batch.set_defaults(func=_cmd_batch)

    report = subparsers.add_parser(
        "report",
        help="first-response compliance of a batch output, per group",
        description="Print met, missed and open tickets, compliance and margins per group "
        "of a CSV written by 'batch' (from tickets with a first-response column), and "
        "optionally draw the figure. Needs the pandas extra.",
    )
    report.add_argument("input", metavar="INPUT", help="a CSV written by 'batch' ('-': stdin)")
    report.add_argument(
        "--by",
        default="plan,severity",
        metavar="COLUMNS",
        help="comma-separated grouping columns; default plan,severity; '' for one group",
    )
    report.add_argument("--plot", metavar="FILE", help="also write the figure (PNG, SVG or PDF)")
    report.add_argument(
        "--errors",
        choices=("raise", "coerce"),
        default="raise",
        help="raise: stop at the first record that cannot be read, naming its line (default); "
        "coerce: leave such records out of the table and say how many on stderr",
    )
    report.add_argument(
        "--chunksize",
        type=positive_count,
        default=_DEFAULT_CHUNK * 5,
        metavar="ROWS",
        help="rows read at a time",
    )
    add_json_option(report)
    report.set_defaults(func=_cmd_report)


def _pandas(command: str) -> Any:
    """pandas, or an error naming the extra to install and the command to install it."""
    from ..batch._extra import require

    try:
        require()
    except MissingExtraError as exc:
        raise missing_extra(f"the {command} command", exc) from None
    import pandas as pd

    return pd


# -- batch --------------------------------------------------------------------------------


def _cmd_batch(args: argparse.Namespace) -> int:
    pd = _pandas("batch")

    given = [
        flag
        for flag, value in (
            ("--tz", args.tz),
            ("--calendar", args.calendar),
            ("--zone-column", args.zone_column),
            ("--calendars", args.calendars),
        )
        if value is not None
    ]
    if len(given) != 1:
        raise CliError(
            "give --tz ZONE or --calendar FILE (one calendar for every ticket), or "
            "--zone-column COLUMN (each row's zone) or --calendars FILE (a calendar per value "
            "of a column), not " + (f"both {' and '.join(given)}" if given else "neither"),
            option=given[-1] if given else "--tz",
        )
    keyed = calendars_from_args(args)
    options: dict[str, Any] = {
        "plan": args.plan_column,
        "severity": args.severity_column,
        "created": args.created_column,
        "policy": policy_from_args(args),
        "errors": args.errors,
        "assume_tz": None if args.assume_tz is None else zone_of(args.assume_tz).key,
    }
    if args.output_tz is not None:
        options["tz"] = args.output_tz if args.output_tz == "local" else zone_of(args.output_tz).key
    elif args.tz is None and args.calendar is None:
        options["tz"] = "local"  # per-row calendars: each deadline in its own calendar's zone
    if args.tz is not None or args.calendar is not None:
        options["calendar"] = calendar_from_args(args)
        time_zone = options["calendar"].zone
    elif keyed is not None:  # each row's calendar picked by its value in the key column
        options["zone"] = keyed.key
        options["calendars"] = keyed
        time_zone = zone_of("UTC")
    else:
        options["zone"] = args.zone_column
        options["calendars"] = _ZoneCalendars(args)
        time_zone = zone_of("UTC")
    if args.now is not None:
        options["now"] = parse_time(args.now, time_zone, "--now", arguments._now())

    show = sys.stderr.isatty() if args.progress is None else args.progress
    name = _shown_name(args.input)
    with opened(args.input) as (source, size):
        reader = CsvRecords(source, name)
        columns = reader.header
        needed = [args.plan_column, args.severity_column, args.created_column]
        if args.zone_column is not None:
            needed.append(args.zone_column)
        if keyed is not None:
            needed.append(keyed.key)
        missing = [c for c in needed if c not in columns]
        if missing:
            keyed_by = (
                "" if keyed is None else f" (--calendars {args.calendars} names {keyed.key!r})"
            )
            raise CliError(
                f"{name} has no column {', '.join(map(repr, missing))} (its columns: "
                f"{', '.join(map(repr, columns))}){keyed_by}; name the columns with "
                f"--plan-column, --severity-column, --created-column or --zone-column",
                option="INPUT",
                value=args.input,
            )
        if args.responded_column in columns:
            options["responded"] = args.responded_column
        events = None
        if args.events is not None:  # the tickets' histories, handed out chunk by chunk
            if args.ticket_column not in columns:
                raise CliError(
                    f"{name} has no column {args.ticket_column!r} to match the events' "
                    f"ticket_id against (its columns: {', '.join(map(repr, columns))}); name "
                    f"it with --ticket-column",
                    option="--ticket-column",
                    value=args.ticket_column,
                )
            events = EventFile(pd, args.events, args.errors)
            options["ticket"] = args.ticket_column
        unreadable = _Unreadable(name)
        progress = Progress(source, size, enabled=show)
        # Every warning (pandas' too), each printed once after the run.
        with written(args.output) as sink, collecting_warnings(Warning) as warned:
            first = True
            for chunk in reader.chunks(args.chunksize):
                stop = None if args.errors == "coerce" else _first_bad(chunk)
                if stop != 0:  # the records before the first bad one still count
                    part = chunk if stop is None else chunk[:stop]
                    try:
                        if events is not None:
                            options["events"] = events.for_chunk(part, columns, args.ticket_column)
                        out = _deadlines(pd, part, columns, args, options, unreadable)
                    except SlaError as exc:
                        progress.done(complete=False)
                        raise CliError(
                            f"{name}: {_lines(str(exc), args)}", option="INPUT", value=args.input
                        ) from None
                    _as_text(pd, out).to_csv(sink, header=first, index=False)
                    first = False
                    progress.update(len(part))
                if stop is not None:
                    progress.done(complete=False)
                    line, _, problem = chunk[stop]
                    raise CliError(
                        f"{name}: line {line}: {problem}; {_COERCE_HINT}",
                        option="INPUT",
                        value=args.input,
                    )
            if first:  # no records: still write the header
                if events is not None:
                    options["events"] = events.for_chunk([], columns, args.ticket_column)
                empty = _deadlines(pd, [], columns, args, options, unreadable)
                _as_text(pd, empty).to_csv(sink, header=True, index=False)
            if events is not None:  # events of tickets the file lacks: stop, or say so
                warned += events.unmatched()
            progress.done()
    if LINE in columns:
        warned.insert(
            0,
            f"{name} has a column {LINE!r}: the output's {LINE!r} column, the line "
            f"numbers of the records, replaces it",
        )
    warn([*warned, *unreadable.summary("written with the reason in the error column")])
    return 0


def _shown_name(path: str) -> str:
    """The input as messages name it: its path, or ``stdin`` for ``-``."""
    return "stdin" if path == "-" else path


def _first_bad(chunk: list[RawRecord]) -> int | None:
    """The position of the first record that cannot be read, or None."""
    for position, (_, fields, _) in enumerate(chunk):
        if fields is None:
            return position
    return None


class _Unreadable:
    """The records of a file that cannot be read: how many, and the first (line, problem)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self.count = 0
        self.first: tuple[int, str] | None = None

    def add(self, line: int, problem: str) -> None:
        self.count += 1
        if self.first is None:
            self.first = (line, problem)

    def summary(self, then: str) -> list[str]:
        """One warning, when there were such records: how many, the first, and what
        became of them (``then``: "written ...", "left out ...")."""
        if self.first is None:
            return []
        line, problem = self.first
        if self.count == 1:
            return [f"{self._name}: line {line} could not be read ({problem}); it is {then}"]
        return [
            f"{self._name}: {self.count:,} records could not be read (the first: line {line}: "
            f"{problem}); they are {then}"
        ]


def _table(
    pd: Any, chunk: list[RawRecord], columns: list[str], wanted: list[str] | None = None
) -> pd.DataFrame:
    """The text of a chunk of records, indexed by line number; an empty field is missing.

    Every column holds Python strings (object dtype), so each value is written
    back exactly as it was read; a record that cannot be read has no values.
    ``wanted`` keeps only those columns.
    """
    import numpy as np

    names = columns if wanted is None else wanted
    lines = np.fromiter((record[0] for record in chunk), dtype=np.int64, count=len(chunk))
    if chunk:
        blank = (None,) * len(columns)
        rows = [blank if fields is None else fields for _, fields, _ in chunk]
        matrix = np.array(rows, dtype=object)
        matrix[matrix == ""] = None
        if wanted is not None:
            matrix = matrix[:, [columns.index(name) for name in names]]
    else:
        matrix = np.empty((0, len(names)), dtype=object)
    # Object columns, not pandas' inferred "str": the values are the text as read.
    return pd.DataFrame(matrix, columns=names, index=pd.Index(lines), dtype=object, copy=False)


def _deadlines(
    pd: Any,
    chunk: list[RawRecord],
    columns: list[str],
    args: argparse.Namespace,
    options: dict[str, Any],
    unreadable: _Unreadable,
) -> pd.DataFrame:
    """The output rows of a chunk of records: ``line``, the input's text, the computed columns.

    The batch function gets the rows with their severities read as the other
    commands read them (``3`` is S3); the output keeps the text as read. A
    record that cannot be read has no values, so it gets no deadline, and
    with ``--errors coerce`` its ``error`` says why, with its line.
    """
    from ..batch import first_response_deadlines

    text = _table(pd, chunk, columns)
    frame = text.copy(deep=False)
    severity = args.severity_column
    frame[severity] = _severities(pd, text[severity])
    out = first_response_deadlines(frame, **options)
    if severity in out.columns and severity in columns:
        out[severity] = text[severity]
    if "error" in out.columns:
        out["error"] = _errors_in_cli_words(pd, out["error"], text, args)
    problems = [(line, problem) for line, fields, problem in chunk if fields is None]
    if problems:
        import numpy as np

        bad = np.fromiter((fields is None for _, fields, _ in chunk), dtype=bool, count=len(chunk))
        for line, problem in problems:
            unreadable.add(line, problem or "")
        words = pd.Series(
            [f"line {line}: {problem}" for line, problem in problems], index=out.index[bad]
        )
        out["error"] = out["error"].mask(pd.Series(bad, index=out.index), words)
    if LINE in out.columns:
        out = out.drop(columns=LINE)
    out.insert(0, LINE, text.index.to_numpy())
    return out


def _as_text(pd: Any, out: pd.DataFrame) -> pd.DataFrame:
    """The computed columns as CSV text, formatted whole columns at a time.

    Deadlines are ISO 8601 with their offset (``2025-06-09T12:00:00+08:00``),
    durations ``[-]H:MM:SS[.ffffff]`` (``4:00:00``, ``-0:30:00``, ``27:30:00``),
    which ``pandas.to_timedelta`` reads back exactly. pandas' own formatting of
    these columns costs more than computing them.
    """
    import numpy as np

    text = out.copy(deep=False)
    deadline = out["deadline"]
    if isinstance(deadline.dtype, pd.DatetimeTZDtype):
        local = deadline.dt.tz_localize(None).to_numpy(dtype="M8[us]")
        utc = deadline.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="M8[us]")
        missing = np.isnat(local)
        offsets = np.where(missing, 0, (local - utc).astype(np.int64) // 60_000_000)
        unique, where = np.unique(offsets, return_inverse=True)
        signs = np.where(unique < 0, "-", "+")
        shown = np.array(
            [
                f"{sign}{abs(m) // 60:02d}:{abs(m) % 60:02d}"
                for sign, m in zip(signs, unique, strict=True)
            ]
            or ["+00:00"]
        )
        # Microseconds only where there are some, as isoformat() writes them: a row's
        # text does not depend on the other rows of its chunk.
        stamps = np.datetime_as_string(local, unit="s")
        fraction = ~missing & (local.astype(np.int64) % 1_000_000 != 0)
        if fraction.any():
            stamps = np.where(fraction, np.datetime_as_string(local, unit="us"), stamps)
        joined = np.char.add(stamps, shown[where.reshape(-1)] if len(unique) else shown[:0])
        text["deadline"] = np.where(missing, "", joined)
    else:  # each row in its own zone (--output-tz local): Timestamps
        text["deadline"] = ["" if pd.isna(v) else v.isoformat() for v in deadline]
    for column in ("target", "taken", "margin"):
        if column in out.columns:
            text[column] = _durations(np, out[column].to_numpy(dtype="m8[us]").astype(np.int64))
    return text


def _durations(np: Any, us: Any) -> Any:
    """``[-]H:MM:SS[.ffffff]`` for µs, "" for NaT, whole arrays at once."""
    if not len(us):  # numpy's string functions refuse an empty array
        return np.array([], dtype=str)
    missing = us == np.iinfo(np.int64).min
    magnitude = np.abs(np.where(missing, 0, us))
    hours, rest = np.divmod(magnitude, 3_600_000_000)
    minutes, rest = np.divmod(rest, 60_000_000)
    seconds, micros = np.divmod(rest, 1_000_000)
    add, pad = np.char.add, np.char.zfill
    shown = add(np.where(us < 0, "-", ""), hours.astype(str))
    shown = add(add(shown, ":"), pad(minutes.astype(str), 2))
    shown = add(add(shown, ":"), pad(seconds.astype(str), 2))
    shown = add(shown, np.where(micros > 0, add(".", pad(micros.astype(str), 6)), ""))
    return np.where(missing, "", shown)


class _ZoneCalendars:
    """The calendar of each zone of --zone-column: --holidays and --hours in that zone."""

    def __init__(self, args: argparse.Namespace) -> None:
        self._args = args
        self._built: dict[str, BusinessCalendar] = {}

    def __call__(self, zone: str) -> BusinessCalendar:
        found = self._built.get(zone)
        if found is None:
            found = calendar_from_args(argparse.Namespace(**{**vars(self._args), "tz": zone}))
            self._built[zone] = found
        return found


def _severities(pd: Any, column: pd.Series) -> pd.Series:
    """Severities as the other commands read them: ``3`` is S3, as is ``"3"`` in a CSV.

    Converted once per distinct value, not per row.
    """
    import numpy as np

    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    values = [int(v) if isinstance(v, str) and v.strip().isdigit() else v for v in uniques.tolist()]
    if not any(isinstance(v, int) for v in values) or column.dtype.kind in "iuf":
        return column
    table = np.array([*values, None], dtype=object)
    return pd.Series(table[codes], index=column.index, name=column.name)


def _lines(message: str, args: argparse.Namespace) -> str:
    """In command-line words: the row label is the record's line number in the CSV (the
    header is line 1), the CSV's columns, and the options rather than keyword arguments."""
    return raised_in_cli_words(one_line(message), args)


def _errors_in_cli_words(
    pd: Any, errors: pd.Series, text: pd.DataFrame, args: argparse.Namespace
) -> pd.Series:
    """Each bad row's ``error`` with its column, the value read and the options
    (`in_cli_words`), worded once per distinct message and value."""
    import numpy as np

    bad = errors.notna().to_numpy(dtype=bool)
    if not bad.any():
        return errors
    messages = errors[bad].to_numpy(dtype=object)
    # The value each message is about, taken a column at a time from the text as read.
    column_of = {message: error_column(message, args) for message in set(messages)}
    columns = np.array([column_of[message] for message in messages], dtype=object)
    values = np.full(len(messages), None, dtype=object)
    for column in {c for c in column_of.values() if c is not None and c in text.columns}:
        rows = columns == column
        values[rows] = text[column].to_numpy(dtype=object)[bad][rows]
    said: dict[tuple[str, object], str] = {}
    worded = []
    for message, column, value in zip(messages, columns, values, strict=True):
        key = (message, value)
        if key not in said:
            said[key] = in_cli_words(message, args, {} if column is None else {column: value})
        worded.append(said[key])
    out = errors.copy()
    out[bad] = worded
    return out


# -- report -------------------------------------------------------------------------------


def _cmd_report(args: argparse.Namespace) -> int:
    pd = _pandas("report")
    from ..batch import compliance

    by = [part.strip() for part in args.by.split(",") if part.strip()]
    wanted = list(dict.fromkeys([*by, *_RESULT_COLUMNS]))
    name = _shown_name(args.input)
    unreadable = _Unreadable(name)
    with opened(args.input) as (source, _):
        reader = CsvRecords(source, name)
        columns = reader.header
        missing = [c for c in (*_RESULT_COLUMNS, *by) if c not in columns]
        if missing:
            hint = (
                "; run 'batch' on tickets with a first-response column (--responded-column) "
                "to add taken, margin and state"
                if set(missing) & set(_RESULT_COLUMNS)
                else ""
            )
            raise CliError(
                f"{name} has no column {', '.join(map(repr, missing))} (its columns: "
                f"{', '.join(map(repr, columns))}){hint}",
                option="INPUT",
                value=args.input,
            )
        parts = []
        for chunk in reader.chunks(args.chunksize):
            good = []
            for record in chunk:
                line, fields, problem = record
                if fields is not None:
                    good.append(record)
                elif args.errors == "coerce":
                    unreadable.add(line, problem or "")
                else:
                    raise CliError(
                        f"{name}: line {line}: {problem}; pass --errors coerce to leave "
                        f"such records out of the report",
                        option="INPUT",
                        value=args.input,
                    )
            part = _compact_chunk(pd, _table(pd, good, columns, wanted), args, unreadable)
            if len(part):
                parts.append(part)
    tickets = pd.concat(parts, ignore_index=True) if parts else _empty(pd, by)
    result = compliance(tickets, by=by or None)
    left_out = unreadable.summary("left out of the report")
    if args.json:
        print_json({"command": "report", **result.to_dict(), "warnings": left_out})
    else:
        sys.stdout.write(f"{result!r}\n{result}\n")
    warn(left_out)
    if args.plot:
        try:
            figure = result.plot()
        except MissingExtraError as exc:
            raise missing_extra("--plot", exc) from None
        try:
            figure.savefig(args.plot)
        except (OSError, ValueError) as exc:
            raise CliError(
                f"cannot write the figure to {args.plot!r}: {exc}", option="--plot", value=args.plot
            ) from None
        sys.stderr.write(f"{PROG}: wrote {args.plot}\n")
    return 0


def _compact_chunk(
    pd: Any, chunk: pd.DataFrame, args: argparse.Namespace, unreadable: _Unreadable
) -> pd.DataFrame:
    """A chunk of a batch output with its durations as timedeltas.

    A duration that is not one (``batch`` writes ``4:00:00``, ``-0:30:00``)
    stops the report naming its line, or with ``--errors coerce`` leaves its
    record out.
    """
    import numpy as np

    keep = np.ones(len(chunk), dtype=bool)
    for column in ("taken", "margin", "target"):
        values = chunk[column]
        read = pd.to_timedelta(values, errors="coerce")
        wrong = (read.isna() & values.notna()).to_numpy(dtype=bool) & keep
        for at in np.flatnonzero(wrong):
            problem = f"{column} {values.iloc[at]!r} is not a duration such as 4:00:00 or -0:30:00"
            if args.errors != "coerce":
                raise CliError(
                    f"{_shown_name(args.input)}: line {chunk.index[at]}: {problem}",
                    option="INPUT",
                    value=args.input,
                )
            unreadable.add(int(chunk.index[at]), problem)
        keep &= ~wrong
        chunk[column] = read.astype("timedelta64[us]")
    return chunk if keep.all() else chunk[keep]


def _empty(pd: Any, by: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype="str") for column in by})
    for column in ("taken", "margin", "target"):
        frame[column] = pd.Series(dtype="timedelta64[us]")
    frame["state"] = pd.Series(dtype="str")
    return frame
