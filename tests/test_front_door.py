"""The front door: the names ``connected_care_sla`` exports, and where the old ones went.

Twenty-five public names, grouped by subject; errors other than ``SlaError``
and ``CalendarNeverOpensError`` live in :mod:`connected_care_sla.exceptions`.
The names removed in 0.2.0 raise an ``AttributeError`` that names their
replacement; the errors that moved still resolve, with a ``DeprecationWarning``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata

import pytest

import connected_care_sla as sla
from connected_care_sla import deadlines, exceptions

FRONT_DOOR = [
    # the calendar
    "BusinessCalendar",
    "BusinessWindow",
    "TimeWindow",
    "WeeklyHours",
    "load_calendar",
    # the policy
    "Clock",
    "Plan",
    "Policy",
    "PolicyBook",
    "ResponseTarget",
    "Service",
    "Severity",
    "connected_care_policy",
    "load_policy",
    "load_policy_book",
    # one ticket
    "Change",
    "Explanation",
    "ResponseStatus",
    "Status",
    "escalation_instant",
    "explanation",
    "first_response_deadline",
    "response_status",
    # errors
    "SlaError",
    "CalendarNeverOpensError",
    # whole tables
    "batch",
]
MOVED_ERRORS = [
    "HolidayHorizonError",
    "HolidayHorizonWarning",
    "InvalidDurationError",
    "InvalidHolidaysError",
    "InvalidHoursError",
    "InvalidInstantError",
    "InvalidTableError",
    "InvalidThresholdError",
    "MissingExtraError",
    "PolicyError",
    "ResultOutOfRangeError",
    "UnknownPlanError",
    "UnknownServiceError",
    "UnknownSeverityError",
    "UnknownZoneError",
]


def test_the_front_door_has_26_names_grouped_by_subject() -> None:
    assert sla.__all__ == FRONT_DOOR
    assert len(sla.__all__) == 26  # at most 32, the outside checks say
    for name in sla.__all__:
        assert getattr(sla, name) is not None, name
    assert set(sla.__all__) <= set(dir(sla))


def test_the_two_errors_at_the_front_door_are_those_of_the_exceptions_module() -> None:
    errors = [name for name in sla.__all__ if name.endswith(("Error", "Warning"))]
    assert errors == ["SlaError", "CalendarNeverOpensError"]
    for name in errors:
        assert getattr(sla, name) is getattr(exceptions, name)
    assert set(errors) <= set(exceptions.__all__)


@pytest.mark.parametrize(
    ("name", "replacement"),
    [
        ("explain", "str(explanation(...))"),
        ("response_target", "target("),
        ("entitlements", "entitlements("),
        ("OffsetChange", "connected_care_sla.deadlines.OffsetChange"),
        ("PassedDay", "connected_care_sla.deadlines.PassedDay"),
    ],
)
def test_a_removed_name_is_an_attribute_error_naming_its_replacement(
    name: str, replacement: str
) -> None:
    with pytest.raises(AttributeError, match=re.escape(replacement)) as info:
        getattr(sla, name)
    assert info.value.name == name
    assert f"connected_care_sla.{name} was removed" in str(info.value)
    assert not hasattr(sla, name)


def test_the_replacements_of_the_removed_names_give_the_same_answers() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    policy = sla.connected_care_policy()
    created = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    text = str(sla.explanation("developer", "S4", created, "Asia/Shanghai"))
    assert text.splitlines()[-1] == "Deadline:     Wed 2025-06-11 14:00:00 +08:00"
    assert policy.target("premium", "S1") == sla.ResponseTarget("30m", "wall")
    assert sla.Service.TECHNICAL_ACCOUNT_MANAGER in policy.entitlements("premium")
    assert policy.includes("premium", sla.Service.TECHNICAL_ACCOUNT_MANAGER)
    assert policy.label(sla.Service.TIDB_AI) == "TiDB.AI"
    assert policy.definition("S1") == "Complete loss of production environment functionality."
    assert deadlines.OffsetChange.__name__ == "OffsetChange"
    assert deadlines.PassedDay.__name__ == "PassedDay"


def test_the_vocabulary_no_longer_reaches_into_the_builtin_policy() -> None:
    # Plan.includes, Severity.definition and Service.label tied the enums to one policy.
    assert not hasattr(sla.Plan.PREMIUM, "includes")
    assert not hasattr(sla.Severity.S1, "definition")
    assert not hasattr(sla.Service.FAQ, "label")


@pytest.mark.parametrize("name", MOVED_ERRORS)
def test_a_moved_error_still_resolves_with_a_deprecation_warning(name: str) -> None:
    with pytest.warns(DeprecationWarning, match=re.escape(f"connected_care_sla.exceptions.{name}")):
        old = getattr(sla, name)
    assert old is getattr(exceptions, name)
    assert name not in sla.__all__


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
        sla.nothing_here  # noqa: B018


def test_the_version_is_the_package_metadata() -> None:
    assert sla.__version__ == metadata.version("connected-care-sla")


def test_importing_the_package_imports_neither_batch_nor_pandas() -> None:
    code = (
        "import sys, connected_care_sla\n"
        "print(sorted(m for m in ('connected_care_sla.batch', 'pandas', 'numpy')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_every_front_door_name_loads_from_its_home_on_first_use() -> None:
    import subprocess
    import sys

    # Each name but the batch module has one home, and importing the package loads none.
    assert set(sla._HOMES) == set(sla.__all__) - {"batch"}
    code = (
        "import sys, connected_care_sla as sla\n"
        "assert [m for m in sys.modules if m.startswith('connected_care_sla.')] == []\n"
        "sla.BusinessCalendar\n"
        "assert 'connected_care_sla.policy' not in sys.modules\n"
        "assert 'connected_care_sla.deadlines' not in sys.modules\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr
