"""Ingesting deliveries: atomic, idempotent, attributed, re-deliveries replace."""

import datetime as dt

import pytest
from tests.factories import MunicipalityFactory, PostcodeAreaFactory, enschede_with_energy_agreement
from tests.intake.messy import ROWS, messy_file

from vroegsignaal.intake.models import Delivery, DeliveryStatus, Signal
from vroegsignaal.intake.services import UnreadableFile, ingest_file, ingest_records

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def creditor():
    _, creditor = enschede_with_energy_agreement()
    PostcodeAreaFactory(
        postcode="7550", municipality=MunicipalityFactory(code="0164", name="Hengelo")
    )
    return creditor


def test_messy_file_accepts_valid_rows_and_names_rows_and_fields_of_the_rest(creditor):
    result = ingest_file(creditor, messy_file(), "oktober.csv", today=TODAY)
    assert result.status == DeliveryStatus.PARTIALLY_ACCEPTED
    assert (result.row_count, result.accepted_count, result.rejected_count) == (5, 2, 3)
    fields_by_row = {}
    for error in result.errors:
        fields_by_row.setdefault(error.row, set()).add(error.field)
    assert fields_by_row[4] == {"postcode"}
    assert {"signaaldatum", "bsn"} <= fields_by_row[5]
    assert fields_by_row[6] == {"postcode"}
    assert any(
        "Hengelo" in e.message and "convenant" in e.message for e in result.errors if e.row == 6
    )


def test_accepted_signals_are_normalised_and_attributed_to_their_municipality(creditor):
    ingest_file(creditor, messy_file(), "oktober.csv", today=TODAY)
    berg = Signal.objects.get(customer_number="K001")
    assert (berg.postcode, berg.house_number, berg.house_letter) == ("7511AB", 12, "A")
    assert berg.amount_cents == 123456 and berg.surname_prefix == "van der"
    assert berg.municipality.code == "0153" and berg.creditor == creditor
    assert Signal.objects.get(customer_number="K002").surname == "Müller-Öztürk"


def test_the_same_file_twice_is_recognised_and_adds_nothing(creditor):
    first = ingest_file(creditor, messy_file(), "oktober.csv", today=TODAY)
    again = ingest_file(creditor, messy_file(), "oktober-nogmaals.csv", today=TODAY)
    assert again.status == DeliveryStatus.DUPLICATE and again.delivery_id == first.delivery_id
    assert Signal.objects.count() == 2 and Delivery.objects.count() == 1


def test_a_corrected_redelivery_of_a_row_replaces_the_signal_instead_of_duplicating(creditor):
    ingest_file(creditor, messy_file(), "oktober.csv", today=TODAY)
    corrected = ROWS[0].replace("€ 1.234,56", "€ 1.300,00")
    result = ingest_file(creditor, messy_file([corrected]), "correctie.csv", today=TODAY)
    assert result.replaced_count == 1
    assert Signal.objects.filter(customer_number="K001").get().amount_cents == 130000


def test_an_unreadable_file_stores_nothing(creditor):
    with pytest.raises(UnreadableFile):
        ingest_file(creditor, b"%PDF-1.7\n\x00\x01\x02binary", "brief.pdf", today=TODAY)
    assert not Delivery.objects.exists() and not Signal.objects.exists()


def test_missing_required_column_rejects_the_whole_file(creditor):
    data = b"klantnummer;achternaam\nK1;Jansen\n"
    with pytest.raises(UnreadableFile, match="signaaldatum"):
        ingest_file(creditor, data, "kapot.csv", today=TODAY)
    assert not Delivery.objects.exists()


def test_a_creditor_without_any_agreement_gets_every_row_rejected(creditor):
    from tests.factories import CreditorFactory

    water = CreditorFactory(code="water-zonder-convenant", name="Water", partner_type="Water")
    result = ingest_file(water, messy_file([ROWS[0]]), "water.csv", today=TODAY)
    assert result.status == DeliveryStatus.REJECTED and not Signal.objects.exists()
    assert "geen geldig convenant" in result.errors[0].message


def test_an_agreement_that_ended_before_the_signal_date_is_no_legal_basis(creditor):
    creditor.agreements.update(valid_to=dt.date(2026, 10, 31))
    result = ingest_file(creditor, messy_file([ROWS[0]]), "na-einde.csv", today=TODAY)
    assert result.accepted_count == 0 and result.errors[0].field == "postcode"


def test_json_records_are_validated_like_files(creditor):
    records = [
        {
            "klantnummer": "A1",
            "signaaldatum": "2026-11-02",
            "achternaam": "Smit",
            "huisnummer": "4",
            "postcode": "7511AB",
            "bedrag_achterstand": "210.00",
            "datum_ontstaan": "2026-09-01",
        },
        {
            "klantnummer": "A2",
            "signaaldatum": "2026-11-02",
            "achternaam": "Smit",
            "huisnummer": "4",
            "postcode": "7511AB",
            "bedrag_achterstand": "-5",
            "datum_ontstaan": "2026-09-01",
        },
    ]
    result = ingest_records(creditor, records, today=TODAY)
    assert (result.accepted_count, result.rejected_count) == (1, 1)
    assert result.errors[0].row == 2 and result.errors[0].field == "bedrag_achterstand"
    assert ingest_records(creditor, records, today=TODAY).status == DeliveryStatus.DUPLICATE


def test_the_original_file_and_its_report_are_kept(creditor):
    result = ingest_file(creditor, messy_file(), "oktober.csv", today=TODAY)
    delivery = Delivery.objects.get(pk=result.delivery_id)
    assert delivery.original_file.read() == messy_file()
    assert delivery.errors.count() == len(result.errors)
    assert [r["row"] for r in delivery.rejected_rows] == [4, 5, 6]
    assert delivery.rejected_rows[0]["values"]["postcode"] == "0511AB"
