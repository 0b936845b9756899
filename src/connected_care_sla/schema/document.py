"""The JSON Schema file shipped in the package, read with `importlib.resources`."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Final

from .._text import listing, shown
from ..exceptions import UnknownSchemaError

__all__ = ["DEFINITIONS", "SCHEMA_FILE", "json_schema"]

#: The file of the schema, inside this package.
SCHEMA_FILE: Final = "output.schema.json"

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
