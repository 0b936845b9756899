"""How a table was computed: the options of a run, found again from the table.

[`first_response_deadlines`][connected_care_sla.batch.first_response_deadlines] records the options
it ran with (the calendar, the policy, the column names) so that
[`compliance`][connected_care_sla.batch.compliance] can measure the same table again
without being told them. The table itself carries only a token, in
``DataFrame.attrs``: ``attrs`` must stay JSON-safe (``to_parquet`` writes them)
and cheap to deep-copy (pandas copies them on most operations), so the
calendars and policies stay in this process, in a registry here. Equal options
get the same token, so the partitions of one Dask run concatenate with their
``attrs`` intact. A token from another process (a file, a Dask worker) is
simply not found, and ``compliance`` then asks for the options.

The registry is module-level state, so it is kept safe in two ways:

* **Bounded.** It keeps the options of the 256 most recently used runs and
  forgets older ones, so a long-lived process (a server, a notebook) that
  computes many tables does not keep every calendar and policy it ever used.
  A forgotten token behaves like one from another process.
* **Thread-safe.** Tables may be computed on several threads at once (Dask's
  threaded scheduler runs partitions in parallel), and reading, moving and
  evicting entries of the two maps below are several steps each; one lock
  makes each use of the registry a single step.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["recall", "remember"]

#: The key of the record in ``DataFrame.attrs``.
ATTRS: Final = "connected_care_sla"
#: How many runs' options are kept.
SIZE: Final = 256

# options key -> (token, options); token -> options key. Most recently used last.
_runs: OrderedDict[tuple[object, ...], tuple[str, dict[str, Any]]] = OrderedDict()
_by_token: dict[str, tuple[object, ...]] = {}
_lock = threading.Lock()
_process = uuid.uuid4().hex[:12]
_counter = itertools.count()


def _hashable(value: object) -> object:
    """The value as part of a key: itself, or its identity when it cannot be hashed."""
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    return value


def remember(data: pd.DataFrame, options: dict[str, Any]) -> None:
    """Record ``options`` as how ``data`` was computed (a token in its ``attrs``)."""
    key = tuple((name, _hashable(value)) for name, value in sorted(options.items()))
    with _lock:
        known = _runs.get(key)
        token = known[0] if known is not None else f"{_process}-{next(_counter)}"
        _runs[key] = (token, options)
        _runs.move_to_end(key)
        _by_token[token] = key
        while len(_runs) > SIZE:
            _, (gone, _) = _runs.popitem(last=False)
            del _by_token[gone]
    data.attrs[ATTRS] = {"token": token}


def recall(data: pd.DataFrame) -> dict[str, Any]:
    """The options ``data`` was computed with in this process, or {}."""
    record = data.attrs.get(ATTRS)
    if isinstance(record, Mapping):
        with _lock:
            key = _by_token.get(str(record.get("token")))
            if key is not None:
                return dict(_runs[key][1])
    return {}
