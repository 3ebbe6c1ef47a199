"""Municipal policy: JSON round trip, defaults from the domain, Dutch validation messages."""

import pytest

from vroegsignaal.matching.engine import policy as bounds
from vroegsignaal.matching.engine.policy import (
    Policy,
    PolicyError,
    RouteCondition,
    RoutingRule,
    Window,
    duplicate_rule_names,
    inherit,
    rule_from_dict,
)


def test_policy_defaults_follow_the_domain():
    policy = Policy()
    assert policy.minimum_amount_cents is None
    assert policy.window_for("Zorg") == Window(30, 100)
    assert policy.window_for("Energie") == Window(30, None)
    assert policy.exclude_business_contracts and policy.minimum_signals_for_go == 1
    assert policy.repeat_months == 3


def test_policy_round_trips_through_json():
    policy = Policy(
        minimum_amount_cents=7_500,
        windows=(("Energie", Window(60, None)), ("Zorg", Window(30, 90))),
        routing_rules=(
            RoutingRule("Jong", "Jongeren", "SMS/Whatsapp", 14,
                        RouteCondition(max_age=27, flags=("meervoudig",))),
        ),
    )  # fmt: skip
    assert Policy.from_json(policy.to_json()) == policy


def test_municipality_inherits_region_policy_and_overrides_per_setting():
    policy = inherit({"minimum_amount_cents": 7_500, "repeat_months": 6}, {"repeat_months": 2})
    assert (policy.minimum_amount_cents, policy.repeat_months) == (7_500, 2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"minimum_signals_for_go": 0}, "Het minimum aantal signalen voor een go is ten minste 1."),
        ({"windows": {"Zorg": {"min_days": 100, "max_days": 30}}},
         "In het venster Zorg is 'vanaf' (100 dagen) groter dan 'tot en met' (30 dagen)."),
        ({"windows": {"Gas": {"min_days": 30}}}, "Venster voor onbekende signaalpartner 'Gas'."),
        ({"routing_rules": [{"name": "X", "queue": "Q", "first_contact_channel": "Fax",
                             "term_days": 14}]}, "Onbekende contactsoort 'Fax'"),
        ({"routing_rules": [{"name": "X", "queue": "Q", "first_contact_channel": "Brief",
                             "term_days": 14, "condition": {"flags": ["urgent"]}}]},
         "Onbekende vlag 'urgent' in werkbakjesregel 'X'."),
        ({"weights": {"crisis": -5}}, "Weging 'Crisissignaal' mag niet negatief zijn."),
        ({"kleur": "rood"}, "Onbekend veld 'kleur' in beleid."),
        ({"minimum_amount_cents": "veel"}, "verkeerde soort"),
        ({"crisis_always_go": "ja"},
         "De instelling 'crisis_always_go' moet true of false zijn, niet 'ja'."),
    ],
)  # fmt: skip
def test_invalid_policy_is_refused_with_a_dutch_message(data, message):
    with pytest.raises(PolicyError) as caught:
        Policy.from_dict(data)
    assert any(message in m for m in caught.value.messages)


def test_invalid_json_is_refused_with_a_dutch_message():
    with pytest.raises(PolicyError, match="geen geldige JSON"):
        Policy.from_json("{")


def test_an_incomplete_rule_in_a_policy_document_names_what_is_missing():
    with pytest.raises(PolicyError) as refused:
        rule_from_dict({"name": "Jongeren", "queue": "Jongeren", "term_days": 14})
    assert refused.value.messages == [
        "Werkbakjesregel 'Jongeren' is onvolledig: first_contact_channel ontbreekt."
    ]


RULE = {"name": "Wijk", "queue": "Wijk", "first_contact_channel": "Brief", "term_days": 14}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"weights": {"crisis": 99999999999999999999}},
         "Weging 'Crisissignaal' mag hoogstens 1.000 zijn."),
        ({"minimum_amount_cents": 9999999999999999999900},
         "Het minimumbedrag mag hoogstens € 1.000.000,00 zijn."),
        ({"minimum_signals_for_go": 101},
         "Het minimum aantal signalen voor een go is hoogstens 100."),
        ({"repeat_months": 61},
         "De termijn voor een herhaalde melding (maanden) mag hoogstens 60 zijn."),
        ({"default_window": {"min_days": 30, "max_days": 3651}},
         "In het standaardvenster mag 'tot en met' hoogstens 3.650 dagen zijn."),
        ({"windows": {"Zorg": {"min_days": 10**20, "max_days": None}}},
         "In het venster Zorg mag 'vanaf' hoogstens 3.650 dagen zijn."),
        ({"routing_rules": [RULE | {"term_days": 366}]},
         "De termijn in werkbakjesregel 'Wijk' is hoogstens 365 dagen."),
        ({"routing_rules": [RULE | {"condition": {"min_amount_cents": 100_000_001}}]},
         "Het minimumbedrag in werkbakjesregel 'Wijk' mag hoogstens € 1.000.000,00 zijn."),
        ({"routing_rules": [RULE | {"condition": {"max_age": 121}}]},
         "De maximumleeftijd in werkbakjesregel 'Wijk' mag hoogstens 120 jaar zijn."),
        ({"default_route": RULE | {"term_days": 10**20}},
         "De termijn in werkbakjesregel 'Wijk' is hoogstens 365 dagen."),
    ],
)  # fmt: skip
def test_a_number_above_its_upper_bound_is_refused_naming_the_setting(data, message):
    with pytest.raises(PolicyError) as caught:
        Policy.from_dict(data)
    assert caught.value.messages == [message]


def test_every_number_at_its_upper_bound_is_a_valid_policy():
    Policy.from_dict({
        "minimum_amount_cents": bounds.MAX_AMOUNT_CENTS,
        "minimum_signals_for_go": bounds.MAX_SIGNALS_FOR_GO,
        "repeat_months": bounds.MAX_REPEAT_MONTHS,
        "default_window": {"min_days": bounds.MAX_WINDOW_DAYS, "max_days": bounds.MAX_WINDOW_DAYS},
        "weights": dict.fromkeys(vars(Policy().weights), bounds.MAX_WEIGHT),
        "routing_rules": [RULE | {"term_days": bounds.MAX_TERM_DAYS, "condition": {
            "min_amount_cents": bounds.MAX_AMOUNT_CENTS, "max_age": bounds.MAX_AGE}}],
    })  # fmt: skip


def test_a_repeated_rule_name_is_named_once_per_repeat_at_the_later_rule():
    rules = [rule_from_dict(RULE | {"name": name}) for name in ("A", "B", "A", "A")]
    assert duplicate_rule_names(rules) == [
        (2, "Werkbakjesregel 'A' komt meer dan eens voor."),
        (3, "Werkbakjesregel 'A' komt meer dan eens voor."),
    ]
