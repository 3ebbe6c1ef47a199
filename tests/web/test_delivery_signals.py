"""A creditor finds the signals a delivery put in, before any feedback: to check that customer
K001 arrived (e.g. to hold its collection while the gemeente looks), not only the counts."""

import re

import pytest
from django.urls import reverse

from tests.page_text import page_text
from tests.web.delivery_files import messy_rows
from vroegsignaal.intake.models import Delivery
from vroegsignaal.privacy.models import AuditEntry


@pytest.fixture
def delivery(creditor_client, upload):
    upload(creditor_client, messy_rows())
    return Delivery.objects.get()


def test_the_report_links_to_the_accepted_signals_with_their_number(creditor_client, delivery):
    page = page_text(creditor_client.get(reverse("intake:delivery", args=[delivery.pk])))
    assert "Bekijk de 2 aangenomen signalen" in page


def test_the_accepted_signals_page_lists_each_signal_with_its_row_and_klantnummer(
    creditor_client, delivery
):
    response = creditor_client.get(reverse("intake:delivery_signals", args=[delivery.pk]))

    html, text = response.content.decode(), page_text(response)
    assert response.status_code == 200
    assert "Aangenomen signalen van aanlevering" in text
    rows = re.findall(r"<tbody.*?</tbody>", html, re.S)[0].split("</tr>")[:-1]
    cells = [
        [page_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows
    ]
    assert [row[:2] + row[3:] for row in cells] == [
        ["2", "K001", "Enschede", "€ 1.234,56"],
        ["3", "K002", "Enschede", "€ 89,00"],
    ]
    assert "K003" not in text and "K004" not in text  # refused rows are in the report itself
    assert "Terugkoppeling" in text  # where the gemeente's answer will appear


def test_looking_at_the_accepted_signals_is_audited(creditor_client, delivery):
    creditor_client.get(reverse("intake:delivery_signals", args=[delivery.pk]))
    assert AuditEntry.objects.filter(description="aangenomen signalen van de aanlevering").exists()
