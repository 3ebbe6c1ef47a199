"""A creditor with a column mapping reads it where it prepares a delivery: the upload page and
the format page say which of its own column names stands for which column of the format (QA14
B9). Messages about its rows already use its own names; a new colleague could not check them.
Only the creditor's own mapping is shown, never another partner's."""

import pytest
from django.urls import reverse
from tests.factories import CreditorFactory, UserFactory
from tests.page_text import page_text

from vroegsignaal.intake.columns import own_column_names

PAGES = ("intake:upload", "intake:format")


@pytest.fixture
def housing(db):
    return CreditorFactory(
        code="woonbedrijf-deventer",
        name="Woonbedrijf Deventer",
        column_mapping={"Debiteur": "klantnummer"},
    )


@pytest.fixture
def other_partner(db):
    return CreditorFactory(
        code="zorgzeker",
        name="ZorgZeker Verzekeringen",
        column_mapping={"Polisnummer": "klantnummer", "Saldo open": "bedrag_achterstand"},
    )


def _words(client, creditor, page: str) -> str:
    client.force_login(UserFactory(creditor_staff=True, creditor=creditor))
    response = client.get(reverse(page))
    assert response.status_code == 200
    return " ".join(page_text(response).split())


@pytest.mark.parametrize("page", PAGES)
def test_the_page_names_the_creditors_own_column_for_a_column_of_the_format(client, housing, page):
    assert "Voor Woonbedrijf Deventer geldt: uw kolom 'Debiteur' = klantnummer." in _words(
        client, housing, page
    )


@pytest.mark.parametrize("page", PAGES)
def test_another_partners_mapping_never_shows(client, housing, other_partner, page):
    words = _words(client, housing, page)

    for value in ("Polisnummer", "Saldo open", "ZorgZeker"):
        assert value not in words, value


@pytest.mark.parametrize("page", PAGES)
def test_several_own_columns_are_listed_in_the_formats_column_order(client, other_partner, page):
    words = _words(client, other_partner, page)

    assert (
        "Voor ZorgZeker Verzekeringen geldt: uw kolom 'Polisnummer' = klantnummer "
        "uw kolom 'Saldo open' = bedrag_achterstand" in words
    )


@pytest.mark.parametrize("page", PAGES)
def test_a_creditor_without_a_mapping_is_told_nothing_of_one(client, db, page):
    creditor = CreditorFactory(column_mapping={})

    assert "geldt: uw kolom" not in _words(client, creditor, page)


def test_a_target_is_named_as_the_format_names_it_and_an_unknown_one_as_written():
    """The beheeromgeving compares targets like headers ('Bedrag achterstand'); a mapping
    saved before that check may point nowhere, and the page must not pretend it does."""
    assert own_column_names(
        {"Achterstand sinds": "Datum ontstaan", "Debiteur": "klantnummer", "Oud": "klantnr"}
    ) == [
        ("Debiteur", "klantnummer"),
        ("Achterstand sinds", "datum_ontstaan"),
        ("Oud", None),
    ]
