"""``batch --events FILE``: a CSV of ticket histories beside the tickets.

The events file is read whole, with the same nothing-lost reader as the
tickets (`CsvRecords`: every record with its line number), and each chunk
of tickets gets the events of its own tickets. Its columns are those of
[`EVENT_COLUMNS`][connected_care_sla.batch.EVENT_COLUMNS]: ``ticket_id``,
``at``, ``severity``, ``plan`` and ``pause`` (``start`` or ``end``); only
``ticket_id`` and ``at`` are required. Messages name the file and the line:
``events.csv line 5: pause 'maybe' is neither 'start' nor 'end'``. An event
for a ticket the tickets file does not have stops the run (``--errors
raise``) or is reported on stderr (``--errors coerce``) once every chunk has
been read.
"""

from __future__ import annotations

import argparse
from typing import IO, TYPE_CHECKING, Any

from .arguments import CliError
from .records import CsvRecords, RawRecord
from .streams import opened

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EventFile", "add_event_options"]

_REQUIRED = ("ticket_id", "at")
_KNOWN = ("ticket_id", "at", "severity", "plan", "pause")


def add_event_options(parser: argparse.ArgumentParser) -> None:
    """``--events FILE`` and ``--ticket-column COLUMN``."""
    parser.add_argument(
        "--events",
        metavar="FILE",
        help="a CSV of the tickets' histories, in any order: columns ticket_id, at, and "
        "severity and/or plan (a change) or pause (start or end); see the batch how-to",
    )
    parser.add_argument(
        "--ticket-column",
        default="ticket_id",
        metavar="COLUMN",
        help="with --events, the tickets' id column that the events' ticket_id names; "
        "default: ticket_id",
    )


class EventFile:
    """The events of a CSV file, handed out chunk by chunk to the tickets they name."""

    def __init__(self, pd: Any, path: str, errors: str) -> None:
        self.name = "stdin" if path == "-" else path
        self._errors = errors
        try:
            with opened(path) as (source, _):
                header, records = self._records(source, path)
        except CliError as exc:
            if exc.option == "--events":
                raise
            raise CliError(f"--events: {exc}", option="--events", value=path) from None
        self.unreadable = [(line, problem) for line, fields, problem in records if fields is None]
        if self.unreadable and errors == "raise":
            line, problem = self.unreadable[0]
            raise CliError(
                f"{self.name}: line {line}: {problem}; pass --errors coerce to go on without "
                f"such records (each is then reported)",
                option="--events",
                value=path,
            )
        good = [(line, fields) for line, fields, _ in records if fields is not None]
        wanted = [c for c in _KNOWN if c in header]
        positions = [header.index(c) for c in wanted]
        rows = [[fields[p] or None for p in positions] for _, fields in good]
        frame = pd.DataFrame(rows, columns=wanted, dtype=object)
        frame.index = pd.Index([line for line, _ in good], name="line")
        frame.attrs["source"] = self.name
        self.frame = frame
        self._by_ticket: dict[str, list[int]] = {}
        for position, ticket in enumerate(frame["ticket_id"].tolist()):
            self._by_ticket.setdefault("" if ticket is None else ticket, []).append(position)
        self._matched: set[str] = set()

    def _records(self, source: IO[bytes], path: str) -> tuple[list[str], list[RawRecord]]:
        """The header and every record of the events file."""
        reader = CsvRecords(source, self.name)
        header = reader.header
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            raise CliError(
                f"--events {self.name} has no column {', '.join(map(repr, missing))} (its "
                f"columns: {', '.join(map(repr, header))}); an events file has the columns "
                f"{', '.join(_KNOWN)} (ticket_id and at required)",
                option="--events",
                value=path,
            )
        return header, [record for chunk in reader.chunks(100_000) for record in chunk]

    def for_chunk(self, chunk: list[RawRecord], header: list[str], column: str) -> pd.DataFrame:
        """The events of the chunk's tickets (by the ``column`` of the tickets file)."""
        where = header.index(column)
        positions: list[int] = []
        for _, fields, _ in chunk:
            if fields is None:
                continue
            ticket = fields[where]
            found = self._by_ticket.get(ticket)
            if found is not None and ticket not in self._matched:
                self._matched.add(ticket)
                positions += found
        positions.sort()
        return self.frame.iloc[positions]

    def unmatched(self) -> list[str]:
        """After the run: what is left (events of unknown tickets, unreadable records).

        Raises:
            CliError: with ``--errors raise``, an event for a ticket the tickets
                file does not have.
        """
        left = sorted(
            (positions[0], ticket)
            for ticket, positions in self._by_ticket.items()
            if ticket not in self._matched
        )
        messages = []
        if left:
            position, ticket = left[0]
            line = self.frame.index[position]
            count = sum(len(self._by_ticket[t]) for _, t in left)
            text = f"{self.name}: line {line}: the ticket {ticket!r} is not in the tickets file" + (
                "" if count == 1 else f" ({count:,} events name tickets it lacks)"
            )
            if self._errors == "raise":
                raise CliError(
                    f"{text}; give the events of the file's tickets only, or pass --errors "
                    f"coerce to go on without them",
                    option="--events",
                    value=self.name,
                )
            messages.append(f"{text}; such events are left out")
        if self.unreadable:
            line, problem = self.unreadable[0]
            many = "" if len(self.unreadable) == 1 else f" ({len(self.unreadable):,} in all)"
            messages.append(
                f"{self.name}: line {line} could not be read ({problem}){many}; it is left out"
            )
        return messages
