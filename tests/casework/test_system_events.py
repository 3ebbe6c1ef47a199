"""Events without a person (matching, the heropaf planner) show as 'systeem' on the timeline."""

import pytest

from tests.casework.factories import MeldingFactory
from tests.factories import DEMO_PASSWORD, UserFactory
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import Event, EventKind
from vroegsignaal.ddas import Eindresultaat

pytestmark = pytest.mark.django_db


def test_melding_page_shows_an_event_without_actor_as_systeem(client):
    melding = MeldingFactory()
    Event.objects.create(
        melding=melding, kind=EventKind.NOT_PICKED_UP, actor=None,
        details={"result": "Niet opgepakt: onterecht signaal"},
    )  # fmt: skip
    user = UserFactory(caseworker=True, municipality=melding.municipality)
    client.login(username=user.username, password=DEMO_PASSWORD)
    response = client.get(f"/werk/melding/{melding.pk}/")
    assert response.status_code == 200
    assert "systeem: Niet opgepakt volgens het beleid" in response.content.decode()


@pytest.mark.parametrize(
    "result, reason",
    [
        (Eindresultaat.GEEN_INWONER, "persoon is geen inwoner (meer) volgens de BRP"),
        (Eindresultaat.OVERLEDEN, "inwoner is overleden volgens de BRP"),
        (Eindresultaat.AL_BEKEND, "inwoner al bekend volgens de klantenlijst schuldhulpverlening"),
    ],
)
def test_a_melding_matching_closed_on_a_reference_list_names_the_list_not_the_policy(
    result, reason
):
    melding = MeldingFactory()
    event = Event.objects.create(
        melding=melding, kind=EventKind.NOT_PICKED_UP, actor=None, details={"result": result}
    )
    assert describe(event).startswith(f"Niet opgepakt: {reason}")
