"""A municipality's uitvoeringsnormen (CaseworkPolicy) in the beheeromgeving: impossible terms
are refused with a Dutch message at the field, also by the database; every field says what it
does and its default."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import MunicipalityFactory
from tests.page_text import page_text
from tests.validation import validation_errors
from vroegsignaal.casework.models import CaseworkPolicy

pytestmark = pytest.mark.django_db

QA_NONSENSE = {
    "no_contact_after_attempts": 0,
    "first_action_days": 40,
    "first_action_limit_days": 10,
    "heropaf_months": 0,
}
MESSAGES = {
    "no_contact_after_attempts": "Vul minstens 1 poging in: geen contact wordt pas voorgesteld "
    "na een mislukte contactpoging.",
    "first_action_limit_days": "De termijn voor de eerste actie (40 dagen) ligt na de uiterste "
    "termijn (10 dagen); maak de uiterste termijn minstens even lang.",
    "heropaf_months": "De heropaf is minstens 1 maand na de terugkoppeling.",
}


@pytest.fixture
def tubbergen():
    return MunicipalityFactory(code="0183", name="Tubbergen")


def test_the_qa_nonsense_is_refused_at_each_field(tubbergen):
    errors = validation_errors(CaseworkPolicy(municipality=tubbergen, **QA_NONSENSE))
    assert errors == {field: [message] for field, message in MESSAGES.items()}


def test_a_first_action_term_of_zero_days_is_refused(tubbergen):
    errors = validation_errors(CaseworkPolicy(municipality=tubbergen, first_action_days=0))
    assert errors == {"first_action_days": ["De termijn voor de eerste actie is minstens 1 dag."]}


def test_the_usual_practice_and_equal_terms_are_valid(tubbergen):
    assert validation_errors(CaseworkPolicy(municipality=tubbergen)) == {}
    one_term = CaseworkPolicy(municipality=tubbergen, first_action_days=21,
                              first_action_limit_days=21, no_contact_after_attempts=1,
                              heropaf_months=1)  # fmt: skip
    assert validation_errors(one_term) == {}


@pytest.mark.parametrize(
    "values",
    [
        {"no_contact_after_attempts": 0},
        {"first_action_days": 0},
        {"first_action_days": 40, "first_action_limit_days": 10},
        {"heropaf_months": 0},
    ],
)
def test_the_database_refuses_impossible_terms(tubbergen, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseworkPolicy.objects.create(municipality=tubbergen, **values)


def test_the_qa_reproduction_in_the_beheeromgeving_gives_the_messages_and_saves_nothing(
    admin_client, tubbergen
):
    url = reverse("admin:casework_caseworkpolicy_add")
    data = form_data(admin_client, url, municipality=str(tubbergen.pk),
                     **{field: str(value) for field, value in QA_NONSENSE.items()})  # fmt: skip

    response = admin_client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    for message in MESSAGES.values():
        assert message in page
    assert not CaseworkPolicy.objects.exists()


def test_saving_says_uitvoeringsnorm_with_its_article(admin_client, tubbergen):
    url = reverse("admin:casework_caseworkpolicy_add")
    data = form_data(admin_client, url, municipality=str(tubbergen.pk), first_action_days="7")

    response = admin_client.post(url, data, follow=True)

    assert "De uitvoeringsnorm ‘Tubbergen (0183)’ is met succes toegevoegd." in page_text(response)
    assert CaseworkPolicy.objects.get().first_action_days == 7


def test_names_and_help_texts_say_what_each_field_does_and_its_default():
    meta = CaseworkPolicy._meta
    assert (meta.verbose_name, meta.verbose_name_plural) == ("uitvoeringsnorm", "uitvoeringsnormen")
    defaults = {
        "no_contact_after_attempts": "Standaard 3.",
        "first_action_days": "Standaard 14.",
        "first_action_limit_days": "Standaard 28.",
        "heropaf_months": "Standaard 6.",
    }
    for name, default in defaults.items():
        help_text = meta.get_field(name).help_text
        assert help_text.endswith(default) and len(help_text) > 60, name
