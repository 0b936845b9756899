"""CSV files with broken records: nothing lost, each bad record reported with its line.

One named regression test per kind of broken record, first for the reader
(:class:`connected_care_sla.cli.records.CsvRecords`), then through the
``batch`` and ``report`` commands in both error modes. The fuzz test that
mixes them all is in ``test_nothing_lost.py``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shlex
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected_care_sla.cli.records import CsvRecords, Record
from support import ROOT
from support.calls import run_cli

HEADER = b"plan,severity,created_at\n"
GOOD = b"Developer,S1,2025-06-06T17:00:00+08:00\n"
#: The deadline of GOOD in Asia/Shanghai (Friday 17:00 plus 4 business hours).
DEADLINE = "2025-06-09T12:00:00+08:00"
COERCE_HINT = (
    "pass --errors coerce to write such records as rows with the reason in an 'error' column"
)


def records(data: bytes, **options: int) -> list[Record]:
    return list(CsvRecords(io.BytesIO(data), "t.csv", **options))


def summary(data: bytes) -> list[tuple[int, str]]:
    """Each record as (line, "ok") or (line, its problem)."""
    return [(r.line, r.problem or "ok") for r in records(data)]


# -- the reader ---------------------------------------------------------------------------


def test_a_good_file_gives_every_record_with_its_line() -> None:
    got = records(HEADER + GOOD + b"Premium,S2,2025-06-06T09:00:00Z\n")
    assert got == [
        Record(2, ("Developer", "S1", "2025-06-06T17:00:00+08:00"), None),
        Record(3, ("Premium", "S2", "2025-06-06T09:00:00Z"), None),
    ]


def test_too_many_fields() -> None:
    assert summary(HEADER + GOOD + b"Developer,S1,2025-06-06T17:00:00+08:00,extra\n" + GOOD) == [
        (2, "ok"),
        (3, "4 fields, the header has 3"),
        (4, "ok"),
    ]


def test_too_few_fields() -> None:
    assert summary(HEADER + b"Developer,S1\nDeveloper\n" + GOOD) == [
        (2, "2 fields, the header has 3"),
        (3, "1 field, the header has 3"),
        (4, "ok"),
    ]


def test_an_unclosed_quote_at_the_end_of_the_file() -> None:
    assert summary(HEADER + GOOD + b'Developer,"S1,2025-06-06T17:00:00+08:00\n') == [
        (2, "ok"),
        (3, "field 2 opens a quote that is never closed"),
    ]


def test_an_unclosed_quote_costs_only_its_own_line() -> None:
    data = HEADER + b'Developer,"S1,2025-06-06T17:00:00+08:00\n' + GOOD + GOOD
    assert summary(data) == [
        (2, "field 2 opens a quote that is never closed"),
        (3, "ok"),
        (4, "ok"),
    ]


def test_a_stray_quote_pairing_with_a_later_one_costs_only_its_own_line() -> None:
    # The quote opened on line 3 pairs with the one on line 5: a record of 5 fields.
    five = "5 fields, the header has 3"
    data = (
        HEADER
        + GOOD
        + b'Developer,S1,"2025-06-06T17:00:00+08:00\n'
        + GOOD
        + b'Premium",S1,2025-06-06T17:00:00+08:00\n'
        + GOOD
    )
    assert summary(data) == [
        (2, "ok"),
        (3, "field 3 opens a quote that pairs with one on line 5, leaving " + five),
        (4, "ok"),
        (5, "ok"),  # on its own line, a quote inside a field is an ordinary character
        (6, "ok"),
    ]
    assert records(data)[3].fields == ('Premium"', "S1", "2025-06-06T17:00:00+08:00")


def test_a_stray_quote_followed_by_text_after_its_pair() -> None:
    data = HEADER + b'Developer,"S1\n"Premium,S1,2025-06-06T17:00:00+08:00\n' + GOOD
    assert summary(data) == [
        (2, "field 2 opens a quote that pairs with one on line 3 followed by text, not a comma"),
        (3, "field 1 opens a quote that is never closed"),
        (4, "ok"),
    ]


def test_text_after_a_closing_quote() -> None:
    assert summary(HEADER + b'Developer,"S1"x,2025-06-06T17:00:00+08:00\n' + GOOD) == [
        (2, "field 2 has text after its closing quote"),
        (3, "ok"),
    ]


def test_a_multi_line_quoted_field_that_closes_is_one_record() -> None:
    data = (
        b"plan,severity,created_at,subject\n"
        b'Developer,S1,2025-06-06T17:00:00+08:00,"Printer on fire,\n'
        b'""urgent""\n'
        b"\n"
        b'thanks"\n'
        b"Premium,S2,2025-06-06T09:00:00Z,ok\n"
    )
    got = records(data)
    assert [r.line for r in got] == [2, 6]
    assert got[0].fields is not None
    assert got[0].fields[3] == 'Printer on fire,\n"urgent"\n\nthanks'
    assert got[1].problem is None


def test_bytes_that_are_not_utf8_spoil_only_their_record() -> None:
    data = (
        HEADER + b"D\xe9veloppeur,S1,2025-06-06T17:00:00+08:00\n" + GOOD + b"x,\xff\xfe,y\n" + GOOD
    )
    assert summary(data) == [
        (2, "field 1 is not UTF-8 text (byte 0xe9)"),
        (3, "ok"),
        (4, "field 2 is not UTF-8 text (byte 0xff)"),
        (5, "ok"),
    ]
    quoted = HEADER + b'"x\n\xff",S1,2025-06-06T17:00:00+08:00\n' + GOOD
    assert summary(quoted) == [(2, "field 1 is not UTF-8 text (byte 0xff)"), (4, "ok")]


def test_a_nul_byte() -> None:
    data = HEADER + b"Developer,S1\x00,2025-06-06T17:00:00+08:00\n" + b'"\x00",S1,x\n' + GOOD
    assert summary(data) == [
        (2, "field 2 has a NUL byte"),
        (3, "field 1 has a NUL byte"),
        (4, "ok"),
    ]


def test_a_repeated_header_line() -> None:
    data = (
        HEADER + GOOD + HEADER + GOOD + b"\xef\xbb\xbf" + HEADER + b'"plan",severity,created_at\n'
    )
    assert summary(data) == [
        (2, "ok"),
        (3, "a repeated header line"),
        (4, "ok"),
        (5, "a repeated header line"),  # with the byte order mark of a file joined to this one
        (6, "a repeated header line"),
    ]


def test_empty_lines_are_not_records_but_are_counted() -> None:
    data = b"\n" + HEADER + b"\n\n" + GOOD + b"\r\n" + GOOD + b"\n"
    assert summary(data) == [(5, "ok"), (7, "ok")]


def test_crlf_line_endings() -> None:
    data = (
        b"plan,severity,created_at,subject\r\n"
        + b'Developer,S1,x,"two\r\nlines"\r\n'
        + b"a,b,c,d\r\n"
    )
    got = records(data)
    assert [r.line for r in got] == [2, 4]
    assert got[0].fields == ("Developer", "S1", "x", "two\r\nlines")  # the line break as written
    assert got[1].fields == ("a", "b", "c", "d")  # no CR left at the end
    assert summary(b"a,b\r\n1,2,3\r\n1,2") == [(2, "3 fields, the header has 2"), (3, "ok")]


def test_a_byte_order_mark_at_the_start() -> None:
    reader = CsvRecords(io.BytesIO(b"\xef\xbb\xbf" + HEADER + GOOD), "t.csv")
    assert reader.header == ["plan", "severity", "created_at"]
    assert [r.line for r in reader] == [2]


def test_fields_are_kept_exactly_as_written() -> None:
    data = b'a,b,c,d\n NA , ,"x,""y""",5" screen\n,,,\n'
    assert [r.fields for r in records(data)] == [
        (" NA ", " ", 'x,"y"', '5" screen'),
        ("", "", "", ""),
    ]


def test_a_line_or_a_quoted_field_longer_than_the_limit() -> None:
    long_line = b"x" * 100 + b"\n"
    got = records(HEADER + long_line + GOOD + b"y" * 100, limit=64)
    assert [(r.line, r.problem) for r in got] == [
        (2, "the line is longer than 64 bytes"),
        (3, None),
        (4, "the line is longer than 64 bytes"),
    ]
    open_quote = HEADER + b'Developer,"S1,\n' + GOOD + GOOD + GOOD
    assert [(r.line, r.problem) for r in records(open_quote, limit=64)] == [
        (2, "field 2 opens a quote that is not closed within 64 bytes"),
        (3, None),
        (4, None),
        (5, None),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "t.csv is empty"),
        (b"\n\r\n", "t.csv is empty"),
        (b"plan,pl\xe9n\n", "t.csv: line 1: the header cannot be read: field 2 is not UTF-8"),
        (b'plan,"severity\n', "line 1: the header cannot be read: field 2 opens a quote that is"),
        (b"plan,plan\n", "line 1: the header cannot be read: it names the column 'plan' twice"),
        (b"plan,sever\x00ity\n", "line 1: the header cannot be read: field 2 has a NUL byte"),
        (b"\n" + b"x" * 100 + b"\n", "line 2: the header cannot be read: the line is longer"),
    ],
    ids=[
        "empty",
        "only-empty-lines",
        "not-utf8",
        "unclosed-quote",
        "same-column-twice",
        "nul",
        "long",
    ],
)
def test_a_header_that_cannot_be_read(data: bytes, message: str) -> None:
    from connected_care_sla.cli.arguments import CliError

    with pytest.raises(CliError, match=message):
        CsvRecords(io.BytesIO(data), "t.csv", limit=64)


def test_chunks_keep_the_order_and_lose_nothing() -> None:
    data = HEADER + GOOD * 3 + b"x\n" + GOOD * 3
    reader = CsvRecords(io.BytesIO(data), "t.csv")
    sizes = [len(chunk) for chunk in reader.chunks(3)]
    assert sizes == [3, 3, 1]
    again = CsvRecords(io.BytesIO(data), "t.csv")
    assert [line for chunk in again.chunks(2) for line, _, _ in chunk] == list(range(2, 9))


# -- the batch command ----------------------------------------------------------------------


def batch(folder: Path, data: bytes, *options: str) -> tuple[int, list[dict[str, str]], str]:
    """``batch`` over ``data`` to ``out.csv``: the exit code, the output rows, stderr."""
    source = folder / "tickets.csv"
    source.write_bytes(data)
    out = folder / "out.csv"
    code, _, err = run_cli(
        ["batch", str(source), "--tz", "Asia/Shanghai", "-o", str(out), *options]
    )
    rows = read_rows(out.read_bytes().decode()) if out.exists() else []
    return code, rows, err


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_issue_example_keeps_the_good_row(tmp_path: Path) -> None:
    data = HEADER + GOOD + b"Developer,S1,2025-06-06T17:00:00+08:00,extra\n"
    code, rows, err = batch(tmp_path, data, "--errors", "coerce")
    assert code == 0
    assert [(r["line"], r["deadline"], r["error"]) for r in rows] == [
        ("2", DEADLINE, ""),
        ("3", "", "line 3: 4 fields, the header has 3"),
    ]
    assert rows[1]["plan"] == rows[1]["created_at"] == ""  # a record that cannot be read
    assert err == (
        f"connected-care-sla: warning: {tmp_path / 'tickets.csv'}: line 3 could not be read "
        f"(4 fields, the header has 3); it is written with the reason in the error column\n"
    )


BROKEN = {
    "too-many-fields": (
        b"Developer,S1,2025-06-06T17:00:00+08:00,extra\n",
        "4 fields, the header has 3",
    ),
    "too-few-fields": (b"Developer,S1\n", "2 fields, the header has 3"),
    "unclosed-quote": (b'Developer,"S1,2025-06-06T17:00:00+08:00\n', "field 2 opens a quote"),
    "not-utf8": (b"Developer,S1,2025-06-06T17:00:00+08:00\xff\n", "field 3 is not UTF-8 text"),
    "nul-byte": (b"Developer,S1,2025-06-06T17:00:00\x00+08:00\n", "field 3 has a NUL byte"),
    "repeated-header": (HEADER, "a repeated header line"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_coerce_writes_a_row_for_the_bad_record_and_keeps_the_others(
    tmp_path: Path, kind: str
) -> None:
    line, problem = BROKEN[kind]
    code, rows, _ = batch(tmp_path, HEADER + GOOD + line + GOOD, "--errors", "coerce")
    assert code == 0
    assert [r["line"] for r in rows] == ["2", "3", "4"]
    assert [r["deadline"] for r in rows] == [DEADLINE, "", DEADLINE]
    assert rows[1]["error"].startswith(f"line 3: {problem}")
    assert rows[0]["error"] == rows[2]["error"] == ""


@pytest.mark.parametrize("kind", BROKEN)
def test_raise_stops_at_the_bad_record_with_one_line_and_writes_nothing(
    tmp_path: Path, kind: str
) -> None:
    line, problem = BROKEN[kind]
    code, rows, err = batch(tmp_path, HEADER + GOOD + line + GOOD)
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(
        f"connected-care-sla: error: {tmp_path / 'tickets.csv'}: line 3: {problem}"
    )
    assert err.endswith(f"; {COERCE_HINT}\n")
    assert rows == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tickets.csv"]  # no temporary left


def test_raise_leaves_a_file_already_at_the_output_path_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_bytes(b"precious\n")
    os.chmod(out, 0o640)
    before = out.stat()
    code, _, _ = batch(tmp_path, HEADER + GOOD + b"x\n")
    assert code == 2
    assert out.read_bytes() == b"precious\n"
    assert (out.stat().st_ino, out.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # A run that succeeds replaces it, keeping its permissions.
    assert batch(tmp_path, HEADER + GOOD)[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_a_new_output_file_has_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        assert batch(tmp_path, HEADER + GOOD)[0] == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644


def test_raise_keeps_the_rows_already_written_to_stdout(tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    source.write_bytes(HEADER + GOOD + GOOD + GOOD + b"x,y\n" + GOOD)
    argv = ["batch", str(source), "--tz", "Asia/Shanghai", "--chunksize", "2"]
    code, out, err = run_cli(argv)
    assert code == 2
    assert [r["line"] for r in read_rows(out)] == ["2", "3", "4"]  # every record before line 5
    assert err.startswith(
        f"connected-care-sla: error: {source}: line 5: 2 fields, the header has 3"
    )


def test_raise_names_the_first_problem_whether_a_record_or_a_value(tmp_path: Path) -> None:
    data = HEADER + GOOD + b"Gold,S1,2025-06-06T17:00:00+08:00\n" + b"x\n"
    code, _, err = batch(tmp_path, data)
    assert code == 2
    assert ": line 3 (plan = 'Gold'): unknown plan 'Gold'" in err
    code, _, err = batch(tmp_path, HEADER + b"x\n" + b"Gold,S1,2025-06-06T17:00:00+08:00\n")
    assert ": line 2: 1 field, the header has 3" in err


def test_a_multi_line_subject_is_one_record_written_back_exactly(tmp_path: Path) -> None:
    subject = 'Printer on fire,\r\n"urgent"\n\nthanks'
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(
        [
            ["plan", "severity", "created_at", "subject"],
            ["Developer", "S1", "2025-06-06T17:00:00+08:00", subject],
            ["Developer", "S1", "2025-06-06T17:00:00+08:00", "plain"],
        ]
    )
    code, rows, _ = batch(tmp_path, text.getvalue().encode(), "--errors", "coerce")
    assert code == 0
    assert [(r["line"], r["subject"], r["deadline"]) for r in rows] == [
        ("2", subject, DEADLINE),
        ("6", "plain", DEADLINE),
    ]


def test_empty_lines_crlf_and_a_byte_order_mark(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + HEADER.replace(b"\n", b"\r\n") + b"\r\n" + GOOD.replace(b"\n", b"\r\n")
    code, rows, _ = batch(tmp_path, data + b"\n" + GOOD.rstrip())
    assert code == 0
    assert [(r["line"], r["created_at"], r["deadline"]) for r in rows] == [
        ("3", "2025-06-06T17:00:00+08:00", DEADLINE),
        ("5", "2025-06-06T17:00:00+08:00", DEADLINE),
    ]


def test_input_text_is_written_back_as_it_was_read(tmp_path: Path) -> None:
    data = (
        b"plan,severity,created_at,first_response_at,note\n"
        b"Developer,3,2025-06-06T17:00:00+08:00,, NA \n"
        b'Developer,S1,2025-06-06T17:00:00+08:00,,"a,""b"""\n'
    )
    code, rows, _ = batch(tmp_path, data, "--errors", "coerce")
    assert code == 0
    assert [(r["severity"], r["first_response_at"], r["note"]) for r in rows] == [
        ("3", "", " NA "),
        ("S1", "", 'a,"b"'),
    ]
    assert rows[0]["target"] == "12:00:00"  # "3" is S3
    assert [r["state"] for r in rows] == ["open", "open"]  # an empty field is a missing value


def test_an_input_column_named_line_is_replaced_with_a_warning(tmp_path: Path) -> None:
    data = b"line,plan,severity,created_at\nL1," + GOOD
    code, rows, err = batch(tmp_path, data)
    assert code == 0
    assert list(rows[0])[:2] == ["line", "plan"]
    assert rows[0]["line"] == "2"
    assert "has a column 'line'" in err


def test_fractions_of_a_second_are_written_per_row(tmp_path: Path) -> None:
    data = HEADER + GOOD + b"Developer,S1,2025-06-06T17:00:00.5+08:00\n"
    code, rows, _ = batch(tmp_path, data)
    assert code == 0
    assert [r["deadline"] for r in rows] == [DEADLINE, "2025-06-09T12:00:00.500000+08:00"]


def test_stdin_is_read_by_the_same_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    data = HEADER + GOOD + b"x,y\n" + GOOD
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run_cli(["batch", "-", "--tz", "Asia/Shanghai", "--errors", "coerce"])
    assert code == 0
    assert [(r["line"], r["error"]) for r in read_rows(out)] == [
        ("2", ""),
        ("3", "line 3: 2 fields, the header has 3"),
        ("4", ""),
    ]
    assert err.startswith("connected-care-sla: warning: stdin: line 3 could not be read")


def test_output_to_a_folder_is_refused_before_reading(tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    source.write_bytes(HEADER + GOOD)
    code, _, err = run_cli(["batch", str(source), "--tz", "UTC", "-o", str(tmp_path)])
    assert code == 2
    assert "it is a folder" in err


# -- the report command ---------------------------------------------------------------------


def batch_output(folder: Path) -> Path:
    source = folder / "tickets.csv"
    source.write_bytes(
        b"plan,severity,created_at,first_response_at\n"
        b"Developer,S1,2025-06-06T17:00:00+08:00,2025-06-09T11:00:00+08:00\n"
        b"Premium,S1,2025-06-06T17:00:00+08:00,2025-06-06T18:00:00+08:00\n"
    )
    out = folder / "out.csv"
    assert run_cli(["batch", str(source), "--tz", "Asia/Shanghai", "-o", str(out)])[0] == 0
    return out


def test_report_names_the_line_of_a_record_it_cannot_read(tmp_path: Path) -> None:
    out = batch_output(tmp_path)
    with out.open("ab") as handle:
        handle.write(b"4,Premium,S1,oops\n")
    code, _, err = run_cli(["report", str(out)])
    assert code == 2
    assert err == (
        f"connected-care-sla: error: {out}: line 4: 4 fields, the header has 11; pass "
        f"--errors coerce to leave such records out of the report\n"
    )
    code, printed, err = run_cli(["report", str(out), "--errors", "coerce"])
    assert code == 0
    assert printed.startswith("ComplianceReport(2 groups by plan, severity; 2 tickets")
    assert "line 4 could not be read (4 fields, the header has 11); it is left out" in err


def test_report_names_the_line_of_a_duration_it_cannot_read(tmp_path: Path) -> None:
    out = batch_output(tmp_path)
    text = out.read_text(encoding="utf-8").replace(",1:00:00,", ",one hour,", 1)
    out.write_text(text, encoding="utf-8")
    code, _, err = run_cli(["report", str(out)])
    assert code == 2
    assert f"{out}: line 2: margin 'one hour' is not a duration" in err
    code, printed, err = run_cli(["report", str(out), "--errors", "coerce", "--by", ""])
    assert code == 0
    assert "1 tickets" in printed or "1 ticket" in printed
    assert "line 2 could not be read" in err


# -- the reader against a plain model of the same rules -------------------------------------


def model(data: bytes) -> list[tuple[int, tuple[str, ...] | None]]:
    """The records of ``data`` by the rules, read character by character from each start.

    Slow and plain on purpose: for each line that may start a record, parse the
    rest of the file from there, then keep the record or only condemn the line.
    """
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")
    header, _ = parse(b"\n".join(lines))
    assert header is not None
    found: list[tuple[int, tuple[str, ...] | None]] = []
    at = 1
    while at < len(lines):
        if lines[at] in (b"", b"\r"):
            at += 1
            continue
        fields, used = parse(b"\n".join(lines[at:]))
        if fields is None or len(fields) != len(header):
            found.append((at + 1, None))
            at += 1
            continue
        try:
            text: list[str] | None = [field.decode() for field in fields]
        except UnicodeDecodeError:
            text = None
        names = [field.decode() for field in header]
        if text is not None and (
            "\x00" in "".join(text)
            or text == names
            or [text[0].removeprefix("\ufeff"), *text[1:]] == names
        ):
            text = None
        found.append((at + 1, None if text is None else tuple(text)))
        at += used
    return found


def parse(text: bytes) -> tuple[list[bytes] | None, int]:
    """The first record of ``text``: its fields (None: it cannot be read) and its lines."""
    fields: list[bytes] = []
    field = b""
    at = 0
    while True:  # at the start of a field
        if text[at : at + 1] == b'"':
            at += 1
            while True:
                if at >= len(text):
                    return None, 0  # never closed
                if text[at : at + 2] == b'""':
                    field += b'"'
                    at += 2
                elif text[at : at + 1] == b'"':
                    at += 1
                    break
                else:
                    field += text[at : at + 1]
                    at += 1
            rest = text[at : at + 2]
            if rest[:1] == b",":
                fields.append(field)
                field, at = b"", at + 1
                continue
            if rest[:1] in (b"", b"\n") or rest == b"\r\n" or text[at:] == b"\r":
                fields.append(field)
                return fields, text.count(b"\n", 0, at) + 1
            return None, 0  # text after the closing quote
        while at < len(text) and text[at : at + 1] not in (b",", b"\n"):
            field += text[at : at + 1]
            at += 1
        if text[at : at + 1] == b",":
            fields.append(field)
            field, at = b"", at + 1
            continue
        fields.append(field.removesuffix(b"\r"))
        return fields, text.count(b"\n", 0, at) + 1


TOKENS = [b"a", b"b", b",", b",", b'"', b'"', b'""', b"\n", b"\n", b"\r\n", b"\r", b"\xff", b"\x00"]


@given(st.lists(st.sampled_from(TOKENS), max_size=40), st.sampled_from([b"h,i\n", b"h,i,j\r\n"]))
def test_the_reader_follows_the_rules_on_any_bytes(tokens: list[bytes], header: bytes) -> None:
    data = header + b"".join(tokens)
    assert [(r.line, r.fields) for r in records(data)] == model(data)


@pytest.mark.parametrize(
    "data",
    [
        b'h,i\na,"b\nc,"""d\ne,f\n',
        b'h,i\n"a\n"",b\nc"\n',
        b'h,i\na,"x\n""",y,"z\nq\n',
        b'h,i\r\n"a"\r\nb,"\r\n"\r',
        b'h,i\n,""\r\r\n',  # a CR after a closing quote that does not end the line
    ],
)
def test_the_reader_follows_the_rules_where_broken_records_nest(data: bytes) -> None:
    assert [(r.line, r.fields) for r in records(data)] == model(data)


# -- the example of the command-line reference ----------------------------------------------


def test_the_reference_example_is_what_batch_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    section = page[page.index("## `batch`") : page.index("## `report`")]
    tickets = re.search(r"^```csv\n(.*?)^```", section, flags=re.M | re.S)
    session = re.search(r"^```text\n(.*?)^```", section, flags=re.M | re.S)
    assert tickets is not None
    assert session is not None
    (tmp_path / "tickets.csv").write_text(tickets[1], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    commands = re.split(r"^\$ ", session[1], flags=re.M)[1:]
    assert len(commands) == 2
    for command in commands:
        line, _, shown = command.partition("\n")
        code, out, err = run_cli(shlex.split(line)[1:])
        assert out + err == shown, line
        assert code == (2 if shown.startswith("connected-care-sla: error:") else 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tickets.csv"]  # no out.csv
