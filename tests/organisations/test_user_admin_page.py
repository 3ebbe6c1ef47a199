"""QA10 B12: the beheeromgeving's page of one user speaks plain Dutch to a functioneel
beheerder: whether a password is set (not Django's hash line with algorithm, iterations and
salt), the two dates as text, and the theme switch without 'auto'."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def change_page(client):
    def page_of(user) -> str:
        client.force_login(UserFactory(administrator=True))
        response = client.get(reverse("admin:organisations_user_change", args=[user.pk]))
        assert response.status_code == 200
        return response.content.decode()

    return page_of


def _text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_password_is_said_to_be_set_without_its_hash(change_page):
    text = _text(change_page(UserFactory(caseworker=True)))

    assert "Wachtwoord is ingesteld" in text
    assert "Nieuw wachtwoord instellen" in text  # the link to Django's set-password page
    for technical in ("pbkdf2", "algoritme", "iteraties", "salt", "hash"):
        assert technical not in text.lower(), technical


def test_a_user_without_a_usable_password_is_said_to_have_none(change_page):
    user = UserFactory(caseworker=True)
    user.set_unusable_password()
    user.save()

    text = _text(change_page(user))

    assert "Er is geen wachtwoord ingesteld" in text
    assert "Wachtwoord instellen" in text


def test_the_last_login_and_date_joined_are_shown_as_text_not_as_inputs(change_page):
    user = UserFactory(caseworker=True, last_login=timezone.now())

    page = change_page(user)

    assert 'name="last_login_0"' not in page and 'name="date_joined_0"' not in page
    text = _text(page)
    assert "Laatste aanmelding" in text and "Datum toegetreden" in text


def test_the_theme_switch_speaks_dutch(change_page):
    text = _text(change_page(UserFactory(caseworker=True)))

    assert not re.search(r"\bauto\b", text)
    assert "Kleuren wisselen (nu: zoals op uw computer)" in text
