"""Errors about tables, events, files and extras."""

from __future__ import annotations

from ._base import SlaError, _WrongTypeError
from ._instants import InvalidHistoryError

__all__ = [
    "InvalidEventError",
    "InvalidTableError",
    "MissingExtraError",
    "TableTypeError",
    "UnknownFileKindError",
    "UnknownSchemaError",
    "UnmatchedEventsWarning",
]


# -- tables and extras ----------------------------------------------------------------


class InvalidTableError(SlaError, ValueError):
    """A table given to [`connected_care_sla.batch`][connected_care_sla.batch] cannot be read.

    A named column is missing, arrays differ in length, or the arguments
    conflict (both or neither of ``calendar=`` and ``zone=``). Problems of
    single rows raise the error the scalar API raises for that value instead.
    """


class TableTypeError(_WrongTypeError, InvalidTableError, TypeError):
    """The table, or an argument naming its columns, is of the wrong type."""


class MissingExtraError(SlaError, ImportError):
    """An optional extra is not installed.

    ``argument`` is the extra's name and ``value`` the module that is missing;
    the message names the ``pip install`` command.
    """

    def _message(self) -> str:
        return (
            f"{self.problem} needs the optional module {self.value}, which is not installed; "
            f'install it with: pip install "connected-care-sla[{self.argument}]"'
        )


class InvalidEventError(InvalidHistoryError):
    """A row of a batch ``events=`` table is refused.

    A pause value other than ``start`` or ``end``, a row naming no change and
    no pause, two rows of one ticket at one instant that disagree, a pause
    that ends without having started (or starts twice), or an event for a
    ticket the table does not have. ``argument`` is ``events``, ``value`` the
    event row's label (its line in a CSV file), ``kind`` ``"change"`` or
    ``"pause"``, and ``at`` the event's instant.
    """


class UnmatchedEventsWarning(UserWarning):
    """Events name tickets that the table does not have (with ``errors="coerce"``).

    Such events have no row to mark, so they are reported by this warning,
    which names how many and the first of them; pass only the events of the
    table's tickets (as for one partition of a Dask table) to silence it.
    """


class UnknownFileKindError(SlaError, ValueError):
    """A file given to be checked is neither a policy file nor a calendar file.

    ``argument`` is ``path``, ``value`` the file's name and ``expected`` the
    kinds of file that can be checked; the message says what the file holds
    instead (not TOML, or none of the keys either kind begins with).
    """


class UnknownSchemaError(SlaError, ValueError):
    """``json_schema(definition)`` names no schema.

    ``argument`` is ``definition``, ``value`` the name given and ``expected``
    the names there are.
    """
