"""Names that print alike are one name: Unicode normalisation, invisible characters, look-alikes.

A report shows plan and severity names as text; two names that print the same
(Latin ``S1`` and Cyrillic ``Ѕ1``, ``Gold`` with a zero-width space) would
make two rows no reader can tell apart. A policy refuses them, naming both.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import connected_care_sla as sla
from connected_care_sla.exceptions import (
    DuplicateNameError,
    PolicyFieldError,
    UnknownPlanError,
)


def policy(severities: list[str], plans: tuple[str, ...] = ("Gold",)) -> dict[str, Any]:
    return {
        "severities": dict.fromkeys(severities, "Down."),
        "first_response": {plan: dict.fromkeys(severities, "1h wall") for plan in plans},
    }


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("S1", "\u04051"),  # Cyrillic DZE and a digit
        ("P1", "\u04201"),  # Cyrillic ER
        ("OK", "\u041e\u041a"),  # Cyrillic O and KA
        ("AB", "\u0391\u0392"),  # Greek ALPHA and BETA
    ],
    ids=["cyrillic-dze", "cyrillic-er", "cyrillic-o-ka", "greek-alpha-beta"],
)
def test_regression_latin_and_cyrillic_look_alikes_are_one_name(first: str, second: str) -> None:
    with pytest.raises(DuplicateNameError) as info:
        sla.Policy.from_mapping(policy([first, second]))
    error = info.value
    assert error.look_alike
    assert error.twin == first
    assert repr(first) in str(error)
    assert "looks the same as" in str(error)


def test_regression_full_width_names_are_the_same_name_after_normalisation() -> None:
    with pytest.raises(DuplicateNameError) as info:
        sla.Policy.from_mapping(policy(["S1", "S2"], plans=("Gold", "\uff27\uff4f\uff4c\uff44")))
    assert not info.value.look_alike
    assert "names 'Gold' again" in str(info.value)
    # And a full-width name finds its plain twin when asked.
    builtin = sla.connected_care_policy()
    assert builtin.severity_key("\uff33\uff11") == "S1"
    assert builtin.plan_key("\uff24\uff45\uff56\uff45\uff4c\uff4f\uff50\uff45\uff52") == "Developer"


@pytest.mark.parametrize(
    "name",
    ["Go\u200bld", "Gold\u202e", "S\u00001", "Go\u2028ld", "G\ufeffold"],
    ids=["zero-width-space", "bidi-override", "NUL", "line-separator", "BOM"],
)
def test_regression_invisible_characters_are_refused_naming_the_character(name: str) -> None:
    with pytest.raises(PolicyFieldError) as info:
        sla.Policy.from_mapping(policy(["S1"], plans=(name,)))
    text = str(info.value)
    assert "control or format characters" in text
    assert "U+" in text
    # Asking for such a name finds nothing, rather than the visible twin.
    with pytest.raises(UnknownPlanError):
        sla.connected_care_policy().plan_key("Deve\u200bloper")


@pytest.mark.parametrize(
    "name",
    ["G\u043eld", "\u039aey", "Pr\u0435mium"],
    ids=["latin-cyrillic-o", "greek-kappa-latin", "latin-cyrillic-ie"],
)
def test_regression_names_that_mix_scripts_are_refused(name: str) -> None:
    with pytest.raises(PolicyFieldError, match=r"mixes .* letters") as info:
        sla.Policy.from_mapping(policy(["S1"], plans=(name,)))
    assert info.value.value == name


def test_names_of_other_scripts_and_plain_ones_side_by_side_are_fine() -> None:
    # Chinese plan names beside Latin ones, digits and punctuation: all legitimate.
    built = sla.Policy.from_mapping(policy(["S1", "S2"], plans=("金牌", "Gold", "VIP-客户")))
    assert built.plans == ("金牌", "Gold", "VIP-客户")
    assert built.plan_key("vip_客户") == "VIP-客户"


def test_a_direct_constructor_call_keeps_the_same_rules() -> None:
    target = sla.ResponseTarget("1h", "wall")
    with pytest.raises(DuplicateNameError, match="names 'S1' twice"):
        sla.Policy(
            name="x",
            effective_from=None,
            plans=("Gold",),
            severities=("S1", "\u04051"),
            definitions=("a", "b"),
            response_table=((target, target),),
            entitlement_table=(frozenset(),),
            services=(),
        )


LETTERS = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=8
).filter(lambda text: text == text.strip())


@given(LETTERS)
def test_every_accepted_name_is_found_again_in_any_case_and_width(name: str) -> None:
    try:
        built = sla.Policy.from_mapping(policy(["S1"], plans=(name,)))
    except PolicyFieldError:
        return  # mixed scripts: refused, checked above
    key = built.plans[0]
    assert built.plan_key(name.casefold()) == key
    assert built.plan_key(unicodedata.normalize("NFKC", name)) == key
    upper = name.upper()
    if upper.casefold() == name.casefold():  # not so for every letter (dotless i)
        assert built.plan_key(upper) == key
