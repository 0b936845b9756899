"""The ``batch`` and ``report`` commands: whole CSV files of tickets.

``connected-care-sla batch tickets.csv --tz ZONE -o out.csv`` reads the CSV in
chunks (``pandas.read_csv(chunksize=...)``), adds the deadline columns of
:func:`connected_care_sla.batch.first_response_deadlines` to each chunk and
appends it to the output, so memory stays the same however large the file.
A progress line goes to stderr. When the input has a first-response column,
``taken``, ``margin`` and ``state`` are added too, and ``connected-care-sla
report out.csv --by plan,severity [--plot report.png]`` prints the compliance
table of :func:`connected_care_sla.batch.compliance` and draws its figure.

The main command line (:mod:`connected_care_sla.cli.main`) calls
:func:`register`. pandas is imported only when a command runs, so without
the ``pandas`` extra the commands still exist and say which extra to install
(the library's :class:`~connected_care_sla.exceptions.MissingExtraError`,
printed as one line). The files themselves are opened, written and shown
progress by :mod:`connected_care_sla.cli.streams`.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any, Final

from .._instants import zone_of
from ..calendar import BusinessCalendar
from ..exceptions import SlaError
from . import arguments
from .arguments import (
    CliError,
    add_calendar_options,
    add_policy_option,
    calendar_from_args,
    parse_time,
    policy_from_args,
    positive_count,
)
from .output import PROG, collecting_warnings, one_line, warn
from .streams import Progress, header, opened, written

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register"]

_DEFAULT_CHUNK: Final = 100_000
_RESULT_COLUMNS: Final = ("taken", "margin", "state", "target")


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
    add_calendar_options(batch, zone_required=False)
    batch.add_argument(
        "--zone-column",
        metavar="COLUMN",
        help="instead of --tz, the column naming each row's IANA zone (deadlines are then "
        "written in UTC unless --output-tz says otherwise)",
    )
    add_policy_option(batch)
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
        help="judge unanswered tickets at TIME: past their deadline they are missed; "
        "default: they stay open",
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
        help="write deadlines in this zone ('local': each row's own zone); default: --tz, "
        "or UTC with --zone-column",
    )
    batch.add_argument(
        "--errors",
        choices=("raise", "coerce"),
        default="raise",
        help="raise: stop at the first bad row (default); coerce: write bad rows with no "
        "deadline and the reason in an error column",
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
        "--chunksize",
        type=positive_count,
        default=_DEFAULT_CHUNK * 5,
        metavar="ROWS",
        help="rows read at a time",
    )
    report.set_defaults(func=_cmd_report)


def _pandas() -> Any:
    """pandas, or the library's MissingExtraError naming the extra to install."""
    from ..batch._extra import require

    require()
    import pandas as pd

    return pd


# -- batch --------------------------------------------------------------------------------


def _cmd_batch(args: argparse.Namespace) -> int:
    pd = _pandas()
    from ..batch import first_response_deadlines

    if (args.tz is None) == (args.zone_column is None):
        raise CliError(
            "give --tz ZONE (one zone for every ticket) or --zone-column COLUMN (each row's "
            "zone), not " + ("both" if args.tz is not None else "neither"),
            option="--tz",
        )
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
    if args.tz is not None:
        options["calendar"] = calendar_from_args(args)
        time_zone = options["calendar"].zone
    else:
        options["zone"] = args.zone_column
        options["calendars"] = _ZoneCalendars(args)
        time_zone = zone_of("UTC")
    if args.now is not None:
        options["now"] = parse_time(args.now, time_zone, "--now", arguments._now())

    show = sys.stderr.isatty() if args.progress is None else args.progress
    with opened(args.input) as (source, size):
        columns = header(source, args.input)
        needed = [args.plan_column, args.severity_column, args.created_column]
        if args.zone_column is not None:
            needed.append(args.zone_column)
        missing = [c for c in needed if c not in columns]
        if missing:
            raise CliError(
                f"{args.input} has no column {', '.join(map(repr, missing))} (its columns: "
                f"{', '.join(map(repr, columns))}); name the columns with --plan-column, "
                f"--severity-column, --created-column or --zone-column",
                option="INPUT",
                value=args.input,
            )
        if args.responded_column in columns:
            options["responded"] = args.responded_column
        text_columns = dict.fromkeys((args.created_column, args.responded_column), "str")
        reader = pd.read_csv(
            source,
            header=None,
            names=columns,
            chunksize=args.chunksize,
            dtype={c: t for c, t in text_columns.items() if c in columns},
        )
        progress = Progress(source, size, enabled=show)
        # Every warning (pandas' too), each printed once after the run.
        with written(args.output) as sink, collecting_warnings(Warning) as warned:
            first = True
            for chunk in reader:
                chunk[args.severity_column] = _severities(pd, chunk[args.severity_column])
                try:
                    out = first_response_deadlines(chunk, **options)
                except SlaError as exc:
                    progress.done(complete=False)
                    raise CliError(
                        f"{args.input}: {_lines(str(exc))}", option="INPUT", value=args.input
                    ) from None
                _as_text(pd, out).to_csv(sink, header=first, index=False)
                first = False
                progress.update(len(chunk))
            if first:  # no rows: still write the header
                empty = first_response_deadlines(
                    pd.DataFrame({c: pd.Series(dtype="str") for c in columns}), **options
                )
                _as_text(pd, empty).to_csv(sink, header=True, index=False)
            progress.done()
    warn(warned)
    return 0


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
        fraction = bool(np.any(local[~missing].astype(np.int64) % 1_000_000))
        stamps = np.datetime_as_string(local, unit="us" if fraction else "s")
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


def _lines(message: str) -> str:
    """In CLI terms: CSV line numbers (a chunk's row labels count data rows from 0, and
    the header is line 1), and the option rather than the keyword argument."""
    text = re.sub(r"^row (\d+)", lambda m: f"line {int(m[1]) + 2}", one_line(message))
    return text.replace("pass errors='coerce'", "pass --errors coerce")


# -- report -------------------------------------------------------------------------------


def _cmd_report(args: argparse.Namespace) -> int:
    pd = _pandas()
    from ..batch import compliance

    by = [part.strip() for part in args.by.split(",") if part.strip()]
    with opened(args.input) as (source, _):
        columns = header(source, args.input)
        missing = [c for c in (*_RESULT_COLUMNS, *by) if c not in columns]
        if missing:
            hint = (
                "; run 'batch' on tickets with a first-response column (--responded-column) "
                "to add taken, margin and state"
                if set(missing) & set(_RESULT_COLUMNS)
                else ""
            )
            raise CliError(
                f"{args.input} has no column {', '.join(map(repr, missing))} (its columns: "
                f"{', '.join(map(repr, columns))}){hint}",
                option="INPUT",
                value=args.input,
            )
        parts = [
            _compact_chunk(pd, chunk)
            for chunk in pd.read_csv(
                source,
                header=None,
                names=columns,
                usecols=[*by, *_RESULT_COLUMNS],
                chunksize=args.chunksize,
                dtype=dict.fromkeys([*by, *_RESULT_COLUMNS], "str"),
            )
        ]
    tickets = pd.concat(parts, ignore_index=True) if parts else _empty(pd, by)
    result = compliance(tickets, by=by or None)
    sys.stdout.write(f"{result!r}\n{result}\n")
    if args.plot:
        figure = result.plot()
        try:
            figure.savefig(args.plot)
        except (OSError, ValueError) as exc:
            raise CliError(
                f"cannot write the figure to {args.plot!r}: {exc}", option="--plot", value=args.plot
            ) from None
        sys.stderr.write(f"{PROG}: wrote {args.plot}\n")
    return 0


def _compact_chunk(pd: Any, chunk: pd.DataFrame) -> pd.DataFrame:
    """A chunk of a batch output with compact dtypes (timedeltas, categories)."""
    for column in ("taken", "margin", "target"):
        chunk[column] = pd.to_timedelta(chunk[column]).astype("timedelta64[us]")
    return chunk


def _empty(pd: Any, by: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype="str") for column in by})
    for column in ("taken", "margin", "target"):
        frame[column] = pd.Series(dtype="timedelta64[us]")
    frame["state"] = pd.Series(dtype="str")
    return frame
