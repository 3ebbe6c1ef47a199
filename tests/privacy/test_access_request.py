"""Inzageverzoek: everything held about one person, as JSON and PDF, for the privacy officer only."""

import json
import re

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from vroegsignaal.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(privacy_officer=True))
    return client


def test_a_request_by_bsn_exports_the_signals_and_their_melding_as_json(officer_client):
    melding = MeldingFactory(signals__bsn="123456782", signals__surname="Bakker")
    MeldingFactory(signals__bsn="999999990", signals__surname="Anders")
    response = officer_client.post(
        reverse("privacy:access_request"), {"bsn": "123456782", "formaat": "json"}
    )
    data = json.loads(response.content)
    assert [s["achternaam"] for s in data["signalen"]] == ["Bakker"]
    assert [m["id"] for m in data["meldingen"]] == [melding.pk]
    entry = AuditEntry.objects.get(action="export")
    assert "123456782" not in entry.description and "op BSN" in entry.description


def test_a_request_by_name_birth_date_and_address_gives_a_readable_pdf(officer_client):
    MeldingFactory(signals__surname="Bakker", house_number=7)
    response = officer_client.post(
        reverse("privacy:access_request"),
        {
            "achternaam": "bakker",
            "geboortedatum": "1980-05-17",
            "postcode": "7511 ab",
            "huisnummer": "7",
            "formaat": "pdf",
        },
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_without_a_bsn_all_four_person_fields_are_needed(officer_client):
    response = officer_client.post(
        reverse("privacy:access_request"), {"achternaam": "Bakker", "formaat": "json"}
    )
    assert "Vul een BSN in, of achternaam" in response.content.decode()


def test_the_format_is_chosen_with_two_labelled_radio_buttons(officer_client):
    html = officer_client.get(reverse("privacy:access_request")).content.decode()
    for value, label in (("pdf", "PDF"), ("json", "JSON")):
        radio = re.search(rf'<input[^>]*type="radio"[^>]*value="{value}"[^>]*>', html)
        assert radio, f"no radio button for {value}"
        radio_id = re.search(r'id="([^"]+)"', radio.group(0)).group(1)
        assert (
            f'<label class="utrecht-form-label utrecht-form-label--radio" for="{radio_id}">{label}</label>'
            in html
        )
    assert 'for="None"' not in html and "<option" not in html
    assert "<legend" in html and "Formaat" in html


def test_a_request_without_a_valid_format_says_so_at_the_field(officer_client):
    for posted in ({"bsn": "123456782"}, {"bsn": "123456782", "formaat": "xml"}):
        response = officer_client.post(reverse("privacy:access_request"), posted)
        html = response.content.decode()
        assert response["Content-Type"].startswith("text/html")
        assert 'id="id_formaat-fout"' in html and "Kies een formaat: PDF of JSON." in html
