"""Support policies as data: the vocabulary, durations, the model and the file reader.

* :mod:`.vocabulary`: the built-in words (:class:`Plan`, :class:`Severity`,
  :class:`Service`, :class:`Clock`) and how names are matched;
* :mod:`.durations`: policy durations such as ``"4h"`` or ``"1h30m"``;
* :mod:`.model`: :class:`ResponseTarget`, :class:`Policy`, :class:`PolicyBook`
  and the built-in :func:`connected_care_policy`;
* :mod:`.files`: :func:`load_policy` and :func:`load_policy_book` for TOML files.
"""

from __future__ import annotations

from .durations import format_duration, parse_duration
from .files import load_policy, load_policy_book
from .model import Policy, PolicyBook, PolicyLike, ResponseTarget, connected_care_policy
from .vocabulary import Clock, Plan, PlanLike, Service, Severity, SeverityLike

__all__ = [
    "Clock",
    "Plan",
    "PlanLike",
    "Policy",
    "PolicyBook",
    "PolicyLike",
    "ResponseTarget",
    "Service",
    "Severity",
    "SeverityLike",
    "connected_care_policy",
    "format_duration",
    "load_policy",
    "load_policy_book",
    "parse_duration",
]
