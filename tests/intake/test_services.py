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
    # An energy company's BSN (failing the elfproef too) is not read: a notice, no reason.
    assert "signaaldatum" in fields_by_row[5] and "bsn" not in fields_by_row[5]
    assert [(n.row, n.field) for n in result.notices] == [(5, "bsn")]
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
    assert "waarmee u geen convenant heeft" in result.errors[0].message


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
    postcode = delivery.header.index("postcode")
    assert delivery.rejected_rows[0]["cells"][postcode] == "0511AB"


# --- a row with more or fewer fields than the header -----------------------------------------

COMMA_HEADER = (
    "klantnummer,signaaldatum,achternaam,huisnummer,postcode,bedrag_achterstand,datum_ontstaan,"
    "contractsoort,crisissignaal"
)


def _comma_file(*rows: str) -> bytes:
    return "\r\n".join([COMMA_HEADER, *rows]).encode("utf-8")


def test_a_row_with_more_fields_than_the_header_is_refused_naming_the_counts_and_the_cause(
    creditor,
):
    good = "K1,03-11-2026,Berg,12,7511AB,250,01-09-2026,particulier,nee"
    comma_amount = "K2,03-11-2026,Smit,4,7511AB,250,62,01-09-2026,particulier,nee"
    result = ingest_file(creditor, _comma_file(good, comma_amount), "komma.csv", today=TODAY)
    assert (result.accepted_count, result.rejected_count) == (1, 1)
    [error] = result.errors  # one message for the row, not a shifted error per field
    assert error.row == 3 and error.field == ""
    assert error.message.startswith("Rij 3 heeft 10 velden, de kopregel 9.")
    assert "komma in een bedrag" in error.message and "aanhalingstekens" in error.message


def test_a_row_with_fewer_fields_than_the_header_is_refused(creditor):
    good = "K1,03-11-2026,Berg,12,7511AB,250,01-09-2026,particulier,nee"
    short = "K2,03-11-2026,Smit,4,7511AB,250,01-09-2026"
    result = ingest_file(creditor, _comma_file(good, short), "kort.csv", today=TODAY)
    [error] = result.errors
    assert error.message.startswith("Rij 3 heeft 7 velden, de kopregel 9.")


def test_excel_padding_empty_fields_on_every_line_kopregel_too_is_no_field_count_problem(
    creditor,
):
    """Excel writes every line up to the widest column it used, the header included: the
    header then ends in empty columns, and a row may fill them or stop at its last value."""
    padded_header = COMMA_HEADER + ",,"
    padded = "K1,03-11-2026,Berg,12,7511AB,250,01-09-2026,particulier,nee,,"
    stopped = "K2,03-11-2026,Smit,4,7511AB,80,01-09-2026,particulier,nee"
    data = "\r\n".join([padded_header, padded, stopped]).encode("utf-8")
    result = ingest_file(creditor, data, "opgevuld.csv", today=TODAY)
    assert result.accepted_count == 2 and not result.errors


def test_an_unquoted_decimal_comma_before_empty_last_fields_is_refused_not_shifted(creditor):
    """QA14 B3 (shift.csv): '1234,50' unquoted made the row one field longer than the header;
    the extra field was empty, so it passed as Excel padding, with € 1.234,00 and 50 unpaid
    terms. Only a header that ends in empty columns makes empty extra fields padding."""
    header = (
        "Debiteur,signaaldatum,achternaam,huisnummer,postcode,datum_ontstaan,"
        "bedrag_achterstand,aantal_termijnen,opmerking"
    )
    shifted = "K-SHIFT-1,03-11-2026,Verschoven,11,7511AB,01-07-2026,1234,50,,"
    quoted = 'K-SHIFT-2,03-11-2026,Verschoven,12,7511AB,01-07-2026,"2345,75",,'
    data = "\r\n".join([header, shifted, quoted]).encode("utf-8")
    creditor.column_mapping = {"Debiteur": "klantnummer"}
    creditor.save()
    result = ingest_file(creditor, data, "shift.csv", today=TODAY)
    assert (result.accepted_count, result.rejected_count) == (1, 1)
    [error] = result.errors
    assert error.row == 2 and error.field == ""
    assert error.message.startswith("Rij 2 heeft 10 velden, de kopregel 9. Staat er een komma")
    assert not Signal.objects.filter(customer_number="K-SHIFT-1").exists()
    assert Signal.objects.get(customer_number="K-SHIFT-2").amount_cents == 234575


def test_a_file_whose_every_row_is_shifted_into_an_empty_last_column_is_refused_once(creditor):
    """QA14 B3 (wbd-comma.csv): every amount written '450,00' unquoted, the last column (bsn)
    empty: every row one field longer, its extra field empty. Not padding: one message for
    the file instead of a shifted error per field ('00' is geen geldige datum)."""
    header = COMMA_HEADER + ",bsn"
    rows = [
        f"K{n},03-11-2026,Smit,{n},7511AB,€ 450,00,01-09-2026,particulier,nee," for n in range(1, 4)
    ]
    with pytest.raises(UnreadableFile) as refused:
        ingest_file(creditor, "\r\n".join([header, *rows]).encode(), "komma.csv", today=TODAY)
    message = refused.value.message
    assert message.startswith("Geen enkele rij heeft evenveel velden als de kopregel (10)")
    assert "rij 2 heeft er 11" in message and "komma in een bedrag" in message
    assert not Delivery.objects.exists() and not Signal.objects.exists()


def test_when_every_row_has_the_wrong_field_count_the_file_is_refused_once_as_a_whole(creditor):
    rows = [f"K{n},03-11-2026,Smit,4,7511AB,250,{n}2,01-09-2026,particulier,nee" for n in range(5)]
    with pytest.raises(UnreadableFile) as refused:
        ingest_file(creditor, _comma_file(*rows), "alles-komma.csv", today=TODAY)
    message = refused.value.message
    assert "Geen enkele rij heeft evenveel velden als de kopregel (9)" in message
    assert "rij 2 heeft er 10" in message and "komma in een bedrag" in message
    assert "datum_ontstaan" not in message
    assert not Delivery.objects.exists() and not Signal.objects.exists()


def test_a_semicolon_file_with_a_row_too_many_fields_gets_the_semicolon_hint(creditor):
    data = messy_file([ROWS[0], ROWS[1].replace("Brink", "Brink;3")])
    result = ingest_file(creditor, data, "puntkomma.csv", today=TODAY)
    [error] = result.errors
    assert error.message.startswith("Rij 3 heeft 17 velden, de kopregel 16.")
    assert "puntkomma" in error.message and "komma in een bedrag" not in error.message


# --- the postcode from the creditor's view ---------------------------------------------------


def _one_row(postcode: str) -> bytes:
    return messy_file([ROWS[0].replace("7511 ab", postcode)])


def test_an_unknown_postcode_is_explained_as_outside_the_creditors_agreements(creditor):
    result = ingest_file(creditor, _one_row("1012AB"), "amsterdam.csv", today=TODAY)
    [error] = result.errors
    assert error.message.startswith(
        "Rij 2, postcode: 1012 AB ligt niet in een gemeente waarmee u een convenant heeft"
    )
    assert "bij ons bekend" not in error.message and "controleer de postcode" in error.message


def test_a_known_municipality_without_agreement_is_named(creditor):
    result = ingest_file(creditor, _one_row("7550AA"), "hengelo.csv", today=TODAY)
    [error] = result.errors
    assert "7550 AA ligt in gemeente Hengelo, waarmee u geen convenant heeft" in (error.message)


def test_an_agreement_not_valid_on_the_signal_date_names_its_period(creditor):
    creditor.agreements.update(valid_from=dt.date(2021, 1, 1), valid_to=dt.date(2026, 10, 31))
    result = ingest_file(creditor, _one_row("7511AB"), "na-einde.csv", today=TODAY)
    [error] = result.errors
    assert (
        "7511 AB ligt in gemeente Enschede; uw convenant met Enschede geldt niet op "
        "03-11-2026 (het liep van 01-01-2021 tot en met 31-10-2026)"
    ) in error.message


def _with_signal_date(signal_date: str, postcode: str, born: str = "01-01-1970") -> dict:
    return {
        "klantnummer": "K1",
        "signaaldatum": signal_date,
        "achternaam": "Smit",
        "geboortedatum": born,
        "huisnummer": "4",
        "postcode": postcode,
        "bedrag_achterstand": "210,00",
        "datum_ontstaan": "01-09-2026",
    }


def _messages(result, field):
    return [e.message for e in result.errors if e.field == field]


def test_an_invalid_signal_date_does_not_hide_a_postcode_outside_every_agreement(creditor):
    """aanleverformaat.md: all problems of a row; no date puts 1012 AB under an agreement."""
    result = ingest_records(
        creditor, [_with_signal_date("31-02-2026", "1012AB", born="01-01-2020")], today=TODAY
    )
    [postcode] = _messages(result, "postcode")
    assert postcode.startswith("Rij 1, postcode: 1012 AB ligt niet in een gemeente waarmee u")
    date, unchecked = _messages(result, "signaaldatum")
    assert date == "Rij 1, signaaldatum: '31-02-2026' is geen bestaande datum."
    assert unchecked == (
        "Rij 1, signaaldatum: zonder geldige signaaldatum is niet nagegaan of deze rij een "
        "eerdere rij herhaalt, of datum_ontstaan na de signaaldatum ligt en of de leeftijd op de "
        "signaaldatum klopt."
    )


def test_an_invalid_signal_date_does_not_hide_a_municipality_never_under_agreement(creditor):
    result = ingest_records(creditor, [_with_signal_date("31-02-2026", "7550AA")], today=TODAY)
    [postcode] = _messages(result, "postcode")
    assert "7550 AA ligt in gemeente Hengelo, waarmee u geen convenant heeft" in postcode


def test_without_a_valid_signal_date_an_agreement_that_may_hold_is_said_to_be_unchecked(creditor):
    result = ingest_records(creditor, [_with_signal_date("31-02-2026", "7511AB")], today=TODAY)
    assert _messages(result, "postcode") == []
    assert _messages(result, "signaaldatum")[1].endswith(
        "en of uw convenant voor deze postcode op de signaaldatum geldt."
    )
