"""Whom a melding can go to: each colleague is named with the team (or the meldpunt), so the
meldpunt need not know by heart who works in Team Zuid when a crisis melding in 7546 comes in."""

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from vroegsignaal.organisations.models import Team

pytestmark = pytest.mark.django_db


def test_the_assign_choices_name_each_colleagues_team_or_the_meldpunt(client):
    intake = UserFactory(intake=True, first_name="Fatma", last_name="Yilmaz")
    south = Team.objects.create(municipality=intake.municipality, name="Team Zuid")
    UserFactory(caseworker=True, municipality=intake.municipality, team=south,
                first_name="Joost", last_name="Oude Egbrink")  # fmt: skip
    UserFactory(caseworker=True, municipality=intake.municipality,
                first_name="Anouk", last_name="ter Horst")  # fmt: skip
    melding = MeldingFactory(municipality=intake.municipality)
    client.force_login(intake)

    for url in (reverse("casework:melding", args=[melding.pk]), reverse("casework:worklist")):
        page = client.get(url).content.decode()
        assert "Joost Oude Egbrink (Team Zuid)" in page, url
        assert "Anouk ter Horst (uitvoerder)" in page, url
        assert "Fatma Yilmaz (meldpunt" in page, url
