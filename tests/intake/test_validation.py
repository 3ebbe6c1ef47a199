"""Row validation: each rule, that every problem of a row is reported, and that valid rows come
back with the Signal model's field names."""

import datetime as dt
import re
from pathlib import Path

import pytest

from vroegsignaal.ddas import Signaalpartner
from vroegsignaal.intake.columns import CANONICAL_COLUMNS, REQUIRED_COLUMNS
from vroegsignaal.intake.reading import read_delivery_file
from vroegsignaal.intake.validation import may_deliver_bsn, validate_rows

TODAY = dt.date(2024, 3, 1)
OLDEST_SIGNAL_DATE = dt.date(2023, 8, 31)  # TODAY less a retention term of 183 days
MAX_CENTS = 100_000_00
ENSCHEDE = 153


def locate(postcode: str, signal_date: dt.date):
    """Enschede (7511-7548) has an agreement; 8000 is a known place without one."""
    if "7511" <= postcode[:4] <= "7548":
        return ENSCHEDE, None
    if postcode.startswith("8000"):
        return None, f"Postcode {postcode} ligt in een gemeente zonder geldig convenant."
    return None, f"Postcode {postcode} ligt niet in een bekende gemeente."


def row(**changes) -> dict[str, object]:
    cells = {
        "klantnummer": "K1",
        "signaaldatum": "15-02-2024",
        "achternaam": "Jansen",
        "straat": "Hoofdstraat",
        "huisnummer": "12",
        "postcode": "7511 AB",
        "woonplaats": "Enschede",
        "bedrag_achterstand": "€ 250,00",
        "datum_ontstaan": "01-01-2024",
    }
    cells.update(changes)
    return cells


def check(*cells_per_row, max_amount_cents=MAX_CENTS, bsn_allowed=True):
    rows = [(number, cells) for number, cells in enumerate(cells_per_row, start=2)]
    return validate_rows(
        rows,
        today=TODAY,
        oldest_signal_date=OLDEST_SIGNAL_DATE,
        locate=locate,
        max_amount_cents=max_amount_cents,
        bsn_allowed=bsn_allowed,
    )


def validate(*cells_per_row, **kwargs):
    checked = check(*cells_per_row, **kwargs)
    return checked.valid, checked.errors


def only_error(cells, **kwargs):
    valid, errors = validate(cells, **kwargs)
    assert valid == []
    assert len(errors) == 1, errors
    return errors[0]


def test_valid_row_gives_signal_fields_with_defaults_for_blank_optional_columns():
    [valid], errors = validate(row(voorletters=" ", geslacht=None, straat="", woonplaats=None))
    assert errors == []
    assert valid.row_number == 2
    assert valid.municipality_id == ENSCHEDE
    assert valid.fields == {
        "customer_number": "K1",
        "signal_date": dt.date(2024, 2, 15),
        "initials": "",
        "first_names": "",
        "surname_prefix": "",
        "surname": "Jansen",
        "birth_date": None,
        "gender": "Leeg",
        "street": "",
        "house_number": 12,
        "house_letter": "",
        "house_number_addition": "",
        "postcode": "7511AB",
        "city": "",
        "phone": "",
        "email": "",
        "bsn": "",
        "amount_cents": 25000,
        "arrears_start": dt.date(2024, 1, 1),
        "unpaid_terms": None,
        "contract_type": "particulier",
        "crisis": False,
        "intended_termination_date": None,
        "warm_handover": False,
        "address_key": "7511AB|12|",
    }


def test_every_optional_column_is_parsed_into_its_signal_field():
    cells = row(
        voorletters="J.P.",
        voornamen="Jan Pieter",
        voorvoegsel="van der",
        geboortedatum="1980-05-17",
        geslacht="M",
        straat="Hoofdstraat",
        woonplaats="Enschede",
        telefoon=612345678,
        email="jan@example.nl",
        bsn="011222335",
        aantal_termijnen="3",
        contractsoort="Z",
        crisissignaal="ja",
        datum_voorgenomen_beeindiging="2024-04-01",
        warme_overdracht="x",
    )
    [valid], errors = validate(cells)
    assert errors == []
    expected = {
        "initials": "J.P.",
        "first_names": "Jan Pieter",
        "surname_prefix": "van der",
        "birth_date": dt.date(1980, 5, 17),
        "gender": "Man",
        "street": "Hoofdstraat",
        "city": "Enschede",
        "phone": "0612345678",
        "email": "jan@example.nl",
        "bsn": "011222335",
        "unpaid_terms": 3,
        "contract_type": "zakelijk",
        "crisis": True,
        "intended_termination_date": dt.date(2024, 4, 1),
        "warm_handover": True,
    }
    assert {k: valid.fields[k] for k in expected} == expected


@pytest.mark.parametrize(
    "column",
    [
        "klantnummer",
        "signaaldatum",
        "achternaam",
        "huisnummer",
        "postcode",
        "bedrag_achterstand",
        "datum_ontstaan",
    ],
)
def test_each_required_field_must_be_filled(column):
    valid, [error, *_without_signal_date] = validate(row(**{column: "  "}))
    assert valid == []
    assert (error.row, error.field) == (2, column)
    assert error.message == f"Rij 2, {column}: dit veld is verplicht maar is leeg."


def test_a_required_field_missing_from_an_api_record_is_said_to_be_missing_not_empty():
    cells = row()
    del cells["achternaam"]
    error = only_error(cells)
    assert error.field == "achternaam"
    assert error.message == "Rij 2, achternaam: dit veld is verplicht maar ontbreekt."


def test_an_invalid_signal_date_does_not_hide_the_rows_other_problems():
    """aanleverformaat.md: all problems of a row; a postcode outside every agreement and a
    birth date in the future do not depend on the signal date."""
    _valid, errors = validate(
        row(signaaldatum="31-02-2024", postcode="1012AB", geboortedatum="2030-01-01")
    )
    assert [e.field for e in errors] == [
        "signaaldatum",
        "signaaldatum",
        "geboortedatum",
        "postcode",
    ]
    assert errors[0].message == "Rij 2, signaaldatum: '31-02-2024' is geen bestaande datum."


def test_without_a_valid_signal_date_the_row_says_which_checks_could_not_be_made():
    _valid, errors = validate(row(signaaldatum="31-02-2024", geboortedatum="01-01-2020"))
    assert errors[1].message == (
        "Rij 2, signaaldatum: zonder geldige signaaldatum is niet nagegaan of deze rij een "
        "eerdere rij herhaalt, of datum_ontstaan na de signaaldatum ligt en of de leeftijd op de "
        "signaaldatum klopt."
    )


def test_without_a_signal_date_the_locator_may_leave_the_agreement_open_and_the_row_says_so():
    def open_without_a_date(postcode, signal_date):
        return (ENSCHEDE, None) if signal_date else (None, None)

    checked = validate_rows(
        [(2, row(signaaldatum="", klantnummer="", datum_ontstaan=""))],
        today=TODAY,
        oldest_signal_date=OLDEST_SIGNAL_DATE,
        locate=open_without_a_date,
        max_amount_cents=MAX_CENTS,
        bsn_allowed=True,
    )
    assert [e.message for e in checked.errors if e.field == "signaaldatum"][1] == (
        "Rij 2, signaaldatum: zonder geldige signaaldatum is niet nagegaan of uw convenant voor "
        "deze postcode op de signaaldatum geldt."
    )


def test_invalid_postcode_message_names_row_field_and_expected_form():
    error = only_error(row(postcode="1234"))
    assert error.message == (
        "Rij 2, postcode: '1234' is geen geldige postcode "
        "(verwacht 4 cijfers en 2 letters, bv. 7511 AB)."
    )


@pytest.mark.parametrize("cell", ["0", "100000", 0])
def test_house_number_must_be_between_1_and_99999(cell):
    error = only_error(row(huisnummer=cell))
    assert error.field == "huisnummer"
    assert "ligt niet tussen 1 en 99999" in error.message


def test_house_number_99999_is_accepted():
    [valid], _ = validate(row(huisnummer="99999"))
    assert valid.fields["house_number"] == 99999


def test_house_number_with_letter_and_addition_in_one_cell_builds_the_address_key():
    [valid], _ = validate(row(huisnummer="12a-2"))
    assert (valid.fields["house_letter"], valid.fields["house_number_addition"]) == ("A", "2")
    assert valid.fields["address_key"] == "7511AB|12|A2"


def test_separate_huisletter_and_toevoeging_columns_are_honoured():
    [valid], _ = validate(row(huisnummer=12.0, huisletter="b", huisnummertoevoeging="hs"))
    assert valid.fields["house_number"] == 12
    assert valid.fields["house_letter"] == "B"
    assert valid.fields["house_number_addition"] == "hs"
    assert valid.fields["address_key"] == "7511AB|12|BHS"


def test_letter_in_house_number_cell_and_a_different_one_in_its_column_conflict():
    error = only_error(row(huisnummer="12a", huisletter="b"))
    assert error.field == "huisletter"
    assert "wijkt af van 'A'" in error.message


def test_same_letter_in_house_number_cell_and_its_column_is_fine():
    [valid], errors = validate(row(huisnummer="12a", huisletter="A"))
    assert errors == [] and valid.fields["house_letter"] == "A"


@pytest.mark.parametrize("cell", ["0", "0,00", "-12,50"])
def test_amount_must_be_more_than_zero(cell):
    error = only_error(row(bedrag_achterstand=cell))
    assert error.field == "bedrag_achterstand"
    assert "moet groter zijn dan 0" in error.message


def test_amount_above_the_plausible_maximum_is_rejected_as_implausibly_high():
    error = only_error(row(bedrag_achterstand="100.000,01"))
    assert error.message == (
        "Rij 2, bedrag_achterstand: € 100.000,01 is onaannemelijk hoog (hoogstens € 100.000,00)."
    )
    [valid], _ = validate(row(bedrag_achterstand="100.000,00"))
    assert valid.fields["amount_cents"] == MAX_CENTS


def test_unparseable_amount_is_reported():
    error = only_error(row(bedrag_achterstand="veel"))
    assert error.message.startswith("Rij 2, bedrag_achterstand: 'veel' is geen geldig bedrag")


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("signaaldatum", "2024-02-31", "geen bestaande datum"),
        ("datum_ontstaan", "gisteren", "geen geldige datum"),
        ("geboortedatum", "1-1-80", "jaartal van twee cijfers"),
    ],
)
def test_unparseable_dates_are_reported_per_field(column, value, reason):
    _valid, [error, *_without_signal_date] = validate(row(**{column: value}))
    assert error.field == column
    assert reason in error.message


def test_signal_date_after_today_is_rejected():
    error = only_error(row(signaaldatum="2024-03-02"))
    assert error.message == "Rij 2, signaaldatum: 02-03-2024 ligt in de toekomst."


def test_signal_date_today_is_accepted():
    [valid], _ = validate(row(signaaldatum=TODAY.isoformat()))
    assert valid.fields["signal_date"] == TODAY


def test_signal_older_than_its_retention_term_is_rejected():
    """Retention erases a signal nobody picked up after its term (privacy.retention): one
    already past it would be stored only to be erased the next night."""
    error = only_error(row(signaaldatum="30-08-2023", datum_ontstaan="01-08-2023"))
    assert (error.field, error.message) == (
        "signaaldatum",
        "Rij 2, signaaldatum: 30-08-2023 is ouder dan de bewaartermijn van signalen (183 dagen): "
        "alleen een signaaldatum vanaf 31-08-2023 wordt aangenomen.",
    )


def test_signal_on_the_last_day_of_its_retention_term_is_accepted():
    [valid], _ = validate(row(signaaldatum="31-08-2023", datum_ontstaan="01-08-2023"))
    assert valid.fields["signal_date"] == OLDEST_SIGNAL_DATE


def test_birth_date_in_the_future_is_rejected():
    error = only_error(row(geboortedatum="2025-01-01"))
    assert (error.field, error.message) == (
        "geboortedatum",
        "Rij 2, geboortedatum: 01-01-2025 ligt in de toekomst.",
    )


def test_intended_termination_date_may_lie_in_the_future():
    [valid], errors = validate(row(datum_voorgenomen_beeindiging="2024-06-01"))
    assert errors == [] and valid.fields["intended_termination_date"] == dt.date(2024, 6, 1)


def test_arrears_cannot_start_after_the_signal_date():
    error = only_error(row(datum_ontstaan="16-02-2024"))
    assert error.message == (
        "Rij 2, datum_ontstaan: 16-02-2024 ligt na de signaaldatum (15-02-2024)."
    )


@pytest.mark.parametrize(("birth_date", "age"), [("2008-02-16", 15), ("1903-02-15", 121)])
def test_age_on_the_signal_date_must_be_between_16_and_120(birth_date, age):
    error = only_error(row(geboortedatum=birth_date))
    assert error.message == (
        f"Rij 2, geboortedatum: {dt.date.fromisoformat(birth_date):%d-%m-%Y} geeft een leeftijd "
        f"van {age} jaar op de signaaldatum; verwacht tussen 16 en 120 jaar."
    )


@pytest.mark.parametrize("birth_date", ["2008-02-15", "1903-02-16"])
def test_ages_16_and_120_on_the_signal_date_are_accepted(birth_date):
    [valid], errors = validate(row(geboortedatum=birth_date))
    assert errors == []
    assert valid.fields["birth_date"] == dt.date.fromisoformat(birth_date)


def test_bsn_failing_the_elfproef_is_rejected_from_a_health_insurer():
    error = only_error(row(bsn="123456789"))
    assert error.message == (
        "Rij 2, bsn: '123456789' is geen geldig burgerservicenummer (de elfproef klopt niet)."
    )


@pytest.mark.parametrize("bsn", ["1234.56.782", "123456789", "12", "onbekend"])
def test_a_bsn_from_a_partner_that_is_no_health_insurer_is_not_taken_over_and_never_rejects(bsn):
    checked = check(row(bsn=bsn), bsn_allowed=False)
    assert checked.errors == []
    [valid] = checked.valid
    assert valid.fields["bsn"] == ""
    [notice] = checked.notices
    assert (notice.row, notice.field) == (2, "bsn")
    assert notice.message == (
        "Rij 2, bsn: niet overgenomen; alleen zorgverzekeraars leveren een BSN aan. "
        "Laat deze kolom voortaan leeg."
    )
    assert bsn not in notice.message  # the notice is no copy of what it did not keep


def test_an_empty_bsn_column_from_a_partner_that_is_no_health_insurer_gives_no_notice():
    checked = check(row(bsn=" "), row(klantnummer="K2"), bsn_allowed=False)
    assert len(checked.valid) == 2 and checked.notices == []


def test_a_rejected_row_keeps_its_notice_about_the_bsn():
    checked = check(row(bsn="1234.56.782", postcode="x"), bsn_allowed=False)
    assert [e.field for e in checked.errors] == ["postcode"]
    assert [n.field for n in checked.notices] == ["bsn"]


# --- an address a letter cannot be sent to (QA14 B13) ------------------------------------------


def test_a_signal_without_street_or_woonplaats_is_taken_with_a_notice_that_no_letter_can_go():
    """straat and woonplaats are optional, but without them the municipality cannot write to
    the resident ('5A, 7421CD'); the creditor hears so, and the signal is still taken."""
    checked = check(
        row(straat="", woonplaats=""),
        row(klantnummer="K2", woonplaats=" "),
        row(klantnummer="K3", straat=None),
        row(klantnummer="K4"),
    )
    assert len(checked.valid) == 4 and checked.errors == []
    assert [(n.row, n.field, n.message) for n in checked.notices] == [
        (2, "straat", "Rij 2, straat: straat en woonplaats ontbreken; de gemeente kan geen brief "
         "sturen zonder straat en woonplaats. Lever ze mee als u ze heeft."),
        (3, "woonplaats", "Rij 3, woonplaats: ontbreekt; de gemeente kan geen brief sturen "
         "zonder woonplaats. Lever de woonplaats mee als u die heeft."),
        (4, "straat", "Rij 4, straat: ontbreekt; de gemeente kan geen brief sturen zonder "
         "straat. Lever de straat mee als u die heeft."),
    ]  # fmt: skip


def test_a_rejected_row_gets_no_notice_about_its_address_only_its_errors():
    checked = check(row(straat="", postcode="x"))
    assert [e.field for e in checked.errors] == ["postcode"] and checked.notices == []


def test_the_notice_names_the_street_column_as_the_creditor_named_it():
    rows = [(2, row(straat=""))]
    checked = validate_rows(
        rows, today=TODAY, oldest_signal_date=OLDEST_SIGNAL_DATE, locate=locate,
        max_amount_cents=MAX_CENTS, bsn_allowed=True, labels={"straat": "Adres"},
    )  # fmt: skip
    [notice] = checked.notices
    assert notice.field == "Adres" and notice.message.startswith("Rij 2, Adres: ontbreekt;")


def test_only_health_insurers_may_deliver_a_bsn():
    assert [t for t in Signaalpartner if may_deliver_bsn(t)] == [Signaalpartner.ZORG]


def test_duplicate_customer_and_signal_date_rejects_the_later_row_naming_the_earlier():
    first = row()
    other_date = row(signaaldatum="2024-02-16", datum_ontstaan="2024-01-01")
    again = row(signaaldatum="2024-02-15", huisnummer="14")  # same key, written differently
    checked = check(first, other_date, again)
    assert [v.row_number for v in checked.valid] == [2, 3]
    assert checked.repeats == {4}
    [error] = checked.errors
    assert (error.row, error.field) == (4, "klantnummer")
    assert error.message == (
        "Rij 4, klantnummer: klantnummer 'K1' met signaaldatum 15-02-2024 staat al in rij 2; "
        "deze latere rij is niet verwerkt."
    )


def test_numeric_and_text_customer_numbers_are_the_same_customer():
    valid, errors = validate(row(klantnummer=1234.0), row(klantnummer="1234"))
    assert valid[0].fields["customer_number"] == "1234"
    assert [e.row for e in errors] == [3]


def test_postcode_outside_any_agreement_is_rejected_with_the_locators_reason():
    error = only_error(row(postcode="8000 AB"))
    assert error.field == "postcode"
    assert error.message == (
        "Rij 2, postcode: Postcode 8000AB ligt in een gemeente zonder geldig convenant."
    )


def test_locator_is_asked_with_the_normalised_postcode_and_signal_date():
    asked = []

    def recording_locate(postcode, signal_date):
        asked.append((postcode, signal_date))
        return ENSCHEDE, None

    validate_rows(
        [(2, row(postcode=" 7511ab "))],
        today=TODAY,
        oldest_signal_date=OLDEST_SIGNAL_DATE,
        locate=recording_locate,
        max_amount_cents=MAX_CENTS,
        bsn_allowed=True,
    )
    assert asked == [("7511AB", dt.date(2024, 2, 15))]


def test_every_problem_in_a_row_is_reported_in_column_order():
    cells = row(
        signaaldatum="2024-13-01",
        achternaam="",
        huisnummer="abc",
        postcode="0123AB",
        bedrag_achterstand="-1",
        bsn="12",
        crisissignaal="misschien",
    )
    valid, errors = validate(cells)
    assert valid == []
    assert [e.field for e in errors] == [
        "signaaldatum",
        "signaaldatum",  # which checks needed it
        "achternaam",
        "huisnummer",
        "postcode",
        "bsn",
        "bedrag_achterstand",
        "crisissignaal",
    ]
    assert all(e.row == 2 and e.message.startswith(f"Rij 2, {e.field}: ") for e in errors)


def test_invalid_rows_are_rejected_while_valid_rows_are_kept():
    valid, errors = validate(
        row(klantnummer="A"), row(klantnummer="B", postcode="x"), row(klantnummer="C")
    )
    assert [v.fields["customer_number"] for v in valid] == ["A", "C"]
    assert {e.row for e in errors} == {3}


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("geslacht", "q", "geen geldig geslacht"),
        ("contractsoort", "huur", "verwacht particulier of zakelijk"),
        ("warme_overdracht", "soms", "verwacht ja of nee"),
        ("aantal_termijnen", "2,5", "geen geldig aantal"),
        ("aantal_termijnen", "1000", "onaannemelijk hoog"),
        ("achternaam", "x" * 121, "te lang"),
        ("huisletter", "ab", "geen geldige huisletter"),
    ],
)
def test_invalid_optional_values_reject_the_row(column, value, fragment):
    error = only_error(row(**{column: value}))
    assert error.field == column
    assert fragment in error.message


DELIVERY_FORMAT = Path(__file__).resolve().parents[2] / "docs" / "aanleverformaat.md"


def test_delivery_format_documentation_describes_every_canonical_column():
    text = DELIVERY_FORMAT.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| \**([a-z_]+)\** \|", text, re.MULTILINE))
    assert documented >= set(CANONICAL_COLUMNS)
    for column in REQUIRED_COLUMNS:
        assert f"| **{column}** |" in text


def test_example_file_in_the_delivery_format_documentation_is_accepted():
    example = re.search(r"```csv\n(.*?)```", DELIVERY_FORMAT.read_text(encoding="utf-8"), re.S)
    rows = read_delivery_file(example.group(1).encode(), "voorbeeld.csv", {}, 1_000_000)
    checked = validate_rows(
        rows,
        today=TODAY,
        oldest_signal_date=OLDEST_SIGNAL_DATE,
        locate=locate,
        max_amount_cents=MAX_CENTS,
        bsn_allowed=False,
    )
    assert checked.errors == [] and checked.notices == []
    assert len(checked.valid) == 2
