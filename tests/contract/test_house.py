"""The shape of the package: sizes a newcomer can hold, errors where they belong.

These pin the house rules of the code base (docs/explanation/design.md), so a
change that breaks one fails here with the reason, not later in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import connected_care_sla as sla
from connected_care_sla import exceptions

PACKAGE = Path(sla.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_longer_than_800_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 800


def test_the_front_door_has_at_most_32_names_each_documented() -> None:
    assert len(sla.__all__) <= 32
    assert len(set(sla.__all__)) == len(sla.__all__)
    for name in sla.__all__:
        value = getattr(sla, name)
        assert value.__doc__, f"{name} has no docstring"


def test_errors_at_the_top_level_are_only_the_two_most_caught() -> None:
    errors = {
        name
        for name in sla.__all__
        if isinstance(getattr(sla, name), type) and issubclass(getattr(sla, name), Exception)
    }
    assert errors == {"SlaError", "CalendarNeverOpensError"}
    for name in exceptions.__all__:
        value = getattr(exceptions, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert value.__module__ == "connected_care_sla.exceptions"


def _docstrings_and_messages(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_string_cites_a_section_of_a_document_that_is_not_shipped(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    cited = [line for line, text in _docstrings_and_messages(tree) if "SPEC " in text]
    assert cited == [], f"{path.name}: lines {cited} cite SPEC sections; say the rule in words"


def test_every_wrong_type_error_is_also_a_type_error_of_its_old_class() -> None:
    pairs = {
        exceptions.InstantTypeError: exceptions.InvalidInstantError,
        exceptions.ZoneTypeError: exceptions.UnknownZoneError,
        exceptions.DurationTypeError: exceptions.InvalidDurationError,
        exceptions.HoursTypeError: exceptions.InvalidHoursError,
        exceptions.HolidaysTypeError: exceptions.InvalidHolidaysError,
        exceptions.PolicyTypeError: exceptions.PolicyError,
        exceptions.ThresholdTypeError: exceptions.InvalidThresholdError,
        exceptions.TableTypeError: exceptions.InvalidTableError,
    }
    for new, old in pairs.items():
        assert issubclass(new, old)
        assert issubclass(new, TypeError)
        assert issubclass(new, ValueError)  # the old class was a ValueError
    assert issubclass(exceptions.InstantsOutOfOrderError, exceptions.InvalidInstantError)
