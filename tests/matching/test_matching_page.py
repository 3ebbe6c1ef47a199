"""The matching page: intake staff start a run for their own municipality."""

import datetime as dt

import pytest
from tests.factories import DEMO_PASSWORD, UserFactory, enschede_with_energy_agreement
from tests.matching.test_match_period import record

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.models import MatchingRun

pytestmark = pytest.mark.django_db


def logged_in(client, user):
    assert client.login(username=user.username, password=DEMO_PASSWORD)
    return client


def test_intake_staff_start_a_run_and_see_its_result(client, django_capture_on_commit_callbacks):
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    user = UserFactory(intake=True, municipality=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(client, user).post("/matching/", {"period": "2026-10"}, follow=True)
    assert "De matching voor 2026-10 is gestart" in response.content.decode()
    response = client.get("/matching/")
    run = MatchingRun.objects.get()
    assert run.municipality == municipality and run.started_by == user
    assert Melding.objects.count() == 1
    assert "oktober 2026" in response.content.decode()


@pytest.mark.parametrize("period", ["2026-13", "okt", "2999-01"])
def test_a_wrong_or_future_period_is_explained_in_dutch(client, period):
    municipality, _ = enschede_with_energy_agreement()
    user = UserFactory(intake=True, municipality=municipality)
    response = logged_in(client, user).post("/matching/", {"period": period})
    assert response.status_code == 200 and "Fout:" in response.content.decode()
    assert not MatchingRun.objects.exists()


def test_other_roles_cannot_start_matching(client):
    municipality, _ = enschede_with_energy_agreement()
    for user in (
        UserFactory(caseworker=True, municipality=municipality),
        UserFactory(creditor_staff=True),
    ):
        assert logged_in(client, user).post("/matching/", {"period": "2026-10"}).status_code == 403
    assert not MatchingRun.objects.exists()
