"""A ticket's life on the command line: --change and --pause, batch --events, compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from connected_care_sla.cli.main import main

SH = ["--tz", "Asia/Shanghai"]
MONDAY_9 = "2025-06-09T09:00+08:00"
BUILTIN_TOML = Path(__file__).parents[2] / "src/connected_care_sla/policy/data/connected_care.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def pausable(tmp_path: Path) -> Path:
    path = tmp_path / "pausable.toml"
    path.write_text("pausable = true\n" + BUILTIN_TOML.read_text(encoding="utf-8"))
    return path


def test_status_with_a_raise_two_business_hours_in(capsys: pytest.CaptureFixture[str]) -> None:
    ticket = ["status", "developer", "S3", *SH, "--created", MONDAY_9, "--now", "2025-06-09T12:00"]
    code, out, _ = run(capsys, *ticket, "--change", "2025-06-09T11:00=S1")
    assert code == 0
    assert out.startswith("AT RISK: Developer S1, target 4 business hours")
    assert "deadline   2025-06-09T13:00:00+08:00" in out
    code, out, _ = run(capsys, *ticket, "--change", "2025-06-09T11:00=S1,plan:Enterprise", "--json")
    data = json.loads(out)
    assert (data["state"], data["plan"], data["severity"]) == ("BREACHED", "Enterprise", "S1")
    assert data["history"]["changes"] == [
        {"at": "2025-06-09T11:00:00+08:00", "severity": "S1", "plan": "Enterprise"}
    ]
    code, out, _ = run(capsys, *ticket, "--change", "2025-06-09T10:00=plan:Premium", "--explain")
    assert "Target rule:  the response table's row Premium, column S3" in out
    assert "State:        AT RISK, margin 1h left" in out


def test_pauses_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = ["--policy", str(pausable(tmp_path))]
    ticket = ["developer", "S1", *SH, "--created", MONDAY_9, *policy]
    code, out, _ = run(
        capsys, "deadline", *ticket, "--now", MONDAY_9,
        "--pause", "2025-06-09T10:00/2025-06-09T11:30",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("deadline   2025-06-09T14:30:00+08:00")
    code, out, _ = run(
        capsys, "status", *ticket, "--now", "2025-06-09T12:00", "--pause", "2025-06-09T11:00/"
    )
    assert "paused     since 2025-06-09T11:00:00+08:00" in out
    assert "remaining  2h of business time" in out
    code, out, _ = run(
        capsys, "status", "developer", "S1", *SH, "--created", MONDAY_9, "--now",
        "2025-06-09T12:00", "--pause", "2025-06-09T11:00/",
    )  # fmt: skip
    assert "pauses     ignored" in out  # the built-in policy does not pause the clock


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--change", "2025-06-09T11:00", "expected INSTANT=S1, INSTANT=plan:Enterprise"),
        ("--change", "2025-06-09T11:00=gold:x", "'gold:x' is neither a severity (S1) nor plan:"),
        ("--change", "2025-06-09T08:00=S1", "before the ticket was created"),
        ("--change", "2025-06-09T11:00=S9", "--change 2025-06-09T11:00=S9: unknown severity 'S9'"),
        ("--pause", "2025-06-09T11:00", "expected START/END, or START/ for a pause still going"),
        ("--pause", "2025-06-09T11:00/2025-06-09T10:00", "the end of --pause 2025-06-09T11:00/"),
    ],
)
def test_bad_history_options_echo_the_value_and_the_accepted_form(
    capsys: pytest.CaptureFixture[str], option: str, value: str, words: str
) -> None:
    argv = ["status", "developer", "S3", *SH, "--created", MONDAY_9, "--now", "2025-06-09T12:00"]
    code, _, err = run(capsys, *argv, option, value)
    assert code == 2
    assert err.startswith("connected-care-sla: error: ")
    assert words in err
    assert "changes[" not in err
    assert "pauses[" not in err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


TICKETS = (
    "ticket_id,plan,severity,created_at,first_response_at\n"
    "A1,Developer,S3,2025-06-09T09:00+08:00,2025-06-09T14:00+08:00\n"
    "A2,Premium,S2,2025-06-09T09:00+08:00,\n"
    "A3,Basic,S1,2025-06-09T09:00+08:00,\n"
)
EVENTS = (
    "ticket_id,at,severity,plan,pause\n"
    "A2,2025-06-09T09:30+08:00,,,start\n"
    "A1,2025-06-09T11:00+08:00,S1,,\n"
    "A2,2025-06-09T09:30+08:00,1,,\n"
    "A2,2025-06-09T10:00+08:00,,,end\n"
)


def test_batch_with_an_events_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tickets = write(tmp_path / "t.csv", TICKETS)
    events = write(tmp_path / "e.csv", EVENTS)
    out = tmp_path / "out.csv"
    code, _, err = run(
        capsys, "batch", str(tickets), *SH, "--events", str(events), "--now",
        "2025-06-09T12:00", "-o", str(out),
    )  # fmt: skip
    assert (code, err) == (0, "")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1].endswith(",2025-06-09T13:00:00+08:00,business,4:00:00,,,at risk")
    assert lines[2].endswith(",2025-06-09T09:30:00+08:00,wall,0:30:00,,,breached")
    bad = write(tmp_path / "bad.csv", EVENTS + "A9,2025-06-09T10:00+08:00,S1,,\n")
    code, _, err = run(capsys, "batch", str(tickets), *SH, "--events", str(bad), "-o", str(out))
    assert code == 2
    assert f"{bad}: line 6: the ticket 'A9' is not in the tickets file" in err
    worse = write(tmp_path / "worse.csv", EVENTS + "A1,2025-06-09T10:00+08:00,,,maybe\n")
    code, printed, err = run(
        capsys, "batch", str(tickets), *SH, "--events", str(worse), "--errors", "coerce"
    )
    assert code == 0
    assert f"events: {worse} line 6: pause 'maybe' is neither 'start' nor 'end'" in printed
    code, _, err = run(capsys, "batch", str(tickets), *SH, "--events", str(worse))
    assert code == 2
    assert f"line 2: {worse} line 6: pause 'maybe'" in err
    code, _, err = run(
        capsys, "batch", str(tickets), *SH, "--events", str(events), "--ticket-column", "id"
    )
    assert code == 2
    assert "no column 'id'" in err


def test_compare_prints_what_a_draft_would_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tickets = write(tmp_path / "t.csv", TICKETS)
    draft = write(
        tmp_path / "draft.toml",
        BUILTIN_TOML.read_text(encoding="utf-8").replace(
            'S3 = "12h business"', 'S3 = "10h business"'
        ),
    )
    code, out, _ = run(capsys, "compare", str(tickets), *SH, "--against", str(draft))
    assert code == 0
    assert out.startswith("PolicyComparison(3 tickets; 0 change state, 0 later, 1 earlier")
    assert "line 2: earlier by 2h" in out
    code, out, _ = run(capsys, "compare", str(tickets), *SH, "--against", str(draft), "--json")
    data = json.loads(out)
    assert data["changed"] == [{"line": 2, "change": "earlier by 2h"}]
    developer = next(row for row in data["summary"] if row["plan"] == "Developer")
    assert developer["most_earlier"]["microseconds"] == -7_200_000_000
    per_ticket = tmp_path / "cmp.csv"
    code, _, _ = run(
        capsys, "compare", str(tickets), *SH, "--against-hours", "Mon-Fri=10:00-18:00",
        "-o", str(per_ticket),
    )  # fmt: skip
    rows = per_ticket.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("line,ticket_id,plan,severity,created_at,first_response_at,")
    assert "later by 2h" in rows[1]
