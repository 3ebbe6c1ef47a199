"""A melding that was not picked up (no-go at matching, or closed with a 'Niet opgepakt' reason
before anyone picked it up) has no running terms and no casework: no heropaf, because the
creditor hears no outcome to check six months later (domain step 9)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory, enschede_with_energy_agreement
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from vroegsignaal.casework.actions import available_actions
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.heropaf import schedule_heropaf
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat, Signaalstatus
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.feedback.release import current_go_no_go, release_due_feedback
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.services import match_period

CLOSED_ON = dt.date(2026, 11, 10)


@pytest.fixture
def no_go(enschede):
    return MeldingFactory(
        municipality=enschede, go=False, state="closed", result=Eindresultaat.ONTERECHT,
        closed_on=CLOSED_ON, queue=None,
    )  # fmt: skip


def test_a_no_go_melding_offers_no_action(no_go):
    assert available_actions(no_go) == frozenset()


def test_a_melding_closed_as_not_picked_up_offers_no_heropaf(melding, intake_user):
    close_with_result(melding, intake_user, melding.version, Eindresultaat.GEEN_INWONER, CLOSED_ON)

    with pytest.raises(CaseworkError, match="niet opgepakt; er volgt geen heropaf"):
        schedule_heropaf(melding, CLOSED_ON)


def test_a_heropaf_cannot_be_planned_for_a_melding_not_picked_up(no_go, caseworker):
    with pytest.raises(CaseworkError, match="niet opgepakt; er volgt geen heropaf"):
        schedule_heropaf(no_go, CLOSED_ON)

    assert Melding.objects.get(pk=no_go.pk).heropaf_due_on is None


def test_a_heropaf_is_planned_only_for_a_closed_melding(assigned, caseworker):
    with pytest.raises(CaseworkError, match="Sluit de melding eerst af"):
        schedule_heropaf(assigned, CLOSED_ON)


def test_a_closed_melding_waits_for_the_feedback_release_to_plan_the_heropaf(
    client, helped, caseworker
):
    close_with_result(helped, caseworker, helped.version, Eindresultaat.REGELT_ZELF)
    client.force_login(caseworker)

    html = client.get(reverse("casework:melding", args=[helped.pk])).content.decode()

    assert available_actions(helped) == frozenset()
    assert "Heropaf plannen" not in html
    assert (
        "De heropaf wordt gepland zodra de uitkomst aan de signaalpartners is vrijgegeven "
        "(bij de volgende vrijgave van de terugkoppeling)." in html
    )


def test_the_page_promises_no_daily_release_of_feedback(client, helped, caseworker):
    """Feedback is released whenever the operator's schedule runs release-feedback; the
    application sets no rhythm (terugkoppeling.md, De vrijgave)."""
    close_with_result(helped, caseworker, helped.version, Eindresultaat.REGELT_ZELF)
    client.force_login(caseworker)

    html = client.get(reverse("casework:melding", args=[helped.pk])).content.decode()

    assert "dagelijks" not in html


def test_geen_inwoner_after_a_missed_visit_gets_no_heropaf_and_the_page_says_so(
    client, assigned, caseworker
):
    """Closed as 'geen inwoner (meer)' in round 1 after a missed home visit, the creditor hears
    it as 'niet opgepakt' with that reason, not as an outcome, and no heropaf follows."""
    record_contact_attempt(
        assigned, caseworker, assigned.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=CLOSED_ON, part_of_day=Dagdeel.MIDDAG, reached=False,
    )  # fmt: skip
    melding = Melding.objects.get(pk=assigned.pk)
    close_with_result(melding, caseworker, melding.version, Eindresultaat.GEEN_INWONER, CLOSED_ON)
    client.force_login(caseworker)

    text = page_text(client.get(reverse("casework:melding", args=[melding.pk])))

    assert (
        "Geen acties: de melding is afgesloten. De signaalpartners horen bij de vrijgave van de "
        "terugkoppeling alleen dat hun signaal niet is opgepakt, omdat de persoon geen inwoner "
        "(meer) is. Er volgt geen heropaf." in text
    )
    assert "De heropaf wordt gepland" not in text
    with pytest.raises(CaseworkError, match="er volgt geen heropaf"):
        schedule_heropaf(Melding.objects.get(pk=melding.pk), CLOSED_ON)


def test_the_page_of_a_no_go_melding_shows_no_terms_and_no_heropaf(client, caseworker, no_go):
    client.force_login(caseworker)

    html = client.get(reverse("casework:melding", args=[no_go.pk])).content.decode()

    assert "Niet opgepakt: er lopen geen termijnen voor deze melding." in html
    assert "Verlopen" not in html and "Eerste actie gemeente" not in html
    assert "Heropaf plannen" not in html
    assert "Geen acties: de melding is niet opgepakt en afgesloten." in html


def test_a_resident_who_died_in_round_1_gets_no_outcome_and_no_heropaf_and_the_page_says_so(
    client, db
):
    """Picked up (a missed home visit), then closed as 'Inwoner is overleden': the creditor
    hears it as it hears the BRP's 'overleden', a correction of the go, not an outcome with a
    follow-up six months later for a resident who died."""
    municipality, energy = enschede_with_energy_agreement()
    signal = {
        "klantnummer": "EO-3301", "signaaldatum": "2026-10-02", "achternaam": "Smit",
        "voorletters": "H.", "geboortedatum": "1948-02-11", "huisnummer": "3",
        "postcode": "7511AB", "bedrag_achterstand": "250,00", "datum_ontstaan": "2026-08-01",
    }  # fmt: skip
    ingest_records(energy, [signal], today=dt.date(2026, 11, 1))
    match_period(municipality, "2026-10", today=dt.date(2026, 11, 2))
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 3), mail_digests=False)
    caseworker = UserFactory(caseworker=True, municipality=municipality)
    melding = Melding.objects.get()
    melding = assign(melding, caseworker, caseworker, melding.version)
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=dt.date(2026, 11, 4), part_of_day=Dagdeel.MIDDAG, reached=False,
    )  # fmt: skip
    melding = Melding.objects.get()
    close_with_result(melding, caseworker, melding.version, Eindresultaat.OVERLEDEN, CLOSED_ON)
    client.force_login(caseworker)
    before = page_text(client.get(reverse("casework:melding", args=[melding.pk])))

    release_due_feedback(SITE_URL, today=CLOSED_ON, mail_digests=False)

    (told,) = current_go_no_go()
    assert (told.content["picked_up"], told.content["reason"]) == (
        False,
        Signaalstatus.OVERLEDEN.value,
    )
    assert not SignalFeedback.objects.filter(kind=FeedbackKind.OUTCOME).exists()
    assert Melding.objects.get().heropaf_due_on is None
    after = page_text(client.get(reverse("casework:melding", args=[melding.pk])))
    for text in (before, after):
        assert (
            "De signaalpartners horen bij de vrijgave van de terugkoppeling alleen dat hun "
            "signaal niet is opgepakt, omdat de inwoner is overleden. Er volgt geen heropaf."
        ) in text
        assert "De heropaf wordt gepland" not in text
    with pytest.raises(CaseworkError, match="er volgt geen heropaf"):
        schedule_heropaf(Melding.objects.get(), CLOSED_ON)
