"""Helpers shared across the test suite.

``tests/`` is on ``sys.path`` (``pythonpath`` in pyproject's pytest table), so a
test module imports these as ``from support import ...``,
``from support.reference import ...``:

* :mod:`support.reference`: an independent model of business time;
* :mod:`support.history_reference`: an independent model of a ticket's
  history (changes and pauses), walking the reference's intervals;
* :mod:`support.strategies`: Hypothesis strategies for calendars and instants;
* :mod:`support.calendar_examples`: named ``add`` examples, worked out by hand;
* :mod:`support.calls`: running a call in a thread with a time limit, and the
  command line in-process.

The policy files the tests read live in ``tests/data/`` (:data:`DATA`).
"""

from __future__ import annotations

from pathlib import Path

#: The repository root: files the tests read (README, docs, .ci/run) are found from it.
ROOT = Path(__file__).resolve().parents[2]
#: The policy files shared by the tests.
DATA = ROOT / "tests" / "data"


def policy_text(name: str) -> str:
    """The text of ``tests/data/<name>``."""
    return (DATA / name).read_text(encoding="utf-8")


def write_policy(folder: Path, data_name: str, name: str | None = None) -> Path:
    """``tests/data/<data_name>`` copied into ``folder`` (as ``name``, when given)."""
    path = folder / (name or data_name)
    path.write_text(policy_text(data_name), encoding="utf-8")
    return path
