"""Rule: a referral to 'Anders' names what the resident is referred to, in the Toelichting;
the timeline and the melding page show it, and erasure blanks it on the timeline too."""

import pytest
from django.urls import reverse

from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation, refer
from vroegsignaal.casework.erasure import erase_melding
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import EventKind, Melding
from vroegsignaal.ddas import Contactsoort, Dagdeel

MESSAGE = "Toelichting: vul in waarnaar u verwijst als u 'Anders' kiest."


@pytest.fixture
def in_conversation(assigned, caseworker):
    day = assigned.matched_on
    record_contact_attempt(
        assigned, caseworker, assigned.version, kind=Contactsoort.TELEFOON,
        attempted_on=day, part_of_day=Dagdeel.OCHTEND, reached=True,
    )  # fmt: skip
    record_conversation(
        assigned, caseworker, assigned.version, held_on=day, help_offered="ja",
        help_accepted="ja", cause="inkomensdaling",
    )  # fmt: skip
    return assigned


def _refer(melding, by, note=""):
    return refer(
        melding, by, melding.version, kind="anders", handover_on=melding.matched_on, note=note
    )


def test_a_referral_to_anders_needs_a_toelichting(in_conversation, caseworker):
    with pytest.raises(CaseworkError, match=MESSAGE) as refused:
        _refer(in_conversation, caseworker, note="  ")

    assert refused.value.field == "note"
    assert not in_conversation.referrals.exists()


def test_the_referral_page_shows_the_anders_message_at_the_toelichting(
    client, caseworker, in_conversation
):
    client.force_login(caseworker)
    response = client.post(
        reverse("casework:referral", args=[in_conversation.pk]),
        {
            "version": in_conversation.version,
            "kind": "anders",
            "handover_on": in_conversation.matched_on.isoformat(),
        },
    )

    assert f'id="id_note-fout">{MESSAGE}' in response.content.decode().replace("&#x27;", "'")
    assert not in_conversation.referrals.exists()


def test_a_referral_to_anders_shows_its_toelichting_on_the_timeline(in_conversation, caseworker):
    _refer(in_conversation, caseworker, note="Schuldmaatje Enschede")

    event = in_conversation.events.get(kind=EventKind.REFERRAL)
    assert describe(event).startswith("Verwezen naar Anders (Schuldmaatje Enschede); warme")

    erase_melding(Melding.objects.get(pk=in_conversation.pk))
    event.refresh_from_db()
    assert "Schuldmaatje" not in describe(event)
    assert describe(event).startswith("Verwezen naar Anders; warme")
