"""Lead times count from the melding's first signal date, which matching stores on the melding
(monitoring reads it there instead of through every signal link)."""

import datetime as dt

import pytest

from tests.factories import AgreementFactory, CreditorFactory, enschede_with_energy_agreement
from tests.matching.test_match_period import record
from tests.monitoring.conftest import fill_chain_facts
from vroegsignaal.casework.models import ContactAttempt, Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.services import match_period
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.scope import municipality_scope

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def matched_meervoudig():
    """One meervoudig melding of October: energy on the 20th, health insurer on the 2nd."""
    municipality, energy = enschede_with_energy_agreement()
    zorg = CreditorFactory(code="zorg", name="Zorg", partner_type="Zorg")
    AgreementFactory(creditor=zorg, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-20")], today=TODAY)
    ingest_records(zorg, [record("Z1", "2026-10-02", datum_ontstaan="2026-09-01")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    return municipality, Melding.objects.get()


def test_matching_stores_the_earliest_signal_date_of_the_melding(matched_meervoudig):
    _, melding = matched_meervoudig
    assert melding.first_signal_on == dt.date(2026, 10, 2)


def test_lead_time_to_the_first_attempt_counts_from_the_stored_first_signal(matched_meervoudig):
    municipality, melding = matched_meervoudig
    ContactAttempt.objects.create(
        melding=melding, kind="Brief", attempted_on=dt.date(2026, 11, 1), part_of_day="Ochtend"
    )
    fill_chain_facts()
    scope = municipality_scope(municipality.code, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    table = dashboard_tables(scope, TODAY)["doorlooptijden"]
    assert table.row("Signaal tot eerste contactpoging")[1:] == (1, 30.0, 30.0)
