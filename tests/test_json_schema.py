"""Every JSON the library emits validates against the published schema.

The schema (``connected_care_sla/schema/output.schema.json``, printed in
``docs/reference/json.md``) is checked with the ``jsonschema`` package: the
``--json`` document of every command, and every ``to_dict()`` (statuses,
targets, explanations, reports, file checks), examples and properties.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla._json import versions
from connected_care_sla.cli.main import main
from connected_care_sla.exceptions import UnknownSchemaError
from connected_care_sla.schema import DEFINITIONS, check_file, json_schema
from support import ROOT

SH = ["--tz", "Asia/Shanghai"]
FRIDAY_17 = "2025-06-06T17:00+08:00"
SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2025, 6, 6, 17, 0, tzinfo=SHANGHAI)
ZONES = ("Asia/Shanghai", "America/New_York", "Europe/London", "UTC", "Australia/Lord_Howe")
PLANS = ("basic", "developer", "enterprise", "premium")
SEVERITIES = ("S1", "S2", "S3", "S4")


def validator(definition: str | None = None) -> jsonschema.Draft202012Validator:
    schema = json_schema(definition)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def valid(data: object, definition: str | None = None) -> None:
    """``data`` survives JSON and validates; the first error is shown, not a cascade."""
    assert json.loads(json.dumps(data)) == data
    errors = sorted(validator(definition).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def cli_json(capsys: pytest.CaptureFixture[str], *args: str, code: int = 0) -> Any:
    capsys.readouterr()
    assert main([*args, "--json"]) == code
    return json.loads(capsys.readouterr().out)


# -- the schema itself ------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    for name in DEFINITIONS:
        jsonschema.Draft202012Validator.check_schema(json_schema(name))
        assert name in schema["$defs"]


def test_the_docs_print_the_schema_that_ships() -> None:
    shipped = (ROOT / "src" / "connected_care_sla" / "schema" / "output.schema.json").read_text(
        encoding="utf-8"
    )
    page = (ROOT / "docs" / "reference" / "json.md").read_text(encoding="utf-8")
    assert f"```json\n{shipped}```" in page


def test_an_unknown_definition_is_refused_with_the_names_there_are() -> None:
    with pytest.raises(UnknownSchemaError) as info:
        json_schema("status")
    assert isinstance(info.value, ValueError)
    assert info.value.value == "status"
    assert "response_status" in str(info.value)


def test_each_call_gives_a_new_dict() -> None:
    first = json_schema()
    first["$defs"].clear()
    assert json_schema()["$defs"]


@pytest.mark.parametrize(
    "instant",
    ["2025-06-09T04:00:00Z", "2025-06-09T04:00:00", "2025-06-09 04:00:00+00:00", "2025-06-09"],
)
def test_an_instant_without_the_one_spelling_is_invalid(instant: str) -> None:
    assert not validator("instant").is_valid(instant)


def test_an_instant_with_its_offset_is_valid() -> None:
    for instant in ("2025-06-09T04:00:00+00:00", "2025-06-09T12:00:00.000001+08:00"):
        assert validator("instant").is_valid(instant)


# -- every command's --json -------------------------------------------------------------


TICKET_COMMANDS = [
    ["deadline", "developer", "S1", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH],
    ["deadline", "basic", "S1", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH],
    ["deadline", "premium", "S1", "--created", FRIDAY_17, "--now", "2025-06-01T00:00Z", *SH],
    ["deadline", "enterprise", "S3", "--created", FRIDAY_17, *SH, "--explain"],
    ["deadline", "developer", "S1", "--created", FRIDAY_17, "--tz", "UTC", "--holidays", "US"],
    ["status", "developer", "S1", "--created", FRIDAY_17, "--now", "2025-06-09T09:00", *SH],
    ["status", "developer", "S1", "--created", FRIDAY_17, "--now", "2025-06-09T11:00", *SH],
    ["status", "developer", "S1", "--created", FRIDAY_17, "--now", "2025-06-09T14:00", *SH],
    [
        "status",
        *("developer", "S2", "--created", FRIDAY_17, "--now", "2025-06-09T14:00", *SH),
        *("--responded", "2025-06-09T13:00"),
    ],
    [
        "status",
        *("premium", "S1", "--created", FRIDAY_17, "--now", "2025-06-09T14:00", *SH),
        *("--responded", "2025-06-06T17:31:00.5"),
    ],
    ["status", "basic", "S4", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH],
]


@pytest.mark.parametrize("args", TICKET_COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_ticket_commands_print_a_valid_document(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    data = cli_json(capsys, *args)
    valid(data)
    valid(data, f"{args[0]}_document")
    if data["deadline"] is not None:
        assert data["deadline_utc"].endswith("+00:00")


def test_deadline_and_status_share_the_status_fields(capsys: pytest.CaptureFixture[str]) -> None:
    deadline = cli_json(capsys, *TICKET_COMMANDS[0])
    status = cli_json(
        capsys, "status", "developer", "S1", "--created", FRIDAY_17, "--now", FRIDAY_17, *SH
    )
    shared = set(json_schema()["$defs"]["response_status"]["required"])
    assert {k: deadline[k] for k in shared} == {k: status[k] for k in shared}


def test_status_json_is_the_status_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli_json(capsys, *TICKET_COMMANDS[6])
    status = sla.response_status(
        "developer", "S1", CREATED, "Asia/Shanghai", now=datetime(2025, 6, 9, 11, tzinfo=SHANGHAI)
    )
    assert {k: data[k] for k in status.to_dict()} == status.to_dict()


def test_deadline_explain_json_carries_the_explanation_as_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = cli_json(capsys, *TICKET_COMMANDS[3])
    derived = sla.explanation("enterprise", "S3", CREATED, "Asia/Shanghai")
    assert data["derivation"] == derived.to_dict()
    valid(data["derivation"], "explanation")


@pytest.mark.parametrize(
    "args",
    [
        ["table"],
        [
            "table",
            "--policy",
            str(ROOT / "tests" / "data" / "acme-book.toml"),
            "--on",
            "2025-06-01",
        ],
        ["calendar", *SH, "--holidays", "CN", "2025-09-27", "2025-10-12"],
        [
            "calendar",
            "--tz",
            "America/New_York",
            "--hours",
            "Sun=01:00-05:00",
            "2025-03-08",
            "2025-03-10",
        ],
    ],
    ids=["table", "table of a book", "calendar CN", "calendar DST"],
)
def test_listing_commands_print_a_valid_document(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    data = cli_json(capsys, *args)
    valid(data)
    valid(data, f"{args[0]}_document")


@pytest.fixture
def batch_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(
        "plan,severity,created_at,first_response_at\n"
        "Premium,S1,2025-06-06T17:00:00+08:00,2025-06-06T17:20:00.000001+08:00\n"
        "Premium,S1,2025-06-06T17:00:00+08:00,2025-06-06T18:00:00+08:00\n"
        "Developer,S1,2025-06-06T17:00:00+08:00,2025-06-09T10:00:00+08:00\n"
        "Developer,S2,2025-06-06T17:00:00+08:00,\n"
        "Basic,S1,2025-06-06T17:00:00+08:00,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert main(["batch", str(tickets), *SH, "-o", str(out)]) == 0
    capsys.readouterr()
    return out


@pytest.mark.parametrize("by", ["plan,severity", "plan", ""])
def test_report_prints_a_valid_document(
    capsys: pytest.CaptureFixture[str], batch_output: Path, by: str
) -> None:
    data = cli_json(capsys, "report", str(batch_output), "--by", by)
    valid(data)
    valid(data, "report_document")
    assert data["overall"]["tickets"] == 4
    assert data["overall"]["compliance_pct"] == 66.6  # 2 of 3, floored
    assert set(data["versions"]) == {"connected_care_sla", "holidays", "tzdata", "tzdata_source"}


def test_check_prints_a_valid_document_good_or_bad(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = cli_json(capsys, "check", str(ROOT / "docs" / "how-to" / "acme.toml"))
    valid(good)
    assert good["ok"] is True
    assert good["kind"] == "policy"
    bad = tmp_path / "bad.toml"
    bad.write_text('[severities]\nP1 = "Down."\n[first_response]\nGold = { P1 = "15m" }\n')
    refused = cli_json(capsys, "check", str(bad), code=2)
    valid(refused)
    assert refused["ok"] is False
    assert "first_response.Gold.P1" in refused["summary"]


def test_utc_is_spelled_the_same_in_json_and_in_the_batch_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tickets = tmp_path / "tickets.csv"
    tickets.write_text("plan,severity,created_at\nPremium,S1,2025-06-06T09:00:00Z\n")
    assert main(["batch", str(tickets), "--tz", "UTC"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    csv_deadline = row.split(",")[header.split(",").index("deadline")]
    data = cli_json(
        capsys, "deadline", "premium", "S1", "--created", "2025-06-06T09:00Z", "--tz", "UTC"
    )
    assert csv_deadline == data["deadline"] == data["deadline_utc"] == "2025-06-06T09:30:00+00:00"


# -- every to_dict ----------------------------------------------------------------------


@st.composite
def tickets(draw: st.DrawFn) -> dict[str, Any]:
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    created = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(
        microseconds=draw(st.integers(0, 400 * 86_400_000_000))
    )
    now = created + timedelta(microseconds=draw(st.integers(0, 10 * 86_400_000_000)))
    responded = draw(
        st.none()
        | st.integers(0, 10 * 86_400_000_000).map(lambda us: created + timedelta(microseconds=us))
    )
    return {
        "plan": draw(st.sampled_from(PLANS)),
        "severity": draw(st.sampled_from(SEVERITIES)),
        "created_at": created.astimezone(zone),
        "calendar": zone.key,
        "now": now,
        "responded_at": responded,
        "at_risk": draw(st.sampled_from([0.5, 0.75, 1])),
    }


@given(tickets())
def test_every_status_to_dict_is_valid(ticket: dict[str, Any]) -> None:
    status = sla.response_status(
        ticket["plan"],
        ticket["severity"],
        ticket["created_at"],
        ticket["calendar"],
        now=ticket["now"],
        responded_at=ticket["responded_at"],
        at_risk=ticket["at_risk"],
    )
    data = status.to_dict()
    valid(data, "response_status")
    assert data["state"] == status.state.name
    if status.deadline is not None:
        # In the calendar's zone, with its offset; in UTC with +00:00.
        assert data["deadline"] == status.deadline.isoformat()
        assert datetime.fromisoformat(data["deadline_utc"]) == status.deadline
        assert data["remaining"]["microseconds"] == status.remaining // timedelta(microseconds=1)


@given(
    st.integers(1, 10**12),
    st.sampled_from(["business", "wall"]),
)
def test_every_target_to_dict_is_valid_and_exact(us: int, clock: str) -> None:
    target = sla.ResponseTarget(timedelta(microseconds=us), clock)
    data = target.to_dict()
    valid(data, "response_target")
    assert data["microseconds"] == us
    assert sla.ResponseTarget(data["duration"], data["clock"]) == target


def test_the_built_in_targets_validate() -> None:
    policy = sla.connected_care_policy()
    for row in policy.response_table:
        for target in row:
            if target is not None:
                valid(target.to_dict(), "response_target")


@given(tickets())
def test_every_explanation_to_dict_is_valid(ticket: dict[str, Any]) -> None:
    derived = sla.explanation(
        ticket["plan"], ticket["severity"], ticket["created_at"], ticket["calendar"]
    )
    data = derived.to_dict()
    valid(data, "explanation")
    # The releases it was computed with, the zone data's for the calendar's zone.
    assert data["versions"] == versions(ticket["calendar"])


def test_an_explanation_records_its_versions_and_the_schema_requires_them() -> None:
    data = sla.explanation("developer", "S1", CREATED, "Asia/Shanghai").to_dict()
    assert set(data["versions"]) == {"connected_care_sla", "holidays", "tzdata", "tzdata_source"}
    assert data["versions"]["connected_care_sla"] == sla.__version__
    del data["versions"]
    assert not validator("explanation").is_valid(data)


def _report_rows() -> Iterator[dict[str, object]]:
    for plan, severity, taken in (
        ("Premium", "S1", timedelta(minutes=20, microseconds=1)),
        ("Premium", "S1", timedelta(hours=1)),
        ("Premium", "S2", None),
        ("Enterprise", "S1", timedelta(minutes=59, seconds=59)),
    ):
        yield {
            "plan": plan,
            "severity": severity,
            "created_at": CREATED,
            "first_response_at": None if taken is None else CREATED + taken,
        }


@pytest.mark.parametrize("by", [("plan", "severity"), "plan", None])
def test_every_report_to_dict_is_valid(by: Any) -> None:
    pd = pytest.importorskip("pandas")
    from connected_care_sla.batch import compliance

    frame = pd.DataFrame(list(_report_rows()))
    report = compliance(frame, responded="first_response_at", calendar="Asia/Shanghai", by=by)
    data = report.to_dict()
    valid(data, "compliance_report")
    assert data["overall"] == {
        "tickets": 4,
        "met": 2,
        "missed": 1,
        "open": 1,
        "compliance_pct": 66.6,
        # Margins 9m59.999999s, -30m and 1s: the middle one, and the smallest (rank 1 of 3).
        "median_margin": {"microseconds": 1_000_000, "seconds": 1, "text": "1s"},
        "p95_margin": {"microseconds": -1_800_000_000, "seconds": -1800, "text": "-30m"},
    }
    assert data["versions"] == dict(report.versions)


def test_an_empty_report_to_dict_is_valid() -> None:
    pd = pytest.importorskip("pandas")
    from connected_care_sla.batch import compliance

    frame = pd.DataFrame(list(_report_rows())).iloc[:0]
    data = compliance(frame, responded="first_response_at", calendar="Asia/Shanghai").to_dict()
    valid(data, "compliance_report")
    assert data["groups"] == []
    assert data["overall"]["compliance_pct"] is None
    assert data["overall"]["median_margin"] is None


def test_a_file_check_to_dict_is_valid() -> None:
    checked = check_file(ROOT / "tests" / "data" / "acme-book.toml")
    valid(checked.to_dict(), "file_check")
    assert checked.kind == "policy book"
