"""The table 'Uitkomsten heropaf' has one row per melding: how its heropaf stands now (still
planned, or its latest outcome), however many rounds it went through or partners answered."""

import datetime as dt

import pytest

from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory
from tests.feedback import scenario
from tests.feedback.conftest import (
    SITE_URL,
    caseworker,
    energy,
    energy_staff,
    enschede,
    water,
    water_staff,
)
from vroegsignaal.casework.models import Event, EventKind
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.feedback.heropaf_checks import answer_check
from vroegsignaal.feedback.models import HeropafCheck
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.scope import municipality_scope

__all__ = ["caseworker", "energy", "energy_staff", "enschede", "water", "water_staff"]

OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
ROWS = (
    "Betalingen lopen weer (hersteld)",
    "Heropend: nieuwe contactronde",
    "Afgerond zonder antwoord van de signaalpartner",
    "Heropaf nog gepland",
)


def _heropaf(municipality, today):
    scope = municipality_scope(municipality.code, *OCTOBER, exact=True)
    return dashboard_tables(scope, today)["heropaf"]


def _answer_all(melding, contact_round, answer, staff):
    for check in HeropafCheck.objects.filter(melding=melding, contact_round=contact_round):
        answer_check(check, answer, user=staff[check.creditor_id], today=check.asked_on)


def test_a_melding_reopened_by_one_partner_and_later_restored_counts_once_as_restored(
    enschede, energy, water, energy_staff, water_staff, caseworker
):
    """Round 1: energy answers 'nee' (reopened), water 'ja' after it; round 2 is worked and
    closed, and at its heropaf both answer 'ja'. It was counted as reopened and restored."""
    staff = {energy.pk: energy_staff, water.pk: water_staff}
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    _answer_all(melding, 1, "nee", staff)
    melding.refresh_from_db()
    scenario.work_and_close(melding, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=dt.date(2027, 6, 15))
    _answer_all(melding, 2, "ja", staff)

    table = _heropaf(enschede, dt.date(2028, 1, 5))

    assert table.column(0) == list(ROWS)
    assert table.column(1) == [1, 0, 0, 0]
    assert "Eén rij per melding" in table.note


@pytest.fixture
def hengelo(db):
    return MunicipalityFactory(code="0164", name="Hengelo")


def _closed(municipality, *outcomes, **fields):
    fields = {"state": "closed", "result": Eindresultaat.ADVIES_QUICK_FIX, **fields}
    melding = MeldingFactory(municipality=municipality, signals=0, **fields)
    for kind in outcomes:  # in this order on the timeline
        Event.objects.create(melding=melding, kind=kind)
    return melding


def test_each_melding_counts_at_its_latest_heropaf_outcome_or_as_planned(hengelo):
    done, reopened = EventKind.HEROPAF_DONE, EventKind.REOPENED
    _closed(hengelo, done)  # restored at its first heropaf
    _closed(hengelo, reopened, state="contact_in_progress", result="", contact_round=2)
    _closed(hengelo, reopened, reopened, state="assigned", result="", contact_round=3)
    _closed(hengelo, reopened, done, contact_round=2)  # reopened, then restored
    # Reopened, worked and closed again, its next heropaf planned: only 'nog gepland'.
    _closed(hengelo, reopened, contact_round=2, heropaf_due_on=dt.date(2027, 9, 1))
    _closed(hengelo, heropaf_due_on=dt.date(2027, 5, 1))
    _closed(hengelo)  # closed, the creditor not yet informed: no heropaf

    table = _heropaf(hengelo, dt.date(2027, 6, 1))

    assert table.rows == list(zip(ROWS, [2, 2, 0, 2], strict=True))


def test_a_heropaf_closed_without_the_partners_answer_is_not_counted_as_restored(hengelo):
    """QA15 B1: 'geen antwoord' is not 'betaalt weer'; a later 'nee' that reopened it counts
    as reopened."""
    unanswered, reopened = EventKind.HEROPAF_UNANSWERED, EventKind.REOPENED
    _closed(hengelo, unanswered)
    _closed(hengelo, unanswered)
    _closed(hengelo, unanswered, reopened, state="reopened", result="", contact_round=2)

    table = _heropaf(hengelo, dt.date(2027, 6, 1))

    assert table.rows == list(zip(ROWS, [0, 1, 2, 0], strict=True))
