"""The published JSON Schema of every JSON the library emits, and checks of input files.

* `json_schema`: the JSON Schema (draft 2020-12) of the command line's
  ``--json`` documents and of every ``to_dict()`` (statuses, targets,
  explanations, compliance reports), shipped in the package as
  ``output.schema.json``; ``docs/reference/json.md`` prints it.
* `file_schema`: the JSON Schema of the input files (policy files, policy
  books, calendar files, files of several calendars), shipped as
  ``policy.schema.json`` and ``calendar.schema.json``, for editors and other
  languages; ``docs/reference/file-schemas.md`` prints them.
* `check_file`: a policy file, policy book or calendar file read and
  validated without computing anything (the ``check`` command).

Examples:
    >>> schema = json_schema("response_target")
    >>> schema["$ref"], schema["$schema"]
    ('#/$defs/response_target', 'https://json-schema.org/draft/2020-12/schema')
"""

from __future__ import annotations

from .check import CheckedFile, check_file
from .document import DEFINITIONS, FILE_KINDS, file_schema, json_schema

__all__ = ["DEFINITIONS", "FILE_KINDS", "CheckedFile", "check_file", "file_schema", "json_schema"]
