"""The pages of this session's features pass the axe check in Chromium: one's own password, a
forgotten password, the Dutch error pages, Zoeken and the reference lists."""

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def intake_user(db):
    return UserFactory(intake=True, first_name="Ina", last_name="Take")


def test_password_pages_pass_the_axe_check_and_a_weak_password_is_explained(
    page, login_as, assert_accessible, intake_user
):
    login_as(page, intake_user)
    page.get_by_role("link", name="Wachtwoord wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord wijzigen")
    assert_accessible(page)
    page.get_by_label("Huidig wachtwoord").fill("fout")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("kort")
    page.get_by_label("Nieuw wachtwoord nog een keer").fill("kort")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(page.locator("main")).to_contain_text("te kort: gebruik minstens 12 tekens")
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto("/inloggen/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill("niemand@example.org")
    page.get_by_role("button", name="Link versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    assert_accessible(page)
    page.goto("/inloggen/nieuw-wachtwoord/MQ/onjuist/")
    expect(page.get_by_test_id("link-ongeldig")).to_contain_text("Deze link werkt niet meer")
    assert_accessible(page)


def test_error_pages_search_and_reference_lists_pass_the_axe_check(
    page, login_as, assert_accessible, intake_user
):
    login_as(page, intake_user)
    page.goto("/bestaat-niet/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    assert_accessible(page)
    page.goto("/uitloggen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina opent u niet los")
    assert_accessible(page)

    page.goto("/werk/zoeken/?q=x")
    expect(page.get_by_test_id("zoekfout")).to_contain_text("minstens 2 letters")
    assert_accessible(page)

    page.goto("/matching/")
    page.get_by_role("link", name="Klantenlijst en BRP-uittreksel").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Klantenlijst en BRP-uittreksel")
    assert_accessible(page)
