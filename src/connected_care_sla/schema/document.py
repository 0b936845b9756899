"""The JSON Schema files shipped in the package, read with `importlib.resources`.

``output.schema.json`` (`json_schema`) describes what the library writes;
``policy.schema.json`` and ``calendar.schema.json`` (`file_schema`) describe
the files it reads, for editors and for programs in other languages (the
library's readers remain the authority on what a file may hold).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Final

from .._text import listing, shown
from ..exceptions import UnknownSchemaError

__all__ = [
    "DEFINITIONS",
    "FILE_KINDS",
    "FILE_SCHEMA_FILES",
    "SCHEMA_FILE",
    "file_schema",
    "json_schema",
]

#: The file of the schema, inside this package.
SCHEMA_FILE: Final = "output.schema.json"

#: The kinds of input file `file_schema` describes (the kinds ``check_file`` tells apart).
FILE_KINDS: Final = ("policy", "policy book", "calendar", "calendars")

#: The schema file of each kind of input file, and its definition in ``$defs``.
FILE_SCHEMA_FILES: Final = {
    "policy": ("policy.schema.json", "policy"),
    "policy book": ("policy.schema.json", "policy_book"),
    "calendar": ("calendar.schema.json", "calendar"),
    "calendars": ("calendar.schema.json", "calendars"),
}

#: The names of the schemas of one kind of value, for `json_schema`.
DEFINITIONS: Final = (
    "response_status",
    "response_target",
    "explanation",
    "compliance_report",
    "file_check",
    "duration",
    "instant",
    "versions",
    "deadline_document",
    "status_document",
    "table_document",
    "calendar_document",
    "report_document",
    "check_document",
)


def json_schema(definition: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the library's JSON, as a new dict each call.

    Args:
        definition: None for the whole schema, which accepts any ``--json``
            document of the command line; or one of `DEFINITIONS` for
            the schema of that kind of value alone (``"response_status"``
            for [`ResponseStatus.to_dict`][connected_care_sla.deadlines.ResponseStatus.to_dict],
            ``"compliance_report"`` for
            [`ComplianceReport.to_dict`][connected_care_sla.batch.ComplianceReport.to_dict], ...),
            which refers to the shared ``$defs``.

    Returns:
        The schema, ready for any draft 2020-12 validator (such as the
        ``jsonschema`` package's ``Draft202012Validator``).

    Raises:
        UnknownSchemaError: ``definition`` names no schema (a ``ValueError``).

    Examples:
        >>> json_schema()["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> sorted(json_schema("duration")["$defs"]["duration"]["required"])
        ['microseconds', 'seconds', 'text']
    """
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    if definition is None:
        return schema
    if definition not in DEFINITIONS:
        raise UnknownSchemaError(
            f"no schema is named {shown(definition)}",
            argument="definition",
            value=definition,
            expected=f"None (the whole schema) or one of {listing(DEFINITIONS, limit=20)}",
        )
    return {
        "$schema": schema["$schema"],
        "$ref": f"#/$defs/{definition}",
        "$defs": schema["$defs"],
    }


def file_schema(kind: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an input file, as a new dict each call.

    The schemas are for editors and for programs in other languages; the
    library's readers ([`load_policy`][connected_care_sla.load_policy], ``load_policy_book``,
    ``load_calendar``, ``load_calendars``, and ``check_file``) remain the
    authority, and refuse some files a schema cannot tell apart (a plan row
    without a cell for some severity, an unknown zone or holiday country).
    TOML dates appear in the schemas as ISO strings (``"2025-02-17"``):
    convert a file's dates to such strings before validating it, for
    example ``json.loads(json.dumps(tomllib.load(f), default=str))``.

    Args:
        kind: ``"policy"`` (a policy file), ``"policy book"`` (``[[versions]]``
            of policies), ``"calendar"`` (a calendar file) or ``"calendars"``
            (a file of several calendars picked by a column); None for the
            whole ``policy.schema.json`` (a policy or a policy book).

    Returns:
        The schema, ready for any draft 2020-12 validator.

    Raises:
        UnknownSchemaError: ``kind`` names no kind of file (a ``ValueError``).

    Examples:
        >>> file_schema("calendar")["$ref"]
        '#/$defs/calendar'
        >>> file_schema()["title"]
        'connected-care-sla policy file'
        >>> file_schema("calendars")["$defs"]["calendars"]["required"]
        ['key', 'calendars']
    """
    if kind is not None and kind not in FILE_KINDS:
        raise UnknownSchemaError(
            f"no kind of file is named {shown(kind)}",
            argument="kind",
            value=kind,
            expected="None (the whole policy schema) or one of "
            + ", ".join(repr(name) for name in FILE_KINDS),
        )
    name, definition = FILE_SCHEMA_FILES["policy" if kind is None else kind]
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    if kind is None:
        return schema
    return {
        "$schema": schema["$schema"],
        "$id": schema["$id"],
        "$ref": f"#/$defs/{definition}",
        "$defs": schema["$defs"],
    }
