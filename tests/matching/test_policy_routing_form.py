"""The werkbakjes rules in the policy form: one row per rule, in order, instead of JSON."""

import pytest
from tests.factories import MunicipalityFactory

from vroegsignaal.demo.policy import TWENTE_POLICY
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.matching.policy_form import PolicyVersionForm
from vroegsignaal.matching.routing_form import RULES_PREFIX

pytestmark = pytest.mark.django_db

CRISIS = {
    "name": "Crisis",
    "queue": "Crisis",
    "first_contact_channel": "Huisbezoek",
    "term_days": "3",
    "flags": ["crisis"],
}
YOUNG = {
    "name": "Jongeren",
    "queue": "Jongeren",
    "first_contact_channel": "Telefoon",
    "term_days": "14",
    "max_age": "27",
}
DISTRICT = {
    "name": "Wijk Centrum",
    "queue": "Wijkteam",
    "first_contact_channel": "Huisbezoek",
    "term_days": "10",
    "flags": ["opeenvolgend", "meervoudig"],
    "min_amount": "€ 1.250,50",
    "partner_types": ["Huur", "Energie"],
    "postcode_prefixes": "7511, 7512 ab;7513",
}
EMPTY_CONDITION = {
    "flags": [],
    "min_amount_cents": None,
    "partner_types": [],
    "max_age": None,
    "postcode_prefixes": [],
}


def rules_data(*rows: dict, initial: int = 0, extra: int = 3) -> dict:
    """The formset's part of a POST: the management form and a row per rule (then empty rows)."""
    data = {
        f"{RULES_PREFIX}-TOTAL_FORMS": str(len(rows) + extra),
        f"{RULES_PREFIX}-INITIAL_FORMS": str(initial),
        f"{RULES_PREFIX}-MIN_NUM_FORMS": "0",
        f"{RULES_PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {f"{RULES_PREFIX}-{index}-{name}": value for name, value in row.items()}
    return data


def submitted(owner: dict, *rows: dict, initial: int = 0, **fields) -> PolicyVersionForm:
    """The form as posted for `owner` with these rows (the first `initial` shown for stored rules)."""
    data = {"municipality": "", "region": ""} | owner | rules_data(*rows, initial=initial)
    form = PolicyVersionForm(data | fields)
    form.is_valid()
    return form


@pytest.fixture
def enschede():
    return MunicipalityFactory()


def own(municipality) -> dict:
    return {"municipality": str(municipality.pk)}


def rule_names(form) -> list[str]:
    assert form.is_valid(), form.errors
    return [rule["name"] for rule in form.cleaned_data["document"]["routing_rules"]]


def test_rules_are_stored_in_their_order_with_every_part_of_the_condition(enschede):
    form = submitted(own(enschede), CRISIS, DISTRICT)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["document"] == {
        "routing_rules": [
            {
                "name": "Crisis",
                "queue": "Crisis",
                "first_contact_channel": "Huisbezoek",
                "term_days": 3,
                "condition": EMPTY_CONDITION | {"flags": ["crisis"]},
            },
            {
                "name": "Wijk Centrum",
                "queue": "Wijkteam",
                "first_contact_channel": "Huisbezoek",
                "term_days": 10,
                "condition": {
                    "flags": ["meervoudig", "opeenvolgend"],  # the order of the checkboxes
                    "min_amount_cents": 125050,
                    "partner_types": ["Energie", "Huur"],
                    "max_age": None,
                    "postcode_prefixes": ["7511", "7512AB", "7513"],
                },
            },
        ]
    }


def test_volgorde_reorders_the_rules_and_an_unnumbered_new_rule_comes_last(enschede):
    form = submitted(
        own(enschede),
        CRISIS | {"ORDER": "2"},
        YOUNG | {"ORDER": "1"},
        DISTRICT,
    )
    assert rule_names(form) == ["Jongeren", "Crisis", "Wijk Centrum"]


def test_volgorde_0_puts_a_new_rule_before_the_first(enschede):
    form = submitted(own(enschede), CRISIS | {"ORDER": "1"}, YOUNG | {"ORDER": "0"})
    assert rule_names(form) == ["Jongeren", "Crisis"]


def test_verwijderen_drops_a_rule_even_when_it_no_longer_validates(enschede):
    form = submitted(own(enschede), CRISIS | {"term_days": "", "DELETE": "on"}, YOUNG, initial=2)
    assert rule_names(form) == ["Jongeren"]


def test_a_new_row_cannot_be_deleted_it_is_left_empty(enschede):
    form = submitted(own(enschede), CRISIS, initial=1)
    assert [f.fields.keys() >= {"DELETE"} for f in form.routing.forms] == [
        True,
        False,
        False,
        False,
    ]


def test_a_municipality_without_own_rules_inherits_those_of_the_region(enschede):
    form = submitted(own(enschede), minimum_signals_for_go="1")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["document"] == {"minimum_signals_for_go": 1}


def test_eigen_werkbakjesregels_without_rules_is_an_empty_list(enschede):
    form = submitted(own(enschede), routing_own="on")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["document"] == {"routing_rules": []}


def test_a_rule_filled_in_is_own_rules_also_without_the_checkbox(enschede):
    assert rule_names(submitted(own(enschede), YOUNG)) == ["Jongeren"]


def test_the_checkbox_says_what_is_inherited_now(enschede):
    save_policy(TWENTE_POLICY, region=enschede.region)
    form = PolicyVersionForm(initial=own(enschede))
    assert form.fields["routing_own"].help_text.endswith(
        "Overnemen: de regio Twente, nu Crisis, Meervoudig, Opeenvolgend, Hoog bedrag, Jongeren."
    )


def rule_errors(form, number: int) -> dict:
    return form.routing.forms[number - 1].errors


def test_a_bad_rule_gives_the_engines_message_naming_the_rule(enschede):
    form = submitted(own(enschede), CRISIS, YOUNG | {"term_days": "0"})

    assert not form.is_valid()
    message = "De termijn in werkbakjesregel 'Jongeren' is ten minste 1 dag."
    assert rule_errors(form, 2) == {"term_days": [message]}
    assert rule_errors(form, 1) == {}
    assert f"Regel 2, termijn (dagen): {message}" in form.non_field_errors()


def test_every_problem_of_a_rule_shows_in_one_round(enschede):
    """A bad amount and a term of 0: both at once, not the term only after the amount is
    fixed."""
    form = submitted(own(enschede), CRISIS, YOUNG | {"term_days": "0", "min_amount": "abc"})

    errors = rule_errors(form, 2)
    assert "min_amount" in errors
    assert errors["term_days"] == ["De termijn in werkbakjesregel 'Jongeren' is ten minste 1 dag."]


def test_the_engines_problems_of_a_rule_show_with_the_fields_own_in_one_round(enschede):
    """A term of -1 was reported only after the empty werkbakje and the unknown contact kind of
    the same rule were fixed: the engine's check waited for the rule's main fields."""
    row = CRISIS | {
        "queue": "",
        "first_contact_channel": "Duif",
        "term_days": "-1",
        "max_age": "-1",
    }
    form = submitted(own(enschede), row)

    errors = rule_errors(form, 1)
    assert errors["queue"] == ["Dit veld is vereist."]
    assert "Duif is geen beschikbare" in errors["first_contact_channel"][0]
    assert errors["term_days"] == ["De termijn in werkbakjesregel 'Crisis' is ten minste 1 dag."]
    assert errors["max_age"] == [
        "De maximumleeftijd in werkbakjesregel 'Crisis' mag niet negatief zijn."
    ]


def test_a_rule_without_a_name_is_named_by_its_row_in_the_engines_messages(enschede):
    form = submitted(own(enschede), CRISIS, YOUNG | {"name": "", "term_days": "0"})

    assert rule_errors(form, 2) == {
        "name": ["Dit veld is vereist."],
        "term_days": ["De termijn in werkbakjesregel 'Regel 2' is ten minste 1 dag."],
    }


def test_a_half_filled_row_says_which_field_is_missing(enschede):
    form = submitted(own(enschede), CRISIS, {"name": "Nieuw", "term_days": "5"})

    assert rule_errors(form, 2) == {
        "queue": ["Dit veld is vereist."],
        "first_contact_channel": ["Dit veld is vereist."],
    }
    assert "Regel 2, werkbakje: Dit veld is vereist." in form.non_field_errors()


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"min_amount": "12.5"}, "min_amount", "met een komma voor de centen"),
        ({"postcode_prefixes": "Enschede"}, "postcode_prefixes", "'Enschede' is geen begin"),
        ({"first_contact_channel": "Duif"}, "first_contact_channel", "Duif is geen beschikbare"),
        ({"flags": ["rood"]}, "flags", "rood is geen beschikbare keuze"),
        ({"term_days": "drie"}, "term_days", "Voer een geheel getal in."),
        (
            {"min_amount": "-5,00"},
            "min_amount",
            "Het minimumbedrag in werkbakjesregel 'Crisis' mag niet negatief zijn.",
        ),
        (
            {"max_age": "-1"},
            "max_age",
            "De maximumleeftijd in werkbakjesregel 'Crisis' mag niet negatief zijn.",
        ),
    ],
)
def test_bad_input_in_a_rule_is_refused_at_its_field(enschede, row, field, message):
    form = submitted(own(enschede), CRISIS | row)
    assert not form.is_valid()
    assert message in " ".join(rule_errors(form, 1)[field])


def test_two_rules_with_one_name_are_refused_at_the_later_rules_name(enschede):
    form = submitted(own(enschede), CRISIS, YOUNG | {"name": "Crisis"})
    assert not form.is_valid()
    message = "Werkbakjesregel 'Crisis' komt meer dan eens voor."
    assert rule_errors(form, 2) == {"name": [message]}
    assert rule_errors(form, 1) == {}
    assert form.non_field_errors() == [f"Regel 2, naam: {message}"]


def test_a_repeated_name_is_at_the_rule_that_comes_later_in_the_new_order(enschede):
    """Volgorde puts rule 2 first: the rule on row 1 is then the one that repeats the name."""
    form = submitted(own(enschede), CRISIS, YOUNG | {"name": "Crisis", "ORDER": "0"})
    assert rule_errors(form, 1) == {"name": ["Werkbakjesregel 'Crisis' komt meer dan eens voor."]}


def test_geen_as_minimum_amount_means_no_minimum(enschede):
    form = submitted(own(enschede), CRISIS | {"min_amount": "geen"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["document"]["routing_rules"][0]["condition"] == EMPTY_CONDITION | {
        "flags": ["crisis"]
    }


def test_a_version_shows_its_rules_in_the_rows(enschede):
    version = save_policy(TWENTE_POLICY, region=enschede.region)
    form = PolicyVersionForm(instance=version)

    rows = [rule.initial for rule in form.routing.forms]
    assert len(rows) == len(TWENTE_POLICY["routing_rules"]) + 3  # then empty rows for new rules
    assert rows[0] == {
        "name": "Crisis",
        "queue": "Crisis",
        "first_contact_channel": "Huisbezoek",
        "term_days": 3,
        "flags": ["crisis"],
        "min_amount": "",
        "partner_types": [],
        "max_age": None,
        "postcode_prefixes": "",
    }
    assert (rows[3]["name"], rows[3]["min_amount"]) == ("Hoog bedrag", "1.000,00")
    assert form["routing_own"].value() is True


def test_rules_submitted_unchanged_come_back_equal(enschede):
    rules = [
        {
            "name": "Wijk",
            "queue": "Wijkteam",
            "first_contact_channel": "Afspraak op locatie",
            "term_days": 21,
            "condition": {
                "flags": ["enkelvoudig", "warme_overdracht"],
                "min_amount_cents": 7550,
                "partner_types": ["CAK Eigen bijdrage", "Zorg"],
                "max_age": 0,
                "postcode_prefixes": ["7511AB", "75"],
            },
        }
    ]
    version = save_policy({"routing_rules": rules}, municipality=enschede)
    shown = PolicyVersionForm(instance=version)
    data = {"municipality": str(enschede.pk), "region": ""} | rules_data(
        *[_as_posted(rule) for rule in shown.routing.forms[:1]], initial=1
    )
    data |= {"routing_own": "on"}

    form = PolicyVersionForm(data, instance=version)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["document"] == {"routing_rules": rules}


def _as_posted(rule_form) -> dict:
    """A row as the browser sends it: every field's shown value, lists for the checkboxes."""
    return {
        name: ("" if rule_form[name].value() is None else rule_form[name].value())
        for name in rule_form.fields
        if name != "DELETE"
    }
