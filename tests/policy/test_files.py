"""Policy files: ``load_policy`` and ``load_policy_book`` (SPEC 3.8; ``policy/files.py``).

Each malformed file is refused naming the file, the key and the value; then
the crashes the fuzz tests found in the reader, each a regression test. The
policy files the tests share are in ``tests/data/``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import connected_care_sla as sla
from connected_care_sla import (
    Clock,
    Plan,
    ResponseTarget,
    Service,
    Severity,
    load_policy,
    load_policy_book,
)
from connected_care_sla.exceptions import PolicyError, UnknownPlanError, UnknownSeverityError
from support import policy_text, write_policy
from support.calls import call, counted_folds, expect


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


def refusal(build: Any) -> str:
    with pytest.raises(PolicyError) as info:
        build()
    return message(info)


def write(tmp_path: Path, text: str, name: str = "policy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- custom policies, read from files ------------------------------------------------------


def test_load_policy_with_other_plans_severities_and_services(tmp_path: Path) -> None:
    policy = sla.load_policy(write_policy(tmp_path, "acme-pager.toml", "policy.toml"))
    assert policy.name == "Acme support"
    assert policy.plans == ("Gold", "Bronze")
    assert policy.severities == ("P1", "P2")
    assert policy.target("gold", "p1") == ResponseTarget("15m", Clock.WALL)
    assert policy.target("GOLD", "P2") == ResponseTarget("1h30m", Clock.BUSINESS)
    assert policy.target("bronze", "P1") is None
    assert policy.entitlements("Gold") == {Service.TECHNICAL_ACCOUNT_MANAGER, "pager"}
    assert policy.includes("gold", "PAGER")
    assert policy.label("pager") == "A pager number"
    assert policy.label(Service.TECHNICAL_ACCOUNT_MANAGER) == "Technical account manager"
    assert policy.definition("p1") == "Production down."
    with pytest.raises(UnknownPlanError, match=r"'Premium'.*Gold, Bronze"):
        policy.target(Plan.PREMIUM, "P1")
    with pytest.raises(UnknownSeverityError, match=r"1.*P1, P2"):
        policy.target("Gold", 1)


def test_custom_policy_keys_matching_builtin_names_become_enum_members(tmp_path: Path) -> None:
    text = """
[severities]
s1 = "Down."
[first_response]
enterprise = { S1 = "2h wall" }
"""
    policy = sla.load_policy(write(tmp_path, text, "mine.toml"))
    assert policy.plans == (Plan.ENTERPRISE,)
    assert policy.plans[0] is Plan.ENTERPRISE
    assert policy.severities[0] is Severity.S1
    assert policy.name == "mine"  # default: the file name
    assert policy.effective_from is None
    assert policy.entitlements("enterprise") == frozenset()
    assert policy.target(Plan.ENTERPRISE, 1) == ResponseTarget("2h", "wall")


# -- malformed policy files ----------------------------------------------------------

SEVERITIES = '[severities]\nS1 = "Down."\nS2 = "Slow."\n'

MALFORMED = [
    pytest.param("", "(top level)", "{}", "empty", id="empty-file"),
    pytest.param("   \n# only a comment\n", "(top level)", "{}", "empty", id="comment-only"),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "4h sundial", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'4h sundial'",
        "unknown clock 'sundial'",
        id="unknown-clock",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "0h wall", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'0h wall'",
        "zero",
        id="zero-duration",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "-4h wall", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'-4h wall'",
        "negative",
        id="negative-duration",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "soon wall", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'soon wall'",
        "not a duration",
        id="not-a-duration",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "1.5h wall", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'1.5h wall'",
        "not a duration",
        id="float-duration",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "4 hours business", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'4 hours business'",
        "<duration> <clock>",
        id="three-words",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "4h", S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "'4h'",
        "<duration> <clock>",
        id="missing-clock",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = 4, S2 = "1h wall" }\n',
        "first_response.Gold.S1",
        "= 4:",
        "expected a string",
        id="cell-not-a-string",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "1h wall" }\n',
        "first_response.Gold",
        "'S1': '1h wall'",
        "missing the severity 'S2'",
        id="missing-severity",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "1h wall", S2 = "1h wall", S3 = "none" }\n',
        "first_response.Gold.S3",
        "'none'",
        "not in [severities]",
        id="extra-severity",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = { S1 = "1h wall", s1 = "1h wall", S2 = "none" }\n',
        "first_response.Gold.s1",
        "'1h wall'",
        "again",
        id="duplicate-severity-in-row",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + 'gold = { S1 = "1h wall", S2 = "none" }\n',
        "first_response.gold",
        "'S1': '1h wall'",
        "names 'Gold' again",
        id="duplicate-plan",
    ),
    pytest.param(
        SEVERITIES + '[first_response]\nGold = "1h wall"\n',
        "first_response.Gold",
        "'1h wall'",
        "table of severities",
        id="row-not-a-table",
    ),
    pytest.param(
        '[first_response]\nGold = { S1 = "1h wall" }\n',
        "severities",
        "None",
        "non-empty table",
        id="no-severities",
    ),
    pytest.param(
        'severities = ["S1", "S2"]\n[first_response]\nGold = { S1 = "1h wall" }\n',
        "severities",
        "['S1', 'S2']",
        "non-empty table",
        id="severities-a-list",
    ),
    pytest.param(
        '[severities]\nS1 = 1\n[first_response]\nGold = { S1 = "1h wall" }\n',
        "severities.S1",
        "= 1:",
        "definition",
        id="definition-not-a-string",
    ),
    pytest.param(SEVERITIES, "first_response", "None", "non-empty table", id="no-table"),
    pytest.param(
        SEVERITIES + "[first_response]\n",
        "first_response",
        "{}",
        "non-empty table",
        id="empty-table",
    ),
    pytest.param(
        'effective_from = "2025-02-17"\n'
        + SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n',
        "effective_from",
        "'2025-02-17'",
        "TOML date",
        id="date-as-string",
    ),
    pytest.param(
        "effective_from = 2025-02-17T09:00:00\n"
        + SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n',
        "effective_from",
        "datetime.datetime(2025, 2, 17, 9, 0)",
        "TOML date",
        id="date-with-time",
    ),
    pytest.param(
        "name = 7\n" + SEVERITIES + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n',
        "name",
        "= 7:",
        "name",
        id="name-not-a-string",
    ),
    pytest.param(
        "effective_form = 2025-02-17\n"
        + SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n',
        "effective_form",
        "datetime.date(2025, 2, 17)",
        "unknown key",
        id="unknown-key",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + '[entitlements]\nGold = ["teleportation"]\n',
        "entitlements.Gold",
        "'teleportation'",
        "unknown service",
        id="unknown-service",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + '[entitlements]\nGold = "faq"\n',
        "entitlements.Gold",
        "'faq'",
        "list of service keys",
        id="entitlements-not-a-list",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + "Tin = { S1 = 'none', S2 = 'none' }\n"
        + '[entitlements]\nGold = ["faq"]\n',
        "entitlements",
        "{'Gold': ['faq']}",
        "plan 'Tin' is missing",
        id="entitlements-missing-plan",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + '[entitlements]\nGold = ["faq"]\nSilver = []\n',
        "entitlements.Silver",
        "[]",
        "not in [first_response]",
        id="entitlements-unknown-plan",
    ),
    pytest.param(
        SEVERITIES
        + '[first_response]\nGold = { S1 = "1h wall", S2 = "none" }\n'
        + "[services]\npager = 3\n",
        "services.pager",
        "= 3:",
        "label",
        id="service-label-not-a-string",
    ),
    pytest.param("[severities\n", "", "", "not valid TOML", id="not-toml"),
]


@pytest.mark.parametrize(("text", "key", "value", "problem"), MALFORMED)
def test_malformed_policy_is_refused_naming_file_key_and_value(
    tmp_path: Path, text: str, key: str, value: str, problem: str
) -> None:
    path = write(tmp_path, text, "broken.toml")
    with pytest.raises(PolicyError) as info:
        sla.load_policy(path)
    message = str(info.value)
    assert str(path) in message
    assert f"key {key!r}" in message or not key
    assert value in message
    assert problem in message
    assert isinstance(info.value, ValueError)


def test_policy_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Caf\u00e9"\n'.encode("latin-1"))
    with pytest.raises(PolicyError, match=re.escape("latin1.toml")):
        sla.load_policy(path)


def test_missing_policy_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        sla.load_policy(tmp_path / "absent.toml")


# -- policy books (SPEC 3.8) --------------------------------------------------------

BOOK = policy_text("acme-book.toml")
GOOD_POLICY = policy_text("acme-pager.toml")


def test_load_policy_book_picks_the_version_in_force(tmp_path: Path) -> None:
    book = sla.load_policy_book(write(tmp_path, BOOK))
    assert [v.name for v in book.versions] == ["Acme", "Acme, faster"]
    assert book.latest.name == "Acme, faster"
    assert book.in_force(date(2025, 12, 31)).target("gold", 1) == ResponseTarget("2h", "wall")
    assert book.in_force(date(2026, 1, 1)).target("gold", 1) == ResponseTarget("1h", "wall")
    # Before the first version: the earliest applies.
    assert book.in_force(date(1999, 1, 1)).name == "Acme"
    assert book.latest.target("gold", 1) == ResponseTarget("1h", "wall")
    assert book.in_force(date(2025, 6, 1)).target("gold", 1) == ResponseTarget("2h", "wall")
    assert book.in_force(datetime(2025, 6, 1, 12)).target("gold", 1) == ResponseTarget("2h", "wall")
    assert "Acme (effective 2025-01-01)" in repr(book)


def test_policy_book_refuses_duplicate_dates(tmp_path: Path) -> None:
    text = BOOK.replace("2026-01-01", "2025-01-01")
    path = write(tmp_path, text, "twice.toml")
    with pytest.raises(PolicyError) as info:
        sla.load_policy_book(path)
    message = str(info.value)
    assert str(path) in message
    assert "versions[1].effective_from" in message
    assert "2025, 1, 1" in message
    assert "same date" in message


def test_policy_book_version_needs_a_date(tmp_path: Path) -> None:
    text = BOOK.replace("effective_from = 2026-01-01\n", "")
    path = write(tmp_path, text, "undated.toml")
    with pytest.raises(PolicyError, match=r"versions\[1\]\.effective_from.*None"):
        sla.load_policy_book(path)


def test_policy_book_errors_name_the_version(tmp_path: Path) -> None:
    path = write(tmp_path, BOOK.replace('"15m wall"', '"15m sundial"'), "bad.toml")
    with pytest.raises(PolicyError, match=r"versions\[1\]\.first_response\.Platinum\.S1"):
        sla.load_policy_book(path)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("versions = []\n", "'versions' = []"),
        ("versions = 3\n", "'versions' = 3"),
        ('versions = ["x"]\n', "'versions[0]' = 'x'"),
        ("versions = []\ncolour = 'red'\n", "'colour' = 'red'"),
    ],
)
def test_malformed_policy_books(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, text, "book.toml")
    with pytest.raises(PolicyError) as info:
        sla.load_policy_book(path)
    assert fragment in str(info.value)
    assert str(path) in str(info.value)


def test_load_policy_refuses_a_book_and_book_accepts_one_dated_policy(tmp_path: Path) -> None:
    book_path = write(tmp_path, BOOK, "book.toml")
    with pytest.raises(PolicyError, match="load_policy_book"):
        sla.load_policy(book_path)
    single = sla.load_policy_book(write(tmp_path, GOOD_POLICY))
    assert len(single.versions) == 1
    assert single.latest.name == "Acme support"
    undated = GOOD_POLICY.replace("effective_from = 2024-01-01\n", "")
    with pytest.raises(PolicyError, match="effective_from"):
        sla.load_policy_book(write(tmp_path, undated, "undated.toml"))


# -- policy files, by name and by shape ----------------------------------------------------

GOOD = policy_text("acme-one-cell.toml")
ONE_VERSION_BOOK = policy_text("one-version-book.toml")


def test_policy_files_may_be_named_by_a_str(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_policy(str(path)).name == "Acme"
    assert load_policy_book(str(path)).latest.name == "Acme"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a\0b.toml", "policy file name 'a\\x00b.toml' contains a NUL character"),
        (3.5, "a policy file must be a path (a str or pathlib.Path), got 3.5 of type float"),
    ],
)
def test_a_policy_file_name_that_is_no_path_is_refused(path: Any, text: str) -> None:
    assert refusal(lambda: load_policy(path)) == text


class _PathLike:
    """An ``os.PathLike`` that is not a ``pathlib.Path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def test_policy_files_may_be_named_by_any_path_like(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_policy(_PathLike(path)).name == "Acme"  # type: ignore[arg-type]


def test_a_policy_file_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert refusal(lambda: load_policy(path)) == (
        f"policy file {str(path)!r} nests arrays or tables too deeply to read; a policy needs "
        "two levels ([first_response] rows of cells)"
    )


def test_load_policy_refuses_a_book_saying_what_to_use(tmp_path: Path) -> None:
    path = tmp_path / "book.toml"
    path.write_text(ONE_VERSION_BOOK, encoding="utf-8")
    assert refusal(lambda: load_policy(path)) == (
        f"policy file {str(path)!r}: key 'versions' = '[[versions]]': this file is a policy "
        "book of several versions; read it with load_policy_book"
    )


def test_a_single_policy_read_as_a_book_is_named_after_its_file_and_needs_a_date(
    tmp_path: Path,
) -> None:
    path = tmp_path / "acme-2025.toml"
    path.write_text(GOOD.replace('name = "Acme"\n', ""), encoding="utf-8")
    assert load_policy_book(path).latest.name == "acme-2025"
    path.write_text(GOOD.replace("effective_from = 2025-01-01\n", ""), encoding="utf-8")
    assert refusal(lambda: load_policy_book(path)) == (
        f"policy file {str(path)!r}: key 'effective_from' = None: each version of a policy "
        "book needs a date, e.g. effective_from = 2025-02-17"
    )


# -- crashes the fuzz tests found (tests/contract/test_fuzz.py) ----------------------------


def test_regression_load_policy_of_a_file_descriptor_or_none() -> None:
    # open(3) would read, then close, file descriptor 3.
    for value in (3, None, b"policy.toml", 2.5):
        expect(PolicyError, load_policy, value)
        expect(PolicyError, load_policy_book, value)


def test_regression_load_policy_with_a_nul_in_the_name() -> None:
    # ValueError: embedded null byte, from open().
    assert "NUL" in expect(PolicyError, load_policy, "a\x00b.toml")


def test_regression_policy_file_nested_beyond_the_recursion_limit(tmp_path: Path) -> None:
    # RecursionError from tomllib.
    path = tmp_path / "deep-regression.toml"
    path.write_text("x = " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    assert "too deeply" in expect(PolicyError, load_policy, path)
    assert "too deeply" in expect(PolicyError, load_policy_book, path)


def test_regression_error_message_of_a_deep_value_does_not_recurse(tmp_path: Path) -> None:
    # RecursionError from repr() of a value nested 10,000 deep, in the error message.
    path = tmp_path / "dotted-regression.toml"
    path.write_text(".".join(["a"] * 10_000) + " = 1\n", encoding="utf-8")
    message = expect(PolicyError, load_policy, path)
    assert len(message) < 1_000
    assert "key 'a'" in message


def test_regression_policy_with_20000_severities_is_read_in_linear_time(tmp_path: Path) -> None:
    # Duplicate names were found by comparing each with all before: 28 s for 20,000.
    path = tmp_path / "wide.toml"
    severities_table = "".join(f"S{i} = 'x'\n" for i in range(20_000))
    row = ", ".join(f"S{i} = 'none'" for i in range(20_000))
    path.write_text(f"[severities]\n{severities_table}[first_response]\nGold = {{ {row} }}\n")
    with counted_folds() as folds:
        outcome = call(load_policy, path)
    assert outcome.error is None
    assert len(outcome.value.severities) == 20_000
    # Linear, not quadratic: a few name foldings per name (20,000 squared would be 4e8).
    assert folds.count < 100 * 20_000


def test_regression_policy_with_50000_plans_and_entitlements_is_read_in_linear_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tall.toml"
    rows = "".join(f"Plan{i} = {{ S1 = 'none' }}\n" for i in range(50_000))
    entitled = "".join(f"Plan{i} = ['faq']\n" for i in range(50_000))
    path.write_text(f"[severities]\nS1 = 'x'\n[first_response]\n{rows}[entitlements]\n{entitled}")
    with counted_folds() as folds:
        outcome = call(load_policy, path)
    assert outcome.error is None
    policy = outcome.value
    assert len(policy.plans) == 50_000
    assert folds.count < 100 * 50_000
    message = expect(UnknownPlanError, policy.plan_key, "gold")
    assert "(50000 in all)" in message
