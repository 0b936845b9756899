"""Reading the table: the frame, the columns the arguments name, and their distinct values.

Each of ``plan=``, ``severity=``, ``created=``, ``zone=`` and ``responded=``
names a column of the table, or gives the values themselves (an array, list
or Series, one value per row). With no table (``data=None``) the arrays make
one, with the column names of `ARRAY_NAMES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from .._text import shown
from ..exceptions import InvalidTableError, TableTypeError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

__all__ = ["ARRAY_NAMES", "array_length", "as_frame", "column", "factorize"]

#: Column names of a table made from arrays alone (``data=None``).
ARRAY_NAMES: Final = {
    "plan": "plan",
    "severity": "severity",
    "created": "created_at",
    "zone": "zone",
    "responded": "first_response_at",
}


def as_frame(data: object) -> pd.DataFrame:
    """The ``data`` argument as a DataFrame (an empty one for None)."""
    import pandas as pd

    if data is None:
        return pd.DataFrame()
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, Mapping):
        return pd.DataFrame(dict(data))
    if hasattr(data, "map_partitions") or hasattr(data, "mapInPandas"):
        raise TableTypeError(
            f"to run on a {type(data).__name__}, apply the batch functions to each partition "
            f"(Dask: map_partitions, Spark: mapInPandas), as the how-to guide 'Whole tables' "
            f"shows",
            argument="data",
            value=data,
            expected="one pandas DataFrame (or polars DataFrame, or pyarrow Table)",
        )
    raise TableTypeError(
        argument="data",
        value=data,
        expected="a pandas DataFrame, a polars DataFrame, a pyarrow Table, a mapping of column "
        "names to values, or None (with arrays for plan=, severity= and created=)",
    )


def column(frame: pd.DataFrame, spec: object, what: str, rows: int) -> pd.Series:
    """A column by name, or an array-like aligned with the rows by position."""
    import numpy as np
    import pandas as pd

    if isinstance(spec, str):
        if spec not in frame.columns:
            names = ", ".join(repr(str(c)) for c in frame.columns[:20]) or "none"
            raise InvalidTableError(
                f"{what}={shown(spec)} names no column of the table (its columns: {names}); "
                f"pass {what}= the column's name, or an array of values",
                argument=what,
                value=spec,
            )
        return frame[spec]
    if spec is None or not hasattr(spec, "__len__"):
        raise TableTypeError(
            argument=what,
            value=spec,
            expected="a column name or an array of values (one per row)",
        )
    values: Any = spec.array if isinstance(spec, pd.Series) else spec
    if not isinstance(values, (pd.Index, pd.api.extensions.ExtensionArray, np.ndarray, list)):
        values = list(values)
    if len(values) != rows:
        raise InvalidTableError(
            f"{what}= has {len(values):,} values but the table has {rows:,} rows", argument=what
        )
    index = frame.index if len(frame.columns) else None
    return pd.Series(values, index=index, name=what)


def array_length(specs: Mapping[str, object]) -> int:
    """The number of rows of a table made from arrays alone (``data=None``)."""
    lengths = {
        name: len(spec)
        for name, spec in specs.items()
        if not isinstance(spec, str) and hasattr(spec, "__len__")
    }
    named = [name for name, spec in specs.items() if isinstance(spec, str)]
    if named or not lengths:
        given = ", ".join(f"{n}={shown(specs[n])}" for n in named) or "none given"
        raise InvalidTableError(
            f"with no table (data=None), pass the values themselves as arrays, not column "
            f"names ({given})",
            argument="data",
            value=None,
        )
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{name}: {length:,}" for name, length in lengths.items())
        raise InvalidTableError(f"the arrays have different lengths ({listed})")
    return next(iter(lengths.values()))


class _Unhashable:
    """A value pandas cannot hash (a list as a plan), standing for itself alone."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


def factorize(series: pd.Series) -> tuple[NDArray[np.int64], list[Any]]:
    """A code per row (-1: missing) into the column's distinct values.

    A categorical column is coded already: its codes and categories are used as
    they are (categories no row uses included), never decoded. Any other
    column is coded here, its values in order of appearance.
    """
    import numpy as np
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        categorical = series.array
        return (
            np.asarray(categorical.codes, dtype=np.int64),
            [v.item() if isinstance(v, np.generic) else v for v in categorical.categories],
        )
    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:
        # An unhashable value (never a valid name): the row is refused as the scalar
        # API refuses it, naming the value, not with pandas' "unhashable type".
        wrapped = pd.Series(
            [v if _is_hashable(v) else _Unhashable(v) for v in series], dtype=object
        )
        codes, uniques = pd.factorize(wrapped, use_na_sentinel=True)
    values = [
        v.value if isinstance(v, _Unhashable) else v.item() if isinstance(v, np.generic) else v
        for v in uniques.tolist()
    ]
    return np.asarray(codes, dtype=np.int64), values


def _is_hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
