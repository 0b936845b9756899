"""Support policies as data: the vocabulary, durations, the model and the file reader.

* `vocabulary`: the built-in words ([`Plan`][connected_care_sla.Plan],
  [`Severity`][connected_care_sla.Severity], [`Service`][connected_care_sla.Service],
  [`Clock`][connected_care_sla.Clock]) and how names are matched;
* `durations`: policy durations such as ``"4h"`` or ``"1h30m"``;
* `model`: [`ResponseTarget`][connected_care_sla.ResponseTarget],
  [`Policy`][connected_care_sla.Policy], [`PolicyBook`][connected_care_sla.PolicyBook] and the
  built-in [`connected_care_policy`][connected_care_sla.connected_care_policy];
* `files`: [`load_policy`][connected_care_sla.load_policy] and
  [`load_policy_book`][connected_care_sla.load_policy_book] for TOML files.
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
