"""Municipal policy: JSON round trip, defaults from the domain, Dutch validation messages."""

import pytest

from vroegsignaal.matching.engine.policy import (
    Policy,
    PolicyError,
    RouteCondition,
    RoutingRule,
    Window,
    inherit,
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
         "In het venster Zorg is het minimum (100) groter dan het maximum (30)."),
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
    from vroegsignaal.matching.engine.policy import rule_from_dict

    with pytest.raises(PolicyError) as refused:
        rule_from_dict({"name": "Jongeren", "queue": "Jongeren", "term_days": 14})
    assert refused.value.messages == [
        "Werkbakjesregel 'Jongeren' is onvolledig: first_contact_channel ontbreekt."
    ]
