"""The published schemas of the input files accept every example and refuse bad documents.

``policy.schema.json`` and ``calendar.schema.json`` (`file_schema`, printed in
``docs/reference/file-schemas.md``) are checked with the ``jsonschema``
package: every TOML example in the repository validates against its kind's
schema (its dates converted to ISO strings, as the schemas say), every
``calendar_to_dict`` of a random calendar validates, and a few documents the
readers refuse are refused by the schemas too.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from connected_care_sla import BusinessCalendar, SlaError, testing
from connected_care_sla.calendar.files import CalendarSet, calendar_to_dict, calendars_to_dict
from connected_care_sla.exceptions import UnknownSchemaError
from connected_care_sla.schema import FILE_KINDS, check_file, file_schema
from support import ROOT

SCHEMAS = ROOT / "src" / "connected_care_sla" / "schema"
EXAMPLES = sorted(
    [
        ROOT / "src" / "connected_care_sla" / "policy" / "data" / "connected_care.toml",
        *(ROOT / "docs").rglob("*.toml"),
        *(ROOT / "tests" / "data").glob("*.toml"),
    ]
)


def validator(kind: str | None) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        file_schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def as_json(data: object) -> Any:
    """TOML data as JSON: dates (and date-times, times) as their ISO text."""
    return json.loads(json.dumps(data, default=str))


def errors(data: object, kind: str | None) -> list[str]:
    found = sorted(validator(kind).iter_errors(data), key=lambda e: list(e.path))
    return [f"{list(e.path)}: {e.message}" for e in found]


def test_the_schemas_are_valid_draft_2020_12_schemas() -> None:
    for kind in (None, *FILE_KINDS):
        schema = file_schema(kind)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)
    for name in ("policy.schema.json", "calendar.schema.json"):
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        # They say who has the last word, and how TOML dates are written.
        assert "the library's reader is the authority" in schema["description"]
        assert "ISO strings" in schema["description"]


def test_the_docs_print_the_schemas_that_ship() -> None:
    page = (ROOT / "docs" / "reference" / "file-schemas.md").read_text(encoding="utf-8")
    for name in ("policy.schema.json", "calendar.schema.json"):
        shipped = (SCHEMAS / name).read_text(encoding="utf-8")
        assert f"```json\n{shipped}```" in page


def test_an_unknown_kind_is_refused_with_the_kinds_there_are() -> None:
    with pytest.raises(UnknownSchemaError) as info:
        file_schema("policies")
    assert isinstance(info.value, ValueError)
    assert (info.value.argument, info.value.value) == ("kind", "policies")
    assert "'policy book'" in str(info.value)


def test_each_call_gives_a_new_dict() -> None:
    file_schema("calendar")["$defs"].clear()
    assert file_schema("calendar")["$defs"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_file_validates_against_its_kinds_schema(path: Path) -> None:
    kind = check_file(path).kind  # the reader accepts it, and says what it is
    data = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    assert errors(data, kind) == []
    others = [other for other in FILE_KINDS if other != kind]
    assert all(errors(data, other) for other in others), "a file fits one schema only"
    schema_of = None if kind.startswith("policy") else "calendar"
    if schema_of is None:
        assert errors(data, None) == []  # the whole policy schema: a policy or a book


def test_every_example_kind_is_covered() -> None:
    kinds = {check_file(path).kind for path in EXAMPLES}
    assert kinds == set(FILE_KINDS)


# -- random calendars -------------------------------------------------------------------

days = st.dates(date(2024, 1, 1), date(2027, 12, 31))
windows = st.sampled_from(["closed", "09:00-13:00", "09:00-12:00,13:00-15:00", "22:00-06:00"])


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    """Calendars of every part calendar data holds: hours, holidays, overrides, versions."""
    zone = draw(st.sampled_from(["Asia/Shanghai", "America/New_York", "Europe/Berlin", "UTC"]))

    def plain() -> BusinessCalendar:
        base = draw(testing.calendars(zones=zone))
        return BusinessCalendar(
            base.zone,
            base.hours,
            base.holidays,
            workdays=draw(st.frozensets(days, max_size=2)),
            overrides=draw(st.dictionaries(days, windows, max_size=3)),
            strict=draw(st.booleans()),
        )

    try:
        if draw(st.booleans()):
            return plain()
        starts = draw(st.lists(days, min_size=1, max_size=3, unique=True))
        return BusinessCalendar.from_versions({day: plain() for day in starts})
    except SlaError:
        assume(False)
        raise


@given(calendars())
def test_every_calendar_to_dict_validates(cal: BusinessCalendar) -> None:
    data = calendar_to_dict(cal)
    assert errors(data, "calendar") == []
    assert errors(data, "calendars")


@given(st.lists(calendars(), min_size=1, max_size=3))
def test_every_calendars_to_dict_validates(cals: list[BusinessCalendar]) -> None:
    keyed = CalendarSet("customer", {f"c{i}": cal for i, cal in enumerate(cals)})
    assert errors(calendars_to_dict(keyed), "calendars") == []


# -- documents the readers refuse ---------------------------------------------------------

ACME = as_json(tomllib.loads((ROOT / "docs" / "how-to" / "acme.toml").read_text()))
BERLIN = as_json(tomllib.loads((ROOT / "docs" / "how-to" / "berlin-team.toml").read_text()))


def edited(data: dict[str, Any], path: tuple[str, ...], value: object) -> dict[str, Any]:
    copy = json.loads(json.dumps(data))
    here = copy
    for key in path[:-1]:
        here = here[key]
    if value is None:
        del here[path[-1]]
    else:
        here[path[-1]] = value
    return copy


INVALID: list[tuple[str, str, dict[str, Any]]] = [
    ("policy", "no clock", edited(ACME, ("first_response", "Gold", "P1"), "15m")),
    (
        "policy",
        "a duration in words",
        edited(ACME, ("first_response", "Gold", "P1"), "1 hour wall"),
    ),
    ("policy", "an unknown clock", edited(ACME, ("first_response", "Gold", "P1"), "15m fast")),
    ("policy", "a misspelt key", edited(ACME, ("first_respons",), {"Gold": {"P1": "1h wall"}})),
    ("policy", "no severities", edited(ACME, ("severities",), None)),
    ("policy", "a date with a time", edited(ACME, ("effective_from",), "2025-01-01 00:00:00")),
    ("policy", "a retarget rule", edited(ACME, ("retarget",), "from-response")),
    ("policy", "a name with spaces around", edited(ACME, ("name",), " Acme ")),
    (
        "policy book",
        "a version without a date",
        {"versions": [edited(ACME, ("effective_from",), None)]},
    ),
    ("policy book", "no versions", {"name": "Acme", "versions": []}),
    ("calendar", "no zone", edited(BERLIN, ("zone",), None)),
    ("calendar", "a window in words", edited(BERLIN, ("overrides", "2025-12-24"), "9 to 1")),
    ("calendar", "an override key not a date", edited(BERLIN, ("overrides", "Xmas"), "closed")),
    ("calendar", "a misspelt key", edited(BERLIN, ("hollidays",), "DE")),
    ("calendar", "strict as text", edited(BERLIN, ("strict",), "yes")),
    (
        "calendar",
        "a zone in a version",
        edited(BERLIN, ("versions",), [{"effective_from": "2025-01-01", "zone": "UTC"}]),
    ),
    ("calendars", "no key", {"calendars": {"UTC": {}}}),
]


@pytest.mark.parametrize(
    ("kind", "data"), [(k, d) for k, _, d in INVALID], ids=[n for _, n, _ in INVALID]
)
def test_documents_the_readers_refuse_are_refused(kind: str, data: dict[str, Any]) -> None:
    assert errors(data, kind)
