"""The ``connected-care-sla`` command line: the parser and the entry point.

Commands, each defined by a module of this package with a ``register``
function that adds it to the parser:

* ``deadline`` and ``status`` (`tickets`): one ticket;
* ``table`` and ``calendar`` (`listings`): a policy, a calendar;
* ``batch`` and ``report`` (`files`): whole CSV files (the ``pandas``
  extra, imported only when they run);
* ``check`` (`checks`): a policy or calendar file validated, nothing computed.

``docs/reference/cli.md`` documents every option and the ``--json`` shapes.
Each command sets ``func`` (``args -> exit code``) with ``set_defaults``.
Bad input gives one line on stderr, ``connected-care-sla: error: ...``, and
exit code 2; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from ..exceptions import SlaError
from . import checks, compare, files, listings, tickets
from .arguments import CliError
from .output import PROG, one_line

__all__ = ["PROG", "build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (what is wrong, where to read more)."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = _Parser(
        prog=PROG,
        description="Exact first-response deadlines for Connected Care support plans.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    subparsers = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True
    )
    tickets.register(subparsers)
    listings.register(subparsers)
    files.register(subparsers)
    checks.register(subparsers)
    compare.register(subparsers)
    return parser


def _version() -> str:
    from .. import __version__

    return str(__version__)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 2 bad input)."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        code: int = args.func(args)
        sys.stdout.flush()  # a closed pipe shows up here, inside the handlers below
    except (CliError, SlaError) as exc:
        sys.stderr.write(f"{PROG}: error: {one_line(str(exc))}\n")
        return 2
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    return code
