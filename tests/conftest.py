"""Hypothesis profiles for the test suite.

Pick one with ``HYPOTHESIS_PROFILE=ci pytest`` or ``pytest --hypothesis-profile=ci``
(the command-line option wins). ``default`` keeps the whole suite fast; ``ci``
tries more examples and prints a reproduction blob on failure; ``long`` is for
a patient soak run.

The shared helpers are in ``tests/support/`` and the policy files the tests read in
``tests/data/``; ``tests/`` is on ``sys.path`` (``pythonpath`` in pyproject's pytest
table, with ``--import-mode=importlib``), so test modules import
``from support import ...``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=_SLOW_DATA
)
settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=_SLOW_DATA,
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=_SLOW_DATA
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
