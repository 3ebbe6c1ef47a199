"""A crisis melding's first action: 3 working days after the matching, the municipality's own
urgency, counted without the days a Royal Decree equates with a holiday and without the
municipality's own closed days (QA10 B2)."""

import datetime as dt

import pytest
from tests.casework import closed_days

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
MONDAY_29_DECEMBER = dt.date(2025, 12, 29)


def _crisis_signal(energy):
    ingest_records(energy, [{
        "klantnummer": "E1", "signaaldatum": "2025-12-10", "achternaam": "Simons",
        "voorletters": "J.", "geboortedatum": "1980-05-12", "huisnummer": "12",
        "postcode": "7511AB", "bedrag_achterstand": "250,00", "datum_ontstaan": "2025-10-01",
        "crisissignaal": "ja",
    }], today=MONDAY_29_DECEMBER)  # fmt: skip


def test_a_crisis_melding_matched_on_29_december_2025_is_due_monday_5_january(enschede):
    # Nieuwjaarsdag, Friday 2 January (Besluit gelijkstelling) and the weekend do not count.
    municipality, energy, _ = enschede
    _crisis_signal(energy)
    match_period(municipality, "2025-12", today=MONDAY_29_DECEMBER)
    assert Melding.objects.get().due_on == dt.date(2026, 1, 5)


def test_the_municipalitys_own_closed_day_gives_the_crisis_first_action_a_day_more(enschede):
    municipality, energy, _ = enschede
    closed_days.close(municipality, dt.date(2025, 12, 30), "Collectieve vrije dag")
    _crisis_signal(energy)
    match_period(municipality, "2025-12", today=MONDAY_29_DECEMBER)
    assert Melding.objects.get().due_on == dt.date(2026, 1, 6)
