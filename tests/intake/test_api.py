"""POST/GET /api/v1/deliveries with a creditor API key."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from tests.factories import CreditorFactory, UserFactory, enschede_with_energy_agreement
from tests.intake.messy import messy_file
from tests.page_text import page_text

from vroegsignaal.intake.models import Delivery, Signal
from vroegsignaal.organisations.models import ApiKey
from vroegsignaal.organisations.services import create_api_key, revoke_api_key

pytestmark = pytest.mark.django_db

RECORD = {
    "klantnummer": "A1",
    "signaaldatum": "2026-11-02",
    "achternaam": "Smit",
    "huisnummer": "4",
    "postcode": "7511AB",
    "bedrag_achterstand": "210,00",
    "datum_ontstaan": "2026-09-01",
}


def client_with_key(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.fixture
def creditor():
    return enschede_with_energy_agreement()[1]


def test_a_creditor_system_delivers_json_signals_with_its_key(creditor):
    client = client_with_key(create_api_key(creditor, "koppeling"))
    response = client.post("/api/v1/deliveries", [RECORD], format="json")
    assert response.status_code == 201, response.content
    assert response.json()["accepted"] == 1
    assert Signal.objects.get().creditor == creditor
    again = client.post("/api/v1/deliveries", [RECORD], format="json")
    assert again.status_code == 200 and again.json()["status"] == "duplicate"


def test_the_same_json_again_reports_the_original_delivery_not_an_empty_one(creditor):
    """Rule: a duplicate adds nothing and says so in Dutch; its counts are those of the delivery
    it repeats (not rows: 0, which reads as an empty file)."""
    client = client_with_key(create_api_key(creditor, "koppeling"))
    bad = RECORD | {"klantnummer": "A2", "postcode": "1234"}
    first = client.post("/api/v1/deliveries", [RECORD, bad], format="json").json()

    again = client.post("/api/v1/deliveries", [RECORD, bad], format="json")

    assert again.status_code == 200
    body = again.json()
    assert body["status"] == "duplicate" and body["delivery_id"] == first["delivery_id"]
    assert (body["rows"], body["accepted"], body["rejected"]) == (2, 1, 1)
    assert body["message"].startswith("Deze inhoud is al eerder aangeleverd op ")
    assert f"(aanlevering {first['delivery_id']}). Er is niets opnieuw verwerkt" in body["message"]
    assert Delivery.objects.count() == 1 and Signal.objects.count() == 1


def test_a_file_can_be_delivered_through_the_api(creditor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_with_key(create_api_key(creditor, "koppeling"))
    upload = SimpleUploadedFile("levering.csv", messy_file(), content_type="text/csv")
    response = client.post("/api/v1/deliveries", {"file": upload}, format="multipart")
    assert response.status_code == 201 and response.json()["rejected"] == 3


def test_an_unreadable_file_is_a_400_with_a_dutch_reason_and_nothing_stored(creditor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_with_key(create_api_key(creditor, "koppeling"))
    upload = SimpleUploadedFile("leeg.csv", b"", content_type="text/csv")
    response = client.post("/api/v1/deliveries", {"file": upload}, format="multipart")
    assert response.status_code == 400 and response.json()["errors"][0]["message"]
    assert not Delivery.objects.exists()


def test_without_a_valid_key_nothing_is_accepted(creditor):
    key = create_api_key(creditor, "koppeling")
    assert APIClient().post("/api/v1/deliveries", [RECORD], format="json").status_code in (401, 403)
    assert (
        client_with_key("vs_deadbeef_nope")
        .post("/api/v1/deliveries", [RECORD], format="json")
        .status_code
        == 401
    )
    revoke_api_key(ApiKey.objects.get())
    assert (
        client_with_key(key).post("/api/v1/deliveries", [RECORD], format="json").status_code == 401
    )
    assert not Signal.objects.exists()


def test_a_key_only_lists_its_own_creditors_deliveries(creditor):
    other = CreditorFactory(code="zorg-x", name="Zorg X", partner_type="Zorg")
    client_with_key(create_api_key(creditor, "a")).post(
        "/api/v1/deliveries", [RECORD], format="json"
    )
    listing = client_with_key(create_api_key(other, "b")).get("/api/v1/deliveries")
    assert listing.status_code == 200 and listing.json() == []


def test_municipal_staff_cannot_deliver_signals(creditor):
    client = APIClient()
    client.force_authenticate(UserFactory(caseworker=True))
    assert client.post("/api/v1/deliveries", [RECORD], format="json").status_code == 403


def test_a_creditor_delivering_for_a_municipality_without_agreement_gets_the_row_rejected(creditor):
    water = CreditorFactory(code="water", name="Water", partner_type="Water")
    response = client_with_key(create_api_key(water, "w")).post(
        "/api/v1/deliveries", [RECORD], format="json"
    )
    assert response.json()["status"] == "rejected"
    assert "convenant" in response.json()["errors"][0]["message"]


def test_a_browser_session_without_csrf_token_is_refused_in_dutch(creditor):
    """Rule: the API speaks Dutch; a logged-in browser posting without the CSRF token gets a
    Dutch refusal that says what to do, not REST framework's 'CSRF Failed'."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(UserFactory(creditor_staff=True, creditor=creditor))

    response = client.post("/api/v1/deliveries", [RECORD], format="json")

    assert response.status_code == 403
    assert "beveiligingscontrole (CSRF)" in response.json()["detail"]
    assert not Delivery.objects.exists()


def _deliver(creditor, records):
    client = client_with_key(create_api_key(creditor, "koppeling"))
    return client.post("/api/v1/deliveries", records, format="json")


def test_a_json_amount_with_three_decimals_is_refused_like_the_same_amount_in_text(creditor):
    """aanleverformaat.md: three or more decimals are refused, not rounded; the JSON number is
    judged as written, so 1234.56 (no float exactly) is still its exact cents."""
    response = _deliver(
        creditor,
        [
            RECORD | {"bedrag_achterstand": 1234.565},
            RECORD | {"klantnummer": "A2", "bedrag_achterstand": 1234.56},
        ],
    )
    [error] = response.json()["errors"]
    assert error["message"] == (
        "Rij 1, bedrag_achterstand: '1234.565' is geen geldig bedrag "
        "(hoogstens twee cijfers na de komma: hele centen)."
    )
    assert Signal.objects.get().amount_cents == 123456
    # Given back for correction as it was sent.
    assert Delivery.objects.get().rejected_rows[0]["cells"][5] == "1234.565"


def test_a_json_object_with_two_keys_for_one_column_is_refused_not_placed_by_either(creditor):
    """Taking one of `postcode` and `Postcode` put the signal at another municipality."""
    response = _deliver(creditor, [RECORD | {"Postcode": "7601AB"}])
    assert response.json()["errors"] == [
        {
            "row": 1,
            "field": "",
            "message": "Rij 1: de kolommen 'postcode' en 'Postcode' betekenen allebei "
            "'postcode'; laat er één over.",
        }
    ]
    assert not Signal.objects.exists()


def test_messages_about_json_values_show_them_as_json_and_a_missing_key_as_missing(creditor):
    without_postcode = {k: v for k, v in RECORD.items() if k != "postcode"}
    response = _deliver(
        creditor, [without_postcode | {"bedrag_achterstand": True, "achternaam": {"a": 1}}]
    )
    assert [e["message"] for e in response.json()["errors"]] == [
        'Rij 1, achternaam: {"a": 1} is geen tekst.',
        "Rij 1, postcode: dit veld is verplicht maar ontbreekt.",
        "Rij 1, bedrag_achterstand: true is geen geldig bedrag (verwacht bv. 1234,56 of € 1.234,56).",
    ]


def test_the_report_of_a_json_delivery_numbers_rows_as_the_list_does(creditor, client):
    """aanleverformaat.md: in a JSON list the first signal is row 1 (there is no header)."""
    delivery_id = _deliver(creditor, [RECORD | {"postcode": "1234"}]).json()["delivery_id"]
    client.force_login(UserFactory(creditor_staff=True, creditor=creditor))
    text = page_text(client.get(reverse("intake:delivery", args=[delivery_id])))
    assert (
        "plaats van het signaal in de JSON-lijst die u stuurde: het eerste signaal is rij 1" in text
    )
    assert "kopregel" not in text
