"""GET /api/v1/feedback and the heropaf endpoints for creditor systems with their API key."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from vroegsignaal.feedback.api import FeedbackPagination
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


def test_another_creditors_heropaf_check_is_not_found_through_the_api(released, energy, water):
    HeropafCheck.objects.update(asked_on=timezone.localdate())
    check = HeropafCheck.objects.get(creditor=water)
    response = _client(energy).post(
        f"/api/v1/heropaf-checks/{check.pk}/answer", {"answer": "ja"}, format="json"
    )
    assert response.status_code == 404
    check.refresh_from_db()
    assert check.answer == ""


def test_an_invalid_heropaf_answer_is_explained(released, energy):
    HeropafCheck.objects.update(asked_on=timezone.localdate())
    check = HeropafCheck.objects.get(creditor=energy)
    response = _client(energy).post(
        f"/api/v1/heropaf-checks/{check.pk}/answer", {"answer": "misschien"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["answer"] == ["Antwoord: kies 'ja' of 'nee'."]


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
