"""The policy keys of a ticket's history: ``retarget`` and ``pausable``."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from connected_care_sla import Policy, connected_care_policy, load_policy, load_policy_book
from connected_care_sla.exceptions import PolicyError, PolicyFieldError, PolicyTypeError

DATA: dict[str, Any] = {
    "name": "Acme",
    "severities": {"P1": "Down."},
    "first_response": {"Gold": {"P1": "1h wall"}},
}


def test_the_builtin_policy_counts_from_creation_and_does_not_pause() -> None:
    policy = connected_care_policy()
    assert (policy.retarget, policy.pausable) == ("from-creation", False)
    assert (Policy.from_mapping(DATA).retarget, Policy.from_mapping(DATA).pausable) == (
        "from-creation",
        False,
    )


def test_a_policy_file_states_retarget_and_pausable(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(
        'name = "Acme"\nretarget = "from-change"\npausable = true\n'
        '[severities]\nP1 = "Down."\n[first_response]\nGold = { P1 = "1h wall" }\n',
        encoding="utf-8",
    )
    policy = load_policy(path)
    assert (policy.retarget, policy.pausable) == ("from-change", True)


def test_each_version_of_a_book_states_its_own(tmp_path: Path) -> None:
    path = tmp_path / "book.toml"
    path.write_text(
        '[[versions]]\nname = "v1"\neffective_from = 2025-01-01\n'
        '[versions.severities]\nS1 = "Down."\n'
        '[versions.first_response]\nGold = { S1 = "2h wall" }\n'
        '[[versions]]\nname = "v2"\neffective_from = 2025-07-01\npausable = true\n'
        'retarget = "from-change"\n'
        '[versions.severities]\nS1 = "Down."\n'
        '[versions.first_response]\nGold = { S1 = "1h wall" }\n',
        encoding="utf-8",
    )
    first, second = load_policy_book(path).versions
    assert (first.retarget, first.pausable) == ("from-creation", False)
    assert (second.retarget, second.pausable) == ("from-change", True)


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("retarget", "from-response", "expected 'from-creation'"),
        ("retarget", 1, "expected 'from-creation'"),
        ("pausable", "yes", "expected true"),
        ("pausable", 1, "expected true"),
    ],
)
def test_a_bad_value_is_refused_naming_file_key_and_value(
    tmp_path: Path, key: str, value: object, words: str
) -> None:
    with pytest.raises(PolicyError) as info:
        Policy.from_mapping({**DATA, key: value}, source="policy file 'acme.toml'")
    error = info.value
    assert (error.source, error.argument, error.value) == ("policy file 'acme.toml'", key, value)
    assert str(error).startswith(f"policy file 'acme.toml': key '{key}' = {value!r}: ")
    assert words in str(error)


def test_the_constructor_checks_the_fields() -> None:
    policy = connected_care_policy()
    with pytest.raises(PolicyFieldError, match="retarget"):
        dataclasses.replace(policy, retarget="sideways")  # type: ignore[arg-type]
    with pytest.raises(PolicyTypeError, match="pausable"):
        dataclasses.replace(policy, pausable="yes")  # type: ignore[arg-type]
    assert dataclasses.replace(policy, pausable=True) != policy
