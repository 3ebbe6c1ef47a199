"""A no-go melding is routed by the matching like any melding (it has a werkbakje, used if a later
run makes it a go) but closed at once: no werkbakje holds it. The melding page, the search and
the worklist say so alike, instead of naming the werkbakje the routing rules gave it."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory, QueueFactory
from tests.page_text import page_text
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.casework.worklist import WorklistFilters, queue_counts, worklist
from vroegsignaal.ddas import Eindresultaat

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
