"""Tables of each kind: pandas, polars and Arrow in, the same kind out.

The batch arithmetic runs on numpy arrays (integer microseconds, and codes into
the distinct plans, severities and zones). A pandas DataFrame is read as it
is. A polars DataFrame or a pyarrow Table is read through Arrow, the memory
both are made of: only the columns the call names are taken, each without
copying where Arrow allows it (timestamps stay integer microseconds; a
dictionary or ``Categorical`` column keeps its codes and its few distinct
values, which are never decoded row by row; a plain text column is coded once,
by Arrow). The results come back as Arrow arrays and are added to the caller's
own table, whose columns are left exactly as they were.

`each_kind` wraps the pandas implementation of
[`first_response_deadlines`][connected_care_sla.batch.first_response_deadlines] with that reading
and writing; `pandas_frame` and `of_kind` do it for
[`compliance`][connected_care_sla.batch.compliance].
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, ParamSpec, TypeAlias

from .._text import shown
from ..exceptions import InvalidTableError, TableTypeError
from ._extra import Kind, require

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

__all__ = [
    "COLUMN_ARGUMENTS",
    "Table",
    "each_kind",
    "kind_of",
    "of_kind",
    "pandas_frame",
    "pandas_table",
]

#: The tables the batch functions take and give back: each kind is an extra
#: (``pandas``, ``polars``, ``arrow``).
Table: TypeAlias = "pd.DataFrame | pl.DataFrame | pa.Table"

P = ParamSpec("P")

#: The arguments that name a column (or give its values), and how each is read.
COLUMN_ARGUMENTS: Final = {
    "plan": "text",
    "severity": "text",
    "zone": "text",
    "created": "instants",
    "responded": "instants",
}
#: The columns the batch functions add (those of the same names are replaced).
OUTPUTS: Final = ("deadline", "clock", "target", "taken", "margin", "state", "error")


def kind_of(data: object) -> Kind:
    """The kind of ``data``: ``"polars"``, ``"arrow"`` (a ``pyarrow.Table``), or
    ``"pandas"`` for anything else (a pandas DataFrame, a mapping, None, or a
    value the pandas path refuses with its own message).

    Neither polars nor pyarrow is imported to tell: a table of theirs exists
    only where its library is already imported.
    """
    module = type(data).__module__.partition(".")[0]
    name = type(data).__name__
    if module == "polars":
        if name == "DataFrame":
            return "polars"
        if name == "LazyFrame":
            raise TableTypeError(
                "a polars LazyFrame is a query, not a table yet: call .collect() first, or run "
                "the batch function on each batch of it (map_batches)",
                argument="data",
                value=data,
                expected="a polars DataFrame",
            )
    if module == "pyarrow":
        if name == "Table":
            return "arrow"
        if name == "RecordBatch":
            raise TableTypeError(
                "a pyarrow RecordBatch is one batch of a table: make it a table with "
                "pyarrow.Table.from_batches([batch])",
                argument="data",
                value=data,
                expected="a pyarrow Table",
            )
    return "pandas"


def each_kind(function: Callable[P, pd.DataFrame]) -> Callable[P, Any]:
    """``function`` (of a pandas DataFrame, its first argument ``data``) for polars
    DataFrames and pyarrow Tables too, giving back the kind it was given."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> Any:
        data = args[0] if args else kwargs.get("data")
        for name, value in kwargs.items():  # another table (events=) of another kind
            if name != "data" and kind_of(value) != "pandas":
                kwargs[name] = pandas_frame(value)[0]
        kind = kind_of(data)
        if kind == "pandas":
            return function(*args, **kwargs)
        require(kind=kind)
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        if arguments.get("tz") == "local":
            raise InvalidTableError(
                f"tz='local' gives each row's deadline in its own zone, which a "
                f"{_named(kind)} column cannot hold (a column holds one zone); leave tz out "
                f"for UTC, or name one zone",
                argument="tz",
                value="local",
            )
        frame, arguments = _read(kind, data, arguments)
        out = function(frame, **{k: v for k, v in arguments.items() if k != "data"})
        added = [c for c in out.columns if c in OUTPUTS or c not in frame.columns]
        return _with_columns(kind, data, out, added)

    return run


def pandas_frame(data: object) -> tuple[pd.DataFrame, Kind]:
    """Any kind of table as a pandas DataFrame (all its columns), and its kind.

    A pandas DataFrame (or mapping, or None) is handed on as it is, for the
    pandas path to read. Text columns of polars and Arrow become categorical
    columns from their codes.
    """
    kind = kind_of(data)
    if kind == "pandas":
        return data, kind
    require(kind=kind)
    import pandas as pd

    names = _names(kind, data)
    frame = pd.DataFrame(
        {name: _sorted(_column(kind, data, name, "any")) for name in names}, columns=names
    )
    return frame, kind


def _sorted(series: pd.Series) -> pd.Series:
    """Unordered categories in sorted order, as pandas groups text (an Enum keeps its order)."""
    import pandas as pd

    if not isinstance(series.dtype, pd.CategoricalDtype) or series.dtype.ordered:
        return series
    try:
        ordered = sorted(series.cat.categories)
    except TypeError:  # values of several types: left as they are
        return series
    return series.cat.reorder_categories(ordered)


def of_kind(frame: pd.DataFrame, kind: Kind, *, index: bool = False, like: object = None) -> Any:
    """A pandas DataFrame as a table of ``kind``: the other way from `pandas_frame`.

    With ``index``, the index becomes the first columns. With ``like`` (the
    caller's table that ``frame`` was read from), the result is ``like`` with
    the columns the batch functions added to ``frame``: the caller's own
    columns stay exactly as they were.
    """
    if kind == "pandas":
        return frame
    if like is not None:
        names = set(_names(kind, like))
        added = [c for c in frame.columns if c in OUTPUTS or c not in names]
        return _with_columns(kind, like, frame, added)
    import pyarrow as pa

    if index:
        frame = frame.reset_index()
    arrays = [_arrow_array(frame[name]) for name in frame.columns]
    names_ = [str(name) for name in frame.columns]
    if kind == "arrow":
        return pa.Table.from_arrays(arrays, names=names_)
    import polars as pl

    return pl.DataFrame([_polars_series(n, a) for n, a in zip(names_, arrays, strict=True)])


def pandas_table(table: object, by: tuple[str, ...]) -> pd.DataFrame:
    """A summary table of any kind as pandas, indexed by its ``by`` columns (the way
    `of_kind` with ``index`` writes it, back)."""
    frame, kind = pandas_frame(table)
    if kind == "pandas":
        return frame
    if by:
        return frame.set_index(list(by))
    frame.index = ["all tickets"] * len(frame)
    return frame


# -- reading --------------------------------------------------------------------------------


def _named(kind: Kind) -> str:
    return "polars" if kind == "polars" else "pyarrow"


def _names(kind: Kind, data: Any) -> list[str]:
    return list(data.columns) if kind == "polars" else list(data.column_names)


def _arrow_column(kind: Kind, data: Any, name: str) -> Any:
    """One column of the table as Arrow (a ChunkedArray or Array), not copied."""
    if kind == "polars":
        return data.get_column(name).to_arrow()
    return data.column(name)


def _column(kind: Kind, data: Any, name: str, how: str) -> pd.Series:
    """One column of the table as the pandas flow reads it."""
    if kind == "polars":
        return _polars_series_read(data.get_column(name), how)
    return _series(data.column(name), how)


def _polars_series_read(series: Any, how: str) -> pd.Series:
    """A polars Series: text as categories from its physical codes, the rest through Arrow."""
    import polars as pl

    if how == "text" and series.dtype == pl.String:
        series = series.cast(pl.Categorical)  # coded once, by polars
    if isinstance(series.dtype, pl.Enum):  # its categories in their order, as pandas' ordered
        categories = series.dtype.categories.to_list()
        return _from_codes(series.to_physical(), None, categories, ordered=True)
    if isinstance(series.dtype, pl.Categorical) and how != "instants":
        present = series.unique().drop_nulls()
        return _from_codes(
            series.to_physical(), present.to_physical(), present.cast(pl.String).to_list()
        )
    return _series(series.to_arrow(), how)


def _from_codes(
    physical: Any, present: Any, categories: list[Any], *, ordered: bool = False
) -> pd.Series:
    """A polars column's physical codes as a pandas categorical Series (null: -1).

    ``present`` holds the physical code of each of ``categories`` (None: the
    codes are positions into ``categories`` already, as an Enum's are).
    """
    import numpy as np
    import pandas as pd
    import polars as pl

    # An Enum's physical codes are positions into its categories already.
    known = np.arange(len(categories)) if present is None else present.to_numpy().astype(np.int64)
    order = np.argsort(known, kind="stable")
    if np.array_equal(known[order], np.arange(len(known))):
        # The physical codes are 0 to n-1: the categories in that order, the codes as they are.
        categories = [categories[i] for i in order]
        if physical.null_count():
            codes = physical.cast(pl.Int32).fill_null(-1).to_numpy()
        else:
            codes = physical.to_numpy()  # not copied
    else:  # physical code -> position in ``categories``; the last entry (-1) for null
        lookup = np.full(int(known.max(initial=0)) + 2, -1, dtype=np.int32)
        lookup[known] = np.arange(len(known))
        codes = lookup[physical.fill_null(len(lookup) - 1).to_numpy()]
    dtype = pd.CategoricalDtype(
        pd.Index(categories, dtype=object if not categories else None), ordered=ordered
    )
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False))


def _read(kind: Kind, data: Any, arguments: dict[str, Any]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The columns the call names, as a pandas frame; arrays given as values, likewise."""
    import pandas as pd

    names = _names(kind, data)
    known = set(names)
    columns: dict[str, Any] = {}
    for argument, spec in arguments.items():
        if argument == "data" or spec is None:
            continue
        how = COLUMN_ARGUMENTS.get(argument, "any")
        if isinstance(spec, str):
            if spec in known:
                columns[spec] = _column(kind, data, spec, how)
            elif argument in COLUMN_ARGUMENTS:
                listed = ", ".join(repr(n) for n in names[:20]) or "none"
                raise InvalidTableError(
                    f"{argument}={shown(spec)} names no column of the table (its columns: "
                    f"{listed}); pass {argument}= the column's name, or an array of values",
                    argument=argument,
                    value=spec,
                )
        elif argument in COLUMN_ARGUMENTS:
            arrow = _as_arrow(spec)
            if arrow is not None:
                arguments[argument] = _series(arrow, how)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(_rows(kind, data)), copy=False)
    return frame, arguments


def _rows(kind: Kind, data: Any) -> int:
    return int(data.height if kind == "polars" else data.num_rows)


def _as_arrow(values: object) -> Any:
    """Values given as a polars Series or an Arrow array, as Arrow (None: other values)."""
    module = type(values).__module__.partition(".")[0]
    name = type(values).__name__
    if module == "polars" and name == "Series":
        return values.to_arrow()  # type: ignore[attr-defined]
    if module == "pyarrow" and (name == "ChunkedArray" or name.endswith("Array")):
        return values
    return None


def _series(arrow: Any, how: str) -> pd.Series:
    """An Arrow column as a pandas Series: text as categories from its codes."""
    import pyarrow as pa

    if isinstance(arrow, pa.ChunkedArray) and arrow.num_chunks == 1:
        arrow = arrow.chunk(0)
    kind = arrow.type
    if pa.types.is_dictionary(kind) and how != "instants":
        return _categories(arrow)
    if how == "text" and (
        pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)
    ):
        return _categories(arrow.dictionary_encode())  # coded once, by Arrow
    if pa.types.is_dictionary(kind):  # times as text in a dictionary column
        arrow = arrow.cast(kind.value_type)
    return arrow.to_pandas()


def _categories(arrow: Any) -> pd.Series:
    """A dictionary column as a pandas categorical Series, from its codes and distinct values."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.unify_dictionaries().combine_chunks()
    values = arrow.dictionary
    if values.null_count or len(pc.unique(values)) != len(values):
        # Arrow allows a null or a repeated value in a dictionary; pandas' categories do not.
        arrow = arrow.cast(values.type).dictionary_encode()
        values = arrow.dictionary
    codes = arrow.indices.fill_null(-1) if arrow.null_count else arrow.indices
    if pa.types.is_unsigned_integer(codes.type):
        codes = codes.cast(pa.int64())
    categories = pd.Index(values.to_pylist(), dtype=object if len(values) == 0 else None)
    # Arrow keeps every index within its dictionary: the codes need no check.
    dtype = pd.CategoricalDtype(categories)
    return pd.Series(
        pd.Categorical.from_codes(
            np.asarray(codes.to_numpy(zero_copy_only=False)), dtype=dtype, validate=False
        )
    )


# -- writing --------------------------------------------------------------------------------


def _arrow_array(column: pd.Series) -> Any:
    """A column as an Arrow array: instants and durations from their integers (not
    copied), categories from their codes, anything else as pyarrow converts it."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = np.ascontiguousarray(column.array.codes)
        indices = _with_validity(pa.from_numpy_dtype(codes.dtype), codes, codes >= 0)
        return pa.DictionaryArray.from_arrays(indices, pa.array(dtype.categories.tolist()))
    if isinstance(dtype, pd.DatetimeTZDtype) and getattr(dtype.tz, "key", None):
        kind = pa.timestamp(dtype.unit, tz=dtype.tz.key)
    elif isinstance(dtype, np.dtype) and dtype.kind == "m":
        kind = pa.duration(np.datetime_data(dtype)[0])
    else:
        return pa.array(column, from_pandas=True)
    ints = np.ascontiguousarray(column.array.asi8)
    return _with_validity(kind, ints, ints != np.iinfo(np.int64).min)


def _with_validity(kind: Any, values: Any, valid: Any) -> Any:
    """An Arrow array of ``kind`` over numpy ``values`` (not copied), null where not ``valid``."""
    import numpy as np
    import pyarrow as pa

    nulls = len(values) - int(np.count_nonzero(valid))
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
    return pa.Array.from_buffers(
        kind, len(values), [bitmap, pa.py_buffer(values)], null_count=nulls
    )


def _polars_series(name: str, array: Any) -> Any:
    import polars as pl

    series = pl.from_arrow(array)
    assert isinstance(series, pl.Series)
    return series.alias(name)


def _with_columns(kind: Kind, data: Any, out: pd.DataFrame, added: list[str]) -> Any:
    """The caller's table with the result columns added (those of the same names replaced)."""
    arrays = {name: _arrow_array(out[name]) for name in added}
    if kind == "polars":
        return data.with_columns([_polars_series(name, a) for name, a in arrays.items()])
    table = data
    for name, array in arrays.items():
        at = table.schema.get_field_index(name)
        table = table.set_column(at, name, array) if at >= 0 else table.append_column(name, array)
    return table
