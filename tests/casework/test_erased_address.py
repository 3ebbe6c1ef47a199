"""A melding erased after the retention term keeps its PC4 and house number 0 instead of its
address. Where the address is a title or a list cell (the melding page, the search results, the
werkbakje) it reads "adres gewist na de bewaartermijn" with the postcode area, not
"Melding VS-5974: 0, 7625", which looks like an error in the data (QA13 N9)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.page_text import page_text
from vroegsignaal.casework.erasure import erase_melding
from vroegsignaal.ddas import Eindresultaat

ERASED = "adres gewist na de bewaartermijn, postcodegebied 7511"
CLOSED_ON = dt.date(2026, 11, 2)


@pytest.fixture
def erased(enschede):
    """A no-go melding, closed at the matching and erased after the term."""
    melding = MeldingFactory(
        municipality=enschede, go=False, state="closed", result=Eindresultaat.ANDERE_REDEN,
        closed_on=CLOSED_ON, first_closed_on=CLOSED_ON,
    )  # fmt: skip
    erase_melding(melding)
    melding.refresh_from_db()
    return melding


def test_the_page_of_an_erased_melding_is_titled_address_erased_not_house_number_0(
    client, caseworker, erased
):
    client.force_login(caseworker)

    text = page_text(client.get(reverse("casework:melding", args=[erased.pk])))

    assert f"Melding {erased.reference}: {ERASED}" in text
    assert ": 0, 7511" not in text


def test_the_search_lists_an_erased_melding_as_address_erased(client, caseworker, erased):
    client.force_login(caseworker)

    text = page_text(client.get(reverse("casework:search"), {"q": erased.reference}))

    assert ERASED in text
    assert "0, 7511" not in text


def test_an_address_that_is_not_erased_reads_as_before(enschede):
    melding = MeldingFactory(municipality=enschede, street="Lasondersingel", house_number=93)

    assert melding.address == "Lasondersingel 93, 7511AB Enschede"
    assert str(melding) == f"Melding {melding.reference} (7511AB 93)"


def test_an_erased_melding_names_itself_without_house_number_0(erased):
    assert str(erased) == f"Melding {erased.reference} ({ERASED})"
