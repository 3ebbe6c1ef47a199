"""WCAG 2.2.1 Timing Adjustable: the session ends after 30 minutes without activity, but the user
is warned first and can stay logged in with one button; after a timeout the log-in page says why
and still brings the user back (?next=)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

TIMEOUT_TEXT = "U bent uitgelogd omdat u 30 minuten niets deed"


@pytest.fixture
def caseworker_client(client, db):
    client.force_login(UserFactory(caseworker=True))
    return client


def _let_the_session_expire(client):
    # The browser drops the session cookie at its Max-Age (SESSION_COOKIE_AGE after the last
    # request); the server has then forgotten the session too.
    del client.cookies[settings.SESSION_COOKIE_NAME]


def test_the_idle_time_is_30_minutes_by_default_and_configurable():
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_WARNING_SECONDS == 120
    from vroegsignaal.conf import env

    assert env("SESSION_IDLE_MINUTES") == "30"


def test_every_page_of_a_logged_in_user_carries_the_warning_as_a_static_script(caseworker_client):
    html = caseworker_client.get(reverse("web:start")).content.decode()
    assert 'role="alertdialog"' in html and 'data-session-seconds="1800"' in html
    assert "U wordt over 2 minuten uitgelogd" in html and "Ingelogd blijven" in html
    assert "web/session-timeout.js" in html
    # The Content-Security-Policy allows no inline script.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_the_log_in_page_carries_no_warning(client, db):
    assert "alertdialog" not in client.get(reverse("web:login")).content.decode()


def test_staying_logged_in_is_one_post_that_renews_the_session(caseworker_client):
    caseworker_client.get(reverse("web:start"))
    response = caseworker_client.post(reverse("web:extend_session"))
    assert response.status_code == 204
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60
    assert caseworker_client.get(reverse("web:extend_session")).status_code == 405


def test_staying_logged_in_after_the_session_ended_is_refused(client, db):
    response = client.post(reverse("web:extend_session"))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


def test_after_a_timeout_the_log_in_page_says_why_and_keeps_next(caseworker_client):
    caseworker_client.get(reverse("web:start"))
    _let_the_session_expire(caseworker_client)
    search = reverse("casework:search")
    response = caseworker_client.get(search)
    assert response.status_code == 302
    login_page = caseworker_client.get(response["Location"]).content.decode()
    assert TIMEOUT_TEXT in login_page
    assert f'name="next" value="{search}"' in login_page
    # Said once: the next visit of the log-in page is an ordinary one.
    assert TIMEOUT_TEXT not in caseworker_client.get(reverse("web:login")).content.decode()


def test_logging_out_yourself_gives_no_timeout_message(caseworker_client):
    caseworker_client.get(reverse("web:start"))
    caseworker_client.post(reverse("web:logout"))
    assert TIMEOUT_TEXT not in caseworker_client.get(reverse("web:login")).content.decode()


def test_a_first_visit_of_the_log_in_page_gives_no_timeout_message(client, db):
    assert TIMEOUT_TEXT not in client.get(reverse("web:login")).content.decode()
