"""On a phone (390 px wide, e.g. during a home visit) no page scrolls sideways: a wide table
scrolls inside its own container and the rest of the page stays readable."""

import pytest
from playwright.sync_api import expect

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def test_werkbakjes_melding_search_and_print_batch_fit_a_phone(page, login_as, assert_accessible):
    caseworker = UserFactory(caseworker=True, first_name="Cas", last_name="Werker")
    melding = MeldingFactory(
        municipality=caseworker.municipality, state="assigned", assigned_to=caseworker
    )
    page.set_viewport_size(PHONE)
    login_as(page, caseworker)

    for url in ("/werk/", f"/werk/melding/{melding.pk}/", "/werk/zoeken/?q=7511",
                "/brieven/printopdracht/"):  # fmt: skip
        page.goto(url)
        assert page.locator("table").count() > 0, url
        assert not scrolls_sideways(page), f"{url} scrolt zijwaarts op een telefoon"
        # A table that scrolls in its box can be reached and scrolled with the keyboard.
        assert_accessible(page)


@pytest.fixture
def werkbakjes_on_a_phone(page, login_as):
    """A caseworker's werkbakjes with one melding, on a phone."""
    caseworker = UserFactory(caseworker=True)
    MeldingFactory(municipality=caseworker.municipality, state="assigned", assigned_to=caseworker)
    login_as(page, caseworker)
    page.set_viewport_size(PHONE)
    page.goto("/werk/")
    return page


def test_a_wide_tables_caption_stays_within_a_phone_screen_while_the_table_scrolls(
    werkbakjes_on_a_phone,
):
    page = werkbakjes_on_a_phone
    box = page.locator(".utrecht-table-container").last
    caption = box.locator("caption")
    assert page.evaluate("b => b.scrollWidth > b.clientWidth", box.element_handle())

    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    shown = caption.bounding_box()
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= PHONE["width"], shown


def test_a_date_in_a_narrow_table_column_stays_on_one_line(werkbakjes_on_a_phone):
    page = werkbakjes_on_a_phone
    dates = page.locator("td time")
    assert dates.count() > 0
    # An inline element broken over two lines has two boxes ('26-11-' and '2026').
    assert dates.evaluate_all("all => all.map(t => t.getClientRects().length)") == [1] * (
        dates.count()
    )


def test_a_scrolling_table_is_a_keyboard_region_only_while_it_overflows(werkbakjes_on_a_phone):
    page = werkbakjes_on_a_phone
    box = page.locator(".utrecht-table-container").last
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    assert box.get_attribute("aria-label").startswith("Meldingen")

    page.set_viewport_size({"width": 1600, "height": 900})
    expect(box).not_to_have_attribute("tabindex", "0")


def test_the_api_page_for_creditor_staff_passes_the_axe_check_on_a_phone(
    page, login_as, assert_accessible
):
    from tests.factories import enschede_with_energy_agreement
    from vroegsignaal.organisations.services import create_api_key

    creditor = enschede_with_energy_agreement()[1]
    create_api_key(creditor, "Incassosysteem")
    staff = UserFactory(creditor_staff=True, creditor=creditor)
    page.set_viewport_size(PHONE)
    login_as(page, staff)

    page.get_by_role("link", name="API", exact=True).click()

    assert page.get_by_role("heading", level=1).inner_text() == "API voor uw incassosysteem"
    assert not scrolls_sideways(page)
    assert_accessible(page)


def test_an_accepted_delivery_badge_is_readable(page, login_as, assert_accessible):
    """The theme's green 'Geaccepteerd' badge had white text at 2.8:1 contrast (WCAG 1.4.3)."""
    import datetime as dt

    from tests.factories import enschede_with_energy_agreement
    from tests.matching.test_match_period import record
    from vroegsignaal.intake.services import ingest_records

    creditor = enschede_with_energy_agreement()[1]
    ingest_records(creditor, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    login_as(page, UserFactory(creditor_staff=True, creditor=creditor))

    page.goto("/aanleveren/aanleveringen/")

    expect(page.locator(".utrecht-status-badge--success")).to_have_text("Geaccepteerd")
    assert_accessible(page)
