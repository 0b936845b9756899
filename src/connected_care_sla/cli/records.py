"""The records of a CSV file, each with its line number; a broken one costs only itself.

`CsvRecords` reads a CSV file (bytes, streamed: memory does not grow
with the file) and gives its header, then every record in order as a
`Record`: the number of the physical line it starts on (the header is
line 1) and its fields as text, or, for a record that cannot be read, the
reason in words. Nothing is skipped silently and nothing stops the reading:

* records follow RFC 4180: fields are separated by commas; a field that
  starts with a double quote runs to the matching quote (``""`` inside is
  one quote) and may hold commas and line breaks, so one record may span
  several lines (it is numbered by its first); a quote further inside a
  field is an ordinary character; lines end with LF or CRLF;
* a quote that is never closed, or one that pairs with a quote lines later
  and leaves a record that cannot be read (the wrong number of fields, or
  text right after the closing quote), costs only its own line: that line
  is a bad record and the reading starts again on the next line. A quoted
  field may span at most `LIMIT` bytes; a quote still open after that
  is taken as a stray one too;
* an empty line is not a record; a record with a number of fields other
  than the header's, a copy of the header line, bytes that are not UTF-8
  (decoded record by record: one bad byte spoils only its record), a NUL
  byte, or a line longer than `LIMIT` bytes is a bad record;
* a UTF-8 byte order mark before the header is dropped.

The module knows nothing of tickets: `connected_care_sla.cli.files`
builds a table per chunk of records and adds the deadlines.

Examples:
    >>> import io
    >>> data = b'plan,note\\nPremium,"two\\nlines"\\nBasic,"never closed\\n'
    >>> data += b'Developer,x,y\\n\\nBasic,ok\\n'
    >>> reader = CsvRecords(io.BytesIO(data), "t.csv")
    >>> reader.header
    ['plan', 'note']
    >>> for record in reader:
    ...     print(record)
    Record(line=2, fields=('Premium', 'two\\nlines'), problem=None)
    Record(line=4, fields=None, problem='field 2 opens a quote that is never closed')
    Record(line=5, fields=None, problem='3 fields, the header has 2')
    Record(line=7, fields=('Basic', 'ok'), problem=None)
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator
from itertools import islice
from typing import IO, Final, NamedTuple, NoReturn, TypeAlias

from .arguments import CliError

__all__ = ["LIMIT", "CsvRecords", "RawRecord", "Record", "describe_limit"]

#: The most bytes one record (and so one physical line) may span.
LIMIT: Final = 16 * 1024 * 1024
_BLOCK: Final = 1024 * 1024  # bytes read at a time
_BOM: Final = b"\xef\xbb\xbf"
_QUOTE: Final = ord('"')
_COMMA: Final = ord(",")
_CR: Final = ord("\r")


#: A record as a plain tuple: ``(line, fields, problem)``, as in `Record`.
RawRecord: TypeAlias = tuple[int, tuple[str, ...] | None, str | None]


class Record(NamedTuple):
    """One record of a CSV file.

    Attributes:
        line: the physical line it starts on, counted from 1 (the header).
        fields: its fields as text, exactly as written (quotes removed,
            ``""`` as one quote, line breaks inside a quoted field kept);
            None when the record cannot be read.
        problem: why it cannot be read, in words, without the line number
            (``"4 fields, the header has 3"``); None for a good record.
    """

    line: int
    fields: tuple[str, ...] | None
    problem: str | None


def describe_limit(limit: int) -> str:
    """``16 MB`` for `LIMIT`: a size in words."""
    if limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    return f"{limit:,} bytes"


class CsvRecords:
    """The header and the records of a CSV file, read as the module docstring says.

    Reading the header happens here: an empty file, or a header that cannot
    be read (bytes that are not UTF-8, a NUL byte, a quote never closed, the
    same column twice), raises `CliError` naming ``name``.
    Iterating gives each later record once, in order.
    """

    header: list[str]

    def __init__(self, source: IO[bytes], name: str, *, limit: int = LIMIT) -> None:
        self._name = name
        self._limit = limit
        self._pending: deque[tuple[int, bytes | None]] = deque()
        self._source = enumerate(_physical_lines(source, limit), 1)
        self._lines = self._numbered()
        self.header = self._read_header()
        self._width = len(self.header)

    # -- the header --------------------------------------------------------------------------

    def _read_header(self) -> list[str]:
        while (taken := self._next_line()) is not None:
            number, line = taken
            if line is None:
                self._refuse(number, f"the line is longer than {describe_limit(self._limit)}")
            if number == 1 and line.startswith(_BOM):
                line = line[len(_BOM) :]
            if line in (b"", b"\r"):
                continue  # an empty line is not a record, not even the header
            fields, problem = self._quoted(number, line, None)
            if fields is None:
                self._refuse(number, problem or "it cannot be read")
            seen: set[str] = set()
            for name in fields:
                if name in seen:
                    self._refuse(number, f"it names the column {name!r} twice")
                seen.add(name)
            return list(fields)
        raise CliError(
            f"{self._name} is empty",
            option="INPUT",
            value=self._name,
            expected="a CSV file with a header line",
        )

    def _refuse(self, number: int, problem: str) -> NoReturn:
        raise CliError(
            f"{self._name}: line {number}: the header cannot be read: {problem}",
            option="INPUT",
            value=self._name,
            expected="a CSV file whose first line names its columns",
        )

    # -- the records ---------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Record]:
        return map(Record._make, self._records())

    def chunks(self, size: int) -> Iterator[list[RawRecord]]:
        """The records in lists of ``size`` (the last may be shorter; none is empty).

        Each is a plain ``(line, fields, problem)`` tuple, as a `Record` has.
        """
        records = self._records()
        while chunk := list(islice(records, size)):
            yield chunk

    def _records(self) -> Iterator[RawRecord]:
        width = self._width
        header = tuple(self.header)
        marked = "\ufeff" + header[0]  # the header again, with its byte order mark
        too_long = f"the line is longer than {describe_limit(self._limit)}"
        feed = _OneLine()
        one_line = csv.reader(feed, strict=True)
        while True:
            for number, line in self._lines:
                if line is None:
                    yield (number, None, too_long)
                    continue
                values: tuple[str, ...] | None = None
                if _QUOTE in line:
                    # A line that the csv module reads as one record, quotes closed and
                    # nothing after them, is the record the rules make of it; anything
                    # else (or any doubt) is for the rules themselves.
                    try:
                        text = line.decode()
                        if text[-1] == "\r":
                            text = text[:-1]
                        if "\x00" not in text and "\r" not in text:  # the csv module ends
                            feed.line = text  # a line at a CR, and may refuse a NUL
                            values = tuple(next(one_line))
                    except (UnicodeDecodeError, csv.Error):
                        pass
                    if values is None:
                        values, problem = self._quoted(number, line, width)
                        if values is None:
                            yield (number, None, problem)
                            continue
                else:
                    if line in (b"", b"\r"):
                        continue  # an empty line is not a record
                    try:
                        text = line.decode()
                    except UnicodeDecodeError as exc:
                        field = line.count(b",", 0, exc.start) + 1
                        yield (number, None, _not_utf8(field, exc))
                        continue
                    if text[-1] == "\r":
                        text = text[:-1]
                    if "\x00" in text:
                        field = text.count(",", 0, text.index("\x00")) + 1
                        yield (number, None, f"field {field} has a NUL byte")
                        continue
                    values = tuple(text.split(","))
                if len(values) != width:
                    yield (number, None, _count(len(values), width))
                elif values == header or (values[0] == marked and values[1:] == header[1:]):
                    yield (number, None, "a repeated header line")
                else:
                    yield (number, values, None)
            if not self._pending:
                return
            self._lines = self._numbered()  # the file ended before lines were given back

    def _numbered(self) -> Iterator[tuple[int, bytes | None]]:
        """The physical lines and their numbers, a line given back coming first."""
        pending = self._pending
        for item in self._source:
            yield item
            while pending:
                yield pending.popleft()
        while pending:
            yield pending.popleft()

    def _next_line(self) -> tuple[int, bytes | None] | None:
        """The next physical line and its number, or None at the end of the file."""
        taken = next(self._lines, None)
        if taken is None and self._pending:  # the file ended before lines were given back
            self._lines = self._numbered()
            taken = next(self._lines, None)
        return taken

    def _quoted(
        self, number: int, line: bytes, width: int | None
    ) -> tuple[tuple[str, ...] | None, str | None]:
        """The record starting at ``line``, which has a quote: its fields, or why not.

        Lines are taken from the file while a quoted field is open. When the
        record spans several lines and cannot be read, the lines after the
        first are given back, to be read again as records of their own.
        """
        parser = _Fields()
        taken: list[tuple[int, bytes | None]] = []
        size = len(line)
        done = parser.feed(line)
        opened = parser.opened
        last = number
        ending = ""
        while not done:
            following = self._next_line()
            if following is None:
                ending = "is never closed"
                break
            last, more = following
            taken.append(following)
            if more is None:
                ending = f"is not closed before line {last}, which is too long"
                break
            size += len(more) + 1
            if size > self._limit:
                ending = f"is not closed within {describe_limit(self._limit)}"
                break
            done = parser.feed(more)
        if done and parser.problem is None and (width is None or len(parser.fields) == width):
            return _decoded(parser.fields)
        if not taken:  # one line: it is the bad record
            if not done:
                return None, f"field {opened} opens a quote that {ending}"
            if parser.problem is not None:
                return None, parser.problem
            return None, _count(len(parser.fields), width or 0)
        # Lines that do not make a record: the first is bad, the others are read again.
        self._pending.extendleft(reversed(taken))
        what = f"field {opened} opens a quote that"
        if not done:
            return None, f"{what} {ending}"
        if parser.problem is None:
            found = _count(len(parser.fields), width or 0)
            return None, f"{what} pairs with one on line {last}, leaving {found}"
        if parser.problem_field == opened:
            return None, f"{what} pairs with one on line {last} followed by text, not a comma"
        return None, f"{what} pairs with one on line {last}, after which {parser.problem}"


class _Fields:
    """The fields of one record that has quotes, fed a physical line at a time."""

    __slots__ = ("fields", "opened", "piece", "problem", "problem_field")

    def __init__(self) -> None:
        self.fields: list[bytes] = []
        self.piece: bytearray | None = None  # the quoted field being read, across lines
        self.opened = 0  # the number of the field whose quote is open
        self.problem: str | None = None  # text after a closing quote
        self.problem_field = 0  # the number of that field

    def feed(self, line: bytes) -> bool:
        """Read one more physical line; True when the record is complete (or broken)."""
        stop = len(line) - 1 if line and line[-1] == _CR else len(line)
        pos = 0
        if self.piece is not None:  # inside a quoted field since an earlier line
            pos = self._quoted(line, 0)
            if pos < 0:
                return False
            if not self._after_quote(line, pos, stop):
                return True
            pos += 1
        while True:
            if pos < stop and line[pos] == _QUOTE:
                self.piece = bytearray()
                self.opened = len(self.fields) + 1
                pos = self._quoted(line, pos + 1)
                if pos < 0:
                    return False
                if not self._after_quote(line, pos, stop):
                    return True
                pos += 1
                continue
            comma = line.find(b",", pos, stop)
            if comma < 0:
                self.fields.append(line[pos:stop])
                return True
            self.fields.append(line[pos:comma])
            pos = comma + 1

    def _quoted(self, line: bytes, pos: int) -> int:
        """Quoted text from ``pos``: the index after its closing quote, or -1 (still open)."""
        piece = self.piece
        assert piece is not None
        while True:
            quote = line.find(b'"', pos)
            if quote < 0:
                piece += line[pos:]
                piece += b"\n"
                return -1
            if quote + 1 < len(line) and line[quote + 1] == _QUOTE:
                piece += line[pos : quote + 1]
                pos = quote + 2
                continue
            piece += line[pos:quote]
            self.fields.append(bytes(piece))
            self.piece = None
            return quote + 1

    def _after_quote(self, line: bytes, pos: int, stop: int) -> bool:
        """After a closing quote: True when a comma follows (another field comes)."""
        if pos >= stop:
            return False  # the end of the record
        if line[pos] == _COMMA:
            return True
        self.problem_field = len(self.fields)
        self.problem = f"field {self.problem_field} has text after its closing quote"
        return False


class _OneLine:
    """An iterator that gives the csv module one line at a time, then ends."""

    __slots__ = ("line",)

    def __init__(self) -> None:
        self.line: str | None = None

    def __iter__(self) -> _OneLine:
        return self

    def __next__(self) -> str:
        line = self.line
        if line is None:
            raise StopIteration
        self.line = None
        return line


def _physical_lines(source: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Each physical line of ``source`` without its LF (a CR before it is kept).

    A line longer than ``limit`` bytes is given as None, and not kept in memory.
    """
    size = min(_BLOCK, limit)  # so that only a line begun in an earlier block can be too long
    rest = b""
    skipping = False  # inside a line that is too long
    while block := source.read(size):
        lines = (rest + block).split(b"\n")
        rest = lines.pop()
        if lines:
            if skipping or len(lines[0]) > limit:
                yield None
                yield from lines[1:]
                skipping = False
            else:
                yield from lines
        if len(rest) > limit:
            skipping, rest = True, b""
    if skipping:
        yield None
    elif rest:
        yield rest


def _decoded(fields: list[bytes]) -> tuple[tuple[str, ...] | None, str | None]:
    """The fields as text, or why not: the first one that is not UTF-8 or has a NUL byte."""
    values = []
    for number, field in enumerate(fields, 1):
        try:
            value = field.decode()
        except UnicodeDecodeError as exc:
            return None, _not_utf8(number, exc)
        if "\x00" in value:
            return None, f"field {number} has a NUL byte"
        values.append(value)
    return tuple(values), None


def _count(found: int, width: int) -> str:
    return f"{found} field{'' if found == 1 else 's'}, the header has {width}"


def _not_utf8(field: int, exc: UnicodeDecodeError) -> str:
    bad = " ".join(f"0x{byte:02x}" for byte in exc.object[exc.start : exc.end][:4])
    return f"field {field} is not UTF-8 text (byte {bad})"
