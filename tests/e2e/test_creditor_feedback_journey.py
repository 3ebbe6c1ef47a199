"""Journey: a creditor delivers a file and sees the rejected rows; after matching sees the
go/no-go, after the casework the outcome, and months later answers the heropaf check with 'no'.
Every page on the way passes the axe check."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.navigation import follow
from tests.factories import UserFactory, enschede_with_energy_agreement
from tests.feedback import scenario
from tests.web.delivery_files import delivery_csv, messy_rows
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Melding
from vroegsignaal.feedback.models import HeropafCheck
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.e2e


@pytest.fixture
def parties():
    municipality, creditor = enschede_with_energy_agreement()
    staff = UserFactory(creditor_staff=True, creditor=creditor, email="fatima@energie-oost.nl")
    caseworker = UserFactory(caseworker=True, municipality=municipality, last_name="Werkman")
    return municipality, creditor, staff, caseworker


def _upload(page, content: bytes) -> None:
    page.goto("/aanleveren/")
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(
        files=[{"name": "november.csv", "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Aanleveren").click()


def _signal_row(page, customer: str):
    table = page.get_by_role("table", name="Signalen van Energie Oost met terugkoppeling")
    return table.get_by_role("row").filter(has_text=customer)


def test_creditor_follows_a_signal_from_delivery_to_heropaf(
    page, parties, login_as, assert_accessible, live_server
):
    municipality, creditor, staff, caseworker = parties
    login_as(page, staff)
    _upload(page, delivery_csv(messy_rows()))
    errors = page.get_by_role("table", name="Redenen van weigering per rij")
    expect(errors).to_contain_text("is geen geldige postcode")

    signal = Signal.objects.get(creditor=creditor, customer_number="K001")
    match_period(municipality, f"{signal.signal_date:%Y-%m}")
    release_due_feedback(live_server.url)
    page.goto("/terugkoppeling/")
    expect(_signal_row(page, "K001")).to_contain_text("Opgepakt")
    assert_accessible(page)

    melding = signal.melding_link.melding
    # Matching ran today; the scenario's casework has fixed days, which may not lie before the
    # melding existed, so the melding counts as matched on the day of the conversation.
    Melding.objects.filter(pk=melding.pk).update(matched_on=scenario.CONVERSATION_DAY)
    melding.refresh_from_db()
    scenario.work_and_close(melding, caseworker, [creditor])
    release_due_feedback(live_server.url)
    page.goto("/terugkoppeling/")
    page.get_by_label("Klantnummer").fill("k001")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("main")).to_contain_text("1 signaal bij deze zoekopdracht")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    follow(_signal_row(page, "K001").get_by_role("link", name="K001"))
    outcome = page.get_by_test_id("uitkomst")
    expect(outcome).to_contain_text("Inkomensdaling")
    expect(outcome).to_contain_text(scenario.OWN_PAYMENTS)
    expect(page.locator("main")).not_to_contain_text(scenario.CONVERSATION_NOTE)
    expect(page.locator("main")).not_to_contain_text("Werkman")
    assert_accessible(page)

    check = HeropafCheck.objects.get(melding=melding, creditor=creditor)
    HeropafCheck.objects.filter(pk=check.pk).update(asked_on=timezone.localdate())
    page.get_by_role("navigation", name="Terugkoppeling").get_by_role(
        "link", name="Heropafvragen"
    ).click()
    open_questions = page.get_by_role("table", name="Open heropafvragen, de eerst te beantwoorden")
    # The klantnummer opens the question, in the first column: on a phone it is in sight.
    page.set_viewport_size({"width": 390, "height": 844})
    link = open_questions.get_by_role("link", name="K001")
    shown = link.bounding_box()
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= 390, shown
    assert_accessible(page)
    follow(link)
    assert_accessible(page)
    page.get_by_label("Nee, de betalingen lopen niet").check()
    page.get_by_label("Bedrag nog open in euro (niet verplicht)").fill("412,50")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Uw antwoord op heropafvraag {check.pk} (K001) is opgeslagen: Nee"
    )
    assert_accessible(page)
    melding.refresh_from_db()
    assert melding.state == State.REOPENED
