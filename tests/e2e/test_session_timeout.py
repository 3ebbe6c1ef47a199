"""WCAG 2.2.1 Timing Adjustable in Chromium: before an idle session ends a dialog warns, one
keyboard press keeps the user logged in without losing what was typed, and after the end the
log-in page says why and leads back. The session is shortened to seconds (SESSION_COOKIE_AGE,
SESSION_WARNING_SECONDS) so the test waits seconds, not half an hour."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def test_the_session_warning_keeps_the_typed_text_and_the_log_in_page_says_why(
    page, login_as, assert_accessible, settings, db
):
    user = UserFactory(caseworker=True)
    login_as(page, user)
    settings.SESSION_COOKIE_AGE = 8
    settings.SESSION_WARNING_SECONDS = 6
    page.goto("/account/wachtwoord/")
    typed = page.get_by_label("Huidig wachtwoord")
    typed.fill("half ingevuld")

    warning = page.get_by_role("alertdialog", name="U wordt over 6 seconden uitgelogd")
    expect(warning).to_be_visible(timeout=8_000)
    stay = warning.get_by_role("button", name="Ingelogd blijven")
    expect(stay).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()
    expect(typed).to_be_focused()
    expect(typed).to_have_value("half ingevuld")

    # No answer this time: the session ends and the log-in page says why.
    expect(warning).to_be_visible(timeout=8_000)
    expect(page).to_have_url(
        re.compile(r"/inloggen/\?next=%2Faccount%2Fwachtwoord%2F"), timeout=10_000
    )
    expect(page.get_by_test_id("sessie-verlopen")).to_contain_text(
        "U bent uitgelogd omdat u 8 seconden niets deed"
    )
    assert_accessible(page)
    settings.SESSION_COOKIE_AGE = 30 * 60
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord wijzigen")
