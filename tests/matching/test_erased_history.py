"""Erased earlier signals (privacy.retention) still count for opeenvolgend and herhaalde melding:
the adapter compares keyed hashes of this period's keys with the hashes the erased rows keep."""

import datetime as dt

import pytest
from tests.matching.test_match_period import record

from vroegsignaal.casework.erasure import erase_melding
from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.intake.erasure import erase_signals
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
MAY = dt.date(2026, 5, 12)  # an earlier signal is delivered when it was made, within its term


def erase_everything_before(day: dt.date) -> None:
    assert erase_signals(Signal.objects.filter(signal_date__lt=day)) > 0
    for melding in Melding.objects.filter(period_end__lt=day):
        erase_melding(melding)


def test_an_erased_earlier_signal_still_makes_a_new_melding_opeenvolgend(enschede):
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-05-10", datum_ontstaan="2026-03-01")], today=MAY)
    erase_everything_before(dt.date(2026, 10, 1))
    ingest_records(zorg, [record("Z1", "2026-10-05", datum_ontstaan="2026-09-01")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert Melding.objects.get().is_consecutive


def test_an_erased_signal_at_another_address_does_not_make_a_melding_opeenvolgend(enschede):
    municipality, energy, zorg = enschede
    ingest_records(
        energy, [record("E1", "2026-05-10", house="14", datum_ontstaan="2026-03-01")], today=MAY
    )
    erase_everything_before(dt.date(2026, 10, 1))
    ingest_records(zorg, [record("Z1", "2026-10-05", datum_ontstaan="2026-09-01")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert not Melding.objects.get().is_consecutive


def test_a_repeat_of_an_erased_signal_is_still_a_herhaalde_melding(enschede):
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-09-03")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    first = Melding.objects.get()
    erase_everything_before(dt.date(2026, 10, 1))
    ingest_records(energy, [record("E1", "2026-10-05", amount="300,00")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    link = MeldingSignal.objects.get(signal__signal_date=dt.date(2026, 10, 5))
    assert link.melding == first and link.attached_as_repeat
    assert link.signal.status == Signaalstatus.HERHAALDE_MELDING
