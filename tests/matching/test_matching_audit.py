"""Rule: the audit log says which month of which municipality was matched, by whom.

A rerun changes meldingen and terms; 'Gewijzigd | matching | /matching/' did not let the
privacy officer see which month someone matched again."""

import datetime as dt

import pytest
from tests.factories import DEMO_PASSWORD, UserFactory, enschede_with_energy_agreement
from tests.matching.test_match_period import record

from vroegsignaal.intake.services import ingest_records
from vroegsignaal.privacy.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")


def test_starting_a_run_is_audited_with_the_month_and_municipality(
    client, django_capture_on_commit_callbacks
):
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    user = UserFactory(intake=True, municipality=municipality)
    assert client.login(username=user.username, password=DEMO_PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/matching/", {"period": "2026-10"})

    entry = AuditEntry.objects.using("audit").get(action=AuditAction.CHANGE, endpoint="/matching/")
    assert entry.description == "matching oktober 2026, gemeente Enschede"
    assert entry.username == user.username


def test_a_refused_period_is_not_recorded_as_a_change(client):
    municipality, _ = enschede_with_energy_agreement()
    user = UserFactory(intake=True, municipality=municipality)
    assert client.login(username=user.username, password=DEMO_PASSWORD)

    client.post("/matching/", {"period": "2026-13"})

    assert not AuditEntry.objects.using("audit").filter(action=AuditAction.CHANGE).exists()
