"""Rule: a casework form never answers 'Dit veld is vereist.': every required field that is left
empty gets a Dutch message that names it (built from its label, or in its own words)."""

import pytest
from django.urls import reverse

from vroegsignaal.casework.forms import (
    AssignForm,
    BudgetLineForm,
    ContactAttemptForm,
    ConversationForm,
    PlanForm,
    ReferralForm,
    ResultForm,
)
from vroegsignaal.organisations.models import User

FORMS = {
    "contactpoging": lambda: ContactAttemptForm({}),
    "gesprek": lambda: ConversationForm({}),
    "budgetscan": lambda: BudgetLineForm({}),
    "plan": lambda: PlanForm({}, creditors=[]),
    "verwijzing": lambda: ReferralForm({}),
    "afsluiten": lambda: ResultForm({}),
    "toewijzen": lambda: AssignForm({}, colleagues=User.objects.none(), me=User()),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORMS)
def test_every_required_field_left_empty_gets_a_message_naming_it(name):
    """Each message starts with the field's name, '<Veldnaam>: ...', as on every other page:
    'Kies of hulp is aangeboden.' left the reader to find which of two alike questions it was."""
    form = FORMS[name]()

    assert not form.is_valid()
    for field_name, errors in form.errors.items():
        field = form.fields.get(field_name)
        if field is None or field.widget.is_hidden:
            continue
        name_of_field = str(field.label).rstrip("?").split(" (")[0]
        for error in errors:
            assert error.startswith(f"{name_of_field}: "), (field_name, error)


@pytest.mark.django_db
def test_yes_no_questions_and_dates_are_named_like_every_other_field():
    errors = {
        **ContactAttemptForm({}).errors,
        **ConversationForm({}).errors,
        **ReferralForm({}).errors,
    }

    assert errors["attempted_on"] == ["Datum: vul de datum van de contactpoging in."]
    assert errors["reached"] == ["Inwoner bereikt: kies Ja of Nee."]
    assert errors["help_offered"] == ["Hulp aangeboden: kies Ja, Nee of Later."]
    assert errors["help_accepted"] == ["Hulp geaccepteerd: kies Ja, Nee of Later."]
    assert errors["handover_on"] == ["Datum warme overdracht: vul de datum van de overdracht in."]
    assert errors["moment"] == ["Tijd: vul de tijd van de contactpoging in, of kies het dagdeel."]
    assert errors["part_of_day"] == [
        "Dagdeel: kies het dagdeel van de contactpoging, of vul de tijd in."
    ]


@pytest.mark.django_db
def test_choices_are_named_when_there_are_few_and_a_list_otherwise():
    plan = PlanForm({}, creditors=[])
    conversation = ConversationForm({})
    budget = BudgetLineForm({})

    plan.is_valid()
    assert plan.errors["room_to_pay_off"] == [
        "Ruimte om de achterstand af te lossen: kies Ja, Nee of Onbekend."
    ]
    assert plan.errors["problematic_debts"] == [
        "Problematische schulden: kies Ja, Nee of Onbekend."
    ]
    assert conversation.errors["cause"] == [
        "Globale oorzaak van de achterstand: kies er een uit de lijst."
    ]
    assert conversation.errors["held_on"] == ["Datum gesprek: vul de datum in."]
    assert budget.errors["description"] == ["Omschrijving: vul dit veld in."]
    assert budget.errors["monthly_cents"] == ["Bedrag per maand: vul een bedrag in."]


def test_the_empty_gesprek_page_names_each_field(client, caseworker, assigned):
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:conversation", args=[assigned.pk]), {"version": assigned.version}
    )

    html = response.content.decode()
    assert "Dit veld is vereist." not in html
    assert "Hulp aangeboden: kies Ja, Nee of Later." in html
    assert "Hulp geaccepteerd: kies Ja, Nee of Later." in html
    assert "Globale oorzaak van de achterstand: kies er een uit de lijst." in html
