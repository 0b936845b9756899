"""The ``check`` command: is this policy or calendar file good, before anything uses it?

``connected-care-sla check FILE`` reads the file as a computation would (by
`connected_care_sla.schema.check_file`) and computes nothing: one line
``OK: FILE: ...`` and exit code 0, or the located error (file, key, value)
and exit code 2. With ``--json``, one document either way (``"ok"``).
"""

from __future__ import annotations

import argparse
from typing import Any

from ..exceptions import SlaError
from ..schema import check_file
from .arguments import CliError, add_json_option
from .output import emit, one_line, print_json

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``check`` command to the main parser's subparsers."""
    check = subparsers.add_parser(
        "check",
        help="validate a policy or calendar file without computing anything",
        description="Read a policy file, policy book or calendar file (TOML) and say whether "
        "it is valid: one line 'OK: ...' and exit code 0, or the error naming the key and the "
        "value and exit code 2.",
    )
    check.add_argument("file", metavar="FILE", help="the policy or calendar file (TOML)")
    add_json_option(check)
    check.set_defaults(func=_cmd_check)


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        checked = check_file(args.file)
    except OSError as exc:
        raise CliError(
            f"cannot read {args.file!r}: {exc.strerror or exc}", option="FILE", value=args.file
        ) from None
    except SlaError as exc:
        if args.json:
            print_json(
                {
                    "command": "check",
                    "path": args.file,
                    "kind": None,
                    "ok": False,
                    "summary": one_line(str(exc)),
                }
            )
        raise
    if args.json:
        print_json({"command": "check", **checked.to_dict()})
    else:
        emit([str(checked)])
    return 0
