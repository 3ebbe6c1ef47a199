"""A signal erased after its retention term keeps only a keyed hash of its klantnummer
(intake.erasure); the creditor reads why the number is gone and still finds the signal by it."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.erasure import erase_signals
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.services import create_api_key

REMOVED = "verwijderd na bewaartermijn"


@pytest.fixture
def erased(enschede, energy):
    """A released signal of Energie, erased as the retention job does; returns its klantnummer
    as delivered and the signal as stored."""
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    signal = melding.signal_links.get().signal
    delivered = signal.customer_number
    erase_signals(Signal.objects.filter(pk=signal.pk))
    signal.refresh_from_db()
    assert signal.customer_number.startswith("h:")
    return delivered, signal


def _get(client, user, url, query=None):
    client.force_login(user)
    response = client.get(url, query or {})
    assert response.status_code == 200
    return response


def test_the_list_says_the_klantnummer_was_removed_instead_of_showing_its_hash(
    client, erased, energy_staff
):
    _, signal = erased
    page = _get(client, energy_staff, reverse("feedback:signals")).content.decode()
    assert REMOVED in page_text(page)
    assert signal.customer_number not in page


def test_the_creditor_finds_an_erased_signal_by_typing_its_own_klantnummer(
    client, erased, energy_staff
):
    delivered, signal = erased
    found = _get(client, energy_staff, reverse("feedback:signals"), {"klantnummer": delivered})
    other = _get(client, energy_staff, reverse("feedback:signals"), {"klantnummer": "EO-1"})
    assert "1 signaal bij deze zoekopdracht" in page_text(found)
    assert reverse("feedback:signal", args=[signal.pk]) in found.content.decode()
    assert "Geen signalen met terugkoppeling bij deze zoekopdracht" in page_text(other)


def test_another_creditor_does_not_find_the_erased_signal_by_its_klantnummer(
    client, erased, water_staff
):
    delivered, _ = erased
    page = _get(client, water_staff, reverse("feedback:signals"), {"klantnummer": delivered})
    assert "1 signaal" not in page_text(page)


def test_the_signal_page_is_named_by_its_date_and_says_why_the_klantnummer_is_gone(
    client, erased, energy_staff
):
    _, signal = erased
    page = _get(client, energy_staff, reverse("feedback:signal", args=[signal.pk]))
    text = " ".join(page_text(page).split())
    assert f"<title>Signaal van {signal.signal_date:%d-%m-%Y}" in page.content.decode()
    assert f'Klantnummer</dt><dd class="utrecht-data-list__item-value">{REMOVED}</dd>' in (
        page.content.decode()
    )
    assert "na de bewaartermijn verwijderd, ook uw klantnummer" in text
    assert signal.customer_number not in page.content.decode()


def test_the_downloads_say_the_klantnummer_was_removed(client, erased, energy_staff):
    _, signal = erased
    csv = _get(client, energy_staff, reverse("feedback:download", args=["csv"]))
    xlsx = _get(client, energy_staff, reverse("feedback:download", args=["xlsx"]))
    csv_row = csv.content.decode("utf-8-sig").split("\r\n")[1]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert csv_row.startswith(f"{REMOVED};")
    assert sheet["A2"].value == REMOVED
    assert signal.customer_number not in csv.content.decode("utf-8-sig")


def test_the_api_gives_no_klantnummer_and_says_it_was_removed(erased, enschede, energy):
    live = scenario.melding_with_signals(enschede, energy).signal_links.get().signal
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 6))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {create_api_key(energy, 'koppeling')}")

    items = {item["signal_id"]: item for item in api.get("/api/v1/feedback").json()["results"]}

    _, signal = erased
    assert (items[signal.pk]["customer_number"], items[signal.pk]["customer_number_removed"]) == (
        None,
        True,
    )
    assert (items[live.pk]["customer_number"], items[live.pk]["customer_number_removed"]) == (
        live.customer_number,
        False,
    )
