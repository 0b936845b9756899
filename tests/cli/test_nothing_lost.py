"""Fuzzing ``batch`` with files that mix good and broken records: nothing is lost.

Hypothesis writes CSV files of tickets from pieces: good records (some with a
quoted subject over several lines, some with bad values), and broken ones
(too many or too few fields, a stray quote that is never closed or that pairs
with one lines later, bytes that are not UTF-8, a NUL byte, the header again),
with empty lines, LF or CRLF endings and a byte order mark here and there.
Each piece knows the records it makes and their line numbers. The invariant:

* ``--errors coerce`` writes one row per record, in order, each with the
  line it starts on; a good record's row is the row it gets in a clean file
  of the good records alone (same input text, same deadline, same error);
  a broken one has no values, no deadline, and an error naming its line;
* ``--errors raise`` exits with code 2 and one line naming the first bad
  record or value, and creates nothing at the output path.

Stray quotes are opened in the last field and a closing quote is always
followed by one more field, so however a stray quote pairs, the record it
makes has too many fields or text after a closing quote: it is never read
as one record, and each piece's records are known in advance.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import given, note
from hypothesis import strategies as st

from support.calls import run_cli

COLUMNS = ["plan", "severity", "created_at", "subject"]
HEADER = ",".join(COLUMNS)
PLANS = ["Developer", "Premium", "Enterprise", "Basic", "gold"]
SEVERITIES = ["S1", "S2", "S3", "S4", "3", "s2", "S9"]
CREATED = [
    "2025-06-06T17:00:00+08:00",
    "2025-06-06T09:00:00Z",
    "2025-03-09T01:30:00-05:00",
    "2025-10-01T10:15:30+08:00",
    "2025-06-06T17:00:00",  # naive: a bad value
    "not a time",
    "",
]


@dataclass(frozen=True)
class Piece:
    """Some physical lines of the file, and the records they make.

    ``records`` are (line offset within the piece, the text of the record
    when good, else None), in order.
    """

    data: bytes
    records: tuple[tuple[int, str | None], ...]

    @property
    def lines(self) -> int:
        return self.data.count(b"\n")


endings = st.sampled_from(["\n", "\r\n"])
simple_fields = st.tuples(
    st.sampled_from(PLANS), st.sampled_from(SEVERITIES), st.sampled_from(CREATED)
)
subjects = st.one_of(
    st.just(""),
    st.text(alphabet="abc xyz", min_size=1, max_size=8),
    # Needs quoting (a comma, a quote, line breaks); starts with a letter, so a stray
    # quote open before it ends on its opening quote, followed by text.
    st.tuples(
        st.sampled_from("Sp"),
        st.lists(st.sampled_from(["a", " ", ",", '"', "\n", "\r\n", "x"]), max_size=8),
    ).map(lambda t: t[0] + "".join(t[1])),
)


def record_text(fields: list[str], ending: str) -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator=ending).writerow(fields)
    return text.getvalue()


@st.composite
def good(draw: st.DrawFn) -> Piece:
    fields = [*draw(simple_fields), draw(subjects)]
    text = record_text(fields, draw(endings))
    return Piece(text.encode(), ((0, text),))


@st.composite
def simple_line(draw: st.DrawFn) -> str:
    """A good record on one line, without quotes, and without its line ending."""
    plan, severity, created = draw(simple_fields)
    return f"{plan},{severity},{created},{draw(st.sampled_from(['', 'note', 'a b']))}"


@st.composite
def broken(draw: st.DrawFn) -> Piece:
    line = draw(simple_line())
    ending = draw(endings)
    kind = draw(
        st.sampled_from(
            ["extra", "fewer", "stray", "pair", "latin-1", "invalid", "nul", "header", "bom-header"]
        )
    )
    if kind == "pair":
        # A stray quote, good lines, then a quote inside a field: on their own, the last
        # line has five fields.
        middle = draw(st.lists(simple_line(), max_size=3))
        opening = line + ',"Stray start'
        closing = draw(simple_line()) + 'x",tail'
        lines = [opening, *middle, closing]
        data = "".join(part + ending for part in lines).encode()
        return Piece(
            data,
            (
                (0, None),
                *((1 + i, part + ending) for i, part in enumerate(middle)),
                (len(lines) - 1, None),
            ),
        )
    texts: dict[str, bytes] = {
        "extra": (line + ",extra").encode(),
        "fewer": line.rsplit(",", 1)[0].encode(),
        "stray": (line.rsplit(",", 1)[0] + ',"Stray ' + line.rsplit(",", 1)[1]).encode(),
        "latin-1": ("Développeur," + line.split(",", 1)[1]).encode("latin-1"),
        "invalid": line.encode().replace(b",", b"\xff,", 1),
        "nul": line.encode().replace(b",", b"\x00,", 1),
        "header": HEADER.encode(),
        "bom-header": b"\xef\xbb\xbf" + HEADER.encode(),
    }
    return Piece(texts[kind] + ending.encode(), ((0, None),))


empty_line = endings.map(lambda ending: Piece(ending.encode(), ()))
pieces = st.lists(st.one_of(good(), good(), broken(), empty_line), max_size=12)


def layout(parts: list[Piece]) -> tuple[list[tuple[int, str | None]], int]:
    """Each expected record (its line number, its text when good), and the lines in all."""
    expected = []
    line = 2  # the header is line 1
    for piece in parts:
        expected += [(line + offset, text) for offset, text in piece.records]
        line += piece.lines
    return expected, line - 1


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode(), newline="")))


def batch(source: Path, out: Path, *options: str) -> tuple[int, str]:
    code, _, err = run_cli(
        ["batch", str(source), "--tz", "Asia/Shanghai", "-o", str(out), *options]
    )
    return code, err


@given(
    parts=pieces,
    bom=st.booleans(),
    header_ending=endings,
    chunksize=st.integers(1, 5),
    last_ending=st.booleans(),
)
def test_every_record_gives_one_row_in_order_and_good_rows_are_unchanged(
    parts: list[Piece], bom: bool, header_ending: str, chunksize: int, last_ending: bool
) -> None:
    expected, _ = layout(parts)
    data = (b"\xef\xbb\xbf" if bom else b"") + (HEADER + header_ending).encode()
    data += b"".join(piece.data for piece in parts)
    if not last_ending and expected and data.endswith(b"\n"):
        data = data.removesuffix(b"\n").removesuffix(b"\r")  # no line ending at the very end
    note(repr(data))
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder, "tickets.csv"), Path(folder, "out.csv")
        source.write_bytes(data)
        clean, clean_out = Path(folder, "clean.csv"), Path(folder, "clean-out.csv")
        clean.write_text(
            HEADER + "\n" + "".join(text for _, text in expected if text is not None),
            encoding="utf-8",
            newline="",
        )

        code, err = batch(source, out, "--errors", "coerce", "--chunksize", str(chunksize))
        assert code == 0, err
        rows = rows_of(out)
        assert batch(clean, clean_out, "--errors", "coerce")[0] == 0
        alone = iter(rows_of(clean_out))

        assert [int(row["line"]) for row in rows] == [line for line, _ in expected]
        first_bad = None
        for row, (line, text) in zip(rows, expected, strict=True):
            if text is None:
                assert row["error"].startswith(f"line {line}: "), row
                assert all(row[column] == "" for column in COLUMNS), row
                assert row["deadline"] == row["target"] == row["clock"] == "", row
            else:
                reference = next(alone)
                assert {**row, "line": ""} == {**reference, "line": ""}
            if row["error"] and first_bad is None:
                first_bad = line

        # --errors raise: the first bad record or value stops the run; no output file.
        raised = out.with_name("raised.csv")
        code, err = batch(source, raised, "--chunksize", str(chunksize))
        if first_bad is None:
            assert code == 0, err
            without_error = [{k: v for k, v in row.items() if k != "error"} for row in rows]
            assert rows_of(raised) == without_error
        else:
            assert code == 2
            assert err.count("\n") == 1, err
            assert re.match(
                f"connected-care-sla: error: {re.escape(str(source))}: line {first_bad}[ :]", err
            ), err
            assert not raised.exists()
