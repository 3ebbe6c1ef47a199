"""Error pages speak Dutch and say what to do, as every other page (DEBUG is off in tests,
as in production)."""

from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults

from tests.factories import UserFactory


def test_a_missing_page_says_so_in_dutch(client, db):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_a_server_error_says_in_dutch_what_to_do_and_whom_to_tell(db):
    response = defaults.server_error(RequestFactory().get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="nl"' in html
    assert "Er ging iets mis" in html and "functioneel beheerder" in html


def test_a_bad_request_says_so_in_dutch(db):
    response = defaults.bad_request(RequestFactory().get("/"), exception=None)

    assert response.status_code == 400
    assert "Verzoek niet begrepen" in response.content.decode()


def test_an_expired_form_says_it_was_not_saved_and_how_to_go_on(db):
    """A form sent after the session ended fails the CSRF check; Django's own page is English
    and speaks of tokens."""
    user = UserFactory(caseworker=True)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)

    response = browser.post(reverse("web:logout"))

    html = response.content.decode()
    assert response.status_code == 403
    assert "Formulier verlopen" in html and "niet opgeslagen" in html
    assert "CSRF" not in html


def test_opening_a_form_only_address_in_the_browser_shows_a_dutch_page(client, db):
    """Log out only takes a POST; opened from the browser's history it answered an empty 405."""
    user = UserFactory(caseworker=True)
    client.force_login(user)

    response = client.get(reverse("web:logout"))

    html = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "POST, OPTIONS"
    assert "Deze pagina opent u niet los" in html and "Er is niets gewijzigd" in html
