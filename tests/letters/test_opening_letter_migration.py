"""Migration letters.0004 adds 'one opening letter per melding and round' only where the data
allows it: rows of a second opening letter record letters that went out, so it stops and names
them instead of deleting any."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from tests.letters.conftest import assigned_melding
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import SentLetter

migration = import_module("vroegsignaal.letters.migrations.0004_one_opening_letter_per_round")


@pytest.fixture
def without_the_constraint(transactional_db):
    """The letters table as before the migration: without the one-per-round constraint."""
    (constraint,) = SentLetter._meta.constraints
    with connection.schema_editor() as editor:
        editor.remove_constraint(SentLetter, constraint)
    yield
    SentLetter.objects.all().delete()
    with connection.schema_editor() as editor:
        editor.add_constraint(SentLetter, constraint)


def test_the_migration_stops_at_a_second_opening_letter_in_a_round_and_names_it(
    without_the_constraint, enschede, caseworker
):
    melding = assigned_melding(enschede, caseworker, contact_round=2)
    SentLetter.objects.create(melding=melding, kind=LetterKind.FIRST, contact_round=2)
    SentLetter.objects.create(melding=melding, kind=LetterKind.HEROPAF, contact_round=2)

    with pytest.raises(RuntimeError, match=f"melding {melding.pk} round 2\\."):
        migration.refuse_second_opening_letters(apps, None)
    assert SentLetter.objects.count() == 2


def test_the_migration_passes_one_opening_letter_per_round_beside_reminders(
    without_the_constraint, enschede, caseworker
):
    melding = assigned_melding(enschede, caseworker, contact_round=2)
    SentLetter.objects.create(melding=melding, kind=LetterKind.FIRST, contact_round=1)
    SentLetter.objects.create(melding=melding, kind=LetterKind.HEROPAF, contact_round=2)
    SentLetter.objects.create(melding=melding, kind=LetterKind.REMINDER, contact_round=2)
    SentLetter.objects.create(melding=melding, kind=LetterKind.REMINDER, contact_round=2)

    migration.refuse_second_opening_letters(apps, None)
