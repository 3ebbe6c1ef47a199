"""QA12 B7: when the administrator moves a caseworker to another team (or municipality, or
deactivates him) while open meldingen he can then no longer see are assigned to him, the page
says so after saving, and who can assign them anew."""

import re
from html import unescape

import pytest
from django.urls import reverse
from tests.admin_forms import form_data
from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import MunicipalityFactory, UserFactory

from vroegsignaal.organisations.models import Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def enschede():
    return MunicipalityFactory(code="0153", name="Enschede")


@pytest.fixture
def noord(enschede):
    return Team.objects.create(municipality=enschede, name="Team Noord")


@pytest.fixture
def zuid(noord):
    return Team.objects.create(municipality=noord.municipality, name="Team Zuid")


@pytest.fixture
def caseworker(enschede, noord):
    """A caseworker of Team Noord with two open and one closed melding of Noord assigned."""
    worker = UserFactory(username="uitvoerder.noord", caseworker=True, municipality=enschede)
    worker.team = noord
    worker.save()
    queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    MeldingFactory.create_batch(2, municipality=enschede, queue=queue, assigned_to=worker)
    MeldingFactory(municipality=enschede, queue=queue, assigned_to=worker, state="closed")
    return worker


def _saved(client, user, **changes) -> str:
    url = reverse("admin:organisations_user_change", args=[user.pk])
    response = client.post(url, form_data(client, url, **changes), follow=True)
    assert response.status_code == 200
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_moving_a_caseworker_to_another_team_says_how_many_open_meldingen_of_the_old_team_he_no_longer_sees(
    client, functioneel_beheerder, caseworker, zuid
):
    text = _saved(client, caseworker, team=str(zuid.pk))

    assert (
        "Deze gebruiker heeft nog 2 open meldingen van Team Noord toegewezen, maar kan ze niet "
        "meer zien. Het meldpunt van Enschede kan ze opnieuw toewijzen: in Werkbakjes, filter "
        "Toegewezen: Aan iemand die ze niet meer kan zien." in text
    )


def test_deactivating_a_caseworker_says_so_too(client, functioneel_beheerder, caseworker):
    text = _saved(client, caseworker, is_active=None)

    assert "Deze gebruiker heeft nog 2 open meldingen van Team Noord toegewezen" in text


def test_moving_a_caseworker_without_open_meldingen_says_nothing_about_them(
    client, functioneel_beheerder, enschede, noord, zuid
):
    worker = UserFactory(username="uitvoerder.leeg", caseworker=True, municipality=enschede)
    worker.team = noord
    worker.save()

    text = _saved(client, worker, team=str(zuid.pk))

    assert "met succes gewijzigd" in text
    assert "open melding" not in text


def test_staying_in_the_team_says_nothing_about_the_meldingen(
    client, functioneel_beheerder, caseworker
):
    text = _saved(client, caseworker, email="noord@example.nl")

    assert "open melding" not in text
