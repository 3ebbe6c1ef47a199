"""Migration matching.0009: a stored herhaalde-melding reason names the earlier melding by its
kenmerk ('VS-14296'), and turns back to the database number when the migration is reversed."""

from importlib import import_module

from django.apps import apps
from tests.casework.factories import SignalFactory

migration = import_module("vroegsignaal.matching.migrations.0009_repeat_reason_names_the_kenmerk")

BY_NUMBER = "Eerder gemeld door dezelfde schuldeiser op 03-02-2025 (melding 14296)"
BY_KENMERK = "Eerder gemeld door dezelfde schuldeiser op 03-02-2025 (melding VS-14296)"


def _reasons(*signals) -> list[str]:
    for signal in signals:
        signal.refresh_from_db()
    return [signal.status_reason for signal in signals]


def test_a_stored_herhaalde_melding_reason_names_the_earlier_melding_by_its_kenmerk(db):
    stored = SignalFactory(status_reason=BY_NUMBER)
    already = SignalFactory(status_reason=BY_KENMERK)
    other = SignalFactory(status_reason="Te weinig signalen op dit adres: 1 van minimaal 2")

    migration.name_the_kenmerk(apps, None)

    assert _reasons(stored, already, other) == [
        BY_KENMERK,
        BY_KENMERK,  # not 'VS-VS-14296': running it twice changes nothing more
        "Te weinig signalen op dit adres: 1 van minimaal 2",
    ]


def test_reversing_the_migration_names_the_earlier_melding_by_its_number_again(db):
    stored = SignalFactory(status_reason=BY_KENMERK)
    other = SignalFactory(status_reason="Zakelijk contract")

    migration.name_the_number(apps, None)

    assert _reasons(stored, other) == [BY_NUMBER, "Zakelijk contract"]
