"""What is wrong with each row, and what ``errors=`` does about it.

A bad row (an unknown plan, a naive time, a zone that does not exist) is
never given a deadline. Each check marks the rows it refuses with the error
the scalar API raises for that value, keeping its fields (``argument``,
``value``, ``expected``, ...). With ``errors="raise"`` the first bad row
raises that error, its message naming the row; with ``errors="coerce"`` each
bad row gets the words of its error in an ``error`` column.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Literal, TypeAlias

from .._text import shown
from ..exceptions import (
    NOTHING,
    InstantsOutOfOrderError,
    InvalidTableError,
    SlaError,
    TableTypeError,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray
    from pandas.api.extensions import ExtensionArray

__all__ = ["Errors", "Problems", "errors_mode"]

#: What ``errors=`` accepts: ``"raise"`` stops at the first bad row (default);
#: ``"coerce"`` gives bad rows no deadline and a message in an ``error`` column.
Errors: TypeAlias = Literal["raise", "coerce"]


def errors_mode(errors: object) -> Errors:
    """The ``errors=`` argument, checked."""
    if not isinstance(errors, str):
        raise TableTypeError(argument="errors", value=errors, expected="'raise' or 'coerce'")
    if errors == "raise":
        return "raise"
    if errors == "coerce":
        return "coerce"
    raise InvalidTableError(
        f"errors must be 'raise' or 'coerce', got {shown(errors)}", argument="errors", value=errors
    )


class Problems:
    """What is wrong with each row: a code per row into the problems found (0: nothing).

    A problem is the column it is in (the batch argument's name: ``plan``,
    ``severity``, ``created``, ``responded``, ``zone``), its words, and the
    error to raise for it. The first problem found for a row stays: checks run
    in the order the scalar API makes them (zone, creation time, plan,
    severity, response).
    """

    def __init__(self, count: int) -> None:
        import numpy as np

        self.codes: NDArray[np.int32] = np.zeros(count, dtype=np.int32)
        self._found: list[tuple[str, str, SlaError]] = [("", "", SlaError())]  # 0: none
        self._known: dict[tuple[str, type[SlaError], str], int] = {}

    def kind(self, column: str, error: SlaError, text: str | None = None) -> int:
        """The code of one kind of problem, registered once.

        ``text`` says what is wrong in the row's words; by default, the error's message.
        """
        words = str(error) if text is None else text
        key = (column, type(error), words)
        code = self._known.get(key)
        if code is None:
            code = len(self._found)
            self._found.append((column, words, error))
            self._known[key] = code
        return code

    def add(
        self, rows: NDArray[np.bool_], column: str, error: SlaError, text: str | None = None
    ) -> None:
        """Mark the ``rows`` that have no problem yet with this one."""
        if rows.any():
            self.codes[rows & (self.codes == 0)] = self.kind(column, error, text)

    @property
    def bad(self) -> NDArray[np.bool_]:
        """The rows that have a problem."""
        result: NDArray[np.bool_] = self.codes != 0
        return result

    def raise_first(self, frame: pd.DataFrame, columns: Mapping[str, pd.Series]) -> None:
        """``errors="raise"``: raise the error of the first bad row, naming its label and value.

        The error has the fields of the problem's error; where the problem is
        about no single value, its ``value`` is the row's.
        """
        import numpy as np

        positions = np.flatnonzero(self.codes)
        if len(positions) == 0:
            return
        at = int(positions[0])
        column, text, error = self._found[int(self.codes[at])]
        label = frame.index[at]
        where = f"row {label.item() if hasattr(label, 'item') else label!r}"
        if column in columns:
            where += f" ({column} = {_shown(columns[column].iloc[at])})"
        extra = "" if len(positions) == 1 else f" ({len(positions):,} bad rows in all)"
        raised = copy.copy(error)
        raised.args = (
            f"{where}: {text}{extra}; pass errors='coerce' to get such rows with no deadline "
            f"and the reason in an 'error' column",
        )
        if raised.value is NOTHING and raised.argument in columns:
            raised.value = columns[raised.argument].iloc[at]
        if (
            isinstance(raised, InstantsOutOfOrderError)
            and raised.earlier_value is NOTHING
            and raised.earlier_argument in columns
        ):
            raised.earlier_value = columns[raised.earlier_argument].iloc[at]
        raise raised

    def messages(self) -> ExtensionArray:
        """``errors="coerce"``: each row's ``column: words``, missing (``pd.NA``) when it has none.

        The array is of pandas' ``string`` dtype whatever the rows hold, even
        with no bad row or no row at all, so that Arrow and Parquet store it as
        text and every partition of a Dask table agrees with its ``meta``. An
        ``object`` column says nothing of its type where it is empty or all
        missing: Dask's ``to_parquet`` failed on one with ``ArrowInvalid``.
        """
        import pandas as pd

        words = [f"{c}: {t}" for c, t, _ in self._found[1:]]
        texts = pd.array([None, *words], dtype=pd.StringDtype())  # code 0: no problem
        return texts.take(self.codes)


def _shown(value: object) -> str:
    """A row's value in a message: an instant in ISO 8601, anything else bounded."""
    if isinstance(value, datetime):
        return value.isoformat()
    return shown(value)
