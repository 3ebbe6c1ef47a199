"""The outcome tells the creditor whether the municipality had contact with its customer
(QA9 B4): that decides whether it resumes collection, and the resident's inzage promises it."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from vroegsignaal.casework.models import YesNoUnknown
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.organisations.services import create_api_key
from vroegsignaal.privacy.inzage_document import feedback_block

NO_CONTACT = "Nee, geen contact gekregen (3 pogingen)"
WHY_UNKNOWN = (
    "Zonder contact weet de gemeente niet wat de oorzaak van de achterstand is en hoe het "
    "ervoor staat."
)


@pytest.fixture
def without_contact(enschede, energy, caseworker):
    """Energie Oost's signal of a melding closed as 'Definitief geen contact kunnen krijgen'
    after three missed home visits, its outcome released."""
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 2))
    scenario.try_and_close_without_contact(melding, caseworker)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    return melding.signal_links.get().signal


@pytest.fixture
def with_contact(enschede, energy, water, caseworker):
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 2))
    scenario.work_and_close(melding, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    return melding.signal_links.get(signal__creditor=energy).signal


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _api_items(creditor) -> list[dict]:
    """The feedback items the creditor's system reads through the API."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {create_api_key(creditor, 'koppeling')}")
    return client.get("/api/v1/feedback").json()["results"]


def _outcome_rows(page: str) -> dict[str, str]:
    """The outcome's rows as the creditor reads them: label → value."""
    outcome = page.split('data-testid="uitkomst"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>", outcome)
    return {page_text(label): page_text(value) for label, value in pairs}


def test_an_outcome_without_contact_says_so_with_the_attempts_instead_of_unknowns(
    client, without_contact, energy_staff
):
    page = _page(client, energy_staff, reverse("feedback:signal", args=[without_contact.pk]))
    rows = _outcome_rows(page)
    del rows["Vrijgegeven op"]
    # Without contact nothing was asked: no row reads as 'not filled in yet'.
    assert rows == {"Datum uitkomst": "20-11-2026", "Contact met de klant": NO_CONTACT}
    assert WHY_UNKNOWN in page_text(page)


def test_an_outcome_after_contact_says_there_was_contact_beside_what_was_agreed(
    client, with_contact, energy_staff
):
    page = _page(client, energy_staff, reverse("feedback:signal", args=[with_contact.pk]))
    rows = _outcome_rows(page)
    assert rows["Contact met de klant"] == "Ja, de gemeente heeft contact gehad met de klant"
    assert rows["Afspraak over de lopende betalingen"] == scenario.OWN_PAYMENTS
    assert WHY_UNKNOWN not in page_text(page)


def test_the_list_marks_the_outcome_date_of_a_signal_without_contact(
    client, without_contact, energy_staff
):
    listing = page_text(_page(client, energy_staff, reverse("feedback:signals")))
    assert "20-11-2026 (geen contact)" in listing


def test_the_download_says_whether_there_was_contact_after_the_older_columns(
    client, without_contact, energy_staff
):
    """Added last in November 2026; only the municipality (27-11-2026) came after it."""
    client.force_login(energy_staff)
    response = client.get(reverse("feedback:download", args=["xlsx"]))
    header, row = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    assert header[-2:] == ("Contact met de klant", "Gemeente")
    assert row[-2] == NO_CONTACT
    values = dict(zip(header, row, strict=True))
    # What was never asked is left empty, not 'Onbekend'.
    for column in ("Globale oorzaak", "Perspectief"):
        assert values[column] is None, column


def test_the_api_outcome_says_whether_there_was_contact_and_after_how_many_attempts(
    without_contact, energy
):
    go, outcome = _api_items(energy)
    assert (outcome["contact_made"], outcome["contact_attempts"]) == (False, 3)
    assert go["contact_made"] is go["contact_attempts"] is None


def test_without_contact_the_api_leaves_out_what_was_never_asked_as_the_portal_does(
    client, without_contact, energy, energy_staff
):
    """QA10 B10: the API said perspective 'onbekend' where portal and download leave it out.
    Nobody asked, so like cause it is null, not 'onbekend' (which says the
    caseworker asked and could not tell)."""
    _, outcome = _api_items(energy)

    assert outcome["help_accepted"] is outcome["cause"] is outcome["perspective"] is None
    page = _page(client, energy_staff, reverse("feedback:signal", args=[without_contact.pk]))
    assert "Perspectief" not in _outcome_rows(page)


def test_an_outcome_released_with_perspective_onbekend_without_contact_reads_as_left_out(
    without_contact, energy
):
    """Outcomes released before QA10 B10 stored 'onbekend'; the API now reads them as the
    portal always did."""
    told = SignalFeedback.objects.get(signal=without_contact, kind=FeedbackKind.OUTCOME)
    told.content["perspective"] = "onbekend"
    told.save()

    _, outcome = _api_items(energy)

    assert outcome["perspective"] is None


def test_after_contact_an_unknown_perspective_is_still_onbekend(enschede, energy, caseworker):
    """With contact the caseworker asked: 'onbekend' then says the answer is not known."""
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 2))
    scenario.work_and_close(melding, caseworker, [energy])
    melding.plans.update(problematic_debts=YesNoUnknown.UNKNOWN)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))

    _, outcome = _api_items(energy)

    assert (outcome["contact_made"], outcome["perspective"]) == (True, "onbekend")


def test_an_outcome_released_before_contact_was_told_shows_no_contact_row(
    client, with_contact, energy_staff
):
    told = SignalFeedback.objects.get(signal=with_contact, kind=FeedbackKind.OUTCOME)
    del told.content["contact_made"], told.content["contact_attempts"]
    told.save()
    page = _page(client, energy_staff, reverse("feedback:signal", args=[with_contact.pk]))
    rows = _outcome_rows(page)
    assert "Contact met de klant" not in rows
    assert rows["Globale oorzaak"] == "Inkomensdaling"


def test_the_residents_inzage_says_whether_the_creditor_heard_there_was_contact(
    without_contact,
):
    told = SignalFeedback.objects.get(signal=without_contact, kind=FeedbackKind.OUTCOME)
    rows = dict(feedback_block(told).rows)
    assert rows["de gemeente heeft contact met u gehad"] == "Nee"
    assert rows["aantal keren dat de gemeente contact met u zocht"] == "3"
