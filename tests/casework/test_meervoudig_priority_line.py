"""The melding page explains why a meervoudige melding of one kind of signal partner scores no
points for it: the badge says "Meervoudig", but the engine scores extra partner types, not
extra signals (matching.engine.priority), and a caseworker took the score for wrong."""

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory, add_signal
from tests.factories import CreditorFactory
from tests.page_text import page_text
from vroegsignaal.ddas import Signaalpartner

LINE = (
    "Meervoudig: 2 signalen van één soort signaalpartner (Energie); punten krijgt een melding "
    "pas bij meer soorten signaalpartners."
)


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


def _meervoudig_with(enschede, creditor):
    melding = MeldingFactory(municipality=enschede, is_single=False, is_multiple=True)
    add_signal(melding, creditor)
    return melding


def test_a_meervoudige_melding_of_two_energy_companies_says_why_it_scores_no_points_for_it(
    logged_in, enschede
):
    other_energy = CreditorFactory(code="stroom-west", name="Stroom West")
    melding = _meervoudig_with(enschede, other_energy)

    text = page_text(logged_in.get(reverse("casework:melding", args=[melding.pk])))

    priority = text[text.index("Prioriteit") :]
    assert LINE in priority


def test_a_meervoudige_melding_of_two_partner_types_has_no_such_line(logged_in, enschede):
    landlord = CreditorFactory(code="woonwijk", name="Woonwijk", partner_type=Signaalpartner.HUUR)
    melding = _meervoudig_with(enschede, landlord)

    text = page_text(logged_in.get(reverse("casework:melding", args=[melding.pk])))

    assert "Meervoudig:" not in text and "één soort signaalpartner" not in text
