"""The ``batch`` and ``report`` commands: CSV files of tickets, streamed in chunks."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import connected_care_sla as sla
from connected_care_sla.cli.arguments import CliError
from connected_care_sla.cli.files import _durations, register
from connected_care_sla.cli.main import main

TICKETS = """\
plan,severity,created_at,first_response_at,customer_zone
Developer,S1,2025-06-06T17:00:00+08:00,2025-06-09T11:00:00+08:00,Asia/Shanghai
Premium,S1,2025-06-06T17:00:00+08:00,2025-06-06T18:00:00+08:00,Asia/Shanghai
Basic,S2,2025-06-06T17:00:00+08:00,,America/New_York
Enterprise,3,2025-03-07T17:00:00-05:00,,America/New_York
Developer,s4,2025-09-30T17:00:00+08:00,2025-10-09T09:30:00+08:00,Asia/Shanghai
"""


def run(*argv: str) -> int:
    """Parse with the commands this module registers, and call the handler directly."""
    parser = argparse.ArgumentParser(prog="connected-care-sla")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    code: int = args.func(args)
    return code


@pytest.fixture
def tickets(tmp_path: Path) -> Path:
    path = tmp_path / "tickets.csv"
    path.write_text(TICKETS, encoding="utf-8")
    return path


def test_batch_writes_the_deadline_columns(tickets: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert (
        run("batch", str(tickets), "--tz", "Asia/Shanghai", "--holidays", "CN", "-o", str(out)) == 0
    )
    table = pd.read_csv(out)
    assert list(table.columns) == [
        "line",
        *pd.read_csv(tickets).columns,
        "deadline",
        "clock",
        "target",
        "taken",
        "margin",
        "state",
    ]
    assert table["deadline"].tolist()[:2] == [
        "2025-06-09T12:00:00+08:00",
        "2025-06-06T17:30:00+08:00",
    ]
    assert pd.isna(table["deadline"].iloc[2])
    # "3" in a CSV is S3, as on the other commands; Golden Week is closed (CN holidays).
    assert table["target"].iloc[3] == "8:00:00"
    assert table["deadline"].iloc[4] == "2025-10-11T14:00:00+08:00"  # a make-up Saturday
    assert table["margin"].tolist()[:2] == ["1:00:00", "-0:30:00"]  # read back by to_timedelta
    assert table["state"].tolist() == ["met", "missed", "no target", "open", "met"]
    assert table["line"].tolist() == [2, 3, 4, 5, 6]  # the header is line 1


def test_batch_in_small_chunks_matches_the_library(tickets: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code = run(
        "batch", str(tickets), "--zone-column", "customer_zone", "--chunksize", "2",
        "-o", str(out), "--now", "2025-12-01T00:00Z",
    )  # fmt: skip
    assert code == 0
    written = pd.read_csv(out)
    frame = pd.read_csv(tickets, dtype={"created_at": "str", "first_response_at": "str"})
    frame["severity"] = frame["severity"].map(lambda s: int(s) if s.isdigit() else s)
    expected = sla.batch.first_response_deadlines(
        frame,
        zone="customer_zone",
        responded="first_response_at",
        now=pd.Timestamp("2025-12-01T00:00Z").to_pydatetime(),
    )
    # Each row's deadline in its own zone, with its offset: the same instants.
    assert written["deadline"].fillna("").tolist() == [
        "" if pd.isna(d) else d.tz_convert(zone).isoformat()
        for d, zone in zip(expected["deadline"], frame["customer_zone"], strict=True)
    ]
    for column in ("target", "taken", "margin"):
        pd.testing.assert_series_equal(
            pd.to_timedelta(written[column]).astype("timedelta64[us]"),
            expected[column],
            check_names=False,
        )
    assert written["state"].tolist() == expected["state"].astype(str).tolist()
    assert written["deadline"].iloc[3] == "2025-03-10T16:00:00-04:00"  # its own zone


def test_report_prints_the_table_and_draws_the_figure(
    tickets: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    run("batch", str(tickets), "--tz", "Asia/Shanghai", "--holidays", "CN", "-o", str(out))
    capsys.readouterr()
    figure = tmp_path / "report.png"
    assert run("report", str(out), "--by", "plan", "--plot", str(figure)) == 0
    printed = capsys.readouterr()
    lines = printed.out.splitlines()
    assert lines[0] == "ComplianceReport(3 groups by plan; 4 tickets, overall 66.6% met)"  # floored
    assert any(line.startswith("Developer") and "100.0" in line for line in lines)
    assert figure.read_bytes()[:4] == b"\x89PNG"
    assert "wrote" in printed.err
    # Read a row at a time, "3" and "S1" are both text: the groups still sort.
    assert run("report", str(out), "--by", "severity", "--chunksize", "1") == 0
    assert "S1" in capsys.readouterr().out


def test_report_without_responses_says_how_to_get_them(tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text(
        "plan,severity,created_at\nPremium,S1,2025-06-06T17:00:00+08:00\n", encoding="utf-8"
    )
    out = tmp_path / "out.csv"
    run("batch", str(path), "--tz", "Asia/Shanghai", "-o", str(out))
    with pytest.raises(CliError, match="--responded-column"):
        run("report", str(out))


def test_a_bad_row_stops_the_run_and_leaves_no_output(tickets: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(TICKETS + "Gold,S1,2025-06-06T17:00:00+08:00,,Asia/Shanghai\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    with pytest.raises(CliError, match=r"bad.csv: line 7 \(plan = 'Gold'\).*--errors coerce"):
        run("batch", str(bad), "--tz", "Asia/Shanghai", "-o", str(out), "--chunksize", "2")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad, tickets] or sorted(tmp_path.iterdir()) == sorted(
        [bad, tickets]
    )
    assert (
        run("batch", str(bad), "--tz", "Asia/Shanghai", "-o", str(out), "--errors", "coerce") == 0
    )
    assert pd.read_csv(out)["error"].iloc[-1].startswith("plan: unknown plan 'Gold'")


def test_progress_goes_to_stderr(
    tickets: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("batch", str(tickets), "--tz", "UTC", "-o", str(tmp_path / "o.csv"), "--progress")
    err = capsys.readouterr().err
    assert "batch: [########################] 100% 5 rows" in err
    assert err.endswith("\n")
    run("batch", str(tickets), "--tz", "UTC", "-o", str(tmp_path / "o.csv"))
    assert capsys.readouterr().err == ""  # not a terminal: no progress by default


def test_missing_columns_and_options(tickets: Path) -> None:
    with pytest.raises(CliError, match="has no column 'opened'"):
        run("batch", str(tickets), "--tz", "UTC", "--created-column", "opened")
    with pytest.raises(CliError, match="not neither"):
        run("batch", str(tickets))
    with pytest.raises(CliError, match="cannot read"):
        run("batch", str(tickets) + ".missing", "--tz", "UTC")


def test_the_main_command_line_has_batch_and_report(
    tickets: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    assert main(["batch", str(tickets), "--tz", "Mars/Olympus", "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith("connected-care-sla: error: unknown time zone")
    assert main(["batch", str(tickets), "--tz", "Asia/Shanghai", "-o", str(out)]) == 0
    assert main(["report", str(out), "--by", ""]) == 0
    assert "all tickets" in capsys.readouterr().out


def test_python_m_connected_care_sla_batch_to_stdout(tickets: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "connected_care_sla",
            "batch",
            str(tickets),
            "--tz",
            "Asia/Shanghai",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].endswith(
        "2025-06-09T12:00:00+08:00,business,4:00:00,3:00:00,1:00:00,met"
    )


def test_durations_are_written_so_that_pandas_reads_them_back_exactly() -> None:
    import numpy as np

    us = np.array(
        [0, 1, -1, 4 * 3_600_000_000, -30 * 60_000_000, 2_000 * 3_600_000_000 + 5, -(2**63)],
        dtype=np.int64,
    )
    text = _durations(np, us)
    assert text.tolist()[:5] == [
        "0:00:00",
        "0:00:00.000001",
        "-0:00:00.000001",
        "4:00:00",
        "-0:30:00",
    ]
    assert text[-1] == ""
    back = pd.to_timedelta(pd.Series(text).replace("", None)).astype("timedelta64[us]")
    assert back.iloc[:-1].tolist() == pd.to_timedelta(us[:-1], unit="us").tolist()
