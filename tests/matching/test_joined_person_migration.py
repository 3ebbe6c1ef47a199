"""Migration matching.0010: a signal joined earlier as herhaalde melding, stored with a person
key of its own, becomes the person of the customer's earlier signal in that melding, so the
melding page lists the resident once (QA9 B2; melding 888 of the demo listed one three times)."""

from importlib import import_module

import pytest
from django.apps import apps
from tests.matching.test_match_period import TODAY, record

from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.casework.persons import persons_of
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
migration = import_module(
    "vroegsignaal.matching.migrations.0010_joined_signals_take_the_earlier_person"
)


def test_signals_joined_before_the_rule_take_the_person_of_the_earlier_signal(enschede):
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-09-03")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    ingest_records(energy, [record("E1", "2026-10-05", amount="300,00")], today=TODAY)
    ingest_records(zorg, [record("Z1", "2026-10-06")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    # As a run before the rule stored them: the October run's own key for its one person.
    joined = MeldingSignal.objects.filter(attached_as_repeat=True)
    joined.update(person_key="0153|2026-10|7511AB12|2")
    melding = Melding.objects.get()
    signals = Signal.objects.filter(melding_link__melding=melding).select_related(
        "melding_link", "creditor"
    )
    assert len(persons_of(signals)) == 2

    migration.take_the_earlier_person(apps, None)

    assert len(persons_of(signals.all())) == 1
    assert set(MeldingSignal.objects.values_list("person_key", flat=True)) == {
        MeldingSignal.objects.get(attached_as_repeat=False).person_key
    }
