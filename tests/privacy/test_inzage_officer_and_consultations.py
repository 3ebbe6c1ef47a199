"""The inzage document tells the resident how to reach the privacy officer (FG) of her
municipality, and when and why her data were consulted, by role and organisation, never by the
employee's name (CJEU C-579/21). QA9 B10: the document sent her to the FG without an address,
and said nothing of the consultations the audit log holds."""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.factories import CreditorFactory, MunicipalityFactory, UserFactory
from tests.letters.pdf import pdf_text
from tests.privacy.inzage_review import composed
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.privacy.models import AuditAction, AuditEntry
from vroegsignaal.privacy.routers import AUDIT_DB

pytestmark = pytest.mark.django_db(databases="__all__")

BSN = "123456782"
# The resident is in no BRP extract: compose on the BSN alone (test_access_request_by_brp).
REQUEST = {"bsn": BSN, "formaat": "pdf"}  # in no BRP extract: on the BSN alone


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(privacy_officer=True))
    return client


def _compose(officer_client) -> str:
    response = composed(officer_client, REQUEST)
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def _entry_on(day: dt.date, **fields) -> None:
    """An entry written on an earlier day (the log is append-only; its time is when it was
    written, so a test of earlier days writes the row as it would have been written then)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 30)))
    AuditEntry(created_at=moment, **fields).save(using=AUDIT_DB)


def test_the_document_gives_the_contact_details_of_the_municipalitys_privacy_officer(
    officer_client,
):
    Municipality.objects.filter(code="0153").update(  # the officer's, made by the fixture
        privacy_officer_email="fg@enschede.nl", privacy_officer_phone="053 481 48 14",
        privacy_officer_address="Postbus 20, 7500 AA Enschede",
    )  # fmt: skip
    MeldingFactory(signals__bsn=BSN)

    text = _compose(officer_client)

    assert (
        "De functionaris gegevensbescherming van de gemeente Enschede: e-mail fg@enschede.nl, "
        "telefoon 053 481 48 14, post: Postbus 20, 7500 AA Enschede." in text
    )


def test_the_officer_is_warned_before_composing_when_no_contact_details_are_filled_in(
    officer_client,
):
    MunicipalityFactory(code="0164", name="Hengelo", privacy_officer_email="fg@hengelo.nl")

    page = officer_client.get(reverse("privacy:access_request")).content.decode()

    # The officer of Enschede answers for Enschede, whose details are not filled in.
    assert "Van de gemeente Enschede staan geen contactgegevens van de functionaris" in page
    assert "Hengelo" not in page
    assert "Beheer" in page  # where the functioneel beheerder fills them in


def test_no_warning_when_the_contact_details_are_filled_in(client):
    client.force_login(
        UserFactory(
            privacy_officer=True,
            municipality=MunicipalityFactory(privacy_officer_phone="053 481 48 14"),
        )
    )
    page = client.get(reverse("privacy:access_request")).content.decode()

    assert "geen contactgegevens van de functionaris" not in page


def test_the_document_says_on_which_day_which_role_consulted_her_data_and_why_without_names(
    officer_client,
):
    melding = MeldingFactory(signals__bsn=BSN)
    signal = melding.signal_links.get().signal
    caseworker = Client()
    caseworker.force_login(
        UserFactory(username="svisser", first_name="Sanne", last_name="Visser", caseworker=True)
    )
    for _ in range(2):
        assert caseworker.get(reverse("casework:melding", args=[melding.pk])).status_code == 200
    energie = CreditorFactory()
    _entry_on(
        dt.date(2026, 11, 3), username="piet.energie", role="creditor_staff",
        organisation=energie.name, action=AuditAction.VIEW, object_type="intake.signal",
        object_id=str(signal.pk), description="feedback:signal",
    )  # fmt: skip
    # A refused attempt showed her nothing; an entry past the audit term is gone.
    _entry_on(
        dt.date(2026, 11, 4), username="x", role="caseworker", organisation="Hengelo (0164)",
        action=AuditAction.REFUSED, object_type="casework.melding", object_id=str(melding.pk),
        description="casework:melding",
    )  # fmt: skip
    expired = timezone.localdate() - dt.timedelta(days=settings.RETENTION_AUDIT_DAYS + 1)
    _entry_on(
        expired, username="y", role="intake", organisation="Enschede (0153)",
        action=AuditAction.VIEW, object_type="casework.melding", object_id=str(melding.pk),
        description="casework:melding",
    )  # fmt: skip

    text = _compose(officer_client)

    section = text[text.index("Wie uw gegevens heeft bekeken") :]
    today = timezone.localdate().strftime("%d-%m-%Y")
    assert f"{today} Uitvoerder, gemeente Enschede melding bekeken (2 keer)" in section
    assert "03-11-2026 Medewerker, Energie Oost terugkoppeling over een signaal bekeken" in section
    # This request itself, once, though it released a signal and a melding.
    assert (
        f"{today} Functionaris gegevensbescherming, gemeente Enschede uw gegevens samengesteld "
        "voor een inzageverzoek Waarom" in section
    )
    assert "04-11-2026" not in section and expired.strftime("%d-%m-%Y") not in section
    assert "Hengelo" not in section and "Meldpunt" not in section
    assert "Visser" not in text and "svisser" not in text and "piet.energie" not in text


def test_the_json_lists_who_viewed_the_melding_by_role_and_organisation_without_names(
    officer_client,
):
    melding = MeldingFactory(signals__bsn=BSN)
    caseworker = Client()
    caseworker.force_login(
        UserFactory(username="svisser", first_name="Sanne", last_name="Visser", caseworker=True)
    )
    assert caseworker.get(reverse("casework:melding", args=[melding.pk])).status_code == 200

    response = composed(officer_client, {**REQUEST, "formaat": "json"})

    body = response.content.decode()
    data = json.loads(body)
    today = timezone.localdate()
    kept_since = today - dt.timedelta(days=settings.RETENTION_AUDIT_DAYS)
    assert data["raadplegingen_bewaard_vanaf"] == kept_since.isoformat()
    assert {
        "datum": today.isoformat(),
        "wie": "Uitvoerder, gemeente Enschede",
        "waarvoor": "melding bekeken",
    } in data["raadplegingen"]
    assert "Visser" not in body and "svisser" not in body


def test_a_list_filtered_on_a_typed_text_is_told_by_its_page_alone(officer_client):
    """The audit log names a typed filter for the officer ('werkbakjes (lijst van meldingen);
    gezocht op postcodegebied "7511AB"'); the resident reads why her data were shown, the page,
    not what a colleague typed, and two filters of one list are one purpose."""
    melding = MeldingFactory(signals__bsn=BSN)
    caseworker = Client()
    caseworker.force_login(UserFactory(caseworker=True, municipality=melding.municipality))
    for postcode in ("7511", "7511AB"):
        assert (
            caseworker.get(reverse("casework:worklist"), {"postcode": postcode}).status_code == 200
        )
    assert AuditEntry.objects.filter(description__contains='postcodegebied "7511AB"').exists()

    response = composed(officer_client, {**REQUEST, "formaat": "json"})

    body = response.content.decode()
    assert {
        "datum": timezone.localdate().isoformat(),
        "wie": "Uitvoerder, gemeente Enschede",
        "waarvoor": "werkbakjes (lijst van meldingen) bekeken (2 keer)",
    } in json.loads(body)["raadplegingen"]
    assert "gezocht op" not in body
