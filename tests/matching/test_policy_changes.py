"""What a new policy version changes, in words for the audit log: each setting with its old and
new value as the form shows it, each werkbakjes rule by its name."""

from vroegsignaal.demo.policy import TWENTE_POLICY
from vroegsignaal.matching.policy_changes import describe_changes

CRISIS = TWENTE_POLICY["routing_rules"][0]


def test_a_changed_rule_names_each_part_with_its_old_and_new_value():
    old = {"routing_rules": [CRISIS]}
    changed = CRISIS | {"term_days": 5, "condition": {"flags": ["crisis", "warme_overdracht"]}}

    assert describe_changes(old, {"routing_rules": [changed]}) == [
        "Regel 'Crisis', termijn (dagen): 3 → 5",
        "Regel 'Crisis', kenmerken: Crisissignaal → Crisissignaal, Warme overdracht",
    ]


def test_a_setting_left_to_the_region_again_is_empty_and_amounts_are_in_euros():
    old = {
        "minimum_amount_cents": 7500,
        "default_window": {"min_days": 30, "max_days": None},
        "windows": {"Zorg": {"min_days": 30, "max_days": 100}},
        "default_route": TWENTE_POLICY["default_route"],
    }
    new = {
        "minimum_amount_cents": None,
        "windows": {},
        "default_route": TWENTE_POLICY["default_route"] | {"term_days": 21},
    }

    assert describe_changes(old, new) == [
        "Minimumbedrag (€): 75,00 → geen",
        "Standaardvenster: vanaf 30 dagen → leeg",
        "Venster Zorg: 30-100 dagen → leeg",
        "Standaardwerkbakje, termijn (dagen): 28 → 21",
    ]


def test_own_rules_instead_of_the_regions_and_a_renamed_rule():
    """A rule is known by its name (unique in a policy): another name is another rule."""
    jongeren = TWENTE_POLICY["routing_rules"][4]
    renamed = jongeren | {"name": "Jongvolwassenen"}

    assert describe_changes({}, {"routing_rules": []}) == ["Eigen werkbakjesregels: nee → ja"]
    assert describe_changes({"routing_rules": [jongeren]}, {"routing_rules": [renamed]}) == [
        "Regel 1 'Jongeren' verwijderd",
        "Regel 'Jongvolwassenen' toegevoegd op plaats 1",
        "Regel 'Jongvolwassenen', werkbakje: Jongeren",
        "Regel 'Jongvolwassenen', eerste contactsoort: Telefoon",
        "Regel 'Jongvolwassenen', termijn (dagen): 14",
        "Regel 'Jongvolwassenen', leeftijd ten hoogste (jaren): 27",
    ]


def test_an_owners_first_version_lists_what_it_sets_without_old_values():
    assert describe_changes(None, {"minimum_signals_for_go": 2, "crisis_always_go": True}) == [
        "Minimum aantal signalen voor een go: 2",
        "Crisissignaal altijd een go: ja",
    ]
