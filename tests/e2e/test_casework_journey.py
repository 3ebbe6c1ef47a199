"""Journeys through casework: the meldpunt assigns, the caseworker tries three times, talks,
makes a plan, refers and closes with a result; later a heropaf reopens the melding. Every page
on the way passes the axe check."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.casework.factories import MeldingFactory
from tests.e2e.navigation import follow
from tests.factories import UserFactory, enschede_with_energy_agreement
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation
from vroegsignaal.casework.heropaf import schedule_heropaf
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat

pytestmark = pytest.mark.e2e


@pytest.fixture
def enschede():
    municipality, _ = enschede_with_energy_agreement()
    return municipality


@pytest.fixture
def intake_user(enschede):
    return UserFactory(intake=True, municipality=enschede, first_name="Ina", last_name="Take")


@pytest.fixture
def caseworker(enschede):
    return UserFactory(caseworker=True, municipality=enschede, first_name="Cas", last_name="Werker")


def _open_melding(page, melding):
    page.goto(f"/werk/melding/{melding.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Melding VS-{melding.pk}:")


def _save(page, message):
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(message)


def _missed_attempt(page, assert_accessible, kind, day, moment):
    follow(page.get_by_role("link", name="Contactpoging vastleggen"))
    assert_accessible(page)
    page.get_by_label("Contactsoort").select_option(kind)
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Tijd").fill(moment)
    page.get_by_role("group", name="Inwoner bereikt?").get_by_label("Nee").check()
    _save(page, "De contactpoging is vastgelegd.")


def test_intake_assigns_caseworker_tries_three_times_talks_plans_refers_and_closes(
    page, login_as, assert_accessible, enschede, intake_user, caseworker, browser, live_server
):
    melding = MeldingFactory(municipality=enschede, street="Oldenzaalsestraat", house_number=7)

    login_as(page, intake_user)
    page.goto("/werk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkbakjes")
    assert_accessible(page)
    page.get_by_label(f"Melding VS-{melding.pk} kiezen").check()
    page.get_by_label("Gekozen meldingen toewijzen aan").select_option(
        label="Cas Werker (uitvoerder)"
    )
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_role("status")).to_contain_text("1 melding toegewezen aan Cas Werker")

    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    login_as(page, caseworker)
    page.goto("/werk/?toegewezen=mine")
    follow(page.get_by_role("link", name="Oldenzaalsestraat 7, 7511AB"))
    expect(page.get_by_test_id("toegewezen")).to_have_text("Cas Werker")
    assert_accessible(page)

    _missed_attempt(page, assert_accessible, "Huisbezoek", "2026-11-03", "19:15")
    # The button names the dagdeel too (two missed visits on one day get two buttons).
    page.get_by_role(
        "button", name=re.compile("^Kaartje achtergelaten na huisbezoek van 03-11-2026")
    ).click()
    expect(page.get_by_role("status")).to_contain_text("Het kaartje is vastgelegd")
    _missed_attempt(page, assert_accessible, "Telefoon", "2026-11-05", "10:00")
    _missed_attempt(page, assert_accessible, "Brief", "2026-11-06", "14:00")
    expect(page.get_by_role("table", name="Contactpogingen, oudste eerst")).to_contain_text("Avond")
    expect(page.get_by_text("Na 3 mislukte contactpogingen")).to_be_visible()
    assert_accessible(page)

    follow(page.get_by_role("link", name="Gesprek vastleggen"))
    assert_accessible(page)
    page.get_by_label("Datum gesprek").fill("2026-11-10")
    page.get_by_role("group", name="Hulp aangeboden").get_by_label("Ja").check()
    page.get_by_role("group", name="Hulp geaccepteerd").get_by_label("Ja").check()
    page.get_by_label("Globale oorzaak van de achterstand").select_option(label="Inkomensdaling")
    page.get_by_label("Huurtoeslag").select_option(label="Nu aangevraagd")
    _save(page, "Het gesprek is vastgelegd.")
    expect(page.get_by_test_id("fase")).to_have_text("In gesprek")

    follow(page.get_by_role("link", name="Budgetscan"))
    assert_accessible(page)
    page.get_by_role("group", name="Soort").get_by_label("Inkomsten").check()
    page.get_by_label("Omschrijving").fill("Uitkering")
    page.get_by_label("Bedrag per maand (euro)").fill("1.250,50")
    _save(page, "De regel is toegevoegd aan de budgetscan.")
    expect(page.get_by_test_id("saldo")).to_have_text("€ 1.250,50")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Terug naar de melding"))

    follow(page.get_by_role("link", name="Plan van aanpak"))
    assert_accessible(page)
    page.get_by_label("Afspraak over de lopende betalingen aan Energie Oost").fill(
        "Termijnbedrag weer per automatische incasso"
    )
    page.get_by_role("group", name="Ruimte om de achterstand af te lossen").get_by_label(
        "Ja"
    ).check()
    page.get_by_role("group", name="Problematische schulden").get_by_label("Nee").check()
    _save(page, "Het plan van aanpak is vastgelegd.")

    follow(page.get_by_role("link", name="Verwijzen"))
    assert_accessible(page)
    page.get_by_label("Verwijzen naar").select_option(label="Budgetcoaching")
    page.get_by_label("Datum warme overdracht").fill("2026-11-17")
    _save(page, "De verwijzing is vastgelegd.")
    expect(page.get_by_test_id("fase")).to_have_text("Doorverwezen")

    follow(page.get_by_role("link", name="Afsluiten met eindresultaat"))
    assert_accessible(page)
    page.get_by_label("Eindresultaat").select_option(Eindresultaat.VERWIJZING_FINANCIEEL)
    _save(page, "De melding is afgesloten.")
    expect(page.get_by_test_id("eindresultaat")).to_contain_text("financieel")
    expect(page.get_by_test_id("signaalstatus")).to_have_text("Opgepakt")
    expect(page.get_by_test_id("tijdlijn")).to_contain_text("Toegewezen aan Cas Werker")
    assert_accessible(page)
    context.close()


def test_heropaf_puts_the_melding_back_in_the_queue_and_reopens_it(
    page, login_as, assert_accessible, enschede, caseworker
):
    # Matched a year ago, so its heropaf (six months after informing the creditor) is due.
    melding = MeldingFactory(
        municipality=enschede, street="Hengelosestraat", house_number=3,
        period_start=dt.date(2025, 10, 1), period_end=dt.date(2025, 10, 31),
        matched_on=dt.date(2025, 11, 3),
    )  # fmt: skip
    # Advice needs a conversation in which help was accepted (casework.results).
    assign(melding, caseworker, caseworker, melding.version)
    record_conversation(
        melding, caseworker, melding.version, held_on=dt.date(2025, 11, 10),
        help_offered="ja", help_accepted="ja", cause="inkomensdaling",
    )  # fmt: skip
    close_with_result(melding, caseworker, melding.version, Eindresultaat.ADVIES_QUICK_FIX)
    schedule_heropaf(melding, dt.date(2026, 1, 15))

    login_as(page, caseworker)
    page.goto("/werk/?werkbakje=heropaf")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Hengelosestraat 3, 7511AB"))
    page.get_by_role("button", name="Betalingen lopen niet: heropenen").click()

    expect(page.get_by_role("status")).to_contain_text("heropend voor een nieuwe contactronde")
    expect(page.get_by_test_id("fase")).to_have_text("Heropend (heropaf)")
    assert_accessible(page)
    assert Melding.objects.get(pk=melding.pk).contact_round == 2


# Each visible word of each table cell, measured on one line, fits inside its cell: no word is
# broken. Returns the words that do not fit.
WORDS_BROKEN_IN_CELLS = """() => [...document.querySelectorAll('th, td')].flatMap(cell => {
  const style = getComputedStyle(cell);
  const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  const visible = [];
  while (walker.nextNode()) {
    if (!walker.currentNode.parentElement.closest('.visually-hidden')) {
      visible.push(walker.currentNode.textContent);
    }
  }
  return visible.join(' ').split(/\\s+/).filter(Boolean).filter(word => {
    const probe = document.createElement('span');
    probe.textContent = word;
    probe.style.whiteSpace = 'nowrap';
    cell.appendChild(probe);
    const wide = probe.getBoundingClientRect().width > room + 0.5;
    probe.remove();
    return wide;
  });
})"""


LINES_OF_TEXT = """cell => {
  const text = document.createRange();
  text.selectNodeContents(cell);
  return new Set([...text.getClientRects()].map(rect => Math.round(rect.top))).size;
}"""


def test_the_worklist_at_1280_pixels_breaks_no_word_and_keeps_amounts_whole(
    page, login_as, enschede, intake_user
):
    # As in the demo: many flags and partner types and a long name squeeze the other columns.
    colleague = UserFactory(
        caseworker=True, municipality=enschede, first_name="Joost", last_name="Oude Egbrink"
    )
    for number in range(1, 4):
        MeldingFactory(
            municipality=enschede, street="Isabellaboulevard", house_number=number,
            total_amount_cents=347390, partner_types=["Energie", "Huur", "Water", "Zorg"],
            is_multiple=True, is_consecutive=True, is_warm_handover=True, crisis=True,
            assigned_to=colleague, state="assigned",
        )  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 900})

    login_as(page, intake_user)
    page.goto("/werk/")

    assert page.evaluate(WORDS_BROKEN_IN_CELLS) == []
    amount = page.get_by_role("cell", name="€ 3.473,90").first
    assert amount.evaluate(LINES_OF_TEXT) == 1


def test_action_buttons_are_not_shown_as_a_bulleted_list(page, login_as, enschede, caseworker):
    melding = MeldingFactory(municipality=enschede, assigned_to=caseworker, state="assigned")

    login_as(page, caseworker)
    _open_melding(page, melding)
    bullets = page.locator(".utrecht-button-group > li").evaluate_all(
        "items => items.map(item => getComputedStyle(item).listStyleType)"
    )

    assert bullets and set(bullets) == {"none"}


def test_casework_pages_apply_no_inline_style_under_the_content_security_policy(
    browser, live_server, login_as, enschede, intake_user
):
    # Without bypass_csp: the browser enforces the policy and reports what it blocks.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text))
    melding = MeldingFactory(municipality=enschede)

    login_as(page, intake_user)
    for path in (f"/werk/melding/{melding.pk}/", "/werk/", "/brieven/teksten/eerste_brief/"):
        page.goto(path, wait_until="load")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
    context.close()

    assert [text for text in blocked if "Content Security Policy" in text] == []


def test_a_resident_calls_back_with_the_kenmerk_and_the_caseworker_finds_the_closed_melding(
    page, login_as, assert_accessible, enschede, caseworker
):
    melding = MeldingFactory(municipality=enschede, street="Kuipersdijk", house_number=4)
    # 'Geen contact' after the uitvoeringsnorm's three failed attempts (casework.results).
    assign(melding, caseworker, caseworker, melding.version)
    for _ in range(3):
        record_contact_attempt(
            melding, caseworker, melding.version, kind=Contactsoort.TELEFOON,
            attempted_on=melding.matched_on, part_of_day=Dagdeel.OCHTEND, reached=False,
        )  # fmt: skip
    close_with_result(melding, caseworker, melding.version, Eindresultaat.GEEN_CONTACT)

    login_as(page, caseworker)
    page.goto("/werk/")
    follow(page.get_by_role("link", name="Zoeken"))
    assert_accessible(page)
    page.get_by_label("Kenmerk, adres of achternaam").fill(f"vs {melding.pk}")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("1 melding gevonden")
    assert_accessible(page)
    follow(page.get_by_role("link", name=f"VS-{melding.pk}"))
    expect(page.get_by_test_id("kenmerk")).to_contain_text(f"VS-{melding.pk}")
    expect(page.get_by_test_id("eindresultaat")).to_contain_text("Definitief geen contact")
