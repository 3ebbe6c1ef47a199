"""Nothing behind the login is kept by a browser or proxy: `Cache-Control: no-store, private`
on every page, download and API answer for a logged-in user or a partner's system (QA15 B10;
OWASP ASVS 8.2.1, BIO 8.3/13.2: shared workstations of the municipality)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import CreditorFactory, UserFactory
from vroegsignaal.organisations.services import create_api_key

LOGIN_PAGE_CACHE_CONTROL = {"max-age=0", "no-cache", "no-store", "must-revalidate", "private"}


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def _kept_by_no_one(response) -> bool:
    return {"no-store", "private"} <= _directives(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("caseworker", "/werk/", 200),
        ("intake", "/matching/", 200),
        ("creditor_staff", "/terugkoppeling/terugkoppeling.csv", 200),
        ("creditor_staff", "/terugkoppeling/terugkoppeling.xlsx", 200),
        ("creditor_staff", "/aanleveren/aanleveringen/", 200),
        ("privacy_officer", "/privacy/auditlog.csv", 200),
        ("creditor_staff", "/werk/", 403),  # a refusal names the page, so it is not kept either
        ("caseworker", "/werk/melding/1/", 404),
    ],
)
def test_every_answer_to_a_logged_in_user_is_kept_by_no_one(client, role, path, status):
    client.force_login(UserFactory(**{role: True}))

    response = client.get(path)

    assert response.status_code == status
    assert _kept_by_no_one(response), response.get("Cache-Control")


@pytest.mark.django_db
def test_a_pdf_download_is_kept_by_no_one(client):
    client.force_login(UserFactory(project_leader=True))

    response = client.get(reverse("monitoring:quarterly"), {"kwartaal": "2026q4"})

    assert response["Content-Type"] == "application/pdf"
    assert _kept_by_no_one(response)


@pytest.mark.django_db
def test_an_api_answer_to_a_partners_system_is_kept_by_no_one():
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {create_api_key(CreditorFactory(), 'koppeling')}")

    response = api.get("/api/v1/feedback")

    assert response.status_code == 200
    assert _kept_by_no_one(response)


@pytest.mark.django_db
def test_the_login_page_keeps_its_own_cache_control(client):
    response = client.get(reverse("web:login"))

    assert _directives(response) == LOGIN_PAGE_CACHE_CONTROL
