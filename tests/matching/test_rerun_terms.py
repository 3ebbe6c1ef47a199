"""Running a period again does not restart the first-action term of meldingen already made
(docs/termijnen.md: the term runs from the matching date). QA, 26-11-2026: re-running Enschede's
October moved every October melding's 'Eerste actie gemeente' to 3 working days / 14 days after
the rerun, so a late first action became 'Gehaald' and the monitoring showed 0 te laat."""

import datetime as dt

import pytest
from tests.matching.test_match_period import record

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
MATCHED = dt.date(2026, 10, 26)  # a Monday
RERUN = dt.date(2026, 11, 26)
DELIVERED = dt.date(2026, 10, 20)


def test_a_rerun_keeps_the_first_action_due_date_of_a_melding_made_earlier(enschede):
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02", crisissignaal="ja")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    assert Melding.objects.get().due_on == dt.date(2026, 10, 29)  # 3 working days

    match_period(municipality, "2026-10", today=RERUN)

    melding = Melding.objects.get()
    assert (melding.matched_on, melding.due_on) == (MATCHED, dt.date(2026, 10, 29))


def test_a_late_crisis_signal_shortens_the_term_counted_from_the_rerun(enschede):
    """The municipality learns of the crisis when the late signal is matched: 3 working days
    from that run, unless the melding's own term ends sooner."""
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-10-02")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    ordinary_due = Melding.objects.get().due_on
    assert ordinary_due > dt.date(2026, 11, 2)

    late = record("Z1", "2026-10-28", crisissignaal="ja", datum_ontstaan="2026-09-01")
    ingest_records(zorg, [late], today=dt.date(2026, 10, 29))
    match_period(municipality, "2026-10", today=dt.date(2026, 10, 29))  # a Thursday

    assert Melding.objects.get().due_on == dt.date(2026, 11, 3)  # Fri, Mon, Tue


def test_a_no_go_that_becomes_a_go_on_a_rerun_gets_its_term_from_that_run(enschede):
    """It was closed as not picked up; the municipality only now has a melding to act on."""
    municipality, energy, zorg = enschede
    save_policy({"minimum_signals_for_go": 2}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    assert not Melding.objects.get().go

    late = record("Z1", "2026-10-28", datum_ontstaan="2026-09-01", crisissignaal="ja")
    ingest_records(zorg, [late], today=RERUN)
    match_period(municipality, "2026-10", today=RERUN)  # a Thursday

    melding = Melding.objects.get()
    assert melding.go and melding.due_on == dt.date(2026, 12, 1)  # Fri, Mon, Tue


def test_a_no_go_that_stays_a_no_go_keeps_its_date_on_a_rerun(enschede):
    municipality, energy, _ = enschede
    save_policy({"minimum_signals_for_go": 2}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    before = Melding.objects.values_list("go", "due_on").get()

    match_period(municipality, "2026-10", today=RERUN)

    assert Melding.objects.values_list("go", "due_on").get() == before
