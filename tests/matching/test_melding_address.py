"""A melding keeps the huisletter and huisnummertoevoeging of its address apart, as its signals
do, so every page can write them as the letter does ('417B-2'); the address key, the matching's
key, keeps them together ('7511AB|417|B2')."""

import datetime as dt

import pytest
from tests.factories import enschede_with_energy_agreement

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("cell", "letter", "addition", "key", "written"),
    [
        ("93-2", "", "2", "7511AB|93|2", "93-2"),
        ("417B-2", "B", "2", "7511AB|417|B2", "417B-2"),
        ("417 b", "B", "", "7511AB|417|B", "417B"),
        ("12 bis", "", "bis", "7511AB|12|BIS", "12-bis"),
    ],
)
def test_matching_keeps_the_letter_and_the_addition_of_the_melding_apart(
    cell, letter, addition, key, written
):
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(
        energy,
        [{"klantnummer": "E1", "signaaldatum": "2026-10-02", "achternaam": "Brinkhorst",
          "geboortedatum": "2001-07-04", "straat": "Lasondersingel", "huisnummer": cell,
          "postcode": "7511AB", "bedrag_achterstand": "250,00",
          "datum_ontstaan": "2026-08-01"}],
        today=TODAY,
    )  # fmt: skip

    match_period(municipality, "2026-10", today=TODAY)

    melding = Melding.objects.get()
    assert (melding.house_letter, melding.house_number_addition) == (letter, addition)
    assert melding.address_key == key
    assert melding.street_and_number == f"Lasondersingel {written}"


def _signal(customer, **address):
    return {
        "klantnummer": customer, "signaaldatum": "2026-10-02", "achternaam": "Yılmaz",
        "geboortedatum": "1990-07-04", "huisnummer": "5A", "postcode": "7511AB",
        "bedrag_achterstand": "250,00", "datum_ontstaan": "2026-08-01", **address,
    }  # fmt: skip


def test_the_melding_takes_street_and_woonplaats_from_a_signal_that_has_them():
    """QA14 B13: the melding took its address from its first signal, one without a street
    ('5A, 7511AB'), though another signal at the address had one."""
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [_signal("E1")], today=TODAY)
    ingest_records(
        energy, [_signal("E2", straat="Brinkstraat", woonplaats="Enschede")], today=TODAY
    )

    match_period(municipality, "2026-10", today=TODAY)

    melding = Melding.objects.get()
    assert melding.address == "Brinkstraat 5A, 7511AB Enschede"


def test_a_corrected_signal_with_its_street_completes_the_melding_on_a_rerun():
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [_signal("E1")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert Melding.objects.get().address == "5A, 7511AB"

    corrected = _signal("E1", straat="Brinkstraat", woonplaats="Enschede")
    ingest_records(energy, [corrected], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)

    assert Melding.objects.get().address == "Brinkstraat 5A, 7511AB Enschede"
