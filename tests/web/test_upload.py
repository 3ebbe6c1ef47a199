"""The creditor's upload page and delivery report: what a creditor sees after each kind of file."""

import re

import pytest
from django.urls import reverse

from tests.web.delivery_files import delivery_csv, messy_rows, valid_rows
from vroegsignaal.intake.models import Channel, Delivery, Signal

pytestmark = pytest.mark.django_db


def test_upload_page_offers_a_labelled_file_field(creditor_client):
    page = creditor_client.get(reverse("intake:upload")).content.decode()
    assert '<label class="utrecht-form-label" for="id_file">' in page
    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page


def test_a_valid_file_leads_to_its_report_with_everything_accepted(creditor_client, upload):
    response = upload(creditor_client, valid_rows())
    delivery = Delivery.objects.get()
    assert response.redirect_chain == [(reverse("intake:delivery", args=[delivery.pk]), 302)]
    page = response.content.decode()
    assert "Geaccepteerd" in page and "Geweigerde rijen" not in page
    assert Signal.objects.count() == 2


def test_an_upload_is_recorded_as_delivered_by_the_user_through_the_upload_page(
    creditor_client, creditor_user, upload
):
    upload(creditor_client, valid_rows())
    delivery = Delivery.objects.get()
    assert delivery.channel == Channel.UPLOAD and delivery.delivered_by == creditor_user
    assert delivery.creditor == creditor_user.creditor


def test_report_lists_every_rejected_row_with_row_number_field_and_dutch_message(
    creditor_client, upload
):
    page = upload(creditor_client, messy_rows()).content.decode()
    assert "Gedeeltelijk geaccepteerd" in page
    assert 'data-testid="geaccepteerd">2' in page and 'data-testid="geweigerd">2' in page
    # Row and field have their own columns: the reason does not repeat them.
    rows = re.findall(r"<td[^>]*>(\d+)</td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>", page)
    by_row = {row: (field, reason) for row, field, reason in rows}
    assert by_row["4"][0] == "postcode"
    assert by_row["4"][1].startswith("&#x27;0511AB&#x27; is geen geldige postcode")
    assert by_row["5"][1].startswith("het bedrag moet groter zijn dan 0")
    assert not any(reason.startswith("Rij ") for _, reason in by_row.values())
    assert reverse("intake:delivery_rejected_csv", args=[Delivery.objects.get().pk]) in page


def test_an_unreadable_file_is_refused_on_the_upload_page_and_nothing_is_stored(
    creditor_client, upload
):
    response = upload(creditor_client, b"%PDF-1.7 binary", filename="brief.pdf")
    page = response.content.decode()
    assert response.status_code == 200 and response.redirect_chain == []
    assert "Het bestand is niet verwerkt; er is niets opgeslagen." in page
    assert "<title>Fout: Bestand aanleveren" in page
    assert Delivery.objects.count() == 0 and Signal.objects.count() == 0


def test_a_file_without_required_columns_names_the_missing_columns(creditor_client, upload):
    header = ("klantnummer", "achternaam")
    page = upload(creditor_client, delivery_csv([("K1", "Jansen")], header)).content.decode()
    assert "Verplichte kolommen ontbreken: signaaldatum, huisnummer, postcode" in page
    assert Delivery.objects.count() == 0


def test_submitting_without_a_file_asks_to_choose_one(creditor_client):
    page = creditor_client.post(reverse("intake:upload"), {}).content.decode()
    assert "Kies een bestand om aan te leveren." in page
    assert 'aria-invalid="true"' in page


def test_the_same_file_again_says_it_was_already_delivered_and_links_the_original(
    creditor_client, upload
):
    upload(creditor_client, messy_rows(), filename="november.csv")
    original = Delivery.objects.get()
    response = upload(creditor_client, messy_rows(), filename="november-kopie.csv")
    page = response.content.decode()
    assert response.redirect_chain == []
    assert "Dit bestand is al eerder aangeleverd" in page
    assert reverse("intake:delivery", args=[original.pk]) in page
    assert Delivery.objects.count() == 1 and Signal.objects.count() == 2


def test_deliveries_list_shows_own_deliveries_with_status_and_counts(creditor_client, upload):
    upload(creditor_client, messy_rows(), filename="november.csv")
    page = creditor_client.get(reverse("intake:deliveries")).content.decode()
    assert "november.csv" in page and "Gedeeltelijk geaccepteerd" in page
    assert reverse("intake:delivery", args=[Delivery.objects.get().pk]) in page
