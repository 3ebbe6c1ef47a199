"""The REST API refuses in plain Dutch (vroegsignaal.api_errors): every text of REST framework
and Django that can reach a partner's system is replaced, and an unknown path under /api/ is a
JSON 404, not the website's page."""

import pytest
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from tests.factories import UserFactory, enschede_with_energy_agreement
from vroegsignaal.api_errors import exception_handler
from vroegsignaal.organisations.services import create_api_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner() -> APIClient:
    client = APIClient()
    key = create_api_key(enschede_with_energy_agreement()[1], "koppeling")
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def test_broken_json_is_explained_with_line_and_column(partner):
    """Rule: not 'JSON parse error - Expecting property name ...' but where and what."""
    response = partner.post("/api/v1/deliveries", data=b"[{x: 1}]", content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "De inhoud is geen geldige JSON: verwacht een veldnaam tussen dubbele "
        "aanhalingstekens, regel 1, kolom 3."
    }


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b'[{"a": 1}', "verwacht een komma, regel 1, kolom 10"),
        (b"", None),
        (b'{"answer": "ja"} x', "na het einde staat nog meer, regel 1, kolom 18"),
        (b'["\xff"]', "de tekst is niet in UTF-8 gecodeerd"),
        (b"[NaN]", "NaN en Infinity zijn geen getallen in JSON"),
    ],
)
def test_each_kind_of_broken_json_gets_a_dutch_reason(partner, body, said):
    response = partner.post("/api/v1/deliveries", data=body, content_type="application/json")

    assert response.status_code == 400
    detail = str(response.json())
    if said:
        assert f"De inhoud is geen geldige JSON: {said}." in detail
    assert "JSON parse error" not in detail and "Expecting" not in detail


def test_a_body_in_another_media_type_names_the_ones_accepted(partner):
    """Rule: 'Ongeldig mediatype', not REST framework's 'Ongeldige media type'."""
    response = partner.post("/api/v1/deliveries", data="ja", content_type="text/plain")

    assert response.status_code == 415
    assert response.json() == {
        "detail": 'Ongeldig mediatype "text/plain"; gebruik application/json of '
        "multipart/form-data."
    }


def test_a_method_the_path_does_not_have_names_the_ones_it_has(partner):
    response = partner.delete("/api/v1/deliveries")

    assert response.status_code == 405
    assert response.json() == {"detail": "De methode DELETE kan hier niet; gebruik GET of POST."}


def test_an_accept_header_without_json_is_explained(partner):
    """The API answers only in JSON (no browsable API with REST framework's English pages)."""
    response = partner.get("/api/v1/deliveries", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert response.json() == {
        "detail": "Deze API antwoordt alleen met JSON; vraag in de kop Accept om application/json."
    }


def test_a_call_without_key_says_how_to_send_it(db):
    response = APIClient().get("/api/v1/feedback")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert "Authorization: Api-Key <sleutel>" in response.json()["detail"]


def test_a_wrong_key_keeps_its_own_dutch_text(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Api-Key vs_deadbeef_nope")

    assert client.get("/api/v1/feedback").json() == {
        "detail": "Ongeldige of ingetrokken API-sleutel."
    }


def test_a_refusal_a_view_words_itself_is_kept(db):
    """Only REST framework's own texts are replaced, not those a view raises on purpose."""
    client = APIClient()
    client.force_authenticate(UserFactory(caseworker=True))

    response = client.get("/api/v1/feedback")

    assert response.status_code == 403
    assert response.json() == {"detail": "Alleen een vastelastenpartner krijgt terugkoppeling."}


@pytest.mark.parametrize(
    "path", ["/api/v1/deliveries/133", "/api/v1/signalen", "/api/v2/feedback", "/api/"]
)
def test_an_unknown_path_under_api_is_a_dutch_json_404(partner, path):
    """Rule: not the website's HTML page 'Pagina niet gevonden'."""
    for response in (partner.get(path), partner.post(path, [], format="json")):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].startswith("Dit adres bestaat niet in de API.")


def test_an_error_of_ours_under_api_is_a_dutch_json_500(partner, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr("vroegsignaal.intake.api.deliveries_for", broken)
    partner.raise_request_exception = False

    response = partner.get("/api/v1/deliveries")

    assert response.status_code == 500
    assert response.json()["detail"].startswith("Er ging bij ons iets mis")


def test_too_many_requests_say_when_to_try_again():
    request = Request(APIRequestFactory().get("/api/v1/feedback"))

    response = exception_handler(Throttled(wait=30), {"request": request, "view": None})

    assert response.status_code == 429 and response["Retry-After"] == "30"
    assert response.data == {"detail": "Te veel verzoeken; probeer het over 30 seconden opnieuw."}
