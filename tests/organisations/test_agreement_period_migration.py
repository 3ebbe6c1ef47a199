"""Migration organisations.0007 adds 'a convenant ends on or after its start' only where the
data allows it: a stored convenant is the legal basis of signals taken in, so it stops and
names the convenanten instead of guessing their dates."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from tests.factories import AgreementFactory

from vroegsignaal.organisations.models import Agreement

migration = import_module(
    "vroegsignaal.organisations.migrations.0007_agreement_ends_after_it_starts"
)


@pytest.fixture
def without_the_constraint(transactional_db, monkeypatch):
    """The agreements table as before the migration: without the period constraint (SQLite
    rebuilds the table from the model's constraints, so the model leaves it out meanwhile)."""
    constraints = Agreement._meta.constraints
    (constraint,) = [c for c in constraints if c.name == "agreement_ends_after_it_starts"]
    monkeypatch.setattr(Agreement._meta, "constraints", [c for c in constraints if c != constraint])
    with connection.schema_editor() as editor:
        editor.remove_constraint(Agreement, constraint)
    yield
    monkeypatch.undo()
    Agreement.objects.all().delete()
    with connection.schema_editor() as editor:
        editor.add_constraint(Agreement, constraint)


def test_the_migration_stops_at_a_convenant_ending_before_it_starts_and_names_it(
    without_the_constraint,
):
    reversed_period = AgreementFactory(valid_from=dt.date(2026, 6, 1), valid_to=dt.date(2026, 1, 1))

    with pytest.raises(RuntimeError, match=f"agreement {reversed_period.pk} \\(creditor"):
        migration.refuse_reversed_periods(apps, None)
    assert Agreement.objects.count() == 1


def test_the_migration_passes_open_and_one_day_periods(without_the_constraint):
    AgreementFactory()
    AgreementFactory(valid_from=dt.date(2026, 6, 1), valid_to=dt.date(2026, 6, 1))

    migration.refuse_reversed_periods(apps, None)
