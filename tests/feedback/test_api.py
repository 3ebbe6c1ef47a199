"""GET /api/v1/feedback and the heropaf endpoints for creditor systems with their API key."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from vroegsignaal.feedback.api import FeedbackPagination, HeropafAnswerSerializer
from vroegsignaal.feedback.models import HeropafCheck
from vroegsignaal.feedback.permitted import FEEDBACK_FIELDS
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.organisations.models import ApiKey
from vroegsignaal.organisations.services import create_api_key


def _client(creditor) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {create_api_key(creditor, 'koppeling')}")
    return client


@pytest.fixture
def released(enschede, energy, water, caseworker):
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    return melding


def test_feedback_items_have_exactly_the_permitted_fields(released, energy):
    results = _client(energy).get("/api/v1/feedback").json()["results"]
    assert [item["kind"] for item in results] == ["go_no_go", "outcome"]
    for item in results:
        assert set(item) == set(FEEDBACK_FIELDS)
    assert results[1]["ongoing_payments"] == scenario.OWN_PAYMENTS
    assert results[1]["perspective"] == "alleen_achterstand"
    body = str(results)
    for value in (*scenario.NEVER_SHOWN, scenario.OTHER_PAYMENTS):
        assert value not in body


def test_a_creditor_system_sees_only_its_own_signals(released, energy, water):
    own = {link.signal_id for link in released.signal_links.filter(signal__creditor=water)}
    results = _client(water).get("/api/v1/feedback").json()["results"]
    assert {item["signal_id"] for item in results} == own


def test_since_returns_only_what_was_released_later(enschede, released, energy):
    client = _client(energy)
    last = client.get("/api/v1/feedback").json()["results"][-1]["released_at"]
    assert client.get("/api/v1/feedback", {"since": last}).json()["results"] == []
    scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 24))
    newer = client.get("/api/v1/feedback", {"since": last}).json()["results"]
    assert [item["kind"] for item in newer] == ["go_no_go"]


def test_a_bad_since_is_explained(energy, db):
    response = _client(energy).get("/api/v1/feedback", {"since": "gisteren"})
    assert response.status_code == 400
    assert "since" in response.json()


def test_feedback_is_paged(enschede, energy, monkeypatch):
    monkeypatch.setattr(FeedbackPagination, "page_size", 2)
    for _ in range(3):
        scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    client = _client(energy)
    first = client.get("/api/v1/feedback").json()
    assert first["count"] == 3 and len(first["results"]) == 2
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1


def test_a_heropaf_no_through_the_api_reopens_the_melding(released, energy):
    check = HeropafCheck.objects.get(creditor=energy)
    HeropafCheck.objects.filter(pk=check.pk).update(asked_on=timezone.localdate())
    client = _client(energy)
    listed = client.get("/api/v1/heropaf-checks").json()
    assert [item["id"] for item in listed] == [check.pk]
    assert {s["customer_number"] for s in listed[0]["signals"]} == {
        link.signal.customer_number
        for link in released.signal_links.filter(signal__creditor=energy)
    }
    response = client.post(
        f"/api/v1/heropaf-checks/{check.pk}/answer",
        {"answer": "nee", "amount_open_cents": 9900},
        format="json",
    )
    assert response.status_code == 200, response.content
    check.refresh_from_db()
    assert check.answered_by_api_key == ApiKey.objects.get(creditor=energy)
    released.refresh_from_db()
    assert released.state == "reopened"


def _open_check(creditor) -> HeropafCheck:
    HeropafCheck.objects.update(asked_on=timezone.localdate())
    return HeropafCheck.objects.get(creditor=creditor)


def _answer(client, check_id, body):
    return client.post(f"/api/v1/heropaf-checks/{check_id}/answer", body, format="json")


def test_another_creditors_heropaf_check_is_not_found_like_one_that_does_not_exist(
    released, energy, water
):
    """Rule: a partner cannot tell another partner's check from a missing one, and the text
    names no internal model ('No HeropafCheck matches the given query')."""
    check = _open_check(water)
    client = _client(energy)

    others = _answer(client, check.pk, {"answer": "ja"})
    missing = _answer(client, HeropafCheck.objects.order_by("pk").last().pk + 100, {"answer": "ja"})

    assert others.status_code == missing.status_code == 404
    assert others.json() == missing.json() == {"detail": "Heropafvraag niet gevonden."}
    check.refresh_from_db()
    assert check.answer == ""


def test_an_answered_heropaf_check_is_a_409_saying_the_answer_stands(released, energy):
    """Rule: as in the portal, a second answer is refused and the first one stays."""
    check = _open_check(energy)
    client = _client(energy)
    assert _answer(client, check.pk, {"answer": "nee"}).status_code == 200

    again = _answer(client, check.pk, {"answer": "ja"})

    assert again.status_code == 409
    assert again.json() == {
        "detail": "Deze heropafvraag is al beantwoord; het antwoord blijft staan."
    }
    check.refresh_from_db()
    assert check.answer == "nee"


@pytest.mark.parametrize("given", ["Ja", "JA", " ja ", "Nee", " NEE"])
def test_a_heropaf_answer_is_read_regardless_of_capitals_and_spaces(released, energy, given):
    """Rule: as the delivery format says for ja/nee, capitals (and spaces around) do not
    matter; the answer is stored as 'ja' or 'nee'."""
    check = _open_check(energy)

    response = _answer(_client(energy), check.pk, {"answer": given})

    assert response.status_code == 200, response.content
    check.refresh_from_db()
    assert check.answer == given.strip().lower()
    assert response.json()["answer"] == check.answer


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"answer": "misschien"}, {"answer": ["Antwoord: kies 'ja' of 'nee'."]}),
        ({}, {"answer": ["Antwoord: kies 'ja' of 'nee'."]}),
        (
            {"answer": "nee", "amount_open_cents": -5},
            {"amount_open_cents": ["Bedrag nog open: het bedrag mag niet negatief zijn."]},
        ),
        (
            {"answer": "nee", "amount_open_cents": "veel"},
            {
                "amount_open_cents": [
                    "Bedrag nog open: geef een geheel getal, zonder aanhalingstekens."
                ]
            },
        ),
        (
            {"answer": None},
            {"answer": ["Antwoord: vul een waarde in (niet null)."]},
        ),
        (
            "ja",
            {
                "non_field_errors": [
                    "Verwacht een JSON-object met de velden answer en amount_open_cents; "
                    "kreeg een tekst."
                ]
            },
        ),
    ],
)
def test_an_invalid_heropaf_answer_is_explained_in_the_portals_words(
    released, energy, body, errors
):
    """Rule: a refused answer says in Dutch what is wrong, naming the field as the portal's
    form does ('Bedrag nog open: ...'), never REST framework's 'Zorg ervoor dat deze waarde
    groter is dan of gelijk is aan 0.' or 'Verwacht een dictionary, kreeg een str.'."""
    check = _open_check(energy)

    response = _answer(_client(energy), check.pk, body)

    assert response.status_code == 400
    assert response.json() == errors
    check.refresh_from_db()
    assert check.answer == ""


def test_a_heropaf_answer_is_json_only(released, energy):
    check = _open_check(energy)

    response = _client(energy).post(
        f"/api/v1/heropaf-checks/{check.pk}/answer", {"answer": "ja"}, format="multipart"
    )

    assert response.status_code == 415
    assert response.json()["detail"].startswith('Ongeldig mediatype "multipart/form-data; ')
    assert response.json()["detail"].endswith('"; gebruik application/json.')


def test_every_field_error_of_the_heropaf_answer_names_the_field():
    """Rule: no REST framework text is left on a field of the request body."""
    for field in HeropafAnswerSerializer().fields.values():
        for code, text in field.error_messages.items():
            assert str(text).startswith(f"{field.label}: "), (field.label, code, text)


def test_a_page_past_the_last_is_explained_in_dutch(released, energy):
    response = _client(energy).get("/api/v1/feedback", {"page": 9})

    assert response.status_code == 404
    assert response.json() == {"detail": "Pagina 9 bestaat niet; de eerste pagina is 1."}


def test_municipal_staff_get_no_feedback_from_the_api(client, intake_user):
    client.force_login(intake_user)
    assert client.get("/api/v1/feedback").status_code == 403


def test_the_openapi_schema_documents_the_feedback_endpoints(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "since" in str(schema["paths"]["/api/v1/feedback"]["get"]["parameters"])
    assert "post" in schema["paths"]["/api/v1/heropaf-checks/{id}/answer"]
    item = schema["components"]["schemas"]["FeedbackItem"]["properties"]
    assert set(item) == set(FEEDBACK_FIELDS)


def test_the_openapi_schema_documents_both_ways_to_log_in(client, db):
    """A creditor's system uses its API key; a logged-in browser its session (cookieAuth)."""
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    assert set(schema["components"]["securitySchemes"]) == {"ApiKey", "cookieAuth"}


def test_a_heropaf_check_gives_no_klantnummer_of_an_erased_signal_and_says_it_was_removed(
    released, energy
):
    """As GET /api/v1/feedback: the keyed hash left after the retention term means nothing to
    the creditor (feedback.permitted.own_customer_number)."""
    from vroegsignaal.intake.erasure import erase_signals
    from vroegsignaal.intake.models import Signal

    check = HeropafCheck.objects.get(creditor=energy)
    HeropafCheck.objects.filter(pk=check.pk).update(asked_on=timezone.localdate())
    erased = released.signal_links.filter(signal__creditor=energy).first().signal
    erase_signals(Signal.objects.filter(pk=erased.pk))

    [listed] = _client(energy).get("/api/v1/heropaf-checks").json()

    signals = {s["signal_id"]: s for s in listed["signals"]}
    assert signals[erased.pk]["customer_number"] is None
    assert signals[erased.pk]["customer_number_removed"] is True
