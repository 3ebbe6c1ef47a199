"""The creditor no longer hears whether the resident accepted the municipality's help (QA12
B14): domain.md step 8 limits the outcome to the arrears (cause, ongoing payments,
perspective). Whether there was contact and the outcome's date stay: they let the creditor
resume. Released feedback is never modified, so an outcome told before is hidden when shown."""

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from tests.privacy.test_access_request import pdf_text
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.organisations.services import create_api_key
from vroegsignaal.privacy.inzage import PersonQuery, find, render_pdf
from vroegsignaal.privacy.inzage_document import feedback_block

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
BSN = "123456782"


@pytest.fixture
def helped(enschede, energy, caseworker):
    """Energie Oost's signal of a melding closed after a conversation in which the resident
    accepted help, its outcome released."""
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 2))
    scenario.work_and_close(melding, caseworker, [energy])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    return melding.signal_links.get().signal


@pytest.fixture
def told_before(helped):
    """The same outcome as released before 27 November 2026, which still said 'ja'."""
    told = SignalFeedback.objects.get(signal=helped, kind=FeedbackKind.OUTCOME)
    told.content["help_accepted"] = "ja"
    told.save()
    return helped


def _outcome(signal) -> SignalFeedback:
    return SignalFeedback.objects.get(signal=signal, kind=FeedbackKind.OUTCOME)


def _signal_page(client, user, signal) -> str:
    client.force_login(user)
    page = client.get(reverse("feedback:signal", args=[signal.pk])).content.decode()
    return " ".join(page_text(page).split())


def _download(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("feedback:download", args=["xlsx"]))
    header, row = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    return {"header": header, "row": row}


def _api_outcome(creditor) -> dict:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {create_api_key(creditor, 'koppeling')}")
    return client.get("/api/v1/feedback").json()["results"][-1]


def test_a_new_outcome_after_help_was_accepted_stores_no_help_accepted(helped):
    assert "help_accepted" not in _outcome(helped).content


def test_the_portal_shows_no_hulp_geaccepteerd_after_help_was_accepted(
    client, helped, energy_staff
):
    page = _signal_page(client, energy_staff, helped)
    assert "Hulp geaccepteerd" not in page
    # What lets the creditor resume stays.
    assert "Ja, de gemeente heeft contact gehad met de klant" in page
    assert "Datum uitkomst" in page and "20-11-2026" in page


def test_the_portal_hides_hulp_geaccepteerd_of_an_outcome_released_before_and_keeps_it_stored(
    client, told_before, energy_staff
):
    assert "Hulp geaccepteerd" not in _signal_page(client, energy_staff, told_before)
    assert _outcome(told_before).content["help_accepted"] == "ja"  # never modified


def test_the_download_keeps_the_hulp_geaccepteerd_column_empty_for_imports_by_column_order(
    client, told_before, energy_staff
):
    download = _download(client, energy_staff)
    assert download["header"][5] == "Hulp geaccepteerd"  # where it always was
    assert download["row"][5] is None
    assert download["header"][6] == "Globale oorzaak" and download["row"][6] == "Inkomensdaling"


def test_the_api_keeps_help_accepted_but_always_null(helped, told_before, energy):
    outcome = _api_outcome(energy)
    assert "help_accepted" in outcome and outcome["help_accepted"] is None
    assert outcome["contact_made"] is True and outcome["outcome_date"] == "2026-11-20"


def test_the_openapi_schema_marks_help_accepted_deprecated():
    schema = yaml.safe_load(OPENAPI.read_text())
    field = schema["components"]["schemas"]["FeedbackItem"]["properties"]["help_accepted"]
    assert field["deprecated"] is True
    assert "27-11-2026" in field["description"]


def test_the_inzage_tells_the_resident_the_partner_no_longer_hears_whether_she_accepted_help(
    helped,
):
    helped.bsn = BSN
    helped.save()

    text = " ".join(pdf_text(render_pdf(find(PersonQuery(bsn=BSN)))).split())

    assert (
        "Of u hulp van de gemeente hebt aangenomen, hoort de vastelastenpartner sinds "
        "27-11-2026 niet meer" in text
    )
    assert "of de gemeente contact met u heeft gehad" in text
    # What the partner heard about this signal, as the resident reads it: no answer about help.
    told = dict(feedback_block(_outcome(helped)).rows)
    assert "u hebt hulp aangenomen" not in told
    assert told["de gemeente heeft contact met u gehad"] == "Ja"
