"""QA10 B3: what a creditor's system reads through the API is on the record of who saw a
resident's data, as the portal's lists are: the audit entry keeps the signals (feedback) and
meldingen (heropaf checks) the answer held, so the privacy officer's "Wie heeft de gegevens van
een inwoner bekeken?" and the resident's inzage ("Wie uw gegevens heeft bekeken") find it."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.casework.factories import MeldingFactory
from tests.factories import AgreementFactory, MunicipalityFactory, UserFactory
from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.letters.pdf import pdf_text
from tests.privacy.inzage_review import composed
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback.api import FeedbackPagination
from vroegsignaal.feedback.models import HeropafCheck
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.services import create_api_key
from vroegsignaal.privacy.models import AuditEntry
from vroegsignaal.privacy.policy import audit_entries_for

pytestmark = pytest.mark.django_db(databases="__all__")

BSN = "123456782"


@pytest.fixture
def api(energy) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {create_api_key(energy, 'incasso')}")
    return client


@pytest.fixture
def resident(enschede, energy, caseworker):
    """The resident's melding, with the go/no-go and the outcome released to Energie Oost
    and its heropaf check open today."""
    melding = MeldingFactory(
        municipality=enschede, signals__bsn=BSN, signals__creditor=energy,
        signals__status=Signaalstatus.OPGEPAKT,
    )  # fmt: skip
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    HeropafCheck.objects.update(asked_on=timezone.localdate())
    return melding


@pytest.fixture
def officer() -> Client:
    client = Client()
    client.force_login(UserFactory(privacy_officer=True, municipality=None))
    return client


def _api_entry(path: str) -> AuditEntry:
    return AuditEntry.objects.filter(username__startswith="api:", endpoint=path).get()


def test_the_feedback_the_api_returned_is_on_the_record_of_each_signal_in_it(
    api, resident, officer
):
    assert len(api.get("/api/v1/feedback").json()["results"]) == 2  # go/no-go and outcome

    signal = resident.signal_links.get().signal
    entry = _api_entry("/api/v1/feedback")
    assert list(entry.shown_objects.values_list("object_type", "object_id")) == [
        ("intake.signal", str(signal.pk))
    ]
    assert entry.shown == "1 signaal, gemeente Enschede"
    page = officer.post(reverse("privacy:audit_log"), {"bsn": BSN}, follow=True)
    assert "terugkoppeling (API)" in page.content.decode()


def test_the_heropaf_checks_the_api_returned_are_on_the_record_of_their_melding(
    api, resident, officer
):
    assert len(api.get("/api/v1/heropaf-checks").json()) == 1

    entry = _api_entry("/api/v1/heropaf-checks")
    assert list(entry.shown_objects.values_list("object_type", "object_id")) == [
        ("casework.melding", str(resident.pk))
    ]
    page = officer.post(reverse("privacy:audit_log"), {"bsn": BSN}, follow=True)
    assert "heropafvragen (API)" in page.content.decode()


def test_the_residents_inzage_says_the_creditor_read_her_feedback_through_the_api(
    api, resident, officer
):
    api.get("/api/v1/feedback")
    api.get("/api/v1/heropaf-checks")

    response = composed(officer, {"bsn": BSN, "formaat": "pdf"})  # on the BSN alone

    text = pdf_text(response.content)
    section = text[text.index("Wie uw gegevens heeft bekeken") :]
    today = timezone.localdate().strftime("%d-%m-%Y")
    assert (
        f"{today} Systeem van Energie Oost (automatisch opgehaald) terugkoppeling (API) "
        "bekeken en heropafvragen (API) bekeken" in section
    )


def test_a_page_of_feedback_records_only_the_signals_on_that_page(
    api, enschede, energy, monkeypatch
):
    monkeypatch.setattr(FeedbackPagination, "page_size", 1)
    for _ in range(2):
        MeldingFactory(
            municipality=enschede, signals__creditor=energy,
            signals__status=Signaalstatus.OPGEPAKT,
        )  # fmt: skip
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))

    first = api.get("/api/v1/feedback").json()["results"]

    entry = _api_entry("/api/v1/feedback")
    assert list(entry.shown_objects.values_list("object_id", flat=True)) == [
        str(first[0]["signal_id"])
    ]


def test_feedback_the_api_returned_of_two_municipalities_shows_each_officer_its_own_part(
    api, resident, energy
):
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    AgreementFactory(creditor=energy, municipality=hengelo)
    MeldingFactory(
        municipality=hengelo, signals__creditor=energy, signals__status=Signaalstatus.OPGEPAKT
    )
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 24))

    api.get("/api/v1/feedback")

    for municipality in (resident.municipality, hengelo):
        officer = UserFactory(privacy_officer=True, municipality=municipality)
        (entry,) = audit_entries_for(officer).filter(endpoint="/api/v1/feedback")
        assert entry.shown == f"1 signaal, gemeente {municipality.name}"
        signals = Signal.objects.filter(municipality=municipality)
        assert set(entry.shown_objects.values_list("object_id", flat=True)) == {
            str(pk) for pk in signals.values_list("pk", flat=True)
        }
