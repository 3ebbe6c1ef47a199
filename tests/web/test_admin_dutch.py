"""The beheeromgeving speaks Dutch: section names, model names, field labels and columns."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Access attempts", "Access failures", "Access logs", "OTP_TOTP", "TOTP devices",
    "Tasks Database Backend", "Task Results", "Municipality", "Region", "Creditor",
    "Started at", "Finished at", "Started by", "Policy version", "Created at", "Created by",
    "Get full name", "Hashed key", "domain.md",
]  # fmt: skip


@pytest.fixture
def beheerder(client):
    user = UserFactory(administrator=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:matching_policyversion_add",
        "admin:matching_matchingrun_changelist",
        "admin:organisations_user_changelist",
        "admin:organisations_apikey_add",
        "admin:organisations_team_add",
        "admin:casework_caseworkpolicy_add",
        "admin:casework_queue_add",
        "admin:organisations_agreement_changelist",
    ],
)
def test_admin_pages_have_no_english_labels(client, beheerder, url_name):
    text = _visible_text(client.get(reverse(url_name)).content.decode())

    assert [word for word in ENGLISH if word.lower() in text.lower()] == []


def _visible_text(page: str) -> str:
    """What a reader sees: no tags, scripts or attribute values (URLs hold English names)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def test_the_third_party_sections_have_dutch_names(client, beheerder):
    page = _visible_text(client.get(reverse("admin:index")).content.decode())

    for name in ["Inlogpogingen", "Tweede inlogstap", "Authenticator-apps", "Achtergrondtaken"]:
        assert name in page


def test_the_beheeromgeving_is_named_after_the_product_not_django(client, beheerder):
    text = _visible_text(client.get(reverse("admin:index")).content.decode())

    assert "Vroegsignaal – beheer" in text
    assert "Django" not in text
