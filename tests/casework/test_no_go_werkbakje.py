"""A no-go melding is routed by the matching like any melding (it has a werkbakje, used if a later
run makes it a go) but closed at once: no werkbakje holds it. The melding page, the search and
the worklist say so alike, instead of naming the werkbakje the routing rules gave it."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import UserFactory, enschede_with_energy_agreement
from tests.page_text import page_text
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.casework.worklist import WorklistFilters, queue_counts, worklist
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.reference_lists import import_known_clients, import_population_register
from vroegsignaal.matching.services import match_period

NO_WERKBAKJE = "Geen (niet opgepakt volgens het beleid)"
CLOSED_ON = dt.date(2026, 11, 2)


@pytest.fixture
def crisis(enschede):
    return QueueFactory(municipality=enschede, name="Crisis")


@pytest.fixture
def no_go(enschede, crisis):
    """A no-go as the matching leaves it: routed to Crisis, closed on the matching day."""
    return MeldingFactory(
        municipality=enschede, go=False, queue=crisis, state="closed",
        result=Eindresultaat.ANDERE_REDEN, closed_on=CLOSED_ON, first_closed_on=CLOSED_ON,
    )  # fmt: skip


def test_the_page_of_a_no_go_melding_says_no_werkbakje_holds_it(client, caseworker, no_go):
    client.force_login(caseworker)

    text = page_text(client.get(reverse("casework:melding", args=[no_go.pk])))

    assert f"Werkbakje{NO_WERKBAKJE}" in text.replace("\n", "")
    assert "WerkbakjeCrisis" not in text.replace("\n", "")


def test_the_search_shows_a_no_go_melding_in_no_werkbakje(client, caseworker, no_go):
    client.force_login(caseworker)

    text = page_text(client.get(reverse("casework:search"), {"q": no_go.reference}))

    assert NO_WERKBAKJE in text
    assert "Crisis" not in text


def test_the_worklist_neither_lists_nor_counts_a_no_go_melding(caseworker, no_go, crisis):
    assert no_go not in worklist(caseworker, WorklistFilters(), CLOSED_ON)
    assert no_go not in worklist(caseworker, WorklistFilters(queue=str(crisis.pk)), CLOSED_ON)
    assert crisis.name not in [count.name for count in queue_counts(caseworker, CLOSED_ON)]


def test_a_go_melding_closed_by_a_caseworker_still_names_its_werkbakje(client, helped, caseworker):
    close_with_result(helped, caseworker, helped.version, Eindresultaat.REGELT_ZELF)
    client.force_login(caseworker)

    text = page_text(client.get(reverse("casework:melding", args=[helped.pk])))

    assert f"Werkbakje{helped.queue.name}" in text.replace("\n", "")
    assert NO_WERKBAKJE not in text


def _her_signal() -> dict:
    return {
        "klantnummer": "EO-2210", "signaaldatum": "2026-10-02", "achternaam": "Kok",
        "voorletters": "M.", "geboortedatum": "1975-06-30", "huisnummer": "8",
        "postcode": "7511AB", "bedrag_achterstand": "250,00", "datum_ontstaan": "2026-08-01",
    }  # fmt: skip


def _page_after_matching(client, load_lists) -> str:
    municipality, energy = enschede_with_energy_agreement()
    load_lists(municipality)
    ingest_records(energy, [_her_signal()], today=CLOSED_ON)
    match_period(municipality, "2026-10", today=CLOSED_ON)
    client.force_login(UserFactory(caseworker=True, municipality=municipality))
    melding = Melding.objects.get()
    return page_text(client.get(reverse("casework:melding", args=[melding.pk]))).replace("\n", "")


def test_a_no_go_for_a_resident_known_to_debt_help_names_the_client_list_not_the_policy(client, db):
    """QA7 L2: the policy did not turn her down; the municipality's client list did."""
    text = _page_after_matching(
        client,
        lambda municipality: import_known_clients(
            municipality, "achternaam;geboortedatum;postcode;huisnummer\nKok;1975-06-30;7511AB;8\n"
        ),
    )

    assert (
        "WerkbakjeGeen (niet opgepakt: inwoner al bekend volgens de klantenlijst "
        "schuldhulpverlening van de gemeente)"
    ) in text
    assert "volgens het beleid" not in text


def test_a_no_go_for_a_person_the_brp_does_not_have_names_the_brp(client, db):
    text = _page_after_matching(
        client,
        lambda municipality: import_population_register(
            municipality,
            "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer\n"
            ";P;;Anders;1970-01-01;7512CD;1\n",
        ),
    )

    assert "WerkbakjeGeen (niet opgepakt: persoon is geen inwoner (meer) volgens de BRP)" in text
