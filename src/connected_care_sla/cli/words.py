"""The library's batch messages in command-line words: options and columns, and the value.

The batch functions speak to Python callers: keyword arguments
(``assume_tz='UTC'``, ``errors='coerce'``) and the names of their arguments
(``created``, ``responded``). On the command line the same problem is said
with the option (``--assume-tz UTC``, ``--errors coerce``), the CSV column
the value came from (``created_at``, or whatever ``--created-column``
named) and the text that was read there:

Examples:
    >>> import argparse
    >>> args = argparse.Namespace(plan_column="plan", severity_column="severity",
    ...     created_column="opened", responded_column="first_response_at", zone_column=None)
    >>> in_cli_words("created: the created= column 'opened' is empty in this row (NaN); "
    ...     "every ticket needs the time it was created; expected an aware datetime", args, {})
    'opened is empty: every ticket needs the time it was created, ISO 8601 with an offset'
    >>> in_cli_words("created: created is naive (it has no time zone), so it names no instant; "
    ...     "give aware times, or name the zone naive times were recorded in with assume_tz= "
    ...     "(e.g. assume_tz='UTC')", args, {"opened": "2025-06-06 17:00"})  # doctest: +ELLIPSIS
    "opened '2025-06-06 17:00' has no UTC offset, so it names no instant; ... --assume-tz UTC)"
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from typing import Final

from .._text import shown
from ..exceptions import MissingExtraError
from .arguments import CliError

__all__ = ["error_column", "in_cli_words", "missing_extra", "raised_in_cli_words"]

#: Python's words and the command line's, in the order they are replaced.
_WORDS: Final = (
    (
        "is naive (it has no time zone), so it names no instant; give aware times, or name "
        "the zone naive times were recorded in with assume_tz= (e.g. assume_tz='UTC')",
        "has no UTC offset, so it names no instant; write it with its offset (e.g. "
        "2025-06-06T17:00:00+08:00), or give the zone such times were recorded in with "
        "--assume-tz (e.g. --assume-tz UTC)",
    ),
    ("an int n means 'Sn'", "a number n means Sn"),
    ("with assume_tz= (e.g. assume_tz='UTC')", "with --assume-tz (e.g. --assume-tz UTC)"),
    ("in the assume_tz zone", "in the --assume-tz zone"),
    ("assume_tz=", "--assume-tz"),
    ("pass errors='coerce'", "pass --errors coerce"),
    ("errors='coerce'", "--errors coerce"),
    (
        "expected an aware datetime, or ISO 8601 text with a UTC offset such as",
        "expected ISO 8601 with a UTC offset, such as",
    ),
    (
        "(expected an aware datetime or ISO 8601)",
        "(expected ISO 8601 with an offset, e.g. 2025-06-06T17:00:00+08:00)",
    ),
)

#: What an empty field of each column is missing, in words.
_NEEDED: Final = {
    "created": "the time it was created, ISO 8601 with an offset",
    "plan": "a plan",
    "severity": "a severity",
    "zone": "its IANA time zone",
}


def _columns(args: argparse.Namespace) -> dict[str, str]:
    """The batch arguments' names and the CSV columns the command line read them from."""
    named = {
        "plan": args.plan_column,
        "severity": args.severity_column,
        "created": args.created_column,
        "responded": args.responded_column,
        "zone": getattr(args, "zone_column", None),
    }
    return {argument: column for argument, column in named.items() if column}


def error_column(message: str, args: argparse.Namespace) -> str | None:
    """The CSV column a batch ``error`` (``argument: words``) is about, or None."""
    return _columns(args).get(message.partition(": ")[0])


def _replace_words(text: str) -> str:
    for python, cli in _WORDS:
        text = text.replace(python, cli)
    return text


def in_cli_words(message: str, args: argparse.Namespace, fields: Mapping[str, object]) -> str:
    """A row's ``error`` (``argument: words``) with its CSV column, the value read and options.

    Args:
        message: the batch function's ``error`` text of the row.
        args: the command's arguments (the ``--*-column`` options).
        fields: the row's text as read, by column (an absent or None value: empty).

    Returns:
        The message as the command line says it: ``created_at '2025-06-06 17:00' is
        naive ...``, ``created_at is empty: ...``.
    """
    argument, sep, words = message.partition(": ")
    columns = _columns(args)
    column = columns.get(argument) if sep else None
    if column is None:
        return _replace_words(message)
    words = _replace_words(words)
    value = fields.get(column)
    if value is None or value == "":
        if words.startswith((f"{argument} is missing", f"the {argument}= column ")):
            needed = _NEEDED.get(argument, "a value")
            return f"{column} is empty: every ticket needs {needed}"
        return f"{column} (empty): {words}"
    said = f"{column} {shown(value)}"
    if words.startswith(f"{argument} "):
        return f"{said} {words[len(argument) + 1 :]}"
    if shown(value) in words:
        return f"{column}: {words}"
    return f"{said}: {words}"


def raised_in_cli_words(message: str, args: argparse.Namespace) -> str:
    """The message of the first bad row (``errors="raise"``) in command-line words.

    ``row N (created = '...'): created is ...`` becomes ``line N (created_at =
    '...'): created_at is ...``: the row label is the record's line in the CSV
    (the header is line 1), the column the CSV's and the options the command's.
    """
    text = re.sub(r"^row (\d+)", r"line \1", message)
    # "the created= column 'opened' is empty in this row (NaN)": the CSV field is empty.
    text = re.sub(
        r"\): the (\w+)= column '([^']*)' is empty in this row \([^)]*\)", r"): \2 is empty", text
    )
    for argument, column in _columns(args).items():
        if argument == column:
            continue
        text = text.replace(f"({argument} = ", f"({column} = ", 1)
        text = text.replace(f"): {argument} is ", f"): {column} is ", 1)
    return _replace_words(text)


#: What each extra brings, as the command line names it.
_EXTRA_MODULES: Final = {
    "pandas": "pandas, numpy and matplotlib",
    "polars": "polars and pyarrow",
    "arrow": "pyarrow",
}


def missing_extra(user: str, error: MissingExtraError) -> CliError:
    """A missing optional module in command-line words: the extra and the install command.

    Examples:
        >>> print(missing_extra("the batch command", MissingExtraError("x", argument="pandas",
        ...     value="numpy")))  # doctest: +NORMALIZE_WHITESPACE
        the batch command needs the 'pandas' extra (pandas, numpy and matplotlib); numpy is not
        installed. Install the extra with: pip install 'connected-care-sla[pandas]'
    """
    extra = error.argument or "pandas"
    brings = _EXTRA_MODULES.get(extra, extra)
    return CliError(
        f"{user} needs the {extra!r} extra ({brings}); {error.value} is not installed. "
        f"Install the extra with: pip install 'connected-care-sla[{extra}]'",
        option=user if user.startswith("--") else "",
        value=error.value,
    )
