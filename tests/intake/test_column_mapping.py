"""A creditor's column mapping (own header -> column of the delivery format) is checked when the
administrator saves it, with Dutch messages, so a typo does not make every later delivery fail."""

import pytest
from tests.factories import DEMO_PASSWORD, CreditorFactory, UserFactory

from vroegsignaal.intake.columns import CANONICAL_COLUMNS, mapping_problems

CHANGE = "/admin/organisations/creditor/{}/change/"


def test_a_mapping_onto_known_columns_has_no_problems():
    assert (
        mapping_problems({"Debiteur": "klantnummer", "Bedrag achterstand": "bedrag_achterstand"})
        == []
    )


def test_a_target_column_is_compared_like_a_header():
    assert (
        mapping_problems(
            {"Openstaand": "Bedrag achterstand", "Einde": "datum voorgenomen beëindiging"}
        )
        == []
    )


def test_a_target_that_is_not_a_column_of_the_format_is_named_with_the_closest_column():
    assert mapping_problems({"Debiteur": "klantnumer"}) == [
        "'Debiteur' verwijst naar 'klantnumer', maar dat is geen kolom van het aanleverformaat. "
        "Bedoelt u 'klantnummer'?"
    ]


def test_a_target_without_any_close_column_lists_nothing_to_guess():
    (problem,) = mapping_problems({"Debiteur": "xyz"})
    assert (
        problem == "'Debiteur' verwijst naar 'xyz', maar dat is geen kolom van het aanleverformaat."
    )


def test_two_own_columns_onto_the_same_column_are_a_problem():
    assert mapping_problems({"Debiteur": "klantnummer", "Klantnr": "klantnummer"}) == [
        "'Debiteur' en 'Klantnr' verwijzen allebei naar 'klantnummer'; een kolom kan maar één "
        "eigen naam hebben."
    ]


def test_a_mapping_that_is_not_an_object_of_texts_is_a_problem():
    assert mapping_problems(["klantnummer"]) == [
        'Schrijf de kolomvertaling als {"eigen kolomnaam": "kolom van het aanleverformaat", …}.'
    ]
    assert mapping_problems({"Debiteur": 3}) == [
        "'Debiteur' verwijst naar 3; schrijf de kolom van het aanleverformaat tussen "
        'dubbele aanhalingstekens, bv. "klantnummer".'
    ]


@pytest.fixture
def admin_client(client):
    user = UserFactory(administrator=True, is_superuser=True)
    client.login(username=user.username, password=DEMO_PASSWORD)
    return client


def _save_mapping(admin_client, creditor, text: str):
    return admin_client.post(
        CHANGE.format(creditor.pk),
        {
            "code": creditor.code,
            "name": creditor.name,
            "partner_type": creditor.partner_type,
            "column_mapping": text,
            "agreements-TOTAL_FORMS": "0",
            "agreements-INITIAL_FORMS": "0",
        },
    )


@pytest.mark.django_db
def test_the_admin_help_text_example_is_valid_and_names_the_columns(admin_client):
    creditor = CreditorFactory()
    page = admin_client.get(CHANGE.format(creditor.pk)).content.decode()
    assert '{"Debiteur": "klantnummer"' in page
    assert ", ".join(CANONICAL_COLUMNS) in page

    response = _save_mapping(admin_client, creditor, '{"Debiteur": "klantnummer"}')

    assert response.status_code == 302
    creditor.refresh_from_db()
    assert creditor.column_mapping == {"Debiteur": "klantnummer"}


@pytest.mark.django_db
def test_the_admin_refuses_a_mapping_onto_an_unknown_column_in_dutch(admin_client):
    creditor = CreditorFactory()

    response = _save_mapping(admin_client, creditor, '{"Debiteur": "klantnumer"}')

    assert response.status_code == 200
    assert "Bedoelt u &#x27;klantnummer&#x27;?" in response.content.decode()
    creditor.refresh_from_db()
    assert creditor.column_mapping == {}


@pytest.mark.django_db
def test_the_admin_explains_single_quotes_instead_of_invalid_json(admin_client):
    creditor = CreditorFactory()

    response = _save_mapping(admin_client, creditor, "{'Debiteur': 'klantnummer'}")

    assert response.status_code == 200
    assert "dubbele aanhalingstekens" in response.content.decode()
